"""Sharing a common cost among allies.

- :mod:`burden.allocation.claims` -- claims (bankruptcy) rules: proportional, CEA, CEL,
  Talmud, random arrival, APRO, capped proportional;
- :mod:`burden.allocation.games` -- transferable-utility games (:class:`TUGame`) and their
  solutions: Shapley, Banzhaf, tau, nucleolus, core, least core;
- :mod:`burden.allocation.measures` -- alliance burden measures: spending shares, target
  gaps, fair-share ratios, Olson-Zeckhauser tests, capped common funding.

Each module is also reachable as ``bd.claims``, ``bd.games`` and ``bd.measures``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from burden.allocation import claims

if TYPE_CHECKING:
    from burden.allocation import games, measures

__all__ = ["claims", "games", "measures"]


def __getattr__(name: str) -> Any:
    """Import :mod:`games` (scipy.optimize) and :mod:`measures` (scipy.stats) on first access."""
    if name in ("games", "measures"):
        return import_module(f"burden.allocation.{name}")
    raise AttributeError(f"module 'burden.allocation' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
