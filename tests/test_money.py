"""Currencies, price bases and conversions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as npst

import burden as bd
from burden.money import convert, cpi_index, default_context

if TYPE_CHECKING:
    from burden.typing import FloatArray, PriceBasis

YEARS = np.arange(2015, 2026)
values_strategy = npst.arrays(
    np.float64,
    st.tuples(st.integers(1, 3), st.just(YEARS.size)),
    # Whole currency units: 0 or at least one unit (subnormal floats are not money).
    elements=st.one_of(st.just(0.0), st.floats(min_value=1.0, max_value=1e13)),
)
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
        convert([1.0], [2019], from_currency="GBP", to_currency="USD")


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
