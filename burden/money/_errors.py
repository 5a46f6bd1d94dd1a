"""Errors of a missing exchange rate or price level, and of several missing assumptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from burden.errors import MissingDataError

if TYPE_CHECKING:
    from collections.abc import Sequence


class MissingRateError(MissingDataError):
    """A conversion needs an exchange rate or price level the context does not have.

    ``series`` is ``"per_usd"`` or ``"inflation"``, ``currency`` the currency and
    ``year`` the first year missing; each interface turns them into its own fix (a
    Python call, a ``[money]`` key, a command-line flag).
    """

    def __init__(self, series: str, currency: str, year: int, known: str, *, hint: str) -> None:
        what = f"{currency} per USD" if series == "per_usd" else f"{currency} price index"
        super().__init__("year", year, f"a year with a {what} ({known})", hint=hint)
        self.series = series
        self.currency = currency
        self.year = year
        self.known = known

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its own fields (an error raised in a worker process pickles).
        return (
            _rebuild_rate,
            (type(self), self.series, self.currency, self.year, self.known, self.hint),
        )


def _rebuild_rate(
    cls: type[MissingRateError], series: str, currency: str, year: int, known: str, hint: str
) -> MissingRateError:
    return cls(series, currency, year, known, hint=hint)


class MissingAssumptionsError(MissingDataError):
    """A computation needs several stated assumptions; ``errors`` names each one.

    ``errors`` holds one :class:`MissingRateError` per missing rate or price level and
    one :class:`~burden.errors.MissingDataError` per agreement rule missing an index
    projection. ``fixes`` holds one fix per error (default: each error's Python
    hint); an interface replaces them with its own through :meth:`with_fixes`.
    """

    def __init__(
        self, errors: Sequence[MissingDataError], fixes: Sequence[str] | None = None
    ) -> None:
        self.errors = tuple(errors)
        self.fixes = tuple(e.hint for e in self.errors) if fixes is None else tuple(fixes)
        listed = "; ".join(
            f"({i}) {missing_text(e)}: {fix}"
            for i, (e, fix) in enumerate(zip(self.errors, self.fixes, strict=True), 1)
        )
        super().__init__("assumptions", len(self.errors), "every assumption the computation needs")
        self.args = (f"{len(self.errors)} assumptions missing: {listed}",)

    def with_fixes(self, fixes: Sequence[str]) -> MissingAssumptionsError:
        """Return the same error with one interface's fix for each missing assumption."""
        return MissingAssumptionsError(self.errors, fixes)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.errors, self.fixes))


def missing_text(err: MissingDataError) -> str:
    """Return what `err` says is missing, without its fix."""
    if isinstance(err, MissingRateError):
        what = (
            f"{err.currency} per USD" if err.series == "per_usd" else f"{err.currency} price index"
        )
        return f"no {what} for {err.year} (data {err.known})"
    return f"{err.field}: expected {err.expected}, got {err.value}"


def _python_hint(series: str, currency: str, has_data: bool) -> str:
    if series == "per_usd" and not has_data:
        return (
            f"burden ships no {currency} rate: add one with "
            f"MoneyContext().with_per_usd({currency!r}, pd.Series({{year: rate}}))"
        )
    keyword = "per_usd" if series == "per_usd" else "inflation"
    example = "rate" if series == "per_usd" else "0.02"
    return (
        f"state an assumption with MoneyContext().with_projection("
        f"{keyword}={{{currency!r}: {example}}}) and pass it as context="
    )
