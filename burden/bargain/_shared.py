"""Helpers shared by the bargaining modules: pairs, weights, broadcasting, tidy indexes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_float_array, broadcast_batch
from burden.errors import InvalidInputError
from burden.typing import FloatArray

Pair: TypeAlias = Sequence[npt.ArrayLike] | FloatArray
"""A pair ``(first, second)``; each entry a number or an array of draws."""


_WEIGHT_TOL: Final = 1e-9


def _batch_index(shape: tuple[int, ...]) -> pd.Index:
    """Index of a tidy frame with one row per element of an array of `shape`."""
    if len(shape) <= 1:
        return pd.RangeIndex(shape[0] if shape else 1, name="draw")
    names = ["draw", *(f"axis_{k}" for k in range(1, len(shape)))]
    codes = np.indices(shape).reshape(len(shape), -1)
    return pd.MultiIndex.from_arrays(list(codes), names=names)


def _pair(value: object, field: str) -> tuple[FloatArray, FloatArray]:
    """Split a pair ``(first, second)`` into two float64 arrays, or raise naming `field`."""
    expected = "a pair (first, second) of numbers or arrays"
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        raise InvalidInputError(field, value, expected)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        raise InvalidInputError(field, value, expected)
    if len(value) != 2:
        raise InvalidInputError(
            field, value, expected, hint="for draws pass two arrays, e.g. (d[:, 0], d[:, 1])"
        )
    return as_float_array(value[0], f"{field}[0]"), as_float_array(value[1], f"{field}[1]")


def _weights(value: object) -> tuple[FloatArray, FloatArray]:
    w1, w2 = _pair(value, "weights")
    broadcast_batch({"weights[0]": w1, "weights[1]": w2})
    if (w1 < 0).any() or (w2 < 0).any() or (np.abs(w1 + w2 - 1.0) > _WEIGHT_TOL).any():
        field = "weights"
        raise InvalidInputError(field, value, "two non-negative weights that sum to 1")
    return w1, w2


def _full(arr: FloatArray, shape: tuple[int, ...]) -> FloatArray:
    """Return a fresh, writable float64 copy of `arr` broadcast to `shape`."""
    return np.array(np.broadcast_to(arr, shape), dtype=np.float64)


def _positive_or_one(arr: FloatArray) -> FloatArray:
    return np.where(arr > 0.0, arr, 1.0)
