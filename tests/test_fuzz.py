"""Fuzzing every input path: scenario dicts the schema allows (and near misses), random bytes
into the scenario loader, broken CSVs into the data loader."""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.cost.ownership import CATEGORIES
from core.data.catalog import Catalog, load_catalog
from core.data.paths import DATA
from core.data.roads import ROAD_CLASSES
from core.data.states import STATE_CODES
from core.engine import evaluate
from core.errors import DataError, ValidationError
from core.scenario.io import ScenarioFileError, scenario_from_json_text
from core.scenario.model import Scenario

CAT = load_catalog()
VEHICLE_IDS = sorted(CAT.vehicles)
FUZZ = settings(
    max_examples=int(os.environ.get("KEIWHATIF_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def scenario_dicts(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(1, min(3, len(VEHICLE_IDS))))
    weights = draw(
        st.lists(st.floats(0, 1), min_size=5, max_size=5).filter(lambda w: sum(w) > 1e-3)
    )
    total = sum(weights)
    d: dict[str, Any] = {
        "schema_version": 1,
        "vehicles": draw(
            st.lists(st.sampled_from(VEHICLE_IDS), min_size=n, max_size=n, unique=True)
        ),
        "state": draw(st.sampled_from(STATE_CODES)),
        "annual_miles": draw(st.floats(0, 100_000)),
        "years": draw(st.integers(1, 20)),
        "road_mix": {rc: w / total for rc, w in zip(ROAD_CLASSES, weights, strict=True)},
        "financed": draw(st.booleans()),
        "loan_apr": draw(st.floats(0, 0.4)),
        "loan_term_months": draw(st.integers(1, 120)),
        "down_payment_share": draw(st.floats(0, 1)),
        "occupancy": draw(st.floats(1, 9)),
        "draws": 200,
        "seed": draw(st.integers(0, 2**32 - 1)),
    }
    params = [p for p in CAT.params.values() if p.min is not None and p.max is not None]
    if params:
        chosen = draw(st.lists(st.sampled_from(params), max_size=3, unique_by=lambda p: p.id))
        d["overrides"] = {p.id: draw(st.floats(p.min, p.max)) for p in chosen}  # type: ignore[arg-type]
    return d


def _finite(x: float) -> bool:
    return isinstance(x, float | int) and math.isfinite(x)


@FUZZ
@given(scenario_dicts())
def test_any_valid_scenario_evaluates_cleanly(d: dict[str, Any]) -> None:
    try:
        sc = scenario_from_json_text(json.dumps(d), "fuzz", CAT)
    except ScenarioFileError as exc:
        # only a range the catalogue itself sets may refuse a value the schema allows
        assert "overrides" in str(exc), exc
        return
    seats = min(CAT.vehicle(v).seats for v in sc.vehicles)
    if sc.occupancy > seats:  # more people than seats: one clear error (issue 16)
        with pytest.raises(ValidationError) as err:
            evaluate(sc, CAT)
        assert err.value.field == "occupancy" and f"{seats} seats" in str(err.value)
        return
    res = evaluate(sc, CAT)
    for vr in res.vehicles:
        c, s = vr.cost, vr.safety
        for dist in (
            c.total_usd,
            c.per_month_usd,
            c.per_mile_usd,
            s.occupant_deaths_per_10k_owners,
            s.others_deaths_per_10k_owners,
            s.occupant_deaths_per_100m_miles,
            s.serious_injuries_per_10k_owners,
        ):
            assert all(_finite(v) for v in (dist.central, dist.p10, dist.p50, dist.p90)), dist
            assert dist.p10 <= dist.p50 <= dist.p90
        assert sum(c.by_category_usd[k] for k in CATEGORIES) == pytest.approx(
            c.total_usd.central, rel=1e-9, abs=1e-6
        )
        assert 0.0 <= s.miles_not_legally_drivable_share <= 1.0
        assert vr.feasibility.verdict in ("pass", "warn", "fail")
    for cmp in res.comparisons:
        assert 0.0 <= cmp.p_a_cheaper <= 1.0


NEAR_MISSES = [
    ("annual_miles", -1), ("annual_miles", 1e9), ("annual_miles", float("nan")), ("years", 0), ("years", 2.5),
    ("loan_apr", 4.0), ("loan_term_months", 0), ("down_payment_share", 1.5), ("occupancy", 0.5),
    ("draws", 5), ("state", "ZZ"), ("vehicles", []), ("vehicles", ["nope"]), ("financed", "yes"),
    ("road_mix", {"local_25": 2.0}), ("road_mix", {"local_25": 0.5}), ("road_mix", {"local_25": -0.2, "collector_35": 1.2}),
    ("overrides", {"fx_jpy_per_usd": -5}), ("overrides", {"fx_jpy_per_usd": "lots"}), ("levers", {"import_age_years": 99}),
    ("packages", [{"name": "a", "levers": {}}] * 4), ("seed", -1),
]  # fmt: skip


@pytest.mark.parametrize(("field", "value"), NEAR_MISSES)
def test_near_misses_name_the_field(catalog: Catalog, field: str, value: object) -> None:
    from core.scenario.io import scenario_to_dict
    from core.scenario.model import default_scenario

    d = scenario_to_dict(default_scenario())
    d[field] = value
    text = json.dumps(d, allow_nan=True)
    with pytest.raises(ScenarioFileError) as e:
        scenario_from_json_text(text, "near-miss.json", catalog)
    assert field in str(e.value), str(e.value)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_only_give_the_clear_error(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # the file loader refuses these before parsing (tested in test_scenario_files)
    try:
        scenario_from_json_text(text, "random.json", CAT)
    except ScenarioFileError as exc:
        assert str(exc).startswith("random.json: ")


@FUZZ
@given(
    st.text(
        alphabet=st.sampled_from('{}[]":,0123456789.-truefalsnl ' + "".join(ROAD_CLASSES)),
        max_size=200,
    )
)
def test_json_like_noise_only_gives_the_clear_error(text: str) -> None:
    with contextlib.suppress(ScenarioFileError):
        scenario_from_json_text(text, "noise.json", CAT)


def test_scenario_dataclass_rejects_bad_values_with_the_field() -> None:
    from core.scenario.model import RoadMix

    with pytest.raises(ValidationError) as e:
        Scenario(
            vehicles=("versa_2025",),
            state="TX",
            annual_miles=-5,
            years=5,
            road_mix=RoadMix((0.2,) * 5),
        )
    assert e.value.field == "annual_miles" and "0 to 100000" in str(e.value)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.csv")))
def test_every_data_file_broken_three_ways_is_named(data_copy: Path, name: str) -> None:
    path = data_copy / name
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines()
    header = lines[0]
    # 1. a missing column
    first_col = header.split(",")[0]
    path.write_text(
        "\n".join(
            [",".join(header.split(",")[1:]), *[",".join(ln.split(",")[1:]) for ln in lines[1:]]]
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as e:
        load_catalog(data_copy)
    assert name in str(e.value)
    assert first_col in str(e.value) or "column" in str(e.value)
    # 2. an empty file
    path.write_text("", encoding="utf-8")
    with pytest.raises(DataError, match=name):
        load_catalog(data_copy)
    # 3. a duplicated row (duplicate id)
    body = [ln for ln in lines[1:] if ln.strip() and not ln.startswith("#")]
    path.write_text("\n".join([header, *body, body[0]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_catalog(data_copy)
    assert name in str(e.value) and "duplicate" in str(e.value)
