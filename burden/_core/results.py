"""The shared shape of every result object: a short repr, one HTML renderer, frozen arrays.

Every result class of burden (a frozen, slotted dataclass) inherits :class:`Result` and
declares ``repr=False`` so that the base's :meth:`Result.__repr__` is used. A result
supplies three small things:

- ``_title`` (class attribute): the kind of result, e.g. ``"Sobol' indices"``;
- ``_facts()``: the key figures, a few ``(name, value)`` pairs, shown by ``repr()`` and
  above the HTML table;
- ``_display()``: a :class:`Table`, the frame shown in notebooks with the kind of each
  column (money, share, ...), so that :func:`render_html` can format it readably.

The renderer scales every money column of a table by one factor (thousand million
"bn", million million "tn") and puts the unit in the header, shows shares as
percentages and never writes ``e+`` in a number.

Examples
--------
>>> import numpy as np
>>> import pandas as pd
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True, slots=True, repr=False)
... class Demo(Result):
...     values: np.ndarray
...     _title = "Demo"
...     def _facts(self):
...         return [("n", self.values.size)]
...     def to_frame(self):
...         return pd.DataFrame({"value": self.values})
...     def _display(self):
...         return Table(self.to_frame(), kinds={"value": "money"}, currency="KRW")
>>> d = Demo(np.array([1.0389e12, 1.1e12]))
>>> d
Demo(n=2)
>>> d.values.flags.writeable
False
>>> "value (KRW tn)" in d._repr_html_(), "1.039" in d._repr_html_()
(True, True)
"""

from __future__ import annotations

import dataclasses
import html
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import is_int as _is_int
from burden._core.checks import readonly
from burden.errors import InvalidInputError, MissingDataError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from burden.typing import ColumnKind


__all__ = [
    "SCALES",
    "Result",
    "Table",
    "batch_frame",
    "format_money",
    "freeze_arrays",
    "money_scale",
    "render_html",
    "scale_factor",
    "shape_text",
    "short_repr",
]

SCALES: Final = ((1e12, "tn"), (1e9, "bn"), (1e6, "mn"))
"""Money scales, largest first: factor and the word shown after the currency."""

_MAX_ROWS: Final = 20
_MAX_REPR: Final = 300
_MAX_FACT: Final = 60


def money_scale(values: npt.ArrayLike) -> tuple[float, str]:
    """Choose a readable unit (tn, bn, mn) for money `values`.

    Parameters
    ----------
    values : array_like
        Amounts in whole currency units (NaN ignored).

    Returns
    -------
    factor : float
        Divide the values by this before showing them.
    word : str
        Unit word for the header or axis label (empty for factor 1).

    Examples
    --------
    >>> money_scale([1.0389e12, 5.9e12])
    (1000000000000.0, 'tn')
    >>> money_scale([870.0])
    (1.0, '')
    """
    arr = np.abs(np.asarray(values, dtype=np.float64))
    finite = arr[np.isfinite(arr)]
    top = float(finite.max()) if finite.size else 0.0
    for factor, word in SCALES:
        if top >= factor:
            return factor, word
    return 1.0, ""


def scale_factor(unit: str, values: npt.ArrayLike, field: str = "unit") -> tuple[float, str]:
    """Return the factor and word of a money `unit` ("auto", "tn", "bn", "mn", "units").

    Examples
    --------
    >>> scale_factor("bn", [1.0e12])
    (1000000000.0, 'bn')
    >>> scale_factor("units", [1.0e12])
    (1.0, '')
    """
    if unit == "auto":
        return money_scale(values)
    if unit == "units":
        return 1.0, ""
    for factor, word in SCALES:
        if unit == word:
            return factor, word
    raise InvalidInputError(field, unit, "one of 'auto', 'tn', 'bn', 'mn', 'units'")


def _plain(value: float) -> str:
    """Format a number without an exponent for large values (4 digits, separators)."""
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("∞" if value > 0 else "-∞")
    size = abs(value)
    if size >= 1e4 or (size >= 1 and value == round(value)):
        return f"{value:,.0f}"
    if size == 0 or size >= 1e-4:
        return f"{value:.4g}"
    return f"{value:.2e}"


def _decimals(values: npt.ArrayLike) -> Callable[[float], str]:
    """Return a formatter with fixed decimals: four significant digits for the largest value."""
    arr = np.abs(np.asarray(values, dtype=np.float64))
    finite = arr[np.isfinite(arr) & (arr > 0)]
    top = float(finite.max()) if finite.size else 0.0
    digits = 0 if top == 0 or top >= 1e3 else min(8, 3 - math.floor(math.log10(top)))

    def fmt(value: float) -> str:
        if not math.isfinite(value):
            return _plain(value)
        return f"{value:,.{digits}f}"

    return fmt


def _percent(value: float) -> str:
    if not math.isfinite(value):
        return _plain(value)
    return f"{100.0 * value:,.2f}%"


@dataclass(frozen=True, slots=True)
class Table:
    """A frame to show, with the kind of its columns (for :func:`render_html`).

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show (the renderer shows the first 20).
    kinds : mapping of str to ColumnKind
        Columns not listed are shown as numbers (floats), counts (integers) or text.
    groups : mapping of str to str, optional
        Money columns sharing a group name share one scale (default: all of them
        share one); e.g. per-person amounts in their own group keep their digits.
    currency : str, optional
        Currency of the money columns, written in their header with the scale.
    unit : MoneyUnit, default "auto"
        Scale of the money columns (one factor for all of them).
    note : str, optional
        A line under the table (e.g. which price basis or which draws).
    """

    frame: pd.DataFrame
    kinds: Mapping[str, ColumnKind] = field(default_factory=dict)
    groups: Mapping[str, str] = field(default_factory=dict)
    currency: str | None = None
    unit: str = "auto"
    note: str = ""

    def money_columns(self) -> list[str]:
        """Names of the columns holding money."""
        return [c for c in self.frame.columns if self.kinds.get(str(c)) == "money"]

    def formatted(self) -> pd.DataFrame:
        """Return the frame with every cell as text and the units in the headers."""
        frame = self.frame
        scales: dict[str, tuple[float, str, Callable[[float], str]]] = {}
        for group in {self.groups.get(c, "") for c in self.money_columns()}:
            members = [c for c in self.money_columns() if self.groups.get(c, "") == group]
            values = frame[members].to_numpy(dtype=np.float64)
            factor, word = scale_factor(self.unit, values)
            scales |= dict.fromkeys(members, (factor, word, _decimals(values / factor)))
        out: dict[str, list[str]] = {}
        for col in frame.columns:
            name = str(col)
            series = frame[col]
            kind = self.kinds.get(name) or _infer(series)
            if kind == "money":
                factor, word, fmt = scales[name]
                unit = " ".join(p for p in (self.currency or "", word) if p)
                scaled = series.to_numpy(dtype=np.float64) / factor
                out[f"{name} ({unit})" if unit else name] = [fmt(float(v)) for v in scaled]
            elif kind == "share":
                out[f"{name} (%)"] = [_percent(float(v)) for v in series]
            elif kind == "number":
                column = series.to_numpy(dtype=np.float64)
                big = np.abs(column[np.isfinite(column)])
                fmt = _decimals(column) if big.size and big.max() < 1e4 else _plain
                out[name] = [fmt(float(v)) for v in column]
            elif kind == "count":
                out[name] = [f"{int(v):,}" for v in series]
            else:
                out[name] = [str(v) for v in series]
        return pd.DataFrame(out, index=frame.index)


def _infer(series: pd.Series) -> ColumnKind:
    if pd.api.types.is_bool_dtype(series):
        return "text"
    if pd.api.types.is_integer_dtype(series):
        return "count"
    if pd.api.types.is_float_dtype(series):
        return "number"
    return "text"


def _fact(value: object) -> str:
    text = _plain(float(value)) if isinstance(value, float | np.floating) else str(value)
    return text if len(text) <= _MAX_FACT else text[: _MAX_FACT - 3] + "..."


def short_repr(kind: str, facts: Sequence[tuple[str, object]]) -> str:
    """Return ``kind(name=value, ...)``, at most 300 characters.

    Examples
    --------
    >>> short_repr("Zopa", [("draws", 1000), ("P(zone)", "62%")])
    'Zopa(draws=1000, P(zone)=62%)'
    """
    body = ", ".join(f"{k}={_fact(v)}" for k, v in facts)
    text = f"{kind}({body})"
    return text if len(text) <= _MAX_REPR else text[: _MAX_REPR - 4] + "...)"


def render_html(
    title: str, facts: Sequence[tuple[str, object]], table: Table | pd.DataFrame
) -> str:
    """Return the notebook HTML of a result: a title, its key figures and a table.

    Parameters
    ----------
    title : str
        The kind of result.
    facts : sequence of (str, object)
        Key figures, shown as a list.
    table : Table or pandas.DataFrame
        Shown with readable numbers (a bare DataFrame has its columns' kinds inferred).

    Returns
    -------
    str

    Examples
    --------
    >>> import pandas as pd
    >>> t = Table(pd.DataFrame({"amount": [8.867e8], "share": [0.0207]}),
    ...           kinds={"amount": "money", "share": "share"}, currency="USD")
    >>> out = render_html("Demo", [("years", "2020")], t)
    >>> "amount (USD mn)" in out, "886.7" in out, "2.07%" in out
    (True, True, True)
    """
    spec = table if isinstance(table, Table) else Table(table)
    items = "".join(
        f"<li><b>{html.escape(str(k))}</b>: {html.escape(_fact(v))}</li>" for k, v in facts
    )
    frame = spec.formatted()
    more = len(frame) - _MAX_ROWS
    show_index = frame.index.name is not None or any(n is not None for n in frame.index.names)
    body = frame.head(_MAX_ROWS).to_html(index=show_index, escape=True)
    notes = [spec.note] if spec.note else []
    if more > 0:
        notes.append(f"... {more} more rows (use .to_frame())")
    tail = "".join(f"<p>{html.escape(n)}</p>" for n in notes)
    return (
        f'<div class="burden-result"><h4>{html.escape(title)}</h4><ul>{items}</ul>'
        f"{body}{tail}</div>"
    )


def freeze_arrays(obj: object) -> None:
    """Mark every array field of a dataclass (also inside tuples) read-only, in place."""
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name, None)
        if isinstance(value, np.ndarray):
            readonly(value)
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, np.ndarray):
                    readonly(item)


class Result:
    """Base of every result: a short repr, notebook HTML and read-only arrays.

    Subclasses are frozen, slotted dataclasses declared with ``repr=False``. They set
    ``_title``, implement ``_facts()`` and ``to_frame()``, and may override
    ``_display()`` (default: the tidy frame with inferred column kinds).
    """

    __slots__ = ()

    _title: ClassVar[str] = ""
    _no_plot: ClassVar[str] = ""
    """Why the result has no ``.plot()`` (empty when it has one)."""

    def __post_init__(self) -> None:
        freeze_arrays(self)

    def _facts(self) -> list[tuple[str, object]]:
        """Key figures, ``(name, value)`` pairs: the kind, shape and main numbers."""
        return []

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame (one row per observation, ``draw`` for the batch axis)."""
        raise NotImplementedError

    def _display(self) -> Table:
        return Table(self.to_frame())

    def __repr__(self) -> str:
        return short_repr(type(self).__name__, self._facts())

    def _repr_html_(self) -> str:
        return render_html(self._title or type(self).__name__, self._facts(), self._display())


def format_money(value: float | npt.ArrayLike, currency: str) -> str:
    """Return money as text scaled to tn, bn or mn: ``"KRW 1.039 tn"``.

    Examples
    --------
    >>> format_money(1.0389e12, "KRW"), format_money(36451.2, "USD")
    ('KRW 1.039 tn', 'USD 36,451')
    """
    arr = np.asarray(value, dtype=np.float64)
    factor, word = money_scale(arr)
    top = float(np.nanmax(np.abs(arr))) if np.isfinite(arr).any() else 0.0
    scaled = float(arr.reshape(-1)[0]) / factor if arr.size == 1 else np.nan
    text = _decimals(top / factor)(scaled) if factor > 1 else _plain(scaled)
    return " ".join(p for p in (currency, text, word) if p)


def shape_text(shape: tuple[int, ...]) -> str:
    """``(3, 4)`` -> ``"3x4"``; ``()`` -> ``"scalar"``."""
    return "x".join(str(s) for s in shape) if shape else "scalar"


def batch_frame(columns: Mapping[str, npt.NDArray[Any]], shape: tuple[int, ...]) -> pd.DataFrame:
    """Tidy frame of arrays sharing a batch `shape`: ``draw`` (and ``axis_1``...) columns first.

    Examples
    --------
    >>> batch_frame({"x": np.array([1.0, 2.0])}, (2,)).columns.tolist()
    ['draw', 'x']
    """
    n = math.prod(shape)
    data: dict[str, npt.ArrayLike] = {}
    if shape:
        grids = np.unravel_index(np.arange(n), shape)
        data["draw"] = grids[0]
        for k, g in enumerate(grids[1:], start=1):
            data[f"axis_{k}"] = g
    for name, arr in columns.items():
        data[name] = np.broadcast_to(arr, shape).reshape(n) if shape else np.reshape(arr, 1)
    return pd.DataFrame(data)


def _output_index(names: Sequence[str], output: str | int) -> int:
    """Position of an output given by label or position."""
    if isinstance(output, str):
        if output not in names:
            raise MissingDataError("output", output, f"one of {list(names)}")
        return list(names).index(output)
    if not _is_int(output) or not -len(names) <= output < len(names):
        raise InvalidInputError("output", output, f"a label or a position below {len(names)}")
    return int(output) % len(names)


def model_label(model: object) -> str | None:
    """Return what a model computes, in words (its ``label``), or None.

    The adapters of :mod:`burden.uncertainty.models` name it (``"SMA-11"``, ``"US-DEMAND-2019
    vs SMA-11"``); figures of the analyses show it.

    Examples
    --------
    >>> model_label(lambda p: p["a"]) is None
    True
    """
    label = getattr(model, "label", None)
    return label if isinstance(label, str) else None


def model_units(model: object) -> tuple[str, str] | None:
    """Return a model's ``units`` -- (currency, price basis in words) -- or None.

    Model adapters that know the currency and basis of their outputs (e.g.
    :class:`burden.uncertainty.models.AgreementModel`) expose them as ``units``;
    the analyses keep them so their figures label money axes without being told.

    Examples
    --------
    >>> model_units(lambda p: p["a"]) is None
    True
    """
    units = getattr(model, "units", None)
    if isinstance(units, tuple) and len(units) == 2 and all(isinstance(u, str) for u in units):
        return (units[0], units[1])
    return None
