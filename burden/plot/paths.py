"""Figures of contribution paths and scenario comparisons."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import numpy as np

from burden.errors import InvalidInputError, UnitMismatchError
from burden.plot._common import (
    OKABE_ITO,
    _axes,
    _checked,
    _colour,
    _finish,
    _integer_years,
    _money_label,
    _rows,
    money_scale,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes

    from burden.typing import FloatArray, IntArray, PriceBasis


class _Units(Protocol):
    """Years, currency and price basis, shared by what the figures read."""

    @property
    def years(self) -> IntArray: ...
    @property
    def currency(self) -> str: ...
    @property
    def price_basis(self) -> PriceBasis: ...
    @property
    def basis_label(self) -> str: ...


class _MoneyPath(_Units, Protocol):
    """What :func:`plot_paths` reads of a path (e.g. :class:`burden.money.Amounts`).

    Structural, so that figures need not import the money layer.
    """

    @property
    def values(self) -> FloatArray: ...
    @property
    def label(self) -> str: ...


class _Versus(_Units, Protocol):
    """What :func:`plot_comparison` reads (e.g. :class:`burden.compare.Comparison`)."""

    @property
    def baseline(self) -> _MoneyPath: ...
    @property
    def alternative(self) -> _MoneyPath: ...
    @property
    def ratio(self) -> FloatArray: ...


__all__ = ["plot_comparison", "plot_paths"]


@_checked
def plot_paths(
    amounts: Sequence[_MoneyPath],
    *,
    ax: Axes | None = None,
    title: str | None = None,
    projected: Sequence[int] | None = None,
) -> Axes:
    """Plot the contribution paths of several agreements over the years.

    Parameters
    ----------
    amounts : sequence of Amounts
        One path per agreement, all in the same currency and price basis (convert
        with :meth:`~burden.money.Amounts.to` first). Values of shape ``(T,)`` are
        drawn as a line; values with draws ``(..., T)`` as the median line and a
        shaded 5-95% band across draws. Years may differ between paths.
    ax : matplotlib Axes, optional
        Where to draw; default a new figure.
    title : str, optional
        Figure title; default "Contribution per year".
    projected : sequence of int, optional
        Years whose values use a stated assumption (a projection): shaded, and named
        in the title as :func:`plot_comparison` does.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    UnitMismatchError
        If the paths do not share one currency and price basis.
    OptionalDependencyError
        If matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import burden as bd
    >>> paths = [bd.agreements.get(n).path() for n in ("SMA-10-HELD", "SMA-11")]
    >>> ax = plot_paths(paths)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['SMA-10-HELD', 'SMA-11']
    """
    items = list(amounts)
    if not items:
        raise InvalidInputError("amounts", amounts, "at least one Amounts")
    first = items[0]
    for i, item in enumerate(items[1:], start=1):
        if item.currency != first.currency:
            raise UnitMismatchError(
                f"amounts[{i}].currency",
                item.currency,
                f"{first.currency} like amounts[0]",
                hint="convert first with .to()",
            )
        if item.price_basis != first.price_basis:
            raise UnitMismatchError(
                f"amounts[{i}].price_basis",
                item.price_basis,
                f"{first.price_basis!r} like amounts[0]",
                hint="convert first with .to()",
            )
    ax = _axes(ax)
    factor, word = money_scale(np.concatenate([a.values.ravel() for a in items]))
    for i, item in enumerate(items):
        label = item.label or f"amounts[{i}]"
        colour = _colour(i)
        rows = _rows(item.values) / factor
        if rows.shape[0] == 1:
            ax.plot(item.years, rows[0], marker="o", color=colour, label=label, linewidth=2)
            continue
        low, mid, high = np.nanpercentile(rows, [5.0, 50.0, 95.0], axis=0)
        ax.fill_between(
            item.years, low, high, color=colour, alpha=0.25, linewidth=0, label=f"{label} 5-95%"
        )
        ax.plot(item.years, mid, marker="o", color=colour, label=f"{label} median", linewidth=2)
    ax.set_xlabel("Year")
    ax.set_ylabel(_money_label(first.currency, first.basis_label, word))
    ax.set_ylim(bottom=0)
    _integer_years(ax)
    shown = title or "Contribution per year"
    marked = np.unique(np.asarray([] if projected is None else projected, dtype=np.int64))
    if marked.size:
        ax.axvspan(
            marked[0] - 0.5,
            marked[-1] + 0.5,
            color=OKABE_ITO[7],
            alpha=0.08,
            linewidth=0,
            label="projected",
        )
        shown += f"\n(projected {marked[0]}-{marked[-1]}: stated assumptions)"
    ax.legend(frameon=False)
    return _finish(ax, shown)


@_checked
def plot_comparison(
    comparison: _Versus, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Plot a comparison: both scenarios as bars per year, their ratio as a line.

    Parameters
    ----------
    comparison : Comparison
        From :func:`burden.compare`. With draws, bars show the median across draws.
    ax : matplotlib Axes, optional
        Where to draw; default a new figure. The ratio goes on a twin y axis (right).
    title : str, optional
        Figure title; default "<alternative> vs <baseline>".

    Returns
    -------
    matplotlib.axes.Axes
        The left (money) axes; the ratio is drawn on a twin axes, the last of
        ``ax.figure.axes``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import burden as bd
    >>> c = bd.compare(bd.agreements.get("SMA-11"), bd.agreements.get("US-DEMAND-2019"))
    >>> ax = plot_comparison(c)
    >>> len(ax.patches)   # 2 scenarios x 6 years
    12
    """
    ax = _axes(ax)
    base = np.nanmedian(_rows(comparison.baseline.values), axis=0)
    alt = np.nanmedian(_rows(comparison.alternative.values), axis=0)
    ratio = np.nanmedian(_rows(np.asarray(comparison.ratio)), axis=0)
    years = comparison.years
    factor, word = money_scale(np.concatenate([base, alt]))
    width = 0.38
    ax.bar(
        years - width / 2,
        base / factor,
        width,
        color=_colour(0),
        label=comparison.baseline.label or "baseline",
    )
    ax.bar(
        years + width / 2,
        alt / factor,
        width,
        color=_colour(1),
        label=comparison.alternative.label or "alternative",
    )
    ax.set_xlabel("Year")
    ax.set_ylabel(_money_label(comparison.currency, comparison.basis_label, word))
    _integer_years(ax)
    right = ax.twinx()
    right.plot(
        years,
        ratio,
        color=OKABE_ITO[7],
        marker="D",
        linestyle="--",
        label="ratio (right axis)",
    )
    for year, value in zip(years, ratio, strict=True):
        if np.isfinite(value):
            right.annotate(
                f"{value:.2f}x",
                (float(year), float(value)),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize=8,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "linewidth": 0},
            )
    right.set_ylabel(
        f"{comparison.alternative.label or 'alternative'} / "
        f"{comparison.baseline.label or 'baseline'} (ratio)"
    )
    top = float(np.nanmax(ratio)) if np.isfinite(ratio).any() else 1.0
    right.set_ylim(0, max(top, 1.0) * 1.25)
    handles, labels = ax.get_legend_handles_labels()
    more_h, more_l = right.get_legend_handles_labels()
    ax.legend(
        handles + more_h,
        labels + more_l,
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.13),
        ncols=3,
    )
    default = (
        f"{comparison.alternative.label or 'alternative'} vs "
        f"{comparison.baseline.label or 'baseline'}"
    )
    projected = getattr(comparison, "projected", None)
    if projected is not None and np.asarray(projected).any():
        years = np.asarray(comparison.years)[np.asarray(projected)]
        default += f"\n(projected {years[0]}-{years[-1]}: stated assumptions, see .assumptions)"
    return _finish(ax, title or default)
