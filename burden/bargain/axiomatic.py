"""Axiomatic bargaining solutions: Nash, Kalai-Smorodinsky, egalitarian, and all three at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from burden._core.checks import as_whole_number, broadcast_batch, readonly
from burden._core.results import Result, batch_frame, shape_text
from burden._core.solvers import decreasing_root, golden_max
from burden.errors import InfeasibleError, InvalidInputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from burden.typing import FloatArray
from burden.bargain._shared import Pair, _full, _pair, _positive_or_one, _weights
from burden.bargain.frontiers import Frontier, _check_frontier

__all__ = ["BargainingSolutions", "egalitarian", "kalai_smorodinsky", "nash", "solutions"]

_SOLUTION_NAMES: Final = ("nash", "kalai_smorodinsky", "egalitarian")


_ULPS: Final = 8.0 * np.finfo(np.float64).eps
"""Relative rounding slack of a point on the frontier (a few ulps of its operands)."""


def _problem(
    frontier: object, disagreement: object, extra: dict[str, FloatArray] | None = None
) -> tuple[Frontier, FloatArray, FloatArray, tuple[int, ...]]:
    """Validate a bargaining problem; return frontier, d1, d2 (broadcast) and the batch shape."""
    front = _check_frontier(frontier)
    d1, d2 = _pair(disagreement, "disagreement")
    fields = {"frontier": front.u1_max, "disagreement[0]": d1, "disagreement[1]": d2}
    shape = broadcast_batch(fields | (extra or {}))
    d1, d2 = _full(d1, shape), _full(d2, shape)
    # A point on the frontier up to rounding (a shifted problem computes d1 + d2 and
    # the total along different paths) is on it: a few ulps of the operands' size.
    slack = _ULPS * (np.abs(d1) + np.abs(d2) + np.abs(front.u1_max))
    if front.kind == "linear":
        bad = d1 + d2 > front.u1_max + slack
        where = "d1 + d2 <= total"
    else:
        u1_max = np.broadcast_to(front.u1_max, shape)
        above = np.zeros(shape, dtype=np.bool_)
        inside = d1 <= u1_max + slack
        at = np.minimum(np.maximum(d1, 0.0), u1_max)
        level = front.evaluate(at, shape)
        above[inside] = (d2 > level + _ULPS * np.abs(level))[inside]
        bad = ~inside | above
        where = "d1 <= u1_max and d2 <= f(max(d1, 0))"
    if bad.any():
        field = "disagreement"
        raise InfeasibleError(
            field,
            disagreement,
            f"a point in the feasible set ({where})",
            hint=f"{int(bad.sum())} of {bad.size} points lie outside it",
        )
    return front, d1, d2, shape


def _crossing(front: Frontier, d2: FloatArray, lo: FloatArray, u1_max: FloatArray) -> FloatArray:
    """Largest u1 in [lo, u1_max] with f(u1) >= d2 (f is decreasing)."""

    def above(u1: FloatArray, level: FloatArray) -> FloatArray:
        return front.evaluate(u1) - level

    return decreasing_root(above, lo, u1_max, args=(d2,))


def _concave_bounds(
    front: Frontier, d1: FloatArray, d2: FloatArray, shape: tuple[int, ...]
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Individually rational stretch [lo, hi] of a concave frontier, f(lo) and u1_max."""
    u1_max = _full(front.u1_max, shape)
    lo = np.maximum(d1, 0.0)
    f_lo = front.evaluate(lo, shape)
    hi = _crossing(front, d2, lo, u1_max)
    return lo, hi, f_lo, u1_max


def _nash_concave(
    front: Frontier,
    d1: FloatArray,
    d2: FloatArray,
    w1: FloatArray,
    w2: FloatArray,
    shape: tuple[int, ...],
) -> tuple[FloatArray, FloatArray]:
    lo, hi, f_lo, _ = _concave_bounds(front, d1, d2, shape)
    # Gains are normalized to [0, 1] so that the search does not depend on units.
    s1 = _positive_or_one(hi - d1)
    s2 = _positive_or_one(f_lo - d2)
    w1, w2 = _full(w1, shape), _full(w2, shape)

    def product(u1: FloatArray) -> FloatArray:
        # (u1 - d1)^w1 (f(u1) - d2)^w2 is log-concave on [lo, hi] (f concave), so
        # unimodal; 0**0 == 1 gives the dictator solutions when a weight is 0.
        gain1 = (u1 - d1) / s1
        gain2 = np.maximum(front.evaluate(u1, shape) - d2, 0.0) / s2
        return np.power(gain1, w1) * np.power(gain2, w2)

    u1 = golden_max(product, lo, hi)
    return u1, front.evaluate(u1, shape)


def _ks_concave(
    front: Frontier, d1: FloatArray, d2: FloatArray, shape: tuple[int, ...]
) -> tuple[FloatArray, FloatArray]:
    lo, hi, f_lo, _ = _concave_bounds(front, d1, d2, shape)
    s1 = _positive_or_one(hi - d1)  # ideal gains: a1 - d1 with a1 = hi
    s2 = _positive_or_one(f_lo - d2)  # a2 - d2 with a2 = f(lo)

    def gap(
        u1: FloatArray, e1: FloatArray, e2: FloatArray, t1: FloatArray, t2: FloatArray
    ) -> FloatArray:
        # positive while the frontier point lies above the line from d to the ideal point
        return (front.evaluate(u1) - e2) / t2 - (u1 - e1) / t1

    u1 = decreasing_root(gap, lo, hi, args=(d1, d2, s1, s2))
    return u1, front.evaluate(u1, shape)


def _egalitarian_concave(
    front: Frontier, d1: FloatArray, d2: FloatArray, shape: tuple[int, ...]
) -> tuple[FloatArray, FloatArray]:
    _, _, f_lo, u1_max = _concave_bounds(front, d1, d2, shape)

    def slack(t: FloatArray, e1: FloatArray, e2: FloatArray, top: FloatArray) -> FloatArray:
        # >= 0 while (d1 + t, d2 + t) is feasible; decreasing in t.
        return front.evaluate(np.clip(e1 + t, 0.0, top)) - e2 - t

    t_max = np.maximum(np.minimum(u1_max - d1, f_lo - d2), 0.0)
    t = decreasing_root(slack, np.zeros(shape), t_max, args=(d1, d2, u1_max))
    return d1 + t, d2 + t


def nash(
    frontier: Frontier,
    *,
    disagreement: Pair = (0.0, 0.0),
    weights: Pair = (0.5, 0.5),
) -> tuple[FloatArray, FloatArray]:
    r"""Nash bargaining solution, symmetric or weighted (asymmetric).

    Parameters
    ----------
    frontier : Frontier
        From :func:`linear_frontier` or :func:`concave_frontier`; batch shape
        ``(n_draws, ...)`` or ``()``.
    disagreement : pair of array_like, default (0.0, 0.0)
        ``(d1, d2)``: what each side gets without a deal, same unit as the
        frontier; each broadcastable with the frontier's shape. Must lie in the
        feasible set.
    weights : pair of array_like, default (0.5, 0.5)
        Bargaining weights ``(w1, w2)``, non-negative, summing to 1.

    Returns
    -------
    u1, u2 : tuple of ndarray of float64
        Utilities at the solution, read-only, of the broadcast batch shape (0-d for
        scalar input).

    Raises
    ------
    InvalidInputError
        If `frontier` is not a Frontier, or `disagreement` or `weights` are not
        pairs of finite numbers, the weights are negative or do not sum to 1, or
        the shapes do not broadcast.
    InfeasibleError
        If the disagreement point lies outside the feasible set.

    See Also
    --------
    kalai_smorodinsky, egalitarian, solutions

    Notes
    -----
    The solution maximizes :math:`(u_1 - d_1)^{w_1} (u_2 - d_2)^{w_2}` over the
    feasible points with :math:`u \ge d` [1]_. On a linear frontier
    :math:`u_1 + u_2 = T` it is

    .. math:: u_i = d_i + w_i (T - d_1 - d_2).

    On a concave frontier the product is log-concave in :math:`u_1`, and it is
    maximized by golden-section search on :math:`[\max(d_1, 0), \bar u]` for all
    draws at once, where :math:`\bar u` is the largest :math:`u_1` with
    :math:`f(u_1) \ge d_2` (found by bisection). The answer is accurate to about
    1e-8 of that interval (the limit of any derivative-free search of a smooth
    maximum in float64).

    References
    ----------
    .. [1] Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.

    Examples
    --------
    >>> from burden import bargain
    >>> u1, u2 = bargain.nash(bargain.linear_frontier(10.0), disagreement=(2.0, 0.0))
    >>> float(u1), float(u2)
    (6.0, 4.0)
    >>> u1, u2 = bargain.nash(bargain.linear_frontier(10.0), weights=(0.7, 0.3))
    >>> float(u1), float(u2)
    (7.0, 3.0)
    """
    w1, w2 = _weights(weights)
    front, d1, d2, shape = _problem(frontier, disagreement, {"weights[0]": w1, "weights[1]": w2})
    if front.kind == "linear":
        gains = front.u1_max - d1 - d2
        u1, u2 = d1 + w1 * gains, d2 + w2 * gains
    else:
        u1, u2 = _nash_concave(front, d1, d2, w1, w2, shape)
    return readonly(_full(u1, shape)), readonly(_full(u2, shape))


def kalai_smorodinsky(
    frontier: Frontier, *, disagreement: Pair = (0.0, 0.0)
) -> tuple[FloatArray, FloatArray]:
    """Kalai-Smorodinsky solution: equal shares of each side's best possible gain.

    Parameters
    ----------
    frontier : Frontier
        From :func:`linear_frontier` or :func:`concave_frontier`.
    disagreement : pair of array_like, default (0.0, 0.0)
        ``(d1, d2)``, broadcastable with the frontier's shape; must be feasible.

    Returns
    -------
    u1, u2 : tuple of ndarray of float64
        Utilities at the solution, read-only, broadcast batch shape.

    Raises
    ------
    InvalidInputError
        If `frontier` is not a Frontier, or `disagreement` is not a pair of finite
        numbers, or the shapes do not broadcast.
    InfeasibleError
        If the disagreement point lies outside the feasible set.

    See Also
    --------
    nash, egalitarian

    Notes
    -----
    With the ideal point :math:`a_i` (the most side :math:`i` can get while the
    other keeps at least its disagreement value), the solution is the frontier
    point with :math:`(u_1 - d_1)/(a_1 - d_1) = (u_2 - d_2)/(a_2 - d_2)` [2]_. On a
    linear frontier :math:`a_1 - d_1 = a_2 - d_2 = T - d_1 - d_2`, so it equals
    the symmetric Nash solution :math:`u_i = d_i + (T - d_1 - d_2)/2`. On a concave
    frontier it is found by bisection (to float64 resolution), all draws at once.

    References
    ----------
    .. [2] Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's
       bargaining problem. *Econometrica* 43(3), 513-518.

    Examples
    --------
    >>> import numpy as np
    >>> from burden import bargain
    >>> front = bargain.concave_frontier(lambda u: 1.0 - u**2, u1_max=1.0)
    >>> u1, u2 = bargain.kalai_smorodinsky(front)
    >>> round(float(u1), 9), round(float(np.sqrt(5.0) - 1.0) / 2.0, 9)
    (0.618033989, 0.618033989)
    """
    front, d1, d2, shape = _problem(frontier, disagreement)
    if front.kind == "linear":
        half = 0.5 * (front.u1_max - d1 - d2)
        u1, u2 = d1 + half, d2 + half
    else:
        u1, u2 = _ks_concave(front, d1, d2, shape)
    return readonly(_full(u1, shape)), readonly(_full(u2, shape))


def egalitarian(
    frontier: Frontier, *, disagreement: Pair = (0.0, 0.0)
) -> tuple[FloatArray, FloatArray]:
    r"""Egalitarian solution: the largest equal gains over the disagreement point.

    Parameters
    ----------
    frontier : Frontier
        From :func:`linear_frontier` or :func:`concave_frontier`.
    disagreement : pair of array_like, default (0.0, 0.0)
        ``(d1, d2)``, broadcastable with the frontier's shape; must be feasible.

    Returns
    -------
    u1, u2 : tuple of ndarray of float64
        ``(d1 + t, d2 + t)`` with the largest feasible ``t``; read-only.

    Raises
    ------
    InvalidInputError
        If `frontier` is not a Frontier, or `disagreement` is not a pair of finite
        numbers, or the shapes do not broadcast.
    InfeasibleError
        If the disagreement point lies outside the feasible set.

    See Also
    --------
    nash, kalai_smorodinsky

    Notes
    -----
    :math:`t^* = \max\{t: (d_1 + t, d_2 + t) \in S\}` [3]_. Gains are compared in
    the frontier's units, so the solution is not scale invariant. On a linear
    frontier :math:`t^* = (T - d_1 - d_2)/2`. On a concave frontier :math:`t^*` is
    found by bisection; where the equal-gain ray leaves :math:`S` through the
    vertical edge at :math:`u_1 = \bar u_1` (only weakly efficient) it stops there.

    References
    ----------
    .. [3] Kalai, E. (1977). Proportional solutions to bargaining situations:
       interpersonal utility comparisons. *Econometrica* 45(7), 1623-1630.

    Examples
    --------
    >>> from burden import bargain
    >>> u1, u2 = bargain.egalitarian(bargain.linear_frontier(10.0), disagreement=(4.0, 0.0))
    >>> float(u1), float(u2)
    (7.0, 3.0)
    """
    front, d1, d2, shape = _problem(frontier, disagreement)
    if front.kind == "linear":
        half = 0.5 * (front.u1_max - d1 - d2)
        u1, u2 = d1 + half, d2 + half
    else:
        u1, u2 = _egalitarian_concave(front, d1, d2, shape)
    return readonly(_full(u1, shape)), readonly(_full(u2, shape))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class BargainingSolutions(Result):
    r"""Nash, Kalai-Smorodinsky and egalitarian solutions of the same problems.

    Built by :func:`solutions`.

    Attributes
    ----------
    frontier : Frontier
        The frontier solved on.
    disagreement : tuple of two ndarray of float64
        ``(d1, d2)`` broadcast to the batch shape.
    weights : tuple of two ndarray of float64
        Nash weights ``(w1, w2)`` as given.
    names : tuple of str
        ``("nash", "kalai_smorodinsky", "egalitarian")``, the last axis of `u1`, `u2`.
    u1, u2 : ndarray of float64, shape (\*batch, 3)
        Utilities at each solution.
    """

    frontier: Frontier
    disagreement: tuple[FloatArray, FloatArray]
    weights: tuple[FloatArray, FloatArray]
    names: tuple[str, ...]
    u1: FloatArray
    u2: FloatArray

    _title = "Bargaining solutions"

    def _facts(self) -> list[tuple[str, object]]:
        batch = self.u1.shape[:-1]
        facts: list[tuple[str, object]] = [("frontier", self.frontier.kind)]
        if batch:
            facts.append(("draws", shape_text(batch)))
            return facts
        for name, a, b in zip(self.names, self.u1.tolist(), self.u2.tolist(), strict=True):
            facts.append((name, f"({a:.4g}, {b:.4g})"))
        return facts

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame: one row per (draw and) solution.

        Returns
        -------
        pandas.DataFrame
            Columns ``draw`` (plus ``axis_1``, ... for further batch axes; none for
            a single problem), ``solution`` (categorical), ``u1``, ``u2`` and the
            gains ``gain1 = u1 - d1``, ``gain2 = u2 - d2``.
        """
        batch = self.u1.shape[:-1]
        k = len(self.names)
        d1 = self.disagreement[0][..., np.newaxis]
        d2 = self.disagreement[1][..., np.newaxis]
        frame = batch_frame(
            {
                "u1": self.u1,
                "u2": self.u2,
                "gain1": self.u1 - d1,
                "gain2": self.u2 - d2,
            },
            (*batch, k),
        )
        last = f"axis_{len(batch)}" if batch else "draw"
        solution = pd.Categorical(
            np.asarray(self.names)[frame[last].to_numpy()], categories=list(self.names)
        )
        out = frame.drop(columns=[last])
        out.insert(len(batch), "solution", pd.Series(solution, index=out.index))
        return out

    def plot(
        self,
        ax: Axes | None = None,
        *,
        draw: int | None = None,
        unit: str = "payoff",
        title: str | None = None,
    ) -> Axes:
        """Draw the frontier, the disagreement point and the three solutions.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        draw : int, optional
            For problems with draws (one batch axis), the draw to show; default 0.
        unit : str, default "payoff"
            Unit of both payoffs, for the axis labels.
        title : str, optional

        Returns
        -------
        matplotlib.axes.Axes

        See Also
        --------
        burden.plot.plot_bargaining
        """
        from burden.plot import plot_bargaining  # noqa: PLC0415 - matplotlib is optional

        if self.u1.ndim == 2:
            n = self.u1.shape[0]
            i = as_whole_number(0 if draw is None else draw, "draw", minimum=0, maximum=n - 1)
            title = title or f"Bargaining frontier and solutions (draw {i} of {n})"
        elif self.u1.ndim != 1:
            raise InvalidInputError(
                "BargainingSolutions.plot", self.u1.shape, "a single problem or one axis of draws"
            )
        else:
            n, i = 1, 0

        def pick(arr: FloatArray) -> float:
            return float(np.broadcast_to(arr, (n,))[i])

        u1, u2 = self.u1.reshape(n, -1)[i], self.u2.reshape(n, -1)[i]
        d1, d2 = pick(self.disagreement[0]), pick(self.disagreement[1])
        start = min(0.0, d1, float(u1.min()))
        grid = np.linspace(start, pick(self.frontier.u1_max), 101)
        if self.frontier.shape:
            frontier_u2 = self.frontier.evaluate(grid[:, None], (grid.size, n))[:, i]
        else:
            frontier_u2 = self.frontier.evaluate(grid)
        labels = {
            "nash": "Nash",
            "kalai_smorodinsky": "Kalai-Smorodinsky",
            "egalitarian": "egalitarian",
        }
        points = {
            labels.get(name, name): (float(a), float(b))
            for name, a, b in zip(self.names, u1, u2, strict=True)
        }
        return plot_bargaining(
            grid, frontier_u2, points, disagreement=(d1, d2), unit=unit, ax=ax, title=title
        )


def solutions(
    frontier: Frontier,
    *,
    disagreement: Pair = (0.0, 0.0),
    weights: Pair = (0.5, 0.5),
) -> BargainingSolutions:
    """Nash (with `weights`), Kalai-Smorodinsky and egalitarian solutions side by side.

    Parameters
    ----------
    frontier : Frontier
        From :func:`linear_frontier` or :func:`concave_frontier`.
    disagreement : pair of array_like, default (0.0, 0.0)
        ``(d1, d2)``, broadcastable with the frontier's shape; must be feasible.
    weights : pair of array_like, default (0.5, 0.5)
        Nash bargaining weights, non-negative, summing to 1.

    Returns
    -------
    BargainingSolutions
        ``u1`` and ``u2`` of shape ``(*batch, 3)`` and a tidy ``to_frame()``.

    Raises
    ------
    InvalidInputError, InfeasibleError
        As :func:`nash`.

    See Also
    --------
    nash, kalai_smorodinsky, egalitarian

    Examples
    --------
    >>> import numpy as np
    >>> from burden import bargain
    >>> front = bargain.concave_frontier(lambda u: 1.0 - u**2, u1_max=1.0)
    >>> res = bargain.solutions(front)
    >>> res.to_frame().round(4)
                solution      u1      u2   gain1   gain2
    0               nash  0.5774  0.6667  0.5774  0.6667
    1  kalai_smorodinsky  0.6180  0.6180  0.6180  0.6180
    2        egalitarian  0.6180  0.6180  0.6180  0.6180
    """
    w1, w2 = _weights(weights)
    front, d1, d2, _ = _problem(frontier, disagreement, {"weights[0]": w1, "weights[1]": w2})
    points = (
        nash(front, disagreement=(d1, d2), weights=(w1, w2)),
        kalai_smorodinsky(front, disagreement=(d1, d2)),
        egalitarian(front, disagreement=(d1, d2)),
    )
    return BargainingSolutions(
        frontier=front,
        disagreement=(readonly(d1), readonly(d2)),
        weights=(readonly(w1), readonly(w2)),
        names=_SOLUTION_NAMES,
        u1=readonly(np.stack([p[0] for p in points], axis=-1)),
        u2=readonly(np.stack([p[1] for p in points], axis=-1)),
    )
