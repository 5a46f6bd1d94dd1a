"""Sphinx configuration for the burden documentation (``sphinx-build docs docs/_build``)."""

from __future__ import annotations

from pathlib import Path

import burden

project = "burden"
author = "The burden developers"
copyright = "2026, the burden developers"
release = burden.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    # MathJax served from the built site, not a CDN: equations render offline too.
    "sphinx-mathjax-offline",
    "numpydoc",
]
source_suffix = {".md": "myst-nb", ".rst": "restructuredtext"}
# docs/examples.md is a MyST notebook: myst-nb runs its cells (the example scripts) at
# every build, and a failing example fails the build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 600
nb_merge_streams = True
myst_enable_extensions = ["dollarmath"]
numpydoc_show_class_members = False
exclude_patterns = ["_build", "_generated"]
html_theme = "pydata_sphinx_theme"  # the look of the numpy, scipy, pandas and xarray docs
html_theme_options = {"navigation_with_keys": False}
suppress_warnings = ["ref.citation"]  # numpydoc References need not all be cited in the text

# --- The data summary ---------------------------------------------------------------------
# One row per shipped dataset, written at build time to docs/_generated/, which
# docs/data.md includes. (The examples are executed by myst-nb: see docs/examples.md.)

_DOCS = Path(__file__).parent
_GENERATED = _DOCS / "_generated"
_EXAMPLES = _DOCS.parent / "examples"


def _render(_app: object) -> None:
    _GENERATED.mkdir(exist_ok=True)
    _render_report_and_scenarios()
    _render_data_summary()


def _render_report_and_scenarios() -> None:
    """Write the report's section figures and the summary of every example scenario file."""
    import tempfile

    from burden.io import scenario_file
    from burden.report.full import build_report
    from burden.report.html import section_figures

    report = build_report()
    for key, (_caption, png) in section_figures(report.sections).items():
        (_GENERATED / f"report_{key}.png").write_bytes(png)
    (_GENERATED / "report.txt").write_text(report.to_text(), encoding="utf-8")
    for file in sorted((_EXAMPLES / "scenarios").glob("*.toml")):
        scenario = scenario_file.load(file)
        with tempfile.TemporaryDirectory() as tmp:
            result = scenario_file.execute(scenario, tmp, figures=False)
        text = "\n".join([f"$ burden run examples/scenarios/{file.name}", *result.summary])
        (_GENERATED / f"scenario_{file.stem}.txt").write_text(text + "\n", encoding="utf-8")


def _render_data_summary() -> None:
    """Write one row per shipped dataset: rows, confidence counts, derived rows, sources."""
    from burden import datasets

    lines = [
        "| Dataset | Rows | high / medium / low | derived | Sources |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in datasets.describe().index:
        frame = datasets.load(name)
        counts = frame["confidence"].value_counts()
        levels = " / ".join(str(int(counts.get(c, 0))) for c in datasets.CONFIDENCE_LEVELS)
        derived = int(frame["derived"].sum()) if "derived" in frame.columns else 0
        ids = ", ".join(datasets.cited_sources(frame).index)
        lines.append(f"| `{name}` | {len(frame)} | {levels} | {derived} | {ids} |")
    (_GENERATED / "data_summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(app: object) -> None:
    """Register the data-summary renderer."""
    app.connect("builder-inited", _render)  # type: ignore[attr-defined]
