"""numpy's protocols for GraphArray: ufuncs and operators (``a > 0.5``, ``a * 2``,
``a + b``), numpy functions (``np.sum(a)``, ``np.median(a, keepdims=True)``, ...) and the
positions a boolean mask or an integer list selects.

numpy computes on ``array._for_numpy()``: the read-only view of the engine's memory when
there are no nulls, a ``numpy.ma.MaskedArray`` where there are. Nulls then follow numpy's
masked arrays: reductions skip them and results are masked where inputs are. A function
numpy.ma has no counterpart for would read the unspecified values under the mask, so it
raises ``TypeError`` on an array with nulls instead of answering wrongly."""

from __future__ import annotations

import numbers
import operator


def _numpy():
    import numpy

    return numpy


def _is_graph_array(value) -> bool:
    return hasattr(value, "_for_numpy")


def _converted(value):
    """``value`` with GraphArrays, also inside lists and tuples, turned into numpy."""
    if _is_graph_array(value):
        return value._for_numpy()
    if type(value) in (list, tuple):
        return type(value)(_converted(v) for v in value)
    return value


def _holds_graph_array(value) -> bool:
    if _is_graph_array(value):
        return True
    return type(value) in (list, tuple) and any(_holds_graph_array(v) for v in value)


def _any_masked(values) -> bool:
    np = _numpy()
    for value in values:
        if isinstance(value, np.ma.MaskedArray):
            return True
        if type(value) in (list, tuple) and _any_masked(value):
            return True
    return False


def _refuse_out(kwargs, where: str) -> None:
    if _holds_graph_array(kwargs.get("out")):
        raise TypeError(f"{where}: a GraphArray is immutable and cannot be out=")


def _handled(value) -> bool:
    np = _numpy()
    return _is_graph_array(value) or isinstance(
        value, (np.ndarray, np.generic, numbers.Number, str, bytes, list, tuple, type(None))
    )


def array_ufunc(ufunc, method, inputs, kwargs):
    """``GraphArray.__array_ufunc__``. Other array types (pandas, ...) are left to
    answer for themselves (``NotImplemented``)."""
    np = _numpy()
    out = kwargs.get("out", ())
    if not all(_handled(x) for x in inputs + tuple(out if isinstance(out, tuple) else (out,))):
        return NotImplemented
    _refuse_out(kwargs, f"numpy.{ufunc.__name__}")
    inputs = tuple(_converted(x) for x in inputs)
    if method == "__call__" and not kwargs and _any_masked(inputs):
        # numpy.ma's own ufuncs: masked domain errors (x / 0, log(-1)) and no warnings
        # from the unspecified values under the mask.
        masked = getattr(np.ma, ufunc.__name__, None)
        if callable(masked):
            return masked(*inputs)
    return getattr(ufunc, method)(*inputs, **kwargs)


def array_function(func, types, args, kwargs):
    """``GraphArray.__array_function__``: the function on numpy's form of the arrays;
    with nulls, numpy.ma's counterpart of the function."""
    np = _numpy()
    if not all(issubclass(t, np.ndarray) or hasattr(t, "_for_numpy") for t in types):
        return NotImplemented
    name = func.__name__
    _refuse_out(kwargs, f"numpy.{name}")
    args = _converted(args)
    kwargs = {k: _converted(v) for k, v in kwargs.items()}
    if not (_any_masked(args) or _any_masked(kwargs.values())):
        return func(*args, **kwargs)
    masked = getattr(np.ma, name, None)
    if not callable(masked):
        raise TypeError(
            f"numpy.{name}: the GraphArray has nulls and numpy.ma has no {name} that "
            "skips them; pass a.to_numpy() (a masked array) or fill the nulls first"
        )
    return masked(*args, **kwargs)


def positions(index, n: int):
    """The positions (an int64 numpy array, each in ``[0, n)``) that a boolean mask of
    length ``n`` (nulls in it count as False) or a sequence of integers (negative counting
    from the end) selects."""
    np = _numpy()
    if _is_graph_array(index):
        index = index._for_numpy()
    if isinstance(index, np.ma.MaskedArray):
        # A null in a boolean mask selects nothing (``a[a > 0.5]`` leaves nulls out); a
        # null position is no position.
        if index.dtype == bool:
            index = index.filled(False)
        elif np.ma.getmaskarray(index).any():
            raise IndexError("GraphArray index: the index array holds nulls")
        else:
            index = np.ma.getdata(index)
    idx = np.asarray(index)
    if idx.ndim != 1:
        raise IndexError(f"GraphArray index: expected 1 dimension, got {idx.ndim}")
    if idx.dtype == bool:
        if len(idx) != n:
            raise IndexError(
                f"GraphArray index: boolean mask of length {len(idx)} for an array of length {n}"
            )
        return np.flatnonzero(idx)
    if idx.size == 0:
        return np.empty(0, dtype=np.int64)
    if idx.dtype.kind == "O" and all(
        isinstance(i, numbers.Integral) and not isinstance(i, bool) for i in idx.tolist()
    ):
        # Python ints numpy could not type: beyond int64, so beyond any length.
        bad = next(i for i in idx.tolist() if not -n <= i < n)
        raise IndexError(f"GraphArray index {bad} out of range for length {n}")
    if idx.dtype.kind not in "iu":
        raise TypeError(
            "GraphArray indices must be integers, slices, boolean masks or integer "
            f"sequences, not an array of {idx.dtype}"
        )
    outside = (idx >= n) if idx.dtype.kind == "u" else ((idx < -n) | (idx >= n))
    if outside.any():
        raise IndexError(f"GraphArray index {idx[outside][0]} out of range for length {n}")
    idx = idx.astype(np.int64)
    return np.where(idx < 0, idx + n, idx)


# ----- operators --------------------------------------------------------------------------

_BINARY = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "truediv": operator.truediv,
    "floordiv": operator.floordiv,
    "mod": operator.mod,
    "pow": operator.pow,
    "and": operator.and_,
    "or": operator.or_,
    "xor": operator.xor,
    "lshift": operator.lshift,
    "rshift": operator.rshift,
    "divmod": divmod,
}
_COMPARISONS = {
    "lt": operator.lt,
    "le": operator.le,
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "ge": operator.ge,
}
_UNARY = {
    "neg": operator.neg,
    "pos": operator.pos,
    "abs": operator.abs,
    "invert": operator.invert,
}


def _defers(other) -> bool:
    # numpy's rule: a type that sets __array_ufunc__ = None takes over the operator.
    return getattr(type(other), "__array_ufunc__", False) is None


def _binary(function, reflected: bool):
    # The operator of numpy's own arrays (masked ones where nulls are), so that every
    # operand numpy takes works as with numpy, ``a == "text"`` included.
    def method(self, other):
        if _defers(other):
            return NotImplemented
        mine, theirs = self._for_numpy(), _converted(other)
        return function(theirs, mine) if reflected else function(mine, theirs)

    return method


def _unary(function):
    def method(self):
        return function(self._for_numpy())

    return method


def add_operators(cls) -> None:
    """Gives ``cls`` numpy's arithmetic, comparison and unary operators, each returning
    what numpy returns (a numpy array, masked where nulls are)."""
    for name, function in _BINARY.items():
        setattr(cls, f"__{name}__", _binary(function, False))
        setattr(cls, f"__r{name}__", _binary(function, True))
    for name, function in _COMPARISONS.items():
        setattr(cls, f"__{name}__", _binary(function, False))
    for name, function in _UNARY.items():
        setattr(cls, f"__{name}__", _unary(function))
