"""The kiosk's visitor pages: attract, 1 pick, 2 how you drive, 3 results, and the full-screen
notice a booth shows when it needs an operator. Pages only show things and emit signals; the
window (desktop.kiosk.window) owns the flow and the evaluations."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pyqtgraph as pg

from core.data.states import STATE_NAMES
from core.data.vehicles import Vehicle
from core.result import Result, VehicleResult
from core.scenario.model import RoadMix, RoadMixPreset, preset_of
from desktop import fmt
from desktop.chart_panel import make_plot, refresh_plots
from desktop.qt import Qt, QtGui, QtWidgets, Signal
from desktop.theme import STATUS_COLOUR, STATUS_SYMBOL, STATUS_WORD, VEHICLE_COLOURS, brush

KIOSK_QSS = """
QWidget { font-size: 20pt; }
QPushButton { min-height: 64px; min-width: 64px; padding: 8px 18px; border-radius: 10px;
              background: #0072B2; color: white; border: none; }
QPushButton:pressed { background: #005a8c; }
QPushButton:disabled { background: #9fb3c8; }
QPushButton[secondary="true"] { background: #e3e8ee; color: #1a1a1a; }
QPushButton:checked { background: #D55E00; }
QComboBox { min-height: 64px; padding: 4px 12px; }
QComboBox QAbstractItemView { font-size: 20pt; }
QLabel#title { font-size: 32pt; font-weight: bold; }
QLabel#big { font-size: 40pt; font-weight: bold; }
QLabel#locked { font-size: 12pt; color: #555; }
"""
CHECKS_SHOWN = 3
# sized so the results page fits a 1280x720 screen (the smallest booth display we support)
PLOT_MIN_HEIGHT = 180
QR_PX = 150
REASON_CHARS = 72


class Stepper(QtWidgets.QWidget):
    """− value + : big buttons instead of a small spin box."""

    changed = Signal(float)

    def __init__(
        self, lo: float, hi: float, step: float, fmt_value: Callable[[float], str], accessible: str
    ) -> None:
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


def page_frame(title: str) -> tuple[QtWidgets.QWidget, QtWidgets.QVBoxLayout]:
    page = QtWidgets.QWidget()
    lay = QtWidgets.QVBoxLayout(page)
    lay.setContentsMargins(40, 28, 40, 28)
    lay.setSpacing(18)
    t = QtWidgets.QLabel(title)
    t.setObjectName("title")
    t.setWordWrap(True)
    lay.addWidget(t)
    return page, lay


class VisitorPage(QtWidgets.QWidget):
    """A titled page with Back / Start over (and an optional Next) at the bottom."""

    back = Signal()
    start_over = Signal()

    def __init__(self, title: str) -> None:
        super().__init__()
        page, self.body = page_frame(title)
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(page)

    def add_nav(self, next_text: str = "") -> QtWidgets.QPushButton | None:
        row = QtWidgets.QHBoxLayout()
        b = QtWidgets.QPushButton(self.tr("◀ Back"))
        b.setProperty("secondary", True)
        b.clicked.connect(self.back.emit)
        row.addWidget(b)
        over = QtWidgets.QPushButton(self.tr("Start over"))
        over.setProperty("secondary", True)
        over.clicked.connect(self.start_over.emit)
        row.addWidget(over)
        row.addStretch(1)
        nxt = None
        if next_text:
            nxt = QtWidgets.QPushButton(next_text)
            row.addWidget(nxt)
        self.body.addLayout(row)
        return nxt


class AttractPage(QtWidgets.QWidget):
    touched = Signal()

    def __init__(self) -> None:
        super().__init__()
        # a plain QWidget paints a style-sheet background only when asked to
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("attract")
        self.setStyleSheet("QWidget#attract { background: #0b2540; } QLabel { color: white; }")
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(60, 60, 60, 60)
        lay.addStretch(1)
        title = QtWidgets.QLabel(self.tr("Could a tiny Japanese-style car work for you?"))
        title.setObjectName("big")
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line = QtWidgets.QLabel()
        self.line.setWordWrap(True)
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line.setStyleSheet("font-size: 26pt; color: #F0E442;")
        touch = QtWidgets.QPushButton(self.tr("Touch to start"))
        touch.setStyleSheet("font-size: 30pt; min-height: 110px; background: #D55E00;")
        touch.clicked.connect(self.touched.emit)
        lay.addWidget(title)
        lay.addSpacing(30)
        lay.addWidget(self.line)
        lay.addStretch(1)
        lay.addWidget(touch)


class PickPage(VisitorPage):
    picked = Signal(str)

    def __init__(self) -> None:
        super().__init__(self.tr("1 · Pick a microcar"))
        area = QtWidgets.QWidget()
        self.grid = QtWidgets.QGridLayout(area)
        self.grid.setSpacing(14)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(area)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        QtWidgets.QScroller.grabGesture(
            scroll.viewport(), QtWidgets.QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.body.addWidget(scroll, 1)
        self.add_nav()
        self.buttons: list[QtWidgets.QPushButton] = []

    def fill(
        self, vehicles: list[Vehicle], portrait: bool, booth: Mapping[str, float] | None = None
    ) -> None:
        """`booth`: the booth's own prices (USD) shown instead of the list price."""
        for b in self.buttons:
            b.setParent(None)
        self.buttons = []
        cols = 2 if portrait else 3
        for i, v in enumerate(vehicles):
            here = (booth or {}).get(v.id)
            price = price_text(v) if here is None else f"${here:,.0f} here"
            b = QtWidgets.QPushButton(f"{v.name}\n{v.class_label} · {price}")
            b.setMinimumHeight(130)
            b.setAccessibleName(f"Pick {v.name}")
            b.clicked.connect(lambda _c=False, vid=v.id: self.picked.emit(vid))
            self.grid.addWidget(b, i // cols, i % cols)
            self.buttons.append(b)


class DrivePage(VisitorPage):
    changed = Signal()
    next_requested = Signal()

    def __init__(self, presets: dict[str, RoadMixPreset]) -> None:
        super().__init__(self.tr("2 · Tell us how you drive"))
        form = QtWidgets.QFormLayout()
        form.setVerticalSpacing(22)
        self.state_box = QtWidgets.QComboBox()
        self.state_box.setAccessibleName(self.tr("Your state"))
        self.state_box.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        for code, name in sorted(STATE_NAMES.items(), key=lambda kv: kv[1]):
            self.state_box.addItem(name, code)
        self.state_box.activated.connect(lambda _i: self.changed.emit())
        form.addRow(self.tr("Your state"), self.state_box)
        self.miles = Stepper(
            2000, 40000, 1000, lambda v: f"{v:,.0f} miles a year", self.tr("Miles a year")
        )
        self.miles.changed.connect(lambda _v: self.changed.emit())
        form.addRow(self.tr("Miles a year"), self.miles)
        self.years = Stepper(1, 15, 1, lambda v: f"{v:.0f} years", self.tr("Years you keep it"))
        self.years.changed.connect(lambda _v: self.changed.emit())
        form.addRow(self.tr("Keep it for"), self.years)
        mix_row = QtWidgets.QHBoxLayout()
        self.mix_group = QtWidgets.QButtonGroup(self)
        self.mix_presets = presets
        for p in presets.values():
            b = QtWidgets.QPushButton(p.label)
            b.setCheckable(True)
            b.setProperty("preset", p.id)
            b.setAccessibleName(f"Roads: {p.label}")
            self.mix_group.addButton(b)
            mix_row.addWidget(b)
        self.mix_group.buttonClicked.connect(lambda _b: self.changed.emit())
        form.addRow(self.tr("Mostly on"), mix_row)
        self.body.addLayout(form)
        self.body.addStretch(1)
        nxt = self.add_nav(next_text=self.tr("See my results ▶"))
        assert nxt is not None
        nxt.clicked.connect(self.next_requested.emit)

    def checked_mix(self) -> RoadMix | None:
        b = self.mix_group.checkedButton()
        return None if b is None else self.mix_presets[str(b.property("preset"))].mix

    def show_values(self, state: str, miles: float, years: int, mix: RoadMix) -> None:
        self.state_box.setCurrentIndex(max(0, self.state_box.findData(state)))
        self.miles.set_value(miles)
        self.years.set_value(years)
        current = preset_of(mix, self.mix_presets)
        for b in self.mix_group.buttons():
            b.setChecked(str(b.property("preset")) == current)


class ResultsPage(VisitorPage):
    print_requested = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("3 · Your results"))
        lay = self.body
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
            p.setMinimumHeight(PLOT_MIN_HEIGHT)
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
        self.place_boxes(portrait=False)
        lay.addLayout(self.charts_grid, 1)
        bottom = QtWidgets.QHBoxLayout()
        self.qr = QtWidgets.QLabel()
        self.qr.setFixedSize(QR_PX, QR_PX)
        self.qr.setScaledContents(True)
        self.qr.setAccessibleName(self.tr("QR code with your summary"))
        self.qr_text = ""
        self.takeaway_note = QtWidgets.QLabel()
        self.takeaway_note.setWordWrap(True)
        self.print_btn = QtWidgets.QPushButton(self.tr("Print my summary"))
        self.print_btn.clicked.connect(self.print_requested.emit)
        bottom.addWidget(self.qr)
        col = QtWidgets.QVBoxLayout()
        col.addWidget(self.takeaway_note)
        col.addWidget(self.print_btn)
        bottom.addLayout(col, 1)
        lay.addLayout(bottom)
        self.add_nav()
        self.clear()

    def place_boxes(self, portrait: bool) -> None:
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

    def clear(self, note: str = "") -> None:
        """Forget everything a visitor saw: cards, charts, checks, QR and its text."""
        for lab in self.card_labels:
            lab.clear()
        self.feas_label.setText(note)
        for bars in (self.cost_bars, self.own_bars, self.oth_bars):
            bars.setOpts(x=[0], height=[0])
        for p in (self.cost_plot, self.risk_plot):
            p.getAxis("bottom").setTicks([[]])
        self.qr.clear()
        self.qr_text = ""
        self.takeaway_note.setText(self.tr("Scan for your summary (works offline), or print it:"))
        self.print_btn.setEnabled(False)

    def draw(self, res: Result, qr: QtGui.QPixmap, qr_text: str) -> None:
        import numpy as np

        n = len(res.vehicles)
        for i, lab in enumerate(self.card_labels):
            lab.setVisible(i < n)
            if i >= n:
                continue
            vr = res.vehicles[i]
            lab.setText(
                f"<b>{vr.vehicle.name}</b><br>{vr.vehicle.class_label}<br>"
                f"<span style='font-size:26pt'><b>{fmt.money(vr.cost.per_month_usd.headline)}</b></span>/month<br>"
                f"{fmt.money(vr.cost.total_usd.headline)} over {vr.cost.horizon_years} years<br>"
                + _verdict_html(vr, res.scenario.state)
            )
        xs = np.arange(n, dtype=float)
        ticks = [[(i, fmt.short_name(vr.vehicle.name, 10)) for i, vr in enumerate(res.vehicles)]]
        # each bar in its vehicle's card colour, so the chart reads with the cards above it
        self.cost_bars.setOpts(
            x=xs,
            height=[vr.cost.total_usd.headline for vr in res.vehicles],
            width=0.6,
            brushes=[brush(VEHICLE_COLOURS[i]) for i in range(n)],
        )
        self.cost_plot.getAxis("bottom").setTicks(ticks)
        self.cost_plot.setXRange(-0.6, n - 0.4, padding=0)
        own = [vr.safety.occupant_deaths_per_10k_owners.headline for vr in res.vehicles]
        oth = [vr.safety.others_deaths_per_10k_owners.headline for vr in res.vehicles]
        self.own_bars.setOpts(x=xs - 0.19, height=own, width=0.35)
        self.oth_bars.setOpts(x=xs + 0.19, height=oth, width=0.35)
        self.risk_plot.getAxis("bottom").setTicks(ticks)
        self.risk_plot.setXRange(-0.6, n - 0.4, padding=0)
        self.feas_label.setText(feasibility_html(res))
        self.qr.setPixmap(qr)
        self.qr_text = qr_text
        self.print_btn.setEnabled(True)
        refresh_plots(self)


def feasibility_html(res: Result) -> str:
    """The microcar's verdict, what stands in the way first, and how many checks pass."""
    micro = res.vehicles[0]
    f = micro.feasibility
    lines = [
        f"<b>{micro.vehicle.name} in {STATE_NAMES[res.scenario.state]}: "
        f"<span style='color:{STATUS_COLOUR[f.verdict]}'>{STATUS_SYMBOL[f.verdict]} {STATUS_WORD[f.verdict]}</span></b>"
    ]
    # what stands in the way first; the passes are counted, not listed
    issues = [c for c in f.checks if c.status != "pass"]
    for c in sorted(issues, key=lambda c: c.status != "fail")[:CHECKS_SHOWN]:
        reason = c.reason if len(c.reason) <= REASON_CHARS else c.reason[: REASON_CHARS - 1] + "…"
        lines.append(
            f"<span style='color:{STATUS_COLOUR[c.status]}'>{STATUS_SYMBOL[c.status]}</span> <b>{c.label}</b>: {reason}"
        )
    passed = sum(c.status == "pass" for c in f.checks)
    if len(issues) > CHECKS_SHOWN:
        lines.append(f"… and {len(issues) - CHECKS_SHOWN} more to check")
    lines.append(f"<span style='color:{STATUS_COLOUR['pass']}'>✓</span> {passed} other checks pass")
    return "<br>".join(lines)


class NoticePage(QtWidgets.QWidget):
    """Full screen, nothing to press: shown when the kiosk cannot serve visitors."""

    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("notice")
        self.setStyleSheet("QWidget#notice { background: #3a0b0b; } QLabel { color: white; }")
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(80, 80, 80, 80)
        lay.addStretch(1)
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("big")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QtWidgets.QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setStyleSheet("font-size: 22pt;")
        lay.addWidget(self.title)
        lay.addSpacing(30)
        lay.addWidget(self.text)
        lay.addStretch(2)

    def show_notice(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)


def price_text(v: Vehicle) -> str:
    sym = {"USD": "$", "JPY": "¥", "EUR": "€"}[v.price_currency]
    return f"{sym}{v.price:,.0f}"


def _verdict_html(vr: VehicleResult, state: str) -> str:
    """A result card's last line (#14): 'Not legal to register in <state>: reason', or the
    verdict and the share of the visitor's miles the fallback travel serves."""
    notice = fmt.not_legal_notice(vr, state)
    if notice is not None:
        return f"<span style='color:{STATUS_COLOUR['fail']}'><b>✗ {notice}</b></span>"
    f = vr.feasibility
    split = fmt.travel_split(vr)
    return (
        f"<span style='color:{STATUS_COLOUR[f.verdict]}'><b>{STATUS_SYMBOL[f.verdict]} "
        f"{STATUS_WORD[f.verdict]}</b></span>" + (f"<br><small>{split}</small>" if split else "")
    )
