"""Sobol' indices: analytic reference cases, groups, multi-output, bootstrap, invariances."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import burden.sensitivity as bs
from burden import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from burden.typing import FloatArray

PI = np.pi


def _ishigami_space() -> bs.ParameterSpace:
    return bs.ParameterSpace([bs.Parameter(f"x{i}", (-PI, PI)) for i in (1, 2, 3)])


def _ishigami(p: Mapping[str, FloatArray], a: float = 7.0, b: float = 0.1) -> FloatArray:
    return np.sin(p["x1"]) + a * np.sin(p["x2"]) ** 2 + b * p["x3"] ** 4 * np.sin(p["x1"])


def test_ishigami_matches_closed_form() -> None:
    # Closed forms: Sobol' (1990) / Saltelli et al., "Global Sensitivity Analysis. The
    # Primer" (2008), sec. 4.9, also anchors.md section B.7, for x_i ~ U(-pi, pi):
    a, b = 7.0, 0.1
    v1 = 0.5 * (1 + b * PI**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = 8 * b**2 * PI**8 / 225
    v = a**2 / 8 + b * PI**4 / 5 + b**2 * PI**8 / 18 + 0.5
    assert v == pytest.approx(v1 + v2 + v13)  # no other non-zero terms
    first = np.array([v1, v2, 0.0]) / v  # 0.313905, 0.442411, 0
    total = np.array([v1 + v13, v2, v13]) / v  # 0.557589, 0.442411, 0.243684
    assert first == pytest.approx([0.313905, 0.442411, 0.0], abs=1e-6)  # anchors.md B.7
    assert total == pytest.approx([0.557589, 0.442411, 0.243684], abs=1e-6)

    res = bs.sobol(_ishigami, _ishigami_space(), n=2**12, n_resamples=100, rng=2024)
    np.testing.assert_allclose(res.first_order, first, atol=0.03)
    np.testing.assert_allclose(res.total_order, total, atol=0.03)
    assert res.variance[0] == pytest.approx(v, rel=0.03)
    assert res.mean[0] == pytest.approx(a / 2, abs=0.1)  # E[Y] = a/2
    # the exact values lie inside the 95% bootstrap intervals
    assert (res.first_order_ci[0] <= first + 1e-3).all()
    assert (first - 1e-3 <= res.first_order_ci[1]).all()


def test_linear_additive_model() -> None:
    # y = sum a_i x_i, x_i ~ U(l_i, h_i) independent: S_i = S_Ti = a_i^2 var_i / sum_j a_j^2 var_j
    # with var_i = (h_i - l_i)^2 / 12 (Saltelli et al. 2008, sec. 1.2.5; anchors.md B.7)
    coef = np.array([2.0, 3.0, -1.0, 0.5])
    lows = np.array([0.0, 0.0, -1.0, 10.0])
    highs = np.array([1.0, 2.0, 1.0, 30.0])
    space = bs.ParameterSpace([bs.Parameter(f"x{i}", (lows[i], highs[i])) for i in range(4)])
    var = coef**2 * (highs - lows) ** 2 / 12.0
    exact = var / var.sum()

    def model(p: Mapping[str, FloatArray]) -> FloatArray:
        return sum((coef[i] * p[f"x{i}"] for i in range(4)), start=np.zeros(1))

    res = bs.sobol(model, space, n=2**12, n_resamples=0, rng=5)
    np.testing.assert_allclose(res.first_order, exact, atol=0.01)
    np.testing.assert_allclose(res.total_order, exact, atol=0.01)
    # scrambled Sobol' design: intervals from 8 replicates, whatever n_resamples says
    assert res.replicates == 8
    assert res.n_resamples == 0
    assert np.isfinite(res.first_order_ci).all()
    boot = bs.sobol(model, space, n=2**12, n_resamples=0, rng=5, replicates=1)
    assert np.isnan(boot.first_order_ci).all()  # a row bootstrap with no resamples


def test_group_indices_are_true_group_indices() -> None:
    # y = x1 * x2 + x3, x_i ~ U(0, 1): Var(x1 x2) = 1/9 - 1/16 = 7/144, Var(x3) = 1/12 = 12/144.
    # Group {x1, x2}: S = S_T = 7/19; {x3}: 12/19. Summing individual first-order indices
    # would give Var(x1/2) * 2 / V = 6/19 instead (Sobol' 1993, decomposition of a product).
    space = bs.ParameterSpace(
        [
            bs.Parameter("x1", (0.0, 1.0), group="g"),
            bs.Parameter("x2", (0.0, 1.0), group="g"),
            bs.Parameter("x3", (0.0, 1.0)),
        ]
    )

    def model(p: Mapping[str, FloatArray]) -> FloatArray:
        return p["x1"] * p["x2"] + p["x3"]

    res = bs.sobol(model, space, n=2**12, by_group=True, n_resamples=0, rng=9)
    assert res.names == ("g", "x3")
    np.testing.assert_allclose(res.first_order, [7 / 19, 12 / 19], atol=0.015)
    np.testing.assert_allclose(res.total_order, [7 / 19, 12 / 19], atol=0.015)
    single = bs.sobol(model, space, n=2**12, n_resamples=0, rng=9)
    np.testing.assert_allclose(single.first_order[:2], [3 / 19, 3 / 19], atol=0.015)
    # the design exchanges x1 and x2 together
    design = res.design
    np.testing.assert_array_equal(design.ab[0][:, :2], design.b[:, :2])
    np.testing.assert_array_equal(design.ab[0][:, 2], design.a[:, 2])


def test_sobol_g_function() -> None:
    # Sobol' G function g = prod (|4x_i - 2| + a_i) / (1 + a_i), x_i ~ U(0, 1):
    # V_i = 1 / (3 (1 + a_i)^2), V = prod(1 + V_i) - 1, S_i = V_i / V,
    # S_Ti = V_i prod_{j != i}(1 + V_j) / V (Saltelli et al. 2010, sec. 4; Sobol' 1993)
    a = np.array([0.0, 1.0, 4.5, 9.0, 99.0])
    vi = 1.0 / (3.0 * (1.0 + a) ** 2)
    v = np.prod(1.0 + vi) - 1.0
    first = vi / v
    total = vi * np.prod(1.0 + vi) / (1.0 + vi) / v
    space = bs.ParameterSpace([bs.Parameter(f"x{i}", (0.0, 1.0)) for i in range(a.size)])

    def model(p: Mapping[str, FloatArray]) -> FloatArray:
        x = np.stack([p[f"x{i}"] for i in range(a.size)], axis=1)
        y: FloatArray = np.prod((np.abs(4 * x - 2) + a) / (1 + a), axis=1)
        return y

    res = bs.sobol(model, space, n=2**13, n_resamples=0, rng=1)
    np.testing.assert_allclose(res.first_order, first, atol=0.03)
    np.testing.assert_allclose(res.total_order, total, atol=0.03)


def _three_outputs(p: Mapping[str, FloatArray]) -> FloatArray:
    y1 = _ishigami(p)
    y2 = 2.0 * p["x1"] - p["x3"]
    y3 = np.exp(0.3 * p["x2"]) * p["x1"]
    return np.stack([y1, y2, y3], axis=1)


def test_multi_output_equals_per_output_calls() -> None:
    space = _ishigami_space()
    multi = bs.sobol(_three_outputs, space, n=256, n_resamples=64, rng=3)
    assert multi.first_order.shape == (3, 3)  # (k outputs, d inputs)
    assert multi.output_names == ("y[0]", "y[1]", "y[2]")
    for j in range(3):

        def column(p: Mapping[str, FloatArray], j: int = j) -> FloatArray:
            return _three_outputs(p)[:, j]

        single = bs.sobol(column, space, n=256, n_resamples=64, rng=3)
        assert single.first_order.shape == (3,)
        np.testing.assert_allclose(
            single.first_order, multi.first_order[j], rtol=1e-10, atol=1e-12
        )
        np.testing.assert_allclose(
            single.total_order, multi.total_order[j], rtol=1e-10, atol=1e-12
        )
        np.testing.assert_allclose(
            np.asarray(single.first_order_ci),
            np.asarray(multi.first_order_ci)[:, j],
            rtol=1e-10,
            atol=1e-12,
        )


@settings(max_examples=8)
@given(seed=st.integers(0, 2**32 - 1))
def test_bootstrap_interval_contains_estimate(seed: int) -> None:
    res = bs.sobol(_ishigami, _ishigami_space(), n=512, n_resamples=200, rng=seed)
    # S3 = 0 exactly, its estimate sits in the middle of its interval as well
    assert (res.first_order_ci[0] <= res.first_order).all()
    assert (res.first_order <= res.first_order_ci[1]).all()
    assert (res.total_order_ci[0] <= res.total_order).all()
    assert (res.total_order <= res.total_order_ci[1]).all()


@settings(max_examples=10)
@given(
    scale=st.floats(1e-3, 1e3) | st.floats(-1e3, -1e-3),
    shift=st.floats(-1e6, 1e6),
)
def test_indices_invariant_to_affine_output(scale: float, shift: float) -> None:
    design = bs.sobol_design(_ishigami_space(), 256, rng=4)

    def f(x: FloatArray) -> FloatArray:
        return _ishigami({"x1": x[..., 0], "x2": x[..., 1], "x3": x[..., 2]})

    base = bs.sobol_analyze(design, f(design.a), f(design.b), f(design.ab), n_resamples=32, rng=0)
    moved = bs.sobol_analyze(
        design,
        scale * f(design.a) + shift,
        scale * f(design.b) + shift,
        scale * f(design.ab) + shift,
        n_resamples=32,
        rng=0,
    )
    np.testing.assert_allclose(moved.first_order, base.first_order, atol=1e-7)
    np.testing.assert_allclose(moved.total_order, base.total_order, atol=1e-7)
    np.testing.assert_allclose(moved.first_order_ci, base.first_order_ci, atol=1e-7)


def test_same_rng_same_result_and_results_are_readonly() -> None:
    space = _ishigami_space()
    r1 = bs.sobol(_ishigami, space, n=128, n_resamples=50, rng=0)
    r2 = bs.sobol(_ishigami, space, n=128, n_resamples=50, rng=0)
    r3 = bs.sobol(_ishigami, space, n=128, n_resamples=50, rng=1)
    np.testing.assert_array_equal(r1.first_order, r2.first_order)
    np.testing.assert_array_equal(r1.total_order_ci, r2.total_order_ci)
    assert not np.array_equal(r1.first_order, r3.first_order)
    for arr in (r1.first_order, r1.total_order, *r1.first_order_ci, r1.design.a, r1.design.ab):
        assert arr.dtype == np.float64
        assert not arr.flags.writeable
    frame = r1.to_frame()
    assert list(frame.columns) == ["factor", "output", "order", "estimate", "ci_low", "ci_high"]
    assert frame["estimate"].dtype == np.float64
    assert len(frame) == 6
    assert "Sobol" in r1._repr_html_()


def test_design_split_and_stacked_roundtrip() -> None:
    design = bs.sobol_design(_ishigami_space(), 16, method="lhs", rng=0)
    stacked = design.stacked()
    assert stacked.shape == (16 * 5, 3)
    fa, fb, fab = design.split(stacked[:, :2])
    np.testing.assert_array_equal(fa, design.a[:, :2])
    np.testing.assert_array_equal(fb, design.b[:, :2])
    np.testing.assert_array_equal(fab, design.ab[..., :2])
    with pytest.raises(InvalidInputError) as info:
        design.split(stacked[:-1])
    assert info.value.field == "y"


def test_bad_input_names_the_field() -> None:
    space = _ishigami_space()
    design = bs.sobol_design(space, 16, rng=0)
    y = np.zeros(16)
    with pytest.raises(InvalidInputError) as info:
        bs.sobol_analyze(design, y, y, np.zeros((2, 16)))
    assert info.value.field == "f_b, f_ab"
    with pytest.raises(InvalidInputError) as info:
        bs.sobol_analyze(design, y, y, np.zeros((3, 16)), confidence_level=1.5)
    assert info.value.field == "confidence_level"
    with pytest.raises(InvalidInputError) as info:
        bs.sobol_analyze(design, y, y, np.zeros((3, 16)), n_resamples=-1)
    assert info.value.field == "n_resamples"
    with pytest.raises(InvalidInputError) as info:
        bs.sobol_analyze(design, y[:4], y, np.zeros((3, 16)))
    assert info.value.field == "f_a"
    with pytest.raises(InvalidInputError) as info:
        bs.sobol(_ishigami, space, n=100, rng=0)
    assert info.value.field == "n"
    corr = bs.ParameterSpace(space.parameters, correlation=np.eye(3))
    with pytest.raises(InvalidInputError) as info:
        bs.sobol(_ishigami, corr, n=16, rng=0)
    assert info.value.field == "space.correlation"
    with pytest.raises(InvalidInputError) as info:
        bs.sobol(lambda _p: np.full(3, np.nan), space, n=16, rng=0)
    assert info.value.field == "model output"


def test_constant_output_gives_nan_indices_without_warnings() -> None:
    res = bs.sobol(lambda p: np.ones_like(p["x1"]), _ishigami_space(), n=16, n_resamples=8, rng=0)
    assert np.isnan(res.first_order).all()


def test_the_summary_names_the_intervals_or_their_absence() -> None:
    space = bs.ParameterSpace([bs.Parameter("a", (0.0, 1.0)), bs.Parameter("b", (0.0, 1.0))])

    def model(p: Mapping[str, FloatArray]) -> FloatArray:
        return p["a"] + 2.0 * p["b"]

    assert "8 randomisations" in repr(bs.sobol(model, space, n=64, rng=0))
    assert "bootstrap=50 x" in repr(
        bs.sobol(model, space, n=64, replicates=1, n_resamples=50, rng=0)
    )
    bare = repr(bs.sobol(model, space, n=64, replicates=1, n_resamples=0, rng=0))
    assert "intervals=none" in bare
    assert "bootstrap" not in bare
