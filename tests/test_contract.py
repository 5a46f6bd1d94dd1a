"""One contract over every result class, found by walking the package.

A result class is any class built on :class:`burden._core.results.Result`, or any
dataclass whose name ends in ``Result`` (so a new result that forgets the base is found
too). Each must have an example in ``EXAMPLES`` below, and each example must be frozen,
hold read-only float64 (or bool/integer) arrays, give a tidy ``to_frame()`` with
``draw`` as its only batch-axis name, render readable notebook HTML (no ``e+``), have a
short ``repr`` and draw with ``.plot()`` - or name, in ``_no_plot``, why it has nothing
to draw.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from typing import assert_type

import numpy as np
import pandas as pd
import pytest

import burden as bd
from burden._core.results import Result
from burden.typing import FloatArray

_ALLOWED = (np.float64, np.bool_, np.int64, np.intp)
_EXPONENT = re.compile(r"\de\+\d")


def _result_classes() -> dict[str, type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(bd.__path__, "burden."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if not inspect.isclass(obj) or not obj.__module__.startswith("burden"):
                continue
            is_result = issubclass(obj, Result) and dataclasses.is_dataclass(obj)
            if is_result or (dataclasses.is_dataclass(obj) and name.endswith("Result")):
                found[obj.__qualname__] = obj
    return found


def _space() -> bd.ParameterSpace:
    return bd.ParameterSpace(
        [
            bd.Parameter("krw_per_usd_scale", (0.9, 1.1), nominal=1.0),
            bd.Parameter("baseline.index_shift[2022]", (-0.02, 0.02), nominal=0.0),
        ]
    )


def _model() -> bd.models.ComparisonModel:
    return bd.models.comparison_model(
        bd.agreements.get("SMA-11"), bd.agreements.get("US-DEMAND-2019"), currency="USD"
    )


def _pool() -> bd.CostPool:
    return bd.CostPool(
        {"labor": [3.0e11, 4.0e11], "logistics": [1.0e11, 2.0e11]},
        currency="KRW",
        years=[2020, 2021],
    )


def _comparison_with_draws() -> bd.Comparison:
    base = bd.agreements.get("SMA-11").path()
    rng = np.random.default_rng(3)
    draws = base.values * (1.0 + 0.05 * rng.standard_normal((8, base.years.size)))
    alt = bd.Amounts(values=draws, years=base.years, currency="KRW", label="uncertain")
    return bd.compare(base, alt)


def _prim() -> bd.sensitivity.PrimResult:
    rng = np.random.default_rng(0)
    x = rng.random((400, 3))
    return bd.sensitivity.prim(
        x, (x[:, 0] > 0.6) & (x[:, 1] < 0.5), names=["a", "b", "long name c"]
    )


def _game() -> bd.TUGame:
    return bd.TUGame.bankruptcy(200.0, [100.0, 200.0, 300.0])


# Every result class, with one or more examples (scalar and with draws where it matters).
EXAMPLES: dict[str, Callable[[], list[object]]] = {
    "Amounts": lambda: [
        bd.agreements.get("SMA-11").path(),
        _comparison_with_draws().alternative,
    ],
    "Comparison": lambda: [
        bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("US-DEMAND-2019")),
        _comparison_with_draws(),
    ],
    "Indicators": lambda: [
        bd.compare(
            bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11")
        ).alternative_indicators
    ],
    "SplitResult": lambda: [
        bd.split_costs(_pool(), envelope=[3.0e11, 5.0e11], floors={"labor": 0.5}),
        bd.split_costs(_pool(), envelope=np.array([[3.0e11, 5.0e11], [2.0e11, 4.0e11]])),
    ],
    "MonteCarloResult": lambda: [bd.monte_carlo(_model(), _space(), n=64, rng=1)],
    "SobolDesign": lambda: [bd.sensitivity.sobol_design(_space(), 8, rng=0)],
    "SobolResult": lambda: [bd.sobol(_model(), _space(), n=64, n_resamples=20, rng=1)],
    "MorrisResult": lambda: [bd.morris(_model(), _space(), trajectories=4, rng=1)],
    "TornadoResult": lambda: [bd.tornado(_model(), _space())],
    "SweepResult": lambda: [
        bd.sensitivity.sweep(_model(), _space(), {"krw_per_usd_scale": [0.9, 1.0, 1.1]}),
        bd.sensitivity.sweep(
            _model(),
            _space(),
            {"krw_per_usd_scale": [0.9, 1.1], "baseline.index_shift[2022]": [-0.01, 0.01]},
        ),
    ],
    "ThresholdResult": lambda: [
        bd.sensitivity.threshold(_model(), _space(), "krw_per_usd_scale", [5.0, 5.5, 6.0])
    ],
    "PrimResult": lambda: [_prim()],
    "OlsonZeckhauserResult": lambda: [
        bd.measures.olson_zeckhauser([1.0, 2.0, 3.0, 4.0, 5.0], [0.01, 0.012, 0.02, 0.025, 0.03])
    ],
    "NucleolusResult": lambda: [
        bd.games.nucleolus(_game()),
        bd.games.nucleolus(bd.TUGame.bankruptcy([200.0, 300.0], [100.0, 200.0, 300.0])),
    ],
    "LeastCoreResult": lambda: [bd.games.least_core(_game())],
    "SampledValue": lambda: [bd.games.shapley_sampled(_game(), n_permutations=20, rng=1)],
    "Zopa": lambda: [
        bd.bargain.zopa([1.2e12, 1.1e12, 1.3e12], 1.15e12),
        bd.bargain.zopa(1.2e12, 1.0e12),
    ],
    "BargainingSolutions": lambda: [
        bd.bargain.solutions(bd.bargain.linear_frontier(1.0)),
        bd.bargain.solutions(bd.bargain.linear_frontier(np.array([1.0, 2.0]))),
    ],
    "DelayCost": lambda: [
        bd.bargain.cost_of_delay(1.0e9, 1.0e12, stalemate_months=6.0),
        bd.bargain.cost_of_delay(np.array([1.0e9, 2.0e9]), 1.0e12, stalemate_months=6.0),
    ],
}

CLASSES = _result_classes()


def _instances() -> Iterator[tuple[str, object]]:
    for name in sorted(CLASSES):
        if name in EXAMPLES:
            for i, result in enumerate(EXAMPLES[name]()):
                yield f"{name}[{i}]", result


INSTANCES = dict(_instances())


def test_every_result_class_is_found_and_has_an_example() -> None:
    # At least the 19 result types of issue 14; a new one must get an example here.
    assert len(CLASSES) >= 19, sorted(CLASSES)
    assert sorted(CLASSES) == sorted(EXAMPLES), "add an example for each new result class"
    for name, cls in CLASSES.items():
        assert issubclass(cls, Result), f"{name} does not use the shared result base"


def _arrays(result: object) -> dict[str, np.ndarray]:
    names = [f.name for f in dataclasses.fields(result)]  # type: ignore[arg-type]
    names += [n for n in dir(type(result)) if isinstance(getattr(type(result), n), property)]
    out = {}
    for name in names:
        if name.startswith("_"):
            continue
        value = getattr(result, name)
        items = value if isinstance(value, tuple) else (value,)
        for k, item in enumerate(items):
            if isinstance(item, np.ndarray):
                out[f"{name}[{k}]"] = item
    return out


@pytest.mark.parametrize("key", sorted(INSTANCES))
def test_frozen_with_read_only_typed_arrays(key: str) -> None:
    result = INSTANCES[key]
    params = type(result).__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen, key
    first = dataclasses.fields(result)[0].name  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(result, first, None)
    arrays = _arrays(result)  # none for a result of a few scalars (Olson-Zeckhauser)
    for attr, arr in arrays.items():
        assert arr.dtype in _ALLOWED, f"{key}.{attr}: {arr.dtype}"
        assert not arr.flags.writeable, f"{key}.{attr} is writeable"


@pytest.mark.parametrize("key", sorted(INSTANCES))
def test_to_frame_is_tidy(key: str) -> None:
    frame = INSTANCES[key].to_frame()  # type: ignore[attr-defined]
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) > 0
    assert frame.columns.is_unique
    assert not frame.columns.duplicated().any()
    for column in frame.columns:
        assert isinstance(column, str), f"{key}: column {column!r} is not a name"
        if frame[column].dtype == object:  # labels only, never numbers stored as objects
            assert frame[column].map(lambda v: isinstance(v, str)).all(), f"{key}.{column}"
    # One name for the batch axis: "draw" (never "scenario" or "sample" as an index).
    assert "sample" not in frame.columns
    if "scenario" in frame.columns:
        assert frame["scenario"].map(lambda v: isinstance(v, str)).all(), key
    if "draw" in frame.columns:
        assert pd.api.types.is_integer_dtype(frame["draw"])
        assert frame["draw"].min() == 0


@pytest.mark.parametrize("key", sorted(INSTANCES))
def test_html_and_repr_are_short_and_readable(key: str) -> None:
    result = INSTANCES[key]
    page = result._repr_html_()  # type: ignore[attr-defined]
    assert "<table" in page
    assert 'class="burden-result"' in page
    assert not _EXPONENT.search(page), f"{key}: an e+ number in the HTML"
    text = repr(result)
    assert text.startswith(type(result).__name__ + "(")
    assert len(text) <= 300, f"{key}: repr of {len(text)} characters"
    assert "array(" not in text
    assert "functools" not in text


def test_money_cells_are_scaled_with_the_unit_in_the_header() -> None:
    # SMA-11's 2021 amount, KRW 1,183.3 bn (S4): shown as 1.183 in a "KRW tn" column.
    page = bd.agreements.get("SMA-11").path()._repr_html_()
    assert "amount (KRW tn)" in page
    assert "1.183" in page
    split = EXAMPLES["SplitResult"]()[0]._repr_html_()  # type: ignore[attr-defined]
    assert "host (KRW bn)" in split
    assert "host_share (%)" in split


@pytest.fixture
def agg() -> Iterator[None]:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.mark.parametrize("key", sorted(INSTANCES))
@pytest.mark.usefixtures("agg")
def test_plot_draws_or_says_why_not(key: str) -> None:
    result = INSTANCES[key]
    reason = type(result)._no_plot  # type: ignore[attr-defined]
    if reason:
        assert not hasattr(result, "plot"), f"{key} has a plot and a reason not to"
        assert len(reason) > 20
        return
    ax = result.plot()  # type: ignore[attr-defined]
    drawn = len(ax.lines) + len(ax.patches) + len(ax.collections)
    assert drawn > 0, f"{key}.plot() drew nothing"
    assert ax.get_title()


def test_same_rng_same_answer_and_inputs_untouched() -> None:
    base = np.array([1.0e12, 2.0e12])
    agreement = bd.Agreement(
        name="a",
        base_year=2020,
        base_amount=base,
        currency="KRW",
        end_year=2022,
        escalation=bd.Fixed(np.array([0.01, 0.02])),
    )
    agreement.path()
    assert base.tolist() == [1.0e12, 2.0e12]
    a = bd.monte_carlo(_model(), _space(), n=64, rng=7).quantiles([0.5])
    b = bd.monte_carlo(_model(), _space(), n=64, rng=7).quantiles([0.5])
    np.testing.assert_array_equal(a, b)


def test_public_return_types() -> None:
    # Checked by mypy (assert_type) as well as at run time.
    values = bd.claims.talmud(200.0, [100.0, 200.0, 300.0])
    assert_type(values, FloatArray)
    assert_type(bd.TUGame([0.0, 1.0, 2.0, 4.0]).shapley(), FloatArray)
    assert_type(bd.agreements.get("SMA-11").amounts(), pd.Series)
    assert_type(
        bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11")), bd.Comparison
    )
    assert values.dtype == np.float64
