"""Monte Carlo propagation of input uncertainty through a model, in chunks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from burden._errors import InvalidInputError
from burden._validate import as_float_array, readonly
from burden.sensitivity._model import DEFAULT_CHUNK_SIZE, Model, evaluate
from burden.sensitivity._result import render_html
from burden.sensitivity._sampling import SamplingMethod, sample
from burden.sensitivity._space import ParameterSpace, _check_space

if TYPE_CHECKING:
    from collections.abc import Sequence

    from burden.typing import FloatArray, RNGLike

__all__ = ["MonteCarloResult", "monte_carlo"]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class MonteCarloResult:
    """Outputs of a model over a sample of its inputs, with summary statistics.

    Attributes
    ----------
    space : ParameterSpace
        The inputs sampled.
    input_names : tuple of str, length d
    output_names : tuple of str, length k
    inputs : ndarray, shape (n, d)
        The draws (read-only).
    outputs : ndarray, shape (n, k)
        Model outputs per draw (read-only).
    mean, variance : ndarray, shape (k,)
        Sample mean and unbiased sample variance (``ddof=1``) per output.
    quantile_levels : ndarray, shape (q,)
    quantiles : ndarray, shape (q, k)
    band_levels : ndarray, shape (b,)
        Central coverage of each percentile band, e.g. 0.5, 0.8, 0.9.
    band_low, band_high : ndarray, shape (b, k)
        Lower and upper edges of each band: the ``(1 - c)/2`` and ``(1 + c)/2``
        quantiles (fan-chart data when the k outputs are years).
    method : str
        Sampling design used.
    """

    space: ParameterSpace
    input_names: tuple[str, ...]
    output_names: tuple[str, ...]
    inputs: FloatArray
    outputs: FloatArray
    mean: FloatArray
    variance: FloatArray
    quantile_levels: FloatArray
    quantiles: FloatArray
    band_levels: FloatArray
    band_low: FloatArray
    band_high: FloatArray
    method: str

    @property
    def n(self) -> int:
        """Number of draws."""
        return int(self.outputs.shape[0])

    @property
    def std(self) -> FloatArray:
        """Sample standard deviation per output, shape (k,)."""
        return readonly(np.sqrt(self.variance))

    def to_frame(self) -> pd.DataFrame:
        """Tidy summary: one row per output and statistic.

        Returns
        -------
        pandas.DataFrame
            Columns ``output``, ``statistic`` (``"mean"``, ``"variance"``,
            ``"q0.05"``..., ``"band0.9_low"``...) and ``value`` (float64).
        """
        stats_names = ["mean", "variance"]
        blocks = [self.mean[None, :], self.variance[None, :]]
        stats_names += [f"q{q:g}" for q in self.quantile_levels]
        blocks.append(self.quantiles)
        stats_names += [f"band{c:g}_low" for c in self.band_levels]
        blocks.append(self.band_low)
        stats_names += [f"band{c:g}_high" for c in self.band_levels]
        blocks.append(self.band_high)
        values = np.concatenate(blocks, axis=0)  # (s, k)
        k = len(self.output_names)
        return pd.DataFrame(
            {
                "output": np.tile(np.asarray(self.output_names, dtype=object), len(stats_names)),
                "statistic": np.repeat(np.asarray(stats_names, dtype=object), k),
                "value": values.ravel().astype(np.float64),
            }
        )

    def samples_frame(self) -> pd.DataFrame:
        """Wide frame of every draw: one column per input, then one per output."""
        data = np.concatenate([self.inputs, self.outputs], axis=1)
        return pd.DataFrame(data, columns=[*self.input_names, *self.output_names])

    def _repr_html_(self) -> str:
        facts = [("draws", self.n), ("design", self.method), ("outputs", len(self.output_names))]
        return render_html("Monte Carlo result", facts, self.to_frame())


def _levels(values: Sequence[float], field: str, *, open_interval: bool) -> FloatArray:
    arr = as_float_array(values, field)
    lo_ok = (arr > 0.0) if open_interval else (arr >= 0.0)
    hi_ok = (arr < 1.0) if open_interval else (arr <= 1.0)
    if arr.ndim != 1 or not (lo_ok & hi_ok).all():
        raise InvalidInputError(field, values, "a 1-D sequence of levels in (0, 1)")
    return arr


def monte_carlo(
    model: Model,
    space: ParameterSpace,
    n: int,
    *,
    method: SamplingMethod = "lhs",
    quantiles: Sequence[float] = (0.05, 0.5, 0.95),
    bands: Sequence[float] = (0.5, 0.8, 0.9),
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    rng: RNGLike = None,
    progress: bool | None = None,
) -> MonteCarloResult:
    """Propagate input uncertainty: sample `space`, run `model` in chunks, summarise.

    Parameters
    ----------
    model : callable
        Vectorized model ``{name: (m,)} -> (m,) | (m, k) | {label: ...}``.
    space : ParameterSpace
        The d uncertain inputs.
    n : int
        Number of draws (a power of 2 for ``method="sobol"``).
    method : {"lhs", "random", "sobol"}, default "lhs"
        Sampling design (see :func:`sample_unit`).
    quantiles : sequence of float, default (0.05, 0.5, 0.95)
        Quantile levels to report, in [0, 1].
    bands : sequence of float, default (0.5, 0.8, 0.9)
        Central coverages of the percentile bands, in (0, 1).
    chunk_size : int, default 65536
        Rows per model call. The result does not depend on it.
    rng : numpy.random.Generator, int, SeedSequence or None, keyword-only
        SPEC 7 source of randomness. When `rng` is None, a new Generator is created
        using entropy from the OS.
    progress : bool or None, default None
        Show a tqdm bar over chunks (``None``: only when stderr is a TTY).

    Returns
    -------
    MonteCarloResult

    Raises
    ------
    InvalidInputError
        On a bad `n`, levels, chunk size or model output.

    Notes
    -----
    The whole unit-cube design (n x d) is drawn once and evaluated in chunks, so
    the samples and every statistic are identical for any `chunk_size`. Quantiles
    use numpy's default (linear interpolation, Hyndman & Fan type 7).

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 1.0))])
    >>> res = monte_carlo(lambda p: p["a"] + p["b"], space, 4096, rng=1)
    >>> round(float(res.mean[0]), 2), round(float(res.variance[0]), 2)
    (1.0, 0.17)
    """
    space = _check_space(space)
    q_levels = _levels(quantiles, "quantiles", open_interval=False)
    b_levels = _levels(bands, "bands", open_interval=True)
    x = readonly(sample(space, n, method=method, rng=rng))
    y, labels = evaluate(
        model, space, x, chunk_size=chunk_size, progress=progress, desc="Monte Carlo"
    )
    if y.shape[0] < 2:
        raise InvalidInputError(field="n", value=n, expected="at least 2 draws")
    probs = np.concatenate([q_levels, (1.0 - b_levels) / 2.0, (1.0 + b_levels) / 2.0])
    qs = np.quantile(y, probs, axis=0)
    nq, nb = q_levels.size, b_levels.size
    return MonteCarloResult(
        space=space,
        input_names=space.names,
        output_names=labels,
        inputs=x,
        outputs=y,
        mean=readonly(y.mean(axis=0)),
        variance=readonly(y.var(axis=0, ddof=1)),
        quantile_levels=readonly(q_levels),
        quantiles=readonly(qs[:nq]),
        band_levels=readonly(b_levels),
        band_low=readonly(qs[nq : nq + nb]),
        band_high=readonly(qs[nq + nb :]),
        method=method,
    )
