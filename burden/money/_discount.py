"""Present value: a path of amounts discounted to one year."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from burden._core.checks import as_float_array, as_years, finite_result, readonly
from burden.errors import InvalidInputError

if TYPE_CHECKING:
    from burden.typing import FloatArray


def present_value(
    values: npt.ArrayLike, years: npt.ArrayLike, rate: npt.ArrayLike, *, year: int
) -> FloatArray:
    r"""Discount a path of amounts to `year` at `rate`.

    Parameters
    ----------
    values : array_like, shape (..., T)
        Amounts by year (draws on the leading axes).
    years : array_like of int, shape (T,)
        Consecutive years of the last axis.
    rate : float or array_like, shape (...,)
        Annual discount rate as a fraction (0.03 = 3%), one per draw or one for all.
        Use a *nominal* rate for nominal amounts and a *real* rate for constant-price
        amounts.
    year : int
        Year the amounts are valued in; within `years`.

    Returns
    -------
    ndarray of float64, shape broadcast(values.shape[:-1], rate.shape)

    Raises
    ------
    InvalidInputError
        For a rate <= -1 (-100%), a rate >= 1 (a percentage such as 3 given for
        0.03), or a `year` outside `years`.

    Notes
    -----
    .. math:: PV = \sum_t x_t \, (1 + r)^{-(t - \text{year})}

    Years before `year` are compounded forward, years after it discounted.

    Examples
    --------
    >>> float(present_value([100.0, 100.0], [2026, 2027], 0.05, year=2026))
    195.23809523809524
    """
    x = as_float_array(values, "values", allow_nan=True)
    yrs = as_years(years, "years", scalar_ok=False)
    if x.ndim == 0 or yrs.size == 0 or x.shape[-1] != yrs.size:
        raise InvalidInputError("values", x.shape, f"a last axis of length {yrs.size} (years)")
    r = as_float_array(rate, "rate")
    if (r <= -1).any():
        raise InvalidInputError("rate", rate, "a discount rate above -1 (-100%)")
    if (r >= 1).any():
        bad = float(r[r >= 1].flat[0]) if r.ndim else float(r)
        raise InvalidInputError(
            "rate",
            bad,
            "a discount rate as a fraction below 1",
            hint=f"did you mean {bad / 100:g}?",
        )
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise InvalidInputError("year", year, "an integer year")
    if not yrs[0] <= year <= yrs[-1]:
        raise InvalidInputError("year", year, f"a year of the path ({yrs[0]}..{yrs[-1]})")
    try:
        np.broadcast_shapes(x.shape[:-1], r.shape)
    except ValueError:
        raise InvalidInputError(
            "rate", r.shape, f"a scalar or one rate per draw {x.shape[:-1]}"
        ) from None
    exponent = (yrs - int(year)).astype(np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        factors = (1.0 + r[..., np.newaxis]) ** (-exponent)
        out = np.asarray((x * factors).sum(axis=-1), dtype=np.float64)
    if np.isfinite(x).all():
        finite_result(out, "values", values)
    return readonly(out)
