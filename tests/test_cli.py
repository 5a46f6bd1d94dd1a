"""The burden command line: output, exit codes, one-line errors."""

from __future__ import annotations

import pytest

from burden.cli import main


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


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["report", "--years", "2010-2012"], "years"),
        (["report", "--base-year", "1990"], "1990"),
        (["datasets", "nope"], "dataset"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("burden: error:")
    assert needle in lines[0]


def test_unparsable_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["report", "--years", "soon"])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_datasets_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets"]) == 0
    assert "sma_history" in capsys.readouterr().out
    assert main(["datasets", "nato_targets"]) == 0
    assert "hague_2025_core" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("burden ")
