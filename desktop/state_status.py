"""Tile-map statuses for the states table (titling and road status of 25+-year-old kei vehicles),
with the scenario's state-override lever applied."""

from __future__ import annotations

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
    overrides = dict(getattr(result.scenario.levers, "state_overrides", {}) or {})
    out: dict[str, TileStatus] = {}
    for row in cat.table("states").rows:
        code = str(row["state"])
        status = str(overrides.get(code, row.get("kei_status", "unclear")))
        word, sym, colour = STYLE.get(status, STYLE["unclear"])
        cap = row.get("kei_road_cap_mph")
        detail = str(row.get("kei_rule") or "")
        if cap:
            detail += f" (roads up to {cap:g} mph)"
        if code in overrides:
            detail = f"Policy lever: set to {word.lower()}. Today: {detail}"
        if row.get("in_flux"):
            detail += " · in flux"
        detail += f" · as of {row['as_of']}"
        out[code] = TileStatus(status, word, sym, colour, detail)
    return out
