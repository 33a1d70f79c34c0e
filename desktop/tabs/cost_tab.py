"""Cost tab: stacked categories, cumulative cost with its P10–P90 band, tornado."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from core.cost.ownership import CATEGORIES, headline_curve
from core.result import Result
from desktop import fmt, present
from desktop.chart_panel import ChartPanel, make_plot, scrolling_page
from desktop.qt import Qt, QtGui, QtWidgets
from desktop.rects_item import RectsItem
from desktop.theme import CATEGORY_COLOURS, CATEGORY_PATTERNS, VEHICLE_COLOURS, brush

# Two rows of charts keep this height; a shorter window scrolls the tab.
MIN_CONTENT_HEIGHT = 640
TICK_PAD_PX = 12  # room between the tornado's input names and its bars
TORNADO_BARS = 8
TORNADO_MIN_HEIGHT = 300  # eight inputs, each name on up to two lines

CATEGORY_LABELS = {
    "depreciation": "Depreciation",
    "financing": "Financing",
    "taxes_fees": "Taxes & fees",
    "energy": "Fuel / energy",
    "insurance": "Insurance",
    "maintenance": "Maintenance",
    "repairs": "Repairs",
    "landed_import": "Import & compliance",
    "incentives": "Incentives",
    "substitute_travel": "Substitute travel (miles it cannot take)",
}


class CostTab(QtWidgets.QWidget):
    def __init__(self) -> None:
        super().__init__()
        # stacked bars
        self.stack_plot = make_plot(left="USD")
        self.stack_bars = RectsItem()
        self.stack_plot.addItem(self.stack_bars)
        self._cat_brush = {c: brush(CATEGORY_COLOURS[c], CATEGORY_PATTERNS[c]) for c in CATEGORIES}
        self._bar_pen = pg.mkPen("#333333", width=0.5)
        # the stacked segments per category, as drawn (tests and the table read these)
        self.stack_heights: dict[str, np.ndarray] = {c: np.zeros(0) for c in CATEGORIES}
        self.stack_panel = ChartPanel(self.tr("What the money goes to"), self.stack_plot)
        self.stack_panel.set_legend(
            [(CATEGORY_LABELS[c], CATEGORY_COLOURS[c]) for c in CATEGORIES],
            {CATEGORY_LABELS[c]: CATEGORY_PATTERNS[c] for c in CATEGORIES},
        )

        # cumulative
        self.cum_plot = make_plot(left="USD", bottom="Years from purchase")
        self.cum_curves: list[pg.PlotDataItem] = []
        self.cum_bands: list[pg.FillBetweenItem] = []
        self.cum_lo: list[pg.PlotDataItem] = []
        self.cum_hi: list[pg.PlotDataItem] = []
        self.breakeven = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen("#777777", style=Qt.PenStyle.DashLine)
        )
        self.breakeven_label = pg.TextItem("", color="#555555", anchor=(0, 1))
        self.cum_plot.addItem(self.breakeven)
        self.cum_plot.addItem(self.breakeven_label)
        self.cum_panel = ChartPanel(
            self.tr("Cumulative cost, with the resale step when you sell"), self.cum_plot
        )

        # tornado
        self.tornado_plot = make_plot(bottom="Change in total cost (USD)")
        self.tornado_plot.showGrid(x=True, y=False, alpha=0.25)
        self.tornado_plot.getAxis("left").setWidth(150)
        self.tornado_plot.setMinimumHeight(TORNADO_MIN_HEIGHT)
        self.tornado_bars = RectsItem()
        self.tornado_plot.addItem(self.tornado_bars)
        self._low_brush = brush("#56B4E9")
        self._high_brush = brush("#D55E00", Qt.BrushStyle.BDiagPattern)
        self.tornado_plot.addItem(pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen("#333333")))
        self.tornado_vehicle = QtWidgets.QComboBox()
        self.tornado_vehicle.setAccessibleName(self.tr("Vehicle for the tornado chart"))
        self.tornado_vehicle.activated.connect(lambda _i: self._draw_tornado())
        tw = QtWidgets.QWidget()
        tl = QtWidgets.QVBoxLayout(tw)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.tornado_vehicle)
        tl.addWidget(self.tornado_plot, 1)
        self.tornado_panel = ChartPanel(self.tr("What moves the total most (low → high input)"), tw)
        self.tornado_panel.chart = self.tornado_plot
        self.tornado_panel.set_legend(
            [("input at its low value", "#56B4E9"), ("input at its high value", "#D55E00")],
            {"input at its high value": Qt.BrushStyle.BDiagPattern},
        )

        content = scrolling_page(self, MIN_CONTENT_HEIGHT)
        grid = QtWidgets.QGridLayout(content)
        grid.setContentsMargins(4, 4, 4, 4)
        # two charts side by side, the tornado below at full width: its input names need room
        grid.addWidget(self.stack_panel, 0, 0)
        grid.addWidget(self.cum_panel, 0, 1)
        grid.addWidget(self.tornado_panel, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        self._result: Result | None = None

    def panels(self) -> dict[str, ChartPanel]:
        return {
            "cost_by_category": self.stack_panel,
            "cost_cumulative": self.cum_panel,
            "cost_tornado": self.tornado_panel,
        }

    def charts(self) -> dict[str, QtWidgets.QWidget]:
        return {
            "cost_by_category": self.stack_plot,
            "cost_cumulative": self.cum_plot,
            "cost_tornado": self.tornado_plot,
        }

    def show_result(self, result: Result) -> None:
        self._result = result
        vrs = result.vehicles
        n = len(vrs)
        xs = np.arange(n, dtype=float)
        # stacked bars: positive categories stack up from 0, incentives (negative) hang below
        pos_base = np.zeros(n)
        neg_base = np.zeros(n)
        rects = []
        for cat in CATEGORIES:
            # the breakdown of the headline: typical draws, adding up to the median total
            vals = np.array([vr.cost.headline_by_category_usd.get(cat, 0.0) for vr in vrs])
            y0 = np.where(vals >= 0, pos_base, neg_base + vals)
            self.stack_heights[cat] = np.abs(vals)
            for i in range(n):
                if vals[i] != 0:
                    rects.append(
                        (
                            xs[i] - 0.3,
                            float(y0[i]),
                            0.6,
                            float(abs(vals[i])),
                            self._cat_brush[cat],
                            self._bar_pen,
                        )
                    )
            pos_base = pos_base + np.where(vals >= 0, vals, 0)
            neg_base = neg_base + np.where(vals < 0, vals, 0)
        self.stack_bars.set_rects(rects)
        ax = self.stack_plot.getAxis("bottom")
        ax.setTicks([[(i, fmt.short_name(vr.vehicle.name)) for i, vr in enumerate(vrs)]])
        self.stack_plot.setXRange(-0.6, n - 0.4, padding=0)
        self.stack_plot.setYRange(
            min(0.0, float(neg_base.min())), float(pos_base.max()) * 1.05 or 1
        )
        rows = []
        for cat in CATEGORIES:
            rows.append(
                [
                    CATEGORY_LABELS[cat],
                    *[fmt.money(vr.cost.headline_by_category_usd.get(cat, 0.0)) for vr in vrs],
                ]
            )
        rows.append(["Total", *[fmt.money(vr.cost.total_usd.headline) for vr in vrs]])
        self.stack_panel.set_table(["Category", *[vr.vehicle.name for vr in vrs]], rows)
        big = []
        for vr in vrs:
            cats = vr.cost.headline_by_category_usd
            top = max(cats, key=lambda k: cats[k]) if cats else "depreciation"
            big.append(
                f"{fmt.short_name(vr.vehicle.name)} {fmt.money(vr.cost.total_usd.headline)} (largest: {CATEGORY_LABELS[top].lower()})"
            )
        self.stack_panel.set_summary("Totals: " + "; ".join(big) + ".")

        # cumulative with bands
        while len(self.cum_curves) < n:
            i = len(self.cum_curves)
            col = QtGui.QColor(VEHICLE_COLOURS[i % len(VEHICLE_COLOURS)])
            lo = pg.PlotDataItem([0], [0], pen=pg.mkPen(None))
            hi = pg.PlotDataItem([0], [0], pen=pg.mkPen(None))
            fill = QtGui.QColor(col)
            fill.setAlpha(50)
            band = pg.FillBetweenItem(lo, hi, brush=pg.mkBrush(fill))
            curve = pg.PlotDataItem(
                [0],
                [0],
                pen=pg.mkPen(col, width=2.5),
                symbol="o",
                symbolSize=5,
                symbolBrush=col,
                name=f"v{i}",
            )
            self.cum_plot.addItem(band)
            self.cum_plot.addItem(lo)
            self.cum_plot.addItem(hi)
            self.cum_plot.addItem(curve)
            self.cum_curves.append(curve)
            self.cum_bands.append(band)
            self.cum_lo.append(lo)
            self.cum_hi.append(hi)
        self.cum_panel.set_legend(
            [
                (vr.vehicle.name, VEHICLE_COLOURS[i % len(VEHICLE_COLOURS)])
                for i, vr in enumerate(vrs)
            ]
            + [("P10–P90 band", "#c8d6e5")]
        )
        cum_rows: list[list[str]] = []
        # each vehicle's median path with its P10-P90 band, once per refresh
        curves = [headline_curve(vr.cost) for vr in vrs]
        for i, curve in enumerate(self.cum_curves):
            visible = i < n
            for it in (curve, self.cum_bands[i], self.cum_lo[i], self.cum_hi[i]):
                it.setVisible(visible)
            if not visible:
                continue
            # the median path with its P10-P90 band; the sale (loan payoff and resale) is a
            # vertical step at the last year
            yrs, mid, lo_arr, hi_arr = curves[i]
            curve.setData(yrs, mid)
            self.cum_lo[i].setData(yrs, lo_arr)
            self.cum_hi[i].setData(yrs, hi_arr)
            for k, t in enumerate(yrs):
                when = f"{t:g}" + (" (before the sale)" if k == len(yrs) - 2 else "")
                when = when if k < len(yrs) - 1 else f"{t:g} (after the sale)"
                band = f"{fmt.money(float(lo_arr[k]))}–{fmt.money(float(hi_arr[k]))}"
                cum_rows.append([vrs[i].vehicle.name, when, fmt.money(float(mid[k])), band])
        be = next((cmp for cmp in result.comparisons if cmp.break_even_year is not None), None)
        if be is not None:
            self.breakeven.setPos(be.break_even_year)
            self.breakeven.setVisible(True)
            self.breakeven_label.setText(f"break-even, year {be.break_even_year:.1f}")
            y_top = max(float(np.max(path)) for _, path, _, _ in curves)
            self.breakeven_label.setPos(be.break_even_year, y_top)
            self.breakeven_label.setVisible(True)
        else:
            self.breakeven.setVisible(False)
            self.breakeven_label.setVisible(False)
        # explicit ranges: auto-ranging makes pyqtgraph paint every plot twice per update
        ymax = max(float(np.max(hi)) for _, _, _, hi in curves)
        ymin = min(0.0, min(float(np.min(lo)) for _, _, lo, _ in curves))
        self.cum_plot.setXRange(0, max(vr.cost.horizon_years for vr in vrs), padding=0.03)
        self.cum_plot.setYRange(ymin, ymax * 1.05 or 1.0, padding=0)
        self.cum_panel.set_table(["Vehicle", "Year", "Cumulative (median)", "P10–P90"], cum_rows)
        horizon = vrs[0].cost.horizon_years
        sents = [
            f"{fmt.short_name(vr.vehicle.name)} {fmt.money(vr.cost.total_usd.headline)}"
            for vr in vrs
        ]
        self.cum_panel.set_summary(
            f"Net cost after {horizon} years, resale deducted: " + "; ".join(sents) + "."
        )

        # tornado vehicle list
        current = self.tornado_vehicle.currentData()
        self.tornado_vehicle.blockSignals(True)
        self.tornado_vehicle.clear()
        for vr in vrs:
            self.tornado_vehicle.addItem(vr.vehicle.name, vr.vehicle.id)
        idx = self.tornado_vehicle.findData(current)
        self.tornado_vehicle.setCurrentIndex(max(idx, 0))
        self.tornado_vehicle.blockSignals(False)
        self._draw_tornado()

    def _draw_tornado(self) -> None:
        if self._result is None:
            return
        vid = self.tornado_vehicle.currentData()
        vr = next(
            (v for v in self._result.vehicles if v.vehicle.id == vid), self._result.vehicles[0]
        )
        bars = list(vr.cost.tornado)[:TORNADO_BARS]
        # the tornado swings each input around the central-input run (not the median)
        base = vr.cost.total_usd.central
        n = len(bars)
        ys = np.arange(n, dtype=float)[::-1]
        lo = np.array([b.output_at_low - base for b in bars])
        hi = np.array([b.output_at_high - base for b in bars])
        pen = pg.mkPen("#333333", width=0.5)
        rects = []
        for i in range(n):
            rects.append(
                (
                    float(min(lo[i], 0)),
                    float(ys[i]) - 0.3,
                    float(abs(lo[i])),
                    0.6,
                    self._low_brush,
                    pen,
                )
            )
            rects.append(
                (
                    float(min(hi[i], 0)),
                    float(ys[i]) - 0.3,
                    float(abs(hi[i])),
                    0.6,
                    self._high_brush,
                    pen,
                )
            )
        self.tornado_bars.set_rects(rects)
        self.tornado_plot.viewport().update()
        labels = [present.wrap_tick(present.input_label(b.label, vr)) for b in bars]
        left = self.tornado_plot.getAxis("left")
        left.setTicks([[(float(ys[i]), labels[i]) for i in range(n)]])
        fm = QtGui.QFontMetrics(left.style["tickFont"] or self.font())
        widest = max(
            (fm.horizontalAdvance(x) for lab in labels for x in lab.split("\n")), default=0
        )
        left.setWidth(widest + TICK_PAD_PX)
        if n:
            ext = float(max(np.abs(lo).max(), np.abs(hi).max())) * 1.1 or 1.0
            self.tornado_plot.setXRange(-ext, ext, padding=0)
            self.tornado_plot.setYRange(-0.7, n - 0.3, padding=0)
        self.tornado_panel.set_table(
            ["Input", "Low value", "High value", "Total at low", "Total at high", "Swing"],
            [
                [
                    b.label,
                    f"{b.low_input:g}",
                    f"{b.high_input:g}",
                    fmt.money(b.output_at_low),
                    fmt.money(b.output_at_high),
                    fmt.money(b.swing),
                ]
                for b in bars
            ],
        )
        if bars:
            b0 = bars[0]
            self.tornado_panel.set_summary(
                f"Biggest driver: {b0.label.lower()} ({fmt.money(b0.output_at_low)} to {fmt.money(b0.output_at_high)})."
            )
        else:
            self.tornado_panel.set_summary("No uncertain input moves this total.")
