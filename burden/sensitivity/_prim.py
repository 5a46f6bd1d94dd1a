"""Scenario discovery with PRIM: boxes of input space where an outcome of interest is dense."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_flag, as_float_array, as_names, as_number, readonly
from burden._core.results import Result, Table
from burden.errors import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes

    from burden.typing import BoolArray, FloatArray
    from burden.uncertainty._montecarlo import MonteCarloResult

__all__ = ["PrimResult", "prim"]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class PrimResult(Result):
    """The peeling trajectory of PRIM and the chosen (pasted) box.

    Attributes
    ----------
    names : tuple of str, length d
    boxes : ndarray, shape (s, 2, d)
        Lower and upper limits of every box on the peeling trajectory (step 0 is
        the whole space); ``-inf``/``inf`` where a dimension is unrestricted. A
        point is inside when ``low <= x <= high`` in every dimension.
    coverage, density, mass : ndarray, shape (s,)
        Share of all cases of interest inside the box, share of cases inside the
        box that are of interest, and share of all points inside the box.
    chosen : int
        Trajectory step the final box was pasted from.
    box : ndarray, shape (2, d)
        The final box (after pasting).
    box_coverage, box_density, box_mass : float
    inside : ndarray of bool, shape (n,)
        Which points are inside the final box.
    alpha, min_mass, min_density : float
        The options used (``threshold`` is the old name of ``min_density``).
    case : str
        What a case of interest is, e.g. ``"total ratio > 5"``; empty when the
        outcome was given as an array.
    """

    names: tuple[str, ...]
    boxes: FloatArray
    coverage: FloatArray
    density: FloatArray
    mass: FloatArray
    chosen: int
    box: FloatArray
    box_coverage: float
    box_density: float
    box_mass: float
    inside: BoolArray
    alpha: float
    min_mass: float
    min_density: float
    case: str = ""

    @property
    def threshold(self) -> float:
        """The minimum density of the chosen box (old name of :attr:`min_density`)."""
        return self.min_density

    _title = "PRIM box (scenario discovery)"

    def _facts(self) -> list[tuple[str, object]]:
        flags = np.isfinite(self.box).any(axis=0)
        restricted = [self.names[i] for i in np.flatnonzero(flags)]
        return [
            ("chosen step", self.chosen),
            ("coverage", f"{self.box_coverage:.1%}"),
            ("density", f"{self.box_density:.1%}"),
            ("mass", f"{self.box_mass:.1%}"),
            ("restricts", ", ".join(restricted) or "nothing"),
        ]

    def _display(self) -> Table:
        return Table(
            self.box_frame(), note="Limits of the chosen box; .to_frame() gives the trajectory."
        )

    def to_frame(self) -> pd.DataFrame:
        """Return the coverage-density trade-off: ``step``, ``coverage``, ``density``, ``mass``, ``restricted``."""
        restricted = np.isfinite(self.boxes).any(axis=1).sum(axis=1)
        return pd.DataFrame(
            {
                "step": np.arange(self.coverage.size),
                "coverage": self.coverage,
                "density": self.density,
                "mass": self.mass,
                "restricted": restricted,
            }
        )

    def box_frame(self) -> pd.DataFrame:
        """Limits of the final box: ``input``, ``low``, ``high``, ``restricted``."""
        return pd.DataFrame(
            {
                "input": list(self.names),
                "low": self.box[0],
                "high": self.box[1],
                "restricted": np.isfinite(self.box).any(axis=0),
            }
        )

    def plot(self, ax: Axes | None = None, *, title: str | None = None) -> Axes:
        """Draw the coverage-density trade-off with the chosen box (needs the plot extra).

        See :func:`burden.plot.plot_tradeoff`.
        """
        from burden.plot import plot_tradeoff  # noqa: PLC0415 (matplotlib is optional)

        return plot_tradeoff(self.coverage, self.density, chosen=self.chosen, ax=ax, title=title)


def _inside(x: FloatArray, box: FloatArray) -> BoolArray:
    return np.asarray(((x >= box[0]) & (x <= box[1])).all(axis=1), dtype=np.bool_)


def _paste(x: FloatArray, y: BoolArray, box: FloatArray, alpha: float) -> FloatArray:
    """Widen restricted box edges while that raises the density (Friedman & Fisher 1999, 5)."""
    box = box.copy()
    d = x.shape[1]
    while True:  # each round tries every edge once; rounds stop when nothing improves
        sat = (x >= box[0]) & (x <= box[1])  # (n, d)
        inside = sat.all(axis=1)
        m = int(inside.sum())
        density = y[inside].mean()
        others_ok = (sat.sum(axis=1)[:, None] - sat) == d - 1  # (n, d): all other limits hold
        n_add = max(1, int(np.ceil(alpha * m)))
        best_density, best_edge = density, None
        for side in (0, 1):  # short loop over the 2d edges, each vectorized over points
            for j in np.flatnonzero(np.isfinite(box[side])):
                beyond = x[:, j] < box[0, j] if side == 0 else x[:, j] > box[1, j]
                cand = x[others_ok[:, j] & beyond, j]
                if cand.size == 0:
                    continue
                cand = np.sort(cand)
                limit = (
                    cand[-min(n_add, cand.size)] if side == 0 else cand[min(n_add, cand.size) - 1]
                )
                trial = box.copy()
                trial[side, j] = limit
                new_inside = _inside(x, trial)
                new_density = y[new_inside].mean()
                if new_density > best_density:
                    best_density, best_edge = new_density, (side, j, limit)
        if best_edge is None:
            return box
        side, j, limit = best_edge
        box[side, j] = limit


def _monte_carlo_cases(
    result: MonteCarloResult, output: str | None, above: float | None, below: float | None
) -> tuple[FloatArray, BoolArray, tuple[str, ...], str]:
    """Return inputs, cases of interest, input names and a description of the cases."""
    if result.inputs is None or result.outputs is None:
        raise InvalidInputError(
            "inputs", result, "a Monte Carlo result with its draws (keep_samples=True)"
        )
    names = list(result.output_names)
    if output is None:
        if len(names) != 1:
            raise InvalidInputError("output", None, f"the output to test, one of {names}")
        output = names[0]
    if output not in names:
        close = difflib.get_close_matches(str(output), names, n=1)
        hint = f'did you mean "{close[0]}"?' if close else ""
        raise InvalidInputError("output", output, f"one of {names}", hint=hint)
    if above is None and below is None:
        raise InvalidInputError(
            "above, below", None, "an output threshold: above=VALUE and/or below=VALUE"
        )
    y = result.outputs[:, names.index(output)]
    case = np.ones(y.shape, dtype=np.bool_)
    parts = []
    if above is not None:
        low = float(as_float_array(above, "above"))
        case &= y > low
        parts.append(f"{output} > {low:g}")
    if below is not None:
        high = float(as_float_array(below, "below"))
        case &= y < high
        parts.append(f"{output} < {high:g}")
    return result.inputs, case, tuple(result.input_names), " and ".join(parts)


def prim(
    inputs: npt.ArrayLike | pd.DataFrame | MonteCarloResult,
    outcome: npt.ArrayLike | None = None,
    *,
    output: str | None = None,
    above: float | None = None,
    below: float | None = None,
    names: Sequence[str] | None = None,
    alpha: float = 0.05,
    min_mass: float = 0.05,
    min_density: float | None = None,
    paste: bool = True,
    threshold: float | None = None,
) -> PrimResult:
    r"""Find a box of input space where the cases of interest are concentrated (PRIM).

    Parameters
    ----------
    inputs : array_like, shape (n, d), pandas.DataFrame, or MonteCarloResult
        Sampled input values, e.g. ``MonteCarloResult.inputs``; or a Monte Carlo
        result itself (with its draws kept), whose `output` compared with `above`
        and/or `below` defines the cases of interest.
    outcome : array_like of bool, shape (n,), optional
        True for the cases of interest (e.g. "the cost share exceeds the red line").
        Required with an array of inputs; not with a Monte Carlo result.
    output : str, optional
        With a Monte Carlo result: the output to test (default: its only output).
    above, below : float, optional
        With a Monte Carlo result: a case of interest has ``output > above`` (and
        ``output < below``), in the output's units.
    names : sequence of str, optional
        Input names (default: the DataFrame's columns, the result's input names, or
        ``"x0"``, ``"x1"``, ...).
    alpha : float, default 0.05
        Peeling (and pasting) fraction: each step removes the share `alpha` of the
        points in the box along one edge.
    min_mass : float, default 0.05
        Peeling stops before the box would hold fewer than this share of all points.
    min_density : float, default 0.8
        The chosen box is the trajectory box with the largest coverage among those
        with density >= `min_density` (the densest box if none reaches it).
    paste : bool, default True
        Widen the chosen box's edges while that raises its density.
    threshold : float, optional
        The old name of `min_density` (a density, not an output threshold: for that,
        use `above` or `below`); still accepted.

    Returns
    -------
    PrimResult

    Raises
    ------
    InvalidInputError
        If the shapes disagree, the outcome is not boolean or has no True case, the
        options are out of range, or both `min_density` and `threshold` are given.

    Notes
    -----
    Peeling (Friedman & Fisher 1999): at each step, for every dimension, the
    candidates are "drop the points below the `alpha` quantile" and "drop those
    above the 1 - `alpha` quantile" of the points in the box; the candidate with the
    highest remaining density is taken. All 2d candidates of a step are evaluated
    at once. With :math:`y_i\in\{0,1\}` and box :math:`B`:
    coverage :math:`=\sum_{i\in B} y_i / \sum_i y_i`, density
    :math:`=\sum_{i\in B} y_i / |B|`, mass :math:`= |B|/n`. The trajectory of
    (coverage, density) pairs is the trade-off curve of Bryant & Lempert (2010).

    References
    ----------
    .. [1] J. H. Friedman and N. I. Fisher, "Bump hunting in high-dimensional
       data", Statistics and Computing 9, 123-143, 1999.
    .. [2] B. P. Bryant and R. J. Lempert, "Thinking inside the box: A
       participatory, computer-assisted approach to scenario discovery",
       Technological Forecasting & Social Change 77, 34-49, 2010.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.random((2000, 2))
    >>> y = (x[:, 0] > 0.6) & (x[:, 1] < 0.5)
    >>> res = prim(x, y, names=["fx", "growth"], min_density=0.95)
    >>> res.box_density > 0.9 and res.box_coverage > 0.8
    True
    >>> print(np.round(res.box, 1))
    [[ 0.6 -inf]
     [ inf  0.5]]

    From a Monte Carlo result, with an output threshold:

    >>> from burden.sensitivity import Parameter, ParameterSpace, monte_carlo
    >>> space = ParameterSpace([Parameter("a", (0.0, 1.0)), Parameter("b", (0.0, 1.0))])
    >>> mc = monte_carlo(lambda p: {"sum": p["a"] + p["b"]}, space, n=1024, rng=0)
    >>> res = prim(mc, output="sum", above=1.5, min_density=0.9)
    >>> res.case, res.box_density > 0.9
    ('sum > 1.5', True)
    """
    from burden.uncertainty._montecarlo import MonteCarloResult  # noqa: PLC0415

    if min_density is not None and threshold is not None:
        raise InvalidInputError(
            "threshold", threshold, "only min_density= (threshold= is its old name), not both"
        )
    density_option: float = 0.8
    if min_density is not None:
        density_option = min_density
    elif threshold is not None:
        density_option = threshold
    case = ""
    if isinstance(inputs, MonteCarloResult):
        if outcome is not None:
            raise InvalidInputError(
                "outcome", "given", "no outcome with a Monte Carlo result (use output=, above=)"
            )
        x_mc, outcome, mc_names, case = _monte_carlo_cases(inputs, output, above, below)
        inputs = x_mc
        names = mc_names if names is None else names
    elif outcome is None:
        raise InvalidInputError("outcome", None, "a boolean array of cases of interest")
    elif output is not None or above is not None or below is not None:
        raise InvalidInputError(
            "output", output, "output=, above= and below= only with a Monte Carlo result"
        )
    if isinstance(inputs, pd.DataFrame):
        default_names = tuple(str(c) for c in inputs.columns)
        x = as_float_array(inputs.to_numpy(dtype=np.float64), "inputs")
    else:
        x = as_float_array(inputs, "inputs")
        default_names = tuple(f"x{j}" for j in range(x.shape[1])) if x.ndim == 2 else ()
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 1:
        raise InvalidInputError(
            field="inputs", value=x, expected="an (n, d) array with n >= 2 and d >= 1"
        )
    n, d = x.shape
    y_raw = np.asarray(outcome)
    if y_raw.shape != (n,) or not (
        y_raw.dtype == np.bool_
        or (np.issubdtype(y_raw.dtype, np.number) and np.isin(y_raw, (0, 1)).all())
    ):
        raise InvalidInputError(
            field="outcome", value=outcome, expected=f"a boolean array of shape ({n},)"
        )
    y = y_raw.astype(np.bool_)
    total = int(y.sum())
    if total == 0:
        raise InvalidInputError(
            field="outcome", value=outcome, expected="at least one True case of interest"
        )
    labels = default_names if names is None else as_names(names, "names")
    if len(labels) != d:
        raise InvalidInputError(field="names", value=names, expected=f"{d} input names")
    alpha_f = as_number(alpha, "alpha")
    if not 0.0 < alpha_f < 0.5:
        raise InvalidInputError(
            field="alpha", value=alpha, expected="a peeling fraction in (0, 0.5)"
        )
    min_mass_f = as_number(min_mass, "min_mass")
    if not 0.0 < min_mass_f < 1.0:
        raise InvalidInputError(field="min_mass", value=min_mass, expected="a share in (0, 1)")
    field = "min_density" if threshold is None else "threshold"
    threshold_f = as_number(density_option, field)
    if not 0.0 <= threshold_f <= 1.0:
        raise InvalidInputError(field=field, value=density_option, expected="a density in [0, 1]")

    box = np.array([np.full(d, -np.inf), np.full(d, np.inf)])
    inside = np.ones(n, dtype=np.bool_)
    boxes, counts, hits = [box.copy()], [n], [total]
    min_count = max(1, int(np.ceil(min_mass_f * n)))
    while True:  # peeling steps; each step is vectorized over points and the 2d candidates
        xi, yi = x[inside], y[inside]
        m = xi.shape[0]
        q = np.quantile(xi, [alpha_f, 1.0 - alpha_f], axis=0)  # (2, d)
        keep = np.concatenate([xi >= q[0], xi <= q[1]], axis=1)  # (m, 2d)
        kept = keep.sum(axis=0)
        pos = (keep & yi[:, None]).sum(axis=0)
        valid = (kept < m) & (kept >= min_count)
        if not valid.any():
            break
        with np.errstate(divide="ignore", invalid="ignore"):
            dens = np.where(valid, pos / kept, -np.inf)
        best = int(np.argmax(dens))
        side, j = divmod(best, d)
        box[side, j] = q[side, j]
        inside[inside] = keep[:, best]
        boxes.append(box.copy())
        counts.append(int(kept[best]))
        hits.append(int(pos[best]))
    count_arr = np.asarray(counts, dtype=np.float64)
    hit_arr = np.asarray(hits, dtype=np.float64)
    coverage, density, mass = hit_arr / total, hit_arr / count_arr, count_arr / n
    ok = np.flatnonzero(density >= threshold_f)
    chosen = int(ok[np.argmax(coverage[ok])]) if ok.size else int(np.argmax(density))
    final = boxes[chosen]
    if as_flag(paste, "paste"):
        final = _paste(x, y, final, alpha_f)
    final_inside = _inside(x, final)
    n_in = int(final_inside.sum())
    return PrimResult(
        names=labels,
        boxes=readonly(np.stack(boxes)),
        coverage=readonly(coverage),
        density=readonly(density),
        mass=readonly(mass),
        chosen=chosen,
        box=readonly(final),
        box_coverage=float(y[final_inside].sum() / total),
        box_density=float(y[final_inside].mean()) if n_in else float("nan"),
        box_mass=n_in / n,
        inside=readonly(final_inside),
        alpha=alpha_f,
        min_mass=min_mass_f,
        min_density=threshold_f,
        case=case,
    )
