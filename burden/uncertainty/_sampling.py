"""Random, Latin hypercube and scrambled Sobol' samples of a parameter space, chunk-exact."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Final

import numpy as np

from burden._core.checks import as_rng, one_of, readonly
from burden._core.checks import is_int as _is_int
from burden._core.limits import check_memory, check_work
from burden.errors import InvalidInputError
from burden.typing import SamplingMethod
from burden.uncertainty._space import ParameterSpace, _check_space

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scipy.stats import qmc

    from burden.typing import FloatArray, RNGLike

__all__ = ["SamplingMethod", "sample", "sample_unit"]


_BLOCK: Final = 4096
"""Rows per independent random stream; fixed so samples never depend on chunking."""
_STREAM_JITTER: Final = 0
_STREAM_PERM: Final = 1
_STREAM_SOBOL: Final = 2


def _root(rng: RNGLike) -> np.random.SeedSequence:
    """Turn a SPEC 7 `rng` into one root seed sequence (consumes 4 draws of a Generator)."""
    if isinstance(rng, np.random.SeedSequence):
        return rng
    gen = as_rng(rng)
    return np.random.SeedSequence(gen.integers(0, 2**63 - 1, size=4, dtype=np.int64).tolist())


def _sobol_engine(d: int, rng: np.random.Generator) -> qmc.Sobol:
    """Return a scrambled Sobol' engine of ``scipy.stats.qmc`` (imported on first use)."""
    from scipy.stats import qmc  # noqa: PLC0415 (scipy.stats loads when first used)

    return qmc.Sobol(d, scramble=True, rng=rng)


def _child(root: np.random.SeedSequence, *key: int) -> np.random.Generator:
    """Independent stream number `key` under `root` (same key, same stream)."""
    seq = np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, *key))
    return np.random.default_rng(seq)


def check_design(field: str, rows: int, d: int, *, what: str, way_out: str) -> None:
    """Refuse a design of `rows` x `d` draws beyond the memory or work limits."""
    size = f"{what}: {rows} rows x {d} inputs"
    check_memory(field, size, rows * d * 8.0 * 2, way_out=way_out)
    check_work(field, size, float(rows) * d * 10, way_out=way_out)


def _check_n(n: object, method: str) -> int:
    one_of(method, "method", SamplingMethod)
    if not _is_int(n) or n < 1:
        raise InvalidInputError(field="n", value=n, expected="a positive integer number of draws")
    if method == "sobol" and n & (n - 1):
        raise InvalidInputError(
            field="n",
            value=n,
            expected="a power of 2 for scrambled Sobol' points (their balance needs it)",
            hint=f"use n={1 << (int(n) - 1).bit_length()} or method='lhs' / 'random'",
        )
    return int(n)


def _check_rows(n: int, start: int, stop: int | None) -> tuple[int, int]:
    stop = n if stop is None else stop
    if not _is_int(start):
        raise InvalidInputError(field="start", value=start, expected="an integer row index")
    if not _is_int(stop):
        raise InvalidInputError(field="stop", value=stop, expected="an integer row index")
    if not 0 <= start < stop <= n:
        raise InvalidInputError(
            field="start, stop", value=(start, stop), expected=f"0 <= start < stop <= n = {n}"
        )
    return int(start), int(stop)


def _blocks(root: np.random.SeedSequence, n: int, d: int, start: int, stop: int) -> FloatArray:
    """Uniform [0, 1) rows start..stop, block b always drawn from stream (0, b)."""
    first, last = start // _BLOCK, (stop - 1) // _BLOCK
    parts = [
        _child(root, _STREAM_JITTER, b).random((min(_BLOCK, n - b * _BLOCK), d))
        for b in range(first, last + 1)  # loop over blocks of draws, each vectorized
    ]
    whole = np.concatenate(parts, axis=0)
    offset = first * _BLOCK
    return whole[start - offset : stop - offset]


def sample_unit(
    n: int,
    d: int,
    *,
    method: SamplingMethod = "lhs",
    rng: RNGLike = None,
    start: int = 0,
    stop: int | None = None,
) -> FloatArray:
    """Draw rows ``start:stop`` of an `n`-point design in the unit cube ``[0, 1)^d``.

    Parameters
    ----------
    n : int
        Size of the whole design (a power of 2 for ``method="sobol"``).
    d : int
        Number of dimensions.
    method : {"lhs", "random", "sobol"}, default "lhs"
        Latin hypercube (one point per stratum ``[i/n, (i+1)/n)`` in every
        dimension), independent uniforms, or scrambled Sobol' points (``scipy.stats.qmc``).
    rng : numpy.random.Generator, int, SeedSequence or None, keyword-only
        SPEC 7 source of randomness, normalised once with ``np.random.default_rng``.
        When `rng` is None, a new Generator is created using entropy from the OS.
        Pass the same seed to draw different row ranges of the same design.
    start, stop : int, keyword-only
        Rows of the design to return (default: all of them).

    Returns
    -------
    ndarray of float64, shape (stop - start, d)

    Raises
    ------
    InvalidInputError
        If `n` or `d` is not a positive integer, `n` is not a power of 2 for Sobol'
        points, or the row range is invalid.

    Notes
    -----
    Chunk-exactness: ``sample_unit(n, d, rng=s, start=a, stop=b)`` equals
    ``sample_unit(n, d, rng=s)[a:b]`` for every ``a < b``. Uniform draws come from
    an independent stream per fixed block of 4096 rows (children of one
    ``SeedSequence``); the LHS permutations come from one further stream; Sobol'
    points are generated by one scrambled engine fast-forwarded to `start`.

    Examples
    --------
    >>> u = sample_unit(4, 2, method="lhs", rng=0)
    >>> np.sort(np.floor(u * 4), axis=0)
    array([[0., 0.],
           [1., 1.],
           [2., 2.],
           [3., 3.]])
    >>> bool(np.array_equal(sample_unit(8, 2, rng=1)[3:6], sample_unit(8, 2, rng=1, start=3, stop=6)))
    True
    """
    method = one_of(method, "method", SamplingMethod)
    n = _check_n(n, method)
    if not _is_int(d) or d < 1:
        raise InvalidInputError(
            field="d", value=d, expected="a positive integer number of dimensions"
        )
    d = int(d)
    start, stop = _check_rows(n, start, stop)
    check_design(
        "n",
        (stop - start) if method == "sobol" else n,
        d,
        what="a unit-cube sample",
        way_out="draw it in row ranges with start= and stop=",
    )
    root = _root(rng)
    if method == "sobol":
        engine = _sobol_engine(d, _child(root, _STREAM_SOBOL))
        if start:
            engine.fast_forward(start)
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore", message="The balance properties", category=UserWarning
            )
            return readonly(np.array(engine.random(stop - start), dtype=np.float64))
    jitter = _blocks(root, n, d, start, stop)
    if method == "random":
        return readonly(jitter)
    perm = _child(root, _STREAM_PERM).permuted(
        np.tile(np.arange(n, dtype=np.float64), (d, 1)), axis=1
    )
    return readonly((perm.T[start:stop] + jitter) / n)


def sample(
    space: ParameterSpace,
    n: int,
    *,
    method: SamplingMethod = "lhs",
    rng: RNGLike = None,
    start: int = 0,
    stop: int | None = None,
) -> FloatArray:
    """Draw input values of a parameter space: rows ``start:stop`` of an `n`-point design.

    The unit-cube design of :func:`sample_unit` is correlated (if the space has a
    correlation matrix) and mapped through each parameter's ``ppf``.

    Parameters
    ----------
    space : ParameterSpace
        The ``d`` uncertain inputs.
    n : int
        Size of the whole design.
    method : {"lhs", "random", "sobol"}, default "lhs"
        See :func:`sample_unit`.
    rng : numpy.random.Generator, int, SeedSequence or None, keyword-only
        SPEC 7 source of randomness. When `rng` is None, a new Generator is created
        using entropy from the OS.
    start, stop : int, keyword-only
        Rows to return (default: all).

    Returns
    -------
    ndarray of float64, shape (stop - start, d)
        Column ``j`` holds draws of ``space.parameters[j]``.

    Raises
    ------
    InvalidInputError
        See :func:`sample_unit`.

    Notes
    -----
    Chunk-exact like :func:`sample_unit`. With ``method="iman-conover"``
    correlation, which reorders whole columns, the whole design is built and then
    sliced; the Gaussian copula works row by row.

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 10.0)), Parameter("b", (-1.0, 1.0))])
    >>> x = sample(space, 1000, rng=42)
    >>> x.shape, bool(x[:, 0].min() >= 0.0), bool(x[:, 1].max() <= 1.0)
    ((1000, 2), True, True)
    """
    space = _check_space(space)
    if space.correlation is not None and space.method == "iman-conover":
        n_checked = _check_n(n, method)
        lo, hi = _check_rows(n_checked, start, stop)
        u = space.correlate(sample_unit(n_checked, space.d, method=method, rng=rng))[lo:hi]
    else:
        u = space.correlate(
            sample_unit(n, space.d, method=method, rng=rng, start=start, stop=stop)
        )
    return space.ppf(u)


def _iter_sample(
    space: ParameterSpace, n: int, *, method: SamplingMethod, rng: RNGLike, chunk_size: int
) -> Iterator[tuple[int, FloatArray]]:
    """Yield ``(start, rows start:start+m of sample(space, n, method=method, rng=rng))``.

    The same rows as :func:`sample` in consecutive chunks, without redoing the work
    that :func:`sample` repeats for every row range (one stateful Sobol' engine, one
    LHS permutation, one Iman-Conover reordering), so that a run over 1e8 draws is
    linear in `n`.
    """
    space = _check_space(space)
    method = one_of(method, "method", SamplingMethod)
    n = _check_n(n, method)
    d = space.d
    root = _root(rng)
    if space.correlation is not None and space.method == "iman-conover":
        whole = space.ppf(space.correlate(sample_unit(n, d, method=method, rng=root)))
        for lo in range(0, n, chunk_size):
            yield lo, whole[lo : lo + chunk_size]
        return
    engine = _sobol_engine(d, _child(root, _STREAM_SOBOL)) if method == "sobol" else None
    perm = (
        _child(root, _STREAM_PERM).permuted(
            np.tile(np.arange(n, dtype=np.float64), (d, 1)), axis=1
        )
        if method == "lhs"
        else None
    )
    for lo in range(0, n, chunk_size):  # loop over chunks of draws, each vectorized
        hi = min(lo + chunk_size, n)
        if engine is not None:
            with warnings.catch_warnings():
                warnings.filterwarnings(
                    "ignore", message="The balance properties", category=UserWarning
                )
                u = np.asarray(engine.random(hi - lo), dtype=np.float64)
        else:
            u = _blocks(root, n, d, lo, hi)
            if perm is not None:
                u = (perm.T[lo:hi] + u) / n
        yield lo, space.ppf(space.correlate(u))
