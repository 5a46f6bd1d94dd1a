"""Model outputs as the analyses read them: one (n, k) array, copied unless it is safe not to."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

import burden.sensitivity as bs
from burden.typing import FloatArray
from burden.uncertainty._evaluate import _normalise


def _space() -> bs.ParameterSpace:
    return bs.ParameterSpace([bs.Parameter("a", (0.0, 1.0)), bs.Parameter("b", (-1.0, 2.0))])


def _rows(p: Mapping[str, FloatArray]) -> FloatArray:
    """Output-major (3, n): a, a * b, a + b."""
    a, b = p["a"], p["b"]
    return np.stack([a, a * b, a + b])


class _ReusedBuffer:
    """A model that writes every call's outputs into the same writable buffer."""

    def __init__(self) -> None:
        self.buffer = np.empty((3, 0))

    def __call__(self, p: Mapping[str, FloatArray]) -> dict[str, FloatArray]:
        n = p["a"].shape[0]
        if self.buffer.shape[1] != n:
            self.buffer = np.empty((3, n))
        self.buffer[...] = _rows(p)
        return {name: self.buffer[j] for j, name in enumerate("xyz")}


def _read_only_rows(p: Mapping[str, FloatArray]) -> dict[str, FloatArray]:
    out = _rows(p)
    out.setflags(write=False)
    return {name: out[j] for j, name in enumerate("xyz")}


def _copies(p: Mapping[str, FloatArray]) -> dict[str, FloatArray]:
    return {name: np.array(row) for name, row in zip("xyz", _rows(p), strict=True)}


def test_rows_of_one_read_only_buffer_are_taken_without_a_copy() -> None:
    p = {"a": np.array([0.5, 1.0]), "b": np.array([2.0, -1.0])}
    raw = _read_only_rows(p)
    y, labels = _normalise(raw, 2)
    assert labels == ("x", "y", "z")
    assert np.shares_memory(y, raw["x"])
    np.testing.assert_array_equal(y, _rows(p).T)
    # the same rows out of order, or of a writable buffer, are copied
    swapped = {"y": raw["y"], "x": raw["x"], "z": raw["z"]}
    y2, labels2 = _normalise(swapped, 2)
    assert labels2 == ("y", "x", "z")
    assert not np.shares_memory(y2, raw["x"])
    np.testing.assert_array_equal(y2, _rows(p)[[1, 0, 2]].T)
    writable = _ReusedBuffer()(p)
    assert not np.shares_memory(_normalise(writable, 2)[0], writable["x"])


def test_a_model_reusing_its_output_buffer_gives_the_same_results() -> None:
    # Chunks smaller than the summary's pilot are held until the pilot is full: a model's
    # writable buffer must not be held (it is written again by the next call).
    kwargs = {"n": 2**17, "rng": 5, "keep_samples": False, "chunk_size": 10_000}
    want = bs.monte_carlo(_copies, _space(), **kwargs)  # type: ignore[arg-type]
    for model in (_ReusedBuffer(), _read_only_rows):
        got = bs.monte_carlo(model, _space(), **kwargs)  # type: ignore[arg-type]
        levels = [0.0, 0.1, 0.5, 0.9, 1.0]
        np.testing.assert_array_equal(got.quantiles(levels), want.quantiles(levels))
        np.testing.assert_array_equal(got.mean, want.mean)
        kept = bs.evaluate(model, _space(), bs.sample(_space(), 300, rng=1), chunk_size=64)
        np.testing.assert_array_equal(
            kept[0], bs.evaluate(_copies, _space(), bs.sample(_space(), 300, rng=1))[0]
        )


def test_a_column_of_a_square_read_only_buffer_is_not_taken_for_a_row() -> None:
    buffer = np.array([[1.0, 2.0], [3.0, 4.0]])
    buffer.setflags(write=False)
    # column 0 starts where row 0 does: only its strides tell them apart
    y, _ = _normalise({"a": buffer[:, 0], "b": buffer[1]}, 2)
    np.testing.assert_array_equal(y, [[1.0, 3.0], [3.0, 4.0]])
