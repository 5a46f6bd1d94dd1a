"""compare(): the seed comparison and its indicators."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import burden as bd


def test_demand_against_the_february_2019_level() -> None:
    c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("US-DEMAND-2019"))
    assert c.years.tolist() == list(range(2020, 2026))
    # 2020: USD 5 bn x 1,180.5554 KRW/USD (S66) over KRW 1.0389 tn (S1).
    assert c.ratio[0] == pytest.approx(5e9 * 1180.5554 / 1.0389e12, rel=1e-12)
    np.testing.assert_allclose(c.difference, c.alternative.values - c.baseline.values)
    assert c.total_ratio == pytest.approx(c.alternative.values.sum() / c.baseline.values.sum())


def test_indicators_are_amount_over_the_cited_denominators() -> None:
    c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"), currency="USD")
    # 2021: KRW 1,183.3 bn over the 2021 main budget KRW 52.8401 tn (S53) = 2.239%.
    share = c.alternative_indicators.share_of_defense_budget
    assert share[1] == pytest.approx(1183.3e9 / 52.8401e12, rel=1e-12)
    # Per service member in the comparison currency: USD value / 28,500 (S5).
    per = c.alternative_indicators.per_service_member
    assert per[1] == pytest.approx(1183.3e9 / 1144.8911 / 28_500, rel=1e-12)
    # GDP on the 2020 base is published for 2020 (KRW 2,058 tn, S62) but not 2021.
    gdp_share = c.baseline_indicators.share_of_gdp
    assert gdp_share[0] == pytest.approx(1038.9e9 / 2058e12)
    assert np.isnan(gdp_share[1])


def test_indicators_do_not_depend_on_the_display_currency() -> None:
    args = (bd.agreements.get("SMA-11"), bd.agreements.get("US-DEMAND-2019"))
    krw = bd.compare(*args, currency="KRW")
    usd = bd.compare(*args, currency="USD", price_basis=2019)
    np.testing.assert_allclose(
        krw.alternative_indicators.share_of_defense_budget,
        usd.alternative_indicators.share_of_defense_budget,
    )
    np.testing.assert_allclose(krw.ratio, usd.ratio)  # a ratio of same-year amounts


@given(rates=st.lists(st.floats(min_value=-0.1, max_value=0.3), min_size=1, max_size=5))
def test_draws_broadcast_and_equal_per_draw_results(rates: list[float]) -> None:
    r = np.array(rates)
    batch = bd.Agreement(
        name="alt",
        base_year=2020,
        base_amount=1.0389e12,
        currency="KRW",
        end_year=2025,
        escalation=bd.Fixed(r),
        rounding=1e8,
    )
    held = bd.agreements.get("SMA-10-HELD")
    c = bd.compare(held, batch, currency="USD", price_basis=2019)
    assert c.ratio.shape == (r.size, 6)
    for i, rate in enumerate(r):
        one = bd.Agreement(
            name="alt",
            base_year=2020,
            base_amount=1.0389e12,
            currency="KRW",
            end_year=2025,
            escalation=bd.Fixed(rate),
            rounding=1e8,
        )
        single = bd.compare(held, one, currency="USD", price_basis=2019)
        np.testing.assert_array_equal(c.ratio[i], single.ratio)
        assert c.total_difference[i] == single.total_difference


def test_to_frame_is_tidy() -> None:
    c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))
    frame = c.to_frame()
    assert list(frame.columns) == [
        "year",
        "scenario",
        "measure",
        "value",
        "unit",
        "projected",
        "note",
    ]
    assert not frame["projected"].any()  # 2020-2025: all published
    assert frame["value"].dtype == np.float64
    assert not frame.duplicated(["year", "scenario", "measure"]).any()
    # 2 scenarios x 5 measures + 4 comparison measures, for 6 years.
    assert len(frame) == (2 * 5 + 4) * 6
    amount = frame.query("scenario == 'SMA-11' and measure == 'amount' and year == 2025")
    assert amount["value"].item() == 1402.8e9
    table = c.table()
    assert table.loc["total", "SMA-11"] == pytest.approx(c.alternative.values.sum())
    assert "SMA-11" in c._repr_html_()


def test_explicit_years_and_bad_years() -> None:
    args = (bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))
    assert bd.compare(*args, years=[2021, 2022]).years.tolist() == [2021, 2022]
    with pytest.raises(bd.InvalidInputError, match="years"):
        bd.compare(*args, years=[2019])
    with pytest.raises(bd.InvalidInputError, match=r"alternative\.years"):
        bd.compare(bd.agreements.get("SMA-8"), bd.agreements.get("SMA-11"))
    with pytest.raises(bd.InvalidInputError, match="baseline"):
        bd.compare("SMA-11", args[1])  # type: ignore[arg-type]


def test_user_denominators() -> None:
    c = bd.compare(
        bd.agreements.get("SMA-10-HELD"),
        bd.agreements.get("SMA-11"),
        troops=pd.Series(dict.fromkeys(range(2020, 2026), 1000.0)),
    )
    assert c.baseline_indicators.per_service_member[0] == pytest.approx(1038.9e9 / 1000)


def test_only_the_years_asked_for_are_computed() -> None:
    # SMA-12 escalates 2028-30 by CPI not yet published; 2026-27 are known (S6, S25).
    sma12 = bd.agreements.get("SMA-12")
    flat = bd.Agreement(
        name="flat",
        base_year=2026,
        base_amount=15192e8,
        currency="KRW",
        end_year=2030,
        escalation=bd.Freeze(),
    )
    c = bd.compare(flat, sma12, years=[2026, 2027])
    assert (c.alternative.values / 1e8).tolist() == [15192.0, 15511.0]
    with pytest.raises(bd.MissingDataError, match="projection"):
        bd.compare(flat, sma12)


# --- Each scenario's own host, the two perspectives, projections, present value -------


def _japan_hns_2022() -> bd.Amounts:
    # FY2022-FY2026 SMA: JPY 1,055.1 bn over five years, about JPY 211 bn a year
    # (domain-facts 7, S80, S78); a flat average, not a budget line.
    return bd.Amounts(
        values=[1055.1e9 / 5], years=[2022], currency="JPY", host="JPN", label="JPN-HNS"
    )


def test_japan_per_service_member_uses_japans_troops() -> None:
    # 131.5 JPY/USD is user-supplied (no yen rate is shipped, domain-facts 13.5);
    # 54,000 US troops in Japan in 2022 (domain-facts 4.1, S52).
    ctx = bd.MoneyContext().with_per_usd("JPY", pd.Series({2022: 131.5}))
    c = bd.compare(
        bd.agreements.get("SMA-11"), _japan_hns_2022(), currency="USD", years=[2022], context=ctx
    )
    japan = c.alternative_indicators.per_service_member[0]
    assert japan == pytest.approx(1055.1e9 / 5 / 131.5 / 54_000, rel=1e-12)
    assert round(japan, -2) == 29_700
    # Korea: KRW 1,247.2 bn (S24) / 1,291.7796 KRW/USD (S66) / 28,500 (S5, S11).
    korea = c.baseline_indicators.per_service_member[0]
    assert korea == pytest.approx(1247.2e9 / 1291.7796 / 28_500, rel=1e-12)
    assert round(korea) == 33_877
    assert japan < korea
    assert c.alternative_indicators.host.code == "JPN"  # type: ignore[union-attr]
    # Japan has no shipped defence budget or GDP: missing with the reason, not Korea's.
    assert np.isnan(c.alternative_indicators.share_of_defense_budget).all()
    assert "JPN defense_budget" in c.alternative_indicators.notes["share_of_defense_budget"]
    assert np.isnan(c.troops).all()  # no one host's series for the pair


def test_a_scenario_without_a_host_has_no_indicators() -> None:
    bare = bd.Amounts(values=[5e9] * 6, years=list(range(2020, 2026)), currency="USD", label="x")
    c = bd.compare(bd.agreements.get("SMA-10-HELD"), bare, currency="USD")
    ind = c.alternative_indicators
    assert ind.host is None
    for name in ("share_of_defense_budget", "share_of_gdp", "per_service_member"):
        assert np.isnan(getattr(ind, name)).all()
        assert "no host" in ind.notes[name]
    assert np.isfinite(c.baseline_indicators.per_service_member).all()


def test_constant_2019_usd_uses_us_cpi_u_and_host_perspective_is_one_keyword_away() -> None:
    # domain-facts 13.1: flat USD 5 bn a year 2020-2025 = USD 26.27 bn at 2019 US prices.
    demand = bd.agreements.get("US-DEMAND-2019")
    held = bd.agreements.get("SMA-10-HELD")
    c = bd.compare(held, demand, currency="USD", price_basis=2019)
    assert round(float(c.total_alternative) / 1e9, 2) == 26.27
    assert "US CPI-U" in c.title
    host = bd.compare(held, demand, currency="USD", price_basis=2019, deflate_with="host")
    # Today's figures: Korean CPI, converted at the 2019 rate (S66, S71, S72).
    ctx = bd.MoneyContext()
    years = np.arange(2020, 2026)
    level = ctx.price_level(years, "KRW") / ctx.price_level([2019], "KRW")
    expected = 5e9 * ctx.rate("KRW", years) / level / ctx.rate("KRW", [2019])
    np.testing.assert_allclose(host.alternative.values, expected, rtol=1e-12)
    assert round(float(host.total_alternative) / 1e9, 1) == 30.2
    assert "Korean CPI, converted at the 2019 rate" in host.title
    with pytest.raises(bd.InvalidInputError) as info:
        bd.compare(held, demand, deflate_with="sender")  # type: ignore[arg-type]
    assert info.value.field == "deflate_with"


def test_sma12_in_usd_with_stated_projections_flags_projected_years() -> None:
    ctx = bd.MoneyContext().with_projection(per_usd={"KRW": 1400.0}, inflation={"USD": 0.025})
    c = bd.compare(
        bd.agreements.get("US-ASK-2025"),
        bd.agreements.get("SMA-12").with_projection(0.02),
        currency="USD",
        price_basis=2019,
        context=ctx,
    )
    assert c.years.tolist() == list(range(2026, 2031))
    assert c.projected.all()
    assert "KRW per USD 1,400 from 2026" in c.assumptions
    assert any("index rate 2.0% assumed" in a for a in c.assumptions)
    assert any("start 2026" in a for a in c.assumptions)  # the 2025 ask's stated terms
    frame = c.to_frame()
    assert frame["projected"].all()
    # 2026 is published in KRW (1,519.2 bn, S6); in USD it uses the assumed 1,400 KRW/USD
    # and US CPI-U 2026 = 321.943 x 1.025 (S92, S93).
    usd_2026 = 1519.2e9 / 1400.0 * 255.657 / (321.943 * 1.025)
    assert c.alternative.values[0] == pytest.approx(usd_2026, rel=1e-12)


def test_published_years_are_not_flagged() -> None:
    ctx = bd.MoneyContext().with_projection(per_usd={"KRW": 1400.0})
    c = bd.compare(
        bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"), currency="USD", context=ctx
    )
    assert not c.projected.any()
    assert c.assumptions == ()


def test_present_value_of_each_scenario_and_the_difference() -> None:
    held, sma11 = bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11")
    c = bd.compare(held, sma11, discount_rate=0.03, discount_year=2020)
    pv = c.present_value()
    by_hand = sum(
        v / 1.03 ** (y - 2020) for y, v in zip(c.years, c.alternative.values, strict=True)
    )
    assert float(pv["alternative"]) == pytest.approx(by_hand, rel=1e-14)
    assert float(pv["difference"]) == pytest.approx(float(pv["alternative"] - pv["baseline"]))
    frame = c.to_frame()
    rows = frame.loc[frame["measure"] == "present_value"]
    assert len(rows) == 3
    assert set(rows["year"]) == {2020}
    assert "present value 2020" in c.table().index
    with pytest.raises(bd.InvalidInputError, match=r"did you mean 0\.03"):
        bd.compare(held, sma11, discount_rate=3)
    with pytest.raises(bd.InvalidInputError) as info:
        bd.compare(held, sma11, discount_rate=0.03, discount_year=2019)
    assert info.value.field == "discount_year"


# -- regressions found in code review (each failed before its fix) --


def test_non_overlapping_scenarios_say_so_even_with_years() -> None:
    with pytest.raises(bd.InvalidInputError, match="overlapping"):
        bd.compare(bd.agreements.get("SMA-11"), bd.agreements.get("SMA-12"), years=[2026])


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (
            lambda: bd.compare(
                bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"), years=[2022, 2021]
            ),
            bd.InvalidInputError,
            "years",
        ),
        (
            lambda: bd.compare(
                bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"), years=[]
            ),
            bd.InvalidInputError,
            "years",
        ),
    ],
)
def test_review_bad_input_is_a_burden_error(
    call: object, error: type[Exception], field: str
) -> None:
    # Found in code review: each raised a bare numpy or pandas error before its fix.
    with pytest.raises(error, match=field):
        call()  # type: ignore[operator]


def test_stated_host_growth_fills_the_indicators_after_the_data() -> None:
    # Main defence budget 2026: KRW 65.8642 tn (S58); +3% a year stated for 2027 on.
    ctx = bd.MoneyContext().with_projection(
        per_usd={"KRW": 1400.0}, defense_budget_growth={"KOR": 0.03}, troops={"KOR": 28_500}
    )
    c = bd.compare(
        bd.agreements.get("US-ASK-2025"),
        bd.agreements.get("SMA-12"),
        context=ctx,
        years=[2026, 2027],
    )
    share = c.alternative_indicators.share_of_defense_budget
    assert share[1] == pytest.approx(15511e8 / (65.8642e12 * 1.03), rel=1e-12)
    assert np.isfinite(c.alternative_indicators.per_service_member).all()
    assert c.projected.tolist() == [True, True]  # 2026: the stated rate; 2027: all three
    assert "KOR defense budget growth 3.0% a year from 2027" in c.assumptions


def test_a_defense_budget_in_trillions_is_rejected_with_a_units_hint() -> None:
    held, sma11 = bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11")
    with pytest.raises(bd.InvalidInputError, match=r"50\.1527e12 for KRW 50\.1527 tn") as info:
        bd.compare(held, sma11, defense_budget=pd.Series({2020: 50.1527}))
    assert info.value.field == "defense_budget[2020]"
    # KRW 0.5 tn is above 1e6 units but below the KRW 1.03 tn contribution itself.
    with pytest.raises(bd.InvalidInputError, match="larger than the contribution") as info:
        bd.compare(held, sma11, defense_budget=pd.Series({2020: 5e11}))
    assert info.value.field == "defense_budget[2020]"
    # Whole units are accepted: KRW 50.1527 tn (domain-facts, 2020 main defence budget).
    c = bd.compare(held, sma11, defense_budget=pd.Series({2020: 50.1527e12}))
    share = c.alternative_indicators.share_of_defense_budget[0]
    assert share == pytest.approx(c.alternative.values[0] / 50.1527e12)


def test_years_accept_a_first_last_pair() -> None:
    held, sma11 = bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11")
    c = bd.compare(held, sma11, years=(2020, 2025))
    assert c.years.tolist() == list(range(2020, 2026))
    assert bd.compare(held, sma11, years=[2021, 2022]).years.tolist() == [2021, 2022]
    with pytest.raises(bd.InvalidInputError, match=r"range\(2020, 2026\)"):
        bd.compare(held, sma11, years=[2020, 2022, 2025])


def test_one_currency_throughout_uses_no_exchange_rate_assumption() -> None:
    # SMA-12 in KRW, nominal, KRW host: the stated KRW/USD rate is not used.
    ctx = bd.MoneyContext().with_projection(per_usd={"KRW": 1400.0})
    sma12 = bd.agreements.get("SMA-12").with_projection(0.02)
    c = bd.compare(sma12, sma12, context=ctx)
    assert not any("per USD" in a for a in c.assumptions)
    assert len(c.assumptions) == len(set(c.assumptions))  # the rule's note once, not twice
    # 2026 is the published SMA-12 amount (S6); 2027 is indexed on published data.
    assert c.projected.tolist() == [False, False, True, True, True]
    # In USD the rate is used in every year after 2025.
    usd = bd.compare(sma12, sma12, currency="USD", context=ctx)
    assert "KRW per USD 1,400 from 2026" in usd.assumptions
    assert usd.projected.all()


def test_every_missing_assumption_is_named_in_one_message() -> None:
    sma12, ask = bd.agreements.get("SMA-12"), bd.agreements.get("US-ASK-2025")
    with pytest.raises(bd.money.MissingAssumptionsError) as info:
        bd.compare(sma12, ask, currency="USD", price_basis=2019)
    message = str(info.value)
    assert message.startswith("3 assumptions missing")
    assert "SMA-12.with_projection(rate)" in message
    assert "with_projection(per_usd={'KRW'" in message
    assert "with_projection(inflation={'USD'" in message
    assert isinstance(info.value, LookupError)


def test_a_base_year_before_the_price_index_names_the_years_covered() -> None:
    sma11 = bd.agreements.get("SMA-11")
    # US CPI-U is shipped for 2004..2025 (S92, S93), Korean CPI from 2007.
    with pytest.raises(bd.InvalidInputError, match=r"within 2004\.\.2025 for USD \(2007") as info:
        bd.compare(sma11, sma11, currency="USD", price_basis=1990)
    assert info.value.field == "price_basis"
    assert "--inflation" not in str(info.value)


def test_present_values_are_one_type() -> None:
    c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))
    pv = c.present_value(0.03)
    assert {type(v) for v in pv.values()} == {np.ndarray}
    assert all(v.dtype == np.float64 and not v.flags.writeable for v in pv.values())


def test_notes_after_a_projection_do_not_call_projected_years_data() -> None:
    # KOR GDP: published 2020 and 2023-2025 (domain-facts §13.5: 2021-2022 not found);
    # a stated growth rate extends it from 2026, and the note keeps the two apart.
    ctx = bd.MoneyContext().with_projection(gdp_growth={"KOR": 0.03})
    c = bd.compare(bd.agreements.get("SMA-11"), bd.agreements.get("US-DEMAND-2019"), context=ctx)
    gdp = [line for line in c.notes() if "share_of_gdp" in line]
    assert gdp
    for line in gdp:
        assert "(data 2020, 2023..2025; assumed 2026..2100)" in line
        assert "2023..2100" not in line
    frame = c.to_frame()
    notes = frame.loc[frame["note"].str.contains("not published", na=False), "note"]
    assert not notes.empty
    assert not notes.str.contains("2023..2100", regex=False).any()  # the tidy frame too


def test_table_unit_scales_amounts_only() -> None:
    # The README example: per-member figures stay in whole USD (about 30,501 for
    # SMA-10-HELD in 2020), shares and ratios are not scaled.
    result = bd.compare(
        bd.agreements.get("SMA-10-HELD"),
        bd.agreements.get("US-DEMAND-2019"),
        currency="USD",
        price_basis=2019,
    )
    plain, scaled = result.table(), result.table(unit="bn")
    for label in ("SMA-10-HELD", "US-DEMAND-2019"):
        np.testing.assert_array_equal(
            scaled[f"{label} per service member (USD)"], plain[f"{label} per service member"]
        )
        np.testing.assert_array_equal(scaled[f"{label} % GDP"], plain[f"{label} % GDP"])
        np.testing.assert_allclose(scaled[f"{label} (USD bn)"], plain[label] / 1e9)
    np.testing.assert_array_equal(scaled["ratio"], plain["ratio"])
    assert plain["SMA-10-HELD per service member"].iloc[0] > 1000.0  # 2020
