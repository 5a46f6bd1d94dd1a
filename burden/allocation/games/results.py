"""Result types of the LP-based solutions: :class:`NucleolusResult` and :class:`LeastCoreResult`.

They sit below the game module (their ``game`` is typed structurally) so that
:class:`~burden.allocation.games.TUGame` can return them without an import circle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from burden.allocation.games._coalitions import _allocation_frame

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    from burden.allocation.games._forms import Domain, GameLike
    from burden.typing import BoolArray, FloatArray, IntArray

__all__ = ["LeastCoreResult", "NucleolusResult"]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class NucleolusResult:
    """Nucleolus or prenucleolus of a game (or batch of games).

    Attributes
    ----------
    allocation : ndarray of float64, shape (..., n)
        Payoffs (value game) or cost shares (cost game).
    levels : ndarray of float64, shape (..., n)
        Excess level fixed in each LP round (:math:`v(S) - x(S)` for value games,
        :math:`x(S) - c(S)` for cost games), NaN-padded after the last round. The
        first level is the least-core value.
    n_rounds : ndarray of int64, shape (...)
        Number of LP rounds.
    kohlberg : ndarray of bool, shape (...)
        Whether the allocation passed the Kohlberg criterion.
    domain : {"imputation", "preimputation"}
        Nucleolus or prenucleolus.
    game : TUGame
        The game solved.

    Examples
    --------
    >>> from burden import games
    >>> r = games.nucleolus(games.bankruptcy_game(200.0, [100.0, 200.0, 300.0]))
    >>> print(r.allocation.round(6))
    [50. 75. 75.]
    """

    allocation: FloatArray
    levels: FloatArray
    n_rounds: IntArray
    kohlberg: BoolArray
    domain: Domain
    game: GameLike

    @property
    def least_core_value(self) -> FloatArray:
        r"""First excess level: the least-core :math:`\varepsilon`, shape ``(...)``."""
        return np.asarray(self.levels[..., 0])

    def __array__(
        self, dtype: npt.DTypeLike | None = None, copy: bool | None = None
    ) -> FloatArray:
        """Return the allocation, so that ``np.asarray(result)`` is the allocation array.

        ``TUGame.nucleolus()`` returned that array before it returned this result.
        """
        out: FloatArray = np.asarray(self.allocation, dtype=dtype, copy=copy)
        return out

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: ``scenario``, ``player``, ``allocation``.

        Examples
        --------
        >>> from burden import games
        >>> r = games.nucleolus(games.TUGame(values=[0, 1, 2, 6]))
        >>> print(r.to_frame().allocation.tolist())
        [2.5, 3.5]
        """
        return _allocation_frame(self.game.player_names, allocation=self.allocation)

    def _repr_html_(self) -> str:
        return f"<p><b>{type(self).__name__}</b></p>" + self.to_frame().to_html(max_rows=40)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class LeastCoreResult:
    r"""Least core value and one allocation in the least core.

    Attributes
    ----------
    epsilon : ndarray of float64, shape (...)
        Smallest :math:`\varepsilon` with a non-empty :math:`\varepsilon`-core; the
        core is non-empty iff :math:`\varepsilon \le 0`.
    allocation : ndarray of float64, shape (..., n)
        One allocation (an LP vertex) in the least core; the nucleolus is a
        canonical one.
    game : TUGame
        The game solved.

    Examples
    --------
    >>> from burden import games
    >>> r = games.least_core(games.TUGame(values=[0, 0, 0, 1, 0, 1, 1, 1]))
    >>> print(round(float(r.epsilon), 6))
    0.333333
    """

    epsilon: FloatArray
    allocation: FloatArray
    game: GameLike

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: ``scenario``, ``player``, ``allocation``.

        Examples
        --------
        >>> from burden import games
        >>> r = games.least_core(games.TUGame(values=[0, 1, 2, 6]))
        >>> list(r.to_frame().columns)
        ['scenario', 'player', 'allocation']
        """
        return _allocation_frame(self.game.player_names, allocation=self.allocation)

    def _repr_html_(self) -> str:
        return f"<p><b>{type(self).__name__}</b></p>" + self.to_frame().to_html(max_rows=40)
