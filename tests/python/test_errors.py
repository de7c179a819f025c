"""Exceptions: the class hierarchy, the status table, and the code, operation and message
of errors the graph raises."""

import os
import threading

import pytest

import groggy as gr
from groggy import _errors
from groggy._native import ffi, lib

HIERARCHY = [
    (gr.NodeNotFoundError, (KeyError,)),
    (gr.EdgeNotFoundError, (KeyError,)),
    (gr.InvalidOperationError, (ValueError,)),
    (gr.InvalidArgumentError, (ValueError,)),
    (gr.GroggyMemoryError, (MemoryError,)),
    (gr.AlgorithmError, (RuntimeError,)),
    (gr.NoPathError, (gr.AlgorithmError, RuntimeError)),
    (gr.GroggyIOError, (OSError, RuntimeError)),
    (gr.InternalError, (RuntimeError,)),
    (gr.CancelledError, (KeyboardInterrupt,)),
]


@pytest.mark.parametrize(("cls", "builtins"), HIERARCHY, ids=lambda c: getattr(c, "__name__", ""))
def test_exception_hierarchy(cls, builtins):
    assert issubclass(cls, gr.GroggyError)
    for base in builtins:
        assert issubclass(cls, base)
    err = cls("op: message", code=7, operation="op")
    assert isinstance(err, gr.GroggyError)
    for base in builtins:
        assert isinstance(err, base)
    assert err.code == 7
    assert err.operation == "op"
    assert str(err) == "op: message"


def test_groggy_error_is_an_exception():
    assert issubclass(gr.GroggyError, Exception)
    err = gr.GroggyError("plain")
    assert err.code is None
    assert err.operation is None
    assert str(err) == "plain"


def test_key_errors_print_their_message_unquoted():
    err = gr.NodeNotFoundError("remove_node: node 'x' not found")
    assert str(err) == "remove_node: node 'x' not found"


def test_every_status_code_maps_to_a_class():
    names = [name for name in dir(lib) if name.startswith("GR_STATUS_")]
    assert "GR_STATUS_OK" in names
    codes = {name: getattr(lib, name) for name in names if name != "GR_STATUS_OK"}
    assert codes
    for name, code in codes.items():
        assert code in _errors.EXCEPTION_BY_STATUS, name
        assert issubclass(_errors.EXCEPTION_BY_STATUS[code], gr.GroggyError), name
    assert lib.GR_STATUS_OK not in _errors.EXCEPTION_BY_STATUS
    assert set(_errors.EXCEPTION_BY_STATUS) == set(codes.values())


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        ("GR_STATUS_NODE_NOT_FOUND", gr.NodeNotFoundError),
        ("GR_STATUS_EDGE_NOT_FOUND", gr.EdgeNotFoundError),
        ("GR_STATUS_INVALID_OPERATION", gr.InvalidOperationError),
        ("GR_STATUS_INVALID_ARGUMENT", gr.InvalidArgumentError),
        ("GR_STATUS_OUT_OF_MEMORY", gr.GroggyMemoryError),
        ("GR_STATUS_ALGORITHM", gr.AlgorithmError),
        ("GR_STATUS_NO_PATH", gr.NoPathError),
        ("GR_STATUS_IO", gr.GroggyIOError),
        ("GR_STATUS_CANCELLED", gr.CancelledError),
        ("GR_STATUS_INTERNAL", gr.InternalError),
    ],
)
def test_status_table(status, cls):
    assert _errors.EXCEPTION_BY_STATUS[getattr(lib, status)] is cls


def test_native_invalid_argument_becomes_invalid_argument_error():
    # A NULL graph handle is a malformed argument at the C ABI.
    out = ffi.new("size_t *")
    status = lib.gr_graph_node_count(ffi.NULL, out)
    assert status == lib.GR_STATUS_INVALID_ARGUMENT
    err = _errors.error_from_status(status)
    assert type(err) is gr.InvalidArgumentError
    assert isinstance(err, ValueError)
    assert err.code == lib.GR_STATUS_INVALID_ARGUMENT
    assert err.operation == "node_count"
    assert str(err).startswith("node_count: ")


# ----- errors raised by the graph --------------------------------------------------------


def test_remove_missing_node_message(graph):
    with pytest.raises(gr.NodeNotFoundError) as info:
        graph.remove_node("x")
    err = info.value
    assert str(err) == "remove_node: node 'x' not found"
    assert err.code == lib.GR_STATUS_NODE_NOT_FOUND
    assert err.operation == "remove_node"
    assert isinstance(err, KeyError)


def test_remove_missing_int_node_message(graph):
    with pytest.raises(gr.NodeNotFoundError) as info:
        graph.remove_node(-5)
    assert str(info.value) == "remove_node: node -5 not found"


def test_remove_missing_edge_message(graph):
    graph.add_edge("a", "b")
    with pytest.raises(gr.EdgeNotFoundError) as info:
        graph.remove_edge("a", 1)
    err = info.value
    assert str(err) == "remove_edge: edge ('a', 1) not found"
    assert err.code == lib.GR_STATUS_EDGE_NOT_FOUND
    assert err.operation == "remove_edge"
    assert isinstance(err, KeyError)


def test_remove_edge_between_existing_unconnected_nodes(graph):
    graph.add_nodes(["a", "b"])
    with pytest.raises(gr.EdgeNotFoundError) as info:
        graph.remove_edge("a", "b")
    assert str(info.value) == "remove_edge: edge ('a', 'b') not found"


def test_add_edge_on_closed_graph_message():
    g = gr.Graph()
    g.close()
    with pytest.raises(gr.InvalidOperationError) as info:
        g.add_edge("x", "y")
    err = info.value
    assert err.operation == "add_edge"
    assert str(err).startswith("add_edge: ")
    assert err.code == lib.GR_STATUS_INVALID_OPERATION


NODE_OPERATIONS = [
    ("remove_node", lambda g: g.remove_node("ghost")),
    ("neighbors", lambda g: g.neighbors("ghost")),
    ("successors", lambda g: g.successors("ghost")),
    ("predecessors", lambda g: g.predecessors("ghost")),
    ("degree", lambda g: g.degree("ghost")),
    ("in_degree", lambda g: g.in_degree("ghost")),
    ("out_degree", lambda g: g.out_degree("ghost")),
    ("get_node_attr", lambda g: g.get_node_attr("ghost", "a")),
    ("set_node_attr", lambda g: g.set_node_attr("ghost", "a", 1)),
]


@pytest.mark.parametrize(
    ("operation", "call"), NODE_OPERATIONS, ids=[op for op, _ in NODE_OPERATIONS]
)
def test_missing_node_errors_name_the_operation(any_graph, operation, call):
    any_graph.add_edge("a", "b")
    with pytest.raises(gr.NodeNotFoundError) as info:
        call(any_graph)
    err = info.value
    assert str(err) == f"{operation}: node 'ghost' not found"
    assert err.operation == operation
    assert err.code == lib.GR_STATUS_NODE_NOT_FOUND
    assert list(any_graph.nodes) == ["a", "b"]


def test_node_view_missing_key_is_node_not_found(graph):
    with pytest.raises(gr.NodeNotFoundError) as info:
        graph.nodes["ghost"]
    assert info.value.operation
    assert str(info.value) == f"{info.value.operation}: node 'ghost' not found"
    with pytest.raises(KeyError):
        graph.nodes["ghost"]


EDGE_OPERATIONS = [
    ("remove_edge", lambda g: g.remove_edge("a", "c")),
    ("get_edge_attr", lambda g: g.get_edge_attr("a", "c", "w")),
    ("set_edge_attr", lambda g: g.set_edge_attr("a", "c", "w", 1)),
]


@pytest.mark.parametrize(
    ("operation", "call"), EDGE_OPERATIONS, ids=[op for op, _ in EDGE_OPERATIONS]
)
def test_missing_edge_errors_name_the_operation(any_graph, operation, call):
    any_graph.add_edge("a", "b")
    any_graph.add_node("c")
    with pytest.raises(gr.EdgeNotFoundError) as info:
        call(any_graph)
    err = info.value
    assert str(err) == f"{operation}: edge ('a', 'c') not found"
    assert err.operation == operation
    assert err.code == lib.GR_STATUS_EDGE_NOT_FOUND
    assert any_graph.edges(data=True) == [("a", "b", {})]


def test_missing_edge_with_missing_endpoint_is_edge_not_found(graph):
    graph.add_node("a")
    with pytest.raises(gr.EdgeNotFoundError):
        graph.remove_edge("a", "nowhere")
    with pytest.raises(gr.EdgeNotFoundError):
        graph.get_edge_attr("nowhere", "a", "w")
    with pytest.raises(gr.EdgeNotFoundError):
        graph.edges["a", "nowhere"]
    assert list(graph.nodes) == ["a"]


def test_reversed_directed_edge_is_not_found(digraph):
    digraph.add_edge(1, 2)
    with pytest.raises(gr.EdgeNotFoundError) as info:
        digraph.remove_edge(2, 1)
    assert str(info.value) == "remove_edge: edge (2, 1) not found"
    with pytest.raises(gr.EdgeNotFoundError):
        digraph.edges[2, 1]
    assert digraph.has_edge(1, 2)


@pytest.mark.parametrize("key", ["x", "it's", 'say "hi"', "a\nb", "é", 0, -(2**63)], ids=repr)
def test_missing_node_message_shows_the_key_as_python_would(graph, key):
    with pytest.raises(gr.NodeNotFoundError) as info:
        graph.remove_node(key)
    assert str(info.value) == f"remove_node: node {key!r} not found"


def test_errors_can_be_caught_as_builtins(graph):
    with pytest.raises(KeyError):
        graph.remove_node(1)
    with pytest.raises(KeyError):
        graph.remove_edge(1, 2)
    with pytest.raises(KeyError):
        graph.degree(1)
    graph.close()
    with pytest.raises(ValueError):
        graph.add_node(1)


def test_the_error_message_of_one_thread_is_not_another_threads():
    g = gr.Graph()
    messages = {}

    def fail(key):
        try:
            g.remove_node(key)
        except gr.NodeNotFoundError as err:
            messages[key] = str(err)

    threads = [threading.Thread(target=fail, args=(f"k{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert messages == {f"k{i}": f"remove_node: node 'k{i}' not found" for i in range(8)}


@pytest.mark.parametrize(
    ("op", "call"),
    [
        ("add_nodes", lambda g: g.add_nodes([1, True])),
        ("add_edges", lambda g: g.add_edges([(1, 2), (1.5, 2)])),
        (  # a table names the row and the column too
            "add_edges_from_arrays: row 1 of sources",
            lambda g: g.add_edges_from_arrays(["a", None], ["b", "c"]),
        ),
        ("subgraph", lambda g: g.subgraph([1, [2]])),
        ("pagerank", lambda g: g.pagerank(personalization={True: 1.0})),
    ],
)
def test_a_bad_key_in_a_batch_names_the_operation(op, call):
    g = gr.Graph()
    g.add_edge(1, 2)
    with pytest.raises(TypeError) as info:
        call(g)
    assert str(info.value).startswith(f"{op}: node keys must be int or str"), info.value
    assert (g.node_count, g.edge_count) == (2, 1)


def test_a_key_beyond_int64_in_a_batch_names_the_operation():
    g = gr.Graph()
    with pytest.raises(OverflowError, match=r"^add_nodes: node key \d+ does not fit in int64"):
        g.add_nodes([1, 2**70])
    assert g.node_count == 0


# ----- the operation and errno come from the engine, not from the message ----------------


def _c_last_error():
    """This thread's last error as the C accessors give it."""
    return (
        ffi.string(lib.gr_last_error_message()).decode(),
        ffi.string(lib.gr_last_error_operation()).decode(),
        lib.gr_last_error_os_code(),
    )


def _load_status(path):
    path_b = str(path).encode()
    return lib.gr_graph_load(path_b, len(path_b), ffi.new("gr_graph **"))


def test_exception_fields_are_what_the_c_accessors_return(tmp_path):
    import errno as errno_codes

    for path, code in (
        (tmp_path / "missing.groggy", errno_codes.ENOENT),
        (tmp_path, errno_codes.EISDIR),
    ):
        status = _load_status(path)
        message, operation, os_code = _c_last_error()
        assert (operation, os_code) == ("load", code)
        err = _errors.error_from_status(status)
        assert (str(err), err.operation, err.errno, err.code) == (
            message,
            operation,
            os_code,
            status,
        )
        assert err.strerror == os.strerror(code)


def test_the_message_is_not_parsed(tmp_path, monkeypatch):
    import errno as errno_codes

    status = _load_status(tmp_path / "missing.groggy")
    # A message that, parsed, would give another operation and another errno.
    misleading = f"other_op: cannot open (os error {errno_codes.EACCES})"
    monkeypatch.setattr(_errors, "last_error_message", lambda: misleading)
    err = _errors.error_from_status(status)
    assert str(err) == misleading
    assert err.operation == "load"
    assert err.errno == errno_codes.ENOENT
    assert type(err) is _errors.GroggyFileNotFoundError


def test_an_io_error_without_os_code_has_no_errno(tmp_path):
    # The file's name puts "(os error 2)" into the message: it must not become ENOENT.
    corrupt = tmp_path / "corrupt (os error 2).groggy"
    corrupt.write_bytes(b"not a graph")
    status = _load_status(corrupt)
    assert "(os error 2)" in _c_last_error()[0]
    assert _c_last_error()[2] == 0
    err = _errors.error_from_status(status)
    assert type(err) is gr.GroggyIOError
    assert err.errno is None
    assert err.operation == "load"


def test_file_errors_from_the_public_functions_carry_errno_and_operation(tmp_path):
    import errno as errno_codes

    missing = tmp_path / "missing.txt"
    for call, operation in ((gr.load, "load"), (gr.read_edgelist, "read_edgelist")):
        with pytest.raises(FileNotFoundError) as info:
            call(missing)
        assert info.value.errno == errno_codes.ENOENT
        assert info.value.strerror == os.strerror(errno_codes.ENOENT)
        assert info.value.operation == operation
        with pytest.raises(IsADirectoryError) as info:
            call(tmp_path)
        assert info.value.errno == errno_codes.EISDIR
        assert info.value.operation == operation


def test_no_operation_before_any_failure_on_a_thread():
    seen = []
    thread = threading.Thread(
        target=lambda: seen.append((_c_last_error(), _errors.last_error_operation()))
    )
    thread.start()
    thread.join()
    assert seen == [(("", "", 0), None)]
