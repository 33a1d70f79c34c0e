"""The occupancy check is input validation: policy.apply refuses more people than seats, so no
model (the cost model first of all) runs on an invalid scenario."""

from __future__ import annotations

import pytest

from core.cost import ownership
from core.data.catalog import Catalog
from core.engine import evaluate
from core.errors import ValidationError
from core.policy import effective as policy
from core.scenario.model import default_scenario

KEI_TRUCK = "carry_1995_import"


def test_apply_refuses_more_people_than_seats(catalog: Catalog) -> None:
    seats = catalog.vehicle(KEI_TRUCK).seats
    sc = default_scenario().with_(vehicles=(KEI_TRUCK, "versa_2025"), occupancy=seats + 1.0)
    with pytest.raises(ValidationError) as err:
        policy.apply(sc, catalog)
    assert err.value.field == "occupancy"
    name = catalog.vehicle(KEI_TRUCK).name
    assert str(err.value).endswith(f"at most {seats} (the {name} has {seats} seats)")
    policy.apply(sc.with_(occupancy=float(seats)), catalog)  # at the seat count it is accepted


def test_no_model_runs_before_the_occupancy_error(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []
    real = ownership.evaluate_cost

    def spy(*args: object, **kwargs: object) -> object:
        ran.append("cost")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("core.engine.evaluate_cost", spy)
    seats = catalog.vehicle(KEI_TRUCK).seats
    sc = default_scenario().with_(vehicles=(KEI_TRUCK,), occupancy=seats + 0.5)
    with pytest.raises(ValidationError):
        evaluate(sc, catalog)
    assert ran == []
