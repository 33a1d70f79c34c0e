"""Review fixes in the desktop views: "How we know" runs on the worker, not the GUI thread."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from core.scenario.model import default_scenario


def test_how_we_know_runs_on_the_worker_not_the_gui_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.app import create_app
    from desktop.controller import Controller
    from desktop.tabs import safety_tab
    from desktop.tabs.safety_tab import SafetyTab

    create_app()
    ctl = Controller(default_scenario().with_(draws=200))
    ran_on: list[threading.Thread] = []
    real = safety_tab.validation_rows

    def spy(cat, draws):  # type: ignore[no-untyped-def]
        ran_on.append(threading.current_thread())
        return real(cat, draws=draws)

    monkeypatch.setattr(safety_tab, "validation_rows", spy)
    tab = SafetyTab(ctl.query)
    qtbot.addWidget(tab)
    result = ctl.recompute_now()
    assert result is not None
    tab.show_result(result)
    assert ran_on == []  # the view is not open: nothing computed
    tab.views.setCurrentIndex(1)
    ctl.wait_queries()
    assert len(ran_on) == 1 and ran_on[0] is not threading.main_thread()
    assert tab.know_rows and tab.know_table.rowCount() == len(tab.know_rows)
    tab.show_result(result)  # the same catalogue: not asked again
    ctl.wait_queries()
    assert len(ran_on) == 1
    ctl.shutdown()
