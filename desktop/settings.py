"""User settings in QSettings behind one dict of defaults, with typed reads and a reset.

A settings file is user-editable and may be damaged: a value of the wrong type (garbage
``geometry=``), an unknown choice or an over-long list is ignored with a log line and the
default (or the first ``MAX_LIST`` entries) used instead, never an exception at start-up."""

from __future__ import annotations

import logging
from typing import Any

from desktop.qt import QtCore

log = logging.getLogger("keiwhatif.settings")

DEFAULTS: dict[str, Any] = {
    "theme": "system",  # system / light / dark
    "units": "us",  # us / metric
    "mode": "buyer",  # buyer / policymaker
    "geometry": QtCore.QByteArray(),
    "window_state": QtCore.QByteArray(),
    "recent_files": [],
    "last_scenario": "",
}
CHOICES: dict[str, tuple[str, ...]] = {
    "theme": ("system", "light", "dark"),
    "units": ("us", "metric"),
    "mode": ("buyer", "policymaker"),
}
MAX_LIST = 8  # the recent-files menu shows this many
MAX_TEXT = 4096  # a path or a choice; anything longer is damage


class Settings:
    def __init__(self) -> None:
        self._s = QtCore.QSettings()

    def get(self, key: str) -> Any:
        default = DEFAULTS[key]
        try:
            value = self._s.value(key, default)
        except Exception as exc:
            log.warning("settings: %s unreadable (%s); using the default", key, exc)
            return default
        if isinstance(default, list):
            if value is None:
                return []
            items = value if isinstance(value, list) else [value]
            items = [str(v) for v in items if isinstance(v, str) and 0 < len(v) <= MAX_TEXT]
            if len(items) > MAX_LIST:
                log.warning("settings: %s has %d entries; keeping %d", key, len(items), MAX_LIST)
                items = items[:MAX_LIST]
            return items
        if isinstance(default, str):
            text = str(value) if isinstance(value, str | int | float) else default
            if len(text) > MAX_TEXT or (key in CHOICES and text not in CHOICES[key]):
                log.warning("settings: %s=%.40r is not valid; using %r", key, text, default)
                return default
            return text
        if isinstance(default, QtCore.QByteArray) and not isinstance(value, QtCore.QByteArray):
            log.warning("settings: %s is not saved window data; ignored", key)
            return QtCore.QByteArray()
        return value

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._s.setValue(key, value)

    def reset(self) -> None:
        self._s.clear()
