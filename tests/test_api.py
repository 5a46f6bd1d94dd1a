"""Contract over the public API: exports, typing marker, error hierarchy."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest

import burden as bd


def test_all_names_exist() -> None:
    for name in bd.__all__:
        assert hasattr(bd, name), name


def test_package_ships_py_typed() -> None:
    assert resources.files("burden").joinpath("py.typed").is_file()


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (bd.InvalidInputError, ValueError),
        (bd.MissingDataError, LookupError),
        (bd.UnitMismatchError, TypeError),
        (bd.InfeasibleError, ValueError),
    ],
)
def test_errors_inherit_root_and_builtin(
    error: type[bd.BurdenError], builtin: type[Exception]
) -> None:
    err = error("Thing.field", 3, "a number below 2")
    assert isinstance(err, bd.BurdenError)
    assert isinstance(err, builtin)
    assert str(err) == "Thing.field: expected a number below 2, got 3"
    assert (err.field, err.value, err.expected) == ("Thing.field", 3, "a number below 2")


def test_issue5_contract_names() -> None:
    # Talmud table, estate 200 (Aumann & Maschler 1985): awards (50, 75, 75).
    claims = [100.0, 200.0, 300.0]
    for rule in (
        bd.claims.proportional,
        bd.claims.cea,
        bd.claims.cel,
        bd.claims.talmud,
        bd.claims.random_arrival,
        bd.claims.apro,
    ):
        assert rule(200.0, claims).sum() == pytest.approx(200.0)
    assert bd.claims.cea is bd.claims.constrained_equal_awards
    game = bd.TUGame.bankruptcy(200.0, claims)
    assert game.n_players == 3
    nucleolus = game.nucleolus()  # one return type however it is called (issue 14)
    assert isinstance(nucleolus, bd.games.NucleolusResult)
    np_alloc = nucleolus.allocation
    assert np_alloc.tolist() == pytest.approx([50.0, 75.0, 75.0])
    assert np.asarray(nucleolus).tolist() == np_alloc.tolist()  # the pre-0.2 array
    assert game.prenucleolus().allocation.tolist() == pytest.approx([50.0, 75.0, 75.0])
    assert np.array_equal(bd.games.nucleolus(game).allocation, np_alloc)
    assert game.shapley().sum() == pytest.approx(200.0)
    assert game.banzhaf().shape == (3,)
    assert bool(game.in_core(np_alloc))
    # The least-core value is the nucleolus's first excess level (Maschler, Peleg and
    # Shapley 1979); the bankruptcy game's core is non-empty, so it is <= 0.
    least = game.least_core()
    assert float(least.epsilon) == pytest.approx(float(nucleolus.least_core_value), abs=1e-9)
    assert float(least.epsilon) <= 1e-9
    # Airport game (Littlechild & Owen 1973): Shapley = sequential equal sharing.
    airport = bd.TUGame.airport([1.0, 3.0])
    assert airport.shapley().tolist() == pytest.approx([0.5, 2.5])
    assert bd.TUGame([0.0, 1.0, 2.0, 4.0]).shapley().tolist() == pytest.approx([1.5, 2.5])


def test_issue6_contract_names() -> None:
    z = bd.bargain.zopa([10.0, 5.0], [8.0, 6.0])
    assert z.exists.tolist() == [True, False]
    u1, u2 = bd.bargain.nash(bd.bargain.linear_frontier(10.0), disagreement=(2.0, 0.0))
    assert (float(u1), float(u2)) == pytest.approx((6.0, 4.0))
    ks = bd.bargain.kalai_smorodinsky(bd.bargain.linear_frontier(10.0))
    assert float(ks[0]) == pytest.approx(5.0)
    # Rubinstein (1982): equal discount factors give the first proposer 1 / (1 + delta).
    assert float(bd.bargain.rubinstein(0.9)) == pytest.approx(1 / 1.9)
    concave = bd.bargain.concave_frontier(lambda u: 1 - u**2, u1_max=1.0)
    assert float(bd.bargain.nash(concave)[0]) == pytest.approx(3**-0.5, abs=1e-6)


# -- regressions found in code review (each failed before its fix) --


def test_importing_burden_does_not_import_tqdm_auto() -> None:
    # tqdm.auto warns in notebooks without ipywidgets; it is loaded only to show a bar.
    import subprocess
    import sys

    code = "import sys, burden; print('tqdm.auto' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
