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


def test_one_fit_label_for_the_verdict_sentence_and_chart_summaries(qtbot: QtBot) -> None:
    from desktop import cards
    from desktop.app import create_app
    from desktop.chart_panel import ChartPanel, FitLabel
    from desktop.qt import QtWidgets

    create_app()
    assert cards.FitLabel is FitLabel  # one class, in chart_panel
    row = cards.CardsRow()
    qtbot.addWidget(row)
    assert isinstance(row.sentence, FitLabel)
    panel = ChartPanel("t", QtWidgets.QWidget())
    qtbot.addWidget(panel)
    assert isinstance(panel.summary, FitLabel)
    panel.resize(300, 400)
    panel.show()
    line = panel.summary.fontMetrics().lineSpacing()
    panel.set_summary("word " * 200)  # many lines at 300 px: the label grows to hold them all
    assert panel.summary.height() >= 5 * line
    assert panel.summary.height() == panel.summary.heightForWidth(panel.summary.width())


def test_the_report_uses_the_shared_legend_and_status_helpers(qtbot: QtBot) -> None:
    from core.engine import evaluate
    from desktop import present
    from desktop.app import create_app
    from desktop.chart_panel import legend_html
    from desktop.qt import Qt, QtGui
    from desktop.report import RenderedChart, report_html

    create_app()
    res = evaluate(default_scenario().with_(draws=200, state="NY"))
    hatched = {"b": Qt.BrushStyle.BDiagPattern}
    legend = [("a", "#0072B2"), ("b", "#D55E00")]
    assert "data:image/png;base64," in legend_html(legend, hatched)
    chart = RenderedChart(
        QtGui.QImage(10, 10, QtGui.QImage.Format.Format_ARGB32), legend, "s", hatched
    )
    text = report_html(res, {"cost_by_category": chart}, QtGui.QTextDocument())
    assert legend_html(legend, hatched) in text
    carry = res.vehicles[0]
    notice = present.not_legal_notice(carry, "NY")
    assert notice is not None
    assert present.status_html("fail", f"{carry.vehicle.name}: {notice}.") in text


def test_the_cost_tab_builds_each_cumulative_curve_once_per_refresh(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.engine import evaluate
    from desktop.app import create_app
    from desktop.tabs import cost_tab

    create_app()
    res = evaluate(default_scenario().with_(draws=200))
    calls: list[str] = []
    real = cost_tab.headline_curve

    def counted(c):  # type: ignore[no-untyped-def]
        calls.append("x")
        return real(c)

    monkeypatch.setattr(cost_tab, "headline_curve", counted)
    tab = cost_tab.CostTab()
    qtbot.addWidget(tab)
    tab.show_result(res)
    assert len(calls) == len(res.vehicles) == 3


def test_one_home_for_the_headline_note_and_the_map_title() -> None:
    from desktop import fmt, present, state_status

    assert not hasattr(fmt, "HEADLINE_NOTE")  # said by present.GLOSSARY["median"]
    assert "P10–P90" in present.GLOSSARY["median"]
    assert not hasattr(state_status, "TODAY")  # the Feasibility tab's own label
