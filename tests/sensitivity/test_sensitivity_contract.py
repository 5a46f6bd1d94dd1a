"""The issue's API contract for sensitivity ranges and uncertainty, and its bad-input rules."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import burden as bd
import burden.sensitivity as bs
from burden import InvalidInputError, MissingDataError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from burden.typing import FloatArray


def _space(d: int = 3) -> bs.ParameterSpace:
    return bs.ParameterSpace([bs.Parameter(f"x{i}", (0.0, 1.0)) for i in range(d)])


def _params(fn: Callable[..., object]) -> list[tuple[str, str, object]]:
    sig = inspect.signature(fn)
    return [(p.name, p.kind.name, p.default) for p in sig.parameters.values()]


EMPTY = inspect.Parameter.empty


@pytest.mark.parametrize(
    ("fn", "expected"),
    [
        (
            bs.Parameter,
            [
                ("name", "POSITIONAL_OR_KEYWORD", EMPTY),
                ("dist", "POSITIONAL_OR_KEYWORD", EMPTY),
                ("nominal", "KEYWORD_ONLY", None),
                ("group", "KEYWORD_ONLY", None),
            ],
        ),
        (
            bs.ParameterSpace,
            [
                ("parameters", "POSITIONAL_OR_KEYWORD", EMPTY),
                ("correlation", "KEYWORD_ONLY", None),
            ],
        ),
        (
            bs.tornado,
            [("model", "POSITIONAL_OR_KEYWORD", EMPTY), ("space", "POSITIONAL_OR_KEYWORD", EMPTY)],
        ),
        (
            bs.monte_carlo,
            [
                ("model", "POSITIONAL_OR_KEYWORD", EMPTY),
                ("space", "POSITIONAL_OR_KEYWORD", EMPTY),
                ("n", "KEYWORD_ONLY", EMPTY),
                ("method", "KEYWORD_ONLY", "sobol"),
                ("rng", "KEYWORD_ONLY", None),
                ("chunk_size", "KEYWORD_ONLY", None),
            ],
        ),
        (
            bs.sobol,
            [
                ("model", "POSITIONAL_OR_KEYWORD", EMPTY),
                ("space", "POSITIONAL_OR_KEYWORD", EMPTY),
                ("n", "KEYWORD_ONLY", EMPTY),
                ("second_order", "KEYWORD_ONLY", False),
                ("n_resamples", "KEYWORD_ONLY", 1000),
                ("confidence_level", "KEYWORD_ONLY", 0.95),
                ("rng", "KEYWORD_ONLY", None),
            ],
        ),
        (
            bs.morris,
            [
                ("model", "POSITIONAL_OR_KEYWORD", EMPTY),
                ("space", "POSITIONAL_OR_KEYWORD", EMPTY),
                ("trajectories", "KEYWORD_ONLY", EMPTY),
                ("levels", "KEYWORD_ONLY", 4),
                ("rng", "KEYWORD_ONLY", None),
            ],
        ),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_signatures_follow_the_contract(
    fn: Callable[..., object], expected: list[tuple[str, str, object]]
) -> None:
    # the contract's parameters come first, in order; extra options are keyword-only
    got = _params(fn)
    assert got[: len(expected)] == expected
    assert all(kind == "KEYWORD_ONLY" for _name, kind, _default in got[len(expected) :])


def _linear(p: Mapping[str, FloatArray]) -> FloatArray:
    y: FloatArray = 1.0 * p["x0"] + 2.0 * p["x1"] + 3.0 * p["x2"]
    return y


def _two(p: Mapping[str, FloatArray]) -> FloatArray:
    return np.stack([_linear(p), p["x0"] - p["x2"]], axis=1)


def test_sobol_shapes_follow_the_model_output() -> None:
    # y = x0 + 2 x1 + 3 x2 with U(0, 1) inputs: S_i = S_Ti = a_i^2 / sum a_j^2 = [1, 4, 9] / 14;
    # y2 = x0 - x2: [1/2, 0, 1/2] (Saltelli et al. 2008, sec. 1.2.5, linear additive model)
    space = _space()
    one = bs.sobol(_linear, space, n=2**12, n_resamples=50, rng=1)
    assert one.first_order.shape == (3,)
    assert one.total_order.shape == (3,)
    assert one.names == ("x0", "x1", "x2")
    for ci in (one.first_order_ci, one.total_order_ci):
        assert isinstance(ci, tuple)
        assert [a.shape for a in ci] == [(3,), (3,)]
        assert (ci[0] <= ci[1]).all()
    np.testing.assert_allclose(one.first_order, np.array([1, 4, 9]) / 14, atol=0.01)
    two = bs.sobol(_two, space, n=2**12, n_resamples=50, rng=1)
    assert two.first_order.shape == (2, 3)  # (k outputs, d inputs)
    assert [a.shape for a in two.total_order_ci] == [(2, 3), (2, 3)]
    np.testing.assert_allclose(two.total_order[1], [0.5, 0.0, 0.5], atol=0.01)
    frame = two.to_frame()
    assert len(frame) == 2 * 3 * 2
    row = frame[
        (frame["factor"] == "x2") & (frame["output"] == "y[1]") & (frame["order"] == "total")
    ]
    assert row["estimate"].item() == pytest.approx(two.total_order[1, 2])
    assert row["ci_high"].item() == pytest.approx(two.total_order_ci[1][1, 2])


def test_sobol_second_order_is_refused_clearly() -> None:
    with pytest.raises(InvalidInputError, match="not implemented") as info:
        bs.sobol(_linear, _space(), n=16, second_order=True, rng=0)
    assert info.value.field == "second_order"


def test_monte_carlo_quantiles_method_and_mean() -> None:
    res = bs.monte_carlo(_two, _space(), n=2**12, rng=3)
    assert res.outputs is not None
    levels = np.array([0.01, 0.3, 0.77])
    np.testing.assert_array_equal(res.quantiles(levels), np.quantile(res.outputs, levels, axis=0))
    assert res.quantiles(0.5).shape == (2,)
    assert res.quantiles([[0.1, 0.2]]).shape == (1, 2, 2)
    # E[x0 + 2 x1 + 3 x2] = 3, E[x0 - x2] = 0 for U(0, 1) inputs
    np.testing.assert_allclose(res.mean, [3.0, 0.0], atol=1e-3)
    assert list(res.to_frame().columns) == ["output", "statistic", "value"]
    assert not res.quantiles(levels).flags.writeable


def _heavy(p: Mapping[str, FloatArray]) -> FloatArray:
    return np.stack([np.exp(6.0 * p["x0"]) + p["x1"], p["x1"] + p["x2"]], axis=1)


@settings(max_examples=4, deadline=None)
@given(chunk=st.integers(1000, 70_000), seed=st.integers(0, 2**16))
def test_streaming_summary_is_chunk_independent_and_close_to_exact(chunk: int, seed: int) -> None:
    space, n = _space(), 2**17
    exact = bs.monte_carlo(_heavy, space, n=n, method="random", rng=seed, keep_samples=True)
    one = bs.monte_carlo(_heavy, space, n=n, method="random", rng=seed, keep_samples=False)
    parts = bs.monte_carlo(
        _heavy, space, n=n, method="random", rng=seed, keep_samples=False, chunk_size=chunk
    )
    assert one.outputs is None
    assert exact.outputs is not None
    levels = np.array([0.0, 1e-5, 0.01, 0.25, 0.5, 0.9, 0.99999, 1.0])
    np.testing.assert_array_equal(one.quantiles(levels), parts.quantiles(levels))
    np.testing.assert_allclose(one.mean, parts.mean, rtol=1e-12)
    np.testing.assert_allclose(one.variance, parts.variance, rtol=1e-10)
    # summary quantiles are within one histogram bin (range of the first 2^16 draws
    # / 2^16) of the exact ones; extremes beyond that range are kept exactly
    width = (exact.outputs[: 2**16].max(axis=0) - exact.outputs[: 2**16].min(axis=0)) / 2**16
    err = np.abs(one.quantiles(levels) - exact.quantiles(levels))
    assert (err <= 1.01 * width).all()
    np.testing.assert_array_equal(one.quantiles([0.0, 1.0]), exact.quantiles([0.0, 1.0]))
    np.testing.assert_allclose(one.mean, exact.mean, rtol=1e-12)
    np.testing.assert_allclose(one.variance, exact.variance, rtol=1e-10)
    with pytest.raises(InvalidInputError):
        one.samples_frame()


class _Counting:
    """A model that counts its calls and can misbehave."""

    def __init__(self, out: Callable[[int], npt.ArrayLike]) -> None:
        self.calls = 0
        self.out = out

    def __call__(self, p: Mapping[str, FloatArray]) -> npt.ArrayLike:
        self.calls += 1
        return self.out(len(p["x0"]))


ANALYSES: list[tuple[str, Callable[[bs.Model, bs.ParameterSpace], object]]] = [
    ("monte_carlo", lambda m, s: bs.monte_carlo(m, s, n=2**16, chunk_size=1024, rng=0)),
    ("sobol", lambda m, s: bs.sobol(m, s, n=2**14, rng=0)),
    ("morris", lambda m, s: bs.morris(m, s, trajectories=500, rng=0)),
    ("tornado", bs.tornado),
]


@pytest.mark.parametrize(("name", "run"), ANALYSES, ids=[a[0] for a in ANALYSES])
@pytest.mark.parametrize(
    "out",
    [
        lambda n: np.zeros(n + 1),  # wrong length
        lambda n: np.zeros((n, 2, 2)),  # wrong rank
        lambda n: np.full(n, np.nan),  # not finite
        lambda n: np.where(np.arange(n) == 0, np.inf, 0.0),  # one infinite value
    ],
    ids=["length", "rank", "nan", "inf"],
)
def test_bad_model_output_fails_on_the_first_call(
    name: str,
    run: Callable[[bs.Model, bs.ParameterSpace], object],
    out: Callable[[int], npt.ArrayLike],
) -> None:
    model = _Counting(out)
    with pytest.raises(InvalidInputError) as info:
        run(model, _space())
    assert info.value.field == "model output", name
    assert model.calls == 1  # the probe at the nominal point: before any long work


@pytest.mark.parametrize(("name", "run"), ANALYSES, ids=[a[0] for a in ANALYSES])
def test_unknown_parameter_names_fail_before_any_call(
    name: str, run: Callable[[bs.Model, bs.ParameterSpace], object]
) -> None:
    model = bd.models.agreement_model(bd.agreements.get("SMA-11"), total=True)
    space = bs.ParameterSpace(
        [bs.Parameter("index_shift[2022]", (-0.01, 0.01)), bs.Parameter("fx_typo", (0.9, 1.1))]
    )
    with pytest.raises(MissingDataError, match="fx_typo") as info:
        run(model, space)
    assert info.value.field == "space.parameters", name


def test_unsuitable_sizes_and_ranges_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="n=16384") as info:
        bs.sobol(_linear, _space(), n=10_000, rng=0)
    assert info.value.field == "n"
    with pytest.raises(InvalidInputError) as info:
        bs.monte_carlo(_linear, _space(), n=2**10, chunk_size=-5, rng=0)
    assert info.value.field == "chunk_size"
    with pytest.raises(InvalidInputError) as info:
        bs.Parameter("fx", (1.1, 0.9))
    assert info.value.field == "Parameter.dist"
    with pytest.raises(InvalidInputError) as info:
        bs.sobol(_linear, _space(), n=16, n_resamples=-1, rng=0)
    assert info.value.field == "n_resamples"
    with pytest.raises(InvalidInputError) as info:
        bs.sobol(_linear, _space(), n=16, confidence_level=1.0, rng=0)
    assert info.value.field == "confidence_level"


def test_summary_mode_handles_constant_outputs_and_is_the_default_for_large_n() -> None:
    def model(p: Mapping[str, FloatArray]) -> FloatArray:
        return np.stack([np.full_like(p["x0"], 3.0), p["x0"]], axis=1)

    res = bs.monte_carlo(model, _space(), n=2**21, method="random", rng=0)
    assert res.outputs is None  # more than 2^20 draws: nothing per draw is kept
    assert res.inputs is None
    np.testing.assert_array_equal(res.quantiles([0.0, 0.1, 0.5, 1.0])[:, 0], 3.0)
    # U(0, 1): the p-quantile is p, to sampling error ~ sqrt(p(1-p)/n) ~ 3.5e-4
    np.testing.assert_allclose(res.quantiles([0.1, 0.5, 0.9])[:, 1], [0.1, 0.5, 0.9], atol=2e-3)
    assert res.variance[0] == 0.0
