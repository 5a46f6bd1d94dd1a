"""The shipped series: KRW per USD, Korean CPI (chained by :func:`cpi_index`), US CPI-U."""

from __future__ import annotations

import functools
from collections import abc
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from burden import datasets
from burden._core.checks import as_year, as_year_series
from burden.errors import InvalidInputError, MissingDataError

if TYPE_CHECKING:
    from collections.abc import Iterator


def cpi_index(inflation: pd.Series, *, base_year: int) -> pd.Series:
    """Chain annual inflation rates into a price index equal to 100 in `base_year`.

    Parameters
    ----------
    inflation : Series
        Annual inflation as fractions (0.021 = 2.1%), indexed by consecutive years.
    base_year : int
        Year whose index level is 100; must be within the series.

    Returns
    -------
    Series
        Index level by year, float64. The first year of `inflation` has no level
        before it, so it anchors the chain: level(y) = level(y-1) * (1 + inflation(y)).

    Notes
    -----
    Published inflation rates are rounded to 0.1 pp, so the chained index differs
    from the official index by up to a few hundredths of a percent a year.

    Examples
    --------
    >>> s = pd.Series([0.5, 0.1], index=[2020, 2021]) / 10
    >>> cpi_index(s, base_year=2020).round(3).tolist()
    [100.0, 101.0]
    """
    rates = as_year_series(inflation, "inflation")
    if ((rates <= -1) | (rates > 1)).any():
        raise InvalidInputError(
            "inflation", rates.to_numpy(), "fractions in (-1, 1]", hint="0.021 means 2.1%"
        )
    base_year = as_year(base_year, "cpi_index.base_year")
    if base_year not in rates.index:
        raise MissingDataError(
            "cpi_index.base_year",
            base_year,
            f"a year in {rates.index.min()}..{rates.index.max()}",
        )
    growth = 1.0 + rates.to_numpy()
    growth[0] = 1.0  # the first year anchors the chain
    level = np.cumprod(growth)
    index = pd.Series(level, index=rates.index, name="price_index")
    scaled: pd.Series = index / float(level[rates.index.get_loc(base_year)]) * 100.0
    return scaled


class _ShippedData(abc.Mapping[str, pd.Series]):
    """Default of MoneyContext's series, meaning "the shipped data" (``{}`` means none)."""

    def __getitem__(self, key: str) -> pd.Series:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "<shipped data>"


_SHIPPED: Final = _ShippedData()


def _shipped() -> tuple[dict[str, pd.Series], dict[str, pd.Series]]:
    macro = datasets.korea_macro()
    fx = macro["krw_per_usd"].dropna()
    # 2006 inflation is inferred from an SMA amount, not published: the index starts in 2007.
    inflation = macro["cpi_inflation"].dropna()
    inflation = inflation.loc[inflation.index >= 2007]
    us = datasets.us_cpi().set_index("year")["index"]
    us.index = us.index.astype(np.int64)
    return {"KRW": fx}, {"KRW": cpi_index(inflation, base_year=2020), "USD": us}


@functools.cache
def _shipped_cached() -> tuple[dict[str, pd.Series], dict[str, pd.Series]]:
    return _shipped()
