"""PNG and SVG export of any chart widget (pyqtgraph plots or our own painted widgets)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyqtgraph as pg

from core.scenario_io import ScenarioFileError, atomic_write_bytes
from desktop.qt import QtCore, QtGui, QtWidgets


def export_chart(widget: QtWidgets.QWidget, path: Path) -> None:
    ext = path.suffix.lower()
    if ext == ".png":
        img = widget.grab().toImage()
        buf = QtCore.QBuffer()
        buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
        img.save(buf, "PNG")
        atomic_write_bytes(path, bytes(buf.data().data()))
    elif ext == ".svg":
        atomic_write_bytes(path, _svg_bytes(widget))
    else:
        raise ScenarioFileError(path, "choose a .png or .svg file name")


def _svg_bytes(widget: QtWidgets.QWidget) -> bytes:
    if isinstance(widget, pg.PlotWidget):
        import pyqtgraph.exporters

        exporter = pyqtgraph.exporters.SVGExporter(widget.plotItem)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "chart.svg"
            exporter.export(str(out))  # always with a file name: without one it opens a dialog
            return out.read_bytes()
    from PySide6 import QtSvg

    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    gen = QtSvg.QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(widget.size())
    gen.setViewBox(QtCore.QRect(QtCore.QPoint(0, 0), widget.size()))
    painter = QtGui.QPainter(gen)
    widget.render(painter)
    painter.end()
    return bytes(buf.data().data())
