"""Burden-sharing measures across allies.

Functions over member arrays (members on the last axis, scenarios on leading axes) and
a table builder for a DataFrame of members:

- :func:`spending_share` and :func:`target_gap` — defence spending as a share of GDP,
  and the money missing to reach a target (NATO's 2% guideline of 2014, or The Hague
  2025 commitment of 3.5% core plus 1.5% related spending by 2035);
- :func:`fair_share_ratio` — a member's share of alliance spending over its share of
  alliance GDP (above 1: carries more than its economic weight);
- :func:`olson_zeckhauser` — do larger allies bear a larger burden? Rank correlation of
  GDP and defence burden (Olson and Zeckhauser 1966), Spearman and Kendall with p-values;
- :func:`common_funding_shares` — NATO-style cost shares from a GNI key with caps, the
  excess redistributed in proportion to the key;
- :func:`alliance_table` — all of the above for a DataFrame of members.

Examples
--------
>>> import burden as bd
>>> macro = bd.datasets.korea_macro()
>>> round(float(bd.measures.spending_share(macro.loc[2024, "defense_budget"],
...                                        macro.loc[2024, "gdp"])), 4)
0.0232

References
----------
.. [1] Olson, M., & Zeckhauser, R. (1966). An economic theory of alliances. *Review of
   Economics and Statistics* 48(3), 266-279.
.. [2] Sandler, T., & Hartley, K. (2001). Economics of alliances: the lessons for
   collective action. *Journal of Economic Literature* 39(3), 869-896.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd
from scipy import stats

from burden import datasets
from burden._core.checks import (
    as_float_array,
    as_name,
    broadcast_batch,
    finite_result,
    readonly,
)
from burden._core.results import Result
from burden.allocation import claims
from burden.errors import InvalidInputError, MissingDataError

if TYPE_CHECKING:
    import numpy.typing as npt

    from burden.typing import FloatArray

__all__ = [
    "OlsonZeckhauserResult",
    "alliance_table",
    "common_funding_shares",
    "fair_share_ratio",
    "olson_zeckhauser",
    "spending_share",
    "target",
    "target_gap",
]

_REQUIRED: Final = ("member", "gdp", "defense_spending")


def target(name: str) -> float:
    """Return a NATO spending target (fraction of GDP) from the shipped data.

    Parameters
    ----------
    name : str
        A ``target`` of :func:`burden.datasets.nato_targets`, e.g.
        ``"wales_2014_guideline"`` (2%, S87) or ``"hague_2025_core"`` (3.5%, S89).

    Examples
    --------
    >>> target("hague_2025_core")
    0.035
    """
    table = datasets.nato_targets().set_index("target")
    name = as_name(name, "target")
    if name not in table.index:
        raise MissingDataError("target", name, f"one of {list(table.index)}")
    return float(table.loc[table.index == name, "share_of_gdp"].to_numpy()[0])


def spending_share(defense_spending: npt.ArrayLike, gdp: npt.ArrayLike) -> FloatArray:
    """Defence spending over GDP (fraction), element-wise.

    Parameters
    ----------
    defense_spending, gdp : array_like
        In the same currency and price basis; GDP > 0.

    Examples
    --------
    >>> spending_share([2.0, 5.0], [100.0, 100.0]).tolist()
    [0.02, 0.05]
    """
    s = as_float_array(defense_spending, "defense_spending", nonnegative=True)
    g = as_float_array(gdp, "gdp", nonnegative=True)
    if (g <= 0).any():
        raise InvalidInputError("gdp", gdp, "positive GDP")
    broadcast_batch({"defense_spending": s, "gdp": g})
    with np.errstate(over="ignore"):
        out = np.asarray(s / g, dtype=np.float64)
    return readonly(finite_result(out, "gdp", gdp))


def target_gap(
    defense_spending: npt.ArrayLike, gdp: npt.ArrayLike, *, share_of_gdp: float = 0.02
) -> FloatArray:
    """Money a member lacks to reach ``share_of_gdp`` of GDP (0 when it is above).

    Parameters
    ----------
    defense_spending, gdp : array_like
        Same currency and price basis.
    share_of_gdp : float, default 0.02
        The target, e.g. ``target("hague_2025_core")``.

    Examples
    --------
    >>> target_gap([1.0, 3.0], [100.0, 100.0]).tolist()
    [1.0, 0.0]
    """
    if isinstance(share_of_gdp, bool) or not isinstance(share_of_gdp, int | float | np.floating):
        raise InvalidInputError("share_of_gdp", share_of_gdp, "a fraction in (0, 1), e.g. 0.02")
    if not 0 < share_of_gdp < 1:
        raise InvalidInputError("share_of_gdp", share_of_gdp, "a fraction in (0, 1)")
    s = as_float_array(defense_spending, "defense_spending", nonnegative=True)
    g = as_float_array(gdp, "gdp", nonnegative=True)
    broadcast_batch({"defense_spending": s, "gdp": g})
    return readonly(np.maximum(share_of_gdp * g - s, 0.0))


def fair_share_ratio(defense_spending: npt.ArrayLike, gdp: npt.ArrayLike) -> FloatArray:
    r"""Each member's share of alliance spending over its share of alliance GDP.

    Parameters
    ----------
    defense_spending, gdp : array_like, shape (..., n)
        Members on the last axis.

    Returns
    -------
    ndarray, shape (..., n)
        :math:`(s_i / \sum_j s_j) / (g_i / \sum_j g_j)`; 1 means a burden in
        proportion to economic weight.

    Examples
    --------
    >>> fair_share_ratio([3.0, 1.0], [50.0, 50.0]).tolist()
    [1.5, 0.5]
    """
    s = as_float_array(defense_spending, "defense_spending", nonnegative=True)
    g = as_float_array(gdp, "gdp", nonnegative=True)
    if s.ndim == 0 or g.ndim == 0:
        raise InvalidInputError("defense_spending", s.shape, "arrays of shape (..., n)")
    try:
        np.broadcast_shapes(s.shape, g.shape)
    except ValueError:
        raise InvalidInputError(
            "defense_spending, gdp", (s.shape, g.shape), "arrays of one shape (..., n)"
        ) from None
    if (g <= 0).any():
        raise InvalidInputError("gdp", gdp, "positive GDP")
    with np.errstate(over="ignore"):
        no_spending = (s.sum(axis=-1) <= 0).any()
    if no_spending:
        raise InvalidInputError("defense_spending", defense_spending, "some spending (sum > 0)")
    with np.errstate(over="ignore", invalid="ignore"):
        spend_share = s / s.sum(axis=-1, keepdims=True)
        gdp_share = g / g.sum(axis=-1, keepdims=True)
        out = spend_share / gdp_share
    return readonly(finite_result(out, "gdp", gdp))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class OlsonZeckhauserResult(Result):
    """Rank correlation of GDP and defence burden (Olson and Zeckhauser 1966).

    A positive, significant correlation supports the exploitation hypothesis: large
    allies carry a disproportionate burden while small ones free-ride.
    """

    spearman: float
    spearman_pvalue: float
    kendall: float
    kendall_pvalue: float
    n: int

    _title = "Olson-Zeckhauser test"
    _no_plot = "five numbers (two correlations, their p-values, n): a table says it all"

    def _facts(self) -> list[tuple[str, object]]:
        return [
            ("allies", self.n),
            ("Spearman rho", f"{self.spearman:.3f} (p={self.spearman_pvalue:.3g})"),
            ("Kendall tau", f"{self.kendall:.3f} (p={self.kendall_pvalue:.3g})"),
        ]

    def to_frame(self) -> pd.DataFrame:
        """Return one row per statistic: ``statistic``, ``correlation``, ``pvalue``."""
        return pd.DataFrame(
            {
                "statistic": ["spearman", "kendall"],
                "correlation": [self.spearman, self.kendall],
                "pvalue": [self.spearman_pvalue, self.kendall_pvalue],
                "n": [self.n, self.n],
            }
        )


def olson_zeckhauser(gdp: npt.ArrayLike, burden: npt.ArrayLike) -> OlsonZeckhauserResult:
    """Test whether larger allies bear a larger defence burden.

    Parameters
    ----------
    gdp : array_like, shape (n,)
        Size of each ally (GDP, or GNI).
    burden : array_like, shape (n,)
        Defence burden, usually defence spending as a share of GDP.

    Returns
    -------
    OlsonZeckhauserResult
        Spearman's rho and Kendall's tau with two-sided p-values (scipy.stats).

    Examples
    --------
    >>> r = olson_zeckhauser([1.0, 2.0, 3.0, 4.0, 5.0], [0.01, 0.012, 0.02, 0.025, 0.03])
    >>> round(r.spearman, 6), round(r.kendall, 6)
    (1.0, 1.0)
    """
    g = as_float_array(gdp, "gdp", nonnegative=True)
    b = as_float_array(burden, "burden", nonnegative=True)
    if g.ndim != 1 or g.shape != b.shape or g.size < 3:
        raise InvalidInputError(
            "gdp, burden", (g.shape, b.shape), "two 1-D arrays of the same length, at least 3"
        )
    for name, arr in (("gdp", g), ("burden", b)):
        if np.ptp(arr) == 0:
            raise InvalidInputError(name, arr, "values that vary (a rank correlation needs them)")
    spearman = stats.spearmanr(g, b)
    kendall = stats.kendalltau(g, b)
    return OlsonZeckhauserResult(
        spearman=float(spearman.statistic),
        spearman_pvalue=float(spearman.pvalue),
        kendall=float(kendall.statistic),
        kendall_pvalue=float(kendall.pvalue),
        n=int(g.size),
    )


def common_funding_shares(gni: npt.ArrayLike, *, caps: npt.ArrayLike | None = None) -> FloatArray:
    """NATO-style common-funding cost shares from a GNI key, with caps.

    Parameters
    ----------
    gni : array_like, shape (..., n)
        The key (gross national income, or any capacity measure), >= 0.
    caps : array_like, shape (..., n), optional
        Largest share of each member (fraction; ``np.inf`` for none). What the caps cut
        off is redistributed over the others in proportion to their key.

    Returns
    -------
    ndarray, shape (..., n)
        Shares summing to 1.

    Notes
    -----
    From 2021 the US share was capped at Germany's (both 16.35%, S85); with caps
    ``c_i`` the shares are ``min(c_i, lambda * gni_i)`` with ``lambda`` set so they
    sum to 1 (see :func:`burden.allocation.claims.capped_proportional`).

    Examples
    --------
    >>> common_funding_shares([40.0, 30.0, 30.0], caps=[0.3, np.inf, np.inf]).tolist()
    [0.3, 0.35, 0.35]
    """
    g = as_float_array(gni, "gni", nonnegative=True)
    if g.ndim == 0:
        raise InvalidInputError("gni", gni, "an array of shape (..., n)")
    if (g.sum(axis=-1) <= 0).any():
        raise InvalidInputError("gni", gni, "a key with a positive sum for every scenario")
    c = np.full(g.shape, np.inf) if caps is None else as_float_array(caps, "caps", allow_inf=True)
    if (c[np.isfinite(c)] > 1).any():
        raise InvalidInputError(
            "caps",
            caps,
            "shares as fractions (at most 1; np.inf for none)",
            hint="0.1635 means 16.35%",
        )
    return claims.capped_proportional(1.0, g, c)


def alliance_table(members: pd.DataFrame, *, share_of_gdp: float | None = None) -> pd.DataFrame:
    """Return burden measures for a DataFrame of allies.

    Parameters
    ----------
    members : DataFrame
        Columns ``member``, ``gdp`` and ``defense_spending`` (same currency and
        year); optional ``gni`` (the common-funding key; GDP otherwise).
    share_of_gdp : float, optional
        Spending target; default the 2% guideline of 2014 (S87).

    Returns
    -------
    DataFrame
        One row per member: the inputs, ``spending_share``, ``target_gap``,
        ``fair_share_ratio``, ``gdp_share``, ``spending_share_of_alliance`` and
        ``common_funding_share`` (uncapped).

    Examples
    --------
    >>> frame = pd.DataFrame({"member": ["A", "B"], "gdp": [100.0, 300.0],
    ...                       "defense_spending": [3.0, 3.0]})
    >>> alliance_table(frame)["fair_share_ratio"].tolist()
    [2.0, 0.6666666666666666]
    """
    if not isinstance(members, pd.DataFrame):
        raise InvalidInputError("members", members, "a DataFrame")
    missing = [c for c in _REQUIRED if c not in members.columns]
    if missing:
        raise InvalidInputError(
            f"members.{missing[0]}", list(members.columns), f"columns {list(_REQUIRED)}"
        )
    level = target("wales_2014_guideline") if share_of_gdp is None else share_of_gdp
    out = members.copy()
    gdp = out["gdp"].to_numpy(dtype=np.float64)
    spend = out["defense_spending"].to_numpy(dtype=np.float64)
    key = out["gni"].to_numpy(dtype=np.float64) if "gni" in out.columns else gdp
    out["spending_share"] = spending_share(spend, gdp)
    out["target_gap"] = target_gap(spend, gdp, share_of_gdp=level)
    out["fair_share_ratio"] = fair_share_ratio(spend, gdp)
    out["gdp_share"] = gdp / gdp.sum()
    out["spending_share_of_alliance"] = spend / spend.sum()
    out["common_funding_share"] = common_funding_shares(key)
    return out
