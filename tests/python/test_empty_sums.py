"""``GraphArray.sum()`` of nothing to add (empty, all null, all NaN) is 0.0 or 0, never -0.0,
as pandas and numpy give."""

from __future__ import annotations

import math

import numpy as np

import groggy as gr


def positive_zero(x) -> bool:
    return x == 0 and math.copysign(1.0, x) > 0


def test_sum_of_nothing_is_positive_zero():
    nan = float("nan")
    for values in (
        [],
        [nan],
        [nan, nan, None],
        np.array([], dtype=np.float64),
        np.array([nan, nan], dtype=np.float32),
    ):
        total = gr.GraphArray.from_list(values).sum()
        assert positive_zero(total), (values, total)
        assert positive_zero(np.nansum(np.asarray(values, dtype=float)))
