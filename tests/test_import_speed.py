"""Fast start: ``import burden`` and ``burden --version`` load no heavy science (issue 12, item 6).

Checked through ``sys.modules`` in a fresh interpreter, never by timing (speed is measured in
``benchmarks/bench_import.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("scipy.stats", "scipy.optimize", "scipy.linalg", "matplotlib")


def _loaded(code: str) -> list[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_burden_loads_no_science() -> None:
    loaded = _loaded("import burden")
    assert not [m for m in (*HEAVY, "numpy", "pandas", "scipy") if m in loaded]


@pytest.mark.parametrize(
    "code",
    [
        # the domain layers and the analyses need numpy and pandas, not scipy.stats/optimize
        "import burden as bd; bd.agreements.get('SMA-11').path(); bd.compare; bd.Fixed",
        "import burden.sensitivity as bs; import burden as bd; bd.models; bd.monte_carlo",
        "import burden.costs, burden.bargain, burden.allocation.claims",
    ],
)
def test_heavy_modules_load_only_when_used(code: str) -> None:
    loaded = _loaded(code)
    assert [m for m in HEAVY if m in loaded] == []


def test_heavy_modules_load_on_first_use() -> None:
    loaded = _loaded("import burden as bd; bd.TUGame; bd.Parameter('a', (0.0, 1.0))")
    assert "scipy.optimize" in loaded
    assert "scipy.stats" in loaded


def test_version_loads_no_science() -> None:
    code = (
        "import sys, runpy\nsys.argv = ['burden', '--version']\n"
        "try:\n    runpy.run_module('burden.cli', run_name='__main__')\n"
        "except SystemExit:\n    pass"
    )
    loaded = _loaded(code)
    assert [m for m in ("numpy", "pandas", "scipy") if m in loaded] == []


def test_compare_stays_the_function_after_submodule_import() -> None:
    import burden as bd
    import burden.compare
    import burden.costs

    assert callable(bd.compare)
    assert not isinstance(bd.compare, type(burden))
    assert burden.compare.__name__ == "compare"  # the function, as before the lazy loading
    assert sys.modules["burden.compare"].compare is bd.compare


def test_lazy_names_in_dir_and_all() -> None:
    import burden as bd

    assert set(bd.__all__) <= set(dir(bd))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = bd.nope
