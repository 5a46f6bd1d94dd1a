"""Progress bars: on when a person watches (a terminal or a Jupyter notebook), else off."""

from __future__ import annotations

import importlib.util
import sys
import types

import pytest

from burden._core import progress


class ZMQInteractiveShell:  # the class name IPython's notebook kernel uses
    pass


@pytest.fixture
def notebook(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("IPython")
    fake.get_ipython = ZMQInteractiveShell  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", fake)


def test_off_in_tests_and_pipes() -> None:
    assert progress.in_notebook() is False
    assert progress.resolve_progress(None) is False
    assert progress.resolve_progress(True) is True


@pytest.mark.usefixtures("notebook")
def test_automatic_default_shows_a_bar_in_a_notebook() -> None:
    # user finding: bars never showed in Jupyter unless progress=True was passed.
    assert progress.in_notebook() is True
    assert progress.resolve_progress(None) is True
    assert progress.resolve_progress(False) is False


@pytest.mark.usefixtures("notebook")
def test_notebook_without_ipywidgets_uses_the_text_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    from tqdm.std import tqdm as text_tqdm

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "ipywidgets" else real(name)
    )
    assert progress._tqdm() is text_tqdm


def test_terminal_uses_tqdm_auto() -> None:
    from tqdm.auto import tqdm as auto_tqdm

    assert progress._tqdm() is auto_tqdm
