"""Errors a user can read: each names the field (or file, row, column) and what is allowed."""

from __future__ import annotations

MAX_VALUE_CHARS = 60


def short(value: object, limit: int = MAX_VALUE_CHARS) -> str:
    """A value as it appears in a message: its repr, cut to ``limit`` characters (a bad 50 MB
    value must not make a 50 MB message)."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):
        text = f"<{type(value).__name__}>"
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cut(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class KeiWhatIfError(Exception):
    """Base class for every error the app turns into a message instead of a traceback."""


class ValidationError(KeiWhatIfError, ValueError):
    """A scenario input is out of range or of the wrong type."""

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(
            f"{_cut(field)}: {short(value)} is not allowed; expected {_cut(allowed, 400)}"
        )


class DataError(KeiWhatIfError):
    """A resource data file is missing, malformed or inconsistent."""

    def __init__(
        self, file: str, message: str, row: int | None = None, column: str | None = None
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        where = file
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")
