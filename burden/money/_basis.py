"""Price bases: the checks of a basis and its description in words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from burden._core.checks import as_instance, as_name, as_year
from burden.currencies import check_currency
from burden.errors import InvalidInputError
from burden.money._context import MoneyContext

if TYPE_CHECKING:
    from burden.typing import PriceBasis


_INDEX_NAMES: Final = {"USD": "US CPI-U", "KRW": "Korean CPI", "JPY": "Japanese CPI"}


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
