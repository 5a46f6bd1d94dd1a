"""The TU game value (:class:`TUGame`) and its constructors.

A game stores the values of all :math:`2^n` coalitions in binary order (see
:mod:`burden.allocation.games`). Its solution methods call the engines of the
solution modules; the public functions (:func:`~burden.allocation.games.values.shapley`,
:func:`~burden.allocation.games.nucleoli.nucleolus`, ...) import this module, never the
other way round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_float_array, as_names, one_of, readonly
from burden._core.results import render_html, shape_text
from burden.allocation.claims import _prepare as _prepare_claims
from burden.allocation.games._coalitions import (
    _bits,
    _coalition_max,
    _coalition_sums,
    _savings_values,
    _sizes,
)
from burden.allocation.games._incore import _in_core
from burden.allocation.games._linear import _banzhaf, _shapley, _tau_value
from burden.allocation.games._lp import _least_core, _nucleolus
from burden.errors import InvalidInputError
from burden.typing import GameKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from burden.allocation.games.results import LeastCoreResult, NucleolusResult
    from burden.typing import BoolArray, FloatArray

__all__ = [
    "Game",
    "TUGame",
    "airport_game",
    "bankruptcy_game",
    "cost_game",
    "savings_game",
]


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
        kind = one_of(kind, "TUGame.kind", GameKind)
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

    def __repr__(self) -> str:
        batch = f", batch {self.values.shape[:-1]}" if self.values.ndim > 1 else ""
        return f"TUGame({self.n_players} players: {', '.join(self.players)}; {self.kind}{batch})"

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
        if (
            isinstance(coalition, str | bytes)
            or not isinstance(coalition, list | tuple | set | frozenset | range | np.ndarray)
            or (isinstance(coalition, np.ndarray) and coalition.ndim != 1)
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
            Columns ``draw`` (flat index over the batch axes; only with a batch), ``coalition``
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
        frame = pd.DataFrame(
            {
                "coalition": np.tile(np.arange(2**n), rows),
                "members": members * rows,
                "size": np.tile(_sizes(n), rows),
                "value": self.values.reshape(-1),
                "kind": self.kind,
            }
        )
        if self.batch_shape:
            frame.insert(0, "draw", np.repeat(np.arange(rows), 2**n))
        return frame

    def _repr_html_(self) -> str:
        facts: list[tuple[str, object]] = [("players", self.n_players), ("kind", self.kind)]
        if self.batch_shape:
            facts.append(("draws", shape_text(self.batch_shape)))
        return render_html("TU game", facts, self.to_frame())

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
        return _shapley(self)

    def banzhaf(self, *, normalized: bool = True) -> FloatArray:
        """Banzhaf value, shape ``(..., n)``; see :func:`banzhaf`."""
        return _banzhaf(self, normalized)

    def tau_value(self) -> FloatArray:
        """Tau value, shape ``(..., n)``; see :func:`tau_value`."""
        return _tau_value(self)

    def nucleolus(self) -> NucleolusResult:
        """Nucleolus, the same result as :func:`nucleolus` (allocation in ``.allocation``).

        Until 0.1 this method returned the bare allocation array; the result converts
        to it (``np.asarray(game.nucleolus())``), and ``.allocation`` is the array.

        Examples
        --------
        >>> from burden import games
        >>> r = games.TUGame.bankruptcy(200.0, [100.0, 200.0, 300.0]).nucleolus()
        >>> print(r.allocation.round(6), bool(r.kohlberg))
        [50. 75. 75.] True
        """
        return _nucleolus(self, "imputation")

    def prenucleolus(self) -> NucleolusResult:
        """Prenucleolus, the same result as :func:`prenucleolus`."""
        return _nucleolus(self, "preimputation")

    def in_core(self, x: npt.ArrayLike, *, tol: float = 1e-9) -> BoolArray:
        """Whether allocation(s) `x` of shape ``(..., n)`` lie in the core; see :func:`in_core`."""
        return _in_core(self, x, tol)

    def least_core(self) -> LeastCoreResult:
        """Least core (its value and one allocation); see :func:`least_core`."""
        return _least_core(self)


Game = TUGame
"""Alias of :class:`TUGame`."""


def _require_game(game: object) -> TUGame:
    if not isinstance(game, TUGame):
        field = "game"
        raise InvalidInputError(field, game, "a burden.allocation.games.TUGame")
    return game


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
    return TUGame(values=_savings_values(game.values), kind="value", players=game.players)
