"""Cited public datasets shipped with burden.

Every table is a CSV file in ``burden/data/`` whose rows carry a ``source`` (one or
more source ids separated by ``;``) and a ``confidence`` (``high``, ``medium`` or
``low``); rows computed from other figures rather than published are flagged
``derived``. :func:`sources` gives the full citation of every source id. Money is in
whole currency units (KRW 1.0389e12, not "1.0389 trillion"); rates are fractions
(0.021 = 2.1%).

Each loader returns a fresh DataFrame: changing it never changes what the next call
returns.

Examples
--------
>>> import burden as bd
>>> hist = bd.datasets.sma_history()
>>> int(hist.loc[hist["year"] == 2019, "amount"].iloc[0])
1038900000000
>>> bd.datasets.sources().loc["S1", "citation"][:8]
'ROK MOFA'
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from burden._core.checks import as_name, as_year
from burden.errors import InvalidInputError, MissingDataError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "cited_sources",
    "describe",
    "gao_21_270",
    "japan_hns",
    "japan_sma_agreements",
    "korea_gdp",
    "korea_macro",
    "korea_series",
    "load",
    "names",
    "nato_common_funding",
    "nato_defense_spending",
    "nato_targets",
    "negotiation_positions",
    "sma_agreements",
    "sma_categories",
    "sma_history",
    "sources",
    "us_cpi",
    "us_troops",
]

CONFIDENCE_LEVELS = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class _Table:
    file: str
    description: str
    numeric: tuple[str, ...] = ()
    integer: tuple[str, ...] = ()


_TABLES: dict[str, _Table] = {
    "sma_history": _Table(
        "sma_history.csv",
        "Korea's annual SMA contribution 1991-2026 as denominated (USD to 2004, KRW from 2005)",
        numeric=("amount",),
        integer=("year",),
    ),
    "sma_agreements": _Table(
        "sma_agreements.csv",
        "The 1st-12th SMAs: years covered, dates and escalation rules",
        integer=("number", "first_year", "last_year"),
    ),
    "sma_categories": _Table(
        "sma_categories.csv",
        "Split of SMA funds into labour, construction and logistics (2019, 2021)",
        numeric=("amount",),
        integer=("year",),
    ),
    "korea_series": _Table(
        "korea_macro.csv",
        "Korea macro series, long form: CPI inflation, main defence budget, KRW per USD, "
        "defence share of GDP",
        numeric=("value",),
        integer=("year",),
    ),
    "korea_gdp": _Table(
        "korea_gdp.csv",
        "Korea nominal GDP by Bank of Korea base-year vintage (2015 and 2020 bases)",
        numeric=("value",),
        integer=("year", "base_year"),
    ),
    "us_troops": _Table(
        "us_troops.csv",
        "US troops stationed by host: stated levels (KOR, JPN) and DMDC counts (2012, 2016, 2024)",
        numeric=("troops",),
        integer=("year",),
    ),
    "us_cpi": _Table(
        "us_cpi.csv",
        "US CPI-U (BLS CUUR0000SA0), annual average index 2004-2025, 1982-84 = 100",
        numeric=("index",),
        integer=("year",),
    ),
    "nato_defense_spending": _Table(
        "nato_defense_spending.csv",
        "NATO defence spending estimates: shares of GDP 2023-2025, counts at 2%, 2024 USD",
        numeric=("value",),
        integer=("year",),
    ),
    "negotiation_positions": _Table(
        "negotiation_positions.csv",
        "Positions in the 2019-2021 talks on the 11th SMA",
        numeric=("value",),
    ),
    "gao_21_270": _Table(
        "gao_21_270.csv",
        "GAO-21-270: DoD obligations and host direct support, Japan and Korea, 2016-2019",
        numeric=("value",),
    ),
    "japan_hns": _Table(
        "japan_hns.csv",
        "Japan host-nation support budgets by fiscal year and item",
        numeric=("value",),
        integer=("fiscal_year",),
    ),
    "japan_sma_agreements": _Table(
        "japan_sma_agreements.csv",
        "Japan's SMA periods and their budgeted totals",
        numeric=("total",),
        integer=("first_fiscal_year", "last_fiscal_year"),
    ),
    "nato_common_funding": _Table(
        "nato_common_funding.csv",
        "NATO common-funding cost shares of selected members",
        numeric=("share",),
        integer=("first_year", "last_year"),
    ),
    "nato_targets": _Table(
        "nato_targets.csv",
        "NATO spending targets (Wales 2014, The Hague 2025)",
        numeric=("share_of_gdp",),
        integer=("deadline",),
    ),
}


@functools.cache
def _read(name: str) -> pd.DataFrame:
    table = _TABLES[name]
    path = resources.files("burden").joinpath("data", table.file)
    with path.open("r", encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    for column in table.numeric:
        frame[column] = pd.to_numeric(frame[column]).astype(np.float64)
    for column in table.integer:
        frame[column] = pd.to_numeric(frame[column]).astype(np.int64)
    if "derived" in frame.columns:
        frame["derived"] = frame["derived"] == "true"
    if "preferred" in frame.columns:
        frame["preferred"] = frame["preferred"] == "true"
    return frame


_WIDE_VIEW: Final = "the wide view of korea_series and korea_gdp, one row per year"


def names() -> list[str]:
    """Return the names of the shipped datasets, for :func:`load`.

    ``korea_macro`` is a wide view (one row per year) of ``korea_series`` and
    ``korea_gdp``; the others are the CSV files as shipped.

    Examples
    --------
    >>> "sma_history" in names()
    True
    """
    return sorted([*_TABLES, "korea_macro"])


def describe() -> pd.DataFrame:
    """Return one row per dataset: its name, file, description and row count.

    Examples
    --------
    >>> describe().loc["us_troops", "file"]
    'us_troops.csv'
    """
    rows = [
        {"name": key, "file": t.file, "description": t.description, "rows": len(_read(key))}
        for key, t in sorted(_TABLES.items())
    ]
    return pd.DataFrame(rows).set_index("name")


def load(name: str) -> pd.DataFrame:
    """Return dataset `name` as a DataFrame, exactly as shipped (long form).

    Parameters
    ----------
    name : str
        One of :func:`names`.

    Raises
    ------
    MissingDataError
        If there is no dataset of that name.

    Examples
    --------
    >>> load("nato_targets").set_index("target").loc["hague_2025_core", "share_of_gdp"]
    np.float64(0.035)
    """
    name = as_name(name, "name")
    if name == "korea_macro":
        return korea_macro().reset_index()
    if name not in _TABLES:
        close = difflib.get_close_matches(str(name), names(), n=1)
        hint = f"did you mean {close[0]!r}?" if close else ""
        listed = ", ".join(sorted(_TABLES))
        raise MissingDataError(
            "dataset",
            name,
            f"one of {listed}, or korea_macro ({_WIDE_VIEW})",
            hint=hint,
        )
    return _read(name).copy()


def sources() -> pd.DataFrame:
    """Return the full citation of every source id used in the datasets.

    Returns
    -------
    DataFrame
        Indexed by ``source_id``; columns ``citation`` and ``location``.

    Examples
    --------
    >>> sources().loc["S48", "citation"]
    'GAO, GAO-21-270'
    """
    path = resources.files("burden").joinpath("data", "sources.csv")
    with path.open("r", encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    return frame.set_index("source_id")


def cited_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the citations of every source id that appears in ``frame["source"]``.

    Examples
    --------
    >>> list(cited_sources(load("gao_21_270")).index)
    ['S48']
    """
    given: object = frame
    if not isinstance(given, pd.DataFrame) or "source" not in frame.columns:
        raise InvalidInputError("frame", frame, "a DataFrame with a 'source' column")
    ids = {s for cell in frame["source"] for s in str(cell).split(";") if s}
    # Natural order: S2 before S10, S10 before S10b.
    ordered = sorted(ids, key=lambda s: (int("".join(c for c in s if c.isdigit())), s))
    return sources().loc[ordered]


def _loader(name: str) -> Callable[[], pd.DataFrame]:
    def load_one() -> pd.DataFrame:
        return load(name)

    load_one.__name__ = name
    load_one.__qualname__ = name
    load_one.__doc__ = f"""Return the ``{name}`` dataset: {_TABLES[name].description}.

    Returns
    -------
    DataFrame
        One row per figure, with ``source`` and ``confidence`` columns.
    """
    return load_one


sma_history = _loader("sma_history")
sma_agreements = _loader("sma_agreements")
sma_categories = _loader("sma_categories")
korea_series = _loader("korea_series")
korea_gdp = _loader("korea_gdp")
us_troops = _loader("us_troops")
negotiation_positions = _loader("negotiation_positions")
gao_21_270 = _loader("gao_21_270")
japan_hns = _loader("japan_hns")
japan_sma_agreements = _loader("japan_sma_agreements")
nato_common_funding = _loader("nato_common_funding")
nato_defense_spending = _loader("nato_defense_spending")
us_cpi = _loader("us_cpi")
nato_targets = _loader("nato_targets")


def korea_macro(*, gdp_base_year: int = 2020) -> pd.DataFrame:
    """Return Korea's macro series as one table indexed by year.

    Parameters
    ----------
    gdp_base_year : {2020, 2015}, default 2020
        Bank of Korea base-year vintage of the GDP column. The June 2024 revision
        raised levels by 5-7%, so the two vintages must never be mixed; years the
        chosen vintage does not cover are NaN.

    Returns
    -------
    DataFrame
        Indexed by consecutive years, with float64 columns ``cpi_inflation``
        (fraction, 0.021 = 2.1%), ``defense_budget`` (KRW, main budget as
        passed), ``gdp`` (KRW, nominal) and ``krw_per_usd`` (annual average).
        Missing figures are NaN. ``attrs["gdp_base_year"]`` records the vintage;
        ``attrs["source"]`` and ``attrs["confidence"]`` map each column to the source
        ids and confidence levels of its rows (this view has no per-row provenance
        columns; :func:`korea_series` and :func:`korea_gdp` have them).

    Raises
    ------
    MissingDataError
        If `gdp_base_year` is not a shipped vintage.

    Examples
    --------
    >>> macro = korea_macro()
    >>> float(macro.loc[2019, "krw_per_usd"])
    1165.8016
    >>> float(macro.loc[2022, "cpi_inflation"])
    0.051
    """
    gdp = korea_gdp()
    vintages = sorted(int(v) for v in gdp["base_year"].unique())
    gdp_base_year = as_year(gdp_base_year, "korea_macro.gdp_base_year")
    if gdp_base_year not in vintages:
        raise MissingDataError("korea_macro.gdp_base_year", gdp_base_year, f"one of {vintages}")
    long = korea_series()
    wide = long.pivot_table(index="year", columns="series", values="value", aggfunc="first")
    chosen = gdp[(gdp["base_year"] == gdp_base_year) & gdp["preferred"]]
    wide["gdp"] = chosen.set_index("year")["value"]
    years = pd.RangeIndex(int(wide.index.min()), int(wide.index.max()) + 1, name="year")
    columns = ["cpi_inflation", "defense_budget", "gdp", "krw_per_usd"]
    out = wide.reindex(index=years, columns=columns).astype(np.float64)
    out.columns.name = None
    out.attrs["gdp_base_year"] = gdp_base_year
    rows = {c: long.loc[long["series"] == c] for c in columns if c != "gdp"}
    rows["gdp"] = chosen
    out.attrs["source"] = {c: _ids(r["source"]) for c, r in rows.items()}
    out.attrs["confidence"] = {c: sorted(set(r["confidence"])) for c, r in rows.items()}
    return out


def _ids(cells: pd.Series) -> str:
    ids = {s for cell in cells for s in str(cell).split(";") if s}
    return ";".join(sorted(ids, key=lambda s: (int("".join(c for c in s if c.isdigit())), s)))
