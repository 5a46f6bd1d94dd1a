"""The burden command line: output, files, exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import burden as bd
from burden.cli import main
from burden.money import MoneyContext

EXAMPLE = Path(__file__).parent.parent / "examples" / "scenario.toml"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `burden report` writes ./burden-report by default: keep it out of the repository.
    monkeypatch.chdir(tmp_path)


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("burden: error:")
    assert "Traceback" not in err
    return lines[0]


def test_report_prints_the_seed_analysis(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    # USD 5 bn at 1,165.8016 KRW/USD over KRW 1,038.9 bn = 5.61 (domain-facts 10.5).
    assert "5.61 times" in out
    assert "1,402.800" in out  # 2025 under the 11th SMA, KRW bn (S6)
    assert "constant 2019 prices" in out
    assert "S66" in out
    assert "FRED" in out


def test_report_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--years", "2021-2022", "--base-year", "2020"]) == 0
    out = capsys.readouterr().out
    assert "constant 2020 prices" in out
    assert "2023" not in out.split("Amounts per year")[1].split("Share of")[0]


def test_report_writes_html_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report"]) == 0  # default folder ./burden-report
    assert (tmp_path / "burden-report" / "index.html").is_file()
    out_dir = tmp_path / "elsewhere"
    assert main(["report", "--out", str(out_dir), "--years", "2021-2022"]) == 0
    out = capsys.readouterr().out
    assert f"Report written to {out_dir / 'index.html'}" in out
    wide = pd.read_csv(out_dir / "amounts_krw_nominal.csv", index_col=0)
    assert list(wide.index) == ["2021", "2022", "total"]
    assert "1,183.300" in (out_dir / "index.html").read_text(encoding="utf-8")  # SMA-11 2021


def test_report_to_unwritable_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").write_text("not a folder")
    assert main(["report", "--out", str(tmp_path / "taken" / "report")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "a folder that can be written" in _one_error_line(captured.err)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["report", "--years", "2010-2012"], "years"),
        (["report", "--base-year", "1990"], "1990"),
        (["datasets", "nope"], "dataset"),
        (["datasets", "show"], "dataset name"),
        (["datasets", "export", "nope"], "dataset"),
        (["compare", "SMA-11", "SMA-99"], "SMA-99"),
        (["compare", "SMA-11"], "BASELINE ALTERNATIVE"),
        (["compare", "SMA-10-HELD", "SMA-11", "--currency", "XYZ"], "XYZ"),
        (["compare", "SMA-10-HELD", "SMA-11", "--years", "2030-2031"], "years"),
        (["run", "no-such-file.toml"], "cannot read the file"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert needle in _one_error_line(captured.err)


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--years", "soon"],
        ["compare", "A", "B", "--price-basis", "real"],
        ["nonsense"],
        ["report", "--unknown"],
    ],
)
def test_unparsable_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    _one_error_line(capsys.readouterr().err)


def test_run_example_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "results"
    assert main(["run", str(EXAMPLE), "--out", str(out_dir)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert (out_dir / "agreements.csv").is_file()
    assert (out_dir / "compare_cpi_capped_vs_us_demand_krw.csv").is_file()
    assert main(["run", str(EXAMPLE)]) == 0  # default folder: ./scenario-results
    assert (tmp_path / "scenario-results" / "agreements.csv").is_file()


def test_compare_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["compare", "SMA-10-HELD", "US-DEMAND-2019", "--currency", "USD"]
    assert main([*argv, "--price-basis", "2019", "--years", "2020-2021"]) == 0
    out = capsys.readouterr().out
    assert "US-DEMAND-2019 vs SMA-10-HELD, USD constant 2019 prices" in out
    assert "5.682" in out  # 2020 ratio: USD 5 bn at 1,180.56 KRW/USD over KRW 1,038.9 bn
    assert "2022" not in out
    assert "constant 2019 prices (US CPI-U)" in out  # the sender's deflator by default
    assert "Per US service member (USD, constant 2019 prices" in out
    assert main([*argv, "--price-basis", "2019", "--deflate-with", "host"]) == 0
    assert "Korean CPI, converted at the 2019 rate" in capsys.readouterr().out
    assert main(["compare", "--list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert any(line.startswith("US-DEMAND-2019") and "2020-2025" in line for line in listing)


def test_compare_with_a_stated_projection(capsys: pytest.CaptureFixture[str]) -> None:
    # SMA-12 needs CPI after 2025 from 2028 on (S6): refused without an assumption...
    assert main(["compare", "SMA-12", "SMA-12"]) == 2
    assert "--projection RATE" in capsys.readouterr().err
    # ...but 2026-2027 are known: 15,192 and 15,192 x 1.021 = 15,511 (KRW 100 million; S6, S25).
    assert main(["compare", "SMA-12", "SMA-12", "--years", "2026-2027"]) == 0
    assert "1,551.100" in capsys.readouterr().out
    assert main(["compare", "SMA-12", "SMA-12", "--projection", "0.02"]) == 0
    assert "1,582.100" in capsys.readouterr().out  # 2028 = 15,511 x 1.02 = 15,821


def test_output_piped_into_a_closed_reader_is_not_an_error() -> None:
    # `burden datasets show ... | head -1`: the reader is gone before burden writes;
    # no traceback and exit 0 (the reader got what it wanted).
    script = (
        "import sys; from burden.cli import main; "
        "sys.exit(main(['datasets', 'show', 'korea_series']))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    proc.stdout.close()  # before the child has even imported burden
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
    assert proc.returncode == 0


def test_datasets_list_show_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets"]) == 0
    assert "sma_history" in capsys.readouterr().out
    assert main(["datasets", "list"]) == 0
    assert "us_troops" in capsys.readouterr().out
    assert main(["datasets", "nato_targets"]) == 0
    assert "hague_2025_core" in capsys.readouterr().out
    assert main(["datasets", "show", "nato_targets"]) == 0
    assert "hague_2025_core" in capsys.readouterr().out
    assert main(["datasets", "export", "sma_history"]) == 0
    assert capsys.readouterr().out.startswith("year,")
    target = tmp_path / "sub" / "hist.csv"
    assert main(["datasets", "export", "sma_history", "--out", str(target)]) == 0
    exported = pd.read_csv(target)
    assert 1038.9e9 in set(exported["amount"])  # 10th SMA (S1)


@pytest.mark.parametrize("command", [[], ["report"], ["run"], ["compare"], ["datasets"]])
def test_help_on_each_command(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("usage: burden")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("burden ")


def test_installed_command_in_a_subprocess(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "burden.cli"]
    ok = subprocess.run(
        [*command, "compare", "SMA-10-HELD", "SMA-11"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert ok.returncode == 0, ok.stderr
    assert "SMA-11 vs SMA-10-HELD" in ok.stdout
    bad = subprocess.run(
        [*command, "compare", "SMA-10-HELD", "SMA-99"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "SMA-99" in _one_error_line(bad.stderr)


def test_report_sections_draws_and_seed(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["report", "--sections", "ranges,today", "--draws", "1024", "--seed", "5"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Ranges: how sure is the gap?" in out
    assert "Today: the 12th SMA" in out
    assert "The talks" not in out
    assert "Draws 1,024, seed 5" in out
    assert main(args) == 0
    assert capsys.readouterr().out == out  # seeded: same options, same numbers
    names = {p.name for p in Path("burden-report").iterdir()}
    assert {"ranges_bands.csv", "today_amounts.csv"} <= names
    assert "talks_positions.csv" not in names


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--sections", "rangs"], 'did you mean "ranges"'),
        (["--draws", "1000"], "power of 2"),
        (["--draws", "many"], "invalid int value"),
        (["--seed", "1.5"], "invalid int value"),
        (["--seed", "-1"], "seed"),
    ],
)
def test_report_bad_options(
    args: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status: object
    try:
        status = main(["report", *args])
    except SystemExit as exc:  # argparse rejects a non-integer before the report runs
        status = exc.code
    assert status == 2
    assert needle in _one_error_line(capsys.readouterr().err)
    assert not Path("burden-report").exists()


def test_compare_sma12_in_usd_with_stated_projections(capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 10: the 12th SMA in USD works from the command line once the rates after
    # 2025 (FRED AEXKOUS ends 2025, S66) and CPI after 2025 are stated.
    argv = ["compare", "US-ASK-2025", "SMA-12", "--currency", "USD", "--projection", "0.02"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--per-usd KRW=1400" in err
    assert "MoneyContext" not in err
    assert main([*argv, "--per-usd", "KRW=1400", "--discount-rate", "0.03"]) == 0
    out = capsys.readouterr().out
    assert "KRW per USD 1,400 from 2026" in out
    assert "projected" in out
    assert "present value 2026" in out
    # 2026: KRW 1,519.2 bn (S6) at the assumed 1,400 KRW/USD = USD 1.085 bn.
    assert "1.085" in out
    assert main([*argv, "--per-usd", "KRW=0.0007"]) == 2
    assert "did you give USD per KRW?" in capsys.readouterr().err
    assert (
        main([*argv, "--per-usd", "KRW=1400", "--inflation", "USD=2", "--price-basis", "2019"])
        == 2
    )
    assert "did you mean 0.02?" in capsys.readouterr().err


def test_compare_names_every_missing_assumption_with_its_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["compare", "SMA-12", "US-ASK-2025", "--currency", "USD", "--price-basis", "2019"])
    err = capsys.readouterr().err
    assert code == 2
    assert "3 assumptions missing" in err
    for flag in ("--projection RATE", "--per-usd KRW=1400", "--inflation USD=0.02"):
        assert flag in err
    assert "MoneyContext" not in err


def test_base_years_before_the_data_name_the_range_and_the_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["compare", "SMA-11", "SMA-11", "--currency", "USD", "--price-basis", "1990"]) == 2
    err = capsys.readouterr().err
    assert "--price-basis: expected a base year within 2004..2025 for USD" in err
    assert "--inflation" not in err
    assert main(["report", "--base-year", "1900"]) == 2
    assert "--base-year: expected a base year within 2004..2025" in capsys.readouterr().err


def test_projection_errors_name_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "SMA-12", "SMA-12", "--projection", "2"]) == 2
    err = capsys.readouterr().err
    assert "--projection: expected" in err
    assert "did you mean 0.02?" in err


def test_dataset_names_agree_between_list_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets", "list"]) == 0
    listing = capsys.readouterr().out
    assert main(["datasets", "show", "korea_serie"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'korea_series'?" in err
    assert "korea_series" in listing
    assert "korea_macro" in listing  # the wide view, named in both
    assert "korea_macro (the wide view" in err
    assert main(["datasets", "show", "korea_macro"]) == 0
    capsys.readouterr()
    assert main(["datasets", "show", "nope"]) == 2
    assert "burden datasets list" in capsys.readouterr().err


def test_compare_host_projections_fill_the_indicators_of_later_years(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["compare", "US-ASK-2025", "SMA-12", "--currency", "USD", "--projection", "0.02"]
    argv += ["--per-usd", "KRW=1400"]
    assert main(argv) == 0
    bare = capsys.readouterr().out
    assert "KOR troops (stated) not published for 2026..2030" in bare
    assert "--defense-budget-growth" in bare  # the note names the flags that fill the gap
    stated = ["--defense-budget-growth", "KOR=0.03", "--troops", "KOR=28500"]
    assert main([*argv, *stated, "--gdp-growth", "KOR=0.03"]) == 0
    out = capsys.readouterr().out
    assert "KOR defense budget growth 3.0% a year from 2027" in out
    assert "KOR GDP growth 3.0% a year from 2026" in out
    assert "KOR troops 28,500 from 2026" in out
    # The US ask of USD 10 bn a year (S99) over 28,500 service members (stated here).
    assert f"{10e9 / 28_500:,.0f}" in out
    ctx = MoneyContext().with_projection(
        per_usd={"KRW": 1400.0},
        defense_budget_growth={"KOR": 0.03},
        gdp_growth={"KOR": 0.03},
        troops={"KOR": 28_500},
    )
    ask = bd.agreements.get("US-ASK-2025")
    c = bd.compare(ask, bd.agreements.get("SMA-12").with_projection(0.02), context=ctx)
    share = c.baseline_indicators.share_of_defense_budget  # 2026 budget published, then +3%
    # a flat ask at a flat rate: each later year's share falls by the assumed growth
    np.testing.assert_allclose(share[1:] * 1.03, share[:-1], rtol=1e-12)
    gdp = c.baseline_indicators.share_of_gdp  # GDP published to 2025, then +3% a year
    np.testing.assert_allclose(gdp[1:] * 1.03, gdp[:-1], rtol=1e-12)
    for value in (*share, *gdp):
        assert f"{100 * value:.3f}" in out
    bad = [
        (["--troops", "KOR=abc"], "argument --troops: expected HOST=VALUE"),
        (["--gdp-growth", "KOR=3"], "--gdp-growth: expected a growth rate"),
        (["--troops", "XYZ=100"], "--troops: expected one of"),
    ]
    for extra, needle in bad:
        status: object
        try:
            status = main([*argv, *extra])
        except SystemExit as exc:  # argparse rejects a malformed pair before anything runs
            status = exc.code
        assert status == 2
        assert needle in _one_error_line(capsys.readouterr().err)


_SMA11 = ["compare", "SMA-11", "US-DEMAND-2019"]
_PYTHON_ONLY = ("MoneyContext", "pd.Series", "context=", "bd.", "deflate_with=", "Series(")


@pytest.mark.parametrize(
    ("argv", "flag", "value"),
    [
        ([*_SMA11, "--discount-rate", "3"], "--discount-rate", "3"),
        (
            [*_SMA11, "--discount-rate", "0.03", "--discount-year", "2040"],
            "--discount-year",
            "2040",
        ),
        ([*_SMA11, "--price-basis", "2050"], "--price-basis", "2050"),
        ([*_SMA11, "--price-basis", "1990"], "--price-basis", "1990"),
        ([*_SMA11, "--years", "2010-2012"], "--years", "2010"),
        ([*_SMA11, "--currency", "JPY"], "--per-usd JPY=", "2020"),
        ([*_SMA11, "--currency", "JPY", "--per-usd", "JPY=110"], "--per-usd", "JPY=110"),
        (
            [*_SMA11, "--currency", "JPY", "--price-basis", "2021", "--per-usd", "JPY=2020:110"],
            "--currency",
            "JPY",
        ),
        (
            [
                "compare",
                "SMA-11",
                "JPN-HNS",
                "--price-basis",
                "2021",
                "--deflate-with",
                "host",
                "--currency",
                "USD",
                "--years",
                "2021-2024",
            ],
            "--deflate-with",
            "host",
        ),
        ([*_SMA11, "--deflate-with", "host"], "--deflate-with", "host"),
        ([*_SMA11, "--discount-year", "2021"], "--discount-rate", "2021"),
        ([*_SMA11, "--troops", "KOR=28.5"], "--troops", "28.5"),
        ([*_SMA11, "--gdp-growth", "KOR=2021:0.03"], "--gdp-growth", "2021"),
        ([*_SMA11, "--per-usd", "KRW=1400", "--per-usd", "KRW=1500"], "--per-usd", "KRW"),
        ([*_SMA11, "--troops", "KOR=28500", "--troops", "KOR=20000"], "--troops", "KOR"),
        (["compare", "SMA-12", "SMA-12"], "--projection RATE", "2026"),
        (["report", "--base-year", "2030"], "--base-year", "2030"),
        (["report", "--draws", "1073741824"], "--draws", "1073741824"),
        (["datasets", "list", "extra"], "datasets list", "extra"),
    ],
)
def test_cli_errors_name_the_flag_not_python(
    argv: list[str], flag: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The CLI contract: one line naming the flag and the value, exit 2, no Python API.
    assert main(argv) == 2
    captured = capsys.readouterr()
    line = _one_error_line(captured.err)
    assert flag in line
    assert value in line
    for word in _PYTHON_ONLY:
        assert word not in line, line
    assert not captured.out
    assert not list(Path().iterdir())  # nothing written


def test_repeated_flags_and_years_are_refused_as_given_twice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for repeated in (
        ["--per-usd", "KRW=1400", "--per-usd", "KRW=1500"],
        ["--inflation", "KRW=0.02", "--inflation", "krw=0.03"],
        ["--defense-budget-growth", "KOR=0.03", "--defense-budget-growth", "KOR=0.04"],
        ["--gdp-growth", "KOR=0.03", "--gdp-growth", "KOR=0.03"],
    ):
        assert main([*_SMA11, *repeated]) == 2
        assert "given twice" in _one_error_line(capsys.readouterr().err)
    with pytest.raises(SystemExit) as info:  # argparse refuses it while parsing
        main([*_SMA11, "--per-usd", "JPY=2022:131,2022:140"])
    assert info.value.code == 2
    assert "2022 given twice" in _one_error_line(capsys.readouterr().err)


def test_ignored_flags_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_SMA11, "--discount-year", "2021"]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "--discount-year" in line
    assert "--discount-rate" in line
    assert main([*_SMA11, "--deflate-with", "host"]) == 2
    assert "--price-basis" in _one_error_line(capsys.readouterr().err)
    assert main(["datasets", "list", "extra"]) == 2
    _one_error_line(capsys.readouterr().err)
    assert main(["datasets", "show", "sma_contributions", "--out", "x.csv"]) == 2
    assert "--out" in _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize("limits", ["memory=lots", "memroy=16GiB", "work"])
@pytest.mark.parametrize(
    "argv", [[*_SMA11], ["compare", "--list"], ["datasets", "list"], ["schema"]]
)
def test_a_bad_burden_limits_is_refused_by_every_command(
    limits: str,
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BURDEN_LIMITS", limits)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "BURDEN_LIMITS" in _one_error_line(captured.err)
    assert not captured.out


def test_gap_notes_suggest_flags_only_after_the_data(capsys: pytest.CaptureFixture[str]) -> None:
    # KOR GDP is missing for 2021-2022 inside the data (domain-facts §13.5), troops and
    # budget are published to 2025 (§4.1, §4.2): over 2020-2025 no flag can help.
    assert main([*_SMA11]) == 0
    out = capsys.readouterr().out
    assert "KOR GDP: missing for 2021..2022 because the data are missing" in out
    assert "--gdp-growth" not in out
    assert "--troops" not in out
    # SMA-12 runs past the data: there the flags are the way, with the shipped level.
    assert (
        main(["compare", "SMA-12", "SMA-12", "--projection", "0.02", "--per-usd", "KRW=1400"]) == 0
    )
    out = capsys.readouterr().out
    assert "for years after the published data" in out
    assert "--troops KOR=28500" in out  # the last published level (S5, S11, S31, S48)


def test_notes_say_which_stated_assumptions_no_year_used(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [*_SMA11, "--gdp-growth", "KOR=0.03", "--per-usd", "KRW=1400", "--projection", "0.02"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "not used (no year shown needs it): KOR GDP growth 3.0% a year from 2026" in out
    assert "not used (no year shown needs it): KRW per USD 1,400 from 2026" in out
    assert "not used (no year shown needs it): --projection 0.02" in out
    assert "(data 2020, 2023..2025; assumed 2026..2100)" in out


def test_a_missing_rate_in_the_base_year_names_the_price_basis(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # EUR rates stated for 2020-2025 only (burden ships none): the host perspective needs
    # the 2019 rate too, because 2019 is the --price-basis, not one of the --years.
    rates = ",".join(f"{y}:0.9" for y in range(2020, 2026))
    argv = ["compare", "SMA-11", "US-DEMAND-2019", "--currency", "EUR", "--per-usd"]
    argv += [f"EUR={rates}", "--price-basis", "2019", "--deflate-with", "host"]
    assert main(argv) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith("burden: error: --price-basis:")
    assert "--per-usd EUR=2019:RATE" in line


def test_the_hint_after_a_stated_series_says_to_extend_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Troops stated for 2026-2027 only: the hint must not offer a second --troops KOR=...
    # (refused as "given twice") but the stated one, extended through 2030.
    argv = ["compare", "SMA-12", "SMA-12", "--projection", "0.02", "--per-usd", "KRW=1400"]
    argv += ["--troops", "KOR=2026:28000,2027:27000"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "the stated --troops KOR=YEAR:VALUE,... extended through 2030" in out
    assert "--troops KOR=27000" not in out
