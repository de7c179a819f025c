"""Concurrency under stress: eight threads share one graph for ten seconds, writers adding
and removing nodes, edges and attributes while readers traverse, read degrees and columns
and run PageRank. Nothing may crash, nothing but the expected not-found errors may be
raised, and the graph's invariants must hold afterwards."""

import random
import threading
import time

import groggy as gr

DURATION = 10.0
KEYS = 400


def writer(g, seed, stop, errors, counts):
    rng = random.Random(seed)
    while not stop.is_set():
        u, v = rng.randrange(KEYS), rng.randrange(KEYS)
        action = rng.random()
        try:
            if action < 0.35:
                g.add_edge(u, v, w=rng.random())
            elif action < 0.5:
                g.remove_edge(u, v)
            elif action < 0.6:
                g.remove_node(u)
            elif action < 0.8:
                g.add_node(u, label=f"n{u}", size=rng.randrange(100))
            elif action < 0.9:
                g.set_node_attr(u, "size", rng.randrange(100))
            else:
                g.add_edges([(rng.randrange(KEYS), rng.randrange(KEYS)) for _ in range(20)])
            counts[seed] += 1
        except (gr.NodeNotFoundError, gr.EdgeNotFoundError):
            pass
        except BaseException as err:
            errors.append(err)
            return


def reader(g, seed, stop, errors, counts):
    rng = random.Random(seed)
    while not stop.is_set():
        k = rng.randrange(KEYS)
        action = rng.random()
        try:
            if action < 0.3:
                if k in g:
                    g.bfs(k)
            elif action < 0.5:
                g.degrees()
            elif action < 0.7:
                if "size" in g.node_attr_names():
                    g.node_array("size").to_list()
            elif action < 0.8:
                g.pagerank(max_iter=1000)
            elif action < 0.9:
                g.connected_components()
            else:
                list(g.edges)
            counts[seed] += 1
        except (gr.NodeNotFoundError, gr.EdgeNotFoundError, gr.AttributeNotFoundError):
            pass  # the node or column went away between the check and the call
        except BaseException as err:
            errors.append(err)
            return


def check_invariants(g):
    nodes = list(g.nodes)
    assert len(nodes) == g.node_count == len(set(nodes))
    edges = list(g.edges)
    assert len(edges) == g.edge_count
    members = set(nodes)
    for u, v in edges:
        assert u in members and v in members
    degrees = g.degrees()
    assert sum(degrees.values()) == 2 * g.edge_count  # undirected
    for name in g.node_attr_names():
        assert len(g.node_array(name)) == g.node_count
    for name in g.edge_attr_names():
        assert len(g.edge_array(name)) == g.edge_count
    assert sorted(x for c in g.connected_components() for x in c) == sorted(nodes)


def test_eight_threads_for_ten_seconds_keep_the_graph_consistent():
    g = gr.Graph()
    g.add_edges([(i, (i * 7) % KEYS) for i in range(KEYS)])
    stop = threading.Event()
    errors: list = []
    counts = dict.fromkeys(range(8), 0)
    threads = [
        threading.Thread(target=writer if i < 4 else reader, args=(g, i, stop, errors, counts))
        for i in range(8)
    ]
    for t in threads:
        t.start()
    time.sleep(DURATION)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "a thread is stuck (deadlock?)"
    assert errors == []
    assert all(c > 0 for c in counts.values()), counts
    check_invariants(g)
