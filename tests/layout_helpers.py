"""What the layout test checks on a window (no tests here): clipped text, widgets off-screen,
colliding chart axis labels and small touch targets. scripts/screenshots.py uses the same
cases."""

from __future__ import annotations

import pyqtgraph as pg

from desktop.kiosk.pages import TOUCH_MIN_PX
from desktop.qt import QtCore, QtGui, QtWidgets

ELLIPSIS = "…"
SLACK_PX = 1  # rounding between a size hint and the laid-out size

MAIN_SIZES = ((1280, 720), (1366, 768), (1920, 1080))
KIOSK_SIZES = ((1280, 720), (1366, 768), (1920, 1080), (3840, 2160), (1080, 1920))


def _name(w: QtWidgets.QWidget) -> str:
    text = w.text() if isinstance(w, (QtWidgets.QLabel, QtWidgets.QAbstractButton)) else ""
    return f"{type(w).__name__} {w.objectName()!r} {text[:60]!r}"


def _scrolled(w: QtWidgets.QWidget) -> bool:
    """Inside a scroll area's viewport: it may lie beyond the visible part (it scrolls)."""
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QtWidgets.QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def _plain(text: str, fmt: QtCore.Qt.TextFormat) -> str:
    if fmt == QtCore.Qt.TextFormat.PlainText or not QtGui.Qt.mightBeRichText(text):
        return text
    doc = QtGui.QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def clipped_text(root: QtWidgets.QWidget) -> list[str]:
    """Every visible label and button whose text does not fit its rectangle; elided text
    ('…') counts unless the widget's tooltip carries more than it shows."""
    out = []
    for w in root.findChildren(QtWidgets.QWidget):
        if not w.isVisible() or w.width() <= 0:
            continue
        if isinstance(w, QtWidgets.QLabel):
            if not w.text() or (w.pixmap() is not None and not w.pixmap().isNull()):
                continue
            shown = _plain(w.text(), w.textFormat())
            if w.wordWrap():
                need_h = w.heightForWidth(w.width())
                if need_h > w.height() + SLACK_PX:
                    out.append(f"{_name(w)}: needs {need_h} px high, has {w.height()}")
            else:
                hint = w.sizeHint()
                if hint.width() > w.width() + SLACK_PX or hint.height() > w.height() + SLACK_PX:
                    out.append(
                        f"{_name(w)}: needs {hint.width()}x{hint.height()}, "
                        f"has {w.width()}x{w.height()}"
                    )
        elif isinstance(w, QtWidgets.QPushButton):
            if not w.text():
                continue
            shown = w.text()
            fm = w.fontMetrics()
            lines = shown.replace("&&", "&").replace("&", "").split("\n")
            text_w = max(fm.horizontalAdvance(line) for line in lines)
            text_h = fm.lineSpacing() * len(lines)
            opt = QtWidgets.QStyleOptionButton()
            w.initStyleOption(opt)
            inner = w.style().subElementRect(
                QtWidgets.QStyle.SubElement.SE_PushButtonContents, opt, w
            )
            if text_w > inner.width() + SLACK_PX:
                out.append(f"{_name(w)}: text {text_w} px wide, room for {inner.width()} px")
            if text_h > w.height():
                out.append(f"{_name(w)}: text {text_h} px high, button {w.height()} px")
        else:
            continue
        # a button's trailing '…' means 'opens a dialog' (its width is checked above); a label's
        # '…' is text cut short, allowed only with a tooltip carrying more
        if isinstance(w, QtWidgets.QPushButton):
            continue
        if ELLIPSIS in shown.strip()[1:] and len(w.toolTip()) <= len(shown):
            out.append(f"{_name(w)}: elided with no tooltip carrying the full text")
    return out


def off_screen(root: QtWidgets.QWidget, size: QtCore.QSize) -> list[str]:
    """Widgets (not inside a scroll area) that reach beyond the window's client area of `size`
    (the caller checks that the window itself lies on the screen at that size)."""
    out = []
    top = root.window()
    bounds = QtCore.QRect(QtCore.QPoint(0, 0), size)
    for w in root.findChildren(QtWidgets.QWidget):
        if not w.isVisible() or w.isWindow() or _scrolled(w):
            continue
        rect = QtCore.QRect(w.mapTo(top, QtCore.QPoint(0, 0)), w.size())
        if not bounds.contains(rect):
            out.append(f"{_name(w)} at {rect.getRect()} outside {bounds.getRect()}")
    return out


def _axis_texts(axis: pg.AxisItem) -> list[tuple[QtCore.QRectF, str]]:
    img = QtGui.QImage(8, 8, QtGui.QImage.Format.Format_ARGB32)
    painter = QtGui.QPainter(img)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    if specs is None:
        return []
    return [(QtCore.QRectF(rect), text) for rect, _flags, text in specs[2]]


def axis_collisions(root: QtWidgets.QWidget) -> list[str]:
    """Chart tick labels that overlap each other or are cut, and axis titles longer than the
    axis they label."""
    out = []
    for plot in root.findChildren(pg.PlotWidget):
        if not plot.isVisible() or plot.width() < 10:
            continue
        pi = plot.getPlotItem()
        for side in ("left", "bottom"):
            axis = pi.getAxis(side)
            if not axis.isVisible():
                continue
            fm = QtGui.QFontMetricsF(axis.style["tickFont"] or QtGui.QFont())
            texts = []
            for r, t in _axis_texts(axis):
                if not t:
                    continue
                # a tick on several lines is as tall as its lines, whatever rect it was given
                need_h = fm.lineSpacing() * (t.count("\n") + 1)
                if need_h > r.height():
                    r = QtCore.QRectF(r.x(), r.center().y() - need_h / 2, r.width(), need_h)
                texts.append((r, t))
            for r, t in texts:
                widest = max(fm.horizontalAdvance(x) for x in t.split("\n"))
                if side == "bottom" and widest > r.width() + SLACK_PX:
                    out.append(f"{side} tick {t!r} cut to {r.width():.0f} px")
                if ELLIPSIS in t:
                    out.append(f"{side} tick {t!r} elided")
            for i, (r1, t1) in enumerate(texts):
                for r2, t2 in texts[i + 1 :]:
                    if r1.adjusted(1, 1, -1, -1).intersects(r2.adjusted(1, 1, -1, -1)):
                        out.append(f"{side} ticks {t1!r} and {t2!r} overlap")
            label = axis.label
            if axis.labelText and label.isVisible():
                along = axis.geometry().height() if side == "left" else axis.geometry().width()
                need = label.boundingRect().width()
                if need > along + SLACK_PX:
                    out.append(
                        f"{side} axis title {axis.labelText!r} needs {need:.0f} px, axis {along:.0f}"
                    )
    return out


def small_targets(root: QtWidgets.QWidget) -> list[str]:
    """Buttons, combo boxes and combo list rows a visitor taps, under TOUCH_MIN_PX."""
    out = []
    for w in root.findChildren(QtWidgets.QWidget):
        if not w.isVisible():
            continue
        tappable = isinstance(w, (QtWidgets.QAbstractButton, QtWidgets.QComboBox))
        if tappable and (w.width() < TOUCH_MIN_PX or w.height() < TOUCH_MIN_PX):
            out.append(f"{_name(w)}: {w.width()}x{w.height()} px")
        if isinstance(w, QtWidgets.QComboBox) and w.count():
            view = w.view()
            w.ensurePolished()
            view.ensurePolished()
            row = view.sizeHintForRow(0)
            if row < TOUCH_MIN_PX:
                out.append(f"{_name(w)}: list rows {row} px")
    return out
