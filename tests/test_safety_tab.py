"""The Safety tab's "How we know" view and the occupancy error, in the running window."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from core.data.catalog import Catalog


@pytest.fixture()
def window(make_window):  # type: ignore[no-untyped-def]
    return make_window()


def test_how_we_know_shows_every_observed_figure_with_the_model(window, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    tab = window.safety_tab
    window.tabs.setCurrentWidget(tab)
    assert not tab.know_rows  # computed only when the view is opened
    tab.views.setCurrentIndex(1)
    window.controller.wait_queries()  # the model runs go through the controller's worker
    observed = catalog.table("safety_observed").rows
    # every observed figure, then two rows per catalogue vehicle (own, others) for scale
    assert len(tab.know_rows) == len(observed) + 2 * len(catalog.vehicles)
    assert tab.know_table.rowCount() == len(tab.know_rows)
    modelled = [r for r in tab.know_rows if r.model_p50 is not None and r.target]
    points = len(tab.know_in.data) + len(tab.know_out.data)
    assert points == len(modelled)
    # The IIHS 2020 minicar row: observed 153 beside the model's band and the ratio.
    i = next(i for i, r in enumerate(tab.know_rows) if r.id == "iihs2020_minicars")
    assert tab.know_table.item(i, 1).text().startswith("153 ")
    assert tab.know_table.item(i, 3).text() == f"{tab.know_rows[i].ratio:.2f}"
    assert "P10–P90" in tab.know_panel.summary.text()
    # A changed assumption reaches the view: a heavier partner fleet raises the minicar band.
    before = tab.know_rows[i].model_p50
    sc = window.controller.scenario
    window.controller.change(
        sc.with_(overrides={"partner_heavy_share_shift": 0.2}), "heavier partners"
    )
    window.controller.wait_idle()
    window.controller.wait_queries()
    after = next(r for r in tab.know_rows if r.id == "iihs2020_minicars").model_p50
    assert before is not None and after is not None and after > before


def test_occupancy_above_the_seats_is_shown_to_the_user(
    window, qtbot: QtBot, catalog: Catalog
) -> None:  # type: ignore[no-untyped-def]
    sc = window.controller.scenario.with_(vehicles=("carry_1995_import", "versa_2025"))
    window.controller.change(sc, "kei truck")
    window.controller.wait_idle()
    window.controller.change(sc.with_(occupancy=3.0), "three aboard")
    name = catalog.vehicle("carry_1995_import").name
    qtbot.waitUntil(lambda: "2 seats" in window.status.currentMessage(), timeout=10_000)
    assert name in window.status.currentMessage()
