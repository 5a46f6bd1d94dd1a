"""Regression tests for issue 11: every case of "A contract that holds for any input".

Bad input gives a one-line BurdenError; results are read-only; what cannot finish is
refused up front (settable limits); finite input never turns silently into inf or NaN.
The policy is documented in docs/reliability.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pytest

import burden as bd
import burden.sensitivity as bs
from burden._core import limits as limits_module
from burden.escalation import round_half_up
from burden.typing import FloatArray


def _space() -> bd.ParameterSpace:
    return bd.ParameterSpace([bd.Parameter("x0", (0.0, 1.0)), bd.Parameter("x1", (0.0, 1.0))])


def _linear(p: Mapping[str, FloatArray]) -> FloatArray:
    return p["x0"] + p["x1"]


def _bad(value: object) -> Any:
    """A value of the wrong type, on purpose."""
    return value


def _game() -> bd.TUGame:
    return bd.TUGame.bankruptcy(200.0, [100.0, 200.0, 300.0])


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "call",
    [
        lambda: bd.money.check_price_basis(np.array([2019, 2020])),  # was: truth value ambiguous
        lambda: bd.split_costs(
            bd.CostPool({"labor": [1.0]}, currency="KRW", years=[2020]), rule=_bad(["cea"])
        ),
        lambda: bd.agreements.get(_bad(["SMA-11"])),  # was: unhashable list
        lambda: bd.monte_carlo(_linear, _space(), n=16, rng=_bad(1.5)),  # rng passed to numpy
        lambda: bd.monte_carlo(_linear, _space(), n=16, rng=-1),
        lambda: bd.sobol(_linear, _space(), n=16, confidence_level=_bad([0.9, 0.95])),
        lambda: bd.claims.talmud(100.0, [[1.0, 2.0], [3.0]]),  # ragged: caught by burden
        lambda: bd.money.default_context().price_level(1e61),  # was: OverflowError
        lambda: bd.money.default_context().price_level([2020.5]),
        lambda: bd.games.shapley_sampled(_game(), rng=_bad("seed")),
        lambda: bd.prim(np.zeros((4, 2)), [True, False, True, False], paste=_bad(np.array([1]))),
        lambda: bd.measures.target(_bad(pd.Series(["a"]))),
    ],
)
def test_bad_input_is_one_line_burden_error(call: Callable[[], Any]) -> None:
    with pytest.raises(bd.BurdenError) as info:
        call()
    assert "\n" not in str(info.value)


def test_series_in_a_message_is_summarised_on_one_line() -> None:
    bad = pd.Series(np.arange(50.0), index=np.arange(2000, 2050))
    with pytest.raises(bd.BurdenError) as info:
        bd.money.check_currency(bad)
    text = str(info.value)
    assert "\n" not in text
    assert "Series of length 50" in text


def test_first_bad_element_is_named() -> None:
    with pytest.raises(bd.InvalidInputError, match=r"first at \[2\]: nan"):
        bd.claims.talmud(1.0, [1.0, 2.0, np.nan])


def test_did_you_mean_for_names() -> None:
    with pytest.raises(bd.MissingDataError, match="did you mean 'USD'"):
        bd.money.check_currency("usd")


# --------------------------------------------------------------------------- read-only
def _writable_after(call: Callable[[], Any]) -> list[bool]:
    out = call()
    arrays = out if isinstance(out, tuple | list) else [out]
    if isinstance(out, dict):
        arrays = list(out.values())
    return [bool(a.flags.writeable) for a in arrays if isinstance(a, np.ndarray)]


@pytest.mark.parametrize(
    "call",
    [
        lambda: bs.sample(_space(), 8, rng=1),
        lambda: bs.sample_unit(8, 2, rng=1),
        lambda: bd.money.convert([1.0e12], [2020], from_currency="KRW", to_currency="USD"),
        lambda: _space().ppf([[0.1, 0.2]]),
        lambda: _space().nominal_values(),
        lambda: _space().correlate(np.full((3, 2), 0.5)),
        lambda: bd.Parameter("x", (0.0, 1.0)).ppf([0.5]),
        lambda: bd.bargain.linear_frontier(10.0).evaluate([1.0, 2.0]),
        lambda: bd.games.kohlberg_check(_game(), [0.0, 50.0, 150.0]),
        lambda: round_half_up(np.array([1.4, 2.6]), 1.0),
        lambda: bd.models.agreement_model(bd.agreements.get("SMA-11")).paths(
            {"base_amount": np.array([1.0e12])}
        ),
        lambda: bd.models.agreement_model(bd.agreements.get("SMA-11"))(
            {"base_amount": np.array([1.0e12])}
        ),
        lambda: bs.sobol_design(_space(), 8, rng=1).stacked(),
        lambda: bd.Fixed(0.05).next_amounts(np.array([1.0]), 2021),
    ],
)
def test_returned_arrays_are_read_only(call: Callable[[], Any]) -> None:
    flags = _writable_after(call)
    assert flags
    assert not any(flags)


def test_model_attributes_are_read_only() -> None:
    model = bd.models.comparison_model(
        bd.agreements.get("SMA-11"), bd.agreements.get("US-DEMAND-2019")
    )
    assert not model.years.flags.writeable
    pool = bd.CostPool({"labor": [1.0]}, currency="KRW", years=[2020])
    assert not bd.models.split_model(pool, envelope=[1.0]).envelope.flags.writeable


# --------------------------------------------------------------------------- limits
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: bd.TUGame.airport(np.arange(1.0, 31.0)), "players"),
        (lambda: bd.games.shapley_sampled(_game(), n_permutations=10**12), "n_permutations"),
        (lambda: bd.sobol(_linear, _space(), n=2**40), "n"),
        (lambda: bd.morris(_linear, _space(), trajectories=10**10), "trajectories"),
        (lambda: bd.claims.proportional(np.ones((200_000, 1)), np.ones((1, 50_000))), "estate"),
        (lambda: bd.monte_carlo(_linear, _space(), n=2**40), "n"),
        (lambda: bd.monte_carlo(_linear, _space(), n=10**12, method="random"), "n"),
        (lambda: bd.bargain.rubinstein(0.9, 0.8, horizon=10**12), "horizon"),
    ],
)
def test_what_cannot_finish_is_refused_up_front(call: Callable[[], Any], field: str) -> None:
    with pytest.raises(bd.LimitError) as info:
        call()
    text = str(info.value)
    assert text.startswith(field)
    assert "limit" in text  # the limit and its estimate
    assert "set_limits" in text  # the way out
    assert "\n" not in text


def test_limits_are_settable_for_a_block_and_for_the_session() -> None:
    game = np.arange(1.0, 13.0)  # 12 players: 4096 coalitions, about 100 KB
    with bd.limits(memory="64KiB"), pytest.raises(bd.LimitError, match="12 players"):
        bd.TUGame.airport(game)
    assert bd.TUGame.airport(game).n_players == 12  # restored after the block
    old = bd.set_limits(work=10**3)
    try:
        with pytest.raises(bd.LimitError, match="work limit"):
            bd.monte_carlo(_linear, _space(), n=1024, rng=0)
    finally:
        bd.set_limits(**dataclasses.asdict(old))
    # Streaming Monte Carlo runs to any n the user explicitly allows.
    with bd.limits(work=10**12):
        assert bd.monte_carlo(_linear, _space(), n=1024, rng=0).n == 1024


def test_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BURDEN_LIMITS", "memory=8GiB,work=1e11,year_span=50")
    got = limits_module._from_environment()
    assert (got.memory, got.work, got.year_span) == (8 * 2**30, 10**11, 50)
    monkeypatch.setenv("BURDEN_LIMITS", "memroy=8GiB")
    with pytest.raises(bd.InvalidInputError, match="BURDEN_LIMITS"):
        limits_module._from_environment()


# --------------------------------------------------------------------------- non-finite
@pytest.mark.parametrize(
    "rule", [bd.claims.proportional, bd.claims.cel, bd.claims.adjusted_proportional]
)
def test_overflowing_claims_raise_instead_of_zero(rule: Callable[..., Any]) -> None:
    # proportional(1e308, [1e308, 1e308]) used to give [0, 0]: the sum overflows.
    with pytest.raises(bd.InvalidInputError, match="overflowed"):
        rule(1e308, [1e308, 1e308])


def test_ratio_against_zero_is_nan_with_a_warning_and_a_mask() -> None:
    pool = bd.CostPool({"labor": [0.0, 2.0]}, currency="KRW", years=[2020, 2021])
    split = bd.split_costs(pool, host_shares={"labor": 0.5})
    with pytest.warns(bd.BurdenWarning, match="against a zero amount"):
        share = split.host_share_total
    assert np.isnan(share[0])
    assert share[1] == 0.5
    with pytest.warns(bd.BurdenWarning):
        ratio = bd.cost_sharing_ratio([1.0, 0.0], [0.0, 0.0], definition="gao")
    assert np.isnan(ratio).all()


def test_a_rounding_step_that_swallows_the_amount_is_refused() -> None:
    with pytest.raises(bd.InvalidInputError, match="no larger than the base amount"):
        bd.Agreement(
            name="a",
            base_year=2020,
            base_amount=5.0e7,
            currency="KRW",
            end_year=2023,
            escalation=bd.Fixed(0.05),
            rounding=1.0e8,
        )


@pytest.mark.parametrize("step", [0.0, -1.0, float("nan")])
def test_round_half_up_needs_a_positive_step(step: float) -> None:
    with pytest.raises(bd.InvalidInputError, match="step"):
        round_half_up(np.array([1.0]), step)


def test_probabilities_outside_unit_interval_are_refused() -> None:
    with pytest.raises(bd.InvalidInputError, match=r"probabilities in \[0, 1\]"):
        bd.Parameter("x", (0.0, 1.0)).ppf([1.5])
    with pytest.raises(bd.InvalidInputError):
        _space().ppf([[0.1, -0.2]])


def test_convert_refuses_an_overflow() -> None:
    with pytest.raises(bd.InvalidInputError, match="overflowed"):
        bd.money.convert([1e308], [2020], from_currency="USD", to_currency="KRW")


def test_points_off_the_frontier_are_refused() -> None:
    front = bd.bargain.linear_frontier(10.0)
    with pytest.raises(bd.InvalidInputError, match="on the frontier"):
        front.evaluate([11.0])
    with pytest.raises(bd.InvalidInputError, match="on the frontier"):
        front.evaluate([-1.0])


def test_escalating_past_float64_is_refused() -> None:
    agreement = bd.Agreement(
        name="a",
        base_year=2020,
        base_amount=1e307,
        currency="KRW",
        end_year=2030,
        escalation=bd.Fixed(0.5),
    )
    with pytest.raises(bd.InvalidInputError, match="overflowed"):
        agreement.path()
