"""Input checks shared by every module: turn user input into float64 arrays or fail clearly.

Each function names the field it checks so that the error says exactly what was wrong,
and each runs before any computation.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeGuard, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden.errors import InvalidInputError

if TYPE_CHECKING:
    from burden.typing import FloatArray

__all__ = [
    "as_float_array",
    "as_whole_number",
    "as_year",
    "as_year_series",
    "broadcast_batch",
    "one_of",
    "readonly",
]


def as_float_array(
    value: npt.ArrayLike,
    field: str,
    *,
    nonnegative: bool = False,
    allow_nan: bool = False,
    allow_inf: bool = False,
) -> FloatArray:
    """Convert `value` to a float64 array, rejecting what cannot be money or a rate.

    Parameters
    ----------
    value : array_like
        Scalar or array of numbers (bools and strings are rejected).
    field : str
        Name used in the error message.
    nonnegative : bool, default False
        Reject negative entries.
    allow_nan, allow_inf : bool, default False
        Accept NaN or infinite entries.

    Returns
    -------
    ndarray of float64
        A new array (never a view of the caller's data), same shape as `value`.

    Raises
    ------
    InvalidInputError
        If `value` is not numeric, or has NaN, infinite or negative entries where
        those are not allowed.

    Examples
    --------
    >>> as_float_array([1, 2.5], "rate")
    array([1. , 2.5])
    """
    arr = np.asarray(value)
    if arr.dtype == np.bool_ or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise InvalidInputError(field, value, "a number or an array of numbers")
    out = np.array(arr, dtype=np.float64, copy=True)
    if not allow_nan and np.isnan(out).any():
        raise InvalidInputError(field, value, "numbers without NaN")
    if not allow_inf and np.isinf(out).any():
        raise InvalidInputError(field, value, "finite numbers")
    if nonnegative and (out < 0).any():
        raise InvalidInputError(field, value, "numbers >= 0")
    return out


def as_year(value: object, field: str) -> int:
    """Return `value` as a calendar year (an int), or raise naming `field`.

    Examples
    --------
    >>> as_year(2019, "base_year")
    2019
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise InvalidInputError(field, value, "a year as an integer, e.g. 2019")
    year = int(value)
    if not 1900 <= year <= 2200:
        raise InvalidInputError(field, value, "a year between 1900 and 2200")
    return year


def as_whole_number(value: object, field: str, *, minimum: int, maximum: int) -> int:
    """Return `value` as an int in ``[minimum, maximum]`` (bools rejected), or raise.

    Examples
    --------
    >>> as_whole_number(2, "lag", minimum=0, maximum=50)
    2
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise InvalidInputError(field, value, f"a whole number from {minimum} to {maximum}")
    if not minimum <= int(value) <= maximum:
        raise InvalidInputError(field, value, f"a whole number from {minimum} to {maximum}")
    return int(value)


def as_year_series(value: Any, field: str, *, consecutive: bool = True) -> pd.Series:
    """Return a float64 Series indexed by integer years, sorted.

    Accepts a pandas Series indexed by year, or a mapping ``{year: number}``.
    With ``consecutive=True`` (the default) a gap between years is an error.

    Raises
    ------
    InvalidInputError
        If the index is not integer years, has gaps or duplicates, or a value is
        not a finite number.

    Examples
    --------
    >>> as_year_series({2020: 0.5, 2021: 2.5}, "cpi").tolist()
    [0.5, 2.5]
    """
    if isinstance(value, Mapping):
        value = pd.Series(dict(value))
    if not isinstance(value, pd.Series):
        raise InvalidInputError(field, value, "a pandas Series indexed by year (or a dict)")
    if len(value) == 0:
        raise InvalidInputError(field, value, "at least one year")
    years = np.asarray(value.index)
    if not np.issubdtype(years.dtype, np.integer):
        raise InvalidInputError(f"{field}.index", value.index, "integer years")
    order = np.argsort(years)
    years = years[order]
    if len(np.unique(years)) != len(years):
        raise InvalidInputError(f"{field}.index", years, "each year once")
    gaps = np.flatnonzero(np.diff(years) != 1)
    if consecutive and gaps.size:
        missing = int(years[gaps[0]]) + 1
        raise InvalidInputError(
            f"{field}.index", years, f"consecutive years (no gaps), but {missing} is missing"
        )
    values = as_float_array(np.asarray(value.to_numpy())[order], field)
    return pd.Series(values, index=pd.Index(years.astype(np.int64), name="year"), name=value.name)


def broadcast_batch(fields: Mapping[str, FloatArray]) -> tuple[int, ...]:
    """Return the broadcast shape of several arrays, or raise naming their shapes.

    Examples
    --------
    >>> broadcast_batch({"a": np.zeros(3), "b": np.zeros(())})
    (3,)
    """
    try:
        return np.broadcast_shapes(*(arr.shape for arr in fields.values()))
    except ValueError:
        shapes = {name: arr.shape for name, arr in fields.items()}
        raise InvalidInputError(
            ", ".join(fields), shapes, "shapes that broadcast together"
        ) from None


def readonly(arr: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Mark `arr` read-only and return it (results never change after they are made)."""
    arr.setflags(write=False)
    return arr


def is_int(value: object) -> TypeGuard[int | np.integer[Any]]:
    """Return True for a Python or NumPy integer that is not a bool."""
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def _words(vocabulary: object) -> tuple[object, ...]:
    """Return the choices of a ``Literal`` alias (nested ones flattened) or of a tuple."""
    if isinstance(vocabulary, tuple):
        return vocabulary
    out: list[object] = []
    for arg in get_args(vocabulary):
        out.extend(_words(arg) if get_args(arg) else (arg,))
    return tuple(out)


def one_of(
    value: object,
    field: str,
    vocabulary: object,
    *,
    aliases: Mapping[str, str] | None = None,
) -> Any:
    """Return the option `value` names in `vocabulary`, or raise with a did-you-mean hint.

    Parameters
    ----------
    value : object
        The option given (a string; an integer for integer vocabularies).
    field : str
        Name used in the error message.
    vocabulary : Literal alias or tuple
        The accepted choices, normally an alias from :mod:`burden.typing`.
    aliases : mapping of str to str, optional
        Short names and the choice each stands for (e.g.
        :data:`burden.typing.CLAIMS_RULE_ALIASES`); an alias is returned as its choice.

    Returns
    -------
    str or int
        The canonical choice (typed ``Any`` so the caller annotates it with the
        vocabulary).

    Raises
    ------
    InvalidInputError
        If `value` is not one of the choices or aliases (arrays, lists and bools are
        refused before any lookup).

    Examples
    --------
    >>> from burden.typing import CLAIMS_RULE_ALIASES, ClaimsRule
    >>> one_of("cea", "rule", ClaimsRule, aliases=CLAIMS_RULE_ALIASES)
    'constrained_equal_awards'
    >>> one_of("talmd", "rule", ClaimsRule)
    Traceback (most recent call last):
    ...
    burden.errors.InvalidInputError: rule: expected one of 'proportional', \
'constrained_equal_awards', 'constrained_equal_losses', 'talmud', 'random_arrival', \
'adjusted_proportional', got 'talmd'; did you mean 'talmud'?
    """
    choices = _words(vocabulary)
    accepted: dict[object, object] = {c: c for c in choices}
    accepted.update(aliases or {})
    key: object = None
    if isinstance(value, str):
        key = str(value)
    elif is_int(value):
        key = int(value)
    if key is not None and key in accepted:
        return accepted[key]
    expected = "one of " + ", ".join(repr(c) for c in choices)
    hint = ""
    if isinstance(key, str):
        words = [str(w) for w in accepted if isinstance(w, str)]
        close = difflib.get_close_matches(key.casefold(), words, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean {close[0]!r}?"
    raise InvalidInputError(field, value, expected, hint=hint)
