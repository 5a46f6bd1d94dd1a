"""Figures: every plot type renders to PNG with the expected artists and labels."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import burden as bd
from burden import plot

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def agg() -> Iterator[None]:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    plt.close("all")
    yield
    plt.close("all")


def _save(ax: object, tmp_path: Path, name: str) -> Path:
    out = tmp_path / f"{name}.png"
    ax.figure.savefig(out)  # type: ignore[attr-defined]
    assert out.read_bytes()[:8] == PNG
    return out


def _legend(ax: object) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]  # type: ignore[attr-defined]


def test_paths_one_line_per_agreement(tmp_path: Path) -> None:
    paths = [bd.agreements.get(n).path() for n in ("SMA-10-HELD", "SMA-11")]
    paths.append(bd.agreements.get("SMA-12").with_projection(0.02).path())
    ax = plot.plot_paths(paths)
    _save(ax, tmp_path, "paths")
    assert len(ax.get_lines()) == 3
    assert _legend(ax) == ["SMA-10-HELD", "SMA-11", "SMA-12"]
    assert ax.get_ylabel() == "KRW tn (nominal)"
    assert ax.get_xlabel() == "Year"
    # The 11th SMA's 2025 amount (KRW 1,402.8 bn, S6) in trillions.
    sma11 = ax.get_lines()[1]
    assert sma11.get_ydata()[-1] == pytest.approx(1.4028)  # type: ignore[index]


def test_paths_with_draws_show_median_and_band(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    draws = 1e9 * (5 + rng.normal(size=(200, 4)))
    amounts = bd.Amounts(
        values=draws, years=[2020, 2021, 2022, 2023], currency="USD", price_basis=2019, label="x"
    )
    ax = plot.plot_paths([amounts])
    _save(ax, tmp_path, "draws")
    assert len(ax.get_lines()) == 1
    assert len(ax.collections) == 1  # the 5-95% band
    assert _legend(ax) == ["x 5-95%", "x median"]
    assert "USD" in ax.get_ylabel()
    assert "(2019 prices, US CPI-U)" in ax.get_ylabel()
    median = np.asarray(ax.get_lines()[0].get_ydata())
    np.testing.assert_allclose(median, np.median(draws, axis=0) / 1e9)


def test_paths_refuse_mixed_units() -> None:
    krw = bd.agreements.get("SMA-11").path()
    with pytest.raises(bd.UnitMismatchError, match="currency"):
        plot.plot_paths([krw, bd.agreements.get("US-DEMAND-2019").path()])
    with pytest.raises(bd.UnitMismatchError, match="price_basis"):
        plot.plot_paths([krw, krw.to(price_basis=2019)])


def test_comparison_bars_and_ratio(tmp_path: Path) -> None:
    c = bd.compare(
        bd.agreements.get("SMA-11"),
        bd.agreements.get("US-DEMAND-2019"),
        currency="USD",
        price_basis=2019,
    )
    ax = plot.plot_comparison(c)
    _save(ax, tmp_path, "comparison")
    assert len(ax.patches) == 2 * c.years.size
    assert "USD" in ax.get_ylabel()
    assert len(ax.figure.axes) == 2
    right = ax.figure.axes[1]
    assert "ratio" in right.get_ylabel()
    np.testing.assert_allclose(np.asarray(right.get_lines()[0].get_ydata()), c.ratio)
    assert _legend(ax) == ["SMA-11", "US-DEMAND-2019", "ratio (right axis)"]
    assert ax.get_title() == "US-DEMAND-2019 vs SMA-11"


def test_fan_chart(tmp_path: Path) -> None:
    years = np.arange(2020, 2026)
    q = {p: (1 + p) * np.ones(6) for p in (0.05, 0.25, 0.5, 0.75, 0.95)}
    ax = plot.plot_fan(years, q, median_label="SMA-11", unit="KRW bn (nominal)")
    _save(ax, tmp_path, "fan")
    assert len(ax.collections) == 2
    assert len(ax.get_lines()) == 1
    assert _legend(ax) == ["5-95%", "25-75%", "SMA-11 (median)"]
    assert ax.get_ylabel() == "KRW bn (nominal)"


def test_tornado_sorted_by_swing(tmp_path: Path) -> None:
    ax = plot.plot_tornado(
        ["small", "large", "middle"], [9.5, 5.0, 8.0], [10.5, 16.0, 13.0], 10.0, unit="USD bn"
    )
    _save(ax, tmp_path, "tornado")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["small", "middle", "large"]  # largest swing on top
    assert len(ax.patches) == 6
    assert "USD bn" in ax.get_xlabel()


def test_indices_with_error_bars(tmp_path: Path) -> None:
    ax = plot.plot_indices(
        ["x1", "x2", "x3"],
        [0.31, 0.44, 0.0],
        [0.56, 0.44, 0.24],
        first_ci=[0.02] * 3,
        total_ci=[0.03] * 3,
    )
    _save(ax, tmp_path, "sobol")
    assert len(ax.patches) == 6
    from matplotlib.container import ErrorbarContainer

    assert sum(isinstance(c, ErrorbarContainer) for c in ax.containers) == 2
    assert _legend(ax) == ["first order S1", "total effect ST"]
    assert "variance" in ax.get_ylabel()


def test_morris(tmp_path: Path) -> None:
    ax = plot.plot_morris(["fx", "cpi", "budget"], [3.0, 1.0, 0.2], [0.5, 2.0, 0.1], unit="KRW bn")
    _save(ax, tmp_path, "morris")
    assert sorted(t.get_text() for t in ax.texts) == ["budget", "cpi", "fx"]
    assert len(ax.collections) == 1
    assert "KRW bn" in ax.get_xlabel()
    assert "KRW bn" in ax.get_ylabel()


def test_allocation(tmp_path: Path) -> None:
    ax = plot.plot_allocation(
        ["KOR", "JPN", "DEU", "USA"],
        {"Shapley": [1, 2, 3, 4], "nucleolus": [2, 2, 3, 3], "equal": [2.5] * 4},
        unit="USD bn",
    )
    _save(ax, tmp_path, "allocation")
    assert len(ax.patches) == 12
    assert _legend(ax) == ["Shapley", "nucleolus", "equal"]
    assert ax.get_ylabel() == "USD bn"


def test_split_stacks_by_category(tmp_path: Path) -> None:
    host = np.array([[5.0, 3.0, 1.0], [5.5, 3.5, 1.0]])
    sender = np.array([[1.0, 2.0, 4.0], [1.0, 2.5, 4.5]])
    ax = plot.plot_split(
        ["labour", "construction", "logistics"], [2020, 2021], host, sender, unit="KRW bn"
    )
    _save(ax, tmp_path, "split")
    assert len(ax.patches) == 2 * 2 * 3
    tops = sorted({round(p.get_y() + p.get_height(), 6) for p in ax.patches})  # type: ignore[attr-defined]
    assert host.sum(axis=1).tolist()[0] in tops
    assert sender.sum(axis=1).tolist()[1] in tops
    assert _legend(ax)[:3] == ["labour", "construction", "logistics"]
    assert ax.get_ylabel() == "KRW bn"


def test_plot_methods_delegate() -> None:
    ax = bd.agreements.get("SMA-11").path().plot()
    assert len(ax.get_lines()) == 1
    c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))
    assert len(c.plot().patches) == 12


def test_draws_on_given_axes() -> None:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert plot.plot_allocation(["a"], {"m": [1.0]}, unit="USD", ax=ax) is ax


@pytest.mark.parametrize(
    "call",
    [
        lambda: plot.plot_tornado(["a", "b"], [1.0], [2.0, 3.0], 1.0, unit="x"),
        lambda: plot.plot_split(["a"], [2020], [[1.0, 2.0]], [[1.0]], unit="x"),
        lambda: plot.plot_fan([2020], {1.5: [1.0]}, median_label="m", unit="x"),
        lambda: plot.plot_paths([]),
    ],
)
def test_bad_input_is_a_burden_error(call: object) -> None:
    with pytest.raises(bd.InvalidInputError):
        call()  # type: ignore[operator]


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(bd.MissingDataError, match=r"burden\[plot\]"):
        plot.plot_morris(["a"], [1.0], [1.0])


def test_core_imports_without_matplotlib() -> None:
    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "import burden, burden.plot, burden.report.html, burden.io.scenario_file, burden.cli\n"
        "print('ok')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_bargaining_plots_show_frontier_solutions_and_zone() -> None:
    from burden import bargain

    # Nash on u1 + u2 = 10 with d = (2, 0): (6, 4), the closed form d_i + (T - d1 - d2) / 2.
    sols = bargain.solutions(bargain.linear_frontier(10.0), disagreement=(2.0, 0.0))
    ax = sols.plot(unit="KRW 100 bn")
    legend = ax.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == ["frontier", "disagreement", "Nash", "Kalai-Smorodinsky", "egalitarian"]
    nash_line = ax.get_lines()[2]
    point = (np.asarray(nash_line.get_xdata())[0], np.asarray(nash_line.get_ydata())[0])
    assert point == pytest.approx((6.0, 4.0))
    assert "KRW 100 bn" in ax.get_xlabel()
    rng = np.random.default_rng(7)
    z = bargain.zopa(rng.normal(12.0, 1.0, 400), rng.normal(11.0, 1.0, 400))
    ax2 = z.plot(unit="KRW 100 bn", actual=11.833)
    assert ax2.get_title() == f"Zone of agreement in {float(z.probability):.0%} of draws"
    assert len(ax2.patches) == 80  # two histograms of 40 bins


def test_money_axes_are_scaled_on_fan_tornado_and_sweep() -> None:
    # KRW 1,183.3 bn (S4) shown as 1.1833 on a "KRW tn" axis.
    q = {0.05: [1.0e12, 1.1e12], 0.5: [1.0389e12, 1.1833e12], 0.95: [1.2e12, 1.3e12]}
    ax = plot.plot_fan([2020, 2021], q, median_label="SMA-11", currency="KRW", basis="nominal")
    assert ax.get_ylabel() == "KRW tn (nominal)"
    assert ax.get_lines()[0].get_ydata()[1] == pytest.approx(1.1833)  # type: ignore[index]
    ax = plot.plot_tornado(
        ["fx"], [4.5e9], [5.5e9], 5.0e9, currency="USD", basis="constant 2019 prices (US CPI-U)"
    )
    assert "USD bn (2019 prices, US CPI-U)" in ax.get_xlabel()
    ax = plot.plot_sweep([0.9, 1.1], {"y": [4.5e9, 5.5e9]}, input_name="fx", currency="USD")
    assert ax.get_ylabel() == "USD bn"


def test_long_parameter_names_stay_readable() -> None:
    names = ["baseline.index_shift[2022]", "krw_per_usd_scale", "alternative.base_amount"]
    ax = plot.plot_indices(names, [0.1, 0.5, 0.2], [0.2, 0.6, 0.3])
    labels = ax.get_xticklabels()
    assert [t.get_text() for t in labels] == names
    assert all(t.get_rotation() == 30 for t in labels)
    ax = plot.plot_tornado(names, [1, 2, 3], [2, 4, 6], 1.5)
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert "baseline.index_\nshift[2022]" in shown  # broken after "_", not inside a word
    assert sorted(t.replace("\n", "") for t in shown) == sorted(names)


def test_comparison_plots_an_indicator_per_year() -> None:
    c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))
    ax = c.plot(measure="share_of_defense_budget")
    assert _legend(ax) == ["SMA-10-HELD", "SMA-11"]
    # 2020: KRW 1,038.9 bn (S1) over the 2020 main budget KRW 50.1527 tn (S53) = 2.07%.
    assert ax.get_lines()[0].get_ydata()[0] == pytest.approx(100 * 1.0389 / 50.1527)  # type: ignore[index]
    assert "percent" in ax.get_ylabel()
    per_member = c.plot(measure="per_service_member")
    assert per_member.get_ylabel().startswith("KRW mn")
    with pytest.raises(bd.InvalidInputError, match="measure"):
        c.plot(measure="gdp")  # type: ignore[arg-type]


def test_sweep_of_two_inputs_draws_one_line_per_second_value() -> None:
    space = bd.ParameterSpace([bd.Parameter("a", (0.0, 1.0)), bd.Parameter("b", (0.0, 1.0))])
    res = bd.sensitivity.sweep(lambda p: p["a"] * p["b"], space, {"a": [0, 1], "b": [0, 0.5, 1]})
    ax = res.plot()
    assert len(ax.get_lines()) == 3
    assert _legend(ax) == ["b = 0", "b = 0.5", "b = 1"]


def test_split_plot_with_draws_shows_medians() -> None:
    pool = bd.CostPool({"labor": [3.0e11, 4.0e11]}, currency="KRW", years=[2020, 2021])
    split = bd.split_costs(pool, envelope=np.array([[1.0e11, 2.0e11], [3.0e11, 4.0e11]]))
    ax = split.plot()
    assert ax.get_ylabel() == "KRW bn (nominal)"
    assert len(ax.patches) == 4  # 2 years x (host, sender) x 1 category


def test_figures_import_no_analysis_module() -> None:
    # No import circle plot <-> compare <-> money, not even a type-only one: figures
    # take arrays and labels, and import only the core, the errors and the aliases.
    import ast

    allowed = ("burden._core", "burden.errors", "burden.typing", "burden.plot")
    for path in Path(plot.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("burden")
            ):
                assert node.module.startswith(allowed), f"{path.name} imports {node.module}"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith("burden") or alias.name.startswith(allowed)


def test_paths_mark_projected_years_and_wrap_long_titles() -> None:
    paths = [bd.agreements.get(n).path() for n in ("SMA-10-HELD", "SMA-11")]
    title = "US demand vs 11th SMA vs a CPI-indexed rule with a 4% cap, 2020-2030: " * 2
    ax = bd.plot.plot_paths(paths, title=title.strip(), projected=[2024, 2025])
    shown = ax.get_title()
    assert all(len(line) <= 60 for line in shown.splitlines())
    assert "(projected 2024-2025: stated assumptions)" in shown
    legend = ax.get_legend()
    assert legend is not None
    assert "projected" in [t.get_text() for t in legend.get_texts()]
    plain = bd.plot.plot_paths(paths)
    assert "projected" not in plain.get_title()
