"""Model adapters: nominal parameters reproduce the deterministic results; draws vectorize."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import burden as bd
from burden.uncertainty.models import agreement_model, comparison_model


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
