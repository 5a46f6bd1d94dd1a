"""Figures of allocations and cost splits."""

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
    _integer_years,
    _long_labels,
    _names,
    _vector,
    money_axis,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from matplotlib.axes import Axes


__all__ = ["plot_allocation", "plot_split"]


@_checked
def plot_allocation(
    players: Sequence[str],
    allocations: Mapping[str, npt.ArrayLike],
    *,
    unit: str,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw grouped bars: what each allocation method gives each player.

    Parameters
    ----------
    players : sequence of str, length n
    allocations : mapping of str to array_like, shape (n,)
        Method name (e.g. "Shapley", "nucleolus") to each player's share.
    unit : str
        Unit of the shares, for the y axis.
    ax : matplotlib Axes, optional
    title : str, optional
        Default "Allocation by method".

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_allocation(["KOR", "USA"], {"equal": [1, 1], "proportional": [0.5, 1.5]},
    ...                      unit="USD bn")
    >>> len(ax.patches)
    4
    """
    labels = _names(players, "players")
    if not allocations:
        raise InvalidInputError("allocations", allocations, "at least one method")
    shares = {
        str(m): _vector(v, f"allocations[{m!r}]", len(labels)) for m, v in allocations.items()
    }
    ax = _axes(ax)
    pos = np.arange(len(labels), dtype=np.float64)
    width = 0.8 / len(shares)
    for i, (method, values) in enumerate(shares.items()):
        offset = (i - (len(shares) - 1) / 2) * width
        ax.bar(pos + offset, values, width, color=_colour(i), label=method)
    _long_labels(ax, labels)
    ax.set_xlabel("Player")
    ax.set_ylabel(unit)
    ax.axhline(0.0, color=OKABE_ITO[7], linewidth=0.8)
    ax.legend(frameon=False, title="method")
    return _finish(ax, title or "Allocation by method")


@_checked
def plot_split(
    categories: Sequence[str],
    years: npt.ArrayLike,
    host: npt.ArrayLike,
    sender: npt.ArrayLike,
    *,
    unit: str = "amount",
    currency: str | None = None,
    basis: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw who pays what: per year, a host bar and a sender bar, stacked by category.

    Parameters
    ----------
    categories : sequence of str, length k
        Cost categories (e.g. labour, construction, logistics).
    years : array_like of int, shape (T,)
    host, sender : array_like, shape (T, k)
        What the host nation and the sending state pay, per year and category.
    unit : str, default "amount"
        Unit of the amounts, for the y axis (ignored when `currency` is given).
    currency : str, optional
        For amounts in whole currency units: scale them to tn, bn or mn and write
        the currency and scale on the axis.
    basis : str, optional
        Price basis of the amounts in words, for the axis label, e.g. "nominal" or
        "constant 2019 prices (US CPI-U)" (see :func:`burden.money.basis_label`).
    ax : matplotlib Axes, optional
    title : str, optional
        Default "Who pays: host (plain) and sender (hatched)".

    Returns
    -------
    matplotlib.axes.Axes
        ``2 * T * k`` bar patches: the left bar of each year is the host's, the
        right (hatched) bar the sender's; colours are categories.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_split(["labour", "construction"], [2020, 2021],
    ...                 [[5, 3], [5, 4]], [[1, 2], [1, 2]], unit="KRW bn")
    >>> len(ax.patches)
    8
    """
    labels = _names(categories, "categories")
    yrs = np.asarray(years)
    if yrs.ndim != 1 or yrs.size == 0:
        raise InvalidInputError("years", years, "a 1-D sequence of years")
    shape = (yrs.size, len(labels))
    h = as_float_array(host, "host")
    s = as_float_array(sender, "sender")
    for name, arr in (("host", h), ("sender", s)):
        if arr.shape != shape:
            raise InvalidInputError(name, arr.shape, f"shape {shape} (years, categories)")
    factor, label = (
        (1.0, unit)
        if currency is None
        else money_axis(np.concatenate([h.ravel(), s.ravel()]), currency, basis)
    )
    h, s = h / factor, s / factor
    ax = _axes(ax)
    pos = yrs.astype(np.float64)
    width = 0.38
    for offset, table, hatch in ((-width / 2, h, ""), (width / 2, s, "//")):
        bottom = np.zeros(yrs.size)
        for j, cat in enumerate(labels):
            ax.bar(
                pos + offset,
                table[:, j],
                width,
                bottom=bottom,
                color=_colour(j),
                hatch=hatch,
                edgecolor="white",
                linewidth=0.5,
                label=cat if not hatch else None,
            )
            bottom = bottom + table[:, j]
    from matplotlib.patches import Patch  # noqa: PLC0415

    handles, names_ = ax.get_legend_handles_labels()
    handles += [
        Patch(facecolor="white", edgecolor=OKABE_ITO[7], label="host (left bar)"),
        Patch(facecolor="white", edgecolor=OKABE_ITO[7], hatch="//", label="sender (right bar)"),
    ]
    names_ += ["host (left bar)", "sender (right bar)"]
    ax.legend(handles, names_, frameon=False, ncols=2, fontsize=8)
    ax.set_xlabel("Year")
    ax.set_ylabel(label)
    _integer_years(ax)
    return _finish(ax, title or "Who pays: host (plain) and sender (hatched)")
