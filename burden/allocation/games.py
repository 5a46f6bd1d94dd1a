r"""Cooperative games with transferable utility (TU games) and their solutions.

A game on players :math:`N = \{0, \dots, n-1\}` is stored as the values of all
:math:`2^n` coalitions in **binary order**: coalition :math:`S` sits at index
:math:`\sum_{i \in S} 2^i` (bit ``i`` set means player ``i`` is in the coalition), so
index 0 is the empty coalition (value 0) and index ``2**n - 1`` the grand coalition.
A leading batch axis holds scenarios: values have shape ``(..., 2**n)`` and every
solution returns ``(..., n)``.

Value games and cost games
--------------------------
A :class:`TUGame` has ``kind="value"`` (:math:`v(S)` is what coalition :math:`S` can
earn or save) or ``kind="cost"`` (:math:`c(S)` is what serving :math:`S` alone
costs). Every solution of a cost game is defined through its **savings game**
:math:`s(S) = \sum_{i \in S} c(\{i\}) - c(S)`: if :math:`y` is the solution of
:math:`s`, the cost allocation is :math:`x_i = c(\{i\}) - y_i`. The excess of a
coalition is then :math:`e(S, x) = x(S) - c(S)` (how much :math:`S` pays above its
stand-alone cost), which equals :math:`s(S) - y(S)`, the excess in the savings game.
The nucleolus of a cost game therefore lexicographically minimizes the largest
overpayments :math:`x(S) - c(S)`, and its core is
:math:`\{x : x(N) = c(N),\ x(S) \le c(S)\}`. For the linear values (Shapley, raw
Banzhaf) the mapping changes nothing: they can be applied to :math:`c` directly.

Solutions: :func:`shapley` (exact, vectorized over coalitions and scenarios),
:func:`shapley_sampled` (permutation sampling with standard errors),
:func:`banzhaf`, :func:`tau_value`, :func:`in_core`, :func:`least_core`,
:func:`nucleolus`, :func:`prenucleolus` and :func:`kohlberg_check`.

References
----------
.. [1] Shapley, L. S. (1953). A value for n-person games. *Contributions to the
   Theory of Games II*, 307-317.
.. [2] Schmeidler, D. (1969). The nucleolus of a characteristic function game.
   *SIAM Journal on Applied Mathematics* 17(6), 1163-1170.
.. [3] Kohlberg, E. (1971). On the nucleolus of a characteristic function game.
   *SIAM Journal on Applied Mathematics* 20(1), 62-66.
.. [4] Maschler, M., Peleg, B., & Shapley, L. S. (1979). Geometric properties of the
   kernel, nucleolus and related solution concepts. *Mathematics of Operations
   Research* 4(4), 303-338.
.. [5] Guajardo, M., & Jornsten, K. (2015). Common mistakes in computing the
   nucleolus. *European Journal of Operational Research* 241(3), 931-935.
.. [6] Littlechild, S. C., & Owen, G. (1973). A simple expression for the Shapley
   value in a special case. *Management Science* 20(3), 370-372.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.linalg import orth
from scipy.optimize import linprog

from burden._core.checks import (
    as_flag,
    as_float_array,
    as_name,
    as_names,
    as_number,
    as_rng,
    readonly,
)
from burden._core.limits import check_memory
from burden.allocation.claims import _prepare as _prepare_claims
from burden.errors import InfeasibleError, InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from burden.typing import BoolArray, FloatArray, IntArray, RNGLike

__all__ = [
    "NUCLEOLUS_MAX_PLAYERS",
    "Domain",
    "Game",
    "GameKind",
    "LeastCoreResult",
    "NucleolusResult",
    "SampledValue",
    "TUGame",
    "airport_game",
    "bankruptcy_game",
    "banzhaf",
    "cost_game",
    "in_core",
    "kohlberg_check",
    "least_core",
    "nucleolus",
    "prenucleolus",
    "savings_game",
    "shapley",
    "shapley_sampled",
    "tau_value",
]

GameKind: TypeAlias = Literal["value", "cost"]
"""``"value"``: v(S) is what S earns or saves; ``"cost"``: c(S) is what S costs alone."""

Domain: TypeAlias = Literal["imputation", "preimputation"]
r"""Nucleolus over imputations (:math:`x_i \ge v(\{i\})`) or over all efficient vectors."""

NUCLEOLUS_MAX_PLAYERS: Final = 16
"""Largest game :func:`nucleolus` accepts (its LPs have 2**n - 2 rows)."""

_LP_METHOD: Final = "highs"
_DUAL_TOL: Final = 1e-9
_SPAN_TOL: Final = 1e-9
_EXCESS_RTOL: Final = 1e-7


# --------------------------------------------------------------------------- coalition algebra


def _bits(n: int) -> FloatArray:
    """Membership matrix of shape ``(2**n, n)``: row S, column i is 1 if i is in S."""
    masks = np.arange(2**n, dtype=np.int64)
    out: FloatArray = ((masks[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(np.float64)
    return out


def _sizes(n: int) -> IntArray:
    """Coalition sizes :math:`|S|` in binary order, shape ``(2**n,)``."""
    out: IntArray = np.bitwise_count(np.arange(2**n, dtype=np.int64)).astype(np.int64)
    return out


def _check_coalitions(n: int, batch: tuple[int, ...]) -> None:
    """Refuse an exact game whose ``2**n`` coalition values cannot be held in memory."""
    check_memory(
        "players",
        f"{n} players (2**{n} coalitions){f' x {math.prod(batch)} draws' if batch else ''}",
        math.prod(batch) * 2.0**n * 8.0 * 3,  # the values and two same-sized temporaries
        way_out="use a closed form (claims rules for bankruptcy games) or shapley_sampled "
        "on a smaller game",
    )


def _coalition_sums(x: FloatArray) -> FloatArray:
    r""":math:`x(S) = \sum_{i \in S} x_i` for every coalition: ``(..., n)`` to ``(..., 2**n)``.

    A coalition index splits into the bits of the low ``k`` players and of the high
    ``n - k`` players, so :math:`x(S)` is an outer sum of two tables of size
    :math:`2^k` and :math:`2^{n-k}`; no ``(2**n, n)`` matrix is formed.
    """
    n = x.shape[-1]
    _check_coalitions(n, x.shape[:-1])
    k = n // 2
    low = x[..., :k] @ _bits(k).T
    high = x[..., k:] @ _bits(n - k).T
    out: FloatArray = (high[..., :, None] + low[..., None, :]).reshape(*x.shape[:-1], 2**n)
    return out


def _coalition_max(x: FloatArray) -> FloatArray:
    r""":math:`\max_{i \in S} x_i` for every coalition (0 for the empty one), x >= 0."""
    n = x.shape[-1]
    _check_coalitions(n, x.shape[:-1])
    k = n // 2
    low = np.where(_bits(k) > 0, x[..., None, :k], 0.0).max(axis=-1, initial=0.0)
    high = np.where(_bits(n - k) > 0, x[..., None, k:], 0.0).max(axis=-1, initial=0.0)
    out: FloatArray = np.maximum(high[..., :, None], low[..., None, :]).reshape(
        *x.shape[:-1], 2**n
    )
    return out


def _member_sum(f: FloatArray, n: int) -> FloatArray:
    r""":math:`\sum_{S \ni i} f(S)` for every player: ``(..., 2**n)`` to ``(..., n)``."""
    k = n // 2
    g = f.reshape(*f.shape[:-1], 2 ** (n - k), 2**k)
    low = g.sum(axis=-2) @ _bits(k)
    high = g.sum(axis=-1) @ _bits(n - k)
    return np.concatenate([low, high], axis=-1)


def _member_max(f: FloatArray, n: int) -> FloatArray:
    r""":math:`\max_{S \ni i} f(S)` for every player: ``(..., 2**n)`` to ``(..., n)``."""
    k = n // 2
    g = f.reshape(*f.shape[:-1], 2 ** (n - k), 2**k)
    low = np.where(_bits(k) > 0, g.max(axis=-2)[..., :, None], -np.inf).max(axis=-2)
    high = np.where(_bits(n - k) > 0, g.max(axis=-1)[..., :, None], -np.inf).max(axis=-2)
    return np.concatenate([low, high], axis=-1)


def _singletons(n: int) -> IntArray:
    out: IntArray = np.left_shift(1, np.arange(n, dtype=np.int64))
    return out


# --------------------------------------------------------------------------- the TUGame value


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, init=False)
class TUGame:
    r"""A TU game (or a batch of games) given by the values of all coalitions.

    Parameters
    ----------
    values : array_like, shape (..., 2**n)
        Coalition values in binary order (bit ``i`` of the index set means player
        ``i`` is in the coalition); the value of the empty coalition (index 0) must be
        0. Leading axes are scenarios. Stored as a read-only float64 copy.
    kind : {"value", "cost"}, default "value"
        Whether the values are worths/savings or stand-alone costs.
    players : sequence of str, optional
        Player names, ``n`` distinct strings; default ``"P0"``, ``"P1"``, ...

    Attributes
    ----------
    n_players : int
        Number of players ``n``.
    batch_shape : tuple of int
        Shape of the scenario axes ``(...)``.

    Raises
    ------
    InvalidInputError
        If `values` are not finite numbers, the last axis is not a power of two
        (at least 2), the empty coalition has a non-zero value, `kind` is unknown,
        or `players` has the wrong length or repeats a name.

    Notes
    -----
    For a cost game, solutions are computed on the savings game
    :math:`s(S) = \sum_{i \in S} c(\{i\}) - c(S)` and mapped back,
    :math:`x_i = c(\{i\}) - y_i` (see the module docstring).

    Examples
    --------
    >>> from burden import games
    >>> g = games.TUGame(values=[0, 1, 2, 4], players=["KR", "US"])
    >>> g.n_players, float(g.value_of(["KR", "US"]))
    (2, 4.0)
    """

    values: FloatArray
    kind: GameKind
    players: tuple[str, ...]

    def __init__(
        self,
        values: npt.ArrayLike,
        *,
        kind: GameKind = "value",
        players: Sequence[str] | None = None,
    ) -> None:
        # Hand-written so that values may be any array_like (stored as float64).
        arr = as_float_array(values, "TUGame.values")
        if arr.ndim == 0 or arr.shape[-1] < 2:
            field = "TUGame.values"
            raise InvalidInputError(field, values, "an array of shape (..., 2**n) with n >= 1")
        size = arr.shape[-1]
        n = size.bit_length() - 1
        if 2**n != size:
            field = "TUGame.values"
            raise InvalidInputError(
                field,
                arr.shape,
                "a last axis of length 2**n (one value per coalition, binary order)",
            )
        if np.any(arr[..., 0] != 0.0):
            field = "TUGame.values[..., 0]"
            raise InvalidInputError(field, arr[..., 0], "0 (the value of the empty coalition)")
        kind = as_name(kind, "TUGame.kind", ("value", "cost"))  # type: ignore[assignment]
        if kind not in ("value", "cost"):
            field = "TUGame.kind"
            raise InvalidInputError(field, kind, "'value' or 'cost'")
        if players is None:
            names = tuple(f"P{i}" for i in range(n))
        else:
            given: object = players
            if isinstance(given, str):
                field = "TUGame.players"
                raise InvalidInputError(field, players, "a sequence of names")
            names = as_names(players, "TUGame.players")
            if len(names) != n or len(set(names)) != n:
                field = "TUGame.players"
                raise InvalidInputError(field, players, f"{n} distinct names")
        object.__setattr__(self, "values", readonly(arr))
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "players", names)

    @property
    def n_players(self) -> int:
        """Number of players ``n``."""
        return int(self.values.shape[-1]).bit_length() - 1

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the leading scenario axes."""
        return tuple(self.values.shape[:-1])

    @property
    def player_names(self) -> tuple[str, ...]:
        """Player names (same as ``players``)."""
        return self.players

    def index_of(self, coalition: Iterable[int | str]) -> int:
        r"""Binary-order index of a coalition given by player positions or names.

        Parameters
        ----------
        coalition : iterable of int or str
            Members, as 0-based positions or names.

        Returns
        -------
        int
            :math:`\sum_{i \in S} 2^i`.

        Raises
        ------
        InvalidInputError
            If a member is not a player of the game.

        Examples
        --------
        >>> from burden import games
        >>> games.TUGame(values=[0.0] * 8).index_of([0, 2])
        5
        """
        names = self.player_names
        mask = 0
        if isinstance(coalition, str | bytes) or not isinstance(
            coalition, list | tuple | set | frozenset | range | np.ndarray
        ):
            raise InvalidInputError("coalition", coalition, "a list of player names or positions")
        for member in coalition:  # members of one coalition, not a loop over coalitions
            if isinstance(member, str) and member in names:
                mask |= 1 << names.index(member)
            elif isinstance(member, int | np.integer) and 0 <= int(member) < len(names):
                mask |= 1 << int(member)
            else:
                field = "coalition"
                raise InvalidInputError(field, member, f"a player of {names}")
        return mask

    def value_of(self, coalition: Iterable[int | str]) -> FloatArray:
        """Value of one coalition in every scenario.

        Parameters
        ----------
        coalition : iterable of int or str
            Members, as 0-based positions or names.

        Returns
        -------
        ndarray of float64, shape (...)
            :math:`v(S)` (a 0-d array for an unbatched game).

        Raises
        ------
        InvalidInputError
            If a member is not a player of the game.

        Examples
        --------
        >>> from burden import games
        >>> print(games.TUGame(values=[0, 1, 2, 4]).value_of([1]))
        2.0
        """
        return np.asarray(self.values[..., self.index_of(coalition)], dtype=np.float64)

    def to_frame(self) -> pd.DataFrame:
        """Coalition values as a tidy table.

        Returns
        -------
        pandas.DataFrame
            Columns ``scenario`` (flat index over the batch axes), ``coalition``
            (binary-order index), ``members`` (names joined by ``"+"``), ``size`` and
            ``value``; and ``kind`` for the game's kind.

        Examples
        --------
        >>> from burden import games
        >>> print(games.TUGame(values=[0, 1, 2, 4]).to_frame().members.tolist())
        ['', 'P0', 'P1', 'P0+P1']
        """
        n = self.n_players
        names = np.array(self.player_names)
        bits = _bits(n) > 0
        members = ["+".join(names[row]) for row in bits]  # labels only, no arithmetic
        rows = int(np.prod(self.batch_shape))
        return pd.DataFrame(
            {
                "scenario": np.repeat(np.arange(rows), 2**n),
                "coalition": np.tile(np.arange(2**n), rows),
                "members": members * rows,
                "size": np.tile(_sizes(n), rows),
                "value": self.values.reshape(-1),
                "kind": self.kind,
            }
        )

    def _repr_html_(self) -> str:
        return f"<p><b>{type(self).__name__}</b></p>" + self.to_frame().to_html(max_rows=40)

    # -- constructors and solutions as methods (the public contract) ---------------

    @classmethod
    def bankruptcy(
        cls, estate: npt.ArrayLike, claims: npt.ArrayLike, *, players: Sequence[str] | None = None
    ) -> TUGame:
        """Bankruptcy game of a claims problem; see :func:`bankruptcy_game`."""
        return bankruptcy_game(estate, claims, players=players)

    @classmethod
    def airport(cls, costs: npt.ArrayLike, *, players: Sequence[str] | None = None) -> TUGame:
        """Airport cost game; see :func:`airport_game`."""
        return airport_game(costs, players=players)

    @classmethod
    def cost(cls, values: npt.ArrayLike, *, players: Sequence[str] | None = None) -> TUGame:
        """Cost game from stand-alone costs of every coalition; see :func:`cost_game`."""
        return cost_game(values, players=players)

    def savings(self) -> TUGame:
        """Return the savings game of this cost game; see :func:`savings_game`."""
        return savings_game(self)

    def shapley(self) -> FloatArray:
        """Shapley value, shape ``(..., n)``; see :func:`shapley`."""
        return shapley(self)

    def banzhaf(self, *, normalized: bool = True) -> FloatArray:
        """Banzhaf value, shape ``(..., n)``; see :func:`banzhaf`."""
        return banzhaf(self, normalized=normalized)

    def tau_value(self) -> FloatArray:
        """Tau value, shape ``(..., n)``; see :func:`tau_value`."""
        return tau_value(self)

    def nucleolus(self) -> FloatArray:
        """Nucleolus allocation, shape ``(..., n)``; :func:`nucleolus` gives the details.

        Examples
        --------
        >>> from burden import games
        >>> print(games.TUGame.bankruptcy(200.0, [100.0, 200.0, 300.0]).nucleolus().round(6))
        [50. 75. 75.]
        """
        return nucleolus(self).allocation

    def prenucleolus(self) -> FloatArray:
        """Prenucleolus allocation, shape ``(..., n)``; see :func:`prenucleolus`."""
        return prenucleolus(self).allocation

    def in_core(self, x: npt.ArrayLike, *, tol: float = 1e-9) -> BoolArray:
        """Whether allocation(s) `x` of shape ``(..., n)`` lie in the core; see :func:`in_core`."""
        return in_core(self, x, tol=tol)

    def least_core(self) -> LeastCoreResult:
        """Least core (its value and one allocation); see :func:`least_core`."""
        return least_core(self)


Game = TUGame
"""Alias of :class:`TUGame`."""


def _require_game(game: object) -> TUGame:
    if not isinstance(game, TUGame):
        field = "game"
        raise InvalidInputError(field, game, "a burden.allocation.games.TUGame")
    return game


def _values(game: object) -> FloatArray:
    """Return the coalition values of a TUGame (a NumPy array, not a pandas ``.values``)."""
    return _require_game(game).values


def bankruptcy_game(
    estate: npt.ArrayLike, claims: npt.ArrayLike, *, players: Sequence[str] | None = None
) -> TUGame:
    r"""Bankruptcy (claims) game of O'Neill (1982).

    Parameters
    ----------
    estate : array_like, shape (...)
        Estate :math:`0 \le E \le \sum_i d_i`.
    claims : array_like, shape (..., n)
        Claims :math:`d_i \ge 0`.
    players : sequence of str, optional
        Player names.

    Returns
    -------
    TUGame
        Value game of shape ``(..., 2**n)``.

    Raises
    ------
    InvalidInputError
        If a claim or the estate is negative or not finite, or shapes do not broadcast.
    InfeasibleError
        If the estate exceeds the sum of the claims.

    Notes
    -----
    :math:`v(S) = \max(0, E - d(N \setminus S))`: what :math:`S` gets once everyone
    else is paid in full. It is convex; its Shapley value is the random arrival rule,
    its nucleolus the Talmud rule and its tau value the adjusted proportional rule.

    References
    ----------
    .. [1] O'Neill, B. (1982). *Mathematical Social Sciences* 2(4), 345-371.
    .. [2] Aumann, R. J., & Maschler, M. (1985). *Journal of Economic Theory* 36(2),
       195-213.

    Examples
    --------
    >>> from burden import games
    >>> print(games.bankruptcy_game(200.0, [100.0, 200.0, 300.0]).values)
    [  0.   0.   0.   0.   0.   0. 100. 200.]
    """
    e, d = _prepare_claims(estate, claims)
    total = d.sum(axis=-1, keepdims=True)
    values = np.maximum(e[..., None] - (total - _coalition_sums(d)), 0.0)
    values[..., 0] = 0.0
    return TUGame(values=values, kind="value", players=players)


def airport_game(costs: npt.ArrayLike, *, players: Sequence[str] | None = None) -> TUGame:
    r"""Airport cost game of Littlechild and Owen (1973).

    Parameters
    ----------
    costs : array_like, shape (..., n)
        Cost of the runway each player needs alone, :math:`c_i \ge 0`.
    players : sequence of str, optional
        Player names.

    Returns
    -------
    TUGame
        Cost game, :math:`c(S) = \max_{i \in S} c_i`.

    Raises
    ------
    InvalidInputError
        If a cost is negative or not finite, or `costs` has no player axis.

    Notes
    -----
    Any shared facility whose cost is set by its most demanding user (a base sized
    for the largest contingent) is an airport game. With players sorted by cost,
    :math:`c_{(1)} \le \dots \le c_{(n)}`, the Shapley value shares each
    increment equally among those who need it [1]_:
    :math:`\phi_{(i)} = \sum_{k \le i} (c_{(k)} - c_{(k-1)}) / (n - k + 1)`.

    References
    ----------
    .. [1] Littlechild, S. C., & Owen, G. (1973). *Management Science* 20(3), 370-372.

    Examples
    --------
    >>> from burden import games
    >>> print(games.shapley(games.airport_game([1.0, 3.0, 6.0])))
    [0.33333333 1.33333333 4.33333333]
    """
    c = as_float_array(costs, "costs", nonnegative=True)
    if c.ndim == 0 or c.shape[-1] == 0:
        field = "costs"
        raise InvalidInputError(field, costs, "an array of shape (..., n) with n >= 1")
    return TUGame(values=_coalition_max(c), kind="cost", players=players)


def cost_game(values: npt.ArrayLike, *, players: Sequence[str] | None = None) -> TUGame:
    r"""Cost game from stand-alone costs of every coalition.

    Parameters
    ----------
    values : array_like, shape (..., 2**n)
        :math:`c(S)` in binary order, :math:`c(\emptyset) = 0`.
    players : sequence of str, optional
        Player names.

    Returns
    -------
    TUGame
        ``TUGame(values=values, kind="cost")``.

    Raises
    ------
    InvalidInputError
        As :class:`TUGame`.

    Notes
    -----
    Solutions of a cost game are those of its savings game mapped back,
    :math:`x_i = c(\{i\}) - y_i` (see :func:`savings_game`).

    Examples
    --------
    >>> from burden import games
    >>> games.cost_game([0, 6, 6, 9]).kind
    'cost'
    """
    return TUGame(values=as_float_array(values, "values"), kind="cost", players=players)


def _savings_values(game: TUGame) -> FloatArray:
    c = _values(game)
    single = c[..., _singletons(game.n_players)]
    out: FloatArray = _coalition_sums(single) - c
    out[..., 0] = 0.0
    return out


def savings_game(game: TUGame) -> TUGame:
    r"""Build the savings game of a cost game.

    Parameters
    ----------
    game : TUGame
        A game with ``kind="cost"``.

    Returns
    -------
    TUGame
        Value game :math:`s(S) = \sum_{i \in S} c(\{i\}) - c(S)`, same players.

    Raises
    ------
    InvalidInputError
        If `game` is not a cost game.

    Notes
    -----
    :math:`s` is superadditive (convex) exactly when :math:`c` is subadditive
    (concave). Excesses correspond: :math:`s(S) - y(S) = x(S) - c(S)` for
    :math:`x_i = c(\{i\}) - y_i`.

    Examples
    --------
    >>> from burden import games
    >>> print(games.savings_game(games.cost_game([0, 6, 6, 9])).values)
    [0. 0. 0. 3.]
    """
    given: object = game
    if not isinstance(given, TUGame) or game.kind != "cost":
        field = "game"
        raise InvalidInputError(field, getattr(game, "kind", game), "a TUGame with kind='cost'")
    return TUGame(values=_savings_values(game), kind="value", players=game.players)


def _value_form(game: TUGame) -> tuple[FloatArray, FloatArray | None]:
    """Values to solve on and, for cost games, the singleton costs to map back with."""
    _require_game(game)
    if game.kind == "cost":
        return _savings_values(game), _values(game)[..., _singletons(game.n_players)]
    return _values(game), None


def _back(y: FloatArray, offset: FloatArray | None) -> FloatArray:
    out = y if offset is None else offset - y
    return readonly(np.ascontiguousarray(out, dtype=np.float64))


# --------------------------------------------------------------------------- linear values


def _shapley_weights(n: int) -> tuple[FloatArray, FloatArray]:
    """Weights ``(a, b)`` over coalitions: phi_i = sum_{S∋i} a(S) v(S) - sum_{S∌i} b(S) v(S)."""
    size = _sizes(n)
    w = 1.0 / (n * np.array([math.comb(n - 1, s) for s in range(n)], dtype=np.float64))
    a = np.where(size >= 1, w[np.clip(size - 1, 0, n - 1)], 0.0)
    b = np.where(size <= n - 1, w[np.clip(size, 0, n - 1)], 0.0)
    return a, b


def shapley(game: TUGame) -> FloatArray:
    r"""Exact Shapley value, vectorized over coalitions and scenarios.

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)``; value or cost game.

    Returns
    -------
    ndarray of float64, shape (..., n)
        Shapley value (for a cost game, the cost shares), read-only.

    Raises
    ------
    InvalidInputError
        If `game` is not a :class:`TUGame`.

    Notes
    -----
    .. math::

       \phi_i = \sum_{S \subseteq N \setminus \{i\}}
                 \frac{|S|!\,(n-|S|-1)!}{n!}\,\bigl(v(S \cup \{i\}) - v(S)\bigr)
               = \sum_{S \ni i} (a_S + b_S)\, v(S) - \sum_{S} b_S\, v(S),

    with :math:`a_S = w(|S|-1)`, :math:`b_S = w(|S|)` (0 for :math:`S = N`) and
    :math:`w(s) = s!(n-s-1)!/n!`. The sums over coalitions containing :math:`i` are
    taken for all players at once by splitting each coalition index into its low and
    high halves of bits, so memory stays at :math:`O(2^n)` per scenario and no
    Python loop runs over coalitions, players or scenarios. Cost: :math:`O(n 2^n)`
    per scenario. The value is linear, so a cost game needs no mapping.

    References
    ----------
    .. [1] Shapley, L. S. (1953). A value for n-person games. *Contributions to the
       Theory of Games II*, 307-317.

    Examples
    --------
    >>> from burden import games
    >>> print(games.shapley(games.TUGame(values=[0, 1, 2, 6])))
    [2.5 3.5]
    """
    _require_game(game)
    n = game.n_players
    a, b = _shapley_weights(n)
    v = _values(game)
    phi = _member_sum(v * (a + b), n) - (v @ b)[..., None]
    return readonly(np.ascontiguousarray(phi))


def banzhaf(game: TUGame, *, normalized: bool = True) -> FloatArray:
    r"""Banzhaf value, raw or normalized to be efficient.

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)``; value or cost game.
    normalized : bool, default True
        Rescale so that the shares add up to :math:`v(N)`.

    Returns
    -------
    ndarray of float64, shape (..., n)
        Banzhaf value, read-only.

    Raises
    ------
    InvalidInputError
        If `game` is not a :class:`TUGame`.
    InfeasibleError
        If `normalized` and the raw values of a scenario sum to 0.

    Notes
    -----
    Raw: :math:`\beta_i = 2^{1-n} \sum_{S \not\ni i} (v(S \cup i) - v(S))
    = 2^{1-n} (2 \sum_{S \ni i} v(S) - \sum_S v(S))`. Normalized:
    :math:`\beta_i\, v(N) / \sum_j \beta_j`. For a cost game the normalized value is
    computed on the savings game and mapped back, :math:`x_i = c(\{i\}) - y_i`; the
    raw value is linear and equals the raw Banzhaf value of :math:`c`.

    References
    ----------
    .. [1] Banzhaf, J. F. (1965). Weighted voting doesn't work. *Rutgers Law Review*
       19, 317-343.
    .. [2] Owen, G. (1975). Multilinear extensions and the Banzhaf value. *Naval
       Research Logistics Quarterly* 22(4), 741-750.

    Examples
    --------
    >>> from burden import games
    >>> g = games.bankruptcy_game(200.0, [100.0, 200.0, 300.0])
    >>> print(games.banzhaf(g, normalized=False))
    [25. 75. 75.]
    """
    normalized = as_flag(normalized, "normalized")
    v, offset = _value_form(game)
    n = game.n_players
    raw = (2.0 * _member_sum(v, n) - v.sum(axis=-1, keepdims=True)) / 2.0 ** (n - 1)
    if not normalized:
        if offset is not None:  # linear: the raw value of c directly
            c = _values(game)
            raw = (2.0 * _member_sum(c, n) - c.sum(-1, keepdims=True)) / 2.0 ** (n - 1)
        return readonly(np.ascontiguousarray(raw))
    total = raw.sum(axis=-1)
    if np.any(np.abs(total) <= 1e-12 * (1.0 + np.abs(v).max())):
        field = "game"
        raise InfeasibleError(
            field, total, "raw Banzhaf values that do not sum to 0 (needed to normalize)"
        )
    return _back(raw * (v[..., -1] / total)[..., None], offset)


def tau_value(game: TUGame) -> FloatArray:
    r"""Tau value (compromise value) of Tijs (1981).

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)``; value or cost game.

    Returns
    -------
    ndarray of float64, shape (..., n)
        Tau value, read-only.

    Raises
    ------
    InvalidInputError
        If `game` is not a :class:`TUGame`.
    InfeasibleError
        If a scenario is not quasi-balanced (then the tau value is undefined).

    Notes
    -----
    Utopia payoffs :math:`M_i = v(N) - v(N \setminus i)`, minimal rights
    :math:`m_i = \max_{S \ni i} \bigl(v(S) - \sum_{j \in S \setminus i} M_j\bigr)`.
    The game is quasi-balanced if :math:`m \le M` and
    :math:`\sum m \le v(N) \le \sum M`; then :math:`\tau = m + \alpha (M - m)` with
    :math:`\alpha` making it efficient. The maxima over coalitions containing each
    player are vectorized like :func:`shapley`. For the bankruptcy game it is the
    adjusted proportional rule (Curiel, Maschler and Tijs 1987). Cost games go
    through their savings game.

    References
    ----------
    .. [1] Tijs, S. H. (1981). Bounds for the core and the tau-value. In *TUGame Theory
       and Mathematical Economics*, 123-132. North-Holland.

    Examples
    --------
    >>> from burden import games
    >>> print(games.tau_value(games.bankruptcy_game(200.0, [100.0, 200.0, 300.0])))
    [40. 80. 80.]
    """
    v, offset = _value_form(game)
    n = game.n_players
    grand = v[..., -1]
    full = 2**n - 1
    utopia = grand[..., None] - v[..., full ^ _singletons(n)]
    minimal = _member_max(v - _coalition_sums(utopia), n) + utopia
    gap = utopia - minimal
    scale = 1e-9 * (1.0 + np.abs(v).max())
    ok = (
        np.all(gap >= -scale, axis=-1)
        & (minimal.sum(-1) <= grand + scale)
        & (grand <= utopia.sum(-1) + scale)
    )
    if not np.all(ok):
        field = "game"
        raise InfeasibleError(field, game.values, "a quasi-balanced game (tau value defined)")
    spread = gap.sum(axis=-1)
    alpha = np.divide(
        grand - minimal.sum(-1), spread, out=np.zeros_like(grand), where=spread > scale
    )
    return _back(minimal + alpha[..., None] * gap, offset)


# --------------------------------------------------------------------------- sampled Shapley


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SampledValue:
    """Estimate of a value by sampling, with standard errors.

    Attributes
    ----------
    estimate : ndarray of float64, shape (..., n)
        Mean marginal contribution (efficient: sums to v(N) exactly).
    standard_error : ndarray of float64, shape (..., n)
        Standard error of each estimate, ``std(ddof=1) / sqrt(n_permutations)``.
    n_permutations : int
        Number of sampled orders.
    players : tuple of str
        Player names.

    Examples
    --------
    >>> from burden import games
    >>> r = games.shapley_sampled(games.TUGame(values=[0, 1, 2, 6]), n_permutations=50, rng=1)
    >>> print(r.estimate.sum())
    6.0
    """

    estimate: FloatArray
    standard_error: FloatArray
    n_permutations: int
    players: tuple[str, ...]

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: ``scenario``, ``player``, ``estimate``, ``standard_error``.

        Examples
        --------
        >>> from burden import games
        >>> r = games.shapley_sampled(games.TUGame(values=[0, 1, 2, 6]), n_permutations=10, rng=0)
        >>> list(r.to_frame().columns)
        ['scenario', 'player', 'estimate', 'standard_error']
        """
        return _allocation_frame(
            self.players, estimate=self.estimate, standard_error=self.standard_error
        )

    def _repr_html_(self) -> str:
        return f"<p><b>{type(self).__name__}</b></p>" + self.to_frame().to_html(max_rows=40)


def _allocation_frame(players: tuple[str, ...], **columns: FloatArray) -> pd.DataFrame:
    n = len(players)
    first = next(iter(columns.values()))
    rows = first.size // n
    data: dict[str, object] = {
        "scenario": np.repeat(np.arange(rows), n),
        "player": list(players) * rows,
    }
    data.update({name: arr.reshape(-1) for name, arr in columns.items()})
    return pd.DataFrame(data)


def shapley_sampled(
    game: TUGame, *, n_permutations: int = 1000, rng: RNGLike = None
) -> SampledValue:
    r"""Shapley value estimated by sampling orders of arrival (Castro et al. 2009).

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)``; value or cost game.
    n_permutations : int, default 1000
        Number of random orders (at least 2), shared by all scenarios.
    rng : numpy.random.Generator, int, SeedSequence or None, keyword-only
        SPEC 7 random source, normalized with :func:`numpy.random.default_rng`.

    Returns
    -------
    SampledValue
        Estimates and standard errors, each of shape ``(..., n)``.

    Raises
    ------
    InvalidInputError
        If `game` is not a :class:`TUGame` or `n_permutations` < 2.

    Notes
    -----
    For each sampled order :math:`\pi`, player :math:`i` gets
    :math:`v(P_i^\pi \cup i) - v(P_i^\pi)` where :math:`P_i^\pi` are its
    predecessors; the estimate is the mean over orders and is unbiased. The prefix
    coalitions of all orders are found with one cumulative sum of :math:`2^{\pi_k}`
    and their values with one fancy index, so the work is vectorized over orders,
    players and scenarios (memory ``scenarios * n_permutations * n`` floats). Use it
    when :math:`n` is large; exact :func:`shapley` is fast up to about 20 players.

    References
    ----------
    .. [1] Castro, J., Gomez, D., & Tejada, J. (2009). Polynomial calculation of the
       Shapley value based on sampling. *Computers & Operations Research* 36(5),
       1726-1730.

    Examples
    --------
    >>> from burden import games
    >>> r = games.shapley_sampled(games.airport_game([1.0, 3.0, 6.0]), rng=42)
    >>> bool(abs(r.estimate[2] - 13 / 3) < 4 * r.standard_error[2] + 1e-12)
    True
    """
    _require_game(game)
    if isinstance(n_permutations, bool) or not isinstance(n_permutations, int | np.integer):
        field = "n_permutations"
        raise InvalidInputError(field, n_permutations, "an integer >= 2")
    if n_permutations < 2:
        field = "n_permutations"
        raise InvalidInputError(field, n_permutations, "an integer >= 2")
    gen = as_rng(rng)
    n = game.n_players
    m = int(n_permutations)
    cells = m * n * math.prod(game.batch_shape)
    check_memory(
        "n_permutations",
        f"{m} permutations of {n} players",
        cells * 8.0 * 6,  # orders, prefixes, worths, marginals, positions, contributions
        way_out="use fewer permutations (the standard error falls as 1/sqrt(n)) and "
        "average several runs",
    )
    orders = gen.permuted(np.tile(np.arange(n, dtype=np.int64), (m, 1)), axis=1)
    prefix = np.cumsum(np.left_shift(1, orders), axis=1)  # coalition after each arrival
    worth = _values(game)[..., prefix]  # (..., m, n)
    marginal = np.diff(worth, axis=-1, prepend=0.0)
    position = np.argsort(orders, axis=1)  # where player i stands in each order
    contrib = np.take_along_axis(
        marginal, np.broadcast_to(position, marginal.shape), axis=-1
    )  # (..., m, n) by player
    estimate = contrib.mean(axis=-2)
    se = contrib.std(axis=-2, ddof=1) / math.sqrt(m)
    return SampledValue(
        estimate=readonly(np.ascontiguousarray(estimate)),
        standard_error=readonly(np.ascontiguousarray(se)),
        n_permutations=m,
        players=game.player_names,
    )


# --------------------------------------------------------------------------- core


def _allocation(game: TUGame, allocation: npt.ArrayLike, field: str) -> FloatArray:
    x = as_float_array(allocation, field)
    if x.ndim == 0 or x.shape[-1] != game.n_players:
        raise InvalidInputError(field, allocation, f"an array of shape (..., {game.n_players})")
    return x


def in_core(game: TUGame, allocation: npt.ArrayLike, *, tol: float = 1e-9) -> BoolArray:
    r"""Whether allocations lie in the core, vectorized over allocations and games.

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)``; value or cost game.
    allocation : array_like, shape (..., n)
        Payoffs (value game) or cost shares (cost game); leading axes broadcast with
        the game's batch axes.
    tol : float, default 1e-9
        Absolute tolerance, scaled by ``max(1, max |v|)``.

    Returns
    -------
    ndarray of bool, shape (...)
        True where the allocation is in the core.

    Raises
    ------
    InvalidInputError
        If `allocation` does not have ``n`` entries on its last axis or its batch axes
        do not broadcast with the game's.

    Notes
    -----
    Value game: :math:`x(N) = v(N)` and :math:`x(S) \ge v(S)` for all :math:`S`.
    Cost game: :math:`x(N) = c(N)` and :math:`x(S) \le c(S)` (no coalition pays more
    than its stand-alone cost). :math:`x(S)` for all coalitions comes from an outer
    sum of two half-size tables (no loop over coalitions).

    Examples
    --------
    >>> from burden import games
    >>> g = games.TUGame(values=[0, 1, 2, 6])
    >>> print(games.in_core(g, [[3, 3], [0.5, 5.5]]))
    [ True False]
    """
    _require_game(game)
    x = _allocation(game, allocation, "allocation")
    try:
        np.broadcast_shapes(x.shape[:-1], game.batch_shape)
    except ValueError:
        field = "allocation"
        raise InvalidInputError(
            field, x.shape, f"leading axes that broadcast with {game.batch_shape}"
        ) from None
    tol = as_number(tol, "tol", minimum=0.0)
    v = _values(game)
    sums = _coalition_sums(x)
    slack = tol * max(1.0, float(np.abs(v).max()))
    gap = sums - v if game.kind == "value" else v - sums
    efficient = np.abs(sums[..., -1] - v[..., -1]) <= slack
    out: BoolArray = efficient & np.all(gap >= -slack, axis=-1)
    return out


# --------------------------------------------------------------------------- LP machinery


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


def _check_n(game: TUGame) -> None:
    _require_game(game)
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
    game: TUGame, imputation: bool
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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class NucleolusResult:
    """Nucleolus or prenucleolus of a game (or batch of games).

    Attributes
    ----------
    allocation : ndarray of float64, shape (..., n)
        Payoffs (value game) or cost shares (cost game).
    levels : ndarray of float64, shape (..., n)
        Excess level fixed in each LP round (:math:`v(S) - x(S)` for value games,
        :math:`x(S) - c(S)` for cost games), NaN-padded after the last round. The
        first level is the least-core value.
    n_rounds : ndarray of int64, shape (...)
        Number of LP rounds.
    kohlberg : ndarray of bool, shape (...)
        Whether the allocation passed the Kohlberg criterion.
    domain : {"imputation", "preimputation"}
        Nucleolus or prenucleolus.
    game : TUGame
        The game solved.

    Examples
    --------
    >>> from burden import games
    >>> r = games.nucleolus(games.bankruptcy_game(200.0, [100.0, 200.0, 300.0]))
    >>> print(r.allocation.round(6))
    [50. 75. 75.]
    """

    allocation: FloatArray
    levels: FloatArray
    n_rounds: IntArray
    kohlberg: BoolArray
    domain: Domain
    game: TUGame

    @property
    def least_core_value(self) -> FloatArray:
        r"""First excess level: the least-core :math:`\varepsilon`, shape ``(...)``."""
        return np.asarray(self.levels[..., 0])

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: ``scenario``, ``player``, ``allocation``.

        Examples
        --------
        >>> from burden import games
        >>> r = games.nucleolus(games.TUGame(values=[0, 1, 2, 6]))
        >>> print(r.to_frame().allocation.tolist())
        [2.5, 3.5]
        """
        return _allocation_frame(self.game.player_names, allocation=self.allocation)

    def _repr_html_(self) -> str:
        return f"<p><b>{type(self).__name__}</b></p>" + self.to_frame().to_html(max_rows=40)


def _nucleolus(game: TUGame, domain: Domain) -> NucleolusResult:
    alloc, levels, rounds, ok, offset = _batched(game, domain == "imputation")
    return NucleolusResult(
        allocation=_back(alloc, offset),
        levels=readonly(levels),
        n_rounds=readonly(rounds),
        kohlberg=readonly(ok),
        domain=domain,
        game=game,
    )


def nucleolus(game: TUGame) -> NucleolusResult:
    r"""Nucleolus (Schmeidler 1969) by sequential LPs, verified with Kohlberg's criterion.

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)`` with ``n <= 16``; value or cost game.

    Returns
    -------
    NucleolusResult
        Allocation of shape ``(..., n)``, excess levels, LP count and the Kohlberg
        verdict per scenario.

    Raises
    ------
    InvalidInputError
        If `game` is not a :class:`TUGame` or has more than 16 players.
    InfeasibleError
        If the imputation set is empty (:math:`\sum_i v(\{i\}) > v(N)`) or an LP
        fails.

    Notes
    -----
    The nucleolus lexicographically minimizes the excesses
    :math:`e(S, x) = v(S) - x(S)`, sorted in decreasing order, over imputations
    :math:`x(N) = v(N)`, :math:`x_i \ge v(\{i\})`. Round :math:`k` solves

    .. math::

       \min \varepsilon \ \text{s.t.}\ x(S) + \varepsilon \ge v(S)\ (S\ \text{free}),
       \quad x(S) = v(S) - \varepsilon_j\ (S\ \text{fixed in round}\ j).

    A coalition is fixed only when its dual is positive, which proves (complementary
    slackness) that it is tight in every optimal solution; fixing whatever is tight at
    the returned vertex is the "common mistake" of Guajardo and Jornsten (2015).
    Coalitions in the span of the fixed ones are dropped; each round raises the rank,
    so there are at most :math:`n - 1` rounds of LPs with :math:`2^n - 2` rows
    (scipy HiGHS). The result is checked with Kohlberg's criterion
    (:func:`kohlberg_check`). For a cost game the nucleolus of the savings game is
    mapped back, :math:`x_i = c(\{i\}) - y_i`; it lexicographically minimizes the
    overpayments :math:`x(S) - c(S)` subject to :math:`x_i \le c(\{i\})`.

    Batches are solved scenario by scenario: the loop over scenarios is only around
    the LP solver; excesses and checks are vectorized over coalitions. For
    bankruptcy games use :func:`burden.allocation.claims.talmud`, the same answer in closed form.

    References
    ----------
    .. [1] Schmeidler, D. (1969). *SIAM Journal on Applied Mathematics* 17(6),
       1163-1170.
    .. [2] Maschler, M., Peleg, B., & Shapley, L. S. (1979). *Mathematics of
       Operations Research* 4(4), 303-338.
    .. [3] Guajardo, M., & Jornsten, K. (2015). Common mistakes in computing the
       nucleolus. *European Journal of Operational Research* 241(3), 931-935.

    Examples
    --------
    >>> from burden import games
    >>> g = games.TUGame(values=[0, 1, 3, 6, 5, 7, 8, 12])
    >>> print(games.nucleolus(g).allocation.round(6))
    [2.5 4.  5.5]
    """
    return _nucleolus(game, "imputation")


def prenucleolus(game: TUGame) -> NucleolusResult:
    r"""Prenucleolus: the nucleolus over all efficient vectors (no individual rationality).

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)`` with ``n <= 16``; value or cost game.

    Returns
    -------
    NucleolusResult
        As :func:`nucleolus`, with ``domain="preimputation"``.

    Raises
    ------
    InvalidInputError
        If `game` is not a :class:`TUGame` or has more than 16 players.
    InfeasibleError
        If an LP fails.

    Notes
    -----
    Same sequential LPs as :func:`nucleolus` without the bounds
    :math:`x_i \ge v(\{i\})`; always defined and unique. It equals the nucleolus on
    zero-monotonic games and lies in the core whenever the core is non-empty.

    References
    ----------
    .. [1] Peleg, B., & Sudholter, P. (2007). *Introduction to the Theory of
       Cooperative Games*, 2nd ed., ch. 5. Springer.

    Examples
    --------
    >>> from burden import games
    >>> print(games.prenucleolus(games.TUGame(values=[0, 1, 2, 6])).allocation.round(6))
    [2.5 3.5]
    """
    return _nucleolus(game, "preimputation")


def kohlberg_check(
    game: TUGame, allocation: npt.ArrayLike, *, domain: Domain = "imputation"
) -> BoolArray:
    r"""Whether an allocation is the (pre)nucleolus, by Kohlberg's criterion.

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)`` with ``n <= 16``; value or cost game.
    allocation : array_like, shape (..., n)
        Candidate (cost shares for a cost game); broadcast with the game's batch.
    domain : {"imputation", "preimputation"}, default "imputation"
        Check for the nucleolus or the prenucleolus.

    Returns
    -------
    ndarray of bool, shape (...)
        True where the candidate satisfies the criterion.

    Raises
    ------
    InvalidInputError
        If the shapes are wrong, `domain` is unknown or the game has more than 16
        players.

    Notes
    -----
    Let :math:`\mathcal{D}(\alpha) = \{S : e(S, x) \ge \alpha\}` over proper
    non-empty coalitions and :math:`\mathcal{B}_0 = \{\{i\} : x_i = v(\{i\})\}`.
    An efficient :math:`x` is the prenucleolus iff every non-empty
    :math:`\mathcal{D}(\alpha)` is balanced; an imputation is the nucleolus iff
    every :math:`\mathcal{D}(\alpha) \cup \mathcal{B}_0` has balancing weights
    that are positive on :math:`\mathcal{D}(\alpha)` [1]_. Balancedness is decided by
    an LP. Once :math:`\mathcal{D}(\alpha)` is balanced, adding coalitions whose
    vectors lie in the span of :math:`\mathcal{D}(\alpha) \cup \{N\}` keeps it
    balanced, so only levels that raise that rank need an LP: at most :math:`n - 1`.
    Excess ties are grouped with a relative tolerance of 1e-7.

    References
    ----------
    .. [1] Kohlberg, E. (1971). On the nucleolus of a characteristic function game.
       *SIAM Journal on Applied Mathematics* 20(1), 62-66.

    Examples
    --------
    >>> from burden import games
    >>> g = games.TUGame(values=[0, 1, 3, 6, 5, 7, 8, 12])
    >>> print(games.kohlberg_check(g, [[2.5, 4.0, 5.5], [2.75, 3.75, 5.5]]))
    [ True False]
    """
    domain = as_name(domain, "domain", ("imputation", "preimputation"))  # type: ignore[assignment]
    if domain not in ("imputation", "preimputation"):
        field = "domain"
        raise InvalidInputError(field, domain, "'imputation' or 'preimputation'")
    _require_game(game)
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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class LeastCoreResult:
    r"""Least core value and one allocation in the least core.

    Attributes
    ----------
    epsilon : ndarray of float64, shape (...)
        Smallest :math:`\varepsilon` with a non-empty :math:`\varepsilon`-core; the
        core is non-empty iff :math:`\varepsilon \le 0`.
    allocation : ndarray of float64, shape (..., n)
        One allocation (an LP vertex) in the least core; the nucleolus is a
        canonical one.
    game : TUGame
        The game solved.

    Examples
    --------
    >>> from burden import games
    >>> r = games.least_core(games.TUGame(values=[0, 0, 0, 1, 0, 1, 1, 1]))
    >>> print(round(float(r.epsilon), 6))
    0.333333
    """

    epsilon: FloatArray
    allocation: FloatArray
    game: TUGame

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: ``scenario``, ``player``, ``allocation``.

        Examples
        --------
        >>> from burden import games
        >>> r = games.least_core(games.TUGame(values=[0, 1, 2, 6]))
        >>> list(r.to_frame().columns)
        ['scenario', 'player', 'allocation']
        """
        return _allocation_frame(self.game.player_names, allocation=self.allocation)

    def _repr_html_(self) -> str:
        return f"<p><b>{type(self).__name__}</b></p>" + self.to_frame().to_html(max_rows=40)


def least_core(game: TUGame) -> LeastCoreResult:
    r"""Least core (Maschler, Peleg and Shapley 1979) by one LP per scenario.

    Parameters
    ----------
    game : TUGame
        Values of shape ``(..., 2**n)`` with ``n <= 16``; value or cost game.

    Returns
    -------
    LeastCoreResult
        :math:`\varepsilon` of shape ``(...)`` and an allocation of shape ``(..., n)``.

    Raises
    ------
    InvalidInputError
        If `game` is not a :class:`TUGame` or has more than 16 players.
    InfeasibleError
        If an LP fails.

    Notes
    -----
    .. math::

       \varepsilon^* = \min \{\varepsilon : x(N) = v(N),\ x(S) + \varepsilon \ge
       v(S)\ \forall\, \emptyset \ne S \subsetneq N\}

    over pre-imputations. For a cost game :math:`\varepsilon^*` is the smallest
    bound on overpayments :math:`x(S) - c(S)` and the allocation is in cost shares.
    The loop over scenarios is only around the LP solver.

    References
    ----------
    .. [1] Maschler, M., Peleg, B., & Shapley, L. S. (1979). *Mathematics of
       Operations Research* 4(4), 303-338.

    Examples
    --------
    >>> from burden import games
    >>> print(games.least_core(games.TUGame(values=[0, 1, 2, 6])).allocation.round(6))
    [2.5 3.5]
    """
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
