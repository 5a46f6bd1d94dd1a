r"""Coalition algebra in binary order: membership, sizes, sums and maxima over coalitions.

Coalition :math:`S` sits at index :math:`\sum_{i \in S} 2^i`. Everything here works on
plain float64 arrays with the coalitions on the last axis; nothing knows about games.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from burden._core.limits import check_memory

if TYPE_CHECKING:
    from burden.typing import FloatArray, IntArray


def _bits(n: int) -> FloatArray:
    """Membership matrix of shape ``(2**n, n)``: row S, column i is 1 if i is in S."""
    masks = np.arange(2**n, dtype=np.int64)
    out: FloatArray = ((masks[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(np.float64)
    return out


def _sizes(n: int) -> IntArray:
    """Coalition sizes :math:`|S|` in binary order, shape ``(2**n,)``."""
    out: IntArray = np.bitwise_count(np.arange(2**n, dtype=np.int64)).astype(np.int64)
    return out


def _check_coalitions(n: int, batch: tuple[int, ...]) -> None:
    """Refuse an exact game whose ``2**n`` coalition values cannot be held in memory."""
    check_memory(
        "players",
        f"{n} players (2**{n} coalitions){f' x {math.prod(batch)} draws' if batch else ''}",
        math.prod(batch) * 2.0**n * 8.0 * 3,  # the values and two same-sized temporaries
        way_out="use a closed form (claims rules for bankruptcy games) or shapley_sampled "
        "on a smaller game",
    )


def _coalition_sums(x: FloatArray) -> FloatArray:
    r""":math:`x(S) = \sum_{i \in S} x_i` for every coalition: ``(..., n)`` to ``(..., 2**n)``.

    A coalition index splits into the bits of the low ``k`` players and of the high
    ``n - k`` players, so :math:`x(S)` is an outer sum of two tables of size
    :math:`2^k` and :math:`2^{n-k}`; no ``(2**n, n)`` matrix is formed.
    """
    n = x.shape[-1]
    _check_coalitions(n, x.shape[:-1])
    k = n // 2
    low = x[..., :k] @ _bits(k).T
    high = x[..., k:] @ _bits(n - k).T
    out: FloatArray = (high[..., :, None] + low[..., None, :]).reshape(*x.shape[:-1], 2**n)
    return out


def _coalition_max(x: FloatArray) -> FloatArray:
    r""":math:`\max_{i \in S} x_i` for every coalition (0 for the empty one), x >= 0."""
    n = x.shape[-1]
    _check_coalitions(n, x.shape[:-1])
    k = n // 2
    low = np.where(_bits(k) > 0, x[..., None, :k], 0.0).max(axis=-1, initial=0.0)
    high = np.where(_bits(n - k) > 0, x[..., None, k:], 0.0).max(axis=-1, initial=0.0)
    out: FloatArray = np.maximum(high[..., :, None], low[..., None, :]).reshape(
        *x.shape[:-1], 2**n
    )
    return out


def _member_sum(f: FloatArray, n: int) -> FloatArray:
    r""":math:`\sum_{S \ni i} f(S)` for every player: ``(..., 2**n)`` to ``(..., n)``."""
    k = n // 2
    g = f.reshape(*f.shape[:-1], 2 ** (n - k), 2**k)
    low = g.sum(axis=-2) @ _bits(k)
    high = g.sum(axis=-1) @ _bits(n - k)
    return np.concatenate([low, high], axis=-1)


def _member_max(f: FloatArray, n: int) -> FloatArray:
    r""":math:`\max_{S \ni i} f(S)` for every player: ``(..., 2**n)`` to ``(..., n)``."""
    k = n // 2
    g = f.reshape(*f.shape[:-1], 2 ** (n - k), 2**k)
    low = np.where(_bits(k) > 0, g.max(axis=-2)[..., :, None], -np.inf).max(axis=-2)
    high = np.where(_bits(n - k) > 0, g.max(axis=-1)[..., :, None], -np.inf).max(axis=-2)
    return np.concatenate([low, high], axis=-1)


def _singletons(n: int) -> IntArray:
    out: IntArray = np.left_shift(1, np.arange(n, dtype=np.int64))
    return out


def _savings_values(c: FloatArray) -> FloatArray:
    """Return the savings game ``s(S) = sum_{i in S} c({i}) - c(S)`` of cost values ``(..., 2**n)``."""
    n = int(c.shape[-1]).bit_length() - 1
    single = c[..., _singletons(n)]
    out: FloatArray = _coalition_sums(single) - c
    out[..., 0] = 0.0
    return out


def _allocation_frame(players: tuple[str, ...], **columns: FloatArray) -> pd.DataFrame:
    """Tidy frame of per-player arrays ``(..., n)``: ``draw`` (only with a batch), ``player``, ..."""
    n = len(players)
    first = next(iter(columns.values()))
    rows = first.size // n
    data: dict[str, object] = {}
    if first.ndim > 1:
        data["draw"] = np.repeat(np.arange(rows), n)
    data["player"] = list(players) * rows
    data.update({name: arr.reshape(-1) for name, arr in columns.items()})
    return pd.DataFrame(data)
