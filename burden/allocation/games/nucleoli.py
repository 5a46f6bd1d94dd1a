"""The nucleolus and prenucleolus by sequential LPs, and Kohlberg's criterion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from burden._core.checks import one_of
from burden.allocation.games._lp import NUCLEOLUS_MAX_PLAYERS, _kohlberg, _nucleolus
from burden.allocation.games.game import _require_game
from burden.allocation.games.results import NucleolusResult
from burden.typing import NucleolusDomain

if TYPE_CHECKING:
    import numpy.typing as npt

    from burden.allocation.games._forms import Domain
    from burden.allocation.games.game import TUGame
    from burden.typing import BoolArray

__all__ = [
    "NUCLEOLUS_MAX_PLAYERS",
    "NucleolusResult",
    "kohlberg_check",
    "nucleolus",
    "prenucleolus",
]


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
        verdict per scenario; ``game.nucleolus()`` returns the same result.

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
    so there are at most :math:`n - 1` rounds. Each round's LP (HiGHS, through
    highspy) is solved by constraint generation: it holds only the coalitions that
    were ever violated (a few hundred of the :math:`2^n - 2`; the excesses of all
    coalitions are checked at once after each solve), and one model is warm-started
    from round to round. The result is checked with Kohlberg's criterion
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
    return _nucleolus(_require_game(game), "imputation")


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
    return _nucleolus(_require_game(game), "preimputation")


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
    domain = one_of(domain, "domain", NucleolusDomain)
    return _kohlberg(_require_game(game), allocation, domain)
