"""Scenario files: round trip, clear messages for every kind of bad file, atomic saves, --set."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.data.catalog import Catalog
from core.errors import ValidationError
from core.scenario.io import (
    MIGRATIONS,
    SCHEMA_VERSION,
    ScenarioFileError,
    apply_sets,
    load_scenario,
    save_scenario,
    scenario_to_dict,
    upgrade,
)
from core.scenario.model import Scenario, default_scenario


def test_round_trip_is_equal(tmp_path: Path, catalog: Catalog) -> None:
    sc = default_scenario().with_(annual_miles=12345.5, years=7, state="CA")
    path = tmp_path / "s.json"
    save_scenario(sc, path)
    assert load_scenario(path, catalog) == sc
    assert json.loads(path.read_text())["schema_version"] == SCHEMA_VERSION


def test_every_preset_loads_and_evaluates(catalog: Catalog) -> None:
    from core.data.paths import SCENARIOS
    from core.engine import evaluate

    presets = sorted(SCENARIOS.glob("*.json"))
    assert presets
    for p in presets:
        sc = load_scenario(p, catalog)
        assert evaluate(sc.with_(draws=200), catalog).vehicles


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b'{"schema_version": 1, "vehicles": ["versa_2025"', "not valid JSON"),
        (b"[1, 2, 3]", "JSON object"),
        (b'{"vehicles": []}', "schema_version"),
        (b'{"schema_version": 99}', "newer version"),
        (b'{"schema_version": "one"}', "whole number"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
    ],
)
def test_bad_files_give_a_clear_message(
    tmp_path: Path, catalog: Catalog, content: bytes, needle: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ScenarioFileError) as e:
        load_scenario(path, catalog)
    assert needle in str(e.value)
    assert "bad.json" in str(e.value)


def test_wrongly_typed_and_unknown_fields_are_named(tmp_path: Path, catalog: Catalog) -> None:
    base = scenario_to_dict(default_scenario())
    cases = [
        ({**base, "annual_miles": "lots"}, "annual_miles"),
        ({**base, "years": 0}, "years"),
        ({**base, "loan_apr": 4.0}, "loan_apr"),
        ({**base, "state": "XX"}, "state"),
        ({**base, "vehicles": ["no_such_car"]}, "vehicles[0]"),
        ({**base, "colour": "red"}, "colour"),
        ({**base, "road_mix": {**base["road_mix"], "autobahn": 0.1}}, "road_mix.autobahn"),
        ({**base, "overrides": {"no_such_param": 1.0}}, "overrides.no_such_param"),
        ({**base, "levers": {"import_age_years": "soon"}}, "levers.import_age_years"),
    ]
    for data, field in cases:
        path = tmp_path / "f.json"
        path.write_text(json.dumps(data))
        with pytest.raises(ScenarioFileError) as e:
            load_scenario(path, catalog)
        assert field in str(e.value), (field, str(e.value))


def test_truncated_file_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "t.json"
    save_scenario(default_scenario(), path)
    text = path.read_text()
    path.write_text(text[: len(text) // 2])
    with pytest.raises(ScenarioFileError, match="not valid JSON"):
        load_scenario(path, catalog)


def test_upgrade_chain_runs_each_step_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """A future format change adds one step; the chain applies steps from the file's version."""
    seen: list[int] = []

    def step(n: int):  # type: ignore[no-untyped-def]
        def f(d: dict[str, object]) -> dict[str, object]:
            seen.append(n)
            return {**d, f"step{n}": True}

        return f

    monkeypatch.setattr("core.scenario.io.SCHEMA_VERSION", 3)
    monkeypatch.setitem(MIGRATIONS, 1, step(1))
    monkeypatch.setitem(MIGRATIONS, 2, step(2))
    out = upgrade({"schema_version": 1})
    assert seen == [1, 2]
    assert out == {"schema_version": 3, "step1": True, "step2": True}
    assert upgrade({"schema_version": 2}) == {"schema_version": 3, "step2": True}


def test_save_is_atomic_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "keep.json"
    save_scenario(default_scenario(), path)
    before = path.read_bytes()

    def boom(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(ScenarioFileError, match="No space left"):
        save_scenario(default_scenario().with_(years=9), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]  # no temp file left behind


def test_save_into_read_only_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a read-only folder does to a save (simulated: CI runs as root, which ignores modes)."""
    import tempfile

    def denied(*_a: object, **_k: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(ScenarioFileError, match=r"cannot write in .*Permission denied"):
        save_scenario(default_scenario(), tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_apply_sets() -> None:
    d = scenario_to_dict(default_scenario())
    out = apply_sets(
        d,
        [
            "annual_miles=20000",
            "levers.import_age_years=15",
            "vehicles=versa_2025,f150_xl_2025",
            "state=CA",
        ],
    )
    assert out["annual_miles"] == 20000
    assert out["levers"]["import_age_years"] == 15
    assert out["vehicles"] == ["versa_2025", "f150_xl_2025"]
    assert out["state"] == "CA"
    with pytest.raises(ValidationError):
        apply_sets(d, ["no_equals_sign"])
    with pytest.raises(ValidationError):
        apply_sets(d, ["state.x=1"])


def test_scenario_dict_round_trip() -> None:
    sc = default_scenario()
    assert Scenario.from_dict(scenario_to_dict(sc)) == sc


def test_killing_the_process_mid_save_leaves_a_whole_file(tmp_path: Path, catalog: Catalog) -> None:
    """A writer saving in a tight loop is killed (SIGKILL) at random moments; the file on disk
    is always one complete scenario, never a half-written one."""
    import random
    import signal
    import subprocess
    import sys
    import time

    target = tmp_path / "s.json"
    save_scenario(default_scenario(), target)
    root = Path(__file__).resolve().parents[1]
    code = f"""
import sys
sys.path.insert(0, {str(root)!r})
from core.scenario.model import default_scenario
from core.scenario.io import save_scenario
from pathlib import Path
base = default_scenario()
i = 0
while True:
    save_scenario(base.with_(annual_miles=float(1000 + i % 9000), name="x" * (i % 5000)), Path({str(target)!r}))
    if i == 0:
        print("saving", flush=True)
    i += 1
"""
    rng = random.Random(3)
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        proc.stdout.readline()  # the kill lands mid-loop, not during a slow interpreter start
        time.sleep(0.05 + rng.random() * 0.4)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        sc = load_scenario(target, catalog)  # raises if the file were half-written
        assert 1000 <= sc.annual_miles < 10000
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "s.json"]
    # a killed writer may leave its temporary file behind, never a damaged target
    assert all(n.startswith(".s.json.") and n.endswith(".tmp") for n in leftovers)
