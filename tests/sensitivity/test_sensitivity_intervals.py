"""Honest Sobol' intervals (issue 12, item 4): coverage of nominal 95% intervals over 50 seeds.

On a scrambled Sobol' design the intervals come from 8 independent randomisations (a
Student-t interval); on a random design from the row bootstrap. Either way about 95% of
the intervals must contain the exact index (the issue's band: 88% to 99%). Before this
change the row bootstrap on the Sobol' design covered 250 of 250 (intervals 2 to 100
times too wide).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pytest

import burden.sensitivity as bs
from burden import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from burden.typing import FloatArray

PI = np.pi
A, B = 7.0, 0.1
# Ishigami function, x_i ~ U(-pi, pi): closed forms of Saltelli et al., "Global Sensitivity
# Analysis. The Primer" (2008), sec. 4.9 (anchors.md B.7).
V1 = 0.5 * (1 + B * PI**4 / 5) ** 2
V2 = A**2 / 8
V13 = 8 * B**2 * PI**8 / 225
V = V1 + V2 + V13
ISHIGAMI_FIRST = np.array([V1, V2, 0.0]) / V
ISHIGAMI_TOTAL = np.array([V1 + V13, V2, V13]) / V
# Linear model y = sum a_i x_i with x_i ~ U(l_i, h_i): S_i = S_Ti = a_i^2 var_i / sum a_j^2 var_j
# (Saltelli et al. 2008, sec. 1.2.5).
COEF = np.array([2.0, 3.0, -1.0, 0.5])
LOWS = np.array([0.0, 0.0, -1.0, 10.0])
HIGHS = np.array([1.0, 2.0, 1.0, 30.0])
LINEAR = COEF**2 * (HIGHS - LOWS) ** 2 / 12 / (COEF**2 * (HIGHS - LOWS) ** 2 / 12).sum()


def _ishigami(p: Mapping[str, FloatArray]) -> FloatArray:
    return np.sin(p["x1"]) + A * np.sin(p["x2"]) ** 2 + B * p["x3"] ** 4 * np.sin(p["x1"])


def _linear(p: Mapping[str, FloatArray]) -> FloatArray:
    return sum((COEF[i] * p[f"x{i}"] for i in range(4)), start=np.zeros(1))


def _ishigami_space() -> bs.ParameterSpace:
    return bs.ParameterSpace([bs.Parameter(f"x{i}", (-PI, PI)) for i in (1, 2, 3)])


def _linear_space() -> bs.ParameterSpace:
    return bs.ParameterSpace([bs.Parameter(f"x{i}", (LOWS[i], HIGHS[i])) for i in range(4)])


def _coverage(
    model: bs.Model,
    space: bs.ParameterSpace,
    first: FloatArray,
    total: FloatArray,
    **options: object,
) -> tuple[float, float]:
    hit_first = hit_total = 0
    for seed in range(50):  # 50 independent runs
        res = bs.sobol(model, space, n=2**10, rng=seed, **options)  # type: ignore[arg-type]
        lo, hi = res.first_order_ci
        hit_first += int(((lo <= first) & (first <= hi)).sum())
        lo, hi = res.total_order_ci
        hit_total += int(((lo <= total) & (total <= hi)).sum())
    count = 50 * space.d
    return hit_first / count, hit_total / count


@pytest.mark.parametrize(
    ("model", "space", "first", "total"),
    [
        (_ishigami, _ishigami_space(), ISHIGAMI_FIRST, ISHIGAMI_TOTAL),
        (_linear, _linear_space(), LINEAR, LINEAR),
    ],
    ids=["ishigami", "linear"],
)
def test_replicate_intervals_cover_95_percent_on_sobol_design(
    model: bs.Model, space: bs.ParameterSpace, first: FloatArray, total: FloatArray
) -> None:
    cover_first, cover_total = _coverage(model, space, first, total)
    assert 0.88 <= cover_first <= 0.99, cover_first
    assert 0.88 <= cover_total <= 0.99, cover_total


def test_bootstrap_intervals_cover_95_percent_on_random_design() -> None:
    cover_first, cover_total = _coverage(
        _ishigami,
        _ishigami_space(),
        ISHIGAMI_FIRST,
        ISHIGAMI_TOTAL,
        method="random",
        n_resamples=200,
    )
    assert 0.88 <= cover_first <= 0.99, cover_first
    assert 0.88 <= cover_total <= 0.99, cover_total


def test_row_bootstrap_on_sobol_design_is_the_documented_overcautious_choice() -> None:
    # replicates=1 keeps one scrambled design and its row bootstrap: the intervals are
    # far wider than the actual error (what issue 12 measured), never narrower.
    cover_first, _ = _coverage(
        _linear, _linear_space(), LINEAR, LINEAR, replicates=1, n_resamples=100
    )
    assert cover_first == 1.0


def test_replicates_are_validated_and_recorded() -> None:
    space = _ishigami_space()
    res = bs.sobol(_ishigami, space, n=256, rng=0, replicates=4)
    assert (res.replicates, res.design.replicates, res.n_resamples) == (4, 4, 0)
    assert "4 randomisations" in res._repr_html_()
    assert bs.sobol(_ishigami, space, n=256, method="random", rng=0).replicates == 1
    for bad in (0, 3, 256, 2.5):
        with pytest.raises(InvalidInputError) as info:
            bs.sobol(_ishigami, space, n=256, rng=0, replicates=bad)  # type: ignore[arg-type]
        assert info.value.field == "replicates"
    # LHS replicates need only divide n
    assert bs.sobol(_ishigami, space, n=96, method="lhs", rng=0, replicates=3).replicates == 3


def test_replicate_estimate_uses_all_rows_and_interval_is_symmetric() -> None:
    res = bs.sobol(_ishigami, _ishigami_space(), n=2**10, rng=3)
    lo, hi = res.first_order_ci
    np.testing.assert_allclose(res.first_order - lo, hi - res.first_order, rtol=1e-12)
    one = bs.sobol_analyze(
        res.design,
        *(
            np.asarray(_ishigami({f"x{i + 1}": m[..., i] for i in range(3)}))
            for m in (res.design.a, res.design.b, res.design.ab)
        ),
    )
    np.testing.assert_array_equal(one.first_order, res.first_order)
    np.testing.assert_array_equal(one.first_order_ci, res.first_order_ci)
