"""The comparison of two scenarios: amounts, difference, ratio, indicators, present values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from burden._core.checks import as_instance, as_names, ratio, readonly
from burden._core.results import (
    Result,
    Table,
    format_money,
    freeze_arrays,
    scale_factor,
    shape_text,
)
from burden.compare._indicators import (
    _INDICATOR_UNITS,
    _INDICATORS,
    Indicators,
    _long,
    _missing_reason,
)
from burden.errors import InvalidInputError
from burden.money import Amounts, MoneyContext, default_context, present_value

if TYPE_CHECKING:
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
            Only the amounts (the two scenarios and ``difference``) scale; the
            per-service-member columns stay in whole currency units, labelled
            e.g. ``"SMA-11 per service member (KRW)"``, and the shares and ratio
            never scale.

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
        # Only the amounts scale: per-member figures stay in whole currency units
        # (their own label says so) and shares/ratios are not money.
        money = [b, a, "difference"]
        per_member = [f"{b} per service member", f"{a} per service member"]
        factor, word = scale_factor(unit, out[money].to_numpy(dtype=np.float64))
        if unit != "units":
            out[money] = out[money] / factor
            suffix = f" ({self.currency} {word})" if word else f" ({self.currency})"
            renames = {m: m + suffix for m in money}
            renames.update({m: f"{m} ({self.currency})" for m in per_member})
            out = out.rename(columns=renames)
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
        ctx = default_context() if self.context is None else self.context
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
                        else _missing_reason(ind.host, series[measure], np.array([year]), ctx)
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
