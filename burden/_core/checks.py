"""Input checks shared by every module: turn user input into float64 arrays or fail clearly.

Why one module: the shared argument checks are one vocabulary (numbers, names, years, rng,
arrays) that every public function calls at its top; one place keeps their messages alike.

Each function names the field it checks so that the error says exactly what was wrong,
and each runs before any computation.
"""

from __future__ import annotations

import difflib
import math
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeGuard, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden.errors import BurdenError, BurdenWarning, InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from burden.typing import FloatArray

__all__ = [
    "as_flag",
    "as_float_array",
    "as_instance",
    "as_mapping",
    "as_name",
    "as_names",
    "as_number",
    "as_rng",
    "as_texts",
    "as_whole_number",
    "as_year",
    "as_year_series",
    "as_years",
    "broadcast_batch",
    "finite_result",
    "first_bad",
    "one_of",
    "ratio",
    "readonly",
]

YEAR_MIN = 1900
YEAR_MAX = 2200


def _first_bad(arr: npt.NDArray[Any], bad: npt.NDArray[np.bool_]) -> str:
    """Describe the first flagged element of `arr`: ``"first at [2]: nan"``."""
    flat = np.flatnonzero(bad.ravel())
    if not flat.size:
        return ""
    where = np.unravel_index(int(flat[0]), arr.shape)
    value = arr[where]
    shown = repr(value.item()) if isinstance(value, np.generic) else repr(value)
    if arr.ndim == 0:
        return f"the value {shown}"
    index = ", ".join(str(int(i)) for i in where)
    return f"first at [{index}]: {shown}"


def first_bad(arr: npt.NDArray[Any], bad: npt.NDArray[np.bool_]) -> str:
    """Describe where `bad` first holds in `arr`, for a one-line message.

    Examples
    --------
    >>> first_bad(np.array([1.0, -2.0]), np.array([False, True]))
    'first at [1]: -2.0'
    """
    return _first_bad(arr, bad)


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
    if isinstance(value, pd.DataFrame | str | bytes | Mapping | set | frozenset) or value is None:
        raise InvalidInputError(field, value, "a number or an array of numbers")
    if isinstance(value, pd.Series):
        value = value.to_numpy()
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError, OverflowError):
        # numpy refuses ragged nested lists ("inhomogeneous shape"); say so ourselves.
        raise InvalidInputError(
            field, value, "a number or a rectangular array of numbers (no ragged lists)"
        ) from None
    if arr.dtype == np.bool_ or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise InvalidInputError(field, value, "a number or an array of numbers")
    try:
        out = np.array(arr, dtype=np.float64, copy=True)
    except OverflowError:  # pragma: no cover - integers beyond float64 already fail above
        raise InvalidInputError(field, value, "numbers within float64 range") from None
    if not allow_nan and (bad := np.isnan(out)).any():
        raise InvalidInputError(field, value, f"numbers without NaN ({_first_bad(out, bad)})")
    if not allow_inf and (bad := np.isinf(out)).any():
        raise InvalidInputError(field, value, f"finite numbers ({_first_bad(out, bad)})")
    if nonnegative and (bad := out < 0).any():
        raise InvalidInputError(field, value, f"numbers >= 0 ({_first_bad(out, bad)})")
    return out


def as_year(value: object, field: str) -> int:
    """Return `value` as a calendar year (an int), or raise naming `field`.

    Examples
    --------
    >>> as_year(2019, "base_year")
    2019
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise InvalidInputError(field, value, "a year as an integer, e.g. 2019")
    year = int(value)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise InvalidInputError(field, value, f"a year between {YEAR_MIN} and {YEAR_MAX}")
    return year


def as_whole_number(value: object, field: str, *, minimum: int, maximum: int) -> int:
    """Return `value` as an int in ``[minimum, maximum]`` (bools rejected), or raise.

    Examples
    --------
    >>> as_whole_number(2, "lag", minimum=0, maximum=50)
    2
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise InvalidInputError(field, value, f"a whole number from {minimum} to {maximum}")
    if not minimum <= int(value) <= maximum:
        raise InvalidInputError(field, value, f"a whole number from {minimum} to {maximum}")
    return int(value)


def as_number(
    value: object,
    field: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    inclusive: tuple[bool, bool] = (True, True),
    allow_inf: bool = False,
) -> float:
    """Return `value` as one float (not an array, bool or string), or raise naming `field`.

    Parameters
    ----------
    value : object
        A Python or NumPy real number (a 0-d array is accepted).
    field : str
        Name used in the error message.
    minimum, maximum : float, optional
        Bounds; `inclusive` says whether each bound itself is allowed.
    allow_inf : bool, default False
        Accept infinities (NaN is never accepted).

    Examples
    --------
    >>> as_number(0.95, "confidence_level", minimum=0.0, maximum=1.0, inclusive=(False, False))
    0.95
    """
    low_ok, high_ok = inclusive
    span = "a number"
    if minimum is not None and maximum is not None:
        span = f"a number in {'[' if low_ok else '('}{minimum}, {maximum}{']' if high_ok else ')'}"
    elif minimum is not None:
        span = f"a number {'>=' if low_ok else '>'} {minimum}"
    elif maximum is not None:
        span = f"a number {'<=' if high_ok else '<'} {maximum}"
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, int | float | np.integer | np.floating
    ):
        raise InvalidInputError(field, value, f"one number ({span})")
    try:
        number = float(value)
    except OverflowError:
        raise InvalidInputError(field, value, span) from None
    if math.isnan(number) or (math.isinf(number) and not allow_inf):
        raise InvalidInputError(field, value, f"a finite number ({span})")
    if minimum is not None and (number < minimum or (number == minimum and not low_ok)):
        raise InvalidInputError(field, value, span)
    if maximum is not None and (number > maximum or (number == maximum and not high_ok)):
        raise InvalidInputError(field, value, span)
    return number


def as_flag(value: object, field: str) -> bool:
    """Return `value` as a bool (``True``/``False`` or a NumPy bool), or raise.

    Examples
    --------
    >>> as_flag(True, "paste")
    True
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if not isinstance(value, bool | np.bool_):
        raise InvalidInputError(field, value, "True or False")
    return bool(value)


def did_you_mean(value: object, choices: Sequence[str]) -> str:
    """Return ``"did you mean 'X'?"`` for a close match among `choices`, else ``""``.

    Examples
    --------
    >>> did_you_mean("usd", ["KRW", "USD"])
    "did you mean 'USD'?"
    """
    if not isinstance(value, str) or not value:
        return ""
    folded = {c.casefold(): c for c in choices}
    if value.casefold() in folded:
        return f"did you mean {folded[value.casefold()]!r}?"
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return f"did you mean {folded[close[0]]!r}?" if close else ""


def as_name(
    value: object,
    field: str,
    choices: Sequence[str] | None = None,
    *,
    error: type[BurdenError] | None = None,
) -> str:
    """Return `value` as a non-empty string, one of `choices` if given, or raise.

    Arrays, lists, Series and other unhashable values are refused before any lookup,
    with a did-you-mean hint for a near miss.

    Parameters
    ----------
    value : object
        The name given.
    field : str
        Name used in the error message.
    choices : sequence of str, optional
        The vocabulary; None accepts any non-empty string.
    error : type, optional
        The error raised for a string outside `choices` (default
        :class:`~burden.errors.InvalidInputError`; pass ``MissingDataError`` for a
        lookup of a name that burden does not have).

    Examples
    --------
    >>> as_name("talmud", "rule", ["talmud", "proportional"])
    'talmud'
    """
    listed = ", ".join(choices) if choices is not None else ""
    expected = f"one of {listed}" if choices is not None else "a non-empty name (a string)"
    if isinstance(value, np.str_):
        value = str(value)
    if not isinstance(value, str) or not value:
        raise InvalidInputError(field, value, expected)
    if choices is not None and value not in choices:
        cls = error or InvalidInputError
        raise cls(field, value, expected, hint=did_you_mean(value, choices))
    return value


def as_rng(value: object, field: str = "rng") -> np.random.Generator:
    """Normalise a SPEC 7 `rng` (None, a seed >= 0, a Generator or SeedSequence) once.

    Examples
    --------
    >>> as_rng(1).integers(10) == as_rng(1).integers(10)
    np.True_
    """
    if value is None or isinstance(value, np.random.Generator | np.random.SeedSequence):
        return np.random.default_rng(value)
    if isinstance(value, np.random.BitGenerator):
        return np.random.default_rng(value)
    if is_int(value) and int(value) >= 0:
        return np.random.default_rng(int(value))
    raise InvalidInputError(
        field, value, "None, a seed (an integer >= 0), a numpy Generator or a SeedSequence"
    )


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
    given: object = arr
    if isinstance(given, np.generic):  # a NumPy scalar is immutable already
        return arr
    if not isinstance(given, np.ndarray):  # a result built by hand from something else
        raise InvalidInputError("array", arr, "a numpy array")
    arr.setflags(write=False)
    return arr


def is_int(value: object) -> TypeGuard[int | np.integer[Any]]:
    """Return True for a Python or NumPy integer that is not a bool."""
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def as_instance(value: object, cls: type[Any] | tuple[type[Any], ...], field: str) -> Any:
    """Return `value` if it is an instance of `cls`, else raise naming the expected type.

    Examples
    --------
    >>> as_instance(1.0, float, "x")
    1.0
    """
    if not isinstance(value, cls):
        names = " or ".join(c.__name__ for c in (cls if isinstance(cls, tuple) else (cls,)))
        raise InvalidInputError(field, value, f"a {names}")
    return value


def as_mapping(value: object, field: str) -> Mapping[Any, Any]:
    """Return `value` if it is a mapping (e.g. a dict), else raise naming `field`.

    Examples
    --------
    >>> as_mapping({"a": 1.0}, "floors")
    {'a': 1.0}
    """
    if not isinstance(value, Mapping):
        raise InvalidInputError(field, value, "a mapping such as a dict")
    return value


def as_years(value: object, field: str, *, scalar_ok: bool = True) -> npt.NDArray[np.int64]:
    """Return calendar years as an int64 array (each within 1900-2200), or raise.

    Integers (or whole floats) only: strings, bools, datetimes, NaN and ragged lists
    are refused naming `field`.

    Examples
    --------
    >>> as_years([2020, 2021], "years")
    array([2020, 2021])
    """
    expected = f"integer years between {YEAR_MIN} and {YEAR_MAX}"
    if isinstance(value, str | bytes | Mapping | set | frozenset | pd.DataFrame) or value is None:
        raise InvalidInputError(field, value, expected)
    if isinstance(value, pd.Series | pd.Index):
        value = value.to_numpy()
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError, OverflowError):
        raise InvalidInputError(field, value, expected) from None
    if arr.ndim > 1 or (arr.ndim == 0 and not scalar_ok):
        raise InvalidInputError(field, value, f"a 1-D sequence of {expected}")
    if arr.dtype.kind == "f":
        finite = np.isfinite(arr)
        if not finite.all() or (arr != np.round(arr)).any():
            raise InvalidInputError(field, value, expected)
    elif arr.dtype.kind not in "iu":
        raise InvalidInputError(field, value, expected)
    if arr.size and ((arr < YEAR_MIN) | (arr > YEAR_MAX)).any():
        bad = (arr < YEAR_MIN) | (arr > YEAR_MAX)
        raise InvalidInputError(field, value, f"{expected} ({_first_bad(arr, bad)})")
    return arr.astype(np.int64)


def finite_result(out: npt.NDArray[Any], field: str, value: object) -> npt.NDArray[Any]:
    """Return `out`, or raise if finite input overflowed to inf/NaN in the computation.

    Call it on the result of float arithmetic done under ``np.errstate(all="ignore")``:
    burden never returns inf silently from finite input (see docs/reliability.md).

    Examples
    --------
    >>> finite_result(np.array([1.0]), "x", 1.0)
    array([1.])
    """
    bad = ~np.isfinite(out)
    if bad.any():
        raise InvalidInputError(
            field,
            value,
            "values small enough that the result stays within float64 "
            f"(about 1.8e308; the result overflowed, {_first_bad(out, bad)})",
            hint="express the amounts in a larger unit",
        )
    return out


def as_names(value: object, field: str, *, length: int | None = None) -> tuple[str, ...]:
    """Return a sequence of labels (strings or numbers, not one string) as a tuple of str.

    Examples
    --------
    >>> as_names(["host", "sender"], "players", length=2)
    ('host', 'sender')
    """
    if isinstance(value, pd.Series | pd.Index | np.ndarray):
        value = value.tolist()
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, list | tuple):
        raise InvalidInputError(field, value, "a list of names")
    if not all(isinstance(v, str | int | np.integer) and not isinstance(v, bool) for v in value):
        raise InvalidInputError(field, value, "a list of names (strings)")
    names = tuple(str(v) for v in value)
    if length is not None and len(names) != length:
        raise InvalidInputError(field, value, f"{length} names")
    return names


def ratio(numerator: npt.ArrayLike, denominator: npt.ArrayLike, field: str) -> FloatArray:
    """``numerator / denominator`` with NaN (and one :class:`BurdenWarning`) against zero.

    A ratio against a zero amount has no finite answer: those entries are NaN, the
    others are computed, and a warning says how many (``np.isnan`` gives the mask).
    See docs/reliability.md.

    Examples
    --------
    >>> ratio([1.0, 2.0], [2.0, 4.0], "share")
    array([0.5, 0.5])
    """
    num = np.asarray(numerator, dtype=np.float64)
    den = np.asarray(denominator, dtype=np.float64)
    with np.errstate(all="ignore"):
        out = np.array(num / den, dtype=np.float64)
    zero = np.broadcast_to(den == 0, out.shape)
    if zero.any():
        out[zero] = np.nan
        warnings.warn(
            f"{field}: {int(zero.sum())} of {out.size} ratios are against a zero amount; "
            "they are NaN (np.isnan gives the mask)",
            BurdenWarning,
            stacklevel=3,
        )
    return out


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
    burden.errors.InvalidInputError: rule: expected one of proportional, \
constrained_equal_awards, constrained_equal_losses, talmud, random_arrival, \
adjusted_proportional, got 'talmd'; did you mean 'talmud'?
    """
    choices = _words(vocabulary)
    if all(isinstance(c, str) for c in choices):
        words = [str(c) for c in choices]
        aka = dict(aliases or {})
        name = as_name(value, field, [*words, *aka])
        return aka.get(name, name)
    if is_int(value) and int(value) in choices:
        return int(value)
    raise InvalidInputError(field, value, "one of " + ", ".join(map(str, choices)))


def as_texts(**texts: object) -> None:
    """Raise unless every given option (title, unit, currency, ...) is None or a string.

    Examples
    --------
    >>> as_texts(title="t", unit=None)
    """
    for field, text in texts.items():
        if text is not None and not isinstance(text, str):
            raise InvalidInputError(field, text, "a string")
