"""The ``groggy`` command line (also ``python -m groggy``).

    groggy SUBCOMMAND [FILE] [--directed] [--json]

FILE is a native file (recognised by its magic number) or an edge list; without FILE the
bundled karate club is used. Errors print one line on stderr and exit with status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time

from ._errors import GroggyError


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 1."""

    def error(self, message):
        print(f"groggy: {message} (see groggy --help)", file=sys.stderr)
        raise SystemExit(1)


def _load(args):
    from . import files
    from .datasets import karate_club

    if args.file is None:
        return karate_club()
    if files.is_native_file(args.file):
        return files.load(args.file)
    return files.read_edgelist(args.file, directed=args.directed, progress=True)


def _key(g, text: str):
    """A key typed on the command line: the string when the graph has that string key,
    else the int it spells (if it spells one)."""
    if text in g:
        return text
    try:
        return int(text)
    except ValueError:
        return text


class _Working:
    """Shows how long an algorithm has run, on stderr when it is a terminal, once it has
    run for about a second (how much work is left is not known in advance)."""

    def __init__(self, label: str):
        self.label = label
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._show, daemon=True)

    def _show(self) -> None:
        start = time.monotonic()
        if self.done.wait(1.0):
            return
        while not self.done.wait(0.2):
            sys.stderr.write(f"\r{self.label}... {time.monotonic() - start:.1f} s")
            sys.stderr.flush()
        sys.stderr.write("\r" + " " * (len(self.label) + 16) + "\r")
        sys.stderr.flush()

    def __enter__(self):
        if sys.stderr.isatty():
            self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        if self.thread.is_alive():
            self.thread.join()


def _emit(args, data, text: str) -> None:
    print(json.dumps(data) if args.json else text)


def _member(key, degree: int) -> str:
    return f"member {key} ({degree} friend{'' if degree == 1 else 's'})"


def _demo(args) -> None:
    from .datasets import karate_club

    g = karate_club()
    if args.json:
        degrees = g.degrees().top(g.node_count)
        data = {
            "nodes": g.node_count,
            "edges": g.edge_count,
            "most_connected": [{"node": k, "degree": d} for k, d in degrees[:3]],
            "pagerank_top": [{"node": k, "score": s} for k, s in g.pagerank().top(5)],
            "component_sizes": [len(c) for c in g.connected_components()],
        }
        print(json.dumps(data))
        return
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


def _info(args) -> None:
    g = _load(args)
    with _Working("components"):
        components = g.connected_components()
    data = {
        "nodes": g.node_count,
        "edges": g.edge_count,
        "directed": g.directed,
        "components": len(components),
        "largest_component": len(components[0]) if components else 0,
        "node_attributes": g.node_attr_names(),
        "edge_attributes": g.edge_attr_names(),
    }
    kind = "directed" if g.directed else "undirected"
    text = (
        f"{kind} graph: {data['nodes']} nodes, {data['edges']} edges, "
        f"{data['components']} component(s), the largest of {data['largest_component']} nodes"
    )
    if data["node_attributes"]:
        text += f"\nnode attributes: {', '.join(data['node_attributes'])}"
    if data["edge_attributes"]:
        text += f"\nedge attributes: {', '.join(data['edge_attributes'])}"
    _emit(args, data, text)


def _pagerank(args) -> None:
    g = _load(args)
    with _Working("pagerank"):
        top = g.pagerank(weight=args.weight).top(args.top)
    data = [{"node": k, "score": s} for k, s in top]
    _emit(args, data, "\n".join(f"{k}\t{s:.6f}" for k, s in top))


def _components(args) -> None:
    g = _load(args)
    with _Working("components"):
        sizes = [len(c) for c in g.connected_components()]
    shown = ", ".join(map(str, sizes[:10])) + (", ..." if len(sizes) > 10 else "")
    _emit(args, {"count": len(sizes), "sizes": sizes}, f"{len(sizes)} component(s): {shown}")


def _bfs(args) -> None:
    g = _load(args)
    with _Working("bfs"):
        order = g.bfs(_key(g, args.source), depth_limit=args.depth)
    _emit(args, order, " ".join(map(str, order)))


def _shortest_path(args) -> None:
    g = _load(args)
    with _Working("shortest-path"):
        path = g.shortest_path(_key(g, args.source), _key(g, args.target), weight=args.weight)
    _emit(args, path, " -> ".join(map(str, path)))


def _convert(args) -> None:
    from . import files

    if files.is_native_file(args.input):
        g = files.load(args.input)
    else:
        g = files.read_edgelist(args.input, directed=args.directed, progress=True)
    if str(args.output).endswith(".groggy"):
        g.save(args.output)
        kind = "native"
    else:
        g.write_edgelist(args.output)
        kind = "edge list"
    # A file name that is not UTF-8 (surrogate-escaped by Python) is shown with U+FFFD, as
    # the library's own messages show it: printing the escapes would fail on a strict stdout.
    shown = os.fsencode(args.output).decode("utf-8", "replace")
    data = {"nodes": g.node_count, "edges": g.edge_count, "output": shown}
    _emit(args, data, f"wrote {kind} {shown}: {g.node_count} nodes, {g.edge_count} edges")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="groggy", description="groggy: graphs from the command line")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name, func, help_text, with_file=True):
        p = sub.add_parser(name, help=help_text)
        if with_file:
            p.add_argument(
                "file", nargs="?", help="native file or edge list (default: karate club)"
            )
            p.add_argument("--directed", action="store_true", help="read an edge list as directed")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(func=func)
        return p

    command("demo", _demo, "summarise the bundled karate club", with_file=False)
    command("info", _info, "sizes, components and attributes")
    command("pagerank", _pagerank, "the highest PageRank scores").add_argument(
        "--top", type=int, default=10, help="how many (default 10)"
    )
    sub.choices["pagerank"].add_argument("--weight", help="edge attribute to use as weights")
    command("components", _components, "connected components, largest first")
    bfs = command("bfs", _bfs, "nodes in breadth-first order from SOURCE")
    bfs.add_argument("source")
    bfs.add_argument("--depth", type=int, help="at most this many hops")
    path = command("shortest-path", _shortest_path, "a shortest path from SOURCE to TARGET")
    path.add_argument("source")
    path.add_argument("target")
    path.add_argument("--weight", help="edge attribute to use as weights")
    convert = sub.add_parser("convert", help="convert between edge lists and native files")
    convert.add_argument("input")
    convert.add_argument("output", help="native file when it ends in .groggy, else an edge list")
    convert.add_argument("--directed", action="store_true", help="read an edge list as directed")
    convert.add_argument("--json", action="store_true", help="machine-readable output")
    convert.set_defaults(func=_convert)
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        args.func(args)
    except (GroggyError, OSError, ValueError, KeyError, OverflowError, TypeError) as err:
        message = err.args[0] if isinstance(err, KeyError) and err.args else err
        print(f"groggy: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("groggy: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`groggy demo | head`): stop quietly, as Unix tools do.
        sys.stderr.close()
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
