"""Morris elementary effects (mu, mu*, sigma) on random one-at-a-time trajectories, with groups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_flag, as_float_array, as_rng, readonly
from burden._core.checks import is_int as _is_int
from burden._core.results import Result, _output_index
from burden.errors import InvalidInputError
from burden.uncertainty._evaluate import Model, _check_executor, evaluate, probe
from burden.uncertainty._sampling import check_design
from burden.uncertainty._space import ParameterSpace, _check_space, _require_independent

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from matplotlib.axes import Axes

    from burden.typing import FloatArray, RNGLike

__all__ = ["MorrisResult", "morris"]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class MorrisResult(Result):
    """Elementary-effect screening statistics.

    Attributes
    ----------
    space : ParameterSpace
    names : tuple of str, length G
        Factors (inputs, or groups when `by_group`).
    output_names : tuple of str, length k
    mu, mu_star, sigma : ndarray, shape (G, k)
        Mean, mean absolute value and standard deviation (``ddof=1``) of the
        elementary effects over the r trajectories.
    effects : ndarray, shape (r, G, k)
        Every elementary effect.
    design : ndarray, shape (r, G + 1, d)
        The input values the model was run on, one trajectory per leading index.
    trajectories : int
        Number r of trajectories.
    levels : int
        Grid levels p per input.
    delta : float
        Step in the unit cube, ``p / (2 (p - 1))``.
    by_group : bool
    """

    space: ParameterSpace
    names: tuple[str, ...]
    output_names: tuple[str, ...]
    mu: FloatArray
    mu_star: FloatArray
    sigma: FloatArray
    effects: FloatArray
    design: FloatArray
    trajectories: int
    levels: int
    delta: float
    by_group: bool

    _title = "Morris elementary effects"

    def _facts(self) -> list[tuple[str, object]]:
        j = len(self.output_names) - 1
        top = self.names[int(np.argmax(self.mu_star[:, j]))] if self.names else "-"
        return [
            ("factors", len(self.names)),
            ("outputs", len(self.output_names)),
            ("trajectories", self.trajectories),
            ("model runs", self.design.shape[0] * self.design.shape[1]),
            (f"largest mu* on {self.output_names[j]!r}", top),
        ]

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: ``factor``, ``output``, ``mu``, ``mu_star``, ``sigma`` (float64)."""
        g, k = self.mu.shape
        return pd.DataFrame(
            {
                "factor": np.repeat(np.asarray(self.names, dtype=object), k),
                "output": np.tile(np.asarray(self.output_names, dtype=object), g),
                "mu": self.mu.ravel(),
                "mu_star": self.mu_star.ravel(),
                "sigma": self.sigma.ravel(),
            }
        )

    def plot(
        self,
        ax: Axes | None = None,
        *,
        output: str | int = -1,
        unit: str = "output units",
        title: str | None = None,
    ) -> Axes:
        """Draw the Morris plane (mu* against sigma) of one output.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        output : str or int, default -1
            Output label or position. The default, the last output, is the total
            for :func:`~burden.uncertainty.models.comparison_model` and for
            ``agreement_model(..., total=True)``, but the last year for
            ``agreement_model(..., total=False)`` (its default).
        unit : str, default "output units"
            Unit of the output (elementary effects are per unit-cube step).
        title : str, optional

        Returns
        -------
        matplotlib.axes.Axes
        """
        from burden.plot import plot_morris  # noqa: PLC0415 (matplotlib is optional)

        j = _output_index(self.output_names, output)
        return plot_morris(
            list(self.names),
            self.mu_star[:, j],
            self.sigma[:, j],
            ax=ax,
            unit=unit,
            title=title or f"Morris screening: {self.output_names[j]}",
        )


def _trajectories(
    rng: np.random.Generator, r: int, member: npt.NDArray[np.intp], g: int, p: int
) -> tuple[FloatArray, npt.NDArray[np.intp], FloatArray]:
    """Unit-cube trajectories (r, G+1, d), the factor moved at each step (r, G), step signs (r, G)."""
    d = member.size
    delta = p / (2.0 * (p - 1))
    # base levels in {0, 1/(p-1), ..., 1 - delta}: the "low" state of each input
    n_base = p // 2
    base = rng.integers(0, n_base, size=(r, d)) / (p - 1.0)
    order = rng.permuted(np.tile(np.arange(g), (r, 1)), axis=1)  # (r, G) factor moved at step m
    start_high = rng.random((r, g)) < 0.5  # per factor: start at the high state, step down
    rank = np.argsort(order, axis=1)  # (r, G) step at which each factor moves
    moved = rank[:, None, :] < np.arange(g + 1)[None, :, None]  # (r, G+1, G)
    high = moved ^ start_high[:, None, :]
    unit = base[:, None, :] + delta * high[:, :, member]
    sign = np.where(np.take_along_axis(start_high, order, axis=1), -1.0, 1.0)  # (r, G) per step
    return unit, order, sign


def morris(
    model: Model,
    space: ParameterSpace,
    *,
    trajectories: int,
    levels: int = 4,
    rng: RNGLike = None,
    by_group: bool = False,
    quantile_range: tuple[float, float] = (0.0, 1.0),
    chunk_size: int | None = None,
    progress: bool | None = None,
    executor: Executor | None = None,
) -> MorrisResult:
    r"""Morris screening: elementary effects on random one-at-a-time trajectories.

    Parameters
    ----------
    model : callable
        Vectorized model ``{name: (m,)} -> (m,) | (m, k) | {label: ...}``.
    space : ParameterSpace
        Independent inputs.
    trajectories : int, keyword-only
        Number r of trajectories (>= 2); the model runs r(G + 1) times.
    levels : int, default 4
        Even number p of grid levels per input in the unit cube.
    rng : numpy.random.Generator, int, SeedSequence or None, keyword-only
        SPEC 7 source of randomness. When `rng` is None, a new Generator is created
        using entropy from the OS.
    by_group : bool, default False
        Move all inputs of a group together (Campolongo et al. 2007).
    quantile_range : (float, float), default (0.0, 1.0)
        Unit-cube coordinate u is mapped to the input value
        ``ppf(q0 + u (q1 - q0))``; unbounded inputs need e.g. (0.01, 0.99).
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
    MorrisResult

    Raises
    ------
    InvalidInputError
        On a correlated space, bad sizes or levels, infinite mapped values, or a
        model returning the wrong shape or non-finite values.
    MissingDataError
        If the model declares its parameters (``model.nominal``) and `space` names
        one it does not have.

    Notes
    -----
    Each trajectory starts at a random grid point and moves one factor at a time
    (in random order and direction) by :math:`\Delta = p / (2(p-1))` in the unit
    cube. The elementary effect of factor :math:`g` on output :math:`m` is
    :math:`EE_g = [f(x + \Delta e_g) - f(x)]_m / \Delta`, in output units per
    unit-cube step (the SALib convention), so for :math:`y = \sum_i a_i x_i` with
    :math:`x_i \sim U(l_i, h_i)`, :math:`\mu^*_i = |a_i|(h_i - l_i)` and
    :math:`\sigma_i = 0`. Then :math:`\mu = \overline{EE}`,
    :math:`\mu^* = \overline{|EE|}` (Campolongo et al. 2007), and
    :math:`\sigma` is the sample standard deviation.

    References
    ----------
    .. [1] M. D. Morris, "Factorial sampling plans for preliminary computational
       experiments", Technometrics 33(2), 161-174, 1991.
    .. [2] F. Campolongo, J. Cariboni and A. Saltelli, "An effective screening
       design for sensitivity analysis of large models", Environmental Modelling
       & Software 22(10), 1509-1518, 2007.

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 2.0))])
    >>> res = morris(lambda p: 2 * p["a"] - 3 * p["b"], space, trajectories=10, rng=0)
    >>> print(np.round(res.mu_star[:, 0], 6), np.round(res.mu[:, 0], 6))
    [2. 6.] [ 2. -6.]
    """
    space = _check_space(space)
    _require_independent(space, "Morris screening")
    r = trajectories
    if not _is_int(r) or r < 2:
        raise InvalidInputError(
            field="trajectories", value=r, expected="an integer number of trajectories >= 2"
        )
    if not _is_int(levels) or levels < 2 or levels % 2 or levels > 10**6:
        raise InvalidInputError(
            field="levels", value=levels, expected="an even integer from 2 to 1,000,000"
        )
    q = as_float_array(quantile_range, "quantile_range")
    if q.shape != (2,) or not 0.0 <= q[0] < q[1] <= 1.0:
        raise InvalidInputError(
            field="quantile_range",
            value=quantile_range,
            expected="(q0, q1) with 0 <= q0 < q1 <= 1",
        )
    if as_flag(by_group, "by_group"):
        names, member = space.group_index()
    else:
        names, member = space.names, np.arange(space.d, dtype=np.intp)
    g = len(names)
    p = int(levels)
    check_design(
        "trajectories",
        int(r) * (g + 1),
        space.d,
        what="a Morris design (r (G + 1) model runs)",
        way_out="fewer trajectories (10 to 50 usually rank the inputs), or group inputs",
    )
    unit, order, sign = _trajectories(as_rng(rng), int(r), member, g, p)
    x = space.ppf((q[0] + unit * (q[1] - q[0])).reshape(-1, space.d))
    if not np.isfinite(x).all():
        raise InvalidInputError(
            field="quantile_range",
            value=quantile_range,
            expected="a range whose quantiles are finite for every input",
            hint="unbounded inputs need e.g. quantile_range=(0.01, 0.99)",
        )
    _check_executor(executor)
    probe(model, space)
    y, labels = evaluate(
        model,
        space,
        x,
        chunk_size=chunk_size,
        progress=progress,
        desc="Morris",
        executor=executor,
    )
    k = len(labels)
    delta = p / (2.0 * (p - 1))
    f = y.reshape(int(r), g + 1, k)
    step_effects = np.diff(f, axis=1) * (sign / delta)[:, :, None]  # (r, G, k) by step
    effects = np.empty_like(step_effects)
    effects[np.arange(int(r))[:, None], order] = step_effects  # by factor
    return MorrisResult(
        space=space,
        names=tuple(names),
        output_names=labels,
        mu=readonly(effects.mean(axis=0)),
        mu_star=readonly(np.abs(effects).mean(axis=0)),
        sigma=readonly(effects.std(axis=0, ddof=1)),
        effects=readonly(effects),
        design=readonly(x.reshape(int(r), g + 1, space.d)),
        trajectories=int(r),
        levels=p,
        delta=delta,
        by_group=bool(by_group),
    )
