"""Stated assumptions for years after the data, and the series a projection becomes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_year, as_year_series, as_years, readonly
from burden.errors import InvalidInputError

if TYPE_CHECKING:
    from burden.typing import BoolArray


_HORIZON: Final = 2100
"""A one-number projection extends a series to this year."""


@dataclass(frozen=True, slots=True)
class Assumption:
    """A stated assumption for years after the published data.

    Attributes
    ----------
    series : str
        ``"per_usd"``, ``"inflation"``, ``"defense_budget_growth"``, ``"gdp_growth"``
        or ``"troops"``.
    key : str
        The currency (rates, inflation) or host code (host series) it applies to.
    first_year, last_year : int
        Years it covers.
    description : str
        One line for tables and figure notes, e.g. ``"KRW per USD 1,400 from 2026"``.
    """

    series: str
    key: str
    first_year: int
    last_year: int
    description: str

    def __post_init__(self) -> None:
        for name in ("series", "key", "description"):
            text: object = getattr(self, name)
            if not isinstance(text, str):
                raise InvalidInputError(f"Assumption.{name}", text, "a string")
        first = as_year(self.first_year, "Assumption.first_year")
        last = as_year(self.last_year, "Assumption.last_year")
        object.__setattr__(self, "first_year", first)
        object.__setattr__(self, "last_year", last)

    def covers(self, years: npt.ArrayLike) -> BoolArray:
        """Return, for each of `years`, whether this assumption sets its value."""
        y = as_years(years, "years")
        return readonly(np.asarray((y >= self.first_year) & (y <= self.last_year)))


def _about(rate: float) -> str:
    if rate >= 100:
        return f"{float(f'{rate:.2g}'):,.0f}"
    return f"{rate:.3g}"


def _later(
    value: float | pd.Series,
    last_year: int,
    field_name: str,
    what: str,
    *,
    consecutive: bool = False,
    published: pd.Index | None = None,
) -> pd.Series:
    """Return a projection as a Series of the years after `last_year`.

    `published` (the years with data, default all up to `last_year`) lets the error
    for a year inside the data tell a published year from a gap in the series.
    """
    if isinstance(value, pd.Series):
        series = as_year_series(value, field_name, consecutive=consecutive).astype(np.float64)
        first = int(series.index.min())
        if first <= last_year:
            start = f"projections start after the last published year, {last_year}"
            if published is not None and published.size and first < published.min():
                hint = f"{first} is before the published data (from {published.min()}): {start}"
            elif published is not None and first not in published:
                hint = f"{first} is a gap inside the data, which no projection fills: {start}"
            else:
                hint = "a projection never overwrites a published figure"
            raise InvalidInputError(
                field_name,
                first,
                f"years after the published data (from {last_year + 1})",
                hint=hint,
            )
        if consecutive and first != last_year + 1:
            raise InvalidInputError(
                field_name, first, f"a series starting the year after the data ({last_year + 1})"
            )
        return series
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        raise InvalidInputError(field_name, value, f"{what} (a number) or a Series by year")
    number = float(value)
    if not np.isfinite(number):
        raise InvalidInputError(field_name, value, f"{what}, finite")
    years = np.arange(last_year + 1, _HORIZON + 1, dtype=np.int64)
    return pd.Series(number, index=years, dtype=np.float64)


def _positive_series(value: pd.Series, field_name: str) -> pd.Series:
    series = as_year_series(value, field_name, consecutive=False).astype(np.float64)
    if (series <= 0).any():
        raise InvalidInputError(field_name, value, "positive exchange rates")
    return series


def _check_fraction(rates: pd.Series, field_name: str, what: str) -> None:
    values = rates.to_numpy()
    if ((values <= -1) | (values >= 1)).any():
        bad = float(values[(values <= -1) | (values >= 1)][0])
        hint = f"did you mean {bad / 100:g}?" if 1 <= abs(bad) <= 100 else "0.02 means 2%"
        raise InvalidInputError(field_name, bad, f"{what} as a fraction in (-1, 1)", hint=hint)
