"""Model adapters: nominal parameters reproduce the deterministic results; draws vectorize."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import burden as bd
from burden.uncertainty.models import (
    AgreementModel,
    ComparisonModel,
    agreement_model,
    comparison_model,
)


@pytest.mark.parametrize("name", ["SMA-8", "SMA-11", "US-DEMAND-2019", "ROK-OFFER-2020"])
@pytest.mark.parametrize(("currency", "basis"), [("KRW", "nominal"), ("USD", 2019), ("KRW", 2021)])
def test_nominal_parameters_reproduce_the_agreement(
    name: str, currency: str, basis: int | str
) -> None:
    agreement = bd.agreements.get(name)
    model = agreement_model(agreement, currency=currency, price_basis=basis)  # type: ignore[arg-type]
    try:
        expected = agreement.path().to(currency, basis).values  # type: ignore[arg-type]
    except bd.MissingDataError:
        # Constant USD deflates nominal dollars with US CPI-U, so it needs each year's
        # KRW/USD rate: none is shipped for 2010-2013 (SMA-8). The model says so too.
        with pytest.raises(bd.MissingDataError, match="KRW per USD"):
            model.paths({})
        return
    np.testing.assert_allclose(model.paths({}), expected[np.newaxis, :], rtol=1e-12)


def test_missing_exchange_rates_are_reported() -> None:
    # No shipped KRW/USD rate for 2010-2013: nominal USD needs them, as in the money layer.
    model = agreement_model(bd.agreements.get("SMA-8"), currency="USD")
    with pytest.raises(bd.MissingDataError, match="2010"):
        model.paths({})


def test_comparison_model_matches_compare() -> None:
    base, alt = bd.agreements.get("SMA-11"), bd.agreements.get("US-DEMAND-2019")
    model = comparison_model(base, alt, currency="USD", price_basis=2019)
    out = model({})
    c = bd.compare(base, alt, currency="USD", price_basis=2019)
    np.testing.assert_allclose([out[f"ratio {y}"][0] for y in c.years], c.ratio, rtol=1e-12)
    assert out["total ratio"][0] == pytest.approx(float(c.total_ratio), rel=1e-12)
    assert "baseline.index_shift[2022]" in model.nominal
    assert "alternative.base_amount" in model.nominal


def test_exchange_rate_scale_closed_form() -> None:
    # A KRW amount in USD divides by the rate: scaling the rate by s scales USD by 1/s.
    model = agreement_model(bd.agreements.get("SMA-10-HELD"), currency="USD")
    out = model({"krw_per_usd_scale": np.array([1.0, 1.25])})
    np.testing.assert_allclose(out["2020"][1], out["2020"][0] / 1.25)
    assert out["2020"][0] == pytest.approx(1.0389e12 / 1180.5554)  # S1, S66


def test_inflation_shift_closed_form() -> None:
    # Real KRW at 2020 prices of a 2021 amount: divide by (1 + 2021 inflation 2.5% + s) (S71).
    model = agreement_model(bd.agreements.get("SMA-10-HELD"), price_basis=2020)
    out = model({"inflation_shift": np.array([0.0, 0.01])})
    np.testing.assert_allclose(out["2021"], 1.0389e12 / np.array([1.025, 1.035]))


def test_index_shift_follows_the_rounding_rule() -> None:
    # +1 pp budget growth: 2022 rate 5.358% + 1 -> 6.4% after rounding to 0.1 pp;
    # 11,833 x 1.064 = 12,590.3 -> 12,590 (KRW 100 million).
    out = agreement_model(bd.agreements.get("SMA-11"))({"index_shift[2022]": np.array([0.01])})
    assert out["2022"][0] == 12_590e8


@given(
    shift=st.lists(st.floats(-0.02, 0.03), min_size=1, max_size=4),
    fx=st.floats(0.8, 1.2),
)
def test_vectorized_equals_per_draw(shift: list[float], fx: float) -> None:
    model = comparison_model(
        bd.agreements.get("SMA-11"),
        bd.agreements.get("US-COUNTER-2020"),
        currency="USD",
        price_basis=2019,
    )
    s = np.array(shift)
    params = {"baseline.index_shift[2022]": s, "krw_per_usd_scale": np.full(s.size, fx)}
    whole = model(params)
    for i in range(s.size):
        one = model({k: v[i : i + 1] for k, v in params.items()})
        for key, value in whole.items():
            assert value[i] == one[key][0]


@settings(max_examples=20, deadline=None)
@given(
    pair=st.sampled_from([("SMA-11", "US-DEMAND-2019"), ("SMA-10-HELD", "SMA-11")]),
    fx=st.lists(st.floats(0.8, 1.2), min_size=1, max_size=4),
    inflation=st.floats(-0.01, 0.01),
    shift=st.floats(-0.02, 0.03),
)
def test_comparison_sides_are_each_agreement_models_paths(
    pair: tuple[str, str], fx: list[float], inflation: float, shift: float
) -> None:
    # Both sides of a call share one chained price index: each side must still be exactly
    # its own agreement model's paths on the same draws, and the measures their arithmetic.
    base, alt = (bd.agreements.get(name) for name in pair)
    model = comparison_model(base, alt, currency="USD", price_basis=2019, measure="all")
    n = len(fx)
    shared = {"krw_per_usd_scale": np.array(fx), "inflation_shift": np.full(n, inflation)}
    indexed = "baseline" if pair[0] == "SMA-11" else "alternative"  # SMA-11's budget index
    own = {"index_shift[2022]": np.full(n, shift)}
    out = model(shared | {f"{indexed}.index_shift[2022]": own["index_shift[2022]"]})
    paths, cols = {}, {}
    for side, m in (("baseline", model.baseline), ("alternative", model.alternative)):
        draws = {k: v for k, v in shared.items() if k in m.nominal}
        paths[side] = m.paths(draws | own if side == indexed else draws)
        cols[side] = np.searchsorted(m.agreement.years, model.years)
    for j, year in enumerate(model.years.tolist()):
        b, a = (paths[side][:, cols[side][j]] for side in ("baseline", "alternative"))
        np.testing.assert_array_equal(out[f"baseline {year}"], b)
        np.testing.assert_array_equal(out[f"alternative {year}"], a)
        np.testing.assert_array_equal(out[f"difference {year}"], a - b)
        np.testing.assert_array_equal(out[f"ratio {year}"], a / b)
    totals = {side: paths[side][:, cols[side]].sum(axis=1) for side in paths}
    np.testing.assert_allclose(out["total baseline"], totals["baseline"], rtol=1e-15)
    np.testing.assert_allclose(
        out["total ratio"], totals["alternative"] / totals["baseline"], rtol=1e-14
    )


def test_bad_parameters() -> None:
    model = agreement_model(bd.agreements.get("SMA-11"))
    with pytest.raises(bd.MissingDataError, match="params"):
        model({"growth": np.array([0.0])})
    with pytest.raises(bd.InvalidInputError, match="params"):
        model({"base_amount": np.ones(2), "rate[2021]": np.ones(3)})
    with pytest.raises(bd.MissingDataError, match="currency"):
        agreement_model(bd.agreements.get("SMA-11"), currency="JPY")


def test_split_model_nominal_matches_split_costs() -> None:
    # The 2021 categories (S4) under the 11th SMA's 2021 envelope (KRW 1,183.3 bn, S4).
    cats = bd.datasets.sma_categories()
    row = cats[cats["year"] == 2021].set_index("category")["amount"]
    pool = bd.CostPool({c: [row[c]] for c in row.index}, currency="KRW", years=[2021])
    model = bd.models.split_model(
        pool, envelope=bd.agreements.get("SMA-11"), rule="cea", floors={"labor": 0.87}
    )
    assert model({})["host_share 2021"][0] == pytest.approx(1.0)
    # Labour costs 20% higher: the envelope no longer covers everything.
    # CEA after labour's floor: the shortfall is 0.2 x 559.8 = 111.96 bn of 1,295.26 bn.
    out = model({"cost_scale[labor]": np.array([1.0, 1.2])})["host_share 2021"]
    assert out[1] == pytest.approx(1183.3 / (1183.3 + 0.2 * 559.8))
    direct = bd.split_costs(
        bd.CostPool(
            {
                "labor": [1.2 * row["labor"]],
                "construction": [row["construction"]],
                "logistics": [row["logistics"]],
            },
            currency="KRW",
            years=[2021],
        ),
        envelope=[1183.3e9],
        rule="cea",
        floors={"labor": 0.87},
    )
    assert out[1] == pytest.approx(float(direct.host_share_total[0]))


def test_split_model_floor_parameter_changes_the_allocation() -> None:
    pool = bd.CostPool({"labor": [100.0], "logistics": [100.0]}, currency="KRW", years=[2021])
    model = bd.models.split_model(
        pool, envelope=[120.0], rule="cea", floors={"labor": 0.5}, output="sender"
    )
    # Floors do not change how much the host pays in total (120), only where it goes.
    np.testing.assert_allclose(
        model({"floor[labor]": np.array([0.5, 0.9])})["sender 2021"], [80.0, 80.0]
    )
    excess = bd.models.split_model(pool, envelope=[120.0], output="excess")
    np.testing.assert_allclose(
        excess({"envelope_scale": np.array([1.0, 2.0])})["excess 2021"], [0.0, 40.0]
    )


# -- regressions found in code review (each failed before its fix) --


def test_krw_model_in_constant_prices_has_no_exchange_rate_parameter() -> None:
    model = bd.models.agreement_model(bd.agreements.get("SMA-11"), price_basis=2020)
    assert "krw_per_usd_scale" not in model.nominal
    assert "inflation_shift" in model.nominal


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


# --- Issue 10: per-year parameters, comparison outputs, host indicators ----------------


def test_cpi_per_year_draws_reproduce_the_rule_by_hand() -> None:
    # 12th SMA: 2026 KRW 1,519.2 bn (S6); Y = Y-1 x (1 + CPI(Y-2)), capped at 5%, rounded
    # to KRW 100 million; CPI 2025 = 2.1% (S25); CPI 2026-2028 drawn per year.
    m = agreement_model(bd.agreements.get("SMA-12"), per_year=True)
    assert m.nominal["index[2027][2025]"] == pytest.approx(0.021)
    assert np.isnan(m.nominal["index[2027][2026]"])
    cpi = {2026: np.array([0.01, 0.03]), 2027: np.array([0.02, 0.06]), 2028: np.array([0.0, 0.0])}
    out = m({f"index[2027][{y}]": v for y, v in cpi.items()})
    for i in range(2):
        amount = 15192.0 * 1e8
        amount = round(amount * 1.021 / 1e8) * 1e8
        for year in (2026, 2027, 2028):
            amount = round(amount * (1 + min(cpi[year][i], 0.05)) / 1e8) * 1e8
        assert out["2030"][i] == pytest.approx(amount, rel=1e-12)


def test_exchange_rate_and_inflation_per_year() -> None:
    ctx = bd.MoneyContext().with_projection(per_usd={"KRW": 1400.0}, inflation={"USD": 0.025})
    sma12 = bd.agreements.get("SMA-12").with_projection(0.02)
    m = agreement_model(sma12, currency="USD", price_basis=2019, context=ctx, per_year=True)
    nominal = m.paths({})
    expected = sma12.path().to("USD", 2019, context=ctx).values
    np.testing.assert_allclose(nominal, expected[np.newaxis, :], rtol=1e-12)
    # The 2030 rate drawn at 1,300 and 1,500: only 2030 moves, inversely to the rate.
    out = m({"krw_per_usd[2030]": np.array([1300.0, 1500.0])})
    np.testing.assert_allclose(out["2030"], expected[-1] * 1400.0 / np.array([1300.0, 1500.0]))
    np.testing.assert_allclose(out["2029"], expected[-2])
    # 2030 inflation 3% instead of the stated 2.5%: the 2030 real amount falls by 1.025/1.03.
    hotter = m({"inflation[2030]": np.array([0.03])})
    assert hotter["2030"][0] == pytest.approx(expected[-1] * 1.025 / 1.03, rel=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0.0, 0.08), min_size=1, max_size=4))
def test_per_year_draws_vectorized_equal_per_draw(rates: list[float]) -> None:
    m = agreement_model(bd.agreements.get("SMA-12"), per_year=True)
    draws = {f"index[2027][{y}]": np.array(rates) for y in (2026, 2027, 2028)}
    together = m(draws)["2030"]
    for i, r in enumerate(rates):
        alone = m({k: np.array([r]) for k in draws})["2030"]
        assert together[i] == alone[0]


def test_comparison_model_returns_amounts_differences_and_ratios() -> None:
    base, alt = bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11")
    m = comparison_model(base, alt, currency="USD", price_basis=2019, measure="all")
    out = m({})
    c = bd.compare(base, alt, currency="USD", price_basis=2019)
    for j, year in enumerate(c.years):
        assert out[f"baseline {year}"][0] == pytest.approx(c.baseline.values[j], rel=1e-12)
        assert out[f"alternative {year}"][0] == pytest.approx(c.alternative.values[j], rel=1e-12)
        assert out[f"difference {year}"][0] == pytest.approx(c.difference[j], rel=1e-9)
        assert out[f"ratio {year}"][0] == pytest.approx(c.ratio[j], rel=1e-12)
    assert out["total difference"][0] == pytest.approx(float(c.total_difference), rel=1e-9)


def test_indicator_model_uses_the_agreements_own_host() -> None:
    sma11 = bd.agreements.get("SMA-11")
    m = bd.models.indicator_model(sma11)
    c = bd.compare(bd.agreements.get("SMA-10-HELD"), sma11)
    out = m({"host.defense_budget_scale": np.array([1.0, 2.0])})
    share = c.alternative_indicators.share_of_defense_budget
    np.testing.assert_allclose(out["share_of_defense_budget 2021"], [share[1], share[1] / 2])
    per = bd.models.indicator_model(sma11, indicator="per_service_member", per_year=True)
    # KRW 1,183.3 bn (S10) over 30,000 drawn troops instead of 28,500 (S5, S11).
    got = per({"host.troops[2021]": np.array([30_000.0])})["per_service_member 2021"]
    assert got[0] == pytest.approx(1183.3e9 / 30_000)
    bare = bd.Agreement(
        name="x",
        base_year=2020,
        base_amount=1.0,
        currency="KRW",
        end_year=2021,
        escalation=bd.Freeze(),
    )
    with pytest.raises(bd.InvalidInputError) as info:
        bd.models.indicator_model(bare)
    assert info.value.field == "agreement.host"


def test_hand_built_sides_with_different_money_inputs_keep_their_own_paths() -> None:
    # One side draws a per-year inflation, the other cannot: they must not share the
    # chained price index (each side is exactly its own agreement model).
    from burden.uncertainty.models import ComparisonModel

    options = {"currency": "USD", "price_basis": 2019}
    per_year = agreement_model(bd.agreements.get("SMA-11"), per_year=True, **options)  # type: ignore[arg-type]
    plain = agreement_model(bd.agreements.get("US-DEMAND-2019"), **options)  # type: ignore[arg-type]
    draws = {"inflation[2021]": np.array([0.10, 0.0]), "inflation_shift": np.array([0.0, 0.01])}
    for base, alt in ((per_year, plain), (plain, per_year)):
        model = ComparisonModel(
            baseline=base, alternative=alt, measure="all", years=np.arange(2020, 2026)
        )
        out = model(draws)
        for side, m in (("baseline", base), ("alternative", alt)):
            want = m.paths({k: v for k, v in draws.items() if k in m.nominal})
            for j, year in enumerate(range(2020, 2026)):
                np.testing.assert_array_equal(out[f"{side} {year}"], want[:, j])


@pytest.mark.parametrize("measure", ["baseline", "alternative", "difference", "ratio", "all"])
def test_an_overflow_on_either_side_is_refused_for_every_measure(measure: str) -> None:
    # A KRW amount over a rate scaled by 1e-300 overflows to inf: a ratio against it
    # would be 0, a finite number that a Monte Carlo run would take (docs/reliability.md).
    model = comparison_model(
        bd.agreements.get("SMA-11"),
        bd.agreements.get("US-DEMAND-2019"),
        currency="USD",
        measure=measure,  # type: ignore[arg-type]
    )
    with pytest.raises(bd.InvalidInputError, match="overflowed"):
        model({"krw_per_usd_scale": np.array([1e-300, 1.0])})


def _long(name: str, rate: float) -> bd.Agreement:
    return bd.Agreement(
        name=name,
        base_year=2007,
        base_amount=1.0389e12,
        currency="KRW",
        end_year=2025,  # 19 years: numpy sums 8 or more values pairwise when contiguous
        escalation=bd.Fixed(rate),
        rounding=1e8,
    )


def test_totals_over_many_years_do_not_depend_on_the_chunk() -> None:
    import burden.sensitivity as bs

    base, alt = _long("a", 0.031), _long("b", 0.047)
    # At constant prices (Korean CPI, S22-S72): amounts are not whole numbers, so the
    # order of the additions shows in the last bits.
    models: list[ComparisonModel | AgreementModel] = [
        comparison_model(base, alt, measure="all", price_basis=2019),
        agreement_model(base, total=True, price_basis=2019),
    ]
    for model in models:
        name = next(k for k in model.nominal if k.endswith("rate[2008]"))
        space = bs.ParameterSpace([bs.Parameter(name, (0.0, 0.08))])
        x = bs.sample(space, 101, method="random", rng=4)
        whole, labels = bs.evaluate(model, space, x, chunk_size=101)
        parts, _ = bs.evaluate(model, space, x, chunk_size=100)
        np.testing.assert_array_equal(whole, parts)
        one = model({name: x[7:8, 0]})
        np.testing.assert_array_equal(whole[7], [one[label][0] for label in labels])


def test_comparison_years_must_lie_within_both_agreements() -> None:
    from burden.uncertainty.models import ComparisonModel

    base = agreement_model(bd.agreements.get("SMA-11"))  # 2020-2025
    alt = agreement_model(bd.agreements.get("SMA-10-HELD"))  # 2019-2025
    for years in ([2024, 2025, 2026], [2019, 2020], [2020, 2022], []):
        with pytest.raises(bd.InvalidInputError, match="years"):
            ComparisonModel(baseline=base, alternative=alt, measure="difference", years=years)  # type: ignore[arg-type]
