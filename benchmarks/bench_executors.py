"""Executor scaling (issue 12, item 7): a model costing about 1 ms per draw, 1 vs 2 workers.

Run: ``python benchmarks/bench_executors.py [--draws 2048] [--chunk 64]``.

The model spends about 1 ms of CPU per draw in numpy (a small dense solve per draw,
like an expensive simulation) and is defined at module level, so that a process pool
can pickle it. ``bs.monte_carlo`` runs it serially, on a ``ProcessPoolExecutor`` with 1
and 2 workers, and, if ``distributed`` is installed, on a Dask ``LocalCluster`` with 1
and 2 worker processes (one thread each). Every run must give bit-identical outputs;
the wall-clock times and the speed-up over serial are printed. The machine has 2 cores
shared with other work, so 2 workers can at best halve the time. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

import numpy as np

import burden.sensitivity as bs
from burden.typing import FloatArray

SIZE = 28  # a 28 x 28 system per draw, solved REPEAT times: about 1 ms per draw
REPEAT = 100


def expensive(p: Mapping[str, FloatArray]) -> FloatArray:
    """About 1 ms per draw: a damped fixed-point iteration on a small linear system."""
    a, b = p["a"], p["b"]
    n = a.shape[0]
    base = np.eye(SIZE) * 4.0 + np.ones((SIZE, SIZE)) / SIZE
    mats = base[None] + (a[:, None, None] * np.eye(SIZE)[None])  # (n, SIZE, SIZE)
    x: FloatArray = np.ones((n, SIZE))
    for _ in range(REPEAT):  # loop over iterations, vectorized over draws
        x = np.asarray(np.linalg.solve(mats, (x * b[:, None] + 1.0)[..., None])[..., 0])
    return np.asarray(x.mean(axis=1), dtype=np.float64)


def space() -> bs.ParameterSpace:
    return bs.ParameterSpace([bs.Parameter("a", (0.0, 1.0)), bs.Parameter("b", (0.1, 0.9))])


def timed(run: Callable[[], bs.MonteCarloResult]) -> tuple[float, FloatArray]:
    start = time.perf_counter()
    res = run()
    assert res.outputs is not None
    return time.perf_counter() - start, np.asarray(res.outputs)


def main() -> None:
    """Print the scaling table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=2048)
    parser.add_argument("--chunk", type=int, default=64)
    args = parser.parse_args()
    sp = space()
    n, chunk = args.draws, args.chunk

    def run(executor: Executor | None) -> bs.MonteCarloResult:
        return bs.monte_carlo(expensive, sp, n=n, chunk_size=chunk, rng=1, executor=executor)

    per_draw, _ = timed(lambda: bs.monte_carlo(expensive, sp, n=256, chunk_size=chunk, rng=0))
    print(f"model: {per_draw / 256 * 1e3:.2f} ms per draw (serial); {n} draws, chunks of {chunk}")
    t_serial, want = timed(lambda: run(None))
    rows = [("serial", t_serial, True)]
    for workers in (1, 2):
        with ProcessPoolExecutor(workers) as pool:
            run(pool)  # start the workers (imports) before timing
            t, got = timed(functools.partial(run, pool))
        rows.append((f"ProcessPoolExecutor({workers})", t, bool(np.array_equal(got, want))))
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        print("distributed is not installed: the Dask rows are skipped (pip install burden[dask])")
    else:
        for workers in (1, 2):
            with (
                distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=50,
                ) as cluster,
                distributed.Client(cluster) as client,
            ):
                ex = client.get_executor()
                run(ex)
                t, got = timed(functools.partial(run, ex))
            rows.append((f"Dask LocalCluster({workers})", t, bool(np.array_equal(got, want))))
    print(f"{'executor':<28} {'wall s':>8} {'speed-up':>9} {'identical':>10}")
    for name, t, same in rows:
        print(f"{name:<28} {t:>8.2f} {t_serial / t:>8.2f}x {same!s:>10}")


if __name__ == "__main__":
    main()
