"""Today: the 12th SMA (2026-2030) against the July 2025 ask of USD 10 bn a year.

:func:`today_section` sets the 12th SMA (S6, S7) beside the ask (S99) per year,
cumulative and as present value, in KRW and USD, and as shares of Korea's defence
budget and GDP. Everything after 2025 that is not published is a stated projection:
Korean CPI for the 12th SMA's index, the exchange rate, the defence budget after the
mid-term plan, GDP, and the discount rate of the present value. The ask has no stated
start, duration or escalation (S99): flat USD 10 bn a year over 2026-2030 is an
assumption.

Examples
--------
>>> sec = today_section()
>>> round(float(sec.tables["amounts"].frame.loc["2026", "SMA-12 KRW bn"]), 1)   # S6
1519.2
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from burden import agreements, datasets, hosts
from burden.compare import compare
from burden.money import default_context
from burden.report._section import Assumption, Figure, Section, Table

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from burden.money import Amounts

__all__ = [
    "ASK_USD",
    "CPI_PROJECTION",
    "DISCOUNT_RATE",
    "GDP_GROWTH",
    "today_section",
]

YEARS: Final = tuple(range(2026, 2031))
PV_YEAR: Final = 2026
"""Year the present values are stated in (the first year of the 12th SMA)."""
ASK: Final = "US-ASK-2025"
ASK_USD: Final = 10e9
"""The July 2025 ask, USD a year (S99); start 2026 and five years flat: assumptions."""
CPI_PROJECTION: Final = 0.02
"""Korean CPI 2026-2028 (assumption; 'in the 2% range' expected by S7)."""
DISCOUNT_RATE: Final = 0.03
"""Nominal discount rate of the present value, a year (assumption)."""
GDP_GROWTH: Final = 0.034
"""Nominal GDP growth after 2025 (the MND's own assumption, S97)."""
BUDGET_GROWTH_2030: Final = 0.077
"""Defence-budget growth in 2030 (the MND's +7.7% a year arithmetic, S97)."""
MID_TERM_PLAN: Final = {2027: 72.4e12, 2028: 78.3e12, 2029: 84.7e12}
"""MND mid-term plan 2026-29, KRW (S97; a projection, not a pledge)."""


def today_section() -> Section:
    """Set the 12th SMA against the July 2025 ask, 2026-2030.

    Returns
    -------
    Section
        Tables ``amounts`` (per year, total and present value in KRW bn and USD bn,
        and the ask's ratio) and ``shares`` (% of the defence budget and of GDP);
        figure ``today``.
    """
    macro = datasets.korea_macro()
    fx_2025 = float(macro["krw_per_usd"].loc[2025])
    budget_2026 = float(macro["defense_budget"].loc[2026])
    plan = {2026: budget_2026, **MID_TERM_PLAN}
    growth = {y: plan[y] / plan[y - 1] - 1.0 for y in MID_TERM_PLAN}
    growth[2030] = BUDGET_GROWTH_2030
    ctx = default_context().with_projection(
        per_usd={"KRW": fx_2025},
        defense_budget_growth={"KOR": pd.Series(growth)},
        gdp_growth={"KOR": GDP_GROWTH},
    )
    sma12 = agreements.get("SMA-12").with_projection(CPI_PROJECTION)
    ask = agreements.get(ASK)
    in_usd = compare(sma12, ask, currency="USD", context=ctx)
    in_krw = compare(sma12, ask, currency="KRW", context=ctx)
    rows = [*map(str, YEARS), "total", f"present value {PV_YEAR}"]

    def col(amounts: Amounts) -> list[float]:
        pv = float(amounts.present_value(DISCOUNT_RATE, year=PV_YEAR))
        return [*(amounts.values / 1e9), amounts.total() / 1e9, pv / 1e9]

    amounts = pd.DataFrame(
        {
            "SMA-12 KRW bn": col(in_krw.baseline),
            "ask KRW bn": col(in_krw.alternative),
            "SMA-12 USD bn": col(in_usd.baseline),
            "ask USD bn": col(in_usd.alternative),
        },
        index=pd.Index(rows, name="year"),
    )
    amounts["ask / SMA-12"] = amounts["ask KRW bn"] / amounts["SMA-12 KRW bn"]
    amounts["ask - SMA-12 USD bn"] = amounts["ask USD bn"] - amounts["SMA-12 USD bn"]
    sma12_usd = np.asarray(in_usd.baseline.values)
    ask_usd = np.asarray(in_usd.alternative.values)

    table = in_krw.table()
    year_rows = table.loc[[y for y in table.index if str(y) != "total"]]
    korea = ctx.project_host(hosts.get("KOR"))
    budget = korea.defense_budget.reindex(list(YEARS)).to_numpy(dtype=np.float64)
    gdp = korea.gdp.reindex(list(YEARS)).to_numpy(dtype=np.float64)
    shares = pd.DataFrame(
        {
            "defence budget KRW tn": budget / 1e12,
            "budget source": [
                "S58 (as passed)"
                if y == 2026
                else (
                    "S97 (mid-term plan)"
                    if y in MID_TERM_PLAN
                    else "assumption (+7.7%, S97 arithmetic)"
                )
                for y in YEARS
            ],
            "GDP KRW tn (projected)": gdp / 1e12,
            "SMA-12 % budget": year_rows[f"{sma12.name} % defence budget"].to_numpy(),
            "ask % budget": year_rows[f"{ask.name} % defence budget"].to_numpy(),
            "SMA-12 % GDP": year_rows[f"{sma12.name} % GDP"].to_numpy(),
            "ask % GDP": year_rows[f"{ask.name} % GDP"].to_numpy(),
        },
        index=pd.Index(list(map(str, YEARS)), name="year"),
    )
    gdp_2025 = float(macro["gdp"].loc[2025])
    total = amounts.loc["total"]
    pv = amounts.loc[f"present value {PV_YEAR}"]
    headline = (
        (
            f"The July 2025 ask (USD 10 bn a year, assumed flat 2026-2030) is "
            f"{total['ask / SMA-12']:.1f} times the 12th SMA: USD {total['ask USD bn']:.0f} bn "
            f"against USD {total['SMA-12 USD bn']:.1f} bn over five years (KRW "
            f"{total['ask KRW bn'] / 1e3:,.1f} tn against {total['SMA-12 KRW bn'] / 1e3:,.2f} tn)"
        ),
        (
            f"Present value in {PV_YEAR} at {DISCOUNT_RATE:.0%} a year: USD {pv['ask USD bn']:.1f} bn "
            f"against USD {pv['SMA-12 USD bn']:.1f} bn"
        ),
        (
            f"2026: the 12th SMA is {shares.iloc[0]['SMA-12 % budget']:.1f}% of the defence "
            f"budget, the ask would be {shares.iloc[0]['ask % budget']:.1f}% "
            f"({shares.iloc[0]['ask % GDP']:.2f}% of projected GDP)"
        ),
    )
    assumptions = (
        Assumption("12th SMA 2026", "KRW 1,519.2 bn", "S6, S7, S8, S9"),
        Assumption(
            "12th SMA 2027-2030", "previous year x (1 + CPI of year Y-2), capped at 5%", "S6, S7"
        ),
        Assumption("Korean CPI 2025", "2.1%", "S25"),
        Assumption(
            "Korean CPI 2026-2028 (projection)",
            f"{CPI_PROJECTION:.1%} a year",
            "assumption ('in the 2% range', S7)",
        ),
        Assumption("the ask", "USD 10 bn a year", "S99"),
        Assumption(
            "the ask's start, duration, escalation",
            "from 2026 (the 12th SMA's first year), five years, flat in USD",
            "assumption (none stated, S99)",
        ),
        Assumption(
            "KRW/USD 2026-2030 (projection)",
            f"held at the 2025 average, {fx_2025:,.2f}",
            "assumption; 2025 average S66",
        ),
        Assumption(
            "defence budget",
            "2026 as passed; 2027-2029 mid-term plan; 2030 +7.7%",
            "S58, S97; 2030: assumption",
        ),
        Assumption(
            "GDP 2026-2030 (projection)",
            f"2025 (KRW {gdp_2025 / 1e12:,.1f} tn, 2020 base) x {1 + GDP_GROWTH:.3f} a year",
            "S65; growth 3.4%: the MND's assumption (S97)",
        ),
        Assumption(
            "present value",
            f"discounted to {PV_YEAR} at {DISCOUNT_RATE:.0%} a year, nominal (Amounts.present_value)",
            "assumption",
        ),
        *(
            Assumption(f"money context: {a.series} {a.key}", a.description, "assumption (stated)")
            for a in ctx.assumptions
            if a.series != "per_usd"  # stated above with its exact value
        ),
    )

    def today_fig(ax: Axes) -> None:
        pos = np.arange(len(YEARS))
        ax.bar(pos - 0.2, sma12_usd / 1e9, width=0.4, label="12th SMA", color="#0072B2")
        ax.bar(
            pos + 0.2,
            ask_usd / 1e9,
            width=0.4,
            label="July 2025 ask (assumed flat)",
            color="#D55E00",
        )
        ax.set_xticks(pos, [str(y) for y in YEARS])
        ax.set_xlabel("Year")
        ax.set_ylabel("USD bn, nominal")
        ax.set_title("The 12th SMA against the USD 10 bn ask, 2026-2030")
        ax.set_ylim(0, 1.25 * float(ask_usd.max()) / 1e9)
        ax.legend(frameon=False, loc="upper center", ncol=2)
        ax.grid(visible=True, axis="y", alpha=0.3)
        ax.set_axisbelow(True)

    return Section(
        key="today",
        title="Today: the 12th SMA (2026-2030) against the July 2025 ask",
        headline=headline,
        assumptions=assumptions,
        tables={
            "amounts": Table(
                (
                    f"Per year, total and present value ({PV_YEAR}, discounted at "
                    f"{DISCOUNT_RATE:.0%}), nominal; KRW/USD {fx_2025:,.2f} after 2025 "
                    f"(assumption); CPI {CPI_PROJECTION:.1%} 2026-2028 (assumption)"
                ),
                amounts,
                2,
            ),
            "shares": Table(
                "Shares of Korea's defence budget and GDP (%); budget and GDP after 2026 are projections",
                shares,
                2,
            ),
        },
        figures={
            "today": Figure(
                (
                    "The 12th SMA (S6; CPI 2026-2028 assumed 2.0%) and the July 2025 ask "
                    "(USD 10 bn a year, S99; start 2026, five years, flat: assumptions), USD bn, "
                    f"nominal, converted at {fx_2025:,.2f} KRW/USD (the 2025 average, held: "
                    "assumption)."
                ),
                today_fig,
            )
        },
        notes=(
            (
                "Amounts after 2025 rest on the projections listed; no published figure is "
                "overwritten. The 12th SMA's 2026 amount is published (S6); 2027 uses the "
                "published 2025 CPI (S25)."
            ),
        ),
    )
