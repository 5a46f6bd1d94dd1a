"""The error tree: every error a BurdenError and the builtin a Python user catches."""

from __future__ import annotations

import pickle
import sys

import pytest

import burden as bd
from burden._core.optional import require
from burden.errors import OptionalDependencyError


def test_optional_dependency_error_is_an_import_error_naming_the_extra() -> None:
    with pytest.raises(ImportError, match=r"pip install 'burden\[plot\]'") as info:
        require("no_such_module_for_burden", extra="plot", purpose="figures")
    err = info.value
    assert isinstance(err, OptionalDependencyError)
    assert isinstance(err, bd.BurdenError)
    assert isinstance(err, bd.MissingDataError)  # what 0.1 raised for a missing extra
    assert err.name == "no_such_module_for_burden" == err.field
    assert "for figures" in str(err)
    assert isinstance(err.__cause__, ImportError)


def test_the_extra_defaults_from_the_package_name() -> None:
    monkey = {"matplotlib": None}
    saved = {k: sys.modules.get(k) for k in monkey}
    sys.modules.update(monkey)  # type: ignore[arg-type]
    try:
        with pytest.raises(OptionalDependencyError, match=r"burden\[plot\]"):
            require("matplotlib")
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v


def test_a_figure_without_matplotlib_raises_the_import_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(OptionalDependencyError, match=r"burden\[plot\]"):
        bd.bargain.zopa([10.0, 5.0], [8.0, 6.0]).plot()


def test_optional_dependency_error_pickles_and_is_public() -> None:
    # An error raised in a worker process reaches the caller as the same error.
    err = bd.OptionalDependencyError("matplotlib", None, "the plot extra", hint="or skip figures")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is OptionalDependencyError
    assert str(back) == str(err)
    assert back.name == "matplotlib"
    assert "OptionalDependencyError" in bd.__all__
