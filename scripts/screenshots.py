"""Regenerate the screenshots in docs/ from the running app (offscreen rendering of real
widgets): every tab of the main window at 1280x720, the dark theme, and every kiosk page in
landscape 1920x1080 and portrait 1080x1920.  Run: .venv/bin/python scripts/screenshots.py"""

from __future__ import annotations

import os
import sys
import tempfile
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
    from desktop.main_window import MainWindow

    DOCS.mkdir(exist_ok=True)
    w = MainWindow(default_scenario(), ask=lambda k, t, d: d)
    w.files.autosave_path = Path(tempfile.mkdtemp()) / "autosave.json"
    w.resize(1280, 720)
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
    w.set_mode("buyer")
    w.tabs.setCurrentIndex(0)
    app.processEvents()
    w.grab().save(str(DOCS / "screenshot-main.png"))
    w.resize(1920, 1080)
    app.processEvents()
    w.grab().save(str(DOCS / "screenshot-main-1080p.png"))
    w.resize(1280, 720)
    w.set_theme("dark")
    app.processEvents()
    w.grab().save(str(DOCS / "screenshot-dark.png"))
    w.set_theme("light")
    w.close()

    from desktop.kiosk import KioskWindow
    from desktop.kiosk.config import KioskConfig, hash_pin

    for size in ((1920, 1080), (1080, 1920)):
        k = KioskWindow(
            KioskConfig(pin_hash=hash_pin("4711")), Path(tempfile.mkdtemp()) / "kiosk.json"
        )
        k.resize(*size)
        k.apply_orientation()
        k.show()
        app.processEvents()
        tag = "landscape" if size[0] > size[1] else "portrait"
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
