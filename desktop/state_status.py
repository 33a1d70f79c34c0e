"""Tile-map statuses for the states table (titling and road status of 25+-year-old kei vehicles),
as the models see them: the state-override lever applied by core.policy.effective."""

from __future__ import annotations

from core.policy.effective import effective_state_row
from core.result import Result
from desktop.state_map import TileStatus

# status -> (word, symbol, colour): Okabe-Ito colours, each with its own symbol
STYLE = {
    "allowed": ("Road legal", "✓", "#009E73"),
    "restricted": ("Restricted roads", "◐", "#56B4E9"),
    "off_road_only": ("Off-road only", "○", "#E69F00"),
    "banned": ("Not allowed", "✗", "#D55E00"),
    "unclear": ("Unclear / conflicting", "?", "#BBBBBB"),
}


def state_statuses(result: Result) -> dict[str, TileStatus]:
    cat = result.catalog
    if "states" not in cat.tables:
        return {}
    levers = result.scenario.levers
    out: dict[str, TileStatus] = {}
    for code in cat.table("states").by_key:
        row = effective_state_row(cat, levers, str(code))
        status = str(row["kei_status"])
        word, sym, colour = STYLE.get(status, STYLE["unclear"])
        cap = row.get("kei_road_cap_mph")
        detail = str(row.get("kei_rule") or "")
        if cap:
            detail += f" (roads up to {cap:g} mph)"
        if code in levers.state_overrides:
            detail = f"Set by a policy lever: {word.lower()}" + (
                f", roads up to {cap:g} mph" if cap else ""
            )
        elif row.get("in_flux"):
            detail += " · in flux"
        detail += f" · as of {row['as_of']}"
        out[str(code)] = TileStatus(status, word, sym, colour, detail)
    return out
