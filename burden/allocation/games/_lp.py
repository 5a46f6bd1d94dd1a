"""LP machinery: the sequential LPs of the nucleolus, Kohlberg's criterion and the least core.

Engines on any game's arrays (scipy HiGHS); the public functions with their
documentation are in :mod:`~burden.allocation.games.nucleoli` and
:mod:`~burden.allocation.games.epsilon_core`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt
from scipy.linalg import orth
from scipy.optimize import linprog

from burden._core.checks import readonly
from burden.allocation.games._coalitions import _bits, _singletons
from burden.allocation.games._forms import _allocation, _back, _value_form
from burden.allocation.games.results import LeastCoreResult, NucleolusResult
from burden.errors import InfeasibleError, InvalidInputError

if TYPE_CHECKING:
    from burden.allocation.games._forms import Domain, GameLike
    from burden.typing import BoolArray, FloatArray, IntArray

NUCLEOLUS_MAX_PLAYERS: Final = 16
"""Largest game :func:`nucleolus` accepts (its LPs have 2**n - 2 rows)."""

_LP_METHOD: Final = "highs"
_DUAL_TOL: Final = 1e-9
_SPAN_TOL: Final = 1e-9
_EXCESS_RTOL: Final = 1e-7


def _solve(
    c: FloatArray,
    a_ub: FloatArray,
    b_ub: FloatArray,
    a_eq: FloatArray,
    b_eq: FloatArray,
    bounds: list[tuple[float | None, float | None]],
) -> tuple[FloatArray, FloatArray]:
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method=_LP_METHOD)
    if res.status != 0 or res.x is None:
        field = "game"
        raise InfeasibleError(field, res.message, "an LP that HiGHS solves to optimality")
    return np.asarray(res.x, dtype=np.float64), -np.asarray(res.ineqlin.marginals, np.float64)


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
    eq_rows = [np.ones(n)]
    eq_rhs = [float(v[full])]
    basis = np.ones((n, 1)) / math.sqrt(n)
    free = np.ones(full - 1, dtype=bool)
    bounds: list[tuple[float | None, float | None]] = [
        (float(lo), None) if imputation else (None, None) for lo in lower
    ]
    bounds.append((None, None))
    objective = np.zeros(n + 1)
    objective[-1] = 1.0
    levels = np.full(n, np.nan)
    x = np.zeros(n)
    rounds = 0
    while basis.shape[1] < n and free.any():  # at most n - 1 LP rounds
        idx = np.flatnonzero(free)
        a_ub = -np.hstack([bits[idx], np.ones((idx.size, 1))])
        a_eq = np.hstack([np.array(eq_rows), np.zeros((len(eq_rows), 1))])
        sol, dual = _solve(objective, a_ub, -worth[idx], a_eq, np.array(eq_rhs), bounds)
        x, eps = sol[:n], sol[n]
        levels[rounds] = eps * scale
        rounds += 1
        tight = idx[dual > _DUAL_TOL]
        for s in tight[np.argsort(-dual[dual > _DUAL_TOL])]:  # few: positive duals only
            row = bits[s]
            resid = row - basis @ (basis.T @ row)
            norm = float(np.linalg.norm(resid))
            if norm > _SPAN_TOL:
                basis = np.hstack([basis, (resid / norm)[:, None]])
                eq_rows.append(row)
                eq_rhs.append(float(worth[s] - eps))
        free[tight] = False
        resid_all = bits - (bits @ basis) @ basis.T
        free &= np.linalg.norm(resid_all, axis=1) > _SPAN_TOL
    return x * scale, levels, rounds


def _balanced(rows: FloatArray, zero: FloatArray) -> bool:
    """Whether ``rows`` plus optional singleton rows ``zero`` admit balancing weights.

    Solves ``max t`` s.t. ``sum_S lam_S 1_S + sum_i mu_i e_i = 1_N``, ``lam_S >= t``,
    ``lam, mu >= 0``; balanced (with positive weights on ``rows``) iff ``t > 0``.
    """
    k, n = rows.shape
    z = zero.shape[0]
    c = np.zeros(k + z + 1)
    c[-1] = -1.0
    a_eq = np.hstack([rows.T, zero.T, np.zeros((n, 1))])
    a_ub = np.hstack([-np.eye(k), np.zeros((k, z)), np.ones((k, 1))])
    res = linprog(
        c,
        A_ub=a_ub,
        b_ub=np.zeros(k),
        A_eq=a_eq,
        b_eq=np.ones(n),
        bounds=[(0.0, 1.0)] * (k + z + 1),
        method=_LP_METHOD,
    )
    return bool(res.status == 0 and res.fun is not None and -res.fun > _DUAL_TOL)


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
    return readonly(out)


def _least_core(game: GameLike) -> LeastCoreResult:
    _check_n(game)
    v, offset = _value_form(game)
    n = game.n_players
    full = 2**n - 1
    shape = game.batch_shape
    bits = _bits(n)[1:full]
    eps = np.empty(shape)
    alloc = np.empty((*shape, n))
    a_ub = -np.hstack([bits, np.ones((full - 1, 1))])
    a_eq = np.append(np.ones(n), 0.0)[None, :]
    objective = np.append(np.zeros(n), 1.0)
    free: list[tuple[float | None, float | None]] = [(None, None)] * (n + 1)
    for index in np.ndindex(shape):  # LP solver only
        w = v[index]
        if n == 1:
            alloc[index], eps[index] = w[1], np.nan
            continue
        sol, _ = _solve(objective, a_ub, -w[1:full], a_eq, w[full : full + 1], free)
        alloc[index], eps[index] = sol[:n], sol[n]
    return LeastCoreResult(epsilon=readonly(eps), allocation=_back(alloc, offset), game=game)
