"""The HTML report: self-contained, complete, cited, and written atomically."""

from __future__ import annotations

import base64
import dataclasses
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import burden as bd
from burden.report import html as html_report
from burden.report.full import SECTIONS, Report, build_report
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
    assert (
        "http" not in page.split('<h2 id="sources">Sources</h2>')[0]
    )  # nothing fetched from outside
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
    assert not [n for n in names if n.endswith(".part")]  # no temporary files left
    assert [n for n in names if n.startswith(".")] == [".burden-report"]  # what it wrote
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


# --- The whole report: ranges, splits, talks, today (issue 13) -------------------------


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(draws=2**10, seed=7)


def test_every_section_is_in_the_page_with_a_contents_entry(report: Report) -> None:
    page = html_report.render_html(report.seed, sections=report.sections)
    toc = page.split('<nav class="toc">')[1].split("</nav>")[0]
    for key in SECTIONS:
        assert f'<h2 id="{key}">' in page
        assert f'href="#{key}"' in toc
    assert page.count("Inputs and assumptions") == len(SECTIONS)


def test_every_figure_has_a_caption_and_every_table_a_csv(report: Report, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    index, note = html_report.write_report(report.seed, tmp_path, sections=report.sections)
    assert note == ""
    page = index.read_text(encoding="utf-8")
    n_figures = 3 + sum(len(s.figures) for s in report.sections)
    assert len(IMG.findall(page)) == n_figures == page.count("<figcaption>")
    for sec in report.sections:
        for key, fig in sec.figures.items():
            assert f'id="fig-{sec.key}-{key}"' in page
            assert html_report._esc(fig.caption) in page
        for name, table in sec.tables.items():
            frame = pd.read_csv(tmp_path / f"{sec.key}_{name}.csv", index_col=0)
            assert frame.shape == table.frame.shape
        assert (tmp_path / f"{sec.key}_assumptions.csv").is_file()


def test_every_assumption_names_a_source_or_says_assumption(report: Report) -> None:
    for sec in report.sections:
        assert sec.assumptions
        for a in sec.assumptions:
            assert (
                "assumption" in a.source or "option" in a.source or re.search(r"S\d+", a.source)
            ), a
            assert a.value


def test_sources_cited_by_the_sections_are_listed(report: Report) -> None:
    page = html_report.render_html(report.seed, sections=report.sections)
    for sid in ("S3", "S13", "S35", "S39"):  # splits (S3, S13, S35), furlough (S39)
        assert f'<li id="{sid}">' in page


def test_two_runs_write_identical_files(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    first = build_report(draws=2**9, seed=3)
    second = build_report(draws=2**9, seed=3)
    html_report.write_report(first.seed, tmp_path / "a", sections=first.sections)
    html_report.write_report(second.seed, tmp_path / "b", sections=second.sections)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert first.to_text() == second.to_text()


def test_another_seed_moves_the_bands_but_not_the_point(report: Report) -> None:
    other = build_report(sections=("ranges",), draws=2**10, seed=8)
    a = report.sections[0].tables["bands"].frame
    b = other.sections[0].tables["bands"].frame
    pd.testing.assert_series_equal(a["SMA-11 point"], b["SMA-11 point"])
    assert not np.allclose(a["SMA-11 5%"], b["SMA-11 5%"], rtol=0, atol=1e-12)


def test_bands_contain_the_point_estimate(report: Report) -> None:
    bands = report.sections[0].tables["bands"].frame
    for side in ("SMA-11", "held"):
        assert (bands[f"{side} 5%"] <= bands[f"{side} point"]).all()
        assert (bands[f"{side} point"] <= bands[f"{side} 95%"]).all()
        assert (bands[f"{side} 5%"] < bands[f"{side} 95%"]).all()


def test_point_gap_matches_the_seed_tables(report: Report) -> None:
    # The gap at the recorded data is the demand minus the 11th SMA in USD at 2019 prices,
    # as in the seed's constant-price USD table (S31, S4, S66, S71).
    bands = report.sections[0].tables["bands"].frame
    usd = report.seed.tables()["amounts_usd_2019"][1]
    expected = usd["US-DEMAND-2019"] - usd["SMA-11"]
    assert bands["SMA-11 point"].to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-9)


def test_splits_respect_the_labour_floor_and_conserve_money(report: Report) -> None:
    splits = {s.key: s for s in report.sections}["splits"]
    totals = splits.tables["totals"].frame
    parts = totals[["labour", "construction", "logistics", "beyond the cost basis"]]
    assert parts.sum(axis=1).to_numpy() == pytest.approx(totals["total"].to_numpy())
    # 11th SMA, 2020-2025 (S4, S6; 2023-24 derived): KRW 7,508.1 bn in all.
    assert totals.loc["SMA-11", "total"] == pytest.approx(7508.1)
    labour = splits.tables["per_year"].frame.filter(like="labour %")
    assert (labour >= 87.0 - 1e-9).all().all()  # 87% floor (S13)
    gao = splits.tables["gao_ratio"].frame
    # USD 5 bn / USD 4.46 bn (S31, S35)
    assert gao["US-DEMAND-2019 %"].iloc[0] == pytest.approx(100 * 5 / 4.46)


def test_talks_positions_and_outcome(report: Report) -> None:
    talks = {s.key: s for s in report.sections}["talks"]
    pos = talks.tables["positions"].frame["over 2019 %"]
    assert pos["ROK offer (Mar-Apr 2020), +13%"] == pytest.approx(13.0)  # S37
    assert pos["final (11th SMA, 2021)"] == pytest.approx(13.9, abs=0.01)  # S10
    pred = talks.tables["prediction"].frame
    assert (pred["5% (KRW bn)"] <= pred["median (KRW bn)"]).all()
    furlough = talks.tables["furlough"].frame
    assert (furlough["low"] <= furlough["high"]).all()


def test_today_against_the_ask(report: Report) -> None:
    today = {s.key: s for s in report.sections}["today"]
    amounts = today.tables["amounts"].frame
    assert amounts.loc["2026", "SMA-12 KRW bn"] == pytest.approx(1519.2)  # S6
    assert amounts.loc["total", "ask USD bn"] == pytest.approx(50.0)  # USD 10 bn x 5 (S99)
    assert float(amounts["ask USD bn"].loc["present value 2026"]) < 50.0
    shares = today.tables["shares"].frame
    # 2026 budget KRW 65.8642 tn (S58): 1,519.2 / 65,864.2
    assert shares.loc["2026", "SMA-12 % budget"] == pytest.approx(100 * 1519.2 / 65864.2)


def test_report_options_are_checked() -> None:
    with pytest.raises(bd.InvalidInputError, match='did you mean "ranges"'):
        build_report(sections=("range",))
    with pytest.raises(bd.InvalidInputError, match="power of 2"):
        build_report(draws=1000)
    with pytest.raises(bd.InvalidInputError, match="seed"):
        build_report(seed="x")  # type: ignore[arg-type]


def test_console_headline_comes_first(report: Report) -> None:
    text = report.to_text()
    head = text.split("Reference year")[0]
    assert "5.61 times" in head
    for sec in report.sections:
        assert sec.headline[0] in head


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_bands_contain_the_point_for_any_seed(seed: int) -> None:
    # The recorded data are the centre of every assumed range, so the point estimate
    # lies inside the 5-95% band whatever the draws.
    from burden.report.ranges import ranges_section

    bands = ranges_section(draws=2**8, seed=seed).tables["bands"].frame
    for side in ("SMA-11", "held"):
        assert (bands[f"{side} 5%"] <= bands[f"{side} point"]).all()
        assert (bands[f"{side} point"] <= bands[f"{side} 95%"]).all()


def test_sobol_indices_of_the_gap_are_shares(report: Report) -> None:
    indices = report.sections[0].tables["sobol"].frame
    assert set(indices.index) == {"krw_per_usd_scale", "inflation_shift", "budget_growth_shift"}
    assert ((indices["first order"] > -0.05) & (indices["total order"] < 1.05)).all()
    # Nearly additive model: first-order indices add up to about 1.
    assert indices["first order"].sum() == pytest.approx(1.0, abs=0.05)


def test_sobol_caption_names_the_interval_method(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The default design gives Student-t intervals over 8 independent randomisations,
    # not a bootstrap; and the section passes no bootstrap option that has no effect.
    caption = report.sections[0].tables["sobol"].title
    assert "Student-t intervals over 8 independent randomisations" in caption
    assert "bootstrap" not in caption
    from burden.report import ranges
    from burden.sensitivity import sobol as real

    seen: dict[str, object] = {}

    def spy(*args: object, **kwargs: object) -> object:
        seen.update(kwargs)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("burden.report.ranges.sobol", spy)
    ranges.ranges_section(draws=2**8, seed=3)
    assert "n_resamples" not in seen


def test_another_base_year_says_the_headline_and_ranges_stay_at_2019_prices() -> None:
    # --base-year moves the seed tables only; the report says so where it shows them.
    rep = build_report(sections=("ranges",), draws=2**8, seed=1, price_base_year=2025)
    text = rep.to_text()
    said = (
        "Base year 2025 applies to the seed tables only: the headline (reference year 2019) "
        "and the Ranges section are at 2019 prices by design"
    )
    assert said in text
    assert said in html_report.render_html(rep.seed, sections=rep.sections)
    assert "constant prices of 2025" in html_report.render_html(rep.seed, sections=rep.sections)
    plain = build_report(sections=("splits",))
    assert "applies to the seed tables only" not in plain.to_text()
    assert "applies to the seed tables only" not in html_report.render_html(plain.seed)


def test_a_second_report_removes_what_the_first_wrote_and_it_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A full report, then only "today" in the same folder: the earlier sections' tables
    # must not sit beside the new index; files burden did not write are kept.
    from burden.cli import main

    out = tmp_path / "report"
    assert main(["report", "--out", str(out), "--draws", "1024"]) == 0
    assert (out / "ranges_bands.csv").exists()
    (out / "mine.txt").write_text("the analyst's own notes")
    capsys.readouterr()
    assert main(["report", "--out", str(out), "--sections", "today", "--draws", "1024"]) == 0
    said = capsys.readouterr().out
    assert "files of an earlier run there:" in said
    assert "ranges_bands.csv" in said
    assert "mine.txt" not in said
    names = {p.name for p in out.iterdir()}
    assert "today_amounts.csv" in names
    assert not [n for n in names if n.startswith(("ranges_", "splits_", "talks_"))]
    assert "mine.txt" in names
