r"""Cooperative games with transferable utility (TU games) and their solutions.

A game on players :math:`N = \{0, \dots, n-1\}` is stored as the values of all
:math:`2^n` coalitions in **binary order**: coalition :math:`S` sits at index
:math:`\sum_{i \in S} 2^i` (bit ``i`` set means player ``i`` is in the coalition), so
index 0 is the empty coalition (value 0) and index ``2**n - 1`` the grand coalition.
A leading batch axis holds scenarios: values have shape ``(..., 2**n)`` and every
solution returns ``(..., n)``.

Value games and cost games
--------------------------
A :class:`TUGame` has ``kind="value"`` (:math:`v(S)` is what coalition :math:`S` can
earn or save) or ``kind="cost"`` (:math:`c(S)` is what serving :math:`S` alone
costs). Every solution of a cost game is defined through its **savings game**
:math:`s(S) = \sum_{i \in S} c(\{i\}) - c(S)`: if :math:`y` is the solution of
:math:`s`, the cost allocation is :math:`x_i = c(\{i\}) - y_i`. The excess of a
coalition is then :math:`e(S, x) = x(S) - c(S)` (how much :math:`S` pays above its
stand-alone cost), which equals :math:`s(S) - y(S)`, the excess in the savings game.
The nucleolus of a cost game therefore lexicographically minimizes the largest
overpayments :math:`x(S) - c(S)`, and its core is
:math:`\{x : x(N) = c(N),\ x(S) \le c(S)\}`. For the linear values (Shapley, raw
Banzhaf) the mapping changes nothing: they can be applied to :math:`c` directly.

Solutions: :func:`shapley` (exact, vectorized over coalitions and scenarios),
:func:`shapley_sampled` (permutation sampling with standard errors),
:func:`banzhaf`, :func:`tau_value`, :func:`in_core`, :func:`least_core`,
:func:`nucleolus`, :func:`prenucleolus` and :func:`kohlberg_check`.

References
----------
.. [1] Shapley, L. S. (1953). A value for n-person games. *Contributions to the
   Theory of Games II*, 307-317.
.. [2] Schmeidler, D. (1969). The nucleolus of a characteristic function game.
   *SIAM Journal on Applied Mathematics* 17(6), 1163-1170.
.. [3] Kohlberg, E. (1971). On the nucleolus of a characteristic function game.
   *SIAM Journal on Applied Mathematics* 20(1), 62-66.
.. [4] Maschler, M., Peleg, B., & Shapley, L. S. (1979). Geometric properties of the
   kernel, nucleolus and related solution concepts. *Mathematics of Operations
   Research* 4(4), 303-338.
.. [5] Guajardo, M., & Jornsten, K. (2015). Common mistakes in computing the
   nucleolus. *European Journal of Operational Research* 241(3), 931-935.
.. [6] Littlechild, S. C., & Owen, G. (1973). A simple expression for the Shapley
   value in a special case. *Management Science* 20(3), 370-372.
"""

from __future__ import annotations

from burden.allocation.games._forms import Domain, GameKind
from burden.allocation.games._lp import NUCLEOLUS_MAX_PLAYERS
from burden.allocation.games.core import in_core
from burden.allocation.games.epsilon_core import least_core
from burden.allocation.games.game import (
    Game,
    TUGame,
    airport_game,
    bankruptcy_game,
    cost_game,
    savings_game,
)
from burden.allocation.games.nucleoli import kohlberg_check, nucleolus, prenucleolus
from burden.allocation.games.results import LeastCoreResult, NucleolusResult
from burden.allocation.games.sampled import SampledValue, shapley_sampled
from burden.allocation.games.values import banzhaf, shapley, tau_value

__all__ = [
    "NUCLEOLUS_MAX_PLAYERS",
    "Domain",
    "Game",
    "GameKind",
    "LeastCoreResult",
    "NucleolusResult",
    "SampledValue",
    "TUGame",
    "airport_game",
    "bankruptcy_game",
    "banzhaf",
    "cost_game",
    "in_core",
    "kohlberg_check",
    "least_core",
    "nucleolus",
    "prenucleolus",
    "savings_game",
    "shapley",
    "shapley_sampled",
    "tau_value",
]
