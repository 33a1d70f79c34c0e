"""Policy tab (policymaker mode): the levers, per-unit compliance cost against volume, and the
baseline and up to three packages side by side on cost, safety and feasibility."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from types import MappingProxyType

import numpy as np
import pyqtgraph as pg

from core.inverse import InverseAnswer
from core.policy import compliance
from core.result import Result
from core.scenario import fields
from core.scenario.fields import Bound
from core.scenario.levers import PolicyLevers, PolicyPackage
from core.scenario.model import BASELINE_NAME, Scenario, package_name_key
from desktop import fmt, present
from desktop.chart_panel import ChartPanel, make_plot, scrolling_page
from desktop.controller import Controller
from desktop.qt import Qt, QtCore, QtWidgets

MAX_PACKAGES = 3
CURVE_MIN_HEIGHT = 200
POLICY_MIN_HEIGHT = 820  # curve, solvers and the comparison table; a shorter window scrolls
LEVERS_MIN_WIDTH = 360  # the levers column; with the chart it fits a 1280x720 window
PACKAGES_DELAY_MS = 250
# Reference volumes drawn on the curve (identifiers of published figures live in the data;
# these are where the markers go): Part 555 cap, kei-truck imports 2023.
MARKER_PARAMS = (("part555_annual_cap_units", "Part 555 cap"),)


class PolicyTab(QtWidgets.QWidget):
    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.controller = controller
        self._updating = False
        form_box = QtWidgets.QGroupBox(self.tr("Levers (applied to the baseline)"))
        form = QtWidgets.QFormLayout(form_box)

        def spin(
            field: Bound | str, scale: float, step: float, dec: int, suffix: str, name: str
        ) -> QtWidgets.QDoubleSpinBox:
            """A spin box over the field's allowed range (core.scenario.fields), shown x scale."""
            b = field if isinstance(field, Bound) else fields.LEVERS[field]
            s = QtWidgets.QDoubleSpinBox()
            s.setRange(b.lo * scale, b.hi * scale)
            s.setSingleStep(step)
            s.setDecimals(dec)
            s.setSuffix(suffix)
            s.setKeyboardTracking(False)
            s.setAccessibleName(name)
            s.valueChanged.connect(self._changed)
            return s

        self.kei_class = QtWidgets.QCheckBox(self.tr("Federal kei / quadricycle class"))
        self.kei_class.setAccessibleName(self.tr("Federal kei class"))
        self.kei_cap = spin(
            "kei_class_road_cap_mph", 1, 5, 0, " mph", self.tr("Kei class road cap")
        )
        self.msv_class = QtWidgets.QCheckBox(self.tr("Federal medium-speed class"))
        self.msv_class.setAccessibleName(self.tr("Federal medium-speed class"))
        self.msv_cap = spin(
            "msv_class_road_cap_mph", 1, 5, 0, " mph", self.tr("Medium-speed class road cap")
        )
        for cb in (self.kei_class, self.msv_class):
            cb.toggled.connect(self._changed)
        self.import_age = spin(
            "import_age_years", 1, 1, 0, self.tr(" years"), self.tr("Import age exemption")
        )
        self.tariff_truck = spin(
            fields.TARIFF_RATE, 100, 0.5, 1, " %", self.tr("Tariff on Japanese light trucks")
        )
        self.tariff_car = spin(
            fields.TARIFF_RATE, 100, 0.5, 1, " %", self.tr("Tariff on Japanese cars")
        )
        self.incentive = spin(
            "purchase_incentive_usd", 1, 250, 0, "", self.tr("Purchase incentive for microcars")
        )
        self.incentive.setPrefix("$")
        self.ev_incentive = spin(
            "ev_incentive_usd", 1, 250, 0, "", self.tr("Purchase incentive for electric vehicles")
        )
        self.ev_incentive.setPrefix("$")
        self.allow_state = QtWidgets.QCheckBox(self.tr("Allow kei vehicles in the chosen state"))
        self.allow_state.setAccessibleName(self.tr("Allow kei vehicles in the chosen state"))
        self.allow_state.toggled.connect(self._changed)
        self.urban = spin(
            "urban_speed_reduction_mph", 1, 5, 0, " mph", self.tr("Lower urban speed limits by")
        )
        self.fleet = spin(
            "light_truck_share_shift",
            100,
            5,
            0,
            self.tr(" points"),
            self.tr("Change in light-truck share of traffic"),
        )
        self.volume = spin(
            "us_annual_volume", 1, 500, 0, self.tr(" / year"), self.tr("US kei-class production")
        )
        self.fixed = spin(
            "certification_fixed_cost_usd",
            1e-6,
            5,
            0,
            self.tr(" M$"),
            self.tr("Certification fixed cost"),
        )
        self.years = spin("program_years", 1, 1, 0, self.tr(" years"), self.tr("Program length"))
        rows = (
            (self.kei_class, self.kei_cap), (self.msv_class, self.msv_cap),
            (self.tr("Import age exemption"), self.import_age),
            (self.tr("Tariff, Japanese light trucks"), self.tariff_truck),
            (self.tr("Tariff, Japanese cars"), self.tariff_car),
            (self.tr("Microcar purchase incentive"), self.incentive),
            (self.tr("EV purchase incentive"), self.ev_incentive),
            (self.allow_state, None),
            (self.tr("Slower urban streets"), self.urban),
            (self.tr("Light-truck share of traffic"), self.fleet),
            (self.tr("US kei-class volume"), self.volume),
            (self.tr("Certification fixed cost"), self.fixed),
            (self.tr("Program length"), self.years),
        )  # fmt: skip
        # a plain-language tooltip on every lever (and on its label)
        for attr, tip in present.LEVER_TIPS.items():
            getattr(self, attr).setToolTip(tip)
        for left, right in rows:
            if isinstance(left, str):
                assert right is not None
                lab = QtWidgets.QLabel(left + ":")
                lab.setBuddy(right)
                lab.setToolTip(right.toolTip())
                form.addRow(lab, right)
            elif right is None:
                form.addRow(left)
            else:
                form.addRow(left, right)
        reset = QtWidgets.QPushButton(self.tr("Reset levers"))
        reset.clicked.connect(self._reset)
        self.add_pkg = QtWidgets.QPushButton(self.tr("Save as package"))
        self.add_pkg.clicked.connect(self._add_package)
        self.clear_pkg = QtWidgets.QPushButton(self.tr("Clear packages"))
        self.clear_pkg.clicked.connect(self._clear_packages)
        reset.setToolTip(self.tr("Set every lever back to the law today (status quo)"))
        self.add_pkg.setToolTip(self.tr("Save these levers as a named package, then reset them"))
        self.clear_pkg.setToolTip(self.tr("Remove every package"))
        btns = QtWidgets.QGridLayout()
        btns.addWidget(reset, 0, 0)
        btns.addWidget(self.add_pkg, 0, 1)
        btns.addWidget(self.clear_pkg, 1, 0)
        form.addRow(btns)
        # the saved packages: named, each with its levers listed; rename, duplicate, delete
        pkg_box = QtWidgets.QGroupBox(self.tr("Packages"))
        pl = QtWidgets.QVBoxLayout(pkg_box)
        self.pkg_list = QtWidgets.QListWidget()
        self.pkg_list.setAccessibleName(self.tr("Policy packages and their levers"))
        self.pkg_list.setWordWrap(True)
        self.pkg_list.setMinimumHeight(90)
        self.pkg_list.currentRowChanged.connect(self._package_selected)
        self.pkg_name = QtWidgets.QLineEdit()
        self.pkg_name.setAccessibleName(self.tr("Package name"))
        self.pkg_name.setPlaceholderText(self.tr("Package name"))
        self.pkg_name.returnPressed.connect(self._rename_package)
        # why a rename was refused (a name in use); cleared by the next package edit
        self.pkg_msg = QtWidgets.QLabel()
        self.pkg_msg.setWordWrap(True)
        self.pkg_msg.setAccessibleName(self.tr("Package message"))
        self.pkg_msg.setVisible(False)
        self.rename_pkg = QtWidgets.QPushButton(self.tr("Rename"))
        self.rename_pkg.clicked.connect(self._rename_package)
        self.dup_pkg = QtWidgets.QPushButton(self.tr("Duplicate"))
        self.dup_pkg.clicked.connect(self._duplicate_package)
        self.del_pkg = QtWidgets.QPushButton(self.tr("Delete"))
        self.del_pkg.clicked.connect(self._delete_package)
        for b, tip in (
            (self.rename_pkg, "Give the selected package the name typed beside it"),
            (self.dup_pkg, "Copy the selected package (then change the copy's levers)"),
            (self.del_pkg, "Remove the selected package"),
        ):
            b.setToolTip(self.tr(tip))
        name_row = QtWidgets.QHBoxLayout()
        name_row.addWidget(self.pkg_name, 1)
        name_row.addWidget(self.rename_pkg)
        pkg_btns = QtWidgets.QHBoxLayout()
        pkg_btns.addWidget(self.dup_pkg)
        pkg_btns.addWidget(self.del_pkg)
        pkg_btns.addStretch(1)
        pl.addWidget(self.pkg_list)
        pl.addLayout(name_row)
        pl.addWidget(self.pkg_msg)
        pl.addLayout(pkg_btns)
        left_box = QtWidgets.QWidget()
        left_lay = QtWidgets.QVBoxLayout(left_box)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(form_box)
        left_lay.addWidget(pkg_box)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left_box)
        scroll.setMinimumWidth(LEVERS_MIN_WIDTH)
        # the levers fit the column's width (the column scrolls down, never sideways)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.curve_plot = make_plot(left="USD per vehicle", bottom="US units per year (log scale)")
        self.curve_plot.setLogMode(x=True, y=False)
        self.curve_plot.setMinimumHeight(CURVE_MIN_HEIGHT)  # room for its axis title
        self.curve = pg.PlotDataItem([1], [1], pen=pg.mkPen("#0072B2", width=2.5))
        self.band_lo = pg.PlotDataItem([1], [1], pen=pg.mkPen(None))
        self.band_hi = pg.PlotDataItem([1], [1], pen=pg.mkPen(None))
        self.band = pg.FillBetweenItem(
            self.band_lo, self.band_hi, brush=pg.mkBrush(0, 114, 178, 45)
        )
        self.now_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#D55E00", width=2))
        for it in (self.band, self.band_lo, self.band_hi, self.curve, self.now_line):
            self.curve_plot.addItem(it)
        self.markers: list[pg.InfiniteLine] = []
        self.curve_panel = ChartPanel(
            self.tr("Per-unit FMVSS compliance cost against US volume"), self.curve_plot
        )
        self.curve_panel.set_legend(
            [("central", "#0072B2"), ("low–high range", "#b3d4ea"), ("chosen volume", "#D55E00")]
        )

        self.inverse_target = QtWidgets.QDoubleSpinBox()
        self.inverse_target.setRange(0, 100_000)
        self.inverse_target.setSingleStep(250)
        self.inverse_target.setPrefix("$")
        self.inverse_target.setValue(2000)
        self.inverse_target.setAccessibleName(self.tr("Target per-unit compliance cost"))
        self.inverse_target.valueChanged.connect(lambda _v: self._draw_inverse())
        self.inverse_answer = QtWidgets.QLabel()
        self.inverse_answer.setWordWrap(True)
        inv = QtWidgets.QHBoxLayout()
        inv.addWidget(QtWidgets.QLabel(self.tr("Volume that brings it under")))
        inv.addWidget(self.inverse_target)
        inv_box = QtWidgets.QVBoxLayout()
        inv_box.addLayout(inv)
        inv_box.addWidget(self.inverse_answer)
        solve = QtWidgets.QHBoxLayout()
        self.solve_incentive = QtWidgets.QPushButton(self.tr("Incentive that makes it cheaper…"))
        self.solve_tariff = QtWidgets.QPushButton(self.tr("Tariff at which it stays cheaper…"))
        for b in (self.solve_incentive, self.solve_tariff):
            b.setToolTip(
                self.tr("Solved by bisection over the full model against the first comparator")
            )
            solve.addWidget(b)
        self.solve_incentive.clicked.connect(lambda: self._solve("incentive"))
        self.solve_tariff.clicked.connect(lambda: self._solve("tariff"))
        self.solve_answer = QtWidgets.QLabel()
        self.solve_answer.setWordWrap(True)
        inv_box.addLayout(solve)
        inv_box.addWidget(self.solve_answer)

        self.table = QtWidgets.QTableWidget()
        self.table.setAccessibleName(self.tr("Baseline and packages side by side"))
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(200)
        right_box = QtWidgets.QWidget()
        rl = QtWidgets.QVBoxLayout(right_box)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.curve_panel, 3)
        rl.addLayout(inv_box)
        title = QtWidgets.QLabel(
            self.tr(
                "<b>Baseline and packages, side by side</b>: every vehicle, each package as if "
                "it were law, its change against the baseline in brackets; every column serves "
                "the same travel (the miles a vehicle cannot take by your fallback)"
            )
        )
        title.setWordWrap(True)
        rl.addWidget(title)
        rl.addWidget(self.table, 2)
        split = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(scroll)
        split.addWidget(right_box)
        split.setStretchFactor(1, 1)
        # chart and packages table keep a readable height; a short window scrolls
        lay = QtWidgets.QVBoxLayout(scrolling_page(self, POLICY_MIN_HEIGHT))
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)
        self._packages_timer = QtCore.QTimer(self)
        self._packages_timer.setSingleShot(True)
        self._packages_timer.setInterval(PACKAGES_DELAY_MS)
        self._packages_timer.timeout.connect(
            lambda: self._draw_packages(self._result) if self._result is not None else None
        )
        self._result: Result | None = None
        self._stale = False
        self._listed: tuple[PolicyPackage, ...] | None = None  # the packages pkg_list shows
        controller.scenario_changed.connect(self.show_levers)
        self.show_levers(controller.scenario)

    def charts(self) -> dict[str, QtWidgets.QWidget]:
        return {"policy_compliance_curve": self.curve_plot}

    def panels(self) -> dict[str, ChartPanel]:
        return {"policy_compliance_curve": self.curve_panel}

    # -- levers <-> widgets ----------------------------------------------------------------------
    def _cat(self):  # type: ignore[no-untyped-def]
        return self.controller.catalog

    def _central(self, pid: str, default: float) -> float:
        cat = self._cat()
        return cat.central(pid) if pid in cat.params else default

    def show_levers(self, sc: object) -> None:
        from core.scenario.model import Scenario

        assert isinstance(sc, Scenario)
        lv = sc.levers
        self._show_packages_list(sc)
        self._updating = True
        try:
            self.kei_class.setChecked(lv.federal_kei_class)
            self.kei_cap.setValue(
                lv.kei_class_road_cap_mph or self._central("kei_class_road_cap_mph", 45)
            )
            self.msv_class.setChecked(lv.federal_msv_class)
            self.msv_cap.setValue(
                lv.msv_class_road_cap_mph or self._central("msv_class_road_cap_mph", 35)
            )
            self.import_age.setValue(lv.import_age_years)
            self.tariff_truck.setValue(
                100
                * lv.tariff_overrides.get(
                    "duty_rate_truck_jp", self._central("duty_rate_truck_jp", 0.25)
                )
            )
            self.tariff_car.setValue(
                100
                * lv.tariff_overrides.get(
                    "duty_rate_car_jp", self._central("duty_rate_car_jp", 0.15)
                )
            )
            self.incentive.setValue(lv.purchase_incentive_usd)
            self.ev_incentive.setValue(lv.ev_incentive_usd)
            self.allow_state.setChecked(lv.state_overrides.get(sc.state) == "allowed")
            self.allow_state.setText(self.tr("Allow kei vehicles on the road in %s") % sc.state)
            self.urban.setValue(lv.urban_speed_reduction_mph)
            self.fleet.setValue(100 * lv.light_truck_share_shift)
            self.volume.setValue(lv.us_annual_volume or self._central(compliance.VOLUME, 2500))
            self.fixed.setValue(
                (lv.certification_fixed_cost_usd or self._central(compliance.FIXED_COST, 5e7)) / 1e6
            )
            self.years.setValue(lv.program_years or self._central(compliance.YEARS, 5))
            self.kei_cap.setEnabled(lv.federal_kei_class)
            self.msv_cap.setEnabled(lv.federal_msv_class)
            self.add_pkg.setEnabled(len(sc.packages) < MAX_PACKAGES)
            self.clear_pkg.setEnabled(bool(sc.packages))
        finally:
            self._updating = False

    def levers_from_widgets(self) -> PolicyLevers:
        sc = self.controller.scenario
        lv = sc.levers
        tariffs = dict(lv.tariff_overrides)
        for pid, w in (
            ("duty_rate_truck_jp", self.tariff_truck),
            ("duty_rate_car_jp", self.tariff_car),
        ):
            default = self._central(pid, w.value() / 100)
            if abs(w.value() / 100 - default) > 1e-9:
                tariffs[pid] = w.value() / 100
            else:
                tariffs.pop(pid, None)
        states = dict(lv.state_overrides)
        if self.allow_state.isChecked():
            states[sc.state] = "allowed"
        else:
            states.pop(sc.state, None)

        def opt(value: float, pid: str, scale: float = 1.0) -> float | None:
            return (
                None
                if abs(value * scale - self._central(pid, value * scale)) < 1e-9
                else value * scale
            )

        return dataclasses.replace(
            lv,
            federal_kei_class=self.kei_class.isChecked(),
            kei_class_road_cap_mph=opt(self.kei_cap.value(), "kei_class_road_cap_mph")
            if self.kei_class.isChecked()
            else lv.kei_class_road_cap_mph,
            federal_msv_class=self.msv_class.isChecked(),
            msv_class_road_cap_mph=opt(self.msv_cap.value(), "msv_class_road_cap_mph")
            if self.msv_class.isChecked()
            else lv.msv_class_road_cap_mph,
            import_age_years=round(self.import_age.value()),
            tariff_overrides=MappingProxyType(tariffs),
            purchase_incentive_usd=self.incentive.value(),
            ev_incentive_usd=self.ev_incentive.value(),
            state_overrides=MappingProxyType(states),
            urban_speed_reduction_mph=self.urban.value(),
            light_truck_share_shift=self.fleet.value() / 100,
            us_annual_volume=opt(self.volume.value(), compliance.VOLUME),
            certification_fixed_cost_usd=opt(self.fixed.value(), compliance.FIXED_COST, 1e6),
            program_years=opt(self.years.value(), compliance.YEARS),
        )

    def _changed(self, *_: object) -> None:
        if self._updating:
            return
        sc = self.controller.scenario
        self.controller.change(
            sc.with_(levers=self.levers_from_widgets()), self.tr("Change policy lever")
        )

    def _reset(self) -> None:
        sc = self.controller.scenario
        self.controller.change(sc.with_(levers=PolicyLevers()), self.tr("Reset levers"))

    def _taken(self, name: str, skip: int | None = None) -> bool:
        """Whether the baseline or a package (other than the one at `skip`) has this name:
        packages are looked up by name everywhere (core.scenario.model rejects repeats)."""
        pkgs = self.controller.scenario.packages
        taken = {package_name_key(p.name) for k, p in enumerate(pkgs) if k != skip}
        return package_name_key(name) in taken | {package_name_key(BASELINE_NAME)}

    def _free_name(self, candidates: Iterable[str]) -> str:
        """The first candidate name nothing has yet."""
        return next(n for n in candidates if not self._taken(n))

    def _say(self, text: str) -> None:
        self.pkg_msg.setText(text)
        self.pkg_msg.setVisible(bool(text))

    def _add_package(self) -> None:
        sc = self.controller.scenario
        if len(sc.packages) >= MAX_PACKAGES:
            return
        name = self._free_name(
            self.tr("Package %d") % k for k in itertools.count(len(sc.packages) + 1)
        )
        self._say("")
        pkg = PolicyPackage(name, sc.levers)
        self.controller.change(
            sc.with_(packages=(*sc.packages, pkg), levers=PolicyLevers()), self.tr("Save package")
        )

    def _selected_package(self) -> int | None:
        row = self.pkg_list.currentRow()
        n = len(self.controller.scenario.packages)
        return row if 0 <= row < n else None

    def _package_selected(self, row: int) -> None:
        pkgs = self.controller.scenario.packages
        ok = 0 <= row < len(pkgs)
        self.pkg_name.setText(pkgs[row].name if ok else "")
        for b in (self.rename_pkg, self.dup_pkg, self.del_pkg):
            b.setEnabled(ok)

    def _rename_package(self) -> None:
        i = self._selected_package()
        name = self.pkg_name.text().strip()
        if i is None or not name:
            return
        sc = self.controller.scenario
        if self._taken(name, skip=i):
            self._say(
                self.tr("“%s” is taken: the baseline or another package has that name.") % name
            )
            return
        self._say("")
        pkgs = list(sc.packages)
        pkgs[i] = PolicyPackage(name, pkgs[i].levers)
        self.controller.change(sc.with_(packages=tuple(pkgs)), self.tr("Rename package"))

    def _duplicate_package(self) -> None:
        i = self._selected_package()
        sc = self.controller.scenario
        if i is None or len(sc.packages) >= MAX_PACKAGES:
            return
        src = sc.packages[i]
        name = self._free_name(
            itertools.chain(
                [self.tr("%s (copy)") % src.name],
                (self.tr("%s (copy %d)") % (src.name, k) for k in itertools.count(2)),
            )
        )
        self._say("")
        copy = PolicyPackage(name, src.levers)
        self.controller.change(
            sc.with_(packages=(*sc.packages, copy)), self.tr("Duplicate package")
        )

    def _delete_package(self) -> None:
        i = self._selected_package()
        if i is None:
            return
        sc = self.controller.scenario
        pkgs = tuple(p for k, p in enumerate(sc.packages) if k != i)
        self.controller.change(sc.with_(packages=pkgs), self.tr("Delete package"))

    def _show_packages_list(self, sc: Scenario) -> None:
        # any other input (a buyer slider step, a lever) leaves the list and a name being typed
        if sc.packages == self._listed:
            return
        self._listed = sc.packages
        row = self.pkg_list.currentRow()
        self.pkg_list.blockSignals(True)
        self.pkg_list.clear()
        for p in sc.packages:
            levers = present.lever_summary(p.levers) or [self.tr("status quo")]
            item = QtWidgets.QListWidgetItem(f"{p.name}: " + "; ".join(levers))
            item.setToolTip("\n".join([p.name, *levers]))
            self.pkg_list.addItem(item)
        self.pkg_list.blockSignals(False)
        self.pkg_list.setCurrentRow(min(row, len(sc.packages) - 1))
        self._package_selected(self.pkg_list.currentRow())

    def _clear_packages(self) -> None:
        sc = self.controller.scenario
        self.controller.change(sc.with_(packages=()), self.tr("Clear packages"))

    # -- results ----------------------------------------------------------------------------------
    def show_result(self, result: Result) -> None:
        self._result = result
        self._draw_curve(result)
        self._draw_inverse()
        if not self.isVisible():
            self._stale = True
        elif not result.scenario.packages:
            self._draw_packages(result)  # the baseline column is this result: nothing to compute
        else:
            # each package is a full evaluation (on the worker): wait until a slider drag
            # pauses instead of queueing them on every step
            self._packages_timer.start()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale and self._result is not None:
            self._stale = False
            self._draw_packages(self._result)

    def _draw_curve(self, result: Result) -> None:
        ci = compliance.curve_inputs(result.catalog, result.scenario.levers)
        vols = np.logspace(2, 6, 120)
        mid = compliance.per_unit_cost(
            ci.fixed_usd.central, vols, ci.years.central, ci.hardware_usd.central
        )
        lo = compliance.per_unit_cost(ci.fixed_usd.low, vols, ci.years.high, ci.hardware_usd.low)
        hi = compliance.per_unit_cost(ci.fixed_usd.high, vols, ci.years.low, ci.hardware_usd.high)
        self.curve.setData(vols, mid)
        self.band_lo.setData(vols, lo)
        self.band_hi.setData(vols, hi)
        self.now_line.setPos(np.log10(ci.volume_per_year.central))
        ymax = float(np.percentile(hi, 80))
        self.curve_plot.setYRange(0, ymax, padding=0.02)
        for m in self.markers:
            self.curve_plot.removeItem(m)
        self.markers = []
        for pid, label in MARKER_PARAMS:
            if pid in result.catalog.params:
                v = result.catalog.central(pid)
                line = pg.InfiniteLine(
                    pos=np.log10(v),
                    angle=90,
                    pen=pg.mkPen("#777777", style=Qt.PenStyle.DashLine),
                    label=label,
                    labelOpts={"position": 0.9, "color": "#555555"},
                )
                self.curve_plot.addItem(line)
                self.markers.append(line)
        here = ci.central
        self.curve_panel.set_summary(
            f"At {ci.volume_per_year.central:,.0f} a year for {ci.years.central:g} years and a "
            f"{fmt.money(ci.fixed_usd.central / 1e6)}M certification cost, compliance adds about {fmt.money(here)} per vehicle."
        )
        self.curve_panel.set_table(
            ["US units per year", "Per-unit cost (central)", "Low", "High"],
            [
                [f"{v:,.0f}", fmt.money(float(m)), fmt.money(float(a)), fmt.money(float(b))]
                for v, m, a, b in zip(vols[::10], mid[::10], lo[::10], hi[::10], strict=True)
            ],
        )

    def _draw_inverse(self) -> None:
        res = self._result
        if res is None:
            return
        from core import inverse

        ci = compliance.curve_inputs(res.catalog, res.scenario.levers)
        target = self.inverse_target.value()
        ans = inverse.volume_for_unit_cost(target, res.catalog, res.scenario.levers)
        if ans.value is None:
            self.inverse_answer.setText(
                f"No volume does it: the safety hardware alone costs about {fmt.money(ci.hardware_usd.central)} per vehicle."
            )
        else:
            self.inverse_answer.setText(
                f"About <b>{ans.value:,.0f} vehicles a year</b> for {ci.years.central:g} years bring the per-unit compliance cost down to {fmt.money(target)}."
            )

    def _solve(self, kind: str) -> None:
        from core import inverse

        res = self._result
        if res is None or len(res.vehicles) < 2:
            self.solve_answer.setText(self.tr("Choose a comparator first."))
            return
        sc = res.scenario.with_(draws=min(res.scenario.draws, 2000))
        micro, rival = res.vehicles[0].vehicle, res.vehicles[1].vehicle
        catalog = self.controller.catalog

        def solve() -> inverse.InverseAnswer:  # on the controller's worker, not the GUI thread
            if kind == "incentive":
                return inverse.incentive_to_beat(sc, micro.id, rival.id, catalog=catalog)
            return inverse.tariff_to_beat(sc, micro.id, rival.id, catalog=catalog)

        self.solve_answer.setText(self.tr("Solving…"))
        self.controller.query(
            "policy.solve",
            solve,
            lambda ans: self._show_answer(kind, sc, micro.name, rival.name, ans),
            lambda err: self.solve_answer.setText(err),
        )

    def _show_answer(
        self, kind: str, sc: Scenario, micro: str, rival: str, ans: InverseAnswer
    ) -> None:
        if ans.value is not None and kind == "incentive":
            head = f"<b>{fmt.money(ans.value)}</b> more purchase incentive"
        elif ans.value is not None:
            head = f"a duty rate up to <b>{fmt.percent(ans.value, 1)}</b>"
        else:
            head = "<b>not reachable</b>"
        self.solve_answer.setText(
            f"{micro} vs {rival} over {sc.years} years: {head} — {ans.explanation}."
        )

    def _draw_packages(self, result: Result) -> None:
        """The baseline column is this result; packages are evaluated on the worker."""
        sc = result.scenario
        if not sc.packages:
            self._fill_packages([("Baseline", result)])
            return
        self.controller.query(
            "policy.packages", lambda: self.controller.packages(sc), self._fill_packages
        )

    def _fill_packages(self, cols: list[tuple[str, Result]]) -> None:
        """Every vehicle, baseline and each package side by side, with each package's change
        against the baseline (the packages' cells read 'value (change)'): present.package_rows,
        the same table the PDF report prints."""
        pr = present.package_rows(cols)
        t = self.table
        t.setColumnCount(len(pr.columns))
        t.setRowCount(len(pr.rows))
        t.setHorizontalHeaderLabels(pr.columns)
        t.setVerticalHeaderLabels(pr.rows)
        for r, tip in enumerate(pr.row_tips):
            head = t.verticalHeaderItem(r)
            if head is not None:
                head.setToolTip(tip)
        for c, tip in enumerate(pr.column_tips):
            col_head = t.horizontalHeaderItem(c)
            if col_head is not None:
                col_head.setToolTip(tip)
        for r, row in enumerate(pr.cells):
            for c, val in enumerate(row):
                t.setItem(r, c, QtWidgets.QTableWidgetItem(val))
        t.resizeColumnsToContents()
