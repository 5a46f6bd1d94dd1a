"""Agreement paths against a minimal numpy floor of the same rule (issue 12, item 1).

Run: ``python benchmarks/bench_engine.py`` (``--quick`` for a smoke run, ``--big`` to add
10^7 draws). For each rule (Fixed, Freeze, Indexed, Schedule), number of draws and number
of years, it times, in the same run and interleaved:

- ``engine``: ``Agreement.path()`` (validation, the year-major blocked engine, the result);
- ``floor``: a minimal hand-written numpy version of the same rule (year-major buffer,
  in-place operations, no validation), checked bit for bit against the engine;
- ``before``: the year-by-year loop ``Agreement.path`` ran before the engine (each rule's
  ``next_amounts``, then ``round_half_up``), on the same agreement.

Each of ``--repeat`` rounds (default 5) times the engine, then the floor, then the old
loop, each over enough calls to last about 20 ms. It reports the best round of each, the
ratio of the bests engine / floor, the median over rounds of the same round's ratio
(``paired``: robust to load that changes during the run, as on shared machines), and the
peak memory of each (``tracemalloc``, which sees numpy's buffers) as a multiple of the
output (draws x years x 8 bytes). Nothing is asserted: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import functools
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import pandas as pd

import burden as bd
from burden.escalation import round_half_up
from burden.typing import FloatArray

STEP = 1e8  # KRW 100 million, as the SMAs round
BASE_YEAR = 2020


def _round_in_place(row: FloatArray, step: float) -> None:
    np.divide(row, step, out=row)
    row += 0.5
    row += 1e-9
    np.floor(row, out=row)
    row *= step


# --- floors: the same rule written by hand --------------------------------------------


def floor_fixed(base: FloatArray, rate: FloatArray, t_all: int) -> FloatArray:
    out = np.empty((t_all, base.size))
    out[0] = base
    factor = 1.0 + rate
    for t in range(1, t_all):
        np.multiply(out[t - 1], factor, out=out[t])
        _round_in_place(out[t], STEP)
    return out.T


def floor_freeze(base: FloatArray, t_all: int) -> FloatArray:
    out = np.empty((t_all, base.size))
    out[:] = base
    return out.T


def floor_indexed(base: FloatArray, table: FloatArray, cap: FloatArray, t_all: int) -> FloatArray:
    # table column t - 1 is the index of year Y - lag for Y = BASE_YEAR + t (aligned by the
    # caller); rounded to 0.1 pp (halves away from zero), capped per draw
    raw = table[:, : t_all - 1]  # column t - 1 holds the index of year BASE_YEAR + t - lag
    rate = np.sign(raw) * np.floor(np.abs(raw) / 1e-3 + 0.5 + 1e-9) * 1e-3
    np.minimum(rate, cap[:, np.newaxis], out=rate)
    factor = np.ascontiguousarray((1.0 + rate).T)
    del raw, rate
    out = np.empty((t_all, base.size))
    out[0] = base
    for t in range(1, t_all):
        np.multiply(out[t - 1], factor[t - 1], out=out[t])
        _round_in_place(out[t], STEP)
    return out.T


def floor_schedule(base: FloatArray, amounts: FloatArray, t_all: int) -> FloatArray:
    out = np.empty((t_all, base.size))
    out[0] = base
    out[1:] = amounts.T
    return out.T


# --- the same rules as agreements ---------------------------------------------------


def agreement(rule: object, base: FloatArray, t_all: int) -> bd.Agreement:
    return bd.Agreement(
        name="bench",
        base_year=BASE_YEAR,
        base_amount=base,
        currency="KRW",
        end_year=BASE_YEAR + t_all - 1,
        escalation=rule,  # type: ignore[arg-type]
        rounding=STEP,
    )


def before(a: bd.Agreement) -> FloatArray:
    """The year-by-year loop of Agreement.path before the engine (no Amounts wrapper)."""
    years = a.years
    values = np.empty((*a.batch_shape, years.size), dtype=np.float64)
    values[..., 0] = a.base_amount
    for t in range(1, years.size):
        rule = a.rule_for(int(years[t]))
        nxt = rule.next_amounts(values[..., t - 1], int(years[t]))
        if a.rounding is not None and rule.escalates:
            nxt = round_half_up(nxt, float(a.rounding))
        values[..., t] = nxt
    return values


def cases(
    n: int, t_all: int, rng: np.random.Generator
) -> dict[str, tuple[Callable[[], FloatArray], bd.Agreement]]:
    base = rng.uniform(0.9e12, 1.2e12, n)
    rate = rng.uniform(0.0, 0.08, n)
    lag = 2
    index_years = list(range(BASE_YEAR + 1 - lag, BASE_YEAR + t_all - lag))
    table = rng.uniform(-0.01, 0.06, (n, len(index_years)))
    cap = rng.uniform(0.03, 0.05, n)
    amounts = rng.uniform(1.0e12, 1.5e12, (n, t_all - 1))
    years = range(BASE_YEAR + 1, BASE_YEAR + t_all)
    indexed = bd.Indexed(
        pd.DataFrame(table, columns=index_years), lag=lag, cap=cap, rate_rounding=3
    )
    schedule = bd.Schedule(pd.DataFrame(amounts, columns=list(years)))
    return {
        "Fixed": (lambda: floor_fixed(base, rate, t_all), agreement(bd.Fixed(rate), base, t_all)),
        "Freeze": (lambda: floor_freeze(base, t_all), agreement(bd.Freeze(), base, t_all)),
        "Indexed": (
            lambda: floor_indexed(base, table, cap, t_all),
            agreement(indexed, base, t_all),
        ),
        "Schedule": (
            lambda: floor_schedule(base, amounts, t_all),
            agreement(schedule, base, t_all),
        ),
    }


def best(func: Callable[[], object], repeat: int) -> float:
    """Best time per call over `repeat` rounds of enough calls to last about 20 ms."""
    start = time.perf_counter()
    func()
    number = max(1, int(0.02 / max(time.perf_counter() - start, 1e-6)))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def peak(func: Callable[[], object]) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    result = func()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return top


def main() -> None:
    """Print the engine / floor table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--big", action="store_true", help="add 10^7 draws (10 years)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-before", action="store_true", help="skip the old loop")
    parser.add_argument("--sizes", default=None, help="e.g. 1000000x10,1000000x30")
    args = parser.parse_args()
    sizes = (
        [(10**4, 10), (10**4, 30)]
        if args.quick
        else [(10**4, 10), (10**4, 30), (10**5, 10), (10**5, 30), (10**6, 10), (10**6, 30)]
    )
    if args.big:
        sizes.append((10**7, 10))
    if args.sizes:
        sizes = [(int(a), int(b)) for a, b in (part.split("x") for part in args.sizes.split(","))]
    rng = np.random.default_rng(20191119)
    print(
        f"{'rule':<9} {'draws':>9} {'T':>3} {'engine ms':>10} {'floor ms':>9} {'before ms':>10}"
        f" {'engine/floor':>13} {'paired':>7} {'before/floor':>13} {'M sy/s':>7}"
        f" {'peak/out engine':>16} {'floor':>6} {'before':>7}"
    )
    for n, t_all in sizes:
        repeat = 1 if n >= 10**7 else args.repeat
        for name, (floor, agr) in cases(n, t_all, rng).items():
            got = agr.path().values
            np.testing.assert_array_equal(got, floor())  # bit-identical
            out_bytes = n * t_all * 8
            t_engine = t_floor = t_before = np.inf
            paired = []
            old = functools.partial(before, agr)
            for _ in range(repeat):  # interleave so that drift hits all alike
                round_engine, round_floor = best(agr.path, 1), best(floor, 1)
                paired.append(round_engine / round_floor)
                t_engine, t_floor = min(t_engine, round_engine), min(t_floor, round_floor)
                if not args.no_before:
                    t_before = min(t_before, best(old, 1))
            p_engine, p_floor = peak(agr.path), peak(floor)
            p_before = np.nan if args.no_before else peak(old)
            print(
                f"{name:<9} {n:>9} {t_all:>3} {t_engine * 1e3:>10.2f} {t_floor * 1e3:>9.2f}"
                f" {t_before * 1e3:>10.2f} {t_engine / t_floor:>13.2f}"
                f" {float(np.median(paired)):>7.2f} {t_before / t_floor:>13.2f}"
                f" {n * t_all / t_engine / 1e6:>7.0f} {p_engine / out_bytes:>16.2f}"
                f" {p_floor / out_bytes:>6.2f} {p_before / out_bytes:>7.2f}"
            )


if __name__ == "__main__":
    main()
