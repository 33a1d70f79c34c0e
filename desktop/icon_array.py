"""An icon array: 10,000 owners as a 100 x 100 grid, with the expected deaths marked.

Grouped (not scattered) icons: people read grouped arrays more accurately (Garcia-Retamero
& Cokely 2017), and random scatter inflates perceived risk (Price et al. 2022).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.qt import QtCore, QtGui, QtWidgets

MIN_CELL_PX = 2  # below this, 10,000 owners blur into one grey block
GAP_FROM_PX = 2.5  # cells this large or larger are drawn with a 1 px gap between them


@dataclass(frozen=True)
class IconGroup:
    label: str
    colour: str
    count: float  # expected people out of the total (may be fractional)


class IconArray(QtWidgets.QWidget):
    def __init__(self, total: int = 10_000, columns: int = 100) -> None:
        super().__init__()
        self.total = total
        self.columns = columns
        self.title = ""
        self.groups: list[IconGroup] = []
        # at least MIN_CELL_PX a square, so 10,000 owners read as squares, not one grey block
        rows = total // columns
        line = self.fontMetrics().height()
        self.setMinimumSize(columns * MIN_CELL_PX + 4, rows * MIN_CELL_PX + 2 * line + 12)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Expanding
        )

    def set_groups(self, title: str, groups: list[IconGroup]) -> None:
        self.title = title
        self.groups = groups
        parts = [f"{g.label}: {g.count:,.1f} in {self.total:,}" for g in groups]
        self.setAccessibleDescription(f"{title}. " + "; ".join(parts))
        self.update()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        p = QtGui.QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QtGui.QPalette.ColorRole.Base))
        fm = p.fontMetrics()
        p.setPen(pal.color(QtGui.QPalette.ColorRole.Text))
        title_h = fm.height() + 4
        caption = " · ".join(f"{g.count:,.1f} {g.label.lower()}" for g in self.groups)
        cap_h = fm.height() + 2
        p.drawText(
            QtCore.QRectF(0, 0, self.width(), title_h),
            QtCore.Qt.AlignmentFlag.AlignHCenter,
            fm.elidedText(self.title, QtCore.Qt.TextElideMode.ElideRight, self.width()),
        )
        rows = self.total // self.columns
        avail_w = self.width() - 4
        avail_h = self.height() - title_h - cap_h - 4
        cell = max(min(avail_w / self.columns, avail_h / rows), 1.0)
        x0 = (self.width() - cell * self.columns) / 2
        y0 = title_h + 2
        p.fillRect(QtCore.QRectF(x0, y0, cell * self.columns, cell * rows), QtGui.QColor("#d9dde2"))
        # marked icons fill from the top-left, group after group, so counts are easy to read
        idx = 0
        for g in self.groups:
            n_full = int(g.count)
            frac = g.count - n_full
            colour = QtGui.QColor(g.colour)
            for k in range(n_full + (1 if frac > 0.05 else 0)):
                if idx >= self.total:
                    break
                r, c = divmod(idx, self.columns)
                size = cell if k < n_full else cell * max(frac, 0.35)
                p.fillRect(QtCore.QRectF(x0 + c * cell, y0 + r * cell, size, cell), colour)
                idx += 1
        if cell >= GAP_FROM_PX:
            # a gap line between rows and columns, so each owner is a square of their own
            gap = QtGui.QPen(pal.color(QtGui.QPalette.ColorRole.Base))
            gap.setWidthF(1.0)
            p.setPen(gap)
            for k in range(1, self.columns):
                x = x0 + k * cell
                p.drawLine(QtCore.QLineF(x, y0, x, y0 + cell * rows))
            for k in range(1, rows):
                y = y0 + k * cell
                p.drawLine(QtCore.QLineF(x0, y, x0 + cell * self.columns, y))
        p.setPen(pal.color(QtGui.QPalette.ColorRole.Text))
        p.drawText(
            QtCore.QRectF(0, y0 + cell * rows + 2, self.width(), cap_h),
            QtCore.Qt.AlignmentFlag.AlignHCenter,
            fm.elidedText(caption, QtCore.Qt.TextElideMode.ElideRight, self.width()),
        )
        p.end()
