"""gr.datasets: the small real graphs bundled in the package, usable from any directory."""

import pytest

import groggy as gr


def test_the_bundled_graphs_have_their_published_sizes(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # nothing depends on where the user runs
    wiki = gr.datasets.wiki_vote()
    assert (wiki.directed, wiki.node_count, wiki.edge_count) == (True, 7_115, 103_689)
    assert len(wiki.connected_components()) == 24
    grqc = gr.datasets.ca_grqc()
    assert (grqc.directed, grqc.node_count, grqc.edge_count) == (False, 5_242, 14_496)
    karate = gr.datasets.karate_club()
    assert (karate.node_count, karate.edge_count) == (34, 78)
    assert {karate.get_node_attr(k, "club") for k in karate.nodes} == {"Mr. Hi", "Officer"}


def test_path_names_each_bundled_file():
    assert gr.datasets.names() == ["karate", "wiki-vote", "ca-grqc"]
    for name in gr.datasets.names():
        path = gr.datasets.path(name)
        assert path.is_absolute() and path.is_file()
        assert gr.datasets.describe(name)
    g = gr.read_edgelist(gr.datasets.path("karate"))
    assert (g.node_count, g.edge_count) == (34, 78)


@pytest.mark.parametrize("name", ["wiki-Vote", "nope", "", 3])
def test_an_unknown_name_is_a_key_error_listing_the_known_ones(name):
    with pytest.raises(KeyError, match="karate, wiki-vote, ca-grqc"):
        gr.datasets.path(name)
    with pytest.raises(KeyError):
        gr.datasets.describe(name)
