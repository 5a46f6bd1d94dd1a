"""LP machinery: the sequential LPs of the nucleolus, Kohlberg's criterion and the least core.

Engines on any game's arrays (HiGHS through highspy); the public functions with their
documentation are in :mod:`~burden.allocation.games.nucleoli` and
:mod:`~burden.allocation.games.epsilon_core`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt
from scipy.linalg import orth

from burden._core.checks import readonly
from burden.allocation.games._coalitions import _bits, _coalition_sums, _singletons
from burden.allocation.games._forms import _allocation, _back, _value_form
from burden.allocation.games.results import LeastCoreResult, NucleolusResult
from burden.errors import InfeasibleError, InvalidInputError

if TYPE_CHECKING:
    from burden.allocation.games._forms import Domain, GameLike
    from burden.typing import BoolArray, FloatArray, IntArray

NUCLEOLUS_MAX_PLAYERS: Final = 16
"""Largest game :func:`nucleolus` accepts (its excess checks cover 2**n - 2 coalitions)."""

_FEASIBILITY_TOL: Final = 1e-10
_ROWS_PER_SOLVE: Final = 64
_DUAL_TOL: Final = 1e-9
_SPAN_TOL: Final = 1e-9
_EXCESS_RTOL: Final = 1e-7


def _highs() -> Any:
    """Return a silent HiGHS model (highspy, the HiGHS project's Python interface)."""
    import highspy  # noqa: PLC0415 - loads with the first LP

    # The bare model class: the public ``highspy.Highs`` prints a banner on stdout when
    # it is made and wires up callbacks that these small LPs do not use.
    model = getattr(getattr(highspy, "_core", None), "_Highs", highspy.Highs)
    h = model()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("presolve", "off")  # small LPs, warm-started: presolve only costs
    return h


class _CoalitionLP:
    r"""The LP of one nucleolus round, kept in HiGHS and solved by constraint generation.

    ``min eps`` s.t. :math:`x(S) + \varepsilon \ge v(S)` for the free coalitions,
    :math:`x(S) = v(S) - \varepsilon_j` for the fixed ones, :math:`x(N) = v(N)` and,
    over imputations, :math:`x_i \ge v(\{i\})`. Only the coalition rows that have
    been violated are in the LP: each solve starts from the singletons and their
    complements, then adds the most violated free coalitions (found for all
    :math:`2^n` coalitions at once from :func:`_coalition_sums`) until none is, so the
    LP has a few hundred rows instead of :math:`2^n - 2`. A coalition outside the LP
    has dual 0, so the duals are those of the full LP. One HiGHS model lives through
    all rounds: fixing a coalition or dropping one changes its row in place, and each
    solve warm-starts from the last basis.
    """

    def __init__(self, worth: FloatArray, grand: float, n: int, lower: FloatArray | None):
        import highspy  # noqa: PLC0415 - loads with the first LP

        self._hs = highspy
        self.n = n
        self.worth = worth
        self.masks = np.arange(1, worth.size + 1, dtype=np.int64)
        self.row = np.full(worth.size, -1, dtype=np.int64)
        self.n_rows = 1
        self.n_solves = 0
        h = _highs()
        inf = highspy.kHighsInf
        x_low = np.full(n, -inf) if lower is None else lower
        none_i, none_f = np.zeros(0, np.int32), np.zeros(0)
        h.addCols(n + 1, np.append(np.zeros(n), 1.0), np.append(x_low, -inf),
                  np.full(n + 1, inf), 0, none_i, none_i, none_f)  # fmt: skip
        ones = np.arange(n, dtype=np.int32)
        h.addRows(1, np.array([grand]), np.array([grand]), n, np.zeros(1, np.int32), ones,
                  np.ones(n))  # fmt: skip
        self.h = h
        single = _singletons(n)
        self._add(np.unique(np.concatenate([single, (2**n - 1) ^ single])) - 1)

    def _add(self, coalitions: IntArray) -> None:
        """Append the rows ``x(S) + eps >= v(S)`` of `coalitions` (0-based, S - 1)."""
        member = (self.masks[coalitions, None] >> np.arange(self.n)) & 1
        k, cols = np.nonzero(np.hstack([member, np.ones((coalitions.size, 1), np.int64)]))
        starts = np.searchsorted(k, np.arange(coalitions.size)).astype(np.int32)
        self.h.addRows(coalitions.size, self.worth[coalitions],
                       np.full(coalitions.size, self._hs.kHighsInf), cols.size, starts,
                       cols.astype(np.int32), np.ones(cols.size))  # fmt: skip
        self.row[coalitions] = np.arange(self.n_rows, self.n_rows + coalitions.size)
        self.n_rows += coalitions.size

    def solve(self, free: BoolArray) -> tuple[FloatArray, float, FloatArray]:
        """Optimal ``x``, ``eps`` and the dual of every coalition's row (0 if absent)."""
        while True:  # constraint generation: a few solves, each adding violated rows
            self.h.run()
            self.n_solves += 1
            if self.h.getModelStatus() != self._hs.HighsModelStatus.kOptimal:
                field = "game"
                status = self.h.modelStatusToString(self.h.getModelStatus())
                raise InfeasibleError(field, status, "an LP that HiGHS solves to optimality")
            solution = self.h.getSolution()
            col = np.asarray(solution.col_value, dtype=np.float64)
            x, eps = col[: self.n], float(col[self.n])
            gap = self.worth - _coalition_sums(x)[1:-1] - eps
            gap[~free | (self.row >= 0)] = -np.inf
            bad = np.flatnonzero(gap > _FEASIBILITY_TOL)
            if bad.size == 0:
                break
            self._add(bad[np.argsort(-gap[bad], kind="stable")[:_ROWS_PER_SOLVE]])
        duals = np.asarray(solution.row_dual, dtype=np.float64)
        dual = np.where(self.row >= 0, duals[np.maximum(self.row, 0)], 0.0)
        return x, eps, dual

    def fix(self, coalitions: IntArray, eps: float) -> None:
        """Turn coalition rows into the equalities ``x(S) = v(S) - eps``."""
        rows = self.row[coalitions].astype(np.int32)
        for r in rows:  # a few rows per round: positive duals only
            self.h.changeCoeff(int(r), self.n, 0.0)
        level = self.worth[coalitions] - eps
        self.h.changeRowsBounds(rows.size, rows, level, level)

    def drop(self, coalitions: IntArray) -> None:
        """Free the rows of coalitions whose excess is settled (in the span of the fixed)."""
        rows = self.row[coalitions]
        rows = rows[rows >= 0].astype(np.int32)
        inf = self._hs.kHighsInf
        self.h.changeRowsBounds(rows.size, rows, np.full(rows.size, -inf), np.full(rows.size, inf))


def _check_n(game: GameLike) -> None:
    if game.n_players > NUCLEOLUS_MAX_PLAYERS:
        field = "game"
        raise InvalidInputError(
            field,
            game.n_players,
            f"at most {NUCLEOLUS_MAX_PLAYERS} players for LP-based solutions",
            hint="use a structured game (bankruptcy: claims.talmud) or shapley",
        )


def _nucleolus_one(v: FloatArray, n: int, imputation: bool) -> tuple[FloatArray, FloatArray, int]:
    """Sequential LPs for one game; returns allocation, excess levels and LP count.

    Round k solves ``min eps`` subject to ``x(S) + eps >= v(S)`` for the free
    coalitions and the equalities fixed so far. A free coalition is fixed only when
    its dual is positive: by complementary slackness it is then tight in *every*
    optimal solution, not just in the returned vertex (Guajardo and Jornsten 2015).
    Coalitions whose vectors lie in the span of the fixed ones (and N) have constant
    excess from then on and are dropped. Each round raises that rank, so at most
    n - 1 rounds are needed.
    """
    scale = max(1.0, float(np.abs(v).max()))
    v = v / scale
    full = 2**n - 1
    if n == 1:
        return np.array([v[1] * scale]), np.full(1, np.nan), 0
    bits = _bits(n)[1:full]  # proper non-empty coalitions
    worth = v[1:full]
    lower = v[_singletons(n)]
    if imputation and lower.sum() > v[full] + 1e-12:
        field = "game"
        raise InfeasibleError(
            field,
            lower.sum() * scale,
            f"singleton values summing to at most v(N) = {v[full] * scale!r} "
            "(a non-empty imputation set)",
            hint="use prenucleolus",
        )
    lp = _CoalitionLP(worth, float(v[full]), n, lower if imputation else None)
    basis = np.ones((n, 1)) / math.sqrt(n)
    free = np.ones(full - 1, dtype=bool)
    levels = np.full(n, np.nan)
    x = np.zeros(n)
    rounds = 0
    while basis.shape[1] < n and free.any():  # at most n - 1 LP rounds
        x, eps, dual = lp.solve(free)
        levels[rounds] = eps * scale
        rounds += 1
        tight = np.flatnonzero(free & (dual > _DUAL_TOL))
        fixed = []
        for s in tight[np.argsort(-dual[tight], kind="stable")]:  # few: positive duals only
            row = bits[s]
            resid = row - basis @ (basis.T @ row)
            norm = float(np.linalg.norm(resid))
            if norm > _SPAN_TOL:
                basis = np.hstack([basis, (resid / norm)[:, None]])
                fixed.append(s)
        settled = free.copy()
        free[tight] = False
        resid_all = bits - (bits @ basis) @ basis.T
        free &= np.linalg.norm(resid_all, axis=1) > _SPAN_TOL
        chosen = np.array(fixed, dtype=np.int64)
        settled &= ~free
        settled[chosen] = False
        lp.fix(chosen, eps)
        lp.drop(np.flatnonzero(settled))
    return x * scale, levels, rounds


def _balanced(rows: FloatArray, zero: FloatArray) -> bool:
    """Whether ``rows`` plus optional singleton rows ``zero`` admit balancing weights.

    Solves ``max t`` s.t. ``sum_S lam_S 1_S + sum_i mu_i e_i = 1_N``, ``lam_S >= t``,
    ``lam, mu >= 0``; balanced (with positive weights on ``rows``) iff ``t > 0``.
    """
    import highspy  # noqa: PLC0415 - loads with the first LP

    k, n = rows.shape
    z = zero.shape[0]
    # Columns lam (k), mu (z), t; rows: n equalities, then lam_S - t >= 0 (k rows).
    a = np.zeros((n + k, k + z + 1))
    a[:n, :k] = rows.T
    a[:n, k : k + z] = zero.T
    a[n:, :k] = np.eye(k)
    a[n:, -1] = -1.0
    h = _highs()
    width = k + z + 1
    cost = np.zeros(width)
    cost[-1] = -1.0
    none_i, none_f = np.zeros(0, np.int32), np.zeros(0)
    h.addCols(width, cost, np.zeros(width), np.ones(width), 0, none_i, none_i, none_f)
    rr, cc = np.nonzero(a)  # row-wise
    starts = np.searchsorted(rr, np.arange(n + k)).astype(np.int32)
    h.addRows(n + k, np.append(np.ones(n), np.zeros(k)),
              np.append(np.ones(n), np.full(k, highspy.kHighsInf)), rr.size, starts,
              cc.astype(np.int32), a[rr, cc])  # fmt: skip
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return False
    return bool(-h.getInfo().objective_function_value > _DUAL_TOL)


def _kohlberg_one(v: FloatArray, x: FloatArray, n: int, imputation: bool) -> bool:
    scale = max(1.0, float(np.abs(v).max()))
    tol = _EXCESS_RTOL * scale
    full = 2**n - 1
    if abs(x.sum() - v[full]) > tol:
        return False
    lower = v[_singletons(n)]
    if imputation and np.any(x < lower - tol):
        return False
    if n == 1:
        return True
    bits = _bits(n)[1:full]
    excess = v[1:full] - bits @ x
    order = np.argsort(-excess, kind="stable")
    sorted_bits = bits[order]
    zero = np.eye(n)[x <= lower + tol] if imputation else np.zeros((0, n))
    basis = np.ones((n, 1)) / math.sqrt(n)
    while basis.shape[1] < n:  # at most n - 1 levels need an LP (see kohlberg_check)
        resid = np.linalg.norm(sorted_bits - (sorted_bits @ basis) @ basis.T, axis=1)
        first = int(np.argmax(resid > _SPAN_TOL))
        level = excess[order[first]]
        members = excess >= level - tol
        if not _balanced(bits[members], zero):
            return False
        basis = orth(np.vstack([np.ones(n), bits[members]]).T)
    return True


def _batched(
    game: GameLike, imputation: bool
) -> tuple[FloatArray, FloatArray, IntArray, BoolArray, FloatArray | None]:
    _check_n(game)
    v, offset = _value_form(game)
    n = game.n_players
    shape = game.batch_shape
    alloc = np.empty((*shape, n))
    levels = np.empty((*shape, n))
    rounds = np.empty(shape, dtype=np.int64)
    ok = np.empty(shape, dtype=bool)
    for index in np.ndindex(shape):  # LP solver only: one sequence of LPs per scenario
        x, lv, r = _nucleolus_one(v[index], n, imputation)
        alloc[index], levels[index], rounds[index] = x, lv, r
        ok[index] = _kohlberg_one(v[index], x, n, imputation)
    return alloc, levels, rounds, ok, offset


def _nucleolus(game: GameLike, domain: Domain) -> NucleolusResult:
    alloc, levels, rounds, ok, offset = _batched(game, domain == "imputation")
    return NucleolusResult(
        allocation=_back(alloc, offset),
        levels=readonly(levels),
        n_rounds=readonly(rounds),
        kohlberg=readonly(ok),
        domain=domain,
        game=game,
    )


def _kohlberg(game: GameLike, allocation: npt.ArrayLike, domain: Domain) -> BoolArray:
    _check_n(game)
    x = _allocation(game, allocation, "allocation")
    v, offset = _value_form(game)
    y = x if offset is None else offset - x
    n = game.n_players
    try:
        shape = np.broadcast_shapes(y.shape[:-1], game.batch_shape)
    except ValueError:
        field = "allocation"
        raise InvalidInputError(
            field, x.shape, f"leading axes that broadcast with {game.batch_shape}"
        ) from None
    y = np.broadcast_to(y, (*shape, n))
    vb = np.broadcast_to(v, (*shape, 2**n))
    out = np.empty(shape, dtype=bool)
    for index in np.ndindex(shape):  # LP solver only
        out[index] = _kohlberg_one(vb[index], y[index], n, domain == "imputation")
    return out


def _least_core(game: GameLike) -> LeastCoreResult:
    _check_n(game)
    v, offset = _value_form(game)
    n = game.n_players
    full = 2**n - 1
    shape = game.batch_shape
    eps = np.empty(shape)
    alloc = np.empty((*shape, n))
    everyone = np.ones(full - 1, dtype=bool)
    for index in np.ndindex(shape):  # LP solver only
        w = v[index]
        if n == 1:
            alloc[index], eps[index] = w[1], np.nan
            continue
        scale = max(1.0, float(np.abs(w).max()))
        w = w / scale
        x, e, _ = _CoalitionLP(w[1:full], float(w[full]), n, None).solve(everyone)
        alloc[index], eps[index] = x * scale, e * scale
    return LeastCoreResult(epsilon=readonly(eps), allocation=_back(alloc, offset), game=game)
