"""A JSON Schema of the scenario-file format, for editors and validators.

TOML maps one to one onto JSON, so editors with a TOML language server (e.g. Taplo,
Even Better TOML) can validate a scenario file against this schema as it is typed.
``burden schema`` prints it; :func:`scenario_schema` returns it. It checks the shape
of a file (keys, types, ranges); what needs the data (names of agreements,
comparisons and model parameters, the support of a distribution, floors within an
envelope) is checked by :func:`burden.io.scenario_file.load`.

Examples
--------
>>> schema = scenario_schema()
>>> schema["required"]
['agreements']
>>> sorted(schema["properties"])[:4]
['agreements', 'allocation', 'bargaining', 'compare']
"""

from __future__ import annotations

import json
from typing import Any, Final

__all__ = ["scenario_schema", "schema_json"]

_YEAR: Final = {"type": "integer", "minimum": 1900, "maximum": 2200}
_RATE: Final = {"type": "number", "exclusiveMinimum": -1}
_FRACTION: Final = {"type": "number", "minimum": 0, "maximum": 1}
_NAME: Final = {"type": "string", "minLength": 1}
_YEARS: Final = {"type": "array", "items": _YEAR, "minItems": 2, "maxItems": 2}
_CURRENCY: Final = {"enum": ["KRW", "USD", "JPY", "EUR"]}
_BASIS: Final = {"anyOf": [{"const": "nominal"}, _YEAR]}
_SEED: Final = {"type": "integer", "minimum": 0}


def _table(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    return out


def _array_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


def _rule() -> dict[str, Any]:
    return _table(
        {
            "from": _YEAR,
            "rule": {"enum": ["fixed", "freeze", "indexed", "schedule"]},
            "rate": _RATE,
            "index": {"enum": ["cpi", "defense_budget_growth"]},
            "lag": {"type": "integer", "minimum": 0, "maximum": 50},
            "cap": _RATE,
            "floor": _RATE,
            "rate_rounding": {"type": "integer", "minimum": 0, "maximum": 10},
            "projection": _RATE,
            "amounts": {
                "type": "object",
                "patternProperties": {r"^\d{4}$": {"type": "number", "minimum": 0}},
                "additionalProperties": False,
                "minProperties": 1,
            },
        },
        ["rule"],
    )


def _model_keys() -> dict[str, Any]:
    return {
        "model": {**_NAME, "description": "a [[compare]] name or an agreement key"},
        "measure": {"enum": ["ratio", "difference", "alternative", "baseline"]},
        "currency": _CURRENCY,
        "price_basis": _BASIS,
        "total": {"type": "boolean"},
        "name": _NAME,
    }


def _keys(names: tuple[str, ...], typed: dict[str, Any]) -> dict[str, Any]:
    """Return a table's properties: the parser's own key list, typed where known here.

    Keys the parser accepts but this schema does not type yet accept any value, so
    the schema never rejects a file the parser reads.
    """
    return {key: typed.get(key, {}) for key in names}


def _money() -> dict[str, Any]:
    """Return the [money] keys."""
    from burden.io.scenario_file import _MONEY  # noqa: PLC0415

    return _keys(
        _MONEY,
        {
            "krw_per_usd_projection": {"type": "number", "exclusiveMinimum": 0},
            "cpi_projection": _RATE,
        },
    )


def scenario_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a scenario file.

    Returns
    -------
    dict
        A JSON-serializable schema; every table rejects unknown keys.
    """
    from burden.io.scenario_file import _AGREEMENT, _BUILTIN, _COMPARE, _PATHS  # noqa: PLC0415

    agreement = {
        "oneOf": [
            _table(_keys(_BUILTIN, {"builtin": _NAME, "projection": _RATE}), ["builtin"]),
            _table(
                _keys(
                    _AGREEMENT,
                    {
                        "host": _NAME,
                        "name": _NAME,
                        "base_year": _YEAR,
                        "base_amount": {"type": "number", "exclusiveMinimum": 0},
                        "currency": _CURRENCY,
                        "end_year": _YEAR,
                        "escalation": {
                            "anyOf": [_rule(), {"type": "array", "items": _rule(), "minItems": 1}]
                        },
                        "rounding": {"type": "number", "exclusiveMinimum": 0},
                        "description": _NAME,
                        "source": _NAME,
                    },
                ),
                ["base_year", "base_amount", "currency", "end_year", "escalation"],
            ),
        ]
    }
    parameter = {
        **_table(
            {
                "name": _NAME,
                "bounds": {
                    "type": "array",
                    "items": {"type": "number"},
                    "minItems": 2,
                    "maxItems": 2,
                },
                "dist": {**_NAME, "description": "a scipy.stats distribution name"},
                "params": {"type": "object", "additionalProperties": {"type": "number"}},
                "nominal": {"type": "number"},
                "group": _NAME,
            },
            ["name"],
        ),
        "oneOf": [{"required": ["bounds"]}, {"required": ["dist"]}],
    }
    pool = _table(
        {
            "currency": _CURRENCY,
            "price_basis": _BASIS,
            "years": _YEARS,
            "costs": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {
                    "anyOf": [
                        {"type": "number", "minimum": 0},
                        {"type": "array", "items": {"type": "number", "minimum": 0}},
                    ]
                },
            },
        },
        ["currency", "years", "costs"],
    )
    fractions = {"type": "object", "additionalProperties": _FRACTION}
    claims_rules = {
        "enum": [
            "proportional",
            "constrained_equal_awards",
            "constrained_equal_losses",
            "talmud",
            "random_arrival",
            "adjusted_proportional",
        ]
    }
    allocation = {
        **_table(
            {
                "name": _NAME,
                "estate": {"type": "number", "minimum": 0},
                "claims": {
                    "type": "object",
                    "minProperties": 2,
                    "additionalProperties": {"type": "number", "minimum": 0},
                },
                "rules": {"type": "array", "items": claims_rules, "minItems": 1},
                "game": _table(
                    {
                        "kind": {"enum": ["cost", "value"]},
                        "players": {"type": "array", "items": _NAME, "minItems": 2},
                        "values": {"type": "array", "items": {"type": "number"}},
                    },
                    ["players", "values"],
                ),
                "solutions": {
                    "type": "array",
                    "items": {"enum": ["shapley", "nucleolus", "banzhaf", "tau_value"]},
                    "minItems": 1,
                },
            }
        ),
        "oneOf": [{"required": ["claims", "estate"]}, {"required": ["game"]}],
    }
    bargaining = _table(
        {
            "name": _NAME,
            "host_max": {"type": "number", "exclusiveMinimum": 0},
            "sender_min": {"type": "number", "exclusiveMinimum": 0},
            "solutions": {
                "type": "array",
                "items": {"enum": ["nash", "kalai_smorodinsky", "egalitarian"]},
            },
            "rubinstein": _table(
                {
                    "host_monthly_cost": {"type": "number", "exclusiveMinimum": 0},
                    "sender_monthly_cost": {"type": "number", "exclusiveMinimum": 0},
                    "first": {"enum": ["sender", "host"]},
                },
                ["host_monthly_cost", "sender_monthly_cost"],
            ),
        },
        ["host_max", "sender_min"],
    )
    view = {"currency": _CURRENCY, "price_basis": _BASIS, "years": _YEARS, "name": _NAME}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "burden scenario file",
        "description": (
            "Agreements and analyses run by `burden run FILE.toml`; see "
            "docs/scenario_files.md. Names of agreements, comparisons and model "
            "parameters are checked when the file is loaded."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["agreements"],
        "properties": {
            "title": _NAME,
            "description": _NAME,
            "money": _table(_money()),
            "agreements": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": agreement,
            },
            "compare": _array_of(
                _table(
                    _keys(
                        _COMPARE,
                        {
                            "baseline": _NAME,
                            "alternative": _NAME,
                            "deflate_with": _NAME,
                            "discount_rate": _RATE,
                            "discount_year": _YEAR,
                            **view,
                        },
                    ),
                    ["baseline", "alternative"],
                )
            ),
            "paths": _array_of(
                _table(
                    _keys(
                        _PATHS,
                        {"agreements": {"type": "array", "items": _NAME, "minItems": 1}, **view},
                    ),
                    ["agreements"],
                )
            ),
            "parameters": _array_of(parameter),
            "correlation": {
                "type": "array",
                "items": {
                    "type": "array",
                    "items": {"type": "number", "minimum": -1, "maximum": 1},
                },
            },
            "monte_carlo": _array_of(
                _table(
                    {
                        **_model_keys(),
                        "draws": {"type": "integer", "minimum": 2},
                        "seed": _SEED,
                        "method": {"enum": ["sobol", "lhs", "random"]},
                    },
                    ["model"],
                )
            ),
            "tornado": _array_of(_table(_model_keys(), ["model"])),
            "sobol": _array_of(
                _table(
                    {
                        **_model_keys(),
                        "draws": {"type": "integer", "minimum": 2},
                        "seed": _SEED,
                        "replicates": {
                            "type": "integer",
                            "minimum": 1,
                            "description": (
                                "independent randomisations of the Sobol' design, whose "
                                "spread gives Student-t intervals; default 8 (1 when "
                                "draws < 16); 1: a row bootstrap"
                            ),
                        },
                        "resamples": {
                            "type": "integer",
                            "minimum": 1,
                            "description": (
                                "row-bootstrap resamples of the intervals, used only with "
                                "replicates = 1; default 200"
                            ),
                        },
                    },
                    ["model"],
                )
            ),
            "morris": _array_of(
                _table(
                    {
                        **_model_keys(),
                        "trajectories": {"type": "integer", "minimum": 2},
                        "levels": {"type": "integer", "minimum": 2},
                        "seed": _SEED,
                    },
                    ["model"],
                )
            ),
            "threshold": _array_of(
                _table(
                    {
                        **_model_keys(),
                        "parameter": _NAME,
                        "targets": {"type": "array", "items": {"type": "number"}, "minItems": 1},
                    },
                    ["model", "parameter", "targets"],
                )
            ),
            "prim": _array_of(
                {
                    **_table(
                        {
                            "monte_carlo": _NAME,
                            "output": _NAME,
                            "above": {"type": "number"},
                            "below": {"type": "number"},
                            "min_density": _FRACTION,
                            "name": _NAME,
                        },
                        ["monte_carlo"],
                    ),
                    "anyOf": [{"required": ["above"]}, {"required": ["below"]}],
                }
            ),
            "split": _array_of(
                _table(
                    {
                        "name": _NAME,
                        "pool": pool,
                        "envelope": _NAME,
                        "rule": {"enum": ["proportional", "cea", "cel"]},
                        "floors": fractions,
                        "caps": fractions,
                    },
                    ["pool", "envelope"],
                )
            ),
            "allocation": _array_of(allocation),
            "bargaining": _array_of(bargaining),
            "present_value": _array_of(
                _table(
                    {
                        "agreements": {"type": "array", "items": _NAME, "minItems": 1},
                        "rate": {"type": "number", "exclusiveMinimum": -1, "exclusiveMaximum": 1},
                        "year": _YEAR,
                        "currency": _CURRENCY,
                        "price_basis": _BASIS,
                        "name": _NAME,
                    },
                    ["agreements", "rate", "year"],
                )
            ),
        },
    }


def schema_json() -> str:
    """Return the schema as indented JSON text (what ``burden schema`` prints)."""
    return json.dumps(scenario_schema(), indent=2)
