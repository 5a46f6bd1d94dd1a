"""Figures for burden's results (needs the optional ``plot`` extra: matplotlib).

Every function draws on the matplotlib ``Axes`` it is given (or on a new figure when
``ax`` is None) and returns that ``Axes``, so figures compose with the rest of a
notebook. Axes carry their units and currency, colours come from the Okabe-Ito
palette (distinguishable with the common colour-vision deficiencies), and every
figure has a title you can replace with ``ax.set_title``.

Two functions take burden objects (:func:`plot_paths` for :class:`~burden.money.Amounts`,
:func:`plot_comparison` for :class:`~burden.compare.Comparison`); the others take
plain arrays, so that any result object can delegate to them.

matplotlib is imported only when a function runs: ``import burden`` never needs it.
Without it, every function raises :class:`~burden.MissingDataError` naming the extra
to install.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import burden as bd
>>> from burden.plot import plot_paths
>>> ax = plot_paths([bd.agreements.get("SMA-11").path()])
>>> ax.get_ylabel()
'KRW trillion (nominal)'
"""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Any, Final, ParamSpec, TypeVar

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, as_number
from burden.errors import InvalidInputError, MissingDataError, UnitMismatchError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from matplotlib.axes import Axes

    from burden.compare import Comparison
    from burden.money import Amounts
    from burden.typing import FloatArray, PriceBasis

__all__ = [
    "OKABE_ITO",
    "money_scale",
    "plot_allocation",
    "plot_bargaining",
    "plot_comparison",
    "plot_fan",
    "plot_indices",
    "plot_morris",
    "plot_paths",
    "plot_split",
    "plot_sweep",
    "plot_tornado",
    "plot_tradeoff",
    "plot_zopa",
]

OKABE_ITO: Final = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
"""The Okabe-Ito colour-blind-safe palette, in the order burden uses it."""

_SCALES: Final = ((1e12, "trillion"), (1e9, "bn"), (1e6, "million"), (1e3, "thousand"))


def _colour(i: int) -> str:
    return OKABE_ITO[i % len(OKABE_ITO)]


_P = ParamSpec("_P")
_R = TypeVar("_R")
_TEXT_OPTIONS: Final = ("title", "unit", "median_label", "input_name")


def _checked(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Check the options every figure shares (ax, title, unit, ...) before drawing."""
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            given = signature.bind(*args, **kwargs).arguments
        except TypeError as err:
            raise InvalidInputError(fn.__name__, str(err), "the documented arguments") from None
        ax = given.get("ax")
        if ax is not None:
            from matplotlib.axes import Axes  # noqa: PLC0415

            if not isinstance(ax, Axes):
                raise InvalidInputError("ax", ax, "None or a matplotlib Axes")
        for name in _TEXT_OPTIONS:
            value = given.get(name)
            if value is not None and not isinstance(value, str):
                raise InvalidInputError(name, value, "a string")
        actual = given.get("actual")
        if actual is not None:
            as_number(actual, "actual")
        return fn(*args, **kwargs)

    return wrapper


def _axes(ax: Axes | None, *, size: tuple[float, float] = (8.0, 4.8)) -> Axes:
    """Return `ax`, or the axes of a new pyplot figure; raise if matplotlib is missing."""
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError:
        raise MissingDataError(
            "matplotlib", None, "the plot extra: pip install 'burden[plot]'"
        ) from None
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _integer_years(ax: Axes) -> None:
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _finish(ax: Axes, title: str) -> Axes:
    ax.set_title(title)
    ax.grid(visible=True, axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    return ax


def money_scale(values: npt.ArrayLike) -> tuple[float, str]:
    """Choose a readable unit (trillion, bn, million, thousand) for money `values`.

    Parameters
    ----------
    values : array_like
        Amounts in whole currency units (NaN ignored).

    Returns
    -------
    factor : float
        Divide the values by this before plotting.
    word : str
        Unit word for the axis label (empty for factor 1).

    Examples
    --------
    >>> money_scale([1.0389e12, 5.9e12])
    (1000000000000.0, 'trillion')
    >>> money_scale([870.0])
    (1.0, '')
    """
    arr = np.abs(np.asarray(values, dtype=np.float64))
    top = float(np.nanmax(arr)) if arr.size and not np.isnan(arr).all() else 0.0
    for factor, word in _SCALES:
        if top >= factor:
            return factor, word
    return 1.0, ""


def _basis_text(basis: PriceBasis) -> str:
    return "nominal" if basis == "nominal" else f"constant {basis} prices"


def _money_label(currency: str, basis: PriceBasis, word: str) -> str:
    unit = f"{currency} {word}".strip()
    if basis != "nominal" and currency != "KRW":
        # burden deflates in KRW and converts at the base year's rate (see burden.money).
        return f"{unit} (constant {basis} prices, KRW-deflated)"
    return f"{unit} ({_basis_text(basis)})"


def _names(names: Sequence[str], field: str) -> list[str]:
    out = [str(n) for n in names]
    if not out:
        raise InvalidInputError(field, names, "at least one name")
    return out


def _vector(value: npt.ArrayLike, field: str, n: int, *, allow_nan: bool = False) -> FloatArray:
    arr = as_float_array(value, field, allow_nan=allow_nan)
    if arr.shape != (n,):
        raise InvalidInputError(field, arr.shape, f"shape ({n},), one value per name")
    return arr


def _rows(values: FloatArray) -> FloatArray:
    """Flatten leading (draw) axes: ``(..., T) -> (n, T)``."""
    return values.reshape(-1, values.shape[-1])


@_checked
def plot_paths(
    amounts: Sequence[Amounts], ax: Axes | None = None, *, title: str | None = None
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

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    UnitMismatchError
        If the paths do not share one currency and price basis.
    MissingDataError
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
    ax.set_ylabel(_money_label(first.currency, first.price_basis, word))
    ax.set_ylim(bottom=0)
    _integer_years(ax)
    ax.legend(frameon=False)
    return _finish(ax, title or "Contribution per year")


@_checked
def plot_comparison(
    comparison: Comparison, ax: Axes | None = None, *, title: str | None = None
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
    ax.set_ylabel(_money_label(comparison.currency, comparison.price_basis, word))
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
    return _finish(ax, title or default)


@_checked
def plot_fan(
    years: npt.ArrayLike,
    quantiles: Mapping[float, npt.ArrayLike],
    *,
    median_label: str,
    unit: str,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw a fan chart: nested percentile bands over the years and the median.

    Parameters
    ----------
    years : array_like of int, shape (T,)
    quantiles : mapping of float to array_like, shape (T,)
        Quantile level in (0, 1) to its values per year, e.g. ``{0.05: ..., 0.5:
        ..., 0.95: ...}``. Levels are paired from the outside in (lowest with
        highest) into shaded bands; 0.5, if present, is the median line.
    median_label : str
        Legend text of the median line.
    unit : str
        Unit of the values, for the y axis (e.g. "KRW bn (nominal)").
    ax : matplotlib Axes, optional
    title : str, optional
        Default: "<median_label>: percentile bands".

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> q = {0.05: [1, 1], 0.5: [2, 3], 0.95: [3, 5]}
    >>> ax = plot_fan([2020, 2021], q, median_label="SMA-11", unit="KRW bn")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['5-95%', 'SMA-11 (median)']
    """
    yrs = np.asarray(years)
    if yrs.ndim != 1 or yrs.size == 0:
        raise InvalidInputError("years", years, "a 1-D sequence of years")
    levels = sorted(float(q) for q in quantiles)
    if not levels or not all(0.0 < q < 1.0 for q in levels):
        raise InvalidInputError("quantiles", levels, "quantile levels strictly between 0 and 1")
    values = {
        float(q): _vector(v, f"quantiles[{q}]", yrs.size, allow_nan=True)
        for q, v in quantiles.items()
    }
    ax = _axes(ax)
    outer = [q for q in levels if q != 0.5]
    pairs = [(outer[i], outer[-1 - i]) for i in range(len(outer) // 2)]
    for k, (lo, hi) in enumerate(pairs):
        ax.fill_between(
            yrs,
            values[lo],
            values[hi],
            color=_colour(0),
            alpha=0.15 + 0.5 * (k + 1) / (len(pairs) + 1),
            linewidth=0,
            label=f"{lo * 100:g}-{hi * 100:g}%",
        )
    if 0.5 in values:
        ax.plot(
            yrs, values[0.5], color=OKABE_ITO[7], linewidth=2, label=f"{median_label} (median)"
        )
    ax.set_xlabel("Year")
    ax.set_ylabel(unit)
    _integer_years(ax)
    ax.legend(frameon=False, loc="upper left")
    return _finish(ax, title or f"{median_label}: percentile bands")


@_checked
def plot_tornado(
    names: Sequence[str],
    low: npt.ArrayLike,
    high: npt.ArrayLike,
    nominal: float,
    *,
    unit: str,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw a tornado chart: the output at each input's low and high value.

    Parameters
    ----------
    names : sequence of str, length n
        Input names.
    low, high : array_like, shape (n,)
        Output with the input at its low (resp. high) value, all others nominal.
    nominal : float
        Output with every input nominal (the vertical line bars start from).
    unit : str
        Unit of the output, for the x axis.
    ax : matplotlib Axes, optional
    title : str, optional
        Default "Tornado: one input at a time".

    Returns
    -------
    matplotlib.axes.Axes
        Bars sorted by swing ``|high - low|``, the largest on top.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_tornado(["fx", "cpi"], [9, 8], [11, 14], 10.0, unit="KRW bn")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['fx', 'cpi']
    """
    labels = _names(names, "names")
    lo = _vector(low, "low", len(labels))
    hi = _vector(high, "high", len(labels))
    centre = float(as_float_array(nominal, "nominal"))
    ax = _axes(ax, size=(8.0, max(2.5, 0.5 * len(labels) + 1.5)))
    order = np.argsort(np.abs(hi - lo), kind="stable")  # smallest first: drawn at the bottom
    pos = np.arange(len(labels))
    ax.barh(pos, lo[order] - centre, left=centre, color=_colour(0), label="input at low value")
    ax.barh(pos, hi[order] - centre, left=centre, color=_colour(1), label="input at high value")
    ax.axvline(centre, color=OKABE_ITO[7], linewidth=1)
    ax.set_yticks(pos, [labels[i] for i in order])
    ax.set_xlabel(f"Output ({unit}); line = all inputs nominal ({centre:,.4g})")
    ax.legend(frameon=False, loc="lower right")
    ax.set_title(title or "Tornado: one input at a time")
    ax.grid(visible=True, axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    return ax


@_checked
def plot_indices(
    names: Sequence[str],
    first: npt.ArrayLike,
    total: npt.ArrayLike,
    first_ci: npt.ArrayLike | None = None,
    total_ci: npt.ArrayLike | None = None,
    ax: Axes | None = None,
    *,
    title: str | None = None,
) -> Axes:
    """Draw Sobol first-order and total indices per input, with error bars.

    Parameters
    ----------
    names : sequence of str, length n
    first, total : array_like, shape (n,)
        First-order and total-effect indices (fractions of output variance).
    first_ci, total_ci : array_like, shape (n,), optional
        Half-widths of their confidence intervals, drawn as error bars.
    ax : matplotlib Axes, optional
    title : str, optional
        Default "Sobol indices".

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_indices(["x1", "x2", "x3"], [0.31, 0.44, 0.0], [0.56, 0.44, 0.24])
    >>> len(ax.patches)
    6
    """
    labels = _names(names, "names")
    n = len(labels)
    s1 = _vector(first, "first", n, allow_nan=True)
    st = _vector(total, "total", n, allow_nan=True)
    e1 = None if first_ci is None else _vector(first_ci, "first_ci", n, allow_nan=True)
    et = None if total_ci is None else _vector(total_ci, "total_ci", n, allow_nan=True)
    ax = _axes(ax)
    pos = np.arange(n, dtype=np.float64)
    width = 0.38
    err: dict[str, Any] = {"capsize": 3, "ecolor": OKABE_ITO[7]}
    ax.bar(pos - width / 2, s1, width, yerr=e1, color=_colour(0), label="first order S1", **err)
    ax.bar(pos + width / 2, st, width, yerr=et, color=_colour(1), label="total effect ST", **err)
    ax.set_xticks(pos, labels)
    ax.set_ylabel("Share of output variance (fraction)")
    ax.set_xlabel("Input")
    top = float(np.nanmax(np.concatenate([s1, st]))) if np.isfinite(st).any() else 1.0
    ax.set_ylim(min(0.0, float(np.nanmin(np.concatenate([s1, st, [0.0]])))), max(1.0, top * 1.1))
    ax.legend(frameon=False)
    return _finish(ax, title or "Sobol indices")


@_checked
def plot_morris(
    names: Sequence[str],
    mu_star: npt.ArrayLike,
    sigma: npt.ArrayLike,
    ax: Axes | None = None,
    *,
    unit: str = "output units",
    title: str | None = None,
) -> Axes:
    """Draw the Morris screening plane: mu* (importance) against sigma (interaction).

    Parameters
    ----------
    names : sequence of str, length n
    mu_star, sigma : array_like, shape (n,)
        Mean absolute elementary effect and standard deviation of the elementary
        effects of each input.
    ax : matplotlib Axes, optional
    unit : str, default "output units"
        Unit of the elementary effects (the output's unit), for both axes.
    title : str, optional
        Default "Morris screening".

    Returns
    -------
    matplotlib.axes.Axes
        One point per input, labelled; the dashed line is ``sigma = mu*``
        (inputs above it act mostly through non-linearity or interactions).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_morris(["a", "b"], [1.0, 0.2], [0.1, 0.3])
    >>> len(ax.texts)
    2
    """
    labels = _names(names, "names")
    mu = _vector(mu_star, "mu_star", len(labels))
    sd = _vector(sigma, "sigma", len(labels))
    ax = _axes(ax, size=(6.4, 5.2))
    ax.scatter(mu, sd, color=_colour(0), s=40, zorder=3, label="inputs")
    for name, x, y in zip(labels, mu, sd, strict=True):
        ax.annotate(name, (float(x), float(y)), textcoords="offset points", xytext=(5, 4))
    top = float(max(np.max(mu), np.max(sd), 0.0)) * 1.15 or 1.0
    ax.plot([0.0, top], [0.0, top], color=OKABE_ITO[7], linestyle="--", linewidth=1)
    ax.set_xlim(0.0, top)
    ax.set_ylim(0.0, top)
    ax.set_xlabel(f"mu* (mean |elementary effect|, {unit})")
    ax.set_ylabel(f"sigma (std of elementary effects, {unit})")
    ax.set_title(title or "Morris screening")
    ax.grid(visible=True, alpha=0.3)
    ax.set_axisbelow(True)
    return ax


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
    ax.set_xticks(pos, labels)
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
    unit: str,
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
    unit : str
        Unit of the amounts, for the y axis.
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
    ax.set_ylabel(unit)
    _integer_years(ax)
    return _finish(ax, title or "Who pays: host (plain) and sender (hatched)")


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
    unit: str,
    actual: float | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw the reservation values of both sides over draws, and where they overlap.

    Parameters
    ----------
    host_max, sender_min : array_like, shape (n,)
        Draws of the host's maximum and the sender's minimum acceptable amount.
    unit : str
        Unit of the amounts, for the x axis.
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
    ax = _axes(ax)
    bins = np.histogram_bin_edges(np.concatenate([hi, lo]), bins=40).tolist()
    ax.hist(hi, bins=bins, alpha=0.55, color=OKABE_ITO[0], label="host's maximum")
    ax.hist(lo, bins=bins, alpha=0.55, color=OKABE_ITO[1], label="sender's minimum")
    if actual is not None:
        ax.axvline(actual, color=OKABE_ITO[7], linestyle="--", label="agreed")
    share = float(np.mean(lo <= hi))
    ax.set_xlabel(unit)
    ax.set_ylabel("Draws")
    ax.legend(frameon=False)
    return _finish(ax, title or f"Zone of agreement in {share:.0%} of draws")


@_checked
def plot_tradeoff(
    coverage: npt.ArrayLike,
    density: npt.ArrayLike,
    *,
    chosen: int | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw PRIM's peeling trajectory: coverage against density, one point per box.

    Parameters
    ----------
    coverage, density : array_like, shape (s,)
        Share of the cases of interest inside each box, and share of the box's cases
        that are of interest.
    chosen : int, optional
        Step of the chosen box, marked.
    ax : matplotlib Axes, optional
    title : str, optional
        Default "Scenario discovery: coverage and density".

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_tradeoff([1.0, 0.9, 0.6], [0.3, 0.6, 0.9], chosen=1)
    >>> ax.get_xlabel()
    'Coverage (share of cases of interest inside the box)'
    """
    cov = as_float_array(coverage, "coverage")
    den = as_float_array(density, "density")
    if cov.ndim != 1 or cov.shape != den.shape:
        raise InvalidInputError(
            "coverage, density", (cov.shape, den.shape), "two 1-D arrays of one length"
        )
    ax = _axes(ax, size=(6.0, 5.0))
    ax.plot(cov, den, marker="o", markersize=4, color=OKABE_ITO[0], label="peeling trajectory")
    if chosen is not None:
        ax.plot(
            cov[chosen],
            den[chosen],
            marker="*",
            markersize=16,
            linestyle="none",
            color=OKABE_ITO[3],
            label=f"chosen box (step {chosen})",
        )
    ax.set_xlabel("Coverage (share of cases of interest inside the box)")
    ax.set_ylabel("Density (share of the box's cases of interest)")
    ax.set_xlim(0.0, 1.02)
    ax.set_ylim(0.0, 1.02)
    ax.legend(frameon=False, loc="lower left")
    ax.grid(visible=True, alpha=0.3)
    ax.set_title(title or "Scenario discovery: coverage and density")
    return ax


@_checked
def plot_sweep(
    grid: npt.ArrayLike,
    outputs: Mapping[str, npt.ArrayLike],
    *,
    input_name: str,
    unit: str,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw outputs against one swept input.

    Parameters
    ----------
    grid : array_like, shape (g,)
        Values of the swept input.
    outputs : mapping of str to array_like, shape (g,)
        Output label to its values on the grid.
    input_name : str
        Name of the swept input, for the x axis.
    unit : str
        Unit of the outputs, for the y axis.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_sweep([0.0, 0.5, 1.0], {"y": [0.0, 1.0, 2.0]}, input_name="x", unit="KRW bn")
    >>> len(ax.get_lines())
    1
    """
    x = as_float_array(grid, "grid")
    if x.ndim != 1 or not outputs:
        raise InvalidInputError("grid, outputs", x.shape, "a 1-D grid and at least one output")
    ax = _axes(ax)
    for i, (label, values) in enumerate(outputs.items()):
        ax.plot(
            x,
            _vector(values, f"outputs[{label!r}]", x.size),
            color=_colour(i),
            linewidth=2.0,
            label=str(label),
        )
    ax.set_xlabel(input_name)
    ax.set_ylabel(unit)
    if len(outputs) > 1:
        ax.legend(frameon=False)
    return _finish(ax, title or f"Outputs as {input_name} varies")
