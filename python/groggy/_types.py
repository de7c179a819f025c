"""Type aliases of the public API, for annotations: the names ``help()``, the API reference
and type checkers show."""

from __future__ import annotations

import os
from typing import Any, SupportsIndex, Union

#: A node key as groggy gives it back: an ``int`` (within int64) or a ``str``.
NodeKey = Union[int, str]

#: A node key as groggy takes it: an ``int``, a ``str``, or an integer scalar such as
#: ``numpy.int64`` (anything with ``__index__``; ``bool`` is refused at run time).
KeyLike = Union[int, str, SupportsIndex]

#: The attributes of one node or edge, by name.
Attrs = dict[str, Any]

#: A file path: ``str``, ``bytes`` or ``os.PathLike``.
PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


class _Missing:
    """The type of ``MISSING``, the default that means "no default given": a missing value
    then raises instead of being returned. Shown as ``<missing>`` in ``help()``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<missing>"

    def __reduce__(self) -> str:
        return "MISSING"  # one instance, also after pickling


MISSING: Any = _Missing()
