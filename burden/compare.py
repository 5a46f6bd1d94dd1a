"""Compare two contribution scenarios year by year, with burden indicators.

:func:`compare` puts a baseline and an alternative (agreements or amounts) on the same
years, currency and price basis, and returns a :class:`Comparison` with per-year and
cumulative amounts, their difference and ratio, and for each scenario three burden
indicators: the share of the host's defence budget, the share of its GDP, and the
amount per US service member stationed.

Examples
--------
>>> import burden as bd
>>> c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("US-DEMAND-2019"))
>>> c.years.tolist()
[2020, 2021, 2022, 2023, 2024, 2025]
>>> round(float(c.ratio[0]), 2)    # 2020: USD 5 bn at 1,180.56 KRW/USD over KRW 1.0389 tn
5.68
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from burden import datasets
from burden._core.checks import as_float_array, as_instance, ratio, readonly
from burden.agreements import Agreement
from burden.errors import InvalidInputError
from burden.money import Amounts, MoneyContext, check_currency, check_price_basis

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes

    from burden.typing import FloatArray, IntArray, PriceBasis

__all__ = ["Comparison", "Indicators", "compare", "korea_context_series"]

HOST_CURRENCY = "KRW"


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Indicators:
    """Burden indicators of one scenario, each of shape ``(..., T)``.

    Attributes
    ----------
    share_of_defense_budget : ndarray
        Amount over the host's main defence budget of the same year (fraction),
        both nominal in the host currency.
    share_of_gdp : ndarray
        Amount over the host's nominal GDP (fraction). NaN where GDP is missing.
    per_service_member : ndarray
        Amount per US service member stationed, in the comparison's currency and
        price basis.
    """

    share_of_defense_budget: FloatArray
    share_of_gdp: FloatArray
    per_service_member: FloatArray

    def __post_init__(self) -> None:
        for name in ("share_of_defense_budget", "share_of_gdp", "per_service_member"):
            value = as_float_array(getattr(self, name), f"Indicators.{name}", allow_nan=True)
            object.__setattr__(self, name, readonly(value))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Comparison:
    """A baseline and an alternative on common years, currency and price basis.

    Arrays have shape ``(..., T)`` (per year) or ``(...,)`` (totals over the years),
    where ``...`` are the draws of the inputs (none for scalar inputs). Every input
    used is kept: the defence budget, GDP and troop series, the context.
    """

    baseline: Amounts
    alternative: Amounts
    baseline_indicators: Indicators
    alternative_indicators: Indicators
    defense_budget: FloatArray
    gdp: FloatArray
    troops: FloatArray
    context: MoneyContext | None = None
    _derived: dict[str, FloatArray] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        as_instance(self.baseline, Amounts, "Comparison.baseline")
        as_instance(self.alternative, Amounts, "Comparison.alternative")
        base, alt = self.baseline.values, self.alternative.values
        with np.errstate(divide="ignore", invalid="ignore"):
            derived = {
                "difference": alt - base,
                "ratio": ratio(alt, base, "Comparison.ratio"),
                "total_baseline": base.sum(axis=-1),
                "total_alternative": alt.sum(axis=-1),
            }
            derived["relative_difference"] = derived["ratio"] - 1.0
            derived["total_difference"] = derived["total_alternative"] - derived["total_baseline"]
            derived["total_ratio"] = ratio(
                derived["total_alternative"], derived["total_baseline"], "Comparison.total_ratio"
            )
        for arr in derived.values():
            readonly(arr)
        for name in ("defense_budget", "gdp", "troops"):
            value = as_float_array(getattr(self, name), f"Comparison.{name}", allow_nan=True)
            object.__setattr__(self, name, readonly(value))
        object.__setattr__(self, "_derived", derived)

    @property
    def years(self) -> IntArray:
        """The common years, shape ``(T,)``."""
        return self.baseline.years

    @property
    def currency(self) -> str:
        """Currency of the amounts."""
        return self.baseline.currency

    @property
    def price_basis(self) -> PriceBasis:
        """``"nominal"`` or the base year of constant prices."""
        return self.baseline.price_basis

    @property
    def difference(self) -> FloatArray:
        """Alternative minus baseline, per year."""
        return self._derived["difference"]

    @property
    def ratio(self) -> FloatArray:
        """Alternative over baseline, per year."""
        return self._derived["ratio"]

    @property
    def relative_difference(self) -> FloatArray:
        """``ratio - 1``, per year (0.139 = 13.9% more)."""
        return self._derived["relative_difference"]

    @property
    def total_baseline(self) -> FloatArray:
        """Baseline summed over the years."""
        return self._derived["total_baseline"]

    @property
    def total_alternative(self) -> FloatArray:
        """Alternative summed over the years."""
        return self._derived["total_alternative"]

    @property
    def total_difference(self) -> FloatArray:
        """Cumulative difference over the years."""
        return self._derived["total_difference"]

    @property
    def total_ratio(self) -> FloatArray:
        """Cumulative alternative over cumulative baseline."""
        return self._derived["total_ratio"]

    def table(self) -> pd.DataFrame:
        """Return a wide per-year table with a final ``total`` row (scalar inputs only).

        Columns: the two scenarios' amounts, ``difference`` and ``ratio``, then each
        scenario's indicators.
        """
        if self.baseline.batch_shape or self.alternative.batch_shape:
            raise InvalidInputError(
                "Comparison.table",
                {
                    "baseline": self.baseline.batch_shape,
                    "alternative": self.alternative.batch_shape,
                },
                "scalar inputs (no draws)",
                hint="use .to_frame() for results with draws",
            )
        b, a = self.baseline.label, self.alternative.label
        rows = pd.DataFrame(
            {
                b: self.baseline.values,
                a: self.alternative.values,
                "difference": self.difference,
                "ratio": self.ratio,
                f"{b} % defence budget": 100 * self.baseline_indicators.share_of_defense_budget,
                f"{a} % defence budget": 100 * self.alternative_indicators.share_of_defense_budget,
                f"{b} % GDP": 100 * self.baseline_indicators.share_of_gdp,
                f"{a} % GDP": 100 * self.alternative_indicators.share_of_gdp,
                f"{b} per service member": self.baseline_indicators.per_service_member,
                f"{a} per service member": self.alternative_indicators.per_service_member,
            },
            index=pd.Index(self.years.astype(str), name="year"),
        )
        total = rows.iloc[:0].reindex(["total"])
        total[b] = self.total_baseline
        total[a] = self.total_alternative
        total["difference"] = self.total_difference
        total["ratio"] = self.total_ratio
        return pd.concat([rows, total])

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame, one row per (draw,) year, scenario and measure.

        Columns: ``draw`` (only with draws), ``year``, ``scenario``, ``measure``,
        ``value`` (float64) and ``unit``. Measures: ``amount``,
        ``cumulative_amount``, ``share_of_defense_budget``, ``share_of_gdp``,
        ``per_service_member`` for each scenario; ``difference``,
        ``cumulative_difference``, ``ratio`` and ``relative_difference`` for the
        scenario ``"<alternative> vs <baseline>"``.
        """
        money = f"{self.currency} ({self.price_basis})"
        pieces: list[tuple[str, str, FloatArray, str]] = []
        for amounts, ind in (
            (self.baseline, self.baseline_indicators),
            (self.alternative, self.alternative_indicators),
        ):
            label = amounts.label
            pieces += [
                (label, "amount", amounts.values, money),
                (label, "cumulative_amount", np.cumsum(amounts.values, axis=-1), money),
                (label, "share_of_defense_budget", ind.share_of_defense_budget, "fraction"),
                (label, "share_of_gdp", ind.share_of_gdp, "fraction"),
                (label, "per_service_member", ind.per_service_member, money),
            ]
        versus = f"{self.alternative.label} vs {self.baseline.label}"
        pieces += [
            (versus, "difference", self.difference, money),
            (versus, "cumulative_difference", np.cumsum(self.difference, axis=-1), money),
            (versus, "ratio", self.ratio, "ratio"),
            (versus, "relative_difference", self.relative_difference, "fraction"),
        ]
        batch = np.broadcast_shapes(self.baseline.batch_shape, self.alternative.batch_shape)
        frames = [_long(values, self.years, batch, s, m, u) for s, m, values, u in pieces]
        return pd.concat(frames, ignore_index=True)

    def plot(self, ax: Axes | None = None) -> Axes:
        """Plot both scenarios per year as bars and their ratio on a twin axis.

        Needs the ``plot`` extra (matplotlib); see :func:`burden.plot.plot_comparison`.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import burden as bd
        >>> c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))
        >>> c.plot().get_title()
        'SMA-11 vs SMA-10-HELD'
        """
        from burden.plot import plot_comparison  # noqa: PLC0415 (matplotlib is optional)

        return plot_comparison(self, ax=ax)

    def __repr__(self) -> str:
        return (
            f"Comparison({self.alternative.label} vs {self.baseline.label}: {self.currency} "
            f"{self.price_basis}, {self.years[0]}..{self.years[-1]})"
        )

    def _repr_html_(self) -> str:
        title = (
            f"<p><b>{self.alternative.label} vs {self.baseline.label}</b> "
            f"({self.currency}, {self.price_basis})</p>"
        )
        if self.baseline.batch_shape or self.alternative.batch_shape:
            return title + self.to_frame().head(20).to_html()
        return title + self.table().to_html(float_format=lambda v: f"{v:,.4g}")


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
    macro = datasets.korea_macro()
    stationed = datasets.us_troops()
    troops = stationed.loc[stationed["country"] == "KOR"].set_index("year")["troops"]
    return {
        "defense_budget": macro["defense_budget"].reindex(years).to_numpy(dtype=np.float64),
        "gdp": macro["gdp"].reindex(years).to_numpy(dtype=np.float64),
        "troops": troops.reindex(years).to_numpy(dtype=np.float64),
    }


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
        if wanted.size > 1 and not (np.diff(wanted) == 1).all():
            raise InvalidInputError("years", wanted.tolist(), "consecutive years in order")
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


def compare(
    baseline: Agreement | Amounts,
    alternative: Agreement | Amounts,
    *,
    currency: str = "KRW",
    price_basis: PriceBasis = "nominal",
    years: Sequence[int] | None = None,
    context: MoneyContext | None = None,
    defense_budget: pd.Series | None = None,
    gdp: pd.Series | None = None,
    troops: pd.Series | None = None,
) -> Comparison:
    """Compare two scenarios on common years, in one currency and price basis.

    Parameters
    ----------
    baseline, alternative : Agreement or Amounts
        The scenarios; their draws (if any) broadcast.
    currency : str, default "KRW"
        Currency of the result.
    price_basis : "nominal" or int, default "nominal"
        Current prices, or constant prices of a base year (e.g. 2019).
    years : sequence of int, optional
        Years to compare; default: the years both scenarios cover.
    context : MoneyContext, optional
        Exchange rates and price index; default the shipped data.
    defense_budget, gdp : Series, optional
        Host defence budget and nominal GDP by year, in KRW; default Korea's
        (main budget; GDP on the Bank of Korea 2020 base). Missing years give NaN
        indicators.
    troops : Series, optional
        US service members stationed, by year; default USFK (about 28,500).

    Returns
    -------
    Comparison

    Raises
    ------
    InvalidInputError
        If the scenarios share no year or `years` falls outside one of them.
    MissingDataError
        If a conversion needs a rate or price level that is not available.

    Examples
    --------
    >>> import burden as bd
    >>> c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"),
    ...                currency="USD", price_basis=2019)
    >>> round(float(c.total_difference) / 1e9, 2)   # USD bn (2019 prices), 2020-2025
    0.97
    """
    check_currency(currency)
    basis = check_price_basis(price_basis)
    common = _common_years(_span(baseline, "baseline"), _span(alternative, "alternative"), years)
    base, alt = _amounts_for(baseline, common), _amounts_for(alternative, common)
    try:
        np.broadcast_shapes(base.batch_shape, alt.batch_shape)
    except ValueError:
        raise InvalidInputError(
            "alternative",
            alt.batch_shape,
            f"draws broadcasting with the baseline's {base.batch_shape}",
        ) from None
    if base.label == alt.label:  # a scenario against a variant of itself: keep tables unambiguous
        base = Amounts(
            values=base.values,
            years=base.years,
            currency=base.currency,
            price_basis=base.price_basis,
            label=f"{base.label} (baseline)",
        )
        alt = Amounts(
            values=alt.values,
            years=alt.years,
            currency=alt.currency,
            price_basis=alt.price_basis,
            label=f"{alt.label} (alternative)",
        )
    series = korea_context_series(common)
    for name, given in (("defense_budget", defense_budget), ("gdp", gdp), ("troops", troops)):
        if given is not None:
            if not isinstance(given, pd.Series):
                raise InvalidInputError(name, given, "a pandas Series indexed by year")
            series[name] = given.reindex(common).to_numpy(dtype=np.float64)
    shown = [s.to(currency, basis, context=context) for s in (base, alt)]
    local = [s.to(HOST_CURRENCY, "nominal", context=context) for s in (base, alt)]
    indicators = [
        Indicators(
            share_of_defense_budget=lc.values / series["defense_budget"],
            share_of_gdp=lc.values / series["gdp"],
            per_service_member=sh.values / series["troops"],
        )
        for sh, lc in zip(shown, local, strict=True)
    ]
    return Comparison(
        baseline=shown[0],
        alternative=shown[1],
        baseline_indicators=indicators[0],
        alternative_indicators=indicators[1],
        defense_budget=series["defense_budget"],
        gdp=series["gdp"],
        troops=series["troops"],
        context=context,
    )
