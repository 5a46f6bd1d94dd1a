"""Host countries and their cited series.

A :class:`Host` is a country where US forces are stationed: its ISO 3166 alpha-3
code, name, currency and the series burden indicators need, by year: US service
members stationed (with their basis), the defence budget and nominal GDP (in the
host currency), CPI inflation and units of the host currency per US dollar. A series
that is not published is empty; it is never borrowed from another host.

The built-in hosts (:func:`names`, :func:`get`) are built from the shipped datasets:

- ``KOR``: everything shipped for Korea (troops at the stated USFK level; main
  defence budget; GDP on the Bank of Korea 2020 base; CPI; FRED KRW per USD);
- ``JPN``: US troops (stated levels, or DMDC counts); no yen rate is shipped, so a
  comparison in another currency needs a user-supplied rate
  (``MoneyContext.with_per_usd("JPY", ...)``);
- ``DEU``, ``ITA``, ``GBR``: DMDC troop counts only (2012, 2016, 2024).

Examples
--------
>>> import burden as bd
>>> kor = bd.hosts.get("KOR")
>>> kor.currency, int(kor.troops.loc[2019])
('KRW', 28500)
>>> bd.hosts.get("JPN").defense_budget.empty
True
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from burden import datasets
from burden._core.checks import as_name, as_year, as_year_series, as_years, readonly
from burden.currencies import check_currency
from burden.errors import InvalidInputError, MissingDataError
from burden.typing import TroopsBasis

if TYPE_CHECKING:
    from collections.abc import Mapping

    from burden.typing import ColumnKind

__all__ = ["SERIES", "Host", "TroopsBasis", "as_host", "get", "names"]

SERIES: Final = ("troops", "defense_budget", "gdp", "cpi_inflation", "per_usd")
"""The series a host holds, by year."""

_UNITS: Final = {
    "troops": "US service members",
    "defense_budget": "host currency, nominal",
    "gdp": "host currency, nominal",
    "cpi_inflation": "fraction (0.021 = 2.1%)",
    "per_usd": "host currency per USD, annual average",
}


def _series(value: object, field: str) -> pd.Series:
    if value is None:
        return pd.Series(dtype=np.float64, index=pd.Index([], dtype=np.int64, name="year"))
    if isinstance(value, pd.Series) and value.empty:
        return pd.Series(dtype=np.float64, index=pd.Index([], dtype=np.int64, name="year"))
    checked = as_year_series(value, field, consecutive=False).astype(np.float64)
    checked.index = pd.Index(checked.index.astype(np.int64), name="year")
    return checked.dropna()


def _year_runs(years: object) -> str:
    """Write years as runs: ``[2016, 2017, 2018, 2020]`` -> ``"2016..2018, 2020"``."""
    y = np.unique(np.asarray(years, dtype=np.int64))
    breaks = np.flatnonzero(np.diff(y) != 1)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [y.size - 1]))
    return ", ".join(
        f"{y[a]}" if a == b else f"{y[a]}..{y[b]}" for a, b in zip(starts, ends, strict=True)
    )


@dataclass(frozen=True, slots=True, init=False, eq=False)
class Host:
    """A host country and its cited series.

    Parameters
    ----------
    code : str
        ISO 3166 alpha-3 code, upper case (``"KOR"``).
    name : str
        Country name shown in tables.
    currency : str
        Its currency, one of :data:`burden.currencies.CURRENCIES`.
    troops, defense_budget, gdp, cpi_inflation, per_usd : Series, optional
        By year (int index): US service members stationed; defence budget and
        nominal GDP in whole units of `currency`; CPI inflation as fractions;
        units of `currency` per USD. Omitted ones are empty.
    troops_basis : {"stated", "dmdc"}, optional
        How `troops` counts: a stated level (Korea's ~28,500 includes rotational
        units) or DMDC permanently assigned active duty. Use one basis across hosts
        in a per-service-member comparison.
    gdp_base_year : int, optional
        National-accounts base vintage of `gdp` (Korea: 2015 or 2020; never mixed).
    source : str, optional
        Source ids of the series, ``;``-separated.

    Raises
    ------
    InvalidInputError
        For a code that is not three upper-case letters, an empty name, a series
        that is not indexed by integer years, non-positive troops, budgets, GDP or
        rates, or inflation that is not a fraction in (-1, 1].
    MissingDataError
        For an unknown currency.

    Examples
    --------
    >>> import pandas as pd
    >>> h = Host(code="XYZ", name="Example", currency="EUR",
    ...          troops=pd.Series({2024: 1000.0}), troops_basis="dmdc")
    >>> h.gdp.empty, float(h.troops.loc[2024])
    (True, 1000.0)
    """

    code: str
    name: str
    currency: str
    troops_basis: TroopsBasis | None
    gdp_base_year: int | None
    source: str
    _data: dict[str, pd.Series]

    def __init__(
        self,
        *,
        code: str,
        name: str,
        currency: str,
        troops: pd.Series | None = None,
        defense_budget: pd.Series | None = None,
        gdp: pd.Series | None = None,
        cpi_inflation: pd.Series | None = None,
        per_usd: pd.Series | None = None,
        troops_basis: TroopsBasis | None = None,
        gdp_base_year: int | None = None,
        source: str = "",
    ) -> None:

        code_: object = code
        if (
            not isinstance(code_, str)
            or len(code) != 3
            or not code.isalpha()
            or not code.isupper()
        ):
            raise InvalidInputError("Host.code", code, "an ISO 3166 alpha-3 code such as 'KOR'")
        name_: object = name
        if not isinstance(name_, str) or not name:
            raise InvalidInputError("Host.name", name, "a non-empty country name")
        check_currency(currency, "Host.currency")
        basis_: object = troops_basis
        if basis_ is not None and (
            not isinstance(basis_, str) or basis_ not in ("stated", "dmdc")
        ):
            raise InvalidInputError("Host.troops_basis", troops_basis, '"stated" or "dmdc"')
        source_: object = source
        if not isinstance(source_, str):
            raise InvalidInputError("Host.source", source, "a string (source ids)")
        if gdp_base_year is not None:
            gdp_base_year = as_year(gdp_base_year, "Host.gdp_base_year")
        if troops_basis not in (None, "stated", "dmdc"):
            raise InvalidInputError("Host.troops_basis", troops_basis, '"stated" or "dmdc"')
        data = {}
        given = {
            "troops": troops,
            "defense_budget": defense_budget,
            "gdp": gdp,
            "cpi_inflation": cpi_inflation,
            "per_usd": per_usd,
        }
        for key, value in given.items():
            series = _series(value, f"Host.{key}")
            if key == "cpi_inflation":
                if ((series <= -1) | (series > 1)).any():
                    raise InvalidInputError(
                        "Host.cpi_inflation",
                        series.to_numpy(),
                        "fractions in (-1, 1]",
                        hint="0.021 means 2.1%",
                    )
            elif (series <= 0).any():
                raise InvalidInputError(f"Host.{key}", series.to_numpy(), "positive values")
            series.name = key
            data[key] = series
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "currency", currency)
        object.__setattr__(self, "troops_basis", troops_basis)
        object.__setattr__(self, "gdp_base_year", gdp_base_year)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "_data", data)

    # Each property returns a copy: a Host never changes.
    @property
    def troops(self) -> pd.Series:
        """US service members stationed, by year (see :attr:`troops_basis`)."""
        return self._data["troops"].copy()

    @property
    def defense_budget(self) -> pd.Series:
        """Defence budget by year, whole units of :attr:`currency`, nominal."""
        return self._data["defense_budget"].copy()

    @property
    def gdp(self) -> pd.Series:
        """Nominal GDP by year, whole units of :attr:`currency` (see :attr:`gdp_base_year`)."""
        return self._data["gdp"].copy()

    @property
    def cpi_inflation(self) -> pd.Series:
        """CPI inflation by year, fractions (0.021 = 2.1%)."""
        return self._data["cpi_inflation"].copy()

    @property
    def per_usd(self) -> pd.Series:
        """Units of :attr:`currency` per USD by year, annual average."""
        return self._data["per_usd"].copy()

    def series(self, name: str) -> pd.Series:
        """Return series `name` (one of :data:`SERIES`), a copy."""
        name = as_name(name, "Host.series", SERIES, error=MissingDataError)
        if name not in SERIES:
            raise MissingDataError("Host.series", name, f"one of {list(SERIES)}")
        return self._data[name].copy()

    def values(self, name: str, years: np.ndarray) -> np.ndarray:
        """Return series `name` on `years` as float64, NaN where not published."""
        name = as_name(name, "name", SERIES, error=MissingDataError)
        wanted = as_years(years, "years")
        flat = self._data[name].reindex(np.atleast_1d(wanted)).to_numpy(dtype=np.float64)
        return readonly(flat.reshape(wanted.shape))

    def missing_reason(self, name: str, years: np.ndarray) -> str:
        """Say why series `name` is NaN in some of `years` ("" when it covers them all).

        Examples
        --------
        >>> get("KOR").missing_reason("troops", np.array([2025, 2026]))
        'KOR troops (stated) not published for 2026 (data 2016..2025)'
        """
        name = as_name(name, "name", SERIES, error=MissingDataError)
        data = self._data[name]
        gaps = [
            int(y) for y in np.atleast_1d(as_years(years, "years")) if int(y) not in data.index
        ]
        if not gaps:
            return ""
        what = f"{self.code} {name}"
        if name == "troops" and self.troops_basis:
            what += f" ({self.troops_basis})"
        if data.empty:
            return f"{what}: no series shipped or given"
        shown = _year_runs(gaps)
        return f"{what} not published for {shown} (data {_year_runs(data.index)})"

    def replace(self, **series: pd.Series | None) -> Host:
        """Return a copy with some series replaced (keys from :data:`SERIES`).

        Examples
        --------
        >>> import pandas as pd
        >>> get("JPN").replace(per_usd=pd.Series({2022: 131.5})).per_usd.tolist()
        [131.5]
        """
        unknown = [k for k in series if k not in SERIES]
        if unknown:
            raise MissingDataError("Host.replace", unknown[0], f"one of {list(SERIES)}")
        merged: dict[str, pd.Series | None] = {k: self._data[k] for k in SERIES}
        merged.update(series)
        return Host(
            code=self.code,
            name=self.name,
            currency=self.currency,
            troops_basis=self.troops_basis,
            gdp_base_year=self.gdp_base_year,
            source=self.source,
            **merged,
        )

    def to_frame(self) -> pd.DataFrame:
        """Return the series as one table indexed by year (NaN where not published)."""
        frame = pd.DataFrame({k: self._data[k] for k in SERIES})
        frame.index.name = "year"
        return frame.sort_index()

    def _repr_html_(self) -> str:
        from burden._core.results import Table, render_html  # noqa: PLC0415

        held = [k for k in SERIES if not self._data[k].empty]
        facts = [("code", self.code), ("name", self.name), ("currency", self.currency)]
        facts.append(("series", ", ".join(held) or "none"))
        kinds: dict[str, ColumnKind] = {
            "defense_budget": "money",
            "gdp": "money",
            "troops": "number",
            "cpi_inflation": "share",
        }
        frame = self.to_frame().dropna(how="all")
        table = Table(frame, kinds=kinds, currency=self.currency)
        return render_html(f"Host {self.code}", facts, table)

    def __repr__(self) -> str:
        held = [k for k in SERIES if not self._data[k].empty]
        return (
            f"Host({self.code}: {self.name}, {self.currency}; series {', '.join(held) or 'none'})"
        )


_NAMES: Final = {
    "KOR": ("Republic of Korea", "KRW"),
    "JPN": ("Japan", "JPY"),
    "DEU": ("Germany", "EUR"),
    "ITA": ("Italy", "EUR"),
    "GBR": ("United Kingdom", "GBP"),
}


def names() -> list[str]:
    """Return the codes of the built-in hosts.

    Examples
    --------
    >>> names()
    ['KOR', 'JPN', 'DEU', 'ITA', 'GBR']
    """
    return list(_NAMES)


def _troops(code: str, basis: TroopsBasis | None) -> tuple[pd.Series, TroopsBasis | None, str]:
    rows = datasets.us_troops()
    rows = rows.loc[rows["country"] == code]
    bases = [b for b in ("stated", "dmdc") if (rows["basis"] == b).any()]
    chosen: TroopsBasis | None = basis if basis is not None else (bases[0] if bases else None)  # type: ignore[assignment]
    if chosen is not None and chosen not in bases:
        raise MissingDataError(
            "hosts.get.troops_basis", chosen, f"a basis shipped for {code}: {bases}"
        )
    picked = rows.loc[rows["basis"] == chosen]
    sources = ";".join(sorted({s for cell in picked["source"] for s in cell.split(";")}))
    return picked.set_index("year")["troops"], chosen, sources


def get(code: str, *, troops_basis: TroopsBasis | None = None, gdp_base_year: int = 2020) -> Host:
    """Return the built-in host `code` (see :func:`names`).

    Parameters
    ----------
    code : str
        ISO 3166 alpha-3 code, e.g. ``"KOR"``.
    troops_basis : {"stated", "dmdc"}, optional
        Which troop series; default the stated level where one is shipped (KOR,
        JPN), else DMDC counts.
    gdp_base_year : {2020, 2015}, default 2020
        Korea only: Bank of Korea GDP vintage (see :func:`burden.datasets.korea_macro`).

    Raises
    ------
    MissingDataError
        For an unknown code or a troop basis not shipped for that host.

    Examples
    --------
    >>> get("JPN", troops_basis="dmdc").troops.loc[2024]
    np.float64(52852.0)
    """
    return _get(code, troops_basis, gdp_base_year)


@functools.cache
def _get(code: str, troops_basis: TroopsBasis | None, gdp_base_year: int) -> Host:
    if code not in _NAMES:
        close = difflib.get_close_matches(str(code).upper(), names(), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "or build one with bd.Host(...)"
        raise MissingDataError("host", code, f"one of {names()}", hint=hint)
    name, currency = _NAMES[code]
    troops, basis, troop_sources = _troops(code, troops_basis)
    if code != "KOR":
        return Host(
            code=code,
            name=name,
            currency=currency,
            troops=troops,
            troops_basis=basis,
            source=troop_sources,
        )
    macro = datasets.korea_macro(gdp_base_year=gdp_base_year)
    # 2006 inflation in the data is inferred from an SMA amount, not published.
    cpi = macro.loc[2007:, "cpi_inflation"].dropna()
    return Host(
        code=code,
        name=name,
        currency=currency,
        troops=troops,
        defense_budget=macro["defense_budget"].dropna(),
        gdp=macro["gdp"].dropna(),
        cpi_inflation=cpi,
        per_usd=macro["krw_per_usd"].dropna(),
        troops_basis=basis,
        gdp_base_year=gdp_base_year,
        source=_korea_sources(troop_sources, gdp_base_year),
    )


def _korea_sources(troop_sources: str, gdp_base_year: int) -> str:
    series = datasets.korea_series()
    series = series.loc[series["series"] != "defense_share_of_gdp"]
    gdp = datasets.korea_gdp()
    gdp = gdp.loc[(gdp["base_year"] == gdp_base_year) & gdp["preferred"]]
    cells = [troop_sources, *series["source"], *gdp["source"]]
    ids = {s for cell in cells for s in cell.split(";") if s}
    return ";".join(sorted(ids, key=lambda s: (int("".join(c for c in s if c.isdigit())), s)))


def as_host(value: object, field: str = "host") -> Host | None:
    """Return `value` as a Host: a Host as is, a built-in code looked up, None kept.

    Examples
    --------
    >>> as_host("KOR").name
    'Republic of Korea'
    """
    if value is None or isinstance(value, Host):
        return value
    if isinstance(value, str):
        try:
            return get(value)
        except MissingDataError as err:
            raise MissingDataError(field, value, err.expected, hint=err.hint) from None
    raise InvalidInputError(field, value, "a host code such as 'KOR', a bd.Host or None")


def units() -> Mapping[str, str]:
    """Return the unit of each host series."""
    return dict(_UNITS)
