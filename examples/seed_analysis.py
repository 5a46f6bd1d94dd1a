"""The seed analysis: the US 2019 demand against the February 2019 agreement and the 11th SMA.

In November 2019 US negotiators asked South Korea for about USD 5 billion a year
(sources S31, S32), against KRW 1.0389 trillion agreed for 2019 in the 10th SMA (S1).
Talks broke off; the 11th SMA, agreed in March 2021, froze 2020 at the 2019 level and
then tied the amount to Korea's defence budget (S4, S10).

This script rebuilds the 11th SMA from its rule, sets the demand beside it and beside
the February 2019 level held flat, and prints per-year and cumulative figures in KRW and
USD, nominal and in constant 2019 prices. Run: ``python examples/seed_analysis.py``.
"""

from __future__ import annotations

import numpy as np

import burden as bd
from burden.typing import PriceBasis


def main() -> None:
    """Print the comparison, step by step."""
    held = bd.agreements.get("SMA-10-HELD")  # status quo: the February 2019 level held flat
    agreed = bd.agreements.get("SMA-11")  # reproduced from its rule, not copied
    demand = bd.agreements.get("US-DEMAND-2019")  # USD 5 bn a year, assumed flat

    print("11th SMA, reproduced from its rule (KRW bn):")
    print((agreed.amounts() / 1e9).round(1).to_string())

    krw_per_usd_2019 = float(bd.money.default_context().rate("KRW", [2019])[0])
    sma10 = float(bd.agreements.get("SMA-10").path().values[0])
    print(
        f"\nThe demand at the 2019 average rate ({krw_per_usd_2019:,.2f} KRW/USD, S66) is "
        f"{5e9 * krw_per_usd_2019 / sma10:.2f} times the February 2019 agreement."
    )

    views: tuple[tuple[str, PriceBasis], ...] = (("KRW", "nominal"), ("USD", 2019))
    for currency, basis in views:
        versus_held = bd.compare(held, demand, currency=currency, price_basis=basis)
        versus_agreed = bd.compare(agreed, demand, currency=currency, price_basis=basis)
        print(f"\n{currency}, {basis}: totals 2020-2025 (bn)")
        print(f"  February 2019 level held: {float(versus_held.total_baseline) / 1e9:10,.1f}")
        print(f"  11th SMA as agreed:       {float(versus_agreed.total_baseline) / 1e9:10,.1f}")
        print(f"  US demand:                {float(versus_held.total_alternative) / 1e9:10,.1f}")

    # Draws: what if the defence budget had grown 2 pp faster each year from 2022?
    faster = bd.Agreement(
        name="SMA-11 faster budget",
        base_year=2021,
        base_amount=agreed.amounts().loc[2021],
        currency="KRW",
        end_year=2025,
        # 4.35%: the mean of the published 2022-25 rates (S7 rounds it to 4.3%)
        escalation=bd.Fixed(np.array([0.0435, 0.0635])),
        rounding=1e8,
    )
    last = faster.path().values[:, -1] / 1e9
    print("\n2025 amount if the budget link had averaged 4.35% or 6.35% a year from 2022:")
    print(f"  4.35% (the mean of the published 2022-25 rates; S7: 4.3%): KRW {last[0]:,.1f} bn")
    print(f"  6.35% (2 points faster):          KRW {last[1]:,.1f} bn")


if __name__ == "__main__":
    main()
