"""Calling a model in fixed blocks of draws, serially or on an executor, with (n, k) outputs.

Every analysis evaluates its model through :func:`_map_blocks`: the rows are cut into
fixed blocks of ``chunk_size`` rows, each block is one model call (in this process, or as
one task of a :class:`concurrent.futures.Executor`), and the outputs are put back in
order. The blocks do not depend on the executor or its number of workers, so parallel
results are bit-identical to serial ones.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from typing import Final, TypeAlias

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, readonly
from burden._core.checks import is_int as _is_int
from burden._core.progress import progress_bar
from burden.errors import InvalidInputError, MissingDataError
from burden.typing import FloatArray
from burden.uncertainty._space import ParameterSpace, _check_space

__all__ = ["DEFAULT_CHUNK_SIZE", "Model", "ModelOutput", "evaluate", "probe"]

Model: TypeAlias = Callable[
    [Mapping[str, FloatArray]], npt.ArrayLike | Mapping[str, npt.ArrayLike]
]
"""A vectorized model: ``{name: array (n,)} -> array (n,) | (n, k) | {label: (n,) | (n, k)}``.

Outputs are copied when they arrive, except the rows of one read-only ``(k, n)`` array
(what the adapters of :mod:`burden.uncertainty.models` return), which are read as they
are: a model must not make such an array writable again and change it later.
"""

ModelOutput: TypeAlias = tuple[FloatArray, tuple[str, ...]]
"""Outputs of shape (n, k) and their k labels."""

DEFAULT_CHUNK_SIZE: Final = 65_536
_MIN_IN_FLIGHT: Final = 8
"""Blocks submitted ahead of the one being collected (at least; twice the workers if known)."""


def _float_columns(raw: Mapping[object, object], n: int) -> ModelOutput | None:
    """Pack the usual mapping output, one float64 (n,) array per key, in a (k, n) buffer.

    Returned as its (n, k) transpose, so that per-output reductions downstream run along
    contiguous rows; None when the mapping holds anything else (then checked in full).
    """
    values = [v for v in raw.values() if isinstance(v, np.ndarray)]
    if len(values) != len(raw) or not all(
        v.dtype == np.float64 and v.shape == (n,) for v in values
    ):
        return None
    out = _rows_of_one_buffer(values, n)
    if out is None:
        out = np.empty((len(values), n), dtype=np.float64)
        for j, value in enumerate(values):  # loop over outputs
            out[j] = value
    if not np.isfinite(out).all():
        return None  # the full path names the bad output
    return out.T, tuple(str(key) for key in raw)


def _rows_of_one_buffer(values: list[FloatArray], n: int) -> FloatArray | None:
    """Return the read-only (k, n) array whose rows `values` are, in order, or None.

    The adapters of :mod:`burden.uncertainty.models` return their outputs as the rows of
    one read-only output-major buffer: taken as it is, it needs no copy. A writable
    buffer is copied (its owner might write it again after the call). The contract (see
    :data:`Model`): a model does not write an array it returned read-only.
    """
    buffer = values[0].base
    if not (
        isinstance(buffer, np.ndarray)
        and buffer.shape == (len(values), n)
        and buffer.dtype == np.float64
        and buffer.flags.c_contiguous
        and not buffer.flags.writeable
    ):
        return None
    start, row = buffer.__array_interface__["data"][0], n * buffer.itemsize
    for j, value in enumerate(values):  # loop over outputs
        if (
            value.base is not buffer
            or value.strides != (buffer.itemsize,)  # a row, not a column of a square buffer
            or value.__array_interface__["data"][0] != start + j * row
        ):
            return None
    return buffer


def _normalise(raw: object, n: int) -> ModelOutput:
    """Turn one model return value into an (n, k) float64 array and k labels."""
    if isinstance(raw, Mapping):
        if not raw:
            raise InvalidInputError(
                field="model output", value=raw, expected="a non-empty mapping of outputs"
            )
        fast = _float_columns(raw, n)
        if fast is not None:
            return fast
        blocks: list[FloatArray] = []
        labels: list[str] = []
        for key, value in raw.items():
            arr, sub = _normalise(value, n)
            blocks.append(arr)
            if np.ndim(value) == 1:
                labels.append(str(key))
            else:
                labels.extend(f"{key}[{j}]" for j in range(len(sub)))
        if all(b.shape[1] == 1 for b in blocks):
            # One column per key (the usual case): output-major buffer, returned as its
            # (n, k) transpose, so that per-output reductions downstream run on rows.
            return np.stack([b[:, 0] for b in blocks]).T, tuple(labels)
        return np.concatenate(blocks, axis=1), tuple(labels)
    arr = np.asarray(raw)
    if arr.dtype == np.bool_:
        arr = arr.astype(np.float64)
    if not (np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)):
        raise InvalidInputError(
            field="model output", value=raw, expected="numbers (float64 arrays)"
        )
    if arr.ndim == 1 and arr.shape[0] == n:
        out = arr.astype(np.float64).reshape(n, 1)
        labels_1d: tuple[str, ...] = ("y",)
    elif arr.ndim == 2 and arr.shape[0] == n:
        out = arr.astype(np.float64)
        labels_1d = tuple(f"y[{j}]" for j in range(arr.shape[1]))
    else:
        raise InvalidInputError(
            field="model output",
            value=arr,
            expected=f"an array of shape ({n},) or ({n}, k), one row per draw",
        )
    if out.shape[1] == 0:
        raise InvalidInputError(
            field="model output", value=arr, expected="at least one output column"
        )
    if not np.isfinite(out).all():
        raise InvalidInputError(
            field="model output", value=arr, expected="finite numbers (no NaN or inf)"
        )
    return out, labels_1d


def _chunk(chunk_size: object) -> int:
    """Validate a chunk size; ``None`` means :data:`DEFAULT_CHUNK_SIZE`."""
    if chunk_size is None:
        return DEFAULT_CHUNK_SIZE
    if not _is_int(chunk_size) or chunk_size < 1:
        raise InvalidInputError(
            field="chunk_size", value=chunk_size, expected="a positive integer or None"
        )
    return int(chunk_size)


def _check_executor(executor: object) -> Executor | None:
    """Validate the `executor` keyword: None (serial) or a concurrent.futures.Executor."""
    if executor is None or isinstance(executor, Executor):
        return executor
    raise InvalidInputError(
        field="executor",
        value=executor,
        expected="None or a concurrent.futures.Executor (e.g. ProcessPoolExecutor, "
        "or distributed.Client(...).get_executor())",
    )


def _run_block(model: Model, names: tuple[str, ...], block: FloatArray) -> ModelOutput:
    """One model call on the rows of `block`, shape (m, d): outputs (m, k) and labels.

    Module-level, so that process pools can pickle it; the same function runs the
    serial path, so both give the same floats.
    """
    params = {name: readonly(np.ascontiguousarray(block[:, j])) for j, name in enumerate(names)}
    return _normalise(model(params), block.shape[0])


def _in_flight(executor: Executor) -> int:
    workers = getattr(executor, "_max_workers", None)
    return max(_MIN_IN_FLIGHT, 2 * workers) if isinstance(workers, int) else 4 * _MIN_IN_FLIGHT


def _map_blocks(
    model: Model,
    names: tuple[str, ...],
    blocks: Iterable[FloatArray],
    executor: Executor | None,
) -> Iterator[ModelOutput]:
    """Yield the outputs of `model` on each block, in the order of `blocks`.

    Serially, or with a bounded number of blocks submitted ahead to `executor`, so that
    a long stream of blocks (Monte Carlo over 1e8 draws) never sits in memory at once.
    On an error the blocks not yet started are cancelled and the error is raised.
    """
    if executor is None:
        for block in blocks:  # loop over blocks of draws; the model is vectorized inside
            yield _run_block(model, names, block)
        return
    ahead = _in_flight(executor)
    pending: deque[Future[ModelOutput]] = deque()
    try:
        for block in blocks:
            pending.append(executor.submit(_run_block, model, names, block))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def probe(model: Model, space: ParameterSpace) -> bool:
    """Check a model against a space before any long computation starts.

    The model is called once on two rows, every input at its nominal value, and
    its output is validated. When the model declares its parameters in a
    ``nominal`` mapping (as the adapters of :mod:`burden.uncertainty.models` do), every name
    of `space` must be one of them.

    Parameters
    ----------
    model : callable
        Vectorized model ``{name: (m,)} -> (m,) | (m, k) | {label: ...}``.
    space : ParameterSpace

    Returns
    -------
    bool
        True when the model returns a bare 1-D array (one output per draw), False
        for a 2-D array or a mapping.

    Raises
    ------
    MissingDataError
        If a parameter of `space` is not a parameter of the model.
    InvalidInputError
        If `model` is not callable, or returns the wrong shape, non-numbers or
        non-finite values at the nominal point.

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0))])
    >>> probe(lambda p: 2 * p["a"], space), probe(lambda p: {"y": p["a"]}, space)
    (True, False)
    """
    space = _check_space(space)
    if not callable(model):
        raise InvalidInputError(
            field="model", value=model, expected="a callable model(params) -> outputs"
        )
    known = getattr(model, "nominal", None)
    if isinstance(known, Mapping):
        for name in space.names:
            if name not in known:
                raise MissingDataError(
                    field="space.parameters",
                    value=name,
                    expected=f"a parameter of the model, one of {sorted(known)}",
                )
    x = np.tile(space.nominal_values(), (2, 1))
    try:
        raw = model(space.as_params(x))
    except KeyError as err:
        # A plain function that reads a name the space does not define.
        raise MissingDataError(
            field="model",
            value=err.args[0] if err.args else None,
            expected=f"a parameter of the space, one of {list(space.names)}",
            hint="the model read a parameter the space does not define",
        ) from None
    _normalise(raw, 2)
    return not isinstance(raw, Mapping) and np.ndim(raw) == 1


def evaluate(
    model: Model,
    space: ParameterSpace,
    x: npt.ArrayLike,
    *,
    chunk_size: int | None = None,
    progress: bool | None = None,
    desc: str = "evaluating model",
    executor: Executor | None = None,
) -> ModelOutput:
    """Evaluate a vectorized model on the rows of `x`, `chunk_size` rows per call.

    Parameters
    ----------
    model : callable
        ``model(params)`` with ``params[name]`` a read-only float64 array of shape
        (m,) for each parameter of `space`; returns an array of shape (m,) or (m, k),
        or a mapping from labels to such arrays.
    space : ParameterSpace
        Names the columns of `x`.
    x : array_like, shape (n, d)
        Input values, one draw per row.
    chunk_size : int, optional
        Maximum rows passed to one model call (bounds memory); default 65536.
    progress : bool or None, default None
        Show a tqdm bar over chunks; ``None`` shows it when stderr is a terminal or in a Jupyter notebook.
    desc : str
        Label of the bar.
    executor : concurrent.futures.Executor, optional
        Run the blocks of `chunk_size` rows as tasks of this executor (a
        ``ProcessPoolExecutor``, or ``distributed.Client(...).get_executor()`` for a
        Dask cluster). The blocks are the same as in a serial run, so the outputs are
        bit-identical for any executor and number of workers. A process pool needs a
        picklable model (a function defined at module level, or an adapter of
        :mod:`burden.uncertainty.models`); Dask pickles lambdas and closures too.

    Returns
    -------
    outputs : ndarray of float64, shape (n, k)
    labels : tuple of str, length k
        ``"y"`` for a 1-D output, ``"y[j]"`` for the columns of a 2-D output,
        ``"key"`` or ``"key[j]"`` for the entries of a mapping.

    Raises
    ------
    InvalidInputError
        If `x` is not (n, d), the model returns the wrong shape, non-numbers or
        non-finite values, or its labels change between chunks.

    Examples
    --------
    >>> from burden.sensitivity import Parameter, ParameterSpace
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 1.0))])
    >>> y, labels = evaluate(lambda p: {"sum": p["a"] + p["b"]}, space, [[1.0, 2.0], [3.0, 4.0]])
    >>> y.ravel().tolist(), labels
    ([3.0, 7.0], ('sum',))
    """
    space = _check_space(space)
    arr = as_float_array(x, "x", allow_nan=True, allow_inf=True)
    if arr.ndim != 2 or arr.shape[1] != space.d or arr.shape[0] == 0:
        raise InvalidInputError(
            field="x", value=arr, expected=f"an (n, {space.d}) array of input values, n >= 1"
        )
    chunk_size = _chunk(chunk_size)
    if not callable(model):
        raise InvalidInputError(
            field="model", value=model, expected="a callable model(params) -> outputs"
        )
    pool = _check_executor(executor)
    n, step = arr.shape[0], int(chunk_size)
    blocks = (arr[lo : lo + step] for lo in range(0, n, step))
    return _collect(model, space.names, blocks, n, pool, progress=progress, desc=desc, step=step)


def _collect(
    model: Model,
    names: tuple[str, ...],
    blocks: Iterable[FloatArray],
    n: int,
    executor: Executor | None,
    *,
    progress: bool | None,
    desc: str,
    step: int,
) -> ModelOutput:
    """Evaluate `model` on consecutive `blocks` of rows (n rows in all, `step` per block).

    Returns the read-only (n, k) outputs and their labels; the labels must not change
    between blocks.
    """
    out: FloatArray | None = None
    labels: tuple[str, ...] = ()
    lo = 0
    with progress_bar(-(-n // step), progress=progress, desc=desc) as bar:
        for chunk, chunk_labels in _map_blocks(model, names, blocks, executor):
            hi = lo + chunk.shape[0]
            if out is None:
                out = np.empty((n, chunk.shape[1]), dtype=np.float64)
                labels = chunk_labels
            elif chunk_labels != labels:
                raise InvalidInputError(
                    field="model output",
                    value=chunk_labels,
                    expected=f"the same outputs in every chunk: {labels}",
                )
            out[lo:hi] = chunk
            lo = hi
            bar.update(1)
    assert out is not None  # n >= 1
    return readonly(out), labels
