"""Formatting figures for people: money, ranges, risks. Presentation only, no arithmetic on
model outputs beyond unit conversion."""

from __future__ import annotations

import html

from core.result import Comparison, Result, VehicleResult
from core.uncertain import Dist

# The one sentence that explains the headline figure (cards, kiosk, PDF tooltips and notes).
HEADLINE_NOTE = (
    "The figure shown is the median of the Monte Carlo draws: half the draws cost more, half "
    "less, and it always lies inside the P10–P90 range shown beside it."
)


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


def cheaper_sentence(
    result: Result, cmp: Comparison, limit: int = 24, bold: bool = False, years: bool = False
) -> str:
    """ "A is cheaper than B in 87% of paired draws": said only when one vehicle is cheaper in
    more than half the draws, always with the share; otherwise "neither is reliably cheaper"."""

    def name(vid: str) -> str:
        n = (
            short_name(result.vehicle(vid).vehicle.name, limit)
            if limit
            else (result.vehicle(vid).vehicle.name)
        )
        return f"<b>{n}</b>" if bold else n

    over = f" over {result.scenario.years} years" if years else ""
    side = cmp.cheaper()
    if side is None:
        return (
            f"Neither {name(cmp.a)} nor {name(cmp.b)} is reliably cheaper{over}: "
            f"{name(cmp.a)} costs less in {percent(cmp.p_a_cheaper)} of paired draws"
        )
    win, lose, share = side
    return f"{name(win)} is cheaper than {name(lose)}{over} in {percent(share)} of paired draws"


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


# -- every mile served (issue #14): one home for the words every surface uses ------------------
def _state_name(code: str) -> str:
    from core.data.states import STATE_NAMES

    return STATE_NAMES.get(code, code)


def not_legal_notice(vr: VehicleResult, state: str) -> str | None:
    """'Not legal to register in New York: <reason>' when the vehicle may use no public road in
    the state (core.policy.mobility), else None. The reason is the failing legal check's."""
    m = vr.mobility
    if m is None or m.registrable:
        return None
    name = _state_name(state)
    checks = vr.feasibility.checks
    chk = next((c for c in checks if c.group == "legal" and c.status == "fail"), None)
    if chk is None:
        chk = next((c for c in checks if c.status == "fail"), None)
    reason = chk.reason if chk is not None else "no public-road use"
    for prefix in (f"{name}: ", f"{state}: "):
        if reason.startswith(prefix):
            reason = reason[len(prefix) :]
    return f"Not legal to register in {name}: {reason}"


def travel_split(vr: VehicleResult) -> str:
    """'60% of your miles by ride-hailing or taxi (roads it may not legally use)', or ''."""
    m = vr.mobility
    if m is None or m.fallback_share <= 0.0:
        return ""
    from core.policy.mobility import REASON_LABELS

    top = max(m.by_reason, key=lambda k: m.by_reason[k])
    return (
        f"{percent(m.fallback_share)} of your miles by {m.fallback_label.lower()} "
        f"({REASON_LABELS[top]})"
    )


def travel_reasons(vr: VehicleResult) -> str:
    """'60% roads it may not legally use, 30% days longer than its range' (every reason), or ''."""
    m = vr.mobility
    if m is None or m.fallback_share <= 0.0:
        return ""
    from core.policy.mobility import REASON_LABELS, REASONS

    return ", ".join(
        f"{percent(m.by_reason[k])} {REASON_LABELS[k]}" for k in REASONS if m.by_reason[k] > 0
    )


def _served_note(vrs: list[VehicleResult]) -> str:
    served = [x for x in vrs if x.mobility is not None and x.mobility.fallback_share > 0]
    parts = [
        f"{short_name(x.vehicle.name, 24)}'s {percent(x.mobility.fallback_share)} by "
        f"{x.mobility.fallback_label.lower()}"
        for x in served
        if x.mobility is not None
    ]
    return ", ".join(parts)


def _crossing(year: float | None) -> str:
    # a crossing in the first weeks only says the purchase is cheaper; not worth a figure
    return (
        f" (cumulative costs cross in year {year:.1f})" if year is not None and year >= 0.1 else ""
    )


def comparison_sentence(result: Result, cmp: Comparison, state: str) -> str:
    """One comparison as a plain sentence, with every mile served and labelled as such."""
    a, b = result.vehicle(cmp.a), result.vehicle(cmp.b)
    txt = cheaper_sentence(result, cmp) + _crossing(cmp.break_even_year)
    note = _served_note([a, b])
    if note:
        txt += f", with every mile of your travel served ({note})"
    notice = not_legal_notice(a, state)
    if notice is not None:
        return f"{short_name(a.vehicle.name, 24)}: {notice}. {txt}."
    return txt + "."


def comparisons_summary(result: Result) -> str:
    """All comparisons with the first vehicle in one short line (rich text, the cards row)."""
    if not result.comparisons:
        return ""
    parts = [
        cheaper_sentence(result, c, bold=True) + _crossing(c.break_even_year)
        for c in result.comparisons
    ]
    txt = " · ".join(parts)
    note = _served_note(list(result.vehicles))
    if note:
        txt = f"Every mile of your travel served ({html.escape(note)}): " + txt
    first = result.vehicles[0]
    if not_legal_notice(first, result.scenario.state) is not None:
        name = html.escape(short_name(first.vehicle.name, 24))
        txt = (
            f"<b>{name}: not legal to register in {_state_name(result.scenario.state)}.</b> " + txt
        )
    return txt + "."
