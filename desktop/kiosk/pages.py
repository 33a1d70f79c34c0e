"""The kiosk's visitor pages: attract, 1 pick, 2 how you drive, 3 results, and the full-screen
notice a booth shows when it needs an operator. Pages only show things and emit signals; the
window (desktop.kiosk.window) owns the flow and the evaluations."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pyqtgraph as pg

from core.data.states import STATE_NAMES, TILE_GRID
from core.data.vehicles import Vehicle
from core.result import Result
from core.scenario.model import RoadMix, RoadMixPreset, preset_of
from desktop import fmt, present
from desktop.chart_panel import make_plot, refresh_plots
from desktop.qt import Qt, QtGui, QtWidgets, Signal
from desktop.theme import VEHICLE_COLOURS, brush

# Sizes are for a 1920x1080 screen (1080x1920 in portrait); every other screen scales them
# (`kiosk_scale`), so 1280x720 and 3840x2160 show the same layout with nothing off-screen.
REFERENCE_SIZE = (1920, 1080)
SCALE_RANGE = (0.6, 2.0)
# The smallest touch target (WCAG 2.2 target size, Android's 48 dp): every button, tile and
# list row a visitor taps is at least this tall and wide, at any scale.
TOUCH_MIN_PX = 48
KIOSK_QSS_TEMPLATE = """
QWidget {{ font-size: {base}pt; }}
QPushButton {{ min-height: {btn}px; min-width: {btn}px; padding: {pad_v}px {pad_h}px;
              border-radius: 10px; background: #0072B2; color: white; border: none; }}
QPushButton:pressed {{ background: #005a8c; }}
QPushButton:disabled {{ background: #9fb3c8; }}
QPushButton[secondary="true"] {{ background: #e3e8ee; color: #1a1a1a; }}
QPushButton:checked {{ background: #D55E00; }}
QPushButton[tile="true"] {{ min-height: {tile}px; min-width: {tile}px; padding: 0px;
              border-radius: 6px; }}
QComboBox {{ min-height: {btn}px; padding: 4px 12px; }}
QComboBox QAbstractItemView {{ font-size: {base}pt; }}
QComboBox QAbstractItemView::item {{ min-height: {row}px; }}
QLabel#title {{ font-size: {title}pt; font-weight: bold; }}
QLabel#big {{ font-size: {big}pt; font-weight: bold; }}
QLabel#locked {{ font-size: 12pt; color: #555; }}
"""


def kiosk_scale(width: int, height: int) -> float:
    """How much larger or smaller than the reference screen this one is (either orientation)."""
    ref_w, ref_h = REFERENCE_SIZE
    if height > width:
        ref_w, ref_h = ref_h, ref_w
    s = min(width / ref_w, height / ref_h)
    return min(max(s, SCALE_RANGE[0]), SCALE_RANGE[1])


def pt(size: float, scale: float) -> int:
    return max(9, round(size * scale))


def px(size: float, scale: float, touch: bool = False) -> int:
    return max(TOUCH_MIN_PX if touch else 1, round(size * scale))


def kiosk_qss(scale: float) -> str:
    return KIOSK_QSS_TEMPLATE.format(
        base=pt(20, scale),
        btn=px(64, scale, touch=True),
        pad_v=px(8, scale),
        pad_h=px(18, scale),
        row=px(64, scale, touch=True),
        tile=px(TOUCH_MIN_PX, scale, touch=True),
        title=pt(32, scale),
        big=pt(40, scale),
    )


KIOSK_QSS = kiosk_qss(1.0)
CHECKS_SHOWN = 3
MIX_COLUMNS = 3  # road-mix buttons per row: 5 presets wrap to two rows, none clipped
MIX_COLUMNS_PORTRAIT = 2
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
        self.buttons = (minus, plus)
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

    def apply_scale(self, scale: float) -> None:
        for b in self.buttons:
            b.setFixedSize(px(88, scale, touch=True), px(72, scale, touch=True))
        self.label.setMinimumWidth(px(260, scale))

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


def scale_frame(lay: QtWidgets.QVBoxLayout, scale: float) -> None:
    lay.setContentsMargins(px(40, scale), px(28, scale), px(40, scale), px(28, scale))
    lay.setSpacing(px(18, scale))


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
        self.nav = QtWidgets.QHBoxLayout()

    def apply_scale(self, scale: float) -> None:
        scale_frame(self.body, scale)

    def add_nav(
        self, next_text: str = "", into: QtWidgets.QBoxLayout | None = None
    ) -> QtWidgets.QPushButton | None:
        """Back / Start over (and Next) in a row at the bottom of the page, or appended to
        `into` (the results page puts them beside the QR code to save a row)."""
        row = self.nav if into is None else into
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
        if into is None:
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
        self.lay = lay
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
        self.touch = touch
        touch.clicked.connect(self.touched.emit)
        lay.addWidget(title)
        lay.addSpacing(30)
        lay.addWidget(self.line)
        lay.addStretch(1)
        lay.addWidget(touch)
        self.apply_scale(1.0)

    def apply_scale(self, scale: float) -> None:
        m = px(60, scale)
        self.lay.setContentsMargins(m, m, m, m)
        self.line.setStyleSheet(f"font-size: {pt(26, scale)}pt; color: #F0E442;")
        self.touch.setStyleSheet(
            f"font-size: {pt(30, scale)}pt; min-height: {px(110, scale, touch=True)}px;"
            " background: #D55E00;"
        )


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
        self._vehicles: list[Vehicle] = []
        self._booth: dict[str, float] = {}
        self.prices: dict[str, float] = {}  # landed price in USD (headline) by id, once known

    def fill(
        self,
        vehicles: list[Vehicle],
        portrait: bool,
        scale: float = 1.0,
        width: int = 0,
        booth: Mapping[str, float] | None = None,
    ) -> None:
        """One tile per microcar: its short name (and year, if used), class and price in dollars:
        the booth's own price (`booth`, USD) when the operator set one, else the landed price.
        As many columns as the widest tile allows (at most 3, 2 in portrait)."""
        for b in self.buttons:
            b.setParent(None)
        self.buttons = []
        self._vehicles = list(vehicles)
        self._booth = dict(booth or {})
        for v in vehicles:
            b = QtWidgets.QPushButton(self._tile(v))
            b.setMinimumHeight(px(130, scale, touch=True))
            b.setAccessibleName(f"Pick {v.name}")
            b.setToolTip(v.name)
            b.clicked.connect(lambda _c=False, vid=v.id: self.picked.emit(vid))
            self.buttons.append(b)
        cols = 2 if portrait else 3
        if width and self.buttons:
            self.ensurePolished()
            widest = max(b.sizeHint().width() for b in self.buttons) + self.grid.spacing()
            avail = width - 2 * px(40, scale) - 2 * self.grid.spacing()
            cols = max(1, min(cols, avail // max(widest, 1)))
        for i, b in enumerate(self.buttons):
            self.grid.addWidget(b, i // cols, i % cols)

    def _tile(self, v: Vehicle) -> str:
        here = self._booth.get(v.id)
        if here is not None:
            return tile_text(v, here, here=True)
        return tile_text(v, self.prices.get(v.id))

    def set_prices(self, prices: dict[str, float]) -> None:
        """Landed prices arrived from the worker: the tiles say them in dollars."""
        self.prices = dict(prices)
        for b, v in zip(self.buttons, self._vehicles, strict=False):
            b.setText(self._tile(v))


class StateTilePicker(QtWidgets.QWidget):
    """The 50 states and DC as tiles on the usual US tile grid: one tap picks a state.
    Every tile is a touch target of at least 48 px; its tooltip and accessible name give the
    state's full name."""

    picked = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QtWidgets.QLabel(self.tr("Tap your state"))
        lay.addWidget(self.title)
        grid = QtWidgets.QGridLayout()
        grid.setSpacing(4)
        self.grid = grid
        self.tiles: dict[str, QtWidgets.QPushButton] = {}
        for code, (row, col) in TILE_GRID.items():
            b = QtWidgets.QPushButton(code)
            b.setProperty("tile", True)  # the style sheet's compact tile (still >= 48 px)
            b.setCheckable(True)
            b.setToolTip(STATE_NAMES[code])
            b.setAccessibleName(STATE_NAMES[code])
            b.setSizePolicy(
                QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Expanding
            )
            b.clicked.connect(lambda _c=False, code=code: self.picked.emit(code))
            grid.addWidget(b, row, col)
            self.tiles[code] = b
        lay.addLayout(grid, 1)

    def mark(self, code: str) -> None:
        for c, b in self.tiles.items():
            b.setChecked(c == code)

    def apply_scale(self, scale: float) -> None:
        self.grid.setSpacing(px(4, scale))


class DrivePage(VisitorPage):
    changed = Signal()
    next_requested = Signal()

    def __init__(self, presets: dict[str, RoadMixPreset]) -> None:
        super().__init__(self.tr("2 · Tell us how you drive"))
        form = QtWidgets.QFormLayout()
        self.form = form
        form.setVerticalSpacing(22)
        self.state_box = QtWidgets.QComboBox()
        self.state_box.setAccessibleName(self.tr("Your state"))
        self.state_box.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # a list view, so the style sheet's row height (>= 48 px) applies to its 51 rows
        self.state_box.setView(QtWidgets.QListView())
        self.state_box.setMaxVisibleItems(8)
        for code, name in sorted(STATE_NAMES.items(), key=lambda kv: kv[1]):
            self.state_box.addItem(name, code)
        self.state_box.activated.connect(lambda _i: self.changed.emit())
        # the state is picked on a tile map (a tap per state); the list stays for reading it out
        self.state_box.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.state_box.setMinimumContentsLength(8)  # fits portrait beside the map button
        self.map_button = QtWidgets.QPushButton(self.tr("Map ▸"))
        self.map_button.setAccessibleName(self.tr("Pick your state on the map"))
        self.map_button.clicked.connect(self.show_state_map)
        state_row = QtWidgets.QHBoxLayout()
        state_row.setSpacing(12)  # the same gap as between the road-mix buttons
        self.state_row = state_row
        state_row.addWidget(self.state_box, 1)
        state_row.addWidget(self.map_button)
        form.addRow(self.tr("Your state"), state_row)
        self.miles = Stepper(
            2000, 40000, 1000, lambda v: f"{v:,.0f} miles a year", self.tr("Miles a year")
        )
        self.miles.changed.connect(lambda _v: self.changed.emit())
        form.addRow(self.tr("Miles a year"), self.miles)
        self.years = Stepper(1, 15, 1, lambda v: f"{v:.0f} years", self.tr("Years you keep it"))
        self.years.changed.connect(lambda _v: self.changed.emit())
        form.addRow(self.tr("Keep it for"), self.years)
        mix_row = QtWidgets.QGridLayout()
        mix_row.setSpacing(12)  # the 1920x1080 design's gap (apply_scale scales it)
        self.mix_grid = mix_row
        self.mix_group = QtWidgets.QButtonGroup(self)
        self.mix_presets = presets
        for i, p in enumerate(presets.values()):
            b = QtWidgets.QPushButton(p.label)
            b.setCheckable(True)
            b.setProperty("preset", p.id)
            b.setAccessibleName(f"Roads: {p.label}")
            self.mix_group.addButton(b)
            mix_row.addWidget(b, i // MIX_COLUMNS, i % MIX_COLUMNS)
        self.mix_group.buttonClicked.connect(lambda _b: self.changed.emit())
        form.addRow(self.tr("Mostly on"), mix_row)
        # two views in one page: the inputs, and the state tile map that replaces them on a tap
        self.inner = QtWidgets.QStackedWidget()
        inputs = QtWidgets.QWidget()
        il = QtWidgets.QVBoxLayout(inputs)
        il.setContentsMargins(0, 0, 0, 0)
        il.addLayout(form)
        il.addStretch(1)
        self.inputs_view = inputs
        self.state_map = StateTilePicker()
        self.state_map.picked.connect(self._state_picked)
        self.inner.addWidget(inputs)
        self.inner.addWidget(self.state_map)
        self.body.addWidget(self.inner, 1)
        nxt = self.add_nav(next_text=self.tr("See my results ▶"))
        assert nxt is not None
        nxt.clicked.connect(self.next_requested.emit)

    def show_state_map(self) -> None:
        self.state_map.mark(str(self.state_box.currentData()))
        self.inner.setCurrentWidget(self.state_map)

    def _state_picked(self, code: str) -> None:
        self.state_box.setCurrentIndex(max(0, self.state_box.findData(code)))
        self.inner.setCurrentWidget(self.inputs_view)
        self.changed.emit()

    def place_mix(self, portrait: bool) -> None:
        """The road-mix buttons wrap: three to a row in landscape, two in portrait."""
        cols = MIX_COLUMNS_PORTRAIT if portrait else MIX_COLUMNS
        for i, b in enumerate(self.mix_group.buttons()):
            self.mix_grid.removeWidget(b)
            self.mix_grid.addWidget(b, i // cols, i % cols)

    def apply_scale(self, scale: float) -> None:
        super().apply_scale(scale)
        self.form.setVerticalSpacing(px(22, scale))
        # a gap between the road-mix buttons: touching, their rounded corners left a star of
        # background where four met, and the choices read as one block
        self.mix_grid.setSpacing(px(12, scale))
        self.state_row.setSpacing(px(12, scale))
        self.miles.apply_scale(scale)
        self.years.apply_scale(scale)
        self.state_map.apply_scale(scale)

    def checked_mix(self) -> RoadMix | None:
        b = self.mix_group.checkedButton()
        return None if b is None else self.mix_presets[str(b.property("preset"))].mix

    def show_values(self, state: str, miles: float, years: int, mix: RoadMix) -> None:
        self.inner.setCurrentWidget(self.inputs_view)  # a new visit starts on the inputs
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
        # the verdict sentence (issue #18): the microcar against the first comparator, in words
        self.sentence = QtWidgets.QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setStyleSheet("font-weight: bold;")
        self.sentence.setAccessibleName(self.tr("Verdict"))
        lay.addWidget(self.sentence)
        self.cards = QtWidgets.QHBoxLayout()
        self.card_labels: list[QtWidgets.QLabel] = []
        for i in range(3):
            lab = QtWidgets.QLabel()
            lab.setWordWrap(True)
            lab.setTextFormat(Qt.TextFormat.RichText)
            lab.setAlignment(Qt.AlignmentFlag.AlignTop)
            lab.setStyleSheet(self._card_style(i, 1.0))
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
        self.box_titles: list[QtWidgets.QLabel] = []
        for title, w in zip(
            col_titles, (self.cost_plot, self.risk_plot, self.feas_label), strict=True
        ):
            holder = QtWidgets.QWidget()
            box = QtWidgets.QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            t = QtWidgets.QLabel(f"<b>{title}</b>")
            self.box_titles.append(t)
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
        nav = QtWidgets.QVBoxLayout()
        nav.addStretch(1)
        self.add_nav(into=nav)
        bottom.addLayout(nav)
        lay.addLayout(bottom)
        self._big_pt = 26
        self.apply_scale(1.0)
        self.clear()

    @staticmethod
    def _card_style(i: int, scale: float) -> str:
        return (
            f"border-top: {px(8, scale)}px solid {VEHICLE_COLOURS[i]}; background: #f4f6f8;"
            f" color: #1a1a1a; padding: {px(12, scale)}px; font-size: {pt(18, scale)}pt;"
        )

    def apply_scale(self, scale: float) -> None:
        super().apply_scale(scale)
        self.sentence.setStyleSheet(f"font-weight: bold; font-size: {pt(18, scale)}pt;")
        for i, lab in enumerate(self.card_labels):
            lab.setStyleSheet(self._card_style(i, scale))
        self._big_pt = pt(26, scale)
        self.feas_label.setStyleSheet(f"font-size: {pt(17, scale)}pt;")
        self.qr.setFixedSize(px(200, scale), px(200, scale))
        f = QtGui.QFont()
        f.setPointSize(pt(18, scale))
        for p in (self.cost_plot, self.risk_plot):
            p.setMinimumHeight(px(260, scale))
            p.getAxis("left").setWidth(px(110, scale))
            p.getAxis("bottom").setHeight(px(48, scale))
            for axis in ("left", "bottom"):
                p.getAxis(axis).setTickFont(f)
                p.getAxis(axis).label.setFont(f)

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
        self.sentence.clear()
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
        self.sentence.setText(present.verdict_sentence(res))
        years = res.scenario.years
        self.box_titles[0].setText(f"<b>{self.tr('Cost over %d years') % years}</b>")
        self.box_titles[1].setText(
            "<b>"
            + self.tr("Deaths per 10,000 owners over %d years: you (solid), others (hatched)")
            % years
            + "</b>"
        )
        for i, lab in enumerate(self.card_labels):
            lab.setVisible(i < n)
            if i >= n:
                continue
            vr = res.vehicles[i]
            lab.setText(
                f"<b>{vr.vehicle.name}</b><br>{vr.vehicle.class_label}<br>"
                f"<span style='font-size:{self._big_pt}pt'><b>{fmt.money(vr.cost.per_month_usd.headline)}</b></span>/month<br>"
                f"{fmt.money(vr.cost.total_usd.headline)} over {vr.cost.horizon_years} years<br>"
                + present.kiosk_verdict_html(vr, res.scenario.state)
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
        # reasons are shortened to fit the page; the full text is in the tooltip
        self.feas_label.setToolTip(
            "\n".join(f"{c.label}: {c.reason}" for c in res.vehicles[0].feasibility.checks)
        )
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
        f"{present.status_html(f.verdict, bold=False)}</b>"
    ]
    # what stands in the way first; the passes are counted, not listed
    issues = [c for c in f.checks if c.status != "pass"]
    for c in sorted(issues, key=lambda c: c.status != "fail")[:CHECKS_SHOWN]:
        reason = c.reason if len(c.reason) <= REASON_CHARS else c.reason[: REASON_CHARS - 1] + "…"
        lines.append(
            f"<span style='color:{present.colour(c.status)}'>{present.symbol(c.status)}</span> <b>{c.label}</b>: {reason}"
        )
    passed = sum(c.status == "pass" for c in f.checks)
    if len(issues) > CHECKS_SHOWN:
        lines.append(f"… and {len(issues) - CHECKS_SHOWN} more to check")
    lines.append(
        f"<span style='color:{present.colour('pass')}'>{present.symbol('pass')}</span> {passed} other checks pass"
    )
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


def short_vehicle_name(v: Vehicle) -> str:
    """'Honda N-Box', 'Suzuki Carry 1995': the name without its parenthesised detail, with the
    model year when the vehicle is a used import."""
    base = v.name.split(" (")[0].strip() or v.name
    return f"{base} {v.model_year}" if v.age_years > 0 else base


def tile_text(v: Vehicle, landed_usd: float | None, here: bool = False) -> str:
    """A step-1 tile: short name, class, and the landed price in dollars once it is known (or
    the booth's own price, `here`)."""
    price = f" · {fmt.money(landed_usd)}" if landed_usd is not None else ""
    if here and landed_usd is not None:
        price += " here"
    return f"{short_vehicle_name(v)}\n{v.class_label}{price}"
