"""The seed-scenario sensitivity example, checked against independently computed references.

References come from the cited datasets (SMA amounts, S1/S4/S6/S10/S24/S53-S56; KRW
price index; annual-average KRW/USD rates, S66) and closed forms of the model's
documented definitions, never from the code's own printed output.
"""

from __future__ import annotations

import contextlib
import io
import re
import runpy
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from scipy import integrate, optimize

import burden as bd
import burden.sensitivity as bs

if TYPE_CHECKING:
    from burden.typing import FloatArray

EXAMPLE = Path(__file__).parent.parent / "examples" / "seed_sensitivity.py"
YEARS = np.arange(2020, 2026)


@pytest.fixture(scope="module")
def printed() -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        runpy.run_path(str(EXAMPLE), run_name="__main__")
    return buffer.getvalue()


def _fx(years: FloatArray | list[int]) -> FloatArray:
    """Annual-average KRW per USD (dataset S66)."""
    return np.asarray(bd.money.default_context().rate("KRW", years), dtype=np.float64)


def _price_index() -> dict[int, float]:
    series = bd.money.default_context().price_index["KRW"]
    return {int(str(y)): float(v) for y, v in series.items()}


def _sma11_krw() -> FloatArray:
    """Published / rule-derived SMA-11 amounts 2020-2025 from the cited SMA history."""
    h = bd.datasets.sma_history()
    rows = h[(h["agreement"] == "SMA-11") & h["year"].isin(YEARS)].sort_values("year")
    assert rows["year"].tolist() == YEARS.tolist()
    return rows["amount"].to_numpy(dtype=np.float64)


def _total_usd_2019(scale: float = 1.0, inflation_shift: float = 0.0) -> float:
    """Closed form of the SMA-11 total in USD at 2019 prices.

    Each year's KRW amount is deflated by the KRW price index with every year's
    inflation raised by `inflation_shift` (burden.uncertainty.models docs: the chained index
    P(y)/P(y-1) + s), then converted at the 2019 annual-average rate times `scale`.
    """
    p = _price_index()
    growth = np.array([p[y] / p[y - 1] + inflation_shift for y in YEARS.tolist()])
    deflator = np.cumprod(growth)
    return float(np.sum(_sma11_krw() / deflator) / (_fx([2019])[0] * scale))


def _row(text: str, name: str) -> list[float]:
    line = next(ln for ln in text.splitlines() if ln.strip().startswith(name + " "))
    return [float(v) for v in re.findall(r"[-+]?\d+\.\d+", line)]


def test_threshold_rate_solves_the_closed_form(printed: str) -> None:
    # sum_{t=1..6} 1.0389e12 (1 + r)^t / fx(2019 + t) = 6 x USD 5 bn (S1, S31, S66):
    # payments in nominal KRW converted at each year's recorded annual-average rate.
    fx = _fx(YEARS.tolist())
    t = np.arange(1, 7)

    def gap(r: float) -> float:
        return float(np.sum(1.0389e12 * (1.0 + r) ** t / fx)) - 30e9

    exact = optimize.brentq(gap, 0.0, 1.0, xtol=1e-14)
    match = re.search(r"constant escalation of ([\d.]+)% a year", printed)
    assert match is not None
    assert float(match.group(1)) / 100 == pytest.approx(exact, abs=2e-8)


def test_tornado_rows_match_closed_forms(printed: str) -> None:
    table = printed.split("1. Tornado")[1].split("2. Sobol", maxsplit=1)[0]
    base = float(re.findall(r"all nominal: ([\d.]+)", table)[0])
    assert base == pytest.approx(_total_usd_2019() / 1e9, abs=2e-6)
    # the USD value of a won amount is inversely proportional to the KRW/USD level
    _lo, _hi, at_low, at_high = _row(table, "krw_per_usd_scale")
    assert at_low == pytest.approx(_total_usd_2019(scale=0.9) / 1e9, abs=2e-6)
    assert at_high == pytest.approx(_total_usd_2019(scale=1.1) / 1e9, abs=2e-6)
    _lo, _hi, at_low, at_high = _row(table, "inflation_shift")
    assert at_low == pytest.approx(_total_usd_2019(inflation_shift=-0.01) / 1e9, abs=2e-6)
    assert at_high == pytest.approx(_total_usd_2019(inflation_shift=0.01) / 1e9, abs=2e-6)
    # the FX level is ranked first (largest swing)
    assert table.splitlines()[2].strip().startswith("krw_per_usd_scale")


def test_monte_carlo_2020_quantiles_match_numerical_integration(printed: str) -> None:
    # 2020 was frozen at the 2019 amount (S4): Y = c / ((g + s) k) with
    # c = 1.0389e12 / fx(2019), g = P(2020)/P(2019), s ~ U(-0.01, 0.01), k ~ U(0.9, 1.1)
    # independent. P(Y <= y) = E_s[P(k >= c / ((g + s) y))], integrated with quad.
    p = _price_index()
    c = 1.0389e12 / _fx([2019])[0] / 1e9
    g = p[2020] / p[2019]

    def cdf(y: float) -> float:
        def inner(s: float) -> float:
            k = c / ((g + s) * y)
            return float(np.clip((1.1 - k) / 0.2, 0.0, 1.0))

        return float(integrate.quad(inner, -0.01, 0.01, limit=200)[0] / 0.02)

    row = _row(printed, "2020")
    for level, value in zip((0.05, 0.25, 0.5, 0.75, 0.95), row, strict=True):
        exact = optimize.brentq(lambda y, q=level: cdf(y) - q, 0.5, 1.5, xtol=1e-10)
        assert value == pytest.approx(exact, abs=2e-3)  # 16,384 draws, printed to 1e-4


def test_sobol_indices_of_the_seed_model_are_sensible(printed: str) -> None:
    example = runpy.run_path(str(EXAMPLE), run_name="not_main")
    model = example["sma11_in_2019_dollars"]()
    space = example["SPACE"]
    res = bs.sobol(model, space, n=2**11, n_resamples=500, rng=7)
    first, total = res.first_order, res.total_order  # (k outputs, d inputs)
    assert first.shape == total.shape == (7, 3)
    (f_lo, f_hi), (t_lo, t_hi) = res.first_order_ci, res.total_order_ci
    # indices are shares of variance: in [0, 1] up to their sampling error
    assert (f_hi >= 0.0).all()
    assert (f_lo <= 1.0).all()
    assert (t_hi >= 0.0).all()
    assert (t_lo <= 1.0).all()
    # first order <= total order (S_T includes S), within the intervals
    assert (f_lo <= t_hi).all()
    # Why the FX level dominates the USD total: the total is T0 / k with k in
    # [0.9, 1.1], a swing of about +-10%; inflation +-1 pp moves year y by about
    # (y - 2019)%, +-3.5% on the total; budget growth +-2 pp compounds only over
    # 2022-2025, about +-3.4%. With uniform ranges the variance shares go as the
    # squared half-swings: 100 / (100 + 12 + 12), about 0.8, for k.
    m = res.output_names.index("total baseline")
    fx = res.names.index("krw_per_usd_scale")
    others = [i for i in range(3) if i != fx]
    assert t_lo[m, fx] > 0.5
    assert (t_lo[m, fx] > t_hi[m, others]).all()
    # and the example prints the same ranking
    sobol_block = printed.split("2. Sobol")[1].split("3. Monte", maxsplit=1)[0]
    fx_first = _row(sobol_block, "krw_per_usd_scale")[0]
    assert fx_first > _row(sobol_block, "inflation_shift")[0]
    assert fx_first > _row(sobol_block, "baseline.index_shift[2022]")[0]
