"""An icon array: 10,000 owners as a 100 x 100 grid, with the expected deaths marked.

Grouped (not scattered) icons: people read grouped arrays more accurately (Garcia-Retamero
& Cokely 2017), and random scatter inflates perceived risk (Price et al. 2022).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.qt import QtCore, QtGui, QtWidgets


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
        self.setMinimumSize(100, 100)
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
        p.setPen(pal.color(QtGui.QPalette.ColorRole.Text))
        p.drawText(
            QtCore.QRectF(0, y0 + cell * rows + 2, self.width(), cap_h),
            QtCore.Qt.AlignmentFlag.AlignHCenter,
            fm.elidedText(caption, QtCore.Qt.TextElideMode.ElideRight, self.width()),
        )
        p.end()
