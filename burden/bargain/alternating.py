"""Alternating offers (Rubinstein 1982): :func:`rubinstein` and :func:`rubinstein_limit`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, broadcast_batch, one_of, readonly
from burden._core.limits import check_work
from burden.bargain._shared import _full
from burden.errors import InvalidInputError
from burden.typing import Proposer

if TYPE_CHECKING:
    from burden.typing import FloatArray

__all__ = ["rubinstein", "rubinstein_limit"]


def _discount(value: npt.ArrayLike, field: str) -> FloatArray:
    delta = as_float_array(value, field)
    if ((delta <= 0.0) | (delta >= 1.0)).any():
        raise InvalidInputError(field, value, "discount factors strictly between 0 and 1")
    return delta


def _horizon(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        field = "horizon"
        raise InvalidInputError(field, value, "None (infinite) or an integer >= 1")
    return int(value)


def rubinstein(
    delta1: npt.ArrayLike,
    delta2: npt.ArrayLike | None = None,
    *,
    horizon: int | None = None,
    first: Proposer = 1,
) -> FloatArray:
    r"""Player 1's share of a unit pie in Rubinstein's alternating-offers game.

    With the default ``first=1`` this is the share of the first proposer.

    Parameters
    ----------
    delta1 : array_like, shape (n_draws, ...) or scalar
        Player 1's discount factor per round, in (0, 1).
    delta2 : array_like or None, default None
        Player 2's discount factor per round, in (0, 1); None means equal to
        `delta1`.
    horizon : int or None, default None
        Number of rounds (>= 1); None for the infinite-horizon game. An offer
        rejected in the last round ends the game with nothing for either side.
    first : {1, 2}, default 1
        Who makes the first offer.

    Returns
    -------
    ndarray of float64
        Player 1's subgame-perfect equilibrium share (agreement is immediate);
        player 2 gets the rest. Read-only, broadcast shape of the inputs.

    Raises
    ------
    InvalidInputError
        If a discount factor is outside (0, 1) or non-finite, `horizon` is not
        None or an integer >= 1, `first` is not 1 or 2, or the shapes do not
        broadcast.

    See Also
    --------
    rubinstein_limit, cost_of_delay

    Notes
    -----
    Infinite horizon [4]_: the first proposer :math:`p` (responder :math:`r`) gets

    .. math:: x^* = \frac{1 - \delta_r}{1 - \delta_p \delta_r},

    which is :math:`1/(1 + \delta)` when :math:`\delta_p = \delta_r = \delta`.
    Finite horizon :math:`H` (Ståhl [5]_), by backward induction: the proposer in
    round :math:`H` takes everything, and the proposer in round :math:`t < H`
    offers the responder exactly what the responder would get as proposer in
    round :math:`t + 1`, discounted one round:
    :math:`x_t = 1 - \delta_{r(t)} x_{t+1}`. This is a loop over rounds,
    vectorized over draws; :math:`x_1 \to x^*` as :math:`H \to \infty`.

    References
    ----------
    .. [4] Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
       *Econometrica* 50(1), 97-109.
    .. [5] Ståhl, I. (1972). *Bargaining Theory*. Stockholm School of Economics.

    Examples
    --------
    >>> from burden import bargain
    >>> float(bargain.rubinstein(0.9))  # 1 / (1 + 0.9)
    0.526315789
    >>> bargain.rubinstein([0.9, 0.8], 0.5)  # (1 - 0.5) / (1 - d1 * 0.5)
    array([0.90909091, 0.83333333])
    >>> float(bargain.rubinstein(0.9, 0.5, horizon=2))  # 1 - delta2
    0.5
    """
    d1 = _discount(delta1, "delta1")
    d2 = d1 if delta2 is None else _discount(delta2, "delta2")
    rounds = _horizon(horizon)
    if rounds is not None:
        check_work(
            "horizon",
            f"{rounds} rounds",
            float(rounds) * max(1, d1.size, d2.size),
            way_out="use horizon=None (the infinite-horizon closed form) for long games",
        )
    first = one_of(first, "first", Proposer)
    shape = broadcast_batch({"delta1": d1, "delta2": d2})
    proposer, responder = (d1, d2) if first == 1 else (d2, d1)
    if rounds is None:
        share = (1.0 - responder) / (1.0 - proposer * responder)
    else:
        share = np.ones(shape)
        for t in range(rounds - 1, 0, -1):
            # In round t the first proposer proposes when t is odd.
            share = 1.0 - (responder if t % 2 == 1 else proposer) * share
    player1 = share if first == 1 else 1.0 - share
    return readonly(_full(player1, shape))


def rubinstein_limit(rate1: npt.ArrayLike, rate2: npt.ArrayLike) -> FloatArray:
    r"""Player 1's share in the continuous-time limit of alternating offers.

    Parameters
    ----------
    rate1, rate2 : array_like, broadcastable
        Rates of impatience :math:`r_i > 0` (per unit of time, e.g. per month).

    Returns
    -------
    ndarray of float64
        :math:`r_2 / (r_1 + r_2)`, read-only, broadcast shape.

    Raises
    ------
    InvalidInputError
        If a rate is not finite and > 0, or the shapes do not broadcast.

    See Also
    --------
    rubinstein, cost_of_delay

    Notes
    -----
    With discount factors :math:`\delta_i = e^{-r_i \Delta}` for rounds of length
    :math:`\Delta`, the Rubinstein share :math:`(1 - \delta_2)/(1 - \delta_1
    \delta_2)` tends to :math:`r_2/(r_1 + r_2)` as :math:`\Delta \to 0`, whoever
    proposes first; this is the Nash solution with weights proportional to
    :math:`1/r_i` [6]_.

    References
    ----------
    .. [6] Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). The Nash bargaining
       solution in economic modelling. *RAND Journal of Economics* 17(2), 176-188.

    Examples
    --------
    >>> from burden import bargain
    >>> float(bargain.rubinstein_limit(0.01, 0.03))
    0.75
    """
    r1 = as_float_array(rate1, "rate1")
    r2 = as_float_array(rate2, "rate2")
    for name, rate, given in (("rate1", r1, rate1), ("rate2", r2, rate2)):
        if (rate <= 0.0).any():
            raise InvalidInputError(name, given, "rates of impatience > 0")
    shape = broadcast_batch({"rate1": r1, "rate2": r2})
    return readonly(_full(r2 / (r1 + r2), shape))
