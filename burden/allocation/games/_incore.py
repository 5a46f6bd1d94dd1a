"""Engine of the core test, vectorized over allocations and games.

The public function is :func:`burden.allocation.games.core.in_core`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_number, readonly
from burden.allocation.games._coalitions import _coalition_sums
from burden.allocation.games._forms import _allocation
from burden.errors import InvalidInputError

if TYPE_CHECKING:
    from burden.allocation.games._forms import GameLike
    from burden.typing import BoolArray


def _in_core(game: GameLike, allocation: npt.ArrayLike, tol: float) -> BoolArray:
    x = _allocation(game, allocation, "allocation")
    try:
        np.broadcast_shapes(x.shape[:-1], game.batch_shape)
    except ValueError:
        field = "allocation"
        raise InvalidInputError(
            field, x.shape, f"leading axes that broadcast with {game.batch_shape}"
        ) from None
    tol = as_number(tol, "tol", minimum=0.0)
    v = game.values
    sums = _coalition_sums(x)
    slack = tol * max(1.0, float(np.abs(v).max()))
    gap = sums - v if game.kind == "value" else v - sums
    efficient = np.abs(sums[..., -1] - v[..., -1]) <= slack
    out: BoolArray = efficient & np.all(gap >= -slack, axis=-1)
    return readonly(out)
