"""The window accepts every value a scenario file allows, and changes only what the user changes.

The file format's bounds live once in core.scenario.fields; the inputs take their ranges from
there. A file with values at the far ends of those ranges must survive an unrelated edit.
"""

from __future__ import annotations

import pytest

from core.data.catalog import Catalog
from core.scenario import fields
from core.scenario.model import Scenario, default_scenario


def test_every_scenario_bound_is_enforced() -> None:
    base = default_scenario()
    for name, b in fields.SCENARIO.items():
        base.with_(**{name: int(b.hi) if b.integer else b.hi})  # the top is allowed
        with pytest.raises(Exception, match=name):
            base.with_(**{name: b.hi + 1})


@pytest.fixture()
def far_file(catalog: Catalog) -> Scenario:
    six = tuple(sorted(catalog.vehicles))[:6]
    return default_scenario().with_(
        vehicles=six,
        annual_miles=80_000.0,
        loan_term_months=120,
        loan_apr=0.40,
        draws=1000,
    )


@pytest.fixture()
def window(make_window, far_file: Scenario):  # type: ignore[no-untyped-def]
    return make_window(far_file, draws=None)


def test_inputs_show_the_files_values(window, far_file: Scenario) -> None:  # type: ignore[no-untyped-def]
    ip = window.inputs
    assert ip.miles.value() == pytest.approx(80_000)
    assert ip.term.value() == pytest.approx(120)
    assert ip.apr.value() == pytest.approx(40.0)
    shown = [b for b in ip.vehicle_boxes if b.isVisibleTo(window)]
    assert [b.currentData() for b in shown] == list(far_file.vehicles)


def test_an_unrelated_edit_keeps_every_other_value(window, far_file: Scenario) -> None:  # type: ignore[no-untyped-def]
    window.inputs.down.spin.setValue(35)
    window.controller.wait_idle()
    sc = window.controller.scenario
    assert sc.down_payment_share == pytest.approx(0.35)
    assert sc.loan_term_months == 120
    assert sc.loan_apr == pytest.approx(0.40)
    assert sc.annual_miles == pytest.approx(80_000)
    assert sc.vehicles == far_file.vehicles


def test_changing_the_microcar_keeps_vehicles_four_to_six(
    window, far_file: Scenario, catalog: Catalog
) -> None:  # type: ignore[no-untyped-def]
    box = window.inputs.vehicle_boxes[0]
    other = next(v for v in sorted(catalog.vehicles) if v not in far_file.vehicles)
    box.setCurrentIndex(box.findData(other))
    box.activated.emit(box.currentIndex())
    window.controller.wait_idle()
    assert window.controller.scenario.vehicles == (other, *far_file.vehicles[1:])
