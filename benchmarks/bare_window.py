"""The reference for the cold-start budget: a bare PySide6 window, frozen the same way."""

import os
import sys
import time

from PySide6 import QtCore, QtWidgets


class Probe(QtCore.QObject):
    done = False

    def eventFilter(self, obj, ev):
        if ev.type() == QtCore.QEvent.Type.Paint and not self.done:
            self.done = True
            QtCore.QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(f"first-paint {time.time():.6f}", flush=True)
        QtWidgets.QApplication.quit()


def main() -> int:
    app = QtWidgets.QApplication(sys.argv[:1])
    w = QtWidgets.QLabel("Hello")
    w.resize(640, 480)
    if os.environ.get("KEIWHATIF_STARTUP_PROBE"):
        probe = Probe(w)
        w.installEventFilter(probe)
    w.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
