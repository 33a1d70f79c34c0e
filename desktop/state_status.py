"""Map a result's state table to tile-map statuses (adapter to core's feasibility data)."""

from __future__ import annotations

from core.result import Result
from desktop.state_map import TileStatus


def state_statuses(result: Result) -> dict[str, TileStatus]:
    cat = result.catalog
    if "states" not in cat.tables:
        return {}
    out: dict[str, TileStatus] = {}
    for row in cat.table("states").rows:
        status = str(row.get("kei_status", "unclear"))
        out[str(row["state"] if "state" in row else row["id"])] = TileStatus(
            status, status, "?", "#cccccc", f"{row.get('source', '')} ({row.get('as_of', '')})"
        )
    return out
