"""The card edit panel: the buyer's own numbers for one vehicle (issue #17).

Opened from the "Your numbers" button on a headline card. Each field shows the model's default
as its placeholder; an empty field keeps the default. Text is checked by the same rules as a
scenario file (core.scenario.overrides), and a problem is shown as one line naming the vehicle
and the field; the scenario changes only when every field is valid, so nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from core.data.vehicles import Vehicle
from core.errors import ValidationError
from core.scenario.model import Scenario
from core.scenario.overrides import (
    COVERAGE_LABELS,
    COVERAGES,
    OVERRIDE_FIELDS,
    VehicleOverride,
    custom_copy,
)
from desktop import fmt
from desktop.qt import Qt, QtWidgets

_PERCENT = {"loan_apr"}  # typed and shown in percent
_SHORT_UNIT = {
    "price_usd": "$",
    "mpg": "mpg",
    "kwh_per_100mi": "kWh/100 mi",
    "insurance_usd_per_year": "$/yr",
    "upkeep_usd_per_year": "$/yr",
    "resale_usd": "$",
    "loan_apr": "%",
}
_NUMBER = re.compile(r"^[+-]?(\d[\d,]*\.?\d*|\.\d+)$")


def parse_number(text: str) -> float | None:
    """'$6,500' -> 6500.0, '7 %' -> 7.0, '' -> None; raises ValueError on anything else."""
    t = text.strip().replace("$", "").replace("%", "").replace(" ", "").replace("\u2212", "-")
    if not t:
        return None
    if not _NUMBER.match(t):
        raise ValueError(text)
    return float(t.replace(",", ""))


def _default_text(name: str, value: float | None) -> str:
    if value is None:
        return ""
    if name in _PERCENT:
        return f"default {value * 100:.2f}%"
    if name in ("mpg", "kwh_per_100mi"):
        return f"default {value:.1f}"
    return f"default {fmt.money(value)}"


class VehicleEditDialog(QtWidgets.QDialog):
    """Edit one vehicle's overrides; `override()` is the result after exec() == Accepted."""

    def __init__(
        self,
        vehicle: Vehicle,
        current: VehicleOverride | None,
        defaults: Mapping[str, float],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vehicle = vehicle
        self.setWindowTitle(self.tr("Your numbers: %1").replace("%1", vehicle.name))
        self.setObjectName("vehicleEditDialog")
        self._result: VehicleOverride | None = current
        self.copy_name: str | None = None  # set when "Save as my own vehicle" was chosen
        cur = current.to_dict() if current else {}
        lay = QtWidgets.QVBoxLayout(self)
        intro = QtWidgets.QLabel(
            self.tr(
                "Type what you know for this vehicle; leave a field empty to keep the default. "
                "Your numbers replace the model's and are saved with the scenario."
            )
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QtWidgets.QFormLayout()
        self.edits: dict[str, QtWidgets.QLineEdit] = {}
        energy = "kwh_per_100mi" if vehicle.is_ev else "mpg"
        for name in ("price_usd", energy, "insurance_usd_per_year", "upkeep_usd_per_year",
                     "resale_usd", "loan_apr"):  # fmt: skip
            spec = OVERRIDE_FIELDS[name]
            edit = QtWidgets.QLineEdit()
            edit.setObjectName(f"override_{name}")
            edit.setPlaceholderText(_default_text(name, defaults.get(name)))
            value = cur.get(name)
            if value is not None:
                edit.setText(f"{value * 100:g}" if name in _PERCENT else f"{value:g}")
            unit = "%" if name in _PERCENT else spec.unit
            edit.setAccessibleName(f"{spec.label} ({unit})")
            edit.setToolTip(f"{spec.label}, {unit}. Empty = the model's default.")
            self.edits[name] = edit
            label = f"{spec.label} ({_SHORT_UNIT[name]})"
            if name == "insurance_usd_per_year":
                row = QtWidgets.QHBoxLayout()
                row.addWidget(edit, 1)
                self.coverage = QtWidgets.QComboBox()
                self.coverage.setObjectName("override_insurance_coverage")
                self.coverage.setAccessibleName(self.tr("Insurance coverage"))
                for c in COVERAGES:
                    self.coverage.addItem(COVERAGE_LABELS[c], c)
                self.coverage.setCurrentIndex(
                    COVERAGES.index(cur.get("insurance_coverage", "full"))
                )
                row.addWidget(self.coverage)
                form.addRow(label, row)
            else:
                form.addRow(label, edit)
        lay.addLayout(form)
        self.error = QtWidgets.QLabel()
        self.error.setObjectName("overrideError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setAccessibleName(self.tr("Problem with your numbers"))
        lay.addWidget(self.error)
        copy_row = QtWidgets.QHBoxLayout()
        self.copy_edit = QtWidgets.QLineEdit()
        self.copy_edit.setObjectName("customVehicleName")
        self.copy_edit.setPlaceholderText(self.tr("Name for your own copy, e.g. My 1997 Acty"))
        self.copy_edit.setAccessibleName(self.tr("Name for your own copy of this vehicle"))
        copy_btn = QtWidgets.QPushButton(self.tr("Save as my own vehicle"))
        copy_btn.setObjectName("saveCustomVehicle")
        copy_btn.setToolTip(
            self.tr(
                "Copy this vehicle under your own name (with the numbers above) and use the "
                "copy in the comparison; it is saved inside the scenario file."
            )
        )
        copy_btn.clicked.connect(self._save_copy)
        copy_row.addWidget(self.copy_edit, 1)
        copy_row.addWidget(copy_btn)
        lay.addLayout(copy_row)
        buttons = QtWidgets.QDialogButtonBox()
        self.apply_btn = buttons.addButton(
            self.tr("Apply"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.clear_btn = buttons.addButton(
            self.tr("Use the defaults"), QtWidgets.QDialogButtonBox.ButtonRole.ResetRole
        )
        buttons.addButton(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.apply_btn.clicked.connect(self._apply)
        self.clear_btn.clicked.connect(self._clear)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(460)

    # -- reading the fields ----------------------------------------------------------------------
    def _collect(self) -> VehicleOverride | None:
        data: dict[str, Any] = {}
        for name, edit in self.edits.items():
            spec = OVERRIDE_FIELDS[name]
            try:
                value = parse_number(edit.text())
            except ValueError:
                self._show_error(
                    f"{self.vehicle.name}, {spec.label}: '{edit.text().strip()}' is not a number",
                    edit,
                )
                return None
            if value is not None:
                data[name] = value / 100.0 if name in _PERCENT else value
        coverage = str(self.coverage.currentData())
        if coverage != "full":
            data["insurance_coverage"] = coverage
        try:
            return VehicleOverride.from_dict(self.vehicle.id, data)
        except ValidationError as exc:
            field = exc.field.rsplit(".", 1)[-1]
            bad = OVERRIDE_FIELDS.get(field)
            label = bad.label if bad else field
            shown: object = exc.value
            allowed = exc.allowed
            if field in _PERCENT and bad is not None and isinstance(exc.value, float):
                shown = exc.value * 100
                allowed = f"a number from {bad.lo * 100:g} to {bad.hi * 100:g} (%)"
            text = f"{shown:g}" if isinstance(shown, float) else repr(shown)
            self._show_error(
                f"{self.vehicle.name}, {label}: {text} is not allowed; expected {allowed}",
                self.edits.get(field),
            )
            return None

    def _show_error(self, text: str, edit: QtWidgets.QLineEdit | None) -> None:
        self.error.setText(text)
        if edit is not None:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
            edit.selectAll()

    def _apply(self) -> None:
        ov = self._collect()
        if ov is None:
            return
        self._result = ov
        self.accept()

    def _clear(self) -> None:
        self._result = VehicleOverride()
        self.accept()

    def _save_copy(self) -> None:
        name = self.copy_edit.text().strip()
        if not name:
            self._show_error(
                f"{self.vehicle.name}: type a name for your copy first", self.copy_edit
            )
            return
        ov = self._collect()
        if ov is None:
            return
        self._result = ov
        self.copy_name = name
        self.accept()

    def override(self) -> VehicleOverride | None:
        return self._result


# -- applying an edit to the scenario (pure: no widgets) -------------------------------------------
def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return ("my_" + s)[:40] or "my_vehicle"


def edited_scenario(
    sc: Scenario,
    vehicle: Vehicle,
    override: VehicleOverride | None,
    copy_name: str | None,
    taken_ids: Iterable[str],
    today: str,
) -> Scenario:
    """The scenario with this vehicle's numbers set (or cleared); with `copy_name`, a copy of
    the vehicle under that name replaces it in the comparison and carries the numbers."""
    overrides = dict(sc.vehicle_overrides)
    customs = list(sc.custom_vehicles)
    vehicles = sc.vehicles
    target = vehicle.id
    if copy_name:
        taken = set(taken_ids) | {v.id for v in customs}
        base = _slug(copy_name)
        new_id, n = base, 2
        while new_id in taken:
            new_id, n = f"{base}_{n}", n + 1
        source = f"your vehicle, copied from {vehicle.name} ({vehicle.id}): {vehicle.source}"
        customs.append(custom_copy(vehicle, new_id, copy_name, source, today))
        vehicles = tuple(new_id if x == vehicle.id else x for x in sc.vehicles)
        target = new_id
    if override is None or override.is_empty:
        overrides.pop(target, None)
    else:
        overrides[target] = override
    return sc.with_(
        vehicles=vehicles,
        vehicle_overrides=MappingProxyType(overrides),
        custom_vehicles=tuple(customs),
    )
