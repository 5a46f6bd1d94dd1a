"""The stated assumptions a comparison uses, and the years they set."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from burden.agreements import Agreement
from burden.escalation import Indexed
from burden.money import check_price_basis, default_context

if TYPE_CHECKING:
    import numpy.typing as npt

    from burden.money import Amounts, MoneyContext
    from burden.typing import BoolArray, IntArray, PriceBasis


def _used_assumptions(
    ctx: MoneyContext,
    years: IntArray,
    currencies: set[str],
    deflators: set[str],
    host_codes: set[str],
    basis: PriceBasis,
) -> tuple[list[str], BoolArray]:
    """Return the context's assumptions a comparison uses and the years they set."""
    projected = np.zeros(years.shape, dtype=bool)
    used: list[str] = []
    # A rate per USD is used only when the amounts change currency: one currency throughout
    # (KRW amounts shown in KRW, a KRW host, Korean CPI) uses none.
    rated = currencies - {"USD"} if len(currencies) > 1 else set()
    wanted = [("per_usd", c) for c in sorted(rated)]
    wanted += [("inflation", d) for d in sorted(deflators)]
    wanted += [
        (s, h)
        for h in sorted(host_codes)
        for s in ("defense_budget_growth", "gdp_growth", "troops")
    ]
    span = np.append(years, basis) if basis != "nominal" else years
    for series, key in wanted:
        for assumption in ctx.assumptions_for(series, key, span):
            if assumption.description not in used:
                used.append(assumption.description)
            projected |= assumption.covers(years)
            if basis != "nominal" and assumption.covers([basis]).any():
                projected[:] = True  # the base year's value itself is assumed
    return used, projected


def _rule_projections(
    scenario: Agreement | Amounts, years: IntArray
) -> tuple[list[str], BoolArray]:
    """Return the index projections an agreement's rules use in `years`, and those years."""
    projected = np.zeros(years.shape, dtype=bool)
    notes: list[str] = []
    if not isinstance(scenario, Agreement):
        return notes, projected
    for start, rule in scenario.phases:
        if not isinstance(rule, Indexed) or rule.projection is None:
            continue
        last = int(rule.index_years[-1])
        phase = scenario._phase_years(start)
        uses = np.isin(years, phase[phase - rule.lag > last])
        if uses.any():
            value = np.asarray(rule.projection)
            shown = f"{float(value):.1%}" if value.ndim == 0 else "drawn per draw"
            notes.append(
                f"{scenario.name}: index rate {shown} assumed for index years after {last}"
            )
            projected |= uses
    return notes, projected


def projected_years(
    scenario: Agreement | Amounts,
    years: npt.ArrayLike,
    *,
    currency: str,
    price_basis: PriceBasis = "nominal",
    context: MoneyContext | None = None,
) -> tuple[list[str], BoolArray]:
    """Return the stated assumptions one scenario uses on `years`, and the years they set.

    Counts the context's projections of the rates and price index the conversion to
    `currency` and `price_basis` needs, and the index projections of the agreement's
    rules. Used for the ``projected`` column of tables.

    Examples
    --------
    >>> import burden as bd
    >>> from burden.money import MoneyContext
    >>> ctx = MoneyContext().with_projection(per_usd={"KRW": 1400.0})
    >>> notes, mask = projected_years(bd.agreements.get("US-ASK-2025"), [2025, 2026],
    ...                               currency="KRW", context=ctx)
    >>> notes, mask.tolist()
    (['KRW per USD 1,400 from 2026'], [False, True])
    """
    ctx = default_context() if context is None else context
    wanted = np.asarray(years, dtype=np.int64)
    basis = check_price_basis(price_basis)
    deflators = set() if basis == "nominal" else {ctx.deflate_with or currency}
    currencies = {scenario.currency, currency} | deflators
    notes, mask = _used_assumptions(ctx, wanted, currencies, deflators, set(), basis)
    rule_notes, rule_mask = _rule_projections(scenario, wanted)
    return notes + rule_notes, mask | rule_mask
