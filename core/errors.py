"""Errors a user can read: each names the field (or file, row, column) and what is allowed."""

from __future__ import annotations


class KeiWhatIfError(Exception):
    """Base class for every error the app turns into a message instead of a traceback."""


class ValidationError(KeiWhatIfError, ValueError):
    """A scenario input is out of range or of the wrong type."""

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field}: {value!r} is not allowed; expected {allowed}")


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
