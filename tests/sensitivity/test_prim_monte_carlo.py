"""PRIM straight from a Monte Carlo result, and the renamed density keyword (issue 13)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pytest

import burden as bd
import burden.sensitivity as bs
from burden.typing import FloatArray


@pytest.fixture(scope="module")
def mc() -> bs.MonteCarloResult:
    space = bs.ParameterSpace([bs.Parameter("a", (0.0, 1.0)), bs.Parameter("b", (0.0, 1.0))])

    def model(p: Mapping[str, FloatArray]) -> dict[str, FloatArray]:
        return {"sum": p["a"] + p["b"], "a only": p["a"]}

    return bs.monte_carlo(model, space, n=2048, rng=3)


def test_monte_carlo_result_equals_the_array_form(mc: bs.MonteCarloResult) -> None:
    assert mc.inputs is not None
    assert mc.outputs is not None
    direct = bs.prim(mc, output="a only", above=0.7, min_density=0.9)
    by_hand = bs.prim(mc.inputs, mc.outputs[:, 1] > 0.7, names=["a", "b"], min_density=0.9)
    np.testing.assert_array_equal(direct.box, by_hand.box)
    assert direct.names == ("a", "b")
    assert direct.case == "a only > 0.7"
    # The case a > 0.7 is exactly a box: PRIM finds its lower edge on a.
    assert direct.box[0, 0] == pytest.approx(0.7, abs=0.02)


def test_above_and_below_make_a_band(mc: bs.MonteCarloResult) -> None:
    res = bs.prim(mc, output="a only", above=0.2, below=0.4, min_density=0.9)
    assert res.case == "a only > 0.2 and a only < 0.4"
    assert res.box_density > 0.9


def test_threshold_is_still_accepted_as_the_density(mc: bs.MonteCarloResult) -> None:
    assert mc.inputs is not None
    y = mc.inputs[:, 0] > 0.5
    old = bs.prim(mc.inputs, y, threshold=0.95)
    new = bs.prim(mc.inputs, y, min_density=0.95)
    np.testing.assert_array_equal(old.box, new.box)
    assert old.threshold == old.min_density == 0.95
    with pytest.raises(bd.InvalidInputError, match="not both"):
        bs.prim(mc.inputs, y, threshold=0.9, min_density=0.9)


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"output": "summ", "above": 1.0}, 'did you mean "sum"'),
        ({"output": "sum"}, "above=VALUE"),
        ({"above": 1.0}, "the output to test"),
    ],
)
def test_bad_monte_carlo_options(
    mc: bs.MonteCarloResult, kwargs: dict[str, object], needle: str
) -> None:
    with pytest.raises(bd.InvalidInputError, match=needle):
        bs.prim(mc, **kwargs)  # type: ignore[arg-type]


def test_array_form_needs_an_outcome_and_no_output(mc: bs.MonteCarloResult) -> None:
    assert mc.inputs is not None
    with pytest.raises(bd.InvalidInputError, match="cases of interest"):
        bs.prim(mc.inputs)
    with pytest.raises(bd.InvalidInputError, match="only with a Monte Carlo result"):
        bs.prim(mc.inputs, mc.inputs[:, 0] > 0.5, above=1.0)
    with pytest.raises(bd.InvalidInputError, match="no outcome"):
        bs.prim(mc, mc.inputs[:, 0] > 0.5)


def test_result_without_draws_is_refused() -> None:
    space = bs.ParameterSpace([bs.Parameter("a", (0.0, 1.0))])
    mc = bs.monte_carlo(lambda p: p["a"], space, n=1024, rng=0, keep_samples=False)
    with pytest.raises(bd.InvalidInputError, match="keep_samples=True"):
        bs.prim(mc, above=0.5)
