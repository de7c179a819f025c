"""Graph500-style R-MAT edge lists, generated with numpy from a seed.

Each edge picks one quadrant of the adjacency matrix per bit of the node id with
probabilities (a, b, c, d) = (0.57, 0.19, 0.19, 0.05); node ids are then permuted at random
and the edge order shuffled, as Graph500 does, so that ids carry no locality. Duplicate edges
and self-loops are kept, as the generator makes them.
"""

from __future__ import annotations

import numpy as np

A, B, C = 0.57, 0.19, 0.19


def rmat_edges(scale: int, edge_factor: int = 16, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """``(sources, targets)`` as int64 arrays of ``edge_factor * 2**scale`` edges over
    ``2**scale`` node ids."""
    rng = np.random.default_rng(seed)
    m = edge_factor << scale
    src = np.zeros(m, dtype=np.int64)
    dst = np.zeros(m, dtype=np.int64)
    ab = A + B
    c_norm = np.float32(C / (1.0 - ab))
    a_norm = np.float32(A / ab)
    for bit in range(scale):
        src_bit = rng.random(m, dtype=np.float32) > ab
        threshold = np.where(src_bit, c_norm, a_norm)
        dst_bit = rng.random(m, dtype=np.float32) > threshold
        src[src_bit] |= 1 << bit
        dst[dst_bit] |= 1 << bit
    perm = rng.permutation(1 << scale)
    order = rng.permutation(m)
    return perm[src[order]], perm[dst[order]]
