"""The Nation tab's brief pairs a sweep with the scenario it swept, whatever ran since."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.scenario.levers import PolicyPackage
from core.scenario.model import load_preset


@pytest.fixture()
def window(make_window):  # type: ignore[no-untyped-def]
    return make_window(load_preset("policy_kei_class"), draws=200, wait=False)


def test_brief_after_a_cancelled_run_uses_the_finished_sweeps_scenario(
    window, qtbot: QtBot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = window.nation_tab
    first = window.controller.scenario
    tab.start()
    qtbot.waitUntil(lambda: tab.sweep is not None and tab.sweep_thread is None, timeout=120_000)
    swept = tab.sweep
    # the scenario moves on: its first package is renamed, then a new run is cancelled
    p0 = first.packages[0]
    window.controller.set_scenario(
        first.with_(packages=(PolicyPackage("Renamed", p0.levers), *first.packages[1:]))
    )
    window.controller.wait_idle()
    tab.start()
    # while a sweep runs no brief can start: its scenario and sweep would not match
    assert not tab.brief_button.isEnabled()
    tab.write_brief(str(tmp_path / "during.pdf"))
    assert tab.brief_thread is None
    tab.cancel()
    qtbot.waitUntil(lambda: tab.sweep_thread is None, timeout=120_000)
    assert tab.sweep is swept and tab._swept == first
    assert tab.brief_button.isEnabled()
    tab.brief_package.setCurrentText(p0.name)
    out = tmp_path / "brief.pdf"
    tab.write_brief(str(out))
    qtbot.waitUntil(lambda: tab.brief_thread is None, timeout=120_000)
    assert out.exists(), tab.status.text()
    assert tab.status.text().endswith(str(out))
