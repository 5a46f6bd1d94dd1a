"""Regression tests for bugs found in code review (each failed before its fix)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import burden as bd


def test_host_never_pays_more_than_the_cost() -> None:
    # floor + award reached the cap only up to rounding: sender was -1e-13 and the ratio raised.
    rng = np.random.default_rng(72)
    for _ in range(200):
        c = rng.uniform(1, 1000, 3)
        f = float(rng.uniform(0, 0.9))
        pool = bd.CostPool({"a": [c[0]], "b": [c[1]], "c": [c[2]]}, currency="KRW", years=[2020])
        for rule in ("proportional", "cea", "cel"):
            split = bd.split_costs(pool, envelope=[2 * c.sum()], floors={"a": f}, rule=rule)
            assert (split.sender >= 0).all()
            assert split.cost_sharing_ratio()[0] == pytest.approx(1.0)


def test_caps_with_draws_alone() -> None:
    pool = bd.CostPool(
        {"labor": [100.0, 100.0], "construction": [50.0, 60.0]}, currency="KRW", years=[2020, 2021]
    )
    split = bd.split_costs(pool, envelope=[120.0, 120.0], caps={"labor": np.array([[0.5], [0.8]])})
    assert split.host.shape == (2, 2, 2)
    # Draw 0: labour capped at 50, construction takes the rest up to its cost.
    np.testing.assert_allclose(split.host[0, 0], [50.0, 50.0])


def test_one_year_agreements_take_projections_and_models() -> None:
    sma10 = bd.agreements.get("SMA-10")
    assert sma10.with_projection(0.02).amounts().tolist() == [1.0389e12]  # S1
    out = bd.models.agreement_model(sma10)({})
    assert out["2019"][0] == 1.0389e12


def test_real_won_needs_no_exchange_rate() -> None:
    # SMA-8 in 2010 prices: only the CPI is needed (no KRW/USD rate is shipped for 2010-13).
    real = bd.agreements.get("SMA-8").path().to("KRW", 2010)
    # 2010 amount in 2010 prices is itself: KRW 7,904 x 100 million (S2).
    assert real.values[1] == pytest.approx(7904e8)


def test_freeze_keeps_the_amount_even_with_rounding() -> None:
    a = bd.Agreement(
        name="f",
        base_year=2020,
        base_amount=1.03889e12,
        currency="KRW",
        end_year=2022,
        escalation=bd.Freeze(),
        rounding=1e8,
    )
    assert a.amounts().tolist() == [1.03889e12] * 3


def test_envelope_agreement_is_computed_only_as_far_as_the_pool() -> None:
    # SMA-12 needs a CPI projection only from 2028 (S6): a 2026 pool does not.
    pool = bd.CostPool({"labor": [2e12]}, currency="KRW", years=[2026])
    split = bd.split_costs(pool, envelope=bd.agreements.get("SMA-12"))
    assert split.host[0, 0] == 1.5192e12


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
        (
            lambda: (
                bd.Amounts(values=np.ones((3, 2)), years=[2020, 2021], currency="KRW")
                + bd.Amounts(values=np.ones((2, 2)), years=[2020, 2021], currency="KRW")
            ),
            bd.InvalidInputError,
            "Amounts.values",
        ),
        (
            lambda: bd.measures.target_gap(1.0, 10.0, share_of_gdp="0.02"),  # type: ignore[arg-type]
            bd.InvalidInputError,
            "share_of_gdp",
        ),
        (
            lambda: bd.measures.fair_share_ratio([1.0, 2.0, 3.0], [1.0, 2.0]),
            bd.InvalidInputError,
            "defense_spending, gdp",
        ),
        (
            lambda: bd.CostPool(pd.DataFrame({"labor": [1.0, 2.0]}), currency="KRW"),
            bd.InvalidInputError,
            "CostPool.years",
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
def test_bad_input_is_a_burden_error(call: object, error: type[Exception], field: str) -> None:
    with pytest.raises(error, match=field):
        call()  # type: ignore[operator]


def test_krw_model_in_constant_prices_has_no_exchange_rate_parameter() -> None:
    model = bd.models.agreement_model(bd.agreements.get("SMA-11"), price_basis=2020)
    assert "krw_per_usd_scale" not in model.nominal
    assert "inflation_shift" in model.nominal


def test_degenerate_alliance_inputs_are_named() -> None:
    with pytest.raises(bd.InvalidInputError, match="gni"):
        bd.measures.common_funding_shares([0.0, 0.0])
    with pytest.raises(bd.InvalidInputError, match="burden"):
        bd.measures.olson_zeckhauser([1.0, 2.0, 3.0], [0.02, 0.02, 0.02])


def test_importing_burden_does_not_import_tqdm_auto() -> None:
    # tqdm.auto warns in notebooks without ipywidgets; it is loaded only to show a bar.
    import subprocess
    import sys

    code = "import sys, burden; print('tqdm.auto' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_plain_function_reading_an_unknown_parameter_is_named() -> None:
    space = bd.ParameterSpace([bd.Parameter("b", (0.0, 1.0))])
    with pytest.raises(bd.MissingDataError, match="'a'"):
        bd.monte_carlo(lambda p: 2 * p["a"], space, n=64)


def test_caps_typed_as_percentages_are_rejected() -> None:
    with pytest.raises(bd.InvalidInputError, match="caps"):
        bd.measures.common_funding_shares([27000.0, 4500.0], caps=[16.35, np.inf])


def test_non_overlapping_scenarios_say_so_even_with_years() -> None:
    with pytest.raises(bd.InvalidInputError, match="overlapping"):
        bd.compare(bd.agreements.get("SMA-11"), bd.agreements.get("SMA-12"), years=[2026])


def test_models_take_a_context_for_projected_years() -> None:
    # SMA-12 in USD after 2025 needs an exchange rate nobody has published: state one.
    ctx = bd.money.default_context()
    fx = ctx.per_usd["KRW"]
    later = pd.Series(1400.0, index=range(2026, 2031))  # an assumption, stated here
    ctx = ctx.with_per_usd("KRW", pd.concat([fx, later]))
    sma12 = bd.agreements.get("SMA-12").with_projection(0.02)
    out = bd.models.agreement_model(sma12, currency="USD", context=ctx)({})
    assert out["2026"][0] == pytest.approx(1.5192e12 / 1400.0)  # S6
    with pytest.raises(bd.MissingDataError, match="2026"):
        bd.models.agreement_model(sma12, currency="USD")({})
