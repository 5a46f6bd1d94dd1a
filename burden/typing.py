"""Public type aliases and the shared vocabulary of option names.

Annotate your own code with these; the same names mean the same thing everywhere
in burden.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = [
    "BoolArray",
    "Deflator",
    "FloatArray",
    "IntArray",
    "PriceBasis",
    "RNGLike",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
"""float64 array; money in whole currency units, rates as fractions (0.021 = 2.1%)."""

BoolArray: TypeAlias = npt.NDArray[np.bool_]
IntArray: TypeAlias = npt.NDArray[np.int64]

PriceBasis: TypeAlias = Literal["nominal"] | int
"""``"nominal"`` (current prices) or the base year of constant prices, e.g. ``2019``."""

Deflator: TypeAlias = Literal["currency", "host"]
"""Price index of constant prices: the result currency's own (``"currency"``, e.g. US
CPI-U for USD), or the host's CPI converted at the base year's rate (``"host"``)."""

RNGLike: TypeAlias = np.random.Generator | int | np.random.SeedSequence | None
"""SPEC 7 ``rng``: a Generator, a seed, or None for fresh OS entropy."""
