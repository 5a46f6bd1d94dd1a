"""Figures of uncertainty and sensitivity analyses: fan charts, tornado, Sobol, Morris, sweeps, PRIM."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

    from burden.typing import FloatArray


def _output_unit(
    values: FloatArray, unit: str, currency: str | None, basis: str | None
) -> tuple[float, str]:
    """Factor and label of an output axis: money scaled to tn/bn/mn when a currency is given."""
    if currency is None:
        return 1.0, unit
    return money_axis(values, currency, basis)


__all__ = [
    "plot_distribution",
    "plot_fan",
    "plot_indices",
    "plot_morris",
    "plot_sweep",
    "plot_tornado",
    "plot_tradeoff",
]


@_checked
def plot_fan(
    years: npt.ArrayLike,
    quantiles: Mapping[float, npt.ArrayLike],
    *,
    median_label: str,
    unit: str = "output units",
    currency: str | None = None,
    basis: str | None = None,
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
    unit : str, default "output units"
        Unit of the values, for the y axis (e.g. "share of GDP"); ignored for money.
    currency : str, optional
        For money values (whole currency units): scale them to tn, bn or mn and
        label the axis with the currency and scale, e.g. "KRW tn (nominal)".
    basis : str, optional
        Price basis of money values in words, for the axis label, e.g. "nominal" or
        "constant 2019 prices (US CPI-U)" (see :func:`burden.money.basis_label`).
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
    >>> money = {0.05: [1.0e12, 1.1e12], 0.5: [1.2e12, 1.3e12], 0.95: [1.4e12, 1.6e12]}
    >>> plot_fan([2020, 2021], money, median_label="SMA-11", currency="KRW",
    ...          basis="nominal").get_ylabel()
    'KRW tn (nominal)'
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
    factor, label = _output_unit(np.concatenate(list(values.values())), unit, currency, basis)
    values = {q: v / factor for q, v in values.items()}
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
    ax.set_ylabel(label)
    _integer_years(ax)
    if ax.get_legend_handles_labels()[0]:  # a single level draws no band
        ax.legend(frameon=False, loc="upper left")
    return _finish(ax, title or f"{median_label}: percentile bands")


@_checked
def plot_distribution(
    samples: npt.ArrayLike | None,
    quantiles: Mapping[float, float],
    *,
    label: str,
    unit: str = "output units",
    currency: str | None = None,
    basis: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw the distribution of one output: a histogram and its quantile lines.

    Parameters
    ----------
    samples : array_like, shape (n,), or None
        The draws. ``None`` (draws not kept) draws the density implied by
        `quantiles` instead (a step between consecutive quantiles).
    quantiles : mapping of float to float
        Level in (0, 1) to value, e.g. ``{0.05: ..., 0.5: ..., 0.95: ...}``: one
        vertical line each, labelled with the level.
    label : str
        Name of the output, for the legend and title.
    unit, currency, basis, ax, title
        As for :func:`plot_fan`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> draws = np.random.default_rng(0).normal(5e9, 1e8, 1000)
    >>> q = dict(zip((0.05, 0.5, 0.95), np.quantile(draws, [0.05, 0.5, 0.95])))
    >>> ax = plot_distribution(draws, q, label="total", currency="USD", basis="nominal")
    >>> ax.get_xlabel()
    'USD bn (nominal)'
    """
    levels = sorted(float(q) for q in quantiles)
    if not levels or not all(0.0 < q < 1.0 for q in levels):
        raise InvalidInputError("quantiles", levels, "quantile levels strictly between 0 and 1")
    marks = np.array([float(quantiles[q]) for q in levels], dtype=np.float64)
    values = None if samples is None else as_float_array(samples, "samples").ravel()
    shown = marks if values is None else np.concatenate([values, marks])
    factor, axis_label = _output_unit(shown, unit, currency, basis)
    ax = _axes(ax)
    if values is not None:
        finite = values[np.isfinite(values)] / factor
        ax.hist(finite, bins="auto", density=True, color=_colour(0), alpha=0.6, label=label)
    elif marks.size > 1:
        edges = marks / factor
        mass = np.diff(levels)
        width = np.diff(edges)
        density = np.divide(mass, width, out=np.zeros_like(mass), where=width > 0)
        ax.stairs(density, edges, fill=True, color=_colour(0), alpha=0.6, label=label)
    for level, value in zip(levels, marks / factor, strict=True):
        style = "-" if level == 0.5 else "--"
        ax.axvline(value, color=OKABE_ITO[7], linestyle=style, linewidth=1.5)
        ax.annotate(
            f"{level * 100:g}%",
            (value, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(2, -12),
            textcoords="offset points",
            fontsize=8,
        )
    ax.set_xlabel(axis_label)
    ax.set_ylabel("density")
    ax.legend(frameon=False, loc="upper right")
    return _finish(ax, title or f"{label}: distribution over draws")


@_checked
def plot_tornado(
    names: Sequence[str],
    low: npt.ArrayLike,
    high: npt.ArrayLike,
    nominal: float,
    *,
    unit: str = "output units",
    currency: str | None = None,
    basis: str | None = None,
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
    unit : str, default "output units"
        Unit of the output, for the x axis; ignored for money.
    currency : str, optional
        For a money output (whole currency units): scale it to tn, bn or mn and
        write the currency and scale on the axis.
    basis : str, optional
        Price basis of a money output in words, for the axis label, e.g. "nominal" or
        "constant 2019 prices (US CPI-U)" (see :func:`burden.money.basis_label`).
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
    factor, label = _output_unit(np.concatenate([lo, hi, [centre]]), unit, currency, basis)
    lo, hi, centre = lo / factor, hi / factor, centre / factor
    ax = _axes(ax, size=(8.0, max(2.5, 0.5 * len(labels) + 1.5)))
    order = np.argsort(np.abs(hi - lo), kind="stable")  # smallest first: drawn at the bottom
    pos = np.arange(len(labels))
    ax.barh(pos, lo[order] - centre, left=centre, color=_colour(0), label="input at low value")
    ax.barh(pos, hi[order] - centre, left=centre, color=_colour(1), label="input at high value")
    ax.axvline(centre, color=OKABE_ITO[7], linewidth=1)
    _long_labels(ax, [labels[i] for i in order], axis="y")
    ax.set_xlabel(f"Output ({label}); line = all inputs nominal ({centre:,.4g})")
    ax.legend(frameon=False, loc="best")
    ax.set_title(title or "Tornado: one input at a time")
    ax.grid(visible=True, axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    return ax


@_checked
def plot_indices(
    names: Sequence[str],
    first: npt.ArrayLike,
    total: npt.ArrayLike,
    *,
    first_ci: npt.ArrayLike | None = None,
    total_ci: npt.ArrayLike | None = None,
    ax: Axes | None = None,
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
    _long_labels(ax, labels)
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
    *,
    ax: Axes | None = None,
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
def plot_sweep(
    grid: npt.ArrayLike,
    outputs: Mapping[str, npt.ArrayLike],
    *,
    input_name: str,
    unit: str = "output units",
    currency: str | None = None,
    basis: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw outputs against one swept input.

    Parameters
    ----------
    grid : array_like, shape (g,)
        Values of the swept input.
    outputs : mapping of str to array_like, shape (g,)
        Output label to its values on the grid (NaN leaves a gap).
    input_name : str
        Name of the swept input, for the x axis.
    unit : str, default "output units"
        Unit of the outputs, for the y axis; ignored for money.
    currency : str, optional
        For money outputs (whole currency units): scale them to tn, bn or mn and
        write the currency and scale on the axis.
    basis : str, optional
        Price basis of money outputs in words, for the axis label, e.g. "nominal" or
        "constant 2019 prices (US CPI-U)" (see :func:`burden.money.basis_label`).
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
    lines = {
        str(k): _vector(v, f"outputs[{k!r}]", x.size, allow_nan=True) for k, v in outputs.items()
    }
    factor, axis_label = _output_unit(np.concatenate(list(lines.values())), unit, currency, basis)
    ax = _axes(ax)
    for i, (label, values) in enumerate(lines.items()):
        ax.plot(x, values / factor, color=_colour(i), linewidth=2.0, label=label)
    ax.set_xlabel(input_name)
    ax.set_ylabel(axis_label)
    if len(outputs) > 1:
        ax.legend(frameon=False)
    return _finish(ax, title or f"Outputs as {input_name} varies")


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
