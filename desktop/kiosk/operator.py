"""The operator's side of the kiosk: the PIN gate (with growing delays and a lockout), the
on-screen keypad and the operator settings page."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from core.data.states import STATE_NAMES
from desktop.kiosk.config import (
    IDLE_SECONDS,
    ORIENTATIONS,
    PIN_DIGITS,
    KioskConfig,
    format_booth_prices,
    verify_pin,
)
from desktop.kiosk.pages import Stepper, page_frame
from desktop.qt import Qt, QtWidgets, Signal

# Wrong PINs: the first FREE_ATTEMPTS cost nothing, then each waits twice as long as the last
# (from FIRST_DELAY_S); after LOCKOUT_AFTER in a row the gate stays shut for LOCKOUT_S.
FREE_ATTEMPTS = 2
FIRST_DELAY_S = 5.0
MAX_DELAY_S = 300.0
LOCKOUT_AFTER = 10
LOCKOUT_S = 900.0


class PinGate:
    """Counts wrong PINs and says how long the next attempt must wait. A right PIN resets it."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.failures = 0
        self.blocked_until = 0.0

    def wait_s(self) -> float:
        """Seconds until the next attempt is accepted (0 = now)."""
        return max(0.0, self.blocked_until - self.clock())

    def delay_after(self, failures: int) -> float:
        if failures >= LOCKOUT_AFTER:
            return LOCKOUT_S
        if failures <= FREE_ATTEMPTS:
            return 0.0
        return min(FIRST_DELAY_S * 2 ** (failures - FREE_ATTEMPTS - 1), MAX_DELAY_S)

    def attempt(self, pin: str, stored_hash: str) -> bool:
        """True for the right PIN; while waiting, every attempt (even the right PIN) fails."""
        if self.wait_s() > 0:
            return False
        if verify_pin(pin, stored_hash):
            self.failures = 0
            self.blocked_until = 0.0
            return True
        self.failures += 1
        self.blocked_until = self.clock() + self.delay_after(self.failures)
        return False


class PinPad(QtWidgets.QWidget):
    """A big numeric keypad page for the operator PIN (no dialog, no keyboard needed)."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        page, lay = page_frame(self.tr("Operator PIN"))
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(page)
        self.pin = ""
        self.display = QtWidgets.QLabel("")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setStyleSheet("font-size: 30pt;")
        self.message = QtWidgets.QLabel("")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.display)
        lay.addWidget(self.message)
        grid = QtWidgets.QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        self.keys: dict[str, QtWidgets.QPushButton] = {}
        for i, k in enumerate(keys):
            b = QtWidgets.QPushButton(k)
            b.setMinimumSize(120, 88)
            b.setAccessibleName("Delete" if k == "⌫" else k)
            b.clicked.connect(lambda _c=False, k=k: self._key(k))
            grid.addWidget(b, i // 3, i % 3)
            self.keys[k] = b
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        row.addLayout(grid)
        row.addStretch(1)
        lay.addLayout(row)
        cancel = QtWidgets.QPushButton(self.tr("Cancel"))
        cancel.setProperty("secondary", True)
        cancel.clicked.connect(self.cancelled.emit)
        lay.addWidget(cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(1)

    def clear(self, message: str = "") -> None:
        self.pin = ""
        self.display.setText("")
        self.message.setText(message)

    def _key(self, k: str) -> None:
        if k == "OK":
            pin, self.pin = self.pin, ""
            self.display.setText("")
            self.submitted.emit(pin)
            return
        self.pin = self.pin[:-1] if k == "⌫" else (self.pin + k)[: PIN_DIGITS[1]]
        self.display.setText("●" * len(self.pin))


class OperatorPage(QtWidgets.QWidget):
    """Settings the operator may change; the PIN itself is set with ``keiwhatif --kiosk-setup``
    or here (a new PIN replaces the old one)."""

    save_requested = Signal()
    exit_requested = Signal()

    def __init__(self, microcars: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        page, lay = page_frame(self.tr("Operator"))
        self.frame = lay  # the window scales its margins for small screens
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QtWidgets.QScrollArea()  # fits a 720-pixel-high screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer.addWidget(scroll)
        form = QtWidgets.QFormLayout()
        self.idle = Stepper(
            IDLE_SECONDS[0],
            IDLE_SECONDS[1],
            10,
            lambda v: f"{v:.0f} s idle reset",
            self.tr("Idle seconds"),
        )
        self.state = QtWidgets.QComboBox()
        self.state.setAccessibleName(self.tr("Default state"))
        for code, name in sorted(STATE_NAMES.items(), key=lambda kv: kv[1]):
            self.state.addItem(name, code)
        self.orientation = QtWidgets.QComboBox()
        self.orientation.setAccessibleName(self.tr("Orientation"))
        for o in ORIENTATIONS:
            self.orientation.addItem(o, o)
        self.folder = QtWidgets.QLineEdit()
        self.folder.setAccessibleName(self.tr("Output folder for printed summaries"))
        self.pin = QtWidgets.QLineEdit()
        self.pin.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(
            self.tr("new PIN (%d–%d digits), or empty to keep") % PIN_DIGITS
        )
        self.pin.setAccessibleName(self.tr("New operator PIN"))
        form.addRow(self.tr("Idle reset"), self.idle)
        form.addRow(self.tr("Default state"), self.state)
        form.addRow(self.tr("Orientation"), self.orientation)
        form.addRow(self.tr("Summary folder"), self.folder)
        form.addRow(self.tr("Change PIN"), self.pin)
        self.prices = QtWidgets.QLineEdit()  # booth prices (issue #17)
        self.prices.setPlaceholderText(self.tr("vehicle_id=price, e.g. nbox_2025=21500"))
        self.prices.setAccessibleName(self.tr("Booth prices, vehicle id = US dollars"))
        form.addRow(self.tr("Booth prices"), self.prices)
        self.microcars = QtWidgets.QListWidget()
        self.microcars.setAccessibleName(self.tr("Microcars visitors can pick"))
        self.microcars.setMaximumHeight(150)
        for vid, label in microcars:
            item = QtWidgets.QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, vid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.microcars.addItem(item)
        form.addRow(self.tr("Microcars shown"), self.microcars)
        lay.addLayout(form)
        self.message = QtWidgets.QLabel()
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        lay.addStretch(1)
        row = QtWidgets.QHBoxLayout()
        save = QtWidgets.QPushButton(self.tr("Save and return"))
        save.clicked.connect(self.save_requested.emit)
        leave = QtWidgets.QPushButton(self.tr("Exit kiosk"))
        leave.setProperty("secondary", True)
        leave.clicked.connect(self.exit_requested.emit)
        row.addWidget(save)
        row.addStretch(1)
        row.addWidget(leave)
        lay.addLayout(row)

    def load(self, cfg: KioskConfig, shown: Iterable[str], folder: str) -> None:
        self.idle.set_value(cfg.idle_seconds)
        self.state.setCurrentIndex(max(0, self.state.findData(cfg.default_state)))
        self.orientation.setCurrentIndex(max(0, self.orientation.findData(cfg.orientation)))
        self.folder.setText(folder)
        self.pin.clear()
        self.prices.setText(format_booth_prices(cfg.booth_prices))
        ids = set(shown)
        for i in range(self.microcars.count()):
            item = self.microcars.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.message.setText("")

    def checked_microcars(self) -> tuple[str, ...]:
        """Ticked microcars; all ticked (or none) is stored as () = every microcar."""
        items = [self.microcars.item(i) for i in range(self.microcars.count())]
        ticked = tuple(
            str(it.data(Qt.ItemDataRole.UserRole))
            for it in items
            if it.checkState() == Qt.CheckState.Checked
        )
        return () if len(ticked) in (0, len(items)) else ticked
