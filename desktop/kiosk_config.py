"""Kiosk settings: a JSON file the operator edits on the operator screen (or by hand).

Default path: ``<AppConfigLocation>/kiosk.json`` (on Linux ``~/.config/keiwhatif/kiosk.json``);
``keiwhatif --kiosk --kiosk-config PATH`` uses another. The operator PIN is stored only as a
salted PBKDF2-SHA256 hash; the default PIN (printed in the README) must be changed at the first
operator login.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from core.data.states import STATE_CODES
from core.errors import ValidationError
from core.scenario.io import atomic_write_text
from core.scenario.overrides import VehicleOverride

DEFAULT_PIN = (
    "2580"  # the straight line down the middle of a keypad; must be changed on first login
)
PBKDF2_ROUNDS = 200_000
ORIENTATIONS = ("auto", "landscape", "portrait")


def hash_pin(pin: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), PBKDF2_ROUNDS)
    return f"pbkdf2_sha256${PBKDF2_ROUNDS}${salt}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        algo, rounds, salt, digest = stored.split("$")
    except ValueError:
        return False
    if algo != "pbkdf2_sha256":
        return False
    calc = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), int(rounds))
    return hmac.compare_digest(calc.hex(), digest)


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
    pin_hash: str = field(default_factory=lambda: hash_pin(DEFAULT_PIN))
    pin_must_change: bool = True
    # booth prices (issue #17): vehicle id -> the price a visitor would pay here, USD delivered;
    # applied to every kiosk scenario as that vehicle's price_usd override
    booth_prices: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not (10 <= self.idle_seconds <= 3600):
            raise ValidationError(
                "idle_seconds", self.idle_seconds, "a whole number from 10 to 3600"
            )
        if self.default_state not in STATE_CODES:
            raise ValidationError("default_state", self.default_state, "a US state code such as TX")
        if self.orientation not in ORIENTATIONS:
            raise ValidationError(
                "orientation", self.orientation, "one of " + ", ".join(ORIENTATIONS)
            )
        if not isinstance(self.booth_prices, Mapping):
            raise ValidationError("booth_prices", self.booth_prices, "vehicle id -> USD")
        for vid, usd in self.booth_prices.items():
            VehicleOverride.from_dict(vid, {"price_usd": usd})  # same rule as a scenario file

    def booth_overrides(self) -> dict[str, VehicleOverride]:
        return {vid: VehicleOverride(price_usd=float(p)) for vid, p in self.booth_prices.items()}

    def with_(self, **kw: Any) -> KioskConfig:
        return replace(self, **kw)

    def output_dir(self) -> Path:
        if self.output_folder:
            return Path(self.output_folder)
        from desktop.qt import QtCore

        docs = QtCore.QStandardPaths.writableLocation(
            QtCore.QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(docs or Path.home()) / "keiwhatif-kiosk"


def default_config_path() -> Path:
    from desktop.qt import QtCore

    base = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.AppConfigLocation
    )
    return Path(base or Path.home() / ".config" / "keiwhatif") / "kiosk.json"


def load_config(path: Path) -> KioskConfig:
    """Read the config; a missing file gives the defaults (and is written on first save)."""
    if not path.is_file():
        return KioskConfig()
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValidationError("kiosk config", type(data).__name__, "a JSON object")
    known = set(KioskConfig.__dataclass_fields__)
    for k in data:
        if k not in known:
            raise ValidationError(
                f"kiosk config: {k}", data[k], "one of " + ", ".join(sorted(known))
            )
    for k in ("microcars", "comparators"):
        if k in data:
            data[k] = tuple(data[k])
    return KioskConfig(**data)


def save_config(cfg: KioskConfig, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    d = asdict(cfg)
    d["microcars"] = list(cfg.microcars)
    d["comparators"] = list(cfg.comparators)
    d["booth_prices"] = dict(cfg.booth_prices)
    atomic_write_text(path, json.dumps(d, indent=2) + "\n")
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # the PIN hash is nobody else's business


def parse_booth_prices(text: str, known: Mapping[str, object]) -> dict[str, float]:
    """'nbox_2025=21500, carry_1995_import=6500' -> {id: USD}; ValidationError names the
    vehicle and the problem (operator screen)."""
    out: dict[str, float] = {}
    # pairs separated by ',' or ';' (a comma inside "$6,500" is part of the price)
    for part in re.split(r"[;,]\s*(?=[a-z0-9_]+\s*=)", text):
        if not part.strip():
            continue
        vid, sep, raw = part.partition("=")
        vid = vid.strip()
        if not sep or vid not in known:
            raise ValidationError(
                "booth_prices", part.strip(), "vehicle_id=price, e.g. nbox_2025=21500"
            )
        try:
            value: object = float(raw.strip().replace("$", "").replace(",", ""))
        except ValueError:
            value = raw.strip()
        out[vid] = VehicleOverride.from_dict(vid, {"price_usd": value}).price_usd or 0.0
    return out


def format_booth_prices(prices: Mapping[str, float]) -> str:
    return ", ".join(f"{vid}={usd:g}" for vid, usd in prices.items())
