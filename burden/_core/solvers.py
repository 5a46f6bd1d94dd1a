"""Vectorized scalar solvers: one root finder and one maximiser for many problems at once.

Every analysis that solves many independent one-dimensional problems (a bargaining
solution per draw, a break-even value per target and output) uses these two:

- :func:`find_root` (and :func:`decreasing_root` on top of it): elementwise bracketed
  root finding by Chandrupatla's method, :func:`scipy.optimize.elementwise.find_root`
  (scipy >= 1.15). It keeps the bracket like bisection but converges superlinearly on
  smooth functions, so it needs far fewer evaluations than the 40-64 halvings it
  replaced (see ``docs/performance.md``).
- :func:`golden_max`: elementwise golden-section search for the maximum of a unimodal
  function on an interval (it needs no bracket condition, so a maximum at an end of the
  interval is found too).

The callables are vectorized: they take a float64 array of points (and, for
:func:`find_root`, the matching entries of `args`) and return an array of the same shape.
:func:`find_root` calls them with the still-unconverged entries only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Callable

    from burden.typing import BoolArray, FloatArray

__all__ = ["Root", "decreasing_root", "find_root", "golden_max"]

GOLDEN_STEPS: Final = 90
"""Golden-section steps: 0.618**90 < 1e-18 of the starting interval (float64 resolution)."""

_INV_PHI: Final = (np.sqrt(5.0) - 1.0) / 2.0


@dataclass(frozen=True, slots=True)
class Root:
    """Roots of many bracketed problems.

    Attributes
    ----------
    x : ndarray of float64
        The roots; NaN where the bracket holds no sign change (``found`` False).
    found : ndarray of bool
        Whether the function changes sign (or is zero) on the bracket.
    calls : int
        How many times the function was called (each call is vectorized).
    """

    x: FloatArray
    found: BoolArray
    calls: int


def find_root(
    g: Callable[..., FloatArray],
    lo: FloatArray,
    hi: FloatArray,
    *,
    args: tuple[FloatArray, ...] = (),
    xtol: float | None = None,
    maxiter: int | None = None,
) -> Root:
    """Solve ``g(x, *args) = 0`` for every element on its bracket ``[lo, hi]``.

    Parameters
    ----------
    g : callable
        Vectorized ``g(x, *args) -> array`` of the shape of `x`; called with the
        unconverged entries of `x` and of each of `args` only.
    lo, hi : ndarray of float64
        Brackets, broadcasting together and with `args`.
    args : tuple of ndarray
        Per-element parameters of `g`.
    xtol : float, optional
        Absolute tolerance on `x` (default: float64 resolution of the bracket).
    maxiter : int, optional
        Iteration limit (default scipy's).

    Returns
    -------
    Root
        Roots of the broadcast shape, NaN where ``g`` has the same non-zero sign at
        both ends; the number of calls of `g`.

    Notes
    -----
    Chandrupatla's method (1997) via :func:`scipy.optimize.elementwise.find_root`:
    bracketing (the root never leaves ``[lo, hi]``), with inverse quadratic
    interpolation where it is safe and bisection where it is not.

    References
    ----------
    .. [1] Chandrupatla, T. R. (1997). A new hybrid quadratic/bisection algorithm for
       finding the zero of a nonlinear function without using derivatives. *Advances
       in Engineering Software* 28(3), 145-149.

    Examples
    --------
    >>> r = find_root(lambda x, c: x**3 - c, np.zeros(3), np.full(3, 3.0),
    ...               args=(np.array([1.0, 8.0, 100.0]),))
    >>> print(r.x.round(12), r.found)
    [ 1.  2. nan] [ True  True False]
    """
    from scipy.optimize import elementwise  # noqa: PLC0415 - scipy.optimize loads on use

    calls = 0

    def counted(x: FloatArray, *a: FloatArray) -> FloatArray:
        nonlocal calls
        calls += 1
        return np.asarray(g(x, *a), dtype=np.float64)

    tolerances: Any = None if xtol is None else {"xatol": xtol, "xrtol": 0.0}
    extra: Any = args
    res = elementwise.find_root(
        counted, (lo, hi), args=extra, tolerances=tolerances, maxiter=maxiter
    )
    f_lo, f_hi = res.f_bracket
    # status -1: no sign change on the bracket; a zero at an end is a root (status 0).
    found = np.asarray(res.status != -1) & ~(np.isnan(f_lo) | np.isnan(f_hi))
    x = np.where(found, res.x, np.nan)
    return Root(x=np.asarray(x, dtype=np.float64), found=np.asarray(found), calls=calls)


def decreasing_root(
    g: Callable[..., FloatArray],
    lo: FloatArray,
    hi: FloatArray,
    *,
    args: tuple[FloatArray, ...] = (),
) -> FloatArray:
    """Where a decreasing ``g(x, *args)`` leaves ``g >= 0``, elementwise on ``[lo, hi]``.

    ``lo`` where ``g(lo) <= 0``, ``hi`` where ``g(hi) >= 0``, else the root of `g`
    (:func:`find_root`). `g` is always called with arrays of the full broadcast shape
    (unconverged entries in place, the others at their answer), so its entries may
    depend on their position, as a frontier with per-draw parameters does.

    Examples
    --------
    >>> print(decreasing_root(lambda x: 1.0 - x, np.array([0.0, 2.0]), np.array([4.0, 3.0])))
    [1. 2.]
    """
    shape = np.broadcast_shapes(lo.shape, hi.shape, *(a.shape for a in args))
    lo, hi = np.broadcast_to(lo, shape), np.broadcast_to(hi, shape)
    full = tuple(np.broadcast_to(a, shape) for a in args)
    g_hi = g(hi, *full)
    out = np.where(g_hi >= 0.0, hi, lo).astype(np.float64)
    inner = np.ravel((g(lo, *full) > 0.0) & (g_hi < 0.0))
    if not inner.any():
        return out
    at = np.flatnonzero(inner)
    points = out.reshape(-1)

    def in_place(x: FloatArray, where: FloatArray) -> FloatArray:
        index = where.astype(np.intp)
        trial = points.copy()
        trial[index] = x
        return np.asarray(g(trial.reshape(shape), *full), dtype=np.float64).reshape(-1)[index]

    # Both ends have strict signs, so every inner problem has a root.
    root = find_root(
        in_place, lo.reshape(-1)[at], hi.reshape(-1)[at], args=(at.astype(np.float64),)
    )
    points[at] = root.x
    return points.reshape(shape)


def golden_max(
    objective: Callable[[FloatArray], FloatArray],
    lo: FloatArray,
    hi: FloatArray,
    *,
    steps: int = GOLDEN_STEPS,
) -> FloatArray:
    """Maximise a unimodal function on ``[lo, hi]`` elementwise (golden-section search).

    Parameters
    ----------
    objective : callable
        Vectorized, called with arrays of the shape of `lo` (all entries every step).
    lo, hi : ndarray of float64
        Intervals, same shape.
    steps : int, default 90
        Golden-section steps; the interval shrinks by 0.618 per step.

    Returns
    -------
    ndarray of float64
        The maximisers (the midpoint of the final interval). Ties go left.

    Examples
    --------
    >>> x = golden_max(lambda u: -(u - 0.3) ** 2, np.zeros(2), np.array([1.0, 0.2]))
    >>> print(x.round(9))
    [0.3 0.2]
    """
    a, b = lo.copy(), hi.copy()
    c = b - _INV_PHI * (b - a)
    d = a + _INV_PHI * (b - a)
    fc, fd = objective(c), objective(d)
    for _ in range(steps):  # interval steps, each vectorized over all problems
        left = fc >= fd  # the maximum lies in [a, d]; ties go left
        a = np.where(left, a, c)
        b = np.where(left, d, b)
        new = np.where(left, b - _INV_PHI * (b - a), a + _INV_PHI * (b - a))
        fnew = objective(new)
        c, d = np.where(left, new, d), np.where(left, c, new)
        fc, fd = np.where(left, fnew, fd), np.where(left, fc, fnew)
    out: FloatArray = 0.5 * (a + b)
    return out
