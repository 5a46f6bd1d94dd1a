"""The core: :func:`in_core`, vectorized over allocations and games."""

from __future__ import annotations

from typing import TYPE_CHECKING

from burden.allocation.games._incore import _in_core
from burden.allocation.games.game import _require_game

if TYPE_CHECKING:
    import numpy.typing as npt

    from burden.allocation.games.game import TUGame
    from burden.typing import BoolArray

__all__ = ["in_core"]


def in_core(game: TUGame, allocation: npt.ArrayLike, *, tol: float = 1e-9) -> BoolArray:
    r"""Whether allocations lie in the core, vectorized over allocations and games.

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)``; value or cost game.
    allocation : array_like, shape (..., n)
        Payoffs (value game) or cost shares (cost game); leading axes broadcast with
        the game's batch axes.
    tol : float, default 1e-9
        Absolute tolerance, scaled by ``max(1, max |v|)``.

    Returns
    -------
    ndarray of bool, shape (...)
        True where the allocation is in the core.

    Raises
    ------
    InvalidInputError
        If `allocation` does not have ``n`` entries on its last axis or its batch axes
        do not broadcast with the game's.

    Notes
    -----
    Value game: :math:`x(N) = v(N)` and :math:`x(S) \ge v(S)` for all :math:`S`.
    Cost game: :math:`x(N) = c(N)` and :math:`x(S) \le c(S)` (no coalition pays more
    than its stand-alone cost). :math:`x(S)` for all coalitions comes from an outer
    sum of two half-size tables (no loop over coalitions).

    Examples
    --------
    >>> from burden import games
    >>> g = games.TUGame(values=[0, 1, 2, 6])
    >>> print(games.in_core(g, [[3, 3], [0.5, 5.5]]))
    [ True False]
    """
    return _in_core(_require_game(game), allocation, tol)
