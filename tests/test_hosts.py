"""Hosts as values: built-in hosts from the cited data, user-built hosts, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import burden as bd


def test_builtin_hosts_include_korea_and_japan() -> None:
    assert {"KOR", "JPN"} <= set(bd.hosts.names())
    # domain-facts 13.3: hosts with cited DMDC troop counts.
    assert {"DEU", "ITA", "GBR"} <= set(bd.hosts.names())


def test_korea_holds_every_shipped_series() -> None:
    kor = bd.hosts.get("KOR")
    assert isinstance(kor, bd.Host)
    assert (kor.code, kor.currency) == ("KOR", "KRW")
    assert kor.troops.loc[2019] == 28_500  # stated USFK level, domain-facts 4.1 (S5, S31, S48)
    assert kor.troops_basis == "stated"
    assert kor.defense_budget.loc[2019] == 46.6971e12  # domain-facts 4.2 (S50)
    assert kor.gdp.loc[2025] == 2_663.3e12  # 2020 base, domain-facts 4.3 (S65)
    assert kor.gdp_base_year == 2020
    assert kor.cpi_inflation.loc[2022] == pytest.approx(0.051)  # domain-facts 4.5 (S71, S72)
    assert kor.per_usd.loc[2019] == 1165.8016  # FRED AEXKOUS, domain-facts 4.4 (S66)
    for name in bd.hosts.SERIES:
        assert kor.series(name).dtype == np.float64


def test_japan_has_troops_and_no_invented_series() -> None:
    jpn = bd.hosts.get("JPN")
    assert jpn.currency == "JPY"
    assert jpn.troops.loc[2022] == 54_000  # 2022 press figure, domain-facts 4.1 (S52)
    for missing in ("defense_budget", "gdp", "cpi_inflation", "per_usd"):
        assert jpn.series(missing).empty, missing


def test_dmdc_basis_is_kept_apart_from_the_stated_level() -> None:
    # domain-facts 13.3 (S100): June 2024 DMDC counts; the stated USFK level is ~28,500.
    kor = bd.hosts.get("KOR", troops_basis="dmdc")
    assert kor.troops_basis == "dmdc"
    assert kor.troops.loc[2024] == 23_732
    assert kor.troops.loc[2012] == 27_500  # S102
    assert bd.hosts.get("KOR").troops.loc[2024] == 28_500
    assert bd.hosts.get("DEU").troops.loc[2016] == 34_602  # S101
    assert bd.hosts.get("GBR").troops_basis == "dmdc"


def test_host_series_are_copies() -> None:
    kor = bd.hosts.get("KOR")
    troops = kor.troops
    troops.iloc[0] = 1.0
    assert bd.hosts.get("KOR").troops.loc[2019] == 28_500


def test_a_user_builds_a_host_from_series() -> None:
    host = bd.Host(
        code="XYZ",
        name="Example",
        currency="EUR",
        troops=pd.Series({2024: 1_000.0}),
        troops_basis="dmdc",
    )
    assert host.defense_budget.empty
    assert host.missing_reason("gdp", np.array([2024])) == "XYZ gdp: no series shipped or given"
    replaced = host.replace(gdp=pd.Series({2024: 5e12}))
    assert replaced.gdp.loc[2024] == 5e12


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"code": "kor"}, "Host.code"),
        ({"code": "KOREA"}, "Host.code"),
        ({"name": ""}, "Host.name"),
        ({"currency": "XXX"}, "Host.currency"),
        ({"troops": pd.Series({2020: -1.0})}, "Host.troops"),
        ({"cpi_inflation": pd.Series({2020: 2.0})}, "Host.cpi_inflation"),
        ({"troops_basis": "counted"}, "Host.troops_basis"),
    ],
)
def test_bad_host_input_names_the_field(kwargs: dict[str, object], field: str) -> None:
    base: dict[str, object] = {"code": "XYZ", "name": "Example", "currency": "EUR"}
    with pytest.raises(bd.BurdenError) as info:
        bd.Host(**(base | kwargs))  # type: ignore[arg-type]
    assert info.value.field == field


def test_unknown_host_code_suggests_the_nearest() -> None:
    with pytest.raises(bd.MissingDataError, match=r"did you mean 'KOR'"):
        bd.hosts.get("kor")
    with pytest.raises(bd.MissingDataError, match=r"Agreement\.host"):
        bd.Agreement(
            name="x",
            base_year=2020,
            base_amount=1.0,
            currency="KRW",
            end_year=2020,
            escalation=bd.Freeze(),
            host="ZZZ",
        )


def test_agreements_and_amounts_carry_their_host() -> None:
    sma11 = bd.agreements.get("SMA-11")
    assert isinstance(sma11.host, bd.Host)
    assert sma11.host.code == "KOR"
    assert all(
        bd.agreements.get(n).host.code == "KOR"  # type: ignore[union-attr]
        for n in bd.agreements.names()
        if n.startswith("SMA-")
    )
    path = sma11.path()
    assert path.host is not None
    assert path.host.code == "KOR"
    assert path.to("USD").host is path.host
    jpn = bd.Amounts(values=[1.0], years=[2022], currency="JPY", host="JPN")
    assert jpn.host is not None
    assert jpn.host.code == "JPN"
    # A sum over two hosts is no one host's contribution.
    kor = bd.Amounts(values=[1.0], years=[2022], currency="JPY", host="KOR")
    assert (kor + jpn).host is None
    assert (jpn + jpn).host is jpn.host


def test_the_2025_ask_is_a_position_with_stated_assumptions() -> None:
    # domain-facts 13.2 (S99): "USD 10 billion a year", 8 July 2025; no start or duration.
    ask = bd.agreements.get("US-ASK-2025")
    assert ask.currency == "USD"
    assert ask.source == "S99"
    assert ask.host.code == "KOR"  # type: ignore[union-attr]
    assert ask.amounts().tolist() == [10e9] * 5
    assert (ask.base_year, ask.end_year) == (2026, 2030)
    assert any("start 2026" in a and "assumed" in a for a in ask.assumptions)
    positions = bd.datasets.negotiation_positions()
    row = positions.loc[positions["date"] == "2025-07-08"].iloc[0]
    assert (row["value"], row["source"], row["confidence"]) == (10e9, "S99", "high")


def test_japan_hns_is_a_built_in_with_japan_as_host() -> None:
    # Defense of Japan 2021-2024 (S77): MOD host-nation support budgets, JPY.
    hns = bd.agreements.get("JPN-HNS")
    assert hns.host.code == "JPN"  # type: ignore[union-attr]
    assert hns.amounts().tolist() == [201.7e9, 205.6e9, 211.2e9, 212.4e9]
    ctx = bd.MoneyContext().with_per_usd("JPY", pd.Series({2022: 131.5}))  # user-supplied
    c = bd.compare(bd.agreements.get("SMA-11"), hns, currency="USD", years=[2022], context=ctx)
    # FY2022 JPY 205.6 bn / 131.5 / 54,000 troops in Japan (S52).
    assert c.alternative_indicators.per_service_member[0] == pytest.approx(205.6e9 / 131.5 / 54e3)
    assert any("fiscal year" in a for a in c.assumptions)


def test_missing_reason_lists_only_the_years_actually_missing() -> None:
    # JPN troops are shipped for 2016..2019 and 2022 (stated levels): 2022 is not missing.
    jpn = bd.hosts.get("JPN")
    reason = jpn.missing_reason("troops", np.arange(2021, 2025))
    assert "not published for 2021, 2023..2024" in reason
    assert "2021..2024" not in reason
    c = bd.compare(bd.agreements.get("JPN-HNS"), bd.agreements.get("JPN-HNS"), currency="JPY")
    assert np.isfinite(c.baseline_indicators.per_service_member[c.years == 2022]).all()


def test_host_has_an_html_view_with_money_in_its_currency() -> None:
    html = bd.hosts.get("KOR")._repr_html_()
    assert "Host KOR" in html
    assert "defense_budget (KRW tn)" in html
