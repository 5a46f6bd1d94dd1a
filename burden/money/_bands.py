"""Plausible exchange rates: the validation bound of each currency per US dollar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np

from burden.errors import InvalidInputError

if TYPE_CHECKING:
    import pandas as pd


# Documented in burden/money/__init__.py, which makes it public.
PER_USD_BANDS: Final = {
    "KRW": (1.0, 100_000.0),
    "JPY": (1.0, 10_000.0),
    "EUR": (0.2, 5.0),
    "GBP": (0.2, 5.0),
}


def _check_band(code: str, series: pd.Series, field_name: str) -> None:
    """Raise if a rate of `code` per USD lies outside :data:`PER_USD_BANDS`."""
    low, high = PER_USD_BANDS.get(code, (0.0, np.inf))
    values = np.asarray(series, dtype=np.float64)
    outside = (values <= low) | (values >= high)
    if not outside.any():
        return
    bad = float(values[outside][0])
    inverted = bad > 0 and low < 1.0 / bad < high
    hint = (
        f"1/{bad:g} = {1.0 / bad:,.4g} {code} per USD: did you give USD per {code}?"
        if inverted
        else ""
    )
    expected = (
        f"units of {code} per USD above {low:g} (a validation bound)"
        if np.isinf(high) or high >= 10_000
        else f"units of {code} per USD between {low:g} and {high:g} (a validation bound)"
    )
    raise InvalidInputError(field_name, bad, expected, hint=hint)
