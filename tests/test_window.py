"""The calculator window: inputs drive the charts and cards; modes keep values; the map picks."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from core.data.catalog import Catalog


@pytest.fixture()
def window(make_window):  # type: ignore[no-untyped-def]
    return make_window(wait=False)


def _bar_heights(window) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.asarray(window.cost_tab.stack_heights["depreciation"], dtype=float)


def test_changing_mileage_changes_cards_and_charts(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    before_card = window.cards.cards[0].cost.text()
    before_cum = window.cost_tab.cum_curves[0].getData()[1].copy()
    before_total = window.controller.result.vehicles[0].cost.total_usd.central
    sc = window.controller.scenario
    window.inputs.miles.spin.setValue(sc.annual_miles * 2)
    window.controller.wait_idle()
    assert window.controller.scenario.annual_miles == pytest.approx(sc.annual_miles * 2)
    after_total = window.controller.result.vehicles[0].cost.total_usd.central
    assert after_total > before_total
    assert window.cards.cards[0].cost.text() != before_card
    assert not np.allclose(window.cost_tab.cum_curves[0].getData()[1], before_cum)


def test_switching_modes_keeps_every_value(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window.inputs.years.spin.setValue(7)
    window.controller.wait_idle()
    sc = window.controller.scenario
    window.set_mode("policymaker")
    assert window.inputs.advanced.isVisibleTo(window)
    window.set_mode("buyer")
    assert not window.inputs.advanced.isVisibleTo(window)
    assert window.controller.scenario == sc
    assert window.inputs.years.value() == 7


def test_units_switch_shows_kilometres_but_keeps_miles(window) -> None:  # type: ignore[no-untyped-def]
    miles = window.controller.scenario.annual_miles
    window.set_units("metric")
    assert window.inputs.miles.value() == pytest.approx(miles * 1.609344, abs=1)
    assert "/km" in window.cards.cards[0].cost.toolTip()
    assert window.controller.scenario.annual_miles == miles
    window.set_units("us")
    assert window.inputs.miles.value() == pytest.approx(miles, abs=1)


def test_picking_a_state_on_the_map_updates_the_scenario(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt import QtCore

    tab = window.feas_tab
    window.tabs.setCurrentWidget(tab)
    tab.map.resize(600, 400)
    target = "CA" if window.controller.scenario.state != "CA" else "TX"
    centre = tab.map.tile_rect(target).center().toPoint()
    qtbot.mouseClick(tab.map, QtCore.Qt.MouseButton.LeftButton, pos=centre)
    window.controller.wait_idle()
    assert window.controller.scenario.state == target
    assert window.controller.result.scenario.state == target
    assert tab.map.selected == target


def test_undo_and_redo_restore_inputs(window) -> None:  # type: ignore[no-untyped-def]
    start = window.controller.scenario
    window.inputs.years.spin.setValue(9)
    window.controller.wait_idle()
    assert window.controller.scenario.years == 9
    window.undo_action.trigger()
    window.controller.wait_idle()
    assert window.controller.scenario == start
    assert window.inputs.years.value() == start.years
    window.redo_action.trigger()
    window.controller.wait_idle()
    assert window.controller.scenario.years == 9


def test_a_slider_drag_is_one_undo_step(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    slider = window.inputs.miles.slider
    stack = window.controller.undo_stack
    count = stack.count()
    slider.setSliderDown(True)
    window.inputs.miles._pressed()
    for v in range(slider.value() + 1, slider.value() + 15):
        slider.setValue(v)
    slider.setSliderDown(False)
    assert stack.count() == count + 1


def test_every_vehicle_pair_renders(window, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    """Each unordered pair once through the model and every tab (the views treat the two
    columns alike, so (b, a) adds nothing that (a, b) did not check; the self-test still
    evaluates every ordered pair). Painting every chart is the slow part and depends on one
    column's data at a time: it runs for a cycle of pairs that puts every vehicle in each
    column once."""
    base = window.controller.scenario.with_(draws=200)
    vids = list(catalog.vehicles)
    cycle = [(vids[i], vids[(i + 1) % len(vids)]) for i in range(len(vids))]

    def show(a: str, b: str) -> None:
        window.controller.set_scenario(base.with_(vehicles=(a, b)))
        assert window.controller.recompute_now() is not None
        window.refresh_all_tabs()  # every tab takes the pair's data, not just the front one
        assert len(_bar_heights(window)) == 2
        total_heights = sum(window.cost_tab.stack_heights.values())
        assert np.all(total_heights > 0), (a, b)

    # the cycle's pairs are among the combinations but for its closing (last, first)
    for a, b in [*itertools.combinations(vids, 2), (vids[-1], vids[0])]:
        show(a, b)
        if (a, b) not in cycle:
            continue
        for name, widget in window.chart_widgets().items():
            img = widget.grab().toImage()
            assert img.width() > 0 and img.height() > 0, (name, a, b)


def test_every_input_has_an_accessible_name(window) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt import QtWidgets

    kinds = (
        QtWidgets.QAbstractSpinBox,
        QtWidgets.QComboBox,
        QtWidgets.QAbstractSlider,
        QtWidgets.QCheckBox,
        QtWidgets.QLineEdit,
    )
    missing = []
    for w in window.findChildren(QtWidgets.QWidget):
        if isinstance(w, kinds) and w.isVisibleTo(window) and not w.accessibleName():
            if isinstance(w, QtWidgets.QLineEdit) and isinstance(
                w.parent(), QtWidgets.QAbstractSpinBox | QtWidgets.QComboBox
            ):
                continue
            if isinstance(w, QtWidgets.QAbstractSlider) and isinstance(
                w.parent(), QtWidgets.QAbstractScrollArea | QtWidgets.QScrollBar
            ):
                continue
            if isinstance(w, QtWidgets.QScrollBar):
                continue
            missing.append(f"{type(w).__name__} {w.objectName()}")
    assert not missing, missing


def test_policy_levers_change_the_scenario_and_packages_compare(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window.set_mode("policymaker")
    tab = window.policy_tab
    window.tabs.setCurrentWidget(tab)
    tab.allow_state.setChecked(True)
    window.controller.wait_idle()
    sc = window.controller.scenario
    assert sc.levers.state_overrides.get(sc.state) == "allowed"
    tab.add_pkg.click()
    window.controller.wait_idle()
    sc = window.controller.scenario
    assert len(sc.packages) == 1 and sc.levers.is_status_quo
    # the package columns are computed once a burst of changes pauses
    qtbot.waitUntil(lambda: tab.table.columnCount() == 2, timeout=5000)
    assert tab.table.columnCount() == 2
    assert tab.table.horizontalHeaderItem(1).text() == "Package 1"
    window.undo_action.trigger()
    window.controller.wait_idle()
    assert window.controller.scenario.packages == ()


def test_compliance_curve_moves_with_volume(window) -> None:  # type: ignore[no-untyped-def]
    window.set_mode("policymaker")
    tab = window.policy_tab
    window.tabs.setCurrentWidget(tab)
    y_before = tab.curve.getData()[1].copy()
    tab.fixed.setValue(tab.fixed.value() * 2)
    window.controller.wait_idle()
    y_after = tab.curve.getData()[1]
    assert (y_after > y_before).all()


def test_hidden_tabs_catch_up_when_shown(window) -> None:  # type: ignore[no-untyped-def]
    """Only the visible tab redraws on a change; a tab brought to front shows the latest result."""
    window.tabs.setCurrentWidget(window.cost_tab)
    window.inputs.years.spin.setValue(9)
    window.controller.wait_idle()
    window.tabs.setCurrentWidget(window.safety_tab)
    assert (
        "9 years" in window.safety_tab.bar_panel.summary.text()
        or window.controller.result.scenario.years == 9
    )
    own = window.safety_tab.own_bars.opts["height"]
    expected = [
        vr.safety.occupant_deaths_per_10k_owners.headline
        for vr in window.controller.result.vehicles
    ]
    assert list(own) == expected


def test_policy_packages_and_solver_run_off_the_gui_thread(
    window, qtbot: QtBot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The Policy tab asks the controller's worker; it never evaluates on the GUI thread."""
    import threading

    import core.engine
    import core.inverse

    threads: list[str] = []
    real_evaluate = core.engine.evaluate

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real_evaluate(*args, **kwargs)

    monkeypatch.setattr(core.engine, "evaluate", spy)
    monkeypatch.setattr(core.inverse, "evaluate", spy, raising=False)
    window.set_mode("policymaker")
    tab = window.policy_tab
    window.tabs.setCurrentWidget(tab)
    tab.allow_state.setChecked(True)
    window.controller.wait_idle()
    tab.add_pkg.click()
    window.controller.wait_idle()
    qtbot.waitUntil(lambda: tab.table.columnCount() == 2, timeout=10000)
    tab._solve("incentive")
    window.controller.wait_queries()
    assert "Solving" not in tab.solve_answer.text()
    assert threads, "nothing was evaluated"
    assert threading.main_thread().name not in threads
