"""Positions: is there a zone of possible agreement (:func:`zopa`, :class:`Zopa`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, broadcast_batch, readonly
from burden._core.results import Result, Table, batch_frame, format_money, shape_text
from burden.errors import InvalidInputError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from burden.typing import BoolArray, ColumnKind, FloatArray
from burden.bargain._shared import _full

__all__ = ["Zopa", "zopa"]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Zopa(Result):
    """Zone of possible agreement between a host and a sender, per draw.

    Built by :func:`zopa`; all arrays are read-only and share the broadcast shape
    of the inputs (draws on axis 0).

    Attributes
    ----------
    host_max : ndarray of float64
        Host's reservation value: the most it will contribute (currency units).
    sender_min : ndarray of float64
        Sender's reservation value: the least contribution it will accept.
    exists : ndarray of bool
        ``sender_min <= host_max``.
    low, high : ndarray of float64
        Ends of the zone, ``sender_min`` and ``host_max``; NaN where no zone exists.
    width : ndarray of float64
        ``high - low`` (the surplus to be divided); 0 where no zone exists.
    surplus : ndarray of float64
        Signed ``host_max - sender_min``; negative values are the gap still to close.
    currency : str, optional
        Currency of the positions, for displays (``None``: not stated).
    """

    host_max: FloatArray
    sender_min: FloatArray
    exists: BoolArray
    low: FloatArray
    high: FloatArray
    width: FloatArray
    surplus: FloatArray
    currency: str | None = None

    _title = "Zone of possible agreement"

    def _facts(self) -> list[tuple[str, object]]:
        facts: list[tuple[str, object]] = [("shape", shape_text(self.exists.shape))]
        code = self.currency or ""
        if self.exists.ndim == 0:
            facts.append(("exists", bool(self.exists)))
            facts.append(("width", format_money(self.width, code)))
        else:
            count, total = int(np.count_nonzero(self.exists)), self.exists.size
            share = count / total if total else float("nan")
            facts.append(("draws with a zone", f"{count} of {total} ({share:.1%})"))
            if count:
                # Over the draws that have a zone: a negative surplus is no zone.
                median = float(np.median(self.width[self.exists]))
                facts.append(("median width where a zone exists", format_money(median, code)))
        return facts

    def _display(self) -> Table:
        money = ("host_max", "sender_min", "low", "high", "width", "surplus")
        kinds: dict[str, ColumnKind] = dict.fromkeys(money, "money")
        note = (
            f"Amounts in {self.currency}."
            if self.currency
            else "Amounts in the currency of the positions."
        )
        return Table(self.to_frame(), kinds=kinds, note=note, currency=self.currency)

    @property
    def probability(self) -> FloatArray:
        """Share of draws (axis 0) in which a zone exists; shape ``shape[1:]``, 0-d for 1-D.

        For 0-d positions it is 1.0 or 0.0. NaN when there are no draws.
        """
        if self.exists.ndim == 0:
            return readonly(np.array(self.exists, dtype=np.float64))
        if self.exists.shape[0] == 0:
            return readonly(np.full(self.exists.shape[1:], np.nan))
        return readonly(np.asarray(np.mean(self.exists, axis=0, dtype=np.float64)))

    def settlement(self, sender_share: npt.ArrayLike) -> FloatArray:
        """Contribution that gives the sender `sender_share` of the zone's width.

        Parameters
        ----------
        sender_share : array_like, broadcastable to the zone's shape
            Fraction of the surplus going to the sender, in [0, 1].

        Returns
        -------
        ndarray of float64
            ``low + sender_share * width``; NaN where no zone exists.

        Raises
        ------
        InvalidInputError
            If `sender_share` is outside [0, 1], non-finite or does not broadcast.
        """
        share = as_float_array(sender_share, "sender_share")
        if ((share < 0.0) | (share > 1.0)).any():
            field = "sender_share"
            raise InvalidInputError(field, sender_share, "fractions in [0, 1]")
        broadcast_batch({"zopa": self.low, "sender_share": share})
        return readonly(np.asarray(self.low + share * self.width, dtype=np.float64))

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame: one row per draw, a column per attribute.

        Returns
        -------
        pandas.DataFrame
            Columns ``draw`` (plus ``axis_1``, ... for further batch axes; none for
            a single position), then ``host_max``, ``sender_min``, ``exists``,
            ``low``, ``high``, ``width``, ``surplus``.
        """
        names = ("host_max", "sender_min", "exists", "low", "high", "width", "surplus")
        return batch_frame({name: getattr(self, name) for name in names}, self.exists.shape)

    def plot(
        self,
        ax: Axes | None = None,
        *,
        unit: str = "amount",
        currency: str | None = None,
        actual: float | None = None,
        title: str | None = None,
    ) -> Axes:
        """Histogram both sides' reservation values over draws (needs the plot extra).

        A single position (no draws) is drawn as one bar per side. With `currency`,
        the axis is scaled to tn, bn or mn of it. See :func:`burden.plot.plot_zopa`.
        """
        from burden.plot import plot_zopa  # noqa: PLC0415 - matplotlib is optional

        return plot_zopa(
            np.ravel(self.host_max),
            np.ravel(self.sender_min),
            unit=unit,
            currency=currency,
            actual=actual,
            ax=ax,
            title=title,
        )


def zopa(
    host_max: npt.ArrayLike, sender_min: npt.ArrayLike, *, currency: str | None = None
) -> Zopa:
    r"""Zone of possible agreement from the two sides' reservation values.

    Parameters
    ----------
    host_max : array_like, shape (n_draws, ...) or scalar
        The most the host will contribute, in currency units (e.g. KRW per year).
    sender_min : array_like, broadcastable with `host_max`
        The least contribution the sender will accept, same unit.
    currency : str, optional
        Currency of both positions, shown in the repr and tables.

    Returns
    -------
    Zopa
        ``exists``, ``low``, ``high``, ``width``, ``surplus`` per draw, and
        ``probability``, the share of draws (axis 0) in which a zone exists.

    Raises
    ------
    InvalidInputError
        If an input is non-numeric or non-finite, or the shapes do not broadcast.

    Notes
    -----
    A zone exists when :math:`s \le h` (sender minimum :math:`s`, host maximum
    :math:`h`); it is the interval :math:`[s, h]`, of width :math:`h - s`. When the
    positions are uncertain draws, the probability that a zone exists is estimated
    by the share of draws in which it does; its Monte Carlo standard error is
    :math:`\sqrt{p(1-p)/n}`.

    Examples
    --------
    >>> from burden import bargain
    >>> z = bargain.zopa([1.2e12, 1.1e12], 1.15e12)
    >>> z.exists
    array([ True, False])
    >>> z.width
    array([5.e+10, 0.e+00])
    >>> float(z.probability)
    0.5
    """
    if currency is not None:
        from burden.money import check_currency  # noqa: PLC0415

        check_currency(currency)
    host = as_float_array(host_max, "host_max")
    sender = as_float_array(sender_min, "sender_min")
    shape = broadcast_batch({"host_max": host, "sender_min": sender})
    host, sender = _full(host, shape), _full(sender, shape)
    exists = sender <= host
    surplus = host - sender
    return Zopa(
        host_max=readonly(host),
        sender_min=readonly(sender),
        exists=readonly(exists),
        low=readonly(np.where(exists, sender, np.nan)),
        high=readonly(np.where(exists, host, np.nan)),
        width=readonly(np.where(exists, surplus, 0.0)),
        surplus=readonly(surplus),
        currency=currency,
    )
