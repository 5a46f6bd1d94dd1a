"""Every example script runs, start to finish, and prints what it promises."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))


def test_there_are_examples() -> None:
    assert EXAMPLES


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(script), run_name="__main__")
    out = capsys.readouterr().out
    assert out.strip(), f"{script.name} printed nothing"


def test_seed_example_reproduces_the_headline(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES[0].parent / "seed_analysis.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "5.61 times" in out  # USD 5 bn x 1,165.8016 / KRW 1,038.9 bn (S31, S66, S1)
    assert "1402.8" in out  # 11th SMA 2025 (S6)


def test_negotiation_example_states_its_inputs(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES[0].parent / "negotiation_2019_2021.py"), run_name="__main__")
    out = capsys.readouterr().out
    # USD 5 bn x 1,165.8016 KRW/USD = KRW 5.8290 tn (S31, S66); the actual 2021 KRW 1.1833 tn (S10).
    assert "KRW 5.8290 tn" in out
    assert "KRW 1.1833 tn (+13.9%)" in out


def test_cost_split_example_reports_the_gao_ratios(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES[0].parent / "cost_splits.py"), run_name="__main__")
    out = capsys.readouterr().out
    # GAO-21-270 (S48): 5.8 / 13.4 = 43% (Korea), 12.6 / 20.9 = 60% (Japan).
    assert "KOR: USD 5.8 bn / USD 13.4 bn = 43%" in out
    assert "JPN: USD 12.6 bn / USD 20.9 bn = 60%" in out
    assert "total 1,183.3" in out  # 2021 categories add up to the 11th SMA's 2021 (S4)


def test_allocation_example_uses_the_cited_figures(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES[0].parent / "allied_allocation.py"), run_name="__main__")
    out = capsys.readouterr().out
    # 2024: KRW 59.4244 tn / KRW 2,556.9 tn = 2.32% (S56, S65).
    assert "2024: 2.32%" in out
    # 1,038.9 / 1,183.3 = 87.8% of the needs: every need cut by 12.2% proportionally (S4).
    assert "by the same 12.2%" in out
    # CEL: equal losses of (1,183.3 - 1,038.9) / 3 = 48.13 -> labour 559.8 - 48.1 = 511.7.
    assert "511.7" in out


def test_history_example_reproduces_the_record(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES[0].parent / "sma_history.py"), run_name="__main__")
    out = capsys.readouterr().out
    # Escalated years 2006, 2010-13, 2015-18, 2021, 2022, 2025 match the record (S2, S4, S6).
    assert "12 escalated amounts reproduced exactly from the rules." in out
    assert "15,511" in out  # 2027 = 15,192 x 1.021 (S6, S25)
