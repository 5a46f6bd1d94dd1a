"""The path engine (issue 12, item 1) equals year-by-year rule application, bit for bit.

The reference below is the algorithm ``Agreement.path`` used before the engine: for each
year, the rule's ``next_amounts`` of the previous year, then ``round_half_up`` when the
agreement rounds and the rule escalates. The engine works year-major in blocks of draws;
its output must be identical for every rule, phase layout, draw shape and block boundary.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import burden as bd
from burden import escalation
from burden.escalation import round_half_up

if TYPE_CHECKING:
    from burden.typing import FloatArray


def _reference(agreement: bd.Agreement) -> FloatArray:
    years = agreement.years
    values = np.empty((*agreement.batch_shape, years.size), dtype=np.float64)
    values[..., 0] = agreement.base_amount
    for t in range(1, years.size):
        rule = agreement.rule_for(int(years[t]))
        nxt = rule.next_amounts(values[..., t - 1], int(years[t]))
        if agreement.rounding is not None and rule.escalates:
            nxt = round_half_up(nxt, float(agreement.rounding))
        values[..., t] = nxt
    return values


def _agreement(n: int, seed: int, kind: str, *, rounding: float | None = 1e8) -> bd.Agreement:
    rng = np.random.default_rng(seed)
    draws = (n,) if n else ()
    base = rng.uniform(0.5e12, 2e12, size=draws)
    years = range(2000, 2031)
    if kind == "fixed":
        rule: object = bd.Fixed(rng.uniform(-0.05, 0.1, size=draws))
    elif kind == "fixed-scalar":
        rule = bd.Fixed(0.0431)
    elif kind == "freeze":
        rule = bd.Freeze()
    elif kind == "schedule":
        rule = bd.Schedule({y: rng.uniform(1e12, 2e12, size=draws) for y in years})
    elif kind == "indexed":
        table = pd.DataFrame(rng.uniform(-0.02, 0.08, size=(max(n, 1), 31)), columns=list(years))
        rule = bd.Indexed(
            table if n else table.iloc[0],
            lag=2,
            cap=rng.uniform(0.03, 0.06, size=draws),
            floor=0.0,
            rate_rounding=3,
            projection=rng.uniform(0.0, 0.03, size=draws),
        )
    else:  # indexed with scalar inputs and a projection
        series = pd.Series(rng.uniform(0.0, 0.06, size=20), index=range(2000, 2020))
        rule = bd.Indexed(series, lag=1, cap=0.04, projection=0.021)
    return bd.Agreement(
        name="x",
        base_year=2002,
        base_amount=base,
        currency="KRW",
        end_year=2030,
        escalation={2003: rule, 2010: bd.Fixed(0.139), 2011: bd.Freeze(), 2013: rule},  # type: ignore[dict-item]
        rounding=rounding,
    )


KINDS = ["fixed", "fixed-scalar", "freeze", "schedule", "indexed", "indexed-scalar"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [0, 1, 7])
def test_engine_equals_year_by_year_rules(kind: str, n: int) -> None:
    for rounding in (1e8, None, 0.5):
        agreement = _agreement(n, 3, kind, rounding=rounding)
        np.testing.assert_array_equal(agreement.path().values, _reference(agreement))


@settings(max_examples=12)
@given(
    seed=st.integers(0, 2**31),
    n=st.integers(1, 300),
    block=st.sampled_from([1, 7, 64, 2**15]),
    kind=st.sampled_from(KINDS),
)
def test_engine_is_block_independent(seed: int, n: int, block: int, kind: str) -> None:
    agreement = _agreement(n, seed, kind)
    want = _reference(agreement)
    old = escalation._DRAW_BLOCK
    escalation._DRAW_BLOCK = block  # type: ignore[misc]
    try:
        got = agreement.path().values
    finally:
        escalation._DRAW_BLOCK = old  # type: ignore[misc]
    np.testing.assert_array_equal(got, want)


def test_engine_broadcasts_draw_shapes_like_before() -> None:
    # base amounts on a (2, 1) grid, rates on (3,): paths of shape (2, 3, T)
    agreement = bd.Agreement(
        name="grid",
        base_year=2020,
        base_amount=np.array([[1.0e12], [1.5e12]]),
        currency="KRW",
        end_year=2026,
        escalation=bd.Fixed(np.array([0.0, 0.05, 0.1])),
        rounding=1e8,
    )
    values = agreement.path().values
    assert values.shape == (2, 3, 7)
    np.testing.assert_array_equal(values, _reference(agreement))
    assert not values.flags.writeable


def test_published_sma11_amounts_unchanged() -> None:
    # 11th SMA: KRW 1,183.3 bn (2021), 1,247.2 bn (2022), 1,402.8 bn (2025) (S4, S5, S10)
    amounts = bd.agreements.get("SMA-11").amounts() / 1e8
    assert amounts.loc[[2021, 2022, 2025]].tolist() == [11833.0, 12472.0, 14028.0]


@settings(max_examples=20)
@given(seed=st.integers(0, 2**31), n=st.integers(1, 50))
def test_indexed_with_draws_equals_the_rule_rebuilt_year_by_year(seed: int, n: int) -> None:
    # What the model adapters did per chunk before: Indexed({year: rates + shift}, ...).
    rng = np.random.default_rng(seed)
    series = pd.Series(rng.uniform(-0.05, 0.1, 12), index=range(2010, 2022))
    rule = bd.Indexed(series, lag=1, cap=0.06, rate_rounding=3)
    shift = rng.uniform(-0.03, 0.03, n)
    cap = rng.uniform(0.04, 0.08, n)
    fast = rule._with_draws(shift, cap=cap, floor=None, projection=None)
    slow = bd.Indexed(
        {int(y): series.to_numpy()[j] + shift for j, y in enumerate(series.index)},
        lag=1,
        cap=cap,
        rate_rounding=3,
    )
    years = list(range(2012, 2023))
    np.testing.assert_array_equal(fast.rates_for(years), slow.rates_for(years))
    np.testing.assert_array_equal(fast.rates_table, slow.rates_table)


def test_indexed_with_draws_checks_the_shifted_rates() -> None:
    rule = bd.Indexed(pd.Series({2020: 0.5, 2021: 0.9}))
    with pytest.raises(bd.InvalidInputError) as info:
        rule._with_draws(np.array([0.0, 0.2]), cap=None, floor=None, projection=None)
    assert info.value.field == "Indexed.rates"
    with pytest.raises(bd.InvalidInputError) as info:
        rule._with_draws(None, cap=np.array([0.01]), floor=np.array([0.02]), projection=None)
    assert info.value.field == "Indexed.cap"


def _overflowing(later: object) -> bd.Agreement:
    # 1e300 x 1.9^k passes float64's 1.8e308 in the 30th year of the Fixed phase.
    return bd.Agreement(
        name="huge",
        base_year=2000,
        base_amount=np.array([1.0, 1e300]),
        currency="KRW",
        end_year=2040,
        escalation={2001: bd.Fixed(0.9), 2035: later},  # type: ignore[dict-item]
    )


@pytest.mark.parametrize(
    "later", [bd.Freeze(), bd.Schedule(dict.fromkeys(range(2035, 2041), 5.0)), bd.Fixed(0.0)]
)
def test_an_overflow_inside_a_phase_is_refused_whatever_follows(later: object) -> None:
    # The engine checks the last year of each multiplying phase, not the whole path: an
    # inf there must be found even when a later schedule sets finite amounts again.
    with pytest.raises(bd.InvalidInputError, match="overflowed"):
        _overflowing(later).path()


def test_an_overflow_then_a_zero_factor_is_refused() -> None:
    # inf x (1 + rate rounded to -100%) is NaN at the phase's end: still refused
    rates = pd.DataFrame([[0.9] * 40 + [-0.9999]], columns=range(2000, 2041))
    agreement = bd.Agreement(
        name="nan",
        base_year=2000,
        base_amount=np.array([1e300]),
        currency="KRW",
        end_year=2041,
        escalation=bd.Indexed(rates, lag=1, rate_rounding=3),
    )
    with pytest.raises(bd.InvalidInputError, match="overflowed"):
        agreement.path()


def test_the_plan_is_reused_and_missing_index_years_raise_every_time() -> None:
    sma12 = bd.agreements.get("SMA-12")  # CPI after 2025 not published: 2028-30 need it
    for _ in range(2):
        with pytest.raises(bd.MissingDataError):
            sma12.path()
    projected = sma12.with_projection(0.02)
    first, second = projected.path(), projected.path()
    np.testing.assert_array_equal(first.values, second.values)
    assert first.years is second.years  # shared, and read-only for good
    with pytest.raises(ValueError, match="WRITEABLE"):
        first.years.setflags(write=True)
    assert projected.years.flags.writeable  # the property still gives a fresh array


@pytest.mark.parametrize("kind", ["fixed", "fixed-scalar", "freeze", "schedule", "indexed", "x"])
def test_a_pickled_agreement_computes_the_same_path(kind: str) -> None:
    import pickle

    agreement = _agreement(5, 11, kind)
    want = agreement.path().values  # the plan is made and kept
    np.testing.assert_array_equal(agreement.path().values, want)  # the kept plan: same bits
    data = pickle.dumps(agreement)
    assert b"_Plan" not in data  # the plan is rebuilt where the agreement lands
    copy = pickle.loads(data)
    assert copy.batch_shape == agreement.batch_shape
    np.testing.assert_array_equal(copy.path().values, want)


def test_an_agreement_pickled_by_an_earlier_release_loads() -> None:
    # Frozen slotted dataclasses (Python 3.11) pickled a list of the field values in field
    # order; before the engine's plan that list ended with `_phases` (no `_batch`, `_plan`).
    agreement = _agreement(4, 3, "indexed")
    names = [f.name for f in dataclasses.fields(agreement)]
    old_state = [getattr(agreement, name) for name in names[: names.index("_phases") + 1]]
    copy = object.__new__(bd.Agreement)
    copy.__setstate__(old_state)
    assert copy.batch_shape == (4,)
    np.testing.assert_array_equal(copy.path().values, agreement.path().values)


@pytest.mark.parametrize("end_year", [2020, 2021, 2030])
@pytest.mark.parametrize("n", [0, 3])
def test_freeze_only_and_one_year_agreements(end_year: int, n: int) -> None:
    base = np.arange(1.0, n + 1.0) * 1e12 if n else 1e12
    agreement = bd.Agreement(
        name="flat",
        base_year=2020,
        base_amount=base,
        currency="KRW",
        end_year=end_year,
        escalation=bd.Freeze(),
        rounding=1e8,
    )
    values = agreement.path().values
    assert values.shape == (*np.shape(base), end_year - 2019)
    np.testing.assert_array_equal(values, _reference(agreement))


@pytest.mark.parametrize("kind", ["schedule", "indexed"])
def test_per_draw_tables_that_broadcast_to_a_draw_grid(kind: str) -> None:
    # A (3,)-draw table against base amounts on a (2, 1) grid: the flat (6, K) table is
    # a copy, made per call and not kept by the agreement; paths of shape (2, 3, T).
    rng = np.random.default_rng(5)
    years = list(range(2020, 2027))
    if kind == "schedule":
        rule: object = bd.Schedule(pd.DataFrame(rng.uniform(1e12, 2e12, (3, 7)), columns=years))
    else:
        rates = pd.DataFrame(rng.uniform(-0.01, 0.06, (3, 7)), columns=years)
        rule = bd.Indexed(rates, lag=1, cap=np.array([0.03, 0.04, 0.05]), rate_rounding=3)
    agreement = bd.Agreement(
        name="grid",
        base_year=2020,
        base_amount=np.array([[1.0e12], [1.5e12]]),
        currency="KRW",
        end_year=2027 if kind == "indexed" else 2026,
        escalation=rule,  # type: ignore[arg-type]
        rounding=1e8,
    )
    for _ in range(2):  # the first call makes the plan, the second uses it
        values = agreement.path().values
        assert values.shape == (2, 3, agreement.years.size)
        np.testing.assert_array_equal(values, _reference(agreement))
    plan = agreement._plan
    assert plan is not None
    assert plan.inputs == [None]  # nothing draw-sized is kept by the agreement
    assert plan.base is None


def test_the_plan_keeps_views_of_the_rules_arrays_only() -> None:
    agreement = _agreement(7, 2, "indexed")
    agreement.path()
    plan = agreement._plan
    assert plan is not None
    for phase, views in zip(plan.phases, plan.inputs, strict=True):
        if isinstance(phase.rule, bd.Fixed):  # 1 + rate per draw: computed per call
            assert views is None
            continue
        assert views is not None
        for view, source in zip(views, phase.sources(), strict=False):
            assert view is None or np.shares_memory(view, np.asarray(source))
