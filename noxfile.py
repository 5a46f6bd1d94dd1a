"""Developer tasks (``pip install nox``; ``nox -l`` lists them).

CI runs ``.ci/run``; these sessions are the longer checks a developer runs by hand.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests"]


@nox.session(python="3.11")
def tests(session: nox.Session) -> None:
    """Run the test suite (doctests included) as CI does."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", "-q", "-p", "no:randomly", *session.posargs)


@nox.session(python="3.11")
def mutants(session: nox.Session) -> None:
    """Hand-made mutants of the core modules (tools/mutants.py); fails if one survives."""
    session.install("-e", ".[test]")
    session.run("python", "tools/mutants.py", *session.posargs)


@nox.session(python="3.11")
def bench(session: nox.Session) -> None:
    """Speed of the games against coopgame-py (installed here for the comparison only)."""
    session.install("-e", ".", "coopgame-py")
    session.run("python", "benchmarks/bench_games.py")
