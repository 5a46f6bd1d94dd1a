"""Escalation rules: how an agreement's amount moves from one year to the next.

Why one module: the four rules and the vectorized path engine that applies them are one
concept (the engine runs only these rules, year-major over draws); about half is
documentation.

Four rules cover every Special Measures Agreement whose rule is known:

- :class:`Fixed` — a fixed rate, e.g. the 11th SMA's +13.9% for 2021;
- :class:`Freeze` — the previous year's amount again (the 11th SMA's 2020);
- :class:`Indexed` — a rate taken from an index series (CPI inflation, defence-budget
  growth) with a lag, a cap, a floor and rounding of the rate;
- :class:`Schedule` — amounts set year by year.

Every numeric input may be an array of draws (a leading axis); a rule computes the
next year's amount for all draws at once. Rules are values: they hold inputs and
compute nothing until an :class:`~burden.Agreement` asks them to.

Examples
--------
>>> import pandas as pd
>>> import burden as bd
>>> cpi = pd.Series({2007: 0.025, 2008: 0.047})
>>> rule = bd.Indexed(cpi, lag=2, cap=0.04)
>>> rule.rates_for([2009, 2010]).tolist()   # 2010 takes 2008's 4.7%, capped at 4%
[0.025, 0.04]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeAlias, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import (
    as_float_array,
    as_number,
    as_whole_number,
    as_year,
    as_years,
    finite_result,
    readonly,
)
from burden.errors import InvalidInputError, MissingDataError

if TYPE_CHECKING:
    from burden.typing import FloatArray, IntArray

__all__ = [
    "Fixed",
    "Freeze",
    "Indexed",
    "Rule",
    "Schedule",
    "round_half_up",
]

YearValues: TypeAlias = "pd.Series | pd.DataFrame | Mapping[int, npt.ArrayLike]"


class Rule(Protocol):
    """What an escalation rule provides to an agreement (all four rules satisfy it)."""

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the draw axes of the rule's inputs (``()`` when scalar)."""
        ...

    @property
    def escalates(self) -> bool:
        """Whether amounts come from a rate and so are rounded (not Freeze, Schedule)."""
        ...

    def check_years(self, years: IntArray, field: str, *, allow_future: bool) -> None:
        """Raise if the rule lacks data for one of `years`."""
        ...

    def next_amounts(self, previous: FloatArray, year: int) -> FloatArray:
        """Amounts of `year` given those of the year before, broadcast over draws."""
        ...


def _escalate(previous: FloatArray, rate: FloatArray) -> FloatArray:
    """``previous * (1 + rate)``, read-only; raise on mismatched shapes or an overflow."""
    try:
        np.broadcast_shapes(previous.shape, rate.shape)
    except ValueError:
        raise InvalidInputError(
            "previous", previous.shape, f"a shape that broadcasts with the rates {rate.shape}"
        ) from None
    with np.errstate(all="ignore"):
        out = previous * (1.0 + rate)
    if np.isfinite(previous).all():
        finite_result(out, "previous", previous)
    return readonly(out)


def round_half_up(x: FloatArray, step: float) -> FloatArray:
    """Round non-negative `x` to the nearest multiple of `step`, halves away from zero.

    A tolerance of 1e-9 steps absorbs binary floating-point error, so that a value
    printed as an exact half (12,471.5) rounds up as an accountant would.

    Examples
    --------
    >>> round_half_up(np.array([11833.071e8, 7600.5e8]), 1e8) / 1e8
    array([11833.,  7601.])
    """
    step = as_number(step, "step", minimum=0.0, inclusive=(False, True))
    values = as_float_array(x, "x", allow_nan=True)
    with np.errstate(over="ignore"):
        scaled = np.abs(values) / step
    if np.isfinite(values).all():
        finite_result(scaled, "step", step)  # a step so small that x / step overflows
    return readonly(_round_half_up(values, step))


def _round_half_up(x: FloatArray, step: float) -> FloatArray:
    """:func:`round_half_up` without the checks, into a new writable array."""
    if np.ndim(x) == 0:
        return np.asarray(np.sign(x) * np.floor(np.abs(x) / step + 0.5 + 1e-9) * step)
    # The same operations in the same order, in place (one temporary instead of six).
    out = np.abs(x) / step
    out += 0.5
    out += 1e-9
    np.floor(out, out=out)
    out *= np.sign(x)
    out *= step
    return out


def _round_rate(rate: FloatArray, decimals: int) -> FloatArray:
    """Round rates (fractions) to `decimals` places, halves away from zero."""
    return _round_half_up(rate, 10.0**-decimals)


_RATE_HINT = "rates are fractions: 0.05 means +5%"


def _check_rates(rate: FloatArray, field: str) -> None:
    """Reject rates outside (-1, 1]: a rate of 5 is almost surely a percentage typed as is."""
    finite = rate[np.isfinite(rate)]
    if (finite <= -1).any():
        raise InvalidInputError(field, float(finite.min()), "rates above -1", hint=_RATE_HINT)
    if (finite > 1).any():
        guess = (
            f"did you mean {float(finite.max()) / 100:g}?"
            if finite.size == 1
            else "divide the series by 100"
        )
        raise InvalidInputError(
            field,
            float(finite.max()),
            "rates of at most 1 (+100% a year)",
            hint=f"{_RATE_HINT}; {guess}",
        )


def _within_rates(table: FloatArray, shift: FloatArray, shifted: FloatArray) -> bool:
    """Whether every rate of `shifted` = `table` + `shift` lies in (-1, 1], cheaply.

    For one index series (`table` 1-D) and one shift per draw, the extremes of the shifted
    table are exactly ``fl(min + min)`` and ``fl(max + max)`` (rounding is monotone), so
    only the draws are scanned, not the whole (n, K) table.
    """
    if table.ndim == 1 and shift.ndim == 1 and table.size and shift.size:
        low = float(table.min()) + float(shift.min())
        high = float(table.max()) + float(shift.max())
    else:
        low, high = float(shifted.min()), float(shifted.max())
    return low > -1.0 and high <= 1.0


def _as_rate(value: npt.ArrayLike, field: str) -> FloatArray:
    rate = as_float_array(value, field)
    _check_rates(rate, field)
    return readonly(rate)


def _year_table(
    values: Any, field: str, *, allow_nan: bool = False
) -> tuple[IntArray, FloatArray]:
    """Normalise per-year values (Series, DataFrame with year columns, or mapping).

    Returns the sorted years, shape (K,), and the values, shape (..., K).
    """
    if isinstance(values, pd.DataFrame):
        years = np.asarray(values.columns)
        table = as_float_array(values.to_numpy(dtype=np.float64), field, allow_nan=allow_nan)
    elif isinstance(values, pd.Series):
        years = np.asarray(values.index)
        table = as_float_array(values.to_numpy(), field, allow_nan=allow_nan)
    elif isinstance(values, Mapping):
        years = np.asarray(list(values.keys()))
        columns = [
            as_float_array(v, f"{field}[{k!r}]", allow_nan=allow_nan) for k, v in values.items()
        ]
        try:
            table = np.stack(np.broadcast_arrays(*columns), axis=-1) if columns else np.empty(0)
        except ValueError:
            shapes = {k: c.shape for k, c in zip(values, columns, strict=True)}
            raise InvalidInputError(field, shapes, "values whose shapes broadcast") from None
    else:
        raise InvalidInputError(
            field, values, "a Series indexed by year, a DataFrame with year columns, or a dict"
        )
    if years.size == 0:
        raise InvalidInputError(field, values, "at least one year")
    if not np.issubdtype(years.dtype, np.integer):
        raise InvalidInputError(f"{field}.years", years, "integer years")
    order = np.argsort(years, kind="stable")
    years = years[order].astype(np.int64)
    if np.unique(years).size != years.size:
        raise InvalidInputError(f"{field}.years", years, "each year once")
    return readonly(years), readonly(np.ascontiguousarray(table[..., order]))


def _trim_missing_ends(years: IntArray, table: FloatArray) -> tuple[IntArray, FloatArray]:
    """Drop years with no value at the start and end of a series (e.g. data not yet out).

    A year counts as missing when every draw is NaN there; NaN inside stays an error.
    """
    present = ~np.isnan(table).reshape(-1, years.size).all(axis=0)
    if not present.any():
        raise InvalidInputError("Indexed.rates", years.tolist(), "at least one year with a value")
    first, last = np.flatnonzero(present)[[0, -1]]
    keep = slice(int(first), int(last) + 1)
    return readonly(years[keep].copy()), readonly(np.ascontiguousarray(table[..., keep]))


@dataclass(frozen=True, slots=True, eq=False)
class Fixed:
    """Escalate by a fixed rate each year: ``amount[Y] = amount[Y-1] * (1 + rate)``.

    Parameters
    ----------
    rate : float or array_like, shape (...,)
        Fraction per year (0.139 = +13.9%); an array gives one rate per draw.

    Examples
    --------
    >>> import burden as bd
    >>> bd.Fixed(0.139).next_amounts(np.array([10389e8]), 2021) / 1e8
    array([11833.071])
    """

    rate: npt.ArrayLike

    def __post_init__(self) -> None:
        object.__setattr__(self, "rate", _as_rate(self.rate, "Fixed.rate"))

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the draws of `rate`."""
        return np.shape(self.rate)

    @property
    def escalates(self) -> bool:
        """Always True."""
        return True

    def check_years(self, years: IntArray, field: str, *, allow_future: bool) -> None:
        """Nothing to check: a fixed rate applies to any year."""

    def next_amounts(self, previous: FloatArray, year: int) -> FloatArray:
        """Return ``previous * (1 + rate)``."""
        prev = as_float_array(previous, "previous", allow_nan=True)
        as_year(year, "year")
        return _escalate(prev, np.asarray(self.rate, dtype=np.float64))


@dataclass(frozen=True, slots=True, eq=False)
class Freeze:
    """Keep the previous year's amount (a rate of zero).

    Examples
    --------
    >>> import burden as bd
    >>> bd.Freeze().next_amounts(np.array([5.0, 6.0]), 2020)
    array([5., 6.])
    """

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Always ``()``."""
        return ()

    @property
    def escalates(self) -> bool:
        """False: the amount is carried as it is, so rounding never changes it."""
        return False

    def check_years(self, years: IntArray, field: str, *, allow_future: bool) -> None:
        """Nothing to check."""

    def next_amounts(self, previous: FloatArray, year: int) -> FloatArray:
        """Return ``previous`` unchanged."""
        as_year(year, "year")
        return readonly(as_float_array(previous, "previous", allow_nan=True))


@dataclass(frozen=True, slots=True, eq=False)
class Indexed:
    """Escalate by an index series, with lag, cap, floor and rate rounding.

    ``amount[Y] = amount[Y-1] * (1 + clip(round(rates[Y - lag], rate_rounding), floor, cap))``

    Parameters
    ----------
    rates : Series, DataFrame or dict
        The index as fractions (0.021 = 2.1%) by year: a Series indexed by year, a
        DataFrame whose columns are years and rows are draws, or a dict
        ``{year: rate or array of draws}``. Years must be consecutive.
    lag : int, default 0
        The rate applied in year ``Y`` is that of year ``Y - lag`` (the 8th, 9th and
        12th SMAs use CPI of ``Y - 2``; the 11th SMA uses budget growth of ``Y - 1``).
    cap, floor : float or array_like, optional
        Bounds on the rate after rounding (the 8th and 9th SMAs cap at 4%).
    rate_rounding : int, optional
        Decimal places of the rate (as a fraction) before it is applied: 3 rounds to
        0.1 percentage point, as the 11th SMA does. Halves round away from zero.
    projection : float or array_like, optional
        Rate assumed for index years after the last year of `rates` (a forecast,
        which you state). Without it, such years are an error: a missing figure
        stays missing.

    Raises
    ------
    InvalidInputError
        If rates have gaps or NaN, `lag` is negative, `cap` is below `floor`, or
        `rate_rounding` is not a small non-negative integer.

    Examples
    --------
    >>> import pandas as pd
    >>> import burden as bd
    >>> budget_growth = pd.Series({2021: 0.05358})
    >>> bd.Indexed(budget_growth, lag=1, rate_rounding=3).rates_for([2022]).tolist()
    [0.054]
    """

    rates: YearValues
    _: KW_ONLY
    lag: int = 0
    cap: npt.ArrayLike | None = None
    floor: npt.ArrayLike | None = None
    rate_rounding: int | None = None
    projection: npt.ArrayLike | None = None

    def __post_init__(self) -> None:
        years, table = _year_table(self.rates, "Indexed.rates", allow_nan=True)
        years, table = _trim_missing_ends(years, table)
        if years.size > 1 and not (np.diff(years) == 1).all():
            gap = int(years[np.flatnonzero(np.diff(years) != 1)[0]]) + 1
            raise InvalidInputError(
                "Indexed.rates", years.tolist(), f"consecutive years, but {gap} is missing"
            )
        if np.isnan(table).any():
            bad = years[np.isnan(table).reshape(-1, years.size).any(axis=0)]
            raise InvalidInputError(
                "Indexed.rates",
                bad.tolist(),
                "a value for every year between the first and the last",
                hint="missing figures inside the series cannot be escalated over",
            )
        _check_rates(table, "Indexed.rates")
        lag = as_whole_number(self.lag, "Indexed.lag", minimum=0, maximum=100)
        cap = None if self.cap is None else _as_rate(self.cap, "Indexed.cap")
        floor = None if self.floor is None else _as_rate(self.floor, "Indexed.floor")
        if cap is not None and floor is not None:
            try:
                below = bool((cap < floor).any())
            except ValueError:
                raise InvalidInputError(
                    "Indexed.cap", cap.shape, f"a shape that broadcasts with floor {floor.shape}"
                ) from None
            if below:
                raise InvalidInputError("Indexed.cap", cap, f"a cap >= floor ({floor.tolist()})")
        if self.rate_rounding is not None:
            digits = as_whole_number(
                self.rate_rounding, "Indexed.rate_rounding", minimum=0, maximum=12
            )
            object.__setattr__(self, "rate_rounding", digits)
        projection = (
            None if self.projection is None else _as_rate(self.projection, "Indexed.projection")
        )
        object.__setattr__(self, "_years", years)
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "lag", lag)
        object.__setattr__(self, "cap", cap)
        object.__setattr__(self, "floor", floor)
        object.__setattr__(self, "projection", projection)
        # The shape check fails here, at construction, not in the middle of a run.
        _ = self.batch_shape

    # Private normalised copies of `rates`, set in __post_init__.
    _years: IntArray = field(init=False, repr=False)
    _table: FloatArray = field(init=False, repr=False)

    def __repr__(self) -> str:
        parts = [f"{self._years[0]}..{self._years[-1]}", f"lag={self.lag}"]
        for name in ("cap", "floor", "rate_rounding", "projection"):
            value = getattr(self, name)
            if value is not None:
                shown = (
                    value.tolist()
                    if isinstance(value, np.ndarray) and value.size <= 3
                    else (f"array{np.shape(value)}" if isinstance(value, np.ndarray) else value)
                )
                parts.append(f"{name}={shown}")
        draws = f", draws {self.batch_shape}" if self.batch_shape else ""
        return f"Indexed(rates {', '.join(parts)}{draws})"

    @property
    def index_years(self) -> IntArray:
        """Years covered by the index, shape ``(K,)``."""
        return self._years

    @property
    def rates_table(self) -> FloatArray:
        """Index values as fractions, shape ``(..., K)`` (draws first, years last)."""
        return self._table

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Broadcast shape of the draws of rates, cap, floor and projection."""
        shapes = [self._table.shape[:-1]]
        shapes += [np.shape(x) for x in (self.cap, self.floor, self.projection) if x is not None]
        try:
            return np.broadcast_shapes(*shapes)
        except ValueError:
            raise InvalidInputError(
                "Indexed", shapes, "rates, cap, floor and projection with broadcastable draws"
            ) from None

    @property
    def escalates(self) -> bool:
        """Always True."""
        return True

    def with_projection(self, projection: npt.ArrayLike) -> Indexed:
        """Return a copy that assumes `projection` for years after the index ends."""
        return Indexed(
            self.rates,
            lag=self.lag,
            cap=self.cap,
            floor=self.floor,
            rate_rounding=self.rate_rounding,
            projection=projection,
        )

    def _with_draws(
        self,
        shift: FloatArray | None,
        cap: npt.ArrayLike | None,
        floor: npt.ArrayLike | None,
        projection: npt.ArrayLike | None,
    ) -> Indexed:
        """Return a copy with per-draw `shift` added to the index and new cap, floor, projection.

        The same rule as ``Indexed({year: rates[..., j] + shift}, lag=..., cap=..., ...)``,
        without rebuilding and re-validating the year table column by column: the model
        adapters call it for every chunk of draws. Rates, cap and floor are checked as
        :class:`Indexed` checks them.
        """
        table = self._table if shift is None else self._table + shift[..., np.newaxis]
        if shift is not None and not _within_rates(self._table, shift, table):
            _check_rates(table, "Indexed.rates")  # names the bad value
        new = object.__new__(Indexed)
        rates = (
            self.rates
            if shift is None
            else {int(y): table[..., j] for j, y in enumerate(self._years.tolist())}
        )
        object.__setattr__(new, "rates", rates)
        object.__setattr__(new, "lag", self.lag)
        object.__setattr__(new, "rate_rounding", self.rate_rounding)
        for name, value in (("cap", cap), ("floor", floor), ("projection", projection)):
            object.__setattr__(
                new, name, None if value is None else _as_rate(value, f"Indexed.{name}")
            )
        object.__setattr__(new, "_years", self._years)
        object.__setattr__(new, "_table", readonly(table))
        _ = new.batch_shape  # draws must broadcast
        if new.cap is not None and new.floor is not None:
            low, high = np.asarray(new.floor), np.asarray(new.cap)
            if (high < low).any():
                raise InvalidInputError("Indexed.cap", high, f"a cap >= floor ({low.tolist()})")
        return new

    def check_years(self, years: IntArray, field: str, *, allow_future: bool) -> None:
        """Raise if an index year ``Y - lag`` is before the index or (unless allowed) after it.

        Raises
        ------
        MissingDataError
            Naming the first index year that is not available.
        """
        needed = as_years(years, "years") - self.lag
        first, last = int(self._years[0]), int(self._years[-1])
        early = needed[needed < first]
        if early.size:
            raise MissingDataError(
                f"{field}.lag",
                self.lag,
                f"a lag that stays within the index ({first}..{last})",
                hint=f"year {int(early[0]) + self.lag} would need index year {int(early[0])}",
            )
        late = needed[needed > last]
        if late.size and self.projection is None and not allow_future:
            raise MissingDataError(
                f"{field}.rates",
                int(late[0]),
                f"index years up to {last} (the last published)",
                hint=(
                    f"year {int(late[0]) + self.lag} needs the index of {int(late[0])}; "
                    "state an assumed rate: agreement.with_projection(rate) in Python, "
                    "--projection RATE with burden compare, projection = RATE in a "
                    "scenario file"
                ),
            )

    def rates_for(self, years: npt.ArrayLike) -> FloatArray:
        """Return the rate applied in each of `years`, shape ``batch_shape + (T,)``."""
        wanted = np.atleast_1d(as_years(years, "years"))
        self.check_years(wanted, "Indexed", allow_future=False)
        positions = np.clip(wanted - self.lag - self._years[0], 0, self._years.size - 1)
        raw = np.broadcast_to(self._table[..., positions], self.batch_shape + wanted.shape)
        if self.projection is not None:
            beyond = wanted - self.lag > self._years[-1]
            proj = np.asarray(self.projection)[..., np.newaxis]
            raw = np.where(beyond, proj, raw)
        return readonly(self._adjust(np.array(raw, dtype=np.float64)))

    def _adjust(self, raw: FloatArray) -> FloatArray:
        """Round, then clip: the order the SMAs apply."""
        return _clip_rate(
            raw,
            self.rate_rounding,
            None if self.floor is None else np.asarray(self.floor)[..., np.newaxis],
            None if self.cap is None else np.asarray(self.cap)[..., np.newaxis],
        )

    def next_amounts(self, previous: FloatArray, year: int) -> FloatArray:
        """Return ``previous * (1 + rate of year)``."""
        prev = as_float_array(previous, "previous", allow_nan=True)
        rate = self.rates_for([as_year(year, "year")])[..., 0]
        return _escalate(prev, rate)


@dataclass(frozen=True, slots=True, eq=False)
class Schedule:
    """Amounts set year by year (not escalated and not rounded).

    Parameters
    ----------
    amounts_by_year : Series, DataFrame or dict
        Whole currency units by year: a Series indexed by year, a DataFrame whose
        columns are years and rows are draws, or ``{year: amount or draws}``.

    Examples
    --------
    >>> import burden as bd
    >>> bd.Schedule({2020: 1.5e12}).next_amounts(np.array([1.0e12]), 2020)
    array([1.5e+12])
    """

    amounts_by_year: YearValues

    def __post_init__(self) -> None:
        years, table = _year_table(self.amounts_by_year, "Schedule.amounts_by_year")
        if (table < 0).any():
            raise InvalidInputError(
                "Schedule.amounts_by_year", self.amounts_by_year, "amounts >= 0"
            )
        object.__setattr__(self, "_years", years)
        object.__setattr__(self, "_table", table)

    _years: IntArray = field(init=False, repr=False)
    _table: FloatArray = field(init=False, repr=False)

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the draws of the scheduled amounts."""
        return self._table.shape[:-1]

    @property
    def escalates(self) -> bool:
        """False: scheduled amounts are taken as given."""
        return False

    def check_years(self, years: IntArray, field: str, *, allow_future: bool) -> None:  # noqa: ARG002
        """Raise if one of `years` has no scheduled amount."""
        wanted = as_years(years, "years")
        pos = np.minimum(np.searchsorted(self._years, wanted), self._years.size - 1)
        absent = self._years[pos] != wanted
        if absent.any():
            missing = np.unique(wanted[absent])
            raise MissingDataError(
                f"{field}.amounts_by_year",
                int(missing[0]),
                f"an amount for every year of the phase ({self._years.tolist()} given)",
            )

    def next_amounts(self, previous: FloatArray, year: int) -> FloatArray:
        """Return the scheduled amount of `year` (broadcast to the draws of `previous`)."""
        prev = as_float_array(previous, "previous", allow_nan=True)
        year = as_year(year, "year")
        self.check_years(np.array([year]), "Schedule", allow_future=False)
        column = self._table[..., int(np.searchsorted(self._years, year))]
        try:
            shape = np.broadcast_shapes(column.shape, prev.shape)
        except ValueError:
            raise InvalidInputError(
                "previous", prev.shape, f"a shape that broadcasts with the schedule {column.shape}"
            ) from None
        return readonly(np.broadcast_to(column, shape).copy())


# ---------------------------------------------------------------------------
# The path engine: every year of every draw, year-major, in cache-sized blocks of draws.
# ---------------------------------------------------------------------------

_DRAW_BLOCK: Final = 2**15
"""Draws per block of the engine: the (T, block) slab stays in cache across the years."""


def _clip_rate(
    raw: FloatArray, decimals: int | None, floor: FloatArray | None, cap: FloatArray | None
) -> FloatArray:
    """Round, then clip (the order the SMAs apply); `floor` and `cap` broadcast against `raw`."""
    rate = raw if decimals is None else _round_rate(raw, decimals)
    if floor is not None:
        rate = np.maximum(rate, floor)
    if cap is not None:
        rate = np.minimum(rate, cap)
    return rate


def _flat(value: npt.ArrayLike, batch: tuple[int, ...], n: int, tail: int = 0) -> FloatArray:
    """Flatten inputs whose leading axes broadcast to `batch` to (n,) + their last `tail` axes."""
    arr = np.asarray(value, dtype=np.float64)
    last = arr.shape[arr.ndim - tail :] if tail else ()
    if arr.shape != batch + last:
        arr = np.broadcast_to(arr, batch + last)
    return arr.reshape(n, *last)


def _rows(index: IntArray) -> slice | IntArray:
    """Return what picks rows `index` of a table: a slice when they are consecutive (a view)."""
    first = int(index[0])
    if (index == np.arange(first, first + index.size)).all():
        return slice(first, first + index.size)
    return index


class _Phase:
    """One phase of an agreement ready for the engine: everything that does not depend on draws.

    Made once per agreement (its first ``path()``), reused by every :func:`_path` call.
    ``kind`` is "freeze" (carry the amount), "amounts" (set it) or "factor" (multiply,
    then round when `rounds`); rows ``start..stop`` of the year-major buffer are its years.
    ``shared`` holds one value per year (shape (m,)) when the phase's inputs have no draws;
    otherwise ``rows`` picks the phase's years from the rule's per-draw table, year-major,
    and ``beyond`` marks (shape (m, 1)) the years that take an Indexed rule's projection.
    """

    __slots__ = (
        "beyond",
        "kind",
        "rounds",
        "rows",
        "rule",
        "same_each_year",
        "shared",
        "start",
        "stop",
    )

    def __init__(self, rule: Rule, years: IntArray, start: int, rounds: bool) -> None:
        self.start, self.stop = start, start + years.size
        self.rule = rule
        self.rounds = rounds
        self.shared: FloatArray | None = None
        self.rows: slice | IntArray = slice(None)
        self.beyond: npt.NDArray[np.bool_] | None = None
        self.same_each_year = False  # a Fixed rate per draw
        if isinstance(rule, Freeze):
            self.kind = "freeze"
        elif isinstance(rule, Schedule):
            self.kind = "amounts"
            cols = np.searchsorted(rule._years, years)
            if rule._table.ndim == 1:
                self.shared = readonly(rule._table[cols])
            else:
                self.rows = _rows(cols)
        elif isinstance(rule, Fixed):
            self.kind = "factor"
            rate = np.asarray(rule.rate)
            if rate.ndim == 0:
                self.shared = readonly(np.full(years.size, 1.0 + rate))
            else:
                self.same_each_year = True
        elif isinstance(rule, Indexed):
            self.kind = "factor"
            if not rule.batch_shape:
                self.shared = readonly(1.0 + rule.rates_for(years))
            else:
                # Same gather as Indexed.rates_for, year-major.
                index_years = rule._years
                self.rows = _rows(
                    np.clip(years - rule.lag - index_years[0], 0, index_years.size - 1)
                )
                if rule.projection is not None:
                    beyond = years - rule.lag > index_years[-1]
                    if beyond.any():
                        self.beyond = readonly(beyond[:, np.newaxis])
        else:  # pragma: no cover - an Agreement accepts only the four rules
            raise TypeError(type(rule).__name__)

    def inputs(self, batch: tuple[int, ...], n: int) -> tuple[FloatArray | None, ...]:
        """Return the per-draw inputs of one call, flat over draws (views where possible)."""
        rule = self.rule
        if self.shared is not None or self.kind == "freeze":
            return ()
        if isinstance(rule, Schedule):
            return (_flat(rule._table, batch, n, tail=1).T[self.rows],)  # (m, n)
        if isinstance(rule, Fixed):
            return (_flat(1.0 + np.asarray(rule.rate), batch, n),)  # (n,)
        rule = cast("Indexed", rule)  # the four rules only
        return (
            _flat(rule._table, batch, n, tail=1).T[self.rows],  # (m, n)
            None if self.beyond is None else _flat(rule.projection, batch, n),  # type: ignore[arg-type]
            None if rule.floor is None else _flat(rule.floor, batch, n),
            None if rule.cap is None else _flat(rule.cap, batch, n),
        )

    def sources(self) -> tuple[object, ...]:
        """Return the rule's arrays that :meth:`inputs` reads, in the same order."""
        rule = self.rule
        if isinstance(rule, Indexed):
            return (rule._table, rule.projection, rule.floor, rule.cap)
        return (rule._table,) if isinstance(rule, Schedule) else ()

    def block(self, inputs: tuple[FloatArray | None, ...], lo: int, hi: int) -> FloatArray:
        """Values of the phase's years for draws lo..hi: (m,) if shared, else (m, hi - lo)."""
        if self.shared is not None:
            return self.shared
        if not isinstance(self.rule, Indexed):  # (a Fixed rate per draw: see _fill)
            return cast("FloatArray", inputs[0])[:, lo:hi]  # scheduled amounts, (m, hi - lo)
        rates, proj, floor, cap = inputs
        raw = cast("FloatArray", rates)[:, lo:hi]  # (m, hi - lo)
        if self.beyond is not None and proj is not None:
            raw = np.where(self.beyond, proj[lo:hi], raw)
        decimals = self.rule.rate_rounding
        rate = np.array(raw) if decimals is None else _round_rate(raw, decimals)
        if floor is not None:
            np.maximum(rate, floor[lo:hi], out=rate)
        if cap is not None:
            np.minimum(rate, cap[lo:hi], out=rate)
        rate += 1.0
        return rate


def _is_view(view: FloatArray | None, source: object) -> bool:
    """Whether `view` is None or reads `source`'s memory (not a copy of it)."""
    return view is None or np.may_share_memory(view, np.asarray(source))


class _Plan:
    """An agreement's years and phases, ready for :func:`_path`; made once, draw-free.

    ``years`` is read-only and a view (it cannot be made writable again), so results
    can share it. ``factor`` tells whether some phase multiplies (and so can overflow).
    ``inputs`` holds, per phase, its per-draw inputs when they are views of the rules'
    own arrays (no copy, so nothing draw-sized is held), else None: made per call.
    A plan pickles as what it is made from (the views are made again, not copied).
    """

    __slots__ = (
        "_args",
        "base",
        "batch",
        "factor",
        "first",
        "inputs",
        "n",
        "phases",
        "static",
        "unit",
        "years",
    )

    def __init__(
        self,
        base: npt.ArrayLike,
        phases: tuple[tuple[int, Rule], ...],
        years: IntArray,
        rounding: float | None,
        batch: tuple[int, ...],
    ) -> None:
        self._args = (base, phases, years, rounding, batch)
        owner = readonly(np.array(years, dtype=np.int64))
        self.years: IntArray = readonly(owner.view())
        self.batch, self.n = batch, math.prod(batch)
        self.unit = 0.0 if rounding is None else float(rounding)
        t_all = years.size
        base_year = int(years[0])
        starts = [start for start, _ in phases] + [base_year + t_all]
        steps = []
        for (start, rule), stop in zip(phases, starts[1:], strict=True):
            lo_t, hi_t = start - base_year, min(stop - base_year, t_all)
            if lo_t < hi_t:
                rounds = rounding is not None and rule.escalates
                steps.append(_Phase(rule, owner[lo_t:hi_t], lo_t, rounds))
        self.phases: tuple[_Phase, ...] = tuple(steps)
        self.factor = any(step.kind == "factor" for step in steps)
        # A first phase that freezes: the base amount goes to all its rows at once.
        self.first = 1 if steps and steps[0].kind == "freeze" and steps[0].start == 1 else 0
        self.inputs: list[tuple[FloatArray | None, ...] | None] = []
        for step in steps:
            views = None
            if not isinstance(step.rule, Fixed):  # 1 + rate is computed: made per call
                views = step.inputs(batch, self.n)
                if not all(map(_is_view, views, step.sources())):
                    views = None  # a copy (broadcast draws, scattered years): per call
            self.inputs.append(views)
        self.static = all(views is not None for views in self.inputs)
        flat = _flat(base, batch, self.n)
        self.base = flat if _is_view(flat, base) else None  # a view of the base amounts

    def __reduce__(self) -> tuple[type[_Plan], tuple[object, ...]]:
        return (_Plan, self._args)


def _path(base: npt.ArrayLike, plan: _Plan) -> tuple[FloatArray, bool]:
    """Amounts of every year for every draw, shape ``batch + (T,)`` (the engine of paths).

    Returns the amounts and whether they are all finite. Year ``t`` is computed from
    year ``t - 1`` for a block of draws at a time, in a year-major (T, n) buffer whose
    rows are contiguous, with the rounding done in place; the result is its transpose (a
    view), so peak memory is the output plus one block. Bit-identical to applying each
    rule's :meth:`~Rule.next_amounts` and :func:`round_half_up` year by year (amounts
    are never negative, so the sign in :func:`round_half_up` is always 1).

    `base` is the agreement's base amount (the one the plan was made with). The rules
    must have every year they need (``check_years`` passed).
    """
    batch, n = plan.batch, plan.n
    inputs: list[tuple[FloatArray | None, ...]] = (
        cast("list[tuple[FloatArray | None, ...]]", plan.inputs)
        if plan.static
        else [
            phase.inputs(batch, n) if views is None else views
            for phase, views in zip(plan.phases, plan.inputs, strict=True)
        ]
    )
    out = np.empty((plan.years.size, n), dtype=np.float64)
    base_flat = _flat(base, batch, n) if plan.base is None else plan.base
    if plan.first:
        out[0 : plan.phases[0].stop] = base_flat
    if plan.factor:
        with np.errstate(over="ignore", invalid="ignore"):
            finite = _fill(out, base_flat, plan, inputs)
    else:
        finite = _fill(out, base_flat, plan, inputs)
    values = out.T
    return (values if len(batch) == 1 else values.reshape(*batch, out.shape[0])), finite


def _fill(
    out: FloatArray,
    base_flat: FloatArray,
    plan: _Plan,
    inputs: list[tuple[FloatArray | None, ...]],
) -> bool:
    """Fill the (T, n) buffer `out` phase by phase; return whether it is all finite.

    Finite inputs can overflow only in a "factor" phase, and an inf stays inf there (or
    becomes NaN through a factor of 0) to the phase's last year, so only that row is
    checked.
    """
    n, first, unit = plan.n, plan.first, plan.unit
    steps = list(zip(plan.phases, inputs, strict=True))[first:]
    finite = True
    for lo in range(0, n, _DRAW_BLOCK):  # loop over blocks of draws, each vectorized
        hi = min(lo + _DRAW_BLOCK, n)
        if not first:
            out[0, lo:hi] = base_flat[lo:hi]
        for step, data in steps:
            if step.kind == "freeze":
                out[step.start : step.stop, lo:hi] = out[step.start - 1, lo:hi]
                continue
            if step.kind == "amounts":
                values = step.block(data, lo, hi)
                out[step.start : step.stop, lo:hi] = (
                    values if values.ndim == 2 else values[:, None]
                )
                continue
            factors: FloatArray | list[FloatArray] = (
                [cast("FloatArray", data[0])[lo:hi]] * (step.stop - step.start)
                if step.same_each_year  # a Fixed rate per draw: the same factor every year
                else step.block(data, lo, hi)
            )
            rounds = step.rounds
            prev = out[step.start - 1, lo:hi]
            for row, factor in zip(out[step.start : step.stop, lo:hi], factors, strict=True):
                cur = row  # loop over years: cur is row t of the block, prev row t - 1
                np.multiply(prev, factor, out=cur)
                if rounds:  # round_half_up(cur, unit) in place (cur >= 0: its sign is 1)
                    np.divide(cur, unit, out=cur)
                    cur += 0.5
                    cur += 1e-9
                    np.floor(cur, out=cur)
                    cur *= unit
                prev = cur
            if finite and not np.isfinite(prev).all():  # the phase's last year
                finite = False
    return finite
