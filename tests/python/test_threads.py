"""A graph shared between Python threads: concurrent writers and readers raise no error and
lose no write."""

import threading

import groggy as gr

WRITERS = 4
READERS = 2
PER_WRITER = 400


def _writer(g, w, barrier, errors):
    try:
        barrier.wait()
        for i in range(PER_WRITER):
            key = f"w{w}-{i}"
            g.add_node(key, writer=w, index=i, label=key)
            if i:
                g.add_edge(f"w{w}-{i - 1}", key, weight=float(i), writer=w)
            g.add_node(w * 1_000_000 + i, twice=i * 2)
            if i % 50 == 0:
                g.add_nodes([(f"b{w}-{i}-{j}", {"batch": j}) for j in range(5)])
                g.add_edges([(f"b{w}-{i}-{j}", key, {"batch": j}) for j in range(5)])
    except BaseException as err:
        errors.append(err)


def _reader(g, stop, barrier, errors, reads):
    try:
        barrier.wait()
        count = 0
        while not stop.is_set():
            for w in range(WRITERS):
                key = f"w{w}-0"
                if g.has_node(key):
                    assert g.degree(key) >= 0
                    assert g.get_node_attr(key, "writer") == w
                    assert g.get_node_attr(key, "missing", None) is None
                    assert g.nodes[key]["label"] == key
            nodes = list(g.nodes)
            assert len(nodes) == len(set(nodes))
            g.degrees()
            assert g.node_count >= 0
            count += 1
        reads.append(count)
    except BaseException as err:
        errors.append(err)


def test_concurrent_writers_and_readers():
    g = gr.Graph()
    errors: list = []
    reads: list = []
    stop = threading.Event()
    barrier = threading.Barrier(WRITERS + READERS)
    writers = [
        threading.Thread(target=_writer, args=(g, w, barrier, errors)) for w in range(WRITERS)
    ]
    readers = [
        threading.Thread(target=_reader, args=(g, stop, barrier, errors, reads))
        for _ in range(READERS)
    ]
    for t in writers + readers:
        t.start()
    for t in writers:
        t.join(timeout=60)
    stop.set()
    for t in readers:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in writers + readers)
    assert errors == []
    assert len(reads) == READERS

    batches = PER_WRITER // 50
    assert g.node_count == WRITERS * (2 * PER_WRITER + 5 * batches)
    assert g.edge_count == WRITERS * ((PER_WRITER - 1) + 5 * batches)
    for w in range(WRITERS):
        for i in range(PER_WRITER):
            key = f"w{w}-{i}"
            assert g.nodes[key] == {"writer": w, "index": i, "label": key}
            assert g.get_node_attr(w * 1_000_000 + i, "twice") == i * 2
            if i:
                assert g.edges[f"w{w}-{i - 1}", key] == {"weight": float(i), "writer": w}
        for i in range(0, PER_WRITER, 50):
            for j in range(5):
                assert g.nodes[f"b{w}-{i}-{j}"] == {"batch": j}
                assert g.get_edge_attr(f"b{w}-{i}-{j}", f"w{w}-{i}", "batch") == j
    g.close()


def test_concurrent_attribute_updates_on_shared_nodes():
    g = gr.Graph()
    g.add_nodes(range(100))
    errors: list = []
    barrier = threading.Barrier(4)

    def update(name):
        try:
            barrier.wait()
            for _ in range(5):
                for k in range(100):
                    g.set_node_attr(k, name, k)
                    g.add_edge(k, (k + 1) % 100)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=update, args=(f"t{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert g.edge_count == 100
    for k in range(100):
        assert g.nodes[k] == {f"t{i}": k for i in range(4)}
    g.close()
