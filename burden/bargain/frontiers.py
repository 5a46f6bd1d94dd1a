"""Utility frontiers: :func:`linear_frontier`, :func:`concave_frontier`, :class:`Frontier`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, TypeAlias

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, first_bad, readonly
from burden._core.results import shape_text, short_repr
from burden.bargain._shared import _full
from burden.errors import InvalidInputError
from burden.typing import FloatArray, FrontierKind

__all__ = ["Frontier", "FrontierFunction", "concave_frontier", "linear_frontier"]

FrontierFunction: TypeAlias = Callable[[FloatArray], npt.ArrayLike]
"""``u2 = f(u1)``, applied element by element to a float64 array of any shape."""


_GRID_POINTS: Final = 129  # grid on which a concave frontier is checked
_CONCAVITY_RTOL: Final = 1e-9


def _check_frontier(frontier: object) -> Frontier:
    if not isinstance(frontier, Frontier):
        field = "frontier"
        raise InvalidInputError(
            field, frontier, "a Frontier from linear_frontier() or concave_frontier()"
        )
    return frontier


def _linear_u2(total: FloatArray, u1: FloatArray) -> FloatArray:
    return total - u1


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
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

    kind: FrontierKind
    u1_max: FloatArray
    u2_max: FloatArray
    f: FrontierFunction

    def __repr__(self) -> str:
        # A value, not a result: a short repr (not the frozen function and its partials).
        return short_repr(
            "Frontier",
            [
                ("kind", self.kind),
                ("shape", shape_text(self.shape)),
                ("u1_max", float(np.max(self.u1_max)) if self.u1_max.size else "-"),
            ],
        )

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
