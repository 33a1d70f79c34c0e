"""Fits every screen (issue #18): at 1280x720, 1366x768 and 1920x1080, buyer and policymaker,
light and dark, US and metric, every tab of the main window; the kiosk's pages at those sizes,
3840x2160 and portrait 1080x1920. No visible label or button text is clipped (elision only with
a tooltip carrying the full text), no widget is off-screen, no chart axis labels collide, and
every kiosk touch target is at least 48 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.qt import QtCore, QtWidgets
from tests.layout_helpers import (
    KIOSK_SIZES,
    MAIN_SIZES,
    axis_collisions,
    clipped_text,
    off_screen,
    small_targets,
)

LAYOUT_DRAWS = 1000  # layout does not depend on the number of draws


@pytest.fixture(scope="module")
def window() -> Iterator[QtWidgets.QMainWindow]:
    from desktop.app import create_app

    create_app()
    import tempfile

    from core.scenario.model import default_scenario
    from desktop.main_window import MainWindow

    w = MainWindow(default_scenario().with_(draws=LAYOUT_DRAWS), ask=lambda k, t, d: d)
    w.files.autosave_path = Path(tempfile.mkdtemp()) / "autosave.json"
    w.show()
    w.controller.wait_idle()
    yield w
    w.close()


def _settle() -> None:
    for _ in range(3):
        QtWidgets.QApplication.processEvents()


@pytest.mark.parametrize("size", MAIN_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    ("mode", "theme", "units"),
    [("buyer", "light", "us"), ("policymaker", "dark", "metric"), ("buyer", "dark", "metric"),
     ("policymaker", "light", "us")],
)  # fmt: skip
def test_main_window_fits(
    window: QtWidgets.QMainWindow, size: tuple[int, int], mode: str, theme: str, units: str
) -> None:
    from desktop.app import fit_rect

    screen = QtCore.QRect(0, 0, *size)
    geo = fit_rect(screen)
    assert screen.contains(geo)
    window.set_mode(mode)
    window.set_theme(theme)
    window.set_units(units)
    window.setGeometry(geo)
    _settle()
    # a minimum size above the screen would make the window larger than asked
    assert window.minimumSizeHint().width() <= geo.width()
    assert window.minimumSizeHint().height() <= geo.height()
    assert window.size() == geo.size()
    problems: list[str] = []
    for i in range(window.tabs.count()):
        if not window.tabs.isTabVisible(i):
            continue
        window.tabs.setCurrentIndex(i)
        _settle()
        tab = window.tabs.tabText(i).replace("&", "")
        found = clipped_text(window) + off_screen(window, geo.size()) + axis_collisions(window)
        problems += [f"[{tab}] {p}" for p in found]
    window.tabs.setCurrentIndex(0)
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("size", KIOSK_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_kiosk_fits(
    make_kiosk,  # type: ignore[no-untyped-def]
    qtbot: QtBot,
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    from desktop.kiosk.config import KioskConfig, hash_pin

    # the booth's screen is this size (the offscreen test screen is 800x600): fit_screen + show
    k = make_kiosk(
        KioskConfig(pin_hash=hash_pin("4711"), output_folder=str(tmp_path / "out")),
        size=size,
        fit=True,
    )
    screen = QtCore.QRect(0, 0, *size)
    qtbot.waitUntil(lambda: bool(k.step1.prices), timeout=30_000)
    problems: list[str] = []

    def check(page: str) -> None:
        _settle()
        assert k.size() == screen.size(), f"{page}: window {k.size()} on a {size} screen"
        found = (
            clipped_text(k) + off_screen(k, screen.size()) + axis_collisions(k) + small_targets(k)
        )
        problems.extend(f"[{page}] {p}" for p in found)

    check("attract")
    k.start_over_to_step1()
    check("step 1")
    # prices in dollars, landed (never yen or euros)
    assert all("$" in b.text() and "¥" not in b.text() for b in k.pick_buttons)
    k.pick_microcar(k.microcar_ids()[0])
    check("step 2")
    # the state is picked on a tile map: every tile a touch target, a tap picks and returns
    k.step2.map_button.click()
    check("state map")
    k.step2.state_map.tiles["OR"].click()
    assert k.scenario.state == "OR"
    assert k.step2.inner.currentWidget() is k.step2.inputs_view
    k.show_results()
    k.wait_for_results()
    check("results")
    assert not problems, "\n".join(sorted(set(problems)))
