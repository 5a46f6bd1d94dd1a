"""The ``burden`` command line.

Why one module: the argument parser and each subcommand's thin glue (parse, call the
library, print) read best side by side; the work lives in the library modules.

Commands:

- ``burden report [--out DIR] [--sections ranges,splits,talks,today] [--draws N]
  [--seed S] [--years Y1-Y2] [--base-year Y]`` prints the seed analysis (the headline
  first, then its ranges, cost splits, the 2019-2021 talks and today's agreement) and
  writes it as a self-contained HTML report with CSV tables to ``DIR`` (default
  ``./burden-report``);
- ``burden run FILE.toml [--out DIR]`` runs a scenario file (see
  :mod:`burden.io.scenario_file`), prints a summary of every analysis and writes its
  tables (CSV) and figures (PNG);
- ``burden schema`` (or ``burden run --schema``) prints the JSON Schema of scenario
  files;
- ``burden compare BASELINE ALTERNATIVE [--currency] [--price-basis] [--years]
  [--projection RATE] [--per-usd CUR=RATE] [--inflation CUR=RATE]
  [--defense-budget-growth HOST=RATE] [--gdp-growth HOST=RATE] [--troops HOST=N]
  [--deflate-with] [--discount-rate R] [--discount-year Y]`` prints the comparison of two
  built-in agreements, with the stated assumptions named;
- ``burden datasets list | show NAME | export NAME [--out FILE.csv]``.

Exit status 0 on success; bad input prints one line on stderr, starting
``burden: error:``, and exits with status 2 (no traceback): the line names the flag
(library field names and Python-only hints are mapped by :func:`_cli_error`), and a
flag that would be ignored (--discount-year without --discount-rate, --deflate-with
host with nominal prices, a currency or host given twice) is refused. A malformed
``BURDEN_LIMITS`` is refused by every command before any work. Files are written
atomically: a failed run leaves nothing half-written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from burden import __version__
from burden.report.options import DEFAULT_DRAWS, DEFAULT_SEED, SECTIONS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from burden.compare import Comparison
    from burden.errors import BurdenError
    from burden.money import MissingRateError, MoneyContext
    from burden.typing import PriceBasis

__all__ = ["main"]

_DATASET_ACTIONS = ("list", "show", "export")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"burden: error: {message} (see {self.prog} --help)\n")


_EXIT_CODES = """\
exit status:
  0    success
  1    runtime failure (cannot write an output or standard output, out of memory,
       an internal error): one line on stderr
  2    bad input (arguments, scenario file, data): one line on stderr, nothing written
  130  interrupted (Ctrl-C): one line on stderr, nothing half-written
"""

_YEAR_MIN, _YEAR_MAX = 1900, 2200


def _years(text: str) -> list[int]:
    """Parse ``2020-2025`` or ``2021`` into a list of years (1900-2200, a bounded span)."""
    first, sep, last = text.partition("-")
    try:
        start = int(first)
        stop = int(last) if sep else start
    except ValueError:
        msg = f"expected a year or a range like 2020-2025, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if stop < start:
        msg = f"expected a range whose end is not before its start, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    if start < _YEAR_MIN or stop > _YEAR_MAX:
        msg = f"expected years between {_YEAR_MIN} and {_YEAR_MAX}, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    from burden._core.limits import get_limits  # noqa: PLC0415 (keep --version fast)

    span = get_limits().year_span
    if stop - start + 1 > span:
        msg = (
            f"expected at most {span} years (the year-span limit, BURDEN_LIMITS=year_span=N), "
            f"got {stop - start + 1} in {text!r}"
        )
        raise argparse.ArgumentTypeError(msg)
    return list(range(start, stop + 1))


def _out_path(text: str) -> Path:
    """Parse an output path, refusing an empty one (it would mean the current folder)."""
    if not text.strip():
        msg = "expected a file or folder name, got an empty path"
        raise argparse.ArgumentTypeError(msg)
    return Path(text)


def _sections(text: str) -> tuple[str, ...]:
    """Parse ``ranges,today`` into section names (checked by the report)."""
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    if not names:
        msg = f"expected sections such as ranges,today, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return names


def _price_basis(text: str) -> PriceBasis:
    """Parse ``nominal`` or a base year such as ``2019``."""
    if text == "nominal":
        return "nominal"
    try:
        return int(text)
    except ValueError:
        msg = f'expected "nominal" or a base year such as 2019, got {text!r}'
        raise argparse.ArgumentTypeError(msg) from None


def _assumption(text: str) -> tuple[str, float | dict[int, float]]:
    """Parse ``KRW=1400`` or ``JPY=2022:131.5,2023:140.5``."""
    code, sep, value = text.partition("=")
    code = code.strip().upper()
    if not sep or not code:
        msg = f"expected CUR=RATE such as KRW=1400, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    try:
        if ":" in value:
            pairs = [part.split(":", 1) for part in value.split(",")]
            by_year = {int(y): float(v) for y, v in pairs}
        else:
            return code, float(value)
    except ValueError:
        msg = f"expected CUR=RATE or CUR=YEAR:RATE,..., got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if len(by_year) < len(pairs):
        twice = next(y for y in by_year if sum(int(p[0]) == y for p in pairs) > 1)
        msg = f"expected each year once, got {twice} given twice in {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return code, by_year


def _host_assumption(text: str) -> tuple[str, float | dict[int, float]]:
    """Parse ``KOR=0.03`` or ``KOR=2027:0.03,2028:0.025`` (a host code, then values)."""
    try:
        return _assumption(text)
    except argparse.ArgumentTypeError:
        msg = f"expected HOST=VALUE such as KOR=0.03, or HOST=YEAR:VALUE,..., got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


_PROJECTIONS = ("per_usd", "inflation", "defense_budget_growth", "gdp_growth", "troops")
"""The assumptions of ``MoneyContext.with_projection``; each is a flag, ``--per-usd`` ..."""


def _cli_context(args: argparse.Namespace) -> MoneyContext:
    """Return the shipped data plus the stated assumptions (--per-usd, --troops, ...)."""
    import pandas as pd  # noqa: PLC0415 (the science loads after parsing: --version is instant)

    from burden.errors import BurdenError, InvalidInputError, MissingDataError  # noqa: PLC0415
    from burden.money import MoneyContext  # noqa: PLC0415

    stated: dict[str, dict[str, float | pd.Series]] = {}
    shipped = MoneyContext()
    for name in _PROJECTIONS:
        flag = "--" + name.replace("_", "-")
        stated[name] = {}
        for code, value in getattr(args, name, []):
            if code in stated[name]:
                raise InvalidInputError(flag, code, f"each {_KEY[name]} once", hint="given twice")
            if name == "per_usd" and not isinstance(value, dict) and code not in shipped.per_usd:
                raise MissingDataError(
                    flag,
                    f"{code}={value:g}",
                    f"{code}=YEAR:RATE,... (burden ships no {code} rate to extend)",
                    hint=f"e.g. --per-usd {code}=2022:{value:g}",
                )
            stated[name][code] = (
                pd.Series(value, dtype="float64") if isinstance(value, dict) else value
            )
    try:
        return shipped.with_projection(**stated)
    except BurdenError as err:
        about = next((n for n in _PROJECTIONS if err.field.startswith(n)), None)
        if about is None:  # not about one assumption: its own field says more
            raise
        flag = "--" + about.replace("_", "-")
        raise type(err)(flag, err.value, err.expected, hint=err.hint) from None


_KEY = {
    "per_usd": "currency",
    "inflation": "currency",
    "defense_budget_growth": "host",
    "gdp_growth": "host",
    "troops": "host",
}


def _cli_hint(err: MissingRateError) -> str:
    if err.series == "per_usd":
        example = (
            f"{err.currency}=1400" if err.currency == "KRW" else f"{err.currency}={err.year}:RATE"
        )
        return f"state an assumed rate with --per-usd {example}"
    return f"state assumed inflation with --inflation {err.currency}=0.02"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="burden",
        description="Model how allies share the costs of stationed forces, from cited data.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"burden {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    report = commands.add_parser(
        "report",
        help=(
            "the seed analysis (2019 US demand vs the 10th and 11th SMA) with ranges, "
            "splits, the talks and today, console and HTML"
        ),
        description=(
            "Print the US 2019 demand against the February 2019 agreement and the "
            "11th SMA: per year and cumulative, in KRW and USD, nominal and real, "
            "with burden indicators and sources; the ranges of the gap (Monte Carlo, "
            "tornado, Sobol'), cost splits, the 2019-2021 talks and today's 12th SMA "
            "against the 2025 ask, each with its stated assumptions; and write it as "
            "a self-contained HTML report (figures embedded) with CSV tables."
        ),
    )
    report.add_argument(
        "--out",
        type=_out_path,
        default=Path("burden-report"),
        metavar="DIR",
        help="folder for index.html and the CSV tables (default ./burden-report)",
    )
    report.add_argument(
        "--years",
        type=_years,
        default=None,
        help="years of the seed tables, e.g. 2020-2025 (default; the sections keep their own years)",
    )
    report.add_argument(
        "--base-year",
        type=int,
        default=2019,
        help=(
            "base year of the seed tables' constant prices (default 2019); the headline "
            "and the Ranges section stay at 2019 prices by design (the year of the demand)"
        ),
    )
    report.add_argument(
        "--sections",
        type=_sections,
        default=SECTIONS,
        metavar="LIST",
        help=f"comma-separated sections to show (default all: {','.join(SECTIONS)})",
    )
    report.add_argument(
        "--draws",
        type=int,
        default=DEFAULT_DRAWS,
        metavar="N",
        help=f"Monte Carlo draws, a power of 2 (default {DEFAULT_DRAWS})",
    )
    report.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        metavar="S",
        help=f"seed of every random draw (default {DEFAULT_SEED}); same seed, same numbers",
    )

    run = commands.add_parser(
        "run",
        help="run a TOML scenario file and write its tables (CSV) and figures (PNG)",
        description=(
            "Run the agreements and analyses described in a TOML scenario file "
            "(schema: docs/scenario_files.md) and write the results to a folder."
        ),
    )
    run.add_argument("file", type=Path, nargs="?", metavar="FILE.toml", help="the scenario file")
    run.add_argument(
        "--schema",
        action="store_true",
        help="print the JSON Schema of scenario files and exit (same as 'burden schema')",
    )
    run.add_argument(
        "--out",
        type=_out_path,
        default=None,
        metavar="DIR",
        help="output folder (default ./<file name>-results)",
    )

    commands.add_parser(
        "schema",
        help="print the JSON Schema of scenario files (for editors and validators)",
        description=(
            "Print the JSON Schema (draft 2020-12) of the scenario-file format; point "
            "a TOML editor (e.g. Taplo) at it to validate files as you type."
        ),
    )

    cmp = commands.add_parser(
        "compare",
        help="compare two built-in agreements and print the table",
        description=(
            "Compare two built-in agreements or positions year by year (see "
            "'burden compare --list'), with burden indicators."
        ),
    )
    cmp.add_argument("baseline", nargs="?", help="built-in name, e.g. SMA-10-HELD")
    cmp.add_argument("alternative", nargs="?", help="built-in name, e.g. US-DEMAND-2019")
    cmp.add_argument("--currency", default="KRW", help="currency of the table (default KRW)")
    cmp.add_argument(
        "--price-basis",
        type=_price_basis,
        default="nominal",
        help='"nominal" (default) or a base year of constant prices, e.g. 2019',
    )
    cmp.add_argument("--years", type=_years, default=None, help="years, e.g. 2020-2025")
    cmp.add_argument(
        "--projection",
        type=float,
        default=None,
        metavar="RATE",
        help=(
            "assumed index rate (fraction, e.g. 0.02) for years whose index is not "
            "published yet, e.g. SMA-12 after 2027; an assumption you state"
        ),
    )
    cmp.add_argument(
        "--per-usd",
        type=_assumption,
        action="append",
        default=[],
        metavar="CUR=RATE",
        help=(
            "assumed exchange rate after the published data, units per USD, e.g. "
            "KRW=1400 (repeat per currency); CUR=YEAR:RATE,... gives rates by year "
            "(e.g. JPY=2022:RATE, for a currency burden ships no rate for)"
        ),
    )
    cmp.add_argument(
        "--inflation",
        type=_assumption,
        action="append",
        default=[],
        metavar="CUR=RATE",
        help=(
            "assumed CPI inflation (fraction) after the published data, e.g. USD=0.025 "
            "or KRW=0.02 (repeat per currency); deflates constant prices"
        ),
    )
    for flag, what, example in (
        ("--defense-budget-growth", "growth (fraction) of the host's defence budget", "0.03"),
        ("--gdp-growth", "growth (fraction) of the host's nominal GDP", "0.03"),
        ("--troops", "US service members stationed in the host", "28500"),
    ):
        cmp.add_argument(
            flag,
            type=_host_assumption,
            action="append",
            default=[],
            metavar="HOST=VALUE",
            help=(
                f"assumed {what} after the published data, e.g. KOR={example} (repeat "
                "per host); HOST=YEAR:VALUE,... by year; fills the indicators of later years"
            ),
        )
    cmp.add_argument(
        "--deflate-with",
        choices=("currency", "host"),
        default="currency",
        help=(
            "constant prices: the table currency's own price index (default; USD: US "
            "CPI-U) or the host's CPI converted at the base year's rate (host needs "
            "--price-basis YEAR)"
        ),
    )
    cmp.add_argument(
        "--discount-rate",
        type=float,
        default=None,
        metavar="RATE",
        help="also print present values at this rate (fraction, e.g. 0.03)",
    )
    cmp.add_argument(
        "--discount-year",
        type=int,
        default=None,
        metavar="YEAR",
        help="year the present values are valued in (default the first year; needs --discount-rate)",
    )
    cmp.add_argument(
        "--list", action="store_true", help="list the built-in names, their years and exit"
    )

    data = commands.add_parser(
        "datasets",
        help="list, show or export the shipped datasets",
        description=(
            "datasets list: one line per dataset; datasets show NAME: print it; "
            "datasets export NAME [--out FILE.csv]: write it as CSV (to stdout "
            "without --out). 'datasets NAME' is short for 'datasets show NAME'."
        ),
    )
    data.add_argument("action", nargs="?", default="list", help="list, show or export")
    data.add_argument("name", nargs="?", help="dataset name (see 'burden datasets list')")
    data.add_argument(
        "--out", type=_out_path, default=None, metavar="FILE.csv", help="CSV to write"
    )
    return parser


def _report(args: argparse.Namespace) -> str:
    from burden.errors import InvalidInputError  # noqa: PLC0415
    from burden.io.files import stale_outputs  # noqa: PLC0415
    from burden.report.full import build_report  # noqa: PLC0415
    from burden.report.html import REPORT_MANIFEST, write_report  # noqa: PLC0415

    if args.base_year is not None:
        from burden.money import MoneyContext, check_base_year  # noqa: PLC0415

        shipped = MoneyContext()
        for code in ("USD", "KRW"):
            check_base_year(
                shipped, args.base_year, code, "--base-year", hint="e.g. --base-year 2019"
            )
        last = min(int(shipped.price_index[code].index.max()) for code in ("USD", "KRW"))
        if args.base_year > last:
            raise InvalidInputError(
                "--base-year",
                args.base_year,
                f"a base year with a published KRW and USD price index (up to {last})",
                hint="the report states no inflation after the data: e.g. --base-year 2019",
            )
    report = build_report(
        sections=args.sections,
        draws=args.draws,
        seed=args.seed,
        years=args.years,
        price_base_year=args.base_year,
    )
    earlier = stale_outputs(args.out, REPORT_MANIFEST, [])  # what the last report wrote here
    index, note = write_report(report.seed, args.out, sections=report.sections)
    if note:
        print(f"burden: {note}", file=sys.stderr)
    removed = [name for name in earlier if not (Path(args.out) / name).exists()]
    return f"{report.to_text()}\n\nReport written to {index}{_removed(removed)}"


def _removed(names: Sequence[str]) -> str:
    """Say which files of an earlier run in the same folder were removed (none: "")."""
    if not names:
        return ""
    return f"; removed {len(names)} files of an earlier run there: {', '.join(names)}"


def _schema() -> str:
    from burden.io.schema import schema_json  # noqa: PLC0415

    return schema_json()


def _run_file(args: argparse.Namespace) -> str:
    from burden.errors import InvalidInputError  # noqa: PLC0415
    from burden.io import scenario_file  # noqa: PLC0415

    if args.schema:
        return _schema()
    if args.file is None:
        raise InvalidInputError("run", None, "a scenario file: burden run FILE.toml")

    scenario = scenario_file.load(args.file)
    out = args.out if args.out is not None else Path(f"{args.file.stem}-results")
    result = scenario_file.execute(scenario, out)
    if result.note:
        print(f"burden: {result.note}", file=sys.stderr)
    names = ", ".join(p.name for p in result.written)
    return "\n".join(
        [
            scenario.title,
            "",
            *result.summary,
            "",
            f"wrote {len(result.written)} files to {out}: {names}{_removed(result.removed)}",
        ]
    )


def _compare(args: argparse.Namespace) -> str:
    import pandas as pd  # noqa: PLC0415 (the science loads after parsing: --version is instant)

    from burden import agreements  # noqa: PLC0415
    from burden.compare import compare  # noqa: PLC0415
    from burden.errors import InvalidInputError, MissingDataError  # noqa: PLC0415
    from burden.money import (  # noqa: PLC0415
        MissingAssumptionsError,
        MissingRateError,
        check_base_year,
        check_price_basis,
    )

    if args.list:
        rows = [agreements.get(name) for name in agreements.names()]
        return "\n".join(
            f"{a.name:<16} {a.base_year}-{a.end_year}  {a.currency}  {a.description.split(':')[0]}"
            for a in rows
        )
    if args.baseline is None or args.alternative is None:
        given = [n for n in (args.baseline, args.alternative) if n is not None]
        raise InvalidInputError(
            "compare", given, "two built-in names: BASELINE ALTERNATIVE (see --list)"
        )
    basis = check_price_basis(args.price_basis, "--price-basis")
    if args.discount_year is not None and args.discount_rate is None:
        raise InvalidInputError(
            "--discount-year",
            args.discount_year,
            "--discount-rate RATE with it (the year present values are valued in)",
            hint="add e.g. --discount-rate 0.03, or drop --discount-year",
        )
    if args.deflate_with == "host" and basis == "nominal":
        raise InvalidInputError(
            "--deflate-with",
            args.deflate_with,
            "constant prices with it (--price-basis YEAR): nominal amounts are not deflated",
            hint="add e.g. --price-basis 2019, or drop --deflate-with",
        )
    chosen = [agreements.get(args.baseline), agreements.get(args.alternative)]
    if args.projection is not None:
        try:
            chosen = [a.with_projection(args.projection) for a in chosen]
        except InvalidInputError as err:
            # Name the flag, not the Python attribute.
            raise InvalidInputError(
                "--projection", err.value, err.expected, hint=err.hint
            ) from None
    context = _cli_context(args)
    if args.deflate_with != "host":  # the host's index is checked by compare()
        check_base_year(
            context, basis, args.currency, "--price-basis", hint="e.g. --price-basis 2019"
        )
    try:
        result = compare(
            chosen[0],
            chosen[1],
            currency=args.currency,
            price_basis=basis,
            years=args.years,
            context=context,
            deflate_with=args.deflate_with,
            discount_rate=args.discount_rate,
            discount_year=args.discount_year,
        )
    except MissingRateError as err:
        # On the command line the fix is a flag, not a Python call; the year is a
        # table year (--years) unless it is the base year of the prices.
        flag = "--price-basis" if err.year == basis else "--years"
        raise MissingDataError(flag, err.value, err.expected, hint=_cli_hint(err)) from None
    except MissingAssumptionsError as err:
        fixes = [
            _cli_hint(e)
            if isinstance(e, MissingRateError)
            else "state an assumed rate with --projection RATE"
            for e in err.errors
        ]
        raise err.with_fixes(fixes) from None
    label = result.basis_label
    used = result.assumptions
    table = result.table()
    shares = [c for c in table.columns if c.endswith(("% defence budget", "% GDP"))]
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        head = result.title
        money = table.iloc[:, 1:3].join(table[["difference"]]) / 1e9
        money.columns = [f"{c} (bn)" for c in money.columns]
        money["ratio"] = table["ratio"]
        if result.projected.any():
            money["projected"] = table["projected"].map({True: "yes", False: ""})
        per_member = table[[c for c in table.columns if c.endswith("per service member")]]
        blocks = [
            head,
            money.to_string(float_format=lambda v: f"{v:,.3f}", na_rep=""),
            "Shares (%)",
            table[shares].to_string(float_format=lambda v: f"{v:,.3f}", na_rep=""),
            f"Per US service member ({result.currency}, {label})",
            per_member.to_string(float_format=lambda v: f"{v:,.0f}", na_rep=""),
        ]
        notes = result.notes() + _gap_hints(result)
        unused = [a.description for a in context.assumptions if a.description not in used]
        if args.projection is not None and not any("index rate" in a for a in used):
            unused.append(f"--projection {args.projection:g}")
        notes += [f"not used (no year shown needs it): {what}" for what in unused]
        if notes:
            blocks += ["Notes", "\n".join(f"  {line}" for line in notes)]
        return "\n\n".join(blocks)


_GAP_FLAGS = {
    "defense_budget": ("--defense-budget-growth", "0.03"),
    "gdp": ("--gdp-growth", "0.03"),
    "troops": ("--troops", ""),  # the example is the host's last published level
}


def _gap_hints(result: Comparison) -> list[str]:
    """Say what to do about blank indicators: a flag after the data, nothing inside it.

    A projection (--gdp-growth, --troops, ...) extends a host series after its last
    published year; a gap inside the series (Korean GDP 2021-2022) stays blank.
    """
    import numpy as np  # noqa: PLC0415

    from burden.hosts import _year_runs  # noqa: PLC0415
    from burden.money import default_context  # noqa: PLC0415
    from burden.money._context import _SERIES_WORDS  # noqa: PLC0415 (the labels' words)

    stated = default_context() if result.context is None else result.context
    later: dict[str, str] = {}
    inner: dict[str, list[int]] = {}
    empty: set[str] = set()
    for ind in (result.baseline_indicators, result.alternative_indicators):
        if ind.host is None:
            continue
        for name, (flag, example) in _GAP_FLAGS.items():
            values = getattr(ind, name)
            if values is None:
                continue
            missing = result.years[np.isnan(values)]
            data = ind.host.series(name).index
            last = int(data.max()) if len(data) else None
            gaps = missing if last is None else missing[missing < last]
            key = f"{ind.host.code} {_SERIES_WORDS.get(name, name)}"
            if last is None and missing.size:
                empty.add(key)
            elif gaps.size:
                inner[key] = sorted({*inner.get(key, []), *gaps.tolist()})
            if last is not None and (missing > last).any():
                if (ind.host.code, name) in stated.host_series:  # extend it, not a second one
                    later[flag] = (
                        f"the stated {flag} {ind.host.code}=YEAR:VALUE,... extended through "
                        f"{int(missing.max())}"
                    )
                    continue
                level = f"{float(ind.host.series(name).iloc[-1]):.0f}"  # the last published
                later[flag] = f"{flag} {ind.host.code}={level if name == 'troops' else example}"
    lines = [
        f"({key}: missing for {_year_runs(years)} because the data are missing; no flag "
        "fills a gap inside a published series, so the indicators stay blank there)"
        for key, years in inner.items()
    ]
    lines += [
        f"({key}: burden ships no series, and no flag supplies one)" for key in sorted(empty)
    ]
    if later:
        lines.append(
            "(for years after the published data, state assumptions with "
            + " or ".join(later.values())
            + ")"
        )
    return lines


def _datasets(args: argparse.Namespace) -> str:
    import pandas as pd  # noqa: PLC0415 (the science loads after parsing: --version is instant)

    from burden import datasets  # noqa: PLC0415
    from burden.errors import InvalidInputError, MissingDataError  # noqa: PLC0415

    action, name = args.action, args.name
    if action not in _DATASET_ACTIONS:
        # 'burden datasets NAME' (the older form) shows NAME.
        if name is not None:
            raise InvalidInputError("datasets", action, f"one of {list(_DATASET_ACTIONS)}")
        action, name = "show", action
    if action == "list" and name is not None:
        raise InvalidInputError("datasets list", name, "no further argument")
    if args.out is not None and action != "export":
        raise InvalidInputError(
            "--out", str(args.out), "--out with 'datasets export NAME' only (list and show print)"
        )
    if action == "list":
        with pd.option_context("display.width", 160, "display.max_columns", 20):
            listing = datasets.describe().to_string()
        return f"{listing}\nkorea_macro: {datasets._WIDE_VIEW} (korea_macro() in Python)"
    if name is None:
        raise InvalidInputError(f"datasets {action}", None, f"a dataset name: {datasets.names()}")
    try:
        frame = datasets.load(name)
    except MissingDataError as err:
        hint = err.hint or "run 'burden datasets list' to see them"
        raise MissingDataError(err.field, err.value, err.expected, hint=hint) from None
    if action == "show":
        with pd.option_context("display.width", 160, "display.max_columns", 20):
            return frame.to_string(index=False, float_format=_number)
    csv = frame.to_csv(index=False)
    if args.out is None:
        return csv.rstrip("\n")
    from burden.io.files import write_files  # noqa: PLC0415

    target: Path = args.out
    if target.is_dir():
        target = target / f"{name}.csv"
    written = write_files(target.parent, {target.name: csv.encode("utf-8")})
    return f"wrote {written[0]}"


def _number(value: float) -> str:
    """Whole currency units with thousands separators; rates and ratios as they are."""
    return f"{value:,.0f}" if abs(value) >= 1e5 else f"{value:g}"


def _dispatch(args: argparse.Namespace) -> str:
    if args.command == "datasets":
        return _datasets(args)
    if args.command == "run":
        return _run_file(args)
    if args.command == "schema":
        return _schema()
    if args.command == "compare":
        return _compare(args)
    return _report(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see the epilog of ``burden --help``).

    Every failure is one line on stderr starting ``burden: error:``, never a traceback:
    2 for bad input, 1 for a runtime failure (an output or standard output that cannot
    be written, out of memory, an internal error), 130 after Ctrl-C. Outputs are
    written atomically, so an interrupted run leaves nothing half-written.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 1 on a runtime failure, 2 on bad input, 130 when interrupted.

    Examples
    --------
    >>> main(["compare", "--list"])  # doctest: +ELLIPSIS
    SMA-6
    ...
    0
    """
    try:
        return _main(argv)
    except KeyboardInterrupt:
        _say("burden: interrupted")
        return 130


def _say(line: str) -> None:
    """One line on stderr (which may itself be closed: then nothing)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(line.replace("\n", " ").rstrip() + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


_FIELD_FLAGS = {
    "compare": {
        "rate": "--discount-rate",
        "discount_rate": "--discount-rate",
        "discount_year": "--discount-year",
        "price_basis": "--price-basis",
        "years": "--years",
        "currency": "--currency",
        "deflate_with": "--deflate-with",
        "MoneyContext.deflate_with": "--deflate-with",
    },
    "report": {
        "n": "--draws",
        "draws": "--draws",
        "seed": "--seed",
        "years": "--years",
        "price_base_year": "--base-year",
        "price_basis": "--base-year",
        "year": "--base-year",
        "sections": "--sections",
    },
}
"""Library field names (Python parameters) -> the flag that sets them, per command."""


def _cli_error(err: BurdenError, command: str) -> str:
    """Return `err` as one command-line line: flags for fields, CLI fixes for hints.

    The library's messages name Python parameters and calls (right for Python users);
    this maps them to the flag and the command-line way without changing the library.
    """
    from burden.errors import LimitError, _names_python, _without_python  # noqa: PLC0415
    from burden.money import MissingAssumptionsError  # noqa: PLC0415

    if isinstance(err, MissingAssumptionsError):  # its fixes are the CLI's already
        return _one_line(err)
    field = _FIELD_FLAGS.get(command, {}).get(err.field, err.field)
    hint = err.hint
    if err.field == "MoneyContext.price_index":
        field = "--currency"
        hint = (
            f"burden ships no {err.value} price index: use --price-basis nominal, or, "
            "when both scenarios' hosts use KRW or USD, --deflate-with host (the host's "
            "CPI, converted at the base year's rate)"
        )
    elif isinstance(err, LimitError) and _names_python(hint):
        kind = next(
            (
                k
                for k in ("memory", "work", "year_span")
                if f"{k.replace('_', '-')} limit" in err.expected
            ),
            "work",
        )
        fewer = "draws (--draws N)" if field == "--draws" else "years (--years)"
        hint = (
            f"choose fewer {fewer}, or raise the limit for this run: "
            f"BURDEN_LIMITS={kind}=... (see docs/reliability.md)"
        )
    elif "deflate_with=" in hint:
        hint = "use --deflate-with currency (the table currency's own price index)"
    elif _names_python(hint):
        kept = _without_python(hint)
        fix = (
            "state an assumed rate with --projection RATE"
            if command == "compare" and "--projection" in hint
            else f"see 'burden {command} --help' for the flags that state assumptions"
        )
        hint = "; ".join([*kept, fix])
    if field == err.field and hint == err.hint:
        return _one_line(err)
    return " ".join(err._message(field, hint).split())[:500]


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:500] or type(err).__name__


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _emit(parser.format_help().rstrip("\n"))
    from burden.errors import BurdenError  # noqa: PLC0415 (after --version, which exits above)

    try:
        from burden._core.limits import check_environment  # noqa: PLC0415

        check_environment()  # a bad BURDEN_LIMITS is refused by every command, up front
        output = _dispatch(args)
    except BurdenError as err:
        _say(f"burden: error: {_cli_error(err, args.command)}")
        return 2
    except RecursionError:
        _say("burden: error: the input is nested too deeply to read")
        return 2
    except MemoryError:
        _say(
            "burden: error: out of memory; choose fewer years, draws or players "
            "(limits: BURDEN_LIMITS, see docs/reliability.md)"
        )
        return 1
    except OSError as err:
        where = f" ({err.filename})" if err.filename else ""
        _say(f"burden: error: {err.strerror or _one_line(err)}{where}")
        return 1
    except Exception as err:  # noqa: BLE001 - a CLI shows one line, never a traceback
        _say(f"burden: error: internal error: {type(err).__name__}: {_one_line(err)}")
        return 1
    return _emit(output)


def _emit(output: str) -> int:
    """Print `output` to stdout; a closed or full stdout is one line on stderr, exit 1."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed (e.g. `burden ... >&-`)
        _say("burden: error: cannot write to standard output: it is closed")
        return 1
    try:
        stream.write(output + "\n")
        stream.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error.
        _silence_stdout()
        return 0
    except (OSError, ValueError) as err:
        reason = getattr(err, "strerror", None) or _one_line(err)
        _say(f"burden: error: cannot write to standard output: {reason}")
        _silence_stdout()
        return 1
    return 0


def _silence_stdout() -> None:
    """Point stdout at devnull so that Python's own flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
