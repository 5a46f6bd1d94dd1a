"""The vectorized solvers of burden._core.solvers: roots and maxima of many problems at once."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as npst
from numpy.testing import assert_allclose

from burden._core.solvers import decreasing_root, find_root, golden_max
from burden.sensitivity import Parameter, ParameterSpace, threshold
from burden.typing import FloatArray

levels = npst.arrays(np.float64, st.integers(1, 20), elements=st.floats(-50.0, 50.0))


@given(c=levels)
def test_find_root_solves_each_problem_and_flags_missing_crossings(c: np.ndarray) -> None:
    # x**3 = c on [-3, 3]: the real cube root where |c| <= 27, none elsewhere.
    n = c.size
    r = find_root(lambda x, level: x**3 - level, np.full(n, -3.0), np.full(n, 3.0), args=(c,))
    inside = np.abs(c) <= 27.0
    assert np.array_equal(r.found, inside)
    assert_allclose(r.x[inside], np.cbrt(c[inside]), atol=1e-9)
    assert np.isnan(r.x[~inside]).all()


def test_find_root_takes_an_end_that_is_a_root() -> None:
    r = find_root(lambda x: x - 1.0, np.array([1.0, 0.0]), np.array([2.0, 1.0]))
    assert r.x.tolist() == [1.0, 1.0]
    assert r.found.all()


def test_find_root_needs_fewer_calls_than_bisection() -> None:
    # Bisection to float64 resolution of [0, 1] takes 52 halvings.
    r = find_root(lambda x: np.exp(x) - 2.0, np.zeros(1000), np.ones(1000))
    assert_allclose(r.x, np.log(2.0), rtol=1e-14)
    assert r.calls < 20


def test_decreasing_root_clamps_to_the_ends_and_sees_positional_parameters() -> None:
    # g_i(x) = p_i - x depends on the entry's position: a frontier with per-draw shape.
    p = np.array([-1.0, 0.5, 2.0, 7.0])
    seen: list[tuple[int, ...]] = []

    def g(x: FloatArray) -> FloatArray:
        seen.append(x.shape)
        out: FloatArray = p - x
        return out

    x = decreasing_root(g, np.zeros(4), np.full(4, 5.0))
    assert_allclose(x, [0.0, 0.5, 2.0, 5.0], atol=1e-12)
    assert set(seen) == {(4,)}  # always the full shape


@given(peak=npst.arrays(np.float64, 5, elements=st.floats(-1.0, 2.0)))
def test_golden_max_finds_the_peak_or_the_nearest_end(peak: np.ndarray) -> None:
    x = golden_max(lambda u: -((u - peak) ** 2), np.zeros(5), np.ones(5))
    assert_allclose(x, np.clip(peak, 0.0, 1.0), atol=1e-8)


def test_threshold_counts_model_calls_and_matches_the_closed_form() -> None:
    # 100 (1 + r)^5 = T  =>  r = (T / 100)^(1/5) - 1 (compound growth).
    calls = []

    def model(p: Mapping[str, FloatArray]) -> FloatArray:
        calls.append(p["rate"].size)
        out: FloatArray = 100.0 * (1.0 + p["rate"]) ** 5
        return out

    space = ParameterSpace([Parameter("rate", (0.0, 0.1))])
    targets = np.linspace(101.0, 160.0, 30)
    res = threshold(model, space, "rate", targets)
    assert_allclose(res.values[:, 0], (targets / 100.0) ** 0.2 - 1.0, rtol=1e-10)
    assert len(calls) <= 15  # plain bisection needed 42
    exact = threshold(model, space, "rate", [100.0])  # the bracket's end is the root
    assert exact.values[0, 0] == 0.0
