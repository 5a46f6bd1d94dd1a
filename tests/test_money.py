"""Currencies, price bases and conversions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as npst
from strategies import money_paths

import burden as bd
from burden.money import convert, cpi_index, default_context

if TYPE_CHECKING:
    from burden.typing import FloatArray, PriceBasis

YEARS = np.arange(2015, 2026)
values_strategy = money_paths(YEARS.size)
bases: st.SearchStrategy[PriceBasis] = st.sampled_from(["nominal", 2015, 2019, 2020, 2025])


def test_demand_in_won_at_the_2019_average_rate() -> None:
    # USD 5 bn x 1,165.8016 KRW/USD (FRED 2019 average, S66) = KRW 5.829 tn, "about 6 trillion
    # won" in the press (S33), 5.61 times KRW 1.0389 tn (domain-facts 10.5).
    krw = convert([5e9], [2019], from_currency="USD", to_currency="KRW")
    assert krw[0] == pytest.approx(5e9 * 1165.8016, rel=1e-15)
    assert krw[0] / 1.0389e12 == pytest.approx(5.6107, abs=5e-5)


def test_chained_cpi_matches_the_published_index() -> None:
    # Published CPI (2020 = 100): 2024 114.18, 2025 116.61 (S71, S72, S25). Chaining rates
    # rounded to 0.1 pp must land within 0.05% of the official levels.
    index = default_context().price_index["KRW"]
    assert index.loc[2020] == pytest.approx(100.0)
    assert index.loc[2024] == pytest.approx(114.18, rel=5e-4)
    assert index.loc[2025] == pytest.approx(116.61, rel=5e-4)


@given(
    values=values_strategy,
    src=st.sampled_from(["KRW", "USD"]),
    dst=st.sampled_from(["KRW", "USD"]),
    b1=bases,
    b2=bases,
)
def test_conversion_round_trips(
    values: FloatArray, src: str, dst: str, b1: PriceBasis, b2: PriceBasis
) -> None:
    there = convert(values, YEARS, from_currency=src, to_currency=dst, from_basis=b1, to_basis=b2)
    back = convert(there, YEARS, from_currency=dst, to_currency=src, from_basis=b2, to_basis=b1)
    np.testing.assert_allclose(back, values, rtol=1e-12)


@given(values=values_strategy, b=bases)
def test_conversion_is_linear_and_vectorized(values: FloatArray, b: PriceBasis) -> None:
    whole = convert(values, YEARS, from_currency="USD", to_currency="KRW", to_basis=b)
    for i in range(values.shape[0]):
        row = convert(values[i], YEARS, from_currency="USD", to_currency="KRW", to_basis=b)
        np.testing.assert_array_equal(whole[i], row)
    np.testing.assert_allclose(
        convert(2 * values, YEARS, from_currency="USD", to_currency="KRW", to_basis=b),
        2 * whole,
    )


def test_real_won_deflates_by_cpi() -> None:
    # 2021 prices to 2020 prices: divide by 1 + 2021 inflation (2.5%, S71).
    real = convert([102.5], [2021], from_currency="KRW", to_currency="KRW", to_basis=2020)
    assert real[0] == pytest.approx(100.0)


def test_mixing_currencies_or_bases_is_an_error() -> None:
    krw = bd.Amounts(values=[1.0], years=[2019], currency="KRW")
    with pytest.raises(bd.UnitMismatchError, match="currency"):
        _ = krw + krw.to("USD")
    with pytest.raises(TypeError, match="price_basis"):
        _ = krw - krw.to(price_basis=2019)
    assert (krw + krw).values.tolist() == [2.0]


def test_missing_rates_are_lookup_errors_naming_what_is_missing() -> None:
    with pytest.raises(bd.MissingDataError, match="JPY"):
        convert([1.0], [2019], from_currency="JPY", to_currency="USD")
    with pytest.raises(LookupError, match="1990"):
        convert([1.0], [1990], from_currency="KRW", to_currency="USD")
    with pytest.raises(bd.MissingDataError, match="currency"):
        convert([1.0], [2019], from_currency="CHF", to_currency="USD")


def test_user_supplied_rates_are_used() -> None:
    ctx = default_context().with_per_usd("JPY", pd.Series({2019: 100.0}))
    yen = convert([1e9], [2019], from_currency="USD", to_currency="JPY", context=ctx)
    assert yen[0] == 1e11


def test_cpi_index_anchor() -> None:
    index = cpi_index(pd.Series({2019: 0.004, 2020: 0.005, 2021: 0.025}), base_year=2021)
    assert index.loc[2021] == pytest.approx(100.0)
    assert index.loc[2020] == pytest.approx(100 / 1.025)
    with pytest.raises(bd.MissingDataError, match="base_year"):
        cpi_index(pd.Series({2019: 0.004}), base_year=2000)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"values": [1.0], "years": [2019, 2020]}, "Amounts.values"),
        ({"values": [1.0, 2.0], "years": [2019, 2021]}, "Amounts.years"),
        ({"values": [1.0], "years": [2019], "price_basis": "real"}, "price_basis"),
        ({"values": ["a"], "years": [2019]}, "Amounts.values"),
    ],
)
def test_bad_amounts(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(bd.InvalidInputError, match=field):
        bd.Amounts(currency="KRW", **kwargs)  # type: ignore[arg-type]


# --- US CPI-U, the two perspectives, projections, present value (issue 10) -------------


def test_us_cpi_u_is_shipped_as_cited() -> None:
    # domain-facts 13.1 (S92, S93): BLS CUUR0000SA0 annual averages, 1982-84 = 100.
    cpi = bd.datasets.us_cpi().set_index("year")["index"]
    assert cpi.index.tolist() == list(range(2004, 2026))
    assert cpi.loc[2019] == 255.657
    assert cpi.loc[2025] == 321.943
    assert bd.MoneyContext().price_level([2019], "USD")[0] == 255.657


def test_money_context_with_no_arguments_is_the_shipped_data() -> None:
    ctx = bd.MoneyContext()
    assert float(ctx.rate("KRW", [2019])[0]) == 1165.8016  # S66
    assert set(ctx.price_index) == {"KRW", "USD"}
    assert bd.MoneyContext(per_usd={}).per_usd == {}


def test_flat_usd_demand_in_constant_2019_us_prices() -> None:
    # domain-facts 13.1: 5 x sum(255.657 / CPI_y, 2020..2025) = USD 26.27 bn (S92, S93).
    flat = bd.Amounts(values=[5e9] * 6, years=list(range(2020, 2026)), currency="USD")
    real = flat.to(price_basis=2019)
    assert round(float(real.total()) / 1e9, 2) == 26.27
    assert real.deflator == "USD"
    assert real.basis_label == "constant 2019 prices (US CPI-U)"
    # Round trip back to nominal is exact because the amounts remember their index.
    np.testing.assert_allclose(real.to(price_basis="nominal").values, flat.values, rtol=1e-12)


def test_host_perspective_keeps_the_former_method() -> None:
    # Deflate with Korean CPI, convert at the 2019 rate (S66; CPI S71, S72).
    flat = bd.Amounts(values=[5e9] * 6, years=list(range(2020, 2026)), currency="USD")
    host = flat.to(price_basis=2019, deflator="KRW")
    ctx = bd.MoneyContext()
    years = np.arange(2020, 2026)
    krw = 5e9 * ctx.rate("KRW", years)
    level = ctx.price_level(years, "KRW") / ctx.price_level([2019], "KRW")
    expected = krw / level / ctx.rate("KRW", [2019])
    np.testing.assert_allclose(host.values, expected, rtol=1e-12)
    assert host.values.min() > 4.7e9
    assert host.basis_label == "constant 2019 prices (Korean CPI, converted at the 2019 rate)"


def test_projection_extends_after_the_data_and_is_recorded() -> None:
    ctx = bd.MoneyContext().with_projection(per_usd={"KRW": 1400.0}, inflation={"USD": 0.025})
    assert float(ctx.rate("KRW", [2025])[0]) == 1421.3963  # published, untouched (S66)
    assert float(ctx.rate("KRW", [2030])[0]) == 1400.0
    assert ctx.price_level([2026], "USD")[0] == pytest.approx(321.943 * 1.025)
    assert [a.series for a in ctx.assumptions] == ["per_usd", "inflation"]
    assert ctx.assumptions_for("per_usd", "KRW", [2025]) == []
    assert len(ctx.assumptions_for("per_usd", "KRW", [2026])) == 1


def test_inverted_or_implausible_rates_are_rejected_with_a_hint() -> None:
    with pytest.raises(bd.InvalidInputError, match=r"KRW per USD is about 1,400: did you give"):
        bd.MoneyContext().with_projection(per_usd={"KRW": 0.0007})
    with pytest.raises(bd.InvalidInputError, match="per_usd"):
        bd.MoneyContext().with_projection(per_usd={"KRW": 20_000.0})


@pytest.mark.parametrize(
    ("code", "rate", "message"),
    [
        ("JPY", 1 / 131.5, "did you give USD per JPY"),
        ("KRW", 1 / 1300.0, "did you give USD per KRW"),
        ("EUR", 12.0, "between 0.2 and 5"),
        ("GBP", 0.1, "between 0.2 and 5"),
    ],
)
def test_rates_outside_the_currency_band_are_rejected(
    code: str, rate: float, message: str
) -> None:
    # The bands are validation bounds (PER_USD_BANDS), not data.
    with pytest.raises(bd.InvalidInputError, match=message) as info:
        bd.MoneyContext(per_usd={}).with_per_usd(code, pd.Series({2022: rate}))
    assert info.value.field == f"MoneyContext.per_usd[{code!r}]"
    with pytest.raises(bd.InvalidInputError, match=message) as info:
        bd.MoneyContext(per_usd={}).with_projection(per_usd={code: pd.Series({2022: rate})})
    assert info.value.field == f"per_usd[{code!r}]"


def test_rates_inside_the_band_are_accepted() -> None:
    ctx = bd.MoneyContext().with_per_usd("EUR", pd.Series({2022: 0.95}))
    assert float(ctx.rate("EUR", [2022])[0]) == 0.95


def test_rate_assumption_is_described_as_given() -> None:
    ctx = bd.MoneyContext().with_projection(per_usd={"KRW": 1421.40})
    assert ctx.assumptions[0].description == "KRW per USD 1,421.4 from 2026"


def test_projection_must_not_overlap_published_years() -> None:
    with pytest.raises(bd.InvalidInputError, match="never overwrites") as info:
        bd.MoneyContext().with_projection(per_usd={"KRW": pd.Series({2025: 1400.0})})
    assert info.value.field == "per_usd['KRW']"


def test_inflation_given_as_percent_is_rejected() -> None:
    with pytest.raises(bd.InvalidInputError, match=r"did you mean 0\.02") as info:
        bd.MoneyContext().with_projection(inflation={"KRW": 2})
    assert info.value.field == "inflation['KRW']"


def test_jpy_without_data_needs_a_series() -> None:
    with pytest.raises(bd.MissingDataError, match="Series"):
        bd.MoneyContext().with_projection(per_usd={"JPY": 131.5})
    ctx = bd.MoneyContext().with_projection(per_usd={"JPY": pd.Series({2022: 131.5})})
    assert float(ctx.rate("JPY", [2022])[0]) == 131.5
    assert ctx.assumptions[0].description == "JPY per USD as given for 2022-2022"


def test_missing_rate_hint_names_the_python_fix() -> None:
    with pytest.raises(bd.money.MissingRateError, match=r"with_projection\(per_usd=") as info:
        bd.Amounts(values=[1.0], years=[2030], currency="USD").to("KRW")
    assert (info.value.series, info.value.currency, info.value.year) == ("per_usd", "KRW", 2030)


def test_lower_case_currency_gets_a_did_you_mean() -> None:
    with pytest.raises(bd.MissingDataError, match="did you mean 'USD'"):
        bd.Amounts(values=[1.0], years=[2020], currency="usd")


def test_present_value_matches_a_hand_written_sum() -> None:
    # 12th SMA years at 3%: each year's amount / 1.03^(t - 2026).
    values = np.array([1.5192e12, 1.5511e12, 1.58e12])
    amounts = bd.Amounts(values=values, years=[2026, 2027, 2028], currency="KRW")
    by_hand = 1.5192e12 + 1.5511e12 / 1.03 + 1.58e12 / 1.03**2
    assert float(amounts.present_value(0.03, year=2026)) == pytest.approx(by_hand, rel=1e-14)
    # Valued in a later year, earlier years are compounded forward.
    later = 1.5192e12 * 1.03 + 1.5511e12 + 1.58e12 / 1.03
    assert float(amounts.present_value(0.03, year=2027)) == pytest.approx(later, rel=1e-14)


@pytest.mark.parametrize(
    ("rate", "year", "field"),
    [(-1.0, 2026, "rate"), (3, 2026, "rate"), (0.03, 2025, "year"), (0.03, 2031, "year")],
)
def test_present_value_bad_input(rate: float, year: int, field: str) -> None:
    amounts = bd.Amounts(values=[1.0] * 5, years=list(range(2026, 2031)), currency="USD")
    with pytest.raises(bd.InvalidInputError) as info:
        amounts.present_value(rate, year=year)
    assert info.value.field == field
    if rate == 3:
        assert "did you mean 0.03" in str(info.value)


_paths = npst.arrays(
    np.float64,
    st.tuples(st.integers(1, 5), st.integers(1, 6)),
    elements=st.floats(0.0, 1e12, allow_nan=False),
)


@settings(max_examples=40, deadline=None)
@given(values=_paths, data=st.data())
def test_present_value_vectorized_equals_per_draw(values: np.ndarray, data: st.DataObject) -> None:
    n, t = values.shape
    rates = np.array(data.draw(st.lists(st.floats(-0.5, 0.5), min_size=n, max_size=n)))
    year = 2020 + data.draw(st.integers(0, t - 1))
    amounts = bd.Amounts(values=values, years=list(range(2020, 2020 + t)), currency="USD")
    together = amounts.present_value(rates, year=year)
    assert together.shape == (n,)
    for i in range(n):
        alone = bd.Amounts(values=values[i], years=list(range(2020, 2020 + t)), currency="USD")
        assert together[i] == pytest.approx(float(alone.present_value(rates[i], year=year)))


@settings(max_examples=40, deadline=None)
@given(values=_paths, lo=st.floats(-0.5, 0.5), step=st.floats(1e-3, 0.4))
def test_present_value_at_zero_is_the_sum_and_decreases_in_the_rate(
    values: np.ndarray, lo: float, step: float
) -> None:
    t = values.shape[1]
    amounts = bd.Amounts(values=values, years=list(range(2020, 2020 + t)), currency="USD")
    np.testing.assert_allclose(amounts.present_value(0.0, year=2020), values.sum(axis=1))
    hi = min(lo + step, 0.9)
    # Valued at the first year, every later payment is discounted: PV falls as r rises.
    assert (
        amounts.present_value(hi, year=2020) <= amounts.present_value(lo, year=2020) + 1e-3
    ).all()


# -- regressions found in code review (each failed before its fix) --


def test_real_won_needs_no_exchange_rate() -> None:
    # SMA-8 in 2010 prices: only the CPI is needed (no KRW/USD rate is shipped for 2010-13).
    real = bd.agreements.get("SMA-8").path().to("KRW", 2010)
    # 2010 amount in 2010 prices is itself: KRW 7,904 x 100 million (S2).
    assert real.values[1] == pytest.approx(7904e8)


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (
            lambda: (
                bd.Amounts(values=np.ones((3, 2)), years=[2020, 2021], currency="KRW")
                + bd.Amounts(values=np.ones((2, 2)), years=[2020, 2021], currency="KRW")
            ),
            bd.InvalidInputError,
            "Amounts.values",
        ),
        (
            lambda: bd.MoneyContext(per_usd={"USD": pd.Series({2019: 2.0})}),
            bd.InvalidInputError,
            "per_usd",
        ),
        (
            lambda: bd.money.cpi_index(pd.Series({2020: 2.1, 2021: 2.5}), base_year=2020),
            bd.InvalidInputError,
            "inflation",
        ),
    ],
)
def test_review_bad_input_is_a_burden_error(
    call: object, error: type[Exception], field: str
) -> None:
    # Found in code review: each raised a bare numpy or pandas error before its fix.
    with pytest.raises(error, match=field):
        call()  # type: ignore[operator]


def test_money_context_repr_is_short_and_has_an_html_view() -> None:
    ctx = bd.MoneyContext().with_projection(per_usd={"KRW": 1421.4})
    text = repr(ctx)
    assert len(text.splitlines()) == 1
    assert len(text) < 300
    assert "KRW per USD 1998..2100" in text
    assert "USD prices 2004..2025" in text
    assert "KRW per USD 1,421.4 from 2026" in text
    html = ctx._repr_html_()
    assert "Money context" in html
    assert "burden-result" in html


def test_missing_rate_errors_pickle_as_raised() -> None:
    # An error raised in a worker process reaches the caller unchanged.
    import pickle

    sma12, ask = bd.agreements.get("SMA-12"), bd.agreements.get("US-ASK-2025")
    for call in (
        lambda: bd.Amounts(values=[1.0], years=[2030], currency="USD").to("KRW"),
        lambda: bd.compare(sma12, ask, currency="USD", price_basis=2019),
    ):
        with pytest.raises(bd.MissingDataError) as info:
            call()
        again = pickle.loads(pickle.dumps(info.value))
        assert type(again) is type(info.value)
        assert str(again) == str(info.value)


def test_troops_given_in_thousands_are_refused_with_a_hint() -> None:
    # The shipped KOR level is the stated USFK level of ~28,500 (domain-facts §4.1, S5,
    # S11, S31, S48); 28.5 (thousands) is 1,000 times away and would give KRW 53 bn
    # per service member.
    with pytest.raises(bd.InvalidInputError, match="did you give thousands") as info:
        bd.MoneyContext().with_projection(troops={"KOR": 28.5})
    assert info.value.field == "troops['KOR']"
    assert info.value.value == 28.5
    assert "28,500 (2025)" in info.value.hint
    with pytest.raises(bd.InvalidInputError, match="10 times the last published level"):
        bd.MoneyContext().with_projection(troops={"KOR": pd.Series({2026: 28500.0, 2027: 1e6})})
    # A real change stays an assumption one may state: the DMDC count of June 2024 (S100),
    # or a drawdown to a small presence (2,500, an illustrative scenario, not data).
    ctx = bd.MoneyContext().with_projection(troops={"KOR": 23732.0})
    assert ctx.assumptions[0].description == "KOR troops 23,732 from 2026"
    drawdown = pd.Series({2026: 28500.0, 2027: 10000.0, 2028: 2500.0})
    assert bd.MoneyContext().with_projection(troops={"KOR": drawdown}).assumptions


def test_a_projection_before_the_data_says_so() -> None:
    # Korean GDP (2020 base) starts in 2020 (domain-facts §13.5): 2010 is before it.
    with pytest.raises(bd.InvalidInputError, match="before the published data") as info:
        bd.MoneyContext().with_projection(gdp_growth={"KOR": pd.Series({2010: 0.03})})
    assert "gap" not in info.value.hint


def test_a_projection_into_a_gap_inside_the_data_says_why_it_is_refused() -> None:
    # Korean GDP (2020 base) is published for 2020 and 2023-2025, not 2021-2022
    # (domain-facts §13.5): 2021 is a gap, not a published figure.
    with pytest.raises(bd.InvalidInputError, match="last published year, 2025") as info:
        bd.MoneyContext().with_projection(gdp_growth={"KOR": pd.Series({2021: 0.03})})
    assert "never overwrites" not in info.value.hint
    assert "gap inside the data" in info.value.hint
    with pytest.raises(bd.InvalidInputError, match="never overwrites"):
        bd.MoneyContext().with_projection(gdp_growth={"KOR": pd.Series({2024: 0.03})})
