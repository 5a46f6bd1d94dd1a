r"""Claims (bankruptcy) rules: how to divide an estate that falls short of the claims on it.

A *claims problem* is an estate :math:`E \ge 0` and claims :math:`d \in
\mathbb{R}^n_{\ge 0}` with :math:`E \le D = \sum_i d_i`. A *rule* returns awards
:math:`x` with :math:`0 \le x \le d` and :math:`\sum_i x_i = E` (Thomson 2003).
In burden-sharing terms the estate is a cost pool or budget and the claims are what
each ally could be asked to carry (or what each is owed).

Why one module: it is longer than the package's usual 600 lines on purpose: it is one
concept
(the rules share one problem check and build on one another: CEL and Talmud on CEA,
APRO on the proportional rule), and most of it is the rules' documented equations,
references and runnable examples.

Every rule here is vectorized over leading axes: ``estate`` has shape ``(...)`` and
``claims`` shape ``(..., n)``; they broadcast like NumPy arrays and the awards have
the broadcast shape ``(..., n)``. The water levels of the constrained-equal rules are
found for every row at once by sorting the claims and taking cumulative sums, so a
sensitivity sweep over 10,000 scenarios costs one sort.

Rules: :func:`proportional`, :func:`constrained_equal_awards`,
:func:`constrained_equal_losses`, :func:`talmud`, :func:`random_arrival`,
:func:`adjusted_proportional`, and the NATO-style :func:`capped_proportional`
(a weight-proportional split with caps on chosen members, excess redistributed).
:func:`allocate` dispatches on a rule name and :func:`rules_table` tabulates
several rules as a tidy DataFrame.

References
----------
.. [1] O'Neill, B. (1982). A problem of rights arbitration from the Talmud.
   *Mathematical Social Sciences* 2(4), 345-371.
.. [2] Aumann, R. J., & Maschler, M. (1985). Game theoretic analysis of a
   bankruptcy problem from the Talmud. *Journal of Economic Theory* 36(2), 195-213.
.. [3] Curiel, I. J., Maschler, M., & Tijs, S. H. (1987). Bankruptcy games.
   *Zeitschrift fur Operations Research* 31(5), A143-A159.
.. [4] Thomson, W. (2003). Axiomatic and game-theoretic analysis of bankruptcy and
   taxation problems: a survey. *Mathematical Social Sciences* 45(3), 249-297.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import as_float_array, as_names, finite_result, one_of, readonly
from burden._core.limits import check_memory
from burden.errors import InfeasibleError, InvalidInputError
from burden.typing import CLAIMS_RULE_ALIASES, ClaimsRule

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from burden.typing import FloatArray, SplitRule

__all__ = [
    "RANDOM_ARRIVAL_MAX_CLAIMANTS",
    "ClaimsRule",
    "adjusted_proportional",
    "allocate",
    "apro",
    "capped_proportional",
    "cea",
    "cel",
    "constrained_equal_awards",
    "constrained_equal_losses",
    "proportional",
    "random_arrival",
    "rules_table",
    "talmud",
]


RANDOM_ARRIVAL_MAX_CLAIMANTS: Final = 16
"""Largest number of claimants :func:`random_arrival` computes exactly (2**n subsets)."""

# Arrays of the broadcast size a rule holds at once (claims, sorted copies, awards, ...).
_WORKING_COPIES: Final = 8
_RTOL: Final = 1e-9


def _prepare(estate: npt.ArrayLike, claims: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Validate a claims problem and broadcast it to shapes ``(...)`` and ``(..., n)``."""
    d = as_float_array(claims, "claims", nonnegative=True)
    if d.ndim == 0 or d.shape[-1] == 0:
        field = "claims"
        raise InvalidInputError(field, claims, "an array of shape (..., n) with n >= 1")
    e = as_float_array(estate, "estate", nonnegative=True)
    try:
        shape = np.broadcast_shapes(e.shape, d.shape[:-1])
    except ValueError:
        field = "estate, claims"
        raise InvalidInputError(
            field,
            {"estate": e.shape, "claims": d.shape},
            "estate of shape (...) broadcastable with claims of shape (..., n)",
        ) from None
    n_claims = d.shape[-1]
    cells = math.prod(shape) * n_claims
    check_memory(
        "estate, claims",
        f"broadcast shape {(*shape, n_claims)}",
        cells * 8.0 * _WORKING_COPIES,
        way_out="split the problem into chunks of draws and call the rule on each",
    )
    e = np.array(np.broadcast_to(e, shape))
    d = np.array(np.broadcast_to(d, (*shape, n_claims)))
    with np.errstate(over="ignore"):
        total = d.sum(axis=-1)
    finite_result(total, "claims", claims)  # the sum of the claims must stay finite
    if np.any(e > total * (1.0 + _RTOL) + _RTOL):
        field = "estate"
        raise InfeasibleError(
            field,
            e,
            "an estate no larger than the sum of the claims",
            hint="a claims problem divides a shortfall; use a cost-sharing rule otherwise",
        )
    return np.minimum(e, total), d


def _exclusive_cumsum(s: FloatArray) -> FloatArray:
    """Cumulative sums along the last axis that exclude the current entry."""
    out = np.zeros_like(s)
    np.cumsum(s[..., :-1], axis=-1, out=out[..., 1:])
    return out


def _cea(e: FloatArray, d: FloatArray) -> FloatArray:
    r"""Constrained equal awards on validated, broadcast arrays (``e`` may exceed ``sum d``).

    With claims sorted, :math:`s_{(0)} \le \dots \le s_{(n-1)}`, the amount handed out
    at water level :math:`\lambda = s_{(k)}` is :math:`T_k = C_k + (n-k) s_{(k)}` where
    :math:`C_k` sums the claims below. :math:`T` is non-decreasing, so the number
    :math:`m` of fully paid claims is the count of :math:`T_k \le E`, and
    :math:`\lambda = (E - C_m)/(n-m)` (``m`` clipped to ``n-1`` so that ``E = D`` gives
    the largest claim).
    """
    n = d.shape[-1]
    s = np.sort(d, axis=-1)
    c = _exclusive_cumsum(s)
    t = c + (n - np.arange(n)) * s
    m = np.minimum(np.sum(t <= e[..., None], axis=-1), n - 1)
    c_m = np.take_along_axis(c, m[..., None], axis=-1)[..., 0]
    level = (e - c_m) / (n - m)
    out: FloatArray = np.minimum(d, level[..., None])
    return out


def _proportional(e: FloatArray, d: FloatArray) -> FloatArray:
    total = d.sum(axis=-1)
    ratio = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    out: FloatArray = ratio[..., None] * d
    return out


def proportional(estate: npt.ArrayLike, claims: npt.ArrayLike) -> FloatArray:
    r"""Proportional rule (PRO): awards in proportion to the claims.

    Parameters
    ----------
    estate : array_like, shape (...)
        Amount to divide, :math:`0 \le E \le \sum_i d_i`.
    claims : array_like, shape (..., n)
        Claims :math:`d_i \ge 0`. Broadcasts with `estate` over the leading axes.

    Returns
    -------
    ndarray of float64, shape (..., n)
        Awards, read-only.

    Raises
    ------
    InvalidInputError
        If a claim or the estate is negative, NaN or infinite, or the shapes do not
        broadcast.
    InfeasibleError
        If the estate exceeds the sum of the claims.

    Notes
    -----
    :math:`x_i = E\, d_i / D` with :math:`D = \sum_j d_j` (0 when :math:`D = 0`).

    References
    ----------
    .. [1] Thomson, W. (2003). *Mathematical Social Sciences* 45(3), 249-297.

    Examples
    --------
    >>> from burden import claims
    >>> print(claims.proportional(200.0, [100.0, 200.0, 300.0]))
    [ 33.33333333  66.66666667 100.        ]
    """
    e, d = _prepare(estate, claims)
    return readonly(_proportional(e, d))


def constrained_equal_awards(estate: npt.ArrayLike, claims: npt.ArrayLike) -> FloatArray:
    r"""Constrained equal awards rule (CEA): equal awards, no one above their claim.

    Parameters
    ----------
    estate : array_like, shape (...)
        Amount to divide, :math:`0 \le E \le \sum_i d_i`.
    claims : array_like, shape (..., n)
        Claims :math:`d_i \ge 0`.

    Returns
    -------
    ndarray of float64, shape (..., n)
        Awards, read-only.

    Raises
    ------
    InvalidInputError
        If a claim or the estate is negative, NaN or infinite, or the shapes do not
        broadcast.
    InfeasibleError
        If the estate exceeds the sum of the claims.

    Notes
    -----
    :math:`x_i = \min(d_i, \lambda)` with :math:`\lambda` solving
    :math:`\sum_i \min(d_i, \lambda) = E`. The water level :math:`\lambda` of every
    row is found at once: sort the claims, compute the amount handed out at each
    breakpoint with a cumulative sum, count the breakpoints below :math:`E`.
    CEA is the dual of CEL: :math:`CEA(E, d) = d - CEL(D - E, d)`.

    References
    ----------
    .. [1] Thomson, W. (2003). *Mathematical Social Sciences* 45(3), 249-297.

    Examples
    --------
    >>> from burden import claims
    >>> print(claims.constrained_equal_awards([100.0, 300.0], [100.0, 200.0, 300.0]))
    [[ 33.33333333  33.33333333  33.33333333]
     [100.         100.         100.        ]]
    """
    e, d = _prepare(estate, claims)
    return readonly(_cea(e, d))


def _cel(e: FloatArray, d: FloatArray) -> FloatArray:
    out: FloatArray = np.maximum(d - _cea(d.sum(axis=-1) - e, d), 0.0)
    return out


def constrained_equal_losses(estate: npt.ArrayLike, claims: npt.ArrayLike) -> FloatArray:
    r"""Constrained equal losses rule (CEL): equal losses, no one below zero.

    Parameters
    ----------
    estate : array_like, shape (...)
        Amount to divide, :math:`0 \le E \le \sum_i d_i`.
    claims : array_like, shape (..., n)
        Claims :math:`d_i \ge 0`.

    Returns
    -------
    ndarray of float64, shape (..., n)
        Awards, read-only.

    Raises
    ------
    InvalidInputError
        If a claim or the estate is negative, NaN or infinite, or the shapes do not
        broadcast.
    InfeasibleError
        If the estate exceeds the sum of the claims.

    Notes
    -----
    :math:`x_i = \max(0, d_i - \mu)` with :math:`\sum_i x_i = E`; computed as the dual
    of CEA, :math:`CEL(E, d) = d - CEA(D - E, d)`.

    References
    ----------
    .. [1] Thomson, W. (2003). *Mathematical Social Sciences* 45(3), 249-297.

    Examples
    --------
    >>> from burden import claims
    >>> print(claims.constrained_equal_losses(200.0, [100.0, 200.0, 300.0]))
    [  0.  50. 150.]
    """
    e, d = _prepare(estate, claims)
    return readonly(_cel(e, d))


def _talmud(e: FloatArray, d: FloatArray) -> FloatArray:
    half = d / 2.0
    total = d.sum(axis=-1)
    low = _cea(e, half)
    high = d - _cea(total - e, half)
    out: FloatArray = np.where((e <= total / 2.0)[..., None], low, np.maximum(high, 0.0))
    return out


def talmud(estate: npt.ArrayLike, claims: npt.ArrayLike) -> FloatArray:
    r"""Talmud rule of Aumann and Maschler (1985).

    Parameters
    ----------
    estate : array_like, shape (...)
        Amount to divide, :math:`0 \le E \le \sum_i d_i`.
    claims : array_like, shape (..., n)
        Claims :math:`d_i \ge 0`.

    Returns
    -------
    ndarray of float64, shape (..., n)
        Awards, read-only.

    Raises
    ------
    InvalidInputError
        If a claim or the estate is negative, NaN or infinite, or the shapes do not
        broadcast.
    InfeasibleError
        If the estate exceeds the sum of the claims.

    Notes
    -----
    .. math::

       T(E, d) = \begin{cases} CEA(E, d/2) & E \le D/2 \\
                 d - CEA(D - E, d/2) & E > D/2 \end{cases}

    It is self-dual, :math:`T(E, d) = d - T(D - E, d)`, reduces to the contested
    garment (concede-and-divide) with two claimants, and equals the nucleolus of the
    bankruptcy game :math:`v(S) = \max(0, E - d(N \setminus S))` [1]_.

    References
    ----------
    .. [1] Aumann, R. J., & Maschler, M. (1985). Game theoretic analysis of a
       bankruptcy problem from the Talmud. *Journal of Economic Theory* 36(2), 195-213.

    Examples
    --------
    The Mishnah's table (Aumann and Maschler 1985):

    >>> from burden import claims
    >>> print(claims.talmud([100.0, 200.0, 300.0], [100.0, 200.0, 300.0]))
    [[ 33.33333333  33.33333333  33.33333333]
     [ 50.          75.          75.        ]
     [ 50.         100.         150.        ]]
    """
    e, d = _prepare(estate, claims)
    return readonly(_talmud(e, d))


def _adjusted_proportional(e: FloatArray, d: FloatArray) -> FloatArray:
    total = d.sum(axis=-1, keepdims=True)
    minimal = np.maximum(e[..., None] - (total - d), 0.0)
    rest = np.maximum(e - minimal.sum(axis=-1), 0.0)
    truncated = np.minimum(d - minimal, rest[..., None])
    out: FloatArray = minimal + _proportional(rest, truncated)
    return out


def adjusted_proportional(estate: npt.ArrayLike, claims: npt.ArrayLike) -> FloatArray:
    r"""Divide by the adjusted proportional rule (APRO) of Curiel, Maschler and Tijs (1987).

    Parameters
    ----------
    estate : array_like, shape (...)
        Amount to divide, :math:`0 \le E \le \sum_i d_i`.
    claims : array_like, shape (..., n)
        Claims :math:`d_i \ge 0`.

    Returns
    -------
    ndarray of float64, shape (..., n)
        Awards, read-only.

    Raises
    ------
    InvalidInputError
        If a claim or the estate is negative, NaN or infinite, or the shapes do not
        broadcast.
    InfeasibleError
        If the estate exceeds the sum of the claims.

    Notes
    -----
    First give everyone their minimal right
    :math:`m_i = \max(0, E - \sum_{j \ne i} d_j)`; then divide the rest
    :math:`E' = E - \sum_j m_j` proportionally to the truncated remaining claims
    :math:`\min(d_i - m_i, E')`. APRO equals the tau value of the bankruptcy game.

    References
    ----------
    .. [1] Curiel, I. J., Maschler, M., & Tijs, S. H. (1987). Bankruptcy games.
       *Zeitschrift fur Operations Research* 31(5), A143-A159.

    Examples
    --------
    >>> from burden import claims
    >>> print(claims.adjusted_proportional(200.0, [100.0, 200.0, 300.0]))
    [40. 80. 80.]
    """
    e, d = _prepare(estate, claims)
    return readonly(_adjusted_proportional(e, d))


def _random_arrival(e: FloatArray, d: FloatArray) -> FloatArray:
    n = d.shape[-1]
    masks = np.arange(2**n, dtype=np.int64)
    bits = ((masks[:, None] >> np.arange(n)) & 1).astype(np.float64)  # (2**n, n)
    subset_sums = d @ bits.T  # (..., 2**n): d(S) for every S
    size = np.bitwise_count(masks).astype(np.int64)
    fact = np.array([math.factorial(k) for k in range(n + 1)], dtype=np.float64)
    # Probability that exactly S arrives before a claimant outside S.
    weight = np.where(size < n, fact[size] * fact[np.maximum(n - size - 1, 0)], 0.0) / fact[n]
    left = np.maximum(e[..., None] - subset_sums, 0.0)  # (..., 2**n)
    award = np.minimum(left[..., :, None], d[..., None, :])  # (..., 2**n, n)
    outside = (1.0 - bits) * weight[:, None]  # (2**n, n)
    out: FloatArray = np.einsum("...si,si->...i", award, outside)
    return out


def random_arrival(estate: npt.ArrayLike, claims: npt.ArrayLike) -> FloatArray:
    r"""Random arrival rule (RA) of O'Neill (1982), computed exactly.

    Parameters
    ----------
    estate : array_like, shape (...)
        Amount to divide, :math:`0 \le E \le \sum_i d_i`.
    claims : array_like, shape (..., n)
        Claims :math:`d_i \ge 0`, with ``n <= RANDOM_ARRIVAL_MAX_CLAIMANTS`` (16).

    Returns
    -------
    ndarray of float64, shape (..., n)
        Awards, read-only.

    Raises
    ------
    InvalidInputError
        If a claim or the estate is negative, NaN or infinite, the shapes do not
        broadcast, or there are more than 16 claimants.
    InfeasibleError
        If the estate exceeds the sum of the claims.

    Notes
    -----
    Claimants arrive in a uniformly random order and each is paid in full, or what is
    left. Averaging over the :math:`n!` orders reduces to a sum over the :math:`2^n`
    sets :math:`S` of predecessors:

    .. math::

       x_i = \sum_{S \subseteq N \setminus \{i\}}
             \frac{|S|!\,(n-|S|-1)!}{n!}\, \min\bigl(d_i, \max(0, E - d(S))\bigr),

    evaluated as one array contraction over all sets, claimants and rows. Memory
    grows as ``rows * 2**n * n`` float64 values, hence the limit of 16 claimants. RA
    equals the Shapley value of the bankruptcy game [1]_.

    References
    ----------
    .. [1] O'Neill, B. (1982). A problem of rights arbitration from the Talmud.
       *Mathematical Social Sciences* 2(4), 345-371.

    Examples
    --------
    >>> from burden import claims
    >>> print(claims.random_arrival(200.0, [100.0, 200.0, 300.0]))
    [33.33333333 83.33333333 83.33333333]
    """
    e, d = _prepare(estate, claims)
    if d.shape[-1] > RANDOM_ARRIVAL_MAX_CLAIMANTS:
        field = "claims"
        raise InvalidInputError(
            field,
            d,
            f"at most {RANDOM_ARRIVAL_MAX_CLAIMANTS} claimants for the exact random arrival rule",
            hint="use burden.allocation.games.shapley_sampled on bankruptcy_game(estate, claims)",
        )
    return readonly(_random_arrival(e, d))


def capped_proportional(
    total: npt.ArrayLike, weights: npt.ArrayLike, caps: npt.ArrayLike
) -> FloatArray:
    r"""Split `total` in proportion to `weights`, capping members and redistributing the excess.

    This is the NATO common-funding mechanism: shares follow a GNI-based key, but
    some members' shares are capped (from 2021 the US share was capped at Germany's
    16.35%) and what the caps cut off is spread over the others in proportion to
    their weights, repeatedly, until no one exceeds their cap.

    Parameters
    ----------
    total : array_like, shape (...)
        Amount to divide, :math:`T \ge 0` (money, or 1.0 for shares).
    weights : array_like, shape (..., n)
        Non-negative keys, e.g. gross national income. Only their ratios matter.
    caps : array_like, shape (..., n)
        Largest amount each member may carry, in the units of `total`; ``np.inf`` for
        no cap. Broadcasts with `weights`.

    Returns
    -------
    ndarray of float64, shape (..., n)
        Amounts, read-only; they sum to `total`.

    Raises
    ------
    InvalidInputError
        If `total`, a weight or a cap is negative or NaN (caps may be ``inf``), or the
        shapes do not broadcast.
    InfeasibleError
        If the caps of the members with positive weight sum to less than `total`.

    Notes
    -----
    :math:`x_i = \min(c_i, \lambda w_i)` with :math:`\lambda` solving
    :math:`\sum_i \min(c_i, \lambda w_i) = T`, a weighted constrained-equal-awards
    (water-filling) rule. Sorting the breakpoints :math:`c_i / w_i` and taking
    cumulative sums of the caps below and the weights above each breakpoint gives
    :math:`\lambda` for every row at once. With no binding cap it is the
    proportional split :math:`T w_i / \sum_j w_j`.

    References
    ----------
    .. [1] Ek, C. (2012). *NATO Common Funds Burdensharing: Background and Current
       Issues*. Congressional Research Service RL30150.

    Examples
    --------
    Shares (total 1) for weights 40, 30, 20, 10 with the first member capped at 0.3:

    >>> import numpy as np
    >>> from burden import claims
    >>> print(claims.capped_proportional(1.0, [40, 30, 20, 10], [0.3, np.inf, np.inf, np.inf]))
    [0.3        0.35       0.23333333 0.11666667]
    """
    t = as_float_array(total, "total", nonnegative=True)
    w = as_float_array(weights, "weights", nonnegative=True)
    c = as_float_array(caps, "caps", nonnegative=True, allow_inf=True)
    if w.ndim == 0 or w.shape[-1] == 0:
        field = "weights"
        raise InvalidInputError(field, weights, "an array of shape (..., n) with n >= 1")
    try:
        shape = np.broadcast_shapes(w.shape, c.shape)
        shape = np.broadcast_shapes(t.shape, shape[:-1]) + shape[-1:]
    except ValueError:
        field = "total, weights, caps"
        raise InvalidInputError(
            field,
            {"total": t.shape, "weights": w.shape, "caps": c.shape},
            "total of shape (...) and weights and caps of shape (..., n) that broadcast",
        ) from None
    w = np.broadcast_to(w, shape)
    c = np.broadcast_to(c, shape)
    t = np.broadcast_to(t, shape[:-1])
    active = w > 0
    with np.errstate(over="ignore"):
        room = np.where(active, c, 0.0).sum(axis=-1)
        weight = w.sum(axis=-1)
    if np.isfinite(c).all():  # an infinite cap means "no cap"
        finite_result(room, "caps", caps)
    finite_result(weight, "weights", weights)
    if np.any(t > room * (1.0 + _RTOL) + _RTOL):
        field = "caps"
        raise InfeasibleError(
            field,
            c,
            "caps of the members with positive weight that add up to at least the total",
        )
    n = shape[-1]
    # Tiny weights make huge breakpoints; overflow to inf is the right limit there.
    with np.errstate(over="ignore"):
        breaks = np.divide(c, w, out=np.full(shape, np.inf), where=active)
    order = np.argsort(breaks, axis=-1)
    b = np.take_along_axis(breaks, order, axis=-1)
    cs = np.where(np.isinf(b), 0.0, np.take_along_axis(np.where(active, c, 0.0), order, -1))
    ws = np.take_along_axis(w, order, axis=-1)
    below = _exclusive_cumsum(cs)  # caps of the members already capped
    above = np.flip(np.cumsum(np.flip(ws, -1), -1), -1)  # weights not yet capped
    with np.errstate(invalid="ignore", over="ignore"):
        paid = np.where(np.isinf(b), np.inf, below + b * above)
    m = np.minimum(np.sum(paid <= t[..., None], axis=-1), n - 1)
    below_m = np.take_along_axis(below, m[..., None], -1)[..., 0]
    above_m = np.take_along_axis(above, m[..., None], -1)[..., 0]
    with np.errstate(over="ignore"):
        level = np.divide(t - below_m, above_m, out=np.full(t.shape, np.inf), where=above_m > 0)
    with np.errstate(invalid="ignore", over="ignore"):
        out = np.where(active, np.minimum(c, level[..., None] * w), 0.0)
    return readonly(np.ascontiguousarray(out, dtype=np.float64))


_RULES: Final[dict[str, Callable[[FloatArray, FloatArray], FloatArray]]] = {
    "proportional": _proportional,
    "constrained_equal_awards": _cea,
    "constrained_equal_losses": _cel,
    "talmud": _talmud,
    "random_arrival": _random_arrival,
    "adjusted_proportional": _adjusted_proportional,
}


def allocate(estate: npt.ArrayLike, claims: npt.ArrayLike, *, rule: SplitRule) -> FloatArray:
    r"""Apply the claims rule named `rule`.

    Parameters
    ----------
    estate : array_like, shape (...)
        Amount to divide, :math:`0 \le E \le \sum_i d_i`.
    claims : array_like, shape (..., n)
        Claims :math:`d_i \ge 0`.
    rule : str
        Which rule (:data:`burden.typing.ClaimsRule`): ``"proportional"``,
        ``"constrained_equal_awards"``, ``"constrained_equal_losses"``, ``"talmud"``,
        ``"random_arrival"`` or ``"adjusted_proportional"``; the short names ``"cea"``,
        ``"cel"`` and ``"apro"`` are accepted too (the names of ``bd.split_costs``).

    Returns
    -------
    ndarray of float64, shape (..., n)
        Awards, read-only.

    Raises
    ------
    InvalidInputError
        If `rule` is unknown, or the inputs are invalid (see the rule's function).
    InfeasibleError
        If the estate exceeds the sum of the claims.

    Notes
    -----
    Same as calling the rule's function, e.g. ``talmud(estate, claims)``.

    Examples
    --------
    >>> from burden import claims
    >>> print(claims.allocate(100.0, [100.0, 200.0, 300.0], rule="constrained_equal_losses"))
    [  0.   0. 100.]
    """
    name: ClaimsRule = one_of(rule, "rule", ClaimsRule, aliases=CLAIMS_RULE_ALIASES)
    if name == "random_arrival":
        return random_arrival(estate, claims)
    e, d = _prepare(estate, claims)
    return readonly(_RULES[name](e, d))


def rules_table(
    estate: npt.ArrayLike,
    claims: npt.ArrayLike,
    *,
    rules: Sequence[SplitRule] | None = None,
    claimants: Sequence[str] | None = None,
) -> pd.DataFrame:
    r"""Tabulate several claims rules for one claims vector and one or more estates.

    Parameters
    ----------
    estate : array_like, shape (k,) or ()
        Estates to divide.
    claims : array_like, shape (n,)
        Claims :math:`d_i \ge 0`.
    rules : sequence of rule names, optional
        Which rules (see :func:`allocate`); default all six.
    claimants : sequence of str, optional
        Names of the claimants; default ``"0"``, ``"1"``, ...

    Returns
    -------
    pandas.DataFrame
        Tidy table with columns ``estate``, ``rule``, ``claimant``, ``claim`` and
        ``award``, one row per estate, rule and claimant.

    Raises
    ------
    InvalidInputError
        If the inputs are invalid, `claims` is not one-dimensional or `claimants` has
        the wrong length.
    InfeasibleError
        If an estate exceeds the sum of the claims.

    Notes
    -----
    Pivot with ``df.pivot_table(index=["estate", "claimant"], columns="rule",
    values="award")`` to get the layout of Aumann and Maschler's table.

    Examples
    --------
    >>> from burden import claims
    >>> df = claims.rules_table([100, 200], [100, 200, 300], rules=["talmud"])
    >>> print(df.award.round(2).tolist())
    [33.33, 33.33, 33.33, 50.0, 75.0, 75.0]
    """
    d = as_float_array(claims, "claims", nonnegative=True)
    if d.ndim != 1:
        field = "claims"
        raise InvalidInputError(field, claims, "a one-dimensional array of claims")
    e = as_float_array(estate, "estate", nonnegative=True).reshape(-1)
    names: list[ClaimsRule] = (
        list(get_args(ClaimsRule))
        if rules is None
        else [
            one_of(r, "rules", ClaimsRule, aliases=CLAIMS_RULE_ALIASES)
            for r in as_names(rules, "rules")
        ]
    )
    if not names:
        raise InvalidInputError("rules", rules, "at least one claims rule")
    labels = (
        [str(i) for i in range(d.size)]
        if claimants is None
        else list(as_names(claimants, "claimants"))
    )
    if len(labels) != d.size:
        field = "claimants"
        raise InvalidInputError(field, claimants, f"{d.size} names, one per claim")
    frames = []
    for name in names:  # a handful of rules, each vectorized over the estates
        awards = allocate(e, d, rule=name)
        frames.append(
            pd.DataFrame(
                {
                    "estate": np.repeat(e, d.size),
                    "rule": name,
                    "claimant": labels * e.size,
                    "claim": np.tile(d, e.size),
                    "award": awards.reshape(-1),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


# Short names used in the literature (and in burden's contract).
cea = constrained_equal_awards
"""Alias of :func:`constrained_equal_awards`."""
cel = constrained_equal_losses
"""Alias of :func:`constrained_equal_losses`."""
apro = adjusted_proportional
"""Alias of :func:`adjusted_proportional`."""
