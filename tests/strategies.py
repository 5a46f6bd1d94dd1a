"""Hypothesis strategies shared by the test modules (import as ``from strategies import ...``).

One definition per kind of input, so that every module draws money, rates, claims
problems and games the same way. ``tests/`` is on ``sys.path`` because its
``conftest.py`` lives there (pytest's default import mode).
"""

from __future__ import annotations

from typing import get_args

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as npst

from burden.typing import CLAIMS_RULE_ALIASES, ClaimsRule

# -- money and rates ----------------------------------------------------------------

money = st.one_of(st.just(0.0), st.floats(min_value=1.0, max_value=1e13))
"""An amount in whole currency units: 0 or at least one unit (subnormal floats are not money)."""

rates = st.floats(min_value=-0.5, max_value=0.5, allow_nan=False)
"""A yearly growth rate as a fraction, -50% to +50%."""


def money_paths(years: int) -> st.SearchStrategy[np.ndarray]:
    """Amounts of shape ``(draws, years)``, 1 to 3 draws, whole currency units."""
    return npst.arrays(np.float64, st.tuples(st.integers(1, 3), st.just(years)), elements=money)


# -- sharing costs ------------------------------------------------------------------

claims_rules = st.sampled_from([*get_args(ClaimsRule), *CLAIMS_RULE_ALIASES])
"""Every claims rule by its full name and the short aliases."""

cost_arrays = npst.arrays(
    np.float64,
    st.tuples(st.integers(1, 4), st.integers(1, 3), st.just(3)),
    elements=st.floats(min_value=0.0, max_value=1e12),
)
"""Costs of shape ``(draws, years, 3 categories)``."""


@st.composite
def claims_problems(
    draw: st.DrawFn, *, max_n: int = 6, integers: bool = False
) -> tuple[float, np.ndarray]:
    """An estate and claims ``(E, d)`` with ``0 <= E <= sum(d)``; integer values on request."""
    if integers:
        d = np.array(draw(st.lists(st.integers(0, 50), min_size=2, max_size=max_n)), dtype=float)
        return float(draw(st.integers(0, int(d.sum())))), d
    values = st.floats(min_value=0.0, max_value=1000.0, allow_nan=False)
    d = np.array(draw(st.lists(values, min_size=1, max_size=max_n)))
    return float(draw(st.floats(min_value=0.0, max_value=1.0)) * d.sum()), d


# -- cooperative games --------------------------------------------------------------


def coalition_bits(n: int) -> np.ndarray:
    """Membership matrix ``(2**n, n)`` in binary order (written here, not taken from burden)."""
    return ((np.arange(2**n)[:, None] >> np.arange(n)) & 1).astype(float)


def from_dividends(dividends: np.ndarray) -> np.ndarray:
    """Game with the given Harsanyi dividends: v(S) = sum of dividends of subsets of S.

    Non-negative dividends give a totally monotone, hence convex, game (Shapley 1971).
    """
    n = int(dividends.size).bit_length() - 1
    b = coalition_bits(n)
    subset = np.all(b[None, :, :] <= b[:, None, :], axis=-1)  # [S, T]: T subset of S
    out: np.ndarray = subset.astype(float) @ dividends
    return out


@st.composite
def int_games(draw: st.DrawFn, min_n: int = 2, max_n: int = 4) -> np.ndarray:
    """Tie-heavy games with small integer values (where vertex-fixing goes wrong)."""
    n = draw(st.integers(min_value=min_n, max_value=max_n))
    vals = draw(st.lists(st.integers(0, 4), min_size=2**n - 1, max_size=2**n - 1))
    return np.array([0.0, *vals])


@st.composite
def convex_games(draw: st.DrawFn, max_n: int = 4) -> np.ndarray:
    """Convex games from non-negative integer dividends."""
    n = draw(st.integers(min_value=2, max_value=max_n))
    div = draw(st.lists(st.integers(0, 3), min_size=2**n - 1, max_size=2**n - 1))
    return from_dividends(np.array([0.0, *div], dtype=float))
