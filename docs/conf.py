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

    from burden.html_report import seed_figures
    from burden.report import seed_analysis

    _GENERATED.mkdir(exist_ok=True)
    for script in sorted(_EXAMPLES.glob("*.py")):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            runpy.run_path(str(script), run_name="__main__")
        (_GENERATED / f"{script.stem}.txt").write_text(buffer.getvalue(), encoding="utf-8")
        plt.close("all")
    for key, (_caption, png) in seed_figures(seed_analysis()).items():
        (_GENERATED / f"seed_{key}.png").write_bytes(png)


def setup(app: object) -> None:
    """Register the example renderer."""
    app.connect("builder-inited", _render_examples)  # type: ignore[attr-defined]
