"""compare(): two scenarios on common years, in one currency and price basis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from burden._core.checks import as_float_array, as_instance, one_of, readonly
from burden.agreements import Agreement
from burden.compare._align import _common_years, _preflight, _span
from burden.compare._comparison import Comparison
from burden.compare._indicators import _host_of, _indicators
from burden.compare._projected import _rule_projections, _used_assumptions
from burden.errors import InvalidInputError
from burden.money import (
    MoneyContext,
    check_base_year,
    check_currency,
    check_price_basis,
    default_context,
    present_value,
)
from burden.typing import Deflator

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy.typing as npt

    from burden.money import Amounts
    from burden.typing import PriceBasis

_SMALLEST_SERIES: Final = 1e6
"""A host's defence budget or GDP below this many currency units is a unit slip."""


def _units_hint(value: float, currency: str) -> str:
    exponent, word = ("e12", "tn") if abs(value) < 1e3 else ("e9", "bn")
    return f"give whole currency units, e.g. {value:g}{exponent} for {currency} {value:g} {word}"


def _check_magnitude(name: str, given: pd.Series, currency: str) -> None:
    """Reject a defence budget or GDP written in trillions or billions, not units."""
    values = pd.to_numeric(given, errors="coerce").to_numpy(dtype=np.float64)
    small = np.isfinite(values) & (np.abs(values) < _SMALLEST_SERIES)
    if small.any():
        bad = float(values[small][0])
        year = given.index[int(np.nonzero(small)[0][0])]
        raise InvalidInputError(
            f"{name}[{year}]",
            bad,
            f"a {name.replace('_', ' ')} in whole {currency} units (at least 1e6)",
            hint=_units_hint(bad, currency),
        )


def compare(
    baseline: Agreement | Amounts,
    alternative: Agreement | Amounts,
    *,
    currency: str = "KRW",
    price_basis: PriceBasis = "nominal",
    years: Sequence[int] | None = None,
    context: MoneyContext | None = None,
    deflate_with: Deflator = "currency",
    discount_rate: npt.ArrayLike | None = None,
    discount_year: int | None = None,
    defense_budget: pd.Series | None = None,
    gdp: pd.Series | None = None,
    troops: pd.Series | None = None,
) -> Comparison:
    """Compare two scenarios on common years, in one currency and price basis.

    Parameters
    ----------
    baseline, alternative : Agreement or Amounts
        The scenarios; their draws (if any) broadcast. Each scenario's burden
        indicators come from its own host (``host=``); without one it has none.
    currency : str, default "KRW"
        Currency of the result.
    price_basis : "nominal" or int, default "nominal"
        Current prices, or constant prices of a base year (e.g. 2019).
    years : sequence of int, optional
        Years to compare: consecutive years (``range(2020, 2026)``) or a
        ``(first, last)`` pair, both included (``(2020, 2025)``, as in scenario files
        and on the command line); default: the years both scenarios cover.
    context : MoneyContext, optional
        Exchange rates, price indices and stated projections
        (:meth:`MoneyContext.with_projection`); default the shipped data.
    deflate_with : {"currency", "host"}, default "currency"
        Constant prices: ``"currency"`` uses the result currency's own index
        (constant USD: US CPI-U; constant KRW: Korean CPI); ``"host"`` deflates with
        the host's CPI and converts at the base year's rate (the host perspective,
        burden's method before 0.2; both scenarios need hosts of one currency).
    discount_rate : float or array_like, optional
        With it, :meth:`Comparison.present_value` and the tables give the present
        value of each scenario and of the difference (fraction; a nominal rate for
        nominal amounts, a real rate for constant prices).
    discount_year : int, optional
        Year the present values are valued in; default the first compared year.
    defense_budget, gdp, troops : Series, optional
        Replace these series of each scenario's host (in its currency; troops as
        US service members), by year. Missing years give NaN indicators.

    Returns
    -------
    Comparison

    Raises
    ------
    InvalidInputError
        If the scenarios share no year, `years` falls outside one of them,
        ``deflate_with="host"`` lacks a common host currency, or the discount rate
        or year is invalid.
    MissingDataError
        If a conversion needs a rate or price level that is not available
        (:class:`burden.money.MissingRateError`).

    Examples
    --------
    >>> import burden as bd
    >>> c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"),
    ...                currency="USD", price_basis=2019)
    >>> round(float(c.total_difference) / 1e9, 2)   # USD bn (2019 US prices), 2020-2025
    0.81
    >>> host = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"),
    ...                   currency="USD", price_basis=2019, deflate_with="host")
    >>> round(float(host.total_difference) / 1e9, 2)  # Korean CPI, at the 2019 rate
    0.97
    """
    check_currency(currency)
    basis = check_price_basis(price_basis)
    if context is not None:
        as_instance(context, MoneyContext, "context")
    deflate_with = one_of(deflate_with, "deflate_with", Deflator)
    common = _common_years(_span(baseline, "baseline"), _span(alternative, "alternative"), years)
    ctx = default_context() if context is None else context
    scenario_hosts = [_host_of(baseline), _host_of(alternative)]
    overrides = {
        k: v
        for k, v in (("defense_budget", defense_budget), ("gdp", gdp), ("troops", troops))
        if v is not None
    }
    for name, given in overrides.items():
        if not isinstance(given, pd.Series):
            raise InvalidInputError(name, given, "a pandas Series indexed by year")
    host_currency = next((h.currency for h in scenario_hosts if h is not None), currency)
    for name in ("defense_budget", "gdp"):
        if name in overrides:
            _check_magnitude(name, overrides[name], host_currency)
    scenario_hosts = [
        None if h is None else ctx.project_host(h.replace(**overrides) if overrides else h)
        for h in scenario_hosts
    ]
    deflator: str | None = None
    if deflate_with == "host" and basis != "nominal":
        codes = {h.currency for h in scenario_hosts if h is not None}
        if None in scenario_hosts or len(codes) != 1:
            raise InvalidInputError(
                "deflate_with",
                "host",
                "two scenarios with hosts of one currency for the host perspective",
                hint='use deflate_with="currency" (the result currency\'s own index)',
            )
        deflator = codes.pop()
    pv_year: object = discount_year
    if pv_year is not None and not (
        isinstance(pv_year, int) and common[0] <= pv_year <= common[-1]
    ):
        raise InvalidInputError(
            "discount_year", discount_year, f"a compared year ({common[0]}..{common[-1]})"
        )
    rate = None
    if discount_rate is not None:
        rate = as_float_array(discount_rate, "discount_rate")
        # Validate now, before any work (same checks as present_value).
        present_value(np.zeros(common.size), common, rate, year=int(discount_year or common[0]))
    check_base_year(ctx, basis, deflator or ctx.deflate_with or currency)
    base, alt = _preflight(baseline, alternative, common, ctx, currency, basis, deflator)
    try:
        np.broadcast_shapes(base.batch_shape, alt.batch_shape)
    except ValueError:
        raise InvalidInputError(
            "alternative",
            alt.batch_shape,
            f"draws broadcasting with the baseline's {base.batch_shape}",
        ) from None
    if base.label == alt.label:  # a scenario against a variant of itself: keep tables unambiguous
        base = base._like(base.values, label=f"{base.label} (baseline)")
        alt = alt._like(alt.values, label=f"{alt.label} (alternative)")
    nominal = [s.to(price_basis="nominal", context=ctx) for s in (base, alt)]
    shown = [s.to(currency, basis, deflator=deflator, context=ctx) for s in (base, alt)]
    indicators = [
        _indicators(sh, nm, h, ctx, common)
        for sh, nm, h in zip(shown, nominal, scenario_hosts, strict=True)
    ]
    for name, share in (("defense_budget", "share_of_defense_budget"), ("gdp", "share_of_gdp")):
        for ind in indicators:
            shares = np.asarray(getattr(ind, share))
            if name in overrides and (shares > 1).any():
                year = int(common[np.nonzero((shares > 1).reshape(-1, common.size).any(0))[0][0]])
                series_value = float(np.asarray(getattr(ind, name))[common == year][0])
                raise InvalidInputError(
                    f"{name}[{year}]",
                    series_value,
                    f"a {name.replace('_', ' ')} larger than the contribution itself "
                    f"(in whole {host_currency} units)",
                    hint="give whole currency units, e.g. 50.15e12 for KRW 50.15 tn",
                )
    same_host = (
        scenario_hosts[0] is not None
        and scenario_hosts[1] is not None
        and scenario_hosts[0].code == scenario_hosts[1].code
    )
    shared = {
        name: (getattr(indicators[0], name) if same_host else np.full(common.shape, np.nan))
        for name in ("defense_budget", "gdp", "troops")
    }
    codes = {h.code for h in scenario_hosts if h is not None}
    currencies = {base.currency, alt.currency, currency} | {
        h.currency for h in scenario_hosts if h is not None
    }
    deflators = set() if basis == "nominal" else {deflator or ctx.deflate_with or currency}
    if basis != "nominal":
        currencies |= deflators
    used, projected = _used_assumptions(ctx, common, currencies, deflators, codes, basis)
    stated = [
        a for s in (baseline, alternative) if isinstance(s, Agreement) for a in s.assumptions
    ]
    for scenario in (baseline, alternative):
        rule_notes, rule_years = _rule_projections(scenario, common)
        used += rule_notes
        projected |= rule_years
    troop_bases = {h.troops_basis for h in scenario_hosts if h is not None and h.troops_basis}
    if len(troop_bases) > 1:
        stated.append(
            "troops counted on different bases (stated level vs DMDC): per-service-member "
            "figures are not like for like"
        )
    return Comparison(
        baseline=shown[0],
        alternative=shown[1],
        baseline_indicators=indicators[0],
        alternative_indicators=indicators[1],
        defense_budget=shared["defense_budget"],
        gdp=shared["gdp"],
        troops=shared["troops"],
        context=context,
        assumptions=tuple(dict.fromkeys((*used, *stated))),
        projected=projected,
        discount_rate=None if rate is None else readonly(rate),
        discount_year=discount_year,
    )
