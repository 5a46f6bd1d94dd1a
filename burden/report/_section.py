"""One part of the report: its headline, stated assumptions, tables and figures.

Every part of ``burden report`` beyond the seed tables (ranges, splits, the talks,
today) is a :class:`Section`. The console renderer (:func:`section_text`) and the HTML
renderer (:mod:`burden.report.html`) treat all sections alike, so every table is also a
CSV and every figure has a caption saying what it shows and what it assumes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.axes import Axes

__all__ = ["Assumption", "Figure", "Section", "Table", "section_text"]


@dataclass(frozen=True, slots=True)
class Assumption:
    """An input of a result: its value and where it comes from.

    Attributes
    ----------
    name : str
        What the input is.
    value : str
        Its value or range as used.
    source : str
        Source ids (``S66``), ``"derived from S.."``, or ``"assumption"``.
    """

    name: str
    value: str
    source: str


@dataclass(frozen=True, slots=True)
class Table:
    """A titled table; `digits` decimals in the console and the page."""

    title: str
    frame: pd.DataFrame
    digits: int = 3


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure: its caption and a function drawing it on a matplotlib Axes."""

    caption: str
    draw: Callable[[Axes], object]
    size: tuple[float, float] = (8.0, 4.6)


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """One part of the report.

    Attributes
    ----------
    key : str
        File-safe name (``ranges``, ``splits``, ``talks``, ``today``).
    title : str
    headline : tuple of str
        The findings, most important first (the first line goes into the report's
        headline).
    assumptions : tuple of Assumption
        Every input the results rest on, with its source or ``"assumption"``.
    tables : dict of str to Table
        Keyed by a file-safe name; written as ``<key>_<name>.csv``.
    figures : dict of str to Figure
    notes : tuple of str
        Remarks on method and limits.
    """

    key: str
    title: str
    headline: tuple[str, ...]
    assumptions: tuple[Assumption, ...]
    tables: dict[str, Table] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def assumptions_frame(self) -> pd.DataFrame:
        """Return the assumptions as a table (columns ``input``, ``value``, ``source``)."""
        return pd.DataFrame(
            {
                "input": [a.name for a in self.assumptions],
                "value": [a.value for a in self.assumptions],
                "source": [a.source for a in self.assumptions],
            }
        )

    def files(self) -> dict[str, bytes]:
        """Return the CSV files of the section: every table and the assumptions."""
        out = {
            f"{self.key}_{name}.csv": table.frame.to_csv().encode("utf-8")
            for name, table in self.tables.items()
        }
        out[f"{self.key}_assumptions.csv"] = (
            self.assumptions_frame().to_csv(index=False).encode("utf-8")
        )
        return out


def _fmt(frame: pd.DataFrame, digits: int) -> str:
    return frame.to_string(float_format=lambda v: f"{v:,.{digits}f}", na_rep="", justify="right")


def section_text(section: Section) -> str:
    """Render a section for the console: headline, assumptions, tables, notes."""
    bar = "=" * min(78, len(section.title))
    lines = [section.title, bar]
    lines += [f"  {line}" for line in section.headline]
    lines += ["", "Inputs and assumptions"]
    width = max((len(a.name) for a in section.assumptions), default=0)
    width = min(width, 44)
    for a in section.assumptions:
        lines.append(f"  {a.name:<{width}}  {a.value}  [{a.source}]")
    with pd.option_context("display.width", 160, "display.max_columns", 30):
        for table in section.tables.values():
            lines += ["", table.title, _fmt(table.frame, table.digits)]
    if section.notes:
        lines += [""] + [f"Note: {n}" for n in section.notes]
    return "\n".join(lines)
