"""The ``burden`` command line.

``burden report`` prints the seed analysis from the built-in data; ``burden datasets``
lists the shipped datasets or shows one. Bad input prints one line on stderr and exits
with status 2 (no traceback).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

import pandas as pd

from burden import __version__, datasets
from burden._errors import BurdenError
from burden.report import seed_analysis

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def _years(text: str) -> list[int]:
    """Parse ``2020-2025`` or ``2021`` into a list of years."""
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
    return list(range(start, stop + 1))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="burden",
        description="Model how allies share the costs of stationed forces, from cited data.",
    )
    parser.add_argument("--version", action="version", version=f"burden {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="print the seed analysis (2019 US demand vs the 10th and 11th SMA)",
        description=(
            "Print the US 2019 demand against the February 2019 agreement and the "
            "11th SMA: per year and cumulative, in KRW and USD, nominal and real, "
            "with burden indicators and sources."
        ),
    )
    report.add_argument(
        "--years", type=_years, default=None, help="years to show, e.g. 2020-2025 (default)"
    )
    report.add_argument(
        "--base-year",
        type=int,
        default=2019,
        help="base year of the constant-price tables (default 2019)",
    )
    data = commands.add_parser("datasets", help="list the shipped datasets or show one")
    data.add_argument("name", nargs="?", help="dataset to show (omit to list them)")
    return parser


def _run(args: argparse.Namespace) -> str:
    if args.command == "datasets":
        with pd.option_context("display.width", 160, "display.max_columns", 20):
            if args.name is None:
                return datasets.describe().to_string()
            return datasets.load(args.name).to_string(index=False)
    seed = seed_analysis(years=args.years, price_base_year=args.base_year)
    return seed.to_text()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        output = _run(args)
    except BurdenError as err:
        print(f"burden: error: {err}", file=sys.stderr)
        return 2
    print(output)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
