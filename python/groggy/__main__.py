"""The ``groggy`` command line (also ``python -m groggy``).

    groggy SUBCOMMAND [FILE] [--directed] [--json]
    groggy --version

FILE is a native file (recognised by its magic number) or an edge list (``--delimiter``,
``--header``); without FILE the bundled karate club is used. ``bfs`` and
``shortest-path`` take their nodes after FILE. Errors print one line on stderr and exit
with status 1; output to a closed pipe (``groggy bfs 0 | head -1``) ends quietly with
status 0. The commands only parse arguments, call the library and format its results.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import threading
import time

from . import __version__, datasets, files, interop, markup
from ._errors import GroggyError, GroggyIOError
from .datasets import karate_club

# Formats by extension: how FILE is read (a native file is native whatever its name; any
# other extension is an edge list) and what `convert` writes to OUT.
_FORMATS = {
    ".groggy": "native",
    ".txt": "edge list",
    ".edges": "edge list",
    ".el": "edge list",
    ".csv": "CSV",
    ".graphml": "GraphML",
    ".gml": "GML",
    ".parquet": "Parquet",
}
_WRITABLE = (
    ".groggy (native), .txt, .edges or .el (edge list), .csv (CSV tables), .graphml, .gml "
    "or .parquet (a folder)"
)
_FILE_HELP = "native file, or by extension an edge list, CSV, GraphML, GML or Parquet folder"
# The largest --top and --depth (the engine takes int64 counts).
_MAX_COUNT = 2**63 - 1


class _Failure(Exception):
    """A failure already worded for the user: printed as it is, after "groggy: "."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 1."""

    def error(self, message):
        # "argument --top: invalid int value: 'x'" reads better without "argument ".
        message = message.removeprefix("argument ")
        print(f"groggy: {message} (see groggy --help)", file=sys.stderr)
        raise SystemExit(1)


def _shown(path) -> str:
    """A path as messages show it: a name that is not UTF-8 (surrogate-escaped by Python)
    with U+FFFD, as the library's own messages show it (the escapes would fail to print on
    a strict stdout)."""
    return os.fsencode(path).decode("utf-8", "replace")


def _extension(path) -> str:
    return os.path.splitext(os.fsdecode(path))[1].lower()


def _message(err: BaseException) -> str:
    """An error's message on one line, without the library operation's name (the command
    line names its own step)."""
    text = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
    operation = getattr(err, "operation", None)
    if operation and text.startswith(f"{operation}: "):
        text = text[len(operation) + 2 :]
    return " ".join(text.splitlines())


def _delimiter_hint(path) -> str:
    """A hint to pass --delimiter when the first data line of a file that failed to read
    as a whitespace-separated edge list holds a likely separator (a CSV file, say)."""
    try:
        with open(path, "rb") as f:
            packed = f.read(2) == b"\x1f\x8b"
        with (gzip.open if packed else open)(path, "rb") as f:
            head = f.read(1 << 16)
    except (OSError, EOFError):
        return ""
    for line in head.splitlines():
        if line.strip() and not line.startswith(b"#"):
            for sep, shell, name in ((b",", ",", "comma"), (b";", "';'", "semicolon")):
                if sep in line:
                    return f" ({name}-separated? use --delimiter {shell})"
            return ""
    return ""


def _csv_nodes(path) -> str:
    """The nodes file `convert` writes beside a CSV edges file, and reading it picks up:
    `g.csv` and `g.nodes.csv`."""
    root, extension = os.path.splitext(os.fsdecode(path))
    return f"{root}.nodes{extension}"


def _read_format(path, args):
    """The graph in FILE, read as its extension says (a folder of Parquet files too)."""
    if not os.path.isdir(path) and files.is_native_file(path):
        return files.load(path)
    kind = _FORMATS.get(_extension(path), "edge list")
    if kind == "CSV":
        nodes = _csv_nodes(path)
        return files.read_csv(
            path,
            nodes=nodes if os.path.exists(nodes) else None,
            delimiter=args.delimiter or ",",
            directed=args.directed,
            progress=True,
        )
    if kind == "GraphML":
        return markup.read_graphml(path)
    if kind == "GML":
        return markup.read_gml(path)
    if kind == "Parquet":
        return interop.read_parquet(path, directed=args.directed)
    return files.read_edgelist(
        path, directed=args.directed, delimiter=args.delimiter, header=args.header, progress=True
    )


def _read(path, args):
    """The graph in FILE: native by its magic number, else by its extension (an edge list
    for any other). Errors come out as one line naming the file (no command: reading is the
    same for every command)."""
    try:
        return _read_format(path, args)
    except GroggyIOError as err:
        edge_list = _FORMATS.get(_extension(path), "edge list") == "edge list"
        hint = _delimiter_hint(path) if args.delimiter is None and edge_list else ""
        raise _Failure(_message(err) + hint) from None
    except (GroggyError, OSError, ValueError, ImportError) as err:
        raise _Failure(_message(err)) from None


def _load(args):
    if args.file is None:
        return karate_club()
    return _read(args.file, args)


def _nodes(args, names: tuple) -> list:
    """Splits the operands of bfs / shortest-path into FILE and the nodes: as many operands
    as nodes name nodes of the karate club; one more puts FILE first. A lone FILE (an
    existing path where the first node would be) is the mistake of a forgotten node."""
    operands = args.operands
    needed = " and a ".join(names)
    usage = f"groggy {args.command} [FILE] {' '.join(n.upper() for n in names)}"
    if len(operands) == len(names) + 1:
        args.file = operands[0]
        return operands[1:]
    if len(operands) > len(names) + 1:
        raise _Failure(f"{args.command}: too many operands (usage: {usage})")
    if len(operands) < len(names) or os.path.exists(operands[0]):
        raise _Failure(
            f"{args.command}: a {needed} node {_are(len(names))} required (usage: {usage})"
        )
    args.file = None
    return operands


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def _count(n: int, noun: str) -> str:
    """A count with its noun: "1 edge", "2 edges"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _count_option(args, name: str) -> None:
    """--top and --depth: counts the engine takes (0 to int64's maximum)."""
    value = getattr(args, name, None)
    if value is None:
        return
    if value < 0:
        raise _Failure(f"--{name} must be >= 0")
    if value > _MAX_COUNT:
        raise _Failure(f"--{name} must be at most {_MAX_COUNT}")


def _key(g, text: str):
    """A key typed on the command line: the string when the graph has that string key,
    else the int it spells (if it spells one)."""
    if text in g:
        return text
    try:
        number = int(text)
    except ValueError:
        return text
    # Beyond int64 no graph has it as an int: looked up as typed, it is "not found".
    return number if -_MAX_COUNT - 1 <= number <= _MAX_COUNT else text


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
    return f"member {key} ({_count(degree, 'friend')})"


def _demo(args) -> None:
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
    print(f"  {_count(g.node_count, 'member')}, {_count(g.edge_count, 'friendship')}")
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
    if len(sizes) == 1:
        print(f"  1 connected component of {_count(sizes[0], 'member')}")
    else:
        print(f"  {_count(len(sizes), 'connected component')} of sizes {sizes}")


def _datasets(args) -> None:
    if args.name is not None:
        try:
            path = datasets.path(args.name)
        except KeyError as err:
            raise _Failure(f"datasets: {err.args[0]}") from None
        _emit(args, {"name": args.name, "path": str(path)}, str(path))
        return
    rows = [
        {"name": n, "path": str(datasets.path(n)), "about": datasets.describe(n)}
        for n in datasets.names()
    ]
    _emit(args, rows, "\n".join(f"{r['name']}\t{r['path']}\t{r['about']}" for r in rows))


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
        f"{kind} graph: {_count(data['nodes'], 'node')}, {_count(data['edges'], 'edge')}, "
        f"{_count(data['components'], 'component')}"
    )
    if len(components) > 1:
        text += f", the largest of {_count(data['largest_component'], 'node')}"
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
    text = _count(len(sizes), "component") + (f": {shown}" if sizes else "")
    _emit(args, {"count": len(sizes), "sizes": sizes}, text)


def _bfs(args) -> None:
    (source,) = _nodes(args, ("source",))
    g = _load(args)
    with _Working("bfs"):
        order = g.bfs(_key(g, source), depth_limit=args.depth)
    _emit(args, order, " ".join(map(str, order)))


def _shortest_path(args) -> None:
    source, target = _nodes(args, ("source", "target"))
    g = _load(args)
    with _Working("shortest-path"):
        path = g.shortest_path(_key(g, source), _key(g, target), weight=args.weight)
    _emit(args, path, " -> ".join(map(str, path)))


def _write(g, kind: str, path) -> None:
    """Writes `g` to OUT in the format `kind` (a CSV edges file with its nodes file)."""
    if kind == "native":
        g.save(path)
    elif kind == "CSV":
        g.write_csv(path, nodes=_csv_nodes(path))
    elif kind == "GraphML":
        g.write_graphml(path)
    elif kind == "GML":
        g.write_gml(path)
    elif kind == "Parquet":
        g.write_parquet(path)
    else:
        g.write_edgelist(path)


def _convert(args) -> None:
    kind = _FORMATS.get(_extension(args.output))
    # Refused before anything is read: the answer does not depend on the input.
    if kind is None:
        raise _Failure(
            f"convert: cannot tell the format of {_shown(args.output)} from its extension; "
            f"use {_WRITABLE}"
        )
    g = _read(args.input, args)
    try:
        _write(g, kind, args.output)
    except (GroggyError, OSError, ValueError, ImportError) as err:
        raise _Failure(_message(err)) from None
    shown = _shown(args.output)
    data = {"nodes": g.node_count, "edges": g.edge_count, "output": shown}
    text = f"wrote {kind} {shown}: {_count(g.node_count, 'node')}, {_count(g.edge_count, 'edge')}"
    _emit(args, data, text)


def _delimiter(text: str) -> str:
    """--delimiter: one character; \\t or "tab" for a tab (hard to type in a shell)."""
    text = {"\\t": "\t", "tab": "\t"}.get(text, text)
    if len(text) != 1:
        raise argparse.ArgumentTypeError("must be one character; \\t or tab stands for a tab")
    return text


def _reading_options(p) -> None:
    """The options of every command that reads FILE."""
    p.add_argument(
        "--directed",
        action="store_true",
        help="read an edge list, CSV or Parquet as directed (GraphML and GML say it themselves)",
    )
    p.add_argument(
        "--delimiter",
        type=_delimiter,
        metavar="C",
        help="the field separator of an edge list (default: whitespace) or CSV (default: ,); "
        "\\t or tab for a tab",
    )
    p.add_argument(
        "--header", action="store_true", help="skip the first line of an edge list (column names)"
    )


_WEIGHT_HELP = "the edge attribute to use as weights (an edge without it weighs 1)"
_NODES_HELP = {
    "bfs": (
        "[FILE] SOURCE",
        "SOURCE alone is a node of the bundled karate club; FILE SOURCE, a node of FILE",
    ),
    "shortest-path": (
        "[FILE] SOURCE TARGET",
        "SOURCE TARGET alone are nodes of the bundled karate club; FILE SOURCE TARGET, of FILE",
    ),
}


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="groggy", description="groggy: graphs from the command line")
    parser.add_argument("--version", action="version", version=f"groggy {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="SUBCOMMAND", required=True, parser_class=_Parser
    )

    def command(name, func, help_text, with_file=True):
        nodes = _NODES_HELP.get(name)
        usage = None if nodes is None else f"%(prog)s {nodes[0]} [options]"
        p = sub.add_parser(name, help=help_text, usage=usage, description=help_text)
        if nodes is not None:
            # "*": a missing node is reported by _nodes, in the command's terms.
            p.add_argument("operands", nargs="*", metavar=nodes[0], help=nodes[1])
        elif with_file:
            p.add_argument("file", nargs="?", help=f"{_FILE_HELP} (default: karate club)")
        if with_file:
            _reading_options(p)
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(func=func)
        return p

    command("demo", _demo, "summarise the bundled karate club", with_file=False)
    command("info", _info, "sizes, components and attributes")
    data = command(
        "datasets",
        _datasets,
        "the small real graphs bundled with groggy: their names and files, or the file of NAME",
        with_file=False,
    )
    data.add_argument("name", nargs="?", metavar="NAME", help="karate, wiki-vote or ca-grqc")
    rank = command("pagerank", _pagerank, "the highest PageRank scores")
    rank.add_argument("--top", type=int, default=10, metavar="N", help="how many (default 10)")
    rank.add_argument("--weight", metavar="NAME", help=_WEIGHT_HELP)
    command("components", _components, "connected components, largest first")
    bfs = command("bfs", _bfs, "nodes in breadth-first order from SOURCE")
    bfs.add_argument("--depth", type=int, metavar="N", help="at most this many hops")
    path = command("shortest-path", _shortest_path, "a shortest path from SOURCE to TARGET")
    path.add_argument("--weight", metavar="NAME", help=_WEIGHT_HELP)
    convert = sub.add_parser(
        "convert",
        help="convert between file formats",
        description="convert between file formats; OUT's extension chooses the format: "
        f"{_WRITABLE}. A CSV edges file g.csv comes with its nodes file g.nodes.csv (written "
        "by convert, read when there).",
    )
    convert.add_argument("input", metavar="IN", help=_FILE_HELP)
    convert.add_argument("output", metavar="OUT", help=f"{_WRITABLE}")
    _reading_options(convert)
    convert.add_argument("--json", action="store_true", help="machine-readable output")
    convert.set_defaults(func=_convert)
    return parser


def _run(argv) -> int:
    args = _parser().parse_args(argv)
    try:
        _count_option(args, "top")
        _count_option(args, "depth")
        args.func(args)
    except _Failure as failure:
        print(f"groggy: {failure}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # an OSError, but not a failure: see main
    except (GroggyError, OSError, ValueError, KeyError, OverflowError, TypeError) as err:
        print(f"groggy: {args.command}: {_message(err)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("groggy: interrupted", file=sys.stderr)
        return 1
    return 0


def main(argv=None) -> int:
    try:
        try:
            return _run(argv)
        finally:
            # Flushed here, a closed pipe shows below rather than at interpreter shutdown.
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`groggy bfs 0 | head -1`): stop quietly, as Unix tools do.
        # What is still buffered would fail again when Python flushes stdout on exit, so
        # stdout now leads to the null device.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 0


if __name__ == "__main__":
    sys.exit(main())
