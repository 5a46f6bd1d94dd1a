"""Turn agreements and comparisons into vectorized models for sensitivity analysis.

Why one module: the adapters (agreement, comparison, split, indicator) share one parameter
naming and one conversion of draws; apart they would repeat it.

A *model* is a callable ``f(params) -> outputs`` where ``params[name]`` is an array of
shape ``(n,)`` (one value per draw), as used by :mod:`burden.sensitivity`. The
adapters here make the numeric fields of an agreement (base amount, fixed rates,
index shifts, caps, floors, projections) and of the money conversion (exchange-rate
level, inflation) into named parameters, so that "this scenario" becomes "how
sensitive is this scenario" in one line:

>>> import burden as bd
>>> model = bd.models.agreement_model(bd.agreements.get("SMA-11"), total=True)
>>> sorted(model.nominal)
['base_amount', 'index_shift[2022]', 'rate[2021]']
>>> out = model({"index_shift[2022]": np.array([0.0, 0.01])})
>>> (out["total"] / 1e9).round(1).tolist()   # KRW bn, 2020-2025; +1 pp budget growth
[7508.1, 7638.4]

Parameters not given keep their nominal values; unknown names are an error.

Notes
-----
``index_shift[Y]`` adds a constant to every value of the index that drives the phase
starting in year ``Y`` (e.g. +0.01 = one percentage point more defence-budget growth
every year), before rounding, floor and cap apply. ``krw_per_usd_scale`` multiplies
every year's KRW/USD rate (1.1 = a won 10% weaker against the dollar).
``inflation_shift`` adds a constant to every year's inflation of the deflating
currency (the output currency's own index by default: US CPI-U for USD; it matters
for constant-price outputs only).

With ``per_year=True`` every year is its own parameter: ``index[S][Y]`` (the index
value of year ``Y`` in the phase starting ``S``, e.g. Korean CPI of 2026 for the 12th
SMA), ``krw_per_usd[Y]`` (the rate of year ``Y``) and ``inflation[Y]``; years with no
published or projected value have a NaN nominal value and need a draw. So "CPI for
2026-2028 is unknown, uniform 1-4% each year" is three parameters:

>>> m = bd.models.agreement_model(bd.agreements.get("SMA-12"), per_year=True)
>>> draws = {f"index[2027][{y}]": np.array([0.01, 0.04]) for y in (2026, 2027, 2028)}
>>> (m(draws)["2030"] / 1e8).round().tolist()   # KRW 100 million
[15981.0, 17447.0]

:func:`indicator_model` gives a host indicator (share of the defence budget or GDP,
per US service member) from the agreement's own host.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import numpy as np
import numpy.typing as npt

from burden._core.checks import (
    as_flag,
    as_float_array,
    as_instance,
    as_mapping,
    as_name,
    as_years,
    one_of,
    ratio,
    readonly,
)
from burden.agreements import Agreement
from burden.costs import CostPool, split_costs
from burden.errors import InvalidInputError, MissingDataError
from burden.escalation import Fixed, Indexed
from burden.hosts import Host, as_host
from burden.money import (
    MissingRateError,
    MoneyContext,
    _constant_prices,
    basis_label,
    check_currency,
    check_price_basis,
    default_context,
)
from burden.typing import ComparisonMeasure, IndicatorName, SplitOutput

if TYPE_CHECKING:
    from collections.abc import Mapping

    from burden.costs import SplitRule
    from burden.escalation import Rule
    from burden.typing import FloatArray, IntArray, PriceBasis

__all__ = [
    "AgreementModel",
    "ComparisonModel",
    "IndicatorModel",
    "Measure",
    "SplitModel",
    "SplitOutput",
    "agreement_model",
    "comparison_model",
    "indicator_model",
    "split_model",
]

Measure: TypeAlias = ComparisonMeasure
"""Alias of :data:`burden.typing.ComparisonMeasure`."""


def _is_shared(name: str) -> bool:
    """Whether a parameter belongs to the money conversion (shared by both sides)."""
    return name in (_FX, _INFLATION) or bool(re.fullmatch(r"(\w+_per_usd|inflation)\[\d+\]", name))


_FX = "krw_per_usd_scale"
_INFLATION = "inflation_shift"
_MODEL_CURRENCIES = ("KRW", "USD")


def _rule_parameters(start: int, rule: Rule) -> dict[str, float]:
    """Nominal values of the numeric fields of one phase's rule."""
    if isinstance(rule, Fixed):
        rate = np.asarray(rule.rate)
        return {f"rate[{start}]": float(rate)} if rate.ndim == 0 else {}
    if isinstance(rule, Indexed):
        params = {f"index_shift[{start}]": 0.0}
        for name in ("cap", "floor", "projection"):
            value = getattr(rule, name)
            if value is not None and np.ndim(value) == 0:
                params[f"{name}[{start}]"] = float(value)
        return params
    return {}


def _vary_rule(start: int, rule: Rule, params: Mapping[str, FloatArray]) -> Rule:
    """Rebuild a rule with parameter draws substituted (vectorized over draws)."""
    if isinstance(rule, Fixed) and f"rate[{start}]" in params:
        return Fixed(params[f"rate[{start}]"])
    if isinstance(rule, Indexed):
        shift = params.get(f"index_shift[{start}]")
        prefix = f"index[{start}]["
        per_year = {int(k[len(prefix) : -1]): v for k, v in params.items() if k.startswith(prefix)}
        if not per_year:
            # Shift the validated table instead of rebuilding the rule year by year per chunk.
            return rule._with_draws(
                shift,
                cap=params.get(f"cap[{start}]", rule.cap),
                floor=params.get(f"floor[{start}]", rule.floor),
                projection=params.get(f"projection[{start}]", rule.projection),
            )
        # Per-year index draws: rebuild the rule with those years' values replaced.
        years = rule.index_years
        table = np.asarray(rule.rates_table)
        add = 0.0 if shift is None else shift
        by_year: dict[int, npt.ArrayLike] = {
            int(y): table[..., j] + add for j, y in enumerate(years)
        }
        last = int(years[-1])
        for year in range(last + 1, max(per_year) + 1):
            # Unpublished index years: a draw, else the rule's projection.
            fallback = rule.projection
            if year not in per_year and fallback is None:
                raise MissingDataError(
                    f"params[{prefix}{year}]]",
                    None,
                    f"a draw for every unpublished index year up to {max(per_year)}",
                )
            by_year[year] = per_year.get(year, fallback)  # type: ignore[assignment]
        by_year |= {y: v for y, v in per_year.items() if y <= last}
        return Indexed(
            by_year,
            lag=rule.lag,
            rate_rounding=rule.rate_rounding,
            cap=params.get(f"cap[{start}]", rule.cap),
            floor=params.get(f"floor[{start}]", rule.floor),
            projection=params.get(f"projection[{start}]", rule.projection),
        )
    return rule


_F = TypeVar("_F", bound=Callable[..., Any])


def _no_overflow(method: _F) -> _F:
    """Evaluate with float overflow silenced, then refuse an infinite output.

    Finite parameters that drive an output past float64 (about 1.8e308) raise
    :class:`InvalidInputError` instead of returning inf (see docs/reliability.md).
    """

    @functools.wraps(method)
    def wrapper(self: object, params: Mapping[str, npt.ArrayLike]) -> Any:
        with np.errstate(over="ignore", invalid="ignore"):
            out = method(self, params)
        _refuse_overflow(out.values() if isinstance(out, dict) else (out,), params)
        return out

    return wrapper  # type: ignore[return-value]


def _refuse_overflow(arrays: Iterable[FloatArray], params: Mapping[str, npt.ArrayLike]) -> None:
    """Raise :class:`InvalidInputError` if any of `arrays` holds an inf (an overflow)."""
    if any(np.isinf(a).any() for a in arrays):
        raise InvalidInputError(
            "params",
            {k: np.shape(v) for k, v in params.items()},
            "values whose model outputs stay within float64 (an output overflowed to inf)",
        )


def _check_names(params: Mapping[str, npt.ArrayLike], known: Mapping[str, float]) -> int:
    as_mapping(params, "params")
    for name, value in params.items():
        if not isinstance(name, str):
            raise InvalidInputError("params", name, "parameter names (strings)")
        if as_float_array(value, f"params[{name!r}]", allow_nan=True).ndim > 1:
            raise InvalidInputError(f"params[{name!r}]", value, "one value or an array (n,)")
    unknown = [name for name in params if name not in known]
    if unknown:
        raise MissingDataError("params", unknown[0], f"a parameter of the model {sorted(known)}")
    sizes = {np.shape(v)[0] if np.ndim(v) else 1 for v in params.values()}
    if len(sizes) > 1:
        raise InvalidInputError("params", sorted(sizes), "arrays of one length n (draws)")
    return sizes.pop() if sizes else 1


_Draws: TypeAlias = "tuple[dict[str, FloatArray], int]"
_Levels: TypeAlias = "dict[tuple[MoneyContext, str, tuple[int, ...]], tuple[FloatArray, IntArray]]"
"""Price levels of one model call by context, currency and years (both sides share them)."""


def _draws(params: Mapping[str, npt.ArrayLike], known: Mapping[str, float]) -> _Draws:
    """Check `params` against the model's parameters, once per call: each as a float (n,)."""
    n = _check_names(params, known)
    return {
        k: np.broadcast_to(as_float_array(v, f"params[{k!r}]"), (n,)) for k, v in params.items()
    }, n


@lru_cache(maxsize=256)
def _rates(ctx: MoneyContext, currency: str, years: tuple[int, ...]) -> FloatArray:
    """``ctx.rate(currency, years)``, looked up once per model instead of once per chunk."""
    return readonly(ctx.rate(currency, np.asarray(years, dtype=np.int64)))


def _rate_draws(
    ctx: MoneyContext,
    currency: str,
    years: IntArray,
    scale: FloatArray,
    params: Mapping[str, FloatArray],
) -> FloatArray:
    """Units of `currency` per USD, year-major ``(T, n)``: the context's, scaled, or drawn."""
    n = scale.shape[0]
    if currency == "USD":
        return np.ones((years.size, 1))  # broadcasts against (T, n): the same products
    names = [f"{currency.lower()}_per_usd[{int(y)}]" for y in years]
    drawn = np.array([name in params for name in names])
    # raises for a year neither has; looked up once per model, not once per chunk
    published = _rates(ctx, currency, tuple(years[~drawn].tolist()))
    if not drawn.any():  # the usual case: one product, no masked assignment
        return published[:, np.newaxis] * scale[np.newaxis, :]
    out = np.empty((years.size, n))
    out[~drawn] = published[:, np.newaxis] * scale[np.newaxis, :]
    for j in np.flatnonzero(drawn):
        out[j] = params[names[j]]  # a drawn level is the rate itself, not scaled
    return out


def _level_draws(
    ctx: MoneyContext,
    currency: str,
    years: IntArray,
    shift: FloatArray,
    params: Mapping[str, FloatArray],
) -> tuple[FloatArray, IntArray]:
    """Price index of `currency` with per-draw inflation: year-major levels and rows of `years`.

    Each year's inflation (from the context's index) is shifted by ``inflation_shift``
    and replaced by an ``inflation[Y]`` draw where one is given; the index is chained
    again from the first of `years` (its level there is 1: only ratios are meaningful).
    Returns the chained levels, shape ``(S, n)`` over the index years from the first to
    the last of `years`, and the row of each of `years` in it.
    """
    n = shift.shape[0]
    index = ctx.price_index.get(currency)
    if index is None:
        raise MissingDataError("price_index", currency, f"a price index for {currency}")
    known = index.index.to_numpy()
    level = index.to_numpy(dtype=np.float64)
    later = np.arange(int(known.max()) + 1, int(np.max(years)) + 1)
    drawn_later = [y for y in later if f"inflation[{int(y)}]" in params]
    if later.size and len(drawn_later) == later.size:
        # Years after the index are drawn: extend it (placeholder levels, re-chained below).
        known = np.append(known, later)
        level = np.append(level, np.full(later.size, level[-1]))
    missing = np.setdiff1d(years, known)
    if missing.size:
        raise MissingRateError(
            "inflation",
            currency,
            int(missing[0]),
            f"{known.min()}..{known.max()}",
            hint="pass context= with a projection (MoneyContext().with_projection(inflation=...))",
        )
    # Callers use ratios of these levels only, so the chain runs from the first year asked
    # for to the last (the years before cancel): for a few years of a long index per draw.
    pos = np.searchsorted(known, years)
    lo, hi = int(pos.min()), int(pos.max())
    level = level[lo : hi + 1]
    # Year-major (rows contiguous over draws); the same products as a cumprod over years.
    chained = np.empty((hi - lo + 1, n))
    chained[0] = 1.0
    step = np.empty(n)
    for j, (y, inflation) in enumerate(
        zip(known[lo + 1 : hi + 1].tolist(), (level[1:] / level[:-1] - 1.0).tolist(), strict=True)
    ):  # loop over years, vectorized over draws
        rate = params.get(f"inflation[{int(y)}]")
        if rate is None:
            np.add(shift, inflation, out=step)  # 1 + (inflation + shift), in one buffer
        else:
            step[...] = rate
        step += 1.0
        np.multiply(chained[j], step, out=chained[j + 1])
    return chained, pos - lo


def _rows(levels: FloatArray, rows: IntArray) -> FloatArray:
    """``levels[rows]``: a view when the rows are consecutive (consecutive years), else a copy."""
    if rows.size and np.array_equal(rows, np.arange(rows[0], rows[0] + rows.size)):
        return levels[int(rows[0]) : int(rows[0]) + rows.size]
    return levels[rows]


def _convert_draws(
    values: FloatArray,
    years: IntArray,
    src: str,
    dst: str,
    basis: PriceBasis,
    fx_scale: FloatArray,
    inflation_shift: FloatArray,
    context: MoneyContext | None = None,
    params: Mapping[str, FloatArray] | None = None,
    levels: _Levels | None = None,
) -> FloatArray:
    """Convert (n, T) nominal amounts with per-draw exchange rates and inflation.

    Same method as :func:`burden.money.convert`: constant prices use the target
    currency's own index (or the context's ``deflate_with``), with the context's data
    perturbed per draw (``krw_per_usd_scale``, ``krw_per_usd[Y]``, ``inflation_shift``,
    ``inflation[Y]``). `levels` keeps the chained price index of a call for the next
    conversion of the same call (the other side of a comparison). Computed year-major
    ``(T, n)`` (rows contiguous over draws, like the engine's paths); returned as the
    ``(n, T)`` transpose.
    """
    ctx = default_context() if context is None else context
    given = params or {}

    def fx(a: str, b: str, yrs: IntArray) -> FloatArray:
        """Units of `b` per unit of `a`, shape (len(yrs), n) or (len(yrs), 1) when a == b."""
        if a == b:
            return np.ones((yrs.size, 1))  # broadcasts: the same products, no (T, n) buffer
        num, den = (
            _rate_draws(ctx, b, yrs, fx_scale, given),
            _rate_draws(ctx, a, yrs, fx_scale, given),
        )
        # Divide into the one that is a fresh (T, n) array: no third buffer.
        return np.divide(num, den, out=den if den.shape[1] >= num.shape[1] else num)

    nominal = values.T  # (T, n): a view of the engine's year-major buffer
    if basis == "nominal":
        out: FloatArray = nominal * fx(src, dst, years)
        return readonly(out).T  # read-only rows: analyses take them without a copy
    deflator = ctx.deflate_with or dst
    cache = {} if levels is None else levels
    asked = np.append(years, basis)
    key = (ctx, deflator, tuple(asked.tolist()))
    if key not in cache:
        cache[key] = _level_draws(ctx, deflator, asked, inflation_shift, given)
    chained, rows = cache[key]
    # The money layer's formula, with per-draw rates and price levels.
    result = _constant_prices(
        nominal,
        None if src == deflator else fx(src, deflator, years),
        _rows(chained, rows[:-1]),
        chained[int(rows[-1])][np.newaxis, :],
        None if deflator == dst else fx(deflator, dst, np.array([basis], dtype=np.int64)),
    )
    return readonly(result).T


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class AgreementModel:
    """An agreement as a vectorized model of its numeric fields.

    Call it with ``{name: array (n,)}``; it returns ``{"<year>": (n,)...}`` (one output
    per year) or ``{"total": (n,)}``, in `currency` and `price_basis`. See
    :func:`agreement_model`.
    """

    agreement: Agreement
    currency: str
    price_basis: PriceBasis
    total: bool
    context: MoneyContext | None = None
    per_year: bool = False
    nominal: dict[str, float] = field(init=False)

    def __post_init__(self) -> None:
        as_instance(self.agreement, Agreement, "agreement")
        as_flag(self.total, "total")
        if self.context is not None:
            as_instance(self.context, MoneyContext, "context")
        check_currency(self.currency, "currency")
        object.__setattr__(self, "price_basis", check_price_basis(self.price_basis))
        for code in {self.currency, self.agreement.currency}:
            if code not in _MODEL_CURRENCIES:
                raise MissingDataError(
                    "currency", code, f"one of {_MODEL_CURRENCIES} (the shipped rates)"
                )
        if self.agreement.batch_shape:
            raise InvalidInputError(
                "agreement", self.agreement.batch_shape, "an agreement without draws"
            )
        params = {"base_amount": float(np.asarray(self.agreement.base_amount))}
        for start, rule in self.agreement.phases:
            params.update(_rule_parameters(start, rule))
        if "USD" in (self.currency, self.agreement.currency):
            params[_FX] = 1.0  # only a conversion through the dollar uses the rate
        if self.price_basis != "nominal":
            params[_INFLATION] = 0.0
        if as_flag(self.per_year, "per_year"):
            params |= self._per_year_parameters()
        object.__setattr__(self, "nominal", params)

    @property
    def label(self) -> str:
        """What the model computes: the agreement's name, for figures' titles."""
        return self.agreement.name

    @property
    def units(self) -> tuple[str, str]:
        """Currency and price basis in words of the outputs, for figures' axes.

        E.g. ``("USD", "constant 2019 prices (US CPI-U)")``; read by
        :func:`~burden.sensitivity.monte_carlo` and :func:`~burden.sensitivity.tornado`.
        """
        deflator = None if self.context is None else self.context.deflate_with
        return self.currency, basis_label(self.currency, self.price_basis, deflator)

    def _per_year_parameters(self) -> dict[str, float]:
        """Nominal values of the per-year parameters (NaN: not published, draw it)."""
        a = self.agreement
        ctx = default_context() if self.context is None else self.context
        out: dict[str, float] = {}
        for start, rule in a.phases:
            if not isinstance(rule, Indexed):
                continue
            known = dict(
                zip(rule.index_years.tolist(), np.asarray(rule.rates_table).tolist(), strict=True)
            )
            projection = None if rule.projection is None else np.asarray(rule.projection)
            fallback = np.nan if projection is None or projection.ndim else float(projection)
            for year in a._phase_years(start) - rule.lag:
                out[f"index[{start}][{int(year)}]"] = float(known.get(int(year), fallback))
        years = a.years
        span = years if self.price_basis == "nominal" else np.union1d(years, [self.price_basis])
        if "USD" in (self.currency, a.currency) and "KRW" in (self.currency, a.currency):
            series = ctx.per_usd.get("KRW")
            for year in span:
                value = np.nan if series is None else series.get(int(year), np.nan)
                out[f"krw_per_usd[{int(year)}]"] = float(value)
        if self.price_basis != "nominal":
            deflator = ctx.deflate_with or self.currency
            index = ctx.price_index.get(deflator)
            for year in range(int(span.min()) + 1, int(span.max()) + 1):
                rate = np.nan
                if index is not None and year in index.index and year - 1 in index.index:
                    rate = float(index.loc[year] / index.loc[year - 1] - 1.0)
                out[f"inflation[{year}]"] = rate
        return out

    @_no_overflow
    def paths(self, params: Mapping[str, npt.ArrayLike]) -> FloatArray:
        """Return the amounts of every year for each draw, shape ``(n, T)``."""
        draws, n = _draws(params, self.nominal)
        return self._paths(draws, n, {})

    def _paths(self, draws: Mapping[str, FloatArray], n: int, levels: _Levels) -> FloatArray:
        """:meth:`paths` of checked draws, each ``(n,)``; `levels` as in `_convert_draws`."""
        full = {k: draws.get(k, np.full(n, v)) for k, v in self.nominal.items()}
        a = self.agreement
        phases = {start: _vary_rule(start, rule, draws) for start, rule in a.phases}
        varied = Agreement(
            name=a.name,
            base_year=a.base_year,
            base_amount=full["base_amount"],
            currency=a.currency,
            end_year=a.end_year,
            escalation=phases,
            rounding=a.rounding,
        )
        values = np.broadcast_to(varied.path().values, (n, a.years.size))
        if self.currency == a.currency and self.price_basis == "nominal":
            return readonly(np.array(values))
        return _convert_draws(
            values,  # read, not written: the conversion makes new arrays
            a.years,
            a.currency,
            self.currency,
            self.price_basis,
            full.get(_FX, np.ones(n)),
            full.get(_INFLATION, np.zeros(n)),
            self.context,
            draws,
            levels,
        )

    @_no_overflow
    def __call__(self, params: Mapping[str, npt.ArrayLike]) -> dict[str, FloatArray]:
        """Evaluate the model: ``{year: (n,)}`` or ``{"total": (n,)}``."""
        values = self.paths(params)
        if self.total:
            return {"total": readonly(_year_sums(values.T))}
        return {str(y): readonly(values[:, j]) for j, y in enumerate(self.agreement.years)}


def agreement_model(
    agreement: Agreement,
    *,
    currency: str | None = None,
    price_basis: PriceBasis = "nominal",
    total: bool = False,
    context: MoneyContext | None = None,
    per_year: bool = False,
) -> AgreementModel:
    """Return `agreement` as a model of its numeric fields.

    Parameters
    ----------
    agreement : Agreement
        Without draws (the model adds them).
    currency : str, optional
        Output currency, KRW or USD; default the agreement's.
    price_basis : "nominal" or int, default "nominal"
    total : bool, default False
        Return the sum over the years instead of one output per year.
    context : MoneyContext, optional
        Exchange rates and price index to perturb; default the shipped data. Pass one
        with projections to analyse years after the last published rate.
    per_year : bool, default False
        Also make each year's value a parameter: ``index[S][Y]`` (the index value of
        year ``Y`` driving the phase starting in ``S``, e.g. Korean CPI of 2026),
        ``krw_per_usd[Y]`` (the KRW/USD rate of ``Y``) and ``inflation[Y]`` (inflation
        of the deflating currency in ``Y``). Nominal values are the published or
        projected figures; NaN where none exists (supply a draw for it, e.g. CPI
        2026-2029 uniform 1-4% each year).

    Returns
    -------
    AgreementModel
        ``.nominal`` lists the parameters and their nominal values: ``base_amount``;
        ``rate[Y]`` for a fixed-rate phase starting in ``Y``; ``index_shift[Y]`` and
        any scalar ``cap[Y]``, ``floor[Y]``, ``projection[Y]`` for an indexed phase;
        ``krw_per_usd_scale`` when converting currency or to constant prices;
        ``inflation_shift`` for constant prices.

    Examples
    --------
    >>> import burden as bd
    >>> m = bd.models.agreement_model(bd.agreements.get("SMA-8"))
    >>> m({"cap[2010]": np.array([0.04, 0.05])})["2010"] / 1e8   # 2008 CPI was 4.7%
    array([7904., 7957.])
    """
    return AgreementModel(
        agreement=agreement,
        currency=agreement.currency if currency is None else currency,
        price_basis=price_basis,
        total=total,
        context=context,
        per_year=per_year,
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ComparisonModel:
    """Two agreements as one model; see :func:`comparison_model`."""

    baseline: AgreementModel
    alternative: AgreementModel
    measure: Measure
    years: IntArray
    nominal: dict[str, float] = field(init=False)
    _share_levels: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        as_instance(self.baseline, AgreementModel, "baseline")
        as_instance(self.alternative, AgreementModel, "alternative")
        one_of(self.measure, "measure", ComparisonMeasure)
        years = as_years(self.years, "years", scalar_ok=False)
        first = max(self.baseline.agreement.base_year, self.alternative.agreement.base_year)
        last = min(self.baseline.agreement.end_year, self.alternative.agreement.end_year)
        if not (
            years.size
            and np.array_equal(years, np.arange(years[0], years[0] + years.size))
            and first <= years[0]
            and years[-1] <= last
        ):
            raise InvalidInputError(
                "years",
                years.tolist(),
                f"consecutive years within both agreements ({first}..{last})",
            )
        object.__setattr__(self, "years", readonly(years))
        # The sides share one chained price index per call only when its inputs are the
        # same for both: one context, and the same money parameters (per-year inflation
        # draws reach a side only if it has them).
        money = [
            {k for k in m.nominal if _is_shared(k)} for m in (self.baseline, self.alternative)
        ]
        same = self.baseline.context is self.alternative.context and money[0] == money[1]
        object.__setattr__(self, "_share_levels", same)
        params = {
            f"baseline.{k}": v for k, v in self.baseline.nominal.items() if not _is_shared(k)
        }
        params |= {
            f"alternative.{k}": v for k, v in self.alternative.nominal.items() if not _is_shared(k)
        }
        for side in (self.baseline.nominal, self.alternative.nominal):
            for name, value in side.items():
                if _is_shared(name) and name not in params:
                    params[name] = value
        object.__setattr__(self, "nominal", params)

    @property
    def label(self) -> str:
        """What the model computes: ``"<alternative> vs <baseline>"``, for figures' titles."""
        return f"{self.alternative.agreement.name} vs {self.baseline.agreement.name}"

    @property
    def units(self) -> tuple[str, str] | None:
        """Currency and price basis in words of money measures; None for ratios."""
        if self.measure in ("ratio", "all"):
            return None
        return self.baseline.units

    @_no_overflow
    def __call__(self, params: Mapping[str, npt.ArrayLike]) -> dict[str, FloatArray]:
        """Evaluate: ``{"<measure> <year>": (n,), ..., "total <measure>": (n,)}``."""
        draws, n = _draws(params, self.nominal)  # checked once for both sides
        shared = {k: v for k, v in draws.items() if _is_shared(k)}
        levels: _Levels = {}  # the price index is chained once per call, for both sides
        sides = []
        for prefix, model in (("baseline.", self.baseline), ("alternative.", self.alternative)):
            own = {k[len(prefix) :]: v for k, v in draws.items() if k.startswith(prefix)}
            own |= {k: v for k, v in shared.items() if k in model.nominal}
            values = model._paths(own, n, levels if self._share_levels else {})
            _refuse_overflow((values,), params)  # before a ratio turns an inf into 0
            first = int(self.years[0]) - model.agreement.base_year  # consecutive: a view
            sides.append(values[:, first : first + self.years.size].T)  # year-major (T, n)
        wanted = _MEASURES if self.measure == "all" else (self.measure,)
        t = self.years.size
        # Output-major: one row per output, rows contiguous over draws.
        out = np.empty((len(wanted) * (t + 1), n))
        labels: list[str] = []
        for i, measure in enumerate(wanted):  # only the measures asked for are computed
            _measure_rows(measure, sides[0], sides[1], out[i * (t + 1) : (i + 1) * (t + 1)])
            labels += [f"{measure} {y}" for y in self.years.tolist()] + [f"total {measure}"]
        readonly(out)
        return {label: out[r] for r, label in enumerate(labels)}


_MEASURES: tuple[ComparisonMeasure, ...] = ("baseline", "alternative", "difference", "ratio")


def _measure_rows(measure: str, base: FloatArray, alt: FloatArray, rows: FloatArray) -> None:
    """Write one measure of year-major amounts ``(T, n)`` into `rows` ``(T + 1, n)``.

    Rows ``0..T-1`` are the years, row ``T`` the total over them.
    """
    t = base.shape[0]
    if measure == "baseline":
        rows[:t] = base
        rows[t] = _year_sums(base)
    elif measure == "alternative":
        rows[:t] = alt
        rows[t] = _year_sums(alt)
    elif measure == "difference":
        np.subtract(alt, base, out=rows[:t])
        np.subtract(_year_sums(alt), _year_sums(base), out=rows[t])
    else:  # NaN with a BurdenWarning against a zero baseline (docs/reliability.md)
        rows[:t] = ratio(alt, base, "ComparisonModel.ratio")
        rows[t] = ratio(_year_sums(alt), _year_sums(base), "ComparisonModel.total")


def _year_sums(rows: FloatArray) -> FloatArray:
    """Sum year-major amounts ``(T, n)`` over the years, one year after the other: ``(n,)``.

    An explicit order, the same for any number of draws: numpy's own sum adds contiguous
    values pairwise but strided ones one by one, so its last bits would depend on the
    layout and on the size of a chunk.
    """
    total: FloatArray = rows[0].copy()
    for row in rows[1:]:  # loop over years, vectorized over draws
        total += row
    return total


def comparison_model(
    baseline: Agreement,
    alternative: Agreement,
    *,
    currency: str = "KRW",
    price_basis: PriceBasis = "nominal",
    measure: Measure = "ratio",
    context: MoneyContext | None = None,
    per_year: bool = False,
) -> ComparisonModel:
    """Return the comparison of two agreements as a model of their numeric fields.

    Parameters are those of :func:`agreement_model` (including ``context`` and
    ``per_year``), prefixed ``baseline.`` and ``alternative.``; the money parameters
    (``krw_per_usd_scale``, ``inflation_shift``, ``krw_per_usd[Y]``, ``inflation[Y]``)
    are shared by both sides.

    Outputs, for every common year and over all of them (``"total <measure>"``):

    - ``"baseline <Y>"``, ``"alternative <Y>"``: the amounts, in `currency` and
      `price_basis`;
    - ``"difference <Y>"``: alternative minus baseline (same unit);
    - ``"ratio <Y>"``: alternative over baseline; the total ratio is of the sums.

    `measure` picks one of them, or ``"all"`` for every one.

    Examples
    --------
    >>> import burden as bd
    >>> m = bd.models.comparison_model(bd.agreements.get("SMA-11"),
    ...                                bd.agreements.get("US-DEMAND-2019"))
    >>> out = m({"krw_per_usd_scale": np.array([1.0, 1.1])})
    >>> out["total ratio"].round(2)      # the demand over the 11th SMA, 2020-2025
    array([5.13, 5.65])
    """
    options = {
        "currency": currency,
        "price_basis": price_basis,
        "context": context,
        "per_year": per_year,
    }
    base = agreement_model(baseline, **options)  # type: ignore[arg-type]
    alt = agreement_model(alternative, **options)  # type: ignore[arg-type]
    first = max(baseline.base_year, alternative.base_year)
    last = min(baseline.end_year, alternative.end_year)
    if first > last:
        raise InvalidInputError(
            "alternative",
            f"{alternative.base_year}..{alternative.end_year}",
            f"years overlapping the baseline ({baseline.base_year}..{baseline.end_year})",
        )
    measure = one_of(measure, "measure", ComparisonMeasure)
    return ComparisonModel(
        baseline=base,
        alternative=alt,
        measure=measure,
        years=np.arange(first, last + 1, dtype=np.int64),
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class IndicatorModel:
    """A burden indicator of an agreement, from its own host; see :func:`indicator_model`."""

    amounts: AgreementModel
    host: Host
    indicator: IndicatorName
    nominal: dict[str, float] = field(init=False)

    @property
    def series(self) -> str:
        """The host series the indicator divides by."""
        return _INDICATOR_SERIES[self.indicator]

    def __post_init__(self) -> None:
        from burden.hosts import Host  # noqa: PLC0415 (hosts imports money)

        as_instance(self.amounts, AgreementModel, "amounts")
        as_instance(self.host, Host, "host")
        one_of(self.indicator, "indicator", IndicatorName)
        params = dict(self.amounts.nominal)
        params[f"host.{self.series}_scale"] = 1.0
        if self.amounts.per_year:
            for year in self.amounts.agreement.years:
                params[f"host.{self.series}[{int(year)}]"] = float(
                    self.host.values(self.series, np.array([year]))[0]
                )
        object.__setattr__(self, "nominal", params)

    @_no_overflow
    def __call__(self, params: Mapping[str, npt.ArrayLike]) -> dict[str, FloatArray]:
        """Evaluate: ``{"<indicator> <year>": (n,)}`` (NaN where the host series is missing)."""
        n = _check_names(params, self.nominal)
        own = {k: v for k, v in params.items() if not k.startswith("host.")}
        values = self.amounts.paths(own)
        years = self.amounts.agreement.years
        scale = np.broadcast_to(
            as_float_array(params.get(f"host.{self.series}_scale", 1.0), "host scale"), (n,)
        )
        denominator = np.broadcast_to(self.host.values(self.series, years), (n, years.size)).copy()
        for j, year in enumerate(years):
            name = f"host.{self.series}[{int(year)}]"
            if name in params:
                denominator[:, j] = params[name]
        share = ratio(
            values, denominator * scale[:, np.newaxis], f"IndicatorModel.{self.indicator}"
        )
        return {f"{self.indicator} {y}": readonly(share[:, j]) for j, y in enumerate(years)}


_INDICATOR_SERIES: dict[str, str] = {
    "share_of_defense_budget": "defense_budget",
    "share_of_gdp": "gdp",
    "per_service_member": "troops",
}


def indicator_model(
    agreement: Agreement,
    *,
    indicator: IndicatorName = "share_of_defense_budget",
    currency: str | None = None,
    price_basis: PriceBasis = "nominal",
    context: MoneyContext | None = None,
    per_year: bool = False,
) -> IndicatorModel:
    """Return a burden indicator of `agreement`, from its own host, as a model.

    Parameters
    ----------
    agreement : Agreement
        With a host (``host="KOR"``) whose currency is KRW or USD.
    indicator : {"share_of_defense_budget", "share_of_gdp", "per_service_member"}
        Shares divide the nominal amount in the host currency by the host's series;
        per service member divides the amount in `currency` and `price_basis`.
    currency, price_basis
        For ``per_service_member`` only (default the agreement's currency, nominal).
    context : MoneyContext, optional
        Rates and projections, including host projections
        (``with_projection(defense_budget_growth={"KOR": 0.03})``).
    per_year : bool, default False
        As in :func:`agreement_model`, plus ``host.<series>[Y]`` for each year.

    Returns
    -------
    IndicatorModel
        Parameters: those of :func:`agreement_model`, ``host.<series>_scale``
        (multiplies the host series) and, with `per_year`, ``host.<series>[Y]``.

    Raises
    ------
    InvalidInputError
        If the agreement has no host, or `indicator` is unknown.

    Examples
    --------
    >>> import burden as bd
    >>> m = bd.models.indicator_model(bd.agreements.get("SMA-11"))
    >>> out = m({"host.defense_budget_scale": np.array([1.0, 1.1])})
    >>> (100 * out["share_of_defense_budget 2021"]).round(3)   # KRW 1,183.3 bn / 52.84 tn
    array([2.239, 2.036])
    """
    as_instance(agreement, Agreement, "agreement")
    indicator = one_of(indicator, "indicator", IndicatorName)
    host = as_host(agreement.host, "agreement.host")
    if host is None:
        raise InvalidInputError(
            "agreement.host",
            None,
            "an agreement with a host (its indicators come from the host's series)",
            hint='build it with host="KOR" (or another code, or a bd.Host)',
        )
    if context is not None:
        as_instance(context, MoneyContext, "context")
    ctx = default_context() if context is None else context
    host = ctx.project_host(host)
    if indicator == "per_service_member":
        amounts = agreement_model(
            agreement,
            currency=currency,
            price_basis=price_basis,
            context=context,
            per_year=per_year,
        )
    else:
        amounts = agreement_model(
            agreement, currency=host.currency, context=context, per_year=per_year
        )
    return IndicatorModel(amounts=amounts, host=host, indicator=indicator)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SplitModel:
    """A host-sender cost split as a model; see :func:`split_model`."""

    pool: CostPool
    envelope: FloatArray
    rule: SplitRule
    floors: dict[str, float]
    caps: dict[str, float]
    output: SplitOutput
    nominal: dict[str, float] = field(init=False)

    def __post_init__(self) -> None:
        as_instance(self.pool, CostPool, "pool")
        env = as_float_array(self.envelope, "envelope", nonnegative=True)
        object.__setattr__(self, "envelope", readonly(env))
        as_mapping(self.floors, "floors")
        as_mapping(self.caps, "caps")
        as_name(self.output, "output", ("host_share", "excess", "cost_sharing_ratio", "sender"))
        params = {f"cost_scale[{c}]": 1.0 for c in self.pool.categories}
        params["envelope_scale"] = 1.0
        params |= {f"floor[{c}]": v for c, v in self.floors.items()}
        params |= {f"cap[{c}]": v for c, v in self.caps.items()}
        object.__setattr__(self, "nominal", params)

    @_no_overflow
    def __call__(self, params: Mapping[str, npt.ArrayLike]) -> dict[str, FloatArray]:
        """Evaluate: ``{"<output> <year>": (n,)}``."""
        n = _check_names(params, self.nominal)
        full = {
            k: np.broadcast_to(as_float_array(params.get(k, v), f"params[{k!r}]"), (n,))
            for k, v in self.nominal.items()
        }
        costs = self.pool.costs  # (T, K)
        pool = CostPool(
            {
                c: full[f"cost_scale[{c}]"][:, np.newaxis] * costs[..., k]
                for k, c in enumerate(self.pool.categories)
            },
            currency=self.pool.currency,
            years=self.pool.years,
            price_basis=self.pool.price_basis,
        )
        bounds = {
            "floors": {c: full[f"floor[{c}]"][:, np.newaxis] for c in self.floors} or None,
            "caps": {c: full[f"cap[{c}]"][:, np.newaxis] for c in self.caps} or None,
        }
        split = split_costs(
            pool,
            envelope=full["envelope_scale"][:, np.newaxis] * self.envelope,
            rule=self.rule,
            floors=bounds["floors"],
            caps=bounds["caps"],
        )
        if self.output == "host_share":
            values = split.host_share_total
        elif self.output == "excess":
            values = split.excess
        elif self.output == "sender":
            values = split.sender.sum(axis=-1)
        else:
            values = split.cost_sharing_ratio()
        return {
            f"{self.output} {y}": readonly(np.array(values[:, j]))
            for j, y in enumerate(self.pool.years)
        }


def split_model(
    pool: CostPool,
    *,
    envelope: npt.ArrayLike | Agreement,
    rule: SplitRule = "proportional",
    floors: Mapping[str, float] | None = None,
    caps: Mapping[str, float] | None = None,
    output: SplitOutput = "host_share",
) -> SplitModel:
    """Return an envelope split of a cost pool as a model of its numeric fields.

    Parameters
    ----------
    pool : CostPool
        Without draws; ``cost_scale[<category>]`` parameters scale each category.
    envelope : array_like or Agreement
        The host's contribution per year of the pool (an Agreement is converted to the
        pool's currency and basis); ``envelope_scale`` scales it.
    rule, floors, caps
        As in :func:`burden.split_costs`; each floor and cap is a parameter
        ``floor[<category>]`` / ``cap[<category>]``.
    output : {"host_share", "excess", "cost_sharing_ratio", "sender"}
        Returned per year: the host's share of the total cost, the envelope's excess,
        the DoD-style cost-sharing ratio, or the sender's total payment.

    Examples
    --------
    >>> import burden as bd
    >>> pool = bd.CostPool({"labor": [100.0], "logistics": [100.0]}, currency="KRW",
    ...                    years=[2021])
    >>> m = bd.models.split_model(pool, envelope=[150.0], output="host_share")
    >>> m({"envelope_scale": np.array([1.0, 2.0])})["host_share 2021"]
    array([0.75, 1.  ])
    """
    as_instance(pool, CostPool, "pool")
    if pool.batch_shape:
        raise InvalidInputError("pool", pool.batch_shape, "a cost pool without draws")
    if isinstance(envelope, Agreement):
        last = min(int(pool.years[-1]), envelope.end_year)
        path = envelope.until(max(last, envelope.base_year)).path()
        env = path.select(pool.years).to(pool.currency, pool.price_basis).values
    else:
        env = as_float_array(envelope, "envelope", nonnegative=True)
    if env.shape != pool.years.shape:
        raise InvalidInputError("envelope", env.shape, f"one value per year {pool.years.shape}")
    output = one_of(output, "output", SplitOutput)
    # Check rule, categories and bounds now, not at the first call of a long run.
    split_costs(pool, envelope=env, rule=rule, floors=floors, caps=caps)
    return SplitModel(
        pool=pool,
        envelope=env,
        rule=rule,
        floors=dict(floors or {}),
        caps=dict(caps or {}),
        output=output,
    )
