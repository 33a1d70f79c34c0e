"""The inputs panel: vehicles, where and how you drive, money, and (policymaker) advanced inputs.

Every change goes through the controller as one undoable step (a slider drag merges into one).
Widgets show values in the chosen unit system; the scenario always holds US units.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

from core.data.catalog import Catalog
from core.data.mobility_tables import FALLBACK_MODE_TABLE, FALLBACK_MODES, SECOND_CAR
from core.data.roads import ROAD_CLASS_LABELS, ROAD_CLASSES
from core.data.states import STATE_NAMES
from core.data.vehicles import MICROCAR_CLASSES
from core.scenario import fields
from core.scenario.model import (
    MAX_VEHICLES,
    Fallback,
    RoadMix,
    Scenario,
    preset_of,
    road_mix_presets,
)
from core.units import KM_PER_MILE, LITRES_PER_US_GALLON
from desktop.controller import Controller
from desktop.qt import Qt, QtWidgets, Signal

NONE_ID = ""
OWN_PREFIX = "own:"  # item data of the buyer's own vehicles in the vehicle boxes


class NumberInput(QtWidgets.QWidget):
    """A spin box, optionally with a slider; emits (value, merge id) once per user change."""

    committed = Signal(float, int)

    def __init__(
        self,
        minimum: float,
        maximum: float,
        step: float,
        decimals: int,
        new_merge_id: Callable[[], int],
        prefix: str = "",
        suffix: str = "",
        slider: bool = True,
        accessible: str = "",
    ) -> None:
        super().__init__()
        self._step = step
        self._new_merge_id = new_merge_id
        self._merge = -1
        self.spin = QtWidgets.QDoubleSpinBox()
        self.spin.setRange(minimum, maximum)
        self.spin.setDecimals(decimals)
        self.spin.setSingleStep(step)
        self.spin.setPrefix(prefix)
        self.spin.setSuffix(suffix)
        self.spin.setKeyboardTracking(False)
        self.spin.setAccessibleName(accessible)
        self.spin.setMinimumWidth(96)
        self.spin.setMaximumWidth(120)
        self.spin.valueChanged.connect(self._spun)
        lay = QtWidgets.QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.slider: QtWidgets.QSlider | None = None
        if slider:
            s = QtWidgets.QSlider(Qt.Orientation.Horizontal)
            s.setRange(round(minimum / step), round(maximum / step))
            s.setAccessibleName(accessible + " slider")
            s.sliderPressed.connect(self._pressed)
            s.valueChanged.connect(self._slid)
            lay.addWidget(s, 1)
            self.slider = s
        lay.addWidget(self.spin)
        self.setFocusProxy(self.spin)

    def set_range(self, minimum: float, maximum: float, step: float, decimals: int) -> None:
        self._step = step
        for w in (self.spin, self.slider):
            if w is not None:
                w.blockSignals(True)
        self.spin.setDecimals(decimals)
        self.spin.setSingleStep(step)
        self.spin.setRange(minimum, maximum)
        if self.slider is not None:
            self.slider.setRange(round(minimum / step), round(maximum / step))
        for w in (self.spin, self.slider):
            if w is not None:
                w.blockSignals(False)

    def value(self) -> float:
        return float(self.spin.value())

    def set_value(self, v: float) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(v)
        self.spin.blockSignals(False)
        if self.slider is not None:
            self.slider.blockSignals(True)
            self.slider.setValue(round(v / self._step))
            self.slider.blockSignals(False)

    def setToolTip(self, text: str) -> None:
        super().setToolTip(text)
        self.spin.setToolTip(text)
        if self.slider is not None:
            self.slider.setToolTip(text)

    def _pressed(self) -> None:
        self._merge = self._new_merge_id()

    def _slid(self, pos: int) -> None:
        v = pos * self._step
        self.spin.blockSignals(True)
        self.spin.setValue(v)
        self.spin.blockSignals(False)
        dragging = self.slider is not None and self.slider.isSliderDown()
        self.committed.emit(float(self.spin.value()), self._merge if dragging else -1)

    def _spun(self, v: float) -> None:
        if self.slider is not None:
            self.slider.blockSignals(True)
            self.slider.setValue(round(v / self._step))
            self.slider.blockSignals(False)
        self.committed.emit(float(v), -1)


def param_tooltip(catalog: Catalog, pid: str, formula: str = "") -> str:
    if pid not in catalog.params:
        return formula
    p = catalog.param(pid)
    u = p.value
    rng = "" if u.is_fixed else f" (range {u.low:g} to {u.high:g})"
    lines = [f"<b>{p.label}</b>", f"Default {u.central:g} {p.unit}{rng}"]
    if formula:
        lines.append(formula)
    lines.append(f"Source: {p.source}")
    lines.append(f"As of {p.as_of} · {p.confidence}")
    return "<br>".join(lines)


class InputsPanel(QtWidgets.QWidget):
    mode_advanced_widgets: list[QtWidgets.QWidget]

    def __init__(self, controller: Controller, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.catalog = controller.catalog
        self.units = "us"
        self._updating = False
        new_id = controller.new_merge_id
        cat = self.catalog
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)

        # -- vehicles -------------------------------------------------------------------------
        gv = QtWidgets.QGroupBox(self.tr("Vehicles"))
        fv = QtWidgets.QFormLayout(gv)
        self.vehicle_boxes: list[QtWidgets.QComboBox] = []
        # As many slots as a scenario may hold; three show, and one more appears below the last
        # chosen vehicle, so a file with six vehicles shows (and keeps) all six.
        labels = (self.tr("Microcar"), self.tr("Compare with")) + (self.tr("…and with"),) * (
            MAX_VEHICLES - 2
        )
        self.vehicle_labels: list[QtWidgets.QLabel] = []
        for i, text in enumerate(labels):
            box = QtWidgets.QComboBox()
            box.setAccessibleName(text)
            box.setSizeAdjustPolicy(
                QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(16)
            if i > 0:
                box.addItem(self.tr("(none)"), NONE_ID)
            vehicles = sorted(
                cat.vehicles.values(),
                key=lambda v: (v.vclass not in MICROCAR_CLASSES, v.vclass, v.price),
            )
            for v in vehicles:
                box.addItem(f"{v.name} · {v.class_label}", v.id)
                box.setItemData(box.count() - 1, _vehicle_tooltip(v), Qt.ItemDataRole.ToolTipRole)
            box.activated.connect(self._vehicles_changed)
            lab = QtWidgets.QLabel(text + ":")
            lab.setBuddy(box)
            fv.addRow(lab, box)
            self.vehicle_boxes.append(box)
            self.vehicle_labels.append(lab)
        outer.addWidget(gv)

        # -- driving --------------------------------------------------------------------------
        gd = QtWidgets.QGroupBox(self.tr("Where and how you drive"))
        fd = QtWidgets.QFormLayout(gd)
        self.state = QtWidgets.QComboBox()
        self.state.setAccessibleName(self.tr("State"))
        for code, name in sorted(STATE_NAMES.items(), key=lambda kv: kv[1]):
            self.state.addItem(f"{name} ({code})", code)
        self.state.activated.connect(self._state_changed)
        self._add_row(fd, self.tr("State"), self.state)
        miles = fields.SCENARIO["annual_miles"]
        self.miles = NumberInput(
            miles.lo, miles.hi, 500, 0, new_id, accessible=self.tr("Miles per year")
        )
        self.miles.committed.connect(self._miles_changed)
        self.miles_label = self._add_row(fd, self.tr("Miles per year"), self.miles)
        years = fields.SCENARIO["years"]
        self.years = NumberInput(
            years.lo,
            years.hi,
            1,
            0,
            new_id,
            suffix=self.tr(" yr"),
            accessible=self.tr("Years kept"),
        )
        self.years.committed.connect(self._years_changed)
        self.years.setToolTip(
            self.tr("How long you keep the vehicle; it is sold at the end (resale value).")
        )
        self._add_row(fd, self.tr("Years kept"), self.years)
        self.preset = QtWidgets.QComboBox()
        self.preset.setAccessibleName(self.tr("Road mix"))
        self._presets = road_mix_presets(cat)
        for p in self._presets.values():
            self.preset.addItem(p.label, p.id)
            self.preset.setItemData(
                self.preset.count() - 1,
                f"Source: {p.source} (as of {p.as_of})",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.preset.addItem(self.tr("Custom"), "custom")
        self.preset.activated.connect(self._preset_changed)
        self._add_row(fd, self.tr("Road mix"), self.preset)
        self.mix_inputs: list[NumberInput] = []
        self.mix_box = QtWidgets.QWidget()
        fm = QtWidgets.QFormLayout(self.mix_box)
        fm.setContentsMargins(12, 0, 0, 0)
        for rc in ROAD_CLASSES:
            w = NumberInput(
                0, 100, 5, 0, new_id, suffix=" %", slider=False, accessible=ROAD_CLASS_LABELS[rc]
            )
            w.committed.connect(lambda v, m, rc=rc: self._mix_changed(rc, v, m))
            lab = QtWidgets.QLabel(ROAD_CLASS_LABELS[rc])
            lab.setBuddy(w)
            fm.addRow(lab, w)
            self.mix_inputs.append(w)
        fd.addRow(self.mix_box)
        # the miles a vehicle cannot take (roads it may not use, too fast, too far, or every
        # mile when it cannot be registered) are travelled this way: core.policy.mobility
        self.fallback = QtWidgets.QComboBox()
        self.fallback.setAccessibleName(self.tr("Miles it cannot take"))
        self.fallback.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.fallback.setMinimumContentsLength(16)
        modes = cat.table(FALLBACK_MODE_TABLE.name)
        for mode in FALLBACK_MODES:
            if mode == SECOND_CAR:
                continue
            row = modes[mode]
            self.fallback.addItem(str(row["label"]), mode)
            self.fallback.setItemData(
                self.fallback.count() - 1,
                f"Source: {row['source']} (as of {row['as_of']})",
                Qt.ItemDataRole.ToolTipRole,
            )
        for v in sorted(cat.vehicles.values(), key=lambda v: (v.vclass, v.price)):
            if not v.is_microcar:
                self.fallback.addItem(self.tr("My other car: ") + v.name, f"{SECOND_CAR}:{v.id}")
        self.fallback.setToolTip(
            self.tr(
                "How you would travel the miles a vehicle cannot take: roads it may not use in "
                "your state, roads faster than it can go, days longer than its range, or every "
                "mile if it cannot be registered. Their cost and risk are counted."
            )
        )
        self.fallback.activated.connect(self._fallback_changed)
        self._add_row(fd, self.tr("Miles it can't take"), self.fallback)
        outer.addWidget(gd)

        # -- money ----------------------------------------------------------------------------
        gm = QtWidgets.QGroupBox(self.tr("Money"))
        fmo = QtWidgets.QFormLayout(gm)
        self.param_inputs: dict[str, NumberInput] = {}
        self.fuel = self._param_input(
            fmo,
            "gasoline_usd_per_gal",
            self.tr("Gasoline"),
            1,
            8,
            0.05,
            2,
            "$",
            "/gal",
            "Energy cost = miles ÷ real-world mpg × price",
        )
        self.power = self._param_input(
            fmo,
            "electricity_usd_per_kwh",
            self.tr("Electricity"),
            0.05,
            0.8,
            0.01,
            2,
            "$",
            "/kWh",
            "Energy cost = miles × kWh per mile × price",
        )
        self.financed = QtWidgets.QCheckBox(self.tr("Buy with a loan"))
        self.financed.setAccessibleName(self.tr("Buy with a loan"))
        self.financed.toggled.connect(self._loan_changed)
        fmo.addRow(self.financed)
        apr = fields.SCENARIO["loan_apr"]
        self.apr = NumberInput(
            apr.lo * 100, apr.hi * 100, 0.1, 2, new_id, suffix=" %", accessible=self.tr("Loan APR")
        )
        self.apr.setToolTip(
            _fmt_tip(
                cat,
                "loan_apr_new",
                "Monthly payment = P·r / (1 − (1+r)^−n), r = APR/12. The APR for a new vehicle; "
                "a used one adds the used-car spread and one too old for an auto loan the "
                "personal-loan spread (Sources: loan_apr_used, loan_apr_old); a card's "
                "✎ Your numbers sets one vehicle's own APR",
            )
        )
        self.apr.committed.connect(lambda v, m: self._loan_field_changed("loan_apr", v / 100.0, m))
        self._add_row(fmo, self.tr("Loan APR (new)"), self.apr)
        term = fields.SCENARIO["loan_term_months"]
        self.term = NumberInput(
            term.lo,
            term.hi,
            6,
            0,
            new_id,
            suffix=self.tr(" months"),
            accessible=self.tr("Loan term"),
        )
        self.term.setToolTip(_fmt_tip(cat, "loan_term_months", ""))
        self.term.committed.connect(
            lambda v, m: self._loan_field_changed("loan_term_months", round(v), m)
        )
        self._add_row(fmo, self.tr("Loan term"), self.term)
        down = fields.SCENARIO["down_payment_share"]
        self.down = NumberInput(
            down.lo * 100,
            down.hi * 100,
            1,
            1,
            new_id,
            suffix=" %",
            accessible=self.tr("Down payment"),
        )
        self.down.setToolTip(
            _fmt_tip(cat, "down_payment_share", "Share of the price paid up front")
        )
        self.down.committed.connect(
            lambda v, m: self._loan_field_changed("down_payment_share", v / 100.0, m)
        )
        self._add_row(fmo, self.tr("Down payment"), self.down)
        outer.addWidget(gm)

        # -- advanced (policymaker) -----------------------------------------------------------
        self.advanced = QtWidgets.QGroupBox(self.tr("Assumptions (policymaker)"))
        fa = QtWidgets.QFormLayout(self.advanced)
        self._param_input(
            fa,
            "discount_rate",
            self.tr("Discount rate"),
            0,
            0.15,
            0.005,
            3,
            "",
            "",
            "Present value = Σ cost_t / (1 + rate)^t",
            slider=False,
        )
        self._param_input(
            fa,
            "fx_jpy_per_usd",
            self.tr("Yen per dollar"),
            50,
            300,
            1,
            0,
            "¥",
            "",
            "",
            slider=False,
        )
        self._param_input(
            fa,
            "fx_eur_per_usd",
            self.tr("Euros per dollar"),
            0.5,
            1.5,
            0.01,
            2,
            "€",
            "",
            "",
            slider=False,
        )
        occ = fields.SCENARIO["occupancy"]
        self.occupancy = NumberInput(
            occ.lo, occ.hi, 0.1, 1, new_id, slider=False, accessible=self.tr("Occupants per trip")
        )
        self.occupancy.setToolTip(
            self.tr("Average people aboard, driver included (safety exposure).")
        )
        self.occupancy.committed.connect(self._occupancy_changed)
        self._add_row(fa, self.tr("Occupants per trip"), self.occupancy)
        self.draws = QtWidgets.QComboBox()
        self.draws.setAccessibleName(self.tr("Monte Carlo draws"))
        for n in (1_000, 10_000, 100_000):
            self.draws.addItem(f"{n:,}", n)
        self.draws.setToolTip(
            self.tr("How many random draws make the P10–P90 ranges (seeded, repeatable).")
        )
        self.draws.activated.connect(self._draws_changed)
        self._add_row(fa, self.tr("Monte Carlo draws"), self.draws)
        outer.addWidget(self.advanced)
        outer.addStretch(1)

        controller.scenario_changed.connect(self.show_scenario)
        self.show_scenario(controller.scenario)

    # -- helpers ------------------------------------------------------------------------------
    def _add_row(
        self, form: QtWidgets.QFormLayout, text: str, w: QtWidgets.QWidget
    ) -> QtWidgets.QLabel:
        lab = QtWidgets.QLabel(text + ":")
        lab.setBuddy(w)
        form.addRow(lab, w)
        return lab

    def _param_input(
        self,
        form: QtWidgets.QFormLayout,
        pid: str,
        text: str,
        lo: float,
        hi: float,
        step: float,
        dec: int,
        prefix: str,
        suffix: str,
        formula: str,
        slider: bool = True,
    ) -> NumberInput:
        cat = self.catalog
        if pid in cat.params:
            p = cat.param(pid)
            lo = p.min if p.min is not None else lo
            hi = p.max if p.max is not None else hi
        w = NumberInput(
            lo, hi, step, dec, self.controller.new_merge_id, prefix, suffix, slider, accessible=text
        )
        w.setToolTip(param_tooltip(cat, pid, formula))
        w.setEnabled(pid in cat.params)
        w.committed.connect(lambda v, m, pid=pid: self._param_changed(pid, v, m))
        lab = self._add_row(form, text, w)
        w.setProperty("label_widget", lab)
        self.param_inputs[pid] = w
        return w

    def _change(self, sc: Scenario, text: str, merge: int = -1) -> None:
        if not self._updating:
            self.controller.change(sc, text, merge)

    # -- scenario -> widgets ------------------------------------------------------------------
    def _sync_own_vehicles(self, sc: Scenario) -> None:
        """The buyer's own vehicles (saved in the scenario) are choices in every vehicle box."""
        own = {v.id: v for v in sc.custom_vehicles}
        for box in self.vehicle_boxes:
            for i in reversed(range(box.count())):
                vid = str(box.itemData(i))
                if vid.startswith(OWN_PREFIX) and vid[len(OWN_PREFIX) :] not in own:
                    box.removeItem(i)
            for v in own.values():
                if box.findData(OWN_PREFIX + v.id) < 0:
                    box.addItem(self.tr("%s · yours") % v.name, OWN_PREFIX + v.id)
                    box.setItemData(box.count() - 1, v.id, Qt.ItemDataRole.UserRole + 1)

    def show_scenario(self, sc: Scenario) -> None:
        self._updating = True
        try:
            self._sync_own_vehicles(sc)
            shown = max(3, min(MAX_VEHICLES, len(sc.vehicles) + 1))
            for i, box in enumerate(self.vehicle_boxes):
                vid = sc.vehicles[i] if i < len(sc.vehicles) else NONE_ID
                idx = box.findData(vid)
                if idx < 0:  # one of the buyer's own vehicles
                    idx = box.findData(OWN_PREFIX + vid)
                box.setCurrentIndex(max(idx, 0))
                box.setVisible(i < shown)
                self.vehicle_labels[i].setVisible(i < shown)
            self.state.setCurrentIndex(max(self.state.findData(sc.state), 0))
            metric = self.units == "metric"
            hi = fields.SCENARIO["annual_miles"].hi * (KM_PER_MILE if metric else 1.0)
            self.miles.set_range(0, hi, 500, 0)
            self.miles.set_value(sc.annual_miles * (KM_PER_MILE if metric else 1.0))
            self.years.set_value(sc.years)
            preset = preset_of(sc.road_mix, self._presets) or "custom"
            self.preset.setCurrentIndex(max(self.preset.findData(preset), 0))
            for w, share in zip(self.mix_inputs, sc.road_mix.shares, strict=True):
                w.set_value(round(share * 100, 1))
            self.mix_box.setVisible(preset == "custom")
            for pid, w in self.param_inputs.items():
                if pid not in self.catalog.params:
                    continue
                v = sc.overrides.get(pid, self.catalog.central(pid))
                if pid == "gasoline_usd_per_gal" and metric:
                    v = v / LITRES_PER_US_GALLON
                w.set_value(v)
            self.financed.setChecked(sc.financed)
            for w in (self.apr, self.term, self.down):
                w.setEnabled(sc.financed)
            self.apr.set_value(sc.loan_apr * 100)
            self.term.set_value(sc.loan_term_months)
            self.down.set_value(sc.down_payment_share * 100)
            self.occupancy.set_value(sc.occupancy)
            if self.draws.findData(sc.draws) < 0:  # a file's own count stays as it is
                self.draws.addItem(f"{sc.draws:,}", sc.draws)
            self.draws.setCurrentIndex(self.draws.findData(sc.draws))
            fb = sc.fallback
            key = f"{SECOND_CAR}:{fb.vehicle}" if fb.mode == SECOND_CAR else fb.mode
            self.fallback.setCurrentIndex(max(self.fallback.findData(key), 0))
        finally:
            self._updating = False

    def set_units(self, units: str) -> None:
        self.units = units
        metric = units == "metric"
        self.miles_label.setText(
            self.tr("Kilometres per year:") if metric else self.tr("Miles per year:")
        )
        self.miles.spin.setAccessibleName(
            self.tr("Kilometres per year") if metric else self.tr("Miles per year")
        )
        if "gasoline_usd_per_gal" in self.param_inputs:
            w = self.param_inputs["gasoline_usd_per_gal"]
            w.spin.setSuffix("/L" if metric else "/gal")
            lo, hi = (0.2, 2.5) if metric else (1.0, 8.0)
            w.set_range(lo, hi, 0.01 if metric else 0.05, 2 if not metric else 3)
        self.show_scenario(self.controller.scenario)

    def set_mode(self, policymaker: bool) -> None:
        self.advanced.setVisible(policymaker)

    # -- widgets -> scenario ------------------------------------------------------------------
    def _vehicles_changed(self) -> None:
        ids = [str(b.currentData()).removeprefix(OWN_PREFIX) for b in self.vehicle_boxes]
        chosen = tuple(dict.fromkeys(v for v in ids if v != NONE_ID))
        if not chosen:
            return
        self._change(self.controller.scenario.with_(vehicles=chosen), self.tr("Change vehicles"))

    def _state_changed(self) -> None:
        self._change(
            self.controller.scenario.with_(state=str(self.state.currentData())),
            self.tr("Change state"),
        )

    def _fallback_changed(self) -> None:
        mode, _, vid = str(self.fallback.currentData()).partition(":")
        self._change(
            self.controller.scenario.with_(fallback=Fallback(mode, vid)),
            self.tr("Change how you travel the miles it cannot take"),
        )

    def _miles_changed(self, v: float, merge: int) -> None:
        miles = v / KM_PER_MILE if self.units == "metric" else v
        self._change(
            self.controller.scenario.with_(annual_miles=float(miles)),
            self.tr("Change mileage"),
            merge,
        )

    def _years_changed(self, v: float, merge: int) -> None:
        self._change(
            self.controller.scenario.with_(years=round(v)), self.tr("Change years kept"), merge
        )

    def _preset_changed(self) -> None:
        key = str(self.preset.currentData())
        if key == "custom":
            self.mix_box.setVisible(True)
            return
        mix = self._presets[key].mix
        self._change(self.controller.scenario.with_(road_mix=mix), self.tr("Change road mix"))

    def _mix_changed(self, rc: str, v: float, merge: int) -> None:
        """Set one class's share; the others keep their proportions and fill the rest."""
        cur = self.controller.scenario.road_mix.as_dict()
        share = min(max(v / 100.0, 0.0), 1.0)
        rest = sum(s for k, s in cur.items() if k != rc)
        new = {}
        for k, s in cur.items():
            if k == rc:
                new[k] = share
            elif rest > 0:
                new[k] = s / rest * (1.0 - share)
            else:
                new[k] = (1.0 - share) / (len(cur) - 1)
        self._change(
            self.controller.scenario.with_(road_mix=RoadMix.normalised(new)),
            self.tr("Change road mix"),
            merge,
        )

    def _param_changed(self, pid: str, v: float, merge: int) -> None:
        if pid == "gasoline_usd_per_gal" and self.units == "metric":
            v = v * LITRES_PER_US_GALLON
        sc = self.controller.scenario
        ov = dict(sc.overrides)
        default = self.catalog.central(pid)
        if abs(v - default) < 1e-9:
            ov.pop(pid, None)
        else:
            ov[pid] = float(v)
        label = self.catalog.param(pid).label
        self._change(sc.with_(overrides=MappingProxyType(ov)), self.tr("Change %s") % label, merge)

    def _loan_changed(self, *_: object) -> None:
        """The loan switch: only `financed` changes; the loan terms keep their values."""
        for w in (self.apr, self.term, self.down):
            w.setEnabled(self.financed.isChecked())
        sc = self.controller.scenario.with_(financed=self.financed.isChecked())
        self._change(sc, self.tr("Change financing"))

    def _loan_field_changed(self, name: str, value: float, merge: int) -> None:
        """One loan field; the others keep exactly what the scenario holds."""
        self._change(
            self.controller.scenario.with_(**{name: value}), self.tr("Change financing"), merge
        )

    def _occupancy_changed(self, v: float, merge: int) -> None:
        self._change(
            self.controller.scenario.with_(occupancy=float(v)), self.tr("Change occupancy"), merge
        )

    def _draws_changed(self) -> None:
        self._change(
            self.controller.scenario.with_(draws=int(self.draws.currentData())),
            self.tr("Change draws"),
        )


def _fmt_tip(catalog: Catalog, pid: str, formula: str) -> str:
    return param_tooltip(catalog, pid, formula)


def _vehicle_tooltip(v: object) -> str:
    from core.data.vehicles import Vehicle

    assert isinstance(v, Vehicle)
    return (
        f"{v.name} ({v.class_label}, {v.model_year}, built in {v.origin})\n"
        f"Price {v.price:,.0f} {v.price_currency} · {v.curb_mass_kg:,.0f} kg · top speed {v.top_speed_mph:.0f} mph\n"
        f"Source: {v.source} (as of {v.as_of})"
    )
