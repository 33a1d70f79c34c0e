"""A US tile-grid map: one equal square per state, coloured and marked by a status.

Equal tiles keep small states clickable; every tile carries a symbol as well as a colour.
Click (or keyboard: arrows to move, Enter/Space to choose) selects a state.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.data.states import STATE_NAMES, TILE_GRID
from desktop.qt import QtCore, QtGui, QtWidgets, Signal

LEGEND_ROW_H = 18.0


@dataclass(frozen=True)
class TileStatus:
    key: str  # category id (e.g. "allowed")
    label: str  # word for the legend and tooltip
    symbol: str  # non-colour cue drawn on the tile
    colour: str
    detail: str = ""  # tooltip text, rich text (rule, road cap, citation, confidence)


class StateTileMap(QtWidgets.QWidget):
    state_clicked = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.status: dict[str, TileStatus] = {}
        self.selected = ""
        self._focus = "TX"
        self.setMinimumSize(280, 220)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("US state map"))
        self._rows = 1 + max(r for r, _ in TILE_GRID.values())
        self._cols = 1 + max(c for _, c in TILE_GRID.values())

    def set_status(self, status: dict[str, TileStatus], selected: str) -> None:
        self.status = status
        self.selected = selected
        self._focus = selected or self._focus
        legend = sorted({(s.label, s.symbol) for s in status.values()})
        self.setAccessibleDescription(
            f"Selected: {STATE_NAMES.get(selected, selected)}. Legend: "
            + ", ".join(f"{sym} {lab}" for lab, sym in legend)
        )
        self.update()

    def _legend_entries(self) -> list[TileStatus]:
        seen: dict[str, TileStatus] = {}
        for st in self.status.values():
            seen.setdefault(st.key, st)
        return list(seen.values())

    def _legend_layout(self, fm: QtGui.QFontMetrics) -> list[tuple[float, float, TileStatus]]:
        """(x, row, entry) for each legend entry, wrapped onto as many rows as the width needs."""
        out: list[tuple[float, float, TileStatus]] = []
        x, row = 6.0, 0.0
        for st in self._legend_entries():
            w = 28 + fm.horizontalAdvance(f"{st.symbol} {st.label}")
            if x + w > self.width() and x > 6.0:
                x, row = 6.0, row + 1
            out.append((x, row, st))
            x += w
        return out

    def _geometry(self) -> tuple[float, float, float, float]:
        rows = 1 + max((r for _x, r, _s in self._legend_layout(self._legend_metrics())), default=0)
        legend_h = 8.0 + LEGEND_ROW_H * rows
        cell = min(self.width() / self._cols, (self.height() - legend_h) / self._rows)
        x0 = (self.width() - cell * self._cols) / 2
        return cell, x0, 2.0, legend_h

    def tile_rect(self, code: str) -> QtCore.QRectF:
        cell, x0, y0, _ = self._geometry()
        r, c = TILE_GRID[code]
        return QtCore.QRectF(x0 + c * cell + 1.5, y0 + r * cell + 1.5, cell - 3, cell - 3)

    def state_at(self, pos: QtCore.QPointF) -> str | None:
        for code in TILE_GRID:
            if self.tile_rect(code).contains(pos):
                return code
        return None

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        p = QtGui.QPainter(self)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QtGui.QPalette.ColorRole.Base))
        cell, _x0, _y0, legend_h = self._geometry()
        font = p.font()
        font.setPointSizeF(max(6.5, min(10.0, cell / 4.2)))
        p.setFont(font)
        for code in TILE_GRID:
            rect = self.tile_rect(code)
            st = self.status.get(code)
            colour = QtGui.QColor(st.colour if st else "#cccccc")
            p.setBrush(colour)
            pen = (
                QtGui.QPen(QtGui.QColor("#222222"), 3.0)
                if code == self.selected
                else QtGui.QPen(QtGui.QColor("#ffffff"), 1.0)
            )
            if self.hasFocus() and code == self._focus and code != self.selected:
                pen = QtGui.QPen(QtGui.QColor("#222222"), 1.5, QtCore.Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawRoundedRect(rect, 3, 3)
            text_col = (
                QtGui.QColor("#000000") if colour.lightnessF() > 0.55 else QtGui.QColor("#ffffff")
            )
            p.setPen(text_col)
            label = code + ("\n" + st.symbol if st else "")
            p.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, label)
        # legend: symbol + word + colour swatch, wrapped onto as many rows as it needs
        p.setFont(self._legend_font())
        top = self.height() - legend_h + 4
        for x, row, st in self._legend_layout(p.fontMetrics()):
            y = top + row * LEGEND_ROW_H
            txt = f"{st.symbol} {st.label}"
            p.setBrush(QtGui.QColor(st.colour))
            p.setPen(QtGui.QColor("#555555"))
            p.drawRect(QtCore.QRectF(x, y + 3, 12, 12))
            p.setPen(pal.color(QtGui.QPalette.ColorRole.Text))
            p.drawText(QtCore.QPointF(x + 16, y + 14), txt)
        p.end()

    def _legend_font(self) -> QtGui.QFont:
        return QtGui.QFont(self.font())

    def _legend_metrics(self) -> QtGui.QFontMetrics:
        return QtGui.QFontMetrics(self._legend_font())

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        code = self.state_at(event.position())
        if code:
            self._focus = code
            self.state_clicked.emit(code)

    def event(self, ev: QtCore.QEvent) -> bool:
        if ev.type() == QtCore.QEvent.Type.ToolTip:
            assert isinstance(ev, QtGui.QHelpEvent)
            code = self.state_at(QtCore.QPointF(ev.pos()))
            if code:
                st = self.status.get(code)
                tip = f"<b>{STATE_NAMES[code]}</b>"
                if st:
                    tip += f"<br>{st.symbol} {st.label}<br>{st.detail}"
                QtWidgets.QToolTip.showText(ev.globalPos(), tip, self)
            else:
                QtWidgets.QToolTip.hideText()
            return True
        return super().event(ev)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        key = event.key()
        moves = {
            QtCore.Qt.Key.Key_Left: (0, -1),
            QtCore.Qt.Key.Key_Right: (0, 1),
            QtCore.Qt.Key.Key_Up: (-1, 0),
            QtCore.Qt.Key.Key_Down: (1, 0),
        }
        if key in moves:
            dr, dc = moves[QtCore.Qt.Key(key)]
            r, c = TILE_GRID.get(self._focus, (0, 0))
            for step in range(1, 12):
                target = (r + dr * step, c + dc * step)
                hit = next((k for k, v in TILE_GRID.items() if v == target), None)
                if hit:
                    self._focus = hit
                    break
            self.update()
            return
        if key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter, QtCore.Qt.Key.Key_Space):
            self.state_clicked.emit(self._focus)
            return
        super().keyPressEvent(event)
