"""What the solution engines read from a game, and the value form of cost games.

:class:`GameLike` is the structural type of a game (:class:`~burden.allocation.games.TUGame`
satisfies it), so the engines and result types below the game module never import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeAlias

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, readonly
from burden.allocation.games._coalitions import _savings_values, _singletons
from burden.errors import InvalidInputError
from burden.typing import GameKind as _GameKind
from burden.typing import NucleolusDomain

if TYPE_CHECKING:
    from burden.typing import FloatArray

GameKind: TypeAlias = _GameKind
"""Alias of :data:`burden.typing.GameKind`."""

Domain: TypeAlias = NucleolusDomain
"""Alias of :data:`burden.typing.NucleolusDomain`."""


class GameLike(Protocol):
    """What the engines read from a game; :class:`TUGame` satisfies it."""

    @property
    def values(self) -> FloatArray: ...

    @property
    def kind(self) -> GameKind: ...

    @property
    def players(self) -> tuple[str, ...]: ...

    @property
    def n_players(self) -> int: ...

    @property
    def batch_shape(self) -> tuple[int, ...]: ...

    @property
    def player_names(self) -> tuple[str, ...]: ...


def _value_form(game: GameLike) -> tuple[FloatArray, FloatArray | None]:
    """Values to solve on and, for cost games, the singleton costs to map back with."""
    if game.kind == "cost":
        return _savings_values(game.values), game.values[..., _singletons(game.n_players)]
    return game.values, None


def _back(y: FloatArray, offset: FloatArray | None) -> FloatArray:
    out = y if offset is None else offset - y
    return readonly(np.ascontiguousarray(out, dtype=np.float64))


def _allocation(game: GameLike, allocation: npt.ArrayLike, field: str) -> FloatArray:
    x = as_float_array(allocation, field)
    if x.ndim == 0 or x.shape[-1] != game.n_players:
        raise InvalidInputError(field, allocation, f"an array of shape (..., {game.n_players})")
    return x
