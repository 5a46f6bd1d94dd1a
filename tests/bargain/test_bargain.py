"""Tests for burden.bargain: closed forms with citations, properties, bad input.

Reference values come from closed forms derived in the comments (or cited papers),
never from the code's own output.

References used below:
- Nash, J. F. (1950). The bargaining problem. Econometrica 18(2), 155-162.
- Roth, A. E. (1979). Axiomatic Models of Bargaining. Springer (asymmetric Nash:
  u_i = d_i + w_i (T - d1 - d2) on a transferable-utility frontier).
- Kalai, E. and Smorodinsky, M. (1975). Econometrica 43(3), 513-518.
- Kalai, E. (1977). Econometrica 45(7), 1623-1630 (egalitarian solution).
- Rubinstein, A. (1982). Econometrica 50(1), 97-109.
- Ståhl, I. (1972). Bargaining Theory (finite-horizon alternating offers).
- Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). RAND J. Econ. 17(2), 176-188.
- anchors.md section C, "Bargaining concepts": on u1 + u2 = S with disagreement d,
  x_i = d_i + (S - d1 - d2)/2.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from burden import InfeasibleError, InvalidInputError, MissingDataError, bargain

if TYPE_CHECKING:
    from collections.abc import Callable

    from burden.typing import FloatArray

# Golden-section search limits the Nash solution on a concave frontier to about
# 1e-8 of the search interval (see bargain.nash Notes); bisection-based solutions
# (Kalai-Smorodinsky, egalitarian, crossings) reach float64 resolution.
NASH_TOL = 1e-7
BISECT_TOL = 1e-12

SQRT5 = math.sqrt(5.0)

unit = st.floats(0.02, 0.98)
deltas = st.floats(0.01, 0.99)


def circle(p: float | FloatArray) -> Callable[[FloatArray], FloatArray]:
    """Symmetric frontier u2 = (1 - u1**p)**(1/p) on [0, 1]; concave for p >= 1."""

    def f(u: FloatArray) -> FloatArray:
        return np.asarray((1.0 - u**p) ** (1.0 / p), dtype=np.float64)

    return f


def quadratic(u: FloatArray) -> FloatArray:
    return 1.0 - u**2


def root(u: FloatArray) -> FloatArray:
    return np.sqrt(1.0 - u)


# --------------------------------------------------------------------------- zopa


def test_zopa_hand_computed() -> None:
    # host max 5 vs sender min 3 -> zone [3, 5], width 2; host 2 vs sender 3 -> none.
    z = bargain.zopa([5.0, 2.0, 3.0], 3.0)
    assert z.exists.tolist() == [True, False, True]
    assert_allclose(z.low, [3.0, np.nan, 3.0])
    assert_allclose(z.high, [5.0, np.nan, 3.0])
    assert_allclose(z.width, [2.0, 0.0, 0.0])
    assert_allclose(z.surplus, [2.0, -1.0, 0.0])
    assert float(z.probability) == pytest.approx(2.0 / 3.0)
    # The sender's share s of the zone: contribution = low + s * width.
    assert_allclose(z.settlement(0.25), [3.5, np.nan, 3.0])


def test_zopa_probability_over_axis_0() -> None:
    host = np.array([[1.0, 4.0], [3.0, 4.0], [0.0, 4.0], [2.0, 0.0]])
    z = bargain.zopa(host, 2.0)
    # column 0: 1<2 no, 3 yes, 0 no, 2 yes (boundary) -> 2/4; column 1: 3/4.
    assert z.probability.shape == (2,)
    assert_allclose(z.probability, [0.5, 0.75])
    assert float(bargain.zopa(1.0, 2.0).probability) == 0.0
    assert np.isnan(bargain.zopa(np.zeros(0), 1.0).probability)


@given(
    st.lists(st.floats(-10, 10), min_size=1, max_size=8),
    st.lists(st.floats(-10, 10), min_size=1, max_size=8),
)
def test_zopa_vectorized_equals_scalar_loop(host: list[float], sender: list[float]) -> None:
    n = min(len(host), len(sender))
    h, s = np.array(host[:n]), np.array(sender[:n])
    z = bargain.zopa(h, s)
    for i in range(n):
        zi = bargain.zopa(h[i], s[i])
        assert zi.exists.shape == ()
        assert bool(zi.exists) == bool(z.exists[i]) == (s[i] <= h[i])
        assert_allclose(zi.width, z.width[i])
        assert_allclose(zi.low, z.low[i])
    assert (z.width >= 0.0).all()
    assert float(z.probability) == pytest.approx(np.mean(s <= h))


def test_zopa_results_are_readonly_float64_and_inputs_untouched() -> None:
    host = np.array([5.0, 1.0])
    before = host.copy()
    z = bargain.zopa(host, 2.0)
    assert_allclose(host, before)
    for name in ("host_max", "sender_min", "low", "high", "width", "surplus"):
        arr = getattr(z, name)
        assert arr.dtype == np.float64
        assert not arr.flags.writeable
    assert z.exists.dtype == np.bool_
    with pytest.raises(ValueError, match="read-only"):
        z.width[0] = 1.0


def test_zopa_to_frame_is_tidy() -> None:
    z = bargain.zopa([[5.0, 1.0]], 2.0)
    frame = z.to_frame().set_index(["draw", "axis_1"])
    assert frame.loc[(0, 0), "width"] == 3.0
    assert not frame.loc[(0, 1), "exists"]
    assert frame["width"].dtype == np.float64
    # A single position has no batch axis, hence no draw column.
    assert "draw" not in bargain.zopa(5.0, 2.0).to_frame().columns
    assert "<table" in z._repr_html_()


# --------------------------------------------------------------------------- linear frontier


@pytest.mark.parametrize(
    ("total", "d", "expected"),
    [
        # anchors.md C: x_i = d_i + (S - d1 - d2)/2
        (1.0, (0.0, 0.0), (0.5, 0.5)),
        (10.0, (2.0, 0.0), (6.0, 4.0)),  # surplus 8 split 4/4
        (10.0, (-3.0, 1.0), (3.0, 7.0)),  # surplus 12 split 6/6
        (4.0, (1.0, 3.0), (1.0, 3.0)),  # d on the frontier: nothing to share
    ],
)
def test_nash_linear_symmetric_closed_form(
    total: float, d: tuple[float, float], expected: tuple[float, float]
) -> None:
    u1, u2 = bargain.nash(bargain.linear_frontier(total), disagreement=d)
    assert_allclose([u1, u2], expected, rtol=1e-15)
    assert u1.shape == ()
    assert u1.dtype == np.float64


@given(
    total=st.floats(-5, 20),
    d1=st.floats(-5, 5),
    d2=st.floats(-5, 5),
    w1=st.floats(0, 1),
)
def test_nash_linear_weighted_closed_form(total: float, d1: float, d2: float, w1: float) -> None:
    # Asymmetric Nash (Roth 1979): u_i = d_i + w_i (T - d1 - d2).
    t = max(total, d1 + d2)
    w2 = 1.0 - w1
    u1, u2 = bargain.nash(bargain.linear_frontier(t), disagreement=(d1, d2), weights=(w1, w2))
    assert_allclose(u1, d1 + w1 * (t - d1 - d2), atol=1e-12)
    assert_allclose(u2, d2 + w2 * (t - d1 - d2), atol=1e-12)


def test_nash_linear_weighted_hand_case() -> None:
    # T = 10, d = (1, 2), w = (0.25, 0.75): surplus 7 -> u = (1 + 1.75, 2 + 5.25).
    u1, u2 = bargain.nash(
        bargain.linear_frontier(10.0), disagreement=(1.0, 2.0), weights=(0.25, 0.75)
    )
    assert_allclose([u1, u2], [2.75, 7.25])


@given(total=st.floats(0, 20), d1=st.floats(-5, 5), d2=st.floats(-5, 5))
def test_ks_and_egalitarian_linear_equal_symmetric_nash(
    total: float, d1: float, d2: float
) -> None:
    # Kalai-Smorodinsky (1975): ideal a_i = T - d_j, so a_i - d_i = T - d1 - d2 for both
    # sides; equal relative gains are equal absolute gains: u_i = d_i + (T - d1 - d2)/2,
    # which is also the egalitarian point (Kalai 1977) and symmetric Nash (anchors.md C).
    t = max(total, d1 + d2)
    half = (t - d1 - d2) / 2.0
    front = bargain.linear_frontier(t)
    for solve in (bargain.kalai_smorodinsky, bargain.egalitarian):
        u1, u2 = solve(front, disagreement=(d1, d2))
        assert_allclose([u1, u2], [d1 + half, d2 + half], atol=1e-12)


def test_linear_frontier_broadcasts_over_draws() -> None:
    total = np.array([1.0, 2.0, 3.0])
    d1 = np.array([[0.0], [1.0]])  # shape (2, 1) against (3,) -> (2, 3)
    u1, u2 = bargain.nash(bargain.linear_frontier(total), disagreement=(d1, 0.0))
    assert u1.shape == (2, 3)
    assert_allclose(u1, d1 + (total - d1) / 2.0)
    assert_allclose(u1 + u2, np.broadcast_to(total, (2, 3)))
    assert not u1.flags.writeable
    assert not u2.flags.writeable


# --------------------------------------------------------------------------- concave frontier


def test_nash_concave_sqrt_frontier() -> None:
    # u2 = sqrt(1 - u1), d = 0: maximize log u1 + 1/2 log(1 - u1);
    # 1/u1 = (1/2)/(1 - u1) -> 1 - u1 = u1/2 -> u1 = 2/3, u2 = sqrt(1/3).
    u1, u2 = bargain.nash(bargain.concave_frontier(root, u1_max=1.0))
    assert_allclose([u1, u2], [2.0 / 3.0, math.sqrt(1.0 / 3.0)], atol=NASH_TOL)


@pytest.mark.parametrize("w1", [0.1, 0.3, 0.7, 0.9])
def test_nash_concave_sqrt_frontier_weighted(w1: float) -> None:
    # w1 log u1 + (w2/2) log(1 - u1): w1/u1 = (w2/2)/(1 - u1)
    # -> u1 = 2 w1 / (2 w1 + w2).
    w2 = 1.0 - w1
    u1, u2 = bargain.nash(bargain.concave_frontier(root, u1_max=1.0), weights=(w1, w2))
    expected = 2.0 * w1 / (2.0 * w1 + w2)
    assert_allclose(u1, expected, atol=NASH_TOL)
    assert_allclose(u2, math.sqrt(1.0 - expected), atol=NASH_TOL)


def test_nash_concave_quadratic_frontier() -> None:
    front = bargain.concave_frontier(quadratic, u1_max=1.0)
    # u2 = 1 - u1^2, d = 0: d/du [u(1 - u^2)] = 1 - 3u^2 = 0 -> u1 = 1/sqrt(3), u2 = 2/3.
    u1, u2 = bargain.nash(front)
    assert_allclose([u1, u2], [1.0 / math.sqrt(3.0), 2.0 / 3.0], atol=NASH_TOL)
    # d = (0, 1/2): d/du [u(1/2 - u^2)] = 1/2 - 3u^2 = 0 -> u1 = 1/sqrt(6), u2 = 5/6.
    u1, u2 = bargain.nash(front, disagreement=(0.0, 0.5))
    assert_allclose([u1, u2], [1.0 / math.sqrt(6.0), 5.0 / 6.0], atol=NASH_TOL)
    # d = (-1, 0): d/du [(u + 1)(1 - u^2)] = (1 + u)(1 - 3u) = 0 -> u1 = 1/3, u2 = 8/9.
    u1, u2 = bargain.nash(front, disagreement=(-1.0, 0.0))
    assert_allclose([u1, u2], [1.0 / 3.0, 8.0 / 9.0], atol=NASH_TOL)


def test_nash_concave_corner_and_dictator_weights() -> None:
    # u2 = 3 - u1 on [0, 1], d = 0: u(3 - u) rises until u = 3/2 > 1, so the
    # solution is the corner (1, 2).
    front = bargain.concave_frontier(lambda u: 3.0 - u, u1_max=1.0)
    assert_allclose(bargain.nash(front), [1.0, 2.0], atol=NASH_TOL)
    # w = (1, 0): side 1 takes the most it can while side 2 keeps d2 = 0.5;
    # on u2 = 1 - u1^2 that is u1 = sqrt(1/2).
    quad = bargain.concave_frontier(quadratic, u1_max=1.0)
    u1, u2 = bargain.nash(quad, disagreement=(0.0, 0.5), weights=(1.0, 0.0))
    assert_allclose([u1, u2], [math.sqrt(0.5), 0.5], atol=NASH_TOL)
    # w = (0, 1): side 2 takes f(d1).
    u1, u2 = bargain.nash(quad, disagreement=(0.5, 0.0), weights=(0.0, 1.0))
    assert_allclose([u1, u2], [0.5, 0.75], atol=NASH_TOL)


def test_nash_concave_is_unit_free() -> None:
    # Money units: u2 = S sqrt(1 - u1/S) with S = 1e12 is the sqrt case scaled by S.
    s = 1.0389e12
    front = bargain.concave_frontier(lambda u: s * np.sqrt(1.0 - u / s), u1_max=s)
    u1, u2 = bargain.nash(front)
    assert_allclose([u1 / s, u2 / s], [2.0 / 3.0, math.sqrt(1.0 / 3.0)], atol=NASH_TOL)


def test_ks_concave_closed_forms() -> None:
    front = bargain.concave_frontier(quadratic, u1_max=1.0)
    # d = 0: ideal point (1, 1), so u1 = u2 = 1 - u1^2 -> u1 = (sqrt5 - 1)/2.
    u1, u2 = bargain.kalai_smorodinsky(front)
    assert_allclose([u1, u2], [(SQRT5 - 1) / 2] * 2, atol=BISECT_TOL)
    # d = (0, 1/2): a1 solves 1 - a1^2 = 1/2 -> a1 = 1/sqrt2; a2 = f(0) = 1.
    # u1 / (1/sqrt2) = (u2 - 1/2) / (1/2) -> 1 - u1^2 = 1/2 + u1/sqrt2
    # -> u1^2 + u1/sqrt2 - 1/2 = 0 -> u1 = (sqrt5 - 1) / (2 sqrt2).
    u1, u2 = bargain.kalai_smorodinsky(front, disagreement=(0.0, 0.5))
    x = (SQRT5 - 1) / (2 * math.sqrt(2.0))
    assert_allclose([u1, u2], [x, 1 - x**2], atol=BISECT_TOL)
    # u2 = sqrt(1 - u1), d = 0: u1 = u2 -> u1^2 = 1 - u1 -> (sqrt5 - 1)/2 again.
    u1, u2 = bargain.kalai_smorodinsky(bargain.concave_frontier(root, u1_max=1.0))
    assert_allclose([u1, u2], [(SQRT5 - 1) / 2] * 2, atol=BISECT_TOL)
    # d = (-1, 0) on 1 - u1^2: ideal a1 = 1 (f(1) = 0 = d2), a2 = f(0) = 1;
    # (u1 + 1)/2 = u2 = 1 - u1^2 -> 2 u1^2 + u1 - 1 = 0 -> u1 = 1/2, u2 = 3/4.
    u1, u2 = bargain.kalai_smorodinsky(front, disagreement=(-1.0, 0.0))
    assert_allclose([u1, u2], [0.5, 0.75], atol=BISECT_TOL)
    # u2 = 3 - u1 on [0, 1], d = 0: ideal (1, 3), u2 = 3 u1 = 3 - u1 -> (3/4, 9/4).
    u1, u2 = bargain.kalai_smorodinsky(bargain.concave_frontier(lambda u: 3.0 - u, u1_max=1.0))
    assert_allclose([u1, u2], [0.75, 2.25], atol=BISECT_TOL)


def test_egalitarian_concave_closed_forms() -> None:
    front = bargain.concave_frontier(quadratic, u1_max=1.0)
    # d = (0, 1/2): u2 - 1/2 = u1 -> 1 - u1^2 = 1/2 + u1 -> u1 = (sqrt3 - 1)/2.
    u1, u2 = bargain.egalitarian(front, disagreement=(0.0, 0.5))
    x = (math.sqrt(3.0) - 1) / 2
    assert_allclose([u1, u2], [x, 0.5 + x], atol=BISECT_TOL)
    # u2 = 3 - u1 on [0, 1], d = 0: the ray (t, t) leaves through the edge u1 = 1 at t = 1.
    u1, u2 = bargain.egalitarian(bargain.concave_frontier(lambda u: 3.0 - u, u1_max=1.0))
    assert_allclose([u1, u2], [1.0, 1.0], atol=BISECT_TOL)
    # d = (-1, 0.5) on 1 - u1^2: gains t on the flat edge u2 = f(0) = 1 give t = 1/2,
    # at u1 = -1/2 (weakly efficient).
    u1, u2 = bargain.egalitarian(front, disagreement=(-1.0, 0.5))
    assert_allclose([u1, u2], [-0.5, 1.0], atol=BISECT_TOL)


def test_solutions_collects_the_three() -> None:
    front = bargain.concave_frontier(quadratic, u1_max=1.0)
    res = bargain.solutions(front, disagreement=(0.0, 0.5), weights=(0.5, 0.5))
    assert res.u1.shape == (3,)
    assert res.names == ("nash", "kalai_smorodinsky", "egalitarian")
    x_ks = (SQRT5 - 1) / (2 * math.sqrt(2.0))
    x_eg = (math.sqrt(3.0) - 1) / 2
    assert_allclose(res.u1, [1 / math.sqrt(6.0), x_ks, x_eg], atol=NASH_TOL)
    frame = res.to_frame()
    assert list(frame.columns[:1]) == ["solution"]  # a single problem: no draw column
    assert isinstance(frame["solution"].dtype, pd.CategoricalDtype)
    assert_allclose(frame["gain2"].to_numpy(), res.u2 - 0.5)
    assert "<table" in res._repr_html_()


def test_solutions_on_draws_frame_shape() -> None:
    total = np.array([1.0, 2.0])
    res = bargain.solutions(bargain.linear_frontier(total))
    assert res.u1.shape == (2, 3)
    frame = res.to_frame()
    assert len(frame) == 6
    assert list(frame.columns[:2]) == ["draw", "solution"]
    assert_allclose(frame.loc[frame["draw"] == 1, "u1"].to_numpy(), [1.0, 1.0, 1.0])


# --------------------------------------------------------------------------- properties

p_values = st.floats(1.0, 4.0)
# (d1, d2) in [0, 0.45]^2 is feasible for every circle(p), p >= 1: f(d1) >= 1 - d1 >= 0.55.
d_values = st.floats(0.0, 0.45)


@given(st.lists(st.tuples(p_values, d_values, d_values, unit), min_size=1, max_size=6))
def test_concave_vectorized_equals_scalar_loop(
    rows: list[tuple[float, float, float, float]],
) -> None:
    p, d1, d2, w1 = (np.array(col) for col in zip(*rows, strict=True))
    n = len(p)
    front = bargain.concave_frontier(circle(p), u1_max=np.ones(n))
    vec_nash = bargain.nash(front, disagreement=(d1, d2), weights=(w1, 1 - w1))
    vec_ks = bargain.kalai_smorodinsky(front, disagreement=(d1, d2))
    vec_eg = bargain.egalitarian(front, disagreement=(d1, d2))
    for i in range(n):
        one = bargain.concave_frontier(circle(float(p[i])), u1_max=1.0)
        d = (float(d1[i]), float(d2[i]))
        nash_i = bargain.nash(one, disagreement=d, weights=(float(w1[i]), 1 - float(w1[i])))
        ks_i = bargain.kalai_smorodinsky(one, disagreement=d)
        eg_i = bargain.egalitarian(one, disagreement=d)
        assert_allclose([vec_nash[0][i], vec_nash[1][i]], nash_i, atol=NASH_TOL)
        assert_allclose([vec_ks[0][i], vec_ks[1][i]], ks_i, atol=BISECT_TOL)
        assert_allclose([vec_eg[0][i], vec_eg[1][i]], eg_i, atol=BISECT_TOL)


@given(p=p_values, d1=d_values, d2=d_values, w1=unit)
def test_concave_pareto_efficient_and_individually_rational(
    p: float, d1: float, d2: float, w1: float
) -> None:
    f = circle(p)
    front = bargain.concave_frontier(f, u1_max=1.0)
    for u1, u2 in (
        bargain.nash(front, disagreement=(d1, d2), weights=(w1, 1 - w1)),
        bargain.kalai_smorodinsky(front, disagreement=(d1, d2)),
    ):
        assert_allclose(u2, f(np.asarray(u1)), atol=1e-12)  # on the frontier
        assert u1 >= d1 - 1e-12
        assert u2 >= d2 - 1e-12
    e1, e2 = bargain.egalitarian(front, disagreement=(d1, d2))
    assert_allclose(e1 - d1, e2 - d2, atol=1e-12)
    # On [0, 1] with f(1) = 0 < d2 or f(d1) > d2 the ray meets the curved part.
    assert_allclose(e2, f(np.asarray(e1)), atol=1e-9)


@given(p=p_values, d=d_values)
def test_symmetry(p: float, d: float) -> None:
    # The frontier (1 - u1^p)^(1/p) is symmetric about u1 = u2; with d1 = d2 and
    # equal weights every symmetric solution gives u1 = u2 (Nash 1950 axiom).
    front = bargain.concave_frontier(circle(p), u1_max=1.0)
    u1, u2 = bargain.nash(front, disagreement=(d, d))
    assert_allclose(u1, u2, atol=2 * NASH_TOL)
    for solve in (bargain.kalai_smorodinsky, bargain.egalitarian):
        u1, u2 = solve(front, disagreement=(d, d))
        assert_allclose(u1, u2, atol=1e-9)


@given(
    p=p_values,
    d1=d_values,
    d2=d_values,
    w1=unit,
    a=st.floats(0.01, 100.0),
    b=st.floats(0.01, 100.0),
)
def test_nash_scale_invariance(
    p: float, d1: float, d2: float, w1: float, a: float, b: float
) -> None:
    # Nash (1950): rescaling each side's utility (v1 = a u1, v2 = b u2) rescales
    # the solution. The scaled frontier is v2 = b f(v1 / a) on [0, a].
    f = circle(p)
    base = bargain.nash(
        bargain.concave_frontier(f, u1_max=1.0), disagreement=(d1, d2), weights=(w1, 1 - w1)
    )
    scaled_front = bargain.concave_frontier(lambda v: b * f(v / a), u1_max=a)
    v1, v2 = bargain.nash(scaled_front, disagreement=(a * d1, b * d2), weights=(w1, 1 - w1))
    assert_allclose(v1 / a, base[0], atol=NASH_TOL)
    assert_allclose(v2 / b, base[1], atol=NASH_TOL)
    # KS is scale invariant too (Kalai-Smorodinsky 1975).
    ks = bargain.kalai_smorodinsky(bargain.concave_frontier(f, u1_max=1.0), disagreement=(d1, d2))
    k1, k2 = bargain.kalai_smorodinsky(scaled_front, disagreement=(a * d1, b * d2))
    assert_allclose([k1 / a, k2 / b], ks, atol=1e-9)


@given(
    total=st.floats(0, 10),
    d1=st.floats(-3, 3),
    d2=st.floats(-3, 3),
    c1=st.floats(-5, 5),
    c2=st.floats(-5, 5),
    w1=st.floats(0, 1),
)
# Found by hypothesis: the shifted disagreement sums to the shifted total only up to one
# ulp (-1 + 1.6 > 0.6 - 1 + 1); a point on the frontier up to rounding is feasible.
@example(total=0.0, d1=0.0, d2=0.6, c1=-1.0, c2=1.0, w1=0.0)
def test_translation_by_disagreement_linear(
    total: float, d1: float, d2: float, c1: float, c2: float, w1: float
) -> None:
    # Shifting utilities by c moves the frontier to u1 + u2 = T + c1 + c2 and d to
    # d + c; the solutions move by c (invariance to positive affine maps).
    t = max(total, d1 + d2)
    weights = (w1, 1 - w1)
    u = bargain.nash(bargain.linear_frontier(t), disagreement=(d1, d2), weights=weights)
    v = bargain.nash(
        bargain.linear_frontier(t + c1 + c2), disagreement=(d1 + c1, d2 + c2), weights=weights
    )
    assert_allclose([v[0] - c1, v[1] - c2], u, atol=1e-9)


@given(p=p_values, d1=d_values, d2=d_values, c2=st.floats(-5, 5))
def test_translation_by_disagreement_concave(p: float, d1: float, d2: float, c2: float) -> None:
    f = circle(p)
    shifted = bargain.concave_frontier(lambda u: f(u) + c2, u1_max=1.0)
    base = bargain.concave_frontier(f, u1_max=1.0)
    for solve in (bargain.nash, bargain.kalai_smorodinsky, bargain.egalitarian):
        u1, u2 = solve(base, disagreement=(d1, d2))
        v1, v2 = solve(shifted, disagreement=(d1, d2 + c2))
        assert_allclose([v1, v2 - c2], [u1, u2], atol=NASH_TOL)


def test_concave_frontier_equals_linear_closed_form() -> None:
    # A straight frontier given as a concave function must reproduce the closed form.
    front = bargain.concave_frontier(lambda u: 1.0 - u, u1_max=1.0)
    u1, u2 = bargain.nash(front, disagreement=(0.1, 0.3), weights=(0.3, 0.7))
    # u_i = d_i + w_i (1 - 0.4): (0.1 + 0.18, 0.3 + 0.42)
    assert_allclose([u1, u2], [0.28, 0.72], atol=NASH_TOL)


def test_inputs_not_mutated() -> None:
    d1 = np.array([0.0, 0.2])
    w1 = np.array([0.5, 0.4])
    before = (d1.copy(), w1.copy())
    front = bargain.concave_frontier(quadratic, u1_max=np.ones(2))
    bargain.nash(front, disagreement=(d1, 0.0), weights=(w1, 1 - w1))
    bargain.solutions(front, disagreement=(d1, 0.0))
    assert_allclose(d1, before[0])
    assert_allclose(w1, before[1])
    assert d1.flags.writeable


# --------------------------------------------------------------------------- Rubinstein


@pytest.mark.parametrize("delta", [0.1, 0.5, 0.9, 0.99])
def test_rubinstein_equal_discount(delta: float) -> None:
    # Rubinstein (1982): with delta1 = delta2 = delta the first proposer gets 1/(1 + delta).
    assert_allclose(bargain.rubinstein(delta), 1.0 / (1.0 + delta), rtol=1e-15)


def test_rubinstein_general_closed_form() -> None:
    # Rubinstein (1982): x* = (1 - d2) / (1 - d1 d2). (0.9, 0.8): 0.2 / 0.28 = 5/7.
    assert_allclose(bargain.rubinstein(0.9, 0.8), 5.0 / 7.0, rtol=1e-14)
    # (0.5, 0.5): 0.5 / 0.75 = 2/3.
    assert_allclose(bargain.rubinstein(0.5, 0.5), 2.0 / 3.0, rtol=1e-14)
    d1 = np.array([0.2, 0.6, 0.95])
    assert_allclose(bargain.rubinstein(d1, 0.7), 0.3 / (1 - 0.7 * d1), rtol=1e-14)
    # Player 2 proposing first gets (1 - d1)/(1 - d1 d2); player 1 the rest,
    # d1 (1 - d2) / (1 - d1 d2). (0.9, 0.8): 0.9 * 0.2 / 0.28 = 9/14.
    assert_allclose(bargain.rubinstein(0.9, 0.8, first=2), 9.0 / 14.0, rtol=1e-14)


def test_rubinstein_finite_horizon_hand_cases() -> None:
    # Ståhl (1972) by backward induction: H = 1: proposer takes all; H = 2: 1 - d2;
    # H = 3: 1 - d2 (1 - d1).
    d1, d2 = 0.9, 0.6
    assert_allclose(bargain.rubinstein(d1, d2, horizon=1), 1.0)
    assert_allclose(bargain.rubinstein(d1, d2, horizon=2), 1 - d2)
    assert_allclose(bargain.rubinstein(d1, d2, horizon=3), 1 - d2 * (1 - d1))
    # Player 2 first, H = 2: player 2 gets 1 - d1, player 1 gets d1.
    assert_allclose(bargain.rubinstein(d1, d2, horizon=2, first=2), d1)


@given(delta=deltas, horizon=st.integers(1, 60))
def test_rubinstein_finite_equal_discount_closed_form(delta: float, horizon: int) -> None:
    # Equal discounting: x_H = 1 - d + d^2 - ... +- d^(H-1) = (1 - (-d)^H) / (1 + d).
    expected = (1.0 - (-delta) ** horizon) / (1.0 + delta)
    assert_allclose(bargain.rubinstein(delta, horizon=horizon), expected, rtol=1e-12)


@given(d1=deltas, d2=deltas, horizon=st.integers(1, 200))
def test_rubinstein_finite_converges_to_infinite(d1: float, d2: float, horizon: int) -> None:
    # Two rounds of backward induction map the error by d1 d2, so
    # |x_H - x*| <= (d1 d2)^floor((H - 1) / 2) (the last round's error is <= 1).
    gap = abs(
        float(bargain.rubinstein(d1, d2, horizon=horizon)) - float(bargain.rubinstein(d1, d2))
    )
    assert gap <= (d1 * d2) ** ((horizon - 1) // 2) + 1e-12


def test_rubinstein_long_horizon_matches_infinite() -> None:
    x = bargain.rubinstein(np.array([0.5, 0.9]), 0.8, horizon=2001)
    assert_allclose(x, [0.2 / 0.6, 0.2 / 0.28], rtol=1e-12)


@given(st.lists(st.tuples(deltas, deltas), min_size=1, max_size=8), st.integers(1, 12))
def test_rubinstein_vectorized_equals_scalar_loop(
    pairs: list[tuple[float, float]], horizon: int
) -> None:
    d1, d2 = (np.array(col) for col in zip(*pairs, strict=True))
    for h in (None, horizon):
        for first in (1, 2):
            vec = bargain.rubinstein(d1, d2, horizon=h, first=first)
            loop = [
                float(bargain.rubinstein(float(a), float(b), horizon=h, first=first))
                for a, b in zip(d1, d2, strict=True)
            ]
            assert_allclose(vec, loop, rtol=1e-15)


@given(d1=st.floats(0.01, 0.9), step=st.floats(0.01, 0.09), d2=deltas)
def test_rubinstein_monotone_in_own_discount(d1: float, step: float, d2: float) -> None:
    # A more patient side gets more: x* rises with delta1, falls with delta2.
    low = float(bargain.rubinstein(d1, d2))
    high = float(bargain.rubinstein(d1 + step, d2))
    assert high > low
    assert float(bargain.rubinstein(d2, d1)) > float(bargain.rubinstein(d2, d1 + step))


@given(r1=st.floats(0.001, 1.0), r2=st.floats(0.001, 1.0))
def test_rubinstein_continuous_time_limit(r1: float, r2: float) -> None:
    # Binmore, Rubinstein & Wolinsky (1986): with delta_i = exp(-r_i dt), the share
    # tends to r2 / (r1 + r2) as dt -> 0, whoever proposes first.
    limit = r2 / (r1 + r2)
    assert_allclose(bargain.rubinstein_limit(r1, r2), limit, rtol=1e-15)
    errors = []
    for dt in (1e-1, 1e-2, 1e-3):
        for first in (1, 2):
            share = bargain.rubinstein(np.exp(-r1 * dt), np.exp(-r2 * dt), first=first)
            errors.append(abs(float(share) - limit))
        # first-order in dt: |x - limit| <= (r1 + r2) dt (the proposer's edge is O(dt)).
        assert max(errors[-2:]) <= (r1 + r2) * dt
    assert errors[-1] < errors[0] or errors[0] == 0.0


def test_cost_of_delay_formulas_and_limit() -> None:
    # r = c / S per month; delta = exp(-r * round); d = -c * months.
    cost = bargain.cost_of_delay(
        np.array([1e9, 3e9]), 50e9, round_months=2.0, stalemate_months=4.0
    )
    assert_allclose(cost.rate, [0.02, 0.06])
    assert_allclose(cost.discount, np.exp(-np.array([0.04, 0.12])))
    assert_allclose(cost.disagreement, [-4e9, -12e9])
    # With a common stake the continuous-time share of side 1 is c2 / (c1 + c2).
    us, rok = cost_pair = (
        bargain.cost_of_delay(1e9, 50e9),
        bargain.cost_of_delay(3e9, 50e9),
    )
    assert len(cost_pair) == 2
    assert_allclose(bargain.rubinstein_limit(us.rate, rok.rate), 0.75)
    frame = cost.to_frame()
    assert list(frame.columns)[-1] == "disagreement"
    assert_allclose(frame["rate"].to_numpy(), [0.02, 0.06])


# --------------------------------------------------------------------------- bad input


def _linear() -> bargain.Frontier:
    return bargain.linear_frontier(1.0)


BAD_CALLS: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("delta1 zero", lambda: bargain.rubinstein(0.0), InvalidInputError, "delta1"),
    ("delta1 one", lambda: bargain.rubinstein(1.0, 0.5), InvalidInputError, "delta1"),
    ("delta1 nan", lambda: bargain.rubinstein(np.nan), InvalidInputError, "delta1"),
    ("delta1 array", lambda: bargain.rubinstein([0.5, 1.2]), InvalidInputError, "delta1"),
    ("delta2 negative", lambda: bargain.rubinstein(0.5, -0.1), InvalidInputError, "delta2"),
    ("horizon zero", lambda: bargain.rubinstein(0.5, horizon=0), InvalidInputError, "horizon"),
    ("horizon float", lambda: bargain.rubinstein(0.5, horizon=2.5), InvalidInputError, "horizon"),  # type: ignore[arg-type]
    ("horizon bool", lambda: bargain.rubinstein(0.5, horizon=True), InvalidInputError, "horizon"),
    ("first", lambda: bargain.rubinstein(0.5, first=3), InvalidInputError, "first"),  # type: ignore[arg-type]
    (
        "delta shapes",
        lambda: bargain.rubinstein(np.full(2, 0.5), np.full(3, 0.5)),
        InvalidInputError,
        "delta1, delta2",
    ),
    ("rate1", lambda: bargain.rubinstein_limit(0.0, 0.1), InvalidInputError, "rate1"),
    ("rate2", lambda: bargain.rubinstein_limit(0.1, np.inf), InvalidInputError, "rate2"),
    (
        "weights sum",
        lambda: bargain.nash(_linear(), weights=(0.6, 0.6)),
        InvalidInputError,
        "weights",
    ),
    (
        "weights negative",
        lambda: bargain.nash(_linear(), weights=(-0.1, 1.1)),
        InvalidInputError,
        "weights",
    ),
    (
        "weights single",
        lambda: bargain.nash(_linear(), weights=(1.0,)),
        InvalidInputError,
        "weights",
    ),
    ("weights str", lambda: bargain.nash(_linear(), weights="ab"), InvalidInputError, "weights"),
    (
        "weights nan",
        lambda: bargain.nash(_linear(), weights=(np.nan, 0.5)),
        InvalidInputError,
        r"weights\[0\]",
    ),
    (
        "disagreement nan",
        lambda: bargain.nash(_linear(), disagreement=(np.nan, 0.0)),
        InvalidInputError,
        r"disagreement\[0\]",
    ),
    (
        "disagreement not pair",
        lambda: bargain.kalai_smorodinsky(_linear(), disagreement=np.zeros((3, 2))),
        InvalidInputError,
        "disagreement",
    ),
    (
        "disagreement above line",
        lambda: bargain.nash(_linear(), disagreement=(0.8, 0.5)),
        InfeasibleError,
        "disagreement",
    ),
    (
        "disagreement above curve",
        lambda: bargain.egalitarian(
            bargain.concave_frontier(quadratic, u1_max=1.0), disagreement=(0.5, 0.9)
        ),
        InfeasibleError,
        "disagreement",
    ),
    (
        "disagreement right of curve",
        lambda: bargain.kalai_smorodinsky(
            bargain.concave_frontier(root, u1_max=1.0), disagreement=(1.5, -1.0)
        ),
        InfeasibleError,
        "disagreement",
    ),
    ("frontier type", lambda: bargain.nash("line"), InvalidInputError, "frontier"),  # type: ignore[arg-type]
    ("total nan", lambda: bargain.linear_frontier(np.nan), InvalidInputError, "total"),
    (
        "u1_max zero",
        lambda: bargain.concave_frontier(quadratic, u1_max=0.0),
        InvalidInputError,
        "u1_max",
    ),
    (
        "u1_max negative",
        lambda: bargain.concave_frontier(quadratic, u1_max=[1.0, -1.0]),
        InvalidInputError,
        "u1_max",
    ),
    (
        "u1_max inf",
        lambda: bargain.concave_frontier(quadratic, u1_max=np.inf),
        InvalidInputError,
        "u1_max",
    ),
    (
        "f increasing",
        lambda: bargain.concave_frontier(lambda u: u, u1_max=1.0),
        InvalidInputError,
        "^f: .*decreasing",
    ),
    (
        "f flat",
        lambda: bargain.concave_frontier(lambda u: np.minimum(1.0, 2.0 - 2.0 * u), u1_max=1.0),
        InvalidInputError,
        "^f: .*decreasing",
    ),
    (
        "f convex",
        lambda: bargain.concave_frontier(lambda u: (1.0 - u) ** 2, u1_max=1.0),
        InvalidInputError,
        "^f: .*concave",
    ),
    (
        "f non-finite",
        lambda: bargain.concave_frontier(lambda u: 1.0 / u, u1_max=1.0),
        InvalidInputError,
        "^f: .*finite",
    ),
    (
        "f wrong shape",
        lambda: bargain.concave_frontier(lambda u: np.ones(u.size + 1), u1_max=1.0),
        InvalidInputError,
        "^f: .*shape",
    ),
    (
        "f raises",
        lambda: bargain.concave_frontier(lambda u: u + np.ones(2), u1_max=1.0),
        InvalidInputError,
        "^f: ",
    ),
    (
        "f not callable",
        lambda: bargain.concave_frontier(1.0, u1_max=1.0),  # type: ignore[arg-type]
        InvalidInputError,
        "^f: ",
    ),
    ("host_max inf", lambda: bargain.zopa(np.inf, 1.0), InvalidInputError, "host_max"),
    ("sender_min str", lambda: bargain.zopa(1.0, "1"), InvalidInputError, "sender_min"),
    (
        "zopa shapes",
        lambda: bargain.zopa(np.ones(2), np.ones(3)),
        InvalidInputError,
        "host_max, sender_min",
    ),
    (
        "sender_share",
        lambda: bargain.zopa(2.0, 1.0).settlement(1.5),
        InvalidInputError,
        "sender_share",
    ),
    ("stake", lambda: bargain.cost_of_delay(1.0, 0.0), InvalidInputError, "stake"),
    ("monthly_cost", lambda: bargain.cost_of_delay(-1.0, 1.0), InvalidInputError, "monthly_cost"),
    (
        "round_months",
        lambda: bargain.cost_of_delay(1.0, 1.0, round_months=0.0),
        InvalidInputError,
        "round_months",
    ),
    (
        "stalemate_months",
        lambda: bargain.cost_of_delay(1.0, 1.0, stalemate_months=-2.0),
        InvalidInputError,
        "stalemate_months",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [case[1:] for case in BAD_CALLS],
    ids=[case[0] for case in BAD_CALLS],
)
def test_bad_input_raises_naming_the_field(
    call: Callable[[], object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error, match=field):
        call()


def test_errors_are_value_errors_with_fields() -> None:
    with pytest.raises(ValueError, match="disagreement") as info:
        bargain.nash(_linear(), disagreement=(2.0, 0.0))
    assert isinstance(info.value, InfeasibleError)
    assert info.value.field == "disagreement"


def test_frontier_checked_before_any_work() -> None:
    calls: list[int] = []

    def counting(u: FloatArray) -> FloatArray:
        calls.append(1)
        return 1.0 - u

    with pytest.raises(InvalidInputError, match="u1_max"):
        bargain.concave_frontier(counting, u1_max=-1.0)
    assert calls == []
    front = bargain.concave_frontier(counting, u1_max=1.0)
    calls.clear()
    # Bad weights are rejected before the frontier is evaluated at all.
    with pytest.raises(InvalidInputError, match="weights"):
        bargain.nash(front, weights=(0.9, 0.9))
    assert calls == []


@given(r1=st.floats(0.001, 1.0), r2=st.floats(0.001, 1.0))
def test_continuous_limit_is_the_asymmetric_nash_solution(r1: float, r2: float) -> None:
    # Binmore, Rubinstein & Wolinsky (1986): the limit share r2 / (r1 + r2) is the Nash
    # solution of the pie u1 + u2 = 1 with bargaining weights proportional to the other
    # side's impatience, w = (r2, r1) / (r1 + r2).
    w1 = r2 / (r1 + r2)
    u1, u2 = bargain.nash(bargain.linear_frontier(1.0), weights=(w1, 1.0 - w1))
    assert_allclose(u1, bargain.rubinstein_limit(r1, r2), rtol=1e-12)
    assert_allclose(u1 + u2, 1.0)


def test_zopa_summary_is_over_draws_with_a_zone_and_names_the_currency() -> None:
    # Draw 0: zone [100, 160] bn (width 60); draw 1: gap of 50 bn, no zone.
    z = bargain.zopa([160e9, 50e9], [100e9, 100e9], currency="KRW")
    text = repr(z)
    assert "draws with a zone=1 of 2 (50.0%)" in text
    assert "KRW 60.00 bn" in text  # the negative draw is not averaged in
    assert "KRW" in z._repr_html_()
    with pytest.raises(MissingDataError, match="currency"):
        bargain.zopa(1.0, 0.5, currency="won")
