"""Amounts: money by year in one currency and price basis, with optional draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import (
    as_float_array,
    as_instance,
    as_years,
    broadcast_batch,
    ratio,
    readonly,
)
from burden._core.results import Result, Table, format_money, shape_text
from burden.currencies import check_currency
from burden.errors import InvalidInputError, MissingDataError, UnitMismatchError
from burden.hosts import Host, as_host
from burden.money._basis import basis_label, check_price_basis
from burden.money._context import MoneyContext, default_context
from burden.money._convert import _deflator, convert
from burden.money._discount import present_value

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes

    from burden.typing import ColumnKind, FloatArray, IntArray, PriceBasis


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
