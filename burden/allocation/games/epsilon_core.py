"""The least core (Maschler, Peleg and Shapley 1979): :func:`least_core`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from burden.allocation.games._lp import _least_core
from burden.allocation.games.game import _require_game
from burden.allocation.games.results import LeastCoreResult

if TYPE_CHECKING:
    from burden.allocation.games.game import TUGame

__all__ = ["LeastCoreResult", "least_core"]


def least_core(game: TUGame) -> LeastCoreResult:
    r"""Least core (Maschler, Peleg and Shapley 1979) by one LP per scenario.

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)`` with ``n <= 16``; value or cost game.

    Returns
    -------
    LeastCoreResult
        :math:`\varepsilon` of shape ``(...)`` and an allocation of shape ``(..., n)``.

    Raises
    ------
    InvalidInputError
        If `game` is not a :class:`TUGame` or has more than 16 players.
    InfeasibleError
        If an LP fails.

    Notes
    -----
    .. math::

       \varepsilon^* = \min \{\varepsilon : x(N) = v(N),\ x(S) + \varepsilon \ge
       v(S)\ \forall\, \emptyset \ne S \subsetneq N\}

    over pre-imputations. For a cost game :math:`\varepsilon^*` is the smallest
    bound on overpayments :math:`x(S) - c(S)` and the allocation is in cost shares.
    The loop over scenarios is only around the LP solver.

    References
    ----------
    .. [1] Maschler, M., Peleg, B., & Shapley, L. S. (1979). *Mathematics of
       Operations Research* 4(4), 303-338.

    Examples
    --------
    >>> from burden import games
    >>> print(games.least_core(games.TUGame(values=[0, 1, 2, 6])).allocation.round(6))
    [2.5 3.5]
    """
    return _least_core(_require_game(game))
