"""Tile-map statuses: what one vehicle may do in each state, under today's law or a package.

Every tile asks core for the vehicle's operating class in that state
(core.policy.operating_class: the same function the models use), so the map can never disagree
with the scorecard. This module only turns a class into words, a symbol and a colour.
"""

from __future__ import annotations

from html import escape

from core.data.states import STATE_CODES
from core.policy.operating_class import OperatingClass, operating_class
from core.result import Result
from core.scenario.levers import PolicyLevers
from desktop.state_map import TileStatus

# key -> (word, symbol, colour): Okabe-Ito colours, each with its own symbol; a capped tile
# shows its cap (≤35), so two caps never differ by colour alone
STYLE = {
    "any": ("Any road", "✓", "#009E73"),
    "fast": ("Roads ≤ {cap} mph", "≤{cap}", "#0072B2"),
    "slow": ("Roads ≤ {cap} mph", "≤{cap}", "#56B4E9"),
    "limited_use": ("Farm / collector plates only", "◔", "#F0E442"),
    "off_road_only": ("Off-road only", "○", "#E69F00"),
    "banned": ("Not allowed", "✗", "#D55E00"),
    "unknown": ("Unverified: assumed ≤ {cap} mph", "?", "#BBBBBB"),
}
# Caps at or above this are drawn darker (open roads) than town-street caps.
FAST_CAP_MPH = 45.0
CONFIDENCE_WORDS = {
    "high": "high (statute read)",
    "medium": "medium (agency text read)",
    "low": "low (secondary source only)",
    "assumption": "assumption",
}


def levers_for(result: Result, package: str | None) -> PolicyLevers:
    """The levers of the named package, or the scenario's own (today's law plus its levers)."""
    for p in result.scenario.packages:
        if p.name == package:
            return p.levers
    return result.scenario.levers


def state_statuses(
    result: Result, vehicle_id: str | None = None, package: str | None = None
) -> dict[str, TileStatus]:
    """One tile per state for the vehicle (default: the first in the scenario)."""
    cat = result.catalog
    if "state_rules" not in cat.tables or not result.scenario.vehicles:
        return {}
    vid = vehicle_id if vehicle_id in result.scenario.vehicles else result.scenario.vehicles[0]
    vehicle = cat.vehicle(str(vid))
    levers = levers_for(result, package)
    return {code: tile(operating_class(vehicle, code, levers, cat)) for code in STATE_CODES}


def tile(oc: OperatingClass) -> TileStatus:
    cap = oc.road_cap_mph
    if oc.status == "unknown":
        key = "unknown"
    elif cap is None:
        key = "any"
    elif cap <= 0:
        key = oc.status if oc.status in STYLE else "banned"
    else:
        key = "fast" if cap >= FAST_CAP_MPH else "slow"
    word, sym, colour = STYLE[key]
    if "{cap}" in word:
        shown = f"{cap:g}" if cap is not None else "?"
        word, sym = word.format(cap=shown), sym.format(cap=shown)
        key = f"{key}{shown}"
    return TileStatus(key, word, sym, colour, _detail(oc))


def _detail(oc: OperatingClass) -> str:
    """Tooltip text (rich text): the rule, the road cap, the citation and the confidence."""
    cap = oc.road_cap_mph
    road = (
        "any road"
        if cap is None
        else "no public road"
        if cap <= 0
        else f"roads posted {cap:g} mph or less"
    )
    if oc.assumed_cap:
        road += " (assumed: no verified rule; change unknown_rule_road_cap_mph)"
    lines = [
        f"As a {escape(oc.label)}"
        + (f", governed to {oc.top_speed_mph:g} mph" if oc.governed else ""),
        f"Rule: {escape(oc.conditions)}",
        f"Road cap: {road}",
        f"Citation: {escape(oc.citation)}",
        f"Confidence: {CONFIDENCE_WORDS.get(oc.confidence, oc.confidence)} · as of {escape(oc.as_of)}",
    ]
    if oc.lever:
        lines.append("Set by a policy lever")
    elif oc.in_flux:
        lines.append("In flux" + (f": {escape(oc.pending)}" if oc.pending else ""))
    return "<br>".join(lines)
