"""Engines of the linear values (Shapley, Banzhaf) and the tau value, on any game's arrays.

The public functions with their documentation are in :mod:`burden.allocation.games.values`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from burden._core.checks import as_flag, readonly
from burden.allocation.games._coalitions import (
    _coalition_sums,
    _member_max,
    _member_sum,
    _singletons,
    _sizes,
)
from burden.allocation.games._forms import _back, _value_form
from burden.errors import InfeasibleError

if TYPE_CHECKING:
    from burden.allocation.games._forms import GameLike
    from burden.typing import FloatArray


def _shapley_weights(n: int) -> tuple[FloatArray, FloatArray]:
    """Weights ``(a, b)`` over coalitions: phi_i = sum_{S∋i} a(S) v(S) - sum_{S∌i} b(S) v(S)."""
    size = _sizes(n)
    w = 1.0 / (n * np.array([math.comb(n - 1, s) for s in range(n)], dtype=np.float64))
    a = np.where(size >= 1, w[np.clip(size - 1, 0, n - 1)], 0.0)
    b = np.where(size <= n - 1, w[np.clip(size, 0, n - 1)], 0.0)
    return a, b


def _shapley(game: GameLike) -> FloatArray:
    n = game.n_players
    a, b = _shapley_weights(n)
    v = game.values
    phi = _member_sum(v * (a + b), n) - (v @ b)[..., None]
    return readonly(np.ascontiguousarray(phi))


def _banzhaf(game: GameLike, normalized: bool) -> FloatArray:
    normalized = as_flag(normalized, "normalized")
    v, offset = _value_form(game)
    n = game.n_players
    raw = (2.0 * _member_sum(v, n) - v.sum(axis=-1, keepdims=True)) / 2.0 ** (n - 1)
    if not normalized:
        if offset is not None:  # linear: the raw value of c directly
            c = game.values
            raw = (2.0 * _member_sum(c, n) - c.sum(-1, keepdims=True)) / 2.0 ** (n - 1)
        return readonly(np.ascontiguousarray(raw))
    total = raw.sum(axis=-1)
    if np.any(np.abs(total) <= 1e-12 * (1.0 + np.abs(v).max())):
        field = "game"
        raise InfeasibleError(
            field, total, "raw Banzhaf values that do not sum to 0 (needed to normalize)"
        )
    return _back(raw * (v[..., -1] / total)[..., None], offset)


def _tau_value(game: GameLike) -> FloatArray:
    v, offset = _value_form(game)
    n = game.n_players
    grand = v[..., -1]
    full = 2**n - 1
    utopia = grand[..., None] - v[..., full ^ _singletons(n)]
    minimal = _member_max(v - _coalition_sums(utopia), n) + utopia
    gap = utopia - minimal
    scale = 1e-9 * (1.0 + np.abs(v).max())
    ok = (
        np.all(gap >= -scale, axis=-1)
        & (minimal.sum(-1) <= grand + scale)
        & (grand <= utopia.sum(-1) + scale)
    )
    if not np.all(ok):
        field = "game"
        raise InfeasibleError(field, game.values, "a quasi-balanced game (tau value defined)")
    spread = gap.sum(axis=-1)
    alpha = np.divide(
        grand - minimal.sum(-1), spread, out=np.zeros_like(grand), where=spread > scale
    )
    return _back(minimal + alpha[..., None] * gap, offset)
