"""The SMA record, 2005-2027, reproduced from the agreements' rules.

Each built-in agreement starts from its first published amount and escalates by its
rule: the 8th and 9th SMAs by CPI of year Y-2 capped at 4% (S15, S14, S22, S23), the
11th by the main defence budget's growth of the year before, rounded to 0.1 point, with
each year's amount rounded to KRW 100 million (S4, S10), the 12th by CPI of Y-2 capped
at 5% (S6, S7). The published amounts (S2, S4, S6, S24) stand beside them; 2023 and 2024
were not found published and are derived from the rule in the data too.

Run: ``python examples/sma_history.py``.
"""

from __future__ import annotations

import pandas as pd

import burden as bd


def reproduced() -> pd.Series:
    """Return every year's amount from the rules, KRW 100 million."""
    parts = [bd.agreements.get(name).amounts() for name in ("SMA-6", "SMA-8", "SMA-9", "SMA-10")]
    parts.append(bd.agreements.get("SMA-11").amounts())
    # 2028-2030 need CPI not yet published; 2026-2027 are determined by published data.
    parts.append(bd.agreements.get("SMA-12").with_projection(0.0).amounts().loc[:2027])
    amounts: pd.Series = pd.concat(parts) / 1e8
    return amounts


def main() -> None:
    """Print the rule-based amounts beside the published record."""
    history = bd.datasets.sma_history().set_index("year")
    record = history.loc[history["currency"] == "KRW"]
    rules = reproduced()
    table = pd.DataFrame(
        {
            "agreement": record["agreement"],
            "published": record["amount"] / 1e8,
            "from the rule": rules,
        }
    )
    table["match"] = (table["published"] == table["from the rule"]).map({True: "yes", False: "-"})
    table.loc[record.index[record["derived"]], "match"] = "derived"
    # First years are the agreements' inputs (base amounts), not results of a rule.
    bases = [
        bd.agreements.get(n).base_year
        for n in ("SMA-6", "SMA-8", "SMA-9", "SMA-10", "SMA-11", "SMA-12")
    ]
    table.loc[bases, "match"] = "base (input)"
    print("Korea's SMA contribution, KRW 100 million (2007 and 2008 follow a 7th-SMA rule")
    print("whose index is not published, so they are not reproduced):")
    print(table.to_string(na_rep="", float_format=lambda v: f"{v:,.0f}"))
    exact = (table["match"] == "yes").sum()
    print(f"\n{exact} escalated amounts reproduced exactly from the rules.")
    print("2027 = 15,192 x (1 + 2025 CPI 2.1%, S25) = 15,511; later years need CPI forecasts:")
    print("use bd.agreements.get('SMA-12').with_projection(rate) and state the rate.")


if __name__ == "__main__":
    main()
