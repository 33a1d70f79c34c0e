"""PNG and SVG export of any chart widget (pyqtgraph plots or our own painted widgets)."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtSvg

from core.scenario.io import ScenarioFileError, atomic_write_bytes
from desktop.qt import QtCore, QtGui, QtWidgets


def export_chart(widget: QtWidgets.QWidget, path: Path) -> None:
    ext = path.suffix.lower()
    if ext == ".png":
        img = widget.grab().toImage()
        buf = QtCore.QBuffer()
        buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
        img.save(buf, "PNG")  # type: ignore[call-overload]  # the stub wants bytes; Qt wants str
        atomic_write_bytes(path, bytes(buf.data().data()))
    elif ext == ".svg":
        atomic_write_bytes(path, _svg_bytes(widget))
    else:
        raise ScenarioFileError(path, "choose a .png or .svg file name")


def _svg_bytes(widget: QtWidgets.QWidget) -> bytes:
    # QSvgGenerator renders any widget the same way it paints on screen; pyqtgraph's own
    # SVGExporter fails on some Qt 6 path output ("not enough values to unpack").
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    gen = QtSvg.QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(widget.size())
    gen.setViewBox(QtCore.QRect(QtCore.QPoint(0, 0), widget.size()))
    gen.setTitle(widget.accessibleName() or "Kei What-If chart")
    gen.setDescription(widget.accessibleDescription())
    painter = QtGui.QPainter(gen)
    # QWidget.render, not QGraphicsView.render (pyqtgraph plots are graphics views)
    QtWidgets.QWidget.render(
        widget,
        painter,
        QtCore.QPoint(),
        QtGui.QRegion(),
        QtWidgets.QWidget.RenderFlag.DrawChildren
        | QtWidgets.QWidget.RenderFlag.DrawWindowBackground,
    )
    painter.end()
    return bytes(buf.data().data())
