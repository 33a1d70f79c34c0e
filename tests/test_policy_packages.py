"""Policy tab (issue #18 item 6): named packages (rename, duplicate, delete) with their levers
listed, and a comparison of every vehicle with each package's change against the baseline."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from core.data.paths import RESOURCES
from core.scenario.io import load_scenario
from core.scenario.levers import PolicyLevers
from desktop import present


def _tab(qtbot: QtBot):  # type: ignore[no-untyped-def]
    from desktop.app import create_app
    from desktop.controller import Controller
    from desktop.tabs.policy_tab import PolicyTab

    create_app()
    sc = load_scenario(Path(RESOURCES / "scenarios" / "policy_kei_class.json")).with_(draws=300)
    ctl = Controller(sc)
    tab = PolicyTab(ctl)
    qtbot.addWidget(tab)
    ctl.result_changed.connect(tab.show_result)
    tab.show()
    ctl.recompute_now()
    return tab, ctl


def test_lever_summary_names_what_a_package_changes() -> None:
    assert present.lever_summary(PolicyLevers()) == []
    lv = PolicyLevers(federal_kei_class=True, kei_class_road_cap_mph=45.0)
    assert present.lever_summary(lv) == ["federal kei class", "kei class cap 45 mph"]
    assert present.change_text(46_748.0, 46_748.0, True) == "same"
    assert present.change_text(9.85, 16.13, False) == "−6.28"
    assert present.change_text(1_200.0, 0.0, True) == "+$1,200"


def test_rename_duplicate_delete_and_levers_listed(qtbot: QtBot) -> None:
    tab, ctl = _tab(qtbot)
    pkgs = ctl.scenario.packages
    assert tab.pkg_list.count() == len(pkgs) == 2
    # each package's levers are listed beside its name
    assert "federal kei class" in tab.pkg_list.item(0).text()
    assert "microcar incentive $2,000" in tab.pkg_list.item(1).text()
    tab.pkg_list.setCurrentRow(0)
    tab.pkg_name.setText("Kei class only")
    tab.rename_pkg.click()
    assert ctl.scenario.packages[0].name == "Kei class only"
    assert ctl.scenario.packages[0].levers == pkgs[0].levers
    tab.pkg_list.setCurrentRow(1)
    tab.dup_pkg.click()
    assert len(ctl.scenario.packages) == 3
    assert ctl.scenario.packages[2].levers == pkgs[1].levers
    assert ctl.scenario.packages[2].name.endswith("(copy)")
    tab.pkg_list.setCurrentRow(0)
    tab.del_pkg.click()
    assert [p.name for p in ctl.scenario.packages] == [pkgs[1].name, pkgs[1].name + " (copy)"]
    ctl.undo_stack.undo()  # every edit is one undo step
    assert len(ctl.scenario.packages) == 3
    ctl.shutdown()


def test_comparison_covers_every_vehicle_with_its_change(qtbot: QtBot) -> None:
    tab, ctl = _tab(qtbot)
    n_vehicles = len(ctl.scenario.vehicles)
    # per vehicle: total cost, deaths aboard, others' deaths, miles by the fallback,
    # feasibility; then the share row
    rows = 5 * n_vehicles + 1
    qtbot.waitUntil(
        lambda: tab.table.columnCount() == 3 and tab.table.rowCount() == rows, timeout=60_000
    )
    t = tab.table
    heads = [t.verticalHeaderItem(r).text() for r in range(t.rowCount())]
    from desktop import fmt

    for vid in ctl.scenario.vehicles:
        short = fmt.short_name(ctl.catalog.vehicle(vid).name, 20)
        for what in (
            "total cost",
            "deaths aboard /10k",
            "others' deaths /10k",
            "miles by your fallback",
            "feasibility",
        ):
            assert f"{short}: {what}" in heads, (short, what)
    # the package columns read 'value (change)', the baseline column the value alone
    assert "(" not in t.item(0, 0).text()
    assert t.item(0, 1).text().endswith(")") and t.item(0, 2).text().endswith(")")
    ctl.shutdown()
