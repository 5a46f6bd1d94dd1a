"""Tests for burden.allocation.games: published values, closed forms and axioms of TU solutions."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from strategies import claims_problems, convex_games, int_games

from burden import claims, games
from burden.errors import BurdenError, InfeasibleError, InvalidInputError

D_AM = np.array([100.0, 200.0, 300.0])
E_AM = np.array([100.0, 200.0, 300.0])
# Aumann & Maschler (1985), Table 1 (anchors.md §C.3a): Talmud for estates 100, 200, 300.
TALMUD_TABLE = [[100 / 3] * 3, [50.0, 75.0, 75.0], [50.0, 100.0, 150.0]]


# --------------------------------------------------------------------------- helpers


def bits(n: int) -> np.ndarray:
    out: np.ndarray = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    return out


def brute_shapley(v: np.ndarray) -> np.ndarray:
    """Shapley (1953) by definition: average marginal contribution over all n! orders."""
    n = int(v.size).bit_length() - 1
    phi = np.zeros(n)
    for order in itertools.permutations(range(n)):
        mask = 0
        for p in order:
            phi[p] += v[mask | (1 << p)] - v[mask]
            mask |= 1 << p
    return phi / math.factorial(n)


def brute_banzhaf(v: np.ndarray) -> np.ndarray:
    """Raw Banzhaf (1965) by definition: mean marginal contribution over all S not containing i."""
    n = int(v.size).bit_length() - 1
    out = np.zeros(n)
    for i in range(n):
        for mask in range(2**n):
            if not mask >> i & 1:
                out[i] += v[mask | (1 << i)] - v[mask]
    scaled: np.ndarray = out / 2 ** (n - 1)
    return scaled


def permute_game(v: np.ndarray, perm: np.ndarray) -> np.ndarray:
    """Relabel players: new player j is old player perm[j]."""
    n = perm.size
    old_masks = bits(n) @ (2**perm)
    out: np.ndarray = v[old_masks]
    return out


def lex_less(a: np.ndarray, b: np.ndarray, tol: float) -> bool:
    """Whether sorted vector a is lexicographically smaller than b (beyond tol)."""
    diff = a - b
    big = np.flatnonzero(np.abs(diff) > tol)
    return bool(big.size and diff[big[0]] < 0)


def sorted_excess(v: np.ndarray, x: np.ndarray) -> np.ndarray:
    n = x.shape[-1]
    b = bits(n)[1:-1].astype(float)
    e = v[1:-1] - x @ b.T
    return -np.sort(-e, axis=-1)


# --------------------------------------------------------------------------- references


def test_bankruptcy_nucleolus_is_talmud_table() -> None:
    # Aumann & Maschler (1985): nucleolus of the bankruptcy game = Talmud rule;
    # Mishnah values (anchors.md §C.3a): (100/3,100/3,100/3), (50,75,75), (50,100,150).
    g = games.bankruptcy_game(E_AM, D_AM)
    r = games.nucleolus(g)
    assert_allclose(r.allocation, np.array(TALMUD_TABLE), atol=1e-7)
    assert r.kohlberg.all()
    assert_allclose(games.prenucleolus(g).allocation, r.allocation, atol=1e-7)


def test_bankruptcy_shapley_banzhaf_tau_table() -> None:
    # anchors.md §C.3a: RA = Shapley (O'Neill 1982), APRO = tau (Curiel, Maschler &
    # Tijs 1987), raw Banzhaf column, for claims (100, 200, 300).
    g = games.bankruptcy_game(E_AM, D_AM)
    assert_allclose(
        games.shapley(g), np.array([[100 / 3] * 3, [100 / 3, 250 / 3, 250 / 3], [50, 100, 150.0]])
    )
    assert_allclose(games.tau_value(g), np.array([[100 / 3] * 3, [40, 80, 80], [50, 100, 150.0]]))
    assert_allclose(
        games.banzhaf(g, normalized=False),
        np.array([[25, 25, 25], [25, 75, 75], [50, 100, 150.0]]),
    )


def test_bnf_readme_example() -> None:
    # anchors.md §C.2: v1=1, v2=3, v3=5, v12=6, v13=7, v23=8, vN=12. The nucleolus is
    # (2.5, 4, 5.5) by hand (e3 = 5 - x3 and e12 = x3 - 6 balance at x3 = 5.5, then
    # e2 = 3 - x2 and e13 = x2 - 5 at x2 = 4); the repo's README claims (2.75,3.75,5.5).
    g = games.Game(values=[0, 1, 3, 6, 5, 7, 8, 12])
    r = games.nucleolus(g)
    assert_allclose(r.allocation, [2.5, 4.0, 5.5], atol=1e-8)
    assert_allclose(r.levels[:2], [-0.5, -1.0], atol=1e-8)
    assert r.kohlberg
    assert games.kohlberg_check(g, [2.5, 4.0, 5.5])
    assert not games.kohlberg_check(g, [2.75, 3.75, 5.5])


def test_vertex_fixing_trap() -> None:
    # Hand calculation: v(12) = 1, v(N) = 1, all else 0. Round 1 has level 0 with
    # optimal vertices (1,0,0) and (0,1,0), at which {2,3} or {1,3} is tight by
    # accident; fixing those (the "common mistake", Guajardo & Jornsten 2015) gives a
    # vertex. The true nucleolus equalizes the second level: (1/2, 1/2, 0).
    g = games.Game(values=[0, 0, 0, 1, 0, 0, 0, 1])
    r = games.nucleolus(g)
    assert_allclose(r.allocation, [0.5, 0.5, 0.0], atol=1e-8)
    assert r.kohlberg
    assert not games.kohlberg_check(g, [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]).any()


def test_glove_game() -> None:
    # One left glove (player 0), two right gloves: the core is {(1,0,0)}, hence the
    # nucleolus; the Shapley value is (2/3, 1/6, 1/6) (Maschler, Solan & Zamir 2013, §18).
    v = np.zeros(8)
    v[[3, 5, 7]] = 1.0
    g = games.Game(values=v)
    assert_allclose(games.nucleolus(g).allocation, [1, 0, 0], atol=1e-8)
    assert_allclose(games.shapley(g), [2 / 3, 1 / 6, 1 / 6])
    assert games.in_core(g, [1.0, 0.0, 0.0])
    assert not games.in_core(g, [0.9, 0.1, 0.0])


def test_majority_game_least_core() -> None:
    # Three-player majority game: empty core, least-core value 1/3 at (1/3,1/3,1/3).
    v = np.array([0, 0, 0, 1, 0, 1, 1, 1.0])
    g = games.Game(values=v)
    lc = games.least_core(g)
    assert_allclose(lc.epsilon, 1 / 3)
    assert_allclose(lc.allocation, [1 / 3] * 3, atol=1e-8)
    r = games.nucleolus(g)
    assert_allclose(r.least_core_value, 1 / 3)
    assert_allclose(r.allocation, [1 / 3] * 3, atol=1e-8)


def test_airport_cost_nucleolus_hand() -> None:
    # Airport costs (1, 3, 6). Savings game s(12)=1, s(13)=1, s(23)=3, s(N)=4; by hand
    # -y1 and y1 - 1 balance at y1 = 1/2 (level -1/2), then y2 = y3 = 7/4, so the cost
    # shares are c - y = (0.5, 1.25, 4.25).
    g = games.airport_game([1.0, 3.0, 6.0])
    assert_allclose(games.savings_game(g).values, [0, 0, 0, 1, 0, 1, 3, 4])
    r = games.nucleolus(g)
    assert_allclose(r.allocation, [0.5, 1.25, 4.25], atol=1e-8)
    assert_allclose(r.levels[0], -0.5, atol=1e-8)
    assert r.kohlberg
    assert games.kohlberg_check(g, [0.5, 1.25, 4.25])
    assert games.in_core(g, r.allocation)


def test_unanimity_game() -> None:
    # u_T: Shapley 1/|T| for members of T (Shapley 1953); raw Banzhaf 2^(1-|T|).
    v = np.zeros(16)
    v[[m for m in range(16) if m & 0b1011 == 0b1011]] = 1.0
    g = games.Game(values=v)
    assert_allclose(games.shapley(g), [1 / 3, 1 / 3, 0, 1 / 3])
    assert_allclose(games.banzhaf(g, normalized=False), [0.25, 0.25, 0, 0.25])
    assert_allclose(games.banzhaf(g), [1 / 3, 1 / 3, 0, 1 / 3])


@given(st.lists(st.floats(min_value=0.0, max_value=100.0), min_size=1, max_size=7))
def test_airport_shapley_littlechild_owen(costs: list[float]) -> None:
    # Littlechild & Owen (1973): sequential equal sharing of the cost increments.
    c = np.array(costs)
    order = np.argsort(c, kind="stable")
    s = np.concatenate([[0.0], c[order]])
    n = c.size
    shares = np.cumsum(np.diff(s) / (n - np.arange(n)))
    expected = np.empty(n)
    expected[order] = shares
    assert_allclose(games.shapley(games.airport_game(c)), expected, atol=1e-9)


# --------------------------------------------------------------------------- strategies


# --------------------------------------------------------------------------- Shapley


@given(int_games(min_n=1, max_n=5))
def test_shapley_matches_definition(v: np.ndarray) -> None:
    g = games.Game(values=v)
    assert_allclose(games.shapley(g), brute_shapley(v), atol=1e-10)
    assert_allclose(games.banzhaf(g, normalized=False), brute_banzhaf(v), atol=1e-10)


@given(int_games(), int_games())
def test_shapley_additivity_efficiency(v: np.ndarray, w: np.ndarray) -> None:
    if v.size != w.size:
        w = np.resize(w, v.size)
        w[0] = 0.0
    phi = games.shapley(games.Game(values=v + w))
    sum_parts = games.shapley(games.Game(values=v)) + games.shapley(games.Game(values=w))
    assert_allclose(phi, sum_parts, atol=1e-10)
    assert_allclose(phi.sum(), v[-1] + w[-1], atol=1e-10)


@given(int_games(), st.data())
def test_shapley_null_player_and_symmetry(v: np.ndarray, data: st.DataObject) -> None:
    n = int(v.size).bit_length() - 1
    k = data.draw(st.integers(0, n - 1))
    # make k a null player: v(S) := v(S without k)
    masks = np.arange(v.size)
    null = v[masks & ~(1 << k)]
    phi = games.shapley(games.Game(values=null))
    assert abs(phi[k]) < 1e-10
    assert abs(games.banzhaf(games.Game(values=null), normalized=False)[k]) < 1e-10
    # symmetric players: symmetrize v over swapping 0 and 1
    swap = np.arange(n)
    swap[[0, 1]] = [1, 0]
    sym = v + permute_game(v, swap)
    phi = games.shapley(games.Game(values=sym))
    assert abs(phi[0] - phi[1]) < 1e-10


@given(int_games(max_n=5), st.randoms(use_true_random=False))
def test_shapley_permutation_equivariance(v: np.ndarray, rnd: object) -> None:
    n = int(v.size).bit_length() - 1
    perm = np.arange(n)
    rnd.shuffle(perm)  # type: ignore[attr-defined]
    phi = games.shapley(games.Game(values=v))
    assert_allclose(games.shapley(games.Game(values=permute_game(v, perm))), phi[perm], atol=1e-10)


@given(st.lists(int_games(min_n=3, max_n=3), min_size=1, max_size=4))
def test_batched_equals_per_scenario(batch: list[np.ndarray]) -> None:
    values = np.array(batch)
    g = games.Game(values=values)
    phi = games.shapley(g)
    beta = games.banzhaf(g, normalized=False)
    nuc = games.prenucleolus(g).allocation
    for k, v in enumerate(batch):
        one = games.Game(values=v)
        assert_allclose(phi[k], games.shapley(one), atol=1e-12)
        assert_allclose(beta[k], games.banzhaf(one, normalized=False), atol=1e-12)
        assert_allclose(nuc[k], games.prenucleolus(one).allocation, atol=1e-8)


@given(st.integers(2, 6), st.integers(2, 6), st.integers(0, 2**32 - 1), st.booleans())
def test_batched_nucleolus_equals_per_game(n: int, k: int, seed: int, ties: bool) -> None:
    # A batch of small games is solved as one block-diagonal LP per round; each game
    # alone by its own LPs. Same allocations, least-core value and Kohlberg verdicts (the
    # number of rounds may differ: another optimal vertex can fix fewer coalitions).
    rng = np.random.default_rng(seed)
    size = np.bitwise_count(np.arange(2**n)).astype(float)
    if ties:
        values = rng.integers(0, 2 * size + 1, (k, 2**n)).astype(float)
    else:
        values = size**1.5 * rng.uniform(0.8, 1.2, (k, 2**n))
    values[:, 0] = 0.0
    batch = games.prenucleolus(games.Game(values=values))
    assert batch.kohlberg.all()
    for j in range(k):
        one = games.prenucleolus(games.Game(values=values[j]))
        assert_allclose(batch.allocation[j], one.allocation, atol=1e-8)
        assert_allclose(batch.least_core_value[j], one.least_core_value, atol=1e-8)
    feasible = values[:, 1 << np.arange(n)].sum(axis=1) <= values[:, -1]
    if feasible.sum() >= 2:
        nuc = games.nucleolus(games.Game(values=values[feasible]))
        assert nuc.kohlberg.all()
        for j, v in enumerate(values[feasible]):
            assert_allclose(
                nuc.allocation[j], games.nucleolus(games.Game(values=v)).allocation, atol=1e-8
            )


@given(claims_problems(max_n=5, integers=True))
def test_bankruptcy_shapley_is_random_arrival(problem: tuple[float, np.ndarray]) -> None:
    # O'Neill (1982): the Shapley value of the bankruptcy game is the RA rule.
    estate, d = problem
    g = games.bankruptcy_game(estate, d)
    assert_allclose(games.shapley(g), claims.random_arrival(estate, d), atol=1e-9)


@given(claims_problems(max_n=5, integers=True))
def test_bankruptcy_tau_is_apro(problem: tuple[float, np.ndarray]) -> None:
    # Curiel, Maschler & Tijs (1987): the tau value of the bankruptcy game is APRO.
    estate, d = problem
    g = games.bankruptcy_game(estate, d)
    assert_allclose(games.tau_value(g), claims.adjusted_proportional(estate, d), atol=1e-9)


def test_sampled_shapley() -> None:
    g = games.airport_game([1.0, 3.0, 6.0, 6.0, 10.0])
    exact = games.shapley(g)
    r = games.shapley_sampled(g, n_permutations=4000, rng=12345)
    assert np.all(np.abs(r.estimate - exact) <= 5 * r.standard_error + 1e-12)
    assert_allclose(r.estimate.sum(), 10.0)
    again = games.shapley_sampled(g, n_permutations=4000, rng=12345)
    assert_allclose(again.estimate, r.estimate)
    batch = games.airport_game([[1.0, 3.0, 6.0], [2.0, 2.0, 2.0]])
    rb = games.shapley_sampled(batch, n_permutations=50, rng=0)
    assert rb.estimate.shape == (2, 3)
    # equal costs 2: each order charges 2 to whoever comes first, 0 to the others
    assert_allclose(rb.estimate.sum(axis=-1), [6.0, 2.0])
    assert_allclose(rb.estimate[1] * 50 / 2, np.round(rb.estimate[1] * 50 / 2))
    assert np.all(np.abs(rb.estimate[1] - 2 / 3) <= 5 * rb.standard_error[1])
    df = r.to_frame()
    assert list(df.columns) == ["player", "estimate", "standard_error"]
    # The batch axis is called "draw", as in every result's frame.
    frame = rb.to_frame()
    assert list(frame.columns) == ["draw", "player", "estimate", "standard_error"]
    assert frame["draw"].tolist() == [0, 0, 0, 1, 1, 1]


# --------------------------------------------------------------------------- nucleolus


@given(claims_problems(max_n=5, integers=True))
def test_bankruptcy_nucleolus_is_talmud(problem: tuple[float, np.ndarray]) -> None:
    # Aumann & Maschler (1985), Theorem: nucleolus of the bankruptcy game = Talmud rule.
    estate, d = problem
    r = games.nucleolus(games.bankruptcy_game(estate, d))
    assert_allclose(r.allocation, claims.talmud(estate, d), atol=1e-6)
    assert r.kohlberg


@given(convex_games())
def test_convex_nucleolus_in_core(v: np.ndarray) -> None:
    # Convex games have a non-empty core containing the nucleolus; they are
    # zero-monotonic, so the prenucleolus coincides with the nucleolus.
    g = games.Game(values=v)
    r = games.nucleolus(g)
    assert r.kohlberg
    assert games.in_core(g, r.allocation, tol=1e-7)
    assert games.in_core(g, games.shapley(g), tol=1e-7)  # Shapley (1971): convex => core
    assert_allclose(games.prenucleolus(g).allocation, r.allocation, atol=1e-6)
    assert games.least_core(g).epsilon <= 1e-9


@given(int_games(), st.sampled_from(["imputation", "preimputation"]))
def test_nucleolus_is_lexicographic_minimum(v: np.ndarray, domain: str) -> None:
    # Independent check of optimality: no other (pre-)imputation near or far has a
    # lexicographically smaller sorted excess vector (Schmeidler 1969 definition).
    g = games.Game(values=v)
    n = g.n_players
    lower = v[1 << np.arange(n)]
    if domain == "imputation" and lower.sum() > v[-1]:
        with pytest.raises(InfeasibleError):
            games.nucleolus(g)
        return
    r = games.nucleolus(g) if domain == "imputation" else games.prenucleolus(g)
    assert r.kohlberg
    x = r.allocation
    assert_allclose(x.sum(), v[-1], atol=1e-8)
    rng = np.random.default_rng(0)
    direction = rng.normal(size=(400, n))
    direction -= direction.mean(axis=1, keepdims=True)
    steps = np.array([1e-3, 1e-2, 0.1, 0.5, 2.0])
    cand = (x + steps[:, None, None] * direction[None]).reshape(-1, n)
    # also move toward other natural points
    cand = np.vstack([cand, games.shapley(g), games.least_core(g).allocation])
    if domain == "imputation":
        cand = cand[np.all(cand >= lower - 1e-12, axis=1)]
    best = sorted_excess(v, x)
    for y in sorted_excess(v, cand):
        assert not lex_less(y, best, 1e-7)


@given(int_games(max_n=4))
def test_kohlberg_rejects_perturbed_nucleolus(v: np.ndarray) -> None:
    g = games.Game(values=v)
    x = games.prenucleolus(g).allocation
    assert games.kohlberg_check(g, x, domain="preimputation")
    n = g.n_players
    shift = np.zeros(n)
    shift[0], shift[-1] = 0.05, -0.05
    assert not games.kohlberg_check(g, x + shift, domain="preimputation")


@given(int_games(max_n=4))
def test_cost_game_maps_through_savings(v: np.ndarray) -> None:
    # A cost game with c(S) = v(S): solutions are c({i}) - (solution of savings game).
    c = games.cost_game(v)
    s = games.savings_game(c)
    single = v[1 << np.arange(c.n_players)]
    assert_allclose(games.shapley(c), single - games.shapley(s), atol=1e-10)
    assert_allclose(
        games.banzhaf(c, normalized=False), single - games.banzhaf(s, normalized=False), atol=1e-10
    )
    x = games.prenucleolus(c).allocation
    assert_allclose(x, single - games.prenucleolus(s).allocation, atol=1e-7)
    assert games.kohlberg_check(c, x, domain="preimputation")
    # excess convention: x(S) - c(S) in the cost game = s(S) - y(S) in the savings game
    assert_allclose(games.least_core(c).epsilon, games.least_core(s).epsilon, atol=1e-8)
    core_c = games.in_core(c, x, tol=1e-7)
    core_s = games.in_core(s, single - x, tol=1e-7)
    assert core_c == core_s


def test_batched_nucleolus_and_frames() -> None:
    g = games.bankruptcy_game(
        np.array([[100.0, 200.0], [300.0, 50.0]]), D_AM, players=["a", "b", "c"]
    )
    r = games.nucleolus(g)
    assert r.allocation.shape == (2, 2, 3)
    assert_allclose(
        r.allocation, claims.talmud(np.array([[100, 200], [300, 50.0]]), D_AM), atol=1e-7
    )
    assert r.kohlberg.shape == (2, 2)
    assert r.kohlberg.all()
    assert not r.allocation.flags.writeable
    df = r.to_frame()
    assert isinstance(df, pd.DataFrame)
    assert df.player.tolist()[:3] == ["a", "b", "c"]
    assert len(df) == 12
    assert len(g.to_frame()) == 4 * 8


def test_in_core_vectorized() -> None:
    # allocations (k, 1, n) against games (2,): broadcast to (k, 2)
    v = np.array([[0, 1, 2, 6.0], [0, 3, 3, 4.0]])
    g = games.Game(values=v)
    x = np.array([[[3.0, 3.0]], [[2.0, 2.0]], [[1.0, 5.0]]])
    out = games.in_core(g, x)
    # game 0: x1 >= 1, x2 >= 2, sum 6; game 1: x >= 3 each, sum 4 (empty core)
    assert out.tolist() == [[True, False], [False, False], [True, False]]


def test_game_inputs_not_mutated_and_read_only() -> None:
    v = np.array([0, 1, 2, 6.0])
    g = games.Game(values=v)
    assert not g.values.flags.writeable
    for fn in (games.shapley, games.banzhaf, games.tau_value):
        out = fn(g)
        assert out.dtype == np.float64
        assert not out.flags.writeable
    assert_allclose(v, [0, 1, 2, 6])
    assert g.index_of(["P1"]) == 2
    assert float(g.value_of([0, 1])) == 6.0


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"values": [0, 1, 2]}, "TUGame.values"),
        ({"values": [1, 1, 2, 3]}, "TUGame.values[..., 0]"),
        ({"values": [0, 1, np.nan, 3]}, "TUGame.values"),
        ({"values": [0.0]}, "TUGame.values"),
        ({"values": [0, 1, 2, 3], "kind": "profit"}, "TUGame.kind"),
        ({"values": [0, 1, 2, 3], "players": ("a",)}, "TUGame.players"),
        ({"values": [0, 1, 2, 3], "players": ("a", "a")}, "TUGame.players"),
    ],
)
def test_bad_game(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        games.Game(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field
    assert isinstance(info.value, BurdenError)
    assert isinstance(info.value, ValueError)


def test_bad_solution_inputs() -> None:
    g = games.Game(values=[0, 1, 2, 6])
    cases: list[tuple[object, str, type[BurdenError]]] = [
        (lambda: games.bankruptcy_game(10.0, [1.0, 2.0]), "estate", InfeasibleError),
        (lambda: games.bankruptcy_game(1.0, [-1.0, 2.0]), "claims", InvalidInputError),
        (lambda: games.airport_game([-1.0, 2.0]), "costs", InvalidInputError),
        (lambda: games.savings_game(g), "game", InvalidInputError),
        (lambda: games.shapley([0, 1, 2, 6]), "game", InvalidInputError),  # type: ignore[arg-type]
        (lambda: games.shapley_sampled(g, n_permutations=1), "n_permutations", InvalidInputError),
        (lambda: games.in_core(g, [1.0, 2.0, 3.0]), "allocation", InvalidInputError),
        (
            lambda: games.kohlberg_check(g, [3, 3], domain="core"),  # type: ignore[arg-type]
            "domain",
            InvalidInputError,
        ),
        (lambda: games.nucleolus(games.Game(values=[0, 2, 2, 3])), "game", InfeasibleError),
        (
            lambda: games.nucleolus(games.Game(values=np.zeros(2**17))),
            "game",
            InvalidInputError,
        ),
        (lambda: games.tau_value(games.Game(values=[0, 2, 2, 3])), "game", InfeasibleError),
        (lambda: games.banzhaf(games.Game(values=[0, 1, 1, 0])), "game", InfeasibleError),
    ]
    for call, field, error in cases:
        with pytest.raises(error) as info:
            call()  # type: ignore[operator]
        assert info.value.field == field


def test_game_repr_names_the_players() -> None:
    g = games.TUGame(values=[0, 1, 2, 4], players=["KR", "US"])
    assert repr(g) == "TUGame(2 players: KR, US; value)"
