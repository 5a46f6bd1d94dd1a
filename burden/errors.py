"""The exceptions burden raises.

Every error names the field that was wrong, the value it got and what was expected,
so that a message read on its own says what to fix. Each subclass also inherits
the builtin exception a Python user would try to catch (``ValueError``,
``LookupError``, ``TypeError``).
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

__all__ = [
    "BurdenError",
    "BurdenWarning",
    "InfeasibleError",
    "InvalidInputError",
    "LimitError",
    "MissingDataError",
    "OptionalDependencyError",
    "UnitMismatchError",
]

_MAX_SHOWN: Final = 6

_PYTHON_ONLY: Final = (
    "MoneyContext",
    "pd.Series",
    "Series(",
    "context=",
    "bd.",
    "keep_samples",
    "with_projection",
    "with_per_usd",
    "with_price_index",
    "set_limits",
)
"""Words of a hint that only a Python user can act on: the CLI and scenario files give
their own fix instead (:func:`_without_python`)."""


def _without_python(hint: str) -> list[str]:
    """Return the parts (``"; "``-separated) of `hint` that name no Python call."""
    return [part for part in hint.split("; ") if part and not _names_python(part)]


def _names_python(text: str) -> bool:
    """Whether `text` names a Python call or parameter (see ``_PYTHON_ONLY``)."""
    return any(word in text for word in _PYTHON_ONLY)


def _show(value: object) -> str:
    """Render a bad value briefly, on one line: small arrays in full, others summarised."""
    if isinstance(value, np.ndarray):
        if value.size <= _MAX_SHOWN and value.dtype != object:
            text = f"array({value.tolist()!r})"
            if len(text) <= 200:
                return text
        return f"array of shape {value.shape} and dtype {value.dtype}"
    kind = type(value).__name__
    if kind == "DataFrame":
        shape = getattr(value, "shape", ())
        return f"DataFrame of shape {shape}"
    if kind in {"Series", "Index"}:
        index: Any = getattr(value, "index", value)
        head = ", ".join(repr(v) for v in list(index[:3]))
        more = ", ..." if len(index) > 3 else ""
        dtype = getattr(value, "dtype", "?")
        return f"{kind} of length {len(index)} and dtype {dtype}, index [{head}{more}]"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a broken __repr__ must not hide the real error
        text = f"<{kind}>"
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197] + "..."


class BurdenError(Exception):
    """Root of every error raised by burden.

    Parameters
    ----------
    field : str
        Dotted name of the input that was wrong, e.g. ``"Agreement.base_amount"``.
    value : object
        The value received.
    expected : str
        What would have been accepted, in words.
    hint : str, optional
        One more sentence on how to fix it.

    Examples
    --------
    >>> import burden as bd
    >>> try:
    ...     bd.Fixed(float("nan"))
    ... except bd.BurdenError as err:
    ...     print(err.field)
    Fixed.rate
    """

    def __init__(self, field: str, value: object, expected: str, *, hint: str = "") -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.hint = hint
        super().__init__(self._message(field, hint))

    def _message(self, field: str, hint: str) -> str:
        """Return the message with `field` and `hint` (the CLI and files name their own)."""
        message = f"{field}: expected {self.expected}, got {_show(self.value)}"
        return f"{message}; {hint}" if hint else message

    def __str__(self) -> str:
        # LookupError subclasses would otherwise quote the message like a dict key.
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its fields, so that an error raised in a worker process (an
        # executor running a model) reaches the caller as the same BurdenError.
        return (_rebuild, (type(self), self.field, self.value, self.expected, self.hint))


def _rebuild(
    cls: type[BurdenError], field: str, value: object, expected: str, hint: str
) -> BurdenError:
    return cls(field, value, expected, hint=hint)


class InvalidInputError(BurdenError, ValueError):
    """A value is out of range, of the wrong shape, NaN, or inconsistent with another."""


class LimitError(InvalidInputError):
    """A call would need more memory or work than the limits allow (see ``bd.set_limits``)."""


class MissingDataError(BurdenError, LookupError):
    """A currency, year, series or name that burden does not have."""


class OptionalDependencyError(MissingDataError, ImportError):
    """An optional package is not installed; the message names the extra to install.

    Also an :class:`ImportError` (what Python code catches for a missing package) and,
    for code written against burden 0.1, a :class:`MissingDataError`. ``field`` is the
    package, ``name`` (as on any ImportError) its import name.

    Examples
    --------
    >>> from burden.errors import OptionalDependencyError
    >>> err = OptionalDependencyError("matplotlib", None, "the plot extra")
    >>> isinstance(err, ImportError), err.name
    (True, 'matplotlib')
    """

    def __init__(self, field: str, value: object, expected: str, *, hint: str = "") -> None:
        super().__init__(field, value, expected, hint=hint)
        self.name = field


class UnitMismatchError(BurdenError, TypeError):
    """Amounts in different currencies or price bases were combined without converting."""


class InfeasibleError(BurdenError, ValueError):
    """The inputs admit no answer (for example floors that sum above the total)."""


class BurdenWarning(UserWarning):
    """A result is usable but not everywhere: some entries are NaN and a mask says which.

    burden warns (rather than raising) only where part of a batch has no finite answer,
    for example a ratio against a zero amount; see ``docs/reliability.md``.
    """
