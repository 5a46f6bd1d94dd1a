"""Hand-made mutation testing of the core modules: does the unit suite catch real defects.

Each mutant is one small, plausible defect in money, escalation, agreements, claims,
costs or the games (an operator flipped, a bound dropped, a tolerance removed or
loosened, an argument ignored). The script copies the repository to a temporary
folder, applies one mutant at a time there (the working tree is never touched), runs
the tests that guard that module, and reports which mutants the suite killed.

Why not mutmut: mutmut 3 runs the tests in-process on a copy under ``mutants/``, but the
shared development environment installs burden in editable mode, whose import hook
wins over that copy, so mutmut finds no test covering any mutant ("could not find any
test case for any mutant"); and a full mutmut run over these six modules (thousands of
mutants) does not fit a CI-sized time budget on two cores. These mutants are chosen by
hand to be non-equivalent: each changes a result some input can observe.

Run ``python tools/mutants.py`` (or ``nox -s mutants``); ``--only ID`` runs one mutant,
``--list`` lists them. Exit status 1 if a mutant survives.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPY = ("burden", "tests", "examples", "pyproject.toml")


@dataclass(frozen=True)
class Mutant:
    """One defect: replace `old` by `new` (every occurrence) in `path`."""

    id: str
    path: str
    old: str
    new: str
    what: str
    tests: tuple[str, ...]
    equivalent: str = ""
    """Why no test can kill it (the mutant computes the same results), if it is so."""


ESC = ("tests/test_escalation.py", "tests/test_agreements.py", "tests/test_engine.py")
MONEY = ("tests/test_money.py", "tests/test_compare.py")
CLAIMS = ("tests/allocation/test_claims.py",)
COSTS = ("tests/test_costs.py",)
GAMES = ("tests/allocation/test_games.py", "tests/test_api.py")

MUTANTS: tuple[Mutant, ...] = (
    # -- escalation (incl. the two named in issue 14) ---------------------------------
    Mutant(
        "esc-floor-ignored",
        "burden/escalation.py",
        "None if self.floor is None else np.asarray(self.floor)[..., np.newaxis],",
        "None,",
        "Indexed(floor=...) ignored entirely",
        ESC,
    ),
    Mutant(
        "esc-cap-ignored",
        "burden/escalation.py",
        "None if self.cap is None else np.asarray(self.cap)[..., np.newaxis],",
        "None,",
        "Indexed(cap=...) ignored entirely",
        ESC,
    ),
    Mutant(
        "esc-half-up-tolerance",
        "burden/escalation.py",
        "1e-9",
        "0.0",
        "half-up rounding tolerance removed (both copies: round_half_up and the path engine)",
        ESC,
    ),
    Mutant(
        "esc-half-down",
        "burden/escalation.py",
        "+= 0.5",
        "+= 0.4999",
        "rounding of amounts: halves go down (array and engine copies)",
        ESC,
    ),
    Mutant(
        "esc-lag-ignored",
        "burden/escalation.py",
        "positions = np.clip(wanted - self.lag - self._years[0]",
        "positions = np.clip(wanted - self._years[0]",
        "Indexed lag ignored when reading the index",
        ESC,
    ),
    Mutant(
        "esc-fixed-compounding",
        "burden/escalation.py",
        "out = previous * (1.0 + rate)",
        "out = previous + rate",
        "a rule's next amount adds the rate instead of compounding it",
        ESC,
    ),
    Mutant(
        "esc-engine-fixed-factor",
        "burden/escalation.py",
        "np.full(years.size, 1.0 + rate)",
        "np.full(years.size, rate)",
        "the engine escalates a shared Fixed rate by the rate, not by 1 + rate",
        ESC,
    ),
    Mutant(
        "esc-engine-fixed-draws",
        "burden/escalation.py",
        "_flat(1.0 + np.asarray(rule.rate), batch, n)",
        "_flat(1.0 - np.asarray(rule.rate), batch, n)",
        "the engine subtracts a Fixed rate given per draw",
        ESC,
    ),
    # -- agreements --------------------------------------------------------------------
    Mutant(
        "agr-phase-end",
        "burden/agreements.py",
        "stop = starts[i + 1] if i + 1 < len(starts) else self.end_year + 1",
        "stop = starts[i + 1] if i + 1 < len(starts) else self.end_year",
        "the last phase of an agreement stops a year early",
        ESC,
    ),
    Mutant(
        "agr-years-start",
        "burden/agreements.py",
        "return np.arange(self.base_year, self.end_year + 1, dtype=np.int64)",
        "return np.arange(self.base_year + 1, self.end_year + 1, dtype=np.int64)",
        "an agreement's years leave out its base year",
        ESC,
    ),
    # -- money -------------------------------------------------------------------------
    Mutant(
        "money-fx-inverted",
        "burden/money/_convert.py",
        "return ctx.rate(dst, years) / ctx.rate(src, years)",
        "return ctx.rate(src, years) / ctx.rate(dst, years)",
        "exchange-rate factor inverted",
        MONEY,
    ),
    Mutant(
        "money-reflate-base",
        "burden/money/_convert.py",
        "nominal_h = at_base * ctx.price_level(years, deflator) / ctx.price_level(base, deflator)",
        "nominal_h = at_base * ctx.price_level(years, deflator)",
        "constant prices not divided by the base year's price level",
        MONEY,
    ),
    Mutant(
        "money-pv-sign",
        "burden/money/_discount.py",
        "factors = (1.0 + r[..., np.newaxis]) ** (-exponent)",
        "factors = (1.0 + r[..., np.newaxis]) ** exponent",
        "present value compounds where it should discount",
        MONEY,
    ),
    # -- claims ------------------------------------------------------------------------
    Mutant(
        "claims-cea-level",
        "burden/allocation/claims.py",
        "level = (e - c_m) / (n - m)",
        "level = (e - c_m) / (n - m + 1)",
        "CEA water level divides among one claimant too many",
        CLAIMS,
    ),
    Mutant(
        "claims-cea-count",
        "burden/allocation/claims.py",
        "m = np.minimum(np.sum(t <= e[..., None], axis=-1), n - 1)",
        "m = np.minimum(np.sum(t < e[..., None], axis=-1), n - 1)",
        "CEA: a claim exactly at the water level counted as unpaid",
        CLAIMS,
        equivalent=(
            "if T_k = E exactly, m = k + 1 gives level (E - C_(k+1)) / (n - k - 1) and m = k "
            "gives (E - C_k) / (n - k); both equal s_(k), the claim at the water level"
        ),
    ),
    Mutant(
        "claims-talmud-switch",
        "burden/allocation/claims.py",
        "np.where((e <= total / 2.0)[..., None], low, np.maximum(high, 0.0))",
        "np.where((e <= total / 3.0)[..., None], low, np.maximum(high, 0.0))",
        "Talmud switches from awards to losses at a third of the claims",
        CLAIMS,
    ),
    Mutant(
        "claims-apro-minimal",
        "burden/allocation/claims.py",
        "minimal = np.maximum(e[..., None] - (total - d), 0.0)",
        "minimal = np.zeros_like(d)",
        "adjusted proportional forgets the minimal rights",
        CLAIMS,
    ),
    # -- costs (incl. the one named in issue 14) ---------------------------------------
    Mutant(
        "costs-feasible-1pct",
        "burden/costs.py",
        "feasible = np.broadcast_to(floor_total <= env * (1 + 1e-12), batch)",
        "feasible = np.broadcast_to(floor_total <= env * 1.01, batch)",
        "cost-split feasibility loosened by 1%",
        COSTS,
    ),
    Mutant(
        "costs-cap-clip",
        "burden/costs.py",
        "host = np.clip(floor_amounts + awards, floor_amounts, hi * costs)",
        "host = floor_amounts + awards",
        "host payments no longer clipped to their floor and cap",
        COSTS,
    ),
    Mutant(
        "costs-room-cap",
        "burden/costs.py",
        "rest = np.clip(np.minimum(env, floor_total + room_total) - floor_total, 0.0, None)\n"
        "    rest = np.minimum(rest, room_total)",
        "rest = np.clip(env - floor_total, 0.0, None)\n    rest = rest",
        "the envelope beyond what the caps allow is allocated anyway",
        COSTS,
    ),
    Mutant(
        "costs-ratio-dod",
        "burden/costs.py",
        'den = h + s if definition == "dod" else s',
        'den = s if definition == "dod" else s',
        "the DoD cost-sharing ratio uses the GAO definition",
        COSTS,
    ),
    # -- games -------------------------------------------------------------------------
    Mutant(
        "games-cost-mapping",
        "burden/allocation/games/_forms.py",
        "out = y if offset is None else offset - y",
        "out = y if offset is None else y - offset",
        "cost-game solutions mapped back with the wrong sign",
        GAMES,
    ),
    Mutant(
        "games-shapley-weight",
        "burden/allocation/games/_linear.py",
        "b = np.where(size <= n - 1, w[np.clip(size, 0, n - 1)], 0.0)",
        "b = np.where(size <= n - 1, w[np.clip(size - 1, 0, n - 1)], 0.0)",
        "Shapley weight of coalitions without the player off by one size",
        GAMES,
    ),
    Mutant(
        "games-core-efficiency",
        "burden/allocation/games/_incore.py",
        "out: BoolArray = efficient & np.all(gap >= -slack, axis=-1)",
        "out: BoolArray = np.all(gap >= -slack, axis=-1)",
        "in_core forgets efficiency",
        GAMES,
    ),
    Mutant(
        "games-vertex-fixing",
        "burden/allocation/games/_lp.py",
        "tight = np.flatnonzero(free & (dual > _DUAL_TOL))",
        "tight = np.flatnonzero(free & (dual >= 0.0) & (lp.row >= 0))",
        "nucleolus fixes every row in the LP, not only those with a positive dual",
        GAMES,
    ),
    Mutant(
        "games-kohlberg-level",
        "burden/allocation/games/_lp.py",
        "members = excess >= level - tol",
        "members = excess > level + tol",
        "Kohlberg check leaves the level's own coalitions out",
        GAMES,
    ),
    Mutant(
        "games-imputation-bound",
        "burden/allocation/games/_lp.py",
        "lp = _CoalitionLP(worth, float(v[full]), n, lower if imputation else None)",
        "lp = _CoalitionLP(worth, float(v[full]), n, None)",
        "nucleolus of a single game ignores individual rationality",
        GAMES,
    ),
)


def _run(mutant: Mutant, workdir: Path, timeout: float) -> tuple[bool, float, str]:
    """Apply `mutant` in `workdir`, run its tests, restore; True if the tests failed."""
    target = workdir / mutant.path
    original = target.read_text(encoding="utf-8")
    if mutant.old not in original:
        msg = f"{mutant.id}: the text to mutate is not in {mutant.path} (code moved?)"
        raise SystemExit(msg)
    target.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
    start = time.perf_counter()
    try:
        cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
               "--no-header", *mutant.tests]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(workdir)}
        proc = subprocess.run(
            cmd, cwd=workdir, capture_output=True, text=True, timeout=timeout, env=env, check=False
        )
        killed = proc.returncode != 0
        last = (proc.stdout.strip().splitlines() or [""])[-1]
    except subprocess.TimeoutExpired:
        killed, last = True, "timeout (counted as killed)"
    finally:
        target.write_text(original, encoding="utf-8")
    return killed, time.perf_counter() - start, last


def main() -> int:
    """Run the mutants and print a table; exit 1 if any survives."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="run only this mutant id (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per mutant")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if not args.only or m.id in args.only]
    if args.list:
        for m in chosen:
            print(f"{m.id:<26} {m.path:<38} {m.what}")
        return 0
    with tempfile.TemporaryDirectory(prefix="burden-mutants-") as tmp:
        work = Path(tmp)
        for name in COPY:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(src, work / name)
        survivors, equivalent = [], []
        for m in chosen:
            killed, seconds, last = _run(m, work, args.timeout)
            verdict = "killed  " if killed else ("equivalent" if m.equivalent else "SURVIVED")
            print(f"{verdict:<10} {m.id:<26} {seconds:6.1f}s  {m.what}")
            if not killed and m.equivalent:
                equivalent.append(m.id)
                print(f"           equivalent: {m.equivalent}")
            elif not killed:
                survivors.append(m.id)
                print(f"           last line: {last}")
    total = len(chosen) - len(equivalent)
    print(
        f"mutation score: {total - len(survivors)}/{total} non-equivalent mutants killed"
        f" ({len(equivalent)} equivalent)"
    )
    return 1 if survivors else 0


if __name__ == "__main__":
    raise SystemExit(main())
