"""Valid example calls for every public callable of burden, and the mutations the fuzz applies.

The fuzz suite (``tests/test_fuzz.py``) discovers the public callables by walking
``burden.__all__``, the ``__all__`` of the public submodules and the public methods of
every public class; each must have one valid call here, or the discovery test fails.

A call is a zero-argument factory returning ``(callable, args, kwargs)``: the fuzz then
replaces one argument at a time with a hostile value from :data:`MUTATIONS` (or one derived
from the valid argument by :func:`derived_mutations`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import inspect
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

import burden as bd
import burden.sensitivity as bs

Call = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]

MODULES: tuple[ModuleType, ...] = (
    bd,
    bd.agreements,
    bd.bargain,
    bd.claims,
    bd.costs,
    bd.datasets,
    bd.games,
    bd.measures,
    bd.models,
    bd.money,
    bd.sensitivity,
)


# ----------------------------------------------------------------------------- discovery
def _is_public_class(obj: object) -> bool:
    return (
        inspect.isclass(obj)
        and not issubclass(obj, BaseException)
        and not getattr(obj, "_is_protocol", False)
        and obj.__module__.startswith("burden")
    )


def _short(module: ModuleType) -> str:
    return "bd" if module is bd else module.__name__.rsplit(".", 1)[-1]


def discover() -> dict[str, Any]:
    """Every public callable of burden by key (functions, classes, methods of classes).

    Keys name the first public module listing the object (``bd.TUGame.shapley``,
    ``money.convert``), so that moving code between files does not rename them.
    """
    found: dict[str, Any] = {}
    seen: set[int] = set()
    for module in MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            if id(obj) in seen:
                continue
            plain = getattr(obj, "__wrapped__", obj)
            key = f"{_short(module)}.{name}"
            if inspect.isfunction(plain) and obj.__module__.startswith("burden"):
                seen.add(id(obj))
                found[key] = obj
            elif _is_public_class(obj):
                seen.add(id(obj))
                found[key] = obj
                for attr, member in vars(obj).items():
                    if attr.startswith("_") and attr != "__call__":
                        continue
                    if inspect.isfunction(member) or isinstance(
                        member, classmethod | staticmethod
                    ):
                        found[f"{key}.{attr}"] = member
    return found


# ----------------------------------------------------------------------------- fixtures
@functools.cache
def _agreement() -> bd.Agreement:
    return bd.agreements.get("SMA-11")


def _own_agreement() -> bd.Agreement:
    return bd.Agreement(
        name="a",
        base_year=2020,
        base_amount=1.0e12,
        currency="KRW",
        end_year=2022,
        escalation=bd.Fixed(0.05),
    )


@functools.cache
def _kor() -> bd.Host:
    return bd.hosts.get("KOR")


@functools.cache
def _amounts() -> bd.Amounts:
    return bd.Amounts(values=[1.0, 2.0, 3.0], years=[2020, 2021, 2022], currency="KRW")


@functools.cache
def _pool() -> bd.CostPool:
    return bd.CostPool(
        {"labor": [3.0e11, 4.0e11], "logistics": [1.0e11, 2.0e11]},
        currency="KRW",
        years=[2020, 2021],
    )


@functools.cache
def _split() -> bd.SplitResult:
    return bd.split_costs(_pool(), envelope=[3.0e11, 5.0e11], floors={"labor": 0.5})


@functools.cache
def _game() -> bd.TUGame:
    return bd.TUGame.bankruptcy(200.0, [100.0, 200.0, 300.0])


@functools.cache
def _space() -> bd.ParameterSpace:
    return bd.ParameterSpace(
        [
            bd.Parameter("krw_per_usd_scale", (0.9, 1.1), nominal=1.0),
            bd.Parameter("baseline.index_shift[2022]", (-0.02, 0.02), nominal=0.0),
        ]
    )


@functools.cache
def _unit_space() -> bd.ParameterSpace:
    return bd.ParameterSpace([bd.Parameter("x0", (0.0, 1.0)), bd.Parameter("x1", (0.0, 1.0))])


def _linear(params: Any) -> Any:
    return params["x0"] + 2.0 * params["x1"]


@functools.cache
def _model() -> bd.models.ComparisonModel:
    return bd.models.comparison_model(
        bd.agreements.get("SMA-11"), bd.agreements.get("US-DEMAND-2019"), currency="USD"
    )


@functools.cache
def _agreement_model() -> bd.models.AgreementModel:
    return bd.models.agreement_model(_agreement(), total=True)


@functools.cache
def _split_model() -> bd.models.SplitModel:
    return bd.models.split_model(_pool(), envelope=[3.0e11, 5.0e11])


@functools.cache
def _mc() -> bd.MonteCarloResult:
    return bd.monte_carlo(_linear, _unit_space(), n=16, rng=1, keep_samples=True)


@functools.cache
def _sobol() -> bd.SobolResult:
    return bd.sobol(_linear, _unit_space(), n=16, n_resamples=8, rng=1)


@functools.cache
def _design() -> bs.SobolDesign:
    return bs.sobol_design(_unit_space(), 8, rng=1)


@functools.cache
def _morris() -> bd.MorrisResult:
    return bd.morris(_linear, _unit_space(), trajectories=3, rng=1)


@functools.cache
def _tornado() -> bd.TornadoResult:
    return bd.tornado(_linear, _unit_space())


@functools.cache
def _sweep() -> bs.SweepResult:
    return bd.sweep(_linear, _unit_space(), {"x0": [0.0, 0.5, 1.0]})


@functools.cache
def _threshold() -> bs.ThresholdResult:
    return bd.threshold(_linear, _unit_space(), "x0", [1.5])


def _prim_inputs() -> np.ndarray:
    return np.random.default_rng(0).random((40, 2))


@functools.cache
def _prim() -> bs.PrimResult:
    x = _prim_inputs()
    return bd.prim(x, x[:, 0] > 0.5)


@functools.cache
def _comparison() -> bd.Comparison:
    return bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))


@functools.cache
def _zopa() -> bd.bargain.Zopa:
    return bd.bargain.zopa([10.0, 5.0], [8.0, 6.0])


@functools.cache
def _frontier() -> bd.bargain.Frontier:
    return bd.bargain.linear_frontier(10.0)


def _sqrt_frontier(u: Any) -> Any:
    return np.sqrt(np.clip(1.0 - u, 0.0, None))


@functools.cache
def _solutions() -> bd.bargain.BargainingSolutions:
    return bd.bargain.solutions(_frontier())


@functools.cache
def _delay() -> bd.bargain.DelayCost:
    return bd.bargain.cost_of_delay(1.0e9, 1.0e11)


@functools.cache
def _nucleolus() -> bd.games.NucleolusResult:
    return bd.games.nucleolus(_game())


@functools.cache
def _context() -> bd.MoneyContext:
    return bd.money.default_context()


def _members() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "member": ["A", "B", "C"],
            "defense_spending": [2.0, 1.0, 3.0],
            "gdp": [100.0, 80.0, 120.0],
        }
    )


def _series() -> pd.Series:
    return pd.Series([0.02, 0.03], index=[2020, 2021])


def _set_and_restore(**kwargs: Any) -> bd.Limits:
    previous = bd.set_limits(**kwargs)
    bd.set_limits(**dataclasses.asdict(previous))
    return previous


def _limits_block(**kwargs: Any) -> bd.Limits:
    with bd.limits(**kwargs) as now:
        return now


def _call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[], Call]:
    return lambda: (fn, args, kwargs)


def _method(make: Callable[[], Any], name: str, *args: Any, **kwargs: Any) -> Callable[[], Call]:
    return lambda: (getattr(make(), name), args, kwargs)


def _ctor(cls: Any, name: str, *args: Any, **kwargs: Any) -> Callable[[], Call]:
    return lambda: (getattr(cls, name), args, kwargs)


def _with_fields(make: Callable[[], Any]) -> Callable[[], Call]:
    """Rebuild a result dataclass from its own fields (its constructor's valid call)."""

    def build() -> Call:  # the marker below tells the fuzz this builds a result

        obj = make()
        kwargs = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if f.init}
        return type(obj), (), kwargs

    build.builds_result = True  # type: ignore[attr-defined]
    return build


_YEARS = [2020, 2021, 2022]

REGISTRY: dict[str, Callable[[], Call]] = {
    # ---- agreements
    "bd.Agreement": _call(
        bd.Agreement,
        name="a",
        base_year=2020,
        base_amount=1.0e12,
        currency="KRW",
        end_year=2022,
        escalation=bd.Fixed(0.05),
        rounding=1.0e8,
        description="d",
        source="s",
    ),
    "bd.Agreement.rule_for": _method(_agreement, "rule_for", 2022),
    "bd.Agreement.path": _method(_own_agreement, "path"),
    "bd.Agreement.amounts": _method(_own_agreement, "amounts"),
    "bd.Agreement.with_projection": _method(_agreement, "with_projection", 0.02),
    "bd.Agreement.until": _method(_agreement, "until", 2023),
    "agreements.get": _call(bd.agreements.get, "SMA-11"),
    "agreements.names": _call(bd.agreements.names),
    # ---- hosts and present values
    "bd.Host": _call(
        bd.Host,
        code="XYZ",
        name="Example",
        currency="EUR",
        troops=pd.Series({2024: 1000.0}),
        defense_budget=None,
        gdp=None,
        cpi_inflation=None,
        per_usd=None,
        troops_basis=None,
        gdp_base_year=None,
        source="s",
    ),
    "bd.Host.missing_reason": _method(_kor, "missing_reason", "troops", np.array([2025, 2026])),
    "bd.Host.replace": _method(_kor, "replace", per_usd=pd.Series({2022: 1290.0})),
    "bd.Host.series": _method(_kor, "series", "troops"),
    "bd.Host.to_frame": _method(_kor, "to_frame"),
    "bd.Host.values": _method(_kor, "values", "troops", np.array([2019, 2020])),
    "bd.Amounts.present_value": _method(_amounts, "present_value", 0.03, year=2020),
    "bd.Comparison.notes": _method(_comparison, "notes"),
    "bd.Comparison.present_value": _method(_comparison, "present_value", 0.03, year=2021),
    "bd.MoneyContext.assumptions_for": _method(
        _context, "assumptions_for", "per_usd", "KRW", [2020, 2021]
    ),
    "bd.MoneyContext.project_host": _method(_context, "project_host", _kor()),
    "bd.MoneyContext.with_deflator": _method(_context, "with_deflator", "USD"),
    "bd.MoneyContext.with_projection": _method(
        _context,
        "with_projection",
        per_usd={"KRW": 1300.0},
        inflation={"KRW": 0.02},
        defense_budget_growth=None,
        gdp_growth=None,
        troops=None,
    ),
    "datasets.nato_defense_spending": _call(bd.datasets.nato_defense_spending),
    "datasets.us_cpi": _call(bd.datasets.us_cpi),
    "money.Assumption": _call(bd.money.Assumption, "per_usd", "KRW", 2026, 2030, "flat"),
    "money.Assumption.covers": _method(
        lambda: bd.money.Assumption("per_usd", "KRW", 2026, 2030, "flat"), "covers", [2025, 2027]
    ),
    "money.basis_label": _call(bd.money.basis_label, "USD", 2019, "KRW"),
    "money.present_value": _call(
        bd.money.present_value, [1.0, 2.0], [2020, 2021], 0.03, year=2020
    ),
    "money.price_index_name": _call(bd.money.price_index_name, "KRW"),
    "bargain.DelayCost.plot": _method(_delay, "plot", None, unit="KRW", currency=None, title="t"),
    "bd.Indicators.to_frame": _method(
        lambda: bd.Indicators(
            share_of_defense_budget=np.array([0.01]),
            share_of_gdp=np.array([0.001]),
            per_service_member=np.array([1.0e6]),
        ),
        "to_frame",
    ),
    "sensitivity.SobolDesign.rows": _method(_design, "rows", 2, 10),
    "sensitivity.SobolDesign.to_frame": _method(_design, "to_frame"),
    "sensitivity.ThresholdResult.plot": _method(
        _threshold, "plot", None, output=None, unit="u", currency=None, title="t"
    ),
    "models.IndicatorModel": _with_fields(
        lambda: bd.models.indicator_model(bd.agreements.get("SMA-11"))
    ),
    "models.IndicatorModel.__call__": _method(
        lambda: bd.models.indicator_model(bd.agreements.get("SMA-11")),
        "__call__",
        {"host.defense_budget_scale": np.array([1.0, 1.1])},
    ),
    "models.indicator_model": _call(
        bd.models.indicator_model,
        bd.agreements.get("SMA-11"),
        indicator="share_of_gdp",
        currency="KRW",
        price_basis="nominal",
        context=None,
        per_year=True,
    ),
    # ---- limits
    "bd.Limits": _call(bd.Limits, memory=2**30, work=10**9, year_span=100, toml_depth=8),
    "bd.get_limits": _call(bd.get_limits),
    "bd.set_limits": lambda: (_set_and_restore, (), {"memory": "1GiB", "work": 1e9}),
    "bd.limits": lambda: (_limits_block, (), {"memory": "1GiB", "work": 1e9}),
    # ---- money
    "bd.Amounts": _call(
        bd.Amounts, values=[1.0, 2.0, 3.0], years=_YEARS, currency="KRW", price_basis="nominal"
    ),
    "bd.Amounts.to": _method(_amounts, "to", "USD", 2019),
    "bd.Amounts.select": _method(_amounts, "select", [2021]),
    "bd.Amounts.total": _method(_amounts, "total"),
    "bd.Amounts.cumulative": _method(_amounts, "cumulative"),
    "bd.Amounts.ratio": _method(_amounts, "ratio", _amounts()),
    "bd.Amounts.to_series": _method(_amounts, "to_series"),
    "bd.Amounts.to_frame": _method(_amounts, "to_frame"),
    "bd.Amounts.plot": _method(_amounts, "plot", None),
    "bd.MoneyContext": _call(
        bd.MoneyContext,
        per_usd={"KRW": pd.Series([1100.0, 1150.0], index=[2020, 2021])},
        price_index={"KRW": pd.Series([100.0, 102.0], index=[2020, 2021])},
        deflate_with="KRW",
    ),
    "bd.MoneyContext.with_per_usd": _method(
        _context, "with_per_usd", "KRW", pd.Series([1100.0], index=[2040])
    ),
    "bd.MoneyContext.with_price_index": _method(
        _context, "with_price_index", "KRW", pd.Series([130.0], index=[2040])
    ),
    "bd.MoneyContext.rate": _method(_context, "rate", "KRW", [2020, 2021]),
    "bd.MoneyContext.price_level": _method(_context, "price_level", [2020, 2021]),
    "money.check_currency": _call(bd.money.check_currency, "KRW", "field"),
    "money.check_price_basis": _call(bd.money.check_price_basis, 2019, "field"),
    "money.check_base_year": _call(bd.money.check_base_year, bd.MoneyContext(), 2019, "USD"),
    "money.convert": _call(
        bd.money.convert,
        [1.0e12, 2.0e12],
        [2020, 2021],
        from_currency="KRW",
        to_currency="USD",
        from_basis="nominal",
        to_basis=2019,
        context=None,
    ),
    "money.cpi_index": _call(bd.money.cpi_index, _series(), base_year=2020),
    "money.default_context": _call(bd.money.default_context),
    # ---- escalation
    "bd.Fixed": _call(bd.Fixed, 0.05),
    "bd.Fixed.check_years": _method(
        lambda: bd.Fixed(0.05), "check_years", np.array(_YEARS), "f", allow_future=True
    ),
    "bd.Fixed.next_amounts": _method(
        lambda: bd.Fixed(0.05), "next_amounts", np.array([1.0, 2.0]), 2021
    ),
    "bd.Freeze": _call(bd.Freeze),
    "bd.Freeze.check_years": _method(
        bd.Freeze, "check_years", np.array(_YEARS), "f", allow_future=True
    ),
    "bd.Freeze.next_amounts": _method(bd.Freeze, "next_amounts", np.array([1.0]), 2021),
    "bd.Indexed": _call(
        bd.Indexed,
        _series(),
        lag=1,
        cap=0.05,
        floor=0.0,
        rate_rounding=3,
        projection=0.02,
    ),
    "bd.Indexed.with_projection": _method(lambda: bd.Indexed(_series()), "with_projection", 0.02),
    "bd.Indexed.check_years": _method(
        lambda: bd.Indexed(_series()), "check_years", np.array([2020]), "f", allow_future=False
    ),
    "bd.Indexed.rates_for": _method(lambda: bd.Indexed(_series()), "rates_for", [2021]),
    "bd.Indexed.next_amounts": _method(
        lambda: bd.Indexed(_series()), "next_amounts", np.array([1.0, 2.0]), 2021
    ),
    "bd.Schedule": _call(bd.Schedule, {2020: 1.0, 2021: 2.0}),
    "bd.Schedule.check_years": _method(
        lambda: bd.Schedule({2020: 1.0, 2021: 2.0}),
        "check_years",
        np.array([2020, 2021]),
        "f",
        allow_future=False,
    ),
    "bd.Schedule.next_amounts": _method(
        lambda: bd.Schedule({2020: 1.0, 2021: 2.0}), "next_amounts", np.array([1.0]), 2021
    ),
    # ---- compare
    "bd.Comparison": _with_fields(_comparison),
    "bd.Comparison.table": _method(_comparison, "table"),
    "bd.Comparison.to_frame": _method(_comparison, "to_frame"),
    "bd.Comparison.plot": _method(_comparison, "plot", None),
    "bd.Indicators": _call(
        bd.Indicators,
        share_of_defense_budget=np.array([0.01]),
        share_of_gdp=np.array([0.001]),
        per_service_member=np.array([1.0e6]),
    ),
    "bd.compare": _call(
        bd.compare,
        bd.agreements.get("SMA-10-HELD"),
        bd.agreements.get("SMA-11"),
        currency="USD",
        price_basis=2019,
        years=[2021, 2022],
        context=None,
        defense_budget=None,
        gdp=None,
        troops=None,
    ),
    # ---- costs
    "bd.CostPool": _call(
        bd.CostPool,
        {"labor": [3.0, 4.0], "logistics": [1.0, 2.0]},
        currency="KRW",
        years=[2020, 2021],
        price_basis="nominal",
    ),
    "bd.CostPool.total": _method(_pool, "total"),
    "bd.CostPool.category": _method(_pool, "category", "labor"),
    "bd.CostPool.to": _method(_pool, "to", "USD", "nominal"),
    "bd.CostPool.to_frame": _method(_pool, "to_frame"),
    "bd.SplitResult": _with_fields(_split),
    "bd.SplitResult.cost_sharing_ratio": _method(_split, "cost_sharing_ratio", definition="dod"),
    "bd.SplitResult.host_per_service_member": _method(_split, "host_per_service_member", None),
    "bd.SplitResult.host_share_of_defense_budget": _method(
        _split, "host_share_of_defense_budget", None, context=None
    ),
    "bd.SplitResult.to": _method(_split, "to", "USD", "nominal"),
    "bd.SplitResult.to_frame": _method(_split, "to_frame", scenario="s"),
    "bd.SplitResult.plot": _method(_split, "plot", None),
    "bd.split_costs": _call(
        bd.split_costs,
        _pool(),
        host_shares=None,
        envelope=[3.0e11, 5.0e11],
        rule="proportional",
        floors={"labor": 0.5},
        caps={"logistics": 0.9},
        strict=False,
        context=None,
    ),
    "bd.cost_sharing_ratio": _call(
        bd.cost_sharing_ratio, [1.0, 2.0], [2.0, 4.0], definition="dod"
    ),
    "costs.ability_to_pay": _call(bd.costs.ability_to_pay, 100.0, [1.0, 3.0]),
    "costs.compare_splits": _call(bd.costs.compare_splits, _split(), _split(), names=("a", "b")),
    # ---- games
    "bd.TUGame": _call(bd.TUGame, [0.0, 1.0, 2.0, 4.0], kind="value", players=["a", "b"]),
    "bd.TUGame.index_of": _method(_game, "index_of", [0, 1]),
    "bd.TUGame.value_of": _method(_game, "value_of", [0, 2]),
    "bd.TUGame.to_frame": _method(_game, "to_frame"),
    "bd.TUGame.bankruptcy": _ctor(
        bd.TUGame, "bankruptcy", 200.0, [100.0, 200.0, 300.0], players=["a", "b", "c"]
    ),
    "bd.TUGame.airport": _ctor(bd.TUGame, "airport", [1.0, 2.0, 3.0], players=None),
    "bd.TUGame.cost": _ctor(bd.TUGame, "cost", [0.0, 2.0, 3.0, 4.0], players=None),
    "bd.TUGame.savings": _method(lambda: bd.TUGame.cost([0.0, 2.0, 3.0, 4.0]), "savings"),
    "bd.TUGame.shapley": _method(_game, "shapley"),
    "bd.TUGame.banzhaf": _method(_game, "banzhaf", normalized=False),
    "bd.TUGame.tau_value": _method(_game, "tau_value"),
    "bd.TUGame.nucleolus": _method(_game, "nucleolus"),
    "bd.TUGame.prenucleolus": _method(_game, "prenucleolus"),
    "bd.TUGame.in_core": _method(_game, "in_core", [0.0, 50.0, 150.0], tol=1e-9),
    "bd.TUGame.least_core": _method(_game, "least_core"),
    "games.LeastCoreResult": _with_fields(lambda: bd.games.least_core(_game())),
    "games.LeastCoreResult.to_frame": _method(lambda: bd.games.least_core(_game()), "to_frame"),
    "games.NucleolusResult": _with_fields(_nucleolus),
    "games.NucleolusResult.to_frame": _method(_nucleolus, "to_frame"),
    "games.SampledValue": _with_fields(
        lambda: bd.games.shapley_sampled(_game(), n_permutations=10, rng=1)
    ),
    "games.SampledValue.to_frame": _method(
        lambda: bd.games.shapley_sampled(_game(), n_permutations=10, rng=1), "to_frame"
    ),
    "games.airport_game": _call(bd.games.airport_game, [1.0, 2.0, 3.0], players=None),
    "games.bankruptcy_game": _call(
        bd.games.bankruptcy_game, 200.0, [100.0, 200.0, 300.0], players=None
    ),
    "games.banzhaf": _call(bd.games.banzhaf, _game(), normalized=True),
    "games.cost_game": _call(bd.games.cost_game, [0.0, 2.0, 3.0, 4.0], players=None),
    "games.in_core": _call(bd.games.in_core, _game(), [0.0, 50.0, 150.0], tol=1e-9),
    "games.kohlberg_check": _call(
        bd.games.kohlberg_check, _game(), [0.0, 50.0, 150.0], domain="imputation"
    ),
    "games.least_core": _call(bd.games.least_core, _game()),
    "games.nucleolus": _call(bd.games.nucleolus, _game()),
    "games.prenucleolus": _call(bd.games.prenucleolus, _game()),
    "games.savings_game": _call(bd.games.savings_game, bd.TUGame.cost([0.0, 2.0, 3.0, 4.0])),
    "games.shapley": _call(bd.games.shapley, _game()),
    "games.shapley_sampled": _call(bd.games.shapley_sampled, _game(), n_permutations=10, rng=1),
    "games.tau_value": _call(bd.games.tau_value, _game()),
    # ---- claims
    "claims.adjusted_proportional": _call(
        bd.claims.adjusted_proportional, 200.0, [100.0, 200.0, 300.0]
    ),
    "claims.allocate": _call(bd.claims.allocate, 200.0, [100.0, 200.0, 300.0], rule="talmud"),
    "claims.capped_proportional": _call(
        bd.claims.capped_proportional, 100.0, [1.0, 2.0, 3.0], [20.0, 100.0, 100.0]
    ),
    "claims.cea": _call(bd.claims.cea, 200.0, [100.0, 200.0, 300.0]),
    "claims.cel": _call(bd.claims.cel, 200.0, [100.0, 200.0, 300.0]),
    "claims.proportional": _call(bd.claims.proportional, 200.0, [100.0, 200.0, 300.0]),
    "claims.random_arrival": _call(bd.claims.random_arrival, 200.0, [100.0, 200.0, 300.0]),
    "claims.rules_table": _call(
        bd.claims.rules_table,
        200.0,
        [100.0, 200.0, 300.0],
        rules=["talmud", "constrained_equal_losses"],
        claimants=["a", "b", "c"],
    ),
    "claims.talmud": _call(bd.claims.talmud, 200.0, [100.0, 200.0, 300.0]),
    # ---- measures
    "measures.OlsonZeckhauserResult": _with_fields(
        lambda: bd.measures.olson_zeckhauser([1.0, 2.0, 3.0, 4.0], [0.01, 0.03, 0.02, 0.04])
    ),
    "measures.OlsonZeckhauserResult.to_frame": _method(
        lambda: bd.measures.olson_zeckhauser([1.0, 2.0, 3.0, 4.0], [0.01, 0.03, 0.02, 0.04]),
        "to_frame",
    ),
    "measures.alliance_table": _call(bd.measures.alliance_table, _members(), share_of_gdp=0.02),
    "measures.common_funding_shares": _call(
        bd.measures.common_funding_shares, [1.0, 2.0, 3.0], caps=[0.5, 0.5, 0.5]
    ),
    "measures.fair_share_ratio": _call(bd.measures.fair_share_ratio, [1.0, 2.0], [10.0, 30.0]),
    "measures.olson_zeckhauser": _call(
        bd.measures.olson_zeckhauser, [1.0, 2.0, 3.0, 4.0], [0.01, 0.03, 0.02, 0.04]
    ),
    "measures.spending_share": _call(bd.measures.spending_share, [1.0, 2.0], [10.0, 30.0]),
    "measures.target": _call(bd.measures.target, "wales_2014_guideline"),
    "measures.target_gap": _call(
        bd.measures.target_gap, [1.0, 2.0], [100.0, 30.0], share_of_gdp=0.02
    ),
    # ---- bargain
    "bargain.Zopa": _with_fields(_zopa),
    "bargain.Zopa.settlement": _method(_zopa, "settlement", 0.5),
    "bargain.Zopa.to_frame": _method(_zopa, "to_frame"),
    "bargain.Zopa.plot": _method(_zopa, "plot", None, unit="KRW", actual=None),
    "bargain.Frontier": _with_fields(_frontier),
    "bargain.Frontier.evaluate": _method(_frontier, "evaluate", [1.0, 2.0], None),
    "bargain.BargainingSolutions": _with_fields(_solutions),
    "bargain.BargainingSolutions.to_frame": _method(_solutions, "to_frame"),
    "bargain.BargainingSolutions.plot": _method(_solutions, "plot", None, unit="payoff"),
    "bargain.DelayCost": _with_fields(_delay),
    "bargain.DelayCost.to_frame": _method(_delay, "to_frame"),
    "bargain.concave_frontier": _call(bd.bargain.concave_frontier, _sqrt_frontier, u1_max=1.0),
    "bargain.cost_of_delay": _call(
        bd.bargain.cost_of_delay, 1.0e9, 1.0e11, round_months=1.0, stalemate_months=2.0
    ),
    "bargain.egalitarian": _call(bd.bargain.egalitarian, _frontier(), disagreement=(1.0, 2.0)),
    "bargain.kalai_smorodinsky": _call(
        bd.bargain.kalai_smorodinsky, _frontier(), disagreement=(1.0, 2.0)
    ),
    "bargain.linear_frontier": _call(bd.bargain.linear_frontier, 10.0),
    "bargain.nash": _call(
        bd.bargain.nash, _frontier(), disagreement=(1.0, 2.0), weights=(0.4, 0.6)
    ),
    "bargain.rubinstein": _call(bd.bargain.rubinstein, 0.9, 0.8, horizon=10, first=1),
    "bargain.rubinstein_limit": _call(bd.bargain.rubinstein_limit, 0.05, 0.1),
    "bargain.solutions": _call(
        bd.bargain.solutions, _frontier(), disagreement=(1.0, 2.0), weights=(0.5, 0.5)
    ),
    "bargain.zopa": _call(bd.bargain.zopa, [10.0, 5.0], [8.0, 6.0]),
    # ---- datasets
    "datasets.cited_sources": _call(bd.datasets.cited_sources, bd.datasets.sma_agreements()),
    "datasets.describe": _call(bd.datasets.describe),
    "datasets.gao_21_270": _call(bd.datasets.gao_21_270),
    "datasets.japan_hns": _call(bd.datasets.japan_hns),
    "datasets.japan_sma_agreements": _call(bd.datasets.japan_sma_agreements),
    "datasets.korea_gdp": _call(bd.datasets.korea_gdp),
    "datasets.korea_macro": _call(bd.datasets.korea_macro, gdp_base_year=2020),
    "datasets.korea_series": _call(bd.datasets.korea_series),
    "datasets.load": _call(bd.datasets.load, "sma_history"),
    "datasets.names": _call(bd.datasets.names),
    "datasets.nato_common_funding": _call(bd.datasets.nato_common_funding),
    "datasets.nato_targets": _call(bd.datasets.nato_targets),
    "datasets.negotiation_positions": _call(bd.datasets.negotiation_positions),
    "datasets.sma_agreements": _call(bd.datasets.sma_agreements),
    "datasets.sma_categories": _call(bd.datasets.sma_categories),
    "datasets.sma_history": _call(bd.datasets.sma_history),
    "datasets.sources": _call(bd.datasets.sources),
    "datasets.us_troops": _call(bd.datasets.us_troops),
    # ---- models
    "models.AgreementModel": _with_fields(_agreement_model),
    "models.AgreementModel.paths": _method(
        _agreement_model, "paths", {"base_amount": np.array([1.0e12, 2.0e12])}
    ),
    "models.AgreementModel.__call__": _method(
        _agreement_model, "__call__", {"base_amount": np.array([1.0e12, 2.0e12])}
    ),
    "models.ComparisonModel": _with_fields(_model),
    "models.ComparisonModel.__call__": _method(
        _model, "__call__", {"krw_per_usd_scale": np.array([1.0, 1.1])}
    ),
    "models.SplitModel": _with_fields(_split_model),
    "models.SplitModel.__call__": _method(
        _split_model, "__call__", {"cost_scale[labor]": np.array([1.0, 1.1])}
    ),
    "models.agreement_model": _call(
        bd.models.agreement_model,
        _agreement(),
        currency="USD",
        price_basis=2019,
        total=True,
        context=None,
    ),
    "models.comparison_model": _call(
        bd.models.comparison_model,
        bd.agreements.get("SMA-11"),
        bd.agreements.get("US-DEMAND-2019"),
        currency="USD",
        price_basis="nominal",
        measure="difference",
        context=None,
    ),
    "models.split_model": _call(
        bd.models.split_model,
        _pool(),
        envelope=[3.0e11, 5.0e11],
        rule="proportional",
        floors={"labor": 0.5},
        caps=None,
        output="host_share",
    ),
    # ---- sensitivity / uncertainty
    "bd.Parameter": _call(bd.Parameter, "x", (0.0, 1.0), nominal=0.5, group="g"),
    "bd.Parameter.ppf": _method(lambda: bd.Parameter("x", (0.0, 1.0)), "ppf", [0.1, 0.9]),
    "bd.Parameter.bounds": _method(lambda: bd.Parameter("x", (0.0, 1.0)), "bounds", (0.05, 0.95)),
    "bd.ParameterSpace": _call(
        bd.ParameterSpace,
        [bd.Parameter("x0", (0.0, 1.0)), bd.Parameter("x1", (0.0, 1.0))],
        correlation=[[1.0, 0.5], [0.5, 1.0]],
        method="iman-conover",
    ),
    "bd.ParameterSpace.group_index": _method(_unit_space, "group_index"),
    "bd.ParameterSpace.index": _method(_unit_space, "index", "x1"),
    "bd.ParameterSpace.nominal_values": _method(_unit_space, "nominal_values"),
    "bd.ParameterSpace.ppf": _method(_unit_space, "ppf", [[0.1, 0.2]]),
    "bd.ParameterSpace.as_params": _method(_unit_space, "as_params", np.array([[0.1, 0.2]])),
    "bd.ParameterSpace.correlate": _method(
        _unit_space, "correlate", np.array([[0.1, 0.2], [0.3, 0.4]])
    ),
    "bd.MonteCarloResult": _with_fields(_mc),
    "bd.MonteCarloResult.quantiles": _method(_mc, "quantiles", [0.1, 0.9]),
    "bd.MonteCarloResult.to_frame": _method(_mc, "to_frame", q=(0.1, 0.5)),
    "bd.MonteCarloResult.samples_frame": _method(_mc, "samples_frame"),
    "bd.MonteCarloResult.plot": _method(
        _mc, "plot", None, outputs=None, x=None, levels=(0.1, 0.5, 0.9), unit="u", title="t"
    ),
    "bd.monte_carlo": _call(
        bd.monte_carlo,
        _linear,
        _unit_space(),
        n=16,
        method="lhs",
        rng=1,
        chunk_size=8,
        keep_samples=False,
        progress=False,
    ),
    "bd.SobolResult": _with_fields(_sobol),
    "bd.SobolResult.to_frame": _method(_sobol, "to_frame"),
    "bd.SobolResult.plot": _method(_sobol, "plot", None),
    "sensitivity.SobolDesign": _with_fields(_design),
    "sensitivity.SobolDesign.stacked": _method(_design, "stacked"),
    "sensitivity.SobolDesign.split": _method(_design, "split", np.arange(32.0)),
    "bd.sobol": _call(
        bd.sobol,
        _linear,
        _unit_space(),
        n=16,
        second_order=False,
        n_resamples=8,
        confidence_level=0.9,
        rng=1,
        by_group=False,
        method="sobol",
        chunk_size=16,
        progress=False,
    ),
    "sensitivity.sobol_design": _call(
        bs.sobol_design, _unit_space(), 8, by_group=False, method="sobol", rng=1
    ),
    "sensitivity.sobol_analyze": _call(
        bs.sobol_analyze,
        _design(),
        np.arange(8.0),
        np.arange(8.0)[::-1].copy(),
        np.arange(16.0).reshape(2, 8),
        output_names=None,
        n_resamples=8,
        confidence_level=0.9,
        rng=1,
    ),
    "bd.MorrisResult": _with_fields(_morris),
    "bd.MorrisResult.to_frame": _method(_morris, "to_frame"),
    "bd.MorrisResult.plot": _method(_morris, "plot", None),
    "bd.morris": _call(
        bd.morris,
        _linear,
        _unit_space(),
        trajectories=3,
        levels=4,
        rng=1,
        by_group=False,
        quantile_range=(0.0, 1.0),
        chunk_size=None,
        progress=False,
    ),
    "bd.TornadoResult": _with_fields(_tornado),
    "bd.TornadoResult.to_frame": _method(_tornado, "to_frame"),
    "bd.TornadoResult.plot": _method(_tornado, "plot", None),
    "bd.tornado": _call(bd.tornado, _linear, _unit_space(), quantiles=(0.1, 0.9)),
    "sensitivity.SweepResult": _with_fields(_sweep),
    "sensitivity.SweepResult.to_frame": _method(_sweep, "to_frame"),
    "sensitivity.SweepResult.plot": _method(_sweep, "plot", None),
    "bd.sweep": _call(
        bd.sweep, _linear, _unit_space(), {"x0": [0.0, 0.5, 1.0]}, chunk_size=2, progress=False
    ),
    "sensitivity.ThresholdResult": _with_fields(_threshold),
    "sensitivity.ThresholdResult.to_frame": _method(_threshold, "to_frame"),
    "bd.threshold": _call(
        bd.threshold,
        _linear,
        _unit_space(),
        "x0",
        [1.5],
        bracket=(0.0, 1.0),
        xtol=1e-6,
        maxiter=50,
    ),
    "sensitivity.PrimResult": _with_fields(_prim),
    "sensitivity.PrimResult.to_frame": _method(_prim, "to_frame"),
    "sensitivity.PrimResult.box_frame": _method(_prim, "box_frame"),
    "sensitivity.PrimResult.plot": _method(_prim, "plot", None, title="t"),
    "bd.prim": _call(
        bd.prim,
        _prim_inputs(),
        _prim_inputs()[:, 0] > 0.5,
        names=["a", "b"],
        alpha=0.1,
        min_mass=0.05,
        threshold=0.8,
        paste=False,
    ),
    "sensitivity.evaluate": _call(
        bs.evaluate, _linear, _unit_space(), np.full((3, 2), 0.5), chunk_size=2, progress=False
    ),
    "sensitivity.probe": _call(bs.probe, _linear, _unit_space()),
    "sensitivity.sample": _call(bs.sample, _unit_space(), 8, method="lhs", rng=1, start=0, stop=4),
    "sensitivity.sample_unit": _call(
        bs.sample_unit, 8, 2, method="sobol", rng=1, start=0, stop=None
    ),
}


# ----------------------------------------------------------------------------- mutations
class _Opaque:
    def __repr__(self) -> str:
        return "<opaque>"


MUTATIONS: tuple[tuple[str, Any], ...] = (
    ("nan", float("nan")),
    ("inf", float("inf")),
    ("-inf", -float("inf")),
    ("huge", 1.0e308),
    ("huge int", 10**30),
    ("negative", -1.0),
    ("negative int", -3),
    ("zero", 0),
    ("zero float", 0.0),
    ("one", 1),
    ("fraction", 1.5),
    ("empty list", []),
    ("empty array", np.array([])),
    ("empty 2-d", np.zeros((0, 2))),
    ("0-d array", np.array(1.0)),
    ("object array", np.array([1.0, "a"], dtype=object)),
    ("integer array", np.array([1, 2, 3])),
    ("nan array", np.array([1.0, np.nan])),
    ("2-d array", np.ones((2, 3))),
    ("3-d array", np.ones((2, 2, 2))),
    ("string", "x"),
    ("empty string", ""),
    ("digit string", "2020"),
    ("None", None),
    ("True", True),
    ("False", False),
    ("ragged list", [[1.0, 2.0], [3.0]]),
    ("nested list", [[[1.0]]]),
    ("list of strings", ["a", "b"]),
    ("list of None", [None, None]),
    ("dict", {}),
    ("dict of junk", {"x": "y"}),
    ("tuple", (1.0, 2.0, 3.0)),
    ("set", {1, 2}),
    ("opaque object", _Opaque()),
    ("callable", len),
    ("Series duplicated index", pd.Series([1.0, 2.0], index=[2020, 2020])),
    ("Series unsorted index", pd.Series([1.0, 2.0, 3.0], index=[2022, 2020, 2021])),
    ("Series string index", pd.Series([1.0, 2.0], index=["a", "b"])),
    ("Series float index", pd.Series([1.0, 2.0], index=[2020.5, 2021.5])),
    ("Series of strings", pd.Series(["a", "b"], index=[2020, 2021])),
    ("DataFrame", pd.DataFrame({"a": [1.0]})),
    ("float32", np.float32(0.5)),
    ("float32 array", np.array([0.5, 0.25], dtype=np.float32)),
    ("datetime", dt.datetime(2020, 1, 1)),  # noqa: DTZ001
    ("datetime64", np.datetime64("2020-01-01")),
    ("datetime64 array", np.array(["2020-01-01", "2021-01-01"], dtype="datetime64[D]")),
    ("complex", 1 + 2j),
    ("bytes", b"x"),
    ("bool array", np.array([True, False])),
    ("numpy int", np.int64(2021)),
    ("numpy bool", np.bool_(True)),
    ("big year", 10**61),
    ("float year", 2020.0),
    ("huge array", np.array([1.0e308, 1.0e308])),
    ("tiny", 5e-324),
)


def derived_mutations(value: Any) -> Iterator[tuple[str, Any]]:
    """Hostile values derived from a valid argument (same kind, wrong shape or dtype)."""
    if isinstance(value, pd.Series) and len(value):
        yield "Series reversed", value.iloc[::-1]
        yield "Series duplicated", pd.concat([value, value])
        yield "Series with NaN", value.where(value.index != value.index[0])
        yield "Series float32", value.astype(np.float32) if value.dtype.kind == "f" else value
        return
    if isinstance(value, dict) and value:
        first = next(iter(value))
        for label, bad in (
            ("nan", float("nan")),
            ("negative", -1.0),
            ("string", "x"),
            ("None", None),
            ("ragged list", [[1.0], [2.0, 3.0]]),
            ("2-d array", np.ones((2, 2))),
            ("huge", 1.0e308),
        ):
            yield f"dict value {label}", {**value, first: bad}
        yield "dict unknown key", {**value, "no such key": 1.0}
        yield "dict non-string key", {**value, 3: 1.0}
        return
    if isinstance(value, str | bytes) or value is None or isinstance(value, dict):
        if isinstance(value, str) and value:
            yield "upper-cased", value.upper()
            yield "lower-cased", value.lower()
            yield "truncated", value[:-1]
            yield "as list", [value]
        return
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):  # pragma: no cover - depends on the value
        return
    if arr.dtype.kind not in "iuf" or arr.size == 0:
        return
    yield "as float32", arr.astype(np.float32)
    yield "as object", arr.astype(object)
    yield "negated", -arr
    with np.errstate(all="ignore"):
        yield "times 1e308", arr * 1.0e308 if arr.dtype.kind == "f" else arr
    yield "with NaN", np.where(np.arange(arr.size).reshape(arr.shape) == 0, np.nan, arr)
    yield "one longer", np.concatenate([arr.ravel(), arr.ravel()[:1]])
    yield "doubled axis", np.stack([arr, arr], axis=-1)
    yield "transposed 2-d", np.atleast_2d(arr).T
    if arr.ndim == 1 and arr.size > 1:
        yield "one shorter", arr[:-1]
        yield "ragged", [arr.tolist(), arr.tolist()[:-1]]
        yield (
            "as Series with string index",
            pd.Series(arr, index=[f"k{i}" for i in range(len(arr))]),
        )
