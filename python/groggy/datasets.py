"""Small graphs shipped inside the package."""

from __future__ import annotations

from pathlib import Path

from .graph import Graph

_DATA = Path(__file__).resolve().parent / "data"


def _data_lines(name: str):
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
