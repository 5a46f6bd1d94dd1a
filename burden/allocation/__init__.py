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

from burden.allocation import claims, games, measures

__all__ = ["claims", "games", "measures"]
