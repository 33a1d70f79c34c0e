"""Kiosk: idle reset, lockdown (Esc, close, context menus, no dialogs), PIN gate, take-away."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.kiosk.config import KioskConfig, hash_pin, load_config, verify_pin

PIN = "4711"


@pytest.fixture()
def kiosk(make_kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from desktop.qt import QtWidgets

    def no_dialogs(*_a: object, **_k: object) -> None:
        raise AssertionError("a visitor path opened a file dialog")

    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QtWidgets.QFileDialog, name, no_dialogs)
    cfg = KioskConfig(idle_seconds=10, output_folder=str(tmp_path / "out"), pin_hash=hash_pin(PIN))
    return make_kiosk(cfg, size=(1920, 1080))


def test_pin_hash_round_trip() -> None:
    h = hash_pin("4711")
    assert verify_pin("4711", h)
    assert not verify_pin("4712", h)
    assert not verify_pin("4711", "garbage")
    assert "4711" not in h


def test_flow_attract_to_results_and_back(kiosk) -> None:  # type: ignore[no-untyped-def]
    assert kiosk.stack.currentWidget() is kiosk.attract
    kiosk.start_over_to_step1()
    assert kiosk.stack.currentWidget() is kiosk.step1
    assert kiosk.pick_buttons
    kiosk.pick_buttons[0].click()
    assert kiosk.stack.currentWidget() is kiosk.step2
    kiosk.miles.set_value(20000, emit=True)
    kiosk.show_results()
    kiosk.wait_for_results()
    assert kiosk.stack.currentWidget() is kiosk.step3
    assert kiosk.result is not None and kiosk.result.scenario.annual_miles == 20000
    assert "month" in kiosk.card_labels[0].text()
    assert not kiosk.qr.pixmap().isNull()
    kiosk.go_back()
    assert kiosk.stack.currentWidget() is kiosk.step2


def test_idle_reset_returns_to_attract_and_resets(kiosk, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    kiosk.start_over_to_step1()
    kiosk.pick_buttons[0].click()
    kiosk.years.set_value(12, emit=True)
    kiosk.show_results()
    kiosk.wait_for_results()
    assert kiosk.scenario.years == 12
    kiosk.idle.setInterval(50)
    kiosk.idle.start()
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.attract, timeout=2000)
    assert kiosk.scenario == kiosk.base_scenario()
    assert kiosk.result is None


def test_idle_reset_closes_popups(kiosk, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt import QtWidgets

    dialog = QtWidgets.QDialog(kiosk)
    dialog.show()
    assert dialog.isVisible()
    kiosk.ask_pin()  # the keypad is a page, not a popup: the reset leaves it too
    assert kiosk.stack.currentWidget() is kiosk.pinpad
    kiosk.idle_reset()
    assert not dialog.isVisible()
    assert kiosk.stack.currentWidget() is kiosk.attract


def test_escape_alt_f4_and_close_do_not_exit(kiosk, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt import Qt, QtCore, QtGui

    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    qtbot.keyClick(kiosk, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert kiosk.isVisible()
    ev = QtGui.QCloseEvent()
    QtCore.QCoreApplication.sendEvent(kiosk, ev)
    assert not ev.isAccepted()
    kiosk.close()
    assert kiosk.isVisible()


def test_no_context_menu_reaches_a_visitor(kiosk) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt import QtCore, QtGui, QtWidgets

    kiosk.start_over_to_step1()
    kiosk.pick_buttons[0].click()
    kiosk.show_results()
    kiosk.wait_for_results()
    targets = [
        kiosk.cost_plot.viewport(),
        kiosk.risk_plot.viewport(),
        kiosk.state_box,
        kiosk.card_labels[0],
    ]
    for t in targets:
        ev = QtGui.QContextMenuEvent(
            QtGui.QContextMenuEvent.Reason.Mouse,
            QtCore.QPoint(5, 5),
            t.mapToGlobal(QtCore.QPoint(5, 5)),
        )
        QtCore.QCoreApplication.sendEvent(t, ev)
        assert QtWidgets.QApplication.activePopupWidget() is None
        menus = [
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if isinstance(w, QtWidgets.QMenu) and w.isVisible()
        ]
        assert not menus
    for p in (kiosk.cost_plot, kiosk.risk_plot):
        assert not p.plotItem.vb.menuEnabled()


def test_every_visitor_button_is_dialog_free(kiosk, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """Press every visible button on every visitor page; the fixture fails on any file dialog."""
    from desktop.qt import QtWidgets

    kiosk.start_over_to_step1()
    kiosk.pick_buttons[0].click()
    kiosk.show_results()
    kiosk.wait_for_results()
    for page in (kiosk.step3, kiosk.step2, kiosk.step1):
        kiosk.stack.setCurrentWidget(page)
        for b in page.findChildren(QtWidgets.QPushButton):
            if b.isVisibleTo(page) and b.text() not in ("◀ Back", "Start over"):
                b.click()
                kiosk.stack.setCurrentWidget(page)
    assert QtWidgets.QApplication.activeModalWidget() is None


def test_pin_gate(kiosk) -> None:  # type: ignore[no-untyped-def]
    assert kiosk.ask_pin("0000") is False
    assert kiosk.stack.currentWidget() is not kiosk.operator
    assert kiosk.ask_pin(PIN) is True
    assert kiosk.stack.currentWidget() is kiosk.operator


def test_operator_changes_pin_and_settings(kiosk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert kiosk.ask_pin(PIN)
    kiosk.op_pin = kiosk.operator.pin
    kiosk.op_pin.setText("12")
    assert kiosk.operator_save() is False
    kiosk.op_pin.setText("9731")
    kiosk.operator.idle.set_value(120)
    assert kiosk.operator_save() is True
    saved = load_config(tmp_path / "kiosk.json")
    assert saved.idle_seconds == 120
    assert verify_pin("9731", saved.pin_hash) and not verify_pin(PIN, saved.pin_hash)
    raw = json.loads((tmp_path / "kiosk.json").read_text())
    assert "9731" not in json.dumps(raw)
    assert (tmp_path / "kiosk.json").stat().st_mode & 0o777 == 0o600
    assert kiosk.stack.currentWidget() is kiosk.attract
    assert kiosk.ask_pin(PIN) is False


def test_secret_gesture_needs_five_corner_taps(
    kiosk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt import QtCore

    asked: list[bool] = []
    monkeypatch.setattr(kiosk, "ask_pin", lambda pin=None: asked.append(True) or False)
    for _ in range(4):
        qtbot.mouseClick(kiosk, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(10, 10))
    qtbot.wait(20)
    assert not asked
    qtbot.mouseClick(kiosk, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(10, 10))
    qtbot.waitUntil(lambda: bool(asked), timeout=1000)


def test_operator_exit_closes(kiosk) -> None:  # type: ignore[no-untyped-def]
    assert kiosk.ask_pin(PIN)
    kiosk.operator_exit()
    assert not kiosk.isVisible()


def test_takeaway_pdf_and_qr_text(kiosk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    kiosk.start_over_to_step1()
    kiosk.pick_buttons[0].click()
    kiosk.show_results()
    kiosk.wait_for_results()
    path = kiosk.write_takeaway()
    assert path is not None and path.parent == tmp_path / "out"
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    assert kiosk.result is not None
    assert kiosk.result.vehicles[0].vehicle.name in kiosk.qr_text


def test_portrait_layout_has_no_clipped_pick_buttons(kiosk) -> None:  # type: ignore[no-untyped-def]
    kiosk.resize(1080, 1920)
    kiosk.apply_orientation()
    kiosk.start_over_to_step1()
    for b in kiosk.pick_buttons:
        assert b.height() >= 48 and b.width() >= 48


def test_operator_chooses_the_microcars_shown(kiosk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt import Qt

    assert kiosk.ask_pin(PIN)
    kiosk.operator.pin.setText("5858")
    lst = kiosk.operator.microcars
    for i in range(lst.count()):
        lst.item(i).setCheckState(Qt.CheckState.Checked if i < 2 else Qt.CheckState.Unchecked)
    chosen = {lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)}
    assert kiosk.operator_save()
    assert set(load_config(tmp_path / "kiosk.json").microcars) == chosen
    assert set(kiosk.microcar_ids()) == chosen
    assert len(kiosk.pick_buttons) == 2
    assert verify_pin("5858", load_config(tmp_path / "kiosk.json").pin_hash)


def _columns(grid) -> int:  # type: ignore[no-untyped-def]
    return 1 + max(grid.getItemPosition(i)[1] for i in range(grid.count()))


@pytest.mark.parametrize(
    ("orientation", "size", "tiles", "mix", "checks_at"),
    [
        # landscape: at most 3 tiles a row (1920 px fits 3), 3 road-mix buttons a row, the
        # feasibility checks beside the two charts
        ("landscape", (1920, 1080), 3, 3, (0, 2)),
        # portrait: 2 tiles and 2 road-mix buttons a row, the checks below the charts
        ("portrait", (1080, 1920), 2, 2, (1, 0)),
    ],
)
def test_fixed_orientation_lays_out_for_its_screen(
    make_kiosk,  # type: ignore[no-untyped-def]
    orientation: str,
    size: tuple[int, int],
    tiles: int,
    mix: int,
    checks_at: tuple[int, int],
) -> None:
    """A booth set to a fixed orientation lays its pages out for the screen it is given, as
    "auto" does on that screen (a fixed one kept the tiles of the unshown 640 px window and
    never placed the portrait results)."""
    for orient in (orientation, "auto"):
        w = make_kiosk(KioskConfig(pin_hash=hash_pin(PIN), orientation=orient), size=size, fit=True)
        assert _columns(w.step1.grid) == tiles, orient
        assert _columns(w.step2.mix_grid) == mix, orient
        grid = w.step3.charts_grid
        pos = grid.getItemPosition(grid.indexOf(w.step3.result_boxes[2]))
        assert pos[:2] == checks_at, orient
