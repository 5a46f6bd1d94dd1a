"""`burden report` end to end: compute every section, draw every figure, write the files.

Run: ``python benchmarks/bench_report.py [--repeat R]``. Times each step (best of R)
and the whole command as a subprocess (interpreter start and imports included), at
the default draws and at 4x. The issue's budget is under 30 s on two cores; the
machines are shared and noisy, so absolute times are only indicative. Not a test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from burden.report.full import DEFAULT_DRAWS, build_report
from burden.report.html import report_files, section_figures, seed_figures


def _best(func: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Print the timing table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'step':<34} {'draws':>7} {'best s':>8}")
    for draws in (DEFAULT_DRAWS, 4 * DEFAULT_DRAWS):
        report = build_report(draws=draws)
        for key in ("ranges", "splits", "talks", "today"):
            t = _best(partial(build_report, sections=(key,), draws=draws), args.repeat)
            print(f"{'compute ' + key + ' (with seed tables)':<34} {draws:>7} {t:>8.2f}")
        seed, sections = report.seed, report.sections
        t = _best(partial(seed_figures, seed), args.repeat)
        print(f"{'draw seed figures':<34} {draws:>7} {t:>8.2f}")
        t = _best(partial(section_figures, sections), args.repeat)
        print(f"{'draw section figures':<34} {draws:>7} {t:>8.2f}")
        t = _best(partial(report_files, seed, sections=sections), args.repeat)
        print(f"{'render HTML and CSV (no figures)':<34} {draws:>7} {t:>8.2f}")
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "burden.cli", "report", "--out", tmp]

        def run() -> None:
            subprocess.run(cmd, cwd=root, check=True, capture_output=True)

        t = _best(run, args.repeat)
    print(f"{'burden report (subprocess, total)':<34} {DEFAULT_DRAWS:>7} {t:>8.2f}")
    print("budget: 30 s on two cores")


if __name__ == "__main__":
    main()
