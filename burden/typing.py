"""Public type aliases and the shared vocabulary of option names.

Annotate your own code with these; the same names mean the same thing everywhere
in burden. Every option that takes one of a fixed set of words is a ``Literal``
here, and the function that takes it checks it with
:func:`burden._core.checks.one_of` against this very alias, so the documentation,
the type checker and the error message can never disagree. The modules that
introduced a vocabulary re-export it under its old name (``bd.costs.SplitRule``,
``bd.games.Domain``, ...). For example:

>>> from typing import get_args
>>> from burden.typing import ClaimsRule
>>> get_args(ClaimsRule)[:3]
('proportional', 'constrained_equal_awards', 'constrained_equal_losses')
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = [
    "CLAIMS_RULE_ALIASES",
    "BoolArray",
    "ClaimsRule",
    "ClaimsRuleAlias",
    "ColumnKind",
    "ComparisonMeasure",
    "CorrelationMethod",
    "Deflator",
    "FloatArray",
    "FrontierKind",
    "GameKind",
    "IndicatorName",
    "IntArray",
    "MoneyUnit",
    "NucleolusDomain",
    "PriceBasis",
    "Proposer",
    "RNGLike",
    "RatioDefinition",
    "SamplingMethod",
    "SplitOutput",
    "SplitRule",
    "TroopsBasis",
]

# -- arrays and randomness ----------------------------------------------------------

FloatArray: TypeAlias = npt.NDArray[np.float64]
"""float64 array; money in whole currency units, rates as fractions (0.021 = 2.1%)."""

BoolArray: TypeAlias = npt.NDArray[np.bool_]
IntArray: TypeAlias = npt.NDArray[np.int64]

RNGLike: TypeAlias = np.random.Generator | int | np.random.SeedSequence | None
"""SPEC 7 ``rng``: a Generator, a seed, or None for fresh OS entropy."""

# -- money --------------------------------------------------------------------------

PriceBasis: TypeAlias = Literal["nominal"] | int
"""``"nominal"`` (current prices) or the base year of constant prices, e.g. ``2019``."""

Deflator: TypeAlias = Literal["currency", "host"]
"""Price index of constant prices: the result currency's own (``"currency"``, e.g. US
CPI-U for USD), or the host's CPI converted at the base year's rate (``"host"``)."""

# -- sharing costs: claims rules, cost splits, ratios -------------------------------

ClaimsRule: TypeAlias = Literal[
    "proportional",
    "constrained_equal_awards",
    "constrained_equal_losses",
    "talmud",
    "random_arrival",
    "adjusted_proportional",
]
"""A claims (bankruptcy) rule by its full name: ``bd.claims.allocate`` and ``bd.split_costs``."""

ClaimsRuleAlias: TypeAlias = Literal["cea", "cel", "apro"]
"""Short names accepted wherever a :data:`ClaimsRule` is (see :data:`CLAIMS_RULE_ALIASES`)."""

CLAIMS_RULE_ALIASES: Final[dict[str, ClaimsRule]] = {
    "cea": "constrained_equal_awards",
    "cel": "constrained_equal_losses",
    "apro": "adjusted_proportional",
}
"""Short claims-rule names and the full names they stand for (``bd.claims.cea`` etc.)."""

SplitRule: TypeAlias = Literal[ClaimsRule, ClaimsRuleAlias]
"""A claims rule by full or short name; results always report the full name."""

RatioDefinition: TypeAlias = Literal["dod", "gao"]
"""``"dod"``: host / (host + sender non-personnel costs); ``"gao"``: host / sender costs."""

# -- cooperative games --------------------------------------------------------------

GameKind: TypeAlias = Literal["value", "cost"]
"""``"value"``: v(S) is what S earns or saves; ``"cost"``: c(S) is what S costs alone."""

NucleolusDomain: TypeAlias = Literal["imputation", "preimputation"]
r"""Nucleolus over imputations (:math:`x_i \ge v(\{i\})`) or over all efficient vectors."""

# -- bargaining ---------------------------------------------------------------------

FrontierKind: TypeAlias = Literal["linear", "concave"]
"""A transferable-utility frontier ``u1 + u2 = T`` or a concave ``u2 = f(u1)``."""

Proposer: TypeAlias = Literal[1, 2]
"""The side that makes the first offer in alternating-offers bargaining."""

# -- uncertainty: sampling, correlation, model outputs ------------------------------

SamplingMethod: TypeAlias = Literal["random", "lhs", "sobol"]
"""Design of a sample: plain Monte Carlo, Latin hypercube, or scrambled Sobol'."""

CorrelationMethod: TypeAlias = Literal["iman-conover", "gaussian"]
"""How a rank-correlation matrix is imposed on a sample."""

ComparisonMeasure: TypeAlias = Literal["ratio", "difference", "alternative", "baseline", "all"]
"""What a comparison model returns per year (and as a total); ``"all"``: every one."""

SplitOutput: TypeAlias = Literal["host_share", "excess", "cost_sharing_ratio", "sender"]
"""What a split model returns per year."""

# -- hosts --------------------------------------------------------------------------

TroopsBasis: TypeAlias = Literal["stated", "dmdc"]
"""How US service members are counted: a stated (authorized) level, or a DMDC count."""

# -- results and how they are shown -----------------------------------------------------

IndicatorName: TypeAlias = Literal["share_of_defense_budget", "share_of_gdp", "per_service_member"]
"""A burden indicator of a scenario (see :class:`burden.compare.Indicators`)."""

MoneyUnit: TypeAlias = Literal["auto", "tn", "bn", "mn", "units"]
"""Scale of money in a table: ``"auto"`` picks tn, bn or mn from the largest value."""

ColumnKind: TypeAlias = Literal["money", "share", "number", "count", "text"]
"""How a column of a result's notebook table is shown: money (scaled, unit in the header),
share (as %), a plain number, a whole count, or text."""
