"""Scenario files: JSON with ``schema_version``, an upgrade chain, and atomic writes.

Reading never raises anything but ScenarioFileError (a KeiWhatIfError) with a message that
names the file and the problem; writing goes to a temporary file in the same folder, is
flushed to disk and then renamed over the target, so a crash or a full disk mid-save leaves
the previous file intact.
"""

from __future__ import annotations

import contextlib
import glob
import json
import math
import os
import stat
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from core.data.catalog import Catalog
from core.errors import KeiWhatIfError, ValidationError
from core.scenario.model import DEFAULT_FALLBACK_MODE, Scenario
from core.scenario.overrides import check_for_vehicle

SCHEMA_VERSION = 2
MAX_FILE_BYTES = 5_000_000

MAX_JSON_DEPTH = 16  # a scenario nests 4 deep (packages -> levers -> a map lever -> value)
MAX_INT_DIGITS = 15  # larger integers are not exact as floats and mean nothing here
MAX_SET_KEY_PARTS = 8


REMOVED_IN_2 = ("sales_tax_rate", "registration_value_rate")

# One function per step: MIGRATIONS[n] turns a version-n dict into a version-(n+1) dict.
# A format change adds SCHEMA_VERSION += 1 and MIGRATIONS[old] = _convert_version_old (tests
# cover each step).
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _convert_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: fields a version-1 file cannot hold get their defaults; everything else is kept.

    * the fallback travel mode (`fallback`, issue #14);
    * the buyer's own numbers per vehicle (`vehicle_overrides`) and vehicles of their own
      (`custom_vehicles`) (issue #17). A version-1 `loan_apr` keeps its meaning for a new
      vehicle; version 2 finances used and old vehicles at the used / personal-loan spread
      above it (docs/cost-model.md). The state tables replaced the national `sales_tax_rate`
      and `registration_value_rate`: a saved override of either has nothing left to act on,
      so it is dropped rather than refusing the whole file.
    """
    if "fallback" not in data:
        data["fallback"] = {"mode": DEFAULT_FALLBACK_MODE}
    data.setdefault("vehicle_overrides", {})
    data.setdefault("custom_vehicles", [])
    overrides = data.get("overrides")
    if isinstance(overrides, dict):
        for pid in REMOVED_IN_2:
            overrides.pop(pid, None)
    return data


MIGRATIONS: dict[int, Migration] = {1: _convert_version_1}


class ScenarioFileError(KeiWhatIfError):
    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        self.path = str(path)
        super().__init__(f"{Path(path).name}: {message}")


class JsonSyntaxError(ScenarioFileError):
    """The text is not JSON at all (as opposed to JSON holding a value we refuse)."""


def json_depth(text: str) -> int:
    """How deeply objects and arrays nest in JSON text (without parsing it, so a hostile file
    cannot exhaust the parser's stack)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in "]}":
            depth -= 1
    return deepest


class _Refused:
    """Stands in for a number JSON allows but a scenario cannot hold, so the error can name
    the field it was found in."""

    def __init__(self, why: str) -> None:
        self.why = why


def _refuse_constant(name: str) -> _Refused:
    return _Refused(f"{name} (not a finite number)")


def _parse_int(text: str) -> int | _Refused:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return _Refused(f"an integer of {len(text.lstrip('-'))} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def _parse_float(text: str) -> float | _Refused:
    v = float(text)
    if not math.isfinite(v):
        return _Refused(f"{text[:20]} (too large for a number)")
    return v


def _check_values(value: Any, where: str) -> None:
    """Refuse the numbers set aside while parsing, and text that cannot be written back as
    UTF-8 (a lone surrogate such as \\ud800); the error names the field."""
    stack: list[tuple[Any, str]] = [(value, where)]
    while stack:
        v, at = stack.pop()
        field = at or "scenario"
        if isinstance(v, _Refused):
            raise ValidationError(field, v.why, "a finite number of ordinary size")
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                raise ValidationError(
                    field, "…", "text without lone surrogates (\\ud800-\\udfff)"
                ) from None
        elif isinstance(v, dict):
            for k, item in v.items():
                stack.append((k, at))
                stack.append((item, f"{at}.{k}" if at else str(k)))
        elif isinstance(v, list):
            stack.extend((item, f"{at}[{i}]") for i, item in enumerate(v))


def strict_json_loads(text: str, path: str | os.PathLike[str] = "scenario", field: str = "") -> Any:
    """json.loads for untrusted input: bounded size and depth; no NaN, Infinity or huge
    numbers; only text that is valid Unicode. Raises ScenarioFileError (JsonSyntaxError when
    the text is not JSON at all); a refused value raises ValidationError naming its field
    (below ``field``)."""
    if len(text) > MAX_FILE_BYTES:
        raise ScenarioFileError(
            path, f"larger than {MAX_FILE_BYTES:,} bytes: too large to be a scenario"
        )
    if json_depth(text) > MAX_JSON_DEPTH:
        raise ScenarioFileError(
            path, f"nested more than {MAX_JSON_DEPTH} levels deep: not a scenario"
        )
    try:
        data = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_int=_parse_int,
            parse_float=_parse_float,
        )
    except json.JSONDecodeError as exc:
        raise JsonSyntaxError(
            path, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise ScenarioFileError(path, f"not valid JSON ({type(exc).__name__})") from None
    _check_values(data, field)
    return data


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
        data = strict_json_loads(text, path)
    except ValidationError as exc:
        raise ScenarioFileError(path, str(exc)) from None
    return scenario_from_data(data, path, catalog)


def scenario_from_data(
    data: Any, path: str | os.PathLike[str] = "scenario", catalog: Catalog | None = None
) -> Scenario:
    """A parsed scenario file (a dict) -> Scenario, upgraded and checked against the catalogue."""
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
    if sc.fallback.vehicle and sc.fallback.vehicle not in catalog.vehicles:
        raise ValidationError(
            "fallback.vehicle", sc.fallback.vehicle, "one of " + ", ".join(sorted(catalog.vehicles))
        )
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
        if p.is_dir():
            raise ScenarioFileError(p, "is a folder, not a scenario file")
        with p.open("rb") as fh:  # read no more than the cap: /dev/zero is "0 bytes" to stat
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise ScenarioFileError(
                p, f"larger than {MAX_FILE_BYTES:,} bytes: too large to be a scenario"
            )
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


STALE_TEMP_S = 600  # a temporary file this old was left by a killed save, not a running one


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


class StagedWrite:
    """Data already written and fsynced next to its target; ``commit`` renames it into place."""

    def __init__(self, target: Path, tmp: str) -> None:
        self.target = target
        self.tmp = tmp

    def commit(self) -> None:
        try:
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise ScenarioFileError(
                self.target,
                f"could not be saved ({exc.strerror or exc}); the previous file is unchanged",
            ) from None
        _fsync_folder(self.target.parent)
        _clean_stale_temps(self.target)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a crash right after a save keeps the new file)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the data itself is synced
    finally:
        os.close(fd)


def _clean_stale_temps(target: Path) -> None:
    """Remove temporary files that killed saves of this target left behind."""
    now = time.time()
    for p in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - p.stat().st_mtime > STALE_TEMP_S:
                p.unlink()


def stage_bytes(path: str | os.PathLike[str], data: bytes) -> StagedWrite:
    """Write ``data`` to a temporary file beside ``path`` (the symlink's target, if it is one),
    fsynced; nothing is replaced until ``commit``."""
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ScenarioFileError(path, f"cannot write in {folder} ({exc.strerror or exc})") from None
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
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ScenarioFileError(
            path, f"could not be saved ({exc.strerror or exc}); the previous file is unchanged"
        ) from None
    return StagedWrite(target, tmp)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace a regular file all-or-nothing (temporary file + fsync + rename + folder fsync).

    A symlink is followed (the link stays a link); a special file such as /dev/null or a pipe
    is written in place, never replaced by a regular file."""
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except OSError:
        mode = 0
    if mode and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise ScenarioFileError(path, "is a folder")
        try:
            with open(real, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise ScenarioFileError(path, f"could not be written ({exc.strerror or exc})") from None
        return
    stage_bytes(path, data).commit()


def save_scenario(sc: Scenario, path: str | os.PathLike[str]) -> None:
    atomic_write_text(path, scenario_to_json(sc))


def apply_sets(data: Mapping[str, Any], assignments: list[str]) -> dict[str, Any]:
    """Apply ``dotted.key=value`` assignments (values parsed as JSON when they parse).

    The same limits as a file: no NaN, Infinity or huge numbers, bounded depth, valid text."""
    out: dict[str, Any] = json.loads(json.dumps(data))
    for item in assignments:
        _check_values(item, "--set")
        if "=" not in item:
            raise ValidationError("--set", item, "dotted.key=value, e.g. annual_miles=20000")
        key, raw = item.split("=", 1)
        parts = [k for k in key.strip().split(".") if k]
        if not parts:
            raise ValidationError("--set", item, "a key before '='")
        if len(parts) > MAX_SET_KEY_PARTS:
            raise ValidationError(
                "--set", key, f"a key of at most {MAX_SET_KEY_PARTS} dotted parts"
            )
        value: Any
        try:
            value = strict_json_loads(raw, f"--set {key}", key)
        except JsonSyntaxError:
            value = raw  # plain text: a name, a state code, a comma list
        except ScenarioFileError as exc:
            raise ValidationError(key, raw, str(exc).split(": ", 1)[-1]) from None
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
