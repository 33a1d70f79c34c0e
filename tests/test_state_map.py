"""The state map follows the chosen vehicle and the chosen rules (today's law or a package).

Every tile comes from core.policy.operating_class, the function the models use, so a tile can
never say "road legal" where the scorecard says the vehicle may not be driven.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from core.data.catalog import Catalog
from core.engine import evaluate
from core.result import Result
from core.scenario.levers import PolicyLevers, PolicyPackage
from tests.feasibility_helpers import scenario


@pytest.fixture(scope="module")
def result(catalog: Catalog) -> Result:
    pkg = PolicyPackage("Georgia opens", PolicyLevers(state_overrides={"GA": "allowed"}))
    sc = scenario(("carry_1995_import", "ami_2025", "versa_2025"), "TX", draws=200,
                  packages=(pkg,))  # fmt: skip
    return evaluate(sc, catalog)


@pytest.fixture()
def tab(qtbot: QtBot, result: Result):  # type: ignore[no-untyped-def]
    from desktop.app import create_app
    from desktop.state_status import state_statuses
    from desktop.tabs.feasibility_tab import FeasibilityTab

    create_app()
    t = FeasibilityTab(state_statuses)
    qtbot.addWidget(t)
    t.resize(1280, 640)
    t.show()
    t.show_result(result)
    return t


def _pick(combo, data) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())


def test_map_recolours_for_the_chosen_vehicle(tab) -> None:  # type: ignore[no-untyped-def]
    _pick(tab.vehicle, "carry_1995_import")
    carry = dict(tab.map.status)
    # Kei truck: Texas titles it with no road cap (SB 1816); Georgia bars it (MVD-2023-05).
    assert carry["TX"].label == "Any road" and carry["GA"].label == "Not allowed"
    assert carry["FL"].label == "Roads ≤ 35 mph"  # Fla. Stat. 316.2122
    _pick(tab.vehicle, "ami_2025")
    ami = dict(tab.map.status)
    # The Ami is a governed LSV: Texas streets posted <= 45 mph, Massachusetts <= 30 mph,
    # Georgia LSV streets: never the kei-truck colours, never "any road".
    assert ami["TX"].label == "Roads ≤ 45 mph" and ami["MA"].label == "Roads ≤ 30 mph"
    assert ami["GA"].label != carry["GA"].label
    assert all(t.label != "Any road" for t in ami.values())
    # The map and the scorecard agree: same road cap as the Ami's feasibility result in Texas.
    vr = tab._result.vehicle("ami_2025")
    assert ami["TX"].label == f"Roads ≤ {vr.feasibility.road_cap_mph:g} mph"
    _pick(tab.vehicle, "versa_2025")
    assert {t.label for t in tab.map.status.values()} == {"Any road"}


def test_map_recolours_for_a_policy_package(tab) -> None:  # type: ignore[no-untyped-def]
    _pick(tab.vehicle, "carry_1995_import")
    _pick(tab.rules, None)
    assert tab.map.status["GA"].label == "Not allowed"
    _pick(tab.rules, "Georgia opens")
    assert tab.map.status["GA"].label == "Any road"
    assert "policy lever" in tab.map.status["GA"].detail
    assert tab.map.status["NJ"].label == "Not allowed"  # other states keep today's law


def test_hover_shows_rule_road_cap_citation_and_confidence(tab, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt import QtCore, QtGui, QtWidgets

    _pick(tab.vehicle, "ami_2025")
    _pick(tab.rules, None)
    tab.map.resize(600, 420)
    pos = tab.map.tile_rect("MA").center().toPoint()
    ev = QtGui.QHelpEvent(QtCore.QEvent.Type.ToolTip, pos, tab.map.mapToGlobal(pos))
    tab.map.event(ev)
    tip = QtWidgets.QToolTip.text()
    assert "Massachusetts" in tip
    for word in ("Rule:", "Road cap: roads posted 30 mph or less", "c.90 §1F", "Confidence: high"):
        assert word in tip
    # An unverified rule says so, with the assumption it uses.
    _pick(tab.vehicle, "carry_1995_import")
    assert "assumed" in tab.map.status["IN"].detail and tab.map.status["IN"].symbol == "?"


def test_clicking_still_picks_the_state(tab, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt import QtCore

    tab.map.resize(600, 420)
    with qtbot.waitSignal(tab.state_picked) as got:
        centre = tab.map.tile_rect("OH").center().toPoint()
        qtbot.mouseClick(tab.map, QtCore.Qt.MouseButton.LeftButton, pos=centre)
    assert got.args == ["OH"]
