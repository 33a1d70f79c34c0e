"""Formatting figures for people: money, ranges, risks. Presentation only, no arithmetic on
model outputs beyond unit conversion."""

from __future__ import annotations

from collections.abc import Callable

from core.result import Comparison, Result
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
    return f"{number(d.headline)} in 10,000 (P10–P90 {number(d.p10)}–{number(d.p90)})"


def _namer(result: Result, limit: int, bold: bool) -> Callable[[str], str]:
    def name(vid: str) -> str:
        n = result.vehicle(vid).vehicle.name
        n = short_name(n, limit) if limit else n
        return f"<b>{n}</b>" if bold else n

    return name


def cheaper_sentence(
    result: Result, cmp: Comparison, limit: int = 24, bold: bool = False, years: bool = False
) -> str:
    """ "A is cheaper than B in 87% of paired draws": said only when one vehicle is cheaper in
    more than half the draws, always with the share; otherwise "neither is reliably cheaper"."""
    name = _namer(result, limit, bold)
    over = f" over {result.scenario.years} years" if years else ""
    side = cmp.cheaper()
    if side is None:
        return (
            f"Neither {name(cmp.a)} nor {name(cmp.b)} is reliably cheaper{over}: "
            f"{name(cmp.a)} costs less in {percent(cmp.p_a_cheaper)} of paired draws"
        )
    win, lose, share = side
    return f"{name(win)} is cheaper than {name(lose)}{over} in {percent(share)} of paired draws"


def cheaper_cell(result: Result, cmp: Comparison, limit: int = 16) -> str:
    """The same rule in a table cell: "N-Box, in 87% of paired draws", or "Neither reliably
    (N-Box costs less in 49% of paired draws)"."""
    name = _namer(result, limit, False)
    side = cmp.cheaper()
    if side is None:
        return (
            f"Neither reliably ({name(cmp.a)} costs less in {percent(cmp.p_a_cheaper)} of "
            "paired draws)"
        )
    win, _lose, share = side
    return f"{name(win)}, in {percent(share)} of paired draws"


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
