"""The ``groggy`` command line (also ``python -m groggy``)."""

from __future__ import annotations

import argparse
import sys

from ._errors import GroggyError


def _member(key, degree: int) -> str:
    return f"member {key} ({degree} friend{'' if degree == 1 else 's'})"


def _demo(_args) -> None:
    from .datasets import karate_club

    g = karate_club()
    print("Zachary's karate club")
    print(f"  {g.node_count} members, {g.edge_count} friendships")
    degrees = g.degrees()
    ranked = degrees.top(len(degrees))
    lowest = ranked[-1][1]
    most = ranked[:3]
    least = [kv for kv in ranked if kv[1] == lowest]
    print("  most connected:  " + ", ".join(_member(k, d) for k, d in most))
    print("  least connected: " + ", ".join(_member(k, d) for k, d in least))
    member = most[0][0]
    club = g.get_node_attr(member, "club")
    print(f"  member {member} ({club}) is friends with: {sorted(g.neighbors(member))}")
    top = ", ".join(f"{k} ({score:.3f})" for k, score in g.pagerank().top(5))
    print(f"  top five by PageRank: {top}")
    sizes = [len(c) for c in g.connected_components()]
    print(f"  {len(sizes)} connected component(s) of sizes {sizes}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="groggy", description="groggy graph engine")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="summarise the bundled karate club graph").set_defaults(func=_demo)
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except GroggyError as err:
        print(f"groggy: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`groggy demo | head`): stop quietly, as Unix tools do.
        sys.stderr.close()
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
