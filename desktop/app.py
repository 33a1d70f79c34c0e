"""Application start-up: fonts, pyqtgraph options, organisation names, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from core.paths import FONTS, ICONS
from core.version import APP_ID, APP_NAME, __version__
from desktop.qt import QtGui, QtWidgets

FONT_FAMILY = "DejaVu Sans"


def register_fonts() -> list[str]:
    """Register the bundled fonts so text renders even on a machine with no system fonts."""
    families: list[str] = []
    for path in sorted(FONTS.glob("*.ttf")):
        fid = QtGui.QFontDatabase.addApplicationFont(str(path))
        if fid >= 0:
            families.extend(QtGui.QFontDatabase.applicationFontFamilies(fid))
    return sorted(set(families))


def configure_pyqtgraph() -> None:
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground="k", useOpenGL=False)


def create_app(argv: Sequence[str] | None = None) -> QtWidgets.QApplication:
    app = QtWidgets.QApplication.instance()
    if app is None:
        app = QtWidgets.QApplication(list(argv) if argv is not None else sys.argv[:1])
    assert isinstance(app, QtWidgets.QApplication)
    app.setOrganizationName(APP_ID)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = ICONS / "keiwhatif.svg"
    if icon.is_file():
        app.setWindowIcon(QtGui.QIcon(str(icon)))
    families = register_fonts()
    if FONT_FAMILY in families:
        font = QtGui.QFont(FONT_FAMILY)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    configure_pyqtgraph()
    return app


def run(argv: Sequence[str] | None = None, exec_: bool = True) -> int:
    """Start the GUI. Shaped so tests can build everything without entering the event loop."""
    app = create_app(argv)
    from core.scenario import default_scenario
    from desktop.main_window import MainWindow

    window = MainWindow(default_scenario())
    window.show()
    window.files.offer_recovery()
    if not exec_:
        return 0
    return app.exec()
