"""Application start-up: fonts, pyqtgraph options, organisation names, the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from core.data.paths import FONTS, ICONS
from core.version import APP_ID, APP_NAME, __version__
from desktop.qt import QtCore, QtGui, QtWidgets

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


def create_app(
    argv: Sequence[str] | None = None, configure_plots: bool = True
) -> QtWidgets.QApplication:
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
    if configure_plots:
        configure_pyqtgraph()
    return app


class _PaintProbe(QtCore.QObject):
    """KEIWHATIF_STARTUP_PROBE=1: print the wall-clock time of a window's first paint
    (benchmarks/bench_startup.py measures start-up with it)."""

    def __init__(self, label: str, parent: QtCore.QObject, then_quit: bool) -> None:
        super().__init__(parent)
        self.label = label
        self.then_quit = then_quit
        self.done = False

    def eventFilter(self, obj: QtCore.QObject, ev: QtCore.QEvent) -> bool:
        if ev.type() == QtCore.QEvent.Type.Paint and not self.done:
            self.done = True
            QtCore.QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        import time

        print(f"{self.label} {time.time():.6f}", flush=True)
        if self.then_quit:
            QtWidgets.QApplication.quit()


# The window's size on a screen as large as it wants: beyond it, the window keeps this size.
PREFERRED_SIZE = (1600, 1000)
# Room the window manager's title bar and frame take (not counted in the client geometry).
FRAME_ALLOWANCE = (0, 32)


def fit_rect(avail: QtCore.QRect) -> QtCore.QRect:
    """The window's client rectangle on a screen's available geometry: all of it on a small
    screen (1280x720), PREFERRED_SIZE centred on a large one, never off-screen."""
    w = min(PREFERRED_SIZE[0], avail.width() - FRAME_ALLOWANCE[0])
    h = min(PREFERRED_SIZE[1], avail.height() - FRAME_ALLOWANCE[1])
    x = avail.x() + (avail.width() - w) // 2
    y = avail.y() + FRAME_ALLOWANCE[1] + (avail.height() - FRAME_ALLOWANCE[1] - h) // 2
    return QtCore.QRect(x, y, w, h)


def screen_fit(widget: QtWidgets.QWidget) -> QtCore.QRect:
    """fit_rect on the widget's screen."""
    screen = widget.screen() or QtGui.QGuiApplication.primaryScreen()
    return fit_rect(screen.availableGeometry())


class StartupShell(QtWidgets.QWidget):
    """What the user sees within a fraction of a second: the window, saying it is loading.

    Importing numpy, pyqtgraph and the model takes longer than Qt itself, so the window
    appears first and the calculator fills it a moment later.
    """

    painted = QtCore.Signal()

    def __init__(self) -> None:
        super().__init__()
        self._painted = False
        self.setWindowTitle(APP_NAME)
        self.setGeometry(screen_fit(self))
        lay = QtWidgets.QVBoxLayout(self)
        label = QtWidgets.QLabel(f"<h2>{APP_NAME}</h2><p>Loading the calculator…</p>")
        label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(label)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # load the calculator only once this frame is on screen
            QtCore.QTimer.singleShot(0, self.painted.emit)


def run(argv: Sequence[str] | None = None, exec_: bool = True) -> int:
    """Start the GUI. Shaped so tests can build everything without entering the event loop."""
    app = create_app(argv, configure_plots=False)
    probing = bool(os.environ.get("KEIWHATIF_STARTUP_PROBE"))
    shell = StartupShell()
    if probing:
        shell.installEventFilter(_PaintProbe("first-paint", shell, then_quit=False))
    shell.show()
    holder: dict[str, QtWidgets.QWidget] = {}

    def finish() -> None:
        configure_pyqtgraph()
        from core.scenario.model import default_scenario
        from desktop.main_window import MainWindow

        window = MainWindow(default_scenario())
        holder["window"] = window
        if probing:
            window.installEventFilter(_PaintProbe("ready", window, then_quit=True))
        elif window.settings.get("geometry").isEmpty():
            window.setGeometry(shell.geometry())
        window.show()
        shell.close()
        if not probing and not window.files.offer_recovery():
            window.files.reopen_last()

    shell.painted.connect(finish, QtCore.Qt.ConnectionType.SingleShotConnection)
    if not exec_:
        app.processEvents()
        return 0
    return app.exec()
