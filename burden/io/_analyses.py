"""The analyses of a scenario file beyond ``[[compare]]`` and ``[[paths]]``.

Why one module: one reader per analysis section of a scenario file, each a short
parse-and-run pair over the same spec classes; split by section it would be a dozen tiny
modules.

Uncertain inputs (``[[parameters]]``, optional ``correlation``) feed the uncertainty
and sensitivity sections (``[[monte_carlo]]``, ``[[tornado]]``, ``[[sobol]]``,
``[[morris]]``, ``[[threshold]]``, ``[[prim]]``), whose ``model`` names a
``[[compare]]`` of the same file (a comparison model) or an agreement (an agreement
model). ``[[split]]``, ``[[allocation]]`` and ``[[bargaining]]`` need no model. Every
section is parsed and checked by :func:`parse` before anything runs (errors name
the key path, e.g. ``sobol[0].draws``), and :func:`compute` returns one
:class:`Output` per analysis: a table, a console summary and a figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from burden.io import _tables as sf

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from matplotlib.axes import Axes

    from burden.agreements import Agreement
    from burden.costs import CostPool
    from burden.money import Amounts, MoneyContext
    from burden.sensitivity import ParameterSpace
    from burden.typing import FloatArray
    from burden.uncertainty._montecarlo import MonteCarloResult

__all__ = ["KINDS", "AnalysisSpec", "Output", "compute", "parse"]

KINDS: Final = (
    "monte_carlo",
    "tornado",
    "sobol",
    "morris",
    "threshold",
    "prim",
    "split",
    "allocation",
    "bargaining",
    "present_value",
)
"""Top-level array tables of analyses handled here, in the order they run."""

_MODEL_KINDS: Final = ("monte_carlo", "tornado", "sobol", "morris", "threshold")
_MODEL_KEYS: Final = ("model", "measure", "currency", "price_basis", "total", "name")
_KEYS: Final = {
    "monte_carlo": (*_MODEL_KEYS, "draws", "seed", "method"),
    "tornado": _MODEL_KEYS,
    "sobol": (*_MODEL_KEYS, "draws", "seed", "replicates", "resamples"),
    "morris": (*_MODEL_KEYS, "trajectories", "levels", "seed"),
    "threshold": (*_MODEL_KEYS, "parameter", "targets"),
    "prim": ("monte_carlo", "output", "above", "below", "min_density", "name"),
    "split": ("pool", "envelope", "rule", "floors", "caps", "name"),
    "allocation": ("estate", "claims", "rules", "game", "solutions", "name"),
    "bargaining": ("host_max", "sender_min", "solutions", "rubinstein", "name"),
    "present_value": ("agreements", "rate", "year", "currency", "price_basis", "name"),
}
_PARAMETER: Final = ("name", "bounds", "dist", "params", "nominal", "group")
_MEASURES: Final = ("ratio", "difference", "alternative", "baseline")
_METHODS: Final = ("sobol", "lhs", "random")
_SPLIT_RULES: Final = ("proportional", "cea", "cel")
_CLAIMS_RULES: Final = (
    "proportional",
    "constrained_equal_awards",
    "constrained_equal_losses",
    "talmud",
    "random_arrival",
    "adjusted_proportional",
)
_GAME_KINDS: Final = ("cost", "value")
_GAME_SOLUTIONS: Final = ("shapley", "nucleolus", "banzhaf", "tau_value")
_BARGAIN_SOLUTIONS: Final = ("nash", "kalai_smorodinsky", "egalitarian")
_POOL: Final = ("currency", "years", "costs", "price_basis")
_RUBINSTEIN: Final = ("host_monthly_cost", "sender_monthly_cost", "first")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class AnalysisSpec:
    """One parsed analysis: its kind, output name, key path and checked options."""

    kind: str
    name: str
    path: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Output:
    """What one analysis produced: a tidy table, summary lines and a figure."""

    kind: str
    name: str
    frame: pd.DataFrame
    summary: tuple[str, ...]
    draw: Callable[[Axes], object] | None = None
    result: object = None


# --- parsing -------------------------------------------------------------------------


def _err(path: str, value: object, expected: str, hint: str = "") -> sf.ScenarioFileError:
    return sf.ScenarioFileError(path, value, expected, hint=hint)


_suggest = sf._suggest  # one did-you-mean for every section of a scenario file


def _line_output(
    spec: AnalysisSpec,
    res: Any,
    line: str,
    *,
    frame: pd.DataFrame | None = None,
    draw: Callable[[Axes], object] | None = None,
) -> Output:
    """Return the output of an analysis summarised in one line (its tidy frame by default)."""
    return Output(
        kind=spec.kind,
        name=spec.name,
        frame=res.to_frame() if frame is None else frame,
        summary=(line,),
        draw=draw,
        result=res,
    )


def _choice(value: object, path: str, options: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in options:
        raise _err(path, value, f"one of {', '.join(options)}", _suggest(str(value), options))
    return value


def _int(value: object, path: str, *, lo: int, expected: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < lo:
        raise _err(path, value, expected)
    return value


def _power_of_two(value: object, path: str) -> int:
    n = _int(value, path, lo=2, expected="a power of 2 (Sobol' design), e.g. 4096")
    if n & (n - 1):
        nxt = 1 << (n - 1).bit_length()
        raise _err(path, value, f"a power of 2 (Sobol' design), e.g. {nxt}")
    return n


def _sobol_intervals(table: Mapping[str, Any], path: str, draws: int) -> dict[str, Any]:
    """Check ``replicates`` and ``resamples`` of a ``[[sobol]]``: which interval it gets.

    ``replicates`` (default: the library's, 8 independent randomisations when
    ``draws >= 16``) gives Student-t intervals over the replicates; ``resamples``
    is the row bootstrap of ``replicates = 1`` only. Given with ``replicates > 1``
    it is an error; in a file without ``replicates`` (written before the key
    existed) it is kept working and reported as unused in the summary.
    """
    from burden.sensitivity._sobol import DEFAULT_REPLICATES  # noqa: PLC0415

    default = DEFAULT_REPLICATES if draws >= 2 * DEFAULT_REPLICATES else 1
    if "replicates" in table:
        r = _int(table["replicates"], f"{path}.replicates", lo=1, expected="a whole number >= 1")
        if r > 1 and (r & (r - 1) or draws // r < 2):
            raise _err(
                f"{path}.replicates",
                r,
                f"1, or a power of 2 of at most draws / 2 = {draws // 2} (each replicate "
                "is a scrambled Sobol' design of at least 2 points)",
            )
    else:
        r = default
    resamples = _int(
        table.get("resamples", 200), f"{path}.resamples", lo=1, expected="a whole number >= 1"
    )
    unused = ""
    if "resamples" in table and r > 1:
        why = (
            f"resamples is the row bootstrap of replicates = 1; with replicates = {r} the "
            f"intervals are Student-t over the {r} independent randomisations"
        )
        if "replicates" in table:
            raise _err(
                f"{path}.resamples",
                table["resamples"],
                f"no resamples with replicates = {r}",
                hint=why + "; drop resamples, or set replicates = 1 for a row bootstrap",
            )
        unused = (
            f"note: {path}.resamples = {resamples} not used: {why} (set replicates = 1 "
            "for a row bootstrap, which overstates the error on Sobol' points)"
        )
    return {"replicates": r, "resamples": resamples if r == 1 else 0, "unused": unused}


def _number(value: object, path: str, expected: str = "a number") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _err(path, value, expected)
    return float(value)


def _fraction(value: object, path: str) -> float:
    number = _number(value, path, "a fraction in [0, 1], e.g. 0.87")
    if not 0.0 <= number <= 1.0:
        hint = f"did you mean {number / 100:g}?" if 1.0 < number <= 100.0 else ""
        raise _err(path, value, "a fraction in [0, 1], e.g. 0.87", hint)
    return number


def _distribution(table: Mapping[str, Any], path: str) -> Any:
    from scipy import stats  # noqa: PLC0415

    if "bounds" in table:
        if "dist" in table or "params" in table:
            raise _err(f"{path}.bounds", table["bounds"], "either bounds or dist, not both")
        bounds = table["bounds"]
        if not isinstance(bounds, list) or len(bounds) != 2:
            raise _err(f"{path}.bounds", bounds, "[low, high], e.g. [0.9, 1.1]")
        low, high = (_number(v, f"{path}.bounds[{i}]") for i, v in enumerate(bounds))
        if not low < high:
            raise _err(f"{path}.bounds", bounds, "[low, high] with low < high")
        return (low, high)
    if "dist" not in table:
        raise _err(path, None, "bounds = [low, high] or dist = a scipy.stats name")
    names = sorted(
        n
        for n in dir(stats)
        if isinstance(getattr(stats, n, None), stats.rv_continuous | stats.rv_discrete)
    )
    dist = table["dist"]
    if not isinstance(dist, str) or dist not in names:
        raise sf.ScenarioNameError(
            f"{path}.dist",
            dist,
            "a scipy.stats distribution name, e.g. norm, uniform, triang, lognorm",
            hint=_suggest(str(dist), names),
        )
    params = table.get("params", {})
    if not isinstance(params, dict):
        raise _err(f"{path}.params", params, "a table of the distribution's parameters")
    checked = {k: _number(v, f"{path}.params.{k}") for k, v in params.items()}
    try:
        frozen = getattr(stats, dist)(**checked)
        median = float(frozen.ppf(0.5))
    except TypeError as err:
        raise _err(
            f"{path}.params", params, f"the parameters of scipy.stats.{dist}", str(err)
        ) from None
    if not math.isfinite(median):
        raise _err(
            f"{path}.params",
            params,
            f"parameters inside the support of scipy.stats.{dist} (e.g. scale > 0)",
        )
    return frozen


def parse_space(data: Mapping[str, Any]) -> ParameterSpace | None:
    """Parse ``[[parameters]]`` and ``correlation`` into a space (None without them)."""
    from burden.sensitivity import Parameter, ParameterSpace  # noqa: PLC0415

    raw = data.get("parameters", [])
    if not isinstance(raw, list):
        raise _err("parameters", raw, "an array of tables ([[parameters]])")
    if "correlation" in data and not raw:
        raise _err("correlation", data["correlation"], "[[parameters]] to correlate")
    if not raw:
        return None
    params = []
    seen: dict[str, str] = {}
    for i, spec in enumerate(raw):
        path = f"parameters[{i}]"
        table = sf._table(spec, path)
        sf._check_keys(table, _PARAMETER, path)
        name = sf._string(
            sf._required(table, "name", path, "a model parameter name"), f"{path}.name"
        )
        if name in seen:
            raise _err(f"{path}.name", name, f"a name not already used (by {seen[name]})")
        seen[name] = path
        dist = _distribution(table, path)
        options: dict[str, Any] = {}
        if "nominal" in table:
            options["nominal"] = _number(table["nominal"], f"{path}.nominal")
        if "group" in table:
            options["group"] = sf._string(table["group"], f"{path}.group")
        params.append(sf._wrap(path, partial(Parameter, name, dist, **options)))
    correlation = data.get("correlation")
    if correlation is not None:
        d = len(params)
        if not (
            isinstance(correlation, list)
            and len(correlation) == d
            and all(isinstance(r, list) and len(r) == d for r in correlation)
        ):
            raise _err("correlation", correlation, f"a {d} x {d} matrix (one row per parameter)")
        matrix = [
            [_number(v, f"correlation[{i}][{j}]") for j, v in enumerate(r)]
            for i, r in enumerate(correlation)
        ]
        return sf._wrap("correlation", lambda: ParameterSpace(params, correlation=matrix))
    return ParameterSpace(params)


def _compare_context(
    spec: sf.CompareSpec, known: dict[str, Agreement], context: MoneyContext | None, path: str
) -> MoneyContext | None:
    """Return the money context of a [[compare]] used as a model, with its ``deflate_with``.

    ``deflate_with = "host"`` deflates with the hosts' CPI (converted at the base year's
    rate), as the [[compare]] table does, so the model and the table agree.
    """
    if spec.deflate_with != "host" or spec.price_basis == "nominal":
        return context
    from burden.hosts import as_host  # noqa: PLC0415
    from burden.money import default_context  # noqa: PLC0415

    hosts = [as_host(known[k].host, path) for k in (spec.baseline, spec.alternative)]
    codes = {h.currency for h in hosts if h is not None}
    if None in hosts or len(codes) != 1:
        raise _err(
            path,
            spec.name,
            'a [[compare]] whose two scenarios have hosts of one currency (deflate_with = "host")',
        )
    return (default_context() if context is None else context).with_deflator(codes.pop())


def _model(
    table: Mapping[str, Any],
    path: str,
    comparisons: Mapping[str, sf.CompareSpec],
    known: dict[str, Agreement],
    context: MoneyContext | None,
) -> tuple[str, object, str]:
    """Return the model's name, the model and a description of its outputs' unit."""
    from burden.uncertainty.models import agreement_model, comparison_model  # noqa: PLC0415

    ref = sf._string(
        sf._required(table, "model", path, "a [[compare]] name or an agreement key"),
        f"{path}.model",
    )
    if ref in comparisons:
        spec = comparisons[ref]
        if "currency" in table or "price_basis" in table or "total" in table:
            raise _err(
                f"{path}.model",
                ref,
                "a comparison's own currency and price_basis (set them in its [[compare]])",
            )
        measure = _choice(table.get("measure", "ratio"), f"{path}.measure", _MEASURES)
        own = _compare_context(spec, known, context, f"{path}.model")
        model = sf._wrap(
            path,
            lambda: comparison_model(
                known[spec.baseline],
                known[spec.alternative],
                currency=spec.currency,
                price_basis=spec.price_basis,
                measure=measure,  # type: ignore[arg-type]
                context=own,
            ),
        )
        unit = "ratio" if measure == "ratio" else f"{spec.currency}, {spec.price_basis}"
        return ref, model, unit
    # The name first: a typo in it is reported as an unknown model (with a
    # did-you-mean), not as a measure given to an agreement.
    try:
        key = sf._reference(ref, f"{path}.model", known)
    except sf.ScenarioNameError:
        options = [*comparisons, *known]
        raise sf.ScenarioNameError(
            f"{path}.model",
            ref,
            "a [[compare]] name or an agreement key of this file",
            hint=_suggest(ref, options),
        ) from None
    if "measure" in table:
        raise _err(
            f"{path}.measure",
            table["measure"],
            "no measure for an agreement model (only for a [[compare]])",
        )
    agreement = known[key]
    currency = sf._currency(table.get("currency", agreement.currency), f"{path}.currency")
    basis = sf._price_basis(table.get("price_basis", "nominal"), f"{path}.price_basis")
    total = table.get("total", False)
    if not isinstance(total, bool):
        raise _err(f"{path}.total", total, "true or false")
    agreement_m = sf._wrap(
        path,
        partial(
            agreement_model,
            agreement,
            currency=currency,
            price_basis=basis,
            total=total,
            context=context,
        ),
    )
    return key, agreement_m, f"{currency}, {basis}"


def _check_space(
    space: ParameterSpace | None, model: object, path: str, ref: str
) -> ParameterSpace:
    if space is None:
        raise _err(path, None, "[[parameters]]: the uncertain inputs this analysis varies")
    known = list(getattr(model, "nominal", {}))
    for i, name in enumerate(space.names):
        if name not in known:
            raise sf.ScenarioNameError(
                f"parameters[{i}].name",
                name,
                f"a parameter of model {ref!r} (used by {path}): {', '.join(known)}",
                hint=_suggest(name, known),
            )
    return space


def parse(
    data: Mapping[str, Any],
    *,
    comparisons: Sequence[sf.CompareSpec],
    known: dict[str, Agreement],
    context: MoneyContext | None,
) -> tuple[ParameterSpace | None, tuple[AnalysisSpec, ...]]:
    """Parse the uncertain inputs and every analysis section of a scenario file.

    Returns
    -------
    space : ParameterSpace or None
    specs : tuple of AnalysisSpec
        In the order of :data:`KINDS`, then of the file.

    Raises
    ------
    ScenarioFileError
        Naming the key path of the first bad value.
    """
    space = parse_space(data)
    by_name = {c.name: c for c in comparisons}
    specs: list[AnalysisSpec] = []
    mc_names: list[str] = []
    for kind in KINDS:
        raw = data.get(kind, [])
        if not isinstance(raw, list):
            raise _err(kind, raw, f"an array of tables ([[{kind}]])")
        for i, spec in enumerate(raw):
            path = f"{kind}[{i}]"
            table = sf._table(spec, path)
            sf._check_keys(table, _KEYS[kind], path)
            options: dict[str, Any] = {}
            if kind in _MODEL_KINDS:
                ref, model, unit = _model(table, path, by_name, known, context)
                options |= {"model": model, "ref": ref, "unit": unit}
                options["space"] = _check_space(space, model, path, ref)
                default = ref
            else:
                default = str(i + 1)
            if kind == "monte_carlo":
                options["method"] = _choice(
                    table.get("method", "sobol"), f"{path}.method", _METHODS
                )
                draws = table.get("draws", 4096)
                options["draws"] = (
                    _power_of_two(draws, f"{path}.draws")
                    if options["method"] == "sobol"
                    else _int(
                        draws, f"{path}.draws", lo=2, expected="a whole number of draws >= 2"
                    )
                )
                options["seed"] = _int(
                    table.get("seed", 0), f"{path}.seed", lo=0, expected="a whole number >= 0"
                )
            elif kind == "sobol":
                options["draws"] = _power_of_two(table.get("draws", 1024), f"{path}.draws")
                options["seed"] = _int(
                    table.get("seed", 0), f"{path}.seed", lo=0, expected="a whole number >= 0"
                )
                options |= _sobol_intervals(table, path, options["draws"])
                if options["space"].correlation is not None:
                    raise _err(
                        f"{path}.model",
                        default,
                        "independent [[parameters]] (Sobol' indices need no correlation)",
                    )
            elif kind == "morris":
                options["trajectories"] = _int(
                    table.get("trajectories", 50),
                    f"{path}.trajectories",
                    lo=2,
                    expected="a whole number >= 2",
                )
                options["levels"] = _int(
                    table.get("levels", 4), f"{path}.levels", lo=2, expected="a whole number >= 2"
                )
                options["seed"] = _int(
                    table.get("seed", 0), f"{path}.seed", lo=0, expected="a whole number >= 0"
                )
            elif kind == "threshold":
                name = sf._string(
                    sf._required(table, "parameter", path, "the parameter to move"),
                    f"{path}.parameter",
                )
                names = list(options["space"].names)
                if name not in names:
                    raise sf.ScenarioNameError(
                        f"{path}.parameter",
                        name,
                        f"one of [[parameters]]: {', '.join(names)}",
                        hint=_suggest(name, names),
                    )
                targets = sf._required(table, "targets", path, "an array of output levels")
                if not isinstance(targets, list) or not targets:
                    raise _err(f"{path}.targets", targets, "an array of output levels, e.g. [5.0]")
                options |= {
                    "parameter": name,
                    "targets": [_number(t, f"{path}.targets[{j}]") for j, t in enumerate(targets)],
                }
            elif kind == "prim":
                ref = sf._string(
                    sf._required(table, "monte_carlo", path, "the name of a [[monte_carlo]]"),
                    f"{path}.monte_carlo",
                )
                if ref not in mc_names:
                    raise sf.ScenarioNameError(
                        f"{path}.monte_carlo",
                        ref,
                        f"a [[monte_carlo]] name of this file: {', '.join(mc_names) or 'none'}",
                        hint=_suggest(ref, mc_names) if mc_names else "",
                    )
                if "above" not in table and "below" not in table:
                    raise _err(
                        path, None, "an output threshold: above = VALUE and/or below = VALUE"
                    )
                options["monte_carlo"] = ref
                options["output"] = (
                    sf._string(table["output"], f"{path}.output") if "output" in table else None
                )
                for key in ("above", "below"):
                    options[key] = _number(table[key], f"{path}.{key}") if key in table else None
                options["min_density"] = _fraction(
                    table.get("min_density", 0.8), f"{path}.min_density"
                )
                default = ref
            elif kind == "split":
                options |= _split(table, path, known, context)
                default = options["envelope_key"]
            elif kind == "allocation":
                options |= _allocation(table, path)
            elif kind == "bargaining":
                options |= _bargaining(table, path)
            elif kind == "present_value":
                options |= _present_value(table, path, known)
            name = sf._file_name(sf._string(table.get("name", default), f"{path}.name"))
            specs.append(AnalysisSpec(kind=kind, name=name, path=path, options=options))
            if kind == "monte_carlo":
                mc_names.append(name)
    return space, tuple(specs)


def _split(
    table: Mapping[str, Any], path: str, known: dict[str, Agreement], context: MoneyContext | None
) -> dict[str, Any]:
    from burden.costs import CostPool, split_costs  # noqa: PLC0415

    pool_spec = sf._table(
        sf._required(table, "pool", path, "a table: currency, years, costs"), f"{path}.pool"
    )
    sf._check_keys(pool_spec, _POOL, f"{path}.pool")
    where = f"{path}.pool"
    currency = sf._currency(
        sf._required(pool_spec, "currency", where, "a currency code"), f"{where}.currency"
    )
    basis = sf._price_basis(pool_spec.get("price_basis", "nominal"), f"{where}.price_basis")
    years = sf._year_range(
        sf._required(pool_spec, "years", where, "[first, last] years"), f"{where}.years"
    )
    costs_raw = sf._table(
        sf._required(pool_spec, "costs", where, "a table of costs per category"), f"{where}.costs"
    )
    if not costs_raw:
        raise _err(f"{where}.costs", costs_raw, "at least one category, e.g. labor = [500.5e9]")
    costs: dict[str, list[float]] = {}
    for cat, values in costs_raw.items():
        at = f"{where}.costs.{cat}"
        listed = values if isinstance(values, list) else [values] * len(years)
        if len(listed) != len(years):
            raise _err(
                at,
                values,
                f"{len(years)} values (one per year {years[0]}-{years[-1]}) or one number",
            )
        costs[cat] = [
            _number(v, f"{at}[{j}]" if isinstance(values, list) else at, "a cost >= 0")
            for j, v in enumerate(listed)
        ]
        if min(costs[cat]) < 0:
            raise _err(at, values, "costs >= 0")
    pool = sf._wrap(
        where, lambda: CostPool(costs, currency=currency, years=years, price_basis=basis)
    )
    key = sf._reference(
        sf._required(table, "envelope", path, "an agreement key or built-in name"),
        f"{path}.envelope",
        known,
    )
    rule = _choice(table.get("rule", "proportional"), f"{path}.rule", _SPLIT_RULES)
    bounds: dict[str, dict[str, float] | None] = {}
    for which in ("floors", "caps"):
        raw = table.get(which)
        if raw is None:
            bounds[which] = None
            continue
        raw = sf._table(raw, f"{path}.{which}")
        for cat in raw:
            if cat not in costs:
                raise sf.ScenarioNameError(
                    f"{path}.{which}.{cat}",
                    cat,
                    f"a category of the pool: {', '.join(costs)}",
                    hint=_suggest(cat, list(costs)),
                )
        bounds[which] = {c: _fraction(v, f"{path}.{which}.{c}") for c, v in raw.items()}
    agreement = known[key]
    envelope = _envelope(agreement, pool, context, path)
    result = sf._wrap(
        path,
        partial(
            split_costs,
            pool,
            envelope=envelope,
            rule=rule,  # type: ignore[arg-type]
            floors=bounds["floors"],
            caps=bounds["caps"],
        ),
    )
    bad = np.flatnonzero(~np.asarray(result.feasible))
    if bad.size:
        j = int(bad[0])
        need = sum(f * costs[c][j] for c, f in (bounds["floors"] or {}).items())
        raise _err(
            f"{path}.floors",
            bounds["floors"],
            f"floors the envelope can pay: in {years[j]} they need {need / 1e9:,.1f} bn, the envelope is {float(envelope[j]) / 1e9:,.1f} bn ({currency})",
        )
    return {"result": result, "envelope_key": key, "currency": currency}


def _envelope(
    agreement: Agreement, pool: CostPool, context: MoneyContext | None, path: str
) -> FloatArray:
    years = [int(y) for y in pool.years]
    amounts = agreement.path()
    if not set(years) <= {int(v) for v in amounts.years}:
        raise _err(
            f"{path}.envelope",
            agreement.name,
            f"an agreement covering the pool's years ({years[0]}-{years[-1]}); "
            f"it has {amounts.years[0]}-{amounts.years[-1]}",
        )
    chosen = sf._wrap(
        f"{path}.envelope",
        partial(amounts.select(years).to, pool.currency, pool.price_basis, context=context),
    )
    return np.asarray(chosen.values, dtype=np.float64)


def _allocation(table: Mapping[str, Any], path: str) -> dict[str, Any]:
    if ("claims" in table) == ("game" in table):
        raise _err(path, None, "either claims (with estate and rules) or game (with solutions)")
    if "claims" in table:
        claims = sf._table(table["claims"], f"{path}.claims")
        if len(claims) < 2:
            raise _err(
                f"{path}.claims", claims, "at least two claimants, e.g. { a = 100, b = 200 }"
            )
        values = {k: _number(v, f"{path}.claims.{k}", "a claim >= 0") for k, v in claims.items()}
        if min(values.values()) < 0:
            raise _err(f"{path}.claims", claims, "claims >= 0")
        estate = _number(
            sf._required(table, "estate", path, "the amount to divide"),
            f"{path}.estate",
            "an amount >= 0",
        )
        if not 0 <= estate <= sum(values.values()):
            raise _err(
                f"{path}.estate",
                table["estate"],
                f"an amount between 0 and the sum of the claims ({sum(values.values()):g})",
            )
        rules = table.get("rules", list(_CLAIMS_RULES))
        if not isinstance(rules, list) or not rules:
            raise _err(f"{path}.rules", rules, f"an array of rules: {', '.join(_CLAIMS_RULES)}")
        return {
            "claims": values,
            "estate": estate,
            "rules": [
                _choice(r, f"{path}.rules[{j}]", _CLAIMS_RULES) for j, r in enumerate(rules)
            ],
        }
    game = sf._table(table["game"], f"{path}.game")
    sf._check_keys(game, ("kind", "players", "values"), f"{path}.game")
    kind = _choice(game.get("kind", "cost"), f"{path}.game.kind", _GAME_KINDS)
    players = sf._required(game, "players", f"{path}.game", "an array of player names")
    if (
        not isinstance(players, list)
        or len(players) < 2
        or not all(isinstance(p, str) and p for p in players)
    ):
        raise _err(f"{path}.game.players", players, "an array of at least two player names")
    values = sf._required(game, "values", f"{path}.game", "coalition values in binary order")
    n = len(players)
    if not isinstance(values, list) or len(values) != 2**n:
        raise _err(
            f"{path}.game.values",
            values,
            f"{2**n} coalition values (2**{n}, binary order, the empty coalition first)",
        )
    numbers = [_number(v, f"{path}.game.values[{j}]") for j, v in enumerate(values)]
    if numbers[0] != 0:
        raise _err(f"{path}.game.values[0]", values[0], "0 (the empty coalition)")
    solutions = table.get("solutions", ["shapley", "nucleolus"])
    if not isinstance(solutions, list) or not solutions:
        raise _err(
            f"{path}.solutions", solutions, f"an array of solutions: {', '.join(_GAME_SOLUTIONS)}"
        )
    return {
        "game": (kind, list(players), numbers),
        "solutions": [
            _choice(s, f"{path}.solutions[{j}]", _GAME_SOLUTIONS) for j, s in enumerate(solutions)
        ],
    }


def _bargaining(table: Mapping[str, Any], path: str) -> dict[str, Any]:
    host_max = _number(
        sf._required(table, "host_max", path, "the most the host will pay"),
        f"{path}.host_max",
        "an amount > 0",
    )
    sender_min = _number(
        sf._required(table, "sender_min", path, "the least the sender accepts"),
        f"{path}.sender_min",
        "an amount > 0",
    )
    solutions = table.get("solutions", list(_BARGAIN_SOLUTIONS))
    if not isinstance(solutions, list):
        raise _err(
            f"{path}.solutions",
            solutions,
            f"an array of solutions: {', '.join(_BARGAIN_SOLUTIONS)}",
        )
    chosen = [
        _choice(s, f"{path}.solutions[{j}]", _BARGAIN_SOLUTIONS) for j, s in enumerate(solutions)
    ]
    rub = None
    if "rubinstein" in table:
        spec = sf._table(table["rubinstein"], f"{path}.rubinstein")
        sf._check_keys(spec, _RUBINSTEIN, f"{path}.rubinstein")
        at = f"{path}.rubinstein"
        rub = {
            "host": _number(
                sf._required(spec, "host_monthly_cost", at, "a cost per month > 0"),
                f"{at}.host_monthly_cost",
                "a cost per month > 0",
            ),
            "sender": _number(
                sf._required(spec, "sender_monthly_cost", at, "a cost per month > 0"),
                f"{at}.sender_monthly_cost",
                "a cost per month > 0",
            ),
            "first": _choice(spec.get("first", "sender"), f"{at}.first", ("sender", "host")),
        }
        for side in ("host", "sender"):
            if rub[side] <= 0:  # type: ignore[operator]
                raise _err(
                    f"{at}.{side}_monthly_cost",
                    spec[f"{side}_monthly_cost"],
                    "a cost per month > 0",
                )
    return {"host_max": host_max, "sender_min": sender_min, "solutions": chosen, "rubinstein": rub}


def _present_value(
    table: Mapping[str, Any], path: str, known: dict[str, Agreement]
) -> dict[str, Any]:
    names = sf._required(table, "agreements", path, "an array of agreement names")
    if not isinstance(names, list) or not names:
        raise _err(f"{path}.agreements", names, "an array of agreement keys or built-in names")
    refs = [sf._reference(n, f"{path}.agreements[{j}]", known) for j, n in enumerate(names)]
    rate = _number(sf._required(table, "rate", path, "a discount rate"), f"{path}.rate")
    if not -1.0 < rate < 1.0:
        hint = f"did you mean {rate / 100:g}?" if 1.0 <= rate <= 100.0 else ""
        raise _err(f"{path}.rate", table["rate"], "a discount rate as a fraction, e.g. 0.03", hint)
    year = sf._year(
        sf._required(table, "year", path, "the year values are stated in"), f"{path}.year"
    )
    for j, key in enumerate(refs):
        a = known[key]
        if not a.base_year <= year <= a.end_year:
            raise _err(
                f"{path}.year",
                year,
                f"a year of every agreement; {names[j]} covers {a.base_year}-{a.end_year}",
            )
    return {
        "agreements": refs,
        "known": {k: known[k] for k in refs},
        "rate": rate,
        "year": year,
        "currency": sf._currency(table.get("currency", "KRW"), f"{path}.currency"),
        "price_basis": sf._price_basis(table.get("price_basis", "nominal"), f"{path}.price_basis"),
    }


# --- computing -----------------------------------------------------------------------


def _bn(value: float) -> str:
    scale = abs(value)
    if scale >= 1e12:
        return f"{value / 1e12:,.3f} tn"
    if scale >= 1e9:
        return f"{value / 1e9:,.2f} bn"
    return f"{value:,.4g}"


def _last(names: Sequence[str]) -> int:
    return len(names) - 1


def _monte_carlo(spec: AnalysisSpec) -> Output:
    from burden.sensitivity import monte_carlo  # noqa: PLC0415

    o = spec.options
    res = sf._wrap(
        spec.path,
        partial(
            monte_carlo,
            o["model"],
            o["space"],
            n=o["draws"],
            method=o["method"],
            rng=o["seed"],
            progress=False,
            keep_samples=True,
        ),
    )
    j = _last(res.output_names)
    q = res.quantiles([0.05, 0.5, 0.95])[:, j]
    line = (
        f"{res.output_names[j]}: median {_bn(q[1])}, 5-95% {_bn(q[0])} .. {_bn(q[2])} "
        f"({o['unit']}; {res.n:,} draws, seed {o['seed']})"
    )

    def draw(ax: Axes) -> object:
        return res.plot(ax, unit=o["unit"])

    return _line_output(spec, res, line, draw=draw)


def _tornado(spec: AnalysisSpec) -> Output:
    from burden.sensitivity import tornado  # noqa: PLC0415

    o = spec.options
    res = sf._wrap(spec.path, partial(tornado, o["model"], o["space"]))
    j = _last(res.output_names)
    swing = np.abs(res.output_high[:, j] - res.output_low[:, j])
    top = int(np.argmax(swing))
    line = (
        f"{res.output_names[j]}: {_bn(float(res.base[j]))} at nominal; largest swing "
        f"{res.input_names[top]} ({_bn(float(swing[top]))})"
    )
    return _line_output(spec, res, line, draw=res.plot)


def _sobol(spec: AnalysisSpec) -> Output:
    from burden.sensitivity import sobol  # noqa: PLC0415

    o = spec.options
    res = sf._wrap(
        spec.path,
        partial(
            sobol,
            o["model"],
            o["space"],
            n=o["draws"],
            n_resamples=o["resamples"],
            replicates=o["replicates"],
            rng=o["seed"],
            progress=False,
        ),
    )
    j = _last(res.output_names)
    order = np.argsort(-res.total_order[j])
    parts = ", ".join(f"{res.names[i]} {res.total_order[j, i]:.2f}" for i in order)
    line = f"{res.output_names[j]}: total-order indices {parts}; {res.interval_method}"
    out = _line_output(spec, res, line, draw=res.plot)
    if o["unused"]:
        out = replace(out, summary=(*out.summary, o["unused"]))
    return out


def _morris(spec: AnalysisSpec) -> Output:
    from burden.sensitivity import morris  # noqa: PLC0415

    o = spec.options
    res = sf._wrap(
        spec.path,
        partial(
            morris,
            o["model"],
            o["space"],
            trajectories=o["trajectories"],
            levels=o["levels"],
            rng=o["seed"],
            progress=False,
        ),
    )
    frame = res.to_frame()
    j = _last(res.output_names)
    order = np.argsort(-res.mu_star[:, j]) if res.mu_star.ndim == 2 else np.argsort(-res.mu_star)
    star = res.mu_star[:, j] if res.mu_star.ndim == 2 else res.mu_star
    parts = ", ".join(f"{res.names[i]} {_bn(float(star[i]))}" for i in order)
    line = f"{res.output_names[j]}: mu* {parts} ({o['trajectories']} trajectories)"
    return _line_output(spec, res, line, frame=frame, draw=res.plot)


def _threshold(spec: AnalysisSpec) -> Output:
    from burden.sensitivity import threshold  # noqa: PLC0415

    o = spec.options
    res = sf._wrap(
        spec.path, partial(threshold, o["model"], o["space"], o["parameter"], o["targets"])
    )
    j = _last(res.output_names)
    found = ", ".join(
        f"{t:g} at {v:.6g}" for t, v in zip(o["targets"], res.values[:, j], strict=True)
    )
    line = f"{res.output_names[j]} reaches {found} of {o['parameter']} (NaN: not within its range)"
    return _line_output(spec, res, line)


def _prim(spec: AnalysisSpec, mc: MonteCarloResult) -> Output:
    from burden.errors import BurdenError  # noqa: PLC0415
    from burden.sensitivity import prim  # noqa: PLC0415

    o, path = spec.options, spec.path
    names = list(mc.output_names)
    output = o["output"] if o["output"] is not None else names[-1]
    if output not in names:
        raise sf.ScenarioNameError(
            f"{path}.output",
            output,
            f"an output of {o['monte_carlo']}: {', '.join(names)}",
            hint=_suggest(output, names),
        )
    try:
        res = prim(
            mc, output=output, above=o["above"], below=o["below"], min_density=o["min_density"]
        )
    except BurdenError as err:
        raise sf.ScenarioFileError(path, None, "", message=f"{path}: {err}") from None
    box = res.box_frame()
    limits = (
        "; ".join(
            f"{r.input} in [{r.low:.4g}, {r.high:.4g}]" for r in box.itertuples() if r.restricted
        )
        or "no input restricted"
    )
    line = (
        f"{res.case}: box {limits}; coverage {res.box_coverage:.0%}, density {res.box_density:.0%}"
    )
    return _line_output(spec, res, line, frame=box, draw=res.plot)


def _split_output(spec: AnalysisSpec) -> Output:
    o = spec.options
    res = o["result"]
    host = np.asarray(res.host).sum(axis=0)
    parts = ", ".join(
        f"{c} {_bn(float(v))}" for c, v in zip(res.pool.categories, host, strict=True)
    )
    excess = float(np.asarray(res.excess).sum())
    line = f"host pays ({o['currency']}): {parts}; beyond the pool {_bn(excess)}"
    return _line_output(spec, res, line, draw=res.plot)


def _allocation_output(spec: AnalysisSpec) -> Output:
    from burden import claims, games  # noqa: PLC0415

    o, path = spec.options, spec.path
    lines: list[str] = []
    if "claims" in o:
        frame = sf._wrap(
            path,
            partial(
                claims.rules_table,
                o["estate"],
                list(o["claims"].values()),
                rules=o["rules"],
                claimants=list(o["claims"]),
            ),
        )
        wide = frame.pivot_table(index="rule", columns="claimant", values="award", sort=False)
        for rule, row in wide.iterrows():
            lines.append(f"{rule}: " + ", ".join(f"{c} {v:,.4g}" for c, v in row.items()))
        return Output(kind=spec.kind, name=spec.name, frame=frame, summary=tuple(lines))
    kind, players, values = o["game"]
    game = sf._wrap(f"{path}.game", partial(games.TUGame, values, kind=kind, players=players))
    rows: dict[str, FloatArray] = {}
    for sol in o["solutions"]:
        got = sf._wrap(f"{path}.solutions", partial(getattr(games, sol), game))
        rows[sol] = np.asarray(getattr(got, "allocation", got), dtype=np.float64)
    wide_g = pd.DataFrame(rows, index=pd.Index(players, name="player")).T
    for sol, row in wide_g.iterrows():
        lines.append(f"{sol}: " + ", ".join(f"{p} {v:,.4g}" for p, v in row.items()))
    frame = (
        wide_g.rename_axis("solution")
        .reset_index()
        .melt(id_vars="solution", var_name="player", value_name="allocation")
    )
    return Output(kind=spec.kind, name=spec.name, frame=frame, summary=tuple(lines))


def _bargaining_output(spec: AnalysisSpec) -> Output:
    from burden import bargain  # noqa: PLC0415

    o = spec.options
    zone = bargain.zopa(o["host_max"], o["sender_min"])
    rows: dict[str, float] = {
        "host_max": o["host_max"],
        "sender_min": o["sender_min"],
        "zone_width": float(zone.width),
    }
    lines: list[str] = []
    if not bool(zone.exists):
        lines.append(
            f"no zone of agreement: the sender's minimum is {_bn(-float(zone.surplus))} "
            "above the host's maximum"
        )
    else:
        low, width = float(zone.low), float(zone.width)
        lines.append(f"zone of agreement {_bn(low)} .. {_bn(float(zone.high))}")
        frontier = bargain.linear_frontier(width)
        for sol in o["solutions"]:
            u1, _ = getattr(bargain, sol)(frontier)
            rows[sol] = low + float(u1)
            lines.append(f"{sol}: {_bn(rows[sol])}")
        if o["rubinstein"] is not None and width > 0:
            r = o["rubinstein"]
            sender = bargain.cost_of_delay(r["sender"], width)
            host = bargain.cost_of_delay(r["host"], width)
            share = float(
                sf._wrap(
                    f"{spec.path}.rubinstein",
                    partial(
                        bargain.rubinstein,
                        sender.discount,
                        host.discount,
                        first=1 if r["first"] == "sender" else 2,
                    ),
                )
            )
            rows["rubinstein"] = float(zone.settlement(share))
            lines.append(
                f"rubinstein ({r['first']} opens, monthly offers): {_bn(rows['rubinstein'])}"
            )
    frame = pd.DataFrame({"item": list(rows), "value": list(rows.values())})
    return Output(kind=spec.kind, name=spec.name, frame=frame, summary=tuple(lines))


def _present_value_output(spec: AnalysisSpec, context: MoneyContext | None) -> Output:
    o = spec.options
    rows = []
    lines = []
    for key in o["agreements"]:
        amounts = sf._wrap(
            spec.path,
            partial(_converted, key, spec.options, context),
        )
        pv = float(amounts.present_value(o["rate"], year=o["year"]))
        total = float(amounts.total())
        rows.append(
            {
                "agreement": key,
                "currency": o["currency"],
                "price_basis": str(o["price_basis"]),
                "total": total,
                "present_value": pv,
                "rate": o["rate"],
                "year": o["year"],
            }
        )
        lines.append(
            f"{key}: {_bn(total)} in all, {_bn(pv)} as present value in {o['year']} at "
            f"{o['rate']:.1%} ({o['currency']}, {o['price_basis']})"
        )
    return Output(kind=spec.kind, name=spec.name, frame=pd.DataFrame(rows), summary=tuple(lines))


def _converted(key: str, o: Mapping[str, Any], context: MoneyContext | None) -> Amounts:
    agreement: Agreement = o["known"][key]
    converted: Amounts = agreement.path().to(o["currency"], o["price_basis"], context=context)
    return converted


def compute(specs: Sequence[AnalysisSpec], context: MoneyContext | None = None) -> list[Output]:
    """Run every analysis in order; a ``[[prim]]`` uses its ``[[monte_carlo]]``'s draws."""
    outputs: list[Output] = []
    mcs: dict[str, MonteCarloResult] = {}
    simple: dict[str, Callable[[AnalysisSpec], Output]] = {
        "tornado": _tornado,
        "sobol": _sobol,
        "morris": _morris,
        "threshold": _threshold,
        "split": _split_output,
        "allocation": _allocation_output,
        "bargaining": _bargaining_output,
    }
    for spec in specs:
        if spec.kind == "monte_carlo":
            out = _monte_carlo(spec)
            mcs[spec.name] = out.result  # type: ignore[assignment]
        elif spec.kind == "prim":
            out = _prim(spec, mcs[spec.options["monte_carlo"]])
        elif spec.kind == "present_value":
            out = _present_value_output(spec, context)
        else:
            out = simple[spec.kind](spec)
        outputs.append(out)
    return outputs
