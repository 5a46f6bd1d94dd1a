"""Compare two contribution scenarios year by year, with burden indicators.

Why one module: Comparison, its indicators, present values and notes share one alignment
of two scenarios on years, currency and price basis; splitting them would pass that state
between modules. A candidate to split into a package (comparison, indicators) when it
grows again.

:func:`compare` puts a baseline and an alternative (agreements or amounts) on the same
years, currency and price basis, and returns a :class:`Comparison` with per-year and
cumulative amounts, their difference and ratio, and for each scenario three burden
indicators: the share of its host's defence budget, the share of its host's GDP, and
the amount per US service member stationed in that host. Each scenario's indicators
come from *its own* host (``Agreement(host=...)``, ``Amounts(host=...)``); a scenario
without a host has none (NaN, with the reason in ``Indicators.notes``), never another
host's.

Constant prices default to the result currency's own price index (constant 2019 USD
deflates with US CPI-U); ``deflate_with="host"`` gives the host perspective (host CPI,
converted at the base year's rate). Years that use a stated projection are flagged
(``Comparison.projected``, the ``projected`` column of :meth:`Comparison.to_frame`) and
named in :attr:`Comparison.assumptions`.

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

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from burden import hosts
from burden._core.checks import as_float_array, as_instance, as_names, one_of, ratio, readonly
from burden._core.results import (
    Result,
    Table,
    format_money,
    freeze_arrays,
    scale_factor,
    shape_text,
)
from burden.agreements import Agreement
from burden.errors import InvalidInputError, MissingDataError
from burden.escalation import Indexed
from burden.hosts import Host, as_host
from burden.money import (
    Amounts,
    MissingAssumptionsError,
    MissingRateError,
    MoneyContext,
    check_base_year,
    check_currency,
    check_price_basis,
    default_context,
    present_value,
)
from burden.typing import Deflator

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    import numpy.typing as npt
    from matplotlib.axes import Axes

    from burden.typing import (
        BoolArray,
        ColumnKind,
        FloatArray,
        IndicatorName,
        IntArray,
        MoneyUnit,
        PriceBasis,
    )

__all__ = ["Comparison", "Indicators", "compare", "korea_context_series", "projected_years"]

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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Comparison(Result):
    """A baseline and an alternative on common years, currency and price basis.

    Arrays have shape ``(..., T)`` (per year) or ``(...,)`` (totals over the years),
    where ``...`` are the draws of the inputs (none for scalar inputs). Every input
    used is kept: each scenario's host series (in its :class:`Indicators`), the
    context, the assumptions.

    ``defense_budget``, ``gdp`` and ``troops`` are the host series when both
    scenarios have the same host, else NaN: read each scenario's own from its
    indicators.
    """

    baseline: Amounts
    alternative: Amounts
    baseline_indicators: Indicators
    alternative_indicators: Indicators
    defense_budget: FloatArray
    gdp: FloatArray
    troops: FloatArray
    context: MoneyContext | None = None
    assumptions: tuple[str, ...] = ()
    projected: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    discount_rate: FloatArray | None = None
    discount_year: int | None = None
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
        projected = np.asarray(self.projected, dtype=bool)
        if projected.size == 0:
            projected = np.zeros(self.baseline.years.shape, dtype=bool)
        object.__setattr__(self, "projected", readonly(projected))
        as_names(self.assumptions, "Comparison.assumptions")
        object.__setattr__(self, "assumptions", tuple(self.assumptions))
        freeze_arrays(self)
        object.__setattr__(self, "_derived", derived)

    _title = "Comparison"

    def _facts(self) -> list[tuple[str, object]]:
        facts: list[tuple[str, object]] = [
            ("scenarios", f"{self.alternative.label} vs {self.baseline.label}"),
            ("unit", f"{self.currency} {self.basis_label}"),
            ("years", f"{self.years[0]}..{self.years[-1]}"),
        ]
        batch = np.broadcast_shapes(self.baseline.batch_shape, self.alternative.batch_shape)
        if batch:
            facts.append(("draws", shape_text(batch)))
            facts.append(("median total ratio", f"{float(np.nanmedian(self.total_ratio)):.3f}"))
        else:
            facts.append(("total ratio", f"{float(self.total_ratio):.3f}"))
            facts.append(("total difference", format_money(self.total_difference, self.currency)))
        if self.assumptions:
            facts.append(("assumptions", "; ".join(self.assumptions)))
        return facts

    def _display(self) -> Table:
        batch = np.broadcast_shapes(self.baseline.batch_shape, self.alternative.batch_shape)
        b, a = self.baseline.label, self.alternative.label
        if batch:

            def median(x: FloatArray) -> FloatArray:
                return np.nanmedian(
                    np.broadcast_to(x, (*batch, x.shape[-1])).reshape(-1, x.shape[-1]), axis=0
                )

            frame = pd.DataFrame(
                {
                    b: median(self.baseline.values),
                    a: median(self.alternative.values),
                    "difference": median(self.difference),
                    "ratio": median(self.ratio),
                },
                index=pd.Index(self.years, name="year"),
            )
            kinds: dict[str, ColumnKind] = {b: "money", a: "money", "difference": "money"}
            note = f"Medians across {shape_text(batch)} draws; .to_frame() has every draw."
            return Table(frame, kinds=kinds, currency=self.currency, note=note)
        frame = self.table()
        money = [b, a, "difference", f"{b} per service member", f"{a} per service member"]
        kinds = dict.fromkeys(money, "money")
        return Table(
            frame,
            kinds=kinds,
            groups=dict.fromkeys(money[3:], "per person"),
            currency=self.currency,
            note=" ".join(
                ["% columns are percent of the host's figures.", *(f"{n}." for n in self.notes())]
            ),
        )

    @property
    def basis_label(self) -> str:
        """The price basis in words, naming the index used (e.g. US CPI-U)."""
        return self.baseline.basis_label

    @property
    def title(self) -> str:
        """Title naming the scenarios, currency, price index and any projection used.

        Examples
        --------
        >>> import burden as bd
        >>> c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"),
        ...                currency="USD", price_basis=2019)
        >>> c.title
        'SMA-11 vs SMA-10-HELD, USD constant 2019 prices (US CPI-U)'
        """
        head = (
            f"{self.alternative.label} vs {self.baseline.label}, "
            f"{self.currency} {self.basis_label}"
        )
        if self.assumptions:
            head += "; assumptions: " + "; ".join(self.assumptions)
        return head

    def present_value(
        self, rate: npt.ArrayLike | None = None, *, year: int | None = None
    ) -> dict[str, FloatArray]:
        """Return the present value of each scenario and of the difference.

        Parameters
        ----------
        rate : float or array_like, shape (...,), optional
            Discount rate (fraction); default the ``discount_rate`` given to
            :func:`compare`. Nominal amounts take a nominal rate, constant-price
            amounts a real rate.
        year : int, optional
            Year valued in; default ``discount_year``, else the first year.

        Returns
        -------
        dict of str to ndarray
            ``{"baseline": (...,), "alternative": (...,), "difference": (...,)}`` in
            the comparison's currency and basis: read-only float64 arrays (0-d
            without draws), all three of one type.

        Examples
        --------
        >>> import burden as bd
        >>> c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))
        >>> pv = c.present_value(0.0)
        >>> bool(pv["difference"] == c.total_difference)
        True
        """
        r = self.discount_rate if rate is None else rate
        if r is None:
            raise InvalidInputError(
                "rate", None, "a discount rate (or discount_rate= given to compare)"
            )
        at = year if year is not None else self.discount_year
        at = int(self.years[0]) if at is None else at
        base = present_value(self.baseline.values, self.years, r, year=at)
        alt = present_value(self.alternative.values, self.years, r, year=at)
        difference = np.asarray(alt - base, dtype=np.float64)
        return {"baseline": base, "alternative": alt, "difference": readonly(difference)}

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

    def table(self, *, unit: MoneyUnit = "units") -> pd.DataFrame:
        """Return a wide per-year table with a final ``total`` row (scalar inputs only).

        Parameters
        ----------
        unit : {"units", "auto", "tn", "bn", "mn"}, default "units"
            Scale of the money columns: whole currency units, or thousand million
            (``"bn"``) etc., with ``"auto"`` choosing from the largest amount. A
            scaled money column's name ends with its unit, e.g. ``"SMA-11 (KRW bn)"``.

        Returns
        -------
        pandas.DataFrame
            Columns: the two scenarios' amounts, ``difference`` and ``ratio``, then
            each scenario's indicators (percent of the defence budget and of GDP,
            per US service member).

        Examples
        --------
        >>> import burden as bd
        >>> c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))
        >>> round(float(c.table(unit="bn").loc["2021", "SMA-11 (KRW bn)"]), 1)
        1183.3
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
        rows.insert(0, "projected", self.projected)
        total = rows.iloc[:0].reindex(["total"])
        total[b] = self.total_baseline
        total[a] = self.total_alternative
        total["difference"] = self.total_difference
        total["ratio"] = self.total_ratio
        total["projected"] = bool(self.projected.any())
        pieces = [rows, total]
        if self.discount_rate is not None:
            pv = self.present_value()
            row = rows.iloc[:0].reindex([f"present value {self._pv_year()}"])
            row[b], row[a], row["difference"] = pv["baseline"], pv["alternative"], pv["difference"]
            row["projected"] = bool(self.projected.any())
            pieces.append(row)
        out = pd.concat(pieces)
        out["projected"] = out["projected"].astype(bool)
        money = [b, a, "difference", f"{b} per service member", f"{a} per service member"]
        factor, word = scale_factor(unit, out[money].to_numpy(dtype=np.float64))
        if unit != "units":
            out[money] = out[money] / factor
            suffix = f" ({self.currency} {word})" if word else f" ({self.currency})"
            out = out.rename(columns={m: m + suffix for m in money})
        out.attrs["title"] = self.title
        out.attrs["notes"] = self.notes()
        return out

    def _pv_year(self) -> int:
        return int(self.years[0]) if self.discount_year is None else self.discount_year

    def notes(self) -> list[str]:
        """Return why indicators are missing, and which assumptions were used (one line each).

        Examples
        --------
        >>> import burden as bd
        >>> from burden.money import MoneyContext
        >>> ctx = MoneyContext().with_projection(per_usd={"KRW": 1400.0})
        >>> c = bd.compare(bd.agreements.get("SMA-12").until(2027),
        ...                bd.agreements.get("US-ASK-2025").until(2027), context=ctx)
        >>> for line in c.notes()[:2]:
        ...     print(line)
        SMA-12: share_of_defense_budget: KOR defense_budget not published for 2027 (data 2017..2026)
        SMA-12: share_of_gdp: KOR gdp not published for 2026..2027 (data 2020, 2023..2025)
        >>> c.notes()[-3]
        'assumption: KRW per USD 1,400 from 2026'
        """
        lines = []
        for amounts, ind in (
            (self.baseline, self.baseline_indicators),
            (self.alternative, self.alternative_indicators),
        ):
            lines += [f"{amounts.label}: {k}: {v}" for k, v in ind.notes.items() if v]
        lines += [f"assumption: {a}" for a in self.assumptions]
        return lines

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame, one row per (draw,) year, scenario and measure.

        Columns: ``draw`` (only with draws), ``year``, ``scenario``, ``measure``,
        ``value`` (float64), ``unit``, ``projected`` (the year uses a stated
        projection) and ``note`` (why an indicator is blank, e.g. the scenario has
        no host or the host's series is not published for that year; else "").
        Measures: ``amount``,
        ``cumulative_amount``, ``share_of_defense_budget``, ``share_of_gdp``,
        ``per_service_member`` for each scenario; ``difference``,
        ``cumulative_difference``, ``ratio`` and ``relative_difference`` for the
        scenario ``"<alternative> vs <baseline>"``; with a discount rate, one
        ``present_value`` row per scenario and for the difference, in the discount
        year.
        """
        money = f"{self.currency} ({self.basis_label})"
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
        if self.discount_rate is not None:
            year = np.array([self._pv_year()])
            pv = self.present_value()
            for scenario, key in (
                (self.baseline.label, "baseline"),
                (self.alternative.label, "alternative"),
                (versus, "difference"),
            ):
                frames.append(
                    _long(pv[key][..., np.newaxis], year, batch, scenario, "present_value", money)
                )
        frame = pd.concat(frames, ignore_index=True)
        projected = dict(zip(self.years.tolist(), self.projected.tolist(), strict=True))
        frame["projected"] = frame["year"].map(projected).fillna(bool(self.projected.any()))
        frame["projected"] = frame["projected"].astype(bool)
        series = dict(zip(_INDICATORS, ("defense_budget", "gdp", "troops"), strict=True))
        rows = []
        for amounts, ind in (
            (self.baseline, self.baseline_indicators),
            (self.alternative, self.alternative_indicators),
        ):
            for measure in _INDICATORS:
                general = ind.notes.get(measure, "")
                for year in self.years.tolist():  # a short loop over years
                    own = (
                        ""
                        if ind.host is None
                        else ind.host.missing_reason(series[measure], np.array([year]))
                    )
                    rows.append((amounts.label, measure, year, own or general))
        notes = pd.DataFrame(rows, columns=["scenario", "measure", "year", "note"])
        frame = frame.merge(notes, on=["scenario", "measure", "year"], how="left", sort=False)
        frame["note"] = frame["note"].where(frame["value"].isna(), "").fillna("").astype(str)
        return frame

    def plot(
        self,
        ax: Axes | None = None,
        *,
        measure: IndicatorName | None = None,
        title: str | None = None,
    ) -> Axes:
        """Plot both scenarios per year as bars and their ratio on a twin axis.

        Needs the ``plot`` extra (matplotlib); see :func:`burden.plot.plot_comparison`.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        measure : {"share_of_defense_budget", "share_of_gdp", "per_service_member"}, optional
            Draw this burden indicator of both scenarios per year (lines) instead of
            the amounts. With draws, the median across draws.
        title : str, optional

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import burden as bd
        >>> c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))
        >>> c.plot().get_title()
        'SMA-11 vs SMA-10-HELD'
        """
        from burden.plot import plot_comparison, plot_sweep  # noqa: PLC0415 (optional)

        if measure is None:
            return plot_comparison(self, ax=ax, title=title)
        if measure not in _INDICATOR_UNITS:
            raise InvalidInputError("measure", measure, f"one of {list(_INDICATOR_UNITS)}")
        lines = {}
        for amounts, ind in (
            (self.baseline, self.baseline_indicators),
            (self.alternative, self.alternative_indicators),
        ):
            values = np.asarray(getattr(ind, measure)).reshape(-1, self.years.size)
            lines[amounts.label] = np.nanmedian(values, axis=0)
        money = measure == "per_service_member"
        if not money:
            lines = {k: 100.0 * v for k, v in lines.items()}
        return plot_sweep(
            self.years,
            lines,
            input_name="Year",
            unit=_INDICATOR_UNITS[measure],
            currency=self.currency if money else None,
            basis=self.basis_label if money else None,
            ax=ax,
            title=title or f"{_INDICATOR_UNITS[measure].capitalize()} per year",
        )


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
            notes["share_of_defense_budget"] = host.missing_reason("defense_budget", years)
            notes["share_of_gdp"] = host.missing_reason("gdp", years)
        per_member = shown.values / series["troops"]
    notes["per_service_member"] = host.missing_reason("troops", years)
    return Indicators(
        share_of_defense_budget=budget_share,
        share_of_gdp=gdp_share,
        per_service_member=per_member,
        host=host,
        notes=notes,
        **series,
    )


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
