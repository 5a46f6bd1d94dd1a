"""Parameter spaces: named uncertain inputs, their distributions, groups and correlation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, as_number, first_bad, one_of, readonly
from burden.errors import InvalidInputError, MissingDataError
from burden.typing import CorrelationMethod

if TYPE_CHECKING:
    from collections.abc import Sequence

    from burden.typing import FloatArray

__all__ = ["CorrelationMethod", "Distribution", "Parameter", "ParameterSpace"]


_DEFAULT_QUANTILES = (0.05, 0.95)
_EPS = 1e-12
_MIN_EIGENVALUE = 1e-10


@runtime_checkable
class Distribution(Protocol):
    """What burden needs from a distribution: a frozen ``scipy.stats`` object fits.

    Only ``ppf`` (inverse CDF, vectorized) and ``support`` are used.
    """

    def ppf(self, q: Any, /) -> Any:
        """Inverse cumulative distribution function."""

    def support(self) -> tuple[Any, Any]:
        """Lower and upper end of the support."""


@dataclass(frozen=True, slots=True, init=False)
class Parameter:
    """One named uncertain input of a model.

    Parameters
    ----------
    name : str
        Name the model reads the input by (``params[name]``).
    dist : (float, float) or frozen scipy.stats distribution
        Either bounds ``(low, high)`` of a uniform distribution, or any frozen
        distribution with ``ppf`` and ``support`` (e.g. ``scipy.stats.norm(0, 1)``).
        Bounds are stored as ``scipy.stats.uniform(low, high - low)``.
    nominal : float, optional
        Value used when the input is held fixed (tornado, sweep, threshold). Defaults
        to the median of `dist`. Must lie inside the support.
    group : str, optional
        Label of a group of inputs that vary together in Sobol' and Morris analyses
        (``by_group=True``). Ungrouped inputs form a group of their own.

    Raises
    ------
    InvalidInputError
        If the name is empty, the bounds are not finite with ``low < high``, `dist`
        is not a frozen distribution, or `nominal` is outside the support.

    Examples
    --------
    >>> from scipy import stats
    >>> p = Parameter("fx", (1100.0, 1300.0))
    >>> float(p.nominal), p.bounds()
    (1200.0, (1100.0, 1300.0))
    >>> q = Parameter("growth", stats.norm(0.02, 0.01), nominal=0.02, group="macro")
    >>> [round(v, 4) for v in q.bounds()]
    [0.0036, 0.0364]
    """

    name: str
    dist: Distribution
    nominal: float = field(default=np.nan)
    group: str | None = None

    def __repr__(self) -> str:
        group = f", group={self.group!r}" if self.group is not None else ""
        return f"Parameter({self.name} ~ {_dist_text(self.dist)}, nominal={self.nominal:g}{group})"

    def __init__(
        self,
        name: str,
        dist: Distribution | tuple[float, float] | Sequence[float],
        *,
        nominal: float | None = None,
        group: str | None = None,
    ) -> None:
        if not _is_text(name):
            raise InvalidInputError(
                field="Parameter.name", value=name, expected="a non-empty string"
            )
        if group is not None and not _is_text(group):
            raise InvalidInputError(
                field="Parameter.group", value=group, expected="None or a non-empty string"
            )
        if isinstance(dist, Distribution) and not isinstance(dist, (tuple, list)):
            if isinstance(dist, type) or not hasattr(dist, "args"):
                raise InvalidInputError(
                    field="Parameter.dist",
                    value=dist,
                    expected="a frozen scipy.stats distribution, e.g. stats.norm(0, 1)",
                )
            frozen = dist
        else:
            bounds = as_float_array(dist, "Parameter.dist")
            if bounds.shape != (2,) or not bounds[0] < bounds[1]:
                raise InvalidInputError(
                    field="Parameter.dist",
                    value=dist,
                    expected="bounds (low, high) with finite low < high",
                )
            from scipy import stats  # noqa: PLC0415 (scipy.stats loads when first used)

            frozen = stats.uniform(bounds[0], bounds[1] - bounds[0])
        lo, hi = (float(v) for v in frozen.support())
        if nominal is None:
            nominal_value = float(np.asarray(frozen.ppf(0.5), dtype=np.float64))
        else:
            nominal_value = as_number(nominal, "Parameter.nominal")
        if not lo <= nominal_value <= hi:
            raise InvalidInputError(
                field="Parameter.nominal",
                value=nominal,
                expected=f"a value inside the support [{lo}, {hi}]",
            )
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "dist", frozen)
        object.__setattr__(self, "nominal", nominal_value)
        object.__setattr__(self, "group", group)

    @property
    def support(self) -> tuple[float, float]:
        """Lower and upper end of the support (may be infinite)."""
        lo, hi = self.dist.support()
        return float(lo), float(hi)

    def ppf(self, u: npt.ArrayLike) -> FloatArray:
        """Map probabilities in [0, 1] (any shape) to input values (same shape, read-only).

        Raises
        ------
        InvalidInputError
            If a probability is outside [0, 1] or NaN (it has no quantile).
        """
        q = _unit(u, "u")
        uniform = _uniform_loc_scale(self.dist)
        if uniform is not None and q.size:
            # scipy's uniform ppf is q * scale + loc on [0, 1]: the same floats, without
            # its argument checks (a large share of a cheap model's Monte Carlo time).
            loc, scale = uniform
            return readonly(q * scale + loc)
        return readonly(np.asarray(self.dist.ppf(q), dtype=np.float64))

    def bounds(self, quantiles: tuple[float, float] | None = None) -> tuple[float, float]:
        """Return a finite (low, high) range of the input.

        Parameters
        ----------
        quantiles : (float, float), optional
            Probability levels of the range. ``None`` uses the support when it is
            finite and the 5% and 95% quantiles otherwise.

        Returns
        -------
        (float, float)

        Raises
        ------
        InvalidInputError
            If the quantiles are not ``0 <= q_low < q_high <= 1`` or give an
            infinite value.
        """
        if quantiles is None:
            lo, hi = self.support
            if np.isfinite(lo) and np.isfinite(hi):
                return lo, hi
            quantiles = _DEFAULT_QUANTILES
        q = as_float_array(quantiles, "quantiles")
        if q.shape != (2,) or not 0.0 <= q[0] < q[1] <= 1.0:
            raise InvalidInputError(
                field="quantiles",
                value=quantiles,
                expected="(q_low, q_high) with 0 <= q_low < q_high <= 1",
            )
        values = self.ppf(q)
        if not np.isfinite(values).all():
            raise InvalidInputError(
                field="quantiles",
                value=quantiles,
                expected=f"levels with finite quantiles of {self.name!r}",
                hint="use e.g. (0.05, 0.95) for unbounded distributions",
            )
        return float(values[0]), float(values[1])


@dataclass(frozen=True, slots=True, init=False)
class ParameterSpace:
    r"""An ordered collection of uncertain inputs, with optional rank correlation.

    Parameters
    ----------
    parameters : sequence of Parameter
        The inputs, in the order of the columns of every sample (``d`` of them).
    correlation : array_like, shape (d, d), optional
        Target Spearman rank-correlation matrix: symmetric, positive definite,
        unit diagonal. ``None`` (default) means independent inputs.
    method : {"iman-conover", "gaussian"}, default "iman-conover"
        How the correlation is imposed. ``"iman-conover"`` reorders each column of
        the whole sample (marginals are kept exactly, LHS strata are preserved);
        ``"gaussian"`` passes each row through a Gaussian copula (row by row, so it
        works on any chunk of rows).

    Raises
    ------
    InvalidInputError
        If there are no parameters, names repeat, or the correlation matrix is not
        a valid correlation matrix.

    Notes
    -----
    With the Gaussian copula the Pearson correlation of the normal scores is set to
    :math:`r = 2\sin(\pi\rho_S/6)`, which gives Spearman correlation
    :math:`\rho_S` for the normal scores (Pearson 1907); negative eigenvalues of
    the converted matrix are clipped to zero.

    References
    ----------
    .. [1] R. L. Iman and W. J. Conover, "A distribution-free approach to inducing
       rank correlation among input variables", Communications in Statistics -
       Simulation and Computation 11(3), 311-334, 1982.

    Examples
    --------
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 2.0))])
    >>> space.names, space.d
    (('a', 'b'), 2)
    >>> space.nominal_values()
    array([0.5, 1. ])
    """

    parameters: tuple[Parameter, ...]
    correlation: FloatArray | None = None

    def __repr__(self) -> str:
        listed = "; ".join(f"{p.name} ~ {_dist_text(p.dist)}" for p in self.parameters)
        corr = "" if self.correlation is None else f", correlated ({self.method})"
        return f"ParameterSpace({listed}{corr})"

    method: CorrelationMethod = "iman-conover"

    def __init__(
        self,
        parameters: Sequence[Parameter],
        *,
        correlation: npt.ArrayLike | None = None,
        method: CorrelationMethod = "iman-conover",
    ) -> None:
        if isinstance(parameters, str | bytes | Parameter) or not isinstance(
            parameters, list | tuple
        ):
            raise InvalidInputError(
                field="ParameterSpace.parameters",
                value=parameters,
                expected="a list of Parameter objects",
            )
        params = tuple(parameters)
        if not params:
            raise InvalidInputError(
                field="ParameterSpace.parameters",
                value=parameters,
                expected="at least one Parameter",
            )
        for p in params:
            if not isinstance(p, Parameter):
                raise InvalidInputError(
                    field="ParameterSpace.parameters", value=p, expected="Parameter objects"
                )
        names = [p.name for p in params]
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            raise InvalidInputError(
                field="ParameterSpace.parameters", value=dup, expected="unique parameter names"
            )
        for p in params:
            if p.group is not None and p.group in names and p.group != p.name:
                other = params[names.index(p.group)]
                if other.group != p.group:
                    raise InvalidInputError(
                        field=f"ParameterSpace.parameters[{p.name!r}].group",
                        value=p.group,
                        expected="a group label that is not the name of a parameter outside the group",
                    )
        method = one_of(method, "ParameterSpace.method", CorrelationMethod)
        corr: FloatArray | None = None
        if correlation is not None:
            corr = as_float_array(correlation, "ParameterSpace.correlation")
            d = len(params)
            if corr.shape != (d, d):
                raise InvalidInputError(
                    field="ParameterSpace.correlation", value=corr, expected=f"a ({d}, {d}) matrix"
                )
            if not np.allclose(corr, corr.T, rtol=0.0, atol=1e-12):
                raise InvalidInputError(
                    field="ParameterSpace.correlation", value=corr, expected="a symmetric matrix"
                )
            if not np.allclose(np.diag(corr), 1.0, rtol=0.0, atol=1e-12):
                raise InvalidInputError(
                    field="ParameterSpace.correlation", value=corr, expected="a unit diagonal"
                )
            if np.abs(corr).max() > 1.0:
                raise InvalidInputError(
                    field="ParameterSpace.correlation", value=corr, expected="entries in [-1, 1]"
                )
            smallest = float(np.linalg.eigvalsh(corr).min())
            if smallest <= _MIN_EIGENVALUE:
                raise InvalidInputError(
                    field="ParameterSpace.correlation",
                    value=corr,
                    expected="a positive definite matrix",
                    hint=f"its smallest eigenvalue is {smallest:.3g}; perfectly dependent "
                    "inputs should be one parameter",
                )
            corr = readonly(0.5 * (corr + corr.T))
        object.__setattr__(self, "parameters", params)
        object.__setattr__(self, "correlation", corr)
        object.__setattr__(self, "method", method)

    @property
    def names(self) -> tuple[str, ...]:
        """Parameter names in column order."""
        return tuple(p.name for p in self.parameters)

    @property
    def d(self) -> int:
        """Number of parameters."""
        return len(self.parameters)

    @property
    def groups(self) -> tuple[str, ...]:
        """Group label of each parameter (its own name when ungrouped), shape (d,)."""
        return tuple(p.group if p.group is not None else p.name for p in self.parameters)

    def group_index(self) -> tuple[tuple[str, ...], npt.NDArray[np.intp]]:
        """Return the distinct group labels (in first-seen order) and each column's group.

        Returns
        -------
        labels : tuple of str, length G
        member : ndarray of intp, shape (d,)
            ``member[j]`` is the position in `labels` of parameter ``j``'s group.
        """
        labels: list[str] = []
        for g in self.groups:
            if g not in labels:
                labels.append(g)
        member = np.array([labels.index(g) for g in self.groups], dtype=np.intp)
        return tuple(labels), readonly(member)

    def index(self, name: str) -> int:
        """Column of parameter `name`; raises :class:`MissingDataError` if unknown."""
        try:
            return self.names.index(name)
        except ValueError:
            raise MissingDataError(
                field="name", value=name, expected=f"one of the parameter names {list(self.names)}"
            ) from None

    def nominal_values(self) -> FloatArray:
        """Nominal value of every parameter, shape (d,)."""
        return readonly(np.array([p.nominal for p in self.parameters], dtype=np.float64))

    def ppf(self, u: npt.ArrayLike) -> FloatArray:
        """Map a unit-cube sample of shape (n, d) to input values of shape (n, d)."""
        arr = self._sample(_unit(u, "u"), "u")
        out = np.empty_like(arr)
        for j, p in enumerate(self.parameters):  # loop over inputs, each vectorized over draws
            out[:, j] = p.ppf(arr[:, j])
        return readonly(out)

    def _sample(self, x: FloatArray, field: str) -> FloatArray:
        if x.ndim != 2 or x.shape[1] != self.d:
            raise InvalidInputError(field, x.shape, f"shape (n, {self.d}) (draws, parameters)")
        return x

    def as_params(self, x: FloatArray) -> dict[str, FloatArray]:
        """Split a sample of shape (n, d) into ``{name: read-only column (n,)}``."""
        arr = self._sample(as_float_array(x, "x", allow_nan=True), "x")
        return {
            name: readonly(np.ascontiguousarray(arr[:, j])) for j, name in enumerate(self.names)
        }

    def correlate(self, u: FloatArray) -> FloatArray:
        """Impose the rank correlation on a unit-cube sample of shape (n, d).

        Returns `u` unchanged (as a read-only copy) when the space has no correlation.
        """
        u = self._sample(_unit(u, "u"), "u")
        if self.correlation is None:
            return readonly(u)
        if self.method == "gaussian":
            return readonly(_gaussian_copula(u, self.correlation))
        return readonly(_iman_conover(u, self.correlation))


def _unit(u: npt.ArrayLike, field: str) -> FloatArray:
    """Probabilities as float64, each within [0, 1] (NaN and values outside refused)."""
    arr = as_float_array(u, field)
    bad = (arr < 0.0) | (arr > 1.0)
    if bad.any():
        raise InvalidInputError(field, u, f"probabilities in [0, 1] ({first_bad(arr, bad)})")
    return arr


def _dist_text(dist: Distribution) -> str:
    """Write a frozen scipy distribution as ``name(arg, ..., loc=..., scale=...)``."""
    gen = getattr(dist, "dist", None)
    name = getattr(gen, "name", type(dist).__name__)
    parts = [f"{float(a):g}" for a in getattr(dist, "args", ())]
    parts += [f"{k}={float(v):g}" for k, v in getattr(dist, "kwds", {}).items()]
    return f"{name}({', '.join(parts)})"


def _uniform_loc_scale(dist: Distribution) -> tuple[float, float] | None:
    """Return (loc, scale) of a frozen ``scipy.stats.uniform``, else None."""
    gen = getattr(dist, "dist", None)
    if type(gen).__name__ != "uniform_gen":
        return None
    _, loc, scale = gen._parse_args(*getattr(dist, "args", ()), **getattr(dist, "kwds", {}))  # type: ignore[union-attr]
    return float(loc), float(scale)


def _sqrt_psd(c: FloatArray) -> FloatArray:
    """Return a matrix L with L @ L.T == c for a symmetric PSD `c` (eigenvalues clipped at 0)."""
    w, v = np.linalg.eigh(c)
    return np.asarray(v * np.sqrt(np.clip(w, 0.0, None)), dtype=np.float64)


def _gaussian_copula(u: FloatArray, spearman: FloatArray) -> FloatArray:
    pearson = 2.0 * np.sin(np.pi * spearman / 6.0)
    np.fill_diagonal(pearson, 1.0)
    from scipy import stats  # noqa: PLC0415 (scipy.stats loads when first used)

    z = stats.norm.ppf(np.clip(u, _EPS, 1.0 - _EPS))
    return np.asarray(stats.norm.cdf(z @ _sqrt_psd(pearson).T), dtype=np.float64)


def _iman_conover(u: FloatArray, target: FloatArray) -> FloatArray:
    n, d = u.shape
    if n <= d:
        raise InvalidInputError(
            field="n", value=n, expected=f"more draws than parameters ({d}) to impose correlation"
        )
    ranks = np.argsort(np.argsort(u, axis=0, kind="stable"), axis=0, kind="stable")
    from scipy import stats  # noqa: PLC0415 (scipy.stats loads when first used)

    scores = stats.norm.ppf((ranks + 1.0) / (n + 1.0))
    current = np.corrcoef(scores, rowvar=False)
    q = np.linalg.cholesky(current)
    transform = _sqrt_psd(target) @ np.linalg.inv(q)
    wanted = scores @ transform.T
    new_ranks = np.argsort(np.argsort(wanted, axis=0, kind="stable"), axis=0, kind="stable")
    return np.take_along_axis(np.sort(u, axis=0), new_ranks, axis=0)


def _is_text(value: object) -> bool:
    """Return True for a non-empty string."""
    return isinstance(value, str) and bool(value)


def _is_mapping(value: object) -> bool:
    """Return True for a Mapping."""
    return isinstance(value, Mapping)


def _check_space(space: object, field: str = "space") -> ParameterSpace:
    if not isinstance(space, ParameterSpace):
        raise InvalidInputError(field, space, "a ParameterSpace")
    return space


def _require_independent(space: ParameterSpace, method: str) -> None:
    if space.correlation is not None:
        raise InvalidInputError(
            field="space.correlation",
            value=space.correlation,
            expected=f"independent inputs (None): {method} assumes independence",
        )
