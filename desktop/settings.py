"""User settings in QSettings behind one dict of defaults, with typed reads and a reset."""

from __future__ import annotations

from typing import Any

from desktop.qt import QtCore

DEFAULTS: dict[str, Any] = {
    "theme": "system",  # system / light / dark
    "units": "us",  # us / metric
    "mode": "buyer",  # buyer / policymaker
    "geometry": QtCore.QByteArray(),
    "window_state": QtCore.QByteArray(),
    "recent_files": [],
    "last_scenario": "",
}


class Settings:
    def __init__(self) -> None:
        self._s = QtCore.QSettings()

    def get(self, key: str) -> Any:
        default = DEFAULTS[key]
        value = self._s.value(key, default)
        if isinstance(default, list):
            if value is None:
                return []
            return [str(v) for v in (value if isinstance(value, list) else [value])]
        if isinstance(default, str):
            return str(value) if value is not None else default
        return value

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._s.setValue(key, value)

    def reset(self) -> None:
        self._s.clear()
