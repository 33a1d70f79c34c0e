"""Policy tab: package names stay unique through Add, Duplicate and Rename, and a name being
typed survives changes to other inputs."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.scenario.levers import PolicyLevers, PolicyPackage
from core.scenario.model import default_scenario


def _tab(qtbot: QtBot, packages: tuple[PolicyPackage, ...] = ()):  # type: ignore[no-untyped-def]
    from desktop.app import create_app
    from desktop.controller import Controller
    from desktop.tabs.policy_tab import PolicyTab

    create_app()
    ctl = Controller(default_scenario().with_(draws=200, packages=packages))
    tab = PolicyTab(ctl)
    qtbot.addWidget(tab)
    return tab, ctl


def _names(ctl) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.name for p in ctl.scenario.packages]


def test_add_after_a_delete_picks_a_name_not_in_use(qtbot: QtBot) -> None:
    tab, ctl = _tab(qtbot)
    tab.add_pkg.click()
    tab.add_pkg.click()
    assert _names(ctl) == ["Package 1", "Package 2"]
    tab.pkg_list.setCurrentRow(0)
    tab.del_pkg.click()
    assert _names(ctl) == ["Package 2"]
    tab.add_pkg.click()  # "Package 2" (one more than the count) is taken: the next free number
    assert _names(ctl) == ["Package 2", "Package 3"]
    ctl.shutdown()


def test_duplicating_twice_gives_two_different_names(qtbot: QtBot) -> None:
    tab, ctl = _tab(qtbot, (PolicyPackage("Kei", PolicyLevers(federal_kei_class=True)),))
    tab.pkg_list.setCurrentRow(0)
    tab.dup_pkg.click()
    tab.pkg_list.setCurrentRow(0)
    tab.dup_pkg.click()
    assert _names(ctl) == ["Kei", "Kei (copy)", "Kei (copy 2)"]
    ctl.shutdown()


def test_rename_to_a_name_in_use_or_the_baseline_is_refused_with_a_message(
    qtbot: QtBot,
) -> None:
    pkgs = (PolicyPackage("A", PolicyLevers()), PolicyPackage("B", PolicyLevers()))
    tab, ctl = _tab(qtbot, pkgs)
    tab.show()
    tab.pkg_list.setCurrentRow(1)
    for taken in ("A", "a", "Baseline"):
        tab.pkg_name.setText(taken)
        tab.rename_pkg.click()
        assert _names(ctl) == ["A", "B"]
        assert tab.pkg_msg.isVisible() and taken in tab.pkg_msg.text()
    tab.pkg_name.setText("b")  # its own name in another case is no clash
    tab.rename_pkg.click()
    assert _names(ctl) == ["A", "b"]
    assert not tab.pkg_msg.isVisible()
    ctl.shutdown()


def test_a_name_being_typed_survives_a_change_to_another_input(qtbot: QtBot) -> None:
    tab, ctl = _tab(qtbot, (PolicyPackage("A", PolicyLevers()),))
    tab.pkg_list.setCurrentRow(0)
    tab.pkg_name.setText("Half typed")
    sc = ctl.scenario
    ctl.change(sc.with_(annual_miles=sc.annual_miles + 1000), "buyer slider")
    ctl.change(ctl.scenario.with_(levers=PolicyLevers(purchase_incentive_usd=500.0)), "lever")
    assert tab.pkg_name.text() == "Half typed"
    assert tab.pkg_list.currentRow() == 0
    # a change to the packages themselves still refreshes the list
    ctl.change(ctl.scenario.with_(packages=(PolicyPackage("C", PolicyLevers()),)), "rename")
    assert tab.pkg_list.item(0).text().startswith("C:")
    ctl.shutdown()
