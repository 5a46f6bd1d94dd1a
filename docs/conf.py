"""Sphinx configuration for the burden documentation (``sphinx-build docs docs/_build``)."""

from __future__ import annotations

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
exclude_patterns = ["_build"]
html_theme = "alabaster"
suppress_warnings = ["ref.citation"]  # numpydoc References need not all be cited in the text
