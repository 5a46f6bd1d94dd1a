"""Linear values and the tau value: :func:`shapley`, :func:`banzhaf`, :func:`tau_value`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from burden.allocation.games._linear import _banzhaf, _shapley, _tau_value
from burden.allocation.games.game import _require_game

if TYPE_CHECKING:
    from burden.allocation.games.game import TUGame
    from burden.typing import FloatArray

__all__ = ["banzhaf", "shapley", "tau_value"]


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
    return _shapley(_require_game(game))


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
    return _banzhaf(_require_game(game), normalized)


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
    return _tau_value(_require_game(game))
