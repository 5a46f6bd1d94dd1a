"""Shared helpers of the result objects: HTML rendering and tidy frames."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Final

from burden._core.checks import is_int as _is_int
from burden.errors import InvalidInputError, MissingDataError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

__all__ = ["render_html"]

_MAX_ROWS: Final = 20


def render_html(title: str, facts: Sequence[tuple[str, object]], frame: pd.DataFrame) -> str:
    """Return a small HTML block: a title, a list of facts and the head of a tidy frame."""
    items = "".join(
        f"<li><b>{html.escape(str(k))}</b>: {html.escape(str(v))}</li>" for k, v in facts
    )
    more = len(frame) - _MAX_ROWS
    note = f"<p>... {more} more rows (use .to_frame())</p>" if more > 0 else ""
    table = frame.head(_MAX_ROWS).to_html(index=False, float_format=lambda v: f"{v:.6g}")
    return f"<div><h4>{html.escape(title)}</h4><ul>{items}</ul>{table}{note}</div>"


def _output_index(names: Sequence[str], output: str | int) -> int:
    """Position of an output given by label or position."""
    if isinstance(output, str):
        if output not in names:
            raise MissingDataError("output", output, f"one of {list(names)}")
        return list(names).index(output)
    if not _is_int(output) or not -len(names) <= output < len(names):
        raise InvalidInputError("output", output, f"a label or a position below {len(names)}")
    return int(output) % len(names)
