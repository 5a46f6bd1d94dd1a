"""Shared pieces of the figures: palette, axes, money scale and input checks."""

from __future__ import annotations

import functools
import inspect
import re
import textwrap
from typing import TYPE_CHECKING, Final, ParamSpec, TypeVar

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, as_number
from burden._core.optional import require
from burden._core.results import money_scale
from burden.errors import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from matplotlib.axes import Axes

    from burden.typing import FloatArray

__all__ = ["OKABE_ITO", "money_axis", "money_scale"]

OKABE_ITO: Final = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
"""The Okabe-Ito colour-blind-safe palette, in the order burden uses it."""


def _colour(i: int) -> str:
    return OKABE_ITO[i % len(OKABE_ITO)]


_P = ParamSpec("_P")
_R = TypeVar("_R")
_TEXT_OPTIONS: Final = ("title", "unit", "median_label", "input_name")


def _checked(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Check the options every figure shares (ax, title, unit, ...) before drawing."""
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            given = signature.bind(*args, **kwargs).arguments
        except TypeError as err:
            raise InvalidInputError(fn.__name__, str(err), "the documented arguments") from None
        ax = given.get("ax")
        if ax is not None:
            from matplotlib.axes import Axes  # noqa: PLC0415

            if not isinstance(ax, Axes):
                raise InvalidInputError("ax", ax, "None or a matplotlib Axes")
        for name in _TEXT_OPTIONS:
            value = given.get(name)
            if value is not None and not isinstance(value, str):
                raise InvalidInputError(name, value, "a string")
        actual = given.get("actual")
        if actual is not None:
            as_number(actual, "actual")
        return fn(*args, **kwargs)

    return wrapper


def _axes(ax: Axes | None, *, size: tuple[float, float] = (8.0, 4.8)) -> Axes:
    """Return `ax`, or the axes of a new pyplot figure; raise if matplotlib is missing."""
    require("matplotlib.pyplot", purpose="figures")  # OptionalDependencyError if missing
    import matplotlib.pyplot as plt  # noqa: PLC0415

    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _integer_years(ax: Axes) -> None:
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


_TITLE_WIDTH: Final = 60
"""Characters per title line: longer titles wrap instead of running off the figure."""


def _finish(ax: Axes, title: str) -> Axes:
    lines = [
        textwrap.fill(line, _TITLE_WIDTH, break_on_hyphens=False) for line in title.split("\n")
    ]
    ax.set_title("\n".join(lines))
    ax.grid(visible=True, axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    return ax


def _money_label(currency: str, basis: str, word: str) -> str:
    """Axis label of money: ``"KRW tn (nominal)"``; `basis` is the price basis in words.

    ``"constant 2019 prices (US CPI-U)"`` reads ``"USD bn (2019 prices, US CPI-U)"``:
    one pair of parentheses.
    """
    unit = f"{currency} {word}".strip()
    nested = re.fullmatch(r"constant (\d{4}) prices \((.+)\)", basis)
    if nested is not None:
        basis = f"{nested.group(1)} prices, {nested.group(2)}"
    return f"{unit} ({basis})"


def money_axis(values: npt.ArrayLike, currency: str, basis: str | None) -> tuple[float, str]:
    """Return the factor to divide money `values` by and the axis label with its unit.

    `basis` is the price basis in words (:func:`burden.money.basis_label`, e.g.
    ``"constant 2019 prices (US CPI-U)"``), or None to leave it out.

    Examples
    --------
    >>> money_axis([1.2e12], "KRW", "nominal")
    (1000000000000.0, 'KRW tn (nominal)')
    """
    factor, word = money_scale(values)
    if basis is None:
        return factor, f"{currency} {word}".strip()
    return factor, _money_label(currency, basis, word)


def _wrap(name: str, width: int = 20) -> str:
    """Break a long name after its dots or underscores (never inside a word) into lines.

    Examples
    --------
    >>> print(_wrap("baseline.index_shift[2022]"))
    baseline.index_
    shift[2022]
    """
    if len(name) <= width:
        return name
    pieces, cut = [], 0
    for i, char in enumerate(name):
        if char in "._" and i + 1 < len(name):
            pieces.append(name[cut : i + 1])
            cut = i + 1
    pieces.append(name[cut:])
    lines = [""]
    for piece in pieces:
        if lines[-1] and len(lines[-1]) + len(piece) > width:
            lines.append("")
        lines[-1] += piece
    return "\n".join(lines)


def _long_labels(ax: Axes, labels: Sequence[str], *, axis: str = "x") -> None:
    """Set tick labels so that long parameter names stay readable (wrapped, rotated)."""
    wrapped = [_wrap(str(n)) for n in labels]
    pos = np.arange(len(labels), dtype=np.float64)
    if axis == "y":
        ax.set_yticks(pos, wrapped)
        return
    longest = max((len(str(n)) for n in labels), default=0)
    if longest > 10 or len(labels) > 8:
        ax.set_xticks(pos, [str(n) for n in labels], rotation=30, ha="right")
    else:
        ax.set_xticks(pos, wrapped)


def _names(names: Sequence[str], field: str) -> list[str]:
    out = [str(n) for n in names]
    if not out:
        raise InvalidInputError(field, names, "at least one name")
    return out


def _vector(value: npt.ArrayLike, field: str, n: int, *, allow_nan: bool = False) -> FloatArray:
    arr = as_float_array(value, field, allow_nan=allow_nan)
    if arr.shape != (n,):
        raise InvalidInputError(field, arr.shape, f"shape ({n},), one value per name")
    return arr


def _rows(values: FloatArray) -> FloatArray:
    """Flatten leading (draw) axes: ``(..., T) -> (n, T)``."""
    return values.reshape(-1, values.shape[-1])
