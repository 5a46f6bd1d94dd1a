"""Cost pools and host-sender splits: accounting identities, closed forms, properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import claims_rules, cost_arrays

import burden as bd
from burden import MissingDataError
from burden.costs import ability_to_pay, compare_splits

CATS = ("labor", "construction", "logistics")
rules = claims_rules  # every claims rule by its full name (bd.claims) and the aliases


def _pool(costs: np.ndarray) -> bd.CostPool:
    years = list(range(2020, 2020 + costs.shape[-2]))
    return bd.CostPool({c: costs[..., k] for k, c in enumerate(CATS)}, currency="KRW", years=years)


def _sma_pool(year: int) -> bd.CostPool:
    cats = bd.datasets.sma_categories()
    row = cats[cats["year"] == year].set_index("category")["amount"]
    return bd.CostPool({c: [row[c]] for c in CATS}, currency="KRW", years=[year])


def test_2019_split_reproduced_from_its_parts() -> None:
    # DWP 2020 Chart 6-2 (S3): labour 500.5, construction 371.0, logistics 167.4 = 1,038.9 KRW bn.
    pool = _sma_pool(2019)
    split = bd.split_costs(pool, envelope=bd.agreements.get("SMA-10"))
    np.testing.assert_allclose(split.host[0], [500.5e9, 371.0e9, 167.4e9], rtol=1e-12)
    np.testing.assert_allclose(split.host_share[0], [1.0, 1.0, 1.0])
    assert split.excess[0] == pytest.approx(0.0, abs=1e-3)
    # Shares of the total: 48%, 36%, 16% as printed in the white paper.
    np.testing.assert_allclose(pool.costs[0] / pool.costs[0].sum(), [0.48, 0.36, 0.16], atol=0.005)


def test_11th_sma_envelope_over_the_2021_split() -> None:
    # The 2021 envelope (KRW 1,183.3 bn, S4) over the 2021 categories (S4): everything covered.
    split = bd.split_costs(_sma_pool(2021), envelope=bd.agreements.get("SMA-11"))
    assert split.host.sum() == pytest.approx(1183.3e9, rel=1e-12)


@given(costs=cost_arrays, frac=st.floats(0.0, 1.5), rule=rules)
def test_conservation_and_envelope_accounting(costs: np.ndarray, frac: float, rule: str) -> None:
    pool = _pool(costs)
    envelope = frac * costs.sum(axis=-1)
    split = bd.split_costs(pool, envelope=envelope, rule=rule)  # type: ignore[arg-type]
    np.testing.assert_allclose(split.host + split.sender, costs, rtol=1e-9, atol=1e-3)
    np.testing.assert_allclose(
        split.host.sum(axis=-1), np.minimum(envelope, costs.sum(axis=-1)), rtol=1e-9, atol=1e-3
    )
    np.testing.assert_allclose(split.excess, envelope - split.host.sum(axis=-1), atol=1e-3)
    assert (split.excess >= -1e-3).all()
    assert (split.host >= -1e-6).all()
    assert (split.sender >= -1e-3).all()


@given(
    costs=cost_arrays,
    frac=st.floats(0.0, 1.2),
    rule=rules,
    floor=st.floats(0.0, 0.9),
    cap=st.floats(0.0, 1.0),
)
def test_floors_and_caps_are_honoured(
    costs: np.ndarray, frac: float, rule: str, floor: float, cap: float
) -> None:
    cap = max(cap, floor)
    envelope = frac * costs.sum(axis=-1)
    split = bd.split_costs(
        _pool(costs),
        envelope=envelope,
        rule=rule,  # type: ignore[arg-type]
        floors={"labor": floor},
        caps={"logistics": cap},
    )
    ok = split.feasible
    assert (ok == (floor * costs[..., 0] <= envelope * (1 + 1e-12))).all()
    labor, logistics = split.host[..., 0], split.host[..., 2]
    assert (labor[ok] >= floor * costs[..., 0][ok] - 1e-3).all()
    assert (logistics[ok] <= cap * costs[..., 2][ok] + 1e-3).all()
    assert np.isnan(split.host[~ok]).all()


def test_closed_forms_of_the_rules() -> None:
    # Costs (100, 200, 300), envelope 300: proportional (50, 100, 150); CEA (100, 100, 100);
    # CEL: losses of 100 each -> (0, 100, 200) (Thomson 2003 definitions).
    pool = _pool(np.array([[100.0, 200.0, 300.0]]))
    expected = {"proportional": [50, 100, 150], "cea": [100, 100, 100], "cel": [0, 100, 200]}
    for rule, awards in expected.items():
        host = bd.split_costs(pool, envelope=[300.0], rule=rule).host  # type: ignore[arg-type]
        np.testing.assert_allclose(host[0], awards)


@given(costs=cost_arrays, frac=st.floats(0.0, 1.0), scale=st.floats(0.01, 100.0), rule=rules)
def test_scale_invariance(costs: np.ndarray, frac: float, scale: float, rule: str) -> None:
    envelope = frac * costs.sum(axis=-1)
    a = bd.split_costs(_pool(costs), envelope=envelope, rule=rule).host  # type: ignore[arg-type]
    b = bd.split_costs(_pool(scale * costs), envelope=scale * envelope, rule=rule).host  # type: ignore[arg-type]
    np.testing.assert_allclose(b, scale * a, rtol=1e-9, atol=1e-3 * scale)


@given(costs=cost_arrays, f1=st.floats(0.0, 1.2), f2=st.floats(0.0, 1.2), rule=rules)
def test_monotone_in_the_envelope(costs: np.ndarray, f1: float, f2: float, rule: str) -> None:
    lo, hi = sorted((f1, f2))
    total = costs.sum(axis=-1)
    a = bd.split_costs(_pool(costs), envelope=lo * total, rule=rule).host  # type: ignore[arg-type]
    b = bd.split_costs(_pool(costs), envelope=hi * total, rule=rule).host  # type: ignore[arg-type]
    assert (b >= a - 1e-3).all()


@given(costs=cost_arrays, frac=st.floats(0.0, 1.2), rule=rules)
def test_vectorized_equals_per_draw(costs: np.ndarray, frac: float, rule: str) -> None:
    envelope = frac * costs.sum(axis=-1)
    whole = bd.split_costs(
        _pool(costs),
        envelope=envelope,
        rule=rule,  # type: ignore[arg-type]
        floors={"labor": 0.3},
    )
    for i in range(costs.shape[0]):
        one = bd.split_costs(
            _pool(costs[i]),
            envelope=envelope[i],
            rule=rule,  # type: ignore[arg-type]
            floors={"labor": 0.3},
        )
        np.testing.assert_array_equal(whole.host[i], one.host)
        np.testing.assert_array_equal(whole.excess[i], one.excess)


def test_host_shares() -> None:
    pool = _pool(np.array([[100.0, 200.0, 300.0]]))
    split = bd.split_costs(pool, host_shares={"labor": 0.87, "logistics": 0.5})
    np.testing.assert_allclose(split.host[0], [87.0, 0.0, 150.0])
    np.testing.assert_allclose(split.sender[0], [13.0, 200.0, 150.0])
    assert split.host_share_total[0] == pytest.approx(237 / 600)


def test_infeasible_floors_give_nan_or_raise() -> None:
    pool = _pool(np.array([[100.0, 100.0, 100.0]]))
    split = bd.split_costs(pool, envelope=[50.0], floors={"labor": 0.87})
    assert not split.feasible[0]
    assert np.isnan(split.host).all()
    with pytest.raises(bd.InfeasibleError, match="floors"):
        bd.split_costs(pool, envelope=[50.0], floors={"labor": 0.87}, strict=True)


def test_floors_just_above_the_envelope_are_infeasible() -> None:
    # Floors of 100.5 against an envelope of 100: 0.5% too much is still infeasible
    # (the test admits rounding error, 1e-12 relative, nothing more); exactly 100 fits.
    pool = bd.CostPool({"labor": [100.5], "logistics": [100.0]}, currency="KRW", years=[2021])
    over = bd.split_costs(pool, envelope=[100.0], floors={"labor": 1.0})
    assert over.feasible.tolist() == [False]
    assert np.isnan(over.host).all()
    with pytest.raises(bd.InfeasibleError, match="floors"):
        bd.split_costs(pool, envelope=[100.0], floors={"labor": 1.0}, strict=True)
    fits = bd.split_costs(pool, envelope=[100.5], floors={"labor": 1.0})
    assert fits.feasible.tolist() == [True]
    assert fits.host[0].tolist() == [100.5, 0.0]


def test_envelope_above_cost_is_reported_as_excess() -> None:
    # The 2019 US demand (USD 5 bn, S31) against the Pentagon's FY2020 estimate of the costs of
    # US forces in Korea (USD 4.46 bn, S35): USD 0.54 bn would exceed the pool.
    pool = bd.CostPool({"usfk_costs": [4.46e9]}, currency="USD", years=[2020])
    split = bd.split_costs(pool, envelope=bd.agreements.get("US-DEMAND-2019"))
    assert split.excess[0] == pytest.approx(0.54e9)
    assert split.host[0, 0] == pytest.approx(4.46e9)


def test_envelope_in_another_currency_is_converted() -> None:
    pool = bd.CostPool({"labor": [2e12]}, currency="KRW", years=[2020])
    split = bd.split_costs(pool, envelope=bd.agreements.get("US-COUNTER-2020"))
    # USD 1.3 bn x 1,180.5554 KRW/USD (S39, S66).
    assert split.host[0, 0] == pytest.approx(1.3e9 * 1180.5554)
    usd = split.to("USD")
    assert usd.host[0, 0] == pytest.approx(1.3e9)
    np.testing.assert_allclose(usd.host + usd.sender, usd.pool.costs)


def test_cost_sharing_ratios() -> None:
    # GAO-21-270 (S48), 2016-2019: Korea 5.8 / 13.4 = 43%, Japan 12.6 / 20.9 = 60%.
    gao = bd.datasets.gao_21_270().pivot_table(index="country", columns="item", values="value")
    ratio = bd.cost_sharing_ratio(
        gao["host_direct_support"].to_numpy(), gao["dod_obligations"].to_numpy(), definition="gao"
    )
    np.testing.assert_allclose(ratio, [12.6 / 20.9, 5.8 / 13.4])  # JPN, KOR (sorted)
    assert round(float(ratio[1]), 2) == 0.43
    # DoD definition: H / (H + S); host pays 40 of 100 non-personnel costs -> 40%.
    assert float(bd.cost_sharing_ratio(40.0, 60.0)) == pytest.approx(0.4)
    pool = bd.CostPool(
        {"military_personnel": [50.0], "operation_maintenance": [100.0]},
        currency="USD",
        years=[2020],
    )
    split = bd.split_costs(pool, host_shares={"operation_maintenance": 0.4})
    assert split.cost_sharing_ratio()[0] == pytest.approx(40 / (40 + 60))
    assert split.cost_sharing_ratio(definition="gao")[0] == pytest.approx(40 / 110)


def test_ability_to_pay_and_compare_splits() -> None:
    np.testing.assert_allclose(
        ability_to_pay([10.0, 20.0], [[1.0, 1.0], [1.0, 3.0]]), [[5.0, 5.0], [5.0, 15.0]]
    )
    pool = _pool(np.array([[100.0, 200.0, 300.0]]))
    a = bd.split_costs(pool, envelope=[300.0], rule="cea")
    b = bd.split_costs(pool, envelope=[300.0], rule="cel")
    table = compare_splits(a, b, names=("CEA", "CEL"))
    assert table.loc[(2020, "labor", "host"), "difference"] == pytest.approx(-100.0)


def test_pool_from_dataframe_and_to_frame() -> None:
    frame = pd.DataFrame({"labor": [1.0, 2.0], "logistics": [3.0, 4.0]}, index=[2020, 2021])
    pool = bd.CostPool(frame, currency="KRW")
    assert pool.years.tolist() == [2020, 2021]
    tidy = bd.split_costs(pool, host_shares={"labor": 1.0}).to_frame(scenario="s")
    assert list(tidy.columns) == [
        "scenario",
        "year",
        "category",
        "payer",
        "value",
        "currency",
        "price_basis",
    ]
    assert tidy["value"].sum() == pytest.approx(frame.to_numpy().sum())


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "host_shares, envelope"),
        ({"host_shares": {"labor": 1.0}, "envelope": [1.0]}, "host_shares, envelope"),
        ({"host_shares": {"labor": 1.5}}, r"host_shares\['labor'\]"),
        ({"host_shares": {"fuel": 0.5}}, "host_shares"),
        ({"envelope": [1.0], "floors": {"labor": 0.9}, "caps": {"labor": 0.5}}, "caps"),
        ({"envelope": [1.0], "rule": "talmd"}, "rule.*did you mean 'talmud'"),
        ({"envelope": [1.0], "rule": ["cea"]}, "rule"),
        ({"envelope": [1.0, 2.0]}, "envelope"),
        ({"envelope": [-1.0]}, "envelope"),
        ({"envelope": bd.agreements.get("SMA-8")}, "envelope.years"),
    ],
)
def test_bad_splits(kwargs: dict[str, object], field: str) -> None:
    pool = _pool(np.array([[1.0, 2.0, 3.0]]))
    with pytest.raises(bd.BurdenError, match=field):
        bd.split_costs(pool, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("costs", "kwargs", "field"),
    [
        ({"labor": [-1.0]}, {"years": [2020]}, "CostPool.costs"),
        ({"labor": [1.0]}, {"years": [2020, 2021]}, "CostPool.costs"),
        ({"labor": [1.0, 2.0]}, {"years": [2020, 2022]}, "CostPool.years"),
        ({}, {"years": [2020]}, "CostPool.costs"),
        ({"labor": [1.0]}, {}, "CostPool.years"),
        ({"labor": [1.0]}, {"years": [2020], "currency": "XXX"}, "CostPool.currency"),
    ],
)
def test_bad_pools(costs: dict[str, list[float]], kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(bd.BurdenError, match=field):
        bd.CostPool(costs, **{"currency": "KRW", **kwargs})  # type: ignore[arg-type]


def test_split_plot_draws_host_and_sender_bars() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    pool = _sma_pool(2019)
    ax = bd.split_costs(pool, host_shares={"labor": 0.5, "logistics": 1.0}).plot()
    try:
        assert "KRW" in ax.get_ylabel()
        legend = ax.get_legend()
        assert legend is not None
        labels = [t.get_text() for t in legend.get_texts()]
        assert any("labor" in label for label in labels)
        assert len(ax.patches) >= 2 * len(pool.categories)  # host and sender bars per category
    finally:
        plt.close("all")


def test_split_indicators_per_member_and_budget_share() -> None:
    # 2021: the host's KRW 1,183.3 bn (S4) over 28,500 US service members (S5) and over the
    # 2021 main defence budget of KRW 52.8401 tn (S53), converted at 1,144.8911 KRW/USD (S66).
    split = bd.split_costs(_sma_pool(2021), envelope=bd.agreements.get("SMA-11"))
    per_member = split.host_per_service_member()
    assert per_member.values[0] == pytest.approx(1183.3e9 / 28_500)
    # user finding: the figure carries its unit (an Amounts, not a bare array).
    assert (per_member.currency, per_member.price_basis) == ("KRW", "nominal")
    assert split.host_share_of_defense_budget()[0] == pytest.approx(1183.3e9 / 52.8401e12)
    usd = split.to("USD")
    assert usd.host_per_service_member().values[0] == pytest.approx(1183.3e9 / 1144.8911 / 28_500)
    assert usd.host_per_service_member().currency == "USD"
    # The budget share does not depend on the currency the split is shown in.
    assert usd.host_share_of_defense_budget()[0] == pytest.approx(1183.3e9 / 52.8401e12)
    custom = split.host_per_service_member(pd.Series({2021: 1000.0}))
    assert custom.values[0] == pytest.approx(1183.3e9 / 1000)


# -- regressions found in code review (each failed before its fix) --


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


def test_envelope_agreement_is_computed_only_as_far_as_the_pool() -> None:
    # SMA-12 needs a CPI projection only from 2028 (S6): a 2026 pool does not.
    pool = bd.CostPool({"labor": [2e12]}, currency="KRW", years=[2026])
    split = bd.split_costs(pool, envelope=bd.agreements.get("SMA-12"))
    assert split.host[0, 0] == 1.5192e12


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (
            lambda: bd.CostPool(pd.DataFrame({"labor": [1.0, 2.0]}), currency="KRW"),
            bd.InvalidInputError,
            "CostPool.years",
        ),
    ],
)
def test_review_bad_input_is_a_burden_error(
    call: object, error: type[Exception], field: str
) -> None:
    # Found in code review: each raised a bare numpy or pandas error before its fix.
    with pytest.raises(error, match=field):
        call()  # type: ignore[operator]


def test_split_indicators_use_the_split_s_own_host_never_korea_by_default() -> None:
    # Issue 10: indicators come from the scenario's own host. A pool without a host,
    # split by a bare array, has no host indicators: a clear error, not Korea's troops.
    pool = bd.CostPool({"labor": [2.0e11]}, currency="KRW", years=[2022])
    split = bd.split_costs(pool, envelope=[2.0e11])
    with pytest.raises(MissingDataError, match="host"):
        split.host_per_service_member()
    with pytest.raises(MissingDataError, match="host"):
        split.host_share_of_defense_budget()
    # Japan's pool uses Japan's troops: 54,000 in 2022 (S52), not USFK's 28,500.
    jpn = bd.CostPool({"labor": [211.0e9]}, currency="JPY", years=[2022], host="JPN")
    per = bd.split_costs(jpn, host_shares={"labor": 1.0}).host_per_service_member()
    assert per.values[0] == pytest.approx(211.0e9 / 54_000)
    assert per.host is not None
    assert per.host.code == "JPN"
    # An envelope agreement lends its host (SMA-11 is KOR): 28,500 (S5) in 2021.
    inherited = bd.split_costs(_sma_pool(2021), envelope=bd.agreements.get("SMA-11"))
    assert inherited.host_country is not None
    assert inherited.host_country.code == "KOR"
