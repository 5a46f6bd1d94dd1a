"""The shipped datasets: provenance on every row, internal consistency, loader contract."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import burden as bd
from burden import datasets

SHIPPED = [n for n in datasets.names() if n != "korea_macro"]  # korea_macro is a wide view


@pytest.mark.parametrize("name", SHIPPED)
def test_every_row_cites_known_sources_with_a_confidence(name: str) -> None:
    frame = datasets.load(name)
    known = set(datasets.sources().index)
    assert len(frame) > 0
    for cell in frame["source"]:
        ids = [s for s in cell.split(";") if s]
        assert ids, f"{name}: a row without a source"
        assert set(ids) <= known, f"{name}: unknown source ids {set(ids) - known}"
    assert set(frame["confidence"]) <= set(datasets.CONFIDENCE_LEVELS)


@pytest.mark.parametrize("name", SHIPPED)
def test_loaders_return_fresh_copies(name: str) -> None:
    first = datasets.load(name)
    first.iloc[:, 0] = first.iloc[:, 0].iloc[0]
    assert not datasets.load(name).equals(first) or len(first) == 1


def test_sma_history_units_and_denomination() -> None:
    # domain-facts 1.2: USD until 2004, KRW from 2005 (S2); whole currency units.
    hist = datasets.sma_history().set_index("year")
    assert list(hist.index) == list(range(1991, 2027))
    assert set(hist.loc[:2004, "currency"]) == {"USD"}
    assert set(hist.loc[2005:, "currency"]) == {"KRW"}
    assert hist.loc[1991, "amount"] == 150e6  # USD 150 million (S2, S19)
    assert hist.loc[2019, "amount"] == 1.0389e12  # KRW 1.0389 trillion (S1)
    assert hist["amount"].dtype == np.float64


def test_derived_rows_are_flagged_and_not_high_confidence() -> None:
    # 2023 and 2024 11th-SMA totals are derived from the rule (domain-facts 1.3).
    hist = datasets.sma_history().set_index("year")
    assert hist.loc[[2023, 2024], "derived"].all()
    assert (hist.loc[[2023, 2024], "confidence"] == "medium").all()
    assert not hist.drop(index=[2023, 2024])["derived"].any()


def test_category_splits_add_up_to_the_published_totals() -> None:
    # domain-facts 3 / 10.6: 500.5 + 371.0 + 167.4 = 1,038.9; 559.8 + 436.8 + 186.7 = 1,183.3.
    cats = datasets.sma_categories().groupby("year")["amount"].sum()
    hist = datasets.sma_history().set_index("year")["amount"]
    for year in (2019, 2021):
        assert cats.loc[year] == pytest.approx(hist.loc[year], rel=1e-12)


def test_korea_macro_contract() -> None:
    macro = bd.datasets.korea_macro()
    assert list(macro.columns) == ["cpi_inflation", "defense_budget", "gdp", "krw_per_usd"]
    assert (macro.dtypes == np.float64).all()
    assert (np.diff(macro.index.to_numpy()) == 1).all()
    assert macro.loc[2025, "cpi_inflation"] == 0.021  # S25
    assert macro.loc[2020, "defense_budget"] == 50.1527e12  # S53
    assert macro.loc[2019, "krw_per_usd"] == 1165.8016  # S66


def test_gdp_vintages_are_never_mixed() -> None:
    # The June 2024 base-year revision raised levels 5-7% (S62): 2020 is 1,941 (old) vs 2,058.
    new = datasets.korea_macro(gdp_base_year=2020)["gdp"]
    old = datasets.korea_macro(gdp_base_year=2015)["gdp"]
    assert new.loc[2020] == 2058e12
    assert old.loc[2020] == 1941e12
    assert np.isnan(new.loc[2019])  # not published on the 2020 base
    assert np.isnan(old.loc[2025])
    assert new.attrs["gdp_base_year"] == 2020


def test_unknown_names_raise_lookup_errors() -> None:
    with pytest.raises(bd.MissingDataError, match="did you mean 'sma_history'"):
        datasets.load("sma_histroy")
    with pytest.raises(bd.MissingDataError, match="did you mean 'SMA-11'"):
        bd.agreements.get("sma-11")
    with pytest.raises(LookupError, match="gdp_base_year"):
        datasets.korea_macro(gdp_base_year=2010)


def test_cited_sources_come_in_natural_order() -> None:
    frame = pd.DataFrame({"source": ["S10;S2", "S10b;S1"]})
    assert list(datasets.cited_sources(frame).index) == ["S1", "S2", "S10", "S10b"]


def test_korea_macro_view_loads_by_name() -> None:
    view = datasets.load("korea_macro")
    assert view.loc[view["year"] == 2019, "krw_per_usd"].item() == 1165.8016  # S66


# --- Issue 10 data and the data audit ---------------------------------------------------


def test_troop_rows_spread_from_one_snapshot_are_derived_and_bases_kept_apart() -> None:
    troops = datasets.us_troops()
    assert {"basis", "derived"} <= set(troops.columns)
    assert set(troops["basis"]) == {"stated", "dmdc"}
    assert not troops.duplicated(["country", "year", "basis"]).any()
    kor = troops.loc[(troops["country"] == "KOR") & (troops["basis"] == "stated")].set_index(
        "year"
    )
    # GAO-21-270 (S48) gives one "about 28,500" for 2016-2019; S5/S11 are 2021 reports.
    assert kor.loc[[2016, 2017, 2018, 2022, 2025], "derived"].all()
    assert not kor.loc[[2019, 2021], "derived"].any()
    dmdc = troops.loc[troops["basis"] == "dmdc"].set_index(["country", "year"])["troops"]
    # domain-facts 13.3: June 2024 (S100), 2016 (S101), 30 Sep 2012 (S102).
    assert dmdc.loc[("JPN", 2024)] == 52_852
    assert dmdc.loc[("KOR", 2016)] == 24_189
    assert dmdc.loc[("GBR", 2012)] == 9_317
    assert not troops.loc[troops["basis"] == "dmdc", "derived"].any()


def test_derived_sma_rows_cite_the_budgets_they_come_from() -> None:
    # 2023 = 2022 x (1 + 2022 budget growth over 2021): budgets S53 (2021) and S54 (2022);
    # 2024 = 2023 x (1 + 2023 growth): S54 (2022) and S55 (2023). domain-facts 4.2.
    hist = datasets.sma_history().set_index("year")["source"]
    cited = {year: set(str(hist.loc[year]).split(";")) for year in (2023, 2024)}
    assert {"S53", "S54"} <= cited[2023]
    assert "S55" not in cited[2023]
    assert {"S54", "S55"} <= cited[2024]
    assert "S56" not in cited[2024]


def test_s66_location_is_its_url() -> None:
    assert (
        datasets.sources().loc["S66", "location"] == "https://fred.stlouisfed.org/series/AEXKOUS"
    )


def test_korea_gdp_has_unit_derived_and_the_2022_old_base() -> None:
    gdp = datasets.korea_gdp()
    assert {"unit", "derived"} <= set(gdp.columns)
    assert set(gdp["unit"]) == {"KRW"}
    assert gdp["derived"].dtype == bool
    old_2022 = gdp.loc[(gdp["year"] == 2022) & (gdp["base_year"] == 2015)].iloc[0]
    assert (old_2022["value"], old_2022["source"]) == (2161.8e12, "S94")  # domain-facts 13.2
    # The two vintages never mix: the 2020-base view has no 2022 figure.
    gdp_2020_base = datasets.korea_macro()["gdp"]
    assert gdp_2020_base.isna().loc[2022]
    assert datasets.korea_macro(gdp_base_year=2015).loc[2022, "gdp"] == 2161.8e12


def test_korea_defence_share_of_gdp_2025() -> None:
    series = datasets.korea_series()
    row = series.loc[series["series"] == "defense_share_of_gdp"].iloc[0]
    assert (row["year"], row["value"], row["source"]) == (2025, 0.0232, "S96")


def test_korea_macro_view_names_its_sources() -> None:
    macro = datasets.korea_macro()
    assert "S66" in macro.attrs["source"]["krw_per_usd"]
    assert "S65" in macro.attrs["source"]["gdp"]


def test_nato_shares_as_listed() -> None:
    funding = datasets.nato_common_funding()
    new = funding.loc[(funding["first_year"] == 2021) & (funding["budget"] == "common funding")]
    # domain-facts 13.4: 16.35% for the US and Germany, two agency reports (S85, S106): high.
    assert set(new["member"]) == {"USA", "DEU"}
    assert (new["share"] == 0.1635).all()
    assert (new["confidence"] == "high").all()
    nsip = funding.loc[funding["budget"] == "NSIP"].iloc[0]
    assert nsip["confidence"] == "medium"  # domain-facts 8 (S86)
    spending = datasets.nato_defense_spending()
    share = spending.loc[spending["item"] == "share_of_gdp"].set_index(["year", "member"])["value"]
    assert share.loc[(2024, "POL")] == pytest.approx(0.0412)  # S103
    assert share.loc[(2025, "NATO")] == pytest.approx(0.0276)  # S104
    assert share.loc[(2023, "LUX")] == pytest.approx(0.0101)  # S105
    assert len(share.loc[2023]) == 30
