"""Agreement paths over many draws: one vectorized call against a per-draw Python loop.

Run: ``python benchmarks/bench_agreements.py``. Both are timed in the same run and
reported as a ratio (the machines are noisy; absolute times are only indicative).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

import burden as bd


def _vectorized(rates: np.ndarray) -> np.ndarray:
    sma = bd.Agreement(
        name="v",
        base_year=2020,
        base_amount=1.0389e12,
        currency="KRW",
        end_year=2030,
        escalation=bd.Fixed(rates),
        rounding=1e8,
    )
    return sma.path().values


def _loop(rates: np.ndarray) -> np.ndarray:
    rows = []
    for rate in rates:
        sma = bd.Agreement(
            name="l",
            base_year=2020,
            base_amount=1.0389e12,
            currency="KRW",
            end_year=2030,
            escalation=bd.Fixed(float(rate)),
            rounding=1e8,
        )
        rows.append(sma.path().values)
    return np.stack(rows)


def _best_of(func: Callable[[np.ndarray], np.ndarray], arg: np.ndarray, repeat: int = 3) -> float:
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        func(arg)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Print the timing table."""
    rng = np.random.default_rng(20191119)
    print(f"{'draws':>8} {'vectorized s':>13} {'loop s':>10} {'loop/vectorized':>16}")
    for n in (100, 1_000, 10_000):
        rates = rng.uniform(0.0, 0.08, n)
        np.testing.assert_array_equal(_vectorized(rates), _loop(rates))
        t_vec = _best_of(_vectorized, rates)
        t_loop = _best_of(_loop, rates, repeat=1)
        print(f"{n:>8} {t_vec:>13.5f} {t_loop:>10.3f} {t_loop / t_vec:>16.0f}")


if __name__ == "__main__":
    main()
