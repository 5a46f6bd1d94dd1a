"""Tests for burden.allocation.claims: published tables, closed forms and axioms of claims rules."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from strategies import claims_problems

from burden import claims
from burden.errors import BurdenError, InfeasibleError, InvalidInputError

RULES = [
    claims.proportional,
    claims.constrained_equal_awards,
    claims.constrained_equal_losses,
    claims.talmud,
    claims.random_arrival,
    claims.adjusted_proportional,
]
SELF_DUAL = [
    claims.proportional,
    claims.talmud,
    claims.random_arrival,
    claims.adjusted_proportional,
]

D_AM = np.array([100.0, 200.0, 300.0])
E_AM = np.array([100.0, 200.0, 300.0])

# Aumann & Maschler (1985), Table 1 (the Mishnah's division, Ketubot 93a), and the
# other columns of /work/shared/reference/anchors.md §C.3a for claims (100, 200, 300).
TABLE: dict[Callable[..., np.ndarray], list[list[float]]] = {
    claims.talmud: [[100 / 3] * 3, [50, 75, 75], [50, 100, 150]],
    claims.constrained_equal_awards: [[100 / 3] * 3, [200 / 3] * 3, [100, 100, 100]],
    claims.constrained_equal_losses: [[0, 0, 100], [0, 50, 150], [0, 100, 200]],
    claims.proportional: [[50 / 3, 100 / 3, 50], [100 / 3, 200 / 3, 100], [50, 100, 150]],
    claims.random_arrival: [[100 / 3] * 3, [100 / 3, 250 / 3, 250 / 3], [50, 100, 150]],
    claims.adjusted_proportional: [[100 / 3] * 3, [40, 80, 80], [50, 100, 150]],
}


@pytest.mark.parametrize("rule", list(TABLE), ids=lambda r: r.__name__)
def test_aumann_maschler_table(rule: Callable[..., np.ndarray]) -> None:
    assert_allclose(rule(E_AM, D_AM), np.array(TABLE[rule]), rtol=1e-12)


def test_contested_garment() -> None:
    # Two claimants: the Talmud rule is concede-and-divide (Aumann & Maschler 1985,
    # Mishnah Baba Metzia 2a: claims 1 and 1/2 on a garment worth 1 give 3/4, 1/4).
    assert_allclose(claims.talmud(1.0, [1.0, 0.5]), [0.75, 0.25])


def brute_random_arrival(estate: float, d: list[float]) -> np.ndarray:
    """O'Neill (1982) definition: average over all n! arrival orders."""
    n = len(d)
    out = np.zeros(n)
    for order in itertools.permutations(range(n)):
        left = estate
        for i in order:
            pay = min(d[i], left)
            out[i] += pay
            left -= pay
    return out / math.factorial(n)


def test_random_arrival_matches_permutation_definition() -> None:
    d = [10.0, 40.0, 25.0, 5.0, 60.0]
    for estate in [0.0, 20.0, 70.0, 139.0, 140.0]:
        assert_allclose(claims.random_arrival(estate, d), brute_random_arrival(estate, d))


def test_capped_proportional_nato_like() -> None:
    # Hand calculation: weights (40, 30, 20, 10), first member capped at 0.30 of a total
    # of 1. The 0.10 cut off is spread over the others in proportion 30:20:10, so
    # member 2 gets 0.30 + 0.10 * 30/60 = 0.35, etc.
    out = claims.capped_proportional(1.0, [40, 30, 20, 10], [0.3, np.inf, np.inf, np.inf])
    assert_allclose(out, [0.30, 0.35, 0.20 + 0.10 / 3, 0.10 + 0.10 / 6])


def test_capped_proportional_cascading_caps() -> None:
    # Two rounds of redistribution: weights (5, 3, 1, 1), caps (0.4, 0.25, inf, inf).
    # Proportional 0.5 > 0.4 -> cap; the rest 0.6 over 3:1:1 gives 0.36 > 0.25 -> cap;
    # the rest 0.35 over 1:1 gives 0.175 each (hand calculation).
    out = claims.capped_proportional(1.0, [5, 3, 1, 1], [0.4, 0.25, np.inf, np.inf])
    assert_allclose(out, [0.4, 0.25, 0.175, 0.175])


def test_capped_proportional_without_binding_cap_is_proportional() -> None:
    w = np.array([3.0, 2.0, 5.0])
    assert_allclose(claims.capped_proportional(7.0, w, [np.inf] * 3), 7.0 * w / w.sum())


def test_capped_proportional_zero_weight_gets_nothing() -> None:
    assert_allclose(claims.capped_proportional(1.0, [1, 0, 1], [0.5, 0.5, np.inf]), [0.5, 0, 0.5])


def test_allocate_and_table() -> None:
    out = claims.allocate(E_AM, D_AM, rule="talmud")
    assert_allclose(out, np.array(TABLE[claims.talmud]))
    df = claims.rules_table(E_AM, D_AM, claimants=["a", "b", "c"])
    assert isinstance(df, pd.DataFrame)
    assert len(df) == 3 * 3 * 6
    pivot = df.pivot_table(index=["estate", "claimant"], columns="rule", values="award")
    assert pivot.loc[(200.0, "b"), "talmud"] == pytest.approx(75.0)
    cel = df[(df.rule == "constrained_equal_losses") & (df.estate == 200.0)]
    assert_allclose(cel.award.to_numpy(), [0.0, 50.0, 150.0])


def test_results_read_only_float64_and_inputs_untouched() -> None:
    d = D_AM.copy()
    e = E_AM.copy()
    for rule in RULES:
        out = rule(e, d)
        assert out.dtype == np.float64
        assert not out.flags.writeable
    assert_allclose(d, D_AM)
    assert_allclose(e, E_AM)


def test_broadcasting_shapes() -> None:
    d = np.array([[100.0, 200.0, 300.0], [1.0, 2.0, 3.0]])
    out = claims.talmud(np.array([[200.0], [300.0]]) * np.array([1.0, 0.01]), d)
    assert out.shape == (2, 2, 3)
    assert_allclose(out[0, 0], [50, 75, 75])
    assert_allclose(out[1, 1], [0.5, 1.0, 1.5])


@pytest.mark.parametrize(
    ("estate", "d", "field", "error"),
    [
        (100.0, [-1.0, 200.0], "claims", InvalidInputError),
        (-1.0, [1.0, 2.0], "estate", InvalidInputError),
        (4.0, [1.0, 2.0], "estate", InfeasibleError),
        (np.nan, [1.0, 2.0], "estate", InvalidInputError),
        (1.0, 3.0, "claims", InvalidInputError),
        ([1.0, 2.0, 3.0], [[1.0, 2.0], [3.0, 4.0]], "estate, claims", InvalidInputError),
    ],
)
def test_bad_input(estate: object, d: object, field: str, error: type[BurdenError]) -> None:
    for rule in RULES:
        with pytest.raises(error) as info:
            rule(estate, d)  # type: ignore[arg-type]
        assert info.value.field == field


def test_bad_input_capped_and_others() -> None:
    with pytest.raises(InvalidInputError) as info:
        claims.capped_proportional(1.0, [1, 1], [-0.1, 1.0])
    assert info.value.field == "caps"
    with pytest.raises(InfeasibleError) as inf:
        claims.capped_proportional(1.0, [1, 1], [0.3, 0.3])
    assert inf.value.field == "caps"
    with pytest.raises(InvalidInputError) as info:
        claims.capped_proportional(-1.0, [1, 1], [1.0, 1.0])
    assert info.value.field == "total"
    with pytest.raises(InvalidInputError) as info:
        claims.allocate(1.0, [1.0, 2.0], rule="nope")  # type: ignore[arg-type]
    assert info.value.field == "rule"
    with pytest.raises(InvalidInputError) as info:
        claims.random_arrival(1.0, np.ones(claims.RANDOM_ARRIVAL_MAX_CLAIMANTS + 1))
    assert info.value.field == "claims"


# --------------------------------------------------------------------------- properties

TOL = 1e-7


@given(claims_problems())
def test_balance_and_bounds(problem: tuple[float, np.ndarray]) -> None:
    estate, d = problem
    scale = 1.0 + d.sum()
    for rule in RULES:
        x = rule(estate, d)
        assert_allclose(x.sum(), estate, atol=TOL * scale)
        assert np.all(x >= -TOL * scale)
        assert np.all(x <= d + TOL * scale)


@given(claims_problems(), st.floats(min_value=0.0, max_value=1.0))
def test_estate_monotonicity(problem: tuple[float, np.ndarray], frac: float) -> None:
    estate, d = problem
    smaller = frac * estate
    scale = 1.0 + d.sum()
    for rule in RULES:
        assert np.all(rule(smaller, d) <= rule(estate, d) + TOL * scale)


@given(claims_problems())
def test_self_duality(problem: tuple[float, np.ndarray]) -> None:
    # Thomson (2003): PRO, Talmud, RA and APRO are self-dual, R(E,d) = d - R(D-E,d).
    estate, d = problem
    dual_estate = max(d.sum() - estate, 0.0)
    for rule in SELF_DUAL:
        assert_allclose(rule(estate, d), d - rule(dual_estate, d), atol=TOL * (1 + d.sum()))


@given(claims_problems())
def test_cea_cel_duality(problem: tuple[float, np.ndarray]) -> None:
    estate, d = problem
    dual_estate = max(d.sum() - estate, 0.0)
    cea = claims.constrained_equal_awards(estate, d)
    cel = claims.constrained_equal_losses(dual_estate, d)
    assert_allclose(cea, d - cel, atol=TOL * (1 + d.sum()))


@given(claims_problems())
def test_cea_cel_closed_forms(problem: tuple[float, np.ndarray]) -> None:
    # CEA: equal awards capped at the claims; CEL: equal losses floored at zero.
    estate, d = problem
    cea = claims.constrained_equal_awards(estate, d)
    level = cea.max()
    assert_allclose(cea, np.minimum(d, level), atol=TOL * (1 + d.sum()))
    cel = claims.constrained_equal_losses(estate, d)
    paid = cel > TOL * (1 + d.sum())
    if paid.any():
        loss = (d - cel)[paid].max()
        assert_allclose(cel, np.maximum(d - loss, 0.0), atol=TOL * (1 + d.sum()))
    else:
        assert estate <= TOL * (1 + d.sum())


@given(claims_problems())
def test_talmud_midpoint_and_order(problem: tuple[float, np.ndarray]) -> None:
    estate, d = problem
    # midpoint property: at E = D/2 everyone gets half the claim (AM 1985).
    assert_allclose(claims.talmud(d.sum() / 2, d), d / 2, atol=TOL * (1 + d.sum()))
    # order preservation in awards and losses.
    order = np.argsort(d, kind="stable")
    for rule in RULES:
        x = rule(estate, d)[order]
        losses = d[order] - x
        assert np.all(np.diff(x) >= -TOL * (1 + d.sum()))
        assert np.all(np.diff(losses) >= -TOL * (1 + d.sum()))


@given(claims_problems(), st.randoms(use_true_random=False))
def test_permutation_equivariance(problem: tuple[float, np.ndarray], rnd: object) -> None:
    estate, d = problem
    perm = np.arange(d.size)
    rnd.shuffle(perm)  # type: ignore[attr-defined]
    for rule in RULES:
        assert_allclose(rule(estate, d[perm]), rule(estate, d)[perm], atol=TOL * (1 + d.sum()))


@given(claims_problems(), st.floats(min_value=0.01, max_value=100.0))
def test_homogeneity(problem: tuple[float, np.ndarray], k: float) -> None:
    estate, d = problem
    for rule in RULES:
        assert_allclose(rule(k * estate, k * d), k * rule(estate, d), atol=TOL * k * (1 + d.sum()))


@given(st.lists(claims_problems(), min_size=1, max_size=5), st.integers(min_value=1, max_value=6))
def test_batched_equals_scalar(batch: list[tuple[float, np.ndarray]], n: int) -> None:
    d = np.array([np.resize(p[1], n) for p in batch])
    estate = np.array([min(p[0], row.sum()) for p, row in zip(batch, d, strict=True)])
    for rule in RULES:
        out = rule(estate, d)
        for k in range(len(batch)):
            assert_allclose(out[k], rule(estate[k], d[k]), atol=1e-9 * (1 + d[k].sum()))


@given(
    st.lists(st.floats(min_value=0.0, max_value=100.0), min_size=2, max_size=6),
    st.floats(min_value=0.0, max_value=1.0),
    st.data(),
)
def test_capped_proportional_properties(
    w_list: list[float], frac: float, data: st.DataObject
) -> None:
    w = np.array(w_list)
    if w.sum() == 0:
        w[0] = 1.0
    caps = np.array(
        data.draw(
            st.lists(
                st.one_of(st.just(np.inf), st.floats(min_value=0.0, max_value=1.0)),
                min_size=w.size,
                max_size=w.size,
            )
        )
    )
    room = np.where(w > 0, caps, 0.0).sum()
    total = frac * min(1.0, room)
    x = claims.capped_proportional(total, w, caps)
    assert_allclose(x.sum(), total, atol=1e-9)
    assert np.all(x <= caps + 1e-9)
    assert np.all(x >= 0)
    # Uncapped members with positive weight share in proportion to their weights and
    # get at least their proportional share of the total.
    free = (x < caps - 1e-9) & (w > 0)
    if free.sum() >= 2:
        ratio = x[free] / w[free]
        assert_allclose(ratio, ratio[0], rtol=1e-7, atol=1e-12)
    assert np.all(x[free] >= total * w[free] / w.sum() - 1e-9)
