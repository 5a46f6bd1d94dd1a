"""Sensitivity and uncertainty benchmarks: speed against baselines in the same run, peak memory.

Run with ``.venv/bin/python benchmarks/bench_sensitivity.py`` (``--quick`` for a smoke
run; ``--mc-draws 10000000`` to shorten the Monte Carlo memory case). It prints:

1. Sobol' S1 + ST with R bootstrap resamples: our weight-matrix GEMM bootstrap
   (``sobol_analyze``) against naive resample-and-recompute and, if it is importable,
   SALib's ``sobol.analyze(..., num_resamples=R)``, all on the same model outputs
   (rearranged into SALib's row order), plus both libraries end to end
   (sample + evaluate + analyze). The indices must agree within the intervals.
2. Peak memory (``VmHWM`` of a fresh subprocess) of ``bs.sobol`` end to end at
   N = 2^16, D = 20 and N = 2^14, D = 100, with R = 1000 row-bootstrap resamples
   (``replicates=1``) and with the default 8 replicates.
3. Monte Carlo of the seed comparison model (SMA-11 against the US 2019 demand, USD
   at 2019 prices): chunked equals one-shot for the same ``rng``, and the time and
   peak memory of a chunked run over 1e8 draws, in a fresh subprocess.

SALib is not a project dependency: without it its columns are skipped. Timings
are printed, never asserted: the machines are shared and noisy, so only the ratios
measured in one run mean something.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

import burden as bd
import burden.sensitivity as bs

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from burden.typing import FloatArray

G_COEF = np.array([0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0, 99.0, 99.0] * 2)


def g_coef(d: int) -> FloatArray:
    """a = (0, 1, 4.5, 9, 99, ...): the 20 coefficients of anchors.md B.6, then 99."""
    a = np.full(d, 99.0)
    a[: min(d, G_COEF.size)] = G_COEF[:d]
    return a


def g_function(x: FloatArray) -> FloatArray:
    """Sobol' G function over the last axis, a = (0, 1, 4.5, 9, 99, ...) (anchors.md B.6)."""
    a = g_coef(x.shape[-1])
    out: FloatArray = np.prod((np.abs(4.0 * x - 2.0) + a) / (1.0 + a), axis=-1)
    return out


def g_exact(d: int) -> tuple[FloatArray, FloatArray]:
    """Exact S1 and ST of the G function: V_i = 1/(3(1+a_i)^2) (Saltelli et al. 2010, sec. 4)."""
    vi = 1.0 / (3.0 * (1.0 + g_coef(d)) ** 2)
    v = np.prod(1.0 + vi) - 1.0
    return vi / v, vi * np.prod(1.0 + vi) / (1.0 + vi) / v


def g_model(names: tuple[str, ...]) -> Callable[[Mapping[str, FloatArray]], FloatArray]:
    """The G function as a burden model of named parameters."""

    def model(p: Mapping[str, FloatArray]) -> FloatArray:
        return g_function(np.stack([p[n] for n in names], axis=-1))

    return model


def unit_space(d: int) -> bs.ParameterSpace:
    return bs.ParameterSpace([bs.Parameter(f"x{i}", (0.0, 1.0)) for i in range(d)])


def seed_model() -> bd.models.ComparisonModel:
    """The seed comparison: the demand minus SMA-11, USD at 2019 prices, per year and total."""
    return bd.models.comparison_model(
        bd.agreements.get("SMA-11"),
        bd.agreements.get("US-DEMAND-2019"),
        currency="USD",
        price_basis=2019,
        measure="difference",
    )


SEED_SPACE = bs.ParameterSpace(
    [
        bs.Parameter("krw_per_usd_scale", (0.9, 1.1)),
        bs.Parameter("inflation_shift", (-0.01, 0.01)),
        bs.Parameter("baseline.index_shift[2022]", (-0.02, 0.02)),
    ]
)


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


def _timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of `repeat` runs (the machines are shared and noisy) and the result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def sobol_speed(n: int, d: int, r: int, *, salib: Any, salib_sample: Any) -> None:
    """Case 1: bootstrap CIs of S1 and ST, ours vs naive vs SALib, same outputs."""
    space = unit_space(d)
    # One scrambled design and a row bootstrap, as SALib does (replicates=1): the same
    # outputs and the same kind of interval on both sides.
    design = bs.sobol_design(space, n, rng=1, replicates=1)
    f_a, f_b, f_ab = g_function(design.a), g_function(design.b), g_function(design.ab)
    t_ours, res = _timed(
        lambda: bs.sobol_analyze(design, f_a, f_b, f_ab, n_resamples=r, rng=2), repeat=2
    )
    t_e2e, _ = _timed(
        lambda: bs.sobol(g_model(space.names), space, n=n, n_resamples=r, rng=2, replicates=1)
    )
    t_rep, _ = _timed(lambda: bs.sobol(g_model(space.names), space, n=n, rng=2))
    t_naive, _ = _timed(lambda: naive_bootstrap(f_a, f_b, f_ab, r, 0.95, seed=3))
    first, total = g_exact(d)
    (f_lo, f_hi), (t_lo, t_hi) = res.first_order_ci, res.total_order_ci
    print(f"\n1. Sobol' S1+ST, N=2^{n.bit_length() - 1}, D={d}, R={r} (G function)")
    print(f"   ours  sobol_analyze (GEMM bootstrap)      {t_ours:8.3f} s   (best of 2)")
    print(f"   ours  sobol end to end (row bootstrap)    {t_e2e:8.3f} s")
    print(f"   ours  sobol end to end (8 replicates)     {t_rep:8.3f} s   (the default)")
    print(
        f"   naive resample-and-recompute              {t_naive:8.3f} s   "
        f"naive/ours {t_naive / t_ours:6.1f}x"
    )
    inside = np.mean((f_lo <= first) & (first <= f_hi) & (t_lo <= total) & (total <= t_hi))
    print(f"   exact S1 and ST inside our 95% intervals: {inside:.0%} of {2 * d}")
    if salib is None:
        print("   SALib is not installed: its rows are skipped (pip install SALib to add them).")
        return
    problem = {"num_vars": d, "names": list(space.names), "bounds": [[0.0, 1.0]] * d}
    # SALib's implicit layout per base row: A, AB_1, ..., AB_D, B
    y = np.concatenate([f_a[:, None], f_ab.T, f_b[:, None]], axis=1).ravel()
    t_salib, si = _timed(
        lambda: salib.analyze(problem, y, calc_second_order=False, num_resamples=r, seed=4)
    )

    def salib_e2e() -> Any:
        x = salib_sample.sample(problem, n, calc_second_order=False, seed=5)
        return salib.analyze(
            problem, g_function(x), calc_second_order=False, num_resamples=r, seed=4
        )

    t_salib_e2e, _ = _timed(salib_e2e)
    print(
        f"   SALib sobol.analyze (same outputs)        {t_salib:8.3f} s   "
        f"SALib/ours {t_salib / t_ours:6.1f}x"
    )
    print(
        f"   SALib sample + model + analyze            {t_salib_e2e:8.3f} s   "
        f"SALib/ours {t_salib_e2e / t_e2e:6.1f}x (end to end)"
    )
    # agreement: the difference of the two estimates is within the sum of the half-widths
    hw = 0.5 * (f_hi - f_lo) + np.asarray(si["S1_conf"])
    hw_t = 0.5 * (t_hi - t_lo) + np.asarray(si["ST_conf"])
    agree = np.mean(
        (np.abs(res.first_order - si["S1"]) <= hw) & (np.abs(res.total_order - si["ST"]) <= hw_t)
    )
    print(
        f"   S1/ST ours vs SALib within the combined interval half-widths: {agree:.0%}; "
        f"max |dS1| = {np.max(np.abs(res.first_order - si['S1'])):.2e}, "
        f"max |dST| = {np.max(np.abs(res.total_order - si['ST'])):.2e}"
    )
    print(
        f"   mean 95% half-width S1: ours (percentile) {np.mean(f_hi - f_lo) / 2:.4f}, "
        f"SALib (1.96 sd) {np.mean(si['S1_conf']):.4f}"
    )


def _peak_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    ``VmHWM`` from ``/proc/self/status`` (Linux) belongs to this process image only;
    ``ru_maxrss`` is the fallback elsewhere, but on Linux a child started with
    fork + exec also reports the parent's resident size at the fork there.
    """
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(case: str, size: int, dims: int, replicates: int) -> dict[str, float]:
    """Run one memory case in this process and return its numbers (called in a subprocess)."""
    baseline = _peak_mb()
    start = time.perf_counter()
    if case == "sobol":
        space = unit_space(dims)
        res = bs.sobol(
            g_model(space.names), space, n=size, n_resamples=1000, rng=1, replicates=replicates
        )
        extra = {"S1[0]": float(res.first_order[0]), "ST[0]": float(res.total_order[0])}
    else:
        mc = bs.monte_carlo(
            seed_model(), SEED_SPACE, n=size, method="random", rng=1, keep_samples=False
        )
        extra = {"mean_total_bn": float(mc.mean[-1] / 1e9)}
        extra["p5_total_bn"], extra["p95_total_bn"] = (
            float(v) / 1e9 for v in mc.quantiles([0.05, 0.95])[:, -1]
        )
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "baseline_mb": baseline, "peak_mb": _peak_mb(), **extra}


def _in_subprocess(case: str, size: int, dims: int = 20, replicates: int = 1) -> dict[str, float]:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            case,
            "--size",
            str(size),
            "--dims",
            str(dims),
            "--replicates",
            str(replicates),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def sobol_memory(cases: list[tuple[int, int]]) -> None:
    """Case 2: peak memory of bs.sobol end to end, R=1000 (row bootstrap) and 8 replicates."""
    print("\n2. Sobol' end to end (G function), fresh process per row; peak memory VmHWM")
    for n, d in cases:
        first, total = g_exact(d)
        for replicates, label in ((1, "row bootstrap R=1000"), (8, "8 replicates")):
            row = _in_subprocess("sobol", n, d, replicates)
            print(
                f"   N=2^{n.bit_length() - 1}, D={d}, {label:<20}: {row['seconds']:6.2f} s, "
                f"peak {row['peak_mb']:5.0f} MB (interpreter and imports "
                f"{row['baseline_mb']:.0f} MB); S1[0] = {row['S1[0]']:.4f} "
                f"(exact {first[0]:.4f}), ST[0] = {row['ST[0]']:.4f} (exact {total[0]:.4f})"
            )


def mc_cases(n_equal: int, n_big: int) -> None:
    """Case 3: chunked equals one-shot, then a chunked run over n_big draws."""
    model = seed_model()
    one = bs.monte_carlo(model, SEED_SPACE, n=n_equal, rng=11, chunk_size=n_equal)
    parts = bs.monte_carlo(model, SEED_SPACE, n=n_equal, rng=11, chunk_size=3000)
    levels = np.linspace(0.0, 1.0, 21)
    assert one.outputs is not None
    assert parts.outputs is not None
    same = (
        np.array_equal(one.outputs, parts.outputs)
        and np.array_equal(one.mean, parts.mean)
        and np.array_equal(one.quantiles(levels), parts.quantiles(levels))
    )
    print("\n3. Monte Carlo of the seed comparison model (demand - SMA-11, USD 2019 prices)")
    print(f"   n = {n_equal:,}: one chunk vs chunks of 3000, same rng: identical = {same}")
    row = _in_subprocess("mc", n_big)
    rate = n_big / row["seconds"]
    print(
        f"   n = {n_big:,} draws, chunks of 65536, summary mode: {row['seconds']:.1f} s "
        f"({rate:,.0f} draws/s); peak memory {row['peak_mb']:.0f} MB "
        f"(of which {row['baseline_mb']:.0f} MB interpreter and imports)"
    )
    if n_big < 10**8:
        print(
            f"   extrapolated to 1e8 draws: {row['seconds'] * 10**8 / n_big:.0f} s; memory does not grow with n"
        )
    print(
        f"   total 2020-2025 gap: mean USD {row['mean_total_bn']:.3f} bn, "
        f"90% band {row['p5_total_bn']:.3f} .. {row['p95_total_bn']:.3f} bn"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--mc-draws", type=int, default=10**8, help="draws of the big MC run")
    parser.add_argument("--child", choices=["sobol", "mc"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--dims", type=int, default=20, help=argparse.SUPPRESS)
    parser.add_argument("--replicates", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--skip-mc", action="store_true", help="skip case 3 (the long run)")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.size, args.dims, args.replicates)))
        return
    salib: Any
    salib_sample: Any
    try:
        salib = importlib.import_module("SALib.analyze.sobol")
        salib_sample = importlib.import_module("SALib.sample.sobol")
    except ImportError:
        salib = salib_sample = None
    if args.quick:
        sobol_speed(2**10, 5, 200, salib=salib, salib_sample=salib_sample)
        sobol_memory([(2**10, 20)])
        mc_cases(2**12, 2**17)
        return
    sobol_speed(2**14, 10, 1000, salib=salib, salib_sample=salib_sample)
    sobol_memory([(2**16, 20), (2**14, 100)])
    if not args.skip_mc:
        mc_cases(2**20, args.mc_draws)


if __name__ == "__main__":
    main()
