"""The seed analysis: the 2019 US demand against the February 2019 agreement and the 11th SMA.

:func:`seed_analysis` computes everything from the built-in, cited data and returns
a :class:`SeedAnalysis` of tidy tables; :meth:`SeedAnalysis.to_text` renders the
console report printed by ``burden report``.

Examples
--------
>>> from burden.report.seed import seed_analysis
>>> seed = seed_analysis()
>>> round(seed.headline["demand_over_2019_agreement"], 2)
5.61
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from burden import agreements, datasets
from burden.compare import compare
from burden.errors import InvalidInputError
from burden.money import basis_label, check_price_basis, default_context

if TYPE_CHECKING:
    from collections.abc import Sequence

    from burden.typing import PriceBasis

__all__ = ["SeedAnalysis", "base_year_note", "seed_analysis"]

BASELINE = "SMA-10-HELD"
AGREED = "SMA-11"
DEMAND = "US-DEMAND-2019"
REFERENCE_YEAR = 2019

_UNITS = {"KRW": (1e9, "KRW bn"), "USD": (1e9, "USD bn")}


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SeedAnalysis:
    """Tables of the seed analysis (all values float64).

    Attributes
    ----------
    headline : dict of str to float
        2019 reference figures: the February 2019 amount (KRW), the demand (USD),
        the 2019 exchange rate, the demand in KRW at that rate, and their ratio.
    amounts : DataFrame
        Tidy: ``currency``, ``price_basis``, ``year`` (``"total"`` for the sum),
        ``scenario``, ``value`` (whole currency units).
    indicators : DataFrame
        Tidy: ``year``, ``scenario``, ``measure``, ``value``, ``unit``.
    scenarios : DataFrame
        Name and description of each scenario compared.
    sources : DataFrame
        Citation of every source id behind the figures used.
    """

    headline: dict[str, float]
    amounts: pd.DataFrame
    indicators: pd.DataFrame
    scenarios: pd.DataFrame
    sources: pd.DataFrame
    years: tuple[int, ...]
    price_base_year: int

    def tables(self) -> dict[str, tuple[str, pd.DataFrame]]:
        """Return the report's wide tables, each with its title.

        Returns
        -------
        dict of str to (str, DataFrame)
            Keyed by a file-safe name: ``amounts_krw_nominal``,
            ``amounts_krw_<base year>``, ``amounts_usd_nominal``,
            ``amounts_usd_<base year>`` (amounts per year in bn and the demand's
            ratios), ``shares`` (% of defence budget and GDP) and
            ``per_service_member`` (USD). Rows are years (``total`` last).

        Examples
        --------
        >>> seed = seed_analysis()
        >>> list(seed.tables())[:2]
        ['amounts_krw_nominal', 'amounts_krw_2019']
        """
        out: dict[str, tuple[str, pd.DataFrame]] = {}
        for (currency, basis), block in self.amounts.groupby(
            ["currency", "price_basis"], sort=False
        ):
            scale, unit = _UNITS[str(currency)]
            label = basis_label(
                str(currency), "nominal" if basis == "nominal" else int(str(basis))
            )
            wide = block.pivot_table(index="year", columns="scenario", values="value")
            wide = wide.loc[block["year"].unique(), [BASELINE, AGREED, DEMAND]]
            wide = wide / scale
            wide["demand/held"] = wide[DEMAND] / wide[BASELINE]
            wide["demand/SMA-11"] = wide[DEMAND] / wide[AGREED]
            key = f"amounts_{str(currency).lower()}_{basis}"
            out[key] = (f"Amounts per year, {unit}, {label}", wide)
        ind = self.indicators.pivot_table(
            index="year", columns=["measure", "scenario"], values="value", dropna=False
        )
        shares = pd.DataFrame(
            {
                f"{s} %budget": 100 * ind[("share_of_defense_budget", s)]
                for s in (BASELINE, AGREED, DEMAND)
            }
        )
        for s in (BASELINE, AGREED, DEMAND):
            shares[f"{s} %GDP"] = 100 * ind[("share_of_gdp", s)]
        per_member = pd.DataFrame(
            {f"{s}": ind[("per_service_member", s)] for s in (BASELINE, AGREED, DEMAND)}
        )
        out["shares"] = (
            (
                "Share of Korea's main defence budget and of GDP (%, nominal KRW;"
                " GDP on the Bank of Korea 2020 base, blank where burden's data has no figure)"
            ),
            shares,
        )
        out["per_service_member"] = (
            "USD per US service member stationed (about 28,500), nominal",
            per_member,
        )
        return out

    def to_text(self) -> str:
        """Render the analysis as the plain-text report of ``burden report``."""
        h = self.headline
        lines = [
            'burden: the 2019 US "drastic increase" against the February 2019 agreement',
            "",
            f"Reference year {REFERENCE_YEAR}",
            (
                f"  10th SMA (February 2019)      KRW {h['sma10_krw'] / 1e9:,.1f} bn"
                f" = USD {h['sma10_krw'] / h['krw_per_usd'] / 1e9:,.3f} bn"
                f" at {h['krw_per_usd']:,.2f} KRW/USD (2019 average)"
            ),
            (
                f"  US demand (November 2019)     USD {h['demand_usd'] / 1e9:,.1f} bn a year"
                f" = KRW {h['demand_krw'] / 1e9:,.1f} bn at the 2019 rate"
            ),
            f"  Demand / February agreement   {h['demand_over_2019_agreement']:.2f} times",
            "",
            f"Scenarios compared, {self.years[0]}-{self.years[-1]}",
        ]
        for name, row in self.scenarios.iterrows():
            wrapped = textwrap.wrap(str(row["description"]), width=78)
            lines += [f"  {name:<16}{wrapped[0]}"] + [f"  {'':<16}{w}" for w in wrapped[1:]]
        for key, (title, table) in self.tables().items():
            digits = 0 if key == "per_service_member" else 3
            lines += ["", title, _fmt(table, digits=digits)]
        lines += ["", "Sources"]
        lines += [f"  {sid:<5} {row.citation}" for sid, row in self.sources.iterrows()]
        return "\n".join(lines)


def base_year_note(price_base_year: int, *, ranges: bool = True) -> str:
    """Say which parts of the report a base year other than 2019 moves, and which not.

    The headline and the Ranges section measure the 2019 demand in the year it was
    made: they stay at 2019 prices by design; only the seed tables use the base year.

    Parameters
    ----------
    price_base_year : int
        The base year of the seed tables (``burden report --base-year``).
    ranges : bool, default True
        Whether the report shows the Ranges section.

    Returns
    -------
    str
        ``""`` for the reference year 2019, else one sentence.

    Examples
    --------
    >>> base_year_note(2019)
    ''
    >>> print(base_year_note(2025))
    Base year 2025 applies to the seed tables only: the headline (reference year 2019) and the Ranges section are at 2019 prices by design (the year of the 2019 demand).
    """
    if price_base_year == REFERENCE_YEAR:
        return ""
    what = "the headline (reference year 2019)" + (
        " and the Ranges section are" if ranges else " is"
    )
    return (
        f"Base year {price_base_year} applies to the seed tables only: {what} at "
        f"{REFERENCE_YEAR} prices by design (the year of the 2019 demand)."
    )


def _fmt(frame: pd.DataFrame, *, digits: int = 3) -> str:
    return frame.to_string(float_format=lambda v: f"{v:,.{digits}f}", na_rep="", justify="right")


def seed_analysis(
    *, years: Sequence[int] | None = None, price_base_year: int = REFERENCE_YEAR
) -> SeedAnalysis:
    """Compute the seed analysis from the built-in data.

    Parameters
    ----------
    years : sequence of int, optional
        Years to compare, within 2020-2025 (default: all of them).
    price_base_year : int, default 2019
        Base year of the constant-price (real) tables.

    Returns
    -------
    SeedAnalysis

    Raises
    ------
    InvalidInputError
        If `years` fall outside the scenarios.
    MissingDataError
        If the price base year has no exchange rate or price level.
    """
    check_price_basis(price_base_year, "price_base_year")
    held, agreed, demand = (agreements.get(n) for n in (BASELINE, AGREED, DEMAND))
    ctx = default_context()
    krw_per_usd = float(ctx.rate("KRW", [REFERENCE_YEAR])[0])
    sma10 = float(agreements.get("SMA-10").path().values[0])
    demand_usd = float(demand.path().values[0])
    headline = {
        "sma10_krw": sma10,
        "demand_usd": demand_usd,
        "krw_per_usd": krw_per_usd,
        "demand_krw": demand_usd * krw_per_usd,
        "demand_over_2019_agreement": demand_usd * krw_per_usd / sma10,
    }
    amount_rows = []
    bases: tuple[PriceBasis, ...] = ("nominal", price_base_year)
    for currency in ("KRW", "USD"):
        for basis in bases:
            c_held = compare(held, demand, currency=currency, price_basis=basis, years=years)
            c_agreed = compare(agreed, demand, currency=currency, price_basis=basis, years=years)
            for amounts in (c_held.baseline, c_agreed.baseline, c_held.alternative):
                values = np.append(amounts.values, amounts.total())
                amount_rows.append(
                    pd.DataFrame(
                        {
                            "currency": currency,
                            "price_basis": str(basis),
                            "year": [*map(str, amounts.years), "total"],
                            "scenario": amounts.label,
                            "value": values,
                        }
                    )
                )
    indicator_frames = []
    c_held = compare(held, demand, currency="USD", years=years)
    c_agreed = compare(agreed, demand, currency="USD", years=years)
    for comp, which in ((c_held, ("baseline", "alternative")), (c_agreed, ("baseline",))):
        frame = comp.to_frame()
        labels = [getattr(comp, w).label for w in which]
        keep = frame["scenario"].isin(labels) & frame["measure"].isin(
            ["share_of_defense_budget", "share_of_gdp", "per_service_member"]
        )
        indicator_frames.append(frame.loc[keep])
    scenarios = pd.DataFrame(
        {"description": [a.description for a in (held, agreed, demand)]},
        index=pd.Index([a.name for a in (held, agreed, demand)], name="scenario"),
    )
    gdp, troops = datasets.korea_gdp(), datasets.us_troops()
    used = pd.concat(
        [
            pd.DataFrame({"source": [a.source for a in (held, agreed, demand)]}),
            datasets.korea_series()[["source"]],
            gdp.loc[(gdp["base_year"] == 2020) & gdp["preferred"], ["source"]],
            troops.loc[troops["country"] == "KOR", ["source"]],
        ]
    )
    years_used = tuple(int(y) for y in c_held.years)
    if not years_used:
        raise InvalidInputError("years", years, "at least one year in 2020..2025")
    return SeedAnalysis(
        headline=headline,
        amounts=pd.concat(amount_rows, ignore_index=True),
        indicators=pd.concat(indicator_frames, ignore_index=True),
        scenarios=scenarios,
        sources=datasets.cited_sources(used),
        years=years_used,
        price_base_year=price_base_year,
    )
