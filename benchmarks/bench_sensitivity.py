"""Bootstrap confidence intervals of Sobol' indices: weight-matrix GEMM vs resample-and-recompute.

Run with ``.venv/bin/python benchmarks/bench_sensitivity.py`` (``--quick`` for a smoke run).
It prints one table. The baseline (naive resampling: gather the outputs for every
resample and recompute the estimators) runs in the same process on the same model
outputs, so the ratio is meaningful on a shared, noisy machine. If SALib is importable
its ``sobol.analyze`` runs on the same outputs too (rearranged into SALib's row order).
Ours and the naive baseline report the best of 2 runs, SALib one run.
Timings are never asserted anywhere.
"""

from __future__ import annotations

import argparse
import importlib
import time
from typing import Any

import numpy as np

import burden.sensitivity as bs
from burden.typing import FloatArray


def g_function(x: FloatArray) -> FloatArray:
    """Sobol' G function, vectorized over leading axes; a = (0, 1, 4.5, 9, 99, ...) (anchors.md B.6 used the same family)."""
    a = np.array([0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0, 99.0, 99.0] * 2)[: x.shape[-1]]
    out: FloatArray = np.prod((np.abs(4.0 * x - 2.0) + a) / (1.0 + a), axis=-1)
    return out


def naive_bootstrap(
    f_a: FloatArray, f_b: FloatArray, f_ab: FloatArray, r: int, conf: float, seed: int
) -> tuple[FloatArray, FloatArray]:
    """Baseline: draw indices, gather a resampled copy of every output, recompute."""
    rng = np.random.default_rng(seed)
    n = f_a.shape[0]
    firsts = np.empty((r, f_ab.shape[0]))
    totals = np.empty((r, f_ab.shape[0]))
    for i in range(r):
        idx = rng.integers(0, n, n)
        ya, yb, yab = f_a[idx], f_b[idx], f_ab[:, idx]
        c = 0.5 * (ya.mean() + yb.mean())
        ya, yb, yab = ya - c, yb - c, yab - c
        var = 0.5 * (np.mean(ya**2) + np.mean(yb**2))
        firsts[i] = np.mean(yb * (yab - ya), axis=1) / var
        totals[i] = 0.5 * np.mean((ya - yab) ** 2, axis=1) / var
    probs = [(1 - conf) / 2, (1 + conf) / 2]
    return np.quantile(firsts, probs, axis=0), np.quantile(totals, probs, axis=0)


def _timed(fn: Any, repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of `repeat` runs (the machines are shared and noisy) and the result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def run_case(n: int, d: int, r: int, *, naive: bool, salib: Any) -> dict[str, Any]:
    space = bs.ParameterSpace([bs.Parameter(f"x{i}", (0.0, 1.0)) for i in range(d)])
    design = bs.sobol_design(space, n, rng=1)
    f_a, f_b, f_ab = g_function(design.a), g_function(design.b), g_function(design.ab)
    row: dict[str, Any] = {"N": n, "D": d, "R": r}
    t_ours, res = _timed(lambda: bs.sobol_analyze(design, f_a, f_b, f_ab, n_bootstrap=r, rng=2))
    row["ours"] = t_ours
    row["S1[0]"] = float(res.first[0, 0])
    row["ours_hw"] = float(np.mean(res.first_ci[1] - res.first_ci[0]) / 2)
    if naive:
        t_naive, (ci_first, _ci_total) = _timed(
            lambda: naive_bootstrap(f_a, f_b, f_ab, r, 0.95, seed=3), repeat=2
        )
        row["naive"] = t_naive
        row["naive_hw"] = float(np.mean(ci_first[1] - ci_first[0]) / 2)
    if salib is not None:
        problem = {"num_vars": d, "names": list(space.names), "bounds": [[0.0, 1.0]] * d}
        # SALib's implicit layout per base row: A, AB_1, ..., AB_D, B
        y = np.concatenate([f_a[:, None], f_ab.T, f_b[:, None]], axis=1).ravel()
        t_salib, si = _timed(
            lambda: salib.analyze(problem, y, calc_second_order=False, num_resamples=r, seed=4)
        )
        row["salib"] = t_salib
        row["salib_hw"] = float(np.mean(si["S1_conf"]))
        row["salib_S1[0]"] = float(si["S1"][0])
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    args = parser.parse_args()
    try:
        salib = importlib.import_module("SALib.analyze.sobol")
    except ImportError:
        salib = None
        print("SALib is not installed: its column is skipped (pip install SALib to add it).")
    cases = (
        [(2**10, 5, 200)]
        if args.quick
        else [(2**12, 10, 1000), (2**14, 10, 1000), (2**16, 10, 100), (2**16, 20, 1000)]
    )
    header = (
        f"{'N':>7} {'D':>3} {'R':>5} | {'ours s':>8} {'naive s':>8} {'naive/ours':>10} | "
        f"{'SALib s':>8} {'SALib/ours':>10} | {'S1[0]':>7} {'hw ours':>8} {'hw naive':>8} "
        f"{'hw SALib':>8}"
    )
    print(header)
    print("-" * len(header))
    for n, d, r in cases:
        row = run_case(n, d, r, naive=True, salib=salib)
        naive_s = row.get("naive", float("nan"))
        salib_s = row.get("salib", float("nan"))
        print(
            f"{n:>7} {d:>3} {r:>5} | {row['ours']:>8.3f} {naive_s:>8.3f} "
            f"{naive_s / row['ours']:>10.1f} | {salib_s:>8.3f} {salib_s / row['ours']:>10.1f} | "
            f"{row['S1[0]']:>7.4f} {row['ours_hw']:>8.4f} {row.get('naive_hw', np.nan):>8.4f} "
            f"{row.get('salib_hw', np.nan):>8.4f}"
        )
    print(
        "hw = mean half-width of the 95% first-order intervals (ours and naive: percentile; "
        "SALib: normal approximation 1.96 sd)."
    )


if __name__ == "__main__":
    main()
