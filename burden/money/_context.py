"""The money context: exchange rates, price indices and stated projections."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_instance, as_mapping, as_year_series, as_years
from burden._core.results import Table, render_html
from burden.currencies import check_currency
from burden.errors import InvalidInputError, MissingDataError
from burden.hosts import Host, as_host
from burden.money._assumptions import (
    Assumption,
    _about,
    _check_fraction,
    _later,
    _positive_series,
)
from burden.money._bands import _check_band
from burden.money._errors import MissingRateError, _python_hint
from burden.money._shipped import _SHIPPED, _shipped_cached

if TYPE_CHECKING:
    from collections.abc import Mapping

    from burden.typing import FloatArray, IntArray


_SERIES_WORDS = {"defense_budget": "defense budget", "gdp": "GDP"}
"""Host series in the words of an assumption's label (``KOR GDP growth 3.0% a year ...``)."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class MoneyContext:
    """Exchange rates and price indices used to convert amounts.

    ``MoneyContext()`` is the shipped data: KRW per USD (FRED AEXKOUS annual averages,
    S66), Korean CPI (chained from Statistics Korea inflation, 2020 = 100) and US CPI-U
    (BLS annual averages 2004-2025, S92, S93). State assumptions for later years with
    :meth:`with_projection`; add a currency's rates with :meth:`with_per_usd`.

    Parameters
    ----------
    per_usd : Mapping[str, Series], optional
        For each currency other than USD, annual-average units per US dollar,
        indexed by year. USD is always 1. Default: the shipped rates.
    price_index : Mapping[str, Series], optional
        Price index by year (any base) for the currencies that can deflate.
        Default: the shipped indices (KRW, USD).
    deflate_with : str, optional
        ``None`` (default): constant prices in a currency use that currency's own
        index (USD: US CPI-U). A currency code: every constant-price conversion
        deflates with that currency's index and converts at the base year's rate
        (the host perspective; see the module notes).
    assumptions : tuple of Assumption
        What :meth:`with_projection` stated (kept so tables can say so).

    Examples
    --------
    >>> ctx = MoneyContext()
    >>> float(ctx.rate("KRW", [2019])[0])
    1165.8016
    >>> ctx = ctx.with_projection(per_usd={"KRW": 1400.0}, inflation={"KRW": 0.02})
    >>> float(ctx.rate("KRW", [2030])[0]), ctx.assumptions[0].description
    (1400.0, 'KRW per USD 1,400 from 2026')
    """

    per_usd: Mapping[str, pd.Series] = _SHIPPED
    price_index: Mapping[str, pd.Series] = _SHIPPED
    deflate_with: str | None = None
    assumptions: tuple[Assumption, ...] = ()
    host_series: Mapping[tuple[str, str], pd.Series] = field(default_factory=dict)

    def __post_init__(self) -> None:
        shipped_fx, shipped_prices = _shipped_cached()
        given_fx = shipped_fx if self.per_usd is _SHIPPED else self.per_usd
        given_prices = shipped_prices if self.price_index is _SHIPPED else self.price_index
        per_usd = {}
        for code, series in as_mapping(given_fx, "MoneyContext.per_usd").items():
            check_currency(code, "MoneyContext.per_usd")
            if code == "USD":
                raise InvalidInputError(
                    "MoneyContext.per_usd", code, "currencies other than USD (USD per USD is 1)"
                )
            checked = as_year_series(series, f"MoneyContext.per_usd[{code!r}]", consecutive=False)
            if (checked <= 0).any():
                raise InvalidInputError(
                    f"MoneyContext.per_usd[{code!r}]", series, "positive exchange rates"
                )
            _check_band(code, checked, f"MoneyContext.per_usd[{code!r}]")
            per_usd[code] = checked
        prices = {}
        for code, series in as_mapping(given_prices, "MoneyContext.price_index").items():
            check_currency(code, "MoneyContext.price_index")
            checked = as_year_series(
                series, f"MoneyContext.price_index[{code!r}]", consecutive=False
            )
            if (checked <= 0).any():
                raise InvalidInputError(
                    f"MoneyContext.price_index[{code!r}]", series, "positive index levels"
                )
            prices[code] = checked
        if self.deflate_with is not None:
            check_currency(self.deflate_with, "MoneyContext.deflate_with")
        object.__setattr__(self, "per_usd", per_usd)
        object.__setattr__(self, "price_index", prices)
        object.__setattr__(self, "assumptions", tuple(self.assumptions))
        object.__setattr__(self, "host_series", dict(self.host_series))

    def _coverage(self) -> pd.DataFrame:
        """One row per series: what it is, the years it covers and any assumption."""
        rows = []
        for kind, table in (("per_usd", self.per_usd), ("price_index", self.price_index)):
            for code, series in sorted(table.items()):
                years = series.index
                rows.append(
                    {
                        "series": f"{code} per USD" if kind == "per_usd" else f"{code} prices",
                        "first year": int(years.min()) if len(years) else None,
                        "last year": int(years.max()) if len(years) else None,
                    }
                )
        return pd.DataFrame(rows).set_index("series")

    def _facts(self) -> list[tuple[str, object]]:
        currencies = ["USD", *sorted(self.per_usd)]
        facts: list[tuple[str, object]] = [
            ("currencies", ", ".join(currencies)),
            ("price indices", ", ".join(sorted(self.price_index)) or "none"),
        ]
        if self.deflate_with is not None:
            facts.append(("deflate_with", self.deflate_with))
        facts.append(("assumptions", len(self.assumptions)))
        return facts

    def __repr__(self) -> str:
        spans = "; ".join(
            f"{name} {int(row['first year'])}..{int(row['last year'])}"
            for name, row in self._coverage().iterrows()
            if row["first year"] is not None
        )
        stated = "; ".join(a.description for a in self.assumptions) or "none"
        deflate = f", deflate_with={self.deflate_with}" if self.deflate_with else ""
        return f"MoneyContext({spans}{deflate}; assumptions: {stated})"

    def _repr_html_(self) -> str:
        note = "; ".join(a.description for a in self.assumptions)
        table = Table(self._coverage(), note=f"assumptions: {note}" if note else "")
        return render_html("Money context", self._facts(), table)

    def _copy(self, **changes: object) -> Self:
        fields: dict[str, Any] = {
            "per_usd": self.per_usd,
            "price_index": self.price_index,
            "deflate_with": self.deflate_with,
            "assumptions": self.assumptions,
            "host_series": self.host_series,
        }
        fields.update(changes)
        return type(self)(**fields)

    def with_per_usd(self, currency: str, per_usd: pd.Series) -> Self:
        """Return a copy with the exchange rate series of `currency` replaced.

        Parameters
        ----------
        currency : str
            A currency other than USD.
        per_usd : Series
            Annual-average units of `currency` per US dollar, indexed by year.

        Raises
        ------
        InvalidInputError
            If a rate is not positive or lies outside the validation bound of
            :data:`PER_USD_BANDS` (JPY and KRW per USD above 1; EUR and GBP per USD
            between 0.2 and 5), e.g. USD per JPY given for JPY per USD.

        Examples
        --------
        >>> ctx = MoneyContext().with_per_usd("JPY", pd.Series({2022: 131.5}))
        >>> float(ctx.rate("JPY", [2022])[0])
        131.5
        >>> MoneyContext().with_per_usd("JPY", pd.Series({2022: 1 / 131.5}))
        Traceback (most recent call last):
        ...
        burden.errors.InvalidInputError: MoneyContext.per_usd['JPY']: ...did you give USD per JPY?
        """
        rates = dict(self.per_usd)
        rates[check_currency(currency)] = per_usd
        return self._copy(per_usd=rates)

    def with_price_index(self, currency: str, index: pd.Series) -> Self:
        """Return a copy with the price index of `currency` replaced."""
        prices = dict(self.price_index)
        prices[check_currency(currency)] = index
        return self._copy(price_index=prices)

    def with_deflator(self, currency: str | None) -> Self:
        """Return a copy deflating every constant-price conversion with `currency`'s index.

        ``None`` restores the default (each currency's own index).
        """
        return self._copy(deflate_with=currency)

    def with_projection(
        self,
        *,
        per_usd: Mapping[str, float | pd.Series] | None = None,
        inflation: Mapping[str, float | pd.Series] | None = None,
        defense_budget_growth: Mapping[str, float | pd.Series] | None = None,
        gdp_growth: Mapping[str, float | pd.Series] | None = None,
        troops: Mapping[str, float | pd.Series] | None = None,
    ) -> Self:
        """Return a copy with stated assumptions for the years after the published data.

        Parameters
        ----------
        per_usd : Mapping[str, float or Series], optional
            Currency -> units per USD: one rate for every year after the last
            published one (to 2100), or a Series by year. A currency without a
            published series takes a Series only (its years are then all assumed).
        inflation : Mapping[str, float or Series], optional
            Currency -> annual inflation (fraction, 0.02 = 2%) extending its price
            index from the last published year, one rate or a Series of consecutive
            years starting the year after the data.
        defense_budget_growth, gdp_growth : Mapping[str, float or Series], optional
            Host code -> annual growth (fraction) of its defence budget / nominal GDP
            after the last published year; used by :func:`burden.compare` indicators.
        troops : Mapping[str, float or Series], optional
            Host code -> US service members stationed after the last published year
            (one level, or a Series).

        Returns
        -------
        MoneyContext
            With the series extended and :attr:`assumptions` recording each one.

        Raises
        ------
        InvalidInputError
            If a projection overlaps published years, a rate is not positive, is
            more than 10 times away from the last published rate (e.g. USD per KRW
            given for KRW per USD) or outside the validation bound of
            :data:`PER_USD_BANDS`, an inflation or growth rate is not a fraction in
            (-1, 1) (``2`` for 2%), or a Series has gaps.
        MissingDataError
            For an unknown currency, or a scalar rate for a currency with no data.

        Examples
        --------
        >>> ctx = MoneyContext().with_projection(per_usd={"KRW": 0.0007})
        Traceback (most recent call last):
        ...
        burden.errors.InvalidInputError: per_usd['KRW']: ...did you give USD per KRW?
        """
        ctx = self
        for label, mapping in (
            ("per_usd", per_usd),
            ("inflation", inflation),
            ("defense_budget_growth", defense_budget_growth),
            ("gdp_growth", gdp_growth),
            ("troops", troops),
        ):
            if mapping is not None:
                as_mapping(mapping, label)
        for code, value in (per_usd or {}).items():
            ctx = ctx._project_rate(code, value)
        for code, value in (inflation or {}).items():
            ctx = ctx._project_inflation(code, value)
        for series, given in (
            ("defense_budget_growth", defense_budget_growth),
            ("gdp_growth", gdp_growth),
            ("troops", troops),
        ):
            for code, value in (given or {}).items():
                ctx = ctx._project_host(series, code, value)
        return ctx

    def _project_rate(self, code: str, value: float | pd.Series) -> Self:
        field_name = f"per_usd[{code!r}]"
        check_currency(code, field_name)
        if code == "USD":
            raise InvalidInputError(
                field_name, value, "a currency other than USD (USD per USD is 1)"
            )
        known = self.per_usd.get(code)
        if known is None or known.empty:
            if not isinstance(value, pd.Series):
                raise MissingDataError(
                    field_name,
                    value,
                    f"a Series of {code} per USD by year (no {code} rate is published to extend)",
                    hint=f"e.g. pd.Series({{2022: rate}}), or MoneyContext().with_per_usd({code!r}, ...)",
                )
            later = _positive_series(value, field_name)
            _check_band(code, later, field_name)
            rates = later
            last_known = None
        else:
            last_year = int(known.index.max())
            last_known = float(known.loc[last_year])
            later = _later(value, last_year, field_name, "a rate")
            if (later <= 0).any() or not np.isfinite(later.to_numpy()).all():
                raise InvalidInputError(field_name, value, "positive exchange rates")
            ratio = later.to_numpy() / last_known
            if ((ratio > 10) | (ratio < 0.1)).any():
                bad = float(later.to_numpy()[((ratio > 10) | (ratio < 0.1))][0])
                inverted = 0.1 <= (1 / bad) / last_known <= 10
                hint = (
                    f"{code} per USD is about {_about(last_known)}: did you give USD per {code}?"
                    if inverted
                    else f"{code} per USD is about {_about(last_known)} ({last_year})"
                )
                raise InvalidInputError(
                    field_name,
                    bad,
                    f"units of {code} per USD within 10 times of the last published rate",
                    hint=hint,
                )
            _check_band(code, later, field_name)
            rates = pd.concat([known, later])
        first, last = int(later.index.min()), int(later.index.max())
        shown = (
            f"{code} per USD {float(later.iloc[0]):,.10g} from {first}"
            if not isinstance(value, pd.Series)
            else f"{code} per USD as given for {first}-{last}"
        )
        del last_known
        return self.with_per_usd(code, rates)._copy(
            assumptions=(*self.assumptions, Assumption("per_usd", code, first, last, shown))
        )

    def _project_inflation(self, code: str, value: float | pd.Series) -> Self:
        field_name = f"inflation[{code!r}]"
        check_currency(code, field_name)
        index = self.price_index.get(code)
        if index is None or index.empty:
            raise MissingDataError(
                field_name,
                code,
                f"a currency with a price index to extend ({sorted(self.price_index)})",
                hint=f"add one with MoneyContext().with_price_index({code!r}, series)",
            )
        last_year = int(index.index.max())
        rates = _later(value, last_year, field_name, "an inflation rate", consecutive=True)
        _check_fraction(rates, field_name, "an inflation rate")
        level = float(index.loc[last_year]) * np.cumprod(1.0 + rates.to_numpy())
        extended = pd.concat([index, pd.Series(level, index=rates.index)])
        first, last = int(rates.index.min()), int(rates.index.max())
        shown = (
            f"{code} inflation {float(rates.iloc[0]):.1%} a year from {first}"
            if not isinstance(value, pd.Series)
            else f"{code} inflation as given for {first}-{last}"
        )
        return self.with_price_index(code, extended)._copy(
            assumptions=(*self.assumptions, Assumption("inflation", code, first, last, shown))
        )

    def _project_host(self, series: str, code: str, value: float | pd.Series) -> Self:

        field_name = f"{series}[{code!r}]"
        host = as_host(code, field_name)
        assert host is not None
        name = "troops" if series == "troops" else series.removesuffix("_growth")
        known = host.series(name)
        if known.empty:
            raise MissingDataError(
                field_name, code, f"a host with a published {name} series to extend"
            )
        last_year = int(known.index.max())
        later = _later(
            value, last_year, field_name, "a value", consecutive=True, published=known.index
        )
        if series == "troops":
            if (later <= 0).any():
                raise InvalidInputError(field_name, value, "a positive number of service members")
            _check_troop_level(later, float(known.loc[last_year]), last_year, field_name)
            levels = later
            shown = f"{code} troops {float(later.iloc[0]):,.0f} from {int(later.index.min())}"
        else:
            _check_fraction(later, field_name, "a growth rate")
            levels = pd.Series(
                float(known.loc[last_year]) * np.cumprod(1.0 + later.to_numpy()), index=later.index
            )
            shown = (
                f"{code} {_SERIES_WORDS.get(name, name)} growth {float(later.iloc[0]):.1%} a year "
                f"from {int(later.index.min())}"
            )
        first, last = int(later.index.min()), int(later.index.max())
        if isinstance(value, pd.Series):
            shown = f"{code} {_SERIES_WORDS.get(name, name)} as given for {first}-{last}"
        table = dict(self.host_series)
        table[(code, name)] = levels
        return self._copy(
            host_series=table,
            assumptions=(*self.assumptions, Assumption(series, code, first, last, shown)),
        )

    def project_host(self, host: Host) -> Host:
        """Return `host` with the series this context projects for it appended.

        Examples
        --------
        >>> from burden import hosts
        >>> ctx = MoneyContext().with_projection(troops={"KOR": 28500})
        >>> int(ctx.project_host(hosts.get("KOR")).troops.loc[2030])
        28500
        """
        as_instance(host, Host, "host")
        extra = {name: s for (code, name), s in self.host_series.items() if code == host.code}
        if not extra:
            return host
        merged = {}
        for name, later in extra.items():
            known = host.series(name)
            merged[name] = pd.concat([known, later.loc[later.index > known.index.max()]])
        return host.replace(**merged)

    def assumptions_for(self, series: str, key: str, years: npt.ArrayLike) -> list[Assumption]:
        """Return the assumptions on `series` of `key` that set a value in one of `years`."""
        return [
            a
            for a in self.assumptions
            if a.series == series and a.key == key and a.covers(years).any()
        ]

    def rate(self, currency: str, years: npt.ArrayLike) -> FloatArray:
        """Return units of `currency` per USD in each of `years`, shape ``(T,)``.

        Raises
        ------
        MissingRateError
            If the context has no rate for `currency` in one of `years`.
        """
        code = check_currency(currency)
        wanted = as_years(years, "years")
        if code == "USD":
            return np.ones(wanted.shape, dtype=np.float64)
        series = self.per_usd.get(code)
        if series is None:
            year = int(wanted.min()) if wanted.size else 0
            raise MissingRateError(
                "per_usd", code, year, "no series", hint=_python_hint("per_usd", code, False)
            )
        return _lookup(series, wanted, "per_usd", code)

    def price_level(self, years: npt.ArrayLike, currency: str | None = None) -> FloatArray:
        """Return the price index of `currency` in each of `years`.

        `currency` defaults to :attr:`deflate_with`, else KRW.
        """
        code = currency or self.deflate_with or "KRW"
        wanted = as_years(years, "years")
        series = self.price_index.get(code)
        if series is None:
            raise MissingDataError(
                "MoneyContext.price_index",
                code,
                f"a price index for {code} (indices: {sorted(self.price_index)})",
                hint=f"pass one with MoneyContext().with_price_index({code!r}, series)",
            )
        return _lookup(series, wanted, "inflation", code)


def _check_troop_level(later: pd.Series, last_known: float, last_year: int, field: str) -> None:
    """Refuse a troop level below 1/100 or above 10 times the last published one.

    28.5 for 28,500 service members (thousands given for a head count) is refused with a
    hint, not divided into amounts; a drawdown to a small presence (2,500 of 28,500) or a
    buildup within 10 times stays a scenario one may state.
    """
    ratio = later.to_numpy() / last_known
    far = (ratio > 10) | (ratio < 0.01)
    if not far.any():
        return
    bad = float(later.to_numpy()[far][0])
    hint = f"the last published level is {last_known:,.0f} ({last_year})"
    if 0.1 <= bad * 1000 / last_known <= 10:
        hint += f": did you give thousands (e.g. {bad * 1000:,.0f} for {bad:g})?"
    raise InvalidInputError(
        field,
        bad,
        "a number of service members between 1/100 and 10 times the last published level",
        hint=hint,
    )


def _lookup(series: pd.Series, years: IntArray, kind: str, code: str) -> FloatArray:
    known = series.index.to_numpy()
    missing = np.setdiff1d(years, known)
    if missing.size:
        raise MissingRateError(
            kind,
            code,
            int(missing[0]),
            f"{known.min()}..{known.max()}",
            hint=_python_hint(kind, code, True),
        )
    flat = np.atleast_1d(years)
    return series.reindex(flat).to_numpy(dtype=np.float64).reshape(np.shape(years))


def default_context() -> MoneyContext:
    """Return the context built from the shipped data (the same as ``MoneyContext()``).

    KRW per USD is the FRED AEXKOUS annual average (source S66); the KRW price
    index chains Statistics Korea CPI inflation (S22, S23, S25, S71, S72), 2020 = 100;
    the USD index is US CPI-U (S92, S93). JPY, EUR and GBP rates are not shipped:
    add them with :meth:`MoneyContext.with_per_usd`.

    Examples
    --------
    >>> float(default_context().rate("KRW", [2019])[0])
    1165.8016
    """
    return _default()


@functools.cache
def _default() -> MoneyContext:
    return MoneyContext()
