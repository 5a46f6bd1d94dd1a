"""``.plot()`` of the sensitivity results delegates to burden.plot (matplotlib, Agg)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

import burden.sensitivity as bs
from burden import InvalidInputError, MissingDataError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from burden.typing import FloatArray

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt: Any = pytest.importorskip("matplotlib.pyplot")
Rectangle: Any = pytest.importorskip("matplotlib.patches").Rectangle

YEARS = np.arange(2020, 2024)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _space() -> bs.ParameterSpace:
    return bs.ParameterSpace(
        [bs.Parameter("growth", (0.0, 0.1)), bs.Parameter("level", (90.0, 110.0))]
    )


def _paths(p: Mapping[str, FloatArray]) -> dict[str, FloatArray]:
    out = {str(y): p["level"] * (1 + p["growth"]) ** (y - 2019) for y in YEARS}
    out["total"] = sum(out.values(), start=np.zeros_like(p["level"]))
    return out


def test_tornado_plot_sorts_bars_by_swing() -> None:
    res = bs.tornado(_paths, _space())
    ax = res.plot(output="total", unit="KRW bn")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # total = level * sum_{t=1..4} (1 + g)^t: the growth swing 100 * sum(1.1^t - 1) = 110.5
    # exceeds the level swing 20 * sum(1.05^t) = 90.5, so "growth" is on top (last tick)
    assert labels == ["level", "growth"]
    assert len(ax.patches) == 4  # a low and a high bar per input
    assert "KRW bn" in ax.get_xlabel()
    assert "total" in ax.get_title()
    with pytest.raises(MissingDataError):
        res.plot(output="nope")


def test_monte_carlo_plot_is_a_fan_over_the_year_outputs() -> None:
    res = bs.monte_carlo(_paths, _space(), n=256, rng=0)
    _fig, ax = plt.subplots()
    out = res.plot(ax, median_label="path", unit="KRW bn")
    assert out is ax
    line = ax.get_lines()[0]
    np.testing.assert_array_equal(line.get_xdata(), YEARS)  # "total" is not a year: left out
    median = np.asarray(line.get_ydata(), dtype=np.float64)
    np.testing.assert_allclose(median, res.quantiles(0.5)[: YEARS.size])
    legend_box = ax.get_legend()
    assert legend_box is not None
    legend = [t.get_text() for t in legend_box.get_texts()]
    assert legend == ["5-95%", "25-75%", "path (median)"]
    assert ax.get_ylabel() == "KRW bn"
    with pytest.raises(InvalidInputError):
        res.plot(outputs=["2099"])


def test_sobol_plot_draws_both_orders_with_intervals() -> None:
    res = bs.sobol(_paths, _space(), n=256, n_resamples=100, rng=1)
    ax = res.plot(output="2023")
    assert len(ax.patches) == 4  # first and total for two inputs
    assert [t.get_text() for t in ax.get_xticklabels()] == ["growth", "level"]
    assert len(ax.collections) == 2  # error bars for both orders
    heights = [p.get_height() for p in ax.patches if isinstance(p, Rectangle)]
    j = res.output_names.index("2023")
    np.testing.assert_allclose(heights[:2], res.first_order[j])
    single = bs.sobol(
        lambda p: p["growth"] + p["level"], _space(), n=64, n_resamples=0, replicates=1, rng=1
    )
    ax2 = single.plot()
    assert len(ax2.collections) == 0  # no intervals, no error bars


def test_morris_plot_labels_every_input() -> None:
    res = bs.morris(_paths, _space(), trajectories=6, rng=2)
    ax = res.plot(output=-1, unit="KRW bn")
    assert sorted(t.get_text() for t in ax.texts) == ["growth", "level"]
    assert "KRW bn" in ax.get_xlabel()
    assert "total" in ax.get_title()
    with pytest.raises(InvalidInputError):
        res.plot(output=7)


def test_prim_and_sweep_plots() -> None:
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    import burden as bd

    rng = np.random.default_rng(3)
    x = rng.uniform(size=(400, 2))
    result = bd.prim(x, x[:, 0] > 0.7)
    ax = result.plot()
    try:
        trajectory, star = ax.get_lines()
        # The star marks the chosen box at its own coverage and density.
        assert np.asarray(star.get_xdata())[0] == pytest.approx(result.coverage[result.chosen])
        assert np.asarray(star.get_ydata())[0] == pytest.approx(result.density[result.chosen])
        assert len(np.asarray(trajectory.get_xdata())) == result.coverage.size
    finally:
        plt.close("all")
    space = bd.ParameterSpace([bd.Parameter("a", (0.0, 2.0))])
    sweep = bd.sweep(
        lambda p: {"double": 2 * p["a"], "square": p["a"] ** 2},
        space,
        {"a": np.linspace(0.0, 2.0, 5)},
    )
    ax = sweep.plot(unit="KRW bn")
    try:
        lines = ax.get_lines()
        assert [ln.get_label() for ln in lines] == ["double", "square"]
        np.testing.assert_allclose(np.asarray(lines[1].get_ydata()), np.linspace(0, 2, 5) ** 2)
        assert ax.get_ylabel() == "KRW bn"
    finally:
        plt.close("all")


def _total_model() -> tuple[Any, bs.ParameterSpace]:
    import burden as bd
    from burden.uncertainty.models import agreement_model

    model = agreement_model(
        bd.agreements.get("SMA-11"), currency="USD", price_basis=2019, total=True
    )
    return model, bs.ParameterSpace([bs.Parameter("base_amount", (1.0e12, 1.1e12))])


@pytest.mark.parametrize("keep", [True, False])
def test_single_output_monte_carlo_draws_its_distribution(keep: bool) -> None:
    model, space = _total_model()
    mc = bs.monte_carlo(model, space, n=256, rng=0, keep_samples=keep)
    ax = mc.plot()
    assert len(ax.patches) > 0  # a histogram (or the quantiles' density), not empty
    marks = [float(np.asarray(line.get_xdata())[0]) for line in ax.get_lines()]
    expected = mc.quantiles([0.05, 0.25, 0.5, 0.75, 0.95])[:, 0] / 1e9
    assert np.sort(marks)[[0, -1]].tolist() == pytest.approx(expected[[0, -1]].tolist())
    # The adapter's units reach the axis: USD bn, constant 2019 prices, US CPI-U.
    assert ax.get_xlabel() == "USD bn (2019 prices, US CPI-U)"


def test_tornado_axis_reads_the_model_units() -> None:
    model, space = _total_model()
    ax = bs.tornado(model, space).plot()
    assert "USD bn (2019 prices, US CPI-U)" in ax.get_xlabel()
    assert "output units" not in ax.get_xlabel()


def test_comparison_model_units_only_for_money_measures() -> None:
    import burden as bd
    from burden.uncertainty.models import comparison_model

    held, sma11 = bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11")
    money = comparison_model(held, sma11, measure="difference", currency="USD", price_basis=2019)
    assert money.units == ("USD", "constant 2019 prices (US CPI-U)")
    assert comparison_model(held, sma11, measure="ratio").units is None


def _texts(ax: Any) -> tuple[str, list[str], str]:
    legend = ax.get_legend()
    return ax.get_title(), [t.get_text() for t in legend.get_texts()], ax.get_ylabel()


def test_fan_chart_names_what_it_shows() -> None:
    # No "model output" / "output units": the comparison, the measure and the units.
    import burden as bd
    from burden.uncertainty.models import agreement_model, comparison_model

    sma11, demand = bd.agreements.get("SMA-11"), bd.agreements.get("US-DEMAND-2019")
    space = bs.ParameterSpace([bs.Parameter("krw_per_usd_scale", (0.9, 1.1), nominal=1.0)])
    ratio = bs.monte_carlo(
        comparison_model(sma11, demand, currency="USD", price_basis=2019), space, n=64, rng=0
    )
    title, legend, ylabel = _texts(ratio.plot())
    assert title == "US-DEMAND-2019 vs SMA-11 ratio: percentile bands"
    assert legend[-1] == "US-DEMAND-2019 vs SMA-11 ratio (median)"
    assert ylabel == "ratio"
    gap = comparison_model(sma11, demand, currency="USD", price_basis=2019, measure="difference")
    title, legend, ylabel = _texts(bs.monte_carlo(gap, space, n=64, rng=0).plot())
    assert "US-DEMAND-2019 vs SMA-11 difference" in title
    assert ylabel == "USD bn (2019 prices, US CPI-U)"
    amounts = bs.monte_carlo(agreement_model(sma11, currency="USD"), space, n=64, rng=0)
    title, legend, ylabel = _texts(amounts.plot())
    assert (title, legend[-1], ylabel) == (
        "SMA-11: percentile bands",
        "SMA-11 (median)",
        "USD bn (nominal)",
    )
    # A plain function: the measure its outputs share names the chart.
    share = bs.monte_carlo(
        lambda p: {f"share {y}": p["growth"] * (y - 2019) for y in YEARS}, _space(), n=64, rng=0
    )
    title, legend, ylabel = _texts(share.plot())
    assert (title, legend[-1], ylabel) == ("share: percentile bands", "share (median)", "share")
    for ax in (ratio.plot(), share.plot()):
        shown = " ".join([ax.get_title(), ax.get_ylabel(), *_texts(ax)[1]])
        assert "model output" not in shown
        assert "output units" not in shown


def test_scenario_fan_chart_names_the_comparison() -> None:
    from burden.io import _analyses, scenario_file

    text = """
[agreements.sma11]
builtin = "SMA-11"

[[compare]]
name = "c"
baseline = "sma11"
alternative = "US-DEMAND-2019"
currency = "USD"

[[parameters]]
name = "krw_per_usd_scale"
bounds = [0.9, 1.1]
nominal = 1.0

[[monte_carlo]]
model = "c"
draws = 64
"""
    scenario = scenario_file.loads(text)
    (out,) = _analyses.compute(scenario.analyses, scenario.context)
    assert out.draw is not None
    _fig, ax = plt.subplots()
    out.draw(ax)
    title, legend, ylabel = _texts(ax)
    assert title == "US-DEMAND-2019 vs SMA-11 ratio: percentile bands"
    assert legend[-1] == "US-DEMAND-2019 vs SMA-11 ratio (median)"
    assert ylabel == "ratio"
