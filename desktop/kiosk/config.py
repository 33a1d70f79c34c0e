"""Kiosk settings: a JSON file the operator edits on the operator screen (or by hand).

Path: ``~/.config/keiwhatif/kiosk.json`` (``$XDG_CONFIG_HOME/keiwhatif/kiosk.json``);
``keiwhatif --kiosk --kiosk-config PATH`` uses another. There is no default PIN: until an operator
has set one with ``keiwhatif --kiosk-setup`` the kiosk shows a full-screen "needs an operator"
page and runs nothing else. The PIN is stored only as a salted PBKDF2-SHA256 hash, in a file only
its owner can read.

Reading never raises anything but :class:`KioskConfigError`, with a one-line reason: a booth
with a broken config shows that reason full screen instead of a traceback or the desktop.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from core.data.states import STATE_CODES
from core.errors import KeiWhatIfError, ValidationError
from core.scenario.io import atomic_write_text, json_depth
from core.scenario.overrides import VehicleOverride

PBKDF2_ROUNDS = 200_000
ORIENTATIONS = ("auto", "landscape", "portrait")
PIN_DIGITS = (4, 12)
MAX_CONFIG_BYTES = 64_000
MAX_CONFIG_DEPTH = 4
IDLE_SECONDS = (10, 3600)
# rounds a stored hash may name: below the floor a stolen file is cheap to brute-force; above
# the ceiling one attempt would freeze the booth
ROUNDS_RANGE = (10_000, 5_000_000)
_HASH_RE = re.compile(r"pbkdf2_sha256\$(\d{1,8})\$([0-9a-f]{16,128})\$([0-9a-f]{64})")


class KioskConfigError(KeiWhatIfError):
    """The kiosk config cannot be used; the message says which field and why (one line)."""


def hash_pin(pin: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), PBKDF2_ROUNDS)
    return f"pbkdf2_sha256${PBKDF2_ROUNDS}${salt}${digest.hex()}"


def pin_hash_problem(stored: str) -> str | None:
    """Why a stored hash is unusable, or None."""
    m = _HASH_RE.fullmatch(stored)
    if m is None:
        return (
            "pin_hash is not a pbkdf2_sha256$rounds$salt$digest hash; run keiwhatif --kiosk-setup"
        )
    if not (ROUNDS_RANGE[0] <= int(m.group(1)) <= ROUNDS_RANGE[1]):
        return f"pin_hash rounds must be {ROUNDS_RANGE[0]:,} to {ROUNDS_RANGE[1]:,}; run keiwhatif --kiosk-setup"
    if len(m.group(2)) % 2:
        return "pin_hash salt has an odd number of hex digits; run keiwhatif --kiosk-setup"
    return None


def verify_pin(pin: str, stored: str) -> bool:
    """True only for the right PIN against a well-formed hash; never raises."""
    if pin_hash_problem(stored) is not None:
        return False
    _algo, rounds, salt, digest = stored.split("$")
    try:
        calc = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), int(rounds))
    except (ValueError, UnicodeEncodeError):
        return False
    return hmac.compare_digest(calc.hex(), digest)


def pin_problem(pin: str) -> str | None:
    lo, hi = PIN_DIGITS
    if not (pin.isascii() and pin.isdigit() and lo <= len(pin) <= hi):
        return f"The PIN must be {lo} to {hi} digits."
    if len(set(pin)) == 1:
        return "The PIN may not be one digit repeated."
    return None


@dataclass(frozen=True)
class KioskConfig:
    idle_seconds: int = 90
    default_state: str = "TX"
    # vehicles a visitor can pick in step 1 and what they are compared with; empty = every
    # microcar in the catalogue / the cheapest new subcompact and full-size pickup
    microcars: tuple[str, ...] = ()
    comparators: tuple[str, ...] = ()
    output_folder: str = ""
    orientation: str = "auto"
    pin_hash: str = ""  # empty: no PIN yet, the kiosk will not run
    # booth prices (issue #17): vehicle id -> the price a visitor would pay at this booth, USD
    # delivered; every kiosk scenario uses it as that vehicle's price_usd override
    booth_prices: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        problem = self.problem()
        if problem is not None:
            raise KioskConfigError(problem)

    def problem(self, vehicle_ids: Collection[str] | None = None) -> str | None:
        lo, hi = IDLE_SECONDS
        i = self.idle_seconds
        if isinstance(i, bool) or not isinstance(i, int) or not (lo <= i <= hi):
            return f"idle_seconds must be a whole number from {lo} to {hi}"
        if not isinstance(self.default_state, str) or self.default_state not in STATE_CODES:
            return "default_state must be a US state code such as TX"
        for name in ("microcars", "comparators"):
            ids = getattr(self, name)
            if not isinstance(ids, tuple) or not all(isinstance(v, str) for v in ids):
                return f"{name} must be a list of vehicle ids"
            if vehicle_ids is not None:
                unknown = [v for v in ids if v not in vehicle_ids]
                if unknown:
                    return f"{name}: unknown vehicle id {_short(unknown[0])}"
        if not isinstance(self.output_folder, str) or "\0" in self.output_folder:
            return "output_folder must be text (a folder path)"
        if not isinstance(self.orientation, str) or self.orientation not in ORIENTATIONS:
            return "orientation must be one of " + ", ".join(ORIENTATIONS)
        if not isinstance(self.booth_prices, Mapping):
            return "booth_prices must be an object of vehicle id -> US dollars"
        for vid, usd in self.booth_prices.items():
            if vehicle_ids is not None and vid not in vehicle_ids:
                return f"booth_prices: unknown vehicle id {_short(vid)}"
            try:
                VehicleOverride.from_dict(str(vid), {"price_usd": usd})  # a scenario's rule
            except ValidationError as exc:
                return _one_line(exc)
        if not isinstance(self.pin_hash, str):
            return "pin_hash must be text; run keiwhatif --kiosk-setup"
        if self.pin_hash:
            return pin_hash_problem(self.pin_hash)
        return None

    def booth_overrides(self) -> dict[str, VehicleOverride]:
        return {vid: VehicleOverride(price_usd=float(p)) for vid, p in self.booth_prices.items()}

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    def with_(self, **kw: Any) -> KioskConfig:
        return replace(self, **kw)

    def output_dir(self) -> Path:
        if self.output_folder:
            return Path(self.output_folder).expanduser()
        from desktop.qt import QtCore

        docs = QtCore.QStandardPaths.writableLocation(
            QtCore.QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(docs or Path.home()) / "keiwhatif-kiosk"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        d["microcars"] = list(self.microcars)
        d["comparators"] = list(self.comparators)
        d["booth_prices"] = dict(self.booth_prices)
        return d


def _short(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def default_config_path() -> Path:
    """``$XDG_CONFIG_HOME/keiwhatif/kiosk.json`` (``~/.config/keiwhatif/kiosk.json``)."""
    from desktop.qt import QtCore

    base = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.GenericConfigLocation
    )
    return Path(base or Path.home() / ".config") / "keiwhatif" / "kiosk.json"


def load_config(path: Path, vehicle_ids: Collection[str] | None = None) -> KioskConfig:
    """Read and check the config. A missing file gives the defaults, which have no PIN.

    Any other problem (unreadable, a folder, too big, too deep, bad JSON, a wrong type, an unknown
    key or vehicle id, a malformed PIN hash) raises KioskConfigError with a one-line reason."""
    where = str(path)
    try:
        if not path.exists() and not path.is_symlink():
            return KioskConfig()
        if path.is_dir():
            raise KioskConfigError(f"{where} is a folder, not a settings file")
        with path.open("rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except KioskConfigError:
        raise
    except OSError as exc:
        raise KioskConfigError(f"{where} cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise KioskConfigError(f"{where} is larger than {MAX_CONFIG_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KioskConfigError(f"{where} is not UTF-8 text") from None
    if json_depth(text) > MAX_CONFIG_DEPTH:
        raise KioskConfigError(f"{where} is nested too deeply to be a kiosk config")
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise KioskConfigError(f"{where} is not valid JSON ({_one_line(exc)})") from None
    if not isinstance(data, dict):
        raise KioskConfigError(f"{where} must hold a JSON object of settings")
    known = {f.name for f in fields(KioskConfig)}
    for k in data:
        if k not in known:
            raise KioskConfigError(
                f"unknown setting {_short(k)}; known: {', '.join(sorted(known))}"
            )
    for k in ("microcars", "comparators"):
        if k in data:
            if not isinstance(data[k], list):
                raise KioskConfigError(f"{k} must be a list of vehicle ids")
            data[k] = tuple(data[k])
    cfg = KioskConfig(**data)
    problem = cfg.problem(vehicle_ids)
    if problem is not None:
        raise KioskConfigError(problem)
    return cfg


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number here")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 80 else text[:79] + "…"


def save_config(cfg: KioskConfig, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(cfg.to_dict(), indent=2) + "\n")
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # the PIN hash is nobody else's business


def parse_booth_prices(text: str, known: Collection[str]) -> dict[str, float]:
    """'nbox_2025=21500, carry_1995_import=$6,500' -> {id: USD} (operator screen); a problem
    raises KioskConfigError naming the vehicle."""
    out: dict[str, float] = {}
    # pairs separated by ',' or ';' (a comma inside "$6,500" belongs to the price)
    for part in re.split(r"[;,]\s*(?=[a-z0-9_]+\s*=)", text):
        if not part.strip():
            continue
        vid, sep, raw = part.partition("=")
        vid = vid.strip()
        if not sep or vid not in known:
            raise KioskConfigError(
                f"booth prices: {_short(part.strip())} is not vehicle_id=price (e.g. nbox_2025=21500)"
            )
        try:
            value: object = float(raw.strip().replace("$", "").replace(",", ""))
        except ValueError:
            value = raw.strip()
        try:
            out[vid] = VehicleOverride.from_dict(vid, {"price_usd": value}).price_usd or 0.0
        except ValidationError as exc:
            raise KioskConfigError(_one_line(exc)) from None
    return out


def format_booth_prices(prices: Mapping[str, float]) -> str:
    return ", ".join(f"{vid}={usd:g}" for vid, usd in prices.items())
