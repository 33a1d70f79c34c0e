"""The kiosk window: the visitor flow, the idle reset, the lockdown and the operator gate.

Every evaluation runs off the GUI thread: the visitor's scenario through a Controller (the same
worker the main window uses), the attract screen's comparisons through its query op. The
window keeps itself full screen and on top, holds the keyboard while a visitor can
touch it, shows that it is locked, and re-asserts all of that when anything takes it away.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from core.data.catalog import Catalog, load_catalog
from core.data.states import STATE_NAMES
from core.data.vehicles import MICROCAR_CLASSES
from core.engine import evaluate
from core.errors import KeiWhatIfError
from core.feasibility.scorecard import cheapest_new_subcompact
from core.result import Result, VehicleResult
from core.scenario.model import Scenario, default_scenario, road_mix_presets
from desktop import fmt
from desktop.controller import Controller
from desktop.kiosk.config import (
    KioskConfig,
    KioskConfigError,
    hash_pin,
    load_config,
    parse_booth_prices,
    pin_problem,
    save_config,
)
from desktop.kiosk.operator import OperatorPage, PinGate, PinPad
from desktop.kiosk.pages import (
    KIOSK_QSS,
    AttractPage,
    DrivePage,
    NoticePage,
    PickPage,
    ResultsPage,
    kiosk_qss,
    kiosk_scale,
    scale_frame,
)
from desktop.kiosk.takeaway import TakeawayRefused, TakeawayWriter, qr_pixmap, summary_text
from desktop.qt import Qt, QtCore, QtGui, QtWidgets, Signal

SECRET_TAPS = 5
SECRET_WINDOW_S = 3.0
SECRET_CORNER_PX = 90
ATTRACT_ROTATE_MS = 6000
ATTRACT_VEHICLES = 4
ATTRACT_DRAWS = 500
KIOSK_DRAWS = 2000
WATCHDOG_MS = 1000
CONFIG_RETRY_MS = 5000
NEEDS_OPERATOR = "This kiosk needs an operator"
HEADLESS_PLATFORMS = ("offscreen", "minimal")


def pick_default_comparators(catalog: Catalog) -> tuple[str, ...]:
    """The scorecard's price reference (the cheapest subcompact still sold new, one rule in
    core.feasibility.scorecard) and the cheapest new full-size pickup in the catalogue."""
    out = []
    ref = cheapest_new_subcompact(catalog)
    if ref is not None:
        out.append(ref[0].id)
    pickups = [
        v for v in catalog.vehicles.values() if v.vclass == "fullsize_pickup" and v.age_years == 0
    ]
    if pickups:
        out.append(min(pickups, key=lambda v: v.price).id)
    return tuple(out)


def attract_lines(scenarios: list[Scenario], catalog: Catalog) -> list[str]:
    """Headline comparisons for the attract loop (runs on the controller's worker)."""
    lines = []
    for sc in scenarios:
        try:
            res = evaluate(sc, catalog)
        except KeiWhatIfError:
            continue
        a = res.vehicles[0]
        for b in res.vehicles[1:]:
            lines.append(
                f"A {fmt.money(_usd_price(a))} {a.vehicle.class_label.lower()} vs a "
                f"{fmt.money(_usd_price(b))} {b.vehicle.class_label.lower()}: "
                f"{res.scenario.years}-year cost {fmt.money(a.cost.total_usd.headline)} "
                f"vs {fmt.money(b.cost.total_usd.headline)}. How safe? Can you drive it in "
                f"{STATE_NAMES[res.scenario.state]}?"
            )
    return lines


def landed_prices(base: Scenario, ids: tuple[str, ...], catalog: Catalog) -> dict[str, float]:
    """Each microcar's landed price in USD (the headline), for the step-1 tiles (runs on the
    query worker)."""
    out: dict[str, float] = {}
    for vid in ids:
        try:
            res = evaluate(base.with_(vehicles=(vid,)), catalog)
        except KeiWhatIfError:
            continue
        out[vid] = _usd_price(res.vehicles[0])
    return out


class KioskWindow(QtWidgets.QWidget):
    """attract -> 1 pick -> 2 how you drive -> 3 results; operator screen behind a PIN.

    With ``problem`` set (or a config without a PIN) it shows only the full-screen "needs an
    operator" notice and re-reads the config every few seconds until it is usable."""

    exit_requested = Signal()

    def __init__(
        self,
        config: KioskConfig | None,
        config_path: Path,
        catalog: Catalog | None = None,
        problem: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._ready = False  # Qt sends change events while the window is being built
        self._locked = True
        self.setObjectName("kiosk")
        self.setWindowTitle("Kei What-If")
        self.catalog = catalog or load_catalog()
        self.config = config or KioskConfig()
        self.config_path = config_path
        self.clock = clock
        self._allow_close = False
        self._taps: list[float] = []
        self._last_press_ts = -1
        self.result: Result | None = None
        self._result_serial = 0
        self._want_results = False
        self._scale = 1.0
        # what the pages were last laid out for (orientation, scale, size, config): a resize
        # or a new config lays them out again only when one of these changed
        self._layout_key: tuple[object, ...] | None = None
        self.setStyleSheet(KIOSK_QSS)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.pin_gate = PinGate(clock)
        self.takeaways = TakeawayWriter(self.config.output_dir(), clock)

        self.stack = QtWidgets.QStackedWidget()
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self._build_pages()
        self.lock_badge = QtWidgets.QLabel(self.tr("■ Kiosk locked"), self)
        self.lock_badge.setObjectName("locked")
        self.lock_badge.setAccessibleName(self.tr("This kiosk is locked"))
        self.lock_badge.setStyleSheet(
            "background: rgba(255,255,255,200); color: #333; padding: 2px 8px; font-size: 11pt;"
            " border-bottom-left-radius: 6px;"
        )
        self.lock_badge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

        self.controller = Controller(self._fallback_scenario(), self.catalog, parent=self)
        self.controller.result_changed.connect(self._on_result)
        self.controller.error.connect(self._on_error)

        self.idle = QtCore.QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.idle_reset)
        self.rotate = QtCore.QTimer(self)
        self.rotate.setInterval(ATTRACT_ROTATE_MS)
        self.rotate.timeout.connect(self._next_attract)
        self.watchdog = QtCore.QTimer(self)
        self.watchdog.setInterval(WATCHDOG_MS)
        self.watchdog.timeout.connect(self._check_lock)
        self.retry = QtCore.QTimer(self)
        self.retry.setInterval(CONFIG_RETRY_MS)
        self.retry.timeout.connect(self._retry_config)
        self._attract_lines: list[str] = []
        self._attract_index = 0
        app = QtWidgets.QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        if problem is None and not self.config.has_pin:
            problem = "No operator PIN has been set. At the booth's terminal, run: keiwhatif --kiosk-setup"
        if problem is None:
            problem = self.config.problem(self.catalog.vehicles)
        if problem is not None:
            self.show_needs_operator(problem)
        else:
            self.apply_config(self.config)
            self.idle_reset()
        self._ready = True

    # -- pages ---------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.attract = AttractPage()
        self.attract.touched.connect(self.start_over_to_step1)
        self.attract_line = self.attract.line
        self.step1 = PickPage()
        self.step1.picked.connect(self.pick_microcar)
        self.step2 = DrivePage(road_mix_presets(self.catalog))
        self.step2.changed.connect(self._update_scenario)
        self.step2.next_requested.connect(self.show_results)
        self.step3 = ResultsPage()
        self.step3.print_requested.connect(self.write_takeaway)
        for page in (self.step1, self.step2, self.step3):
            page.back.connect(self.go_back)
            page.start_over.connect(self.start_over)
        self.pinpad = PinPad()
        self.pinpad.submitted.connect(self._pin_entered)
        self.pinpad.cancelled.connect(self.idle_reset)
        self.operator = OperatorPage(
            (v.id, f"{v.name} · {v.class_label}")
            for v in self.catalog.vehicles.values()
            if v.vclass in MICROCAR_CLASSES
        )
        self.operator.save_requested.connect(self.operator_save)
        self.operator.exit_requested.connect(self.operator_exit)
        self.notice = NoticePage()
        for w in (
            self.attract,
            self.step1,
            self.step2,
            self.step3,
            self.pinpad,
            self.operator,
            self.notice,
        ):
            self.stack.addWidget(w)
        # names the flow, tests and the screenshot script use
        self.miles, self.years = self.step2.miles, self.step2.years
        self.state_box, self.mix_group = self.step2.state_box, self.step2.mix_group
        self.card_labels, self.feas_label = self.step3.card_labels, self.step3.feas_label
        self.cost_plot, self.risk_plot = self.step3.cost_plot, self.step3.risk_plot
        self.qr, self.takeaway_note = self.step3.qr, self.step3.takeaway_note
        self.print_btn = self.step3.print_btn

    @property
    def pick_buttons(self) -> list[QtWidgets.QPushButton]:
        return self.step1.buttons

    @property
    def qr_text(self) -> str:
        return self.step3.qr_text

    @property
    def scenario(self) -> Scenario:
        return self.controller.scenario

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
        self.takeaways.folder = cfg.output_dir()
        self.apply_orientation()  # the step-1 tiles for this config's microcars and prices
        self._prepare_attract()

    def _fallback_scenario(self) -> Scenario:
        return default_scenario().with_(draws=KIOSK_DRAWS, name="Kiosk")

    def base_scenario(self) -> Scenario:
        micro = self.microcar_ids()
        if not micro:
            return self._fallback_scenario()
        return self._fallback_scenario().with_(
            vehicles=(micro[0], *[c for c in self.comparator_ids() if c != micro[0]]),
            state=self.config.default_state,
            vehicle_overrides=MappingProxyType(self.config.booth_overrides()),
        )

    def show_needs_operator(self, problem: str) -> None:
        """The full-screen notice: still locked, nothing a visitor can do, no desktop."""
        self.idle.stop()
        self.rotate.stop()
        self.notice.show_notice(
            self.tr(NEEDS_OPERATOR),
            self.tr("Please ask a member of staff.\n\n%s\n\nSettings file: %s")
            % (problem, self.config_path),
        )
        self.stack.setCurrentWidget(self.notice)
        self._set_locked(True)
        self.retry.start()

    @property
    def needs_operator(self) -> bool:
        return self.stack.currentWidget() is self.notice

    def _retry_config(self) -> None:
        try:
            cfg = load_config(self.config_path, self.catalog.vehicles)
        except KioskConfigError as exc:
            self.show_needs_operator(str(exc))
            return
        if not cfg.has_pin:
            return
        self.retry.stop()
        self.config = cfg
        self.stack.setCurrentWidget(self.attract)  # leave the notice
        self.apply_config(cfg)
        self.idle_reset()

    # -- flow ----------------------------------------------------------------------------------
    def go_back(self) -> None:
        order = [self.attract, self.step1, self.step2, self.step3]
        page = self.stack.currentWidget()
        i = order.index(page) if page in order else 1
        self._want_results = False
        self.stack.setCurrentWidget(order[max(0, i - 1)])
        if self.stack.currentWidget() is self.attract:
            self.rotate.start()

    def start_over(self) -> None:
        self.idle_reset()

    def start_over_to_step1(self) -> None:
        self.rotate.stop()
        self.stack.setCurrentWidget(self.step1)

    def pick_microcar(self, vid: str) -> None:
        self.controller.set_scenario(
            self.scenario.with_(vehicles=(vid, *[c for c in self.comparator_ids() if c != vid]))
        )
        self.stack.setCurrentWidget(self.step2)

    def _update_scenario(self) -> None:
        mix = self.step2.checked_mix() or self.scenario.road_mix
        self.controller.set_scenario(
            self.scenario.with_(
                state=str(self.state_box.currentData()),
                annual_miles=float(self.miles.value),
                years=round(self.years.value),
                road_mix=mix,
            )
        )

    def _show_scenario_inputs(self) -> None:
        sc = self.scenario
        self.step2.show_values(sc.state, sc.annual_miles, sc.years, sc.road_mix)

    def show_results(self) -> None:
        """Go to the results; they are drawn when the worker has them (often already)."""
        self._update_scenario()
        self.step3.clear(self.tr("Working it out…"))
        self.result = None
        self._want_results = True
        self.stack.setCurrentWidget(self.step3)
        res = self.controller.result
        if res is not None and res.scenario == self.scenario:
            self._on_result(res)

    def _on_result(self, res: object) -> None:
        if not isinstance(res, Result) or res.scenario != self.scenario:
            return
        if not self._want_results or self.stack.currentWidget() is not self.step3:
            return
        self.result = res
        self._result_serial += 1
        text = summary_text(res)
        self.step3.draw(res, qr_pixmap(text), text)

    def _on_error(self, message: str) -> None:
        if self._want_results:
            self.step3.clear(message)

    def wait_for_results(self, timeout_s: float = 30.0) -> Result:
        """For tests and the screenshot script: wait until the results page is drawn."""
        deadline = QtCore.QDeadlineTimer(int(timeout_s * 1000))
        while self.result is None and not deadline.hasExpired():
            QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
            QtCore.QThread.msleep(2)
        if self.result is None:
            raise TimeoutError("the kiosk's results did not arrive")
        return self.result

    def write_takeaway(self) -> Path | None:
        """One-page PDF summary into the configured folder (for a booth printer)."""
        if self.result is None:
            return None
        try:
            path = self.takeaways.write(
                self.result, self._result_serial, self.qr.pixmap().toImage()
            )
        except TakeawayRefused as exc:
            self.takeaway_note.setText(str(exc))
            return None
        self.takeaway_note.setText(self.tr("Your summary is printing. Thank you!"))
        return path

    def idle_reset(self) -> None:
        """Back to the attract screen with a fresh scenario; popups closed; every widget that
        held the last visitor's data cleared."""
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
        if self.needs_operator:
            return
        self._want_results = False
        self.result = None
        self.controller.reset(self.base_scenario())
        self.step3.clear()
        self.takeaways.reset()
        self.pinpad.clear()
        self.operator.pin.clear()
        self._show_scenario_inputs()
        self.stack.setCurrentWidget(self.attract)
        self._set_locked(True)
        self._next_attract()
        self.rotate.start()
        self.idle.start()

    # -- attract loop --------------------------------------------------------------------------
    def _prepare_attract(self) -> None:
        self._attract_lines = [self.tr("Cost, safety and legality of microcars, side by side.")]
        self._attract_index = 0
        comps = self.comparator_ids()
        base = self.base_scenario()
        scenarios = [
            base.with_(vehicles=(vid, *[c for c in comps if c != vid]), draws=ATTRACT_DRAWS)
            for vid in self.microcar_ids()[:ATTRACT_VEHICLES]
        ]
        catalog = self.catalog
        # the step-1 tiles' landed prices in dollars (core.cost.landed, the headline) for the
        # booth's default state, in the same query; on the controller's worker, and a failure
        # keeps the generic line and the tiles without prices
        price_base = base.with_(draws=ATTRACT_DRAWS)
        ids = self.microcar_ids()
        self.controller.query(
            "kiosk-attract",
            lambda: (attract_lines(scenarios, catalog), landed_prices(price_base, ids, catalog)),
            self._set_attract_and_prices,
            on_error=lambda _msg: None,
        )

    def _set_attract_and_prices(self, out: object) -> None:
        """The worker's answer: the attract lines and the step-1 tiles' landed prices."""
        if isinstance(out, tuple) and len(out) == 2:
            lines, prices = out
            self._set_attract_lines(lines)
            if isinstance(prices, dict):
                self.step1.set_prices({str(k): float(v) for k, v in prices.items()})

    def _set_attract_lines(self, lines: object) -> None:
        if isinstance(lines, list) and lines:
            self._attract_lines = [str(x) for x in lines]
            self._attract_index = 0
            if self.stack.currentWidget() is self.attract:
                self._next_attract()

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
        touched = (E.MouseButtonPress, E.TouchBegin, E.KeyPress, E.Wheel, E.TouchUpdate)
        if t in touched and not self.needs_operator:
            self.idle.start()
        if t == E.ContextMenu and self._locked:
            return True  # no context menus for visitors
        if t in (E.KeyPress, E.KeyRelease, E.ShortcutOverride) and self._locked:
            assert isinstance(ev, QtGui.QKeyEvent)
            # a visitor page has nothing to type into; no key may do anything
            return True
        if t == E.MouseButtonPress and isinstance(ev, QtGui.QMouseEvent):
            if ev.button() != Qt.MouseButton.LeftButton and self._locked:
                return True
            # one press reaches this filter once per receiver (window, then widget): count it
            # once, by its timestamp
            if ev.timestamp() != self._last_press_ts:
                self._last_press_ts = ev.timestamp()
                self._secret_tap(ev.globalPosition())
        return False

    def _set_locked(self, locked: bool) -> None:
        self._locked = locked
        self.lock_badge.setVisible(locked)
        if locked:
            self._take_keyboard()
        else:
            self.releaseKeyboard()

    @staticmethod
    def _real_screen() -> bool:
        """Only a real window system has focus, stacking and a keyboard to hold."""
        return QtGui.QGuiApplication.platformName() not in HEADLESS_PLATFORMS

    def _take_keyboard(self) -> None:
        if self.isVisible() and self._real_screen():
            self.grabKeyboard()

    def _check_lock(self) -> None:
        """Watchdog: while locked, be visible, full screen, on top, active and holding the keys."""
        if not self._locked or not self.isVisible() or not self._real_screen():
            return
        handle = self.windowHandle()
        exposed = handle is not None and handle.isExposed()
        if (
            not exposed
            or not self.isActiveWindow()
            or not (self.windowState() & Qt.WindowState.WindowFullScreen)
            or self.windowState() & Qt.WindowState.WindowMinimized
        ):
            self.reassert()

    def reassert(self) -> None:
        handle = self.windowHandle()
        if handle is not None and not handle.isExposed():
            self.hide()  # unmapped behind Qt's back: only hide + show maps it again
        self.setWindowState(Qt.WindowState.WindowFullScreen)
        self.show_kiosk()
        self.raise_()
        self.activateWindow()
        self._take_keyboard()

    def changeEvent(self, ev: QtCore.QEvent) -> None:
        super().changeEvent(ev)
        if (
            self._ready
            and self._locked
            and ev.type()
            in (
                QtCore.QEvent.Type.ActivationChange,
                QtCore.QEvent.Type.WindowStateChange,
            )
        ):
            QtCore.QTimer.singleShot(100, self._check_lock)

    def _secret_tap(self, global_pos: QtCore.QPointF) -> None:
        if self.needs_operator:
            return
        local = self.mapFromGlobal(global_pos.toPoint())
        if local.x() > SECRET_CORNER_PX or local.y() > SECRET_CORNER_PX:
            self._taps.clear()
            return
        now = self.clock()
        self._taps = [t for t in self._taps if now - t < SECRET_WINDOW_S] + [now]
        if len(self._taps) >= SECRET_TAPS:
            self._taps.clear()
            QtCore.QTimer.singleShot(0, self.ask_pin)

    def ask_pin(self, pin: str | None = None) -> bool:
        """The PIN gate. Without ``pin``: show the keypad page. With it (tests): try it."""
        if self.needs_operator:
            return False
        if pin is None:
            self.rotate.stop()
            self.pinpad.clear(self._wait_text())
            self.stack.setCurrentWidget(self.pinpad)
            return False
        return self._pin_entered(pin)

    def _wait_text(self) -> str:
        wait = self.pin_gate.wait_s()
        if wait <= 0:
            return ""
        return self.tr("Too many wrong PINs: try again in %d s.") % max(1, round(wait))

    def _pin_entered(self, pin: str) -> bool:
        if not self.pin_gate.attempt(pin, self.config.pin_hash):
            self.pinpad.clear(self._wait_text() or self.tr("Wrong PIN."))
            return False
        self.open_operator()
        return True

    def open_operator(self) -> None:
        self.rotate.stop()
        self.operator.load(self.config, self.microcar_ids(), str(self.config.output_dir()))
        self.stack.setCurrentWidget(self.operator)
        self._set_locked(False)

    def operator_save(self) -> bool:
        op = self.operator
        new_pin = op.pin.text().strip()
        cfg = self.config
        if new_pin:
            problem = pin_problem(new_pin)
            if problem is not None:
                op.message.setText(self.tr(problem))
                return False
            cfg = cfg.with_(pin_hash=hash_pin(new_pin))
        try:
            cfg = cfg.with_(
                booth_prices=parse_booth_prices(op.prices.text(), self.catalog.vehicles),
                idle_seconds=round(op.idle.value),
                default_state=str(op.state.currentData()),
                orientation=str(op.orientation.currentData()),
                output_folder=op.folder.text().strip(),
                microcars=op.checked_microcars(),
            )
            save_config(cfg, self.config_path)
        except (KeiWhatIfError, OSError) as exc:
            op.message.setText(self.tr("Could not save the settings: %s") % exc)
            return False
        self.apply_config(cfg)
        self.idle_reset()
        return True

    def operator_exit(self) -> None:
        if self._locked:
            return  # only from the operator page, after the PIN
        self._allow_close = True
        self.exit_requested.emit()
        self.close()

    # -- orientation and window ----------------------------------------------------------------
    def is_portrait(self) -> bool:
        if self.config.orientation != "auto":
            return self.config.orientation == "portrait"
        return self.height() > self.width()

    def apply_orientation(self) -> None:
        """Lay every page out for this screen: orientation, and fonts, tiles and touch targets
        scaled from the 1920x1080 design (never below 48 px to tap). Nothing to do when the
        orientation, scale, size and config are those it last laid out for."""
        portrait = self.is_portrait()
        scale = kiosk_scale(self.width(), self.height())
        key = (portrait, scale, self.width(), self.height(), self.config)
        if key == self._layout_key:
            return
        self._layout_key = key
        self._apply_scale(scale)
        self.step1.fill(
            [self.catalog.vehicle(v) for v in self.microcar_ids()],
            portrait,
            scale,
            self.width(),
            self.config.booth_prices,
        )
        self.step2.place_mix(portrait)
        self.step3.place_boxes(portrait)

    def _apply_scale(self, scale: float) -> None:
        if scale == self._scale:
            return
        self._scale = scale
        self.setStyleSheet(kiosk_qss(scale))
        for page in (self.attract, self.step1, self.step2, self.step3):
            page.apply_scale(scale)
        # the operator page fits 1280x720 too (its frame and stepper scale like the rest)
        self.operator.idle.apply_scale(scale)
        scale_frame(self.operator.frame, scale)

    def fit_screen(self, rect: QtCore.QRect) -> None:
        """Take the whole of `rect`: scale for its size first, so the pages' minimum sizes
        never make the window taller than the screen."""
        self._apply_scale(kiosk_scale(rect.width(), rect.height()))
        self.setGeometry(rect)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self.lock_badge.adjustSize()
        self.lock_badge.move(self.width() - self.lock_badge.width(), 0)
        self.lock_badge.raise_()
        # every orientation: a fixed one still needs its tiles and boxes laid out for the
        # screen's size (a landscape booth at 1920x1080 kept the tiles of a 640 px window)
        self.apply_orientation()

    def closeEvent(self, ev: QtGui.QCloseEvent) -> None:
        if not self._allow_close:
            ev.ignore()
            return
        for t in (self.idle, self.rotate, self.watchdog, self.retry):
            t.stop()
        self.releaseKeyboard()
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.controller.shutdown()
        super().closeEvent(ev)

    def show_kiosk(self) -> None:
        """Full screen and on top even without a window manager (bare X ignores
        showFullScreen alone)."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        if screen is not None:
            self.fit_screen(screen.geometry())
        flags = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        if (self.windowFlags() & flags) != flags:
            self.setWindowFlags(self.windowFlags() | flags)
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        if self._locked:
            QtCore.QTimer.singleShot(0, self._take_keyboard)
        self.watchdog.start()


def kiosk_from_path(path: Path, catalog: Catalog | None = None) -> KioskWindow:
    """The kiosk for a settings file; a file that cannot be used gives the "needs an operator"
    page (still full screen and locked), never an exception."""
    catalog = catalog or load_catalog()
    try:
        return KioskWindow(load_config(path, catalog.vehicles), path, catalog)
    except KioskConfigError as exc:
        return KioskWindow(None, path, catalog, problem=str(exc))


def run_kiosk(config_path: Path | None = None) -> int:
    """``keiwhatif --kiosk``: never a traceback, never the desktop. Exit status 0 only when the
    operator leaves with the PIN (packaging/kiosk-session restarts the kiosk otherwise)."""
    from desktop.app import create_app
    from desktop.kiosk.config import default_config_path

    app = create_app()
    win = kiosk_from_path(config_path or default_config_path())
    win.exit_requested.connect(app.quit)
    win.show_kiosk()
    return app.exec()


def run_kiosk_setup(config_path: Path | None = None, stdin: Any = None, out: Any = None) -> int:
    """``keiwhatif --kiosk-setup``: set the operator PIN at a terminal (no display needed).

    Asks twice without echo on a terminal; reads one line from standard input otherwise."""
    import getpass
    import sys

    from desktop.kiosk.config import default_config_path

    stdin = stdin or sys.stdin
    out = out or sys.stderr
    path = config_path or default_config_path()
    catalog = load_catalog()
    try:
        cfg = load_config(path, catalog.vehicles)
    except KioskConfigError as exc:
        print(f"keiwhatif --kiosk-setup: {exc}", file=out)
        print("Fix or remove the file, then run this again.", file=out)
        return 2
    if stdin.isatty():
        pin = getpass.getpass("New operator PIN: ")
        again = getpass.getpass("Same PIN again: ")
        if pin != again:
            print("keiwhatif --kiosk-setup: the two PINs differ; nothing changed.", file=out)
            return 2
    else:
        pin = stdin.readline().strip()
    problem = pin_problem(pin)
    if problem is not None:
        print(f"keiwhatif --kiosk-setup: {problem} Nothing changed.", file=out)
        return 2
    try:
        save_config(cfg.with_(pin_hash=hash_pin(pin)), path)
    except (KeiWhatIfError, OSError) as exc:
        print(f"keiwhatif --kiosk-setup: cannot write {path}: {exc}", file=out)
        return 2
    print(f"Operator PIN set in {path}. Start the booth with: keiwhatif --kiosk", file=out)
    return 0


def _usd_price(vr: VehicleResult) -> float:
    """The landed price a visitor pays (core.cost.landed, net of incentives): the headline."""
    lp = vr.cost.landed_price_usd
    return lp.headline if lp is not None else float(vr.cost.purchase_price_usd)
