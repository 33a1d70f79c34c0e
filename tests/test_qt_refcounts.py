"""Guard the Qt pin: PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a
void method (measured: -1 per QPointF.setX, -10 per pyqtgraph setData), so any long session
ends in "Fatal Python error: none_dealloc". 6.11.3 does not. This test fails on a build that
leaks, long before a user's session would crash."""

from __future__ import annotations

import sys

from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    from PySide6 import QtCore, QtGui

    p = QtCore.QPointF(1, 0)
    t = QtGui.QTransform()
    before = sys.getrefcount(None)
    for _ in range(2000):
        p.setX(2)
        t.setMatrix(1, 0, 0, 0, 1, 0, 0, 0, 1)
    # a leaking build loses 4,000 references here; other threads' activity moves the count by
    # a few hundred at most, so the bound tells the two apart without flaking
    assert sys.getrefcount(None) - before > -1000


def test_chart_updates_keep_none_alive(qtbot: QtBot) -> None:
    import pyqtgraph as pg

    w = pg.PlotWidget()
    qtbot.addWidget(w)
    bars = pg.BarGraphItem(x=[0, 1], height=[1, 2], width=0.5)
    curve = pg.PlotDataItem([0, 1], [1, 2])
    w.addItem(bars)
    w.addItem(curve)
    w.show()
    before = sys.getrefcount(None)
    for i in range(300):
        bars.setOpts(height=[1, 2 + i % 3])
        curve.setData([0, 1], [1, i % 5])
        bars.boundingRect()
    assert sys.getrefcount(None) - before > -1000  # a leaking build loses about 3,300
