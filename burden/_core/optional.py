"""Optional dependencies: import one on first use, or say which extra installs it."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

from burden.errors import OptionalDependencyError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["EXTRAS", "require"]

EXTRAS: Final[dict[str, str]] = {
    "matplotlib": "plot",
    "distributed": "dask",
    "dask": "dask",
}
"""Top-level package name -> the extra of ``pyproject.toml`` that installs it."""


def require(module: str, *, extra: str | None = None, purpose: str = "") -> ModuleType:
    """Import `module`, or raise :class:`OptionalDependencyError` naming the extra.

    Parameters
    ----------
    module : str
        Dotted module name, e.g. ``"matplotlib.pyplot"``.
    extra : str, optional
        The extra that installs it; default from :data:`EXTRAS` by the top-level name.
    purpose : str, optional
        What it is needed for, e.g. ``"figures"``; added to the message.

    Returns
    -------
    module
        The imported module.

    Raises
    ------
    OptionalDependencyError
        If the module cannot be imported (also an ImportError).

    Examples
    --------
    >>> require("math").sqrt(4.0)
    2.0
    >>> require("no_such_package_xyz", extra="plot")
    Traceback (most recent call last):
    ...
    burden.errors.OptionalDependencyError: no_such_package_xyz: expected the plot extra: pip install 'burden[plot]', got None
    """
    top = module.partition(".")[0]
    name = extra or EXTRAS.get(top, top)
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        what = f" for {purpose}" if purpose else ""
        raise OptionalDependencyError(
            top, None, f"the {name} extra{what}: pip install 'burden[{name}]'"
        ) from exc
