r"""Scenario files: agreements and analyses described in TOML, run by ``burden run``.

Why one module: the agreements, money, compare and paths sections and the run of a file
form one format with one set of key paths; the TOML primitives are in
:mod:`burden.io._tables` and the analysis sections in :mod:`burden.io._analyses`.

A scenario file is data only: it is parsed with :mod:`tomllib` and nothing in it is
executed. Every value is checked before any work starts, and every error names the
key path, the value and what was expected, e.g.
``agreements.us_demand.base_amount: expected a positive number, got "five"``.

Schema
------
Top level (all optional except ``agreements``)::

    title = "..."                 # shown in the output
    description = "..."

    [money]                       # assumptions for years after the shipped data
    per_usd = { KRW = 1400.0 }        # units per USD after the last published year; a
                                      # table of years for a currency with no data:
                                      # JPY = { "2022" = 131.5 }
    inflation = { USD = 0.025, KRW = 0.02 }   # CPI inflation after the data
    defense_budget_growth = { KOR = 0.03 }    # host series for the indicators
    gdp_growth = { KOR = 0.03 }
    troops = { KOR = 28500 }
    krw_per_usd_projection = 1400.0   # older spelling of per_usd.KRW
    cpi_projection = 0.02             # older spelling of inflation.KRW; also the projection
                                      # of index = "cpi" rules that state none

    [agreements.<key>]            # one table per agreement; <key> names it in analyses
    name = "..."                  # label in tables and figures (default: <key>)
    base_year = 2020              # integer year
    base_amount = 1.0389e12       # positive number, whole currency units
    currency = "KRW"              # KRW, USD, JPY or EUR
    end_year = 2030               # integer year >= base_year
    rounding = 1e8                # optional: round each year's amount to this step
    description = "..."           # optional
    source = "S1;S21"             # optional source ids
    host = "KOR"                  # optional host code: indicators come from its series
    escalation = { rule = "freeze" }          # one rule for every year, or
    # [[agreements.<key>.escalation]]         # phases, in increasing order:
    # from = 2021                             # first year of the phase
    # rule = "fixed"                          # (the first phase may omit `from`)
    # rate = 0.139

    [agreements.<key2>]           # or a built-in agreement by name
    builtin = "SMA-11"            # see `burden compare --list`
    projection = 0.02             # optional: rate for unpublished index years

Escalation rules (``rule = ...``) and their keys:

- ``"fixed"``: ``rate`` (fraction per year, 0.05 = +5%);
- ``"freeze"``: no keys (the previous year's amount);
- ``"indexed"``: ``index`` (``"cpi"``: Korean CPI inflation; or
  ``"defense_budget_growth"``: growth of Korea's main defence budget, both from
  :func:`burden.datasets.korea_macro`), ``lag`` (years, default 0), ``cap``,
  ``floor`` (fractions), ``rate_rounding`` (decimal places of the rate),
  ``projection`` (rate assumed for index years not yet published);
- ``"schedule"``: ``amounts`` = a table ``{ "2021" = 1.2e12, ... }``.

Analyses::

    [[compare]]                   # any number
    baseline = "<key or built-in name>"
    alternative = "<key or built-in name>"
    currency = "USD"              # default "KRW"
    price_basis = 2019            # "nominal" (default) or a base year
    years = [2020, 2025]          # optional first and last year (default: common years)
    name = "demand_vs_sma11"      # optional output file name
    deflate_with = "currency"     # constant prices: the currency's own CPI (US CPI-U for
                                  # USD) or "host" (host CPI at the base year's rate)
    discount_rate = 0.03          # optional: present values (fraction; real for
    discount_year = 2026          #   constant prices, nominal for nominal)

    [[paths]]                     # contribution paths of several agreements
    agreements = ["<key>", "SMA-11"]
    currency = "KRW"
    price_basis = "nominal"
    years = [2020, 2030]          # optional
    name = "paths_krw"            # optional

    [[parameters]]                # uncertain inputs (bounds, or dist + params)
    name = "krw_per_usd_scale"
    bounds = [0.9, 1.1]

    [[monte_carlo]]               # also [[tornado]], [[sobol]], [[morris]],
    model = "demand_vs_sma11"     # [[threshold]]: model = a [[compare]] name or
    draws = 4096                  # an agreement key; [[prim]] names a
    seed = 1                      # [[monte_carlo]]

    # [[split]], [[allocation]], [[bargaining]], [[present_value]]: see
    # docs/scenario_files.md (parsed and run by burden.io._analyses)

``burden run FILE.toml --out DIR`` writes, atomically: ``agreements.csv`` (every
agreement's nominal amounts, tidy), and for each analysis ``<section>_<name>.csv``
(e.g. :meth:`Comparison.to_frame <burden.compare.Comparison.to_frame>` for
``compare``), with a PNG figure of the same name when matplotlib is installed, and
prints a summary of every analysis. ``burden schema`` prints the JSON Schema of the
format (:mod:`burden.io.schema`).

Examples
--------
>>> scenario = loads('''
... [agreements.flat]
... base_year = 2020
... base_amount = 1.0389e12
... currency = "KRW"
... end_year = 2022
... escalation = { rule = "freeze" }
... ''')
>>> scenario.agreements["flat"].amounts().tolist()
[1038900000000.0, 1038900000000.0, 1038900000000.0]
>>> try:
...     loads('[agreements.x]\nbase_year = 2020\nbase_amount = "five"')
... except ScenarioFileError as err:
...     print(err)
agreements.x.base_amount: expected a positive number, got "five"
"""

from __future__ import annotations

import io
import re
import tomllib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from burden import agreements as builtins
from burden import datasets
from burden.agreements import Agreement
from burden.compare import compare, projected_years
from burden.errors import BurdenError, MissingDataError
from burden.escalation import Fixed, Freeze, Indexed, Rule, Schedule
from burden.io._tables import (
    CompareSpec,
    PathsSpec,
    ScenarioFileError,
    ScenarioNameError,
    _check_keys,
    _currency,
    _file_name,
    _integer,
    _number,
    _price_basis,
    _reference,
    _required,
    _string,
    _suggest,
    _table,
    _wrap,
    _year,
    _year_range,
)
from burden.money import (
    CURRENCIES,
    MissingAssumptionsError,
    MissingRateError,
    MoneyContext,
)

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Mapping, Sequence

    from matplotlib.axes import Axes

    from burden.compare import Comparison
    from burden.io._analyses import AnalysisSpec, Output
    from burden.money import Amounts
    from burden.sensitivity import ParameterSpace

__all__ = [
    "CompareSpec",
    "PathsSpec",
    "Scenario",
    "ScenarioFileError",
    "ScenarioNameError",
    "ScenarioRun",
    "execute",
    "load",
    "loads",
    "run",
]

_TOP: Final = (
    "title",
    "description",
    "money",
    "agreements",
    "compare",
    "paths",
    "parameters",
    "correlation",
    "monte_carlo",
    "tornado",
    "sobol",
    "morris",
    "threshold",
    "prim",
    "split",
    "allocation",
    "bargaining",
    "present_value",
)
_MONEY: Final = (
    "krw_per_usd_projection",
    "cpi_projection",
    "per_usd",
    "inflation",
    "defense_budget_growth",
    "gdp_growth",
    "troops",
)
_AGREEMENT: Final = (
    "host",
    "name",
    "base_year",
    "base_amount",
    "currency",
    "end_year",
    "escalation",
    "rounding",
    "description",
    "source",
)
_BUILTIN: Final = ("builtin", "projection")
_RULE_KEYS: Final = {
    "fixed": ("rate",),
    "freeze": (),
    "indexed": ("index", "lag", "cap", "floor", "rate_rounding", "projection"),
    "schedule": ("amounts",),
}
_INDEXES: Final = ("cpi", "defense_budget_growth")
_COMPARE: Final = (
    "baseline",
    "alternative",
    "currency",
    "price_basis",
    "years",
    "name",
    "deflate_with",
    "discount_rate",
    "discount_year",
)
_PATHS: Final = ("agreements", "currency", "price_basis", "years", "name")


def _check_depth(text: str, source: str) -> None:
    """Refuse arrays and inline tables nested deeper than the limit, before parsing.

    :mod:`tomllib` parses nesting by recursion; a file of thousands of ``[`` would end
    in a RecursionError. Brackets inside strings and comments are not counted.
    """
    from burden._core.limits import get_limits  # noqa: PLC0415

    limit = get_limits().toml_depth
    depth = deepest = 0
    quote = ""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if quote:
            if quote in ('"""', "'''") and text.startswith(quote, i):
                quote, i = "", i + 3
                continue
            if len(quote) == 1 and ch == quote:
                quote = ""
            elif quote == '"' and ch == "\\":
                i += 1
            elif len(quote) == 1 and ch == "\n":
                quote = ""
            i += 1
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if text.startswith(('"""', "'''"), i):
            quote, i = text[i : i + 3], i + 3
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                line = text.count("\n", 0, i) + 1
                raise ScenarioFileError(
                    source,
                    None,
                    "TOML",
                    message=f"{source}: arrays or tables nested more than {limit} deep "
                    f"at line {line} (limit: BURDEN_LIMITS=toml_depth=N)",
                )
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1


def _index_series(name: str) -> pd.Series:
    macro = datasets.korea_macro()
    if name == "cpi":
        # 2006 inflation in the data is inferred, not published: start in 2007.
        return macro.loc[2007:, "cpi_inflation"].dropna()
    budget = macro["defense_budget"].dropna()
    return (budget / budget.shift(1) - 1.0).dropna()


def _rule(spec: object, path: str, cpi_projection: float | None = None) -> Rule:
    table = _table(spec, path)
    kind = _required(table, "rule", path, f"a rule: {', '.join(_RULE_KEYS)}")
    if kind not in _RULE_KEYS:
        raise ScenarioFileError(
            f"{path}.rule",
            kind,
            f"one of {', '.join(_RULE_KEYS)}",
            hint=_suggest(str(kind), list(_RULE_KEYS)),
        )
    _check_keys(table, ("rule", "from", *_RULE_KEYS[kind]), path)
    if kind == "freeze":
        return Freeze()
    if kind == "fixed":
        rate = _number(
            _required(table, "rate", path, "a rate as a fraction, e.g. 0.05"),
            f"{path}.rate",
            expected="a rate as a fraction above -1, e.g. 0.05",
            above=-1.0,
        )
        return _wrap(path, lambda: Fixed(rate))
    if kind == "schedule":
        amounts = _table(
            _required(table, "amounts", path, "a table of amounts"), f"{path}.amounts"
        )
        by_year: dict[int, float] = {}
        for key, value in amounts.items():
            if not re.fullmatch(r"\d{4}", key):
                raise ScenarioFileError(f"{path}.amounts", key, 'year keys such as "2021"')
            by_year[int(key)] = _number(
                value,
                f"{path}.amounts.{key}",
                expected="an amount >= 0",
                nonnegative=True,
            )
        if not by_year:
            raise ScenarioFileError(f"{path}.amounts", amounts, "at least one year")
        return _wrap(path, lambda: Schedule(by_year))
    index = _required(table, "index", path, f"an index: {', '.join(_INDEXES)}")
    if index not in _INDEXES:
        raise ScenarioNameError(
            f"{path}.index",
            index,
            f"a built-in index, one of {', '.join(_INDEXES)}",
            hint=_suggest(str(index), _INDEXES),
        )
    options: dict[str, Any] = {}
    if "lag" in table:
        options["lag"] = _integer(
            table["lag"], f"{path}.lag", lo=0, hi=50, expected="a whole number of years 0-50"
        )
    if "rate_rounding" in table:
        options["rate_rounding"] = _integer(
            table["rate_rounding"],
            f"{path}.rate_rounding",
            lo=0,
            hi=10,
            expected="decimal places 0-10 (3 = 0.1 percentage point)",
        )
    for key in ("cap", "floor", "projection"):
        if key in table:
            options[key] = _number(
                table[key],
                f"{path}.{key}",
                expected="a rate as a fraction above -1, e.g. 0.04",
                above=-1.0,
            )
    if index == "cpi" and "projection" not in options and cpi_projection is not None:
        # One CPI assumption serves both deflation and CPI-indexed rules ([money]).
        options["projection"] = cpi_projection
    series = _index_series(str(index))
    return _wrap(path, lambda: Indexed(series, **options))


def _escalation(
    spec: object, path: str, base_year: int, cpi_projection: float | None = None
) -> Rule | dict[int, Rule]:
    if isinstance(spec, dict):
        if "from" in spec:
            _year(spec["from"], f"{path}.from")
        return _rule(spec, path, cpi_projection)
    if not isinstance(spec, list) or not spec:
        raise ScenarioFileError(path, spec, "a rule table or an array of phase tables")
    phases: dict[int, Rule] = {}
    previous = base_year
    for i, phase in enumerate(spec):
        where = f"{path}[{i}]"
        table = _table(phase, where)
        if "from" in table:
            start = _year(table["from"], f"{where}.from")
        elif i == 0:
            start = base_year + 1
        else:
            raise ScenarioFileError(
                f"{where}.from",
                None,
                "a first year",
                message=f"{where}.from: missing; expected the first year of the phase",
            )
        if start <= previous:
            expected = (
                f"base_year + 1 = {base_year + 1}"
                if i == 0
                else f"a year after the previous phase's ({previous})"
            )
            raise ScenarioFileError(f"{where}.from", start, expected)
        if i == 0 and start != base_year + 1:
            raise ScenarioFileError(f"{where}.from", start, f"base_year + 1 = {base_year + 1}")
        phases[start] = _rule(table, where, cpi_projection)
        previous = start
    return phases


def _agreement(key: str, spec: object, cpi_projection: float | None = None) -> Agreement:
    path = f"agreements.{key}"
    table = _table(spec, path)
    if "builtin" in table:
        _check_keys(table, _BUILTIN, path)
        name = table["builtin"]
        if not isinstance(name, str) or name not in builtins.names():
            raise ScenarioNameError(
                f"{path}.builtin",
                name,
                f"a built-in agreement, one of {', '.join(builtins.names())}",
                hint=_suggest(str(name), builtins.names()),
            )
        agreement = builtins.get(name)
        if "projection" in table:
            rate = _number(
                table["projection"],
                f"{path}.projection",
                expected="a rate as a fraction above -1, e.g. 0.02",
                above=-1.0,
            )
            agreement = _wrap(path, lambda: agreement.with_projection(rate))
        return agreement
    _check_keys(table, _AGREEMENT, path)
    name = _string(table.get("name", key), f"{path}.name")
    base_year = _year(_required(table, "base_year", path, "a year"), f"{path}.base_year")
    base_amount = _number(
        _required(table, "base_amount", path, "a positive number"),
        f"{path}.base_amount",
        expected="a positive number",
        positive=True,
    )
    currency = _currency(
        _required(table, "currency", path, f"one of {', '.join(CURRENCIES)}"), f"{path}.currency"
    )
    end_year = _year(_required(table, "end_year", path, "a year"), f"{path}.end_year")
    if end_year < base_year:
        raise ScenarioFileError(f"{path}.end_year", end_year, f"a year >= base_year ({base_year})")
    escalation = _escalation(
        _required(table, "escalation", path, "a rule table or an array of phases"),
        f"{path}.escalation",
        base_year,
        cpi_projection,
    )
    rounding = None
    if "rounding" in table:
        rounding = _number(
            table["rounding"],
            f"{path}.rounding",
            expected="a positive step such as 1e8",
            positive=True,
        )
    text = {k: _string(table[k], f"{path}.{k}") for k in ("description", "source") if k in table}
    host = None
    if "host" in table:
        from burden import hosts  # noqa: PLC0415

        host = _string(table["host"], f"{path}.host")
        if host not in hosts.names():
            raise ScenarioNameError(
                f"{path}.host",
                host,
                f"a built-in host code, one of {', '.join(hosts.names())}",
                hint=_suggest(host, hosts.names()),
            )
    return _wrap(
        path,
        lambda: Agreement(
            name=name,
            base_year=base_year,
            base_amount=base_amount,
            currency=currency,
            end_year=end_year,
            escalation=escalation,
            rounding=rounding,
            description=text.get("description", ""),
            source=text.get("source", ""),
            host=host,
        ),
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Scenario:
    """A parsed, validated scenario file.

    Attributes
    ----------
    title, description : str
    agreements : dict of str to Agreement
        Every agreement the analyses use, by key (file keys and built-in names).
    comparisons : tuple of CompareSpec
    paths : tuple of PathsSpec
    context : MoneyContext or None
        The shipped data extended by the ``[money]`` projections (None: no
        projections, the shipped data as is).
    space : ParameterSpace or None
        The uncertain inputs of ``[[parameters]]`` (with ``correlation``).
    analyses : tuple of AnalysisSpec
        The uncertainty, sensitivity, split, allocation and bargaining analyses, in
        the order they run.
    """

    title: str
    description: str
    agreements: dict[str, Agreement]
    comparisons: tuple[CompareSpec, ...]
    paths: tuple[PathsSpec, ...]
    context: MoneyContext | None
    space: ParameterSpace | None = None
    analyses: tuple[AnalysisSpec, ...] = ()


def _projection_value(value: object, path: str, what: str) -> float | pd.Series:
    """Return a number, or a table of years ``{ "2022" = 131.5 }`` as a Series."""
    if isinstance(value, dict):
        by_year: dict[int, float] = {}
        for key, item in value.items():
            if not re.fullmatch(r"\d{4}", str(key)):
                raise ScenarioFileError(path, key, 'year keys such as "2027"')
            by_year[int(key)] = _number(item, f"{path}.{key}", expected=what)
        if not by_year:
            raise ScenarioFileError(path, value, "at least one year")
        return pd.Series(by_year, dtype=np.float64)
    return _number(value, path, expected=what)


def _codes_table(
    table: Mapping[str, Any], key: str, what: str, known: Sequence[str]
) -> dict[str, float | pd.Series]:
    given = _table(table[key], f"money.{key}")
    out: dict[str, float | pd.Series] = {}
    for code, value in given.items():
        if code not in known:
            raise ScenarioNameError(
                f"money.{key}.{code}",
                code,
                f"one of {', '.join(known)}",
                hint=_suggest(code, known),
            )
        out[code] = _projection_value(value, f"money.{key}.{code}", what)
    return out


def _context(table: Mapping[str, Any]) -> MoneyContext | None:
    _check_keys(table, _MONEY, "money")
    if not table:
        return None
    from burden import hosts  # noqa: PLC0415

    per_usd: dict[str, float | pd.Series] = {}
    inflation: dict[str, float | pd.Series] = {}
    rate_words = "an exchange rate (units per USD) or a table of years"
    rate_words_frac = "a rate as a fraction, e.g. 0.02, or a table of years"
    where: dict[str, str] = {}
    if "per_usd" in table:
        per_usd |= _codes_table(table, "per_usd", rate_words, CURRENCIES)
        where |= {f"per_usd[{c!r}]": f"money.per_usd.{c}" for c in per_usd}
    if "inflation" in table:
        inflation |= _codes_table(table, "inflation", rate_words_frac, CURRENCIES)
        where |= {f"inflation[{c!r}]": f"money.inflation.{c}" for c in inflation}
    for old, target, code, key in (
        ("krw_per_usd_projection", per_usd, "KRW", "per_usd"),
        ("cpi_projection", inflation, "KRW", "inflation"),
    ):
        if old in table:
            if code in target:
                raise ScenarioFileError(
                    f"money.{old}",
                    table[old],
                    f"one value for {code}",
                    hint=f"give either {old} or {key}.{code}, not both",
                )
            target[code] = _number(table[old], f"money.{old}", expected="a number")
            where[f"{key}[{code!r}]"] = f"money.{old}"
    host_series = {}
    for key in ("defense_budget_growth", "gdp_growth", "troops"):
        if key in table:
            what = "a number of service members" if key == "troops" else rate_words_frac
            host_series[key] = _codes_table(table, key, what, hosts.names())
            where |= {f"{key}[{c!r}]": f"money.{key}.{c}" for c in host_series[key]}
    try:
        return MoneyContext().with_projection(per_usd=per_usd, inflation=inflation, **host_series)
    except BurdenError as err:
        path = where.get(err.field, f"money ({err.field})")
        raise ScenarioFileError(path, err.value, err.expected, hint=err.hint) from None


def _view(table: Mapping[str, Any], path: str) -> dict[str, Any]:
    """Return the currency, price basis and years an analysis is shown in."""
    return {
        "currency": _currency(table.get("currency", "KRW"), f"{path}.currency"),
        "price_basis": _price_basis(table.get("price_basis", "nominal"), f"{path}.price_basis"),
        "years": tuple(_year_range(table["years"], f"{path}.years")) if "years" in table else None,
    }


def _discounting(table: Mapping[str, Any], path: str) -> dict[str, Any]:
    """Return a comparison's deflator perspective and present-value options."""
    out: dict[str, Any] = {}
    if "deflate_with" in table:
        value = table["deflate_with"]
        if value not in ("currency", "host"):
            raise ScenarioFileError(
                f"{path}.deflate_with",
                value,
                '"currency" (the currency\'s own price index) or "host"',
                hint=_suggest(str(value), ["currency", "host"]),
            )
        out["deflate_with"] = value
    if "discount_rate" in table:
        rate = _number(
            table["discount_rate"],
            f"{path}.discount_rate",
            expected="a discount rate as a fraction above -1, e.g. 0.03",
            above=-1.0,
        )
        if rate >= 1:
            raise ScenarioFileError(
                f"{path}.discount_rate",
                table["discount_rate"],
                "a discount rate as a fraction, e.g. 0.03",
                hint=f"did you mean {rate / 100:g}?",
            )
        out["discount_rate"] = rate
    if "discount_year" in table:
        out["discount_year"] = _year(table["discount_year"], f"{path}.discount_year")
    return out


def loads(text: str, *, source: str = "<string>") -> Scenario:
    r"""Parse and validate a scenario from TOML text.

    Parameters
    ----------
    text : str
        The TOML document (schema in the module docstring).
    source : str, default "<string>"
        File name shown in syntax errors.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioFileError
        On a TOML syntax error (with its line), an unknown key (with the nearest
        valid key), or a value of the wrong type or range (with its key path).
    ScenarioNameError
        On an unknown built-in agreement, index or agreement key.

    Examples
    --------
    >>> s = loads('[agreements.a]\nbuiltin = "SMA-11"\n[[compare]]\n'
    ...           'baseline = "a"\nalternative = "US-DEMAND-2019"')
    >>> s.comparisons[0].name
    'a_vs_US-DEMAND-2019'
    """
    _check_depth(text, source)
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise ScenarioFileError(
            source, None, "TOML", message=f"{source}: arrays or tables nested too deeply"
        ) from None
    except tomllib.TOMLDecodeError as err:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err)) or "invalid TOML"
        at = f" at line {where.group(1)}, column {where.group(2)}" if where else ""
        raise ScenarioFileError(
            source, None, "valid TOML", message=f"{source}: invalid TOML{at}: {reason}"
        ) from None
    _check_keys(data, _TOP, "")
    title = _string(data.get("title", "burden scenario"), "title")
    description = str(_string(data["description"], "description")) if "description" in data else ""
    context = _context(_table(data.get("money", {}), "money"))
    specs = _table(_required(data, "agreements", "file", "at least one agreement"), "agreements")
    if not specs:
        raise ScenarioFileError("agreements", specs, "at least one agreement")
    money = _table(data.get("money", {}), "money")
    # One Korean CPI assumption serves deflation and CPI-indexed rules alike.
    inflation_table = money.get("inflation")
    korean = inflation_table.get("KRW") if isinstance(inflation_table, dict) else None
    stated = money.get("cpi_projection", korean)
    cpi_projection = float(stated) if isinstance(stated, int | float) else None
    known = {key: _agreement(key, spec, cpi_projection) for key, spec in specs.items()}
    comparisons = []
    for i, raw in enumerate(_array(data.get("compare", []), "compare")):
        path = f"compare[{i}]"
        table = _table(raw, path)
        _check_keys(table, _COMPARE, path)
        base = _reference(_required(table, "baseline", path, "a name"), f"{path}.baseline", known)
        alt = _reference(
            _required(table, "alternative", path, "a name"), f"{path}.alternative", known
        )
        comparisons.append(
            CompareSpec(
                name=_file_name(_string(table.get("name", f"{base}_vs_{alt}"), f"{path}.name")),
                baseline=base,
                alternative=alt,
                path=path,
                **_view(table, path),
                **_discounting(table, path),
            )
        )
    paths = []
    for i, raw in enumerate(_array(data.get("paths", []), "paths")):
        path = f"paths[{i}]"
        table = _table(raw, path)
        _check_keys(table, _PATHS, path)
        names = _required(table, "agreements", path, "an array of agreement names")
        if not isinstance(names, list) or not names:
            raise ScenarioFileError(f"{path}.agreements", names, "an array of agreement names")
        refs = tuple(_reference(n, f"{path}.agreements[{j}]", known) for j, n in enumerate(names))
        paths.append(
            PathsSpec(
                name=_file_name(_string(table.get("name", str(i + 1)), f"{path}.name")),
                agreements=refs,
                path=path,
                **_view(table, path),
            )
        )
    from burden.io import _analyses  # noqa: PLC0415 (it builds on this module)

    space, analyses = _analyses.parse(data, comparisons=comparisons, known=known, context=context)
    outputs = [(f"compare_{c.name}", c.path, c.name) for c in comparisons]
    outputs += [(f"paths_{p.name}", p.path, p.name) for p in paths]
    outputs += [(f"{a.kind}_{a.name}", a.path, a.name) for a in analyses]
    first: dict[str, str] = {}
    for output, path, name in outputs:
        if output in first:
            raise ScenarioFileError(
                f"{path}.name",
                name,
                f"a name different from {first[output]}'s (both write {output}.csv)",
                hint=f'add name = "..." to {path}',
            )
        first[output] = path
    return Scenario(
        title=title,
        description=description,
        agreements=known,
        comparisons=tuple(comparisons),
        paths=tuple(paths),
        context=context,
        space=space,
        analyses=analyses,
    )


def _array(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise ScenarioFileError(path, value, f"an array of tables ([[{path}]])")
    return value


def load(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario file.

    Parameters
    ----------
    path : str or PathLike
        A TOML file (schema in the module docstring and ``docs/scenario_files.md``).

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioFileError
        If the file cannot be read or is not a valid scenario (see :func:`loads`).

    Examples
    --------
    >>> load("no/such/file.toml")
    Traceback (most recent call last):
    ...
    burden.io.scenario_file.ScenarioFileError: no/such/file.toml: cannot read the file (...)
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or type(err).__name__
        raise ScenarioFileError(
            str(path), None, "a readable file", message=f"{path}: cannot read the file ({reason})"
        ) from None
    return loads(text, source=str(path))


def _png(draw: Callable[[Axes], object]) -> bytes:
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=(8.0, 4.6), dpi=110, layout="constrained")
    draw(fig.subplots())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _have_matplotlib() -> bool:
    try:
        import matplotlib as mpl  # noqa: PLC0415
    except ImportError:
        return False
    return bool(mpl.__version__)


def _check_assumptions(scenario: Scenario) -> None:
    """Raise naming every missing assumption at once when an agreement lacks a projection.

    An agreement without its index projection stops ``agreements.csv``; the
    comparisons are asked too, so one run names their missing ``[money]`` keys as well.
    """
    missing: dict[str, MissingDataError] = {}
    first = ""
    for key, agreement in scenario.agreements.items():
        try:
            agreement.path()
        except MissingDataError as err:
            if not err.field.endswith(".rates"):
                continue  # reported with its key path when agreements.csv is built
            missing.setdefault(str(err), err)
            first = first or f"agreements.{key}"
    if not missing:
        return
    for spec in scenario.comparisons:
        try:
            _compare(spec, scenario)
        except MissingAssumptionsError as err:
            for e in err.errors:
                missing.setdefault(str(e), e)
        except BurdenError:
            continue  # a lone missing piece (the agreement's own) or an error reported later
    found = list(missing.values())
    if len(found) == 1:
        return  # the agreement's own message, with its key path, comes next

    def fail() -> None:
        fixes = [e.hint if isinstance(e, MissingRateError) else "" for e in found]
        raise MissingAssumptionsError(found, fixes)

    _wrap(first, fail)


def _compare(spec: CompareSpec, scenario: Scenario) -> Comparison:
    return compare(
        scenario.agreements[spec.baseline],
        scenario.agreements[spec.alternative],
        currency=spec.currency,
        price_basis=spec.price_basis,
        years=spec.years,
        context=scenario.context,
        deflate_with=spec.deflate_with,
        discount_rate=spec.discount_rate,
        discount_year=spec.discount_year,
    )


def _draw_comparison(comparison: Comparison, ax: Axes) -> object:
    from burden.plot import plot_comparison  # noqa: PLC0415

    return plot_comparison(comparison, ax=ax)


def _draw_paths(amounts: list[Amounts], title: str, projected: list[int], ax: Axes) -> object:
    from burden.plot import plot_paths  # noqa: PLC0415

    return plot_paths(amounts, ax=ax, title=title, projected=projected)


def _paths(spec: PathsSpec, scenario: Scenario) -> list[Amounts]:
    out = []
    for key in spec.agreements:
        amounts = scenario.agreements[key].path()
        amounts = amounts.to(spec.currency, spec.price_basis, context=scenario.context)
        if spec.years is not None:
            keep = [y for y in spec.years if amounts.years[0] <= y <= amounts.years[-1]]
            if not keep:
                raise ScenarioFileError(
                    f"{spec.path}.years",
                    [spec.years[0], spec.years[-1]],
                    f"years overlapping {key} ({amounts.years[0]}..{amounts.years[-1]})",
                )
            amounts = amounts.select(keep)
        out.append(amounts)
    return out


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ScenarioRun:
    """What :func:`execute` wrote and printed.

    Attributes
    ----------
    written : list of Path
    note : str
        Empty, or one line saying why figures are missing.
    summary : tuple of str
        The console summary: one block per analysis.
    removed : tuple of str
        Files an earlier run wrote to the same folder that this run does not (removed,
        so the folder holds one run's outputs).
    """

    written: list[Path]
    note: str
    summary: tuple[str, ...]
    removed: tuple[str, ...] = ()


def _flagged(
    amounts: Amounts, agreement: Agreement, spec: PathsSpec, scenario: Scenario
) -> pd.DataFrame:
    """Return the tidy amounts with a ``projected`` column (the year uses an assumption)."""
    frame = amounts.to_frame()
    _, mask = projected_years(
        agreement,
        amounts.years,
        currency=spec.currency,
        price_basis=spec.price_basis,
        context=scenario.context,
    )
    frame["projected"] = frame["year"].map(
        dict(zip(amounts.years.tolist(), mask.tolist(), strict=True))
    )
    return frame


def run(
    scenario: Scenario, folder: str | os.PathLike[str], *, figures: bool = True
) -> tuple[list[Path], str]:
    r"""Run every analysis of `scenario` and write the results into `folder`.

    Same as :func:`execute` without the console summary.

    Returns
    -------
    written : list of Path
    note : str
        Empty, or one line saying why figures are missing.

    Examples
    --------
    >>> import tempfile
    >>> s = loads('[agreements.a]\nbuiltin = "SMA-11"\n[[compare]]\n'
    ...           'baseline = "SMA-10-HELD"\nalternative = "a"')
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     written, note = run(s, tmp, figures=False)
    ...     [p.name for p in written]
    ['agreements.csv', 'compare_SMA-10-HELD_vs_a.csv']
    """
    result = execute(scenario, folder, figures=figures)
    return result.written, result.note


def _summary_comparison(comparison: Comparison) -> str:
    ratio = comparison.alternative.total() / comparison.baseline.total()
    return (
        f"total {comparison.alternative.label} / {comparison.baseline.label} = "
        f"{ratio:.3f} ({comparison.currency}, {comparison.baseline.price_basis})"
    )


def execute(
    scenario: Scenario, folder: str | os.PathLike[str], *, figures: bool = True
) -> ScenarioRun:
    r"""Run every analysis of `scenario`, write the results, and summarize them.

    Everything is computed in memory first; then all files are written atomically
    (see :func:`burden.report.html.write_files`), so an error leaves nothing
    half-written.

    Parameters
    ----------
    scenario : Scenario
        From :func:`load` or :func:`loads`.
    folder : str or PathLike
        Output folder, created if missing.
    figures : bool, default True
        Also write a PNG per analysis that has a figure (skipped, with a note,
        without matplotlib).

    Returns
    -------
    ScenarioRun
        ``written`` files (``agreements.csv``, ``<kind>_<name>.csv`` and ``.png``),
        ``note`` and ``summary`` (the console lines).

    Raises
    ------
    BurdenError
        If an analysis needs data that is missing (e.g. an exchange rate after the
        published years without ``money.krw_per_usd_projection``), or the folder
        cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> s = loads('[agreements.a]\nbuiltin = "SMA-11"\n[[compare]]\n'
    ...           'baseline = "SMA-10-HELD"\nalternative = "a"')
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     print("\n".join(execute(s, tmp, figures=False).summary))
    compare[0] (compare_SMA-10-HELD_vs_a.csv)
      total SMA-11 / SMA-10-HELD = 1.204 (KRW, nominal)
    """
    from burden.io import _analyses  # noqa: PLC0415
    from burden.io.files import stale_outputs, write_files  # noqa: PLC0415

    draw = figures and _have_matplotlib()
    note = "" if draw or not figures else "matplotlib is not installed: figures not written"
    files: dict[str, bytes] = {}
    summary: list[str] = []
    frames = []
    _check_assumptions(scenario)
    for key, agreement in scenario.agreements.items():
        frame = _wrap(f"agreements.{key}", agreement.path).to_frame()
        frame.insert(0, "agreement", key)
        _, mask = projected_years(agreement, agreement.years, currency=agreement.currency)
        frame["projected"] = frame["year"].map(
            dict(zip(agreement.years.tolist(), mask.tolist(), strict=True))
        )
        frames.append(frame)
    files["agreements.csv"] = pd.concat(frames, ignore_index=True).to_csv(index=False).encode()
    pngs: dict[str, bytes] = {}
    for spec in scenario.comparisons:
        comparison = _wrap(spec.path, partial(_compare, spec, scenario))
        stem = f"compare_{spec.name}"
        files[f"{stem}.csv"] = comparison.to_frame().to_csv(index=False).encode()
        summary += [f"{spec.path} ({stem}.csv)", f"  {_summary_comparison(comparison)}"]
        if draw:
            pngs[f"{stem}.png"] = _png(partial(_draw_comparison, comparison))
    for paths in scenario.paths:
        amounts = _wrap(paths.path, partial(_paths, paths, scenario))
        table = pd.concat(
            [
                _flagged(a, scenario.agreements[k], paths, scenario)
                for a, k in zip(amounts, paths.agreements, strict=True)
            ],
            ignore_index=True,
        )
        stem = f"paths_{paths.name}"
        files[f"{stem}.csv"] = table.to_csv(index=False).encode()
        totals = ", ".join(f"{a.label} {a.total() / 1e9:,.1f} bn" for a in amounts)
        summary += [f"{paths.path} ({stem}.csv)", f"  totals ({paths.currency}): {totals}"]
        if draw:
            marked = sorted({int(y) for y in table.loc[table["projected"], "year"]})
            pngs[f"{stem}.png"] = _png(
                partial(_draw_paths, amounts, f"{scenario.title}: {paths.name}", marked)
            )
    outputs: list[Output] = _analyses.compute(scenario.analyses, scenario.context)
    for analysis, out in zip(scenario.analyses, outputs, strict=True):
        stem = f"{out.kind}_{out.name}"
        files[f"{stem}.csv"] = out.frame.to_csv(index=False).encode()
        summary += [f"{analysis.path} ({stem}.csv)", *(f"  {line}" for line in out.summary)]
        if draw and out.draw is not None:
            pngs[f"{stem}.png"] = _png(out.draw)
    files.update(pngs)
    earlier = stale_outputs(folder, _MANIFEST, files)  # an earlier run's files this one lacks
    written = write_files(folder, files, manifest=_MANIFEST)
    removed = tuple(name for name in earlier if not (Path(folder) / name).exists())
    return ScenarioRun(written=written, note=note, summary=tuple(summary), removed=removed)


_MANIFEST: Final = ".burden-run"
"""Hidden file in the output folder listing what the last ``burden run`` wrote there."""
