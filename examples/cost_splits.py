"""Who pays which part of the costs of US forces in Korea (and Japan).

1. GAO-21-270 (S48) reports, for 2016-2019, DoD obligations for the US presence and
   the host's direct support. Their ratio is a GAO-style cost-sharing ratio: about 43%
   for Korea and 60% for Japan (computed here; GAO does not state the ratios).
2. The SMA money of 2019 (KRW 1,038.9 bn, S1) split into labour, construction and
   logistics (DWP 2020, S3), and the 2021 envelope under the 11th SMA (S4).
3. The US 2019 demand (USD 5 bn a year, S31) set against the Pentagon's FY2020 estimate of
   the costs of US forces in Korea (USD 4.46 bn for military personnel, O&M and family
   housing, S35). How that estimate splits by category is NOT in our sources: the split
   below is an ASSUMPTION, printed as such, and the results depend on it.

Run: ``python examples/cost_splits.py``.
"""

from __future__ import annotations

import numpy as np

import burden as bd


def gao_ratios() -> None:
    """Print GAO-style cost-sharing ratios from the shipped GAO-21-270 figures."""
    gao = bd.datasets.gao_21_270().pivot_table(index="country", columns="item", values="value")
    ratio = bd.cost_sharing_ratio(
        gao["host_direct_support"].to_numpy(), gao["dod_obligations"].to_numpy(), definition="gao"
    )
    print("GAO-style ratio, host direct support / DoD obligations, 2016-2019 (S48):")
    for country, value in zip(gao.index, ratio, strict=True):
        support = gao.loc[country, "host_direct_support"] / 1e9
        obligations = gao.loc[country, "dod_obligations"] / 1e9
        print(f"  {country}: USD {support:.1f} bn / USD {obligations:.1f} bn = {value:.0%}")


def sma_categories() -> None:
    """Split the 2019 and 2021 SMA envelopes over their categories."""
    cats = bd.datasets.sma_categories()
    for year, agreement in ((2019, "SMA-10"), (2021, "SMA-11")):
        row = cats[cats["year"] == year].set_index("category")["amount"]
        pool = bd.CostPool(
            {c: [row[c]] for c in bd.costs.SMA_CATEGORIES}, currency="KRW", years=[year]
        )
        split = bd.split_costs(pool, envelope=bd.agreements.get(agreement))
        parts = ", ".join(
            f"{c} {h / 1e9:,.1f}" for c, h in zip(pool.categories, split.host[0], strict=True)
        )
        print(f"  {year} ({agreement}), KRW bn: {parts}; total {split.host[0].sum() / 1e9:,.1f}")


def demand_against_costs() -> None:
    """Split the demand over an assumed category split of the FY2020 cost estimate."""
    estimate = 4.46e9  # USD, FY2020, military personnel + O&M + family housing (S35)
    # ASSUMPTION (not sourced): the shares of the three categories in the estimate.
    # Three assumed splits bracket the answer; only military personnel matters for the
    # DoD-style ratio, which excludes it.
    assumed_personnel_share = np.array([0.4, 0.5, 0.6])
    housing_share = 0.05  # ASSUMPTION
    personnel = assumed_personnel_share * estimate
    housing = np.full(3, housing_share * estimate)
    om = estimate - personnel - housing
    pool = bd.CostPool(
        {
            "military_personnel": personnel[:, None],
            "operation_maintenance": om[:, None],
            "family_housing": housing[:, None],
        },
        currency="USD",
        years=[2020],
    )
    demand = bd.agreements.get("US-DEMAND-2019")
    # Host money does not pay US military salaries: cap that category at 0 (an assumption
    # about what the demand could fund, stated here).
    no_pay = {"military_personnel": 0.0}
    print("\nThe US demand (USD 5 bn, S31) against the FY2020 cost estimate (USD 4.46 bn, S35),")
    print("  assuming host money cannot pay US military salaries (cap 0 on that category):")
    split = bd.split_costs(pool, envelope=demand, caps=no_pay)
    for share, excess in zip(assumed_personnel_share, split.excess[:, 0], strict=True):
        print(
            f"    assumed personnel share {share:.0%}: USD {excess / 1e9:.2f} bn of the demand"
            " exceeds every non-personnel cost (reported as excess)"
        )
    sma11 = bd.agreements.get("SMA-11").path().to("USD")
    print("  The 11th SMA's 2020 amount instead (KRW 1,038.9 bn = USD 0.88 bn at 2020 rates),")
    print("  by claims rule; USD bn for O&M / family housing, ASSUMED 50% personnel share:")
    for rule in ("proportional", "cea", "cel"):
        host = bd.split_costs(pool, envelope=sma11, rule=rule, caps=no_pay).host[1, 0] / 1e9
        print(f"    {rule:<12} {host[1]:.2f} / {host[2]:.2f}")
    ratios = bd.split_costs(pool, envelope=sma11, caps=no_pay).cost_sharing_ratio()[:, 0]
    # The host's money pays part of the pool: the US pays the rest, so host + US
    # non-personnel payments = the non-personnel costs of the estimate.
    print("  DoD-style ratio, host support / (host support + what the US still pays of the")
    print("  non-personnel costs) = host support / the estimate's non-personnel costs:")
    for share, ratio in zip(assumed_personnel_share, ratios, strict=True):
        print(f"    assumed personnel share {share:.0%}: {ratio:.0%} (SMA money only)")


def main() -> None:
    """Run the three parts."""
    gao_ratios()
    print("\nSMA money by category (DWP 2020 Chart 6-2, S3; DWP 2022 Appendix 16, S4):")
    sma_categories()
    demand_against_costs()


if __name__ == "__main__":
    main()
