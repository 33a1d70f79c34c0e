"""One packages table (present.package_rows) in the Policy tab and the PDF report, with
"cheaper" said only of a vehicle cheaper in more than half the paired draws."""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.data.paths import RESOURCES
from core.engine import evaluate_packages
from core.result import Result
from core.scenario.io import load_scenario
from desktop import present

ROW = present.PACKAGE_CHEAPER_ROW


@pytest.fixture(scope="module")
def cols() -> list[tuple[str, Result]]:
    sc = load_scenario(Path(RESOURCES / "scenarios" / "policy_kei_class.json")).with_(draws=300)
    return evaluate_packages(sc)


def _with_share(res: Result, p_a: float, p_b: float) -> Result:
    cmp = dataclasses.replace(res.comparisons[0], p_a_cheaper=p_a, p_b_cheaper=p_b)
    return dataclasses.replace(res, comparisons=(cmp, *res.comparisons[1:]))


def test_cheaper_is_said_of_the_vehicle_cheaper_in_most_draws(
    cols: list[tuple[str, Result]],
) -> None:
    base = cols[0][1]
    shares = [(0.87, 0.13), (0.30, 0.70), (0.49, 0.49)]
    made = [(f"c{i}", _with_share(base, a, b)) for i, (a, b) in enumerate(shares)]
    pr = present.package_rows(made)
    cells = pr.cells[pr.rows.index(ROW)]
    assert cells[0] == "N-Box, in 87% of paired draws"
    # the microcar is cheaper in only 30%: the comparator is the cheaper one, in 70%
    assert cells[1] == "Versa S, in 70% of paired draws"
    assert cells[2] == "Neither reliably (N-Box costs less in 49% of paired draws)"


def test_the_report_prints_the_policy_tabs_table(
    qtbot: QtBot, cols: list[tuple[str, Result]]
) -> None:
    from desktop.app import create_app
    from desktop.controller import Controller
    from desktop.qt import QtGui
    from desktop.report import report_html
    from desktop.tabs.policy_tab import PolicyTab

    create_app()
    pr = present.package_rows(cols)
    # the fallback row is the travel split sentence in both, never a bare percent
    gem_row = next(i for i, r in enumerate(pr.rows) if r.endswith("miles by your fallback"))
    assert pr.cells[gem_row][0] == (present.travel_split(cols[0][1].vehicles[0]) or "none")
    res = cols[0][1]
    text = report_html(res, {}, QtGui.QTextDocument(), cols)
    for label, cells in zip(pr.rows, pr.cells, strict=True):
        row = "".join(f"<td>{html.escape(c)}</td>" for c in [label, *cells])
        assert row in text, label
    ctl = Controller(res.scenario)
    tab = PolicyTab(ctl)
    qtbot.addWidget(tab)
    tab._fill_packages(cols)
    t = tab.table
    shown = [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]
    assert shown == pr.cells
    assert [t.verticalHeaderItem(r).text() for r in range(t.rowCount())] == pr.rows
    ctl.shutdown()
