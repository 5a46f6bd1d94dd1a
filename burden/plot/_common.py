"""Shared pieces of the figures: palette, axes, money scale and input checks."""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Final, ParamSpec, TypeVar

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, as_number
from burden._core.optional import require
from burden.errors import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from matplotlib.axes import Axes

    from burden.typing import FloatArray, PriceBasis

__all__ = ["OKABE_ITO", "money_scale"]

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

_SCALES: Final = ((1e12, "trillion"), (1e9, "bn"), (1e6, "million"), (1e3, "thousand"))


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


def _finish(ax: Axes, title: str) -> Axes:
    ax.set_title(title)
    ax.grid(visible=True, axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    return ax


def money_scale(values: npt.ArrayLike) -> tuple[float, str]:
    """Choose a readable unit (trillion, bn, million, thousand) for money `values`.

    Parameters
    ----------
    values : array_like
        Amounts in whole currency units (NaN ignored).

    Returns
    -------
    factor : float
        Divide the values by this before plotting.
    word : str
        Unit word for the axis label (empty for factor 1).

    Examples
    --------
    >>> money_scale([1.0389e12, 5.9e12])
    (1000000000000.0, 'trillion')
    >>> money_scale([870.0])
    (1.0, '')
    """
    arr = np.abs(np.asarray(values, dtype=np.float64))
    top = float(np.nanmax(arr)) if arr.size and not np.isnan(arr).all() else 0.0
    for factor, word in _SCALES:
        if top >= factor:
            return factor, word
    return 1.0, ""


def _basis_text(basis: PriceBasis) -> str:
    return "nominal" if basis == "nominal" else f"constant {basis} prices"


def _money_label(currency: str, basis: PriceBasis, word: str, deflator: str | None = None) -> str:
    unit = f"{currency} {word}".strip()
    if basis != "nominal":
        # Name the price index used (see burden.money: own index or host perspective).
        from burden.money import basis_label  # noqa: PLC0415

        return f"{unit} ({basis_label(currency, basis, deflator)})"
    return f"{unit} ({_basis_text(basis)})"


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
