"""The Nation tab: a sweep off the GUI thread, one map per package, a sortable table, Cancel."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from core.data.states import STATE_CODES
from core.scenario.model import load_preset
from desktop.qt import QtCore
from desktop.tabs.nation_tab import TABLE_COLUMNS


@pytest.fixture()
def window(make_window):  # type: ignore[no-untyped-def]
    return make_window(load_preset("policy_kei_class"), draws=200, wait=False)


def test_nation_tab_only_in_policymaker_mode(window) -> None:  # type: ignore[no-untyped-def]
    idx = window.tabs.indexOf(window.nation_tab)
    window.set_mode("buyer")
    assert not window.tabs.isTabVisible(idx)
    window.set_mode("policymaker")
    assert window.tabs.isTabVisible(idx)


def test_sweep_fills_maps_and_a_sortable_table(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    tab = window.nation_tab
    n_pk = 1 + len(window.controller.scenario.packages)
    with qtbot.waitSignal(tab.run_button.clicked, timeout=1000):
        tab.run_button.click()
    qtbot.waitUntil(lambda: tab.sweep is not None, timeout=120_000)
    assert len(tab.maps) == n_pk
    assert set(tab.maps[0].status) == set(STATE_CODES)
    assert tab.table.rowCount() == n_pk * (len(STATE_CODES) + 1)
    assert tab.progress.value() == tab.progress.maximum() == n_pk * len(STATE_CODES)
    # every colouring draws every state
    for i in range(tab.metric_box.count()):
        tab.metric_box.setCurrentIndex(i)
        assert set(tab.maps[-1].status) == set(STATE_CODES)
    # sorting by buyers puts the largest median last
    col = [k for k, _t, _tip in TABLE_COLUMNS].index("buyers")
    tab.table.sortItems(col)
    vals = [
        tab.table.item(r, col).data(QtCore.Qt.ItemDataRole.UserRole)
        for r in range(tab.table.rowCount())
    ]
    assert vals == sorted(vals)


def test_cancel_stops_the_sweep(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    tab = window.nation_tab
    tab.start()
    tab.cancel()
    qtbot.waitUntil(lambda: tab.sweep_thread is None, timeout=120_000)
    assert tab.sweep is None
    assert tab.run_button.isEnabled() and not tab.cancel_button.isEnabled()


def test_gui_start_up_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = (
        "import sys, desktop.main_window, desktop.tabs.nation_tab, core.nation; "
        "sys.exit(1 if 'pandas' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_package_brief_from_the_tab(window, qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    import pypdf

    tab = window.nation_tab
    assert not tab.brief_button.isEnabled()
    tab.start()
    qtbot.waitUntil(lambda: tab.sweep is not None and tab.sweep_thread is None, timeout=120_000)
    assert tab.brief_button.isEnabled()
    assert tab.brief_package.currentText() == window.controller.scenario.packages[0].name
    out = tmp_path / "brief.pdf"
    tab.write_brief(str(out))
    qtbot.waitUntil(lambda: tab.brief_thread is None, timeout=120_000)
    pdf = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    assert len(pdf.pages) == 2
    text = pdf.pages[1].extract_text().replace("\t", " ")
    assert "maker's case" in text and "urban speed cut" in text
