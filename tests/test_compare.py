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
    assert list(frame.columns) == ["year", "scenario", "measure", "value", "unit"]
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
