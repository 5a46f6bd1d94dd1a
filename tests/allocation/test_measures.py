"""Alliance burden measures: cited reference values and invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as npst

import burden as bd
from burden import measures

positive = npst.arrays(
    np.float64, st.integers(2, 8), elements=st.floats(min_value=1.0, max_value=1e6)
)


def test_korea_against_the_nato_targets() -> None:
    # 2024: main defence budget KRW 59.4244 tn (S56) over GDP KRW 2,556.9 tn (2020 base, S65).
    macro = bd.datasets.korea_macro()
    spend = float(macro["defense_budget"].to_numpy()[macro.index == 2024][0])
    gdp = float(macro["gdp"].to_numpy()[macro.index == 2024][0])
    assert float(measures.spending_share(spend, gdp)) == pytest.approx(59.4244 / 2556.9)
    assert float(measures.target_gap(spend, gdp)) == 0.0  # above the 2% guideline (S87)
    hague = measures.target("hague_2025_core")  # 3.5% core by 2035 (S89)
    assert hague == 0.035
    gap = float(measures.target_gap(spend, gdp, share_of_gdp=hague))
    assert gap == pytest.approx(0.035 * 2556.9e12 - 59.4244e12)


@given(spend=positive, scale=st.floats(0.01, 100.0), seed=st.integers(0, 2**32 - 1))
def test_fair_share_invariants(spend: np.ndarray, scale: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    gdp = rng.uniform(1.0, 100.0, spend.size)
    ratio = measures.fair_share_ratio(spend, gdp)
    # GDP-weighted mean of the ratios is 1: sum_i (g_i / G) (s_i / S) / (g_i / G) = 1.
    assert float((gdp / gdp.sum() * ratio).sum()) == pytest.approx(1.0)
    np.testing.assert_allclose(measures.fair_share_ratio(scale * spend, gdp), ratio, rtol=1e-12)
    perm = rng.permutation(spend.size)
    np.testing.assert_allclose(measures.fair_share_ratio(spend[perm], gdp[perm]), ratio[perm])
    # Batched over scenarios equals one call per scenario.
    batch = measures.fair_share_ratio(np.stack([spend, 2 * spend[::-1]]), np.stack([gdp, gdp]))
    np.testing.assert_allclose(batch[1], measures.fair_share_ratio(2 * spend[::-1], gdp))


def test_olson_zeckhauser_signs_and_invariance() -> None:
    gdp = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    up = measures.olson_zeckhauser(gdp, gdp / 100)
    down = measures.olson_zeckhauser(gdp, gdp[::-1] / 100)
    assert (up.spearman, up.kendall) == pytest.approx((1.0, 1.0))
    assert (down.spearman, down.kendall) == pytest.approx((-1.0, -1.0))
    # Exact Kendall p-value for a perfect ranking of 6: 2 / 6! (two-sided).
    assert up.kendall_pvalue == pytest.approx(2 / 720)
    perm = np.array([3, 0, 5, 1, 4, 2])
    burden = np.array([0.02, 0.013, 0.031, 0.018, 0.025, 0.011])
    a = measures.olson_zeckhauser(gdp, burden)
    b = measures.olson_zeckhauser(gdp[perm], burden[perm])
    assert (a.spearman, a.kendall) == pytest.approx((b.spearman, b.kendall))
    assert list(a.to_frame()["statistic"]) == ["spearman", "kendall"]


def test_common_funding_caps_redistribute_in_proportion() -> None:
    # Keys proportional to the 2016-17 shares of US, DE, FR, UK (S84, used as a proxy key);
    # cap the first at 16.35% (the 2021-24 US share, S85): the rest keeps its proportions.
    keys = np.array([22.14, 14.65, 10.63, 9.85])
    shares = measures.common_funding_shares(keys, caps=[0.1635, np.inf, np.inf, np.inf])
    assert shares.sum() == pytest.approx(1.0)
    assert shares[0] == pytest.approx(0.1635)
    np.testing.assert_allclose(shares[1:] / shares[1:].sum(), keys[1:] / keys[1:].sum())
    np.testing.assert_allclose(measures.common_funding_shares(keys), keys / keys.sum())


def test_alliance_table() -> None:
    frame = pd.DataFrame(
        {
            "member": ["A", "B", "C"],
            "gdp": [100.0, 200.0, 700.0],
            "defense_spending": [3.0, 2.0, 10.0],
        }
    )
    table = measures.alliance_table(frame)
    np.testing.assert_allclose(table["spending_share"], [0.03, 0.01, 10 / 700])
    np.testing.assert_allclose(table["target_gap"], [0.0, 2.0, 4.0])  # 2% of GDP (S87)
    assert table["common_funding_share"].sum() == pytest.approx(1.0)
    with pytest.raises(bd.InvalidInputError, match=r"members\.defense_spending"):
        measures.alliance_table(frame.drop(columns="defense_spending"))


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: measures.spending_share(1.0, 0.0), "gdp"),
        (lambda: measures.target_gap(1.0, 10.0, share_of_gdp=2.0), "share_of_gdp"),
        (lambda: measures.olson_zeckhauser([1.0, 2.0], [1.0, 2.0]), "gdp, burden"),
        (lambda: measures.fair_share_ratio([-1.0, 2.0], [1.0, 1.0]), "defense_spending"),
        (lambda: measures.target("nato_2099"), "target"),
    ],
)
def test_bad_input(call: object, field: str) -> None:
    with pytest.raises(bd.BurdenError, match=field):
        call()  # type: ignore[operator]


# -- regressions found in code review (each failed before its fix) --


def test_degenerate_alliance_inputs_are_named() -> None:
    with pytest.raises(bd.InvalidInputError, match="gni"):
        bd.measures.common_funding_shares([0.0, 0.0])
    with pytest.raises(bd.InvalidInputError, match="burden"):
        bd.measures.olson_zeckhauser([1.0, 2.0, 3.0], [0.02, 0.02, 0.02])


def test_caps_typed_as_percentages_are_rejected() -> None:
    with pytest.raises(bd.InvalidInputError, match="caps"):
        bd.measures.common_funding_shares([27000.0, 4500.0], caps=[16.35, np.inf])


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
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
    ],
)
def test_review_bad_input_is_a_burden_error(
    call: object, error: type[Exception], field: str
) -> None:
    # Found in code review: each raised a bare numpy or pandas error before its fix.
    with pytest.raises(error, match=field):
        call()  # type: ignore[operator]
