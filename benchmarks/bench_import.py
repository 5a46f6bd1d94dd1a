"""Start-up cost: ``import burden`` and ``burden --version`` against ``import numpy, pandas``.

Run: ``python benchmarks/bench_import.py [--repeat 9] [--against /path/to/old/checkout]``.
Each statement runs in a fresh interpreter; the CPU time (user + system of the child) is
reported as the median of the repeats, next to the same run's ``import numpy, pandas``.
With ``--against`` the same statements also run on another checkout of burden (e.g. a
``git worktree`` of an older commit), in the same run. Never asserted: the machines are
shared and noisy; read the differences, not the absolute seconds.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = {
    "python -c pass": "pass",
    "import numpy, pandas": "import numpy, pandas",
    "import burden": "import burden",
    "import burden; first agreement path": (
        "import burden as bd; bd.agreements.get('SMA-11').path()"
    ),
    "import burden.sensitivity": "import burden.sensitivity",
    "burden --version": (
        "import sys, runpy; sys.argv = ['burden', '--version']\n"
        "try:\n    runpy.run_module('burden.cli', run_name='__main__')\n"
        "except SystemExit:\n    pass"
    ),
}


def cpu_seconds(code: str, cwd: Path) -> float:
    """CPU time (user + system) of one fresh interpreter running `code` in `cwd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main() -> None:
    """Print the start-up table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--against", type=Path, default=None, help="another burden checkout")
    args = parser.parse_args()
    roots = {"this checkout": ROOT}
    if args.against is not None:
        roots["against"] = args.against.resolve()
    samples: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.repeat):
        for label, root in roots.items():
            for name, code in STATEMENTS.items():
                samples.setdefault((label, name), []).append(cpu_seconds(code, root))
    for label, root in roots.items():
        base = median(samples[(label, "import numpy, pandas")])
        print(f"\n{label} ({root}), median CPU s of {args.repeat} fresh interpreters")
        print(f"{'statement':<38} {'CPU s':>7} {'over numpy+pandas':>18}")
        for name in STATEMENTS:
            value = median(samples[(label, name)])
            print(f"{name:<38} {value:>7.3f} {value - base:>+18.3f}")


if __name__ == "__main__":
    main()
