r"""Currencies, price bases and conversions between them.

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

from typing import Final

from burden.currencies import CURRENCIES, check_currency
from burden.money._amounts import Amounts
from burden.money._assumptions import Assumption
from burden.money._bands import PER_USD_BANDS as _PER_USD_BANDS
from burden.money._basis import _axis_basis as _axis_basis
from burden.money._basis import basis_label, check_base_year, check_price_basis, price_index_name
from burden.money._context import MoneyContext, default_context
from burden.money._convert import _constant_prices as _constant_prices
from burden.money._convert import convert
from burden.money._discount import present_value
from burden.money._errors import MissingAssumptionsError, MissingRateError
from burden.money._errors import missing_text as missing_text
from burden.money._shipped import cpi_index

MISSING_RATE_HINT: Final = "supply the figure in a MoneyContext"
"""Former hint of a missing rate; errors are now :class:`MissingRateError`."""

PER_USD_BANDS: Final = _PER_USD_BANDS
"""Plausible units of each currency per US dollar, ``(low, high)``, open interval.

A validation bound, not data: it catches a rate typed the wrong way round (USD per
JPY for JPY per USD) before it scales every converted figure by ~17,000. Yen and won
per dollar must be above 1; euros and pounds per dollar between 0.2 and 5.
"""

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
