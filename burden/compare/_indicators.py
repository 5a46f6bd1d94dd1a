"""Burden indicators of one scenario, from its own host's series."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from burden import hosts
from burden._core.checks import as_float_array
from burden._core.results import Result, Table, freeze_arrays, shape_text
from burden.hosts import Host, _year_runs, as_host
from burden.money import MissingRateError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from burden.agreements import Agreement
    from burden.money import Amounts, MoneyContext
    from burden.typing import FloatArray, IntArray


HOST_CURRENCY = "KRW"
"""Currency of the Korean host (kept for code written before hosts were values)."""


_INDICATORS = ("share_of_defense_budget", "share_of_gdp", "per_service_member")


_INDICATOR_UNITS: Final = {
    "share_of_defense_budget": "percent of the host's defence budget",
    "share_of_gdp": "percent of the host's GDP",
    "per_service_member": "per US service member stationed",
}


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Indicators(Result):
    """Burden indicators of one scenario, each of shape ``(..., T)``, from its own host.

    Attributes
    ----------
    share_of_defense_budget : ndarray
        Amount over the host's defence budget of the same year (fraction), both
        nominal in the host currency.
    share_of_gdp : ndarray
        Amount over the host's nominal GDP (fraction).
    per_service_member : ndarray
        Amount per US service member stationed in the host, in the comparison's
        currency and price basis.
    host : Host or None
        The host the series come from (None: the scenario has no host).
    notes : dict of str to str
        For each indicator that is NaN in some year, the reason (empty otherwise).
    defense_budget, gdp, troops : ndarray, shape (T,)
        The host series used (NaN where not published).
    """

    share_of_defense_budget: FloatArray
    share_of_gdp: FloatArray
    per_service_member: FloatArray
    host: Host | None = None
    notes: Mapping[str, str] = field(default_factory=dict)
    defense_budget: FloatArray | None = None
    gdp: FloatArray | None = None
    troops: FloatArray | None = None

    _title = "Burden indicators"
    _no_plot = (
        "indicators carry no years of their own; Comparison.plot(measure=...) draws them per year"
    )

    def _facts(self) -> list[tuple[str, object]]:
        return [("shape", shape_text(self.share_of_gdp.shape))]

    def to_frame(self) -> pd.DataFrame:
        """Tidy DataFrame: (``draw``,) ``year_index`` (0 = first year), ``measure``, ``value``."""
        shape = np.broadcast_shapes(
            self.share_of_defense_budget.shape,
            self.share_of_gdp.shape,
            self.per_service_member.shape,
        )
        steps = np.arange(shape[-1])
        frames = [
            _long(getattr(self, m), steps, shape[:-1], "", m, "").drop(
                columns=["scenario", "unit"]
            )
            for m in ("share_of_defense_budget", "share_of_gdp", "per_service_member")
        ]
        return pd.concat(frames, ignore_index=True).rename(columns={"year": "year_index"})

    def _display(self) -> Table:
        return Table(self.to_frame(), kinds={"year_index": "count"})

    def __post_init__(self) -> None:
        for name in (
            "share_of_defense_budget",
            "share_of_gdp",
            "per_service_member",
            "defense_budget",
            "gdp",
            "troops",
        ):
            value = getattr(self, name)
            if value is not None:
                checked = as_float_array(value, f"Indicators.{name}", allow_nan=True)
                object.__setattr__(self, name, checked)
        freeze_arrays(self)
        object.__setattr__(self, "notes", dict(self.notes))


def _long(
    values: FloatArray,
    years: IntArray,
    batch: tuple[int, ...],
    scenario: str,
    measure: str,
    unit: str,
) -> pd.DataFrame:
    full = np.broadcast_to(values, (*batch, years.size)).reshape(-1, years.size)
    frame = pd.DataFrame(
        {
            "year": np.tile(years, full.shape[0]),
            "scenario": scenario,
            "measure": measure,
            "value": full.ravel().astype(np.float64),
            "unit": unit,
        }
    )
    if batch:
        frame.insert(0, "draw", np.repeat(np.arange(full.shape[0]), years.size))
    return frame


def korea_context_series(years: IntArray) -> dict[str, FloatArray]:
    """Return Korea's defence budget, GDP (2020 base) and US troops for `years`.

    Missing figures are NaN. Sources: defence budget S50-S58, GDP S62-S65, troops
    S5, S11, S31, S48 (see :func:`burden.datasets.sources`).

    Examples
    --------
    >>> s = korea_context_series(np.array([2019]))
    >>> float(s["troops"][0])
    28500.0
    """
    kor = hosts.get("KOR")
    return {name: kor.values(name, years) for name in ("defense_budget", "gdp", "troops")}


def _host_of(scenario: Agreement | Amounts) -> Host | None:
    return as_host(scenario.host, "host")


def _local(amounts: Amounts, host: Host, ctx: MoneyContext) -> tuple[FloatArray | None, str]:
    """Nominal amounts in the host currency, or None and the reason."""
    if host.currency not in ctx.per_usd and host.currency != "USD" and not host.per_usd.empty:
        ctx = ctx.with_per_usd(host.currency, host.per_usd)
    try:
        return amounts.to(host.currency, "nominal", context=ctx).values, ""
    except MissingRateError as err:
        return None, f"no {err.currency} per USD for {err.year} to express it in {host.currency}"


def _indicators(
    shown: Amounts, nominal: Amounts, host: Host | None, ctx: MoneyContext, years: IntArray
) -> Indicators:
    nan = np.full(shown.values.shape, np.nan)
    if host is None:
        reason = "the scenario has no host (pass host= to the Agreement or Amounts)"
        return Indicators(
            share_of_defense_budget=nan,
            share_of_gdp=nan.copy(),
            per_service_member=nan.copy(),
            notes=dict.fromkeys(_INDICATORS, reason),
        )
    series = {name: host.values(name, years) for name in ("defense_budget", "gdp", "troops")}
    local, why = _local(nominal, host, ctx)
    notes = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        if local is None:
            budget_share, gdp_share = nan, nan.copy()
            notes["share_of_defense_budget"] = notes["share_of_gdp"] = why
        else:
            budget_share = local / series["defense_budget"]
            gdp_share = local / series["gdp"]
            notes["share_of_defense_budget"] = _missing_reason(host, "defense_budget", years, ctx)
            notes["share_of_gdp"] = _missing_reason(host, "gdp", years, ctx)
        per_member = shown.values / series["troops"]
    notes["per_service_member"] = _missing_reason(host, "troops", years, ctx)
    return Indicators(
        share_of_defense_budget=budget_share,
        share_of_gdp=gdp_share,
        per_service_member=per_member,
        host=host,
        notes=notes,
        **series,
    )


def _missing_reason(host: Host, name: str, years: IntArray, ctx: MoneyContext) -> str:
    """Say why `host`'s series `name` is NaN in some of `years`, projected years apart.

    `host` carries the context's projections appended to its data; the note names the
    published years as data and the projected ones as assumed (``(data 2020,
    2023..2025; assumed 2026..2100)``), so a gap inside the data is not read as filled.
    """
    reason = host.missing_reason(name, years)
    projection = ctx.host_series.get((host.code, name))
    if not reason or projection is None or projection.empty:
        return reason
    data = host.series(name).index
    first_assumed = int(projection.index.min())
    published = data[data < first_assumed]
    assumed = data[data >= first_assumed]
    if published.empty or assumed.empty:
        return reason
    head, _, _ = reason.rpartition(" (data ")
    return f"{head} (data {_year_runs(published)}; assumed {_year_runs(assumed)})"
