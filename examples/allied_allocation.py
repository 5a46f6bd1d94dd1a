"""Sharing among allies and among needs: targets, common funding, claims rules and games.

1. Korea against NATO-style spending targets: main defence budget over GDP (2020-base
   GDP, S62-S65) against the 2% guideline of 2014 (S87) and The Hague 2025 commitment of
   3.5% core spending by 2035 (S89), and the money missing to reach them.
2. A NATO-style capped cost-share formula. The 2016-17 common-funding shares of the US,
   Germany, France and the UK (S84) serve as a PROXY for the GNI key (an assumption: the
   key itself is not in our sources), with "others" taking the rest. Capping the US at
   16.35% (its 2021-24 share, S85) shows where the capped excess goes.
3. A short budget against competing needs. Suppose the 2020 SMA money (frozen at KRW
   1,038.9 bn, S4) had to cover the 2021 needs by category (labour 559.8, construction
   436.8, logistics 186.7 KRW bn, S4) - a hypothetical framing of sourced figures. Claims
   rules and the bankruptcy game split the shortfall differently; the nucleolus of the
   game equals the Talmud rule and its Shapley value the random-arrival rule.

Run: ``python examples/allied_allocation.py``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import burden as bd


def korea_targets() -> None:
    """Print Korea's defence spending against the 2% and 3.5% targets."""
    macro = bd.datasets.korea_macro().loc[[2020, 2023, 2024, 2025]]
    spend, gdp = macro["defense_budget"].to_numpy(), macro["gdp"].to_numpy()
    share = bd.measures.spending_share(spend, gdp)
    hague = bd.measures.target("hague_2025_core")
    gap = bd.measures.target_gap(spend, gdp, share_of_gdp=hague)
    print("Korea: main defence budget / GDP (2020-base GDP), and the gap to 3.5% (KRW tn):")
    for year, s, g in zip(macro.index, share, gap, strict=True):
        print(f"  {year}: {s:.2%}   gap to 3.5%: {g / 1e12:5.1f}")
    print(
        "  (2025: S96 put it at 2.32% in June 2025, before the Bank of Korea's preliminary"
        " 2025 GDP of March 2026, S65, used here)"
    )


def capped_common_funding() -> None:
    """Print proxy common-funding shares with and without a cap on the first member."""
    funding = bd.datasets.nato_common_funding()
    key = funding[(funding["first_year"] == 2016) & (funding["budget"] == "common funding")]
    members = [*key["member"], "others"]
    weights = np.append(key["share"].to_numpy(), 1.0 - key["share"].sum())
    caps = np.full(weights.size, np.inf)
    caps[members.index("USA")] = 0.1635  # 2021-24 US share (S85)
    shares = pd.DataFrame(
        {
            "proxy key (2016-17 shares, S84)": weights,
            "US capped at 16.35%": bd.measures.common_funding_shares(weights, caps=caps),
        },
        index=members,
    )
    print("\nCommon-funding shares, proxy key, %:")
    print((100 * shares).round(2).to_string())
    cut = 100 * (weights[0] - 0.1635)
    print(f"  The capped {cut:.2f} points are spread over the others in proportion to their key;")
    print("  Germany's reported 2021-24 rise to 16.35% (S85) came from a changed formula, not")
    print("  from this redistribution alone.")


def short_budget() -> None:
    """Split a short budget over category needs by claims rules and game solutions."""
    cats = bd.datasets.sma_categories()
    needs = cats[cats["year"] == 2021].set_index("category")["amount"]
    budget = float(bd.agreements.get("SMA-11").amounts().loc[2020])
    claims = needs.to_numpy()
    game = bd.TUGame.bankruptcy(budget, claims, players=list(needs.index))
    table = pd.DataFrame(
        {
            "need": claims,
            "proportional": bd.claims.proportional(budget, claims),
            "equal awards (CEA)": bd.claims.cea(budget, claims),
            "equal losses (CEL)": bd.claims.cel(budget, claims),
            "Talmud": bd.claims.talmud(budget, claims),
            "nucleolus": game.nucleolus().allocation,
            "random arrival": bd.claims.random_arrival(budget, claims),
            "Shapley": game.shapley(),
        },
        index=needs.index,
    )
    print(
        f"\nKRW {budget / 1e9:,.1f} bn against KRW {claims.sum() / 1e9:,.1f} bn of needs (KRW bn):"
    )
    print((table / 1e9).round(1).to_string())
    cut = 1 - budget / claims.sum()
    print("  CEA protects the smallest need (logistics is paid in full); CEL spreads the")
    print(f"  shortfall equally; proportional cuts every need by the same {cut:.1%}. The")
    print("  nucleolus equals the Talmud rule and the Shapley value equals random arrival")
    print("  (Aumann and Maschler 1985; O'Neill 1982). Here the shortfall is small (each")
    print("  need's equal loss is under half the smallest need), so all four coincide with CEL.")


def main() -> None:
    """Run the three parts."""
    korea_targets()
    capped_common_funding()
    short_budget()


if __name__ == "__main__":
    main()
