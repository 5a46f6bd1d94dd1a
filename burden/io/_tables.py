"""The tables of a scenario file: typed values read with key-path errors, and the specs.

The primitives both :mod:`burden.io.scenario_file` (agreements, money, compare, paths)
and :mod:`burden.io._analyses` (the analysis sections) read TOML values with: each
checks one value and, when it is wrong, raises a :class:`ScenarioFileError` naming the
key path (``agreements.us_demand.base_amount``), the value as written and what was
expected. Kept apart so that the two readers import it and not each other.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from burden import agreements as builtins
from burden.errors import BurdenError, InvalidInputError, MissingDataError
from burden.money import CURRENCIES, MissingAssumptionsError, MissingRateError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from burden.agreements import Agreement
    from burden.typing import Deflator, PriceBasis

__all__ = ["CompareSpec", "PathsSpec", "ScenarioFileError", "ScenarioNameError"]

_T = TypeVar("_T")


def _toml(value: object) -> str:
    """Render a value as it would be written in TOML (strings in double quotes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | list | dict):
        text = json.dumps(value, ensure_ascii=False, default=str)
        return text if len(text) <= 120 else text[:117] + "..."
    return repr(value)


class ScenarioFileError(InvalidInputError):
    """A scenario file that cannot be read, parsed or understood.

    The message names the key path (``agreements.us_demand.base_amount``), the
    value as written in TOML and what was expected.
    """

    def __init__(
        self,
        field: str,
        value: object,
        expected: str,
        *,
        hint: str = "",
        message: str | None = None,
    ) -> None:
        super().__init__(field, value, expected, hint=hint)
        if message is None:
            message = f"{field}: expected {expected}, got {_toml(value)}"
            if hint:
                message = f"{message}; {hint}"
        self.args = (message,)


class ScenarioNameError(ScenarioFileError, MissingDataError):
    """A scenario file names an agreement, built-in or index that does not exist."""


def _suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"?' if close else f"valid: {', '.join(options)}"


def _check_keys(table: Mapping[str, Any], allowed: Sequence[str], path: str) -> None:
    for key in table:
        if key not in allowed:
            where = f"{path}.{key}" if path else key
            raise ScenarioFileError(
                where,
                key,
                "a known key",
                message=f"{where}: unknown key; {_suggest(key, allowed)}",
            )


def _table(value: object, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ScenarioFileError(path, value, "a table")
    return value


def _required(table: Mapping[str, Any], key: str, path: str, expected: str) -> Any:
    if key not in table:
        raise ScenarioFileError(
            f"{path}.{key}", None, expected, message=f"{path}.{key}: missing; expected {expected}"
        )
    return table[key]


def _string(value: object, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise ScenarioFileError(path, value, "a non-empty string")
    return value


def _number(
    value: object,
    path: str,
    *,
    expected: str = "a number",
    positive: bool = False,
    nonnegative: bool = False,
    above: float | None = None,
) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ScenarioFileError(path, value, expected)
    number = float(value)
    if (
        (positive and number <= 0)
        or (nonnegative and number < 0)
        or (above is not None and number <= above)
    ):
        raise ScenarioFileError(path, value, expected)
    return number


def _integer(value: object, path: str, *, lo: int, hi: int, expected: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ScenarioFileError(path, value, expected)
    return value


def _year(value: object, path: str) -> int:
    return _integer(value, path, lo=1900, hi=2200, expected="a year as an integer, e.g. 2019")


def _currency(value: object, path: str) -> str:
    if not isinstance(value, str) or value not in CURRENCIES:
        upper = value.upper() if isinstance(value, str) else ""
        hint = f'did you mean "{upper}"?' if upper in CURRENCIES else ""
        raise ScenarioFileError(
            path, value, f"a currency code, one of {', '.join(CURRENCIES)}", hint=hint
        )
    return value


def _price_basis(value: object, path: str) -> PriceBasis:
    if value == "nominal":
        return "nominal"
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise ScenarioFileError(path, value, '"nominal" or a base year such as 2019')
    return value


def _year_range(value: object, path: str) -> list[int]:
    if not isinstance(value, list) or len(value) != 2:
        raise ScenarioFileError(path, value, "[first, last] years, e.g. [2020, 2025]")
    first, last = (_year(v, f"{path}[{i}]") for i, v in enumerate(value))
    if last < first:
        raise ScenarioFileError(path, value, "[first, last] with last >= first")
    return list(range(first, last + 1))


def _wrap(path: str, action: Callable[[], _T]) -> _T:
    """Run a constructor; re-raise its error prefixed with the key path."""
    try:
        return action()
    except ScenarioFileError:
        raise
    except BurdenError as err:
        if isinstance(err, MissingAssumptionsError):
            # In a scenario file each fix is a key of the file.
            fixes = [
                _money_hint(e)
                if isinstance(e, MissingRateError)
                else "state projection = RATE in the agreement's table (beside builtin = ...) "
                "or in its escalation table"
                for e in err.errors
            ]
            message = f"{path}: {err.with_fixes(fixes)}"
            raise ScenarioNameError(path, err.value, err.expected, message=message) from None
        if isinstance(err, MissingRateError):
            # In a scenario file the fix is a key of the file, not a Python call.
            what = f"{err.currency} per USD" if err.series == "per_usd" else f"{err.currency} CPI"
            message = f"{path}: no {what} for {err.year} (data: {err.known}); {_money_hint(err)}"
            raise ScenarioNameError(path, err.value, err.expected, message=message) from None
        attribute = re.fullmatch(r"[A-Z]\w*\.([a-z_]+)", err.field)
        if attribute is not None:
            # "Indexed.cap" is the key "cap" of this table: name the key path (a missing
            # price index is fixed by the table's price_basis).
            key = "price_basis" if err.field == "MoneyContext.price_index" else attribute.group(1)
            key_path = f"{path}.{key}"
            message = key_path + _in_file_words(err)[len(err.field) :]
            raise ScenarioFileError(key_path, err.value, err.expected, message=message) from None
        message = f"{path}: {_in_file_words(err)}"
        raise ScenarioFileError(path, err.value, err.expected, message=message) from None


def _in_file_words(err: BurdenError) -> str:
    """Return `err` as one line whose fix is a key of the file, not a Python call.

    The library's hints name Python calls (right for Python users); in a scenario file
    the fix is a key, a smaller analysis or ``BURDEN_LIMITS``.
    """
    from burden.errors import LimitError, _names_python, _without_python  # noqa: PLC0415

    hint = err.hint
    if err.field == "MoneyContext.price_index":
        hint = (
            f'burden ships no {err.value} price index: use price_basis = "nominal", or, when '
            'both scenarios\' hosts use KRW or USD, deflate_with = "host" in the [[compare]] '
            "(the host's CPI, converted at the base year's rate)"
        )
    elif isinstance(err, LimitError) and _names_python(hint):
        hint = (
            "choose fewer draws (draws = N in this table) or raise the limit for this run: "
            "BURDEN_LIMITS=memory=... or work=... (see docs/reliability.md)"
        )
    elif _names_python(hint):
        hint = "; ".join(_without_python(hint))
    return err._message(err.field, hint)


def _money_hint(err: MissingRateError) -> str:
    """Return the [money] key that supplies what a conversion missed."""
    code = err.currency
    if err.series == "per_usd":
        if code == "KRW":
            return "state one in [money]: krw_per_usd_projection = 1400.0 (or per_usd = { KRW = 1400.0 })"
        return f'state one in [money]: per_usd = {{ {code} = {{ "{err.year}" = rate }} }}'
    if code == "KRW":
        return "state one in [money]: cpi_projection = 0.02 (or inflation = { KRW = 0.02 })"
    return f"state one in [money]: inflation = {{ {code} = 0.02 }}"


@dataclass(frozen=True, slots=True, kw_only=True)
class CompareSpec:
    """One ``[[compare]]`` analysis: baseline and alternative keys and options."""

    name: str
    baseline: str
    alternative: str
    currency: str = "KRW"
    price_basis: PriceBasis = "nominal"
    years: tuple[int, ...] | None = None
    deflate_with: Deflator = "currency"
    discount_rate: float | None = None
    discount_year: int | None = None
    path: str = "compare"


@dataclass(frozen=True, slots=True, kw_only=True)
class PathsSpec:
    """One ``[[paths]]`` analysis: agreements to draw on one currency and basis."""

    name: str
    agreements: tuple[str, ...]
    currency: str = "KRW"
    price_basis: PriceBasis = "nominal"
    years: tuple[int, ...] | None = None
    path: str = "paths"


def _file_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or "analysis"


def _reference(value: object, path: str, known: dict[str, Agreement]) -> str:
    name = _string(value, path)
    if name in known:
        return name
    if name in builtins.names():
        known[name] = builtins.get(name)
        return name
    options = [*known, *builtins.names()]
    raise ScenarioNameError(
        path,
        name,
        "an agreement key of this file or a built-in name",
        hint=_suggest(name, options),
    )


# Public under burden.io.scenario_file (which re-exports them): name them there, so
# tracebacks, reprs and pickles show the documented path.
for _public in (ScenarioFileError, ScenarioNameError, CompareSpec, PathsSpec):
    _public.__module__ = "burden.io.scenario_file"
