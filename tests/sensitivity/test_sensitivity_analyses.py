"""Monte Carlo, tornado, sweep, threshold, Morris, PRIM and the model-calling machinery."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import burden as bd
import burden.sensitivity as bs
from burden import InvalidInputError, MissingDataError
from burden._core.progress import progress_bar, resolve_progress

if TYPE_CHECKING:
    from collections.abc import Mapping

    from burden.typing import FloatArray

COEF = np.array([2.0, 3.0, -1.0])
LOWS = np.array([0.0, 0.0, -1.0])
HIGHS = np.array([1.0, 2.0, 1.0])


def _linear_space() -> bs.ParameterSpace:
    return bs.ParameterSpace([bs.Parameter(f"x{i}", (LOWS[i], HIGHS[i])) for i in range(3)])


def _linear(p: Mapping[str, FloatArray]) -> FloatArray:
    y: FloatArray = COEF[0] * p["x0"] + COEF[1] * p["x1"] + COEF[2] * p["x2"]
    return y


def _two_outputs(p: Mapping[str, FloatArray]) -> dict[str, FloatArray]:
    return {"lin": _linear(p), "pair": np.stack([p["x0"] * p["x1"], p["x2"] ** 2], axis=1)}


# --- model calling ----------------------------------------------------------------


def test_evaluate_normalises_outputs_and_labels() -> None:
    space = _linear_space()
    x = bs.sample(space, 10, rng=0)
    y, labels = bs.evaluate(_two_outputs, space, x, chunk_size=3)
    assert labels == ("lin", "pair[0]", "pair[1]")
    assert y.shape == (10, 3)
    assert y.dtype == np.float64
    np.testing.assert_allclose(y[:, 0], x @ COEF)
    y2, labels2 = bs.evaluate(lambda p: np.stack([p["x0"], p["x1"]], axis=1), space, x)
    assert labels2 == ("y[0]", "y[1]")
    np.testing.assert_array_equal(y2, x[:, :2])


def test_model_cannot_mutate_inputs() -> None:
    space = _linear_space()
    x = bs.sample(space, 8, rng=0)
    before = x.copy()

    def bad(p: Mapping[str, FloatArray]) -> FloatArray:
        p["x0"][:] = 0.0
        return p["x0"]

    with pytest.raises(ValueError, match="read-only"):
        bs.evaluate(bad, space, x)
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize(
    "model",
    [
        lambda _p: np.zeros(3),
        lambda p: np.zeros((len(p["x0"]), 2, 2)),
        lambda p: np.array(["a"] * len(p["x0"])),
        lambda _p: {},
        lambda p: np.full(len(p["x0"]), np.inf),
    ],
)
def test_bad_model_output_is_rejected(model: bs.Model) -> None:
    with pytest.raises(InvalidInputError) as info:
        bs.evaluate(model, _linear_space(), np.zeros((5, 3)))
    assert info.value.field == "model output"


def test_evaluate_rejects_bad_x_and_chunks() -> None:
    with pytest.raises(InvalidInputError) as info:
        bs.evaluate(_linear, _linear_space(), np.zeros((5, 2)))
    assert info.value.field == "x"
    with pytest.raises(InvalidInputError) as info:
        bs.evaluate(_linear, _linear_space(), np.zeros((5, 3)), chunk_size=0)
    assert info.value.field == "chunk_size"


def test_progress_is_off_when_not_a_tty() -> None:
    # pytest captures stderr, which is then not a terminal
    assert resolve_progress(None) is False
    assert resolve_progress(True) is True
    with progress_bar(5, progress=False, desc="x") as bar:
        bar.update(5)
        assert bar._bar is None


# --- Monte Carlo --------------------------------------------------------------------


@settings(max_examples=10)
@given(
    n=st.integers(2, 3000),
    chunk=st.integers(1, 4000),
    method=st.sampled_from(["random", "lhs"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_monte_carlo_chunked_equals_one_shot(
    n: int, chunk: int, method: bs.SamplingMethod, seed: int
) -> None:
    space = _linear_space()
    one = bs.monte_carlo(_two_outputs, space, n=n, method=method, rng=seed)
    chunked = bs.monte_carlo(_two_outputs, space, n=n, method=method, rng=seed, chunk_size=chunk)
    assert one.inputs is not None
    np.testing.assert_array_equal(one.inputs, chunked.inputs)
    np.testing.assert_array_equal(one.outputs, chunked.outputs)
    np.testing.assert_array_equal(one.mean, chunked.mean)
    levels = [0.0, 0.05, 0.5, 0.95, 1.0]
    np.testing.assert_array_equal(one.quantiles(levels), chunked.quantiles(levels))
    # the draws are those of bs.sample with the same rng
    np.testing.assert_array_equal(one.inputs, bs.sample(space, n, method=method, rng=seed))


def test_monte_carlo_moments_of_linear_model() -> None:
    # E[y] = sum a_i (l_i + h_i)/2 = 2*0.5 + 3*1 - 0 = 4; Var[y] = sum a_i^2 (h_i - l_i)^2 / 12
    # = (4 + 36 + 4)/12 = 11/3 (moments of independent uniforms)
    res = bs.monte_carlo(_linear, _linear_space(), n=2**14, rng=1)
    assert res.mean[0] == pytest.approx(4.0, abs=0.01)
    assert res.variance[0] == pytest.approx(11.0 / 3.0, rel=0.02)
    q = res.quantiles([0.05, 0.25, 0.5, 0.75, 0.95])
    assert q.shape == (5, 1)
    assert (np.diff(q[:, 0]) > 0).all()
    assert res.quantiles(0.5).shape == (1,)
    # y is symmetric about its mean 4 (a sum of symmetric independent terms)
    assert q[2, 0] == pytest.approx(4.0, abs=0.02)
    frame = res.to_frame()
    assert frame["value"].dtype == np.float64
    assert set(frame["statistic"]) >= {"mean", "std", "q0.5", "q0.05"}
    assert res.samples_frame().shape == (2**14, 4)
    assert res.outputs is not None
    assert not res.outputs.flags.writeable
    assert "Monte Carlo" in res._repr_html_()


def test_monte_carlo_fan_chart_per_column() -> None:
    space = bs.ParameterSpace([bs.Parameter("g", stats.norm(0.02, 0.01))])
    years = np.arange(1, 6)

    def model(p: Mapping[str, FloatArray]) -> FloatArray:
        return 100.0 * (1.0 + p["g"][:, None]) ** years[None, :]

    res = bs.monte_carlo(model, space, n=4096, rng=2)
    low, high = res.quantiles([0.05, 0.95])
    assert low.shape == (5,)
    # the band of (1 + g)^t at the 5% / 95% normal quantiles: monotone transform of g
    z = 1.6448536269514722  # standard normal 95% quantile
    np.testing.assert_allclose(high, 100 * (1.02 + 0.01 * z) ** years, rtol=2e-3)
    np.testing.assert_allclose(low, 100 * (1.02 - 0.01 * z) ** years, rtol=2e-3)


def test_monte_carlo_bad_levels_and_sizes() -> None:
    res = bs.monte_carlo(_linear, _linear_space(), n=16, rng=0)
    with pytest.raises(InvalidInputError) as info:
        res.quantiles([0.5, 1.5])
    assert info.value.field == "q"
    with pytest.raises(InvalidInputError, match="power of 2") as info:
        bs.monte_carlo(_linear, _linear_space(), n=1000, rng=0)
    assert info.value.field == "n"
    assert "n=1024" in str(info.value)  # the message names the next power of 2
    with pytest.raises(InvalidInputError) as info:
        bs.monte_carlo(_linear, _linear_space(), n=1, method="random", rng=0)
    assert info.value.field == "n"
    with pytest.raises(InvalidInputError) as info:
        bs.monte_carlo(_linear, _linear_space(), n=16, chunk_size=0, rng=0)
    assert info.value.field == "chunk_size"


# --- tornado, sweep, threshold --------------------------------------------------------


def test_tornado_of_linear_model_is_exact() -> None:
    # one-at-a-time swing of y = sum a_i x_i is |a_i| (h_i - l_i): [2, 6, 2]
    res = bs.tornado(_two_outputs, _linear_space())
    np.testing.assert_allclose(res.swing[:, 0], np.abs(COEF) * (HIGHS - LOWS), rtol=1e-14)
    base = float(COEF @ ((LOWS + HIGHS) / 2))
    np.testing.assert_allclose(res.base[0], base)
    np.testing.assert_allclose(res.output_low[:, 0] - base, COEF * (LOWS - HIGHS) / 2)
    assert res.order[0, 0] == 1  # x1 has the largest swing
    frame = res.to_frame()
    lin = frame[frame["output"] == "lin"]
    assert lin["input"].tolist()[0] == "x1"
    assert lin["swing"].is_monotonic_decreasing
    assert len(frame) == 3 * 3
    assert "Tornado" in res._repr_html_()


def test_tornado_quantiles() -> None:
    space = bs.ParameterSpace([bs.Parameter("z", stats.norm(0, 1)), bs.Parameter("u", (0, 1))])
    res = bs.tornado(lambda p: p["z"] + p["u"], space, quantiles=(0.1, 0.9))
    # N(0,1) 10%/90% quantiles +-1.2815515655446004; U(0,1): 0.1, 0.9
    np.testing.assert_allclose(res.swing[:, 0], [2 * 1.2815515655446004, 0.8])


def test_sweep_two_inputs() -> None:
    space = _linear_space()
    g0, g2 = np.linspace(0, 1, 4), np.array([-1.0, 0.0, 1.0])
    res = bs.sweep(_linear, space, {"x0": g0, "x2": g2})
    assert res.outputs.shape == (4, 3, 1)
    expected = 2 * g0[:, None] + 3 * 1.0 - g2[None, :]
    np.testing.assert_allclose(res.outputs[..., 0], expected)
    frame = res.to_frame()
    assert list(frame.columns) == ["x0", "x2", "output", "value"]
    assert len(frame) == 12
    with pytest.raises(MissingDataError):
        bs.sweep(_linear, space, {"nope": [1.0]})
    with pytest.raises(InvalidInputError) as info:
        bs.sweep(_linear, space, {"x0": [1.0], "x1": [1.0], "x2": [1.0]})
    assert info.value.field == "grid"


def test_threshold_recovers_known_roots() -> None:
    # y = 100 (1 + r)^5 reaches t at r = (t/100)^(1/5) - 1; y2 = 50 + 1000 r is linear
    space = bs.ParameterSpace([bs.Parameter("r", (0.0, 0.1)), bs.Parameter("c", (0.0, 1.0))])
    targets = np.array([105.0, 120.0, 160.0, 200.0])

    def model(p: Mapping[str, FloatArray]) -> FloatArray:
        return np.stack([100 * (1 + p["r"]) ** 5, 50 + 1000 * p["r"]], axis=1)

    res = bs.threshold(model, space, "r", targets)
    exact = np.stack([(targets / 100) ** 0.2 - 1, (targets - 50) / 1000], axis=1)
    inside = np.stack([targets <= 100 * 1.1**5, targets <= 150.0], axis=1)
    np.testing.assert_array_equal(res.found, inside)
    np.testing.assert_allclose(res.values[inside], exact[inside], atol=1e-10)
    assert np.isnan(res.values[~inside]).all()
    assert res.to_frame().shape == (8, 4)


def test_threshold_decreasing_function_and_errors() -> None:
    space = bs.ParameterSpace([bs.Parameter("x", (0.0, 2.0))])
    res = bs.threshold(lambda p: np.exp(-p["x"]), space, "x", [0.5], bracket=(0.0, 5.0))
    assert res.values[0, 0] == pytest.approx(np.log(2.0), abs=1e-10)  # e^{-x} = 1/2
    with pytest.raises(InvalidInputError) as info:
        bs.threshold(lambda p: p["x"], space, "x", [0.5], bracket=(1.0, 1.0))
    assert info.value.field == "bracket"
    with pytest.raises(MissingDataError):
        bs.threshold(lambda p: p["x"], space, "y", [0.5])


# --- Morris -----------------------------------------------------------------------------


def test_morris_linear_model_is_exact() -> None:
    # anchors.md B.7 (SALib convention, steps in the unit cube): mu*_i = |a_i| (h_i - l_i)
    # = [2, 6, 2], mu_i = a_i (h_i - l_i), sigma_i = 0
    res = bs.morris(_linear, _linear_space(), trajectories=12, rng=0)
    np.testing.assert_allclose(res.mu_star[:, 0], [2.0, 6.0, 2.0], rtol=1e-12)
    np.testing.assert_allclose(res.mu[:, 0], [2.0, 6.0, -2.0], rtol=1e-12)
    np.testing.assert_allclose(res.sigma[:, 0], 0.0, atol=1e-12)
    assert res.design.shape == (12, 4, 3)
    assert (res.trajectories, res.levels) == (12, 4)
    # every step of a trajectory changes exactly one input
    changed = (np.diff(res.design, axis=1) != 0).sum(axis=2)
    np.testing.assert_array_equal(changed, 1)
    assert res.to_frame().shape == (3, 5)


def test_morris_groups_move_together() -> None:
    space = bs.ParameterSpace(
        [
            bs.Parameter("a", (0.0, 1.0), group="g"),
            bs.Parameter("b", (0.0, 2.0), group="g"),
            bs.Parameter("c", (0.0, 1.0)),
        ]
    )
    res = bs.morris(
        lambda p: p["a"] + p["b"] + 5 * p["c"], space, trajectories=8, by_group=True, rng=1
    )
    assert res.names == ("g", "c")
    # moving the group by delta in the unit cube changes y by delta * (1 + 2): mu* = 3
    np.testing.assert_allclose(res.mu_star[:, 0], [3.0, 5.0], rtol=1e-12)
    changed = (np.diff(res.design, axis=1) != 0).sum(axis=2)
    assert set(np.unique(changed)) == {1, 2}


def test_morris_errors() -> None:
    space = bs.ParameterSpace([bs.Parameter("z", stats.norm())])
    with pytest.raises(InvalidInputError) as info:
        bs.morris(lambda p: p["z"], space, trajectories=4, rng=0)
    assert info.value.field == "quantile_range"
    res = bs.morris(lambda p: p["z"], space, trajectories=4, quantile_range=(0.01, 0.99), rng=0)
    assert np.isfinite(res.mu_star).all()
    with pytest.raises(InvalidInputError) as info:
        bs.morris(lambda p: p["z"], space, trajectories=4, levels=3, rng=0)
    assert info.value.field == "levels"
    with pytest.raises(InvalidInputError) as info:
        bs.morris(lambda p: p["z"], space, trajectories=1, rng=0)
    assert info.value.field == "trajectories"


# --- PRIM -------------------------------------------------------------------------------


def test_prim_finds_planted_box() -> None:
    rng = np.random.default_rng(12)
    x = rng.random((3000, 4))
    lo, hi = np.array([0.2, 0.5]), np.array([0.6, 0.9])
    y = ((x[:, :2] >= lo) & (x[:, :2] <= hi)).all(axis=1)  # planted box in x0, x1
    frame = pd.DataFrame(x, columns=["a", "b", "c", "d"])
    res = bs.prim(frame, y, threshold=0.9)
    assert res.box_density >= 0.9
    assert res.box_coverage >= 0.8
    np.testing.assert_allclose(res.box[0, :2], lo, atol=0.05)
    np.testing.assert_allclose(res.box[1, :2], hi, atol=0.05)
    # the noise inputs stay (essentially) unrestricted
    assert res.box_frame()["input"].tolist() == ["a", "b", "c", "d"]
    traj = res.to_frame()
    assert traj["coverage"].is_monotonic_decreasing
    assert traj["mass"].iloc[-1] >= 0.05 - 1e-12
    assert (traj["mass"].diff().dropna() < 0).all()
    assert "PRIM" in res._repr_html_()


def test_prim_errors() -> None:
    x = np.random.default_rng(0).random((50, 2))
    with pytest.raises(InvalidInputError) as info:
        bs.prim(x, np.zeros(50, dtype=bool))
    assert info.value.field == "outcome"
    with pytest.raises(InvalidInputError) as info:
        bs.prim(x, np.ones(49, dtype=bool))
    assert info.value.field == "outcome"
    with pytest.raises(InvalidInputError) as info:
        bs.prim(x, x[:, 0] > 0.5, alpha=0.7)
    assert info.value.field == "alpha"
    with pytest.raises(InvalidInputError) as info:
        bs.prim(x, x[:, 0] > 0.5, names=["a"])
    assert info.value.field == "names"


# -- regressions found in code review (each failed before its fix) --


def test_plain_function_reading_an_unknown_parameter_is_named() -> None:
    space = bd.ParameterSpace([bd.Parameter("b", (0.0, 1.0))])
    with pytest.raises(bd.MissingDataError, match="'a'"):
        bd.monte_carlo(lambda p: 2 * p["a"], space, n=64)


def test_threshold_out_of_reach_says_so_and_scalar_targets_broadcast() -> None:
    space = bs.ParameterSpace([bs.Parameter("rate", (0.0, 0.1))])

    def grow(p: Mapping[str, FloatArray]) -> FloatArray:
        return 100 * (1 + p["rate"]) ** 5

    with pytest.raises(InvalidInputError, match=r"out of reach") as info:
        bs.threshold(grow, space, "rate", [500.0])
    # 100 (rate 0) .. 100 x 1.1^5 = 161.051 (rate 0.1).
    assert "in [0, 0.1] of rate the model gives 100..161.051" in str(info.value)
    res = bs.threshold(grow, space, "rate", 120.0)
    assert res.values.shape == (1, 1)
    assert res.values[0, 0] == pytest.approx(1.2 ** (1 / 5) - 1, abs=1e-9)
