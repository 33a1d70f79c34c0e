"""A vehicle that cannot be registered is never shown as cheap and safe (issue #14): every
surface says "Not legal to register in <state>" with the reason, and counts every mile."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from core.data.catalog import Catalog
from core.engine import evaluate
from core.result import Result
from core.scenario.model import default_scenario

NOTICE = "Not legal to register in New York"


@pytest.fixture(scope="module")
def banned(catalog: Catalog) -> Result:
    # kei trucks get no title or registration in New York (states.csv: NY banned)
    sc = default_scenario().with_(vehicles=("carry_1995_import", "versa_2025"), state="NY")
    return evaluate(sc.with_(draws=1_000), catalog)


@pytest.fixture(scope="module")
def restricted(catalog: Catalog) -> Result:
    sc = default_scenario().with_(vehicles=("lsv_gem_e4", "mirage_2024"), state="FL")
    return evaluate(sc.with_(draws=1_000), catalog)


def test_cards_say_not_legal_with_the_reason(qtbot: QtBot, banned: Result) -> None:
    from desktop.cards import CardsRow

    row = CardsRow()
    qtbot.addWidget(row)
    row.show_result(banned)
    card = row.cards[0]
    assert NOTICE in card.verdict.text()
    assert "no title or registration" in card.verdict.text()  # the failing check's reason
    assert NOTICE not in row.cards[1].verdict.text()
    # never "0.0" deaths: its owner's travel still happens, by ride-hailing
    assert banned.vehicles[0].safety.occupant_deaths_per_10k_owners.central > 0
    assert "not legal to register in New York" in row.comparison.text()
    assert "Every mile of your travel served" in row.comparison.text()


def test_card_says_how_many_miles_the_fallback_serves(qtbot: QtBot, restricted: Result) -> None:
    from desktop.cards import CardsRow

    row = CardsRow()
    qtbot.addWidget(row)
    row.show_result(restricted)
    assert "60% of your miles by ride-hailing or taxi" in row.cards[0].travel.text()
    assert row.cards[1].travel.text() == ""


def test_takeaway_text_and_report_say_it(qtbot: QtBot, banned: Result) -> None:
    from desktop.kiosk.takeaway import summary_text
    from desktop.qt import QtGui
    from desktop.report import report_html

    qr_text = summary_text(banned)
    assert NOTICE in qr_text and "all your travel" in qr_text
    doc = QtGui.QTextDocument()
    html = report_html(banned, {}, doc)
    assert NOTICE in html
    assert "with every mile of your travel served" in html
