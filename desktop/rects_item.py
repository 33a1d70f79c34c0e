"""A light pyqtgraph item that draws many rectangles (stacked bars, tornado bars) directly.

pg.BarGraphItem records and replays a QPicture per item on every update; with a dozen items
per chart that replay was the largest single cost of a repaint. One item, painted directly,
keeps a slider step within the frame budget.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg

from desktop.qt import QtCore, QtGui


class RectsItem(pg.GraphicsObject):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self._rects: list[tuple[QtCore.QRectF, QtGui.QBrush, QtGui.QPen]] = []
        self._bounds = QtCore.QRectF()

    def set_rects(
        self, rects: Sequence[tuple[float, float, float, float, QtGui.QBrush, QtGui.QPen]]
    ) -> None:
        """(x, y, width, height, brush, pen) in data coordinates; pens are cosmetic."""
        self.prepareGeometryChange()
        self._rects = [
            (QtCore.QRectF(x, y, w, h).normalized(), b, pen) for x, y, w, h, b, pen in rects
        ]
        bounds = QtCore.QRectF()
        for r, _b, _p in self._rects:
            bounds = bounds.united(r)
        self._bounds = bounds
        self.update()

    def rects(self) -> list[tuple[QtCore.QRectF, QtGui.QBrush, QtGui.QPen]]:
        return list(self._rects)

    def boundingRect(self) -> QtCore.QRectF:
        return self._bounds

    def paint(self, p: QtGui.QPainter, *_args: object) -> None:
        for r, brush, pen in self._rects:
            p.setPen(pen)
            p.setBrush(brush)
            p.drawRect(r)
