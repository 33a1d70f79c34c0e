"""Test setup: Qt runs offscreen and never touches the user's real settings or folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pytest

from core.catalog import Catalog, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(autouse=True, scope="session")
def _isolated_qt_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Widgets under test never read or write the developer's real settings or folders."""
    from PySide6 import QtCore

    QtCore.QStandardPaths.setTestModeEnabled(True)
    QtCore.QSettings.setDefaultFormat(QtCore.QSettings.Format.IniFormat)
    QtCore.QSettings.setPath(
        QtCore.QSettings.Format.IniFormat,
        QtCore.QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("settings")),
    )
