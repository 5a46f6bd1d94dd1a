"""Variance-based (Sobol') sensitivity indices with an explicit design and a GEMM bootstrap."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_flag, as_float_array, as_names, as_number, as_rng, readonly
from burden._core.checks import is_int as _is_int
from burden._core.limits import check_memory
from burden._core.results import _output_index, render_html
from burden.errors import InvalidInputError
from burden.uncertainty._evaluate import Model, evaluate, probe
from burden.uncertainty._sampling import (
    SamplingMethod,
    _check_n,
    _child,
    _root,
    check_design,
    sample_unit,
)
from burden.uncertainty._space import ParameterSpace, _check_space, _require_independent

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes

    from burden.typing import FloatArray, RNGLike

__all__ = ["SobolDesign", "SobolResult", "sobol", "sobol_analyze", "sobol_design"]

_WEIGHT_BLOCK: Final = 2**22
"""Entries of one bootstrap weight block (32 MB of float64): resamples per GEMM = this // N."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SobolDesign:
    """The pick-freeze design of Saltelli et al. (2010): matrices A, B and A_B^(g).

    Attributes
    ----------
    space : ParameterSpace
    names : tuple of str, length G
        Labels of the G factors: the inputs, or their groups when `by_group`.
    member : ndarray of intp, shape (d,)
        Factor (group) index of each input column.
    by_group : bool
    a, b : ndarray, shape (N, d)
        Two independent samples of the inputs.
    ab : ndarray, shape (G, N, d)
        ``ab[g]`` equals `a` except that the columns of factor ``g`` come from `b`.
    method : str
        Design of the underlying 2d-dimensional unit sample.

    Notes
    -----
    Outputs are matched to this design by name (``f_a``, ``f_b``, ``f_ab``), never
    by a row-order convention. :meth:`stacked` gives one matrix to evaluate and
    :meth:`split` cuts its outputs back into the three parts.
    """

    space: ParameterSpace
    names: tuple[str, ...]
    member: npt.NDArray[np.intp]
    by_group: bool
    a: FloatArray
    b: FloatArray
    ab: FloatArray
    method: str

    @property
    def n(self) -> int:
        """Base sample size N."""
        return int(self.a.shape[0])

    @property
    def n_factors(self) -> int:
        """Number of factors G (inputs or groups)."""
        return len(self.names)

    def stacked(self) -> FloatArray:
        """All N(G + 2) model inputs: rows of A, then B, then A_B^(1), ..., A_B^(G)."""
        return readonly(
            np.concatenate([self.a, self.b, self.ab.reshape(-1, self.a.shape[1])], axis=0)
        )

    def split(self, y: npt.ArrayLike) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Cut outputs of :meth:`stacked`, shape (N(G+2), k), into f_A, f_B and f_AB.

        Returns
        -------
        f_a, f_b : ndarray, shape (N, k)
        f_ab : ndarray, shape (G, N, k)
        """
        arr = as_float_array(y, "y", allow_nan=True, allow_inf=True)
        n, g = self.n, self.n_factors
        if arr.ndim == 1:
            arr = arr[:, None]
        if arr.ndim != 2 or arr.shape[0] != n * (g + 2):
            raise InvalidInputError(
                field="y", value=arr, expected=f"outputs of shape ({n * (g + 2)}, k)"
            )
        readonly(arr)
        return arr[:n], arr[n : 2 * n], arr[2 * n :].reshape(g, n, -1)


def sobol_design(
    space: ParameterSpace,
    n: int,
    *,
    by_group: bool = False,
    method: SamplingMethod = "sobol",
    rng: RNGLike = None,
) -> SobolDesign:
    """Build the A, B and A_B^(g) matrices for Sobol' indices.

    Parameters
    ----------
    space : ParameterSpace
        Independent inputs (no correlation).
    n : int
        Base sample size N (a power of 2 for ``method="sobol"``). The model is run
        N(G + 2) times.
    by_group : bool, default False
        Use the inputs' ``group`` labels: all inputs of a group are exchanged
        together, giving true group indices.
    method : {"sobol", "lhs", "random"}, default "sobol"
        Design of the 2d-dimensional unit sample whose halves give A and B.
    rng : numpy.random.Generator, int, SeedSequence or None, keyword-only
        SPEC 7 source of randomness. When `rng` is None, a new Generator is created
        using entropy from the OS.

    Returns
    -------
    SobolDesign

    Raises
    ------
    InvalidInputError
        If the space has a correlation matrix or `n` is invalid.

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 1.0))])
    >>> design = sobol_design(space, 8, rng=0)
    >>> design.ab.shape, bool(np.array_equal(design.ab[0][:, 1], design.a[:, 1]))
    ((2, 8, 2), True)
    """
    space = _check_space(space)
    by_group = as_flag(by_group, "by_group")
    _require_independent(space, "Sobol' analysis")
    d = space.d
    if _is_int(n) and n > 0:
        check_design(
            "n",
            int(n) * (d + 2),
            d,
            what="a Sobol' design (n (d + 2) model runs)",
            way_out="a smaller n (indices converge as 1/sqrt(n)), or group inputs (by_group=True)",
        )
    u = sample_unit(n, 2 * d, method=method, rng=rng)
    a = space.ppf(u[:, :d])
    b = space.ppf(u[:, d:])
    if by_group:
        names, member = space.group_index()
    else:
        names, member = space.names, np.arange(d, dtype=np.intp)
    take_b = member[None, :] == np.arange(len(names))[:, None]  # (G, d)
    ab = np.where(take_b[:, None, :], b[None, :, :], a[None, :, :])
    return SobolDesign(
        space=space,
        names=tuple(names),
        member=readonly(member),
        by_group=bool(by_group),
        a=readonly(a),
        b=readonly(b),
        ab=readonly(ab),
        method=method,
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SobolResult:
    """First- and total-order Sobol' indices with percentile bootstrap intervals.

    Attributes
    ----------
    design : SobolDesign
        The design the model was run on.
    names : tuple of str, length d
        Factors: the inputs, or their groups (``by_group=True``).
    output_names : tuple of str, length k
    first_order, total_order : ndarray, shape (d,) or (k, d)
        First-order (Saltelli 2010) and total-order (Jansen 1999) indices: shape
        (d,) for a model returning one value per draw (shape (n,)), (k, d) for a
        model returning k values per draw (shape (n, k) or a mapping), row ``m``
        for output ``output_names[m]``.
    first_order_ci, total_order_ci : (ndarray, ndarray)
        Lower and upper percentile bootstrap bounds, each of the shape of the
        indices (NaN when ``n_resamples=0``).
    mean, variance : ndarray, shape (k,)
        Output mean and variance estimated from f_A and f_B.
    n_resamples : int
        Bootstrap resamples behind the intervals.
    confidence_level : float
        Coverage of the intervals.
    """

    design: SobolDesign
    names: tuple[str, ...]
    output_names: tuple[str, ...]
    first_order: FloatArray
    total_order: FloatArray
    first_order_ci: tuple[FloatArray, FloatArray]
    total_order_ci: tuple[FloatArray, FloatArray]
    mean: FloatArray
    variance: FloatArray
    n_resamples: int
    confidence_level: float

    def _table(self, value: FloatArray) -> FloatArray:
        """Any index array as (k, d)."""
        return value.reshape(len(self.output_names), len(self.names))

    def to_frame(self) -> pd.DataFrame:
        """Tidy table, one row per (order, factor, output).

        Returns
        -------
        pandas.DataFrame
            Columns ``factor``, ``output``, ``order`` ("first"/"total"),
            ``estimate``, ``ci_low``, ``ci_high`` (float64).
        """
        k, d = len(self.output_names), len(self.names)
        orders = (
            (self.first_order, self.first_order_ci),
            (self.total_order, self.total_order_ci),
        )
        # (2 orders, d, k) so that rows run over outputs fastest
        est = np.stack([self._table(v).T for v, _ in orders])
        low = np.stack([self._table(ci[0]).T for _, ci in orders])
        high = np.stack([self._table(ci[1]).T for _, ci in orders])
        return pd.DataFrame(
            {
                "factor": np.tile(np.repeat(np.asarray(self.names, dtype=object), k), 2),
                "output": np.tile(np.asarray(self.output_names, dtype=object), 2 * d),
                "order": np.repeat(np.array(["first", "total"], dtype=object), d * k),
                "estimate": est.ravel(),
                "ci_low": low.ravel(),
                "ci_high": high.ravel(),
            }
        )

    def plot(
        self, ax: Axes | None = None, *, output: str | int = -1, title: str | None = None
    ) -> Axes:
        """Bar chart of first-order and total indices of one output, with intervals.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        output : str or int, default -1
            Output label or position; the default, the last output, is the total
            for the models of :mod:`burden.uncertainty.models`.
            Output label or position.
        title : str, optional

        Returns
        -------
        matplotlib.axes.Axes

        Notes
        -----
        :func:`burden.plot.plot_indices` draws symmetric error bars; each is given
        the larger distance from the estimate to an end of the percentile interval,
        so the bar covers the whole (possibly asymmetric) interval.
        """
        from burden.plot import plot_indices  # noqa: PLC0415 (matplotlib is optional)

        j = _output_index(self.output_names, output)

        def half(value: FloatArray, ci: tuple[FloatArray, FloatArray]) -> FloatArray | None:
            est, lo, hi = self._table(value)[j], self._table(ci[0])[j], self._table(ci[1])[j]
            if np.isnan(lo).all():
                return None
            return np.asarray(np.maximum(est - lo, hi - est), dtype=np.float64)

        return plot_indices(
            list(self.names),
            self._table(self.first_order)[j],
            self._table(self.total_order)[j],
            half(self.first_order, self.first_order_ci),
            half(self.total_order, self.total_order_ci),
            ax,
            title=title or f"Sobol indices: {self.output_names[j]}",
        )

    def _repr_html_(self) -> str:
        facts = [
            ("N", self.design.n),
            ("model runs", self.design.n * (self.design.n_factors + 2)),
            (
                "bootstrap",
                f"{self.n_resamples} resamples, {self.confidence_level:.0%} percentile",
            ),
        ]
        return render_html("Sobol' indices", facts, self.to_frame())


def _terms(f_a: FloatArray, f_b: FloatArray, f_ab: FloatArray) -> FloatArray:
    """Per-sample terms whose means give every estimator: shape (N, 3G + 2, k)."""
    g = f_ab.shape[0]
    n, k = f_a.shape
    diff = np.moveaxis(f_ab, 0, 1) - f_a[:, None, :]  # (N, G, k): f_AB^(g) - f_A
    t = np.empty((n, 3 * g + 2, k), dtype=np.float64)
    t[:, :g] = f_b[:, None, :] * diff
    t[:, g : 2 * g] = diff
    t[:, 2 * g : 3 * g] = diff * diff
    t[:, 3 * g] = f_a + f_b
    t[:, 3 * g + 1] = f_a * f_a + f_b * f_b
    return t


def _indices(m: FloatArray, g: int) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Compute the indices from (weighted) means of the terms, shape (..., 3G + 2, k), any leading axes."""
    centre = 0.5 * m[..., 3 * g, :]
    var = 0.5 * m[..., 3 * g + 1, :] - centre * centre
    with np.errstate(divide="ignore", invalid="ignore"):
        first = (m[..., :g, :] - centre[..., None, :] * m[..., g : 2 * g, :]) / var[..., None, :]
        total = 0.5 * m[..., 2 * g : 3 * g, :] / var[..., None, :]
    return first, total, centre, var


def _bootstrap_counts(rng: np.random.Generator, r: int, n: int) -> FloatArray:
    """Resample counts, shape (r, n): row i counts how often each sample is drawn."""
    idx = rng.integers(0, n, size=(r, n), dtype=np.int32 if n < 2**31 else np.int64)
    counts = np.empty((r, n), dtype=np.float64)
    for i in range(r):  # one bincount per resample: n bins stay in cache (2.5x faster)
        counts[i] = np.bincount(idx[i], minlength=n)
    return counts


def _as_outputs(value: npt.ArrayLike, field: str, n: int) -> FloatArray:
    arr = as_float_array(value, field)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] != n or arr.shape[1] == 0:
        raise InvalidInputError(field, arr, f"outputs of shape ({n},) or ({n}, k)")
    return arr


def sobol_analyze(
    design: SobolDesign,
    f_a: npt.ArrayLike,
    f_b: npt.ArrayLike,
    f_ab: npt.ArrayLike,
    *,
    output_names: Sequence[str] | None = None,
    n_resamples: int = 1000,
    confidence_level: float = 0.95,
    rng: RNGLike = None,
) -> SobolResult:
    r"""Estimate Sobol' indices from model outputs on a :class:`SobolDesign`.

    Parameters
    ----------
    design : SobolDesign
        The design the outputs belong to (N base rows, G factors).
    f_a, f_b : array_like, shape (N,) or (N, k)
        Outputs on the rows of ``design.a`` and ``design.b``. One-dimensional
        outputs give indices of shape (G,), two-dimensional ones (k, G).
    f_ab : array_like, shape (G, N) or (G, N, k)
        Outputs on ``design.ab``.
    output_names : sequence of str, optional
        k labels; default ``"y[j]"`` (``"y"`` for one output).
    n_resamples : int, default 1000
        Bootstrap resamples R for the intervals (0 disables them: NaN bounds).
    confidence_level : float, default 0.95
        Coverage of the percentile intervals.
    rng : numpy.random.Generator, int, SeedSequence or None, keyword-only
        SPEC 7 source of randomness for the bootstrap only. When `rng` is None, a
        new Generator is created using entropy from the OS.

    Returns
    -------
    SobolResult

    Raises
    ------
    InvalidInputError
        If output shapes do not match the design, values are not finite, or the
        bootstrap options are invalid.

    Notes
    -----
    Outputs are first centred by the mean of :math:`f_A` and :math:`f_B`. With
    :math:`\hat V = \frac{1}{2N}\sum_j (f_A^2 + f_B^2)_j - c^2`,
    :math:`c = \frac{1}{2N}\sum_j (f_A + f_B)_j`:

    .. math::

        S_g = \frac{\frac1N \sum_j (f_B)_j\,[(f_{A_B^{(g)}})_j - (f_A)_j]}{\hat V}
        \quad\text{(Saltelli et al. 2010, Table 2 (b))}

        S_{T,g} = \frac{\frac{1}{2N}\sum_j [(f_A)_j - (f_{A_B^{(g)}})_j]^2}{\hat V}
        \quad\text{(Jansen 1999; Saltelli et al. 2010, Table 2 (f))}

    (the first-order numerator subtracts :math:`c` times the mean of
    :math:`f_{A_B^{(g)}} - f_A`, which makes it exactly shift-invariant). Every
    estimator is a function of means of 3G + 2 per-sample terms, so the k outputs
    and G factors are handled at once, and a bootstrap resample with counts
    :math:`w_j` (:math:`\sum_j w_j = N`) only replaces each mean by
    :math:`\frac1N\sum_j w_j\,\text{term}_j`. All R resamples are therefore
    one matrix product :math:`W T / N` of the (R, N) count matrix with the
    (N, (3G+2)k) term matrix (done in blocks of about 4e6 / N resamples, so a
    weight block takes 32 MB), with no copy of
    the sample per resample. Intervals are percentile intervals of the R
    resampled indices. A constant output has zero variance: its indices are NaN.

    References
    ----------
    .. [1] A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and
       S. Tarantola, "Variance based sensitivity analysis of model output. Design
       and estimator for the total sensitivity index", Computer Physics
       Communications 181(2), 259-270, 2010.
    .. [2] M. J. W. Jansen, "Analysis of variance designs for model output",
       Computer Physics Communications 117, 35-43, 1999.
    .. [3] I. M. Sobol', "Sensitivity estimates for nonlinear mathematical
       models", Mathematical Modelling and Computational Experiments 1, 407-414, 1993.

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 1.0))])
    >>> design = sobol_design(space, 1024, rng=0)
    >>> model = lambda x: x[..., 0] + 2 * x[..., 1]
    >>> res = sobol_analyze(design, model(design.a), model(design.b), model(design.ab), rng=1)
    >>> print(np.round(res.first_order, 2), np.round(res.total_order, 2))
    [0.2 0.8] [0.2 0.8]
    """
    if not isinstance(design, SobolDesign):
        raise InvalidInputError(
            field="design", value=design, expected="a SobolDesign (see sobol_design)"
        )
    n, g = design.n, design.n_factors
    ya = _as_outputs(f_a, "f_a", n)
    single = np.ndim(as_float_array(f_a, "f_a", allow_nan=True)) == 1
    yb = _as_outputs(f_b, "f_b", n)
    yab = as_float_array(f_ab, "f_ab")
    if yab.ndim == 2:
        yab = yab[..., None]
    k = ya.shape[1]
    if yb.shape != ya.shape or yab.shape != (g, n, k):
        raise InvalidInputError(
            field="f_b, f_ab",
            value=(yb.shape, yab.shape),
            expected=f"f_b of shape {ya.shape} and f_ab of shape {(g, n, k)} (matching f_a)",
        )
    if output_names is None:
        labels = ("y",) if k == 1 else tuple(f"y[{j}]" for j in range(k))
    else:
        labels = as_names(output_names, "output_names")
        if len(labels) != k:
            raise InvalidInputError(
                field="output_names", value=output_names, expected=f"{k} labels"
            )
    if not _is_int(n_resamples) or n_resamples < 0:
        raise InvalidInputError(
            field="n_resamples", value=n_resamples, expected="a non-negative integer"
        )
    check_memory(
        "n_resamples",
        f"{n_resamples} bootstrap resamples of {design.n} rows",
        float(n_resamples) * design.n * 8.0 * 4,
        way_out="fewer resamples (a few hundred give stable intervals), or n_resamples=0",
    )
    conf = as_number(confidence_level, "confidence_level")
    if not 0.0 < conf < 1.0:
        raise InvalidInputError(
            field="confidence_level", value=confidence_level, expected="a level in (0, 1)"
        )

    shift = 0.5 * (ya.mean(axis=0) + yb.mean(axis=0))  # centring for numerical stability
    terms = _terms(ya - shift, yb - shift, yab - shift)  # (N, 3G+2, k)
    first, total, _centre, var = _indices(terms.mean(axis=0), g)

    first_ci = np.full((2, g, k), np.nan)
    total_ci = np.full((2, g, k), np.nan)
    n_bootstrap = int(n_resamples)
    if n_bootstrap:
        flat = terms.reshape(n, -1)
        root = _root(rng)
        boot_first = np.empty((n_bootstrap, g, k))
        boot_total = np.empty((n_bootstrap, g, k))
        step = max(1, _WEIGHT_BLOCK // n)
        for block, lo in enumerate(range(0, n_bootstrap, step)):
            hi = min(lo + step, n_bootstrap)
            weights = _bootstrap_counts(_child(root, block), hi - lo, n)
            means = (weights @ flat / n).reshape(hi - lo, 3 * g + 2, k)
            boot_first[lo:hi], boot_total[lo:hi], _, _ = _indices(means, g)
        probs = [(1.0 - conf) / 2.0, (1.0 + conf) / 2.0]
        first_ci = np.quantile(boot_first, probs, axis=0)
        total_ci = np.quantile(boot_total, probs, axis=0)

    def shaped(value: FloatArray) -> FloatArray:
        """(G, k) -> (G,) for a single 1-D output, else (k, G)."""
        return readonly(np.ascontiguousarray(value[:, 0] if single else value.T))

    return SobolResult(
        design=design,
        names=design.names,
        output_names=labels,
        first_order=shaped(first),
        total_order=shaped(total),
        first_order_ci=(shaped(first_ci[0]), shaped(first_ci[1])),
        total_order_ci=(shaped(total_ci[0]), shaped(total_ci[1])),
        mean=readonly(shift.copy()),
        variance=readonly(var),
        n_resamples=n_bootstrap,
        confidence_level=conf,
    )


def sobol(
    model: Model,
    space: ParameterSpace,
    *,
    n: int,
    second_order: bool = False,
    n_resamples: int = 1000,
    confidence_level: float = 0.95,
    rng: RNGLike = None,
    by_group: bool = False,
    method: SamplingMethod = "sobol",
    chunk_size: int | None = None,
    progress: bool | None = None,
) -> SobolResult:
    """First- and total-order Sobol' indices of every model output.

    Builds a :func:`sobol_design`, evaluates the model on its N(d + 2) rows in
    chunks and calls :func:`sobol_analyze`.

    Parameters
    ----------
    model : callable
        Vectorized model ``{name: (m,)} -> (m,) | (m, k) | {label: ...}``.
    space : ParameterSpace
        Independent inputs (no correlation matrix).
    n : int, keyword-only
        Base sample size N. With the default ``method="sobol"`` it must be a power
        of 2; any other value raises :class:`~burden.InvalidInputError` naming the
        next power of 2 (it is not rounded silently). The model runs N(d + 2) times.
    second_order : bool, default False
        Second-order indices are not implemented yet: True raises
        :class:`~burden.InvalidInputError`.
    n_resamples : int, default 1000
        Bootstrap resamples for the percentile intervals (0: none, NaN bounds).
    confidence_level : float, default 0.95
        Interval coverage.
    rng : numpy.random.Generator, int, SeedSequence or None, keyword-only
        SPEC 7 source of randomness, normalised once; independent child streams
        drive the design and the bootstrap. When `rng` is None, a new Generator is
        created using entropy from the OS.
    by_group : bool, default False
        Indices of the inputs' groups (inputs of a group vary together); d is then
        the number of groups.
    method : {"sobol", "lhs", "random"}, default "sobol"
        Design of the base sample.
    chunk_size : int, optional
        Rows per model call (default 65536).
    progress : bool or None, default None
        Show a tqdm bar over chunks (``None``: only when stderr is a TTY).

    Returns
    -------
    SobolResult
        ``first_order`` and ``total_order`` have shape (d,) for a model returning
        shape (n,), and (k, d) for a model returning (n, k) or a mapping.

    Raises
    ------
    InvalidInputError
        If the space is correlated, `n` does not suit the method, an option is
        invalid, or the model returns the wrong shape or non-finite values.
    MissingDataError
        If the model declares its parameters (``model.nominal``) and `space` names
        one it does not have.

    Notes
    -----
    Every check, including a probe call of the model at the nominal point, runs
    before the design is built. See :func:`sobol_analyze` for the estimators and
    the bootstrap.

    References
    ----------
    .. [1] A. Saltelli et al., "Variance based sensitivity analysis of model
       output. Design and estimator for the total sensitivity index", Computer
       Physics Communications 181(2), 259-270, 2010.

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 1.0))])
    >>> res = sobol(lambda p: p["a"] + 2 * p["b"], space, n=1024, n_resamples=100, rng=0)
    >>> print(np.round(res.first_order, 2))   # exact: 1/5 and 4/5
    [0.2 0.8]
    """
    space = _check_space(space)
    if as_flag(second_order, "second_order"):
        raise InvalidInputError(
            field="second_order",
            value=second_order,
            expected="False: second-order Sobol' indices are not implemented yet",
        )
    _require_independent(space, "Sobol' analysis")
    _check_n(n, method)
    if not _is_int(n_resamples) or n_resamples < 0:
        raise InvalidInputError(
            field="n_resamples", value=n_resamples, expected="a non-negative integer"
        )
    conf = as_number(confidence_level, "confidence_level")
    if not 0.0 < conf < 1.0:
        raise InvalidInputError(
            field="confidence_level", value=confidence_level, expected="a level in (0, 1)"
        )
    single = probe(model, space)
    design_rng, boot_rng = as_rng(rng).spawn(2)
    design = sobol_design(space, n, by_group=by_group, method=method, rng=design_rng)
    y, labels = evaluate(
        model, space, design.stacked(), chunk_size=chunk_size, progress=progress, desc="Sobol'"
    )
    f_a, f_b, f_ab = design.split(y)
    if single:
        f_a, f_b, f_ab = f_a[:, 0], f_b[:, 0], f_ab[..., 0]
    return sobol_analyze(
        design,
        f_a,
        f_b,
        f_ab,
        output_names=labels,
        n_resamples=n_resamples,
        confidence_level=conf,
        rng=boot_rng,
    )
