"""Colours and themes: a colour-blind-safe palette (Okabe & Ito), light and dark.

Colour never carries meaning alone: every chart has a legend, a sentence and a table, and the
feasibility scorecard uses symbols and words.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg

from desktop.qt import Qt, QtGui, QtWidgets

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
VEHICLE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9")
CATEGORY_COLOURS = {
    "depreciation": "#0072B2",
    "financing": "#56B4E9",
    "taxes_fees": "#999999",
    "energy": "#E69F00",
    "insurance": "#CC79A7",
    "maintenance": "#009E73",
    "repairs": "#F0E442",
    "landed_import": "#D55E00",
    "incentives": "#000000",
    "substitute_travel": "#882255",
}
# Fill patterns give a second cue besides colour for adjacent stacked segments.
CATEGORY_PATTERNS = {
    "depreciation": Qt.BrushStyle.SolidPattern,
    "financing": Qt.BrushStyle.BDiagPattern,
    "taxes_fees": Qt.BrushStyle.SolidPattern,
    "energy": Qt.BrushStyle.SolidPattern,
    "insurance": Qt.BrushStyle.FDiagPattern,
    "maintenance": Qt.BrushStyle.SolidPattern,
    "repairs": Qt.BrushStyle.CrossPattern,
    "landed_import": Qt.BrushStyle.SolidPattern,
    "incentives": Qt.BrushStyle.Dense4Pattern,
    "substitute_travel": Qt.BrushStyle.DiagCrossPattern,
}
STATUS_SYMBOL = {"pass": "✓", "warn": "!", "fail": "✗"}
STATUS_WORD = {"pass": "Pass", "warn": "Warning", "fail": "Fail"}
STATUS_COLOUR = {"pass": "#009E73", "warn": "#E69F00", "fail": "#D55E00"}


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    foreground: str
    card: str
    muted: str
    grid_alpha: float


LIGHT = Theme("light", "#ffffff", "#1a1a1a", "#f4f6f8", "#5a5a5a", 0.25)
DARK = Theme("dark", "#1e1f22", "#e8e8e8", "#2b2d31", "#a8a8a8", 0.2)


def system_prefers_dark() -> bool:
    app = QtGui.QGuiApplication.instance()
    if app is None:
        return False
    hints = QtGui.QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def resolve(name: str) -> Theme:
    if name == "dark":
        return DARK
    if name == "light":
        return LIGHT
    return DARK if system_prefers_dark() else LIGHT


def apply_theme(app: QtWidgets.QApplication, theme: Theme) -> None:
    """Qt widgets follow the palette; pyqtgraph ignores it, so set its defaults too."""
    app.setStyle("Fusion")
    pal = QtGui.QPalette()
    bg = QtGui.QColor(theme.background)
    fg = QtGui.QColor(theme.foreground)
    card = QtGui.QColor(theme.card)
    role = QtGui.QPalette.ColorRole
    pal.setColor(role.Window, card if theme is DARK else QtGui.QColor("#eef1f4"))
    pal.setColor(role.WindowText, fg)
    pal.setColor(role.Base, bg)
    pal.setColor(role.AlternateBase, card)
    pal.setColor(role.Text, fg)
    pal.setColor(role.Button, card)
    pal.setColor(role.ButtonText, fg)
    pal.setColor(role.ToolTipBase, card)
    pal.setColor(role.ToolTipText, fg)
    pal.setColor(role.PlaceholderText, QtGui.QColor(theme.muted))
    pal.setColor(role.Highlight, QtGui.QColor("#0072B2"))
    pal.setColor(role.HighlightedText, QtGui.QColor("#ffffff"))
    pal.setColor(role.Link, QtGui.QColor("#56B4E9" if theme is DARK else "#0072B2"))
    app.setPalette(pal)
    pg.setConfigOptions(background=theme.background, foreground=theme.foreground)


def brush(colour: str, pattern: Qt.BrushStyle = Qt.BrushStyle.SolidPattern) -> QtGui.QBrush:
    return QtGui.QBrush(QtGui.QColor(colour), pattern)
