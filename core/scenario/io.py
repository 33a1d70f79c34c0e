"""Scenario files: JSON with ``schema_version``, an upgrade chain, and atomic writes.

Reading never raises anything but ScenarioFileError (a KeiWhatIfError) with a message that
names the file and the problem; writing goes to a temporary file in the same folder, is
flushed to disk and then renamed over the target, so a crash or a full disk mid-save leaves
the previous file intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from core.data.catalog import Catalog
from core.errors import KeiWhatIfError, ValidationError
from core.scenario.model import Scenario
from core.scenario.overrides import check_for_vehicle

SCHEMA_VERSION = 2
MAX_FILE_BYTES = 5_000_000


def _convert_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2 (issue #17): the buyer's own numbers per vehicle and vehicles of their own.

    Adds only these fields' defaults (no override, no custom vehicle). A version-1 `loan_apr`
    keeps its meaning for a new vehicle; version 2 finances used and old vehicles at the
    used / personal-loan spread above it (docs/cost-model.md)."""
    data.setdefault("vehicle_overrides", {})
    data.setdefault("custom_vehicles", [])
    return data


# One function per step: MIGRATIONS[n] turns a version-n dict into a version-(n+1) dict;
# a format change adds SCHEMA_VERSION += 1 and MIGRATIONS[old] (tests cover each step).
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {1: _convert_version_1}


class ScenarioFileError(KeiWhatIfError):
    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        self.path = str(path)
        super().__init__(f"{Path(path).name}: {message}")


def upgrade(data: dict[str, Any], path: str | os.PathLike[str] = "scenario") -> dict[str, Any]:
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ScenarioFileError(
            path, f"schema_version must be a whole number (this app writes {SCHEMA_VERSION})"
        )
    if version > SCHEMA_VERSION:
        raise ScenarioFileError(
            path,
            f"saved by a newer version of Kei What-If (schema_version {version}); "
            f"this version reads up to {SCHEMA_VERSION}. Please update the app.",
        )
    if version < 1:
        raise ScenarioFileError(path, f"schema_version {version} is not a Kei What-If version")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ScenarioFileError(path, f"no upgrade from schema_version {version}")
        data = step(dict(data))
        version += 1
        data["schema_version"] = version
    return data


def scenario_from_json_text(
    text: str, path: str | os.PathLike[str] = "scenario", catalog: Catalog | None = None
) -> Scenario:
    if not text.strip():
        raise ScenarioFileError(path, "the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioFileError(
            path, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(data, dict):
        raise ScenarioFileError(path, "expected a JSON object with the scenario's fields")
    if "schema_version" not in data:
        raise ScenarioFileError(path, "missing schema_version: not a Kei What-If scenario file")
    data = upgrade(data, path)
    for k in ("description", "source"):
        data.pop(k, None)
    try:
        sc = Scenario.from_dict(data)
        if catalog is not None:
            validate_against(sc, catalog)
    except ValidationError as exc:
        raise ScenarioFileError(path, str(exc)) from None
    return sc


def validate_against(sc: Scenario, catalog: Catalog) -> None:
    """Ids a scenario names must exist in the catalogue or among its own vehicles (and
    overrides be in range)."""
    for v in sc.custom_vehicles:
        if v.id in catalog.vehicles:
            raise ValidationError(
                f"custom_vehicles.{v.id}.id", v.id, "an id not already in the catalogue"
            )
    known = {**catalog.vehicles, **{v.id: v for v in sc.custom_vehicles}}
    for i, vid in enumerate(sc.vehicles):
        if vid not in known:
            raise ValidationError(f"vehicles[{i}]", vid, "one of " + ", ".join(sorted(known)))
    for vid, ov in sc.vehicle_overrides.items():
        vehicle = known.get(vid)
        if vehicle is None:
            raise ValidationError(
                f"vehicle_overrides.{vid}", vid, "a vehicle id from the catalogue or yours"
            )
        check_for_vehicle(vid, ov, vehicle)
    catalog.with_overrides(sc.overrides)


def load_scenario(path: str | os.PathLike[str], catalog: Catalog | None = None) -> Scenario:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioFileError(p, f"the file is too large ({size:,} bytes) to be a scenario")
        raw = p.read_bytes()
    except ScenarioFileError:
        raise
    except FileNotFoundError:
        raise ScenarioFileError(p, "the file does not exist") from None
    except OSError as exc:
        raise ScenarioFileError(p, f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioFileError(p, "not a text file (expected UTF-8 JSON)") from None
    return scenario_from_json_text(text, p, catalog)


def scenario_to_dict(sc: Scenario) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, **sc.to_dict()}


def scenario_to_json(sc: Scenario) -> str:
    return json.dumps(scenario_to_dict(sc), indent=2, ensure_ascii=False) + "\n"


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write via a temporary file in the same folder + fsync + rename: all or nothing."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ScenarioFileError(
            target, f"cannot write in {folder} ({exc.strerror or exc})"
        ) from None
    try:
        # mkstemp creates 0600; give the file the mode a normal save would (or the old file's)
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ScenarioFileError(
            target, f"could not be saved ({exc.strerror or exc}); the previous file is unchanged"
        ) from None


def save_scenario(sc: Scenario, path: str | os.PathLike[str]) -> None:
    atomic_write_text(path, scenario_to_json(sc))


def apply_sets(data: Mapping[str, Any], assignments: list[str]) -> dict[str, Any]:
    """Apply ``dotted.key=value`` assignments (values parsed as JSON when they parse)."""
    out: dict[str, Any] = json.loads(json.dumps(data))
    for item in assignments:
        if "=" not in item:
            raise ValidationError("--set", item, "dotted.key=value, e.g. annual_miles=20000")
        key, raw = item.split("=", 1)
        parts = [k for k in key.strip().split(".") if k]
        if not parts:
            raise ValidationError("--set", item, "a key before '='")
        try:
            value: Any = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        node = out
        for k in parts[:-1]:
            nxt = node.get(k)
            if nxt is None:
                nxt = {}
                node[k] = nxt
            if not isinstance(nxt, dict):
                raise ValidationError(key, raw, f"'{k}' is not an object, so '{key}' cannot be set")
            node = nxt
        if isinstance(node.get(parts[-1]), list) and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        node[parts[-1]] = value
    return out
