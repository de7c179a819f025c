"""Small real graphs shipped inside the package, so examples run anywhere.

    >>> import groggy as gr
    >>> gr.datasets.wiki_vote().edge_count
    103689

``groggy datasets`` lists the bundled files with their paths; ``groggy datasets NAME``
prints the path of one, for the command line:
``groggy info "$(groggy datasets wiki-vote)" --directed``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .files import read_edgelist
from .graph import Graph

_DATA = Path(__file__).resolve().parent / "data"

# name -> (file in data/, directed?, what it is). The SNAP files are the unmodified
# originals (gzip, a 4-line `#` header, TAB separators, CRLF line endings).
_FILES = {
    "karate": ("karate.edgelist", False, "Zachary's karate club: 34 nodes, 78 edges"),
    "wiki-vote": (
        "wiki-Vote.txt.gz",
        True,
        "Wikipedia adminship votes (SNAP): 7,115 nodes, 103,689 edges",
    ),
    "ca-grqc": (
        "ca-GrQc.txt.gz",
        False,
        "arXiv General Relativity collaborations (SNAP): 5,242 nodes, 14,496 edges",
    ),
}

__all__ = ["ca_grqc", "describe", "karate_club", "names", "path", "wiki_vote"]


def names() -> list[str]:
    """The names :func:`path` takes: ``["karate", "wiki-vote", "ca-grqc"]``."""
    return list(_FILES)


def path(name: str) -> Path:
    """The path of the bundled edge-list file called ``name`` (see :func:`names`).

    Raises ``KeyError`` naming the known datasets for any other name."""
    try:
        file_name = _FILES[name][0]
    except (KeyError, TypeError):
        raise KeyError(f"no bundled dataset {name!r}; there are: {', '.join(_FILES)}") from None
    return _DATA / file_name


def _data_lines(name: str) -> Iterator[str]:
    with open(_DATA / name, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def karate_club() -> Graph:
    """Zachary's karate club: 34 members (int keys 0-33, as in networkx), 78 friendships,
    and each member's ``club`` after the split ("Mr. Hi" or "Officer")."""
    g = Graph(directed=False)
    clubs = [line.split("\t") for line in _data_lines("karate_clubs.tsv")]
    g.add_nodes((int(member), {"club": club}) for member, club in clubs)
    edges = [line.split() for line in _data_lines("karate.edgelist")]
    g.add_edges((int(u), int(v)) for u, v in edges)
    return g


def wiki_vote() -> Graph:
    """SNAP's wiki-Vote: who voted for whom in Wikipedia adminship elections; a directed
    graph of 7,115 nodes (int keys) and 103,689 edges, 24 weak components."""
    return read_edgelist(path("wiki-vote"), directed=True)


def ca_grqc() -> Graph:
    """SNAP's ca-GrQc: co-authorships in arXiv's General Relativity section; an undirected
    graph of 5,242 nodes (int keys) and 14,496 edges (the file lists each edge both ways)."""
    return read_edgelist(path("ca-grqc"), directed=False)


def describe(name: str) -> str:
    """One line on the bundled dataset ``name``: what it is and whether it is directed."""
    path(name)  # the KeyError for an unknown name
    _, directed, what = _FILES[name]
    return f"{what} ({'directed' if directed else 'undirected'})"
