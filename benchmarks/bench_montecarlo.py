"""Monte Carlo of the seed comparison model against a hand-written floor (issue 12, item 2).

Run: ``python benchmarks/bench_montecarlo.py [--draws 4194304] [--repeat 3]``.

Model: ``comparison_model(SMA-11, US-DEMAND-2019, currency="USD", price_basis=2019,
measure="difference")`` with the exchange-rate level U(0.9, 1.1), the inflation shift
U(-0.01, 0.01) and the defence-budget growth shift U(-0.02, 0.02): 7 outputs (2020-2025
and the total), streamed (no draws kept), like ``docs/performance.md`` section 3.

``floor`` is the same pipeline written by hand in numpy, in the same run: scrambled
Sobol' draws from one ``scipy.stats.qmc.Sobol`` engine mapped to the ranges, the 11th
SMA's rule (2020 frozen, +13.9% in 2021, then previous year x (1 + budget growth of Y-1
+ shift, rounded to 0.1 pp), amounts rounded to KRW 100 million) converted to USD at each
year's scaled rate, the demand, both deflated to 2019 prices with US CPI-U whose yearly
inflation is shifted (USD constant prices use the dollar's own index), then the
streaming summary (sums of deviations and a 2^16-bin histogram per output,
exact tails). Its outputs are checked against the model's on the same inputs.

Reported: CPU seconds (``time.process_time``; the machines are shared) of
``bs.monte_carlo(model, space, n=N, keep_samples=False)`` and of the floor, best of
``--repeat``, and their ratio. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable

import numpy as np
from scipy.stats import qmc

import burden as bd
import burden.sensitivity as bs
from burden.typing import FloatArray

CHUNK = 65_536
PILOT = 2**16
BINS = 2**16
RANGES = np.array([[0.9, 1.1], [-0.01, 0.01], [-0.02, 0.02]])


def seed() -> tuple[bd.models.ComparisonModel, bs.ParameterSpace]:
    model = bd.models.comparison_model(
        bd.agreements.get("SMA-11"),
        bd.agreements.get("US-DEMAND-2019"),
        currency="USD",
        price_basis=2019,
        measure="difference",
    )
    names = ("krw_per_usd_scale", "inflation_shift", "baseline.index_shift[2022]")
    space = bs.ParameterSpace(
        [bs.Parameter(k, tuple(r)) for k, r in zip(names, RANGES, strict=True)]
    )
    return model, space


class Floor:
    """The seed model and its summary, by hand: constants read once from burden's data."""

    def __init__(self) -> None:
        sma = bd.agreements.get("SMA-11")
        demand = bd.agreements.get("US-DEMAND-2019")
        self.years = sma.years  # 2020..2025
        indexed = sma.rule_for(2022)
        assert isinstance(indexed, bd.Indexed)
        pos = self.years[2:] - 1 - indexed.index_years[0]
        self.growth_budget = indexed.rates_table[pos]  # budget growth of Y - 1, Y = 2022..2025
        self.base = float(np.asarray(sma.base_amount))
        self.demand = float(np.asarray(demand.base_amount))
        ctx = bd.money.default_context()
        self.fx = ctx.rate("KRW", self.years)
        level = ctx.price_index["USD"]
        known = level.index.to_numpy()
        lvl = level.to_numpy()
        i0 = int(np.searchsorted(known, 2019))
        # US CPI-U inflation of 2020..2025 (over the year before)
        self.inflation = lvl[i0 + 1 : i0 + 7] / lvl[i0 : i0 + 6] - 1.0

    def outputs(self, x: FloatArray) -> FloatArray:
        """The 7 outputs of draws `x` (m, 3), output-major: shape (7, m)."""
        scale, infl, shift = x[:, 0], x[:, 1], x[:, 2]
        m = x.shape[0]
        krw = np.empty((6, m))
        krw[0] = self.base
        krw[1] = np.floor(self.base * 1.139 / 1e8 + 0.5 + 1e-9) * 1e8
        raw = self.growth_budget[:, np.newaxis] + shift  # (4, m), rates may be negative
        rate = np.sign(raw) * np.floor(np.abs(raw) / 1e-3 + 0.5 + 1e-9) * 1e-3
        for j in range(2, 6):
            krw[j] = np.floor(krw[j - 1] * (1.0 + rate[j - 2]) / 1e8 + 0.5 + 1e-9) * 1e8
        deflator = np.cumprod(1.0 + (self.inflation[:, np.newaxis] + infl), axis=0)  # P(y)/P(2019)
        out = np.empty((7, m))
        out[:6] = (self.demand - krw / (self.fx[:, np.newaxis] * scale)) / deflator
        out[6] = out[:6].sum(axis=0)
        return out

    def run(self, n: int, rng: int) -> tuple[FloatArray, FloatArray]:
        """Stream n draws in chunks: mean and variance, histogram and exact tails per output."""
        engine = qmc.Sobol(3, scramble=True, rng=rng)
        offsets = (np.arange(7) * BINS)[:, np.newaxis]
        counts = np.zeros(7 * BINS, dtype=np.int64)
        tails: list[FloatArray] = []
        shift = low = high = width = s1 = s2 = np.zeros((7, 1))
        for i in range(0, n, CHUNK):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                u = engine.random(CHUNK)
            y = self.outputs(RANGES[:, 0] + u * (RANGES[:, 1] - RANGES[:, 0]))
            if i == 0:  # the first chunk fixes the histogram range
                shift, low = y.mean(axis=1, keepdims=True), y.min(axis=1, keepdims=True)
                high = y.max(axis=1, keepdims=True)
                width = (high - low) / BINS
                s1, s2 = np.zeros((7, 1)), np.zeros((7, 1))
            c = y - shift
            s1 += c.sum(axis=1, keepdims=True)
            c *= c
            s2 += c.sum(axis=1, keepdims=True)
            inside = (y >= low) & (y <= high)
            idx = np.minimum(((y - low) / width).astype(np.int64), BINS - 1) + offsets
            counts += np.bincount(idx[inside], minlength=7 * BINS)
            if not inside.all():
                tails.append(y[~inside])
        mean = shift[:, 0] + s1[:, 0] / n
        return mean, (s2[:, 0] - s1[:, 0] ** 2 / n) / (n - 1)


def cpu(func: Callable[[], object], repeat: int) -> float:
    best = np.inf
    for _ in range(repeat):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    """Print the Monte Carlo / floor table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=2**22)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    model, space = seed()
    floor = Floor()
    x = bs.sample(space, 4096, method="random", rng=0)
    want, _ = bs.evaluate(model, space, x)
    np.testing.assert_allclose(floor.outputs(x).T, want, rtol=1e-12, atol=1e-3)  # same maths
    n = args.draws
    res = bs.monte_carlo(model, space, n=n, rng=1, keep_samples=False)
    mean, _ = floor.run(n, 1)
    print(f"draws {n}, chunk {CHUNK}, 7 outputs; mean total difference (USD bn, 2019 prices):")
    print(f"  burden {res.mean[-1] / 1e9:.4f}, floor {mean[-1] / 1e9:.4f}")
    t_burden = t_floor = np.inf
    for _ in range(args.repeat):  # interleaved
        t_burden = min(
            t_burden, cpu(lambda: bs.monte_carlo(model, space, n=n, rng=1, keep_samples=False), 1)
        )
        t_floor = min(t_floor, cpu(lambda: floor.run(n, 1), 1))
    print(f"{'':<10} {'CPU s':>8} {'M draws/s':>10}")
    print(f"{'burden':<10} {t_burden:>8.3f} {n / t_burden / 1e6:>10.2f}")
    print(f"{'floor':<10} {t_floor:>8.3f} {n / t_floor / 1e6:>10.2f}")
    print(f"burden / floor: {t_burden / t_floor:.2f}")


if __name__ == "__main__":
    main()
