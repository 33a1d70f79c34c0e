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
from core.scenario.model import DEFAULT_FALLBACK_MODE, Scenario

SCHEMA_VERSION = 2
MAX_FILE_BYTES = 5_000_000

# One function per step: MIGRATIONS[n] turns a version-n dict into a version-(n+1) dict.
# A format change adds SCHEMA_VERSION += 1 and MIGRATIONS[old] = _convert_version_old (tests
# cover each step).
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _convert_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: the fallback travel mode (`fallback`) is new; version-1 files get the default.

    Only adds defaults for fields a version-1 file cannot hold; everything else is unchanged.
    """
    if "fallback" not in data:
        data["fallback"] = {"mode": DEFAULT_FALLBACK_MODE}
    return data


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
    """Ids a scenario names must exist in the catalogue (and overrides be in range)."""
    if sc.fallback.vehicle and sc.fallback.vehicle not in catalog.vehicles:
        raise ValidationError(
            "fallback.vehicle", sc.fallback.vehicle, "one of " + ", ".join(sorted(catalog.vehicles))
        )
    for i, vid in enumerate(sc.vehicles):
        if vid not in catalog.vehicles:
            raise ValidationError(
                f"vehicles[{i}]", vid, "one of " + ", ".join(sorted(catalog.vehicles))
            )
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
