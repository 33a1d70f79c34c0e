"""Safety tab: risk to you against risk to others, icon arrays, road mix and legal access; and
"How we know": the model against observed US figures (core.safety.validation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg

from core.data.catalog import Catalog
from core.data.roads import ROAD_CLASS_LABELS, ROAD_CLASSES
from core.result import Result, VehicleResult
from core.safety.validation import ValidationRow, fmt_value, validation_rows
from desktop import fmt
from desktop.chart_panel import ChartPanel, make_plot, scrolling_page
from desktop.icon_array import IconArray, IconGroup
from desktop.qt import Qt, QtWidgets
from desktop.theme import brush

OWN = "#D55E00"
OTHERS = "#0072B2"
RISK_MIN_HEIGHT = 900  # three rows: charts, icon arrays, caveats; a shorter window scrolls
ROAD_COLOURS = ("#009E73", "#56B4E9", "#E69F00", "#CC79A7", "#0072B2")
INSIDE = "#0072B2"
OUTSIDE = "#D55E00"
# Fewer draws than the shipped page (docs/safety-validation.md) keep the view quick to refresh.
KNOW_DRAWS = 2_000
KNOW_TICKS = (0.25, 0.5, 1.0, 2.0, 4.0)
# The chart needs about 16 px per row to stay readable; below this the page scrolls.
KNOW_MIN_HEIGHT = 900
KNOW_HEADERS = (
    "Observed figure",
    "Observed",
    "Model P50 (P10–P90)",
    "Model ÷ observed",
    "In band",
    "Source (as of)",
)


# Controller.query's shape: (key, work, on_done, on_error) runs the work off the GUI thread
Query = Callable[[str, Callable[[], Any], Callable[[Any], None], Callable[[str], None]], None]


class SafetyTab(QtWidgets.QWidget):
    def __init__(self, query: Query | None = None) -> None:
        """`query` (the controller's) runs "How we know" on the evaluation worker; without it
        (the PDF report's offscreen tabs) the rows are computed in place."""
        super().__init__()
        self._query = query
        self.bar_plot = make_plot(left="Deaths /10k owners")
        self.own_bars = pg.BarGraphItem(
            x=[0], height=[0], width=0.35, brush=brush(OWN), name="You and your passengers"
        )
        self.oth_bars = pg.BarGraphItem(
            x=[0],
            height=[0],
            width=0.35,
            brush=brush(OTHERS, Qt.BrushStyle.BDiagPattern),
            name="Others (other cars, people on foot)",
        )
        self.own_err = pg.ErrorBarItem(
            x=np.zeros(1),
            y=np.zeros(1),
            top=np.zeros(1),
            bottom=np.zeros(1),
            beam=0.12,
            pen=pg.mkPen("#333333", width=1.2),
        )
        self.oth_err = pg.ErrorBarItem(
            x=np.zeros(1),
            y=np.zeros(1),
            top=np.zeros(1),
            bottom=np.zeros(1),
            beam=0.12,
            pen=pg.mkPen("#333333", width=1.2),
        )
        for it in (self.own_bars, self.oth_bars, self.own_err, self.oth_err):
            self.bar_plot.addItem(it)
        self.bar_panel = ChartPanel(
            self.tr("Risk to you against the risk you impose on others"), self.bar_plot
        )
        self.bar_panel.set_legend(
            [
                ("you and your passengers", OWN),
                ("others (other vehicles, people on foot)", OTHERS),
                ("whiskers: P10–P90", "#333333"),
            ],
            {"others (other vehicles, people on foot)": Qt.BrushStyle.BDiagPattern},
        )

        self.arrays_box = QtWidgets.QWidget()
        self.arrays_lay = QtWidgets.QHBoxLayout(self.arrays_box)
        self.arrays_lay.setContentsMargins(0, 0, 0, 0)
        self.arrays: list[IconArray] = []
        self.array_panel = ChartPanel(
            self.tr("10,000 owners like you: expected deaths over the years kept"), self.arrays_box
        )
        self.array_panel.set_legend(
            [("killed aboard", OWN), ("others killed", OTHERS), ("unharmed", "#d9dde2")]
        )

        self.road_plot = make_plot(bottom="Share of your miles (%)")
        self.road_plot.getAxis("left").setWidth(120)
        self.road_bars: list[pg.BarGraphItem] = []
        for i, rc in enumerate(ROAD_CLASSES):
            it = pg.BarGraphItem(
                x0=[0],
                y=[0],
                width=[0],
                height=0.6,
                brush=brush(ROAD_COLOURS[i]),
                name=ROAD_CLASS_LABELS[rc],
            )
            self.road_plot.addItem(it)
            self.road_bars.append(it)
        self.illegal_bars = pg.BarGraphItem(
            x0=[0],
            y=[0],
            width=[0],
            height=0.6,
            brush=brush("#333333", Qt.BrushStyle.DiagCrossPattern),
            pen=pg.mkPen("#D55E00", width=2),
            name="Not legal for this vehicle",
        )
        self.road_plot.addItem(self.illegal_bars)
        self.road_panel = ChartPanel(
            self.tr("Your road mix, and the miles each vehicle may not legally drive"),
            self.road_plot,
        )
        self.road_panel.set_legend(
            [(ROAD_CLASS_LABELS[rc], ROAD_COLOURS[i]) for i, rc in enumerate(ROAD_CLASSES)]
            + [("not legal for this vehicle (hatched)", "#333333")],
            {"not legal for this vehicle (hatched)": Qt.BrushStyle.DiagCrossPattern},
        )

        self.caveats = QtWidgets.QLabel()
        self.caveats.setWordWrap(True)
        self.caveats.setTextFormat(Qt.TextFormat.RichText)
        self.caveats.setAlignment(Qt.AlignmentFlag.AlignTop)
        cav_scroll = QtWidgets.QScrollArea()
        cav_scroll.setWidgetResizable(True)
        cav_scroll.setWidget(self.caveats)
        cav_scroll.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        cav_scroll.setAccessibleName(self.tr("Caveats"))

        risk_page = QtWidgets.QWidget()
        content = scrolling_page(risk_page, RISK_MIN_HEIGHT)
        grid = QtWidgets.QGridLayout(content)
        grid.setContentsMargins(4, 4, 4, 4)
        # the icon arrays get a full-width row: 10,000 owners need room to read as squares
        grid.addWidget(self.bar_panel, 0, 0)
        grid.addWidget(self.road_panel, 0, 1)
        grid.addWidget(self.array_panel, 1, 0, 1, 2)
        grid.addWidget(cav_scroll, 2, 0, 1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.views = QtWidgets.QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(risk_page, self.tr("Your risk"))
        self.views.addTab(self._build_know_page(), self.tr("How we know"))
        self.views.currentChanged.connect(lambda _i: self._refresh_know())
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.views)
        self._know_catalog: Catalog | None = None
        self._know_key: object = None
        self.know_rows: tuple[ValidationRow, ...] = ()

    # -- "How we know" ---------------------------------------------------------------------------
    def _build_know_page(self) -> QtWidgets.QWidget:
        self.know_plot = make_plot(bottom="Model median ÷ observed (log scale; 1 = agrees)")
        self.know_plot.getAxis("left").setWidth(250)
        self.know_plot.showGrid(x=True, y=False, alpha=0.25)
        self.know_err = pg.ErrorBarItem(
            x=np.zeros(1), y=np.zeros(1), left=np.zeros(1), right=np.zeros(1), beam=0.25,
            pen=pg.mkPen("#333333", width=1.2),
        )  # fmt: skip
        self.know_in = pg.ScatterPlotItem(size=9, brush=brush(INSIDE), symbol="o", pen=None)
        self.know_out = pg.ScatterPlotItem(size=11, brush=brush(OUTSIDE), symbol="d", pen=None)
        self.know_plot.addItem(pg.InfiniteLine(pos=0.0, angle=90, pen=pg.mkPen("#777777")))
        for it in (self.know_err, self.know_in, self.know_out):
            self.know_plot.addItem(it)
        self.know_plot.getAxis("bottom").setTicks(
            [[(float(np.log10(t)), f"{t:g}×") for t in KNOW_TICKS]]
        )
        self.know_panel = ChartPanel(
            self.tr("How we know: the model against observed US figures"), self.know_plot
        )
        self.know_panel.set_legend(
            [
                ("observed inside the model's P10–P90", INSIDE),
                ("outside (the table's note says why)", OUTSIDE),
                ("whiskers: model P10–P90 ÷ observed", "#333333"),
            ]
        )
        self.know_table = QtWidgets.QTableWidget()
        self.know_table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.know_table.setAccessibleName(self.tr("The model against observed figures, as a table"))
        self.know_table.verticalHeader().setVisible(False)
        self.know_table.horizontalHeader().setStretchLastSection(True)
        self.know_table.setWordWrap(False)
        intro = QtWidgets.QLabel(
            self.tr(
                "Each row sets a published US figure (IIHS deaths per registered vehicle-year, "
                "FARS / FHWA deaths per mile) against this model under the same conditions: "
                "drivers only, the same miles per vehicle-year, the US-average road mix. The "
                "table below gives every number, its source and, on hover, its note."
            )
        )
        intro.setWordWrap(True)
        page = QtWidgets.QWidget()
        content = scrolling_page(page, KNOW_MIN_HEIGHT)
        lay = QtWidgets.QVBoxLayout(content)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(intro)
        lay.addWidget(self.know_panel, 3)
        lay.addWidget(self.know_table, 2)
        return page

    def _refresh_know(self) -> None:
        """Recompute the validation rows when the view is shown and its inputs changed."""
        cat = self._know_catalog
        if cat is None or self.views.currentIndex() != 1:
            return
        key = _validation_key(cat)
        if key == self._know_key:
            return
        self._know_key = key
        if self._query is None:
            self.show_validation(validation_rows(cat, draws=KNOW_DRAWS))
            return
        self.know_panel.set_summary(self.tr("Running the model against the observed figures…"))

        def failed(err: str) -> None:
            self._know_key = None  # asked again the next time the view is shown
            self.know_panel.set_summary(err)

        # about 0.1 s of model runs: on the worker, never the GUI thread; a newer catalogue's
        # query makes this one's answer stale (Controller.query drops it)
        self._query(
            "safety.validation",
            lambda: validation_rows(cat, draws=KNOW_DRAWS),
            self.show_validation,
            failed,
        )

    def show_validation(self, rows: tuple[ValidationRow, ...]) -> None:
        self.know_rows = rows
        modelled = [r for r in rows if r.model_p50 is not None and r.target]
        n = len(modelled)
        ys = np.arange(n, dtype=float)[::-1]
        x = np.log10([r.ratio for r in modelled]) if n else np.zeros(0)
        lo = np.log10([(r.model_p10 or 0.0) / r.observed for r in modelled]) if n else x
        hi = np.log10([(r.model_p90 or 0.0) / r.observed for r in modelled]) if n else x
        self.know_err.setData(x=x, y=ys, left=x - lo, right=hi - x)
        inside = np.array([bool(r.inside) for r in modelled], dtype=bool)
        self.know_in.setData(x=x[inside], y=ys[inside])
        self.know_out.setData(x=x[~inside], y=ys[~inside])
        self.know_plot.getAxis("left").setTicks(
            [[(float(ys[i]), r.chart_label) for i, r in enumerate(modelled)]]
        )
        span = max([1.0, *np.abs(lo).tolist(), *np.abs(hi).tolist()]) if n else 1.0
        self.know_plot.setXRange(-span - 0.05, span + 0.05, padding=0)
        self.know_plot.setYRange(-0.8, n - 0.2, padding=0)
        outside = [r for r in modelled if r.inside is False]
        self.know_panel.set_summary(
            f"{n - len(outside)} of {n} observed figures lie within the model's P10–P90"
            + (
                f"; the {len(outside)} outside are marked in orange, the table says why."
                if outside
                else "."
            )
        )
        table = [_know_cells(r) for r in rows]
        self.know_panel.set_table(KNOW_HEADERS, table)
        t = self.know_table
        t.setColumnCount(len(KNOW_HEADERS))
        t.setRowCount(len(table))
        t.setHorizontalHeaderLabels(list(KNOW_HEADERS))
        for i, (r, cells) in enumerate(zip(rows, table, strict=True)):
            for j, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                item.setToolTip(f"{r.label}\n{r.note}" if r.note else r.label)
                if r.inside is False:
                    item.setForeground(brush(OUTSIDE))
                t.setItem(i, j, item)
        t.resizeColumnsToContents()
        t.setColumnWidth(0, min(t.columnWidth(0), 300))

    def panels(self) -> dict[str, ChartPanel]:
        return {
            "safety_own_vs_others": self.bar_panel,
            "safety_icon_array": self.array_panel,
            "safety_road_mix": self.road_panel,
        }

    def charts(self) -> dict[str, QtWidgets.QWidget]:
        return {
            "safety_own_vs_others": self.bar_plot,
            "safety_icon_array": self.arrays_box,
            "safety_road_mix": self.road_plot,
        }

    def show_result(self, result: Result) -> None:
        self._know_catalog = result.catalog
        self._refresh_know()
        vrs = result.vehicles
        n = len(vrs)
        xs = np.arange(n, dtype=float)
        own = [vr.safety.occupant_deaths_per_10k_owners for vr in vrs]
        oth = [vr.safety.others_deaths_per_10k_owners for vr in vrs]
        oc = np.array([d.headline for d in own])
        ot = np.array([d.headline for d in oth])
        self.own_bars.setOpts(x=xs - 0.19, height=oc, width=0.35)
        self.oth_bars.setOpts(x=xs + 0.19, height=ot, width=0.35)
        self.own_err.setData(
            x=xs - 0.19,
            y=oc,
            top=np.array([d.p90 for d in own]) - oc,
            bottom=oc - np.array([d.p10 for d in own]),
        )
        self.oth_err.setData(
            x=xs + 0.19,
            y=ot,
            top=np.array([d.p90 for d in oth]) - ot,
            bottom=ot - np.array([d.p10 for d in oth]),
        )
        self.bar_plot.getAxis("bottom").setTicks(
            [[(i, fmt.short_name(vr.vehicle.name)) for i, vr in enumerate(vrs)]]
        )
        ymax = max([d.p90 for d in own] + [d.p90 for d in oth] + [1e-9])
        self.bar_plot.setYRange(0, ymax * 1.1, padding=0)
        self.bar_plot.setXRange(-0.6, n - 0.4, padding=0)
        yrs = vrs[0].cost.horizon_years

        def rel(d: object) -> str:
            return "–" if d is None else f"{d.headline:.2f}× ({d.p10:.2f}–{d.p90:.2f})"  # type: ignore[attr-defined]

        self.bar_panel.set_table(
            [
                "Vehicle",
                "You & passengers per 10k owners (P10–P90)",
                "Others (P10–P90)",
                "of whom people on foot or bikes",
                "Per 100M miles of your travel (you)",
                "Per 100M miles the vehicle drives (you)",
                "Your miles by your fallback",
                "Driver's chance of dying while owning it",
                "Relative risk to occupants, per mile",
                "Relative risk to others, per mile",
            ],
            [
                [
                    vr.vehicle.name,
                    f"{fmt.number(o.headline, 2)} ({fmt.number(o.p10, 2)}–{fmt.number(o.p90, 2)})",
                    f"{fmt.number(t.headline, 2)} ({fmt.number(t.p10, 2)}–{fmt.number(t.p90, 2)})",
                    fmt.number(vr.safety.pedestrian_deaths_per_10k_owners.headline, 2),
                    fmt.number(vr.safety.occupant_deaths_per_100m_miles.headline, 2),
                    fmt.number(vr.safety.vehicle_occupant_deaths_per_100m_miles.headline, 2)
                    if vr.safety.vehicle_occupant_deaths_per_100m_miles is not None
                    else "– (drives none)",
                    f"{fmt.percent(vr.safety.fallback_share)} ({vr.safety.fallback_label.lower()})"
                    if vr.safety.fallback_share > 0
                    else "none",
                    f"1 in {1 / vr.safety.driver_death_probability.headline:,.0f}"
                    if vr.safety.driver_death_probability.headline > 0
                    else "–",
                    rel(vr.safety.relative_occupant_risk),
                    rel(vr.safety.relative_others_risk),
                ]
                for vr, o, t in zip(vrs, own, oth, strict=True)
            ],
        )
        first = vrs[0].safety
        if n > 1 and first.relative_occupant_risk is not None:
            a = fmt.short_name(vrs[0].vehicle.name)
            b = (
                fmt.short_name(result.vehicle(first.comparator).vehicle.name)
                if first.comparator
                else ""
            )
            text = (
                f"Per mile of your travel (the miles a vehicle cannot take counted by your "
                f"fallback), {a} carries {first.relative_occupant_risk.headline:.1f}× the risk to its "
                f"occupants of {b}"
            )
            if first.relative_others_risk is not None:
                text += f" and {first.relative_others_risk.headline:.2f}× the risk to others"
            self.bar_panel.set_summary(text + f" (over {yrs} years; P10–P90 in the table).")
        else:
            self.bar_panel.set_summary(
                f"Over {yrs} years: {fmt.number(oc[0])} occupant and {fmt.number(ot[0])} other deaths per 10,000 owners."
            )

        while len(self.arrays) < n:
            arr = IconArray()
            self.arrays.append(arr)
            self.arrays_lay.addWidget(arr, 1)
        for i, arr in enumerate(self.arrays):
            arr.setVisible(i < n)
            if i < n:
                arr.set_groups(
                    fmt.short_name(vrs[i].vehicle.name, 20),
                    [
                        IconGroup("aboard", OWN, own[i].headline),
                        IconGroup("others", OTHERS, oth[i].headline),
                    ],
                )
        self.array_panel.set_summary(
            "Each square is one of 10,000 owners, counting all their travel. "
            + "; ".join(
                f"{fmt.short_name(vr.vehicle.name)}: {fmt.number(o.headline)} aboard, {fmt.number(t.headline)} others"
                for vr, o, t in zip(vrs, own, oth, strict=True)
            )
            + "."
        )
        self.array_panel.set_table(
            [
                "Vehicle",
                "Occupant deaths per 10,000",
                "Others' deaths per 10,000",
                "Serious injuries per 10,000 (occupants)",
            ],
            [
                [
                    vr.vehicle.name,
                    fmt.number(o.headline, 2),
                    fmt.number(t.headline, 2),
                    fmt.number(vr.safety.serious_injuries_per_10k_owners.headline, 1),
                ]
                for vr, o, t in zip(vrs, own, oth, strict=True)
            ],
        )

        # road mix: one row per vehicle; hatched part = miles it may not legally drive
        shares = np.array(result.scenario.road_mix.shares) * 100
        ys = np.arange(n, dtype=float)[::-1]
        left = np.zeros(n)
        for i, it in enumerate(self.road_bars):
            it.setOpts(x0=left.copy(), y=ys, width=np.full(n, shares[i]), height=0.6)
            left = left + shares[i]
        blocked = np.array([vr.safety.miles_not_legally_drivable_share * 100 for vr in vrs])
        self.illegal_bars.setOpts(x0=100 - blocked, y=ys, width=blocked, height=0.6)
        self.road_plot.getAxis("left").setTicks(
            [[(float(ys[i]), fmt.short_name(vr.vehicle.name, 14)) for i, vr in enumerate(vrs)]]
        )
        self.road_plot.setXRange(0, 100, padding=0.02)
        self.road_plot.setYRange(-0.8, n + 0.4, padding=0)
        self.road_panel.set_table(
            ["Road class", "Share of your miles"] + [f"{vr.vehicle.name}: legal?" for vr in vrs],
            [
                [ROAD_CLASS_LABELS[rc], fmt.percent(result.scenario.road_mix.shares[j])]
                + [_legal(vr, j) for vr in vrs]
                for j, rc in enumerate(ROAD_CLASSES)
            ],
        )
        blocked_txt = [
            f"{fmt.short_name(vr.vehicle.name)} may not legally drive {fmt.percent(vr.safety.miles_not_legally_drivable_share)} of your miles"
            for vr in vrs
            if vr.safety.miles_not_legally_drivable_share > 0
        ]
        self.road_panel.set_summary(
            ("; ".join(blocked_txt) + ".")
            if blocked_txt
            else "Every vehicle compared may legally drive all of your miles in this state."
        )

        cav: list[str] = []
        for vr in vrs:
            for c in vr.safety.caveats:  # model-provided plain-language caveats
                if c not in cav:
                    cav.append(c)
        flags: list[str] = []
        for vr in vrs:
            for fl in vr.safety.judgement_flags:
                if fl not in flags:
                    flags.append(fl)
        html = "<b>Read with care</b><ul>" + "".join(f"<li>{c}</li>" for c in cav) + "</ul>"
        if flags:
            html += (
                "<b>Figures set by judgement, not measurement</b> (the Sources tab shows them; "
                "change them in Policymaker mode, under Assumptions in the inputs panel, or as "
                "overrides in a scenario file):<ul>"
                + "".join(f"<li>{f}</li>" for f in flags)
                + "</ul>"
            )
        self.caveats.setText(html)


def _legal(vr: VehicleResult, j: int) -> str:
    rows = vr.safety.by_road_class
    return ("yes" if rows[j].legal else "no") if j < len(rows) else "?"


def _validation_key(cat: Catalog) -> tuple[object, ...]:
    """What the validation rows depend on: every figure's range and every vehicle's data."""
    params = tuple((pid, cat.u(pid)) for pid in sorted(cat.params))
    return (params, tuple(cat.vehicles.values()))


def _know_cells(r: ValidationRow) -> list[str]:
    if r.model_p50 is None:
        return [
            r.label,
            fmt_value(r.observed),
            f"against {fmt_value(r.comparison or 0.0)} (observed, no model)",
            f"{r.ratio:.2f}",
            "–",
            f"{r.source} ({r.as_of})",
        ]
    return [
        r.label,
        f"{fmt_value(r.observed)} {r.unit}",
        f"{fmt_value(r.model_p50)} ({fmt_value(r.model_p10 or 0.0)}–{fmt_value(r.model_p90 or 0.0)})",
        f"{r.ratio:.2f}",
        "for scale" if r.inside is None else ("yes" if r.inside else "no"),
        f"{r.source} ({r.as_of})",
    ]
