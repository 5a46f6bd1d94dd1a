"""Outputs over a grid of one or two inputs, the others held at their nominal values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_float_array, readonly
from burden._core.results import Result, _output_index
from burden.errors import InvalidInputError
from burden.money import _axis_basis
from burden.uncertainty._evaluate import Model, _check_executor, evaluate, probe
from burden.uncertainty._space import ParameterSpace, _check_space, _is_mapping

if TYPE_CHECKING:
    from collections.abc import Mapping
    from concurrent.futures import Executor

    from matplotlib.axes import Axes

    from burden.typing import FloatArray, PriceBasis

__all__ = ["SweepResult", "sweep"]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class SweepResult(Result):
    """Model outputs on a grid of one or two inputs.

    Attributes
    ----------
    space : ParameterSpace
    swept : tuple of str, length 1 or 2
        Names of the swept inputs.
    grids : tuple of ndarray
        Grid values of each swept input, shapes (g1,) and (g2,).
    output_names : tuple of str, length k
    outputs : ndarray, shape (g1, k) or (g1, g2, k)
        Outputs at every grid point (matrix indexing: first swept input on axis 0).
    """

    space: ParameterSpace
    swept: tuple[str, ...]
    grids: tuple[FloatArray, ...]
    output_names: tuple[str, ...]
    outputs: FloatArray

    _title = "Sweep"

    def _facts(self) -> list[tuple[str, object]]:
        return [
            ("swept", ", ".join(self.swept)),
            ("grid", "x".join(str(g.size) for g in self.grids)),
            ("outputs", len(self.output_names)),
        ]

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: one column per swept input, then ``output`` and ``value``."""
        mesh = np.meshgrid(*self.grids, indexing="ij")
        k = len(self.output_names)
        points = mesh[0].size
        data: dict[str, npt.ArrayLike] = {
            name: np.repeat(m.ravel(), k) for name, m in zip(self.swept, mesh, strict=True)
        }
        data["output"] = np.tile(np.asarray(self.output_names, dtype=object), points)
        data["value"] = self.outputs.reshape(-1).astype(np.float64)
        return pd.DataFrame(data)

    def plot(
        self,
        ax: Axes | None = None,
        *,
        output: str | int | None = None,
        unit: str = "output units",
        currency: str | None = None,
        price_basis: PriceBasis | None = None,
        title: str | None = None,
    ) -> Axes:
        """Draw outputs against the (first) swept input (needs the plot extra).

        Parameters
        ----------
        ax : matplotlib Axes, optional
        output : str or int, optional
            One sweep: the output to draw (default every output, one line each).
            Two sweeps: the output to draw (default the last), one line per value
            of the second swept input.
        unit : str, default "output units"
            Unit of the outputs (ignored when `currency` is given).
        currency : str, optional
            For money outputs: scale the axis to tn, bn or mn of this currency.
        price_basis : "nominal" or int, optional
            Price basis of money outputs, for the axis label.
        title : str, optional

        Returns
        -------
        matplotlib.axes.Axes

        See Also
        --------
        burden.plot.plot_sweep
        """
        from burden.plot import plot_sweep  # noqa: PLC0415 (matplotlib is optional)

        if len(self.swept) == 1:
            cols = (
                range(len(self.output_names))
                if output is None
                else [_output_index(self.output_names, output)]
            )
            lines = {self.output_names[j]: self.outputs[:, j] for j in cols}
        else:
            j = _output_index(self.output_names, -1 if output is None else output)
            lines = {
                f"{self.swept[1]} = {v:.4g}": self.outputs[:, i, j]
                for i, v in enumerate(self.grids[1])
            }
            title = title or f"{self.output_names[j]} as {self.swept[0]} varies"
        return plot_sweep(
            self.grids[0],
            lines,
            input_name=self.swept[0],
            unit=unit,
            currency=currency,
            basis=_axis_basis(currency, price_basis),
            ax=ax,
            title=title,
        )


def sweep(
    model: Model,
    space: ParameterSpace,
    grid: Mapping[str, npt.ArrayLike],
    *,
    chunk_size: int | None = None,
    progress: bool | None = None,
    executor: Executor | None = None,
) -> SweepResult:
    """Evaluate the model over a grid of one or two inputs, others at nominal.

    Parameters
    ----------
    model : callable
        Vectorized model ``{name: (m,)} -> (m,) | (m, k) | {label: ...}``.
    space : ParameterSpace
        All inputs; those not in `grid` stay at their nominal values.
    grid : mapping of str to array_like
        One or two entries ``{name: values (g,)}``; the full product is evaluated.
    chunk_size : int, optional
        Rows per model call (default 65536).
    progress : bool or None, default None
        Show a tqdm bar over chunks (``None``: when stderr is a terminal or in a Jupyter notebook).
    executor : concurrent.futures.Executor, optional
        Evaluate the model's blocks of rows as tasks of this executor (a process pool,
        or ``distributed.Client(...).get_executor()``); results are bit-identical to a
        serial run. See :func:`~burden.sensitivity.evaluate`.

    Returns
    -------
    SweepResult
        ``outputs`` has shape (g1, k) or (g1, g2, k).

    Raises
    ------
    InvalidInputError
        If `grid` has not 1 or 2 entries or a grid is empty or not finite.
    MissingDataError
        If a grid names an unknown input.

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 1.0))])
    >>> res = sweep(lambda p: p["a"] * p["b"], space, {"a": [0.0, 1.0], "b": [0.0, 0.5, 1.0]})
    >>> res.outputs[..., 0].tolist()
    [[0.0, 0.0, 0.0], [0.0, 0.5, 1.0]]
    """
    space = _check_space(space)
    if not _is_mapping(grid) or not 1 <= len(grid) <= 2:
        raise InvalidInputError(
            field="grid", value=grid, expected="a mapping of one or two input names to values"
        )
    names = tuple(grid)
    cols = [space.index(name) for name in names]
    if len(set(cols)) != len(cols):
        raise InvalidInputError(field="grid", value=names, expected="distinct inputs")
    grids = tuple(
        readonly(as_float_array(grid[name], f"grid[{name!r}]").reshape(-1)) for name in names
    )
    for name, g in zip(names, grids, strict=True):
        if g.size == 0:
            raise InvalidInputError(
                field=f"grid[{name!r}]", value=g, expected="at least one value"
            )
    _check_executor(executor)
    probe(model, space)
    mesh = np.meshgrid(*grids, indexing="ij")
    shape = mesh[0].shape
    x = np.tile(space.nominal_values(), (mesh[0].size, 1))
    for col, m in zip(cols, mesh, strict=True):
        x[:, col] = m.ravel()
    y, labels = evaluate(
        model, space, x, chunk_size=chunk_size, progress=progress, desc="sweep", executor=executor
    )
    return SweepResult(
        space=space,
        swept=names,
        grids=grids,
        output_names=labels,
        outputs=readonly(y.reshape(*shape, len(labels))),
    )
