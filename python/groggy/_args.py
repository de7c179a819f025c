"""Checked numeric arguments: what a networkx or numpy user passes is taken as is, and
anything else is refused loudly rather than coerced (``max_iter=1.5``, ``alpha="0.5"``,
``depth_limit=True`` are errors, not guesses)."""

from __future__ import annotations

import numbers
import os
import random

from ._optional import imported
from ._types import PathLike

INT64_MAX = 2**63 - 1
#: The largest ``size_t`` the engine takes (64-bit platforms).
SIZE_MAX = 2**64 - 1


def int_arg(value, name: str, op: str, *, minimum: int = 0, maximum: int = INT64_MAX) -> int:
    """``value`` as an int in ``[minimum, maximum]``: ``TypeError`` for anything but an
    integer (bool and float included), ``ValueError`` below ``minimum``, ``OverflowError``
    above ``maximum`` (the most the engine's type holds)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{op}: {name} must be an int, not {type(value).__name__} ({value!r})")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{op}: {name} must be >= {minimum}, got {value}")
    if value > maximum:
        raise OverflowError(f"{op}: {name} {value} is too large (at most {maximum})")
    return value


def float_arg(value, name: str, op: str) -> float:
    """``value`` as a float: any real number but a bool; ``TypeError`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{op}: {name} must be a number, not {type(value).__name__} ({value!r})")
    return float(value)


def bool_arg(value, name: str, op: str) -> bool:
    """``value`` as a bool: ``True``/``False`` or a numpy bool; ``TypeError`` otherwise (a
    string such as ``"no"`` would otherwise count as true)."""
    np = imported("numpy")
    if isinstance(value, bool) or (np is not None and isinstance(value, np.bool_)):
        return bool(value)
    raise TypeError(f"{op}: {name} must be True or False, not {type(value).__name__} ({value!r})")


def path_bytes(path: PathLike) -> bytes:
    """A str, bytes or os.PathLike path as the bytes the OS names the file by: any file name
    works, also one that is not UTF-8 (given as bytes, or as the surrogate-escaped str that
    os.listdir returns for it)."""
    return os.fsencode(os.fspath(path))


def seed_arg(seed, op: str) -> tuple[bool, int]:
    """A random seed as the engine takes it, ``(seeded, seed)``: ``None`` leaves the engine
    to draw a fresh one; an int in ``[-2**63, 2**64)`` is the seed (negative ones taken
    modulo 2**64, so ``-1`` works as with ``random.Random``); a ``random.Random`` gives one
    draw of 64 bits from its state, as networkx draws from such a generator."""
    if seed is None:
        return False, 0
    if isinstance(seed, random.Random):
        return True, seed.getrandbits(64)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"{op}: seed must be an int, a random.Random or None, not {type(seed).__name__}"
        )
    value = int(seed)
    if not -(2**63) <= value <= SIZE_MAX:
        raise OverflowError(f"{op}: seed {value} is outside [-2**63, 2**64)")
    return True, value % 2**64
