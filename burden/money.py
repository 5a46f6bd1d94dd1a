r"""Currencies, price bases and conversions between them.

An amount in burden always knows its currency (``"KRW"``, ``"USD"``, ``"JPY"``,
``"EUR"``) and its price basis: ``"nominal"`` (current prices of each year) or an
integer base year (constant prices of that year). Amounts of different currencies or
bases cannot be added: convert them first with :meth:`Amounts.to`.

Conversions use annual-average exchange rates (units of a currency per US dollar)
and a price index, both held in a :class:`MoneyContext`. The default context uses
the shipped data: KRW per USD (FRED AEXKOUS annual averages) and Korea's CPI.

Notes
-----
Every conversion goes through nominal amounts in the *deflation currency* ``D`` of
the context (KRW by default, where the SMA money is spent). With :math:`e_C(y)` the
units of currency ``C`` per USD in year ``y`` and :math:`P_D(y)` the price index of
``D``:

.. math::

    \text{nominal } C \to \text{nominal } D:\quad x \, e_D(y) / e_C(y)

    \text{constant}(B)\ C \to \text{nominal } D:\quad
        x \, \frac{e_D(B)}{e_C(B)} \, \frac{P_D(y)}{P_D(B)}

and the inverse maps back to the target currency and basis. So a real USD amount is
the real KRW amount converted at the base year's exchange rate ("deflate, then
convert"). Pass a context with ``deflate_with="USD"`` and a US price index to deflate
with US prices instead.

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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Self

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden import datasets
from burden._core.checks import (
    as_float_array,
    as_instance,
    as_mapping,
    as_year,
    as_year_series,
    as_years,
    broadcast_batch,
    did_you_mean,
    finite_result,
    ratio,
    readonly,
)
from burden.errors import InvalidInputError, MissingDataError, UnitMismatchError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from matplotlib.axes import Axes

    from burden.typing import FloatArray, IntArray, PriceBasis

__all__ = [
    "CURRENCIES",
    "MISSING_RATE_HINT",
    "Amounts",
    "MoneyContext",
    "check_currency",
    "check_price_basis",
    "convert",
    "cpi_index",
    "default_context",
]

CURRENCIES: Final = ("KRW", "USD", "JPY", "EUR")
"""Currency codes burden knows (ISO 4217)."""

MISSING_RATE_HINT: Final = "supply the figure in a MoneyContext"
"""Hint of the error for a year without an exchange rate or price level."""


def check_currency(code: object, field: str = "currency") -> str:
    """Return `code` if it is a known currency, else raise naming `field`.

    Raises
    ------
    MissingDataError
        If `code` is not one of :data:`CURRENCIES`.

    Examples
    --------
    >>> check_currency("KRW")
    'KRW'
    """
    if not isinstance(code, str) or code not in CURRENCIES:
        raise MissingDataError(
            field,
            code,
            f"a currency code, one of {', '.join(CURRENCIES)}",
            hint=did_you_mean(code, CURRENCIES),
        )
    return code


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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class MoneyContext:
    """Exchange rates and price indices used to convert amounts.

    Parameters
    ----------
    per_usd : Mapping[str, Series]
        For each currency other than USD, annual-average units per US dollar,
        indexed by year. USD is always 1.
    price_index : Mapping[str, Series]
        Price index by year (any base) for the currencies that can deflate.
    deflate_with : str, default "KRW"
        Currency whose price index converts between nominal and constant prices
        (see the module notes).

    Examples
    --------
    >>> ctx = default_context().with_per_usd("JPY", pd.Series({2019: 109.0}))
    >>> "JPY" in ctx.per_usd
    True
    """

    per_usd: Mapping[str, pd.Series] = field(default_factory=dict)
    price_index: Mapping[str, pd.Series] = field(default_factory=dict)
    deflate_with: str = "KRW"

    def __post_init__(self) -> None:
        per_usd = {}
        for code, series in as_mapping(self.per_usd, "MoneyContext.per_usd").items():
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
            per_usd[code] = checked
        prices = {}
        for code, series in as_mapping(self.price_index, "MoneyContext.price_index").items():
            check_currency(code, "MoneyContext.price_index")
            checked = as_year_series(
                series, f"MoneyContext.price_index[{code!r}]", consecutive=False
            )
            if (checked <= 0).any():
                raise InvalidInputError(
                    f"MoneyContext.price_index[{code!r}]", series, "positive index levels"
                )
            prices[code] = checked
        check_currency(self.deflate_with, "MoneyContext.deflate_with")
        object.__setattr__(self, "per_usd", per_usd)
        object.__setattr__(self, "price_index", prices)

    def with_per_usd(self, currency: str, per_usd: pd.Series) -> Self:
        """Return a copy with the exchange rate series of `currency` replaced."""
        rates = dict(self.per_usd)
        rates[check_currency(currency)] = per_usd
        return type(self)(
            per_usd=rates, price_index=self.price_index, deflate_with=self.deflate_with
        )

    def with_price_index(self, currency: str, index: pd.Series) -> Self:
        """Return a copy with the price index of `currency` replaced."""
        prices = dict(self.price_index)
        prices[check_currency(currency)] = index
        return type(self)(per_usd=self.per_usd, price_index=prices, deflate_with=self.deflate_with)

    def rate(self, currency: str, years: npt.ArrayLike) -> FloatArray:
        """Return units of `currency` per USD in each of `years`, shape ``(T,)``.

        Raises
        ------
        MissingDataError
            If the context has no rate for `currency` in one of `years`.
        """
        code = check_currency(currency)
        wanted = as_years(years, "years")
        if code == "USD":
            return np.ones(wanted.shape, dtype=np.float64)
        if code not in self.per_usd:
            raise MissingDataError(
                "MoneyContext.per_usd",
                code,
                f"an exchange-rate series for {code}",
                hint=f"burden ships none for {code}: pass one with context.with_per_usd()",
            )
        return _lookup(self.per_usd[code], wanted, f"{code} per USD")

    def price_level(self, years: npt.ArrayLike) -> FloatArray:
        """Return the price index of the deflation currency in each of `years`."""
        code = self.deflate_with
        wanted = as_years(years, "years")
        if code not in self.price_index:
            raise MissingDataError(
                "MoneyContext.price_index",
                code,
                f"a price index for the deflation currency {code}",
                hint="pass one with context.with_price_index()",
            )
        return _lookup(self.price_index[code], wanted, f"{code} price index")


def _lookup(series: pd.Series, years: IntArray, what: str) -> FloatArray:
    known = series.index.to_numpy()
    missing = np.setdiff1d(years, known)
    if missing.size:
        raise MissingDataError(
            "year",
            int(missing[0]),
            f"a year with a {what} ({known.min()}..{known.max()})",
            hint=MISSING_RATE_HINT,
        )
    return series.reindex(years).to_numpy(dtype=np.float64)


@functools.cache
def default_context() -> MoneyContext:
    """Return the context built from the shipped data.

    KRW per USD is the FRED AEXKOUS annual average (source S66); the KRW price
    index chains Statistics Korea CPI inflation (S22, S23, S25, S71, S72), 2020 = 100.
    JPY and EUR rates are not shipped: add them with :meth:`MoneyContext.with_per_usd`.

    Examples
    --------
    >>> float(default_context().rate("KRW", [2019])[0])
    1165.8016
    """
    macro = datasets.korea_macro()
    fx = macro["krw_per_usd"].dropna()
    # 2006 inflation is inferred from an SMA amount, not published: the index starts in 2007.
    inflation = macro["cpi_inflation"].dropna()
    inflation = inflation.loc[inflation.index >= 2007]
    return MoneyContext(
        per_usd={"KRW": fx},
        price_index={"KRW": cpi_index(inflation, base_year=2020)},
        deflate_with="KRW",
    )


def convert(
    values: npt.ArrayLike,
    years: npt.ArrayLike,
    *,
    from_currency: str,
    to_currency: str,
    from_basis: PriceBasis = "nominal",
    to_basis: PriceBasis = "nominal",
    context: MoneyContext | None = None,
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
        Rates and price indices; defaults to :func:`default_context`.

    Returns
    -------
    ndarray of float64, shape (..., T)

    Raises
    ------
    MissingDataError
        If a currency is unknown or a rate or price level is missing for a year.

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
    if src == dst and src_basis == dst_basis:
        return readonly(x)
    ctx = default_context() if context is None else context
    with np.errstate(over="ignore"):
        out = _from_anchor(_to_anchor(x, yrs, src, src_basis, ctx), yrs, dst, dst_basis, ctx)
    if np.isfinite(x).all():
        finite_result(out, "values", values)
    return readonly(out)


def _to_anchor(
    x: FloatArray, years: IntArray, currency: str, basis: PriceBasis, ctx: MoneyContext
) -> FloatArray:
    """Express amounts as nominal amounts of the deflation currency."""
    anchor = ctx.deflate_with
    if basis == "nominal":
        if currency == anchor:
            return x
        return x * ctx.rate(anchor, years) / ctx.rate(currency, years)
    base = np.array([basis])
    at_base = x if currency == anchor else x * (ctx.rate(anchor, base) / ctx.rate(currency, base))
    return at_base * ctx.price_level(years) / ctx.price_level(base)


def _from_anchor(
    x: FloatArray, years: IntArray, currency: str, basis: PriceBasis, ctx: MoneyContext
) -> FloatArray:
    """Inverse of :func:`_to_anchor`."""
    anchor = ctx.deflate_with
    if basis == "nominal":
        if currency == anchor:
            return x
        return x * ctx.rate(currency, years) / ctx.rate(anchor, years)
    base = np.array([basis])
    real = x * ctx.price_level(base) / ctx.price_level(years)
    if currency == anchor:
        return real
    return real * (ctx.rate(currency, base) / ctx.rate(anchor, base))


@dataclass(frozen=True, slots=True, eq=False, init=False)
class Amounts:
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

    def __init__(
        self,
        *,
        values: npt.ArrayLike,
        years: npt.ArrayLike,
        currency: str,
        price_basis: PriceBasis = "nominal",
        label: str = "",
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
        object.__setattr__(self, "price_basis", check_price_basis(price_basis))
        object.__setattr__(self, "label", label)

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the leading (draw) axes."""
        return self.values.shape[:-1]

    def to(
        self,
        currency: str | None = None,
        price_basis: PriceBasis | None = None,
        *,
        context: MoneyContext | None = None,
    ) -> Amounts:
        """Return these amounts in another currency and/or price basis.

        See :func:`convert` for the method and the data it needs.
        """
        dst = self.currency if currency is None else currency
        basis = self.price_basis if price_basis is None else price_basis
        values = convert(
            self.values,
            self.years,
            from_currency=self.currency,
            to_currency=dst,
            from_basis=self.price_basis,
            to_basis=basis,
            context=context,
        )
        return Amounts(
            values=values, years=self.years, currency=dst, price_basis=basis, label=self.label
        )

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
        return Amounts(
            values=self.values[..., idx],
            years=wanted,
            currency=self.currency,
            price_basis=self.price_basis,
            label=self.label,
        )

    def total(self) -> FloatArray:
        """Sum over years, shape ``batch_shape`` (NaN if any year is missing)."""
        return readonly(self.values.sum(axis=-1))

    def cumulative(self) -> Amounts:
        """Return the running total over years."""
        return Amounts(
            values=np.cumsum(self.values, axis=-1),
            years=self.years,
            currency=self.currency,
            price_basis=self.price_basis,
            label=self.label,
        )

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
        return self._with_values(self._combine(other, "+"))

    def __sub__(self, other: Amounts) -> Amounts:
        if not isinstance(other, Amounts):
            return NotImplemented
        self._check_same_units(other)
        return self._with_values(self._combine(other, "-"))

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

    def _with_values(self, values: FloatArray) -> Amounts:
        return Amounts(
            values=values,
            years=self.years,
            currency=self.currency,
            price_basis=self.price_basis,
            label=self.label,
        )

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
        """Return a tidy DataFrame: (draw,) year, value, currency, price_basis, label."""
        frame = self.to_series().rename("value").reset_index()
        frame["currency"] = self.currency
        frame["price_basis"] = str(self.price_basis)
        frame["label"] = self.label
        return frame

    def plot(self, ax: Axes | None = None) -> Axes:
        """Plot the amounts by year (median and 5-95% band when there are draws).

        Needs the ``plot`` extra (matplotlib); see :func:`burden.plot.plot_paths`.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> Amounts(values=[1e12, 1.1e12], years=[2020, 2021], currency="KRW").plot().get_ylabel()
        'KRW trillion (nominal)'
        """
        from burden.plot import plot_paths  # noqa: PLC0415 (matplotlib is optional)

        return plot_paths([self], ax=ax)

    def _repr_html_(self) -> str:
        caption = f"{self.label or 'Amounts'} ({self.currency}, {self.price_basis})"
        body = self.to_series().to_frame().to_html(float_format=lambda v: f"{v:,.0f}")
        return f"<p><b>{caption}</b></p>{body}"

    def __repr__(self) -> str:
        shape = f", draws {self.batch_shape}" if self.batch_shape else ""
        return (
            f"Amounts({self.label or 'unnamed'}: {self.currency} {self.price_basis}, "
            f"{self.years[0]}..{self.years[-1]}{shape})"
        )
