"""The seed analysis as a self-contained HTML report, and atomic file writing.

:func:`render_html` turns a :class:`~burden.report.seed.SeedAnalysis` (and optionally its
figures as PNG bytes) into one HTML page with no external files: figures are
embedded as base64 ``data:`` URIs. :func:`report_files` adds the tables as CSV, and
:func:`write_files` writes any set of files atomically: each is written to a
temporary file in the target folder and moved into place with :func:`os.replace`,
so an interrupted or failed run never leaves a half-written file behind.
``burden report --out DIR`` calls :func:`write_report`.

Examples
--------
>>> from burden.report.seed import seed_analysis
>>> page = render_html(seed_analysis())
>>> page.startswith("<!DOCTYPE html>")
True
>>> "S66" in page
True
"""

from __future__ import annotations

import base64
import html
import io
import re
from functools import partial
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from burden._core.optional import require
from burden.compare import Comparison, compare
from burden.errors import OptionalDependencyError
from burden.io.files import write_files  # moved to burden.io.files; kept here
from burden.money import Amounts
from burden.report.seed import AGREED, BASELINE, DEMAND, REFERENCE_YEAR, base_year_note

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    from matplotlib.axes import Axes

    from burden.report._section import Section
    from burden.report.seed import SeedAnalysis

__all__ = [
    "FigurePNG",
    "render_html",
    "report_files",
    "section_figures",
    "seed_figures",
    "write_files",
    "write_report",
]

REPORT_MANIFEST: Final = ".burden-report"
"""Hidden file of the report folder listing what the last report wrote there: a later
report removes those it does not write again (no stale section beside a new index)."""

FigurePNG = tuple[str, bytes]
"""A figure for the report: its caption and its PNG bytes."""

INDEX: Final = "index.html"

_CSS: Final = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem;
     border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
h3 { font-size: 1.02rem; margin-top: 1.4rem; }
table { border-collapse: collapse; font-size: .85rem; margin: .4rem 0 1rem; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid #e3e3e3; }
td { text-align: right; font-variant-numeric: tabular-nums; }
th { text-align: right; background: #f4f4f4; }
tbody th { text-align: left; background: none; }
tbody tr.total th, tbody tr.total td { font-weight: 600; }
figure { margin: 1rem 0 2rem; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #444; }
dt { font-weight: 600; } dd { margin: 0 0 .6rem 1.2rem; }
.headline td { text-align: left; } .note { color: #555; font-size: .9rem; }
ol.sources li { margin-bottom: .25rem; font-size: .9rem; }
.table-wrap { overflow-x: auto; }
nav.toc { background: #f7f7f7; padding: .6rem 1rem; border-radius: 4px; }
nav.toc ol { margin: .2rem 0; } .csv { font-size: .8rem; }
ul.findings li { margin-bottom: .3rem; }
.assumptions td { text-align: left; }
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _scenario_amounts(seed: SeedAnalysis, currency: str, basis: str) -> list[Amounts]:
    """Rebuild the per-year Amounts of the three scenarios from the tidy table."""
    rows = seed.amounts
    keep = (rows["currency"] == currency) & (rows["price_basis"] == basis)
    keep &= rows["year"] != "total"
    out = []
    for name in (BASELINE, AGREED, DEMAND):
        block = rows.loc[keep & (rows["scenario"] == name)]
        out.append(
            Amounts(
                values=block["value"].to_numpy(dtype=np.float64),
                years=block["year"].astype(np.int64).to_numpy(),
                currency=currency,
                price_basis="nominal" if basis == "nominal" else int(basis),
                label=name,
            )
        )
    return out


def _png(draw: Callable[[Axes], object], size: tuple[float, float]) -> bytes:
    require("matplotlib.figure", purpose="figures")  # OptionalDependencyError if missing
    from matplotlib.figure import Figure as MplFigure  # noqa: PLC0415

    # A bare Figure (not pyplot): no global state, nothing left open.
    fig = MplFigure(figsize=size, dpi=110, layout="constrained")
    draw(fig.subplots())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def seed_figures(seed: SeedAnalysis) -> dict[str, FigurePNG]:
    """Render the report's figures as PNG bytes (needs matplotlib).

    Parameters
    ----------
    seed : SeedAnalysis

    Returns
    -------
    dict of str to (caption, bytes)
        ``paths`` (the three scenarios, KRW nominal), ``demand_vs_held`` and
        ``demand_vs_sma11`` (comparisons, KRW nominal, with the ratio).

    Raises
    ------
    OptionalDependencyError
        With field ``"matplotlib"`` if matplotlib is not installed.

    Examples
    --------
    >>> from burden.report.seed import seed_analysis
    >>> figures = seed_figures(seed_analysis())
    >>> figures["paths"][1][1:4]
    b'PNG'
    """
    from burden.plot import plot_paths  # noqa: PLC0415

    held, agreed, demand = _scenario_amounts(seed, "KRW", "nominal")
    span = f"{seed.years[0]}-{seed.years[-1]}"
    figures: dict[str, FigurePNG] = {
        "paths": (
            (
                f"Contribution per year, {span}, KRW nominal: the February 2019 level held, "
                "the 11th SMA as agreed, and the 2019 US demand converted at each year's "
                "average exchange rate."
            ),
            _png(
                lambda ax: plot_paths(
                    [held, agreed, demand], ax=ax, title=f"Contribution per year, {span}"
                ),
                (8.0, 4.6),
            ),
        )
    }
    for key, base in (("demand_vs_held", held), ("demand_vs_sma11", agreed)):
        comparison = compare(base, demand)
        figures[key] = (
            (
                f"{DEMAND} against {base.label}, KRW nominal, per year; the dashed line "
                "(right axis) is the ratio of the two."
            ),
            _png(partial(_comparison_figure, comparison), (8.0, 4.6)),
        )
    return figures


def section_figures(sections: Sequence[Section]) -> dict[str, FigurePNG]:
    """Render the figures of the report's sections as PNG bytes (needs matplotlib).

    Parameters
    ----------
    sections : sequence of Section

    Returns
    -------
    dict of str to (caption, bytes)
        Keyed ``<section>-<figure>``, e.g. ``ranges-fan``.

    Raises
    ------
    OptionalDependencyError
        With field ``"matplotlib"`` if matplotlib is not installed.
    """
    return {
        f"{sec.key}-{key}": (fig.caption, _png(fig.draw, fig.size))
        for sec in sections
        for key, fig in sec.figures.items()
    }


def _figure_html(key: str, caption: str, png: bytes) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure id="fig-{_esc(key)}"><img alt="{_esc(caption)}" '
        f'src="data:image/png;base64,{data}"><figcaption>{_esc(caption)}</figcaption>'
        "</figure>"
    )


_SOURCE_ID = re.compile(r"\bS\d+[a-z]?\b")


def _section_sources(sections: Sequence[Section]) -> list[str]:
    """Source ids cited in the sections' assumptions and captions, in natural order."""
    found: set[str] = set()
    for sec in sections:
        for a in sec.assumptions:
            found.update(_SOURCE_ID.findall(a.source))
            found.update(_SOURCE_ID.findall(a.value))
        for fig in sec.figures.values():
            found.update(_SOURCE_ID.findall(fig.caption))
        for table in sec.tables.values():
            found.update(_SOURCE_ID.findall(table.title))
    return sorted(found, key=lambda s: (int("".join(c for c in s if c.isdigit())), s))


def _section_html(sec: Section, figures: Mapping[str, FigurePNG], note: str) -> list[str]:
    parts = [f'<h2 id="{_esc(sec.key)}">{_esc(sec.title)}</h2>', '<ul class="findings">']
    parts += [f"<li>{_esc(line)}</li>" for line in sec.headline]
    parts.append("</ul>")
    parts.append(f'<h3 id="{_esc(sec.key)}-assumptions">Inputs and assumptions</h3>')
    parts.append(
        '<div class="assumptions">'
        + _table_html(sec.assumptions_frame().set_index("input"), 3)
        + f'</div><p class="csv">CSV: {_esc(sec.key)}_assumptions.csv</p>'
    )
    for name, table in sec.tables.items():
        parts += [
            f'<h3 id="{_esc(sec.key)}-{_esc(name)}">{_esc(table.title)}</h3>',
            _table_html(table.frame, table.digits),
            f'<p class="csv">CSV: {_esc(sec.key)}_{_esc(name)}.csv</p>',
        ]
    shown = [(k, v) for k, v in figures.items() if k.startswith(f"{sec.key}-")]
    if sec.figures and not shown and note:
        parts.append(f'<p class="note">{_esc(note)}</p>')
    for key, (caption, png) in shown:
        parts.append(_figure_html(key, caption, png))
    parts += [f'<p class="note">{_esc(n)}</p>' for n in sec.notes]
    return parts


def _comparison_figure(comparison: Comparison, ax: Axes) -> None:
    from burden.plot import plot_comparison  # noqa: PLC0415

    plot_comparison(comparison, ax=ax)


_URL = re.compile(r"https?://\S+")


def _emphasis(text: object) -> str:
    """Escape `text`, rendering the fact sheet's *title* markers as italics."""
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", _esc(text))


def _linked(text: str) -> str:
    """Escape `text`, turning every URL in it into its own link (sources list several)."""
    parts, last = [], 0
    for match in _URL.finditer(text):
        parts.append(_emphasis(text[last : match.start()]))
        url = match.group(0)
        parts.append(f'<a href="{_esc(url)}">{_esc(url)}</a>')
        last = match.end()
    parts.append(_emphasis(text[last:]))
    return "".join(parts)


def _table_html(frame: pd.DataFrame, digits: int) -> str:
    body = frame.to_html(
        float_format=lambda v: f"{v:,.{digits}f}",
        na_rep="",
        border=0,
        justify="right",
        escape=True,
    )
    # Only a row labelled "total" is a total: bold that one, not whichever row is last.
    body = body.replace("<tr>\n      <th>total</th>", '<tr class="total">\n      <th>total</th>')
    return f'<div class="table-wrap">{body}</div>'


def render_html(
    seed: SeedAnalysis,
    figures: Mapping[str, FigurePNG] | None = None,
    *,
    note: str = "",
    sections: Sequence[Section] = (),
) -> str:
    """Render the seed analysis as one self-contained HTML page.

    Parameters
    ----------
    seed : SeedAnalysis
        From :func:`burden.report.seed.seed_analysis`.
    figures : mapping of str to (caption, PNG bytes), optional
        Embedded as base64 ``<img>`` in the order given (see :func:`seed_figures`).
    note : str, optional
        A remark shown above the figures (e.g. why there are none).
    sections : sequence of Section, optional
        Parts of the report after the seed tables (see
        :func:`burden.report.full.build_report`); their figures are the entries of
        `figures` keyed ``<section>-<figure>`` (see :func:`section_figures`).

    Returns
    -------
    str
        The HTML document, with a table of contents. Pure: nothing is read or written.

    Examples
    --------
    >>> from burden.report.seed import seed_analysis
    >>> page = render_html(seed_analysis(), {"x": ("A caption", b"PNG")})
    >>> page.count("data:image/png;base64,")
    1
    """
    h = seed.headline
    span = f"{seed.years[0]}-{seed.years[-1]}"
    ranges_shown = any(s.key == "ranges" for s in sections)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>burden: the 2019 US demand against the 10th and 11th SMA</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>The 2019 US &ldquo;drastic increase&rdquo; against the February 2019 agreement</h1>",
        (
            f'<p class="note">Computed by burden from its built-in, cited data; years {span}; '
            f"constant prices of {seed.price_base_year}. Every figure is traced to the sources "
            "listed at the end.</p>"
        ),
        *(
            [f'<p class="note">{html.escape(prices)}</p>']
            if (prices := base_year_note(seed.price_base_year, ranges=ranges_shown))
            else []
        ),
        _toc(sections),
        f'<h2 id="headline">Headline, reference year {REFERENCE_YEAR}</h2>',
        '<table class="headline"><tbody>',
        (
            f"<tr><th>10th SMA (February 2019)</th><td>KRW {h['sma10_krw'] / 1e9:,.1f} bn "
            f"= USD {h['sma10_krw'] / h['krw_per_usd'] / 1e9:,.3f} bn at "
            f"{h['krw_per_usd']:,.2f} KRW/USD (2019 average)</td></tr>"
        ),
        (
            f"<tr><th>US demand (November 2019)</th><td>USD {h['demand_usd'] / 1e9:,.1f} bn a year "
            f"= KRW {h['demand_krw'] / 1e9:,.1f} bn at the 2019 rate</td></tr>"
        ),
        (
            f"<tr><th>Demand / February agreement</th><td>"
            f"{h['demand_over_2019_agreement']:.2f} times</td></tr>"
        ),
        "</tbody></table>",
        _findings(sections),
        f'<h2 id="scenarios">Scenarios compared, {span}</h2><dl>',
    ]
    for name, row in seed.scenarios.iterrows():
        parts.append(f"<dt>{_esc(name)}</dt><dd>{_esc(row['description'])}</dd>")
    parts.append("</dl>")
    tables = seed.tables()
    parts.append('<h2 id="amounts">Amounts per year</h2>')
    for key, (title, table) in tables.items():
        if key.startswith("amounts_"):
            parts += [f'<h3 id="{_esc(key)}">{_esc(title)}</h3>', _table_html(table, 3)]
    parts.append('<h2 id="indicators">Burden indicators</h2>')
    for key in ("shares", "per_service_member"):
        title, table = tables[key]
        digits = 0 if key == "per_service_member" else 3
        parts += [f'<h3 id="{_esc(key)}">{_esc(title)}</h3>', _table_html(table, digits)]
    parts.append('<h2 id="figures">Figures</h2>')
    if note:
        parts.append(f'<p class="note">{_esc(note)}</p>')
    prefixes = tuple(f"{sec.key}-" for sec in sections)
    all_figures = figures or {}
    for key, (caption, png) in all_figures.items():
        if not (prefixes and key.startswith(prefixes)):
            parts.append(_figure_html(key, caption, png))
    for sec in sections:
        parts += _section_html(sec, all_figures, note)
    sources = seed.sources
    extra = [s for s in _section_sources(sections) if s not in sources.index]
    if extra:
        from burden import datasets  # noqa: PLC0415

        known = datasets.sources()
        sources = pd.concat([sources, known.loc[[s for s in extra if s in known.index]]])
        missing = [s for s in extra if s not in known.index]
    else:
        missing = []
    parts.append('<h2 id="sources">Sources</h2><ol class="sources">')
    for sid, row in sources.iterrows():
        where = str(row.get("location", "")).strip()
        link = f" &mdash; {_linked(where)}" if where else ""
        parts.append(
            f'<li id="{_esc(sid)}"><b>{_esc(sid)}</b> {_emphasis(row["citation"])}{link}</li>'
        )
    parts.append("</ol>")
    if missing:
        parts.append(
            f'<p class="note">Also cited ({_esc(", ".join(missing))}): listed in burden\'s '
            "fact sheet, not yet in its sources table.</p>"
        )
    parts += ["</body></html>", ""]
    return "\n".join(parts)


def _toc(sections: Sequence[Section]) -> str:
    items = [
        ("headline", "Headline"),
        ("scenarios", "Scenarios compared"),
        ("amounts", "Amounts per year"),
        ("indicators", "Burden indicators"),
        ("figures", "Figures"),
        *((sec.key, sec.title) for sec in sections),
        ("sources", "Sources"),
    ]
    links = "".join(f'<li><a href="#{_esc(k)}">{_esc(t)}</a></li>' for k, t in items)
    return f'<nav class="toc"><b>Contents</b><ol>{links}</ol></nav>'


def _findings(sections: Sequence[Section]) -> str:
    if not sections:
        return ""
    items = "".join(
        f'<li><a href="#{_esc(sec.key)}">{_esc(sec.title)}</a>: {_esc(sec.headline[0])}</li>'
        for sec in sections
        if sec.headline
    )
    return f'<ul class="findings">{items}</ul>'


def report_files(
    seed: SeedAnalysis,
    figures: Mapping[str, FigurePNG] | None = None,
    *,
    note: str = "",
    sections: Sequence[Section] = (),
) -> dict[str, bytes]:
    """Return every file of the report by name: ``index.html`` and the CSV tables.

    The CSVs are the wide tables shown in the page (``<name>.csv`` for each of
    :meth:`~burden.report.seed.SeedAnalysis.tables`, values as in the page: bn, %, USD)
    and the tidy data behind them in whole currency units (``amounts.csv``,
    ``indicators.csv``), plus ``headline.csv``, ``scenarios.csv`` and
    ``sources.csv``; and for each of `sections`, ``<section>_<table>.csv`` for
    every table and ``<section>_assumptions.csv``.

    Examples
    --------
    >>> from burden.report.seed import seed_analysis
    >>> sorted(report_files(seed_analysis()))[:3]
    ['amounts.csv', 'amounts_krw_2019.csv', 'amounts_krw_nominal.csv']
    """
    files = {name: table.to_csv().encode("utf-8") for name, (_, table) in seed.tables().items()}
    files = {f"{name}.csv": data for name, data in files.items()}
    files["amounts.csv"] = seed.amounts.to_csv(index=False).encode("utf-8")
    files["indicators.csv"] = seed.indicators.to_csv(index=False).encode("utf-8")
    files["scenarios.csv"] = seed.scenarios.to_csv().encode("utf-8")
    files["sources.csv"] = seed.sources.to_csv().encode("utf-8")
    headline = pd.Series(seed.headline, name="value").rename_axis("item")
    files["headline.csv"] = headline.to_csv().encode("utf-8")
    for sec in sections:
        files.update(sec.files())
    # The page goes last: when index.html is there, the whole report is.
    files[INDEX] = render_html(seed, figures, note=note, sections=sections).encode("utf-8")
    return files


def write_report(
    seed: SeedAnalysis,
    folder: str | os.PathLike[str],
    *,
    figures: bool = True,
    sections: Sequence[Section] = (),
) -> tuple[Path, str]:
    """Write the HTML report and its CSV tables into `folder`, atomically.

    Parameters
    ----------
    seed : SeedAnalysis
    folder : str or PathLike
        Output folder, created if missing.
    figures : bool, default True
        Render and embed the figures. Without matplotlib the report is written
        without them, and the returned note says so.
    sections : sequence of Section, optional
        The report's further parts (see :func:`burden.report.full.build_report`).

    Returns
    -------
    index : Path
        The ``index.html`` written.
    note : str
        Empty, or one line saying why figures are missing.

    Raises
    ------
    InvalidInputError
        If the folder cannot be written (nothing is left half-written).

    Examples
    --------
    >>> import tempfile
    >>> from burden.report.seed import seed_analysis
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     index, note = write_report(seed_analysis(), tmp, figures=False)
    ...     index.name, index.stat().st_size > 10_000
    ('index.html', True)
    """
    note = ""
    rendered: dict[str, FigurePNG] = {}
    if figures:
        try:
            rendered = seed_figures(seed)
            rendered.update(section_figures(sections))
        except OptionalDependencyError as err:
            if err.field != "matplotlib":
                raise
            note = (
                "matplotlib is not installed: report written without figures "
                "(pip install 'burden[plot]')"
            )
    files = report_files(
        seed,
        rendered,
        note=note or ("" if figures else "Figures not drawn."),
        sections=sections,
    )
    written = write_files(folder, files, manifest=REPORT_MANIFEST)
    return written[-1], note
