"""Conversions between currencies and price bases: the formulas."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, as_instance, as_years, finite_result, readonly
from burden.currencies import check_currency
from burden.errors import InvalidInputError
from burden.money._basis import check_price_basis
from burden.money._context import MoneyContext, default_context

if TYPE_CHECKING:
    from burden.typing import FloatArray, IntArray, PriceBasis


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
