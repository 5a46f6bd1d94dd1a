"""The talks of 2019-2021: positions, the zone of agreement, a prediction, the furlough.

:func:`talks_section` lists the published positions (S31, S36-S40, S10), draws the two
sides' reservation values between those positions (stated assumptions), and sets the
Nash and Rubinstein predictions (:mod:`burden.bargain`) beside the outcome, the 11th SMA's
+13.9% for 2021. The 2020 furlough (about 4,000 Korean employees for about 75 days, S39)
is priced as far as the cited data allow: the pay forgone, derived from the 2019 labour
money (S3), Korea's share of the payroll (S44, S46) and the number of employees (S39,
S42, S44).

Examples
--------
>>> sec = talks_section(draws=2000, seed=1)
>>> round(float(sec.tables["positions"].frame.loc["final (11th SMA, 2021)", "over 2019 %"]), 1)
13.9
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from burden import bargain
from burden.money import default_context
from burden.report._section import Assumption, Figure, Section, Table

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["talks_section"]

SMA_2019 = 1.0389e12  # KRW, S1
ACTUAL_2021 = 1.1833e12  # KRW, S10
LABOUR_2019 = 500.5e9  # KRW, S3
FURLOUGHED = 4_000  # S39, S40
FURLOUGH_DAYS = 75  # 1 Apr - 15 Jun 2020, S39
EMPLOYEES = (8_600, 9_200)  # S39, S42, S44
ROK_PAYROLL_SHARE = (0.70, 0.71)  # "more than 70%" (S44), "up to 71%" (S46)


def talks_section(*, draws: int = 20_000, seed: int = 2019) -> Section:
    """Positions, zone of agreement, bargaining predictions and the furlough.

    Parameters
    ----------
    draws : int, default 20000
        Draws of the reservation values and monthly costs.
    seed : int, default 2019

    Returns
    -------
    Section
        Tables ``positions`` (KRW bn a year, % over 2019), ``prediction`` (5% /
        median / 95% of the Nash and Rubinstein settlements beside the outcome),
        ``furlough`` (range of the pay forgone); figure ``zone``.
    """
    ctx = default_context()
    r2019, r2020 = (float(v) for v in ctx.rate("KRW", [2019, 2020]))
    positions = {
        "10th SMA, 2019 (agreed Feb 2019)": (SMA_2019, "S1"),
        "US demand (Nov 2019), USD 5 bn at the 2019 rate": (5e9 * r2019, "S31, S32, S66"),
        "US reduced ask (Mar 2020), USD 4 bn at the 2020 rate": (4e9 * r2020, "S36, S66"),
        "ROK offer (Mar-Apr 2020), +13%": (SMA_2019 * 1.13, "S37, S38"),
        "US counter (mid-2020), USD 1.3 bn at the 2020 rate": (1.3e9 * r2020, "S39, S40, S66"),
        "final (11th SMA, 2021)": (ACTUAL_2021, "S5, S10"),
    }
    table = pd.DataFrame(
        {
            "KRW bn a year": [v / 1e9 for v, _ in positions.values()],
            "over 2019 %": [100 * (v / SMA_2019 - 1) for v, _ in positions.values()],
            "source": [s for _, s in positions.values()],
        },
        index=pd.Index(list(positions), name="position"),
    )
    offer = SMA_2019 * 1.13
    counter = 1.3e9 * r2020
    rng = np.random.default_rng(seed)
    sender_min = rng.uniform(SMA_2019, counter, draws)  # A1
    host_max = rng.uniform(offer, counter, draws)  # A2
    us_monthly = rng.uniform(5e9, 20e9, draws)  # A3
    rok_monthly = rng.uniform(5e9, 40e9, draws)
    zone = bargain.zopa(host_max, sender_min)
    deal = zone.width > 0.0
    agreed = bargain.zopa(host_max[deal], sender_min[deal])
    us_gain, _ = bargain.nash(bargain.linear_frontier(agreed.width))
    nash_pred = agreed.low + us_gain
    us_delay = bargain.cost_of_delay(us_monthly[deal], agreed.width, round_months=1.0)
    rok_delay = bargain.cost_of_delay(rok_monthly[deal], agreed.width, round_months=1.0)
    share = bargain.rubinstein_limit(us_delay.rate, rok_delay.rate)
    rub_pred = agreed.settlement(share)
    rows = {}
    for name, pred in (
        ("Nash (equal split of the zone)", nash_pred),
        ("Rubinstein (limit of frequent offers)", rub_pred),
    ):
        p5, p50, p95 = np.percentile(pred, [5, 50, 95]) / 1e9
        rows[name] = {
            "5% (KRW bn)": p5,
            "median (KRW bn)": p50,
            "95% (KRW bn)": p95,
            "share of draws at or below the outcome %": 100 * float(np.mean(pred <= ACTUAL_2021)),
        }
    prediction = pd.DataFrame.from_dict(rows, orient="index").rename_axis("model")
    prob = float(zone.probability)

    per_employee = np.array(
        [
            LABOUR_2019 / ROK_PAYROLL_SHARE[1] / EMPLOYEES[1],
            LABOUR_2019 / ROK_PAYROLL_SHARE[0] / EMPLOYEES[0],
        ]
    )
    forgone = FURLOUGHED * FURLOUGH_DAYS / 365 * per_employee
    furlough = pd.DataFrame(
        {
            "low": [per_employee[0] / 1e6, forgone[0] / 1e9, 100 * forgone[0] / LABOUR_2019],
            "high": [per_employee[1] / 1e6, forgone[1] / 1e9, 100 * forgone[1] / LABOUR_2019],
        },
        index=pd.Index(
            [
                "payroll per employee-year (KRW m)",
                "pay forgone, 4,000 x 75 days (KRW bn)",
                "as % of the 2019 SMA labour money",
            ],
            name="item",
        ),
    )
    gap_public = (counter - offer) / 1e9
    headline = (
        (
            f"Public positions never met: Korea's +13% (KRW {offer / 1e9:,.0f} bn) stayed "
            f"KRW {gap_public:,.0f} bn below the US counter of USD 1.3 bn (KRW "
            f"{counter / 1e9:,.0f} bn); the deal, +13.9% (KRW {ACTUAL_2021 / 1e9:,.1f} bn), "
            "landed next to Korea's offer"
        ),
        (
            f"With reservation values drawn between the positions (A1, A2), a zone of "
            f"agreement exists in {prob:.0%} of draws; Nash predicts KRW "
            f"{prediction.iloc[0]['median (KRW bn)']:,.0f} bn (median), Rubinstein "
            f"{prediction.iloc[1]['median (KRW bn)']:,.0f} bn: both above the outcome in most draws"
        ),
        (
            f"The 2020 furlough ({FURLOUGHED:,} employees, about {FURLOUGH_DAYS} days) "
            f"forwent about KRW {forgone[0] / 1e9:,.0f}-{forgone[1] / 1e9:,.0f} bn of pay "
            "(derived; before any later relief, which is not in the data)"
        ),
    )
    assumptions = (
        Assumption(
            "positions", "as tabled, converted at the annual-average rate", "S1, S10, S31-S40, S66"
        ),
        Assumption(
            "A1: the least the US would accept",
            "U(2019 level, US counter), per draw",
            "assumption",
        ),
        Assumption(
            "A2: the most Korea would pay", "U(ROK offer, US counter), per draw", "assumption"
        ),
        Assumption(
            "A3: monthly cost of stalemate",
            "US U(5, 20), Korea U(5, 40) KRW bn a month",
            "assumption (no cited figure)",
        ),
        Assumption("draws, seed", f"{draws:,}, {seed}", "report option"),
        Assumption(
            "furloughed employees", f"about {FURLOUGHED:,}, about {FURLOUGH_DAYS} days", "S39, S40"
        ),
        Assumption(
            "Korean employees (all)", f"{EMPLOYEES[0]:,}-{EMPLOYEES[1]:,}", "S39, S42, S44"
        ),
        Assumption("ROK share of the payroll", "70%-71%", "S44, S46"),
        Assumption("2019 SMA labour money", "KRW 500.5 bn", "S3"),
        Assumption(
            "pay per employee",
            "the same for every employee, furloughed or not",
            "assumption",
        ),
    )

    def zone_fig(ax: Axes) -> None:
        from burden.plot import plot_zopa  # noqa: PLC0415

        plot_zopa(
            host_max / 1e9,
            sender_min / 1e9,
            unit="KRW bn a year (2021)",
            actual=ACTUAL_2021 / 1e9,
            ax=ax,
        )
        for value, label in ((offer, "ROK offer +13%"), (counter, "US counter USD 1.3 bn")):
            ax.axvline(value / 1e9, color="0.3", linestyle=":", linewidth=1)
            ax.annotate(
                label,
                (value / 1e9, ax.get_ylim()[1] * 0.92),
                rotation=90,
                fontsize=8,
                ha="right",
                va="top",
            )

    return Section(
        key="talks",
        title="The talks, 2019-2021",
        headline=headline,
        assumptions=assumptions,
        tables={
            "positions": Table("Positions (KRW bn a year; increase over 2019)", table, 1),
            "prediction": Table(
                f"Bargaining predictions of the 2021 amount over {int(deal.sum()):,} draws "
                f"with a zone (of {draws:,}); outcome KRW {ACTUAL_2021 / 1e9:,.1f} bn",
                prediction,
                1,
            ),
            "furlough": Table(
                "The 2020 furlough: pay forgone (derived range; S3, S39, S42, S44, S46)",
                furlough,
                1,
            ),
        },
        figures={
            "zone": Figure(
                (
                    "Zone of agreement: draws of Korea's maximum (A2: between its +13% offer "
                    "and the US counter) and the US minimum (A1: between the 2019 level and "
                    "the US counter), KRW bn a year; dashed: the 2021 outcome (+13.9%, S10); "
                    f"dotted: the public positions (S37, S39). {draws:,} draws, seed {seed}."
                ),
                zone_fig,
            )
        },
        notes=(
            (
                "Reservation values and stalemate costs are not published: A1-A3 are "
                "illustrative assumptions, so the predictions show what the models imply "
                "under them, not what the sides would have accepted."
            ),
        ),
    )
