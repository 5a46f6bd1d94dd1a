"""Two scenarios on common years, and every assumption they miss, named at once."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np

from burden.agreements import Agreement
from burden.errors import InvalidInputError, MissingDataError
from burden.money import Amounts, MissingAssumptionsError, MissingRateError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from burden.money import MoneyContext
    from burden.typing import IntArray, PriceBasis


def _span(scenario: Agreement | Amounts, field: str) -> IntArray:
    if isinstance(scenario, Agreement | Amounts):
        return scenario.years
    raise InvalidInputError(field, scenario, "an Agreement or Amounts")


def _amounts_for(scenario: Agreement | Amounts, years: IntArray) -> Amounts:
    """Return the amounts on `years`, computing an agreement only as far as needed."""
    if isinstance(scenario, Agreement):
        return scenario.until(int(years[-1])).path().select(years)
    return scenario.select(years)


def _common_years(base: IntArray, alt: IntArray, years: Sequence[int] | None) -> IntArray:
    if max(base[0], alt[0]) > min(base[-1], alt[-1]):
        raise InvalidInputError(
            "alternative.years",
            f"{alt[0]}..{alt[-1]}",
            f"years overlapping the baseline ({base[0]}..{base[-1]})",
        )
    if years is not None:
        given = np.asarray(years)
        if given.ndim != 1 or given.size == 0 or not np.issubdtype(given.dtype, np.integer):
            raise InvalidInputError("years", years, "a non-empty sequence of integer years")
        wanted = given.astype(np.int64)
        if wanted.size == 2 and wanted[1] > wanted[0]:
            # A (first, last) pair, as scenario files and the command line write it.
            wanted = np.arange(wanted[0], wanted[1] + 1, dtype=np.int64)
        if wanted.size > 1 and not (np.diff(wanted) == 1).all():
            raise InvalidInputError(
                "years",
                wanted.tolist(),
                "consecutive years in order, or a (first, last) pair",
                hint=f"e.g. range({wanted.min()}, {wanted.max() + 1})",
            )
        for span, name in ((base, "baseline"), (alt, "alternative")):
            outside = np.setdiff1d(wanted, span)
            if outside.size:
                raise InvalidInputError(
                    "years",
                    int(outside[0]),
                    f"years covered by the {name} ({span[0]}..{span[-1]})",
                )
        return wanted
    first = max(base[0], alt[0])
    last = min(base[-1], alt[-1])
    if first > last:
        raise InvalidInputError(
            "alternative.years",
            f"{alt[0]}..{alt[-1]}",
            f"years overlapping the baseline ({base[0]}..{base[-1]})",
        )
    return np.arange(first, last + 1, dtype=np.int64)


def _preflight(
    baseline: Agreement | Amounts,
    alternative: Agreement | Amounts,
    years: IntArray,
    ctx: MoneyContext,
    currency: str,
    basis: PriceBasis,
    deflator: str | None,
) -> tuple[Amounts, Amounts]:
    """Return both scenarios' amounts, or raise naming every missing assumption at once.

    Collects the agreements' missing index projections, the missing rates per USD
    and the missing price levels before any conversion, so one run names them all.
    """
    errors: dict[str, MissingDataError] = {}
    found: list[Amounts] = []
    for scenario in (baseline, alternative):
        try:
            found.append(_amounts_for(scenario, years))
        except MissingDataError as err:
            if not err.field.endswith(".rates"):
                raise
            errors.setdefault(str(err), err)
    currencies = {baseline.currency, alternative.currency, currency}
    deflation = None if basis == "nominal" else deflator or ctx.deflate_with or currency
    if deflation is not None:
        currencies.add(deflation)
    span = years if basis == "nominal" else np.union1d(years, [basis])
    checks: list[Callable[[], object]] = []
    if len(currencies) > 1:
        rate_years = span if deflator is not None else years
        checks += [
            functools.partial(ctx.rate, code, rate_years) for code in sorted(currencies - {"USD"})
        ]
    if deflation is not None:
        checks.append(functools.partial(ctx.price_level, span, deflation))
    for check in checks:
        try:
            check()
        except MissingRateError as err:
            errors.setdefault(str(err), err)
    if len(errors) == 1:
        raise next(iter(errors.values()))
    if errors:
        missing = list(errors.values())
        fixes = [
            e.hint
            if isinstance(e, MissingRateError)
            else f"state an assumed index rate with {e.field.split('.escalation')[0]}"
            ".with_projection(rate)"
            for e in missing
        ]
        raise MissingAssumptionsError(missing, fixes)
    return found[0], found[1]
