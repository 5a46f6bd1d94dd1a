"""The whole report: the seed tables and the sections (ranges, splits, talks, today).

:func:`build_report` computes the sections asked for, seeded, and returns a
:class:`Report`; :meth:`Report.to_text` is what ``burden report`` prints (the headline
first, then each section with its assumptions and short tables), and
:func:`burden.report.html.write_report` writes it as HTML with CSVs.

Examples
--------
>>> rep = build_report(sections=("splits",))
>>> [s.key for s in rep.sections]
['splits']
>>> rep.to_text().splitlines()[0]
'burden: the 2019 US "drastic increase" against the February 2019 agreement'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from burden.errors import InvalidInputError
from burden.report._section import Section, section_text
from burden.report.options import DEFAULT_DRAWS, DEFAULT_SEED, SECTIONS
from burden.report.seed import REFERENCE_YEAR, SeedAnalysis, base_year_note, seed_analysis

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["DEFAULT_DRAWS", "DEFAULT_SEED", "SECTIONS", "Report", "build_report"]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Report:
    """The seed analysis and the sections computed for it."""

    seed: SeedAnalysis
    sections: tuple[Section, ...]
    draws: int
    rng_seed: int

    def headline(self) -> list[str]:
        """Return the headline: the seed's ratio, then each section's first finding."""
        h = self.seed.headline
        lines = [
            (
                f"The US demand of November 2019 (USD {h['demand_usd'] / 1e9:.0f} bn a year) was "
                f"{h['demand_over_2019_agreement']:.2f} times the February 2019 agreement "
                f"(KRW {h['sma10_krw'] / 1e9:,.1f} bn) at the {REFERENCE_YEAR} rate"
            )
        ]
        lines += [s.headline[0] for s in self.sections if s.headline]
        return lines

    def to_text(self) -> str:
        """Render the whole report for the console."""
        seed_text = self.seed.to_text().split("\n")
        out = [seed_text[0], "", "Headline"]
        out += [f"  - {line}" for line in self.headline()]
        ranges = any(s.key == "ranges" for s in self.sections)
        note = base_year_note(self.seed.price_base_year, ranges=ranges)
        if note:
            out += [f"  Prices: {note}"]
        out += seed_text[1:]
        for section in self.sections:
            out += ["", "", section_text(section)]
        out += [
            "",
            f"Draws {self.draws:,}, seed {self.rng_seed}: the same options print the same numbers.",
        ]
        return "\n".join(out)


def _check_int(value: object, field: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInputError(field, value, f"an integer >= {minimum}")
    return value


def build_report(
    *,
    sections: Sequence[str] = SECTIONS,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    years: Sequence[int] | None = None,
    price_base_year: int = REFERENCE_YEAR,
) -> Report:
    """Compute the report.

    Parameters
    ----------
    sections : sequence of str, default all
        Any of ``ranges``, ``splits``, ``talks``, ``today`` (shown in that order).
    draws : int, default 16384
        Monte Carlo draws of the ranges (a power of 2) and draws of the talks.
    seed : int, default 2019
        Seed of every random draw: the same seed gives the same numbers.
    years, price_base_year
        Passed to :func:`burden.report.seed.seed_analysis` (the seed tables).

    Returns
    -------
    Report

    Raises
    ------
    InvalidInputError
        For an unknown section, or a draw count or seed that is not an integer
        (draws: a power of 2, at least 2).
    """
    wanted = [str(s) for s in sections]
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        close = difflib.get_close_matches(unknown[0], SECTIONS, n=1)
        hint = f'did you mean "{close[0]}"?' if close else ""
        raise InvalidInputError("sections", unknown[0], f"one of {', '.join(SECTIONS)}", hint=hint)
    draws = _check_int(draws, "draws", 2)
    seed = _check_int(seed, "seed", 0)
    if draws & (draws - 1):
        nxt = 1 << (draws - 1).bit_length()
        raise InvalidInputError("draws", draws, f"a power of 2 (Sobol' design), e.g. {nxt}")
    seed_tables = seed_analysis(years=years, price_base_year=price_base_year)
    built: list[Section] = []
    for key in SECTIONS:
        if key not in wanted:
            continue
        if key == "ranges":
            from burden.report.ranges import ranges_section  # noqa: PLC0415

            built.append(ranges_section(draws=draws, seed=seed))
        elif key == "splits":
            from burden.report.splits import splits_section  # noqa: PLC0415

            built.append(splits_section())
        elif key == "talks":
            from burden.report.talks import talks_section  # noqa: PLC0415

            built.append(talks_section(draws=draws, seed=seed))
        else:
            from burden.report.today import today_section  # noqa: PLC0415

            built.append(today_section())
    return Report(seed=seed_tables, sections=tuple(built), draws=draws, rng_seed=seed)
