"""The currencies burden knows, and the check of a currency code.

A module of its own below :mod:`burden.hosts` and :mod:`burden.money`, which both need
it (a host has a currency; money converts between them), so neither imports the other
for it. Both names are re-exported by :mod:`burden.money`.
"""

from __future__ import annotations

from typing import Final

from burden._core.checks import did_you_mean
from burden.errors import MissingDataError

__all__ = ["CURRENCIES", "check_currency"]

CURRENCIES: Final = ("KRW", "USD", "JPY", "EUR", "GBP")
"""Currency codes burden knows (ISO 4217)."""


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
