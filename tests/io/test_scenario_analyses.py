"""Scenario files reach every analysis: examples, schema, summaries, errors (issue 13)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import burden as bd
from burden.cli import main
from burden.io import scenario_file
from burden.io.schema import scenario_schema, schema_json

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = sorted((ROOT / "examples" / "scenarios").glob("*.toml"))
SECTIONS = (
    "monte_carlo",
    "tornado",
    "sobol",
    "morris",
    "threshold",
    "prim",
    "split",
    "allocation",
    "bargaining",
    "present_value",
)

BASE = """
[agreements.sma11]
builtin = "SMA-11"

[[compare]]
name = "c"
baseline = "sma11"
alternative = "US-DEMAND-2019"
currency = "USD"
"""
FX = """
[[parameters]]
name = "krw_per_usd_scale"
bounds = [0.9, 1.1]
nominal = 1.0
"""


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_one_example_per_section() -> None:
    covered = {key for f in EXAMPLES for key in tomllib.loads(f.read_text()) if key in SECTIONS}
    assert covered == set(SECTIONS)
    assert {f.stem for f in EXAMPLES} >= set(SECTIONS)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_runs_and_writes_csv_and_png(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "out"
    assert main(["run", str(example), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    scenario = scenario_file.load(example)
    for spec in scenario.analyses:
        stem = f"{spec.kind}_{spec.name}"
        assert f"{spec.path} ({stem}.csv)" in printed  # a summary of every analysis
        frame = pd.read_csv(out / f"{stem}.csv")
        assert len(frame) > 0
    assert scenario.analyses
    names = {p.name for p in out.iterdir()}
    if any(
        s.kind in ("monte_carlo", "tornado", "sobol", "morris", "prim", "split")
        for s in scenario.analyses
    ):
        assert any(n.endswith(".png") for n in names)
    # no temporary file is left; the one hidden file lists what this run wrote
    assert not [n for n in names if "__" in n or (n.startswith(".") and n != ".burden-run")]


@pytest.mark.parametrize(
    "example", [*EXAMPLES, ROOT / "examples" / "scenario.toml"], ids=lambda p: p.stem
)
def test_schema_validates_every_example(example: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(tomllib.loads(example.read_text()), scenario_schema())


def test_schema_rejects_what_the_loader_rejects() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(scenario_schema())
    bad = tomllib.loads(BASE + FX + '[[monte_carlo]]\nmodel = "c"\ndraw = 1024\n')
    with pytest.raises(jsonschema.ValidationError, match="draw"):
        jsonschema.validate(bad, scenario_schema())


def test_schema_is_printed_and_published(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed) == scenario_schema()
    assert main(["run", "--schema"]) == 0
    assert capsys.readouterr().out == printed
    docs = (ROOT / "docs" / "scenario_files.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- schema -->\s*```json\n(.*?)```", docs, re.DOTALL)
    assert block, "docs/scenario_files.md publishes the schema in a ```json block"
    assert json.loads(block.group(1)) == json.loads(schema_json())


def test_monte_carlo_is_seeded_and_bands_hold_the_median(tmp_path: Path) -> None:
    text = BASE + FX + '[[monte_carlo]]\nmodel = "c"\ndraws = 512\nseed = 4\n'
    scenario = scenario_file.loads(text)
    a = scenario_file.execute(scenario, tmp_path / "a", figures=False)
    b = scenario_file.execute(scenario, tmp_path / "b", figures=False)
    assert a.summary == b.summary
    assert (tmp_path / "a" / "monte_carlo_c.csv").read_bytes() == (
        tmp_path / "b" / "monte_carlo_c.csv"
    ).read_bytes()
    frame = pd.read_csv(tmp_path / "a" / "monte_carlo_c.csv")
    total = frame[frame["output"] == "total ratio"].set_index("statistic")["value"]
    assert total["q0.05"] <= total["q0.5"] <= total["q0.95"]


def test_split_matches_split_costs() -> None:
    # 2021 split (S4) with the 87% labour floor (S13): the envelope equals the pool.
    scenario = scenario_file.load(ROOT / "examples" / "scenarios" / "split.toml")
    (spec,) = scenario.analyses
    result = spec.options["result"]
    assert result.host.sum() == pytest.approx(1183.3e9)


def test_present_value_matches_the_formula(tmp_path: Path) -> None:
    # 12th SMA in USD at 1,421.3963 KRW/USD (S66, held: assumption), 3% to 2026.
    scenario = scenario_file.load(ROOT / "examples" / "scenarios" / "present_value.toml")
    result = scenario_file.execute(scenario, tmp_path, figures=False)
    frame = pd.read_csv(tmp_path / "present_value_sma12_vs_ask_usd.csv").set_index("agreement")
    assert frame.loc["ask", "total"] == pytest.approx(50e9)  # USD 10 bn x 5 (S99)
    expected = sum(10e9 / 1.03**t for t in range(5))
    assert frame.loc["ask", "present_value"] == pytest.approx(expected)
    assert any("present value in 2026" in line for line in result.summary)


def test_clean_default_names() -> None:
    text = BASE + '[[paths]]\nagreements = ["sma11"]\n' + FX + '[[tornado]]\nmodel = "c"\n'
    scenario = scenario_file.loads(text)
    assert scenario.paths[0].name == "1"  # written as paths_1.csv
    assert [f"{a.kind}_{a.name}" for a in scenario.analyses] == ["tornado_c"]


def test_duplicate_default_names_say_where_and_suggest_a_name() -> None:
    text = (
        BASE + FX + '[[tornado]]\nmodel = "c"\n[[tornado]]\nmodel = "c"\nmeasure = "difference"\n'
    )
    with pytest.raises(scenario_file.ScenarioFileError) as err:
        scenario_file.loads(text)
    message = str(err.value)
    assert message.startswith("tornado[1].name:")
    assert "tornado[0]" in message
    assert 'name = "..."' in message


ERRORS = [
    # [[parameters]]
    (
        FX.replace("bounds = [0.9, 1.1]", 'dist = "normal"'),
        "parameters[0].dist",
        'did you mean "norm"',
    ),
    (
        FX.replace("bounds = [0.9, 1.1]", 'dist = "norm"\nparams = { loc = 1.0, scale = -1.0 }'),
        "parameters[0].params",
        "support",
    ),
    (
        FX.replace("bounds = [0.9, 1.1]", 'dist = "norm"\nparams = { mu = 1.0 }'),
        "parameters[0].params",
        "parameters of scipy.stats.norm",
    ),
    (
        FX.replace("bounds = [0.9, 1.1]", "bounds = [1.1, 0.9]"),
        "parameters[0].bounds",
        "low < high",
    ),
    (
        FX.replace("krw_per_usd_scale", "krw_per_usd_scal") + '[[tornado]]\nmodel = "c"\n',
        "parameters[0].name",
        'did you mean "krw_per_usd_scale"',
    ),
    # correlation
    (
        "correlation = [[1.0]]\n" + FX + FX.replace("krw_per_usd_scale", "inflation_shift"),
        "correlation",
        "2 x 2",
    ),
    # [[monte_carlo]]
    (FX + '[[monte_carlo]]\nmodel = "cc"\n', "monte_carlo[0].model", 'did you mean "c"'),
    (  # a typo in the model name, with a measure: the name is what is wrong
        FX + '[[monte_carlo]]\nmodel = "cc"\nmeasure = "difference"\n',
        "monte_carlo[0].model",
        'did you mean "c"',
    ),
    (
        FX + '[[monte_carlo]]\nmodel = "sma11"\nmeasure = "difference"\n',
        "monte_carlo[0].measure",
        "no measure for an agreement model",
    ),
    (FX + '[[monte_carlo]]\nmodel = "c"\ndraws = 1000\n', "monte_carlo[0].draws", "1024"),
    (FX + '[[monte_carlo]]\nmodel = "c"\ndraws = "many"\n', "monte_carlo[0].draws", "power of 2"),
    (FX + '[[monte_carlo]]\nmodel = "c"\nseed = 1.5\n', "monte_carlo[0].seed", "whole number"),
    (
        FX + '[[monte_carlo]]\nmodel = "c"\nmeasure = "ratios"\n',
        "monte_carlo[0].measure",
        'did you mean "ratio"',
    ),
    ('[[monte_carlo]]\nmodel = "c"\n', "monte_carlo[0]", "[[parameters]]"),
    # [[tornado]]
    (FX + '[[tornado]]\nmodel = "c"\ncolour = "red"\n', "tornado[0].colour", "unknown key"),
    # [[sobol]]
    (FX + '[[sobol]]\nmodel = "c"\ndraws = 100\n', "sobol[0].draws", "128"),
    (
        FX + '[[sobol]]\nmodel = "c"\nreplicates = 8\nresamples = 200\n',
        "sobol[0].resamples",
        "replicates = 1 for a row bootstrap",
    ),
    (FX + '[[sobol]]\nmodel = "c"\nreplicates = 3\n', "sobol[0].replicates", "power of 2"),
    (
        FX + '[[sobol]]\nmodel = "c"\ndraws = 16\nreplicates = 16\n',
        "sobol[0].replicates",
        "at most draws / 2 = 8",
    ),
    # [[morris]]
    (FX + '[[morris]]\nmodel = "c"\ntrajectories = 1\n', "morris[0].trajectories", ">= 2"),
    # [[threshold]]
    (
        FX + '[[threshold]]\nmodel = "c"\nparameter = "fx"\ntargets = [5.0]\n',
        "threshold[0].parameter",
        "krw_per_usd_scale",
    ),
    (
        FX + '[[threshold]]\nmodel = "c"\nparameter = "krw_per_usd_scale"\ntargets = []\n',
        "threshold[0].targets",
        "array",
    ),
    # [[prim]]
    (FX + '[[prim]]\nmonte_carlo = "mc"\nabove = 5.0\n', "prim[0].monte_carlo", "[[monte_carlo]]"),
    (
        FX + '[[monte_carlo]]\nmodel = "c"\n[[prim]]\nmonte_carlo = "c"\n',
        "prim[0]",
        "above = VALUE",
    ),
    (
        FX
        + '[[monte_carlo]]\nmodel = "c"\n[[prim]]\nmonte_carlo = "c"\nabove = 1\nmin_density = 80\n',
        "prim[0].min_density",
        "did you mean 0.8",
    ),
    # [[split]]
    (
        '[[split]]\nenvelope = "nope"\n[split.pool]\ncurrency = "KRW"\nyears = [2021, 2021]\ncosts = { labor = [1e11] }\n',
        "split[0].envelope",
        "agreement",
    ),
    (
        '[[split]]\nenvelope = "sma11"\nfloors = { labor = 0.9, logistics = 0.9 }\n[split.pool]\ncurrency = "KRW"\nyears = [2021, 2021]\ncosts = { labor = [1e12], logistics = [1e12] }\n',
        "split[0].floors",
        "the envelope can pay",
    ),
    (
        '[[split]]\nenvelope = "sma11"\nfloors = { labour = 0.87 }\n[split.pool]\ncurrency = "KRW"\nyears = [2021, 2021]\ncosts = { labor = [1e12] }\n',
        "split[0].floors.labour",
        'did you mean "labor"',
    ),
    (
        '[[split]]\nenvelope = "sma11"\n[split.pool]\ncurrency = "KRW"\nyears = [2020, 2021]\ncosts = { labor = [1e12] }\n',
        "split[0].pool.costs.labor",
        "2 values",
    ),
    (
        '[[split]]\nenvelope = "sma11"\n[split.pool]\ncurrency = "KRW"\nyears = [2030, 2030]\ncosts = { labor = [1e12] }\n',
        "split[0].envelope",
        "covering the pool's years",
    ),
    # [[allocation]]
    (
        "[[allocation]]\nestate = 500\nclaims = { a = 100, b = 200 }\n",
        "allocation[0].estate",
        "sum of the claims",
    ),
    (
        '[[allocation]]\nestate = 100\nclaims = { a = 100, b = 200 }\nrules = ["talmut"]\n',
        "allocation[0].rules[0]",
        'did you mean "talmud"',
    ),
    (
        '[[allocation]]\n[allocation.game]\nplayers = ["a", "b"]\nvalues = [0, 1, 2]\n',
        "allocation[0].game.values",
        "4 coalition values",
    ),
    ("[[allocation]]\nestate = 1\n", "allocation[0]", "either claims"),
    # [[present_value]]
    (
        '[[present_value]]\nagreements = ["sma11"]\nrate = 3\nyear = 2020\n',
        "present_value[0].rate",
        "did you mean 0.03",
    ),
    (
        '[[present_value]]\nagreements = ["sma11"]\nrate = 0.03\nyear = 2030\n',
        "present_value[0].year",
        "2020-2025",
    ),
    (
        '[[present_value]]\nagreements = ["sma13"]\nrate = 0.03\nyear = 2020\n',
        "present_value[0].agreements[0]",
        'did you mean "sma11"',
    ),
    # [[bargaining]]
    (
        '[[bargaining]]\nhost_max = "a lot"\nsender_min = 1e12\n',
        "bargaining[0].host_max",
        "an amount",
    ),
    (
        '[[bargaining]]\nhost_max = 1e12\nsender_min = 1e12\nsolutions = ["nosh"]\n',
        "bargaining[0].solutions[0]",
        'did you mean "nash"',
    ),
    (
        "[[bargaining]]\nhost_max = 1e12\nsender_min = 1e12\n[bargaining.rubinstein]\nhost_monthly_cost = 0\nsender_monthly_cost = 1\n",
        "bargaining[0].rubinstein.host_monthly_cost",
        "> 0",
    ),
]


def _file(snippet: str) -> str:
    # A top-level key (correlation) must come before the first table.
    if snippet.startswith("correlation"):
        top, rest = snippet.split("\n", 1)
        return f"{top}\n{BASE}{rest}"
    return BASE + snippet


@pytest.mark.parametrize(("snippet", "where", "needle"), ERRORS)
def test_section_errors_name_the_key_path(snippet: str, where: str, needle: str) -> None:
    with pytest.raises(bd.BurdenError) as err:
        scenario_file.loads(_file(snippet))
    message = str(err.value)
    assert message.startswith(f"{where}:"), message
    assert needle in message, message


@pytest.mark.parametrize(("snippet", "where", "needle"), ERRORS[::4])
def test_cli_error_is_one_line_exit_2_and_writes_nothing(
    snippet: str, where: str, needle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(_file(snippet), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(file), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"burden: error: {where}:")
    assert needle in err[0]
    assert not out.exists()


def test_prim_without_cases_is_a_key_path_error(tmp_path: Path) -> None:
    text = (
        BASE
        + FX
        + '[[monte_carlo]]\nmodel = "c"\ndraws = 256\n[[prim]]\nmonte_carlo = "c"\nabove = 100.0\n'
    )
    scenario = scenario_file.loads(text)
    with pytest.raises(bd.BurdenError, match=r"^prim\[0\]: .*True case"):
        scenario_file.execute(scenario, tmp_path / "out", figures=False)
    assert not (tmp_path / "out").exists()


def test_schema_knows_every_key_the_parser_accepts() -> None:
    # The schema takes its key lists from the parser, so the two never drift apart.
    props = scenario_schema()["properties"]
    assert set(props) == set(scenario_file._TOP)
    assert set(props["compare"]["items"]["properties"]) == set(scenario_file._COMPARE)
    assert set(props["money"]["properties"]) == set(scenario_file._MONEY)
    inline = props["agreements"]["additionalProperties"]["oneOf"][1]
    assert set(inline["properties"]) == set(scenario_file._AGREEMENT)


def test_sobol_resamples_apply_only_to_a_row_bootstrap(tmp_path: Path) -> None:
    def run(extra: str, name: str) -> tuple[bytes, tuple[str, ...]]:
        text = BASE + FX + f'[[sobol]]\nmodel = "c"\ndraws = 256\nseed = 1\n{extra}'
        out = scenario_file.execute(scenario_file.loads(text), tmp_path / name, figures=False)
        return (tmp_path / name / "sobol_c.csv").read_bytes(), out.summary

    # Default design: Student-t intervals over 8 replicates, said in the summary; an
    # old file's resamples keeps working and is reported as unused, not ignored.
    plain, summary = run("", "plain")
    assert "Student-t intervals over 8 independent randomisations" in "\n".join(summary)
    old, old_summary = run("resamples = 5\n", "old")
    assert old == plain
    assert any("sobol[0].resamples = 5 not used" in line for line in old_summary)
    assert not any("not used" in line for line in summary)
    # replicates = 1: a row bootstrap, whose resamples change the intervals.
    few, few_summary = run("replicates = 1\nresamples = 5\n", "few")
    many, _ = run("replicates = 1\nresamples = 200\n", "many")
    assert few != many
    assert "percentile bootstrap intervals over the 256 rows (5 resamples)" in "\n".join(
        few_summary
    )


def test_a_compare_deflated_with_the_host_cpi_is_the_same_model() -> None:
    # [[compare]] deflate_with = "host": the table deflates with Korean CPI (S71, S72) at
    # the 2019 rate; the model built from the same [[compare]] must do the same.
    text = BASE + 'price_basis = 2019\ndeflate_with = "host"\n' + FX
    text += '[[monte_carlo]]\nmodel = "c"\nmeasure = "difference"\ndraws = 64\n'
    (spec,) = scenario_file.loads(text).analyses
    out = spec.options["model"]({"krw_per_usd_scale": np.array([1.0])})
    table = bd.compare(
        bd.agreements.get("SMA-11"),
        bd.agreements.get("US-DEMAND-2019"),
        currency="USD",
        price_basis=2019,
        deflate_with="host",
    )
    assert out["total difference"][0] == pytest.approx(float(table.total_difference), rel=1e-12)
    plain = bd.compare(
        bd.agreements.get("SMA-11"),
        bd.agreements.get("US-DEMAND-2019"),
        currency="USD",
        price_basis=2019,
    )
    assert abs(float(plain.total_difference) - float(table.total_difference)) > 1e9  # it matters


def test_the_summary_shown_in_the_docs_is_what_the_example_prints(tmp_path: Path) -> None:
    # docs/scenario_files.md shows the summary of examples/scenarios/monte_carlo.toml.
    page = (ROOT / "docs" / "scenario_files.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(monte_carlo\[0\].*?)```", page, re.DOTALL)
    assert shown is not None
    scenario = scenario_file.load(ROOT / "examples" / "scenarios" / "monte_carlo.toml")
    summary = scenario_file.execute(scenario, tmp_path, figures=False).summary
    for line in shown.group(1).strip().splitlines():
        assert line in summary, (line, summary)


PYTHON_ONLY = ("MoneyContext", "pd.Series", "Series(", "context=", "bd.", "keep_samples")


@pytest.mark.parametrize(
    ("text", "where", "needle"),
    [
        (  # no EUR price index is shipped: constant EUR prices need one
            BASE.replace('currency = "USD"', 'currency = "EUR"\nprice_basis = 2021')
            + '[money]\nper_usd = { EUR = { "2020" = 0.9, "2021" = 0.9, "2022" = 0.9, '
            '"2023" = 0.9, "2024" = 0.9, "2025" = 0.9 } }\n',
            "compare[0].price_basis",
            'use price_basis = "nominal"',
        ),
        (  # 2^30 draws kept in memory: past the memory limit
            BASE + FX + '[[monte_carlo]]\nmodel = "c"\ndraws = 1073741824\n',
            "monte_carlo[0]",
            "draws = N in this table",
        ),
        (  # the 12th SMA's index after 2025 is not published (domain-facts §1.5, S6)
            (
                '[agreements.s]\nbuiltin = "SMA-12"\n[[compare]]\nbaseline = "s"\n'
                'alternative = "US-ASK-2025"\n'
            ),
            "agreements.s",
            "beside builtin = ...",
        ),
    ],
)
def test_scenario_errors_give_the_fix_in_the_files_words(
    text: str, where: str, needle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["run", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"burden: error: {where}")
    assert needle in err
    assert not [word for word in PYTHON_ONLY if word in err], err
    assert not (tmp_path / "out").exists()
