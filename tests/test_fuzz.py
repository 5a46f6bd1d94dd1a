"""Fuzz the whole public API: one argument of a valid call mutated at a time.

Every public callable (discovered from ``__all__`` and the public classes' methods, see
``tests/_fuzz_calls.py``) is called with one argument replaced by a hostile value
(NaN, inf, huge, negative, empty, 0-d, object/integer/float32 arrays, strings, None,
bools, ragged and nested lists, mismatched shapes, Series with a bad index, datetimes...).
The contract:

- only :class:`burden.BurdenError` subclasses escape, and their message is one line;
- warnings, if any, are :class:`burden.errors.BurdenWarning`;
- every returned array is read-only;
- for finite input, the arrays that are finite for the valid call stay finite (or a
  ``BurdenWarning`` says why not).

Result classes (``SobolResult``, ``Zopa``...) are built by burden's analyses from arrays
it has already checked and made read-only; rebuilt by hand from mutated fields, their
constructors are held only to the first rule (they store what they are given).

Environment variables:

``BURDEN_FUZZ_EXAMPLES``
    Examples per callable (default 25; CI-sized). Raise it for a deeper run, e.g.
    ``BURDEN_FUZZ_EXAMPLES=500 python -m pytest tests/test_fuzz.py``.
``BURDEN_FUZZ_COLLECT``
    A path: instead of failing on the first escape, collect every outcome and write a
    JSON summary there at the end (calls, clean rejections, escapes, distinct places).
"""

from __future__ import annotations

import atexit
import copy
import dataclasses
import json
import math
import os
import signal
import traceback
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from _fuzz_calls import MUTATIONS, REGISTRY, derived_mutations, discover
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import burden as bd
from burden.errors import BurdenWarning

mpl.use("Agg")

EXAMPLES = int(os.environ.get("BURDEN_FUZZ_EXAMPLES", "25"))
COLLECT = os.environ.get("BURDEN_FUZZ_COLLECT", "")
TIMEOUT_S = 20.0

_ROOT = str(Path(bd.__file__).parent)
_OUTCOMES: list[dict[str, str]] = []


class _Timeout(Exception):
    pass


def _on_alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def _arrays(value: Any, path: str = "", depth: int = 0) -> dict[str, np.ndarray]:
    """Every ndarray reachable from a result (tuples, dicts, dataclass fields)."""
    found: dict[str, np.ndarray] = {}
    if depth > 3:
        return found
    if isinstance(value, np.ndarray):
        found[path or "result"] = value
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value[:50]):
            found.update(_arrays(item, f"{path}[{i}]", depth + 1))
    elif isinstance(value, dict) and depth == 0:
        # A returned dict of outputs; dicts inside value objects hold the caller's input.
        for k, item in list(value.items())[:50]:
            found.update(_arrays(item, f"{path}[{k!r}]", depth + 1))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            found.update(_arrays(getattr(value, field.name), f"{path}.{field.name}", depth + 1))
    return found


def _finite_paths(result: Any) -> set[str]:
    return {
        path
        for path, arr in _arrays(result).items()
        if arr.dtype.kind == "f" and bool(np.isfinite(arr).all())
    }


def _is_finite_input(value: Any) -> bool:
    if isinstance(value, pd.Series | pd.DataFrame):
        value = value.to_numpy()
    if isinstance(value, dict):
        return all(_is_finite_input(v) for v in value.values())
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return True
    return bool(np.isfinite(arr).all())


def _place(err: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.startswith(_ROOT)]
    if not frames:
        return "(outside burden)"
    last = frames[-1]
    return f"{Path(last.filename).relative_to(Path(_ROOT).parent)}:{last.lineno} {last.name}"


def _run(
    key: str, fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, list[warnings.WarningMessage]]:
    """Call with a time limit, recording warnings; return (result or exception, warnings)."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT_S)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result: Any = fn(*args, **kwargs)
            except Exception as err:  # noqa: BLE001 - classifying is the point
                result = err
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        import matplotlib.pyplot as plt

        plt.close("all")
    del key
    return result, list(caught)


_BASELINE: dict[str, set[str]] = {}


def _baseline(key: str) -> set[str]:
    if key not in _BASELINE:
        fn, args, kwargs = REGISTRY[key]()
        result, _ = _run(key, fn, args, kwargs)
        _BASELINE[key] = set() if isinstance(result, Exception) else _finite_paths(result)
    return _BASELINE[key]


def _verdict(
    key: str, result: Any, caught: list[warnings.WarningMessage], finite_input: bool
) -> tuple[str, str]:
    """Classify one outcome: ("ok" | "rejected" | "escape", place or detail)."""
    foreign = [w for w in caught if not issubclass(w.category, BurdenWarning)]
    if isinstance(result, _Timeout):
        return "escape", f"{key}: timeout after {TIMEOUT_S} s"
    if isinstance(result, bd.BurdenError):
        text = str(result)
        if "\n" in text or len(text) > 2000:
            return "escape", f"{_place(result)}: multi-line or huge message"
        return "rejected", ""
    if isinstance(result, Exception):
        return "escape", f"{_place(result)}: {type(result).__name__}"
    if foreign:
        w = foreign[0]
        where = Path(w.filename).name
        return "escape", f"{key}: {w.category.__name__} at {where}:{w.lineno}"
    if getattr(REGISTRY[key], "builds_result", False):
        return "ok", ""
    arrays = _arrays(result)
    for path, arr in arrays.items():
        if arr.flags.writeable:
            return "escape", f"{key}: writable array {path}"
        if arr.dtype == object:
            return "escape", f"{key}: object array {path}"
    # Results that carry their own mask (ThresholdResult.found, SplitResult.feasible) are
    # NaN exactly where the mask is False: documented answers, not silent failures.
    masked = any(hasattr(result, mask) for mask in ("found", "feasible"))
    if finite_input and not caught and not masked:
        for path in _baseline(key):
            found = arrays.get(path)
            if found is not None and found.dtype.kind == "f" and not np.isfinite(found).all():
                return "escape", f"{key}: non-finite {path} from finite input"
    return "ok", ""


def _record(key: str, label: str, slot: str, verdict: str, detail: str) -> None:
    _OUTCOMES.append(
        {"key": key, "slot": slot, "mutation": label, "verdict": verdict, "detail": detail}
    )


def _summary() -> dict[str, Any]:
    verdicts = Counter(o["verdict"] for o in _OUTCOMES)
    escapes = [o for o in _OUTCOMES if o["verdict"] == "escape"]
    places = Counter(o["detail"] for o in escapes)
    return {
        "callables": len({o["key"] for o in _OUTCOMES}),
        "calls": len(_OUTCOMES),
        "ok": verdicts["ok"],
        "clean_rejections": verdicts["rejected"],
        "escapes": verdicts["escape"],
        "distinct_places": len(places),
        "places": places.most_common(),
        "examples": {
            detail: next(
                f"{o['key']}({o['slot']}={o['mutation']})"
                for o in escapes
                if o["detail"] == detail
            )
            for detail in places
        },
    }


if COLLECT:

    @atexit.register
    def _dump() -> None:
        Path(COLLECT).write_text(json.dumps(_summary(), indent=1))


def test_every_public_callable_has_a_valid_call() -> None:
    found = discover()
    missing = sorted(set(found) - set(REGISTRY))
    stale = sorted(set(REGISTRY) - set(found))
    assert not missing, f"public callables without a valid call in tests/_fuzz_calls.py: {missing}"
    assert not stale, f"registered calls for names that are no longer public: {stale}"
    assert len(found) > 150


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_valid_call_meets_the_contract(key: str) -> None:
    fn, args, kwargs = REGISTRY[key]()
    result, caught = _run(key, fn, args, kwargs)
    verdict, detail = _verdict(key, result, caught, finite_input=True)
    if COLLECT:
        _record(key, "valid", "-", verdict, detail)
        return
    assert verdict == "ok", f"{key}: {detail or result!r}"


def _slots(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[str]:
    return [f"arg{i}" for i in range(len(args))] + list(kwargs)


@pytest.mark.parametrize("key", sorted(REGISTRY))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_fuzz_one_argument_at_a_time(key: str, data: st.DataObject) -> None:
    fn, args, kwargs = REGISTRY[key]()
    slots = _slots(args, kwargs)
    if not slots:
        return  # nothing to mutate: the valid call is checked above
    slot = data.draw(st.sampled_from(slots), label="argument")
    original = args[int(slot[3:])] if slot.startswith("arg") else kwargs[slot]
    candidates = [*MUTATIONS, *derived_mutations(original)]
    label, value = data.draw(st.sampled_from(candidates), label="mutation")
    value = copy.deepcopy(value)
    if slot.startswith("arg"):
        i = int(slot[3:])
        args = (*args[:i], value, *args[i + 1 :])
    else:
        kwargs = {**kwargs, slot: value}
    result, caught = _run(key, fn, args, kwargs)
    verdict, detail = _verdict(key, result, caught, finite_input=_is_finite_input(value))
    if COLLECT:
        _record(key, label, slot, verdict, detail)
        return
    assert verdict != "escape", f"{key}({slot}={label}): {detail}; got {result!r}"[:3000]


def test_fuzz_counts_are_sane() -> None:
    # Guards the harness itself: the mutations must include the kinds the issue lists.
    labels = {label for label, _ in MUTATIONS}
    for kind in ("nan", "inf", "huge", "negative", "empty list", "0-d array", "object array"):
        assert kind in labels
    assert math.isnan(dict(MUTATIONS)["nan"])
