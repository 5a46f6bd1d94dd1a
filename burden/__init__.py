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

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from burden import (
        agreements,
        bargain,
        costs,
        datasets,
        hosts,
        money,
        sensitivity,
        uncertainty,
    )
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
        OptionalDependencyError,
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

# Every public name loads on first access (PEP 562, the lazy loading of Scientific Python
# SPEC 1): ``import burden`` imports neither numpy, pandas nor scipy, and ``bd.X`` imports
# only what X needs. Modules map to None, classes and functions to their module.
_MODULES: Final[dict[str, str]] = {
    "agreements": "burden.agreements",
    "bargain": "burden.bargain",
    "claims": "burden.allocation.claims",
    "costs": "burden.costs",
    "datasets": "burden.datasets",
    "games": "burden.allocation.games",
    "hosts": "burden.hosts",
    "measures": "burden.allocation.measures",
    "models": "burden.uncertainty.models",
    "money": "burden.money",
    "sensitivity": "burden.sensitivity",
    "uncertainty": "burden.uncertainty",
}
_NAMES: Final[dict[str, str]] = {
    "Agreement": "burden.agreements",
    "Host": "burden.hosts",
    "TUGame": "burden.allocation.games",
    **dict.fromkeys(("Comparison", "Indicators", "compare"), "burden.compare"),
    **dict.fromkeys(
        ("CostPool", "SplitResult", "cost_sharing_ratio", "split_costs"), "burden.costs"
    ),
    **dict.fromkeys(
        (
            "BurdenError",
            "BurdenWarning",
            "InfeasibleError",
            "InvalidInputError",
            "LimitError",
            "MissingDataError",
            "OptionalDependencyError",
            "UnitMismatchError",
        ),
        "burden.errors",
    ),
    **dict.fromkeys(("Fixed", "Freeze", "Indexed", "Schedule"), "burden.escalation"),
    **dict.fromkeys(("Limits", "get_limits", "limits", "set_limits"), "burden._core.limits"),
    **dict.fromkeys(("Amounts", "MoneyContext"), "burden.money"),
    **dict.fromkeys(
        (
            "MonteCarloResult",
            "MorrisResult",
            "Parameter",
            "ParameterSpace",
            "SobolResult",
            "TornadoResult",
            "monte_carlo",
            "morris",
            "prim",
            "sobol",
            "sweep",
            "threshold",
            "tornado",
        ),
        "burden.sensitivity",
    ),
}


def __getattr__(name: str) -> Any:
    """Import a public name on first access and keep it (later lookups are plain)."""
    if name in _MODULES:
        value: Any = import_module(_MODULES[name])
    elif name in _NAMES:
        value = getattr(import_module(_NAMES[name]), name)
    else:
        raise AttributeError(f"module 'burden' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The ``burden`` module: ``bd.compare`` stays the function once ``burden.compare`` loads.

    Importing a submodule binds it on its package (``burden.compare = <module>``); the
    eager ``from burden.compare import compare`` used to overwrite that binding at import
    time, and this keeps the function when the submodule loads later, from anywhere.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name == "compare" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

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
    "OptionalDependencyError",
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
