"""Parameter spaces and sampling: validation, determinism, chunk-exactness, LHS strata."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import burden.sensitivity as bs
from burden import BurdenError, InvalidInputError, MissingDataError


def _space(d: int = 3) -> bs.ParameterSpace:
    return bs.ParameterSpace([bs.Parameter(f"x{j}", (float(j), j + 2.0)) for j in range(d)])


# --- validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": "", "dist": (0.0, 1.0)}, "Parameter.name"),
        ({"name": "a", "dist": (1.0, 1.0)}, "Parameter.dist"),
        ({"name": "a", "dist": (2.0, 1.0)}, "Parameter.dist"),
        ({"name": "a", "dist": (0.0, float("inf"))}, "Parameter.dist"),
        ({"name": "a", "dist": "uniform"}, "Parameter.dist"),
        ({"name": "a", "dist": stats.norm}, "Parameter.dist"),
        ({"name": "a", "dist": (0.0, 1.0), "nominal": 2.0}, "Parameter.nominal"),
        ({"name": "a", "dist": stats.expon(), "nominal": -1.0}, "Parameter.nominal"),
        ({"name": "a", "dist": (0.0, 1.0), "group": ""}, "Parameter.group"),
    ],
)
def test_parameter_rejects_bad_input(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        bs.Parameter(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field
    assert isinstance(info.value, ValueError)


def test_parameter_defaults_and_frozen_dist() -> None:
    p = bs.Parameter("fx", (1100.0, 1300.0))
    assert p.nominal == 1200.0  # median of U(1100, 1300)
    assert p.bounds() == (1100.0, 1300.0)
    q = bs.Parameter("g", stats.norm(0.0, 1.0))
    # 5%/95% quantiles of N(0, 1): +-1.6448536269514722 (standard normal table)
    assert q.bounds() == pytest.approx((-1.6448536269514722, 1.6448536269514722))
    with pytest.raises(InvalidInputError) as info:
        q.bounds((0.0, 1.0))
    assert info.value.field == "quantiles"


@pytest.mark.parametrize(
    ("correlation", "expected_field"),
    [
        (np.array([[1.0, 0.5], [0.4, 1.0]]), "ParameterSpace.correlation"),  # not symmetric
        (np.array([[2.0, 0.0], [0.0, 1.0]]), "ParameterSpace.correlation"),  # diagonal
        (np.eye(3), "ParameterSpace.correlation"),  # wrong shape
    ],
)
def test_space_rejects_bad_correlation(correlation: np.ndarray, expected_field: str) -> None:
    params = [bs.Parameter("a", (0.0, 1.0)), bs.Parameter("b", (0.0, 1.0))]
    with pytest.raises(InvalidInputError) as info:
        bs.ParameterSpace(params, correlation=correlation)
    assert info.value.field == expected_field


def test_space_rejects_non_psd_and_duplicates() -> None:
    params = [bs.Parameter(n, (0.0, 1.0)) for n in "abc"]
    # eigenvalues of this matrix are 1.9, 1.9, -0.8: symmetric, unit diagonal, not PSD
    bad = np.array([[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]])
    with pytest.raises(InvalidInputError, match="positive definite"):
        bs.ParameterSpace(params, correlation=bad)
    # singular (PSD but not PD): a and b perfectly rank-correlated, eigenvalues 2, 0, 1
    singular = np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    with pytest.raises(InvalidInputError, match="positive definite") as info:
        bs.ParameterSpace(params, correlation=singular)
    assert info.value.field == "ParameterSpace.correlation"
    with pytest.raises(InvalidInputError) as info:
        bs.ParameterSpace([params[0], bs.Parameter("a", (0.0, 2.0))])
    assert info.value.field == "ParameterSpace.parameters"
    with pytest.raises(InvalidInputError):
        bs.ParameterSpace([])
    with pytest.raises(MissingDataError):
        _space().index("nope")


# --- sampling ---------------------------------------------------------------------


@pytest.mark.parametrize("method", ["random", "lhs", "sobol"])
def test_same_rng_same_sample_and_seeds_differ(method: bs.SamplingMethod) -> None:
    space = _space()
    a = bs.sample(space, 64, method=method, rng=0)
    b = bs.sample(space, 64, method=method, rng=0)
    c = bs.sample(space, 64, method=method, rng=1)
    assert a.dtype == np.float64
    assert a.shape == (64, 3)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert ((a >= np.arange(3)) & (a <= np.arange(3) + 2.0)).all()


def test_sobol_sample_requires_power_of_two() -> None:
    with pytest.raises(InvalidInputError) as info:
        bs.sample(_space(), 100, method="sobol", rng=0)
    assert info.value.field == "n"


@settings(max_examples=15)
@given(
    n=st.integers(1, 9000),
    d=st.integers(1, 4),
    method=st.sampled_from(["random", "lhs"]),
    cut=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_chunked_sampling_equals_one_shot(
    n: int, d: int, method: bs.SamplingMethod, cut: float, seed: int
) -> None:
    whole = bs.sample_unit(n, d, method=method, rng=seed)
    k = int(cut * (n - 1))
    parts = [
        bs.sample_unit(n, d, method=method, rng=seed, stop=k + 1),
        *([bs.sample_unit(n, d, method=method, rng=seed, start=k + 1)] if k + 1 < n else []),
    ]
    np.testing.assert_array_equal(np.concatenate(parts), whole)


@settings(max_examples=10)
@given(m=st.integers(0, 12), d=st.integers(1, 5), start=st.integers(0, 4000))
def test_chunked_sobol_equals_one_shot(m: int, d: int, start: int) -> None:
    n = 2**m
    start = start % n
    whole = bs.sample_unit(n, d, method="sobol", rng=7)
    np.testing.assert_array_equal(
        bs.sample_unit(n, d, method="sobol", rng=7, start=start), whole[start:]
    )


@settings(max_examples=20)
@given(n=st.integers(1, 500), d=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_lhs_one_point_per_stratum(n: int, d: int, seed: int) -> None:
    u = bs.sample_unit(n, d, method="lhs", rng=seed)
    strata = np.floor(u * n).astype(np.int64)
    # McKay, Beckman & Conover (1979): each of the n equal strata holds exactly one point
    for j in range(d):
        np.testing.assert_array_equal(np.sort(strata[:, j]), np.arange(n))


def test_generator_rng_is_consumed() -> None:
    gen = np.random.default_rng(3)
    a = bs.sample_unit(16, 2, method="random", rng=gen)
    b = bs.sample_unit(16, 2, method="random", rng=gen)
    assert not np.array_equal(a, b)


@pytest.mark.parametrize("method", ["iman-conover", "gaussian"])
def test_rank_correlation_is_imposed(method: bs.CorrelationMethod) -> None:
    target = np.array([[1.0, 0.7, -0.3], [0.7, 1.0, 0.0], [-0.3, 0.0, 1.0]])
    space = bs.ParameterSpace(
        [
            bs.Parameter("a", (0.0, 1.0)),
            bs.Parameter("b", stats.lognorm(0.5)),
            bs.Parameter("c", stats.norm(5.0, 2.0)),
        ],
        correlation=target,
        method=method,
    )
    x = bs.sample(space, 4000, rng=11)
    rho = stats.spearmanr(x).statistic
    np.testing.assert_allclose(rho, target, atol=0.05)
    if method == "iman-conover":
        # reordering keeps the independent LHS marginal exactly: one point per stratum
        strata = np.sort(np.floor(x[:, 0] * 4000))
        np.testing.assert_array_equal(strata, np.arange(4000))
        x2 = bs.sample(space, 4000, rng=11, start=100, stop=200)
        np.testing.assert_array_equal(x2, x[100:200])


def test_errors_are_burden_errors() -> None:
    with pytest.raises(BurdenError):
        bs.sample_unit(0, 2)
    with pytest.raises(InvalidInputError) as info:
        bs.sample_unit(4, 2, start=3, stop=2)
    assert info.value.field == "start, stop"
    with pytest.raises(InvalidInputError) as info:
        bs.sample(_space(), 4, method="grid")  # type: ignore[arg-type]
    assert info.value.field == "method"


def test_space_repr_shows_each_distribution_not_an_address() -> None:
    space = bs.ParameterSpace(
        [bs.Parameter("rate", (0.0, 0.1)), bs.Parameter("fx", stats.norm(1400.0, 50.0))]
    )
    text = repr(space)
    assert text == "ParameterSpace(rate ~ uniform(0, 0.1); fx ~ norm(1400, 50))"
    assert " at 0x" not in repr(space.parameters[1])
