"""Progress bars for long, chunked evaluations (tqdm), off unless a person is watching.

A person is watching when stderr is a terminal or the code runs in a Jupyter kernel;
in a notebook the bar is tqdm's widget (:mod:`tqdm.auto`) when ipywidgets is installed,
else tqdm's text bar, so no warning is printed either way.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import TYPE_CHECKING, Any, Final, Self

from burden._core.checks import as_flag

if TYPE_CHECKING:
    from types import TracebackType

    from tqdm import tqdm

__all__ = ["in_notebook", "progress_bar", "resolve_progress"]

_MIN_TOTAL: Final = 2  # a single chunk never gets a bar


def in_notebook() -> bool:
    """Return True inside a Jupyter kernel (IPython's ZMQ shell), without importing IPython.

    Examples
    --------
    >>> in_notebook()
    False
    """
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None) if ipython is not None else None
    shell = get() if callable(get) else None
    return type(shell).__name__ == "ZMQInteractiveShell"


def _tqdm() -> type[tqdm[Any]]:
    """Import tqdm only when a bar is shown: the notebook widget or the text bar.

    :mod:`tqdm.auto` picks the widget in a notebook but warns when ipywidgets is
    missing; then the text bar is used directly. Most runs (tests, scripts, CI) never
    show a bar and never import tqdm.
    """
    if in_notebook() and importlib.util.find_spec("ipywidgets") is None:
        from tqdm.std import tqdm as text_tqdm  # noqa: PLC0415

        return text_tqdm
    from tqdm.auto import tqdm as auto_tqdm  # noqa: PLC0415

    return auto_tqdm


def resolve_progress(progress: bool | None) -> bool:
    """Decide whether to show a bar: ``None`` means "when a person is watching".

    Parameters
    ----------
    progress : bool or None
        ``True`` forces a bar, ``False`` disables it, ``None`` shows it when
        ``sys.stderr`` is a TTY or the code runs in a Jupyter notebook (so never in
        tests, CI logs or captured output).

    Returns
    -------
    bool

    Examples
    --------
    >>> resolve_progress(False)
    False
    """
    if progress is None:
        isatty = getattr(sys.stderr, "isatty", None)
        return (bool(isatty()) if callable(isatty) else False) or in_notebook()
    return as_flag(progress, "progress")


class progress_bar:  # used like a function in ``with`` statements
    """A context manager wrapping :class:`tqdm.tqdm`, or doing nothing when disabled.

    Parameters
    ----------
    total : int
        Number of steps (chunks).
    progress : bool or None
        See :func:`resolve_progress`.
    desc : str
        Label shown in front of the bar.

    Examples
    --------
    >>> with progress_bar(3, progress=False, desc="demo") as bar:
    ...     for _ in range(3):
    ...         bar.update(1)
    """

    __slots__ = ("_bar",)

    def __init__(self, total: int, *, progress: bool | None, desc: str) -> None:
        enabled = resolve_progress(progress) and total >= _MIN_TOTAL
        self._bar: tqdm[Any] | None = (
            _tqdm()(total=total, desc=desc, leave=False, file=sys.stderr) if enabled else None
        )

    def update(self, steps: int = 1) -> None:
        """Advance the bar by `steps` (no-op when disabled)."""
        if self._bar is not None:
            self._bar.update(steps)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.close()
