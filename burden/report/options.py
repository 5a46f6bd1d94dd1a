"""The report's options: section names and default draws and seed (no heavy imports).

Kept apart so that ``burden --help`` and ``burden --version`` build their parser without
loading the science (see :mod:`burden.cli`).
"""

from __future__ import annotations

from typing import Final

__all__ = ["DEFAULT_DRAWS", "DEFAULT_SEED", "SECTIONS"]

SECTIONS: Final = ("ranges", "splits", "talks", "today")
"""The sections of the report, in order."""

DEFAULT_DRAWS: Final = 2**14
"""Monte Carlo draws of the ranges (a power of 2) and draws of the talks."""

DEFAULT_SEED: Final = 2019
"""Seed of every random draw of the report."""
