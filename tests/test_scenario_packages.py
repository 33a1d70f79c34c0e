"""Policy package names are unique and never the baseline's: every view looks a package up by
its name (the Policy tab's columns, the feasibility rules, the nation sweep, the brief)."""

from __future__ import annotations

import pytest

from core.errors import ValidationError
from core.scenario.levers import PolicyLevers, PolicyPackage
from core.scenario.model import Scenario, default_scenario

KEI = PolicyLevers(federal_kei_class=True)
CUT = PolicyLevers(purchase_incentive_usd=2000.0)


def test_two_packages_with_one_name_are_refused_naming_the_second() -> None:
    with pytest.raises(ValidationError) as e:
        default_scenario().with_(packages=(PolicyPackage("P", KEI), PolicyPackage("P", CUT)))
    assert e.value.field == "packages[1].name"
    assert "no repeats" in str(e.value)


def test_names_differing_only_in_case_or_spaces_are_the_same_name() -> None:
    with pytest.raises(ValidationError) as e:
        default_scenario().with_(packages=(PolicyPackage("Kei", KEI), PolicyPackage(" kei ", CUT)))
    assert e.value.field == "packages[1].name"


@pytest.mark.parametrize("name", ["Baseline", "baseline"])
def test_a_package_may_not_take_the_baselines_name(name: str) -> None:
    with pytest.raises(ValidationError) as e:
        default_scenario().with_(packages=(PolicyPackage(name, KEI),))
    assert e.value.field == "packages[0].name"
    assert "Baseline" in e.value.allowed


def test_a_file_with_repeated_package_names_is_refused() -> None:
    d = default_scenario().to_dict()
    d["packages"] = [{"name": "A", "levers": {}}, {"name": "A", "levers": {}}]
    with pytest.raises(ValidationError) as e:
        Scenario.from_dict(d)
    assert e.value.field == "packages[1].name"


def test_different_names_are_accepted() -> None:
    sc = default_scenario().with_(packages=(PolicyPackage("A", KEI), PolicyPackage("B", CUT)))
    assert [p.name for p in sc.packages] == ["A", "B"]
