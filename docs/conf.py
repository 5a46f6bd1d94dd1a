"""Sphinx configuration for the burden documentation (``sphinx-build docs docs/_build``)."""

from __future__ import annotations

import contextlib
import io
import runpy
from pathlib import Path

import burden

project = "burden"
author = "The burden developers"
copyright = "2026, the burden developers"
release = burden.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "numpydoc",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["dollarmath"]
numpydoc_show_class_members = False
exclude_patterns = ["_build", "_generated"]
html_theme = "alabaster"
suppress_warnings = ["ref.citation"]  # numpydoc References need not all be cited in the text

# --- Examples rendered into the docs ----------------------------------------------------
# At build time every script in examples/ runs and its printed output, plus the figures of
# the seed report and of the seed sensitivity example, land in docs/_generated/, which
# docs/examples.md includes. The docs therefore always show what the code prints today.

_DOCS = Path(__file__).parent
_GENERATED = _DOCS / "_generated"
_EXAMPLES = _DOCS.parent / "examples"


def _render_examples(_app: object) -> None:
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    from burden.report.html import seed_figures
    from burden.report.seed import seed_analysis

    _GENERATED.mkdir(exist_ok=True)
    for script in sorted(_EXAMPLES.glob("*.py")):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            runpy.run_path(str(script), run_name="__main__")
        (_GENERATED / f"{script.stem}.txt").write_text(buffer.getvalue(), encoding="utf-8")
        plt.close("all")
    for key, (_caption, png) in seed_figures(seed_analysis()).items():
        (_GENERATED / f"seed_{key}.png").write_bytes(png)
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
    """Register the example renderer."""
    app.connect("builder-inited", _render_examples)  # type: ignore[attr-defined]
