"""Cost pools and how their costs split between the host and the sender.

Why one module: a cost pool, the split rules with floors and caps, and the cost-sharing
ratios are one computation (a split is a pool, a rule and its bounds); most of the length
is documented equations and examples.

A :class:`CostPool` holds the costs of stationing forces by year and category, in one
currency and price basis, with optional draws on leading axes: shape
``(..., n_years, n_categories)``. :func:`split_costs` divides every category between
the host and the sender, either

- by fixed **host shares** per category, or
- by an **envelope**: the host's total contribution for each year (for example an
  agreement's amount path), allocated across categories by a claims rule
  (proportional, constrained equal awards, constrained equal losses) after each
  category's floor, and up to its cap.

Categories cover both views of stationing costs: the SMA view (``labor``,
``construction``, ``logistics``) and the DoD/GAO view (``military_personnel``,
``operation_maintenance``, ``family_housing``, ``military_construction``); the
non-personnel stationing costs are every category except ``military_personnel``.
Any other name works too.

Examples
--------
>>> import burden as bd
>>> pool = bd.CostPool({"labor": [500.5e9], "construction": [371.0e9],
...                     "logistics": [167.4e9]}, currency="KRW", years=[2019])
>>> split = bd.split_costs(pool, envelope=[1038.9e9])
>>> (split.host[0] / 1e9).round(1).tolist()   # 2019 split of KRW 1,038.9 bn (S3)
[500.5, 371.0, 167.4]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from burden._core.checks import (
    as_flag,
    as_float_array,
    as_instance,
    as_name,
    as_names,
    as_year,
    as_year_series,
    as_years,
    broadcast_batch,
    finite_result,
    one_of,
    ratio,
    readonly,
)
from burden._core.results import Result, Table, format_money, shape_text
from burden.agreements import Agreement
from burden.allocation import claims as _claims
from burden.compare import korea_context_series
from burden.errors import InfeasibleError, InvalidInputError, UnitMismatchError
from burden.money import (
    Amounts,
    MoneyContext,
    basis_label,
    check_currency,
    check_price_basis,
    convert,
)
from burden.typing import CLAIMS_RULE_ALIASES, ClaimsRule, RatioDefinition, SplitRule

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes

    from burden.typing import BoolArray, ColumnKind, FloatArray, IntArray, PriceBasis

__all__ = [
    "DOD_CATEGORIES",
    "HOST_SUPPORT_TYPES",
    "PERSONNEL_CATEGORIES",
    "SMA_CATEGORIES",
    "CostPool",
    "RatioDefinition",
    "SplitResult",
    "SplitRule",
    "ability_to_pay",
    "compare_splits",
    "cost_sharing_ratio",
    "split_costs",
]

SMA_CATEGORIES: Final = ("labor", "construction", "logistics")
"""What SMA money pays for: local-employee labour, construction, logistics (S2, S3)."""

DOD_CATEGORIES: Final = (
    "military_personnel",
    "operation_maintenance",
    "family_housing",
    "military_construction",
)
"""DoD obligation categories for the US presence (GAO-21-270, S48)."""

PERSONNEL_CATEGORIES: Final = ("military_personnel",)
"""Excluded from non-personnel stationing costs (P.L. 104-201 §1084, S74)."""

HOST_SUPPORT_TYPES: Final = ("direct_cash", "direct_in_kind", "indirect")
"""Kinds of host-nation support: direct (cash, in kind) and indirect (forgone rent, taxes)."""


@dataclass(frozen=True, slots=True, eq=False, init=False)
class CostPool:
    """Costs of stationing by year and category, with optional draws.

    Parameters
    ----------
    costs : DataFrame or Mapping[str, array_like]
        A DataFrame with one row per year (the index) and one column per category,
        or a mapping ``{category: array of shape (..., n_years)}``; leading axes are
        draws and broadcast across categories. Whole currency units, >= 0.
    currency : str
        Currency of the costs.
    years : sequence of int, optional
        Consecutive years of the columns; taken from the DataFrame index if omitted.
    price_basis : "nominal" or int, default "nominal"

    Attributes
    ----------
    costs : ndarray, shape (..., n_years, n_categories)
    categories : tuple of str
    years : ndarray of int, shape (n_years,)

    Raises
    ------
    InvalidInputError
        For negative or NaN costs, a missing or non-consecutive ``years``, shapes that
        do not broadcast, or no category.

    Examples
    --------
    >>> pool = CostPool({"labor": [1.0, 2.0], "construction": [3.0, 4.0]},
    ...                 currency="KRW", years=[2019, 2020])
    >>> pool.costs.shape, pool.categories
    ((2, 2), ('labor', 'construction'))
    """

    costs: FloatArray
    categories: tuple[str, ...]
    years: IntArray
    currency: str
    price_basis: PriceBasis

    def __init__(
        self,
        costs: pd.DataFrame | Mapping[str, npt.ArrayLike],
        *,
        currency: str,
        years: Sequence[int] | npt.ArrayLike | None = None,
        price_basis: PriceBasis = "nominal",
    ) -> None:
        if isinstance(costs, pd.DataFrame):
            if years is None:
                years = np.asarray(costs.index)
            columns: dict[str, npt.ArrayLike] = {
                str(c): costs[c].to_numpy() for c in costs.columns
            }
        elif isinstance(costs, Mapping):
            columns = {str(k): v for k, v in costs.items()}
        else:
            raise InvalidInputError(
                "CostPool.costs", costs, "a DataFrame (years x categories) or a dict"
            )
        if not columns:
            raise InvalidInputError("CostPool.costs", costs, "at least one category")
        if years is None:
            raise InvalidInputError("CostPool.years", None, "the years of the cost columns")
        yrs = as_years(years, "CostPool.years", scalar_ok=False)
        if yrs.size == 0:
            raise InvalidInputError("CostPool.years", years, "a 1-D sequence of integer years")
        as_year(int(yrs[0]), "CostPool.years")  # catches a DataFrame's default 0..n-1 index
        as_year(int(yrs[-1]), "CostPool.years")
        if yrs.size > 1 and not (np.diff(yrs) == 1).all():
            raise InvalidInputError("CostPool.years", yrs, "consecutive years")
        arrays = []
        for name, column in columns.items():
            arr = as_float_array(column, f"CostPool.costs[{name!r}]", nonnegative=True)
            if arr.ndim == 0 or arr.shape[-1] != yrs.size:
                raise InvalidInputError(
                    f"CostPool.costs[{name!r}]",
                    arr.shape,
                    f"an array of shape (..., {yrs.size}) (one value per year)",
                )
            arrays.append(arr)
        try:
            stacked = np.stack(np.broadcast_arrays(*arrays), axis=-1)
        except ValueError:
            shapes = {n: a.shape for n, a in zip(columns, arrays, strict=True)}
            raise InvalidInputError("CostPool.costs", shapes, "shapes that broadcast") from None
        object.__setattr__(self, "costs", readonly(np.ascontiguousarray(stacked)))
        object.__setattr__(self, "categories", tuple(columns))
        object.__setattr__(self, "years", readonly(yrs.astype(np.int64)))
        object.__setattr__(self, "currency", check_currency(currency, "CostPool.currency"))
        object.__setattr__(
            self, "price_basis", check_price_basis(price_basis, "CostPool.price_basis")
        )

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the draw axes."""
        return self.costs.shape[:-2]

    def total(self) -> Amounts:
        """Return the cost of all categories per year."""
        return Amounts(
            values=self.costs.sum(axis=-1),
            years=self.years,
            currency=self.currency,
            price_basis=self.price_basis,
            label="total cost",
        )

    def category(self, name: str) -> Amounts:
        """Return one category's costs per year."""
        return Amounts(
            values=self.costs[..., self._index(name, "category")],
            years=self.years,
            currency=self.currency,
            price_basis=self.price_basis,
            label=name,
        )

    def _index(self, name: str, field: str) -> int:
        name = as_name(name, field)
        if name not in self.categories:
            raise InvalidInputError(field, name, f"one of the pool's categories {self.categories}")
        return self.categories.index(name)

    def to(
        self,
        currency: str | None = None,
        price_basis: PriceBasis | None = None,
        *,
        context: MoneyContext | None = None,
    ) -> CostPool:
        """Return the pool in another currency and/or price basis (see :func:`convert`)."""
        dst = self.currency if currency is None else currency
        basis = self.price_basis if price_basis is None else price_basis
        moved = _convert_last_but_one(
            self.costs, self.years, self.currency, self.price_basis, dst, basis, context
        )
        return CostPool(
            dict(zip(self.categories, np.moveaxis(moved, -1, 0), strict=True)),
            currency=dst,
            years=self.years,
            price_basis=basis,
        )

    def to_frame(self) -> pd.DataFrame:
        """Return a tidy DataFrame: (draw,) year, category, value, currency, price_basis."""
        frame = _tidy(self.costs, self.years, self.categories, value="value")
        frame["currency"] = self.currency
        frame["price_basis"] = str(self.price_basis)
        return frame

    def __repr__(self) -> str:
        draws = f", draws {self.batch_shape}" if self.batch_shape else ""
        return (
            f"CostPool({', '.join(self.categories)}: {self.currency} {self.price_basis}, "
            f"{self.years[0]}..{self.years[-1]}{draws})"
        )

    def _repr_html_(self) -> str:
        caption = f"<p><b>Cost pool</b> ({self.currency}, {self.price_basis})</p>"
        return caption + self.to_frame().head(60).to_html(index=False)


def _convert_last_but_one(
    values: FloatArray,
    years: IntArray,
    src: str,
    src_basis: PriceBasis,
    dst: str,
    dst_basis: PriceBasis,
    context: MoneyContext | None,
) -> FloatArray:
    """Convert arrays shaped (..., T, K): years on the last-but-one axis."""
    moved = np.moveaxis(values, -1, -2)  # (..., K, T)
    converted = convert(
        moved,
        years,
        from_currency=src,
        to_currency=dst,
        from_basis=src_basis,
        to_basis=dst_basis,
        context=context,
    )
    return np.moveaxis(converted, -2, -1)


def _tidy(
    values: FloatArray, years: IntArray, categories: tuple[str, ...], *, value: str
) -> pd.DataFrame:
    batch = values.shape[:-2]
    n_t, n_k = values.shape[-2:]
    flat = values.reshape(-1, n_t, n_k)
    frame = pd.DataFrame(
        {
            "year": np.tile(np.repeat(years, n_k), flat.shape[0]),
            "category": np.tile(np.array(categories, dtype=object), n_t * flat.shape[0]),
            value: flat.reshape(-1),
        }
    )
    frame["category"] = frame["category"].astype(str)
    if batch:
        frame.insert(0, "draw", np.repeat(np.arange(flat.shape[0]), n_t * n_k))
    return frame


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class SplitResult(Result):
    """How a cost pool splits between host and sender.

    Attributes
    ----------
    pool : CostPool
        The pool that was split.
    host, sender : ndarray, shape (..., n_years, n_categories)
        What each side pays, in the pool's currency; ``host + sender == pool.costs``.
        NaN where the split is infeasible.
    excess : ndarray, shape (..., n_years)
        Envelope beyond what the categories can absorb (never dropped silently);
        zero for host shares.
    feasible : ndarray of bool, shape (..., n_years)
        False where the floors need more than the envelope.
    envelope : ndarray or None, shape (..., n_years)
        The envelope used, if any.
    rule : str
        ``"shares"`` or the claims rule used with the envelope.
    """

    pool: CostPool
    host: FloatArray
    sender: FloatArray
    excess: FloatArray
    feasible: BoolArray
    envelope: FloatArray | None
    rule: str

    _title = "Cost split"

    def _facts(self) -> list[tuple[str, object]]:
        cost = self.pool.costs.sum(axis=(-2, -1))
        host = self.host.sum(axis=(-2, -1))
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.nanmedian(np.asarray(host / cost, dtype=np.float64))
        facts: list[tuple[str, object]] = [
            ("rule", self.rule),
            ("unit", f"{self.pool.currency} {self.pool.price_basis}"),
            ("years", f"{self.years[0]}..{self.years[-1]}"),
            ("categories", len(self.categories)),
        ]
        if self.batch_shape:
            facts.append(("draws", shape_text(self.batch_shape)))
        facts += [
            ("host share of cost", f"{share:.1%}"),
            ("host pays", format_money(np.nanmedian(host), self.pool.currency)),
            ("infeasible years", int((~self.feasible).sum())),
        ]
        return facts

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the leading (draw) axes."""
        return self.host.shape[:-2]

    def _per_year(self) -> dict[str, FloatArray]:
        """Per-year totals (median across draws): cost, host, sender, host share, excess."""

        def median(x: FloatArray) -> FloatArray:
            return np.asarray(np.nanmedian(x.reshape(-1, self.years.size), axis=0))

        with np.errstate(divide="ignore", invalid="ignore"):
            return {
                "cost": median(np.broadcast_to(self.pool.costs.sum(axis=-1), self.excess.shape)),
                "host": median(self.host.sum(axis=-1)),
                "sender": median(self.sender.sum(axis=-1)),
                "host_share": median(self.host_share_total),
                "excess": median(self.excess),
            }

    def _display(self) -> Table:
        columns: dict[str, npt.NDArray[Any]] = dict(self._per_year())
        feasible = np.asarray(self.feasible).reshape(-1, self.years.size)
        columns["feasible"] = np.asarray(feasible.all(axis=0), dtype=np.bool_)
        frame = pd.DataFrame(columns, index=pd.Index(self.years, name="year"))
        kinds: dict[str, ColumnKind] = {
            "cost": "money",
            "host": "money",
            "sender": "money",
            "excess": "money",
            "host_share": "share",
        }
        note = "All categories; .to_frame() has each category"
        if self.batch_shape:
            note += f"; medians across {shape_text(self.batch_shape)} draws"
        return Table(frame, kinds=kinds, currency=self.pool.currency, note=note + ".")

    @property
    def categories(self) -> tuple[str, ...]:
        """Category names (the last axis of `host` and `sender`)."""
        return self.pool.categories

    @property
    def years(self) -> IntArray:
        """Years (the last-but-one axis)."""
        return self.pool.years

    @property
    def host_share(self) -> FloatArray:
        """Host payment over cost per category, shape (..., n_years, n_categories)."""
        return readonly(ratio(self.host, self.pool.costs, "SplitResult.host_share"))

    @property
    def host_share_total(self) -> FloatArray:
        """Host payment over the total cost, per year, shape (..., n_years)."""
        return readonly(
            ratio(
                self.host.sum(axis=-1),
                self.pool.costs.sum(axis=-1),
                "SplitResult.host_share_total",
            )
        )

    def cost_sharing_ratio(self, *, definition: RatioDefinition = "dod") -> FloatArray:
        """Cost-sharing ratio per year, shape (..., n_years); see :func:`cost_sharing_ratio`.

        The host's support is its payment for all categories; the sender's costs are
        its payments for the non-personnel categories (``"dod"``) or all of them
        (``"gao"``).
        """
        definition = as_name(definition, "definition", ("dod", "gao"))  # type: ignore[assignment]
        sender = self.sender
        if definition == "dod":
            keep = [c not in PERSONNEL_CATEGORIES for c in self.categories]
            sender = sender[..., np.asarray(keep)]
        return cost_sharing_ratio(
            self.host.sum(axis=-1), sender.sum(axis=-1), definition=definition
        )

    def host_per_service_member(self, troops: pd.Series | None = None) -> Amounts:
        """Host payment per US service member stationed, per year.

        Parameters
        ----------
        troops : pandas.Series, optional
            US service members stationed, by year; default USFK (about 28,500; S5,
            S48). Years without a troop figure are NaN.

        Returns
        -------
        Amounts
            Values of shape (..., n_years) in the split's currency and price basis,
            labelled ``"host per service member"``.

        Examples
        --------
        >>> import burden as bd
        >>> pool = bd.CostPool({"labor": [2.85e9]}, currency="KRW", years=[2020])
        >>> per = bd.split_costs(pool, host_shares={"labor": 1.0}).host_per_service_member()
        >>> per.values, per.currency
        (array([100000.]), 'KRW')
        """
        if troops is None:
            people = korea_context_series(self.years)["troops"]
        else:
            series = as_year_series(troops, "troops", consecutive=False)
            people = series.reindex(self.years).to_numpy(dtype=np.float64)
        return Amounts(
            values=ratio(self.host.sum(axis=-1), people, "host_per_service_member"),
            years=self.years,
            currency=self.pool.currency,
            price_basis=self.pool.price_basis,
            label="host per service member",
        )

    def host_share_of_defense_budget(
        self, defense_budget: pd.Series | None = None, *, context: MoneyContext | None = None
    ) -> FloatArray:
        """Host payment over the host's defence budget (fraction), per year.

        Both are taken nominal in KRW (the split is converted first). `defense_budget`
        is a Series by year in KRW; default Korea's main budget (S50-S58).

        Examples
        --------
        >>> import burden as bd
        >>> pool = bd.CostPool({"labor": [1.0389e12]}, currency="KRW", years=[2020])
        >>> share = bd.split_costs(pool, host_shares={"labor": 1.0}).host_share_of_defense_budget()
        >>> round(float(share[0]), 5)   # KRW 1.0389 tn / KRW 50.1527 tn (S53)
        0.02071
        """
        if defense_budget is not None:
            budget_series = as_year_series(defense_budget, "defense_budget", consecutive=False)
        local = self.to("KRW", "nominal", context=context).host.sum(axis=-1)
        if defense_budget is None:
            budget = korea_context_series(self.years)["defense_budget"]
        else:
            budget = budget_series.reindex(self.years).to_numpy(dtype=np.float64)
        return readonly(ratio(local, budget, "host_share_of_defense_budget"))

    def to(
        self,
        currency: str | None = None,
        price_basis: PriceBasis | None = None,
        *,
        context: MoneyContext | None = None,
    ) -> SplitResult:
        """Return the split in another currency and/or price basis."""
        pool = self.pool.to(currency, price_basis, context=context)

        def move(arr: FloatArray) -> FloatArray:
            return _convert_last_but_one(
                arr,
                self.years,
                self.pool.currency,
                self.pool.price_basis,
                pool.currency,
                pool.price_basis,
                context,
            )

        def move_years(arr: FloatArray) -> FloatArray:
            return move(arr[..., np.newaxis])[..., 0]

        return SplitResult(
            pool=pool,
            host=move(self.host),
            sender=move(self.sender),
            excess=move_years(self.excess),
            feasible=self.feasible,
            envelope=None if self.envelope is None else move_years(self.envelope),
            rule=self.rule,
        )

    def to_frame(self, *, scenario: str | None = None) -> pd.DataFrame:
        """Return a tidy DataFrame: (draw,) year, category, payer, value, currency.

        ``payer`` is ``"host"`` or ``"sender"``; a row with category ``"(excess)"``
        and payer ``"host"`` holds the envelope's excess. With `scenario`, a first
        column names the scenario (for side-by-side comparisons).
        """
        parts = []
        for payer, values in (("host", self.host), ("sender", self.sender)):
            frame = _tidy(values, self.years, self.categories, value="value")
            frame.insert(list(frame.columns).index("category") + 1, "payer", payer)
            parts.append(frame)
        excess = _tidy(self.excess[..., np.newaxis], self.years, ("(excess)",), value="value")
        excess.insert(list(excess.columns).index("category") + 1, "payer", "host")
        parts.append(excess)
        out = pd.concat(parts, ignore_index=True)
        out["currency"] = self.pool.currency
        out["price_basis"] = str(self.pool.price_basis)
        if scenario is not None:
            out.insert(0, "scenario", as_name(scenario, "scenario"))
        return out

    def plot(self, ax: Axes | None = None, *, title: str | None = None) -> Axes:
        """Plot stacked host and sender bars by category (needs the plot extra).

        With draws, the bars are the medians across draws. The money axis is scaled
        to tn, bn or mn of the pool's currency; see :func:`burden.plot.plot_split`.
        """
        from burden.plot import plot_split  # noqa: PLC0415 - matplotlib is optional

        shape = (-1, self.years.size, len(self.categories))
        host = np.nanmedian(self.host.reshape(shape), axis=0)
        sender = np.nanmedian(self.sender.reshape(shape), axis=0)
        return plot_split(
            self.categories,
            self.years,
            host,
            sender,
            currency=self.pool.currency,
            basis=basis_label(self.pool.currency, self.pool.price_basis),
            ax=ax,
            title=title,
        )


def _fractions(
    given: Mapping[str, npt.ArrayLike] | None,
    pool: CostPool,
    field: str,
    default: float,
) -> FloatArray:
    """Per-category fractions in [0, 1] as an array (..., 1 or n_years, n_categories)."""
    n_k = len(pool.categories)
    if given is None:
        return np.full(n_k, default)
    if not isinstance(given, Mapping):
        raise InvalidInputError(field, given, "a dict {category: fraction}")
    unknown = [k for k in given if k not in pool.categories]
    if unknown:
        raise InvalidInputError(field, unknown[0], f"a category of the pool {pool.categories}")
    columns = []
    for name in pool.categories:
        value = as_float_array(given.get(name, default), f"{field}[{name!r}]")
        if ((value < 0) | (value > 1)).any():
            raise InvalidInputError(f"{field}[{name!r}]", value, "a fraction in [0, 1]")
        columns.append(value)
    try:
        return np.stack(np.broadcast_arrays(*columns), axis=-1)
    except ValueError:
        raise InvalidInputError(field, given, "fractions whose shapes broadcast") from None


def _envelope_values(
    envelope: npt.ArrayLike | Amounts | Agreement,
    pool: CostPool,
    context: MoneyContext | None,
) -> FloatArray:
    """Return the envelope per year of the pool, shape (..., n_years), in the pool's units."""
    if isinstance(envelope, Agreement):
        last = min(int(pool.years[-1]), envelope.end_year)
        envelope = envelope.until(max(last, envelope.base_year)).path()
    if isinstance(envelope, Amounts):
        missing = np.setdiff1d(pool.years, envelope.years)
        if missing.size:
            raise InvalidInputError(
                "envelope.years",
                f"{envelope.years[0]}..{envelope.years[-1]}",
                f"years covering the pool ({pool.years[0]}..{pool.years[-1]})",
            )
        return (
            envelope.select(pool.years).to(pool.currency, pool.price_basis, context=context).values
        )
    values = as_float_array(envelope, "envelope", nonnegative=True)
    if values.ndim == 0:
        values = np.full(pool.years.shape, float(values))
    if values.shape[-1] != pool.years.size:
        raise InvalidInputError(
            "envelope", values.shape, f"an array of shape (..., {pool.years.size}) (per year)"
        )
    return values


def split_costs(
    pool: CostPool,
    *,
    host_shares: Mapping[str, npt.ArrayLike] | None = None,
    envelope: npt.ArrayLike | Amounts | Agreement | None = None,
    rule: SplitRule = "proportional",
    floors: Mapping[str, npt.ArrayLike] | None = None,
    caps: Mapping[str, npt.ArrayLike] | None = None,
    strict: bool = False,
    context: MoneyContext | None = None,
) -> SplitResult:
    r"""Split a cost pool between host and sender, per category and year.

    Parameters
    ----------
    pool : CostPool
        Costs, shape ``(..., n_years, n_categories)``.
    host_shares : dict of {category: fraction}, optional
        Fixed host share of each category (0 for categories not named); fractions
        may be arrays broadcasting to ``(..., n_years)``.
    envelope : array_like, Amounts or Agreement, optional
        The host's total contribution per year, shape ``(..., n_years)`` in the pool's
        currency and basis; Amounts and Agreements are converted. Exactly one of
        `host_shares` and `envelope` must be given.
    rule : str, default "proportional"
        Claims rule that allocates the envelope beyond the floors, by the names of
        :func:`burden.allocation.claims.allocate` (:data:`burden.typing.ClaimsRule`:
        ``"proportional"``, ``"constrained_equal_awards"``, ``"constrained_equal_losses"``,
        ``"talmud"``, ``"random_arrival"``, ``"adjusted_proportional"``) or the short
        names ``"cea"``, ``"cel"``, ``"apro"``; the result reports the full name.
    floors, caps : dict of {category: fraction}, optional
        Per-category bounds on the host's payment as fractions of the category's
        cost (default floor 0, cap 1). Used with `envelope`.
    strict : bool, default False
        Raise :class:`InfeasibleError` instead of returning NaN for infeasible years.
    context : MoneyContext, optional
        For converting an envelope given as Amounts or an Agreement.

    Returns
    -------
    SplitResult

    Raises
    ------
    InvalidInputError
        For both or neither of `host_shares` and `envelope`, unknown categories,
        fractions outside [0, 1], a floor above its cap, or an envelope of the
        wrong shape or years.
    InfeasibleError
        With ``strict=True``, when the floors need more than the envelope.

    Notes
    -----
    With envelope :math:`E`, costs :math:`C_k`, floors :math:`f_k` and caps
    :math:`c_k`: category :math:`k` first gets :math:`f_k C_k`; the rest
    :math:`\min(E, \sum_k \bar c_k C_k) - \sum_k f_k C_k`, with
    :math:`\bar c_k = \min(c_k, 1)`, is allocated by the rule over the claims
    :math:`(\bar c_k - f_k) C_k`; the sender pays :math:`C_k - h_k`. So
    :math:`\sum_k h_k = \min(E, \sum_k \bar c_k C_k)` and the excess
    :math:`E - \sum_k h_k` is reported. Where :math:`\sum_k f_k C_k > E` the split is
    infeasible: the year's values are NaN and ``feasible`` is False (one policy for
    scalars and draws alike, so one bad draw does not stop a Monte Carlo run).

    Examples
    --------
    >>> import burden as bd
    >>> pool = bd.CostPool({"labor": [100.0], "logistics": [100.0]}, currency="KRW",
    ...                    years=[2021])
    >>> s = bd.split_costs(pool, envelope=[120.0], floors={"labor": 0.87}, rule="cea")
    >>> s.host[0].tolist()    # labour gets its 87 first; 33 is shared equally, capped
    [100.0, 20.0]
    """
    if (host_shares is None) == (envelope is None):
        raise InvalidInputError(
            "host_shares, envelope",
            {"host_shares": host_shares is not None, "envelope": envelope is not None},
            "exactly one of host_shares and envelope",
        )
    if not isinstance(pool, CostPool):
        raise InvalidInputError("pool", pool, "a CostPool")
    costs = pool.costs
    if host_shares is not None:
        if floors is not None or caps is not None:
            raise InvalidInputError(
                "floors, caps", "given", "no floors or caps with host_shares (use envelope)"
            )
        shares = _fractions(host_shares, pool, "host_shares", 0.0)
        host = shares * costs
        shape = host.shape
        return SplitResult(
            pool=pool,
            host=host,
            sender=np.broadcast_to(costs, shape) - host,
            excess=np.zeros(shape[:-1]),
            feasible=np.ones(shape[:-1], dtype=bool),
            envelope=None,
            rule="shares",
        )
    rule_name: ClaimsRule = one_of(rule, "rule", ClaimsRule, aliases=CLAIMS_RULE_ALIASES)
    lo = _fractions(floors, pool, "floors", 0.0)
    hi = _fractions(caps, pool, "caps", 1.0)
    try:
        below = lo > hi
    except ValueError:
        raise InvalidInputError(
            "floors, caps", (lo.shape, hi.shape), "fractions whose shapes broadcast"
        ) from None
    if below.any():
        where = tuple(np.argwhere(below)[0])
        bad = pool.categories[int(where[-1])]
        raise InvalidInputError(
            f"caps[{bad!r}]",
            float(np.broadcast_to(hi, below.shape)[where]),
            f"a cap >= its floor ({float(np.broadcast_to(lo, below.shape)[where])})",
        )
    env = _envelope_values(envelope, pool, context)  # type: ignore[arg-type]
    floor_amounts = lo * costs
    room = hi * costs - floor_amounts  # the claims beyond the floors, >= 0
    try:
        batch = np.broadcast_shapes(
            env.shape, costs.shape[:-1], floor_amounts.shape[:-1], room.shape[:-1]
        )
    except ValueError:
        raise InvalidInputError(
            "envelope", env.shape, f"a shape broadcasting with the pool's {costs.shape[:-1]}"
        ) from None
    env = np.broadcast_to(env, batch)
    floor_total = floor_amounts.sum(axis=-1)
    feasible = np.broadcast_to(floor_total <= env * (1 + 1e-12), batch)
    if as_flag(strict, "strict") and not feasible.all():
        where = np.argwhere(~feasible)[0]
        year = int(pool.years[where[-1]])
        raise InfeasibleError(
            "floors",
            float(np.broadcast_to(floor_total, batch)[tuple(where)]),
            f"floors summing to no more than the envelope in {year} "
            f"({float(env[tuple(where)]):,.0f})",
        )
    room_total = room.sum(axis=-1)
    rest = np.clip(np.minimum(env, floor_total + room_total) - floor_total, 0.0, None)
    rest = np.minimum(rest, room_total)  # guard the claims problem against rounding
    awards = _claims.allocate(
        rest, np.broadcast_to(room, (*batch, room.shape[-1])), rule=rule_name
    )
    # Floor plus award equals the cap only up to rounding: keep each payment inside its
    # bounds so that no sender ever pays a negative cost.
    host = np.clip(floor_amounts + awards, floor_amounts, hi * costs)
    host = np.where(feasible[..., np.newaxis], host, np.nan)
    sender = np.broadcast_to(costs, host.shape) - host
    excess = np.where(feasible, env - np.nan_to_num(host).sum(axis=-1), np.nan)
    return SplitResult(
        pool=pool,
        host=host,
        sender=sender,
        excess=excess,
        feasible=np.array(feasible),
        envelope=np.array(env),
        rule=rule_name,
    )


def cost_sharing_ratio(
    host_support: npt.ArrayLike,
    sender_costs: npt.ArrayLike,
    *,
    definition: RatioDefinition = "dod",
) -> FloatArray:
    r"""Cost-sharing ratio of host support to the sender's costs.

    Parameters
    ----------
    host_support : array_like
        What the host contributes (direct, or direct plus indirect support).
    sender_costs : array_like
        ``"dod"``: the sender's own non-personnel stationing costs; ``"gao"``: the
        sender's obligations for its presence.
    definition : {"dod", "gao"}, default "dod"
        ``"dod"``: :math:`H / (H + S)`, the host's share of non-personnel stationing
        costs (DoD's Allied Contributions reports, S73-S75). ``"gao"``: :math:`H / S`,
        host direct support over DoD obligations, as computed from GAO-21-270 (S48).

    Returns
    -------
    ndarray of float64
        Broadcast shape of the inputs.

    Examples
    --------
    >>> round(float(cost_sharing_ratio(5.8e9, 13.4e9, definition="gao")), 3)  # Korea, S48
    0.433
    >>> round(float(cost_sharing_ratio(12.6e9, 20.9e9, definition="gao")), 3)  # Japan
    0.603
    """
    h = as_float_array(host_support, "host_support", nonnegative=True, allow_nan=True)
    s = as_float_array(sender_costs, "sender_costs", nonnegative=True, allow_nan=True)
    definition = one_of(definition, "definition", RatioDefinition)
    broadcast_batch({"host_support": h, "sender_costs": s})
    with np.errstate(over="ignore"):
        den = h + s if definition == "dod" else s
    if definition == "dod":
        finite_result(den, "host_support", host_support)
    return readonly(ratio(h, den, "cost_sharing_ratio"))


def ability_to_pay(total: npt.ArrayLike, weights: npt.ArrayLike) -> FloatArray:
    """Split `total` across parties in proportion to a capacity measure (GDP, GNI, ...).

    Parameters
    ----------
    total : array_like, shape (...)
        Amount to share.
    weights : array_like, shape (..., n)
        Capacity of each party, >= 0, not all zero.

    Returns
    -------
    ndarray of float64, shape (..., n)
        Shares of `total`, summing to it.

    Examples
    --------
    >>> ability_to_pay(100.0, [1.0, 3.0]).tolist()
    [25.0, 75.0]
    """
    t = as_float_array(total, "total", nonnegative=True)
    w = as_float_array(weights, "weights", nonnegative=True)
    if w.ndim == 0:
        raise InvalidInputError("weights", weights, "an array of shape (..., n)")
    with np.errstate(over="ignore"):
        sums = w.sum(axis=-1)
    finite_result(sums, "weights", weights)
    if (sums <= 0).any():
        raise InvalidInputError("weights", weights, "weights with a positive sum")
    with np.errstate(over="ignore"):
        out = t[..., np.newaxis] * (w / sums[..., np.newaxis])
    return readonly(finite_result(out, "total", total))


def compare_splits(
    baseline: SplitResult,
    alternative: SplitResult,
    *,
    names: tuple[str, str] = ("baseline", "alternative"),
) -> pd.DataFrame:
    """Return two splits side by side: host and sender per year and category.

    Both splits must share currency and price basis (convert with ``.to()``).

    Returns
    -------
    DataFrame
        Indexed by (year, category, payer), one column per scenario and their
        difference; draws are not allowed.

    Examples
    --------
    >>> pool = CostPool({"labor": [10.0]}, currency="KRW", years=[2020])
    >>> a = split_costs(pool, host_shares={"labor": 0.5})
    >>> b = split_costs(pool, host_shares={"labor": 0.8})
    >>> compare_splits(a, b).loc[(2020, "labor", "host"), "difference"]
    np.float64(3.0)
    """
    names = as_names(names, "names", length=2)  # type: ignore[assignment]
    for split, name in ((baseline, names[0]), (alternative, names[1])):
        as_instance(split, SplitResult, name)
        if split.host.ndim != 2:
            raise InvalidInputError(name, split.host.shape, "a split without draws")
    units = (baseline.pool.currency, baseline.pool.price_basis)
    other = (alternative.pool.currency, alternative.pool.price_basis)
    if units != other:
        raise UnitMismatchError(names[1], other, f"the units of {names[0]} {units}")
    frames = []
    for split, name in ((baseline, names[0]), (alternative, names[1])):
        f = split.to_frame().set_index(["year", "category", "payer"])["value"]
        frames.append(f.rename(name))
    table = pd.concat(frames, axis=1)
    table["difference"] = table[names[1]] - table[names[0]]
    return table
