"""Figures of bargaining problems and zones of agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array
from burden.errors import InvalidInputError
from burden.plot._common import (
    OKABE_ITO,
    _axes,
    _checked,
    _colour,
    _finish,
    money_axis,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from matplotlib.axes import Axes


__all__ = ["plot_bargaining", "plot_zopa"]


@_checked
def plot_bargaining(
    u1: npt.ArrayLike,
    u2: npt.ArrayLike,
    points: Mapping[str, tuple[float, float]],
    *,
    disagreement: tuple[float, float] = (0.0, 0.0),
    unit: str,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw a bargaining problem: the frontier, the disagreement point and solutions.

    Parameters
    ----------
    u1, u2 : array_like, shape (m,)
        Points along the frontier (player 1's and player 2's payoffs).
    points : mapping of str to (float, float)
        Named solutions, e.g. ``{"Nash": (u1, u2), "Kalai-Smorodinsky": ...}``.
    disagreement : (float, float), default (0, 0)
    unit : str
        Unit of both payoffs, for the axis labels.
    ax : matplotlib Axes, optional
    title : str, optional
        Default "Bargaining frontier and solutions".

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> grid = np.linspace(0.0, 1.0, 5)
    >>> ax = plot_bargaining(grid, 1 - grid, {"Nash": (0.5, 0.5)}, unit="share")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['frontier', 'disagreement', 'Nash']
    """
    x = as_float_array(u1, "u1")
    y = as_float_array(u2, "u2")
    if x.ndim != 1 or x.shape != y.shape or x.size < 2:
        raise InvalidInputError("u1, u2", (x.shape, y.shape), "two 1-D arrays of one length >= 2")
    ax = _axes(ax, size=(6.0, 5.0))
    ax.plot(x, y, color=OKABE_ITO[7], linewidth=2.0, label="frontier")
    ax.plot(*disagreement, marker="s", color=OKABE_ITO[7], linestyle="none", label="disagreement")
    markers = ("o", "D", "^", "v", "P", "X")
    for i, (name, (p1, p2)) in enumerate(points.items()):
        ax.plot(
            p1,
            p2,
            marker=markers[i % len(markers)],
            markersize=9,
            linestyle="none",
            color=_colour(i),
            label=str(name),
        )
    ax.set_xlabel(f"Player 1 payoff ({unit})")
    ax.set_ylabel(f"Player 2 payoff ({unit})")
    ax.legend(frameon=False)
    ax.grid(visible=True, alpha=0.3)
    ax.set_title(title or "Bargaining frontier and solutions")
    return ax


@_checked
def plot_zopa(
    host_max: npt.ArrayLike,
    sender_min: npt.ArrayLike,
    *,
    unit: str = "amount",
    currency: str | None = None,
    actual: float | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw the reservation values of both sides over draws, and where they overlap.

    Parameters
    ----------
    host_max, sender_min : array_like, shape (n,)
        Draws of the host's maximum and the sender's minimum acceptable amount.
    unit : str, default "amount"
        Unit of the amounts, for the x axis (ignored when `currency` is given).
    currency : str, optional
        For amounts in whole currency units: scale them to tn, bn or mn and write
        the currency and scale on the axis.
    actual : float, optional
        The amount actually agreed, drawn as a vertical line.
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the share of draws in which a zone of agreement exists.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> rng = np.random.default_rng(1)
    >>> ax = plot_zopa(rng.normal(12, 1, 500), rng.normal(11, 1, 500), unit="KRW 100 bn")
    >>> ax.get_title().startswith("Zone of agreement in")
    True
    """
    hi = as_float_array(host_max, "host_max")
    lo = as_float_array(sender_min, "sender_min")
    if hi.ndim != 1 or hi.shape != lo.shape:
        raise InvalidInputError(
            "host_max, sender_min", (hi.shape, lo.shape), "two 1-D arrays of draws of one length"
        )
    factor, label = (1.0, unit)
    if currency is not None:
        factor, label = money_axis(np.concatenate([hi, lo]), currency, None)
    hi, lo = hi / factor, lo / factor
    ax = _axes(ax)
    bins = np.histogram_bin_edges(np.concatenate([hi, lo]), bins=40).tolist()
    ax.hist(hi, bins=bins, alpha=0.55, color=OKABE_ITO[0], label="host's maximum")
    ax.hist(lo, bins=bins, alpha=0.55, color=OKABE_ITO[1], label="sender's minimum")
    if actual is not None:
        ax.axvline(actual / factor, color=OKABE_ITO[7], linestyle="--", label="agreed")
    share = float(np.mean(lo <= hi))
    ax.set_xlabel(label)
    ax.set_ylabel("Draws")
    ax.legend(frameon=False)
    return _finish(ax, title or f"Zone of agreement in {share:.0%} of draws")
