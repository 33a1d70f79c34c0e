"""Formatting figures for people: money, ranges, risks. Presentation only, no arithmetic on
model outputs beyond unit conversion."""

from __future__ import annotations

from core.uncertain import Dist


def money(x: float, digits: int = 0) -> str:
    sign = "−" if x < 0 else ""
    return f"{sign}${abs(x):,.{digits}f}"


def money_range(d: Dist, digits: int = 0) -> str:
    return f"{money(d.p10, digits)}–{money(d.p90, digits)}"


def number(x: float, digits: int = 1) -> str:
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:,.{max(digits - 1, 0)}f}" if digits > 1 else f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def per10k(d: Dist) -> str:
    return f"{number(d.central)} in 10,000 (P10–P90 {number(d.p10)}–{number(d.p90)})"


def percent(x: float, digits: int = 0) -> str:
    return f"{x * 100:.{digits}f}%"


def short_name(name: str, limit: int = 16) -> str:
    """A vehicle name for an axis tick: the model (and a short trim), without the make.

    "Nissan Versa S CVT (2025)" -> "Versa S"; "Ford F-150 XLT SuperCrew" -> "F-150 XLT".
    """
    words = (name.split("(")[0].strip() or name).split()
    if len(words) == 1:
        base = words[0]
    else:
        base = words[1]
        if len(words) > 2 and len(words[2]) <= 3 and words[2].isupper():
            base += " " + words[2]
    return base if len(base) <= limit else base[: limit - 1] + "…"
