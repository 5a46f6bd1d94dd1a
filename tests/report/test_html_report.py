"""The HTML report: self-contained, complete, cited, and written atomically."""

from __future__ import annotations

import base64
import dataclasses
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

import burden as bd
from burden.report import html as html_report
from burden.report.seed import SeedAnalysis, seed_analysis

PNG = b"\x89PNG\r\n\x1a\n"
IMG = re.compile(r'<img [^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


@pytest.fixture(scope="module")
def seed() -> SeedAnalysis:
    return seed_analysis()


def test_report_is_complete_and_self_contained(seed: SeedAnalysis, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    index, note = html_report.write_report(seed, tmp_path / "out")
    assert note == ""
    assert index == tmp_path / "out" / "index.html"
    page = index.read_text(encoding="utf-8")
    images = IMG.findall(page)
    assert len(images) == 3 == page.count("<img ")
    for data in images:
        assert base64.b64decode(data, validate=True)[:8] == PNG
    assert "http" not in page.split("<h2>Sources</h2>")[0]  # nothing fetched from outside
    assert "5.61 times" in page  # USD 5 bn x 1,165.8016 / KRW 1,038.9 bn (S31, S66, S1)
    assert "1,402.800" in page  # 11th SMA 2025, KRW bn (S6)
    assert page.count("<table") == 7  # headline, 4 amount tables, shares, per member
    for title in ("KRW bn, nominal", "KRW bn, constant 2019 prices", "USD bn, nominal"):
        assert title in page
    for name, row in seed.scenarios.iterrows():
        assert str(name) in page
        assert str(row["description"])[:40] in page
    for sid in seed.sources.index:
        assert f'<li id="{sid}">' in page
    assert "S66" in set(seed.sources.index)


def test_csv_tables_next_to_the_page(seed: SeedAnalysis, tmp_path: Path) -> None:
    html_report.write_report(seed, tmp_path, figures=False)
    names = {p.name for p in tmp_path.iterdir()}
    assert {"index.html", "amounts.csv", "indicators.csv", "sources.csv"} <= names
    assert {f"{key}.csv" for key in seed.tables()} <= names
    assert not [n for n in names if n.startswith(".")]  # no temporary files left
    amounts = pd.read_csv(tmp_path / "amounts.csv", dtype={"year": str, "price_basis": str})
    pd.testing.assert_frame_equal(amounts, seed.amounts, check_dtype=False)
    wide = pd.read_csv(tmp_path / "amounts_krw_nominal.csv", index_col=0)
    assert wide.loc["2025", "SMA-11"] == pytest.approx(1402.8)


def test_failure_while_drawing_leaves_nothing(
    seed: SeedAnalysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_: SeedAnalysis) -> dict[str, html_report.FigurePNG]:
        raise RuntimeError("figure step failed")

    monkeypatch.setattr(html_report, "seed_figures", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="figure step"):
        html_report.write_report(seed, out)
    assert not out.exists()


def test_failure_while_writing_leaves_no_index(
    seed: SeedAnalysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = Path.replace

    def replace(self: Path, target: Path) -> Path:
        if Path(target).name == "index.html":
            raise OSError(28, "No space left on device")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(bd.InvalidInputError, match="No space left on device"):
        html_report.write_report(seed, tmp_path, figures=False)
    names = [p.name for p in tmp_path.iterdir()]
    assert "index.html" not in names
    assert not [n for n in names if n.endswith(".part")]


def test_failed_run_keeps_the_previous_report(
    seed: SeedAnalysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index, _ = html_report.write_report(seed, tmp_path, figures=False)
    before = index.read_bytes()

    def broken(*_args: object, **_kwargs: object) -> str:
        raise ZeroDivisionError

    monkeypatch.setattr(html_report, "render_html", broken)
    with pytest.raises(ZeroDivisionError):
        html_report.write_report(seed, tmp_path, figures=False)
    assert index.read_bytes() == before


def test_unwritable_folder_is_a_burden_error(seed: SeedAnalysis, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(bd.InvalidInputError, match="a folder that can be written"):
        html_report.write_report(seed, blocker / "report", figures=False)
    assert blocker.read_text() == "x"


def test_without_matplotlib_the_report_has_no_figures(
    seed: SeedAnalysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    index, note = html_report.write_report(seed, tmp_path)
    assert "matplotlib is not installed" in note
    page = index.read_text(encoding="utf-8")
    assert "<img" not in page
    assert "matplotlib is not installed" in page


def test_text_is_escaped(seed: SeedAnalysis) -> None:
    scenarios = seed.scenarios.copy()
    scenarios.iloc[0, 0] = "<script>alert(1)</script> & more"
    page = html_report.render_html(dataclasses.replace(seed, scenarios=scenarios))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page


def test_plain_file_names_only(tmp_path: Path) -> None:
    with pytest.raises(bd.InvalidInputError, match="plain file name"):
        html_report.write_files(tmp_path, {"../escape.csv": b"x"})
    assert list(tmp_path.iterdir()) == []


def test_only_total_rows_are_bold_and_every_source_url_is_a_link(seed: SeedAnalysis) -> None:
    page = html_report.render_html(seed)
    # Amount tables end with a total; the shares table ends with a year and is not bolded.
    assert page.count('<tr class="total">') == 4  # KRW/USD x nominal/real
    assert "tr:last-child" not in page
    # S11 cites two pages, each with its own address: both must be clickable.
    s11 = page[page.index('<li id="S11">') :].split("</li>")[0]
    assert s11.count("<a href=") == 2
    # The fact sheet marks titles with *...*: rendered as italics, not shown raw.
    s2 = page[page.index('<li id="S2">') :].split("</li>")[0]
    assert "<em>2018 Defense White Paper</em>" in s2
    assert "*" not in s2
