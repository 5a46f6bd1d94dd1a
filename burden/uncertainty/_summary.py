"""The streaming summary of Monte Carlo outputs: sums, a histogram and exact tails per output.

Fed chunk by chunk, so that a run over 1e8 draws keeps no draw: means and variances from
shifted sums, quantiles from a 2^16-bin histogram over the range of the first draws (the
pilot), with every value outside that range kept exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

from burden._core.checks import readonly

if TYPE_CHECKING:
    from burden.typing import FloatArray

_PILOT: Final = 2**16
"""Leading draws that fix the histogram range of the summary (chunk-independent)."""
_BINS: Final = 2**16
"""Histogram bins per output in the summary."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class _Summary:
    """Histogram of each output between the extremes of the pilot draws, exact tails.

    ``counts[j, b]`` counts draws with output j in bin b of ``[low_j, high_j]``;
    values outside that range are kept exactly (sorted) in ``below[j]``/``above[j]``.
    """

    low: FloatArray  # (k,)
    width: FloatArray  # (k,)
    counts: npt.NDArray[np.int64]  # (k, B)
    below: tuple[FloatArray, ...]  # k sorted arrays
    above: tuple[FloatArray, ...]
    minimum: FloatArray  # (k,) exact extremes
    maximum: FloatArray

    def order_statistics(self, j: int, ranks: npt.NDArray[np.int64]) -> FloatArray:
        """Approximate order statistics (0-based `ranks`) of output `j`."""
        below, above, counts = self.below[j], self.above[j], self.counts[j]
        cum = np.cumsum(counts)
        inner = ranks - below.size
        in_body = (inner >= 0) & (inner < cum[-1])
        b = np.searchsorted(cum, np.clip(inner, 0, max(int(cum[-1]) - 1, 0)), side="right")
        b = np.minimum(b, counts.size - 1)
        before = cum[b] - counts[b]
        with np.errstate(divide="ignore", invalid="ignore"):
            pos = (inner - before + 0.5) / counts[b]
        body = self.low[j] + self.width[j] * (b + pos)
        out = np.where(in_body, body, 0.0)
        if below.size:
            out = np.where(inner < 0, below[np.clip(ranks, 0, below.size - 1)], out)
        if above.size:
            high_idx = inner - int(cum[-1])
            out = np.where(high_idx >= 0, above[np.clip(high_idx, 0, above.size - 1)], out)
        last = below.size + int(cum[-1]) + above.size - 1
        out = np.where(ranks <= 0, self.minimum[j], np.where(ranks >= last, self.maximum[j], out))
        return np.asarray(out, dtype=np.float64)


class _Accumulator:
    """Streaming sums and histogram of outputs, fed chunk by chunk (mutable, private)."""

    def __init__(self) -> None:
        self.pending: list[FloatArray] = []
        self.n = 0
        self.shift: FloatArray | None = None
        self.s1: FloatArray | None = None
        self.s2: FloatArray | None = None
        self.low = np.empty(0)
        self.high = np.empty(0)
        self.width = np.empty(0)
        self._divisor = np.empty(0)
        self._work: tuple[FloatArray, npt.NDArray[np.int64]] | None = None
        self.counts = np.empty((0, 0), dtype=np.int64)
        self.minimum = np.empty(0)
        self.maximum = np.empty(0)
        self.below: list[list[FloatArray]] = []
        self.above: list[list[FloatArray]] = []

    def add(self, y: FloatArray, total: int) -> None:
        if self.shift is None:
            self.pending.append(y)
            seen = sum(p.shape[0] for p in self.pending)
            if seen < min(total, _PILOT):
                return
            block = np.concatenate(self.pending)
            self.pending = []
            pilot = block[:_PILOT]
            k = block.shape[1]
            self.shift = pilot.mean(axis=0)
            self.s1 = np.zeros(k)
            self.s2 = np.zeros(k)
            self.low = pilot.min(axis=0)
            self.high = pilot.max(axis=0)
            self.minimum = self.low.copy()
            self.maximum = self.high.copy()
            spread = self.high - self.low
            self.width = spread / _BINS  # 0 for a constant output: every value is `low`
            self._divisor = np.where(self.width > 0.0, self.width, 1.0)
            self.counts = np.zeros((k, _BINS), dtype=np.int64)
            self.below = [[] for _ in range(k)]
            self.above = [[] for _ in range(k)]
            y = block
        assert self.s1 is not None
        assert self.s2 is not None
        assert self.shift is not None
        # Output-major (k, m): every reduction and comparison below runs along contiguous
        # rows (reducing a narrow (m, k) array over axis 0 is several times slower).
        yt = y.T if y.flags.f_contiguous else np.ascontiguousarray(y.T)
        c, idx = self._scratch(yt.shape)
        np.subtract(yt, self.shift[:, np.newaxis], out=c)
        self.s1 += c.sum(axis=1)
        c *= c
        self.s2 += c.sum(axis=1)
        self.n += yt.shape[1]
        # Two reductions say which outputs have values outside the pilot range (usually
        # none, or a few); only those rows are masked, and their tail values are sent to
        # one extra bin that is dropped, so the histogram is one bincount of every value.
        tails = (yt.min(axis=1) < self.low) | (yt.max(axis=1) > self.high)
        np.subtract(yt, self.low[:, np.newaxis], out=c)
        c /= self._divisor[:, np.newaxis]
        np.copyto(idx, c, casting="unsafe")  # truncates, as astype(np.int64) does
        np.minimum(idx, _BINS - 1, out=idx)
        idx += (np.arange(yt.shape[0], dtype=np.int64) * _BINS)[:, np.newaxis]
        dropped = self.counts.size
        for j in np.flatnonzero(tails):  # loop over outputs with tail values
            self._add_tails(int(j), yt[j], idx[j], dropped)
        counts = np.bincount(idx.ravel(), minlength=dropped + 1)
        self.counts += counts[:dropped].reshape(self.counts.shape)

    def _scratch(self, shape: tuple[int, ...]) -> tuple[FloatArray, npt.NDArray[np.int64]]:
        """Work arrays of a chunk's shape, kept for the next chunk of that shape.

        Chunks have one size but the last: reusing them spares the allocation (and the
        first-touch page faults) of two (k, m) arrays per chunk.
        """
        if self._work is None or self._work[0].shape != shape:
            self._work = (np.empty(shape), np.empty(shape, dtype=np.int64))
        return self._work

    def _add_tails(
        self, j: int, values: FloatArray, bins: npt.NDArray[np.int64], dropped: int
    ) -> None:
        """Keep output `j`'s values outside the pilot range exactly, out of its histogram.

        Their `bins` are set to `dropped`; the extremes move (only tail values can move them:
        the pilot's are ``low`` and ``high``).
        """
        is_below = values < self.low[j]
        is_above = values > self.high[j]
        below, above = values[is_below], values[is_above]
        self.below[j].append(below)
        self.above[j].append(above)
        bins[is_below] = dropped
        bins[is_above] = dropped
        if below.size:
            self.minimum[j] = min(self.minimum[j], below.min())
        if above.size:
            self.maximum[j] = max(self.maximum[j], above.max())

    def finish(self) -> tuple[FloatArray, FloatArray, _Summary]:
        assert self.s1 is not None
        assert self.s2 is not None
        assert self.shift is not None
        n = self.n
        mean = self.shift + self.s1 / n
        var = (self.s2 - self.s1 * self.s1 / n) / (n - 1)

        def tails(parts: list[list[FloatArray]]) -> tuple[FloatArray, ...]:
            return tuple(readonly(np.sort(np.concatenate(p)) if p else np.empty(0)) for p in parts)

        summary = _Summary(
            low=readonly(self.low),
            width=readonly(self.width),
            counts=readonly(self.counts),
            below=tails(self.below),
            above=tails(self.above),
            minimum=readonly(self.minimum),
            maximum=readonly(self.maximum),
        )
        return mean, np.maximum(var, 0.0), summary
