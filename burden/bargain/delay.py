"""The cost of delay: a stalemate's monthly cost as rates, discount factors and disagreement points."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from burden._core.checks import (
    as_float_array,
    as_texts,
    broadcast_batch,
    finite_result,
    readonly,
)
from burden._core.results import Result, Table, batch_frame, format_money, shape_text
from burden.errors import InvalidInputError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from burden.typing import ColumnKind, FloatArray
from burden.bargain._shared import _full

__all__ = ["DelayCost", "cost_of_delay"]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class DelayCost(Result):
    """One side's cost of a stalemate, as a rate, a discount factor and a disagreement point.

    Built by :func:`cost_of_delay`; arrays are read-only, broadcast shape.

    Attributes
    ----------
    monthly_cost : ndarray of float64
        Cost of one month without agreement (currency units per month).
    stake : ndarray of float64
        Value at stake (currency units).
    round_months : ndarray of float64
        Months between offers.
    stalemate_months : ndarray of float64
        Assumed length of the stalemate if talks fail (months).
    rate : ndarray of float64
        Rate of impatience ``monthly_cost / stake`` (per month).
    discount : ndarray of float64
        Discount factor per round, ``exp(-rate * round_months)``.
    disagreement : ndarray of float64
        Disagreement payoff ``-monthly_cost * stalemate_months`` (currency units).
    """

    monthly_cost: FloatArray
    stake: FloatArray
    round_months: FloatArray
    stalemate_months: FloatArray
    rate: FloatArray
    discount: FloatArray
    disagreement: FloatArray

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame: one row per draw, a column per attribute.

        Returns
        -------
        pandas.DataFrame
            Columns ``draw`` (plus ``axis_1``, ...; none without draws), then one
            per attribute.
        """
        names = (
            "monthly_cost",
            "stake",
            "round_months",
            "stalemate_months",
            "rate",
            "discount",
            "disagreement",
        )
        return batch_frame({name: getattr(self, name) for name in names}, self.rate.shape)

    _title = "Cost of delay"

    def _facts(self) -> list[tuple[str, object]]:
        return [
            ("shape", shape_text(self.rate.shape)),
            ("median rate per month", f"{float(np.median(self.rate)):.3%}"),
            ("median discount per round", f"{float(np.median(self.discount)):.4f}"),
            ("median disagreement", format_money(np.median(self.disagreement), "")),
        ]

    def _display(self) -> Table:
        kinds: dict[str, ColumnKind] = {"rate": "share"}
        kinds |= dict.fromkeys(("monthly_cost", "stake", "disagreement"), "money")
        groups = {"monthly_cost": "per month"}
        note = "Amounts in the currency of the inputs; rate per month."
        return Table(self.to_frame(), kinds=kinds, groups=groups, note=note)

    def plot(
        self,
        ax: Axes | None = None,
        *,
        unit: str = "amount",
        currency: str | None = None,
        title: str | None = None,
    ) -> Axes:
        """Draw the cost of a stalemate and the stake lost to discounting over the months.

        With draws, the medians across draws. With `currency` the money axis is
        scaled to tn, bn or mn of it; see :func:`burden.plot.plot_sweep`.
        """
        as_texts(unit=unit, currency=currency, title=title)
        from burden.plot import plot_sweep  # noqa: PLC0415 - matplotlib is optional

        horizon = max(1.0, float(np.max(self.stalemate_months)))
        months = np.linspace(0.0, horizon, 61)
        monthly = float(np.median(self.monthly_cost))
        stake = float(np.median(self.stake))
        rate = float(np.median(self.rate))
        lines = {
            "cost of the stalemate so far": monthly * months,
            "stake lost to discounting": stake * -np.expm1(-rate * months),
        }
        return plot_sweep(
            months,
            lines,
            input_name="Months without agreement",
            unit=unit,
            currency=currency,
            ax=ax,
            title=title or "Cost of delay",
        )


def cost_of_delay(
    monthly_cost: npt.ArrayLike,
    stake: npt.ArrayLike,
    *,
    round_months: npt.ArrayLike = 1.0,
    stalemate_months: npt.ArrayLike = 0.0,
) -> DelayCost:
    r"""Turn a stalemate's monthly cost to one side into bargaining inputs.

    Call it once per side.

    Parameters
    ----------
    monthly_cost : array_like, shape (n_draws, ...) or scalar
        What one month without agreement costs this side, in currency units per
        month (>= 0), e.g. readiness lost to furloughs, political cost.
    stake : array_like, broadcastable
        What is being divided, in the same currency (> 0), e.g. the width of the
        zone of agreement.
    round_months : array_like, default 1.0
        Months between successive offers (> 0).
    stalemate_months : array_like, default 0.0
        How long a breakdown would last before the next chance of a deal, in
        months (>= 0); sets the disagreement point.

    Returns
    -------
    DelayCost
        ``rate`` (per month), ``discount`` (per round) and ``disagreement``
        (currency units) with the inputs.

    Raises
    ------
    InvalidInputError
        If an input is non-finite or out of range, or the shapes do not broadcast.

    See Also
    --------
    rubinstein, rubinstein_limit, nash

    Notes
    -----
    A side that loses :math:`c` per month while a stake :math:`S` is undivided is
    treated as discounting continuously at rate :math:`r = c / S` per month: delaying
    the whole stake by a short time :math:`\Delta` then costs
    :math:`S(1 - e^{-r\Delta}) \approx c\Delta`. Rounds of :math:`\Delta` months give
    the discount factor :math:`\delta = e^{-r \Delta}` for :func:`rubinstein`; the
    rates feed :func:`rubinstein_limit`, where with a common stake the share of
    side 1 is :math:`c_2/(c_1 + c_2)`: the side that a stalemate hurts more
    concedes more. (Rubinstein's (1982) fixed-cost model is the exact alternative;
    proportional discounting is its usual approximation.) A breakdown lasting
    :math:`m` months gives the disagreement payoff :math:`d = -c\,m` for
    :func:`nash` and the other axiomatic solutions.

    Examples
    --------
    >>> from burden import bargain
    >>> cost = bargain.cost_of_delay(2e9, 100e9, stalemate_months=6.0)
    >>> float(cost.rate), float(cost.disagreement)
    (0.02, -12000000000.0)
    >>> round(float(cost.discount), 6)  # exp(-0.02)
    0.980199
    """
    cost = as_float_array(monthly_cost, "monthly_cost", nonnegative=True)
    at_stake = as_float_array(stake, "stake")
    if (at_stake <= 0.0).any():
        field = "stake"
        raise InvalidInputError(field, stake, "amounts > 0")
    step = as_float_array(round_months, "round_months")
    if (step <= 0.0).any():
        field = "round_months"
        raise InvalidInputError(field, round_months, "months > 0")
    months = as_float_array(stalemate_months, "stalemate_months", nonnegative=True)
    shape = broadcast_batch(
        {
            "monthly_cost": cost,
            "stake": at_stake,
            "round_months": step,
            "stalemate_months": months,
        }
    )
    with np.errstate(over="ignore"):
        rate = cost / at_stake
        lost = -cost * months
    finite_result(rate, "monthly_cost", monthly_cost)  # a cost huge against the stake
    finite_result(lost, "stalemate_months", stalemate_months)
    return DelayCost(
        monthly_cost=readonly(_full(cost, shape)),
        stake=readonly(_full(at_stake, shape)),
        round_months=readonly(_full(step, shape)),
        stalemate_months=readonly(_full(months, shape)),
        rate=readonly(_full(rate, shape)),
        discount=readonly(_full(np.exp(-rate * step), shape)),
        disagreement=readonly(_full(lost, shape)),
    )
