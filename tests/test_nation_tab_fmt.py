"""The Nation tab says its figures as every other surface does (desktop/fmt.py)."""

from __future__ import annotations

from desktop.tabs.nation_tab import _range, tile_statuses


def test_cost_gap_tiles_say_money_with_a_minus_sign() -> None:
    st = tile_statuses({"TX": -5000.0, "CA": 7250.4}, "cost_gap")
    assert st["TX"].detail == "Texas: −$5,000"  # was "$-5,000"
    assert st["TX"].label == "below −$5,000"
    assert st["CA"].label == "$5,000 and up" and st["CA"].detail == "California: $7,250"


def test_legal_share_and_risk_tiles() -> None:
    assert tile_statuses({"TX": 0.45}, "legal_share")["TX"].detail == "Texas: 45%"
    assert tile_statuses({"TX": 0.45}, "legal_share")["TX"].label == "40% to 60%"
    risk = tile_statuses({"TX": -0.7, "NY": 0.25}, "risk_change")
    assert risk["TX"].label == "−2.00 to −0.50" and risk["TX"].detail == "Texas: −0.70"
    assert risk["NY"].detail == "New York: +0.25"


def test_table_ranges() -> None:
    row = {
        "uptake_new_p10": 0.0012, "uptake_new_p50": 0.0123, "uptake_new_p90": 0.05,
        "money_saved_usd_p10": -2_500_000.0, "money_saved_usd_p50": 1_200.4,
        "money_saved_usd_p90": 9_000_000.0,
        "total_deaths_p10": -3.456, "total_deaths_p50": 12.34, "total_deaths_p90": 250.0,
    }  # fmt: skip
    assert _range(row, "uptake_new", pct=True) == ("1.23% (0.12% to 5.00%)", 0.0123)
    assert _range(row, "money_saved_usd") == ("$1,200 (−$2,500,000 to $9,000,000)", 1_200.4)
    assert _range(row, "total_deaths") == ("12.3 (-3.46 to 250)", 12.34)
    assert _range(row, "buyers") == ("", 0.0)
