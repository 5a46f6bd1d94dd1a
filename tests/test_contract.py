"""One contract over the public results: float64 (or bool) arrays, read-only, inputs intact.

In the spirit of scipy's common axis/nan-policy suite: every result type is built once
and all its array attributes are checked the same way.
"""

from __future__ import annotations

import dataclasses
from typing import assert_type

import numpy as np
import pandas as pd
import pytest

import burden as bd
from burden.typing import FloatArray


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


def _results() -> dict[str, object]:
    pool = bd.CostPool(
        {"labor": [3.0, 4.0], "logistics": [1.0, 2.0]}, currency="KRW", years=[2020, 2021]
    )
    game = bd.TUGame.bankruptcy(200.0, [100.0, 200.0, 300.0])
    return {
        "Amounts": bd.agreements.get("SMA-11").path(),
        "Comparison": bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11")),
        "SplitResult": bd.split_costs(pool, envelope=[3.0, 5.0], floors={"labor": 0.5}),
        "Zopa": bd.bargain.zopa([10.0, 5.0], [8.0, 6.0]),
        "NucleolusResult": bd.games.nucleolus(game),
        "TornadoResult": bd.tornado(_model(), _space()),
        "MonteCarloResult": bd.monte_carlo(_model(), _space(), n=64, rng=1),
        "SobolResult": bd.sobol(_model(), _space(), n=64, n_resamples=20, rng=1),
        "MorrisResult": bd.morris(_model(), _space(), trajectories=4, rng=1),
    }


def _arrays(result: object) -> dict[str, np.ndarray]:
    fields = [f.name for f in dataclasses.fields(result)]  # type: ignore[arg-type]
    props = [n for n in dir(type(result)) if isinstance(getattr(type(result), n), property)]
    out = {}
    for name in [*fields, *props]:
        if name.startswith("_"):
            continue
        value = getattr(result, name)
        if isinstance(value, np.ndarray):
            out[name] = value
    return out


RESULTS = _results()


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_result_arrays_are_read_only_and_typed(name: str) -> None:
    arrays = _arrays(RESULTS[name])
    assert arrays, f"{name} exposes no arrays"
    for attr, arr in arrays.items():
        assert arr.dtype in (np.float64, np.bool_, np.int64), f"{name}.{attr}: {arr.dtype}"
        assert arr.dtype != object
        assert not arr.flags.writeable, f"{name}.{attr} is writeable"


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_results_are_frozen_and_tabular(name: str) -> None:
    result = RESULTS[name]
    first = dataclasses.fields(result)[0].name  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(result, first, None)
    frame = result.to_frame()  # type: ignore[attr-defined]
    assert isinstance(frame, pd.DataFrame)
    assert not (frame.dtypes == object).any()
    assert "<table" in result._repr_html_()  # type: ignore[attr-defined]


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
