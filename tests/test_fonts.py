"""Text must render on a machine with no system fonts: the bundled font is registered."""

from __future__ import annotations

from pytestqt.qtbot import QtBot


def test_bundled_font_family_is_available(qtbot: QtBot) -> None:
    from desktop.app import FONT_FAMILY, register_fonts
    from desktop.qt import QtGui

    families = register_fonts()
    assert FONT_FAMILY in families
    assert FONT_FAMILY in QtGui.QFontDatabase.families()


def test_a_label_renders_visible_glyphs(qtbot: QtBot) -> None:
    """Empty boxes or blank text would leave the label image a single colour."""
    from desktop.app import create_app
    from desktop.qt import QtWidgets

    create_app()
    label = QtWidgets.QLabel("Kei What-If 123")
    qtbot.addWidget(label)
    label.resize(200, 40)
    img = label.grab().toImage()
    colours = {img.pixel(x, y) for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)}
    assert len(colours) > 2
