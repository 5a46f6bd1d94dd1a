"""Result types of the LP-based solutions: :class:`NucleolusResult` and :class:`LeastCoreResult`.

They sit below the game module (their ``game`` is typed structurally) so that
:class:`~burden.allocation.games.TUGame` can return them without an import circle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from burden._core.checks import as_whole_number
from burden._core.results import Result, shape_text
from burden.allocation.games._coalitions import _allocation_frame

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd
    from matplotlib.axes import Axes

    from burden.allocation.games._forms import Domain, GameLike
    from burden.typing import BoolArray, FloatArray, IntArray

__all__ = ["LeastCoreResult", "NucleolusResult"]


class AllocationResult(Result):
    """Shared presentation of the allocations of a game: key figures and a bar chart."""

    __slots__ = ()

    _method: ClassVar[str] = "allocation"

    def _label(self) -> str:
        return self._method

    def _players(self) -> tuple[str, ...]:
        raise NotImplementedError

    def _shares(self) -> FloatArray:
        raise NotImplementedError

    def _facts(self) -> list[tuple[str, object]]:
        shares = self._shares()
        facts: list[tuple[str, object]] = [("players", len(self._players()))]
        if shares.ndim > 1:
            facts.append(("draws", shape_text(shares.shape[:-1])))
        else:
            pairs = zip(self._players(), shares.tolist(), strict=True)
            facts.append((self._label(), ", ".join(f"{p}: {v:.4g}" for p, v in pairs)))
        return facts

    def plot(
        self,
        ax: Axes | None = None,
        *,
        draw: int | None = None,
        unit: str = "payoff (game units)",
        title: str | None = None,
    ) -> Axes:
        """Draw each player's share as bars (needs the plot extra).

        Parameters
        ----------
        ax : matplotlib Axes, optional
        draw : int, optional
            For a batch of games: the (flat) index of the game to draw; default the
            median share of each player across the batch.
        unit : str, default "payoff (game units)"
            Unit of the shares, for the axis label.
        title : str, optional

        Returns
        -------
        matplotlib.axes.Axes

        See Also
        --------
        burden.plot.plot_allocation
        """
        from burden.plot import plot_allocation  # noqa: PLC0415 (matplotlib is optional)

        rows = self._shares().reshape(-1, len(self._players()))
        method = self._label()
        if draw is not None:
            values = rows[as_whole_number(draw, "draw", minimum=0, maximum=rows.shape[0] - 1)]
            label = f"{method} (draw {draw})"
        elif rows.shape[0] == 1:
            values, label = rows[0], method
        else:
            values, label = np.median(rows, axis=0), f"{method} (median of {rows.shape[0]})"
        return plot_allocation(
            list(self._players()),
            {label: values},
            unit=unit,
            ax=ax,
            title=title or f"{method.capitalize()} by player",
        )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class NucleolusResult(AllocationResult):
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

    _title = "Nucleolus"

    def _label(self) -> str:
        return "nucleolus" if self.domain == "imputation" else "prenucleolus"

    def _players(self) -> tuple[str, ...]:
        return self.game.player_names

    def _shares(self) -> FloatArray:
        return self.allocation

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
        """Tidy table: ``draw`` (only for a batch of games), ``player``, ``allocation``.

        Examples
        --------
        >>> from burden import games
        >>> r = games.nucleolus(games.TUGame(values=[0, 1, 2, 6]))
        >>> print(r.to_frame().allocation.tolist())
        [2.5, 3.5]
        """
        return _allocation_frame(self.game.player_names, allocation=self.allocation)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class LeastCoreResult(AllocationResult):
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

    _title = "Least core"
    _method = "least core"

    def _players(self) -> tuple[str, ...]:
        return self.game.player_names

    def _shares(self) -> FloatArray:
        return self.allocation

    def _facts(self) -> list[tuple[str, object]]:
        eps = self.epsilon
        value = float(eps) if eps.ndim == 0 else f"median {float(np.median(eps)):.4g}"
        return [*AllocationResult._facts(self), ("epsilon", value)]

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: ``draw`` (only for a batch of games), ``player``, ``allocation``.

        Examples
        --------
        >>> from burden import games
        >>> r = games.least_core(games.TUGame(values=[0, 1, 2, 6]))
        >>> list(r.to_frame().columns)
        ['player', 'allocation']
        """
        return _allocation_frame(self.game.player_names, allocation=self.allocation)
