"""``StoredError`` carries an exception out of a C callback (or a worker thread) to the
caller: the same object, its own cause and context kept, the first one when several."""

from __future__ import annotations

import pytest

import groggy as gr
from groggy._callbacks import StoredError
from groggy._native import lib


class Boom(Exception):
    pass


def test_nothing_stored_reraises_nothing():
    failure = StoredError()
    assert failure.error is None
    failure.reraise()


def test_reraise_raises_the_same_object_once():
    failure = StoredError()
    err = Boom("x")
    failure.keep(err)
    with pytest.raises(Boom) as info:
        failure.reraise()
    assert info.value is err
    assert failure.error is None
    failure.reraise()  # forgotten once raised


def test_the_first_error_is_kept():
    failure = StoredError()
    first, second = Boom("first"), Boom("second")
    failure.keep(first)
    failure.keep(second)
    assert failure.error is first


def test_guard_returns_the_statuses():
    failure = StoredError()
    seen = []
    ok = failure.guard(seen.append)
    assert ok(1) == lib.GR_STATUS_OK and seen == [1]
    err = Boom()

    def fail(*_args):
        raise err

    assert failure.guard(fail)(1, 2) == lib.GR_STATUS_CALLBACK
    assert failure.error is err


def test_guard_keeps_base_exceptions_too():
    failure = StoredError()

    def interrupt():
        raise KeyboardInterrupt

    assert failure.guard(interrupt)() == lib.GR_STATUS_CALLBACK
    with pytest.raises(KeyboardInterrupt):
        failure.reraise()


def test_the_cause_survives():
    failure = StoredError()
    cause = ValueError("cause")

    def fail():
        raise Boom("with cause") from cause

    failure.guard(fail)()
    with pytest.raises(Boom) as info:
        failure.reraise()
    assert info.value.__cause__ is cause


def test_a_filter_predicate_error_comes_out_unchanged():
    g = gr.Graph()
    g.add_node(1)
    err = Boom("from the predicate")

    def pred(_key, _attrs):
        raise err

    with pytest.raises(Boom) as info:
        g.filter_nodes(pred)
    assert info.value is err
    assert info.value.__context__ is None


def test_a_progress_callback_error_comes_out_unchanged(tmp_path):
    path = tmp_path / "edges.txt"
    path.write_text("1 2\n2 3\n")
    cause = ValueError("cause")
    err = Boom("from the progress callback")

    def progress(_done, _total):
        raise err from cause

    with pytest.raises(Boom) as info:
        gr.read_edgelist(path, progress=progress)
    assert info.value is err
    assert info.value.__cause__ is cause
    # Not shown as raised while handling the status error it turned into.
    assert info.value.__context__ is None or info.value.__suppress_context__
