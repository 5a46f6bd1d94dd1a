"""burden: how allies share the costs of stationed forces, with cited data.

Import as ``import burden as bd``. The pieces, in the order data flows:

- :mod:`burden.datasets` — cited public figures (SMA history, Korea macro series, ...);
- :mod:`burden.money` — currencies, price bases, conversions, projections, present value
  (:class:`Amounts`, :class:`MoneyContext`);
- :mod:`burden.hosts` — host countries and their cited series (:class:`Host`);
- :mod:`burden.escalation` — :class:`Fixed`, :class:`Freeze`, :class:`Indexed`,
  :class:`Schedule`;
- :mod:`burden.agreements` — :class:`Agreement` and the built-in SMAs and positions;
- :mod:`burden.compare` — :func:`compare` two scenarios with burden indicators;
- :mod:`burden.costs` — :class:`CostPool` and :func:`split_costs` between host and sender;
- :mod:`burden.allocation.claims` and :mod:`burden.allocation.games` — claims rules and TU games
  (:class:`TUGame`: Shapley, Banzhaf, nucleolus, core);
- :mod:`burden.bargain` — zone of agreement, Nash, Kalai-Smorodinsky, Rubinstein;
- :mod:`burden.uncertainty.models` and :mod:`burden.sensitivity` — scenarios as vectorized models;
  tornado, sweeps, thresholds, Monte Carlo, Sobol, Morris, PRIM.
"""

from __future__ import annotations

from burden import agreements, bargain, costs, datasets, hosts, money, sensitivity, uncertainty
from burden._core.limits import Limits, get_limits, limits, set_limits
from burden.agreements import Agreement
from burden.allocation import claims, games, measures
from burden.allocation.games import TUGame
from burden.compare import Comparison, Indicators, compare
from burden.costs import CostPool, SplitResult, cost_sharing_ratio, split_costs
from burden.errors import (
    BurdenError,
    BurdenWarning,
    InfeasibleError,
    InvalidInputError,
    LimitError,
    MissingDataError,
    UnitMismatchError,
)
from burden.escalation import Fixed, Freeze, Indexed, Schedule
from burden.hosts import Host
from burden.money import Amounts, MoneyContext
from burden.sensitivity import (
    MonteCarloResult,
    MorrisResult,
    Parameter,
    ParameterSpace,
    SobolResult,
    TornadoResult,
    monte_carlo,
    morris,
    prim,
    sobol,
    sweep,
    threshold,
    tornado,
)
from burden.uncertainty import models

__version__ = "0.1.0"

__all__ = [
    "Agreement",
    "Amounts",
    "BurdenError",
    "BurdenWarning",
    "Comparison",
    "CostPool",
    "Fixed",
    "Freeze",
    "Host",
    "Indexed",
    "Indicators",
    "InfeasibleError",
    "InvalidInputError",
    "LimitError",
    "Limits",
    "MissingDataError",
    "MoneyContext",
    "MonteCarloResult",
    "MorrisResult",
    "Parameter",
    "ParameterSpace",
    "Schedule",
    "SobolResult",
    "SplitResult",
    "TUGame",
    "TornadoResult",
    "UnitMismatchError",
    "__version__",
    "agreements",
    "bargain",
    "claims",
    "compare",
    "cost_sharing_ratio",
    "costs",
    "datasets",
    "games",
    "get_limits",
    "hosts",
    "limits",
    "measures",
    "models",
    "money",
    "monte_carlo",
    "morris",
    "prim",
    "sensitivity",
    "set_limits",
    "sobol",
    "split_costs",
    "sweep",
    "threshold",
    "tornado",
    "uncertainty",
]
