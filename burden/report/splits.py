"""Splits: who would have paid for what under each scenario.

The SMA money goes to three categories (labour of Korean employees, ROK-funded
construction, logistics; S2, S3). :func:`splits_section` takes the published 2019 and
2021 splits (S3, S4) as the cost basis, splits each scenario's money over it with the
11th SMA's 87% labour floor (S13) by :func:`burden.split_costs`, and sets each scenario
against the Pentagon's FY2020 estimate of the cost of US forces in Korea (USD 4.46 bn,
S35) as a GAO-style ratio of direct support to US costs.

Examples
--------
>>> sec = splits_section()
>>> round(float(sec.tables["totals"].frame.loc["SMA-11", "total"]), 1)   # KRW bn
7508.1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from burden import agreements, datasets
from burden.costs import SMA_CATEGORIES, CostPool, cost_sharing_ratio, split_costs
from burden.money import default_context
from burden.report._section import Assumption, Figure, Section, Table

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["LABOR_FLOOR", "PENTAGON_FY2020_USD", "splits_section"]

LABOR_FLOOR = 0.87
"""Minimum labour share of the 11th SMA (S13, medium; its exact base is not stated)."""

PENTAGON_FY2020_USD = 4.46e9
"""Pentagon FY2020 estimate of the costs of US forces in Korea (S35, medium)."""

_SCENARIOS = ("SMA-10-HELD", "SMA-11", "US-DEMAND-2019")
_YEARS = tuple(range(2020, 2026))
_LABELS = {"labor": "labour", "construction": "construction", "logistics": "logistics"}

_ASSUMPTIONS = (
    Assumption(
        "2019 split (labour / construction / logistics)",
        "KRW 500.5 / 371.0 / 167.4 bn of 1,038.9 bn (48% / 36% / 16%)",
        "S3",
    ),
    Assumption("2021 split", "KRW 559.8 / 436.8 / 186.7 bn of 1,183.3 bn", "S4 (year inferred)"),
    Assumption(
        "cost basis per year",
        "the 11th SMA amount split as in 2019 (2020) or 2021 (2021-2025)",
        "assumption (splits for 2020 and 2022-2025 not published)",
    ),
    Assumption(
        "labour floor",
        f"the host pays at least {LABOR_FLOOR:.0%} of the labour cost",
        "S13; applying it to the labour category's cost: assumption",
    ),
    Assumption(
        "allocation above the floor",
        "in proportion to each category's remaining cost",
        "assumption",
    ),
    Assumption(
        "Pentagon FY2020 estimate",
        "USD 4.46 bn a year (military personnel, O&M, family housing), held flat 2020-2025",
        "S35; flat after FY2020: assumption",
    ),
    Assumption(
        "host direct support",
        "the SMA contribution only (other direct support is not in the data)",
        "assumption",
    ),
    Assumption("exchange rates", "annual averages 2020-2025", "S66"),
)


def _cost_basis() -> CostPool:
    cats = datasets.sma_categories()
    mix = {}
    for year in (2019, 2021):
        row = cats[cats["year"] == year].set_index("category")["amount"]
        mix[year] = row.loc[list(SMA_CATEGORIES)].to_numpy(dtype=np.float64) / row.sum()
    sma11 = agreements.get("SMA-11").path().select(list(_YEARS)).values
    shares = np.stack([mix[2019] if y == 2020 else mix[2021] for y in _YEARS])
    costs = sma11[:, np.newaxis] * shares
    return CostPool(
        {c: costs[:, k] for k, c in enumerate(SMA_CATEGORIES)}, currency="KRW", years=_YEARS
    )


def splits_section() -> Section:
    """Each scenario's money over labour, construction and logistics, and against US costs.

    Returns
    -------
    Section
        Tables ``totals`` (KRW bn, 2020-2025 per scenario and category, the part
        beyond the cost basis, and what the US pays of the basis), ``per_year`` (the
        labour share and host share per year) and ``gao_ratio`` (host contribution in
        USD over USD 4.46 bn per year); figures ``split`` and ``ratio``.
    """
    pool = _cost_basis()
    ctx = default_context()
    fx = ctx.rate("KRW", list(_YEARS))
    envelopes = []
    for name in _SCENARIOS:
        path = agreements.get(name).path().select(list(_YEARS))
        values = path.values * fx if path.currency == "USD" else path.values
        envelopes.append(values)
    env = np.stack(envelopes)  # (3, T) KRW
    split = split_costs(pool, envelope=env, floors={"labor": LABOR_FLOOR}, rule="proportional")
    host = split.host.sum(axis=1) / 1e9  # (3, K)
    sender = split.sender.sum(axis=1) / 1e9
    totals = pd.DataFrame(
        host,
        index=pd.Index(_SCENARIOS, name="scenario"),
        columns=[_LABELS[c] for c in SMA_CATEGORIES],
    )
    totals["beyond the cost basis"] = split.excess.sum(axis=1) / 1e9
    totals["total"] = env.sum(axis=1) / 1e9
    totals["US pays of the basis"] = sender.sum(axis=1)
    basis_total = float(pool.costs.sum()) / 1e9
    labour_cost = pool.costs[..., 0]
    per_year = pd.DataFrame(
        {
            f"{name} labour %": 100 * split.host[i, :, 0] / labour_cost
            for i, name in enumerate(_SCENARIOS)
        },
        index=pd.Index(list(map(str, _YEARS)), name="year"),
    )
    per_year.insert(0, "cost basis (KRW bn)", pool.costs.sum(axis=-1) / 1e9)
    usd = env / fx  # (3, T)
    ratio = cost_sharing_ratio(usd, PENTAGON_FY2020_USD, definition="gao")
    gao = pd.DataFrame(
        {f"{name} %": 100 * ratio[i] for i, name in enumerate(_SCENARIOS)},
        index=pd.Index(list(map(str, _YEARS)), name="year"),
    )
    for i, name in enumerate(_SCENARIOS):
        gao[f"{name} USD bn"] = usd[i] / 1e9
    held, agreed, demand = (totals.loc[s] for s in _SCENARIOS)
    headline = (
        (
            f"The demand would have paid the whole SMA cost basis 2020-2025 (KRW "
            f"{basis_total:,.0f} bn) and KRW {demand['beyond the cost basis']:,.0f} bn beyond it: "
            f"{demand['beyond the cost basis'] / demand['total']:.0%} of the demand had no "
            "published SMA category"
        ),
        (
            f"Under the 11th SMA, 2020-2025: labour KRW {agreed['labour']:,.0f} bn, "
            f"construction {agreed['construction']:,.0f} bn, logistics "
            f"{agreed['logistics']:,.0f} bn (the cost basis itself, by construction)"
        ),
        (
            f"Had the February 2019 level been held, the US would have paid KRW "
            f"{held['US pays of the basis']:,.0f} bn of the basis; labour kept "
            f"{per_year['SMA-10-HELD labour %'].min():.0f}% or more (floor {LABOR_FLOOR:.0%})"
        ),
        (
            f"GAO-style ratio (host SMA money / USD 4.46 bn), 2020: held "
            f"{gao.iloc[0]['SMA-10-HELD %']:.0f}%, 11th SMA {gao.iloc[0]['SMA-11 %']:.0f}%, "
            f"demand {gao.iloc[0]['US-DEMAND-2019 %']:.0f}%"
        ),
    )

    def split_fig(ax: Axes) -> None:
        parts = [*(_LABELS[c] for c in SMA_CATEGORIES), "beyond the cost basis"]
        colours = ("#0072B2", "#E69F00", "#009E73", "#999999")
        left = np.zeros(len(_SCENARIOS))
        pos = np.arange(len(_SCENARIOS))
        for part, colour in zip(parts, colours, strict=True):
            width = totals[part].to_numpy()
            ax.barh(pos, width, left=left, color=colour, label=part)
            left += width
        ax.set_yticks(pos, list(_SCENARIOS))
        ax.invert_yaxis()
        ax.set_xlabel("KRW bn, nominal, 2020-2025 cumulative")
        ax.set_title("Each scenario's money by category, 2020-2025")
        ax.xaxis.set_major_formatter("{x:,.0f}")
        ax.legend(frameon=False, loc="upper right")
        ax.grid(visible=True, axis="x", alpha=0.3)
        ax.set_axisbelow(True)

    def ratio_fig(ax: Axes) -> None:
        for i, name in enumerate(_SCENARIOS):
            ax.plot(_YEARS, 100 * ratio[i], marker="o", label=name)
        ax.axhline(100, color="0.5", linewidth=1, linestyle=":")
        ax.set_xlabel("Year")
        ax.set_ylabel("% of USD 4.46 bn (FY2020 estimate)")
        ax.set_xticks(list(_YEARS))
        ax.set_title("Host contribution over the Pentagon's FY2020 cost estimate (GAO-style)")
        ax.legend(frameon=False)

    return Section(
        key="splits",
        title="Splits: labour, construction, logistics, and the US costs",
        headline=headline,
        assumptions=_ASSUMPTIONS,
        tables={
            "totals": Table(
                (
                    "Host payments by category, KRW bn nominal, 2020-2025 cumulative; "
                    f"labour floor {LABOR_FLOOR:.0%}; the demand converted at each year's rate"
                ),
                totals,
                1,
            ),
            "per_year": Table(
                "Cost basis per year (KRW bn) and the share of labour cost the host pays (%)",
                per_year,
                1,
            ),
            "gao_ratio": Table(
                (
                    "GAO-style ratio: host SMA contribution (USD at each year's rate) over "
                    "the Pentagon's FY2020 estimate of USD 4.46 bn (held flat: assumption), %"
                ),
                gao,
                2,
            ),
        },
        figures={
            "split": Figure(
                (
                    "Each scenario's money 2020-2025 (KRW bn, nominal) by category. Cost basis "
                    "(assumption): the 11th SMA amounts in the published 2019 (for 2020) and "
                    f"2021 (for 2021-2025) category mix (S3, S4); labour floor {LABOR_FLOOR:.0%} "
                    "(S13); grey: money beyond the basis, which no published category covers."
                ),
                split_fig,
                (8.0, 3.6),
            ),
            "ratio": Figure(
                (
                    "Host SMA contribution as % of the Pentagon's FY2020 estimate of the cost "
                    "of US forces in Korea (USD 4.46 bn: military personnel, O&M, family "
                    "housing; S35), held flat after FY2020 (assumption); a GAO-style ratio of "
                    "direct support to US costs, not a share of non-personnel costs."
                ),
                ratio_fig,
            ),
        },
        notes=(
            (
                "The personnel part of the USD 4.46 bn is not in the sources, so no DoD-style "
                "non-personnel ratio is computed. The 87% floor's exact base is not stated in "
                "the sources (S13, S4)."
            ),
        ),
    )
