"""Negotiation models: zones of agreement, bargaining solutions and alternating offers.

Two sides negotiate over what the host (the ally where forces are stationed) pays
the sender (the ally that stations them). This module answers three questions,
each vectorized over draws (draws on axis 0, every input broadcasts, float64 out):

1. **Is there a deal to be had?** :func:`zopa` compares each side's reservation
   value (the host's maximum acceptable contribution, the sender's minimum
   acceptable one) and, when positions are uncertain draws, reports the
   probability that a zone of possible agreement exists.
2. **Where would a deal land?** Axiomatic solutions on a utility frontier:
   :func:`nash` (symmetric or weighted), :func:`kalai_smorodinsky` and
   :func:`egalitarian`, on a linear (transferable-utility) frontier
   (:func:`linear_frontier`, closed forms) or any concave frontier
   (:func:`concave_frontier`, solved numerically for all draws at once);
   :func:`solutions` returns all three as one result.
3. **What does delay cost, and who gains from patience?** Rubinstein's
   alternating-offers game (:func:`rubinstein`, infinite or finite horizon, either
   side proposing first), its continuous-time limit (:func:`rubinstein_limit`) and
   :func:`cost_of_delay`, which turns a stalemate's monthly cost into rates of
   impatience, discount factors and disagreement points.

Utilities are in whatever unit the caller chooses (whole currency units for
money, or shares of a unit pie); the functions never mix units behind your back.
Every function checks its inputs first and raises a :class:`burden.BurdenError`
subclass naming the bad field before doing any work.

References
----------
.. [1] Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
.. [2] Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's bargaining
   problem. *Econometrica* 43(3), 513-518.
.. [3] Kalai, E. (1977). Proportional solutions to bargaining situations:
   interpersonal utility comparisons. *Econometrica* 45(7), 1623-1630.
.. [4] Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
   *Econometrica* 50(1), 97-109.
.. [5] Ståhl, I. (1972). *Bargaining Theory*. Stockholm School of Economics.
.. [6] Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). The Nash bargaining
   solution in economic modelling. *RAND Journal of Economics* 17(2), 176-188.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_float_array, broadcast_batch, first_bad, readonly
from burden._core.limits import check_work
from burden.errors import InfeasibleError, InvalidInputError
from burden.typing import BoolArray, FloatArray

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "BargainingSolutions",
    "DelayCost",
    "Frontier",
    "FrontierFunction",
    "Pair",
    "Zopa",
    "concave_frontier",
    "cost_of_delay",
    "egalitarian",
    "kalai_smorodinsky",
    "linear_frontier",
    "nash",
    "rubinstein",
    "rubinstein_limit",
    "solutions",
    "zopa",
]

Pair: TypeAlias = Sequence[npt.ArrayLike] | FloatArray
"""A pair ``(first, second)``; each entry a number or an array of draws."""

FrontierFunction: TypeAlias = Callable[[FloatArray], npt.ArrayLike]
"""``u2 = f(u1)``, applied element by element to a float64 array of any shape."""

_GRID_POINTS: Final = 129  # grid on which a concave frontier is checked
_BISECTION_STEPS: Final = 64  # halvings: beyond float64 resolution of any interval
_GOLDEN_STEPS: Final = 90  # 0.618**90 < 1e-18 of the starting interval
_INV_PHI: Final = (np.sqrt(5.0) - 1.0) / 2.0
_WEIGHT_TOL: Final = 1e-9
_CONCAVITY_RTOL: Final = 1e-9
_SOLUTION_NAMES: Final = ("nash", "kalai_smorodinsky", "egalitarian")


# --------------------------------------------------------------------------- helpers


def _batch_index(shape: tuple[int, ...]) -> pd.Index:
    """Index of a tidy frame with one row per element of an array of `shape`."""
    if len(shape) <= 1:
        return pd.RangeIndex(shape[0] if shape else 1, name="draw")
    names = ["draw", *(f"axis_{k}" for k in range(1, len(shape)))]
    codes = np.indices(shape).reshape(len(shape), -1)
    return pd.MultiIndex.from_arrays(list(codes), names=names)


def _pair(value: object, field: str) -> tuple[FloatArray, FloatArray]:
    """Split a pair ``(first, second)`` into two float64 arrays, or raise naming `field`."""
    expected = "a pair (first, second) of numbers or arrays"
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        raise InvalidInputError(field, value, expected)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        raise InvalidInputError(field, value, expected)
    if len(value) != 2:
        raise InvalidInputError(
            field, value, expected, hint="for draws pass two arrays, e.g. (d[:, 0], d[:, 1])"
        )
    return as_float_array(value[0], f"{field}[0]"), as_float_array(value[1], f"{field}[1]")


def _weights(value: object) -> tuple[FloatArray, FloatArray]:
    w1, w2 = _pair(value, "weights")
    broadcast_batch({"weights[0]": w1, "weights[1]": w2})
    if (w1 < 0).any() or (w2 < 0).any() or (np.abs(w1 + w2 - 1.0) > _WEIGHT_TOL).any():
        field = "weights"
        raise InvalidInputError(field, value, "two non-negative weights that sum to 1")
    return w1, w2


def _check_frontier(frontier: object) -> Frontier:
    if not isinstance(frontier, Frontier):
        field = "frontier"
        raise InvalidInputError(
            field, frontier, "a Frontier from linear_frontier() or concave_frontier()"
        )
    return frontier


def _full(arr: FloatArray, shape: tuple[int, ...]) -> FloatArray:
    """Return a fresh, writable float64 copy of `arr` broadcast to `shape`."""
    return np.array(np.broadcast_to(arr, shape), dtype=np.float64)


def _problem(
    frontier: object, disagreement: object, extra: dict[str, FloatArray] | None = None
) -> tuple[Frontier, FloatArray, FloatArray, tuple[int, ...]]:
    """Validate a bargaining problem; return frontier, d1, d2 (broadcast) and the batch shape."""
    front = _check_frontier(frontier)
    d1, d2 = _pair(disagreement, "disagreement")
    fields = {"frontier": front.u1_max, "disagreement[0]": d1, "disagreement[1]": d2}
    shape = broadcast_batch(fields | (extra or {}))
    d1, d2 = _full(d1, shape), _full(d2, shape)
    if front.kind == "linear":
        bad = d1 + d2 > front.u1_max
        where = "d1 + d2 <= total"
    else:
        u1_max = np.broadcast_to(front.u1_max, shape)
        above = np.zeros(shape, dtype=np.bool_)
        inside = d1 <= u1_max
        at = np.minimum(np.maximum(d1, 0.0), u1_max)
        above[inside] = d2[inside] > front.evaluate(at, shape)[inside]
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


def _crossing(
    front: Frontier, d2: FloatArray, lo: FloatArray, u1_max: FloatArray, shape: tuple[int, ...]
) -> FloatArray:
    """Largest u1 in [lo, u1_max] with f(u1) >= d2 (f is decreasing), by bisection."""
    reach = front.evaluate(u1_max, shape) >= d2
    if reach.all():
        return u1_max.copy()
    a, b = lo.copy(), u1_max.copy()
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (a + b)
        ok = front.evaluate(mid, shape) >= d2
        a = np.where(ok, mid, a)
        b = np.where(ok, b, mid)
    return np.where(reach, u1_max, a)


def _concave_bounds(
    front: Frontier, d1: FloatArray, d2: FloatArray, shape: tuple[int, ...]
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Individually rational stretch [lo, hi] of a concave frontier, f(lo) and u1_max."""
    u1_max = _full(front.u1_max, shape)
    lo = np.maximum(d1, 0.0)
    f_lo = front.evaluate(lo, shape)
    hi = _crossing(front, d2, lo, u1_max, shape)
    return lo, hi, f_lo, u1_max


def _positive_or_one(arr: FloatArray) -> FloatArray:
    return np.where(arr > 0.0, arr, 1.0)


def _golden_max(
    objective: Callable[[FloatArray], FloatArray], lo: FloatArray, hi: FloatArray
) -> FloatArray:
    """Maximize a unimodal function on [lo, hi] elementwise (golden-section search)."""
    a, b = lo.copy(), hi.copy()
    c = b - _INV_PHI * (b - a)
    d = a + _INV_PHI * (b - a)
    fc, fd = objective(c), objective(d)
    for _ in range(_GOLDEN_STEPS):
        left = fc >= fd  # the maximum lies in [a, d]; ties go left (see _nash_concave)
        a = np.where(left, a, c)
        b = np.where(left, d, b)
        new = np.where(left, b - _INV_PHI * (b - a), a + _INV_PHI * (b - a))
        fnew = objective(new)
        c, d = np.where(left, new, d), np.where(left, c, new)
        fc, fd = np.where(left, fnew, fd), np.where(left, fc, fnew)
    return 0.5 * (a + b)


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

    u1 = _golden_max(product, lo, hi)
    return u1, front.evaluate(u1, shape)


def _ks_concave(
    front: Frontier, d1: FloatArray, d2: FloatArray, shape: tuple[int, ...]
) -> tuple[FloatArray, FloatArray]:
    lo, hi, f_lo, _ = _concave_bounds(front, d1, d2, shape)
    s1 = _positive_or_one(hi - d1)  # ideal gains: a1 - d1 with a1 = hi
    s2 = _positive_or_one(f_lo - d2)  # a2 - d2 with a2 = f(lo)
    a, b = lo.copy(), hi.copy()
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (a + b)
        # positive while the frontier point lies above the line from d to the ideal point
        gap = (front.evaluate(mid, shape) - d2) / s2 - (mid - d1) / s1
        a = np.where(gap > 0.0, mid, a)
        b = np.where(gap > 0.0, b, mid)
    u1 = 0.5 * (a + b)
    return u1, front.evaluate(u1, shape)


def _egalitarian_concave(
    front: Frontier, d1: FloatArray, d2: FloatArray, shape: tuple[int, ...]
) -> tuple[FloatArray, FloatArray]:
    _, _, f_lo, u1_max = _concave_bounds(front, d1, d2, shape)

    def slack(t: FloatArray) -> FloatArray:
        # >= 0 while (d1 + t, d2 + t) is feasible; decreasing in t.
        u1 = np.clip(d1 + t, 0.0, u1_max)
        return front.evaluate(u1, shape) - d2 - t

    t_max = np.maximum(np.minimum(u1_max - d1, f_lo - d2), 0.0)
    corner = slack(t_max) >= 0.0
    a, b = np.zeros(shape), t_max.copy()
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (a + b)
        ok = slack(mid) >= 0.0
        a = np.where(ok, mid, a)
        b = np.where(ok, b, mid)
    t = np.where(corner, t_max, a)
    return d1 + t, d2 + t


# --------------------------------------------------------------------------- positions


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Zopa:
    """Zone of possible agreement between a host and a sender, per draw.

    Built by :func:`zopa`; all arrays are read-only and share the broadcast shape
    of the inputs (draws on axis 0).

    Attributes
    ----------
    host_max : ndarray of float64
        Host's reservation value: the most it will contribute (currency units).
    sender_min : ndarray of float64
        Sender's reservation value: the least contribution it will accept.
    exists : ndarray of bool
        ``sender_min <= host_max``.
    low, high : ndarray of float64
        Ends of the zone, ``sender_min`` and ``host_max``; NaN where no zone exists.
    width : ndarray of float64
        ``high - low`` (the surplus to be divided); 0 where no zone exists.
    surplus : ndarray of float64
        Signed ``host_max - sender_min``; negative values are the gap still to close.
    """

    host_max: FloatArray
    sender_min: FloatArray
    exists: BoolArray
    low: FloatArray
    high: FloatArray
    width: FloatArray
    surplus: FloatArray

    @property
    def probability(self) -> FloatArray:
        """Share of draws (axis 0) in which a zone exists; shape ``shape[1:]``, 0-d for 1-D.

        For 0-d positions it is 1.0 or 0.0. NaN when there are no draws.
        """
        if self.exists.ndim == 0:
            return readonly(np.array(self.exists, dtype=np.float64))
        if self.exists.shape[0] == 0:
            return readonly(np.full(self.exists.shape[1:], np.nan))
        return readonly(np.asarray(np.mean(self.exists, axis=0, dtype=np.float64)))

    def settlement(self, sender_share: npt.ArrayLike) -> FloatArray:
        """Contribution that gives the sender `sender_share` of the zone's width.

        Parameters
        ----------
        sender_share : array_like, broadcastable to the zone's shape
            Fraction of the surplus going to the sender, in [0, 1].

        Returns
        -------
        ndarray of float64
            ``low + sender_share * width``; NaN where no zone exists.

        Raises
        ------
        InvalidInputError
            If `sender_share` is outside [0, 1], non-finite or does not broadcast.
        """
        share = as_float_array(sender_share, "sender_share")
        if ((share < 0.0) | (share > 1.0)).any():
            field = "sender_share"
            raise InvalidInputError(field, sender_share, "fractions in [0, 1]")
        broadcast_batch({"zopa": self.low, "sender_share": share})
        return readonly(np.asarray(self.low + share * self.width, dtype=np.float64))

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame: one row per draw, a column per attribute.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``draw`` (plus ``axis_1``, ... for further batch axes).
        """
        data = {
            name: np.ravel(getattr(self, name))
            for name in ("host_max", "sender_min", "exists", "low", "high", "width", "surplus")
        }
        return pd.DataFrame(data, index=_batch_index(self.exists.shape))

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(max_rows=20)

    def plot(
        self, ax: Axes | None = None, *, unit: str = "amount", actual: float | None = None
    ) -> Axes:
        """Histogram both sides' reservation values over draws (needs the plot extra).

        See :func:`burden.plot.plot_zopa`; the zone must have one axis of draws.
        """
        from burden import plot as _plot  # noqa: PLC0415 - matplotlib is optional

        if self.host_max.ndim != 1:
            raise InvalidInputError("Zopa.plot", self.host_max.shape, "one axis of draws (n,)")
        return _plot.plot_zopa(self.host_max, self.sender_min, unit=unit, actual=actual, ax=ax)


def zopa(host_max: npt.ArrayLike, sender_min: npt.ArrayLike) -> Zopa:
    r"""Zone of possible agreement from the two sides' reservation values.

    Parameters
    ----------
    host_max : array_like, shape (n_draws, ...) or scalar
        The most the host will contribute, in currency units (e.g. KRW per year).
    sender_min : array_like, broadcastable with `host_max`
        The least contribution the sender will accept, same unit.

    Returns
    -------
    Zopa
        ``exists``, ``low``, ``high``, ``width``, ``surplus`` per draw, and
        ``probability``, the share of draws (axis 0) in which a zone exists.

    Raises
    ------
    InvalidInputError
        If an input is non-numeric or non-finite, or the shapes do not broadcast.

    Notes
    -----
    A zone exists when :math:`s \le h` (sender minimum :math:`s`, host maximum
    :math:`h`); it is the interval :math:`[s, h]`, of width :math:`h - s`. When the
    positions are uncertain draws, the probability that a zone exists is estimated
    by the share of draws in which it does; its Monte Carlo standard error is
    :math:`\sqrt{p(1-p)/n}`.

    Examples
    --------
    >>> from burden import bargain
    >>> z = bargain.zopa([1.2e12, 1.1e12], 1.15e12)
    >>> z.exists
    array([ True, False])
    >>> z.width
    array([5.e+10, 0.e+00])
    >>> float(z.probability)
    0.5
    """
    host = as_float_array(host_max, "host_max")
    sender = as_float_array(sender_min, "sender_min")
    shape = broadcast_batch({"host_max": host, "sender_min": sender})
    host, sender = _full(host, shape), _full(sender, shape)
    exists = sender <= host
    surplus = host - sender
    return Zopa(
        host_max=readonly(host),
        sender_min=readonly(sender),
        exists=readonly(exists),
        low=readonly(np.where(exists, sender, np.nan)),
        high=readonly(np.where(exists, host, np.nan)),
        width=readonly(np.where(exists, surplus, 0.0)),
        surplus=readonly(surplus),
    )


# --------------------------------------------------------------------------- frontiers


def _linear_u2(total: FloatArray, u1: FloatArray) -> FloatArray:
    return total - u1


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Frontier:
    """Pareto frontier of a two-party bargaining problem.

    Build one with :func:`linear_frontier` or :func:`concave_frontier`.

    Attributes
    ----------
    kind : {"linear", "concave"}
        ``"linear"``: the whole line ``u1 + u2 = total`` (transferable utility);
        ``"concave"``: ``u2 = f(u1)`` for ``u1`` in ``[0, u1_max]``.
    u1_max : ndarray of float64
        ``total`` (linear) or the right end of the frontier (concave); its shape is
        the frontier's batch shape.
    u2_max : ndarray of float64
        ``total`` (linear) or ``f(0)`` (concave).
    f : callable
        ``u2 = f(u1)``, elementwise.
    """

    kind: Literal["linear", "concave"]
    u1_max: FloatArray
    u2_max: FloatArray
    f: FrontierFunction

    @property
    def shape(self) -> tuple[int, ...]:
        """Batch shape of the frontier (draws on axis 0); ``()`` for a single frontier."""
        return self.u1_max.shape

    def evaluate(self, u1: npt.ArrayLike, shape: tuple[int, ...] | None = None) -> FloatArray:
        """Return ``u2 = f(u1)`` as float64, broadcast to `shape` if given.

        Parameters
        ----------
        u1 : array_like
            Utilities of side 1; for a concave frontier, within ``[0, u1_max]``.
        shape : tuple of int, optional
            Broadcast the result to this shape.

        Returns
        -------
        ndarray of float64
            The frontier's ``u2`` at `u1`.

        Examples
        --------
        >>> from burden import bargain
        >>> bargain.linear_frontier(10.0).evaluate([0.0, 4.0])
        array([10., 6.])
        """
        arr = as_float_array(u1, "u1", allow_nan=True)
        try:
            with np.errstate(invalid="ignore"):
                off = np.asarray((arr < 0.0) | (arr > self.u1_max * (1.0 + 1e-12)))
        except ValueError:
            raise InvalidInputError(
                "u1", arr.shape, f"a shape that broadcasts with u1_max {self.u1_max.shape}"
            ) from None
        if off.any():
            where = first_bad(np.broadcast_to(arr, off.shape), off)
            raise InvalidInputError(
                "u1", u1, f"utilities on the frontier, within [0, u1_max] ({where})"
            )
        out = np.asarray(self.f(arr), dtype=np.float64)
        if shape is not None:
            given: object = shape
            if not isinstance(given, tuple) or not all(
                isinstance(k, int | np.integer) and not isinstance(k, bool) and k >= 0
                for k in given
            ):
                raise InvalidInputError("shape", shape, "None or a tuple of sizes")
            try:
                out = _full(out, shape)
            except ValueError:
                raise InvalidInputError(
                    "shape", shape, f"a shape {out.shape} broadcasts to"
                ) from None
        return readonly(out)


def linear_frontier(total: npt.ArrayLike) -> Frontier:
    r"""Linear (transferable-utility) frontier ``u1 + u2 = total``.

    Parameters
    ----------
    total : array_like, shape (n_draws, ...) or scalar
        Size of what is divided, e.g. the width of the zone of agreement in
        currency units; one value per draw.

    Returns
    -------
    Frontier
        ``kind="linear"``. Any split on the line is feasible, including negative
        utilities (side payments).

    Raises
    ------
    InvalidInputError
        If `total` is non-numeric or non-finite.

    Notes
    -----
    The feasible set is :math:`\{(u_1, u_2): u_1 + u_2 \le T\}`. On it the Nash,
    Kalai-Smorodinsky and egalitarian solutions have closed forms (see :func:`nash`).

    Examples
    --------
    >>> from burden import bargain
    >>> front = bargain.linear_frontier([1.0, 2.0])
    >>> front.shape
    (2,)
    """
    t = as_float_array(total, "total")
    return Frontier(
        kind="linear",
        u1_max=readonly(t),
        u2_max=readonly(t.copy()),
        f=functools.partial(_linear_u2, t),
    )


def concave_frontier(f: FrontierFunction, *, u1_max: npt.ArrayLike) -> Frontier:
    r"""Concave, decreasing frontier ``u2 = f(u1)`` on ``[0, u1_max]``.

    Parameters
    ----------
    f : callable
        Vectorized: maps a float64 array of ``u1`` values to ``u2`` values of the
        same shape, element by element. It must be strictly decreasing and concave
        on ``[0, u1_max]``. For a frontier that differs between draws, let `f` close
        over parameter arrays of shape ``(n_draws,)`` and pass `u1_max` with that
        shape (``np.full(n_draws, ...)``); `f` is then called with arrays of shape
        ``(k, n_draws)`` and ``(n_draws,)``.
    u1_max : array_like, shape (n_draws, ...) or scalar
        Largest utility of side 1 on the frontier; > 0.

    Returns
    -------
    Frontier
        ``kind="concave"``.

    Raises
    ------
    InvalidInputError
        If `u1_max` is not finite and > 0; if `f` is not callable, fails, returns
        non-finite values or the wrong shape, or is not strictly decreasing or not
        concave on a grid of 129 points of ``[0, u1_max]``.

    Notes
    -----
    The feasible set is the comprehensive set under the frontier,
    :math:`S = \{(u_1, u_2): u_1 \le \bar u_1,\ u_2 \le f(\max(u_1, 0))\}`.
    The checks are made on a grid, so a function that misbehaves only between grid
    points is not caught.

    Examples
    --------
    >>> import numpy as np
    >>> from burden import bargain
    >>> front = bargain.concave_frontier(lambda u: np.sqrt(1.0 - u), u1_max=1.0)
    >>> float(front.u2_max)
    1.0
    """
    candidate: object = f  # checked at run time: callers need not use a type checker
    if not callable(candidate):
        field = "f"
        raise InvalidInputError(field, f, "a vectorized function u2 = f(u1)")
    top = as_float_array(u1_max, "u1_max")
    if (top <= 0.0).any():
        field = "u1_max"
        raise InvalidInputError(field, u1_max, "numbers > 0")
    steps = np.linspace(0.0, 1.0, _GRID_POINTS).reshape((-1,) + (1,) * top.ndim)
    grid = steps * top
    hint = "f must act element by element and return an array of its input's shape"
    try:
        with np.errstate(all="ignore"):
            values = np.asarray(f(grid.copy()))
    except (ArithmeticError, TypeError, ValueError) as exc:
        field = "f"
        raise InvalidInputError(field, f, "a vectorized function u2 = f(u1)", hint=hint) from exc
    if values.shape != grid.shape:
        field = "f"
        raise InvalidInputError(
            field, f, f"an output of shape {grid.shape} for an input of that shape", hint=hint
        )
    if values.dtype == np.bool_ or not np.issubdtype(values.dtype, np.number):
        field = "f"
        raise InvalidInputError(field, f, "numeric output")
    values = values.astype(np.float64)
    if not np.isfinite(values).all():
        field = "f"
        raise InvalidInputError(field, f, "finite values on [0, u1_max]")
    if not (np.diff(values, axis=0) < 0.0).all():
        field = "f"
        raise InvalidInputError(field, f, "a strictly decreasing function on [0, u1_max]")
    bend = values[2:] - 2.0 * values[1:-1] + values[:-2]
    scale = np.abs(values).max(axis=0) + np.abs(values[0] - values[-1])
    if (bend > _CONCAVITY_RTOL * scale).any():
        field = "f"
        raise InvalidInputError(field, f, "a concave function on [0, u1_max]")
    return Frontier(kind="concave", u1_max=readonly(top), u2_max=readonly(values[0].copy()), f=f)


# --------------------------------------------------------------------------- solutions


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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class BargainingSolutions:
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

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame indexed by draw (and further batch axes) and solution.

        Returns
        -------
        pandas.DataFrame
            Columns ``u1``, ``u2`` and the gains ``gain1 = u1 - d1``,
            ``gain2 = u2 - d2``; the ``solution`` index level is categorical.
        """
        batch = self.u1.shape[:-1]
        n_rows = int(np.prod(batch, dtype=np.int64))
        outer = _batch_index(batch)
        codes = [
            np.repeat(outer.get_level_values(k), len(self.names)) for k in range(outer.nlevels)
        ]
        solution = pd.Categorical(
            np.tile(np.array(self.names), n_rows), categories=list(self.names)
        )
        index = pd.MultiIndex.from_arrays([*codes, solution], names=[*outer.names, "solution"])
        d1 = self.disagreement[0][..., np.newaxis]
        d2 = self.disagreement[1][..., np.newaxis]
        data = {
            "u1": self.u1.ravel(),
            "u2": self.u2.ravel(),
            "gain1": (self.u1 - d1).ravel(),
            "gain2": (self.u2 - d2).ravel(),
        }
        return pd.DataFrame(data, index=index)

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(max_rows=30)

    def plot(self, ax: Axes | None = None, *, unit: str = "payoff") -> Axes:
        """Draw the frontier, the disagreement point and the three solutions.

        For a single problem (no draws); see :func:`burden.plot.plot_bargaining`.
        """
        from burden import plot as _plot  # noqa: PLC0415 - matplotlib is optional

        if self.u1.ndim != 1:
            raise InvalidInputError(
                "BargainingSolutions.plot", self.u1.shape, "a single problem (no draws)"
            )
        d1, d2 = (float(np.asarray(d)) for d in self.disagreement)
        start = min(0.0, d1, float(self.u1.min()))
        grid = np.linspace(start, float(self.frontier.u1_max), 101)
        labels = {
            "nash": "Nash",
            "kalai_smorodinsky": "Kalai-Smorodinsky",
            "egalitarian": "egalitarian",
        }
        points = {
            labels.get(name, name): (float(a), float(b))
            for name, a, b in zip(self.names, self.u1, self.u2, strict=True)
        }
        return _plot.plot_bargaining(
            grid, self.frontier.evaluate(grid), points, disagreement=(d1, d2), unit=unit, ax=ax
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
                              u1      u2   gain1   gain2
    draw solution
    0    nash               0.5774  0.6667  0.5774  0.6667
         kalai_smorodinsky  0.6180  0.6180  0.6180  0.6180
         egalitarian        0.6180  0.6180  0.6180  0.6180
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


# --------------------------------------------------------------------------- alternating offers


def _discount(value: npt.ArrayLike, field: str) -> FloatArray:
    delta = as_float_array(value, field)
    if ((delta <= 0.0) | (delta >= 1.0)).any():
        raise InvalidInputError(field, value, "discount factors strictly between 0 and 1")
    return delta


def _horizon(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        field = "horizon"
        raise InvalidInputError(field, value, "None (infinite) or an integer >= 1")
    return int(value)


def rubinstein(
    delta1: npt.ArrayLike,
    delta2: npt.ArrayLike | None = None,
    *,
    horizon: int | None = None,
    first: Literal[1, 2] = 1,
) -> FloatArray:
    r"""Player 1's share of a unit pie in Rubinstein's alternating-offers game.

    With the default ``first=1`` this is the share of the first proposer.

    Parameters
    ----------
    delta1 : array_like, shape (n_draws, ...) or scalar
        Player 1's discount factor per round, in (0, 1).
    delta2 : array_like or None, default None
        Player 2's discount factor per round, in (0, 1); None means equal to
        `delta1`.
    horizon : int or None, default None
        Number of rounds (>= 1); None for the infinite-horizon game. An offer
        rejected in the last round ends the game with nothing for either side.
    first : {1, 2}, default 1
        Who makes the first offer.

    Returns
    -------
    ndarray of float64
        Player 1's subgame-perfect equilibrium share (agreement is immediate);
        player 2 gets the rest. Read-only, broadcast shape of the inputs.

    Raises
    ------
    InvalidInputError
        If a discount factor is outside (0, 1) or non-finite, `horizon` is not
        None or an integer >= 1, `first` is not 1 or 2, or the shapes do not
        broadcast.

    See Also
    --------
    rubinstein_limit, cost_of_delay

    Notes
    -----
    Infinite horizon [4]_: the first proposer :math:`p` (responder :math:`r`) gets

    .. math:: x^* = \frac{1 - \delta_r}{1 - \delta_p \delta_r},

    which is :math:`1/(1 + \delta)` when :math:`\delta_p = \delta_r = \delta`.
    Finite horizon :math:`H` (Ståhl [5]_), by backward induction: the proposer in
    round :math:`H` takes everything, and the proposer in round :math:`t < H`
    offers the responder exactly what the responder would get as proposer in
    round :math:`t + 1`, discounted one round:
    :math:`x_t = 1 - \delta_{r(t)} x_{t+1}`. This is a loop over rounds,
    vectorized over draws; :math:`x_1 \to x^*` as :math:`H \to \infty`.

    References
    ----------
    .. [4] Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
       *Econometrica* 50(1), 97-109.
    .. [5] Ståhl, I. (1972). *Bargaining Theory*. Stockholm School of Economics.

    Examples
    --------
    >>> from burden import bargain
    >>> float(bargain.rubinstein(0.9))  # 1 / (1 + 0.9)
    0.526315789
    >>> bargain.rubinstein([0.9, 0.8], 0.5)  # (1 - 0.5) / (1 - d1 * 0.5)
    array([0.90909091, 0.83333333])
    >>> float(bargain.rubinstein(0.9, 0.5, horizon=2))  # 1 - delta2
    0.5
    """
    d1 = _discount(delta1, "delta1")
    d2 = d1 if delta2 is None else _discount(delta2, "delta2")
    rounds = _horizon(horizon)
    if rounds is not None:
        check_work(
            "horizon",
            f"{rounds} rounds",
            float(rounds) * max(1, d1.size, d2.size),
            way_out="use horizon=None (the infinite-horizon closed form) for long games",
        )
    given_first: object = first
    if (
        isinstance(given_first, bool)
        or not isinstance(given_first, int | np.integer)
        or first not in (1, 2)
    ):
        field = "first"
        raise InvalidInputError(field, first, "1 or 2 (the player who proposes first)")
    shape = broadcast_batch({"delta1": d1, "delta2": d2})
    proposer, responder = (d1, d2) if first == 1 else (d2, d1)
    if rounds is None:
        share = (1.0 - responder) / (1.0 - proposer * responder)
    else:
        share = np.ones(shape)
        for t in range(rounds - 1, 0, -1):
            # In round t the first proposer proposes when t is odd.
            share = 1.0 - (responder if t % 2 == 1 else proposer) * share
    player1 = share if first == 1 else 1.0 - share
    return readonly(_full(player1, shape))


def rubinstein_limit(rate1: npt.ArrayLike, rate2: npt.ArrayLike) -> FloatArray:
    r"""Player 1's share in the continuous-time limit of alternating offers.

    Parameters
    ----------
    rate1, rate2 : array_like, broadcastable
        Rates of impatience :math:`r_i > 0` (per unit of time, e.g. per month).

    Returns
    -------
    ndarray of float64
        :math:`r_2 / (r_1 + r_2)`, read-only, broadcast shape.

    Raises
    ------
    InvalidInputError
        If a rate is not finite and > 0, or the shapes do not broadcast.

    See Also
    --------
    rubinstein, cost_of_delay

    Notes
    -----
    With discount factors :math:`\delta_i = e^{-r_i \Delta}` for rounds of length
    :math:`\Delta`, the Rubinstein share :math:`(1 - \delta_2)/(1 - \delta_1
    \delta_2)` tends to :math:`r_2/(r_1 + r_2)` as :math:`\Delta \to 0`, whoever
    proposes first; this is the Nash solution with weights proportional to
    :math:`1/r_i` [6]_.

    References
    ----------
    .. [6] Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). The Nash bargaining
       solution in economic modelling. *RAND Journal of Economics* 17(2), 176-188.

    Examples
    --------
    >>> from burden import bargain
    >>> float(bargain.rubinstein_limit(0.01, 0.03))
    0.75
    """
    r1 = as_float_array(rate1, "rate1")
    r2 = as_float_array(rate2, "rate2")
    for name, rate, given in (("rate1", r1, rate1), ("rate2", r2, rate2)):
        if (rate <= 0.0).any():
            raise InvalidInputError(name, given, "rates of impatience > 0")
    shape = broadcast_batch({"rate1": r1, "rate2": r2})
    return readonly(_full(r2 / (r1 + r2), shape))


# --------------------------------------------------------------------------- cost of delay


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class DelayCost:
    """One side's cost of a stalemate, as a rate, a discount factor and a disagreement point.

    Built by :func:`cost_of_delay`; arrays are read-only, broadcast shape.

    Attributes
    ----------
    monthly_cost : ndarray of float64
        Cost of one month without agreement (currency units per month).
    stake : ndarray of float64
        Value at stake (currency units).
    round_months : ndarray of float64
        Months between offers.
    stalemate_months : ndarray of float64
        Assumed length of the stalemate if talks fail (months).
    rate : ndarray of float64
        Rate of impatience ``monthly_cost / stake`` (per month).
    discount : ndarray of float64
        Discount factor per round, ``exp(-rate * round_months)``.
    disagreement : ndarray of float64
        Disagreement payoff ``-monthly_cost * stalemate_months`` (currency units).
    """

    monthly_cost: FloatArray
    stake: FloatArray
    round_months: FloatArray
    stalemate_months: FloatArray
    rate: FloatArray
    discount: FloatArray
    disagreement: FloatArray

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame: one row per draw, a column per attribute.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``draw`` (plus ``axis_1``, ... for further batch axes).
        """
        names = (
            "monthly_cost",
            "stake",
            "round_months",
            "stalemate_months",
            "rate",
            "discount",
            "disagreement",
        )
        data = {name: np.ravel(getattr(self, name)) for name in names}
        return pd.DataFrame(data, index=_batch_index(self.rate.shape))

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(max_rows=20)


def cost_of_delay(
    monthly_cost: npt.ArrayLike,
    stake: npt.ArrayLike,
    *,
    round_months: npt.ArrayLike = 1.0,
    stalemate_months: npt.ArrayLike = 0.0,
) -> DelayCost:
    r"""Turn a stalemate's monthly cost to one side into bargaining inputs.

    Call it once per side.

    Parameters
    ----------
    monthly_cost : array_like, shape (n_draws, ...) or scalar
        What one month without agreement costs this side, in currency units per
        month (>= 0), e.g. readiness lost to furloughs, political cost.
    stake : array_like, broadcastable
        What is being divided, in the same currency (> 0), e.g. the width of the
        zone of agreement.
    round_months : array_like, default 1.0
        Months between successive offers (> 0).
    stalemate_months : array_like, default 0.0
        How long a breakdown would last before the next chance of a deal, in
        months (>= 0); sets the disagreement point.

    Returns
    -------
    DelayCost
        ``rate`` (per month), ``discount`` (per round) and ``disagreement``
        (currency units) with the inputs.

    Raises
    ------
    InvalidInputError
        If an input is non-finite or out of range, or the shapes do not broadcast.

    See Also
    --------
    rubinstein, rubinstein_limit, nash

    Notes
    -----
    A side that loses :math:`c` per month while a stake :math:`S` is undivided is
    treated as discounting continuously at rate :math:`r = c / S` per month: delaying
    the whole stake by a short time :math:`\Delta` then costs
    :math:`S(1 - e^{-r\Delta}) \approx c\Delta`. Rounds of :math:`\Delta` months give
    the discount factor :math:`\delta = e^{-r \Delta}` for :func:`rubinstein`; the
    rates feed :func:`rubinstein_limit`, where with a common stake the share of
    side 1 is :math:`c_2/(c_1 + c_2)`: the side that a stalemate hurts more
    concedes more. (Rubinstein's (1982) fixed-cost model is the exact alternative;
    proportional discounting is its usual approximation.) A breakdown lasting
    :math:`m` months gives the disagreement payoff :math:`d = -c\,m` for
    :func:`nash` and the other axiomatic solutions.

    Examples
    --------
    >>> from burden import bargain
    >>> cost = bargain.cost_of_delay(2e9, 100e9, stalemate_months=6.0)
    >>> float(cost.rate), float(cost.disagreement)
    (0.02, -12000000000.0)
    >>> round(float(cost.discount), 6)  # exp(-0.02)
    0.980199
    """
    cost = as_float_array(monthly_cost, "monthly_cost", nonnegative=True)
    at_stake = as_float_array(stake, "stake")
    if (at_stake <= 0.0).any():
        field = "stake"
        raise InvalidInputError(field, stake, "amounts > 0")
    step = as_float_array(round_months, "round_months")
    if (step <= 0.0).any():
        field = "round_months"
        raise InvalidInputError(field, round_months, "months > 0")
    months = as_float_array(stalemate_months, "stalemate_months", nonnegative=True)
    shape = broadcast_batch(
        {
            "monthly_cost": cost,
            "stake": at_stake,
            "round_months": step,
            "stalemate_months": months,
        }
    )
    rate = cost / at_stake
    return DelayCost(
        monthly_cost=readonly(_full(cost, shape)),
        stake=readonly(_full(at_stake, shape)),
        round_months=readonly(_full(step, shape)),
        stalemate_months=readonly(_full(months, shape)),
        rate=readonly(_full(rate, shape)),
        discount=readonly(_full(np.exp(-rate * step), shape)),
        disagreement=readonly(_full(-cost * months, shape)),
    )
