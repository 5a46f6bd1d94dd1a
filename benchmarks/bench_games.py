"""Benchmark burden.allocation.games and burden.allocation.claims against coopgame-py and a naive Python baseline.

Run with ``python benchmarks/bench_games.py``. Not part of the test suite: timings on
shared machines are noisy, so only ratios measured in the same run are reported, and
every comparison also checks that both sides give the same numbers.

coopgame-py (Rust engine, https://github.com/matsu7874/coopgame) is optional; install
it by hand (``pip install coopgame-py``). Without it only the naive baseline runs.
"""

from __future__ import annotations

import importlib
import itertools
import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from burden import claims, games

try:
    cg: Any = importlib.import_module("coopgame")
except ImportError:  # pragma: no cover - optional
    cg = None


def best_time(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """Best wall time of `repeat` runs and the last result."""
    best = math.inf
    out: object = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def naive_shapley(v: np.ndarray) -> np.ndarray:
    """Textbook loop over players and coalitions (the usual pure-Python code)."""
    n = int(v.size).bit_length() - 1
    fact = [math.factorial(k) for k in range(n + 1)]
    phi = np.zeros(n)
    vals = v.tolist()
    for i in range(n):
        bit = 1 << i
        acc = 0.0
        for mask in range(2**n):
            if mask & bit:
                continue
            s = mask.bit_count()
            acc += fact[s] * fact[n - s - 1] * (vals[mask | bit] - vals[mask])
        phi[i] = acc / fact[n]
    return phi


def random_game(rng: np.random.Generator, n: int) -> np.ndarray:
    size = np.bitwise_count(np.arange(2**n)).astype(float)
    v: np.ndarray = size**1.5 * rng.uniform(0.8, 1.2, 2**n)
    v[0] = 0.0
    return v


def tie_heavy_game(rng: np.random.Generator, n: int) -> np.ndarray:
    size = np.bitwise_count(np.arange(2**n))
    v = rng.integers(0, 2 * size + 1).astype(float)
    v[0] = 0.0
    return v


ROWS: list[tuple[str, float, str, float, float]] = []


def record(task: str, ours: float, other_name: str, other: float, diff: float) -> None:
    ROWS.append((task, ours, other_name, other, diff))


def bench_shapley_n20(rng: np.random.Generator) -> None:
    n = 20
    v = random_game(rng, n)
    g = games.Game(values=v)
    t_ours, phi = best_time(lambda: games.shapley(g))
    ours = np.asarray(phi)
    if cg is not None:
        cgame = cg.Game(v[1:].tolist(), order="binary")
        t_cg, ref = best_time(lambda: cg.shapley(cgame), repeat=1)
        record("exact Shapley, n=20", t_ours, "coopgame", t_cg, float(np.abs(ours - ref).max()))
    # naive loop on n=14 (n=20 would take minutes), measured against ours at n=14
    v14 = random_game(rng, 14)
    g14 = games.Game(values=v14)
    t14, phi14 = best_time(lambda: games.shapley(g14))
    t_naive, ref14 = best_time(lambda: naive_shapley(v14), repeat=1)
    diff = float(np.abs(np.asarray(phi14) - np.asarray(ref14)).max())
    record("exact Shapley, n=14", t14, "naive Python", t_naive, diff)


def bench_batch_shapley(rng: np.random.Generator) -> None:
    k, n = 10_000, 6
    v = np.stack([random_game(rng, n) for _ in range(k)])
    g = games.Game(values=v)
    t_ours, phi = best_time(lambda: games.shapley(g))
    ours = np.asarray(phi)
    if cg is not None:
        rows = [row[1:].tolist() for row in v]

        def loop_cg() -> np.ndarray:
            return np.array([cg.shapley(cg.Game(r, order="binary")) for r in rows])

        t_cg, ref = best_time(loop_cg, repeat=1)
        diff = float(np.abs(ours - np.asarray(ref)).max())
        record("Shapley, 10,000 scenarios, n=6", t_ours, "coopgame loop", t_cg, diff)
    t_naive, ref2 = best_time(lambda: np.array([naive_shapley(r) for r in v]), repeat=1)
    diff2 = float(np.abs(ours - np.asarray(ref2)).max())
    record("Shapley, 10,000 scenarios, n=6", t_ours, "naive Python", t_naive, diff2)


def bench_nucleolus(rng: np.random.Generator) -> None:
    for n in (6, 8, 10, 12, 14):
        for label, maker, solver in (
            ("nucleolus", random_game, games.nucleolus),
            ("prenucleolus tie-heavy", tie_heavy_game, games.prenucleolus),
        ):
            v = maker(rng, n)
            g = games.Game(values=v)
            repeat = 3 if n <= 10 else 1
            t_ours, res = best_time(lambda g=g, solver=solver: solver(g), repeat=repeat)  # type: ignore[misc]
            result: games.NucleolusResult = res  # type: ignore[assignment]
            ok = bool(result.kohlberg)
            task = f"{label}, n={n} (Kohlberg {'ok' if ok else 'FAILED'})"
            if cg is not None:
                cgame = cg.Game(v[1:].tolist(), order="binary")
                fn = cg.nucleolus if solver is games.nucleolus else cg.prenucleolus
                t_cg, ref = best_time(lambda fn=fn, cgame=cgame: fn(cgame), repeat=repeat)  # type: ignore[misc]
                ref_x = np.asarray(ref["allocation"])  # type: ignore[index]
                diff = float(np.abs(result.allocation - ref_x).max())
                record(task, t_ours, "coopgame", t_cg, diff)
            else:
                record(task, t_ours, "-", math.nan, math.nan)


def bench_batch_nucleolus(rng: np.random.Generator) -> None:
    """Many small games: one block-diagonal LP per round against a loop over coopgame."""
    for k, n in ((1000, 5), (300, 6)):
        v = np.stack([random_game(rng, n) for _ in range(k)])
        g = games.Game(values=v)
        t_ours, res = best_time(lambda g=g: games.nucleolus(g), repeat=1)  # type: ignore[misc]
        result: games.NucleolusResult = res  # type: ignore[assignment]
        ok = bool(result.kohlberg.all())
        task = f"nucleolus, {k:,} scenarios, n={n} (Kohlberg {'ok' if ok else 'FAILED'})"
        if cg is None:
            record(task, t_ours, "-", math.nan, math.nan)
            continue
        rows = [row[1:].tolist() for row in v]

        def loop_cg(rows: list[list[float]] = rows) -> np.ndarray:
            return np.array([cg.nucleolus(cg.Game(r, order="binary"))["allocation"] for r in rows])

        t_cg, ref = best_time(loop_cg, repeat=1)
        diff = float(np.abs(result.allocation - np.asarray(ref)).max())
        record(task, t_ours, "coopgame loop", t_cg, diff)


def bench_talmud(rng: np.random.Generator) -> None:
    k, n = 10_000, 8
    d = rng.uniform(10, 100, (k, n))
    e = rng.uniform(0, 1, k) * d.sum(axis=1)
    t_ours, out = best_time(lambda: claims.talmud(e, d))
    ours = np.asarray(out)
    if cg is not None:
        pairs = list(zip(e.tolist(), d.tolist(), strict=True))
        t_cg, ref = best_time(lambda: np.array([cg.talmud(a, b) for a, b in pairs]), repeat=1)
        diff = float(np.abs(ours - np.asarray(ref)).max())
        record("Talmud rule, 10,000 scenarios, n=8", t_ours, "coopgame loop", t_cg, diff)
    # nucleolus of the bankruptcy game equals Talmud: closed form vs 50 LP sequences
    sub = games.bankruptcy_game(e[:50], d[:50])
    t_lp, res = best_time(lambda: games.nucleolus(sub), repeat=1)
    result: games.NucleolusResult = res  # type: ignore[assignment]
    t_cf, cf = best_time(lambda: claims.talmud(e[:50], d[:50]))
    diff = float(np.abs(result.allocation - np.asarray(cf)).max())
    record("bankruptcy nucleolus, 50 scenarios, n=8", t_cf, "burden LP nucleolus", t_lp, diff)


def bench_random_arrival() -> None:
    d = [10.0, 40.0, 25.0, 5.0, 60.0, 30.0, 15.0, 20.0]
    e = 120.0

    def by_orders() -> np.ndarray:
        out = np.zeros(len(d))
        for order in itertools.permutations(range(len(d))):
            left = e
            for i in order:
                pay = min(d[i], left)
                out[i] += pay
                left -= pay
        return out / math.factorial(len(d))

    t_ours, out = best_time(lambda: claims.random_arrival(e, d))
    t_naive, ref = best_time(by_orders, repeat=1)
    diff = float(np.abs(np.asarray(out) - np.asarray(ref)).max())
    record("random arrival, n=8", t_ours, "naive n! orders", t_naive, diff)


def main() -> None:
    rng = np.random.default_rng(20240501)
    print(f"coopgame-py: {'installed' if cg is not None else 'NOT installed (naive only)'}")
    bench_shapley_n20(rng)
    bench_batch_shapley(rng)
    bench_nucleolus(rng)
    bench_batch_nucleolus(rng)
    bench_talmud(rng)
    bench_random_arrival()
    head = f"{'task':<48} {'burden s':>10} {'baseline':<20} {'base s':>9} {'ratio':>8} {'max|diff|':>10}"
    print(head)
    print("-" * len(head))
    for task, ours, name, other, diff in ROWS:
        ratio = other / ours if ours > 0 else math.nan
        print(f"{task:<48} {ours:>10.4f} {name:<20} {other:>9.4f} {ratio:>8.2f} {diff:>10.2e}")
    print("ratio = baseline time / burden time (> 1: burden is faster)")


if __name__ == "__main__":
    main()
