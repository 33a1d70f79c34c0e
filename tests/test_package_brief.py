"""The package brief's HTML (desktop/package_brief.py): what it says a package sets."""

from __future__ import annotations

import pytest

from core.data.catalog import load_catalog
from core.nation.report import business_cases, nation_result
from core.nation.sweep import Sweep, run_sweep
from core.scenario.model import load_preset
from desktop.package_brief import brief_html


@pytest.fixture(scope="module")
def swept() -> tuple[object, Sweep]:
    cat = load_catalog()
    sc = load_preset("policy_kei_class").with_(draws=100)
    return cat, run_sweep(sc, cat, states=["TX", "CA"])


def _html(swept: tuple[object, Sweep], pkg: str) -> str:
    cat, sw = swept
    return brief_html(pkg, sw, nation_result(sw), business_cases(sw, None, pkg), cat)


def test_todays_law_sets_no_lever(swept: tuple[object, Sweep]) -> None:
    text = _html(swept, "Baseline")
    assert "<b>The package sets:</b> no lever (today's law)" in text
    # PolicyLevers' non-zero default (import age 25 years) is not a change
    assert "import age" not in text


def test_a_package_names_only_what_it_changes(swept: tuple[object, Sweep]) -> None:
    text = _html(swept, "Kei class, 45 mph")
    assert "<b>The package sets:</b> federal kei class; kei class cap 45 mph</p>" in text


def test_money_and_shares_in_the_apps_words(swept: tuple[object, Sweep]) -> None:
    from core.uncertain import Dist
    from desktop.package_brief import _rng

    # fmt.money's minus sign, as every other surface says it
    assert _rng(Dist(0, -5000.0, -1200.4, 300.0), money=True) == "−$1,200 (−$5,000 to $300)"
    assert _rng(Dist(0, 0.001, 0.0123, 0.02), pct=True) == "1.23% (0.10% to 2.00%)"
    text = _html(swept, "Kei class, 45 mph")
    assert "Share of new-vehicle buyers (nation, population-weighted)" in text
    assert "$-" not in text
