"""Multi-year contribution agreements and the built-in SMAs and 2019-2020 positions.

Why one module: most of it is the built-in agreements (each SMA and position with its
cited amounts and rule); the Agreement value itself is about 300 lines.

An :class:`Agreement` holds a base year and amount, a currency, an end year and an
escalation rule (or several phases of rules); :meth:`Agreement.amounts` computes the
amount of every year from them. Any numeric input may carry draws, and one call
computes all draws times years.

The built-in agreements (:func:`names`, :func:`get`) are defined from their published
rules and the shipped data, so that the published amounts are *reproduced*, not copied:
the 11th SMA gives KRW 1,183.3 bn (2021), 1,247.2 bn (2022) and 1,402.8 bn (2025).

Examples
--------
>>> import burden as bd
>>> (bd.agreements.get("SMA-11").amounts() / 1e8).astype(int).tolist()
[10389, 11833, 12472, 12896, 13463, 14028]
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from burden import datasets
from burden._core.checks import as_float_array, as_name, as_year, finite_result, readonly
from burden.errors import InvalidInputError, MissingDataError
from burden.escalation import Fixed, Freeze, Indexed, Rule, Schedule, _path, _Plan
from burden.hosts import Host, as_host
from burden.money import Amounts, check_currency

if TYPE_CHECKING:
    import pandas as pd

    from burden.typing import FloatArray, IntArray

__all__ = ["Agreement", "get", "names"]


_AMOUNTS_DEFAULTS = tuple((f.name, f.default) for f in fields(Amounts) if f.default is not MISSING)


def _computed_amounts(
    values: FloatArray, years: IntArray, currency: str, label: str, host: Host | None
) -> Amounts:
    """Wrap a path the engine just computed, without the copy and checks of ``Amounts()``.

    The values are float64, finite and owned by no one else (made read-only here); the
    years are read-only already (shared by every path of the agreement); every field not
    set here keeps its default.
    """
    out = object.__new__(Amounts)
    setattr_ = object.__setattr__
    for name, default in _AMOUNTS_DEFAULTS:
        setattr_(out, name, default)
    values.setflags(write=False)
    setattr_(out, "values", values)
    setattr_(out, "years", years)
    setattr_(out, "currency", currency)
    setattr_(out, "label", label)
    setattr_(out, "host", host)
    return out


def _is_rule(value: object) -> bool:
    return isinstance(value, Fixed | Freeze | Indexed | Schedule)


_RULES = (Fixed, Freeze, Indexed, Schedule)
_CHECKED_AT_CONSTRUCTION = (Fixed, Freeze, Schedule)
"""Rules whose ``check_years`` ignores `allow_future`: what passed at construction holds."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Agreement:
    """A multi-year contribution agreement (or a proposal, or a scenario).

    Parameters
    ----------
    name : str
        Label used in tables, e.g. ``"SMA-11"``.
    base_year : int
        First year; its amount is `base_amount`.
    base_amount : float or array_like, shape (...,)
        Amount of `base_year` in whole units of `currency`, >= 0; an array gives
        one base amount per draw.
    currency : str
        Currency of every amount, see :data:`burden.money.CURRENCIES`.
    end_year : int
        Last year (inclusive), >= `base_year`.
    escalation : Rule or dict of {int: Rule}
        One rule for every year after `base_year`, or phases: ``{first_year: rule}``
        with the first phase starting at ``base_year + 1`` and phases in
        increasing order.
    rounding : float, optional
        Round every escalated year's amount to a multiple of this (e.g. ``1e8`` for
        KRW 100 million) before the next year's rate applies.
    description, source : str, optional
        Free text, and the source ids the agreement's terms come from.
    host : str or Host, optional
        The host country that pays (a code such as ``"KOR"`` or a
        :class:`burden.Host`); stored as the Host. Burden indicators in
        :func:`burden.compare` come from its series. The built-in SMAs have ``"KOR"``.
    assumptions : tuple of str, optional
        Terms the sources do not give and the scenario states (e.g. a start year);
        shown in tables.

    Raises
    ------
    InvalidInputError
        For a negative or NaN amount, years out of order, phases out of order or
        outside the agreement, or a rounding step that is not positive.
    MissingDataError
        For an unknown currency, or an indexed rule whose lag reaches before its
        index.

    Examples
    --------
    >>> import burden as bd
    >>> flat = bd.Agreement(name="flat", base_year=2019, base_amount=1.0389e12,
    ...                     currency="KRW", end_year=2021, escalation=bd.Freeze())
    >>> flat.amounts().tolist()
    [1038900000000.0, 1038900000000.0, 1038900000000.0]
    """

    name: str
    base_year: int
    base_amount: npt.ArrayLike
    currency: str
    end_year: int
    escalation: Rule | Mapping[int, Rule]
    rounding: float | None = None
    description: str = ""
    source: str = ""
    host: str | Host | None = None
    assumptions: tuple[str, ...] = ()
    _phases: tuple[tuple[int, Rule], ...] = field(init=False, repr=False)
    _batch: tuple[int, ...] = field(init=False, repr=False)
    _plan: _Plan | None = field(init=False, repr=False)
    """The years and the engine's phases, made by the first :meth:`path` (no draws in it)."""

    def __getstate__(self) -> dict[str, object]:
        """Pickle the fields, not the engine's plan (rebuilt on first use, e.g. in a worker)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "_plan"}

    def __setstate__(self, state: dict[str, object] | list[object]) -> None:
        """Restore a pickle, also one written before ``_batch`` and ``_plan`` existed.

        Frozen slotted dataclasses of earlier releases pickled a list of every field's
        value in field order (the two derived fields came last, so the list is shorter).
        """
        names = [f.name for f in fields(self)]
        items = state.items() if isinstance(state, dict) else zip(names, state, strict=False)
        for name, value in items:
            object.__setattr__(self, name, value)
        if not isinstance(state, dict) or "_batch" not in state:
            object.__setattr__(self, "_batch", self._broadcast_batch())
        object.__setattr__(self, "_plan", None)

    def __post_init__(self) -> None:
        name: object = self.name
        if not isinstance(name, str) or not name:
            raise InvalidInputError("Agreement.name", self.name, "a non-empty string")
        for text in ("description", "source"):
            if not isinstance(getattr(self, text), str):
                raise InvalidInputError(f"Agreement.{text}", getattr(self, text), "a string")
        base_year = as_year(self.base_year, "Agreement.base_year")
        end_year = as_year(self.end_year, "Agreement.end_year")
        if end_year < base_year:
            raise InvalidInputError(
                "Agreement.end_year", end_year, f"a year >= base_year ({base_year})"
            )
        base = as_float_array(self.base_amount, "Agreement.base_amount", nonnegative=True)
        check_currency(self.currency, "Agreement.currency")
        if self.rounding is not None:
            step = as_float_array(self.rounding, "Agreement.rounding")
            if step.ndim != 0 or step <= 0:
                raise InvalidInputError(
                    "Agreement.rounding", self.rounding, "a positive step such as 1e8"
                )
            positive = base[base > 0]
            if positive.size and float(step) > float(positive.min()):
                raise InvalidInputError(
                    "Agreement.rounding",
                    self.rounding,
                    f"a step no larger than the base amount ({float(positive.min()):g})",
                    hint="a larger step would round every escalated year to 0",
                )
        object.__setattr__(self, "host", as_host(self.host, "Agreement.host"))
        stated: object = self.assumptions
        if not isinstance(stated, tuple | list) or not all(isinstance(a, str) for a in stated):
            raise InvalidInputError(
                "Agreement.assumptions", self.assumptions, "a tuple of sentences (str)"
            )
        object.__setattr__(self, "assumptions", tuple(self.assumptions))
        if self.rounding is not None:
            object.__setattr__(self, "rounding", float(step))
        object.__setattr__(self, "base_year", base_year)
        object.__setattr__(self, "end_year", end_year)
        object.__setattr__(self, "base_amount", readonly(base))
        object.__setattr__(self, "_phases", self._check_phases())
        for start, rule in self._phases:
            rule.check_years(
                self._phase_years(start), f"Agreement.escalation[{start}]", allow_future=True
            )
        object.__setattr__(self, "_batch", self._broadcast_batch())  # draws must broadcast
        object.__setattr__(self, "_plan", None)

    def _check_phases(self) -> tuple[tuple[int, Rule], ...]:
        escalation = self.escalation
        first = self.base_year + 1
        if _is_rule(escalation):
            return ((first, escalation),)  # type: ignore[return-value]
        if not isinstance(escalation, Mapping) or not escalation:
            raise InvalidInputError(
                "Agreement.escalation", escalation, "a rule or a dict {first_year: rule}"
            )
        phases = []
        previous = None
        for key, rule in escalation.items():
            year = as_year(key, "Agreement.escalation (phase year)")
            if not _is_rule(rule):
                raise InvalidInputError(
                    f"Agreement.escalation[{year}]", rule, "Fixed, Freeze, Indexed or Schedule"
                )
            if previous is not None and year <= previous:
                raise InvalidInputError(
                    "Agreement.escalation", list(escalation), "phase years in increasing order"
                )
            if previous is None and year != first:
                raise InvalidInputError(
                    "Agreement.escalation",
                    year,
                    f"a first phase starting at base_year + 1 = {first}",
                )
            # A one-year agreement still has a (never used) first phase at base_year + 1.
            if year > self.end_year and year != first:
                raise InvalidInputError(
                    f"Agreement.escalation[{year}]",
                    year,
                    f"a phase starting no later than end_year ({self.end_year})",
                )
            phases.append((year, rule))
            previous = year
        return tuple(phases)

    def _phase_years(self, start: int) -> IntArray:
        starts = [s for s, _ in self._phases]
        i = starts.index(start)
        stop = starts[i + 1] if i + 1 < len(starts) else self.end_year + 1
        return np.arange(start, stop, dtype=np.int64)

    @property
    def phases(self) -> tuple[tuple[int, Rule], ...]:
        """The escalation phases as ``((first_year, rule), ...)``, in order."""
        return self._phases

    @property
    def years(self) -> IntArray:
        """``base_year .. end_year``, shape ``(T,)``."""
        return np.arange(self.base_year, self.end_year + 1, dtype=np.int64)

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Broadcast shape of the draws of every input (``()`` when all are scalars)."""
        return self._batch

    def _broadcast_batch(self) -> tuple[int, ...]:
        shapes = [np.shape(self.base_amount)] + [rule.batch_shape for _, rule in self._phases]
        try:
            return np.broadcast_shapes(*shapes)
        except ValueError:
            raise InvalidInputError(
                "Agreement", shapes, "base amount and rules with broadcastable draws"
            ) from None

    def rule_for(self, year: int) -> Rule:
        """Return the escalation rule that sets the amount of `year` (> base_year)."""
        year = as_year(year, "year")
        if not self.base_year < year <= self.end_year:
            raise MissingDataError(
                "year", year, f"a year in {self.base_year + 1}..{self.end_year}"
            )
        chosen = self._phases[0][1]
        for start, rule in self._phases:
            if start <= year:
                chosen = rule
        return chosen

    def path(self) -> Amounts:
        """Compute the amount of every year, for every draw.

        Returns
        -------
        Amounts
            Values of shape ``batch_shape + (T,)``, nominal, in the agreement's
            currency, labelled with its name.

        Raises
        ------
        MissingDataError
            If an indexed phase needs an index year that is not published (and no
            projection was given). Checked for all years before computing any.

        Notes
        -----
        The loop runs over years (each step needs the previous year's rounded
        amount) and is vectorized over draws: :func:`burden.escalation._path` works
        on a year-major buffer in cache-sized blocks of draws, so ``values`` is
        the transpose of that buffer (Fortran-ordered for one draw axis).
        """
        plan = self._plan or self._make_plan()
        values, finite = _path(self.base_amount, plan)
        if not finite:  # finite inputs escalated past float64
            finite_result(values, "Agreement.base_amount", self.base_amount)
        host = self.host if isinstance(self.host, Host) else None  # normalised at construction
        return _computed_amounts(values, plan.years, self.currency, self.name, host)

    def _make_plan(self) -> _Plan:
        """Check the years the rules need, then prepare the engine (cached when safe).

        Fixed, Freeze and Schedule rules were checked at construction; an Indexed rule
        needs its index (or a projection) for every year only when the path is computed.
        The plan depends on the rules and years only, never on draws, and both are
        immutable, so it is kept for the next call; it is not kept when the check fails
        (the next call raises again) or for a subclass of a rule.
        """
        exact = all(type(rule) in _RULES for _, rule in self._phases)
        for start, rule in self._phases:
            if not exact or type(rule) not in _CHECKED_AT_CONSTRUCTION:
                rule.check_years(
                    self._phase_years(start),
                    f"{self.name}.escalation[{start}]",
                    allow_future=False,
                )
        plan = _Plan(self.base_amount, self._phases, self.years, self.rounding, self._batch)
        if exact:
            object.__setattr__(self, "_plan", plan)
        return plan

    def amounts(self) -> pd.Series:
        """Return the nominal amount of each year as a Series.

        Indexed by year (``base_year..end_year``) when the inputs are scalars, by
        (draw, year) when they carry draws. Amounts are in whole units of the
        agreement's currency.
        """
        return self.path().to_series()

    def with_projection(self, projection: npt.ArrayLike) -> Agreement:
        """Return a copy whose indexed phases assume `projection` after the data end.

        Examples
        --------
        >>> import burden as bd
        >>> sma12 = bd.agreements.get("SMA-12").with_projection(0.02)
        >>> int(sma12.amounts().loc[2027] / 1e8)   # 15,192 x 1.021 (2025 CPI)
        15511
        """
        phases = {
            start: rule.with_projection(projection) if isinstance(rule, Indexed) else rule
            for start, rule in self._phases
        }
        return Agreement(
            name=self.name,
            base_year=self.base_year,
            base_amount=self.base_amount,
            currency=self.currency,
            end_year=self.end_year,
            escalation=phases,
            rounding=self.rounding,
            description=self.description,
            source=self.source,
            host=self.host,
            assumptions=self.assumptions,
        )

    def until(self, last_year: int) -> Agreement:
        """Return the agreement cut at `last_year` (phases starting later are dropped).

        Useful when only early years are wanted and later ones need data that is not
        published yet.

        Examples
        --------
        >>> import burden as bd
        >>> (bd.agreements.get("SMA-12").until(2027).amounts() / 1e8).tolist()
        [15192.0, 15511.0]
        """
        last = as_year(last_year, "last_year")
        if not self.base_year <= last <= self.end_year:
            raise InvalidInputError(
                "last_year", last, f"a year in {self.base_year}..{self.end_year}"
            )
        phases = {start: rule for start, rule in self._phases if start <= last}
        return Agreement(
            name=self.name,
            base_year=self.base_year,
            base_amount=self.base_amount,
            currency=self.currency,
            end_year=last,
            escalation=phases or Freeze(),
            rounding=self.rounding,
            description=self.description,
            source=self.source,
            host=self.host,
            assumptions=self.assumptions,
        )

    def __repr__(self) -> str:
        # Only the phases within the agreement's years (a one-year agreement's first,
        # never used phase is not shown).
        shown = [(s, r) for s, r in self._phases if s <= self.end_year]
        phases = ", ".join(f"{start}: {type(rule).__name__}" for start, rule in shown)
        listed = f", phases {{{phases}}}" if phases else ""
        draws = f", draws {self.batch_shape}" if self.batch_shape else ""
        host = f", host {self.host.code}" if isinstance(self.host, Host) else ""
        return (
            f"Agreement({self.name}: {self.currency} {self.base_year}..{self.end_year}"
            f"{listed}{host}{draws})"
        )

    def _repr_html_(self) -> str:
        head = f"<p><b>{self.name}</b> ({self.currency}, {self.base_year}..{self.end_year})"
        note = f"<br>{self.description}" if self.description else ""
        try:
            body = self.path()._repr_html_()
        except MissingDataError as err:
            body = f"<p><i>{err}</i></p>"
        return f"{head}{note}</p>{body}"


# ---------------------------------------------------------------------------
# Built-in agreements, defined from their rules and the shipped data.
# ---------------------------------------------------------------------------

_KRW_100M = 1e8


def _history_amount(year: int) -> float:
    hist = datasets.sma_history()
    return float(hist.loc[hist["year"] == year, "amount"].to_numpy()[0])


def _cpi() -> pd.Series:
    macro = datasets.korea_macro()
    # 2006 inflation in the data is inferred, not published: the built-ins start at 2007.
    return macro.loc[2007:, "cpi_inflation"].dropna()


def _defense_budget_growth() -> pd.Series:
    budget = datasets.korea_macro()["defense_budget"].dropna()
    return (budget / budget.shift(1) - 1.0).dropna()


def _sma6() -> Agreement:
    return Agreement(
        name="SMA-6",
        base_year=2005,
        base_amount=_history_amount(2005),
        currency="KRW",
        end_year=2006,
        escalation=Freeze(),
        description="6th SMA: flat (2006 = 2005); first agreement paid in KRW.",
        source="S2;S17",
        host="KOR",
    )


def _sma8() -> Agreement:
    return Agreement(
        name="SMA-8",
        base_year=2009,
        base_amount=_history_amount(2009),
        currency="KRW",
        end_year=2013,
        escalation=Indexed(_cpi(), lag=2, cap=0.04),
        rounding=_KRW_100M,
        description="8th SMA: previous year x (1 + CPI of year Y-2), capped at 4%.",
        source="S15;S22;S23",
        host="KOR",
    )


def _sma9() -> Agreement:
    return Agreement(
        name="SMA-9",
        base_year=2014,
        base_amount=_history_amount(2014),
        currency="KRW",
        end_year=2018,
        escalation=Indexed(_cpi(), lag=2, cap=0.04),
        rounding=_KRW_100M,
        description="9th SMA: previous year x (1 + CPI of year Y-2), capped at 4%.",
        source="S14;S23",
        host="KOR",
    )


def _sma10() -> Agreement:
    return Agreement(
        name="SMA-10",
        base_year=2019,
        base_amount=_history_amount(2019),
        currency="KRW",
        end_year=2019,
        escalation=Freeze(),
        description="10th SMA (initialed February 2019): one year, KRW 1.0389 trillion.",
        source="S1;S21",
        host="KOR",
    )


def _sma10_held() -> Agreement:
    return Agreement(
        name="SMA-10-HELD",
        base_year=2019,
        base_amount=_history_amount(2019),
        currency="KRW",
        end_year=2025,
        escalation=Freeze(),
        description=(
            "Scenario, not an agreement: the February 2019 level (10th SMA) held flat "
            "through 2025, the status quo the 2019 demand was measured against."
        ),
        source="S1;S21",
        host="KOR",
    )


def _sma11() -> Agreement:
    return Agreement(
        name="SMA-11",
        base_year=2020,
        base_amount=_history_amount(2019),
        currency="KRW",
        end_year=2025,
        escalation={
            2021: Fixed(0.139),
            2022: Indexed(_defense_budget_growth(), lag=1, rate_rounding=3),
        },
        rounding=_KRW_100M,
        description=(
            "11th SMA: 2020 frozen at the 2019 level; 2021 +13.9%; 2022-25 previous year "
            "x (1 + main defence-budget growth of the year before, rounded to 0.1 pp); "
            "amounts rounded to KRW 100 million each year."
        ),
        source="S4;S5;S10;S53;S54;S55;S56",
        host="KOR",
    )


def _sma12() -> Agreement:
    return Agreement(
        name="SMA-12",
        base_year=2026,
        base_amount=_history_amount(2026),
        currency="KRW",
        end_year=2030,
        escalation=Indexed(_cpi(), lag=2, cap=0.05),
        rounding=_KRW_100M,
        description=(
            "12th SMA: 2026 KRW 1.5192 trillion; 2027-30 previous year x (1 + CPI of year "
            "Y-2), capped at 5%. CPI after 2025 is not published: 2028-30 need "
            ".with_projection(rate)."
        ),
        source="S6;S7;S25",
        host="KOR",
    )


def _positions() -> pd.DataFrame:
    return datasets.negotiation_positions()


def _position(item: str) -> float:
    rows = _positions()
    return float(rows.loc[rows["item"] == item, "value"].to_numpy()[0])


def _us_demand_2019() -> Agreement:
    return Agreement(
        name="US-DEMAND-2019",
        base_year=2020,
        base_amount=_position("demand for the 11th SMA"),
        currency="USD",
        end_year=2025,
        escalation=Freeze(),
        description=(
            "US demand reported in November 2019: about USD 5 billion a year from 2020. "
            "Assumed flat through 2025 (the sources give no duration or escalation)."
        ),
        source="S31;S32;S30",
        host="KOR",
    )


def _rok_offer_2020() -> Agreement:
    return Agreement(
        name="ROK-OFFER-2020",
        base_year=2019,
        base_amount=_history_amount(2019),
        currency="KRW",
        end_year=2025,
        escalation={2020: Fixed(_position("offer")), 2021: Freeze()},
        rounding=_KRW_100M,
        description=(
            "Korea's spring-2020 offer: +13% over 2019 (about KRW 1.17 trillion). "
            "Later years assumed flat (the sources give no later terms)."
        ),
        source="S37;S38",
        host="KOR",
    )


def _us_counter_2020() -> Agreement:
    return Agreement(
        name="US-COUNTER-2020",
        base_year=2020,
        base_amount=_position("counter-ask"),
        currency="USD",
        end_year=2025,
        escalation=Freeze(),
        description=(
            "US counter-ask of mid-2020: about USD 1.3 billion a year (about +50% over "
            "2019). Assumed flat through 2025."
        ),
        source="S39;S40",
        host="KOR",
    )


def _us_ask_2025() -> Agreement:
    return Agreement(
        name="US-ASK-2025",
        base_year=2026,
        base_amount=_position("statement: Korea should pay USD 10 billion a year"),
        currency="USD",
        end_year=2030,
        escalation=Freeze(),
        description=(
            "US statement of 8 July 2025: Korea 'should pay us $10 billion a year' (a "
            "negotiation position, not an agreement). Start year, duration and escalation "
            "are not stated: assumed flat from 2026 to 2030, the years of the 12th SMA."
        ),
        source="S99",
        host="KOR",
        assumptions=(
            "start 2026 (the first year of the 12th SMA): assumed, not stated",
            "flat through 2030 (the 12th SMA's last year): assumed, not stated",
        ),
    )


def _japan_hns() -> Agreement:
    hns = datasets.japan_hns()
    total = hns.loc[hns["item"] == "hns_total"].set_index("fiscal_year")["value"]
    years = [y for y in range(2021, 2025) if y in total.index]
    return Agreement(
        name="JPN-HNS",
        base_year=years[0],
        base_amount=float(total.loc[years[0]]),
        currency="JPY",
        end_year=years[-1],
        escalation=Schedule({y: float(total.loc[y]) for y in years[1:]}),
        description=(
            "Japan's host-nation support, MOD budgets FY2021-FY2024: JPY 201.7 / 205.6 / "
            "211.2 / 212.4 bn (the FY2022-26 SMA totals JPY 1,055.1 bn). "
            "Japanese fiscal years (April-March) are shown as years."
        ),
        source="S77;S78",
        host="JPN",
        assumptions=("Japanese fiscal year Y (April Y to March Y+1) counted as year Y",),
    )


_BUILT_INS: dict[str, Callable[[], Agreement]] = {
    "SMA-6": _sma6,
    "SMA-8": _sma8,
    "SMA-9": _sma9,
    "SMA-10": _sma10,
    "SMA-10-HELD": _sma10_held,
    "SMA-11": _sma11,
    "SMA-12": _sma12,
    "US-DEMAND-2019": _us_demand_2019,
    "ROK-OFFER-2020": _rok_offer_2020,
    "US-COUNTER-2020": _us_counter_2020,
    "US-ASK-2025": _us_ask_2025,
    "JPN-HNS": _japan_hns,
}


def names() -> list[str]:
    """Return the names of the built-in agreements and positions.

    Examples
    --------
    >>> import burden as bd
    >>> "SMA-11" in bd.agreements.names()
    True
    """
    return list(_BUILT_INS)


def get(name: str) -> Agreement:
    """Return the built-in agreement `name` (see :func:`names`).

    Raises
    ------
    MissingDataError
        If there is no built-in agreement of that name.

    Examples
    --------
    >>> import burden as bd
    >>> bd.agreements.get("US-DEMAND-2019").currency
    'USD'
    """
    name = as_name(name, "agreement")
    if name not in _BUILT_INS:
        close = difflib.get_close_matches(str(name).upper(), names(), n=1)
        hint = f"did you mean {close[0]!r}?" if close else ""
        raise MissingDataError("agreement", name, f"one of {names()}", hint=hint)
    return _BUILT_INS[name]()
