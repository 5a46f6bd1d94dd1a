"""Monte Carlo propagation of input uncertainty through a model, in chunks of draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_flag, as_float_array, as_names, readonly
from burden._core.limits import check_memory, check_work
from burden._core.progress import progress_bar
from burden._core.results import Result, Table, model_label, model_units
from burden.errors import InvalidInputError
from burden.money import _axis_basis
from burden.uncertainty._evaluate import Model, _check_executor, _chunk, _map_blocks, probe
from burden.uncertainty._sampling import SamplingMethod, _check_n, _iter_sample
from burden.uncertainty._space import ParameterSpace, _check_space
from burden.uncertainty._summary import _Accumulator, _Summary

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from concurrent.futures import Executor

    from matplotlib.axes import Axes

    from burden.typing import FloatArray, PriceBasis, RNGLike

__all__ = ["MonteCarloResult", "monte_carlo"]

KEEP_LIMIT: Final = 2**20
"""Largest number of draws whose inputs and outputs are kept by default."""
_DEFAULT_LEVELS: Final = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class MonteCarloResult(Result):
    """Outputs of a model over a sample of its inputs, with summary statistics.

    Attributes
    ----------
    space : ParameterSpace
        The inputs sampled.
    input_names : tuple of str, length d
    output_names : tuple of str, length k
    n : int
        Number of draws.
    method : str
        Sampling design used.
    mean, variance : ndarray, shape (k,)
        Sample mean and unbiased sample variance (``ddof=1``) per output.
    inputs : ndarray, shape (n, d), or None
        The draws (read-only); None when they were not kept (``keep_samples``).
    outputs : ndarray, shape (n, k), or None
        Model outputs per draw (read-only); None when not kept.
    units : (str, str) or None
        Currency and price basis in words of the outputs, when the model says (its
        ``units``); :meth:`plot` labels money axes with them by default.
    label : str or None
        What the model computes, when it is an adapter of
        :mod:`burden.uncertainty.models`: the agreement (``"SMA-11"``) or the
        comparison (``"US-DEMAND-2019 vs SMA-11"``); :meth:`plot` names it.

    Notes
    -----
    Quantiles come from :meth:`quantiles`: exact (numpy's linear interpolation,
    Hyndman & Fan type 7) when the outputs were kept, otherwise from a
    2^16-bin histogram per output spanning the range of the first 65536 draws,
    with every draw outside that range, and the minimum and maximum, kept exactly;
    the error in the body of the distribution is then at most one bin width.
    """

    space: ParameterSpace
    input_names: tuple[str, ...]
    output_names: tuple[str, ...]
    n: int
    method: str
    mean: FloatArray
    variance: FloatArray
    inputs: FloatArray | None
    outputs: FloatArray | None
    _summary: _Summary | None = None
    units: tuple[str, str] | None = None
    label: str | None = None

    _title = "Monte Carlo"

    def _facts(self) -> list[tuple[str, object]]:
        names = ", ".join(self.output_names[:3]) + (", ..." if len(self.output_names) > 3 else "")
        return [
            ("draws", self.n),
            ("design", self.method),
            ("inputs", len(self.input_names)),
            ("outputs", f"{len(self.output_names)} [{names}]"),
            ("samples kept", self.outputs is not None),
        ]

    def _display(self) -> Table:
        qs = self.quantiles(np.asarray(_DEFAULT_LEVELS))
        columns = {"mean": self.mean, "std": self.std}
        columns |= {f"q{v:g}": qs[i] for i, v in enumerate(_DEFAULT_LEVELS)}
        wide = pd.DataFrame(columns, index=pd.Index(list(self.output_names), name="output"))
        return Table(wide, note="Mean, standard deviation and quantiles per output.")

    @property
    def std(self) -> FloatArray:
        """Sample standard deviation per output, shape (k,)."""
        return readonly(np.sqrt(self.variance))

    def quantiles(self, q: npt.ArrayLike) -> FloatArray:
        """Quantiles of every output.

        Parameters
        ----------
        q : float or array_like of float
            Probability levels in [0, 1].

        Returns
        -------
        ndarray of float64, shape ``np.shape(q) + (k,)``
            Axis order: the levels of `q` first, outputs last; ``result[i, j]`` is
            quantile ``q[i]`` of output ``j`` (outputs in the order of
            :attr:`output_names`). An unlabeled array; ``pd.DataFrame(result,
            index=q, columns=res.output_names)`` labels it.

        Raises
        ------
        InvalidInputError
            If a level is outside [0, 1].

        Examples
        --------
        >>> from burden.sensitivity import Parameter, ParameterSpace
        >>> space = ParameterSpace([Parameter("a", (0.0, 1.0))])
        >>> res = monte_carlo(lambda p: p["a"], space, n=1024, rng=0)
        >>> res.quantiles([0.1, 0.9]).round(2).tolist()
        [[0.1], [0.9]]
        """
        levels = as_float_array(q, "q")
        if levels.ndim > 2 or levels.size == 0:
            raise InvalidInputError("q", q, "probability levels (an array of at most 2 axes)")
        if not ((levels >= 0.0) & (levels <= 1.0)).all():
            raise InvalidInputError("q", q, "probability levels in [0, 1]")
        if self.outputs is not None:
            return readonly(np.asarray(np.quantile(self.outputs, levels, axis=0), np.float64))
        assert self._summary is not None
        flat = levels.ravel()
        h = flat * (self.n - 1)
        i = np.floor(h).astype(np.int64)
        frac = h - i
        k = len(self.output_names)
        out = np.empty((flat.size, k))
        for j in range(k):  # loop over outputs, vectorized over levels
            lo = self._summary.order_statistics(j, i)
            hi = self._summary.order_statistics(j, np.minimum(i + 1, self.n - 1))
            out[:, j] = lo + frac * (hi - lo)
        return readonly(out.reshape(*levels.shape, k))

    def to_frame(self, q: Sequence[float] = _DEFAULT_LEVELS) -> pd.DataFrame:
        """Tidy summary: one row per output and statistic.

        Parameters
        ----------
        q : sequence of float, default (0.05, 0.25, 0.5, 0.75, 0.95)
            Quantile levels to include.

        Returns
        -------
        pandas.DataFrame
            Columns ``output``, ``statistic`` (``"mean"``, ``"std"``, ``"q0.05"``, ...)
            and ``value`` (float64).
        """
        levels = as_float_array(q, "q").reshape(-1)
        names = ["mean", "std", *(f"q{v:g}" for v in levels)]
        values = np.concatenate([self.mean[None], self.std[None], self.quantiles(levels)])
        k = len(self.output_names)
        return pd.DataFrame(
            {
                "output": np.tile(np.asarray(self.output_names, dtype=object), len(names)),
                "statistic": np.repeat(np.asarray(names, dtype=object), k),
                "value": values.ravel().astype(np.float64),
            }
        )

    def samples_frame(self) -> pd.DataFrame:
        """Wide frame of every draw: one column per input, then one per output.

        Raises
        ------
        InvalidInputError
            If the draws were not kept (``keep_samples=False``).
        """
        if self.inputs is None or self.outputs is None:
            raise InvalidInputError(
                "keep_samples", False, "a result computed with keep_samples=True"
            )
        data = np.concatenate([self.inputs, self.outputs], axis=1)
        return pd.DataFrame(data, columns=[*self.input_names, *self.output_names])

    def plot(
        self,
        ax: Axes | None = None,
        *,
        outputs: Sequence[str] | None = None,
        x: npt.ArrayLike | None = None,
        levels: Sequence[float] = _DEFAULT_LEVELS,
        median_label: str | None = None,
        unit: str | None = None,
        currency: str | None = None,
        price_basis: PriceBasis | None = None,
        title: str | None = None,
    ) -> Axes:
        """Fan chart of the outputs (e.g. one per year): percentile bands and median.

        A single output without a year in its label (e.g. ``"total"``) is drawn as
        its distribution instead: a histogram with a line at each of `levels`
        (:func:`burden.plot.plot_distribution`).

        Parameters
        ----------
        ax : matplotlib Axes, optional
        outputs : sequence of str, optional
            Output columns to draw, in order along the x axis. Default: the outputs
            whose label ends in a year (``"2021"``, ``"ratio 2021"``), else all.
        x : array_like, shape (T,), optional
            Positions on the x axis; default the years in the labels (else 0..T-1).
        levels : sequence of float
            Quantile levels, paired from the outside in into bands; 0.5 is the median.
        median_label : str, optional
            Legend text of the median (and the default title). Default: what is
            drawn, from the model's :attr:`label` and the outputs' measure, e.g.
            ``"US-DEMAND-2019 vs SMA-11 ratio"`` or ``"SMA-11"``.
        unit : str, optional
            Y-axis label of values that are not money. Default: the outputs'
            measure (e.g. ``"ratio"``), else ``"value"``.
        title : str, optional
            Default: ``"<median_label>: percentile bands"``.
        currency : str, optional
            For money outputs (e.g. of :func:`~burden.uncertainty.models.agreement_model`):
            scale the axis to tn, bn or mn of this currency, unit in the label.
            Default: the model's :attr:`units` when it gave them.
        price_basis : "nominal" or int, optional
            Price basis of money outputs, for the axis label.

        Returns
        -------
        matplotlib.axes.Axes
        """
        from burden.plot import plot_distribution, plot_fan  # noqa: PLC0415 (optional)

        basis = _axis_basis(currency, price_basis)
        if currency is None and self.units is not None:
            currency, basis = self.units
        names = list(self.output_names)
        probs = np.atleast_1d(as_float_array(levels, "levels"))
        if len(names) == 1 and x is None and outputs is None and _year(names[0]) is None:
            # One output (e.g. a total): its distribution, not a one-point fan.
            marks = self.quantiles(probs)[:, 0]
            return plot_distribution(
                None if self.outputs is None else self.outputs[:, 0],
                dict(zip(probs.tolist(), marks.tolist(), strict=True)),
                label=_named(self.label, names[0]) if median_label is None else median_label,
                unit=(_measure(names) or "value") if unit is None else unit,
                currency=currency,
                basis=basis,
                ax=ax,
                title=title,
            )
        if outputs is None:
            years = [_year(s) for s in names]
            chosen = [s for s, y in zip(names, years, strict=True) if y is not None] or names
        else:
            chosen = list(as_names(outputs, "outputs"))
            missing = [s for s in chosen if s not in names]
            if missing:
                raise InvalidInputError("outputs", missing[0], f"one of {names}")
        cols = [names.index(s) for s in chosen]
        if x is None:
            found = [_year(s) for s in chosen]
            pos = np.array(
                found if all(y is not None for y in found) else range(len(chosen)), dtype=float
            )
        else:
            pos = as_float_array(x, "x")
        qs = self.quantiles(probs)
        bands = {float(v): qs[i, cols] for i, v in enumerate(probs)}
        measure = _measure(chosen)
        return plot_fan(
            pos,
            bands,
            median_label=_named(self.label, measure) if median_label is None else median_label,
            unit=(measure or "value") if unit is None else unit,
            currency=currency,
            basis=basis,
            ax=ax,
            title=title,
        )


def _measure(labels: Sequence[str]) -> str:
    """Return the measure the labels share, without years or "total" ("ratio 2021": "ratio")."""
    stems = set()
    for label in labels:  # a short loop over output labels
        stem = label[:-4].strip() if _year(label) is not None else label
        stem = stem.removeprefix("total ")
        stems.add("" if stem == "total" else stem)
    return stems.pop() if len(stems) == 1 else ""


def _named(label: str | None, measure: str) -> str:
    """Legend text: the model's label and the measure (``"A vs B ratio"``)."""
    if label and measure:
        return f"{label} {measure}"
    return label or measure or "output"


def _year(label: str) -> int | None:
    """Return the year a label ends with (``"ratio 2021"`` -> 2021), or None."""
    tail = label.rsplit(" ", 1)[-1]
    return int(tail) if len(tail) == 4 and tail.isdigit() else None


def monte_carlo(
    model: Model,
    space: ParameterSpace,
    *,
    n: int,
    method: SamplingMethod = "sobol",
    rng: RNGLike = None,
    chunk_size: int | None = None,
    keep_samples: bool | None = None,
    progress: bool | None = None,
    executor: Executor | None = None,
) -> MonteCarloResult:
    """Propagate input uncertainty: sample `space`, run `model` in chunks, summarise.

    Parameters
    ----------
    model : callable
        Vectorized model ``{name: (m,)} -> (m,) | (m, k) | {label: ...}``.
    space : ParameterSpace
        The d uncertain inputs.
    n : int, keyword-only
        Number of draws. With ``method="sobol"`` it must be a power of 2 (the
        balance of scrambled Sobol' points needs it); any other `n` raises
        :class:`~burden.InvalidInputError` naming the next power of 2 (it is not
        rounded silently).
    method : {"sobol", "lhs", "random"}, default "sobol"
        Sampling design (see :func:`sample_unit`). LHS holds an (n, d) permutation
        in memory; use "sobol" or "random" for very large `n`.
    rng : numpy.random.Generator, int, SeedSequence or None, keyword-only
        SPEC 7 source of randomness. When `rng` is None, a new Generator is created
        using entropy from the OS.
    chunk_size : int, optional
        Rows per model call (default 65536). Results do not depend on it.
    keep_samples : bool, optional
        Keep every input and output draw (exact quantiles, :meth:`~MonteCarloResult.samples_frame`).
        Default: keep them when ``n <= 2**20``; otherwise only streaming sums and a
        histogram are kept, so memory does not grow with `n`.
    progress : bool or None, default None
        Show a tqdm bar over chunks (``None``: when stderr is a terminal or in a Jupyter notebook).
    executor : concurrent.futures.Executor, optional
        Run the model on each chunk as a task of this executor (a process pool, or
        ``distributed.Client(...).get_executor()`` for a Dask cluster). Draws are made
        here, chunk by chunk, and a bounded number of chunks is in flight at a time, so
        memory stays bounded; outputs are collected in order, so every result is
        bit-identical to a serial run. See :func:`~burden.sensitivity.evaluate` for what
        a process pool needs of the model.

    Returns
    -------
    MonteCarloResult

    Raises
    ------
    InvalidInputError
        On a bad `n` (fewer than 2, or not a power of 2 for Sobol'), chunk size,
        or model output (wrong shape, non-finite values).
    MissingDataError
        If the model declares its parameters (``model.nominal``) and `space` names
        one it does not have.

    Notes
    -----
    Draws are generated chunk by chunk from one design (a stateful Sobol'
    engine; fixed random streams per block of 4096 rows), so inputs, outputs and
    every statistic are identical for any `chunk_size` when the samples are kept.
    Without kept samples, the histogram counts and tails are identical too, and
    mean and variance (accumulated as sums of deviations from the mean of the
    first 65536 draws) agree to rounding. The model is first probed at the nominal
    point, so a wrong model fails before the long run starts.

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 1.0))])
    >>> res = monte_carlo(lambda p: p["a"] + p["b"], space, n=4096, rng=1)
    >>> round(float(res.mean[0]), 3), round(float(res.variance[0]), 3)   # 1 and 1/6
    (1.0, 0.167)
    """
    space = _check_space(space)
    n = _check_n(n, method)
    if n < 2:
        raise InvalidInputError(field="n", value=n, expected="at least 2 draws")
    chunk = _chunk(chunk_size)
    keep = n <= KEEP_LIMIT if keep_samples is None else as_flag(keep_samples, "keep_samples")
    held = keep or method == "lhs" or space.correlation is not None
    check_memory(
        "n",
        f"{n} draws x {space.d} inputs" + (" kept in memory" if held else ""),
        n * space.d * 8.0 * (3 if held else 0) + min(n, chunk) * space.d * 8.0 * 4,
        way_out="stream it: keep_samples=False with method='sobol' or 'random' "
        "(memory then stays one chunk)",
    )
    check_work(
        "n",
        f"{n} draws x {space.d} inputs",
        float(n) * space.d * 10,
        way_out="fewer draws (the error of a mean falls as 1/sqrt(n)); to stream any n on "
        "purpose, raise the work limit for that call: with bd.limits(work=...)",
    )
    probe(model, space)
    x_all: FloatArray | None = np.empty((n, space.d)) if keep else None
    y_all: FloatArray | None = None
    acc = _Accumulator()
    labels: tuple[str, ...] = ()
    pool = _check_executor(executor)
    draws = _iter_sample(space, n, method=method, rng=rng, chunk_size=chunk)

    def inputs() -> Iterator[FloatArray]:
        """Yield the chunks of draws in order, keeping them as they pass when `keep`."""
        for lo, x in draws:
            if x_all is not None:
                x_all[lo : lo + x.shape[0]] = x
            yield x

    with progress_bar(-(-n // chunk), progress=progress, desc="Monte Carlo") as bar:
        lo = 0
        for y, chunk_labels in _map_blocks(model, space.names, inputs(), pool):
            m = y.shape[0]
            if not labels:
                labels = chunk_labels
                if keep:
                    y_all = np.empty((n, y.shape[1]))
            elif chunk_labels != labels:
                raise InvalidInputError(
                    field="model output",
                    value=chunk_labels,
                    expected=f"the same outputs in every chunk: {labels}",
                )
            if y_all is not None:
                y_all[lo : lo + m] = y
            else:
                acc.add(y, n)
            lo += m
            bar.update(1)
    summary: _Summary | None = None
    if y_all is not None:
        mean, var = y_all.mean(axis=0), y_all.var(axis=0, ddof=1)
    else:
        mean, var, summary = acc.finish()
    return MonteCarloResult(
        space=space,
        input_names=space.names,
        output_names=labels,
        n=n,
        method=method,
        mean=readonly(np.asarray(mean, dtype=np.float64)),
        variance=readonly(np.asarray(var, dtype=np.float64)),
        inputs=None if x_all is None else readonly(x_all),
        outputs=None if y_all is None else readonly(y_all),
        _summary=summary,
        units=model_units(model),
        label=model_label(model),
    )
