"""The hand-made mutants of tools/mutants.py still find the code they change.

The mutation run is long (``nox -s mutants``) and not part of every CI run; this check is
quick, so code that moves is noticed at once instead of at the next mutation run.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _mutants() -> ModuleType:
    spec = importlib.util.spec_from_file_location("burden_mutants", ROOT / "tools" / "mutants.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_every_mutant_finds_its_target_and_its_tests() -> None:
    mutants = _mutants().MUTANTS
    assert len({m.id for m in mutants}) == len(mutants)
    for mutant in mutants:
        source = (ROOT / mutant.path).read_text(encoding="utf-8")
        assert mutant.old in source, f"{mutant.id}: {mutant.old!r} is not in {mutant.path}"
        assert mutant.new != mutant.old, mutant.id
        assert source.replace(mutant.old, mutant.new) != source, mutant.id
        for test in mutant.tests:
            assert (ROOT / test.split("::")[0]).exists(), f"{mutant.id}: no {test}"
