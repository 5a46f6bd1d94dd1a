"""Ranges: how sure is the gap between the 2019 US demand and what Korea pays.

The gap (the demand minus the 11th SMA, and minus the February 2019 level held flat) in
USD at constant 2019 prices depends on three inputs nobody knew in 2019: the exchange
rate path, US inflation and defence-budget growth (which drives the 11th SMA's
2022-2025 increases). :func:`ranges_section` draws them (Sobol' design, seeded),
reports 5%, median and 95% bands per year and cumulative, a fan chart, and a tornado
of the cumulative gap.

Examples
--------
>>> sec = ranges_section(draws=1024, seed=1)
>>> bool(sec.tables["bands"].frame.loc["total", "SMA-11 median"] > 20)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from burden import agreements
from burden.report._section import Assumption, Figure, Section, Table
from burden.sensitivity import Parameter, ParameterSpace, monte_carlo, sobol, tornado
from burden.uncertainty.models import comparison_model

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from matplotlib.axes import Axes

    from burden.typing import FloatArray

__all__ = ["GAP_BASIS", "SPACE", "gap_model", "ranges_section"]

GAP_BASIS = 2019
"""Price base year of the gap (USD, constant prices)."""

_FX, _CPI, _BUDGET = "krw_per_usd_scale", "inflation_shift", "budget_growth_shift"

SPACE = ParameterSpace(
    [
        Parameter(_FX, (0.9, 1.1), nominal=1.0),
        Parameter(_CPI, (-0.01, 0.01), nominal=0.0),
        Parameter(_BUDGET, (-0.02, 0.02), nominal=0.0),
    ]
)
"""The uncertain inputs: uniform and independent (ranges are assumptions)."""

_ASSUMPTIONS = (
    Assumption(
        "exchange-rate path (krw_per_usd_scale)",
        "every year's recorded KRW/USD average x U(0.9, 1.1)",
        "range: assumption; recorded path S66 (2015-2025 averages 1,099-1,421)",
    ),
    Assumption(
        "US inflation (inflation_shift)",
        "every year's recorded US CPI-U inflation + U(-1, +1) pp",
        "range: assumption; recorded index S92, S93 (2020-2025: 1.2%-8.0%, derived)",
    ),
    Assumption(
        "defence-budget growth 2021-2024 (budget_growth_shift)",
        "every year's growth + U(-2, +2) pp, before rounding to 0.1 pp",
        "range: assumption; recorded growth S50-S57 (2018-2025: 3.1%-8.2%)",
    ),
    Assumption("US demand", "USD 5 bn a year, 2020-2025, flat", "S31, S32; flat: assumption"),
    Assumption("11th SMA", "KRW 1,038.9 bn in 2020, +13.9% in 2021, then indexed", "S4, S10"),
    Assumption("February 2019 level held", "KRW 1,038.9 bn a year", "S1"),
    Assumption(
        "constant 2019 prices",
        "USD deflated with US CPI-U (the dollar's own price index)",
        "S92, S93",
    ),
    Assumption("independence", "the three inputs vary independently", "assumption"),
)

_DEMAND = "US-DEMAND-2019"
_SIDES = (("SMA-11", "vs SMA-11"), ("SMA-10-HELD", "vs held 2019"))
_SHORT = {"vs SMA-11": "SMA-11", "vs held 2019": "held"}


def gap_model() -> tuple[
    Callable[[Mapping[str, FloatArray]], dict[str, FloatArray]], tuple[int, ...]
]:
    """Return the gap model and its years.

    Returns
    -------
    model : callable
        ``{name: (n,)} -> {"<side> <year>": (n,), "<side> total": (n,)}`` in whole USD
        at constant 2019 prices, for both sides (``vs SMA-11``, ``vs held 2019``).
    years : tuple of int

    Examples
    --------
    >>> model, years = gap_model()
    >>> out = model({"krw_per_usd_scale": np.array([1.0, 1.1])})
    >>> (out["vs SMA-11 total"] / 1e9).round(2).tolist()
    [21.16, 21.62]
    """
    demand = agreements.get(_DEMAND)
    models = {
        label: comparison_model(
            agreements.get(name),
            demand,
            currency="USD",
            price_basis=GAP_BASIS,
            measure="difference",
        )
        for name, label in _SIDES
    }
    years = tuple(int(y) for y in models["vs SMA-11"].years)

    def model(params: Mapping[str, FloatArray]) -> dict[str, FloatArray]:
        out: dict[str, FloatArray] = {}
        for label, m in models.items():
            own: dict[str, FloatArray] = {}
            for name, value in params.items():
                key = "baseline.index_shift[2022]" if name == _BUDGET else name
                if key in m.nominal:
                    own[key] = value
            res = m(own)
            n = max(np.shape(v)[0] if np.ndim(v) else 1 for v in params.values()) if params else 1
            for y in years:
                out[f"{label} {y}"] = np.broadcast_to(res[f"difference {y}"], (n,))
            out[f"{label} total"] = np.broadcast_to(res["total difference"], (n,))
        return out

    return model, years


def ranges_section(*, draws: int = 2**14, seed: int = 2019) -> Section:
    """Monte Carlo bands and a tornado of the gap between the demand and what Korea pays.

    Parameters
    ----------
    draws : int, default 16384
        Monte Carlo draws (a power of 2: Sobol' design).
    seed : int, default 2019
        Seed of the draws; the same seed gives the same numbers.

    Returns
    -------
    Section
        Tables ``bands`` (USD bn per year and total: point estimate, 5%, median,
        95%, for both sides) and ``tornado`` (the cumulative gap vs the 11th SMA with
        each input at its low and high value); figures ``fan`` and ``tornado``.

    Raises
    ------
    InvalidInputError
        If `draws` is not a power of 2 of at least 2.
    """
    model, years = gap_model()
    mc = monte_carlo(model, SPACE, n=draws, rng=seed, progress=False)
    point = model({})
    levels = (0.05, 0.5, 0.95)
    q = mc.quantiles(levels) / 1e9
    rows = [*map(str, years), "total"]
    columns: dict[str, list[float]] = {}
    for _, label in _SIDES:
        names = [f"{label} {r}" for r in rows]
        cols = [mc.output_names.index(s) for s in names]
        short = _SHORT[label]
        columns[f"{short} point"] = [float(point[s][0]) / 1e9 for s in names]
        for i, lv in enumerate(levels):
            tag = "median" if lv == 0.5 else f"{lv * 100:g}%"
            columns[f"{short} {tag}"] = q[i, cols].tolist()
    bands = pd.DataFrame(columns, index=pd.Index(rows, name="year"))

    n_sobol = max(2**10, draws // 4)
    # The default design: 8 independent scrambled Sobol' randomisations, whose spread
    # gives Student-t intervals (a row bootstrap, n_resamples, is not used there).
    sob = sobol(model, SPACE, n=n_sobol, rng=seed, progress=False)
    m = sob.output_names.index("vs SMA-11 total")
    indices = pd.DataFrame(
        {
            "first order": sob.first_order[m],
            "first 95% low": sob.first_order_ci[0][m],
            "first 95% high": sob.first_order_ci[1][m],
            "total order": sob.total_order[m],
            "total 95% low": sob.total_order_ci[0][m],
            "total 95% high": sob.total_order_ci[1][m],
        },
        index=pd.Index(sob.names, name="input"),
    ).sort_values("total order", ascending=False)
    torn = tornado(model, SPACE)
    j = torn.output_names.index("vs SMA-11 total")
    tor = pd.DataFrame(
        {
            "input low": torn.input_low,
            "input high": torn.input_high,
            "gap at low (USD bn)": torn.output_low[:, j] / 1e9,
            "gap at high (USD bn)": torn.output_high[:, j] / 1e9,
            "swing (USD bn)": np.abs(torn.output_high[:, j] - torn.output_low[:, j]) / 1e9,
        },
        index=pd.Index(torn.input_names, name="input"),
    ).sort_values("swing (USD bn)", ascending=False)
    top = str(tor.index[0])
    total = bands.loc["total"]
    span = f"{years[0]}-{years[-1]}"
    headline = (
        (
            f"Gap of the USD 5 bn demand over the 11th SMA, {span} cumulative: USD "
            f"{total['SMA-11 point']:.1f} bn at 2019 prices (5-95%: "
            f"{total['SMA-11 5%']:.1f}-{total['SMA-11 95%']:.1f} bn over {draws:,} draws)"
        ),
        (
            f"Over the February 2019 level held: USD {total['held point']:.1f} bn "
            f"(5-95%: {total['held 5%']:.1f}-{total['held 95%']:.1f} bn)"
        ),
        (
            f"The input that matters most for the cumulative gap: {top} (swing USD "
            f"{tor.iloc[0]['swing (USD bn)']:.2f} bn across its range; Sobol' total-order "
            f"index {float(indices['total order'].loc[top]):.2f})"
        ),
    )
    median_by_year = {
        lv: np.asarray(q[i, [mc.output_names.index(f"vs SMA-11 {y}") for y in years]])
        for i, lv in enumerate(levels)
    }
    held_median = np.asarray(q[1, [mc.output_names.index(f"vs held 2019 {y}") for y in years]])

    def fan(ax: Axes) -> None:
        from burden.plot import plot_fan  # noqa: PLC0415 (matplotlib is optional)

        plot_fan(
            np.asarray(years),
            median_by_year,
            median_label="gap vs SMA-11",
            unit="USD bn, constant 2019 prices",
            ax=ax,
            title=f"Gap of the US demand over the 11th SMA, {span}",
        )
        ax.plot(years, held_median, color="0.4", linestyle="--", label="gap vs held 2019 (median)")
        ax.legend(frameon=False, loc="lower left")

    def tornado_fig(ax: Axes) -> None:
        from burden.plot import plot_tornado  # noqa: PLC0415

        plot_tornado(
            list(torn.input_names),
            torn.output_low[:, j] / 1e9,
            torn.output_high[:, j] / 1e9,
            float(torn.base[j]) / 1e9,
            unit="USD bn, 2019 prices",
            ax=ax,
            title=f"Cumulative gap vs the 11th SMA, {span}: one input at a time",
        )

    ranges = "; ".join(f"{a.name}: {a.value}" for a in _ASSUMPTIONS[:3])
    return Section(
        key="ranges",
        title="Ranges: how sure is the gap?",
        headline=headline,
        assumptions=_ASSUMPTIONS,
        tables={
            "bands": Table(
                (
                    f"Gap (demand minus contribution), USD bn at constant 2019 prices: point "
                    f"estimate and 5% / median / 95% over {draws:,} Sobol' draws, seed {seed}"
                ),
                bands,
            ),
            "tornado": Table(
                f"Tornado: cumulative gap vs the 11th SMA, {span}, one input at a time",
                tor,
            ),
            "sobol": Table(
                (
                    f"Sobol' indices of the cumulative gap vs the 11th SMA, {span}: shares "
                    f"of its variance over the assumed ranges ({n_sobol:,} base draws; "
                    f"{sob.interval_method})"
                ),
                indices,
            ),
        },
        figures={
            "fan": Figure(
                (
                    f"Fan chart: the gap of the USD 5 bn demand over the 11th SMA per year, "
                    f"USD bn at 2019 prices, 5-95% band and median over {draws:,} draws "
                    f"(seed {seed}); dashed: the median gap over the February 2019 level "
                    f"held. Inputs (assumed ranges): {ranges}."
                ),
                fan,
            ),
            "tornado": Figure(
                (
                    f"Tornado: the cumulative {span} gap vs the 11th SMA (USD bn, 2019 "
                    "prices) with each input at the ends of its assumed range, the others "
                    "at their recorded values (the line)."
                ),
                tornado_fig,
                (8.0, 3.4),
            ),
        },
        notes=(
            (
                "Bands are over the assumed input ranges; the recorded 2020-2025 data are "
                "the point estimate. Budget growth moves only the 11th SMA (its 2022-2025 "
                "increases); the held level and the USD demand do not depend on it."
            ),
        ),
    )
