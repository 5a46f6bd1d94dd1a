"""How sure can we be? Sensitivity and uncertainty of the 11th SMA in 2019 dollars.

The seed analysis (``seed_analysis.py``) set the US demand of November 2019 (about
USD 5 billion a year, S31, S32) beside the 11th SMA (S4, S10), which is paid in won
and indexed to Korea's defence budget. Expressed in dollars at 2019 prices, the 11th
SMA depends on three things nobody knew in 2019:

- the exchange rate (``krw_per_usd_scale`` multiplies every year's recorded
  annual-average KRW/USD rate; 1.1 = a won 10% weaker);
- Korean inflation (``inflation_shift`` is added to every year's recorded rate);
- defence-budget growth, which drives the 2022-2025 increases
  (``baseline.index_shift[2022]`` is added to every year's growth rate).

The ranges below are ASSUMPTIONS chosen for illustration, not data: the won within
+-10% of its recorded path, inflation within +-1 percentage point (pp) a year, budget
growth within +-2 pp a year, each uniform and independent. Change them and rerun.

The script prints a tornado, Sobol' indices with 95% intervals, Monte Carlo
percentile bands per year (fan-chart data), and a break-even: the constant yearly
escalation from the 2019 level (KRW 1.0389 trillion, S1) at which 2020-2025 payments
would have matched the demand in dollars. Seeded; runs in a few seconds:
``python examples/seed_sensitivity.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

import burden as bd
import burden.sensitivity as bs

if TYPE_CHECKING:
    from collections.abc import Mapping

    from burden.typing import FloatArray

SEED = 2019
YEARS = range(2020, 2026)
DEMAND_USD = 5e9  # a year (S31, S32)
SMA10_2019_KRW = 1.0389e12  # 10th SMA, 2019 (S1)

# Assumed ranges (not data): see the module docstring.
SPACE = bs.ParameterSpace(
    [
        bs.Parameter("krw_per_usd_scale", (0.9, 1.1), nominal=1.0),
        bs.Parameter("inflation_shift", (-0.01, 0.01), nominal=0.0),
        bs.Parameter("baseline.index_shift[2022]", (-0.02, 0.02), nominal=0.0),
    ]
)


def sma11_in_2019_dollars() -> bd.models.ComparisonModel:
    """SMA-11 beside the US demand, in USD at 2019 prices; outputs are the SMA-11 side."""
    return bd.models.comparison_model(
        bd.agreements.get("SMA-11"),
        bd.agreements.get("US-DEMAND-2019"),
        currency="USD",
        price_basis=2019,
        measure="baseline",
        # The host perspective: deflate with Korean CPI, convert at the 2019 rate, so
        # that `inflation_shift` moves Korean inflation (the closed forms in the tests).
        context=bd.MoneyContext(deflate_with="KRW"),
    )


def fixed_rate_agreement() -> bd.Agreement:
    """Escalate the 2019 level by one constant rate a year (no rounding: a clean root)."""
    return bd.Agreement(
        name="2019 level, constant escalation",
        base_year=2019,
        base_amount=SMA10_2019_KRW,
        currency="KRW",
        end_year=2025,
        escalation=bd.Fixed(0.05),  # nominal rate; the threshold search moves it
        rounding=None,
    )


def main() -> None:
    """Run the four analyses and print them."""
    model = sma11_in_2019_dollars()
    total = "total baseline"
    bn = 1e9

    print("Assumed input ranges (uniform, independent; assumptions, not data):")
    for p in SPACE.parameters:
        low, high = p.bounds()
        print(f"  {p.name:<28} {low:+.3f} .. {high:+.3f}")

    # 1. Tornado: one input at a time, the others at their nominal values.
    torn = bs.tornado(model, SPACE)
    j = torn.output_names.index(total)
    print(
        f"\n1. Tornado, SMA-11 total 2020-2025 (USD bn, 2019 prices), all nominal: "
        f"{torn.base[j] / bn:.6f}"
    )
    print(f"  {'input':<28} {'low':>7} {'high':>7} {'output@low':>11} {'output@high':>12}")
    for i in torn.order[:, j]:
        print(
            f"  {torn.input_names[i]:<28} {torn.input_low[i]:>7.3f} {torn.input_high[i]:>7.3f} "
            f"{torn.output_low[i, j] / bn:>11.6f} {torn.output_high[i, j] / bn:>12.6f}"
        )

    # 2. Sobol' indices: shares of the output variance, with 95% intervals from 8
    #    independent randomisations of the scrambled Sobol' design (docs/performance.md).
    sob = bs.sobol(model, SPACE, n=2**12, rng=SEED)
    m = sob.output_names.index(total)
    print("\n2. Sobol' indices of the total (95% intervals, 8 replicates):")
    print(f"  {'input':<28} {'first order':>24} {'total order':>24}")
    for i, name in enumerate(sob.names):
        s1, st = sob.first_order[m, i], sob.total_order[m, i]
        l1, h1 = sob.first_order_ci[0][m, i], sob.first_order_ci[1][m, i]
        lt, ht = sob.total_order_ci[0][m, i], sob.total_order_ci[1][m, i]
        print(f"  {name:<28} {s1:6.3f} [{l1:6.3f}, {h1:6.3f}]   {st:6.3f} [{lt:6.3f}, {ht:6.3f}]")

    # 3. Monte Carlo: percentile bands per year (the data of a fan chart).
    mc = bs.monte_carlo(model, SPACE, n=2**14, rng=SEED)
    levels = (0.05, 0.25, 0.5, 0.75, 0.95)
    q = mc.quantiles(levels) / bn
    print("\n3. Monte Carlo percentiles per year (USD bn, 2019 prices), 16,384 Sobol' draws:")
    print("  year  " + "".join(f"{f'p{100 * v:g}':>9}" for v in levels))
    for label in mc.output_names:
        col = mc.output_names.index(label)
        year = label.split()[-1] if label[-4:].isdigit() else "total"
        print(f"  {year:<5} " + "".join(f"{v:9.4f}" for v in q[:, col]))

    # 4. Threshold: the constant escalation rate at which 2020-2025 payments, converted
    # at each year's recorded rate, add up to the demand (USD 5 bn a year, six years).
    fixed = bd.models.agreement_model(fixed_rate_agreement(), currency="USD")

    def six_years_usd(params: Mapping[str, FloatArray]) -> FloatArray:
        out = fixed(params)
        return np.asarray(sum(out[str(y)] for y in YEARS), dtype=np.float64)

    rate_space = bs.ParameterSpace([bs.Parameter("rate[2020]", (0.0, 1.0))])
    target = DEMAND_USD * len(YEARS)
    res = bs.threshold(six_years_usd, rate_space, "rate[2020]", [target])
    rate = float(res.values[0, 0])
    print(
        f"\n4. Break-even: from KRW {SMA10_2019_KRW / 1e12:.4f} tn in 2019, a constant escalation "
        f"of {rate:.6%} a year makes 2020-2025 payments total USD {target / bn:.0f} bn."
    )


if __name__ == "__main__":
    main()
