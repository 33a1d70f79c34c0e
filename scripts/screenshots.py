"""Regenerate the screenshots in docs/ from the running app (offscreen rendering of real
widgets), for the cases tests/test_layout.py checks: every tab of the main window at 1280x720,
the main window at 1366x768 and 1920x1080, the dark theme with metric units, and every kiosk page
at 1280x720, 1366x768, 1920x1080, 3840x2160 (landscape) and 1080x1920 (portrait).
Run: .venv/bin/python scripts/screenshots.py"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs"


def main() -> int:
    from desktop.app import create_app
    from desktop.qt import QtCore

    app = create_app()
    QtCore.QSettings.setDefaultFormat(QtCore.QSettings.Format.IniFormat)
    QtCore.QSettings.setPath(
        QtCore.QSettings.Format.IniFormat, QtCore.QSettings.Scope.UserScope, tempfile.mkdtemp()
    )
    from core.scenario.model import default_scenario
    from desktop.app import fit_rect
    from desktop.main_window import MainWindow
    from desktop.qt import QtWidgets

    DOCS.mkdir(exist_ok=True)
    w = MainWindow(default_scenario(), ask=lambda k, t, d: d)
    w.files.autosave_path = Path(tempfile.mkdtemp()) / "autosave.json"
    w.setGeometry(fit_rect(QtCore.QRect(0, 0, 1280, 720)))
    w.set_theme("light")
    w.set_mode("policymaker")
    w.show()
    app.processEvents()
    w.controller.wait_idle()
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        app.processEvents()
        name = w.tabs.tabText(i).replace("&", "").lower()
        w.grab().save(str(DOCS / f"screenshot-{name}.png"))
    # the Nation tab as an analyst sees it: the kei-class packages swept over the 51 states
    from core.scenario.model import load_preset

    w.controller.set_scenario(load_preset("policy_kei_class"))
    w.controller.wait_idle()
    w.tabs.setCurrentWidget(w.nation_tab)
    w.nation_tab.start()
    deadline = time.monotonic() + 120
    while w.nation_tab.sweep is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    for size, tag in (((1280, 720), ""), ((1920, 1080), "-1080p")):
        w.setGeometry(fit_rect(QtCore.QRect(0, 0, *size)))
        for view, name in ((0, "nation"), (1, "nation-table")):
            w.nation_tab.views.setCurrentIndex(view)
            app.processEvents()
            w.grab().save(str(DOCS / f"screenshot-{name}{tag}.png"))
    w.nation_tab.views.setCurrentIndex(0)
    w.setGeometry(fit_rect(QtCore.QRect(0, 0, 1280, 720)))
    w.controller.set_scenario(default_scenario())
    w.controller.wait_idle()
    w.set_mode("buyer")
    w.tabs.setCurrentIndex(0)
    app.processEvents()
    w.grab().save(str(DOCS / "screenshot-main.png"))
    for size, tag in (((1366, 768), "768p"), ((1920, 1080), "1080p")):
        w.setGeometry(fit_rect(QtCore.QRect(0, 0, *size)))
        app.processEvents()
        w.grab().save(str(DOCS / f"screenshot-main-{tag}.png"))
    w.setGeometry(fit_rect(QtCore.QRect(0, 0, 1280, 720)))
    w.set_theme("dark")
    w.set_units("metric")
    app.processEvents()
    w.grab().save(str(DOCS / "screenshot-dark.png"))
    w.set_theme("light")
    w.set_units("us")
    w.close()

    from desktop.kiosk import KioskWindow
    from desktop.kiosk.config import KioskConfig, hash_pin

    sizes = {
        (1920, 1080): "landscape",
        (1080, 1920): "portrait",
        (1280, 720): "720p",
        (1366, 768): "768p",
        (3840, 2160): "4k",
    }
    for size, tag in sizes.items():
        k = KioskWindow(
            KioskConfig(pin_hash=hash_pin("4711")), Path(tempfile.mkdtemp()) / "kiosk.json"
        )
        k.fit_screen(QtCore.QRect(0, 0, *size))
        k.show()
        deadline = time.monotonic() + 30
        while not k.step1.prices and time.monotonic() < deadline:
            QtWidgets.QApplication.processEvents()
            time.sleep(0.05)
        app.processEvents()
        k.grab().save(str(DOCS / f"kiosk-attract-{tag}.png"))
        k.start_over_to_step1()
        app.processEvents()
        k.grab().save(str(DOCS / f"kiosk-step1-{tag}.png"))
        k.pick_microcar(k.microcar_ids()[0])
        app.processEvents()
        k.grab().save(str(DOCS / f"kiosk-step2-{tag}.png"))
        k.show_results()
        k.wait_for_results()
        app.processEvents()
        k.grab().save(str(DOCS / f"kiosk-results-{tag}.png"))
        k._allow_close = True
        k.close()
    print("screenshots written to", DOCS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
