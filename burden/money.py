r"""Currencies, price bases and conversions between them.

Why one module: currencies, price bases, the money context and Amounts are one unit system
(every conversion needs the context and every Amounts converts through it); a candidate to
split into a package (context, amounts, present value).

An amount in burden always knows its currency (``"KRW"``, ``"USD"``, ``"JPY"``,
``"EUR"``) and its price basis: ``"nominal"`` (current prices of each year) or an
integer base year (constant prices of that year). Amounts of different currencies or
bases cannot be added: convert them first with :meth:`Amounts.to`.

Conversions use annual-average exchange rates (units of a currency per US dollar)
and price indices, both held in a :class:`MoneyContext`. ``MoneyContext()`` is the
shipped data: KRW per USD (FRED AEXKOUS annual averages), Korea's CPI and US CPI-U.
Years after the data need stated assumptions (:meth:`MoneyContext.with_projection`).

Notes
-----
Two perspectives on constant prices. By default, an amount in constant prices of a
currency ``C`` uses ``C``'s own price index ("convert, then deflate"): constant 2019
USD deflates nominal dollars with US CPI-U, constant 2019 KRW with Korean CPI. The
*host perspective* (``deflator=`` the host's currency; burden's method before 0.2)
deflates in the host's currency and converts at the base year's rate ("deflate, then
convert"). With :math:`e_C(y)` the units of ``C`` per USD in year ``y`` and
:math:`P_H(y)` the price index of the deflation currency ``H``:

.. math::

    \text{nominal } C \to \text{nominal } D:\quad x \, e_D(y) / e_C(y)

    \text{nominal } C \to \text{constant}(B)\ D:\quad
        x \, \frac{e_H(y)}{e_C(y)} \, \frac{P_H(B)}{P_H(y)} \, \frac{e_D(B)}{e_H(B)}

with ``H = D`` in the default perspective. An :class:`Amounts` remembers which index
defined its basis (``deflator``), so converting back is exact.

Examples
--------
>>> import numpy as np
>>> import burden as bd
>>> demand = bd.Amounts(values=[5e9], years=[2019], currency="USD")
>>> krw = demand.to("KRW")
>>> round(float(krw.values[0]) / 1e12, 3)  # KRW trillion at the 2019 average rate
5.829
"""

from __future__ import annotations

import functools
from collections import abc
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Self

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden import datasets
from burden._core.checks import (
    as_float_array,
    as_instance,
    as_mapping,
    as_name,
    as_year,
    as_year_series,
    as_years,
    broadcast_batch,
    finite_result,
    ratio,
    readonly,
)
from burden._core.results import Result, Table, format_money, render_html, shape_text
from burden.currencies import CURRENCIES, check_currency
from burden.errors import InvalidInputError, MissingDataError, UnitMismatchError
from burden.hosts import Host, as_host

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from matplotlib.axes import Axes

    from burden.typing import BoolArray, ColumnKind, FloatArray, IntArray, PriceBasis

__all__ = [
    "CURRENCIES",
    "MISSING_RATE_HINT",
    "PER_USD_BANDS",
    "Amounts",
    "Assumption",
    "MissingAssumptionsError",
    "MissingRateError",
    "MoneyContext",
    "basis_label",
    "check_base_year",
    "check_currency",
    "check_price_basis",
    "convert",
    "cpi_index",
    "default_context",
    "present_value",
    "price_index_name",
]

MISSING_RATE_HINT: Final = "supply the figure in a MoneyContext"
"""Former hint of a missing rate; errors are now :class:`MissingRateError`."""

_HORIZON: Final = 2100
"""A one-number projection extends a series to this year."""

_INDEX_NAMES: Final = {"USD": "US CPI-U", "KRW": "Korean CPI", "JPY": "Japanese CPI"}

PER_USD_BANDS: Final = {
    "KRW": (1.0, 100_000.0),
    "JPY": (1.0, 10_000.0),
    "EUR": (0.2, 5.0),
    "GBP": (0.2, 5.0),
}
"""Plausible units of each currency per US dollar, ``(low, high)``, open interval.

A validation bound, not data: it catches a rate typed the wrong way round (USD per
JPY for JPY per USD) before it scales every converted figure by ~17,000. Yen and won
per dollar must be above 1; euros and pounds per dollar between 0.2 and 5.
"""


def _check_band(code: str, series: pd.Series, field_name: str) -> None:
    """Raise if a rate of `code` per USD lies outside :data:`PER_USD_BANDS`."""
    low, high = PER_USD_BANDS.get(code, (0.0, np.inf))
    values = np.asarray(series, dtype=np.float64)
    outside = (values <= low) | (values >= high)
    if not outside.any():
        return
    bad = float(values[outside][0])
    inverted = bad > 0 and low < 1.0 / bad < high
    hint = (
        f"1/{bad:g} = {1.0 / bad:,.4g} {code} per USD: did you give USD per {code}?"
        if inverted
        else ""
    )
    expected = (
        f"units of {code} per USD above {low:g} (a validation bound)"
        if np.isinf(high) or high >= 10_000
        else f"units of {code} per USD between {low:g} and {high:g} (a validation bound)"
    )
    raise InvalidInputError(field_name, bad, expected, hint=hint)


def check_price_basis(basis: object, field: str = "price_basis") -> PriceBasis:
    """Return `basis` if it is ``"nominal"`` or a base year, else raise naming `field`.

    Examples
    --------
    >>> check_price_basis(2019)
    2019
    """
    if isinstance(basis, str) and basis == "nominal":
        return "nominal"
    if isinstance(basis, str):
        raise InvalidInputError(field, basis, '"nominal" or a base year such as 2019')
    return as_year(basis, field)


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


class MissingRateError(MissingDataError):
    """A conversion needs an exchange rate or price level the context does not have.

    ``series`` is ``"per_usd"`` or ``"inflation"``, ``currency`` the currency and
    ``year`` the first year missing; each interface turns them into its own fix (a
    Python call, a ``[money]`` key, a command-line flag).
    """

    def __init__(self, series: str, currency: str, year: int, known: str, *, hint: str) -> None:
        what = f"{currency} per USD" if series == "per_usd" else f"{currency} price index"
        super().__init__("year", year, f"a year with a {what} ({known})", hint=hint)
        self.series = series
        self.currency = currency
        self.year = year
        self.known = known

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its own fields (an error raised in a worker process pickles).
        return (
            _rebuild_rate,
            (type(self), self.series, self.currency, self.year, self.known, self.hint),
        )


def _rebuild_rate(
    cls: type[MissingRateError], series: str, currency: str, year: int, known: str, hint: str
) -> MissingRateError:
    return cls(series, currency, year, known, hint=hint)


class MissingAssumptionsError(MissingDataError):
    """A computation needs several stated assumptions; ``errors`` names each one.

    ``errors`` holds one :class:`MissingRateError` per missing rate or price level and
    one :class:`~burden.errors.MissingDataError` per agreement rule missing an index
    projection. ``fixes`` holds one fix per error (default: each error's Python
    hint); an interface replaces them with its own through :meth:`with_fixes`.
    """

    def __init__(
        self, errors: Sequence[MissingDataError], fixes: Sequence[str] | None = None
    ) -> None:
        self.errors = tuple(errors)
        self.fixes = tuple(e.hint for e in self.errors) if fixes is None else tuple(fixes)
        listed = "; ".join(
            f"({i}) {missing_text(e)}: {fix}"
            for i, (e, fix) in enumerate(zip(self.errors, self.fixes, strict=True), 1)
        )
        super().__init__("assumptions", len(self.errors), "every assumption the computation needs")
        self.args = (f"{len(self.errors)} assumptions missing: {listed}",)

    def with_fixes(self, fixes: Sequence[str]) -> MissingAssumptionsError:
        """Return the same error with one interface's fix for each missing assumption."""
        return MissingAssumptionsError(self.errors, fixes)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.errors, self.fixes))


def missing_text(err: MissingDataError) -> str:
    """Return what `err` says is missing, without its fix."""
    if isinstance(err, MissingRateError):
        what = (
            f"{err.currency} per USD" if err.series == "per_usd" else f"{err.currency} price index"
        )
        return f"no {what} for {err.year} (data {err.known})"
    return f"{err.field}: expected {err.expected}, got {err.value}"


def check_base_year(
    context: MoneyContext,
    basis: PriceBasis,
    currency: str,
    field: str = "price_basis",
    *,
    hint: str = "",
) -> None:
    """Raise if constant prices of `basis` lie before `currency`'s price index.

    Raises
    ------
    InvalidInputError
        Naming the years each shipped index covers: a base year before the data
        cannot be fixed by a projection (those extend later years only).

    Examples
    --------
    >>> check_base_year(MoneyContext(), 1990, "USD")
    Traceback (most recent call last):
    ...
    burden.errors.InvalidInputError: price_basis: expected a base year within 2004..2025 for USD (2007..2025 for KRW), got 1990
    """
    as_instance(context, MoneyContext, "context")
    basis = check_price_basis(basis, field)
    currency = check_currency(currency)
    if basis == "nominal":
        return
    index = context.price_index.get(currency)
    if index is None or index.empty or int(basis) >= int(index.index.min()):
        return
    others = ", ".join(
        f"{int(s.index.min())}..{int(s.index.max())} for {c}"
        for c, s in sorted(context.price_index.items())
        if c != currency and not s.empty
    )
    span = f"{int(index.index.min())}..{int(index.index.max())}"
    raise InvalidInputError(
        field,
        basis,
        f"a base year within {span} for {currency}" + (f" ({others})" if others else ""),
        hint=hint,
    )


def _python_hint(series: str, currency: str, has_data: bool) -> str:
    if series == "per_usd" and not has_data:
        return (
            f"burden ships no {currency} rate: add one with "
            f"MoneyContext().with_per_usd({currency!r}, pd.Series({{year: rate}}))"
        )
    keyword = "per_usd" if series == "per_usd" else "inflation"
    example = "rate" if series == "per_usd" else "0.02"
    return (
        f"state an assumption with MoneyContext().with_projection("
        f"{keyword}={{{currency!r}: {example}}}) and pass it as context="
    )


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


def _about(rate: float) -> str:
    if rate >= 100:
        return f"{float(f'{rate:.2g}'):,.0f}"
    return f"{rate:.3g}"


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class MoneyContext:
    """Exchange rates and price indices used to convert amounts.

    ``MoneyContext()`` is the shipped data: KRW per USD (FRED AEXKOUS annual averages,
    S66), Korean CPI (chained from Statistics Korea inflation, 2020 = 100) and US CPI-U
    (BLS annual averages 2004-2025, S92, S93). State assumptions for later years with
    :meth:`with_projection`; add a currency's rates with :meth:`with_per_usd`.

    Parameters
    ----------
    per_usd : Mapping[str, Series], optional
        For each currency other than USD, annual-average units per US dollar,
        indexed by year. USD is always 1. Default: the shipped rates.
    price_index : Mapping[str, Series], optional
        Price index by year (any base) for the currencies that can deflate.
        Default: the shipped indices (KRW, USD).
    deflate_with : str, optional
        ``None`` (default): constant prices in a currency use that currency's own
        index (USD: US CPI-U). A currency code: every constant-price conversion
        deflates with that currency's index and converts at the base year's rate
        (the host perspective; see the module notes).
    assumptions : tuple of Assumption
        What :meth:`with_projection` stated (kept so tables can say so).

    Examples
    --------
    >>> ctx = MoneyContext()
    >>> float(ctx.rate("KRW", [2019])[0])
    1165.8016
    >>> ctx = ctx.with_projection(per_usd={"KRW": 1400.0}, inflation={"KRW": 0.02})
    >>> float(ctx.rate("KRW", [2030])[0]), ctx.assumptions[0].description
    (1400.0, 'KRW per USD 1,400 from 2026')
    """

    per_usd: Mapping[str, pd.Series] = _SHIPPED
    price_index: Mapping[str, pd.Series] = _SHIPPED
    deflate_with: str | None = None
    assumptions: tuple[Assumption, ...] = ()
    host_series: Mapping[tuple[str, str], pd.Series] = field(default_factory=dict)

    def __post_init__(self) -> None:
        shipped_fx, shipped_prices = _shipped_cached()
        given_fx = shipped_fx if self.per_usd is _SHIPPED else self.per_usd
        given_prices = shipped_prices if self.price_index is _SHIPPED else self.price_index
        per_usd = {}
        for code, series in as_mapping(given_fx, "MoneyContext.per_usd").items():
            check_currency(code, "MoneyContext.per_usd")
            if code == "USD":
                raise InvalidInputError(
                    "MoneyContext.per_usd", code, "currencies other than USD (USD per USD is 1)"
                )
            checked = as_year_series(series, f"MoneyContext.per_usd[{code!r}]", consecutive=False)
            if (checked <= 0).any():
                raise InvalidInputError(
                    f"MoneyContext.per_usd[{code!r}]", series, "positive exchange rates"
                )
            _check_band(code, checked, f"MoneyContext.per_usd[{code!r}]")
            per_usd[code] = checked
        prices = {}
        for code, series in as_mapping(given_prices, "MoneyContext.price_index").items():
            check_currency(code, "MoneyContext.price_index")
            checked = as_year_series(
                series, f"MoneyContext.price_index[{code!r}]", consecutive=False
            )
            if (checked <= 0).any():
                raise InvalidInputError(
                    f"MoneyContext.price_index[{code!r}]", series, "positive index levels"
                )
            prices[code] = checked
        if self.deflate_with is not None:
            check_currency(self.deflate_with, "MoneyContext.deflate_with")
        object.__setattr__(self, "per_usd", per_usd)
        object.__setattr__(self, "price_index", prices)
        object.__setattr__(self, "assumptions", tuple(self.assumptions))
        object.__setattr__(self, "host_series", dict(self.host_series))

    def _coverage(self) -> pd.DataFrame:
        """One row per series: what it is, the years it covers and any assumption."""
        rows = []
        for kind, table in (("per_usd", self.per_usd), ("price_index", self.price_index)):
            for code, series in sorted(table.items()):
                years = series.index
                rows.append(
                    {
                        "series": f"{code} per USD" if kind == "per_usd" else f"{code} prices",
                        "first year": int(years.min()) if len(years) else None,
                        "last year": int(years.max()) if len(years) else None,
                    }
                )
        return pd.DataFrame(rows).set_index("series")

    def _facts(self) -> list[tuple[str, object]]:
        currencies = ["USD", *sorted(self.per_usd)]
        facts: list[tuple[str, object]] = [
            ("currencies", ", ".join(currencies)),
            ("price indices", ", ".join(sorted(self.price_index)) or "none"),
        ]
        if self.deflate_with is not None:
            facts.append(("deflate_with", self.deflate_with))
        facts.append(("assumptions", len(self.assumptions)))
        return facts

    def __repr__(self) -> str:
        spans = "; ".join(
            f"{name} {int(row['first year'])}..{int(row['last year'])}"
            for name, row in self._coverage().iterrows()
            if row["first year"] is not None
        )
        stated = "; ".join(a.description for a in self.assumptions) or "none"
        deflate = f", deflate_with={self.deflate_with}" if self.deflate_with else ""
        return f"MoneyContext({spans}{deflate}; assumptions: {stated})"

    def _repr_html_(self) -> str:
        note = "; ".join(a.description for a in self.assumptions)
        table = Table(self._coverage(), note=f"assumptions: {note}" if note else "")
        return render_html("Money context", self._facts(), table)

    def _copy(self, **changes: object) -> Self:
        fields: dict[str, Any] = {
            "per_usd": self.per_usd,
            "price_index": self.price_index,
            "deflate_with": self.deflate_with,
            "assumptions": self.assumptions,
            "host_series": self.host_series,
        }
        fields.update(changes)
        return type(self)(**fields)

    def with_per_usd(self, currency: str, per_usd: pd.Series) -> Self:
        """Return a copy with the exchange rate series of `currency` replaced.

        Parameters
        ----------
        currency : str
            A currency other than USD.
        per_usd : Series
            Annual-average units of `currency` per US dollar, indexed by year.

        Raises
        ------
        InvalidInputError
            If a rate is not positive or lies outside the validation bound of
            :data:`PER_USD_BANDS` (JPY and KRW per USD above 1; EUR and GBP per USD
            between 0.2 and 5), e.g. USD per JPY given for JPY per USD.

        Examples
        --------
        >>> ctx = MoneyContext().with_per_usd("JPY", pd.Series({2022: 131.5}))
        >>> float(ctx.rate("JPY", [2022])[0])
        131.5
        >>> MoneyContext().with_per_usd("JPY", pd.Series({2022: 1 / 131.5}))
        Traceback (most recent call last):
        ...
        burden.errors.InvalidInputError: MoneyContext.per_usd['JPY']: ...did you give USD per JPY?
        """
        rates = dict(self.per_usd)
        rates[check_currency(currency)] = per_usd
        return self._copy(per_usd=rates)

    def with_price_index(self, currency: str, index: pd.Series) -> Self:
        """Return a copy with the price index of `currency` replaced."""
        prices = dict(self.price_index)
        prices[check_currency(currency)] = index
        return self._copy(price_index=prices)

    def with_deflator(self, currency: str | None) -> Self:
        """Return a copy deflating every constant-price conversion with `currency`'s index.

        ``None`` restores the default (each currency's own index).
        """
        return self._copy(deflate_with=currency)

    def with_projection(
        self,
        *,
        per_usd: Mapping[str, float | pd.Series] | None = None,
        inflation: Mapping[str, float | pd.Series] | None = None,
        defense_budget_growth: Mapping[str, float | pd.Series] | None = None,
        gdp_growth: Mapping[str, float | pd.Series] | None = None,
        troops: Mapping[str, float | pd.Series] | None = None,
    ) -> Self:
        """Return a copy with stated assumptions for the years after the published data.

        Parameters
        ----------
        per_usd : Mapping[str, float or Series], optional
            Currency -> units per USD: one rate for every year after the last
            published one (to 2100), or a Series by year. A currency without a
            published series takes a Series only (its years are then all assumed).
        inflation : Mapping[str, float or Series], optional
            Currency -> annual inflation (fraction, 0.02 = 2%) extending its price
            index from the last published year, one rate or a Series of consecutive
            years starting the year after the data.
        defense_budget_growth, gdp_growth : Mapping[str, float or Series], optional
            Host code -> annual growth (fraction) of its defence budget / nominal GDP
            after the last published year; used by :func:`burden.compare` indicators.
        troops : Mapping[str, float or Series], optional
            Host code -> US service members stationed after the last published year
            (one level, or a Series).

        Returns
        -------
        MoneyContext
            With the series extended and :attr:`assumptions` recording each one.

        Raises
        ------
        InvalidInputError
            If a projection overlaps published years, a rate is not positive, is
            more than 10 times away from the last published rate (e.g. USD per KRW
            given for KRW per USD) or outside the validation bound of
            :data:`PER_USD_BANDS`, an inflation or growth rate is not a fraction in
            (-1, 1) (``2`` for 2%), or a Series has gaps.
        MissingDataError
            For an unknown currency, or a scalar rate for a currency with no data.

        Examples
        --------
        >>> ctx = MoneyContext().with_projection(per_usd={"KRW": 0.0007})
        Traceback (most recent call last):
        ...
        burden.errors.InvalidInputError: per_usd['KRW']: ...did you give USD per KRW?
        """
        ctx = self
        for label, mapping in (
            ("per_usd", per_usd),
            ("inflation", inflation),
            ("defense_budget_growth", defense_budget_growth),
            ("gdp_growth", gdp_growth),
            ("troops", troops),
        ):
            if mapping is not None:
                as_mapping(mapping, label)
        for code, value in (per_usd or {}).items():
            ctx = ctx._project_rate(code, value)
        for code, value in (inflation or {}).items():
            ctx = ctx._project_inflation(code, value)
        for series, given in (
            ("defense_budget_growth", defense_budget_growth),
            ("gdp_growth", gdp_growth),
            ("troops", troops),
        ):
            for code, value in (given or {}).items():
                ctx = ctx._project_host(series, code, value)
        return ctx

    def _project_rate(self, code: str, value: float | pd.Series) -> Self:
        field_name = f"per_usd[{code!r}]"
        check_currency(code, field_name)
        if code == "USD":
            raise InvalidInputError(
                field_name, value, "a currency other than USD (USD per USD is 1)"
            )
        known = self.per_usd.get(code)
        if known is None or known.empty:
            if not isinstance(value, pd.Series):
                raise MissingDataError(
                    field_name,
                    value,
                    f"a Series of {code} per USD by year (no {code} rate is published to extend)",
                    hint=f"e.g. pd.Series({{2022: rate}}), or MoneyContext().with_per_usd({code!r}, ...)",
                )
            later = _positive_series(value, field_name)
            _check_band(code, later, field_name)
            rates = later
            last_known = None
        else:
            last_year = int(known.index.max())
            last_known = float(known.loc[last_year])
            later = _later(value, last_year, field_name, "a rate")
            if (later <= 0).any() or not np.isfinite(later.to_numpy()).all():
                raise InvalidInputError(field_name, value, "positive exchange rates")
            ratio = later.to_numpy() / last_known
            if ((ratio > 10) | (ratio < 0.1)).any():
                bad = float(later.to_numpy()[((ratio > 10) | (ratio < 0.1))][0])
                inverted = 0.1 <= (1 / bad) / last_known <= 10
                hint = (
                    f"{code} per USD is about {_about(last_known)}: did you give USD per {code}?"
                    if inverted
                    else f"{code} per USD is about {_about(last_known)} ({last_year})"
                )
                raise InvalidInputError(
                    field_name,
                    bad,
                    f"units of {code} per USD within 10 times of the last published rate",
                    hint=hint,
                )
            _check_band(code, later, field_name)
            rates = pd.concat([known, later])
        first, last = int(later.index.min()), int(later.index.max())
        shown = (
            f"{code} per USD {float(later.iloc[0]):,.10g} from {first}"
            if not isinstance(value, pd.Series)
            else f"{code} per USD as given for {first}-{last}"
        )
        del last_known
        return self.with_per_usd(code, rates)._copy(
            assumptions=(*self.assumptions, Assumption("per_usd", code, first, last, shown))
        )

    def _project_inflation(self, code: str, value: float | pd.Series) -> Self:
        field_name = f"inflation[{code!r}]"
        check_currency(code, field_name)
        index = self.price_index.get(code)
        if index is None or index.empty:
            raise MissingDataError(
                field_name,
                code,
                f"a currency with a price index to extend ({sorted(self.price_index)})",
                hint=f"add one with MoneyContext().with_price_index({code!r}, series)",
            )
        last_year = int(index.index.max())
        rates = _later(value, last_year, field_name, "an inflation rate", consecutive=True)
        _check_fraction(rates, field_name, "an inflation rate")
        level = float(index.loc[last_year]) * np.cumprod(1.0 + rates.to_numpy())
        extended = pd.concat([index, pd.Series(level, index=rates.index)])
        first, last = int(rates.index.min()), int(rates.index.max())
        shown = (
            f"{code} inflation {float(rates.iloc[0]):.1%} a year from {first}"
            if not isinstance(value, pd.Series)
            else f"{code} inflation as given for {first}-{last}"
        )
        return self.with_price_index(code, extended)._copy(
            assumptions=(*self.assumptions, Assumption("inflation", code, first, last, shown))
        )

    def _project_host(self, series: str, code: str, value: float | pd.Series) -> Self:

        field_name = f"{series}[{code!r}]"
        host = as_host(code, field_name)
        assert host is not None
        name = "troops" if series == "troops" else series.removesuffix("_growth")
        known = host.series(name)
        if known.empty:
            raise MissingDataError(
                field_name, code, f"a host with a published {name} series to extend"
            )
        last_year = int(known.index.max())
        later = _later(value, last_year, field_name, "a value", consecutive=True)
        if series == "troops":
            if (later <= 0).any():
                raise InvalidInputError(field_name, value, "a positive number of service members")
            levels = later
            shown = f"{code} troops {float(later.iloc[0]):,.0f} from {int(later.index.min())}"
        else:
            _check_fraction(later, field_name, "a growth rate")
            levels = pd.Series(
                float(known.loc[last_year]) * np.cumprod(1.0 + later.to_numpy()), index=later.index
            )
            shown = (
                f"{code} {name.replace('_', ' ')} growth {float(later.iloc[0]):.1%} a year "
                f"from {int(later.index.min())}"
            )
        first, last = int(later.index.min()), int(later.index.max())
        if isinstance(value, pd.Series):
            shown = f"{code} {name.replace('_', ' ')} as given for {first}-{last}"
        table = dict(self.host_series)
        table[(code, name)] = levels
        return self._copy(
            host_series=table,
            assumptions=(*self.assumptions, Assumption(series, code, first, last, shown)),
        )

    def project_host(self, host: Host) -> Host:
        """Return `host` with the series this context projects for it appended.

        Examples
        --------
        >>> from burden import hosts
        >>> ctx = MoneyContext().with_projection(troops={"KOR": 28500})
        >>> int(ctx.project_host(hosts.get("KOR")).troops.loc[2030])
        28500
        """
        as_instance(host, Host, "host")
        extra = {name: s for (code, name), s in self.host_series.items() if code == host.code}
        if not extra:
            return host
        merged = {}
        for name, later in extra.items():
            known = host.series(name)
            merged[name] = pd.concat([known, later.loc[later.index > known.index.max()]])
        return host.replace(**merged)

    def assumptions_for(self, series: str, key: str, years: npt.ArrayLike) -> list[Assumption]:
        """Return the assumptions on `series` of `key` that set a value in one of `years`."""
        return [
            a
            for a in self.assumptions
            if a.series == series and a.key == key and a.covers(years).any()
        ]

    def rate(self, currency: str, years: npt.ArrayLike) -> FloatArray:
        """Return units of `currency` per USD in each of `years`, shape ``(T,)``.

        Raises
        ------
        MissingRateError
            If the context has no rate for `currency` in one of `years`.
        """
        code = check_currency(currency)
        wanted = as_years(years, "years")
        if code == "USD":
            return np.ones(wanted.shape, dtype=np.float64)
        series = self.per_usd.get(code)
        if series is None:
            year = int(wanted.min()) if wanted.size else 0
            raise MissingRateError(
                "per_usd", code, year, "no series", hint=_python_hint("per_usd", code, False)
            )
        return _lookup(series, wanted, "per_usd", code)

    def price_level(self, years: npt.ArrayLike, currency: str | None = None) -> FloatArray:
        """Return the price index of `currency` in each of `years`.

        `currency` defaults to :attr:`deflate_with`, else KRW.
        """
        code = currency or self.deflate_with or "KRW"
        wanted = as_years(years, "years")
        series = self.price_index.get(code)
        if series is None:
            raise MissingDataError(
                "MoneyContext.price_index",
                code,
                f"a price index for {code} (indices: {sorted(self.price_index)})",
                hint=f"pass one with MoneyContext().with_price_index({code!r}, series)",
            )
        return _lookup(series, wanted, "inflation", code)


def _later(
    value: float | pd.Series,
    last_year: int,
    field_name: str,
    what: str,
    *,
    consecutive: bool = False,
) -> pd.Series:
    """Return a projection as a Series of the years after `last_year`."""
    if isinstance(value, pd.Series):
        series = as_year_series(value, field_name, consecutive=consecutive).astype(np.float64)
        first = int(series.index.min())
        if first <= last_year:
            raise InvalidInputError(
                field_name,
                first,
                f"years after the published data (from {last_year + 1})",
                hint="a projection never overwrites a published figure",
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


def _lookup(series: pd.Series, years: IntArray, kind: str, code: str) -> FloatArray:
    known = series.index.to_numpy()
    missing = np.setdiff1d(years, known)
    if missing.size:
        raise MissingRateError(
            kind,
            code,
            int(missing[0]),
            f"{known.min()}..{known.max()}",
            hint=_python_hint(kind, code, True),
        )
    flat = np.atleast_1d(years)
    return series.reindex(flat).to_numpy(dtype=np.float64).reshape(np.shape(years))


def default_context() -> MoneyContext:
    """Return the context built from the shipped data (the same as ``MoneyContext()``).

    KRW per USD is the FRED AEXKOUS annual average (source S66); the KRW price
    index chains Statistics Korea CPI inflation (S22, S23, S25, S71, S72), 2020 = 100;
    the USD index is US CPI-U (S92, S93). JPY, EUR and GBP rates are not shipped:
    add them with :meth:`MoneyContext.with_per_usd`.

    Examples
    --------
    >>> float(default_context().rate("KRW", [2019])[0])
    1165.8016
    """
    return _default()


@functools.cache
def _default() -> MoneyContext:
    return MoneyContext()


def price_index_name(currency: str) -> str:
    """Return the name of the price index burden uses for `currency`.

    Examples
    --------
    >>> price_index_name("USD")
    'US CPI-U'
    """
    currency = as_name(currency, "currency")
    return _INDEX_NAMES.get(currency, f"{currency} price index")


def basis_label(currency: str, basis: PriceBasis, deflator: str | None = None) -> str:
    """Describe a price basis in words, naming the price index used.

    Examples
    --------
    >>> basis_label("USD", 2019)
    'constant 2019 prices (US CPI-U)'
    >>> basis_label("USD", 2019, "KRW")
    'constant 2019 prices (Korean CPI, converted at the 2019 rate)'
    """
    basis = check_price_basis(basis)
    currency = as_name(currency, "currency")
    if deflator is not None:
        deflator = as_name(deflator, "deflator")
    if basis == "nominal":
        return "nominal"
    index = deflator or currency
    label = f"constant {basis} prices ({price_index_name(index)}"
    if index != currency:
        label += f", converted at the {basis} rate"
    return label + ")"


def _axis_basis(currency: str | None, price_basis: PriceBasis | None) -> str | None:
    """Price basis in words for a figure's money axis, or None when either is not given."""
    if currency is None or price_basis is None:
        return None
    return basis_label(currency, price_basis)


def _fx(ctx: MoneyContext, src: str, dst: str, years: IntArray) -> FloatArray | float:
    """Units of `dst` per unit of `src` in each of `years` (1.0 when they are the same)."""
    if src == dst:
        return 1.0
    return ctx.rate(dst, years) / ctx.rate(src, years)


def convert(
    values: npt.ArrayLike,
    years: npt.ArrayLike,
    *,
    from_currency: str,
    to_currency: str,
    from_basis: PriceBasis = "nominal",
    to_basis: PriceBasis = "nominal",
    context: MoneyContext | None = None,
    from_deflator: str | None = None,
    to_deflator: str | None = None,
) -> FloatArray:
    """Convert amounts between currencies and price bases.

    Parameters
    ----------
    values : array_like, shape (..., T)
        Amounts in whole units of `from_currency`; the last axis is `years`.
    years : array_like of int, shape (T,)
        Calendar year of each column.
    from_currency, to_currency : str
        Currency codes, see :data:`CURRENCIES`.
    from_basis, to_basis : "nominal" or int
        Price basis of the input and of the result.
    context : MoneyContext, optional
        Rates and price indices; defaults to the shipped data.
    from_deflator, to_deflator : str, optional
        Currency whose price index defines each constant-price basis; default the
        context's ``deflate_with`` if set, else the amount's own currency.

    Returns
    -------
    ndarray of float64, shape (..., T)

    Raises
    ------
    MissingDataError
        If a currency is unknown or a rate or price level is missing for a year
        (:class:`MissingRateError`).

    Examples
    --------
    >>> float(convert([1.0389e12], [2019], from_currency="KRW", to_currency="USD")[0]) / 1e6
    891.1...
    """
    src = check_currency(from_currency, "from_currency")
    dst = check_currency(to_currency, "to_currency")
    src_basis = check_price_basis(from_basis, "from_basis")
    dst_basis = check_price_basis(to_basis, "to_basis")
    if context is not None:
        as_instance(context, MoneyContext, "context")
    yrs = as_years(years, "years", scalar_ok=False)
    x = as_float_array(values, "values", allow_nan=True)
    if x.ndim == 0 or x.shape[-1] != yrs.shape[0]:
        raise InvalidInputError("values", x.shape, f"a last axis of length {yrs.shape[0]} (years)")
    ctx = default_context() if context is None else context
    src_defl = _deflator(src, src_basis, from_deflator, ctx, "from_deflator")
    dst_defl = _deflator(dst, dst_basis, to_deflator, ctx, "to_deflator")
    if src == dst and src_basis == dst_basis and src_defl == dst_defl:
        return readonly(x)
    with np.errstate(over="ignore"):
        nominal = _to_nominal(x, yrs, src, src_basis, src_defl, ctx)
        out = _from_nominal(nominal, yrs, src, dst, dst_basis, dst_defl, ctx)
    if np.isfinite(x).all():
        finite_result(out, "values", values)
    return readonly(out)


def _deflator(
    currency: str, basis: PriceBasis, given: str | None, ctx: MoneyContext, field_name: str
) -> str | None:
    if basis == "nominal":
        return None
    if given is not None:
        return check_currency(given, field_name)
    return ctx.deflate_with or currency


def _to_nominal(
    x: FloatArray,
    years: IntArray,
    currency: str,
    basis: PriceBasis,
    deflator: str | None,
    ctx: MoneyContext,
) -> FloatArray:
    """Express amounts as nominal amounts of their own currency."""
    if basis == "nominal" or deflator is None:
        return x
    base = np.array([basis])
    # To constant prices of the deflator's currency at the base year's rate, reflate
    # with its index, and back to `currency` at each year's rate.
    at_base = x * _fx(ctx, currency, deflator, base)
    nominal_h = at_base * ctx.price_level(years, deflator) / ctx.price_level(base, deflator)
    return nominal_h * _fx(ctx, deflator, currency, years)


def _from_nominal(
    x: FloatArray,
    years: IntArray,
    src: str,
    dst: str,
    basis: PriceBasis,
    deflator: str | None,
    ctx: MoneyContext,
) -> FloatArray:
    """Inverse of :func:`_to_nominal` for the target currency and basis."""
    if basis == "nominal" or deflator is None:
        return x * _fx(ctx, src, dst, years)
    base = np.array([basis])
    return _constant_prices(
        x,
        _fx(ctx, src, deflator, years),
        ctx.price_level(years, deflator),
        ctx.price_level(base, deflator),
        None if deflator == dst else _fx(ctx, deflator, dst, base),
    )


def _constant_prices(
    nominal: FloatArray,
    to_deflator: FloatArray | float | None,
    level: FloatArray,
    base_level: FloatArray,
    at_base_rate: FloatArray | float | None,
) -> FloatArray:
    """Return nominal amounts at constant prices: the one formula, for convert and the models.

    Nominal amounts (..., T) go to the deflator's currency at each year's rate
    (`to_deflator`), are deflated by its price index (`level` of each year against
    `base_level` of the base year) and go to the target currency at the base year's
    rate (`at_base_rate`; None when the deflator's currency is the target; likewise
    `to_deflator` is None for amounts already in it: no product by ones). The rates
    and levels may carry draws on leading axes (per-draw exchange rates and inflation).

    Examples
    --------
    >>> import numpy as np
    >>> _constant_prices(np.array([110.0]), 1.0, np.array([1.1]), np.array([1.0]), None)
    array([100.])
    """
    operands = [nominal, base_level, level, to_deflator, at_base_rate]
    # One output buffer, the operations in the same order as the expression
    # ``nominal * to_deflator * base_level / level * at_base_rate`` (the same floats).
    real: FloatArray = np.empty(
        np.broadcast_shapes(*(np.shape(a) for a in operands if a is not None))
    )
    if to_deflator is None:
        np.multiply(nominal, base_level, out=real)
    else:
        np.multiply(nominal, to_deflator, out=real)
        real *= base_level
    real /= level
    if at_base_rate is not None:
        real *= at_base_rate
    return real


def present_value(
    values: npt.ArrayLike, years: npt.ArrayLike, rate: npt.ArrayLike, *, year: int
) -> FloatArray:
    r"""Discount a path of amounts to `year` at `rate`.

    Parameters
    ----------
    values : array_like, shape (..., T)
        Amounts by year (draws on the leading axes).
    years : array_like of int, shape (T,)
        Consecutive years of the last axis.
    rate : float or array_like, shape (...,)
        Annual discount rate as a fraction (0.03 = 3%), one per draw or one for all.
        Use a *nominal* rate for nominal amounts and a *real* rate for constant-price
        amounts.
    year : int
        Year the amounts are valued in; within `years`.

    Returns
    -------
    ndarray of float64, shape broadcast(values.shape[:-1], rate.shape)

    Raises
    ------
    InvalidInputError
        For a rate <= -1 (-100%), a rate >= 1 (a percentage such as 3 given for
        0.03), or a `year` outside `years`.

    Notes
    -----
    .. math:: PV = \sum_t x_t \, (1 + r)^{-(t - \text{year})}

    Years before `year` are compounded forward, years after it discounted.

    Examples
    --------
    >>> float(present_value([100.0, 100.0], [2026, 2027], 0.05, year=2026))
    195.23809523809524
    """
    x = as_float_array(values, "values", allow_nan=True)
    yrs = as_years(years, "years", scalar_ok=False)
    if x.ndim == 0 or yrs.size == 0 or x.shape[-1] != yrs.size:
        raise InvalidInputError("values", x.shape, f"a last axis of length {yrs.size} (years)")
    r = as_float_array(rate, "rate")
    if (r <= -1).any():
        raise InvalidInputError("rate", rate, "a discount rate above -1 (-100%)")
    if (r >= 1).any():
        bad = float(r[r >= 1].flat[0]) if r.ndim else float(r)
        raise InvalidInputError(
            "rate",
            bad,
            "a discount rate as a fraction below 1",
            hint=f"did you mean {bad / 100:g}?",
        )
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise InvalidInputError("year", year, "an integer year")
    if not yrs[0] <= year <= yrs[-1]:
        raise InvalidInputError("year", year, f"a year of the path ({yrs[0]}..{yrs[-1]})")
    try:
        np.broadcast_shapes(x.shape[:-1], r.shape)
    except ValueError:
        raise InvalidInputError(
            "rate", r.shape, f"a scalar or one rate per draw {x.shape[:-1]}"
        ) from None
    exponent = (yrs - int(year)).astype(np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        factors = (1.0 + r[..., np.newaxis]) ** (-exponent)
        out = np.asarray((x * factors).sum(axis=-1), dtype=np.float64)
    if np.isfinite(x).all():
        finite_result(out, "values", values)
    return readonly(out)


@dataclass(frozen=True, slots=True, eq=False, init=False, repr=False)
class Amounts(Result):
    """Money by year, in one currency and price basis, with optional draws.

    Parameters
    ----------
    values : array_like, shape (..., T)
        Whole currency units. Leading axes are draws or scenarios; the last axis
        is years. NaN marks a figure that is missing.
    years : array_like of int, shape (T,)
        Consecutive calendar years.
    currency : str
        Currency code, see :data:`CURRENCIES`.
    price_basis : "nominal" or int, default "nominal"
        Current prices, or constant prices of a base year.
    label : str, default ""
        Name shown in tables, e.g. the agreement's name.
    host : str or Host, optional
        The host country whose contribution these are (a code such as ``"KOR"`` or
        a :class:`burden.Host`); burden indicators come from its series.
    deflator : str, optional
        For constant prices: the currency whose price index defines the basis;
        default `currency` itself (USD: US CPI-U). Ignored for nominal amounts.

    Examples
    --------
    >>> a = Amounts(values=[1.0, 2.0], years=[2020, 2021], currency="KRW")
    >>> (a + a).values
    array([2., 4.])
    >>> a + a.to("USD")
    Traceback (most recent call last):
    ...
    burden.errors.UnitMismatchError: Amounts.currency: expected KRW ...
    """

    values: FloatArray
    years: IntArray
    currency: str
    price_basis: PriceBasis = "nominal"
    label: str = ""
    host: Host | None = None
    deflator: str | None = None

    def __init__(
        self,
        *,
        values: npt.ArrayLike,
        years: npt.ArrayLike,
        currency: str,
        price_basis: PriceBasis = "nominal",
        label: str = "",
        host: str | Host | None = None,
        deflator: str | None = None,
    ) -> None:

        yrs = as_years(years, "Amounts.years", scalar_ok=False)
        if yrs.size == 0:
            raise InvalidInputError("Amounts.years", years, "a 1-D sequence of integer years")
        if yrs.size > 1 and not (np.diff(yrs) == 1).all():
            raise InvalidInputError("Amounts.years", yrs, "consecutive years")
        vals = as_float_array(values, "Amounts.values", allow_nan=True)
        if vals.ndim == 0 or vals.shape[-1] != yrs.size:
            raise InvalidInputError(
                "Amounts.values", vals.shape, f"a last axis of length {yrs.size} (years)"
            )
        check_currency(currency, "Amounts.currency")
        object.__setattr__(self, "values", readonly(vals))
        object.__setattr__(self, "years", readonly(yrs.astype(np.int64)))
        object.__setattr__(self, "currency", currency)
        basis = check_price_basis(price_basis, "Amounts.price_basis")
        object.__setattr__(self, "price_basis", basis)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "host", as_host(host, "Amounts.host"))
        if basis == "nominal":
            deflator = None
        elif deflator is None:
            deflator = currency
        else:
            check_currency(deflator, "Amounts.deflator")
        object.__setattr__(self, "deflator", deflator)

    @property
    def basis_label(self) -> str:
        """The price basis in words, naming the index (``"constant 2019 prices (US CPI-U)"``)."""
        return basis_label(self.currency, self.price_basis, self.deflator)

    def _like(self, values: npt.ArrayLike, **changes: object) -> Amounts:
        fields: dict[str, object] = {
            "years": self.years,
            "currency": self.currency,
            "price_basis": self.price_basis,
            "label": self.label,
            "host": self.host,
            "deflator": self.deflator,
        }
        fields.update(changes)
        return Amounts(values=values, **fields)  # type: ignore[arg-type]

    _title = "Amounts"

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the leading (draw) axes."""
        return self.values.shape[:-1]

    def _facts(self) -> list[tuple[str, object]]:
        facts: list[tuple[str, object]] = [
            ("label", self.label or "unnamed"),
            ("unit", f"{self.currency} {self.basis_label}"),
            ("years", f"{self.years[0]}..{self.years[-1]}"),
        ]
        total = self.values.sum(axis=-1)
        if self.batch_shape:
            facts.append(("draws", shape_text(self.batch_shape)))
            facts.append(("median total", format_money(np.nanmedian(total), self.currency)))
        else:
            facts.append(("total", format_money(total, self.currency)))
        return facts

    def _display(self) -> Table:
        index = pd.Index(self.years, name="year")
        if not self.batch_shape:
            frame = pd.DataFrame({"amount": self.values}, index=index)
            return Table(frame, kinds={"amount": "money"}, currency=self.currency)
        low, mid, high = np.nanpercentile(
            self.values.reshape(-1, self.years.size), [5.0, 50.0, 95.0], axis=0
        )
        frame = pd.DataFrame({"median": mid, "5%": low, "95%": high}, index=index)
        kinds: dict[str, ColumnKind] = dict.fromkeys(frame.columns, "money")
        note = f"Across {shape_text(self.batch_shape)} draws; .to_frame() has every draw."
        return Table(frame, kinds=kinds, currency=self.currency, note=note)

    def to(
        self,
        currency: str | None = None,
        price_basis: PriceBasis | None = None,
        *,
        deflator: str | None = None,
        context: MoneyContext | None = None,
    ) -> Amounts:
        """Return these amounts in another currency and/or price basis.

        Parameters
        ----------
        currency : str, optional
            Target currency; default the same.
        price_basis : "nominal" or int, optional
            Target basis; default the same.
        deflator : str, optional
            For a constant-price target: the currency whose index deflates; default
            the context's ``deflate_with``, else the target currency (US CPI-U for
            USD). Pass the host's currency for the host perspective.
        context : MoneyContext, optional
            Default the shipped data.

        See :func:`convert` for the method and the data it needs.

        Examples
        --------
        >>> flat = Amounts(values=[5e9] * 6, years=range(2020, 2026), currency="USD")
        >>> round(float(flat.to(price_basis=2019).total()) / 1e9, 2)   # US CPI-U
        26.27
        """
        dst = self.currency if currency is None else currency
        basis = self.price_basis if price_basis is None else check_price_basis(price_basis)
        ctx = default_context() if context is None else context
        target = _deflator(dst, basis, deflator, ctx, "deflator")
        values = convert(
            self.values,
            self.years,
            from_currency=self.currency,
            to_currency=dst,
            from_basis=self.price_basis,
            to_basis=basis,
            context=ctx,
            from_deflator=self.deflator,
            to_deflator=target,
        )
        return self._like(values, currency=dst, price_basis=basis, deflator=target)

    def present_value(self, rate: npt.ArrayLike, *, year: int) -> FloatArray:
        """Discount these amounts to `year` at `rate`; see :func:`present_value`.

        Returns an array shaped like the draws (``batch_shape``, broadcast with
        `rate`), in these amounts' currency and basis. Use a nominal rate for nominal
        amounts, a real rate for constant-price amounts.

        Examples
        --------
        >>> a = Amounts(values=[100.0, 100.0], years=[2026, 2027], currency="USD")
        >>> float(a.present_value(0.0, year=2026))
        200.0
        """
        return present_value(self.values, self.years, rate, year=year)

    def select(self, years: Sequence[int] | IntArray) -> Amounts:
        """Return the columns of `years` (consecutive, all present)."""
        wanted = as_years(years, "years", scalar_ok=False)
        missing = np.setdiff1d(wanted, self.years)
        if missing.size:
            raise MissingDataError(
                "years",
                int(missing[0]),
                f"years within {self.years[0]}..{self.years[-1]} of {self.label or 'the amounts'}",
            )
        idx = wanted - self.years[0]
        return self._like(self.values[..., idx], years=wanted)

    def total(self) -> FloatArray:
        """Sum over years, shape ``batch_shape`` (NaN if any year is missing)."""
        return readonly(self.values.sum(axis=-1))

    def cumulative(self) -> Amounts:
        """Return the running total over years."""
        return self._like(np.cumsum(self.values, axis=-1))

    def _check_same_units(self, other: Amounts) -> None:
        as_instance(other, Amounts, "other")
        if other.currency != self.currency:
            raise UnitMismatchError(
                "Amounts.currency",
                other.currency,
                f"{self.currency} like the left operand",
                hint="convert first with .to()",
            )
        if other.price_basis != self.price_basis:
            raise UnitMismatchError(
                "Amounts.price_basis",
                other.price_basis,
                f"{self.price_basis!r} like the left operand",
                hint="convert first with .to()",
            )
        if other.deflator != self.deflator:
            raise UnitMismatchError(
                "Amounts.deflator",
                other.deflator,
                f"{self.deflator} like the left operand (the price index of the basis)",
                hint="convert first with .to(deflator=...)",
            )
        if not np.array_equal(other.years, self.years):
            raise InvalidInputError(
                "Amounts.years",
                other.years,
                f"the same years as the left operand ({self.years[0]}..{self.years[-1]})",
                hint="align them first with .select()",
            )

    def __add__(self, other: Amounts) -> Amounts:
        if not isinstance(other, Amounts):
            return NotImplemented
        self._check_same_units(other)
        return self._with_values(self._combine(other, "+"), other)

    def __sub__(self, other: Amounts) -> Amounts:
        if not isinstance(other, Amounts):
            return NotImplemented
        self._check_same_units(other)
        return self._with_values(self._combine(other, "-"), other)

    def __mul__(self, factor: npt.ArrayLike) -> Amounts:
        if isinstance(factor, Amounts):
            return NotImplemented
        return self._with_values(self.values * as_float_array(factor, "factor"))

    __rmul__ = __mul__

    def ratio(self, other: Amounts) -> FloatArray:
        """Element-wise ``self / other`` (dimensionless), after checking units match."""
        self._check_same_units(other)
        broadcast_batch({"self.values": self.values, "other.values": other.values})
        return readonly(ratio(self.values, other.values, "Amounts.ratio"))

    def _combine(self, other: Amounts, op: str) -> FloatArray:
        try:
            np.broadcast_shapes(self.values.shape, other.values.shape)
        except ValueError:
            raise InvalidInputError(
                "Amounts.values",
                other.values.shape,
                f"draws broadcasting with {self.values.shape}",
            ) from None
        return self.values + other.values if op == "+" else self.values - other.values

    def _with_values(self, values: FloatArray, other: Amounts | None = None) -> Amounts:
        host = self.host
        if other is not None and (
            host is None or other.host is None or host.code != other.host.code
        ):
            host = None  # a sum over hosts is no one host's contribution
        return self._like(values, host=host)

    def to_series(self) -> pd.Series:
        """Return a Series indexed by year, or by (draw, year) when there are draws."""
        if self.values.ndim == 1:
            index = pd.Index(self.years, name="year")
            return pd.Series(self.values.copy(), index=index, name=self.label or "amount")
        flat = self.values.reshape(-1, self.years.size)
        index = pd.MultiIndex.from_product(
            [np.arange(flat.shape[0]), self.years], names=["draw", "year"]
        )
        return pd.Series(flat.ravel().copy(), index=index, name=self.label or "amount")

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame: (draw,) year, value, currency, price_basis, label, host."""
        frame = self.to_series().rename("value").reset_index()
        frame["currency"] = self.currency
        frame["price_basis"] = str(self.price_basis)
        frame["label"] = self.label
        frame["host"] = "" if self.host is None else self.host.code
        return frame

    def plot(self, ax: Axes | None = None) -> Axes:
        """Plot the amounts by year (median and 5-95% band when there are draws).

        Needs the ``plot`` extra (matplotlib); see :func:`burden.plot.plot_paths`.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> Amounts(values=[1e12, 1.1e12], years=[2020, 2021], currency="KRW").plot().get_ylabel()
        'KRW tn (nominal)'
        """
        from burden.plot import plot_paths  # noqa: PLC0415 (matplotlib is optional)

        return plot_paths([self], ax=ax)
