"""The presenter (desktop/present.py): one verdict word, symbol and colour per status, the
not-legal notice, and the verdict sentence above the cards, kiosk, take-away and PDF."""

from __future__ import annotations

import dataclasses

import pytest

from core.engine import evaluate
from core.result import Result
from core.scenario.model import default_scenario
from desktop import present


def _result(state: str) -> Result:
    return evaluate(dataclasses.replace(default_scenario(), state=state, draws=400))


def test_status_words_symbols_colours() -> None:
    # the Okabe & Ito colours of theme.py, with a symbol so colour never carries meaning alone
    assert present.status_text("pass") == "✓ Pass"
    assert present.status_text("warn") == "! Warning"
    assert present.status_text("fail") == "✗ Fail"
    assert present.colour("fail") == "#D55E00"
    assert "✗ Fail" in present.status_html("fail") and "#D55E00" in present.status_html("fail")


@pytest.mark.parametrize(
    ("x", "said"),
    [(10_090.0, "$10,000"), (11_480.0, "$11,500"), (2_349.0, "$2,300"), (9_951.0, "$10,000")],
)
def test_savings_are_rounded_as_a_person_says_them(x: float, said: str) -> None:
    # below $10,000 to the nearest $100, above it to the nearest $500
    assert present.about_money(x) == said


def test_verdict_sentence_texas() -> None:
    res = _result("TX")
    carry, versa = res.vehicles[0], res.vehicles[1]
    s = present.verdict_sentence(res)
    saving = versa.cost.total_usd.headline - carry.cost.total_usd.headline
    assert saving > 0  # a 1995 kei truck against a new Versa over 5 years
    assert s.startswith("The Carry saves about ")
    # the figure said is within half a rounding step ($500 above $10,000) of the medians' gap
    said = float(s.split("about $")[1].split(" ")[0].replace(",", ""))
    assert abs(said - saving) <= 250
    assert "over 5 years against the Versa S" in s
    ratio = (
        carry.safety.occupant_deaths_per_10k_owners.headline
        / versa.safety.occupant_deaths_per_10k_owners.headline
    )
    assert ratio > 1.15 and ", but your risk of dying in a crash is about " in s
    assert f"{ratio:.1f}x higher" in s
    assert "legal in Texas" in s
    assert s.endswith(".")


@pytest.mark.parametrize("state", ["NY", "OR"])
def test_an_unregistrable_vehicle_never_reads_as_cheap(state: str) -> None:
    res = _result(state)
    carry = res.vehicles[0]
    assert not present.registrable(carry)
    s = present.verdict_sentence(res)
    name = present.state_name(state)
    assert s.startswith(f"The Carry is not legal to register in {name}")
    assert "saves" not in s and "$" not in s
    status, line, _tip = present.verdict_label(carry, state)
    assert status == "fail" and line.startswith(f"Not legal to register in {name}")
    assert present.verdict_short_text(carry, state, reason=False) == (
        f"✗ Not legal to register in {name}"
    )
    # the card's line carries the fail colour, never a pass or warning colour
    assert present.colour("fail") in present.verdict_line_html(carry, state)


def test_headline_rows_are_the_medians() -> None:
    res = _result("TX")
    rows = present.headline_rows(res)
    assert len(rows) == len(res.vehicles)
    assert all(len(r) == len(present.HEADLINE_HEADERS) for r in rows)
    carry = res.vehicles[0]
    assert rows[0][1] == f"${carry.cost.total_usd.headline:,.0f}"


@pytest.mark.parametrize(
    ("us", "metric"),
    [
        # 70 x 1.609344 = 112.65 km/h; 68 x 1.609344 = 109.4
        (
            "top speed 68 mph is below the 70 mph limit",
            "top speed 109 km/h is below the 113 km/h limit",
        ),
        # 60 x 1.609344 = 96.6 km
        ("a specialist 60 mi away", "a specialist 97 km away"),
        # 18 ft = 5.486 m, 8.5 ft = 2.591 m
        ("in a 18 x 8.5 ft stall", "in a 5.5 x 2.6 m stall"),
        # 1,000 lb x 0.45359237 = 453.6 kg
        ("payload 1,000 lb", "payload 454 kg"),
    ],
)
def test_metric_mode_converts_the_scorecard_units(us: str, metric: str) -> None:
    assert present.in_units(us, "metric") == metric
    assert present.in_units(us, "us") == us


def test_feasibility_tab_in_metric_shows_no_us_units(qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import create_app
    from desktop.tabs.feasibility_tab import FeasibilityTab

    create_app()
    tab = FeasibilityTab()
    qtbot.addWidget(tab)
    tab.show_result(_result("TX"))
    tab.set_units("metric")
    cells = [tab.table.item(r, 1).text() for r in range(tab.table.rowCount())]
    text = " ".join(cells) + tab.headline.text()
    for unit in (" mph", " mi ", " mi,", " ft ", " ft)"):
        assert unit not in text, unit
    assert "km/h" in text


def test_every_policy_lever_has_a_tooltip(qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import create_app
    from desktop.controller import Controller
    from desktop.qt import QtWidgets
    from desktop.tabs.policy_tab import PolicyTab

    create_app()
    ctl = Controller(default_scenario().with_(draws=200))
    tab = PolicyTab(ctl)
    qtbot.addWidget(tab)
    box = next(
        b
        for b in tab.findChildren(QtWidgets.QGroupBox)
        if b.title() == "Levers (applied to the baseline)"
    )
    levers = [
        w
        for w in box.findChildren(QtWidgets.QWidget)
        if isinstance(w, (QtWidgets.QDoubleSpinBox, QtWidgets.QCheckBox))
    ]
    assert len(levers) >= 13  # the issue counted 13; every one found must explain itself
    assert all(len(w.toolTip()) > 20 for w in levers), [
        w.accessibleName() for w in levers if len(w.toolTip()) <= 20
    ]
    ctl.shutdown()
