"""Contract over the public API: exports, typing marker, error hierarchy."""

from __future__ import annotations

from importlib import resources

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
