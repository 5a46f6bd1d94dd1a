"""Calling a model in chunks of draws and normalising its outputs to (n, k) plus labels."""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
"""A vectorized model: ``{name: array (n,)} -> array (n,) | (n, k) | {label: (n,) | (n, k)}``."""

ModelOutput: TypeAlias = tuple[FloatArray, tuple[str, ...]]
"""Outputs of shape (n, k) and their k labels."""

DEFAULT_CHUNK_SIZE: Final = 65_536


def _normalise(raw: object, n: int) -> ModelOutput:
    """Turn one model return value into an (n, k) float64 array and k labels."""
    if isinstance(raw, Mapping):
        if not raw:
            raise InvalidInputError(
                field="model output", value=raw, expected="a non-empty mapping of outputs"
            )
        blocks: list[FloatArray] = []
        labels: list[str] = []
        for key, value in raw.items():
            arr, sub = _normalise(value, n)
            blocks.append(arr)
            if np.ndim(value) == 1:
                labels.append(str(key))
            else:
                labels.extend(f"{key}[{j}]" for j in range(len(sub)))
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
        Show a tqdm bar over chunks; ``None`` shows it only when stderr is a TTY.
    desc : str
        Label of the bar.

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
    n = arr.shape[0]
    starts = range(0, n, int(chunk_size))
    out: FloatArray | None = None
    labels: tuple[str, ...] = ()
    with progress_bar(len(starts), progress=progress, desc=desc) as bar:
        for lo in starts:  # loop over chunks of draws; the model is vectorized inside
            hi = min(lo + int(chunk_size), n)
            chunk, chunk_labels = _normalise(model(space.as_params(arr[lo:hi])), hi - lo)
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
            bar.update(1)
    assert out is not None  # n >= 1
    return readonly(out), labels
