"""Negotiation models: zones of agreement, bargaining solutions and alternating offers.

Two sides negotiate over what the host (the ally where forces are stationed) pays
the sender (the ally that stations them). This module answers three questions,
each vectorized over draws (draws on axis 0, every input broadcasts, float64 out):

1. **Is there a deal to be had?** :func:`zopa` compares each side's reservation
   value (the host's maximum acceptable contribution, the sender's minimum
   acceptable one) and, when positions are uncertain draws, reports the
   probability that a zone of possible agreement exists.
2. **Where would a deal land?** Axiomatic solutions on a utility frontier:
   :func:`nash` (symmetric or weighted), :func:`kalai_smorodinsky` and
   :func:`egalitarian`, on a linear (transferable-utility) frontier
   (:func:`linear_frontier`, closed forms) or any concave frontier
   (:func:`concave_frontier`, solved numerically for all draws at once);
   :func:`solutions` returns all three as one result.
3. **What does delay cost, and who gains from patience?** Rubinstein's
   alternating-offers game (:func:`rubinstein`, infinite or finite horizon, either
   side proposing first), its continuous-time limit (:func:`rubinstein_limit`) and
   :func:`cost_of_delay`, which turns a stalemate's monthly cost into rates of
   impatience, discount factors and disagreement points.

Utilities are in whatever unit the caller chooses (whole currency units for
money, or shares of a unit pie); the functions never mix units behind your back.
Every function checks its inputs first and raises a :class:`burden.BurdenError`
subclass naming the bad field before doing any work.

References
----------
.. [1] Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
.. [2] Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's bargaining
   problem. *Econometrica* 43(3), 513-518.
.. [3] Kalai, E. (1977). Proportional solutions to bargaining situations:
   interpersonal utility comparisons. *Econometrica* 45(7), 1623-1630.
.. [4] Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
   *Econometrica* 50(1), 97-109.
.. [5] Ståhl, I. (1972). *Bargaining Theory*. Stockholm School of Economics.
.. [6] Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). The Nash bargaining
   solution in economic modelling. *RAND Journal of Economics* 17(2), 176-188.
"""

from __future__ import annotations

from burden.bargain._shared import Pair
from burden.bargain.alternating import rubinstein, rubinstein_limit
from burden.bargain.axiomatic import (
    BargainingSolutions,
    egalitarian,
    kalai_smorodinsky,
    nash,
    solutions,
)
from burden.bargain.delay import DelayCost, cost_of_delay
from burden.bargain.frontiers import Frontier, FrontierFunction, concave_frontier, linear_frontier
from burden.bargain.positions import Zopa, zopa

__all__ = [
    "BargainingSolutions",
    "DelayCost",
    "Frontier",
    "FrontierFunction",
    "Pair",
    "Zopa",
    "concave_frontier",
    "cost_of_delay",
    "egalitarian",
    "kalai_smorodinsky",
    "linear_frontier",
    "nash",
    "rubinstein",
    "rubinstein_limit",
    "solutions",
    "zopa",
]
