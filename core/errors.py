"""Errors a user can read: each names the field (or file, row, column) and what is allowed."""

from __future__ import annotations

from typing import Any

# floating-point slack for range checks (a share computed as 1 - x may come out -1e-16)
RANGE_TOLERANCE = 1e-9

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


class ModelRangeError(KeiWhatIfError):
    """A model output left its possible range in some draw (a negative death count, a share
    above 1): the inputs allow a combination the model cannot represent. Shown, never drawn."""

    def __init__(self, quantity: str, worst: float, allowed: str) -> None:
        self.quantity = quantity
        super().__init__(
            f"{_cut(quantity)}: a draw of {worst:.4g} is outside {allowed}; "
            "check the overrides for a combination the model cannot represent"
        )


def require_in_range(
    quantity: str, draws: Any, lo: float | None = 0.0, hi: float | None = None
) -> None:
    """Every draw of a quantity within [lo, hi] (counts, prices and values are >= 0; shares
    lie in [0, 1]); raises ModelRangeError naming the quantity otherwise. NaN fails too."""
    import numpy as np

    arr = np.asarray(draws, dtype=float)
    bad = ~np.isfinite(arr)
    if lo is not None:
        bad |= arr < lo - RANGE_TOLERANCE
    if hi is not None:
        bad |= arr > hi + RANGE_TOLERANCE
    if np.any(bad):
        worst = float(arr[bad].flat[0])
        lo_s = "-inf" if lo is None else f"{lo:g}"
        hi_s = "inf" if hi is None else f"{hi:g}"
        raise ModelRangeError(quantity, worst, f"[{lo_s}, {hi_s}]")
