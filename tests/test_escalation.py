"""Escalation rules: closed forms, properties and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import money, rates

import burden as bd
from burden.escalation import round_half_up

amounts = money


def _agreement(
    escalation: object, *, base: object = 1e12, end: int = 2025, **kw: object
) -> bd.Agreement:
    return bd.Agreement(
        name="test",
        base_year=2019,
        base_amount=base,  # type: ignore[arg-type]
        currency="KRW",
        end_year=end,
        escalation=escalation,  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


@given(base=amounts)
def test_fixed_zero_is_constant(base: float) -> None:
    values = _agreement(bd.Fixed(0.0), base=base).path().values
    np.testing.assert_array_equal(values, np.full(7, base))


@given(rate=rates, base=amounts)
def test_fixed_rate_compounds(rate: float, base: float) -> None:
    values = _agreement(bd.Fixed(rate), base=base).path().values
    expected = base * (1 + rate) ** np.arange(7)
    np.testing.assert_allclose(values, expected, rtol=1e-12)


@given(r1=rates, r2=rates, split=st.integers(min_value=2021, max_value=2025))
def test_phases_chain_multiplicatively(r1: float, r2: float, split: int) -> None:
    values = _agreement({2020: bd.Fixed(r1), split: bd.Fixed(r2)}).path().values
    n1 = split - 2020  # years escalated at r1
    n2 = 2025 - split + 1
    assert values[-1] == pytest.approx(1e12 * (1 + r1) ** n1 * (1 + r2) ** n2, rel=1e-12)


@given(rate=rates, base=st.floats(min_value=1e9, max_value=1e13))
def test_rounding_is_respected_each_year(rate: float, base: float) -> None:
    values = _agreement(bd.Fixed(rate), base=base, rounding=1e8).path().values
    escalated = values[1:] / 1e8
    np.testing.assert_array_equal(escalated, np.round(escalated))
    # Each year is the previous *rounded* year times (1 + rate), rounded again.
    expected = round_half_up(values[:-1] * (1 + rate), 1e8)
    np.testing.assert_array_equal(values[1:], expected)


@given(
    base=st.lists(amounts, min_size=1, max_size=6),
    rate=st.lists(rates, min_size=1, max_size=6),
    cap=st.floats(min_value=0.0, max_value=0.1),
)
def test_vectorized_draws_equal_per_draw_evaluation(
    base: list[float], rate: list[float], cap: float
) -> None:
    n = min(len(base), len(rate))
    # A rounding step above a base amount is refused (it would round every year to 0).
    b, r = np.array([v if v == 0.0 else max(v, 1e6) for v in base[:n]]), np.array(rate[:n])
    index = pd.DataFrame(np.outer(r, np.ones(8)), columns=range(2018, 2026))
    batch = _agreement(
        {2020: bd.Fixed(r), 2022: bd.Indexed(index, lag=1, cap=cap)}, base=b, rounding=1e6
    ).path()
    assert batch.values.shape == (n, 7)
    for i in range(n):
        one = _agreement(
            {2020: bd.Fixed(r[i]), 2022: bd.Indexed(index.iloc[i], lag=1, cap=cap)},
            base=b[i],
            rounding=1e6,
        ).path()
        np.testing.assert_array_equal(batch.values[i], one.values)


def test_indexed_rounds_then_clips() -> None:
    # 11th SMA convention: growth rounded to 0.1 pp (domain-facts 1.3).
    growth = pd.Series({2021: 0.053584, 2022: 0.033520, 2023: 0.0400})
    rule = bd.Indexed(growth, lag=1, rate_rounding=3, cap=0.035, floor=0.034)
    # 5.4% capped to 3.5%; 3.4% stays (floor 3.4%); 4.0% capped.
    np.testing.assert_allclose(rule.rates_for([2022, 2023, 2024]), [0.035, 0.034, 0.035])


def test_indexed_floor_binds_and_cap_binds() -> None:
    # Rates -2%, 1%, 9% with floor 0 and cap 5%: the floor lifts the fall to 0, the cap
    # cuts the rise to 5%, the middle rate passes (clip(rate, floor, cap)).
    growth = pd.Series({2020: -0.02, 2021: 0.01, 2022: 0.09})
    rule = bd.Indexed(growth, floor=0.0, cap=0.05)
    np.testing.assert_allclose(rule.rates_for([2020, 2021, 2022]), [0.0, 0.01, 0.05])
    path = _agreement(rule, base=1e12, end=2022).path().values
    np.testing.assert_allclose(path, [1e12, 1e12, 1.01e12, 1.0605e12], rtol=1e-15)
    no_floor = bd.Indexed(growth, cap=0.05).rates_for([2020])
    np.testing.assert_allclose(no_floor, [-0.02])


def test_half_up_rounding_holds_an_exact_half() -> None:
    # 902.0 bn * 1.025 = 924.55 bn exactly, but in binary floating point the quotient by
    # the 0.1 bn step is 9245.499999999998: only the tolerance of round_half_up makes it
    # the half it is, rounded up to 924.6 bn (every copy: scalar, array, path engine).
    amount = 9.02e11 * 1.025
    assert amount / 1e8 < 9245.5  # the binary representation falls just short
    assert float(round_half_up(np.array(amount), 1e8)) == 9.246e11  # the 0-d branch
    assert round_half_up(np.array([amount, amount]), 1e8).tolist() == [9.246e11] * 2
    path = _agreement(bd.Fixed(0.025), base=9.02e11, end=2020, rounding=1e8).path().values
    assert path.tolist() == [9.02e11, 9.246e11]
    # Rate rounding to 0.1 pp: 2.85% is a half too (28.499999999999996 steps).
    rate = bd.Indexed(pd.Series({2020: 0.0285}), rate_rounding=3).rates_for([2020])
    np.testing.assert_allclose(rate, [0.029], rtol=1e-12)


def test_freeze_and_schedule() -> None:
    values = (
        _agreement(
            {2020: bd.Freeze(), 2022: bd.Schedule({2022: 5.0, 2023: 6.0, 2024: 7.0, 2025: 8.0})}
        )
        .path()
        .values
    )
    np.testing.assert_array_equal(values, [1e12, 1e12, 1e12, 5.0, 6.0, 7.0, 8.0])


def test_round_half_up_rounds_halves_away_from_zero() -> None:
    np.testing.assert_array_equal(
        round_half_up(np.array([2.5, 3.5, 1.49, -2.5]), 1.0), [3, 4, 1, -3]
    )


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: bd.Fixed(float("nan")), "Fixed.rate"),
        (lambda: bd.Fixed(-1.5), "Fixed.rate"),
        (lambda: bd.Fixed("five"), "Fixed.rate"),
        (lambda: bd.Indexed(pd.Series({2019: 0.01, 2021: 0.02})), "Indexed.rates"),
        (lambda: bd.Indexed(pd.Series({2019: 0.01}), cap=0.01, floor=0.02), "Indexed.cap"),
        (lambda: bd.Indexed(pd.Series({2019: 0.01}), lag=-1), "Indexed.lag"),
        (lambda: bd.Indexed(pd.Series({2019: np.nan})), "Indexed.rates"),
        (lambda: bd.Indexed(pd.Series({2019: 0.01}), rate_rounding=-1), "Indexed.rate_rounding"),
        (lambda: bd.Schedule({2020: -1.0}), "Schedule.amounts_by_year"),
    ],
)
def test_bad_rules_raise_naming_the_field(make: object, field: str) -> None:
    with pytest.raises(bd.InvalidInputError, match=field.replace(".", r"\.")):
        make()  # type: ignore[operator]


def test_percentages_typed_as_whole_numbers_are_rejected() -> None:
    with pytest.raises(bd.InvalidInputError, match=r"did you mean 0\.05"):
        bd.Fixed(5)
    with pytest.raises(bd.InvalidInputError, match=r"Indexed\.cap"):
        bd.Indexed(pd.Series({2019: 0.01}), cap=3)


def test_indexed_takes_the_shipped_series_with_missing_ends() -> None:
    # korea_macro() runs 1998-2026 with CPI published for 2006-2025 only (S22, S23, S25).
    cpi = bd.datasets.korea_macro()["cpi_inflation"]
    rule = bd.Indexed(cpi, lag=2)
    assert rule.index_years[[0, -1]].tolist() == [2006, 2025]
    with pytest.raises(bd.InvalidInputError, match="every year between"):
        bd.Indexed(pd.Series({2019: 0.01, 2020: np.nan, 2021: 0.02}))
