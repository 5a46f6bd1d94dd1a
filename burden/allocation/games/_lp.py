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


def _highspy() -> Any:
    import highspy  # noqa: PLC0415 - loads with the first LP

    return highspy


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


# -- many small games at once: one block-diagonal LP per round for the whole batch ----

_BLOCK_MAX_PLAYERS: Final = 8
"""Games up to this size in a batch share one LP per round (2**8 - 2 rows per game)."""

_BLOCK_ROWS: Final = 2048
"""Rows of one block-diagonal LP (about 2**n per game): simplex work grows faster than
the number of rows, so a batch is cut into LPs of about this size (measured best)."""


def _solve_blocks(
    cost: FloatArray,
    col_bounds: tuple[FloatArray, FloatArray],
    entries: tuple[IntArray, IntArray, FloatArray],
    row_bounds: tuple[FloatArray, FloatArray],
) -> tuple[FloatArray, FloatArray]:
    """Solve ``min cost @ x`` with rows given as (row, column, value) triplets."""
    row, col, val = entries
    order = np.argsort(row, kind="stable")
    n_rows = row_bounds[0].size
    h = _highs()
    none_i, none_f = np.zeros(0, np.int32), np.zeros(0)
    h.addCols(cost.size, cost, col_bounds[0], col_bounds[1], 0, none_i, none_i, none_f)
    starts = np.searchsorted(row[order], np.arange(n_rows)).astype(np.int32)
    h.addRows(n_rows, row_bounds[0], row_bounds[1], row.size, starts,
              col[order].astype(np.int32), val[order])  # fmt: skip
    h.run()
    if h.getModelStatus() != _highspy().HighsModelStatus.kOptimal:
        field = "game"
        status = h.modelStatusToString(h.getModelStatus())
        raise InfeasibleError(field, status, "an LP that HiGHS solves to optimality")
    solution = h.getSolution()
    primal = np.asarray(solution.col_value, dtype=np.float64)
    return primal, np.asarray(solution.row_dual, dtype=np.float64)


def _project_out(rows: FloatArray, basis: FloatArray) -> FloatArray:
    """Norm of each row's part outside the span of each game's basis columns.

    `rows` (g, k, n) or (k, n), `basis` (g, n, n) with zero columns beyond its rank.
    """
    rows = np.broadcast_to(rows, (basis.shape[0], *rows.shape[-2:]))
    inside = np.einsum("gkn,gnr->gkr", rows, basis)
    out: FloatArray = np.linalg.norm(rows - np.einsum("gkr,gnr->gkn", inside, basis), axis=-1)
    return out


def _nucleolus_blocks(
    v: FloatArray, n: int, imputation: bool
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Sequential LPs for a batch of small games ``v`` (b, 2**n), one LP per round.

    The same rounds as :func:`_nucleolus_one` for every game at once: the round's LP
    of all games still running is one block-diagonal LP (its optimum is each block's
    optimum and its duals each block's duals), and the fixing of coalitions with a
    positive dual is vectorized over games.
    """
    b = v.shape[0]
    scale = np.maximum(1.0, np.abs(v).max(axis=-1))
    v = v / scale[:, None]
    full = 2**n - 1
    m = full - 1
    bits = _bits(n)[1:full]
    worth = v[:, 1:full]
    lower = v[:, _singletons(n)]
    grand = v[:, full]
    if imputation and np.any(lower.sum(-1) > grand + 1e-12):
        g = int(np.argmax(lower.sum(-1) - grand))
        field = "game"
        raise InfeasibleError(
            field,
            lower[g].sum() * scale[g],
            f"singleton values summing to at most v(N) = {grand[g] * scale[g]!r} "
            "(a non-empty imputation set)",
            hint="use prenucleolus",
        )
    basis = np.zeros((b, n, n))
    basis[:, :, 0] = 1.0 / math.sqrt(n)
    rank = np.ones(b, dtype=np.int64)
    free = np.ones((b, m), dtype=bool)
    equal = np.zeros((b, m), dtype=bool)
    rhs = np.zeros((b, m))
    levels = np.full((b, n), np.nan)
    x = np.zeros((b, n))
    rounds = np.zeros(b, dtype=np.int64)
    active = np.ones(b, dtype=bool)
    while active.any():  # LP rounds (at most n - 1), each one LP for all running games
        games = np.flatnonzero(active)
        a = games.size
        width = n + 1
        g_row, s_row = np.nonzero(free[games] | equal[games])
        is_free = free[games][g_row, s_row]
        k, i = np.nonzero(bits[s_row])
        rows = np.concatenate(
            [k, np.flatnonzero(is_free), g_row.size + np.repeat(np.arange(a), n)]
        )
        cols = np.concatenate([
            g_row[k] * width + i,
            g_row[is_free] * width + n,
            np.repeat(np.arange(a), n) * width + np.tile(np.arange(n), a),
        ])  # fmt: skip
        lo_rows = np.where(is_free, worth[games][g_row, s_row], rhs[games][g_row, s_row])
        hi_rows = np.where(is_free, np.inf, lo_rows)
        cost = np.tile(np.append(np.zeros(n), 1.0), a)
        x_low = lower[games] if imputation else np.full((a, n), -np.inf)
        col_lo = np.hstack([x_low, np.full((a, 1), -np.inf)]).reshape(-1)
        primal, duals = _solve_blocks(
            cost,
            (col_lo, np.full(cost.size, np.inf)),
            (rows, cols, np.ones(rows.size)),
            (np.append(lo_rows, grand[games]), np.append(hi_rows, grand[games])),
        )
        sol = primal.reshape(a, width)
        eps = sol[:, n]
        x[games] = sol[:, :n]
        levels[games, rounds[games]] = eps * scale[games]
        rounds[games] += 1
        dual = np.zeros((a, m))
        dual[g_row, s_row] = np.where(is_free, duals[: g_row.size], 0.0)
        tight = free[games] & (dual > _DUAL_TOL)
        order = np.argsort(np.where(tight, -dual, np.inf), axis=1, kind="stable")
        q, r = basis[games], rank[games]
        eq, rh = equal[games], rhs[games]
        for step in range(int(tight.sum(axis=1).max(initial=0))):  # few: positive duals
            s = order[:, step]
            cand = bits[s]
            resid = cand - np.einsum("gnr,gr->gn", q, np.einsum("gnr,gn->gr", q, cand))
            norm = np.linalg.norm(resid, axis=1)
            add = tight[np.arange(a), s] & (norm > _SPAN_TOL) & (r < n)
            g_add = np.flatnonzero(add)
            q[g_add, :, r[g_add]] = resid[g_add] / norm[g_add, None]
            r[g_add] += 1
            eq[g_add, s[g_add]] = True
            rh[g_add, s[g_add]] = worth[games[g_add], s[g_add]] - eps[g_add]
        basis[games], rank[games], equal[games], rhs[games] = q, r, eq, rh
        still = free[games] & ~tight & (_project_out(bits, q) > _SPAN_TOL)
        free[games] = still
        active[games] = (r < n) & still.any(axis=1)
    return x * scale[:, None], levels, rounds


def _balanced_blocks(members: BoolArray, zero: BoolArray, bits: FloatArray) -> BoolArray:
    """:func:`_balanced` for many games at once: ``members`` (g, m), ``zero`` (g, n)."""
    g, n = zero.shape
    mg, ms = np.nonzero(members)  # one weight column per member coalition
    zg, zi = np.nonzero(zero)  # one per singleton at its lower bound
    k_g = np.bincount(mg, minlength=g)
    z_g = np.bincount(zg, minlength=g)
    width = k_g + z_g + 1
    start = np.concatenate([[0], np.cumsum(width)[:-1]])
    lam_col = start[mg] + (np.arange(mg.size) - np.concatenate([[0], np.cumsum(k_g)[:-1]])[mg])
    mu_col = (
        start[zg] + k_g[zg] + (np.arange(zg.size) - np.concatenate([[0], np.cumsum(z_g)[:-1]])[zg])
    )
    t_col = start + width - 1
    # Rows: n equalities per game (row g*n + i), then one row lam_S - t >= 0 per member.
    kk, ii = np.nonzero(bits[ms])
    lam_row = g * n + np.arange(mg.size)
    rows = np.concatenate([mg[kk] * n + ii, zg * n + zi, lam_row, lam_row])
    cols = np.concatenate([lam_col[kk], mu_col, lam_col, t_col[mg]])
    vals = np.concatenate([np.ones(kk.size + zg.size + mg.size), -np.ones(mg.size)])
    total = int(width.sum())
    cost = np.zeros(total)
    cost[t_col] = -1.0
    lo = np.append(np.ones(g * n), np.zeros(mg.size))
    hi = np.append(np.ones(g * n), np.full(mg.size, np.inf))
    try:
        primal, _ = _solve_blocks(
            cost, (np.zeros(total), np.ones(total)), (rows, cols, vals), (lo, hi)
        )
    except InfeasibleError:
        return np.zeros(g, dtype=bool)  # some block unbalanced: decide game by game
    out: BoolArray = primal[t_col] > _DUAL_TOL
    return out


def _kohlberg_blocks(v: FloatArray, x: FloatArray, n: int, imputation: bool) -> BoolArray:
    """:func:`_kohlberg_one` for a batch ``v`` (b, 2**n), ``x`` (b, n), vectorized over games."""
    b = v.shape[0]
    scale = np.maximum(1.0, np.abs(v).max(axis=-1))
    tol = _EXCESS_RTOL * scale
    full = 2**n - 1
    lower = v[:, _singletons(n)]
    ok = np.abs(x.sum(-1) - v[:, full]) <= tol
    if imputation:
        ok &= np.all(x >= lower - tol[:, None], axis=-1)
    bits = _bits(n)[1:full]
    excess = v[:, 1:full] - x @ bits.T
    order = np.argsort(-excess, axis=1, kind="stable")
    sorted_bits = bits[order]  # (b, m, n)
    zero = (x <= lower + tol[:, None]) if imputation else np.zeros((b, n), dtype=bool)
    basis = np.zeros((b, n, n))
    basis[:, :, 0] = 1.0 / math.sqrt(n)
    rank = np.ones(b, dtype=np.int64)
    todo = ok & (rank < n)
    rcond = np.finfo(np.float64).eps * full  # as scipy.linalg.orth for (n, k + 1)
    while todo.any():  # levels (at most n - 1), each one LP for all games still checked
        games = np.flatnonzero(todo)
        resid = _project_out(sorted_bits[games], basis[games])
        first = np.argmax(resid > _SPAN_TOL, axis=1)
        level = excess[games, order[games, first]]
        members = excess[games] >= (level - tol[games])[:, None]
        balanced = _balanced_blocks(members, zero[games], bits)
        if not balanced.all():  # confirm a failure on its own LP before calling it one
            for j in np.flatnonzero(~balanced):
                rows = bits[members[j]]
                balanced[j] = _balanced(rows, np.eye(n)[zero[games[j]]])
        ok[games[~balanced]] = False
        stack = np.concatenate([np.ones((games.size, 1, n)), bits * members[..., None]], axis=1)
        _, s, vh = np.linalg.svd(stack, full_matrices=False)
        keep = s > rcond * s[:, :1]
        basis[games] = np.where(keep[:, None, :], np.swapaxes(vh, 1, 2), 0.0)
        rank[games] = keep.sum(axis=1)
        todo = ok & (rank < n)
    out: BoolArray = ok
    return out


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
    if 2 <= n <= _BLOCK_MAX_PLAYERS and int(np.prod(shape)) > 1:
        flat = v.reshape(-1, 2**n)
        x = np.empty((flat.shape[0], n))
        lv = np.empty((flat.shape[0], n))
        r = np.empty(flat.shape[0], dtype=np.int64)
        ok = np.empty(flat.shape[0], dtype=bool)
        step = max(1, _BLOCK_ROWS // 2**n)
        for lo in range(0, flat.shape[0], step):  # LP solver only: chunks of games
            part = slice(lo, lo + step)
            x[part], lv[part], r[part] = _nucleolus_blocks(flat[part], n, imputation)
            ok[part] = _kohlberg_blocks(flat[part], x[part], n, imputation)
        return (x.reshape(*shape, n), lv.reshape(*shape, n), r.reshape(shape),
                ok.reshape(shape), offset)  # fmt: skip
    for index in np.ndindex(shape):  # LP solver only: one sequence of LPs per scenario
        x1, lv1, r1 = _nucleolus_one(v[index], n, imputation)
        alloc[index], levels[index], rounds[index] = x1, lv1, r1
        ok[index] = _kohlberg_one(v[index], x1, n, imputation)
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
    return readonly(out)


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
