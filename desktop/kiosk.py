"""Kiosk mode for trade-show booths: ``keiwhatif --kiosk``.

Full screen, no chrome, big touch targets; an attract screen, a guided three-step flow, an
idle reset, a take-away (one-page PDF + an offline QR code), and a lockdown no visitor can
break: no menus, no dialogs, no context menus, Esc/Alt+F4/close ignored. The operator leaves
or changes settings with a hidden gesture (five taps in the top-left corner within three
seconds) and the PIN.
"""

from __future__ import annotations

import datetime as _dt
import time
from pathlib import Path
from types import MappingProxyType

import pyqtgraph as pg

from core.data.catalog import Catalog, load_catalog
from core.data.states import STATE_NAMES
from core.data.vehicles import MICROCAR_CLASSES, Vehicle
from core.engine import evaluate
from core.errors import KeiWhatIfError
from core.result import Result
from core.scenario.model import Scenario, default_scenario, road_mix_presets
from desktop import fmt
from desktop.chart_panel import make_plot, refresh_plots
from desktop.kiosk_config import (
    KioskConfig,
    format_booth_prices,
    hash_pin,
    parse_booth_prices,
    save_config,
    verify_pin,
)
from desktop.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from desktop.theme import STATUS_COLOUR, STATUS_SYMBOL, STATUS_WORD, VEHICLE_COLOURS, brush

SECRET_TAPS = 5
SECRET_WINDOW_S = 3.0
SECRET_CORNER_PX = 90
ATTRACT_ROTATE_MS = 6000

KIOSK_QSS = """
QWidget { font-size: 20pt; }
QPushButton { min-height: 64px; min-width: 64px; padding: 8px 18px; border-radius: 10px;
              background: #0072B2; color: white; border: none; }
QPushButton:pressed { background: #005a8c; }
QPushButton[secondary="true"] { background: #e3e8ee; color: #1a1a1a; }
QPushButton:checked { background: #D55E00; }
QComboBox { min-height: 64px; padding: 4px 12px; }
QComboBox QAbstractItemView { font-size: 20pt; }
QLabel#title { font-size: 32pt; font-weight: bold; }
QLabel#big { font-size: 40pt; font-weight: bold; }
"""


def pick_default_comparators(catalog: Catalog) -> tuple[str, ...]:
    """The cheapest new subcompact and the cheapest new full-size pickup in the catalogue."""
    out = []
    for cls in ("subcompact", "fullsize_pickup"):
        cands = [v for v in catalog.vehicles.values() if v.vclass == cls and v.age_years == 0]
        if cands:
            out.append(min(cands, key=lambda v: v.price).id)
    return tuple(out)


class Stepper(QtWidgets.QWidget):
    """− value + : big buttons instead of a small spin box."""

    changed = Signal(float)

    def __init__(self, lo: float, hi: float, step: float, fmt_value, accessible: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.lo, self.hi, self.step, self.fmt = lo, hi, step, fmt_value
        self.value = lo
        minus = QtWidgets.QPushButton("−")
        plus = QtWidgets.QPushButton("+")
        minus.setAccessibleName(f"Less {accessible}")
        plus.setAccessibleName(f"More {accessible}")
        for b in (minus, plus):
            b.setFixedSize(88, 72)
            b.setAutoRepeat(True)
        minus.clicked.connect(lambda: self.set_value(self.value - self.step, emit=True))
        plus.clicked.connect(lambda: self.set_value(self.value + self.step, emit=True))
        self.label = QtWidgets.QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumWidth(260)
        self.label.setAccessibleName(accessible)
        lay = QtWidgets.QHBoxLayout(self)
        lay.addWidget(minus)
        lay.addWidget(self.label, 1)
        lay.addWidget(plus)

    def set_value(self, v: float, emit: bool = False) -> None:
        self.value = min(max(v, self.lo), self.hi)
        self.label.setText(self.fmt(self.value))
        if emit:
            self.changed.emit(self.value)


class KioskWindow(QtWidgets.QWidget):
    """The kiosk: attract -> 1 pick -> 2 how you drive -> 3 results; operator screen behind a PIN."""

    exit_requested = Signal()

    def __init__(
        self, config: KioskConfig, config_path: Path, catalog: Catalog | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("kiosk")
        self.setWindowTitle("Kei What-If")
        self.catalog = catalog or load_catalog()
        self.config = config
        self.config_path = config_path
        self._allow_close = False
        self._taps: list[float] = []
        self.result: Result | None = None
        self.setStyleSheet(KIOSK_QSS)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

        self.stack = QtWidgets.QStackedWidget()
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self.attract = self._build_attract()
        self.step1 = self._build_step1()
        self.step2 = self._build_step2()
        self.step3 = self._build_step3()
        self.operator = self._build_operator()
        for w in (self.attract, self.step1, self.step2, self.step3, self.operator):
            self.stack.addWidget(w)

        self.idle = QtCore.QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.idle_reset)
        self.rotate = QtCore.QTimer(self)
        self.rotate.setInterval(ATTRACT_ROTATE_MS)
        self.rotate.timeout.connect(self._next_attract)
        self._attract_lines: list[str] = []
        self._attract_index = 0
        QtWidgets.QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        self.apply_config(config)
        self.idle_reset()

    # -- configuration ------------------------------------------------------------------------
    def microcar_ids(self) -> tuple[str, ...]:
        ids = self.config.microcars or tuple(
            v.id for v in self.catalog.vehicles.values() if v.vclass in MICROCAR_CLASSES
        )
        return tuple(i for i in ids if i in self.catalog.vehicles)

    def comparator_ids(self) -> tuple[str, ...]:
        ids = self.config.comparators or pick_default_comparators(self.catalog)
        return tuple(i for i in ids if i in self.catalog.vehicles)[:2]

    def apply_config(self, cfg: KioskConfig) -> None:
        self.config = cfg
        self.idle.setInterval(cfg.idle_seconds * 1000)
        self._fill_step1()
        self._prepare_attract()

    def base_scenario(self) -> Scenario:
        base = default_scenario()
        vehicles = (self.microcar_ids()[0], *self.comparator_ids())
        return base.with_(
            vehicles=vehicles, state=self.config.default_state, draws=2000, name="Kiosk",
            vehicle_overrides=MappingProxyType(self.config.booth_overrides()),
        )  # fmt: skip

    # -- pages --------------------------------------------------------------------------------
    def _page(self, title: str) -> tuple[QtWidgets.QWidget, QtWidgets.QVBoxLayout]:
        page = QtWidgets.QWidget()
        lay = QtWidgets.QVBoxLayout(page)
        lay.setContentsMargins(40, 28, 40, 28)
        lay.setSpacing(18)
        t = QtWidgets.QLabel(title)
        t.setObjectName("title")
        t.setWordWrap(True)
        lay.addWidget(t)
        return page, lay

    def _nav(
        self, back: bool = True, next_text: str = ""
    ) -> tuple[QtWidgets.QHBoxLayout, QtWidgets.QPushButton | None]:
        row = QtWidgets.QHBoxLayout()
        if back:
            b = QtWidgets.QPushButton(self.tr("◀ Back"))
            b.setProperty("secondary", True)
            b.clicked.connect(self.go_back)
            row.addWidget(b)
        over = QtWidgets.QPushButton(self.tr("Start over"))
        over.setProperty("secondary", True)
        over.clicked.connect(self.start_over)
        row.addWidget(over)
        row.addStretch(1)
        nxt = None
        if next_text:
            nxt = QtWidgets.QPushButton(next_text)
            row.addWidget(nxt)
        return row, nxt

    def _build_attract(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        page.setStyleSheet("background: #0b2540; color: white;")
        lay = QtWidgets.QVBoxLayout(page)
        lay.setContentsMargins(60, 60, 60, 60)
        lay.addStretch(1)
        title = QtWidgets.QLabel(self.tr("Could a tiny Japanese-style car work for you?"))
        title.setObjectName("big")
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.attract_line = QtWidgets.QLabel()
        self.attract_line.setWordWrap(True)
        self.attract_line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.attract_line.setStyleSheet("font-size: 26pt; color: #F0E442;")
        touch = QtWidgets.QPushButton(self.tr("Touch to start"))
        touch.setStyleSheet("font-size: 30pt; min-height: 110px; background: #D55E00;")
        touch.clicked.connect(self.start_over_to_step1)
        lay.addWidget(title)
        lay.addSpacing(30)
        lay.addWidget(self.attract_line)
        lay.addStretch(1)
        lay.addWidget(touch)
        return page

    def _build_step1(self) -> QtWidgets.QWidget:
        page, lay = self._page(self.tr("1 · Pick a microcar"))
        self.pick_area = QtWidgets.QWidget()
        self.pick_grid = QtWidgets.QGridLayout(self.pick_area)
        self.pick_grid.setSpacing(14)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pick_area)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        QtWidgets.QScroller.grabGesture(
            scroll.viewport(), QtWidgets.QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        lay.addWidget(scroll, 1)
        row, _ = self._nav(back=True)
        lay.addLayout(row)
        self.pick_buttons: list[QtWidgets.QPushButton] = []
        return page

    def _fill_step1(self) -> None:
        for b in self.pick_buttons:
            b.setParent(None)
        self.pick_buttons = []
        cols = 2 if self.is_portrait() else 3
        for i, vid in enumerate(self.microcar_ids()):
            v = self.catalog.vehicle(vid)
            b = QtWidgets.QPushButton(f"{v.name}\n{v.class_label} · {_price(v)}")
            b.setMinimumHeight(130)
            b.setAccessibleName(f"Pick {v.name}")
            b.clicked.connect(lambda _c=False, vid=vid: self.pick_microcar(vid))
            self.pick_grid.addWidget(b, i // cols, i % cols)
            self.pick_buttons.append(b)

    def _build_step2(self) -> QtWidgets.QWidget:
        page, lay = self._page(self.tr("2 · Tell us how you drive"))
        form = QtWidgets.QFormLayout()
        form.setVerticalSpacing(22)
        self.state_box = QtWidgets.QComboBox()
        self.state_box.setAccessibleName(self.tr("Your state"))
        self.state_box.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        for code, name in sorted(STATE_NAMES.items(), key=lambda kv: kv[1]):
            self.state_box.addItem(name, code)
        self.state_box.activated.connect(lambda _i: self._update_scenario())
        form.addRow(self.tr("Your state"), self.state_box)
        self.miles = Stepper(
            2000, 40000, 1000, lambda v: f"{v:,.0f} miles a year", self.tr("Miles a year")
        )
        self.miles.changed.connect(lambda _v: self._update_scenario())
        form.addRow(self.tr("Miles a year"), self.miles)
        self.years = Stepper(1, 15, 1, lambda v: f"{v:.0f} years", self.tr("Years you keep it"))
        self.years.changed.connect(lambda _v: self._update_scenario())
        form.addRow(self.tr("Keep it for"), self.years)
        mix_row = QtWidgets.QHBoxLayout()
        self.mix_group = QtWidgets.QButtonGroup(self)
        self.mix_presets = road_mix_presets(self.catalog)
        for p in self.mix_presets.values():
            b = QtWidgets.QPushButton(p.label)
            b.setCheckable(True)
            b.setProperty("preset", p.id)
            b.setAccessibleName(f"Roads: {p.label}")
            self.mix_group.addButton(b)
            mix_row.addWidget(b)
        self.mix_group.buttonClicked.connect(lambda _b: self._update_scenario())
        form.addRow(self.tr("Mostly on"), mix_row)
        lay.addLayout(form)
        lay.addStretch(1)
        row, nxt = self._nav(back=True, next_text=self.tr("See my results ▶"))
        assert nxt is not None
        nxt.clicked.connect(self.show_results)
        lay.addLayout(row)
        return page

    def _build_step3(self) -> QtWidgets.QWidget:
        page, lay = self._page(self.tr("3 · Your results"))
        self.cards = QtWidgets.QHBoxLayout()
        self.card_labels: list[QtWidgets.QLabel] = []
        for i in range(3):
            lab = QtWidgets.QLabel()
            lab.setWordWrap(True)
            lab.setTextFormat(Qt.TextFormat.RichText)
            lab.setAlignment(Qt.AlignmentFlag.AlignTop)
            lab.setStyleSheet(
                f"border-top: 8px solid {VEHICLE_COLOURS[i]}; background: #f4f6f8; padding: 12px; font-size: 18pt;"
            )
            self.cards.addWidget(lab, 1)
            self.card_labels.append(lab)
        lay.addLayout(self.cards)
        self.charts_grid = QtWidgets.QGridLayout()
        self.cost_plot = make_plot(left="5-year cost (USD)")
        self.cost_bars = pg.BarGraphItem(x=[0], height=[0], width=0.6, brush=brush("#0072B2"))
        self.cost_plot.addItem(self.cost_bars)
        self.risk_plot = make_plot(left="Deaths /10k owners")
        self.own_bars = pg.BarGraphItem(x=[0], height=[0], width=0.35, brush=brush("#D55E00"))
        self.oth_bars = pg.BarGraphItem(
            x=[0], height=[0], width=0.35, brush=brush("#0072B2", Qt.BrushStyle.BDiagPattern)
        )
        self.risk_plot.addItem(self.own_bars)
        self.risk_plot.addItem(self.oth_bars)
        for p in (self.cost_plot, self.risk_plot):
            p.setMinimumHeight(260)
            p.getAxis("left").setWidth(110)
            p.getAxis("bottom").setHeight(48)  # room for 18 pt vehicle names
            for axis in ("left", "bottom"):
                f = QtGui.QFont()
                f.setPointSize(18)
                p.getAxis(axis).setTickFont(f)
                p.getAxis(axis).label.setFont(f)
        self.feas_label = QtWidgets.QLabel()
        self.feas_label.setWordWrap(True)
        self.feas_label.setTextFormat(Qt.TextFormat.RichText)
        self.feas_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.feas_label.setStyleSheet("font-size: 17pt;")
        col_titles = (
            self.tr("Cost"),
            self.tr("Safety: you (solid) and others (hatched)"),
            self.tr("Can you drive it here?"),
        )
        self.result_boxes: list[QtWidgets.QWidget] = []
        for title, w in zip(
            col_titles, (self.cost_plot, self.risk_plot, self.feas_label), strict=True
        ):
            holder = QtWidgets.QWidget()
            box = QtWidgets.QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            t = QtWidgets.QLabel(f"<b>{title}</b>")
            t.setWordWrap(True)
            box.addWidget(t)
            box.addWidget(w, 1)
            self.result_boxes.append(holder)
        self._place_result_boxes(portrait=False)
        lay.addLayout(self.charts_grid, 1)
        bottom = QtWidgets.QHBoxLayout()
        self.qr = QtWidgets.QLabel()
        self.qr.setFixedSize(200, 200)
        self.qr.setScaledContents(True)
        self.qr.setAccessibleName(self.tr("QR code with your summary"))
        self.takeaway_note = QtWidgets.QLabel(
            self.tr("Scan for your summary (works offline), or print it:")
        )
        self.takeaway_note.setWordWrap(True)
        self.print_btn = QtWidgets.QPushButton(self.tr("Print my summary"))
        self.print_btn.clicked.connect(self.write_takeaway)
        bottom.addWidget(self.qr)
        col = QtWidgets.QVBoxLayout()
        col.addWidget(self.takeaway_note)
        col.addWidget(self.print_btn)
        bottom.addLayout(col, 1)
        lay.addLayout(bottom)
        row, _ = self._nav(back=True)
        lay.addLayout(row)
        return page

    def _build_operator(self) -> QtWidgets.QWidget:
        page, lay = self._page(self.tr("Operator"))
        form = QtWidgets.QFormLayout()
        self.op_idle = Stepper(
            10, 3600, 10, lambda v: f"{v:.0f} s idle reset", self.tr("Idle seconds")
        )
        self.op_state = QtWidgets.QComboBox()
        self.op_state.setAccessibleName(self.tr("Default state"))
        for code, name in sorted(STATE_NAMES.items(), key=lambda kv: kv[1]):
            self.op_state.addItem(name, code)
        self.op_orientation = QtWidgets.QComboBox()
        self.op_orientation.setAccessibleName(self.tr("Orientation"))
        for o in ("auto", "landscape", "portrait"):
            self.op_orientation.addItem(o, o)
        self.op_folder = QtWidgets.QLineEdit()
        self.op_folder.setAccessibleName(self.tr("Output folder for printed summaries"))
        self.op_pin = QtWidgets.QLineEdit()
        self.op_pin.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.op_pin.setPlaceholderText(self.tr("new PIN (4–12 digits)"))
        self.op_pin.setAccessibleName(self.tr("New operator PIN"))
        form.addRow(self.tr("Idle reset"), self.op_idle)
        form.addRow(self.tr("Default state"), self.op_state)
        form.addRow(self.tr("Orientation"), self.op_orientation)
        form.addRow(self.tr("Summary folder"), self.op_folder)
        form.addRow(self.tr("Change PIN"), self.op_pin)
        self.op_prices = QtWidgets.QLineEdit()  # booth prices (issue #17)
        self.op_prices.setPlaceholderText(self.tr("vehicle_id=price, e.g. nbox_2025=21500"))
        self.op_prices.setAccessibleName(self.tr("Booth prices, vehicle id = US dollars"))
        form.addRow(self.tr("Booth prices"), self.op_prices)
        self.op_microcars = QtWidgets.QListWidget()
        self.op_microcars.setAccessibleName(self.tr("Microcars visitors can pick"))
        self.op_microcars.setMaximumHeight(220)
        for v in self.catalog.vehicles.values():
            if v.vclass in MICROCAR_CLASSES:
                item = QtWidgets.QListWidgetItem(f"{v.name} · {v.class_label}")
                item.setData(Qt.ItemDataRole.UserRole, v.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.op_microcars.addItem(item)
        form.addRow(self.tr("Microcars shown"), self.op_microcars)
        lay.addLayout(form)
        self.op_msg = QtWidgets.QLabel()
        self.op_msg.setWordWrap(True)
        lay.addWidget(self.op_msg)
        lay.addStretch(1)
        row = QtWidgets.QHBoxLayout()
        save = QtWidgets.QPushButton(self.tr("Save and return"))
        save.clicked.connect(self.operator_save)
        leave = QtWidgets.QPushButton(self.tr("Exit kiosk"))
        leave.setProperty("secondary", True)
        leave.clicked.connect(self.operator_exit)
        row.addWidget(save)
        row.addStretch(1)
        row.addWidget(leave)
        lay.addLayout(row)
        return page

    # -- flow ----------------------------------------------------------------------------------
    def go_back(self) -> None:
        i = self.stack.currentIndex()
        self.stack.setCurrentIndex(max(0, i - 1))
        if self.stack.currentWidget() is self.attract:
            self.rotate.start()

    def start_over(self) -> None:
        self.idle_reset()

    def start_over_to_step1(self) -> None:
        self.rotate.stop()
        self.stack.setCurrentWidget(self.step1)

    def pick_microcar(self, vid: str) -> None:
        self.scenario = self.scenario.with_(
            vehicles=(vid, *[c for c in self.comparator_ids() if c != vid])
        )
        self.stack.setCurrentWidget(self.step2)

    def _update_scenario(self) -> None:
        mix = self.scenario.road_mix
        checked = self.mix_group.checkedButton()
        if checked is not None:
            mix = self.mix_presets[str(checked.property("preset"))].mix
        self.scenario = self.scenario.with_(
            state=str(self.state_box.currentData()),
            annual_miles=float(self.miles.value),
            years=round(self.years.value),
            road_mix=mix,
        )

    def _show_scenario_inputs(self) -> None:
        sc = self.scenario
        self.state_box.setCurrentIndex(max(0, self.state_box.findData(sc.state)))
        self.miles.set_value(sc.annual_miles)
        self.years.set_value(sc.years)
        for b in self.mix_group.buttons():
            preset = self.mix_presets.get(str(b.property("preset")))
            b.setChecked(preset is not None and preset.mix.matches(sc.road_mix))

    def show_results(self) -> None:
        self._update_scenario()
        try:
            self.result = evaluate(self.scenario, self.catalog)
        except KeiWhatIfError as exc:
            self.feas_label.setText(str(exc))
            return
        self._draw_results(self.result)
        self.stack.setCurrentWidget(self.step3)

    def _draw_results(self, res: Result) -> None:
        import numpy as np

        n = len(res.vehicles)
        for i, lab in enumerate(self.card_labels):
            lab.setVisible(i < n)
            if i >= n:
                continue
            vr = res.vehicles[i]
            f = vr.feasibility
            lab.setText(
                f"<b>{vr.vehicle.name}</b><br>{vr.vehicle.class_label}<br>"
                f"<span style='font-size:26pt'><b>{fmt.money(vr.cost.per_month_usd.central)}</b></span>/month<br>"
                f"{fmt.money(vr.cost.total_usd.central)} over {vr.cost.horizon_years} years<br>"
                f"<span style='color:{STATUS_COLOUR[f.verdict]}'><b>{STATUS_SYMBOL[f.verdict]} {STATUS_WORD[f.verdict]}</b></span>"
            )
        xs = np.arange(n, dtype=float)
        ticks = [[(i, fmt.short_name(vr.vehicle.name, 10)) for i, vr in enumerate(res.vehicles)]]
        # each bar in its vehicle's card colour, so the chart reads with the cards above it
        self.cost_bars.setOpts(
            x=xs,
            height=[vr.cost.total_usd.central for vr in res.vehicles],
            width=0.6,
            brushes=[brush(VEHICLE_COLOURS[i]) for i in range(n)],
        )
        self.cost_plot.getAxis("bottom").setTicks(ticks)
        self.cost_plot.setXRange(-0.6, n - 0.4, padding=0)
        own = [vr.safety.occupant_deaths_per_10k_owners.central for vr in res.vehicles]
        oth = [vr.safety.others_deaths_per_10k_owners.central for vr in res.vehicles]
        self.own_bars.setOpts(x=xs - 0.19, height=own, width=0.35)
        self.oth_bars.setOpts(x=xs + 0.19, height=oth, width=0.35)
        self.risk_plot.getAxis("bottom").setTicks(ticks)
        self.risk_plot.setXRange(-0.6, n - 0.4, padding=0)
        micro = res.vehicles[0]
        f = micro.feasibility
        lines = [
            f"<b>{micro.vehicle.name} in {STATE_NAMES[res.scenario.state]}: "
            f"<span style='color:{STATUS_COLOUR[f.verdict]}'>{STATUS_SYMBOL[f.verdict]} {STATUS_WORD[f.verdict]}</span></b>"
        ]
        # what stands in the way first; the passes are counted, not listed
        issues = [c for c in f.checks if c.status != "pass"]
        for c in sorted(issues, key=lambda c: c.status != "fail")[:3]:
            reason = c.reason if len(c.reason) <= 72 else c.reason[:71] + "…"
            lines.append(
                f"<span style='color:{STATUS_COLOUR[c.status]}'>{STATUS_SYMBOL[c.status]}</span> <b>{c.label}</b>: {reason}"
            )
        passed = sum(c.status == "pass" for c in f.checks)
        if len(issues) > 3:
            lines.append(f"… and {len(issues) - 3} more to check")
        lines.append(
            f"<span style='color:{STATUS_COLOUR['pass']}'>✓</span> {passed} other checks pass"
        )
        self.feas_label.setText("<br>".join(lines))
        self._set_qr(summary_text(res))
        refresh_plots(self.step3)

    def _set_qr(self, text: str) -> None:
        import segno

        qr = segno.make(text, error="m", micro=False)
        import io

        buf = io.BytesIO()
        qr.save(buf, kind="png", scale=6, border=2)
        pix = QtGui.QPixmap()
        pix.loadFromData(buf.getvalue(), "PNG")
        self.qr.setPixmap(pix)
        self.qr_text = text

    def write_takeaway(self) -> Path | None:
        """One-page PDF summary into the configured folder (for a booth printer)."""
        if self.result is None:
            return None
        from desktop.report import write_summary_pdf

        folder = self.config.output_dir()
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"keiwhatif-summary-{stamp}.pdf"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_summary_pdf(self.result, path, self.qr.pixmap().toImage())
        except (KeiWhatIfError, OSError) as exc:
            self.takeaway_note.setText(self.tr("Could not print: %s") % exc)
            return None
        self.takeaway_note.setText(self.tr("Your summary is printing. Thank you!"))
        return path

    def idle_reset(self) -> None:
        """Back to the attract screen with a fresh scenario; popups closed."""
        for w in QtWidgets.QApplication.topLevelWidgets():
            if (
                w is not self
                and w.isVisible()
                and isinstance(w, QtWidgets.QDialog | QtWidgets.QMenu)
            ):
                w.close()
        popup = QtWidgets.QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        self.scenario = self.base_scenario()
        self.result = None
        self._show_scenario_inputs()
        self.takeaway_note.setText(self.tr("Scan for your summary (works offline), or print it:"))
        self.stack.setCurrentWidget(self.attract)
        self._next_attract()
        self.rotate.start()
        self.idle.start()

    # -- attract loop --------------------------------------------------------------------------
    def _prepare_attract(self) -> None:
        lines = []
        comps = self.comparator_ids()
        for vid in self.microcar_ids()[:4]:
            sc = self.base_scenario().with_(
                vehicles=(vid, *[c for c in comps if c != vid]), draws=500
            )
            try:
                res = evaluate(sc, self.catalog)
            except KeiWhatIfError:
                continue
            a = res.vehicles[0]
            for b in res.vehicles[1:]:
                lines.append(
                    f"A {fmt.money(_usd_price(a))} {a.vehicle.class_label.lower()} vs a {fmt.money(_usd_price(b))} "
                    f"{b.vehicle.class_label.lower()}: {res.scenario.years}-year cost {fmt.money(a.cost.total_usd.central)} "
                    f"vs {fmt.money(b.cost.total_usd.central)}. How safe? Can you drive it in "
                    f"{STATE_NAMES[res.scenario.state]}?"
                )
        self._attract_lines = lines or [
            self.tr("Cost, safety and legality of microcars, side by side.")
        ]
        self._attract_index = 0

    def _next_attract(self) -> None:
        if self._attract_lines:
            self.attract_line.setText(
                self._attract_lines[self._attract_index % len(self._attract_lines)]
            )
            self._attract_index += 1

    # -- lockdown ------------------------------------------------------------------------------
    def eventFilter(self, obj: QtCore.QObject, ev: QtCore.QEvent) -> bool:
        t = ev.type()
        E = QtCore.QEvent.Type
        if t in (E.MouseButtonPress, E.TouchBegin, E.KeyPress, E.Wheel, E.TouchUpdate):
            self.idle.start()
        if t == E.ContextMenu and not self._operator_open():
            return True  # no context menus for visitors
        if t == E.KeyPress and not self._operator_open():
            assert isinstance(ev, QtGui.QKeyEvent)
            if (
                ev.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4)
                or ev.modifiers() & Qt.KeyboardModifier.AltModifier
            ):
                return True
        if t == E.MouseButtonPress and isinstance(ev, QtGui.QMouseEvent):
            self._secret_tap(ev.globalPosition())
        return False

    def _operator_open(self) -> bool:
        return self.stack.currentWidget() is self.operator

    def _secret_tap(self, global_pos: QtCore.QPointF) -> None:
        local = self.mapFromGlobal(global_pos.toPoint())
        if local.x() > SECRET_CORNER_PX or local.y() > SECRET_CORNER_PX:
            self._taps.clear()
            return
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t < SECRET_WINDOW_S] + [now]
        if len(self._taps) >= SECRET_TAPS:
            self._taps.clear()
            QtCore.QTimer.singleShot(0, self.ask_pin)

    def ask_pin(self, pin: str | None = None) -> bool:
        """The PIN gate; tests pass the PIN, the booth shows a keypad."""
        if pin is None:
            pad = PinPad(self)
            if pad.exec() != QtWidgets.QDialog.DialogCode.Accepted:
                return False
            pin = pad.pin
        if not verify_pin(pin, self.config.pin_hash):
            return False
        self.open_operator()
        return True

    def open_operator(self) -> None:
        self.rotate.stop()
        cfg = self.config
        self.op_idle.set_value(cfg.idle_seconds)
        self.op_state.setCurrentIndex(max(0, self.op_state.findData(cfg.default_state)))
        self.op_orientation.setCurrentIndex(max(0, self.op_orientation.findData(cfg.orientation)))
        self.op_folder.setText(str(cfg.output_dir()))
        self.op_pin.clear()
        self.op_prices.setText(format_booth_prices(cfg.booth_prices))
        shown = set(self.microcar_ids())
        for i in range(self.op_microcars.count()):
            item = self.op_microcars.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in shown
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.op_msg.setText(
            self.tr("The default PIN must be changed before the kiosk runs again.")
            if cfg.pin_must_change
            else ""
        )
        self.stack.setCurrentWidget(self.operator)

    def operator_save(self) -> bool:
        new_pin = self.op_pin.text().strip()
        cfg = self.config
        if new_pin:
            if not (new_pin.isdigit() and 4 <= len(new_pin) <= 12):
                self.op_msg.setText(self.tr("The PIN must be 4 to 12 digits."))
                return False
            cfg = cfg.with_(pin_hash=hash_pin(new_pin), pin_must_change=False)
        elif cfg.pin_must_change:
            self.op_msg.setText(self.tr("Choose a new PIN: the default PIN may not stay in use."))
            return False
        try:
            prices = parse_booth_prices(self.op_prices.text(), self.catalog.vehicles)
        except KeiWhatIfError as exc:
            self.op_msg.setText(str(exc))
            return False
        cfg = cfg.with_(
            booth_prices=prices,
            idle_seconds=round(self.op_idle.value),
            default_state=str(self.op_state.currentData()),
            orientation=str(self.op_orientation.currentData()),
            output_folder=self.op_folder.text().strip(),
            microcars=self._checked_microcars(),
        )
        try:
            save_config(cfg, self.config_path)
        except (KeiWhatIfError, OSError) as exc:
            self.op_msg.setText(self.tr("Could not save the settings: %s") % exc)
            return False
        self.apply_config(cfg)
        self.apply_orientation()
        self.idle_reset()
        return True

    def _checked_microcars(self) -> tuple[str, ...]:
        """Ticked microcars; all ticked (or none) is stored as () = every microcar."""
        items = [self.op_microcars.item(i) for i in range(self.op_microcars.count())]
        ticked = tuple(
            str(it.data(Qt.ItemDataRole.UserRole))
            for it in items
            if it.checkState() == Qt.CheckState.Checked
        )
        return () if len(ticked) in (0, len(items)) else ticked

    def operator_exit(self) -> None:
        self._allow_close = True
        self.exit_requested.emit()
        self.close()

    def is_portrait(self) -> bool:
        if self.config.orientation != "auto":
            return self.config.orientation == "portrait"
        return self.height() > self.width()

    def _place_result_boxes(self, portrait: bool) -> None:
        """Landscape: three columns. Portrait: the two charts side by side, the checks below."""
        for b in self.result_boxes:
            self.charts_grid.removeWidget(b)
        cost, risk, feas = self.result_boxes
        self.charts_grid.addWidget(cost, 0, 0)
        self.charts_grid.addWidget(risk, 0, 1)
        if portrait:
            self.charts_grid.addWidget(feas, 1, 0, 1, 2)
            self.charts_grid.setColumnStretch(2, 0)
        else:
            self.charts_grid.addWidget(feas, 0, 2)
            self.charts_grid.setColumnStretch(2, 1)
        self.charts_grid.setColumnStretch(0, 1)
        self.charts_grid.setColumnStretch(1, 1)

    def apply_orientation(self) -> None:
        self._fill_step1()
        self._place_result_boxes(self.is_portrait())

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.config.orientation == "auto":
            self.apply_orientation()

    def closeEvent(self, ev: QtGui.QCloseEvent) -> None:
        if not self._allow_close:
            ev.ignore()
            return
        QtWidgets.QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
        super().closeEvent(ev)

    def show_kiosk(self) -> None:
        """Full screen even without a window manager (bare X: showFullScreen alone is ignored)."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.showFullScreen()


class PinPad(QtWidgets.QDialog):
    """A big numeric keypad for the operator PIN (no keyboard needed at a touch booth)."""

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Operator PIN"))
        self.setModal(True)
        self.pin = ""
        lay = QtWidgets.QVBoxLayout(self)
        self.display = QtWidgets.QLabel("")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setStyleSheet("font-size: 30pt;")
        lay.addWidget(self.display)
        grid = QtWidgets.QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for i, k in enumerate(keys):
            b = QtWidgets.QPushButton(k)
            b.setMinimumSize(96, 80)
            b.clicked.connect(lambda _c=False, k=k: self._key(k))
            grid.addWidget(b, i // 3, i % 3)
        lay.addLayout(grid)
        cancel = QtWidgets.QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        lay.addWidget(cancel)

    def _key(self, k: str) -> None:
        if k == "OK":
            self.accept()
            return
        self.pin = self.pin[:-1] if k == "⌫" else (self.pin + k)[:12]
        self.display.setText("●" * len(self.pin))


def summary_text(res: Result) -> str:
    """The take-away as plain text (for the QR code: readable offline, no URL)."""
    sc = res.scenario
    lines = [
        f"Kei What-If · {STATE_NAMES[sc.state]} · {sc.annual_miles:,.0f} mi/yr · {sc.years} yr"
    ]
    for vr in res.vehicles:
        s = vr.safety
        lines.append(
            f"{vr.vehicle.name}: {fmt.money(vr.cost.total_usd.central)} "
            f"({fmt.money(vr.cost.per_month_usd.central)}/mo); deaths/10k owners: "
            f"{fmt.number(s.occupant_deaths_per_10k_owners.central)} aboard, "
            f"{fmt.number(s.others_deaths_per_10k_owners.central)} others; "
            f"{STATUS_WORD[vr.feasibility.verdict]}"
        )
    return "\n".join(lines)


def _usd_price(vr: object) -> float:
    c = getattr(vr, "cost", None)
    for name in ("purchase_price_usd", "landed_price_usd"):
        v = getattr(c, name, None)
        if isinstance(v, int | float):
            return float(v)
    veh = getattr(vr, "vehicle", None)
    return float(getattr(veh, "price", 0.0))


def _price(v: Vehicle) -> str:
    sym = {"USD": "$", "JPY": "¥", "EUR": "€"}[v.price_currency]
    return f"{sym}{v.price:,.0f}"


def run_kiosk(config_path: Path | None = None) -> int:
    from desktop.app import create_app
    from desktop.kiosk_config import default_config_path, load_config

    app = create_app()
    path = config_path or default_config_path()
    try:
        cfg = load_config(path)
    except (KeiWhatIfError, ValueError, TypeError) as exc:
        print(f"keiwhatif --kiosk: {path}: {exc}")
        return 2
    win = KioskWindow(cfg, path)
    win.exit_requested.connect(app.quit)
    win.show_kiosk()
    return app.exec()


__all__ = ["KioskWindow", "MappingProxyType", "run_kiosk", "summary_text"]
