"""A chart with its accessible alternatives: a one-sentence summary and a table view.

Screen readers cannot see inside a plot, so every chart carries a sentence (also set as the
accessible description) and a table with the same numbers, one click away.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import pyqtgraph as pg

from desktop.qt import Qt, QtCore, QtGui, QtWidgets


def make_plot(left: str = "", bottom: str = "") -> pg.PlotWidget:
    plot = pg.PlotWidget()
    # items move on every recompute: a BSP index would be rebuilt each time for nothing
    plot.scene().setItemIndexMethod(QtWidgets.QGraphicsScene.ItemIndexMethod.NoIndex)
    # repaint on demand (refresh_plots), not once per scene change: pyqtgraph marks the scene
    # dirty again while painting, which made every recompute paint the window five times
    plot.setViewportUpdateMode(QtWidgets.QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(False, False)
    plot.showGrid(x=False, y=True, alpha=0.25)
    if left:
        plot.setLabel("left", left)
    if bottom:
        plot.setLabel("bottom", bottom)
    plot.getAxis("left").setWidth(72)
    for axis in ("left", "bottom"):
        plot.getAxis(axis).enableAutoSIPrefix(False)  # "x0.001" axis scales confuse readers
    return plot


SWATCH_PX = (18, 12)


def swatch_image(colour: str, pattern: Qt.BrushStyle) -> QtGui.QImage:
    """A legend swatch: the colour in the series' own fill pattern (solid or hatched)."""
    img = QtGui.QImage(*SWATCH_PX, QtGui.QImage.Format.Format_ARGB32)
    img.fill(QtGui.QColor("white"))
    p = QtGui.QPainter(img)
    p.fillRect(img.rect(), QtGui.QBrush(QtGui.QColor(colour), pattern))
    p.setPen(QtGui.QColor(colour))
    p.drawRect(img.rect().adjusted(0, 0, -1, -1))
    p.end()
    return img


def swatch_html(colour: str, pattern: Qt.BrushStyle = Qt.BrushStyle.SolidPattern) -> str:
    """A legend swatch as inline rich text (a QLabel or a QTextDocument such as the PDF's):
    solid, or hatched like the series it names (a data: URL image)."""
    if pattern == Qt.BrushStyle.SolidPattern:
        return f"<span style='background:{colour}; color:{colour}'>&nbsp;&nbsp;&nbsp;</span>"
    img = swatch_image(colour, pattern)
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")  # type: ignore[call-overload]  # PySide6 takes str here
    data = bytes(buf.data().toBase64().data()).decode("ascii")
    return (
        f"<img src='data:image/png;base64,{data}' width='{SWATCH_PX[0]}' height='{SWATCH_PX[1]}'>"
    )


def legend_html(
    entries: Sequence[tuple[str, str]], patterns: Mapping[str, Qt.BrushStyle] | None = None
) -> str:
    """A chart's legend as rich text: swatch and words per (label, colour) entry; a series drawn
    hatched (`patterns`, by label) gets a hatched swatch. The panel and the PDF both use it."""
    patterns = patterns or {}
    return "&nbsp;&nbsp; ".join(
        f"{swatch_html(colour, patterns.get(label, Qt.BrushStyle.SolidPattern))}"
        f"&nbsp;{html.escape(label)}"
        for label, colour in entries
    )


class FitLabel(QtWidgets.QLabel):
    """A word-wrapped label exactly as tall as its text at its width: never cut mid-sentence.
    Its height changes only when its line count does, so a new text rarely re-lays out the
    window (the verdict sentence, every chart's summary)."""

    def fit(self) -> None:
        need = self.heightForWidth(max(self.width(), 10))
        if need > 0 and need != self.height():
            self.setFixedHeight(need)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.fit()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


class ChartPanel(QtWidgets.QFrame):
    def __init__(
        self, title: str, chart: QtWidgets.QWidget, parent: QtWidgets.QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("chartPanel")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.chart = chart
        self.title_text = title
        self.legend_entries: list[tuple[str, str]] = []
        self.legend_patterns: dict[str, Qt.BrushStyle] = {}
        self.title = QtWidgets.QLabel(f"<b>{title}</b>")
        self.title.setAccessibleName(title)
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(10)
        self.toggle = QtWidgets.QToolButton()
        self.toggle.setText(self.tr("Table"))
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(self.tr("Show the numbers behind this chart as a table"))
        self.toggle.setAccessibleName(self.tr("Show %s as a table") % title)
        self.toggle.toggled.connect(self._toggled)
        head = QtWidgets.QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.toggle)
        self.table = QtWidgets.QTableWidget()
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("%s, as a table") % title)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(chart)
        self.stack.addWidget(self.table)
        chart.setAccessibleName(title)
        self.summary = FitLabel()
        self.summary.setWordWrap(True)
        self.summary.setMinimumWidth(10)
        # two lines until its first text, then as many as it needs (FitLabel): a label that grew
        # and shrank freely would re-lay out the window on every recompute
        self.summary.setFixedHeight(self.summary.fontMetrics().lineSpacing() * 2 + 4)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addLayout(head)
        lay.addWidget(self.stack, 1)
        self.legend = QtWidgets.QLabel()
        self.legend.setWordWrap(True)
        self.legend.setVisible(False)
        lay.addWidget(self.legend)
        lay.addWidget(self.summary)

    def _toggled(self, on: bool) -> None:
        if on:
            self._fill_table()
        self.stack.setCurrentIndex(1 if on else 0)

    def set_legend(
        self,
        entries: Sequence[tuple[str, str]],
        patterns: Mapping[str, Qt.BrushStyle] | None = None,
    ) -> None:
        """A legend outside the plot area (swatch + words), so it never covers data. A series
        drawn hatched (`patterns`, by label) gets a hatched swatch, like its bars."""
        self.legend_entries = list(entries)
        self.legend_patterns = dict(patterns or {})
        self.legend.setText(legend_html(entries, patterns))
        self.legend.setVisible(bool(entries))

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.setToolTip(text)
        self.chart.setAccessibleDescription(text)

    def set_table(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        """Keep the numbers; the table widget is filled only while it is shown."""
        self._table_data = (list(headers), [list(r) for r in rows])
        if self.toggle.isChecked():
            self._fill_table()

    def _fill_table(self) -> None:
        data = getattr(self, "_table_data", None)
        if data is None:
            return
        headers, rows = data
        t = self.table
        t.setColumnCount(len(headers))
        t.setRowCount(len(rows))
        t.setHorizontalHeaderLabels(list(headers))
        for r, row in enumerate(rows):
            for c, val in enumerate(row):
                item = QtWidgets.QTableWidgetItem(str(val))
                if isinstance(val, int | float) or (
                    isinstance(val, str) and val[:1] in "$-0123456789"
                ):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                t.setItem(r, c, item)
        t.resizeColumnsToContents()

    def render_image(self, width: int = 900, height: int = 380) -> QtGui.QImage:
        """The chart alone at a fixed size (for reports and PNG export)."""
        old = self.chart.size()
        self.chart.resize(width, height)
        img = self.chart.grab().toImage()
        self.chart.resize(old)
        return img

    def table_headers(self) -> list[str]:
        self._fill_table()
        t = self.table
        items = (t.horizontalHeaderItem(c) for c in range(t.columnCount()))
        return [it.text() if it is not None else "" for it in items]

    def table_rows(self) -> list[list[str]]:
        self._fill_table()
        t = self.table
        out: list[list[str]] = []
        for r in range(t.rowCount()):
            items = (t.item(r, c) for c in range(t.columnCount()))
            out.append([it.text() if it is not None else "" for it in items])
        return out


class _ScrollPage(QtWidgets.QWidget):
    """A page that fills the scroll area's height and only scrolls below its minimum.

    Word-wrapped labels give the layout height-for-width, and QScrollArea would then size the
    page to the charts' *preferred* height (about twice the screen), always scrolling."""

    def heightForWidth(self, width: int) -> int:
        return self.minimumSizeHint().height()


def scrolling_page(owner: QtWidgets.QWidget, min_height: int) -> QtWidgets.QWidget:
    """Give a tab a scrolling content page: its charts keep a readable height and a short
    window scrolls instead of squashing them. Returns the page to lay the charts out on."""
    content = _ScrollPage()
    content.setMinimumHeight(min_height)
    outer = QtWidgets.QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QtWidgets.QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    outer.addWidget(scroll)
    return content


def refresh_plots(root: QtWidgets.QWidget) -> None:
    """Schedule one repaint of every plot under `root` (after its data changed)."""
    for plot in root.findChildren(pg.PlotWidget):
        plot.viewport().update()
