"""Size limits: refuse up front a call that cannot finish, before allocating or looping.

Every analysis whose cost grows with an argument (players of an exact game, permutations,
design rows, trajectories, broadcast shapes, draws, horizons, year spans) estimates the
memory and the work of the call first and raises :class:`~burden.errors.LimitError` beyond
the limits, with a message naming the size, the estimate and the way out.

The limits are one setting, :class:`Limits`, read from the ``BURDEN_LIMITS`` environment
variable at import (e.g. ``BURDEN_LIMITS="memory=16GiB,work=1e11"``) and changed with
:func:`set_limits` (for the session) or :func:`limits` (a ``with`` block).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from burden.errors import InvalidInputError, LimitError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "Limits",
    "check_environment",
    "check_memory",
    "check_work",
    "check_year_span",
    "get_limits",
    "limits",
    "set_limits",
]

_UNITS: Final = {
    "": 1,
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
}


@dataclass(frozen=True, slots=True)
class Limits:
    """What one call may use before burden refuses it.

    Attributes
    ----------
    memory : int, default 2 GiB
        Bytes of the largest arrays one call would allocate (estimated up front).
    work : int, default 2e10
        Elementary steps of one call (array elements times passes, LP rows, model draws
        times inputs): about a minute of vectorised numpy on one core.
    year_span : int, default 301
        Years in one report, comparison or scenario (1900-2200 is 301).
    toml_depth : int, default 32
        Nesting depth of a TOML scenario file.

    Examples
    --------
    >>> import burden as bd
    >>> bd.get_limits().year_span
    301
    """

    memory: int = 2 * 2**30
    work: int = 2 * 10**10
    year_span: int = 301
    toml_depth: int = 32

    def __post_init__(self) -> None:
        for spec in dataclasses.fields(self):
            value = getattr(self, spec.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InvalidInputError(f"limits.{spec.name}", value, "a positive integer")


def _parse_size(text: str, field: str) -> int:
    match = re.fullmatch(r"\s*([0-9.eE+]+)\s*([a-zA-Z]*)\s*", text)
    if not match or match.group(2).lower() not in _UNITS:
        raise InvalidInputError(field, text, "a number with an optional unit, e.g. 8GiB or 1e10")
    try:
        number = float(match.group(1)) * _UNITS[match.group(2).lower()]
    except ValueError:
        raise InvalidInputError(field, text, "a number, e.g. 8GiB or 1e10") from None
    if not math.isfinite(number) or number < 1:
        raise InvalidInputError(field, text, "a positive size")
    return int(number)


def _coerce(field: str, value: object) -> int:
    if isinstance(value, str):
        return _parse_size(value, field)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(field, value, "a positive integer or a size such as '8GiB'")
    return value


def _from_environment() -> Limits:
    text = os.environ.get("BURDEN_LIMITS", "").strip()
    if not text:
        return Limits()
    values: dict[str, int] = {}
    names = {f.name for f in dataclasses.fields(Limits)}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in names:
            raise InvalidInputError(
                "BURDEN_LIMITS", text, f"comma-separated key=value with keys {sorted(names)}"
            )
        values[key] = _coerce(f"BURDEN_LIMITS[{key}]", value)
    return Limits(**values)


_current: Limits = _from_environment()


def get_limits() -> Limits:
    """Return the limits in force.

    Examples
    --------
    >>> import burden as bd
    >>> bd.get_limits().memory >= 2**30
    True
    """
    return _current


def set_limits(
    *,
    memory: int | str | None = None,
    work: float | None = None,
    year_span: int | None = None,
    toml_depth: int | None = None,
) -> Limits:
    """Change the limits for the rest of the session; return the previous ones.

    Parameters
    ----------
    memory : int or str, optional
        Bytes, or a size such as ``"16GiB"``.
    work : int or float, optional
        Elementary steps, e.g. ``1e11``.
    year_span, toml_depth : int, optional
        See :class:`Limits`.

    Examples
    --------
    >>> import burden as bd
    >>> old = bd.set_limits(memory="8GiB")
    >>> bd.get_limits().memory
    8589934592
    >>> _ = bd.set_limits(memory=old.memory)
    """
    global _current  # noqa: PLW0603 - one process-wide setting, like numpy's seterr
    previous = _current
    given = {"memory": memory, "work": work, "year_span": year_span, "toml_depth": toml_depth}
    changes = {k: _coerce(f"limits.{k}", v) for k, v in given.items() if v is not None}
    _current = dataclasses.replace(previous, **changes)
    return previous


@contextlib.contextmanager
def limits(
    *,
    memory: int | str | None = None,
    work: float | None = None,
    year_span: int | None = None,
    toml_depth: int | None = None,
) -> Iterator[Limits]:
    """Raise (or lower) the limits inside a ``with`` block only.

    Examples
    --------
    >>> import burden as bd
    >>> with bd.limits(work=10**12) as now:
    ...     now.work
    1000000000000
    """
    previous = set_limits(memory=memory, work=work, year_span=year_span, toml_depth=toml_depth)
    try:
        yield _current
    finally:
        set_limits(**dataclasses.asdict(previous))


def _bytes(n: float) -> str:
    for unit, size in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n:.0f} bytes"


def check_memory(field: str, size: str, nbytes: float, *, way_out: str) -> None:
    """Raise :class:`LimitError` if a call would allocate more than ``limits.memory``.

    Parameters
    ----------
    field : str
        The argument that sets the size.
    size : str
        The size in words, e.g. ``"30 players (2**30 coalitions)"``.
    nbytes : float
        Estimated bytes of the largest arrays.
    way_out : str
        What to do instead (chunks, sampling, a smaller design).

    Examples
    --------
    >>> check_memory("n", "10 draws", 80.0, way_out="")
    """
    limit = _current.memory
    if nbytes > limit:
        raise LimitError(
            field,
            size,
            f"a call needing at most {_bytes(limit)} (the memory limit), not about "
            f"{_bytes(nbytes)}",
            hint=f"{way_out}; or raise the limit: bd.set_limits(memory=...) or "
            "BURDEN_LIMITS=memory=... (see docs/reliability.md)",
        )


def check_work(field: str, size: str, steps: float, *, way_out: str) -> None:
    """Raise :class:`LimitError` if a call would take more than ``limits.work`` steps.

    Examples
    --------
    >>> check_work("horizon", "10 rounds", 10.0, way_out="")
    """
    limit = _current.work
    if steps > limit:
        raise LimitError(
            field,
            size,
            f"a call of at most {limit:.3g} elementary steps (the work limit), not about "
            f"{steps:.3g}",
            hint=f"{way_out}; or raise the limit: bd.set_limits(work=...) or "
            "BURDEN_LIMITS=work=... (see docs/reliability.md)",
        )


def check_year_span(field: str, first: int, last: int) -> None:
    """Raise :class:`LimitError` if ``last - first + 1`` exceeds ``limits.year_span``.

    Examples
    --------
    >>> check_year_span("years", 2020, 2030)
    """
    span = last - first + 1
    if span > _current.year_span:
        raise LimitError(
            field,
            f"{first}-{last}",
            f"at most {_current.year_span} years (the year-span limit), not {span}",
            hint="choose a shorter span, or raise it: bd.set_limits(year_span=...)",
        )


def check_environment() -> None:
    """Raise if the ``BURDEN_LIMITS`` environment variable is malformed (the CLI's check).

    The limits in force are not changed: they were read at import, and
    :func:`set_limits` may have changed them since.

    Examples
    --------
    >>> check_environment()
    """
    _from_environment()
