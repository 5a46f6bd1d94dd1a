"""Parallel and distributed evaluation (issue 12, item 7): bit-identical to serial runs.

Every analysis cuts its rows into fixed blocks of ``chunk_size``; with ``executor=`` each
block is one task. Results must equal the serial ones exactly, for any executor and any
number of workers: threads, processes and a real Dask ``distributed.LocalCluster`` with
two worker processes (which also runs lambdas and closures, pickled by cloudpickle).
"""

from __future__ import annotations

from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

import burden as bd
import burden.sensitivity as bs
from burden import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from burden.typing import FloatArray


def _space() -> bs.ParameterSpace:
    return bs.ParameterSpace(
        [
            bs.Parameter("a", (0.0, 1.0)),
            bs.Parameter("b", (-1.0, 2.0)),
            bs.Parameter("c", (0.5, 1.5)),
        ]
    )


def _model(p: Mapping[str, FloatArray]) -> dict[str, FloatArray]:
    return {"y": np.sin(p["a"]) * p["b"] + p["c"] ** 3, "z": p["a"] * p["c"]}


def _seed_model() -> tuple[bd.models.ComparisonModel, bs.ParameterSpace]:
    model = bd.models.comparison_model(
        bd.agreements.get("SMA-11"),
        bd.agreements.get("US-DEMAND-2019"),
        currency="USD",
        price_basis=2019,
        measure="difference",
    )
    space = bs.ParameterSpace(
        [
            bs.Parameter("krw_per_usd_scale", (0.9, 1.1)),
            bs.Parameter("inflation_shift", (-0.01, 0.01)),
            bs.Parameter("baseline.index_shift[2022]", (-0.02, 0.02)),
        ]
    )
    return model, space


def _run_all(
    model: Callable[[Mapping[str, FloatArray]], Any],
    space: bs.ParameterSpace,
    executor: Executor | None,
) -> dict[str, FloatArray]:
    """Every analysis that takes an executor, in small blocks so that there are many tasks."""
    ex: dict[str, Any] = {"executor": executor}
    mc = bs.monte_carlo(model, space, n=2**12, chunk_size=500, rng=1, **ex)
    streamed = bs.monte_carlo(
        model, space, n=2**12, chunk_size=500, rng=1, keep_samples=False, **ex
    )
    sob = bs.sobol(model, space, n=2**9, chunk_size=700, rng=2, **ex)
    boot = bs.sobol(
        model, space, n=2**9, chunk_size=700, rng=2, method="random", n_resamples=50, **ex
    )
    mor = bs.morris(model, space, trajectories=40, chunk_size=37, rng=3, **ex)
    tor = bs.tornado(model, space, **ex)
    swp = bs.sweep(model, space, {"a": np.linspace(0, 1, 30), "c": [0.5, 1.0]}, chunk_size=7, **ex)
    thr = bs.threshold(model, space, "c", [1.0, 2.0], **ex)
    x = bs.sample(space, 1000, rng=4)
    y, _ = bs.evaluate(model, space, x, chunk_size=99, **ex)
    return {
        "mc.outputs": np.asarray(mc.outputs),
        "mc.mean": mc.mean,
        "stream.mean": streamed.mean,
        "stream.variance": streamed.variance,
        "stream.q": streamed.quantiles([0.05, 0.5, 0.95]),
        "sobol.first": sob.first_order,
        "sobol.ci": np.asarray(sob.total_order_ci),
        "boot.ci": np.asarray(boot.first_order_ci),
        "morris.effects": mor.effects,
        "tornado.swing": tor.swing,
        "sweep": swp.outputs,
        "threshold": thr.values,
        "evaluate": y,
    }


def _assert_identical(got: dict[str, FloatArray], want: dict[str, FloatArray]) -> None:
    assert got.keys() == want.keys()
    for key, value in want.items():
        np.testing.assert_array_equal(got[key], value, err_msg=key)


def test_threads_give_bit_identical_results() -> None:
    serial = _run_all(_model, _space(), None)
    for workers in (1, 3):
        with ThreadPoolExecutor(workers) as pool:
            _assert_identical(_run_all(_model, _space(), pool), serial)


def test_process_pool_runs_a_picklable_burden_model() -> None:
    # A process pool pickles the model by reference: a module-level function or a burden
    # adapter works (a lambda does not; see the Dask test).
    model, space = _seed_model()
    serial = bs.monte_carlo(model, space, n=2**12, chunk_size=1000, rng=5)
    with ProcessPoolExecutor(2) as pool:
        par = bs.monte_carlo(model, space, n=2**12, chunk_size=1000, rng=5, executor=pool)
        sob_par = bs.sobol(model, space, n=2**8, chunk_size=500, rng=6, executor=pool)
    np.testing.assert_array_equal(par.outputs, serial.outputs)
    np.testing.assert_array_equal(par.mean, serial.mean)
    sob = bs.sobol(model, space, n=2**8, chunk_size=500, rng=6)
    np.testing.assert_array_equal(sob_par.first_order, sob.first_order)
    np.testing.assert_array_equal(sob_par.total_order_ci, sob.total_order_ci)


def test_model_errors_reach_the_caller_as_burden_errors() -> None:
    def bad(p: Mapping[str, FloatArray]) -> FloatArray:
        out = np.array(p["a"], dtype=np.float64)
        out[p["a"] > 0.9] = np.nan
        return out

    space = _space()
    with ThreadPoolExecutor(2) as pool, pytest.raises(InvalidInputError) as info:
        bs.monte_carlo(bad, space, n=2**12, chunk_size=256, rng=0, executor=pool)
    assert info.value.field == "model output"


def test_bad_executor_names_the_field() -> None:
    for run in (
        lambda: bs.monte_carlo(_model, _space(), n=64, executor="dask"),  # type: ignore[arg-type]
        lambda: bs.sobol(_model, _space(), n=64, executor=4),  # type: ignore[arg-type]
        lambda: bs.morris(_model, _space(), trajectories=4, executor=object()),  # type: ignore[arg-type]
        lambda: bs.tornado(_model, _space(), executor=True),  # type: ignore[arg-type]
        lambda: bs.sweep(_model, _space(), {"a": [0.0]}, executor=1),  # type: ignore[arg-type]
        lambda: bs.threshold(_model, _space(), "a", [0.5], executor=1),  # type: ignore[arg-type]
        lambda: bs.evaluate(_model, _space(), np.zeros((2, 3)), executor=1),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidInputError) as info:
            run()
        assert info.value.field == "executor"


@pytest.fixture(scope="module")
def dask_executor() -> Iterator[Executor]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client.get_executor()


def test_dask_local_cluster_gives_bit_identical_results(dask_executor: Executor) -> None:
    serial = _run_all(_model, _space(), None)
    _assert_identical(_run_all(_model, _space(), dask_executor), serial)


def test_dask_runs_lambdas_closures_and_burden_models(dask_executor: Executor) -> None:
    scale = 3.0

    def closure(p: Mapping[str, FloatArray]) -> FloatArray:
        return scale * p["a"] + p["b"]

    space = _space()
    for model in (closure, lambda p: p["a"] * p["b"] - p["c"]):
        serial = bs.monte_carlo(model, space, n=2**11, chunk_size=300, rng=7)
        par = bs.monte_carlo(model, space, n=2**11, chunk_size=300, rng=7, executor=dask_executor)
        np.testing.assert_array_equal(par.outputs, serial.outputs)
    seed, seed_space = _seed_model()
    serial_sobol = bs.sobol(seed, seed_space, n=2**8, chunk_size=400, rng=8)
    par_sobol = bs.sobol(seed, seed_space, n=2**8, chunk_size=400, rng=8, executor=dask_executor)
    np.testing.assert_array_equal(par_sobol.first_order, serial_sobol.first_order)
