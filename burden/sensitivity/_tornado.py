"""One-at-a-time (tornado) sensitivity: each input at its low and high value, others nominal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from burden._core.checks import as_float_array, readonly
from burden._core.results import Result, Table, _output_index, model_units
from burden.money import _axis_basis
from burden.uncertainty._evaluate import Model, _check_executor, evaluate, probe
from burden.uncertainty._space import ParameterSpace, _check_space

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from matplotlib.axes import Axes

    from burden.typing import FloatArray, PriceBasis

__all__ = ["TornadoResult", "tornado"]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class TornadoResult(Result):
    """Outputs with one input at a time moved to its low and high value.

    Attributes
    ----------
    space : ParameterSpace
    input_names : tuple of str, length d
    output_names : tuple of str, length k
    nominal : ndarray, shape (d,)
        Nominal input values (all other inputs are held here).
    input_low, input_high : ndarray, shape (d,)
        The low and high value of each input.
    base : ndarray, shape (k,)
        Outputs with every input at its nominal value.
    output_low, output_high : ndarray, shape (d, k)
        Outputs with input ``j`` at its low (high) value.
    swing : ndarray, shape (d, k)
        ``|output_high - output_low|``.
    order : ndarray of intp, shape (d, k)
        For each output, input indices sorted by decreasing swing.
    quantiles : (float, float) or None
        The probability levels used for the low/high values (None: support bounds,
        or 5%/95% for unbounded inputs).
    units : (str, str) or None
        Currency and price basis in words of the outputs, when the model says
        (its ``units``, e.g. :func:`~burden.uncertainty.models.agreement_model`);
        :meth:`plot` labels its axis with them by default.
    """

    space: ParameterSpace
    input_names: tuple[str, ...]
    output_names: tuple[str, ...]
    nominal: FloatArray
    input_low: FloatArray
    input_high: FloatArray
    base: FloatArray
    output_low: FloatArray
    output_high: FloatArray
    swing: FloatArray
    order: np.ndarray[tuple[int, int], np.dtype[np.intp]]
    quantiles: tuple[float, float] | None
    units: tuple[str, str] | None = None

    _title = "Tornado (one input at a time)"

    def _facts(self) -> list[tuple[str, object]]:
        j = len(self.output_names) - 1
        top = self.input_names[int(self.order[0, j])] if self.input_names else "-"
        return [
            ("inputs", len(self.input_names)),
            ("outputs", len(self.output_names)),
            (f"largest swing on {self.output_names[j]!r}", top),
        ]

    def _display(self) -> Table:
        return Table(self.to_frame(), kinds={"rank": "count"})

    def to_frame(self) -> pd.DataFrame:
        """Tidy table, one row per (output, input), sorted by swing within each output.

        Returns
        -------
        pandas.DataFrame
            Columns ``output``, ``rank`` (1 = largest swing), ``input``,
            ``input_low``, ``input_high``, ``base``, ``output_low``,
            ``output_high``, ``swing``.
        """
        d, k = self.swing.shape
        idx = self.order.T.ravel()  # (k*d,) input index, grouped by output
        out = np.repeat(np.arange(k), d)
        return pd.DataFrame(
            {
                "output": np.asarray(self.output_names, dtype=object)[out],
                "rank": np.tile(np.arange(1, d + 1), k),
                "input": np.asarray(self.input_names, dtype=object)[idx],
                "input_low": self.input_low[idx],
                "input_high": self.input_high[idx],
                "base": self.base[out],
                "output_low": self.output_low[idx, out],
                "output_high": self.output_high[idx, out],
                "swing": self.swing[idx, out],
            }
        )

    def plot(
        self,
        ax: Axes | None = None,
        *,
        output: str | int = -1,
        unit: str = "output units",
        currency: str | None = None,
        price_basis: PriceBasis | None = None,
        title: str | None = None,
    ) -> Axes:
        """Draw the tornado chart of one output (needs the plot extra).

        Parameters
        ----------
        ax : matplotlib Axes, optional
        output : str or int, default -1
            Output label or position. The default, the last output, is the total
            for :func:`~burden.uncertainty.models.comparison_model` and for
            ``agreement_model(..., total=True)``, but the last year for
            ``agreement_model(..., total=False)`` (its default).
        unit : str, default "output units"
            Unit of the output, for the axis label (ignored when `currency` is given).
        currency : str, optional
            For a money output: scale the axis to tn, bn or mn of this currency.
            Default: the model's :attr:`units` when it gave them.
        price_basis : "nominal" or int, optional
            Price basis of a money output, for the axis label.
        title : str, optional

        Returns
        -------
        matplotlib.axes.Axes
            Bars sorted by swing, the largest on top.
        """
        from burden.plot import plot_tornado  # noqa: PLC0415 (matplotlib is optional)

        j = _output_index(self.output_names, output)
        basis = _axis_basis(currency, price_basis)
        if currency is None and self.units is not None:
            currency, basis = self.units
        return plot_tornado(
            list(self.input_names),
            self.output_low[:, j],
            self.output_high[:, j],
            float(self.base[j]),
            unit=unit,
            currency=currency,
            basis=basis,
            ax=ax,
            title=title or f"Tornado: {self.output_names[j]}",
        )


def tornado(
    model: Model,
    space: ParameterSpace,
    *,
    quantiles: tuple[float, float] | None = None,
    executor: Executor | None = None,
) -> TornadoResult:
    """One-at-a-time sensitivity of every output to every input (tornado diagram data).

    Parameters
    ----------
    model : callable
        Vectorized model ``{name: (m,)} -> (m,) | (m, k) | {label: ...}``.
    space : ParameterSpace
        The d inputs; each is moved alone while the others stay at their nominal value.
    quantiles : (float, float), optional
        Probability levels of the low and high values, e.g. ``(0.05, 0.95)``.
        ``None`` uses each input's bounds when finite and 5%/95% otherwise.
    executor : concurrent.futures.Executor, optional
        Evaluate the model as a task of this executor (the ``2d + 1`` rows are one
        block); results are identical to a serial run. See
        :func:`~burden.sensitivity.evaluate`.

    Returns
    -------
    TornadoResult

    Raises
    ------
    InvalidInputError
        On invalid quantiles or model output (wrong shape, non-finite values).
    MissingDataError
        If the model declares its parameters (``model.nominal``) and `space` names
        one it does not have.

    Notes
    -----
    The model is called once, on the ``2d + 1`` rows: nominal, then input
    :math:`j` at :math:`x_j^{lo}` and at :math:`x_j^{hi}`. The swing of input
    :math:`j` on output :math:`m` is
    :math:`|f(x^0 + (x_j^{hi}-x_j^0)e_j)_m - f(x^0 + (x_j^{lo}-x_j^0)e_j)_m|`.

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 4.0))])
    >>> res = tornado(lambda p: 3 * p["a"] - p["b"], space)
    >>> res.swing.ravel().tolist(), [res.input_names[i] for i in res.order[:, 0]]
    ([3.0, 4.0], ['b', 'a'])
    """
    space = _check_space(space)
    d = space.d
    _check_executor(executor)
    probe(model, space)
    q_pair = None if quantiles is None else as_float_array(quantiles, "quantiles")
    ranges = np.array([p.bounds(quantiles) for p in space.parameters], dtype=np.float64)
    nominal = space.nominal_values()
    x = np.tile(nominal, (2 * d + 1, 1))
    cols = np.arange(d)
    x[1 + cols, cols] = ranges[:, 0]
    x[1 + d + cols, cols] = ranges[:, 1]
    y, labels = evaluate(model, space, x, progress=False, executor=executor)
    low, high = y[1 : d + 1], y[d + 1 :]
    swing = np.abs(high - low)
    order = np.argsort(-swing, axis=0, kind="stable")
    return TornadoResult(
        space=space,
        input_names=space.names,
        output_names=labels,
        nominal=readonly(nominal),
        input_low=readonly(np.ascontiguousarray(ranges[:, 0])),
        input_high=readonly(np.ascontiguousarray(ranges[:, 1])),
        base=readonly(y[0].copy()),
        output_low=readonly(low.copy()),
        output_high=readonly(high.copy()),
        swing=readonly(swing),
        order=readonly(order),
        quantiles=None if q_pair is None else (float(q_pair[0]), float(q_pair[1])),
        units=model_units(model),
    )
