"""``NativeHandle`` is the one owner of native handles: every class that holds one derives
from it, only it registers the handle with ``ffi.gc``, and the handle is freed exactly once,
when the object goes."""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import ClassVar

import pytest

import groggy as gr
from groggy._handle import NativeHandle
from groggy._native import ffi
from groggy._runtime import CancelToken

PACKAGE = Path(gr.__file__).resolve().parent
HANDLE_CLASSES = [gr.Graph, gr.GraphArray, gr.NodeMap, gr.MemoryPool, CancelToken]


@pytest.mark.parametrize("cls", HANDLE_CLASSES, ids=lambda c: c.__name__)
def test_every_handle_class_derives_from_the_base(cls):
    assert issubclass(cls, NativeHandle)
    # The handle is the base's slot; no subclass holds a second one.
    assert "_handle" not in getattr(cls, "__slots__", ())
    assert cls._free is not None


def test_only_the_base_takes_a_handle_over():
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name == "_handle.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\._handle\s*=", text), path.name


class _Recorded(NativeHandle):
    """A handle class whose "free" records what it frees."""

    __slots__ = ("__weakref__", "initialised")
    freed: ClassVar[list[int]] = []

    def __init__(self) -> None:
        self.initialised = True

    @staticmethod
    def _free(pointer) -> None:
        _Recorded.freed.append(int(ffi.cast("intptr_t", pointer)))


def _fake_handle(n: int):
    return ffi.cast("void *", n)


def test_the_handle_is_freed_once_when_the_object_goes():
    _Recorded.freed.clear()
    obj = _Recorded._adopt(_fake_handle(0x1000))
    assert _Recorded.freed == []
    del obj
    gc.collect()
    assert _Recorded.freed == [0x1000]


def test_adopt_skips_init():
    obj = _Recorded._adopt(_fake_handle(0x2000))
    assert not hasattr(obj, "initialised")
    del obj
    gc.collect()


def test_own_from_init():
    _Recorded.freed.clear()
    obj = _Recorded()
    obj._own(_fake_handle(0x3000))
    del obj
    gc.collect()
    assert _Recorded.freed == [0x3000]


def test_graph_close_is_idempotent_and_later_use_raises():
    g = gr.Graph()
    g.add_edge(1, 2)
    with g:
        assert not g.closed
    assert g.closed
    g.close()
    g.close()
    assert g.closed
    assert repr(g) == "<groggy.Graph (closed)>"
    with pytest.raises(gr.InvalidOperationError, match="closed"):
        g.node_count  # noqa: B018


def test_results_outlive_their_graph():
    g = gr.Graph()
    g.add_edge(1, 2)
    degrees = g.degrees()
    array = g.degrees().array
    g.close()
    del g
    gc.collect()
    assert dict(degrees) == {1: 1, 2: 1}
    assert array.to_list() == [1, 1]
