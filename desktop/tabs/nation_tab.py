"""The Nation tab (policymaker mode): the scenario and its packages across the 51 states.

One tile map per package, coloured by the legal share of the microcar's miles, its cost gap to
the rival, or its change in deaths per 10,000 owners; a sortable table of uptake and system
outcomes (P10-P90) per state and for the nation; a progress bar and a Cancel button. The sweep
runs on a thread of its own (a long sweep never holds up the main evaluation worker) and stops
between two states when cancelled. pandas is never imported here (core.nation.report builds
plain rows).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from core.data.states import STATE_NAMES
from core.scenario.model import Scenario
from desktop import fmt
from desktop.qt import QtCore, QtWidgets, Signal
from desktop.state_map import StateTileMap, TileStatus

# Five bins per metric: (upper edge, colour, symbol). Colour-blind-safe sequential blues / a
# diverging brown-teal for signed gaps; each bin has its own symbol as the non-colour cue.
SEQUENTIAL = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
DIVERGING = ("#018571", "#80cdc1", "#f5f5f5", "#dfc27d", "#a6611a")  # good -> bad
SYMBOLS = ("1", "2", "3", "4", "5")
LEGAL_EDGES = (0.2, 0.4, 0.6, 0.8)  # share of miles
COST_EDGES = (-5000.0, -1000.0, 1000.0, 5000.0)  # USD, microcar minus rival
RISK_EDGES = (-2.0, -0.5, 0.5, 2.0)  # deaths per 10,000 owners, microcar minus rival
# (key, header on two lines so no column is elided at 1280 px, the header's tooltip)
TABLE_COLUMNS = (
    ("state", "State", "The state"),
    ("package", "Package", "Baseline or a policy package"),
    ("legal_share", "Legal share\nof miles",
     "Share of the owner's miles the microcar may legally drive in the state"),
    ("uptake_new", "Uptake,\nnew buyers",
     "Share of new-vehicle buyers who would choose the microcar (P10-P90)"),
    ("uptake_second", "Uptake, second-\nvehicle buyers",
     "Share of second-vehicle buyers who would choose the microcar (P10-P90)"),
    ("buyers", "Microcar\nbuyers / year", "Microcar buyers a year in the state (P10-P90)"),
    ("money_saved_usd", "Households\nsave (USD)",
     "What one year's microcar buyers save, all together, over the years they keep it "
     "(P10-P90)"),
    ("total_deaths", "Change\nin deaths",
     "Change in deaths, occupants and others, from one year's buyers over the years they "
     "keep it (P10-P90; below 0: fewer)"),
    ("co2_tonnes", "Change in\nCO2 (t)", "Change in CO2 from one year's buyers over the years they keep it, tonnes (P10-P90)"),
    ("fiscal_cost_usd", "Incentives\npaid (USD)",
     "Purchase incentives paid to one year's microcar buyers (P10-P90)"),
)  # fmt: skip


def _bin(value: float, edges: tuple[float, ...]) -> int:
    return sum(value > e for e in edges)


def _signed(x: float) -> str:
    """A change with its sign, in fmt.number's digits: '+0.50', '−2.10', '0.00'."""
    sign = "+" if x > 0 else "−" if x < 0 else ""
    return sign + fmt.number(abs(x), 2)


def tile_statuses(values: dict[str, float], metric: str) -> dict[str, TileStatus]:
    """Each state's value as one of five labelled bins (colour and symbol)."""
    said: Callable[[float], str]
    if metric == "legal_share":
        edges, colours, said = LEGAL_EDGES, SEQUENTIAL, fmt.percent
    elif metric == "cost_gap":
        edges, colours, said = COST_EDGES, DIVERGING, fmt.money
    else:
        edges, colours, said = RISK_EDGES, DIVERGING, _signed
    out: dict[str, TileStatus] = {}
    for state, v in values.items():
        i = _bin(v, edges)
        lo = "below " + said(edges[0]) if i == 0 else said(edges[i - 1])
        if i == 0:
            label = lo
        elif i == len(edges):
            label = f"{lo} and up"
        else:
            label = f"{lo} to {said(edges[i])}"
        detail = f"{STATE_NAMES.get(state, state)}: {said(v)}"
        out[state] = TileStatus(f"bin{i}", label, SYMBOLS[i], colours[i], detail)
    return out


def _range(row: dict[str, Any], key: str, pct: bool = False) -> tuple[str, float]:
    """'median (P10 to P90)' in fmt's words (money for USD columns), and the median to sort by."""
    p10, p50, p90 = row.get(f"{key}_p10"), row.get(f"{key}_p50"), row.get(f"{key}_p90")
    if p50 is None or p10 is None or p90 is None:
        return "", 0.0
    said: Callable[[float], str]
    if pct:
        said = lambda x: fmt.percent(x, 2)  # noqa: E731
    elif key.endswith("_usd"):
        said = fmt.money
    else:
        said = lambda x: fmt.number(x, 2)  # noqa: E731
    return f"{said(p50)} ({said(p10)} to {said(p90)})", float(p50)


class _NumberItem(QtWidgets.QTableWidgetItem):
    """Sorts by the median it shows, not by its text."""

    def __lt__(self, other: QtWidgets.QTableWidgetItem) -> bool:
        a = self.data(QtCore.Qt.ItemDataRole.UserRole)
        b = other.data(QtCore.Qt.ItemDataRole.UserRole)
        if isinstance(a, int | float) and isinstance(b, int | float):
            return a < b
        return super().__lt__(other)


def _release(thread: QtCore.QThread | None) -> None:
    """`finished` is emitted from the thread just before it stops: wait for the stop before the
    last reference goes, so the QThread is never destroyed while it still runs."""
    if thread is not None:
        thread.wait()
        thread.deleteLater()


class SweepThread(QtCore.QThread):
    progressed = Signal(int, int)
    # (the scenario swept, Sweep, NationResult, outcome rows): the scenario travels with its
    # sweep, so a brief never pairs a newer scenario with an older sweep
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, scenario: Scenario, catalog: Any) -> None:
        super().__init__()
        self.scenario = scenario
        self.catalog = catalog
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            from core.nation.report import nation_result, outcome_rows
            from core.nation.sweep import run_sweep

            sw = run_sweep(
                self.scenario,
                self.catalog,
                progress=lambda d, t: self.progressed.emit(d, t),
                cancelled=self._cancel.is_set,
                # one thread (this one): the GUI keeps a core for itself and the controller's
                # worker, and no pool threads run beside Qt's (a crash was seen once with them)
                workers=1,
            )
            if sw.cancelled:
                self.done.emit((self.scenario, sw, None, []))
                return
            res = nation_result(sw, self.catalog)
            self.done.emit((self.scenario, sw, res, outcome_rows(sw, self.catalog, res)))
        except Exception as exc:  # shown in the tab, never swallowed
            self.failed.emit(str(exc))


class BriefThread(QtCore.QThread):
    """The brief's solved parts off the GUI thread: the maker's case and the deaths answers."""

    done = Signal(object)  # core.nation.report.PackageBrief
    failed = Signal(str)

    def __init__(
        self, scenario: Scenario, catalog: Any, sweep: Any, nation: Any, package: str
    ) -> None:
        super().__init__()
        self.scenario, self.catalog, self.sweep = scenario, catalog, sweep
        self.nation, self.package = nation, package

    def run(self) -> None:
        try:
            from core.nation.report import package_brief

            self.done.emit(
                package_brief(self.sweep, self.catalog, self.scenario, self.package, self.nation)
            )
        except Exception as exc:  # shown in the tab
            self.failed.emit(str(exc))


class NationTab(QtWidgets.QWidget):
    def __init__(self, controller: Any) -> None:
        super().__init__()
        self.controller = controller
        self.sweep_thread: SweepThread | None = None
        self.sweep: Any = None
        self.nation: Any = None
        self._swept: Scenario | None = None
        self.rows: list[dict[str, Any]] = []
        self.maps: list[StateTileMap] = []
        lay = QtWidgets.QVBoxLayout(self)

        bar = QtWidgets.QHBoxLayout()
        self.run_button = QtWidgets.QPushButton(self.tr("Run across the 51 states"))
        self.run_button.clicked.connect(self.start)
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setAccessibleName(self.tr("Sweep progress"))
        self.metric_box = QtWidgets.QComboBox()
        self.metric_box.setAccessibleName(self.tr("Map colour"))
        self.metric_box.addItem(self.tr("Legal share of miles"), "legal_share")
        self.metric_box.addItem(self.tr("Cost gap to the rival"), "cost_gap")
        self.metric_box.addItem(self.tr("Change in deaths per 10,000 buyers"), "risk_change")
        self.metric_box.currentIndexChanged.connect(lambda _i: self._draw_maps())
        self.brief_package = QtWidgets.QComboBox()
        self.brief_package.setAccessibleName(self.tr("Package of the brief"))
        # The bar fits 1280 px with room for a package's name ("Kei class, 45 mph" was cut to
        # "Kei class,"): both boxes take a set width (their lists show the whole names).
        for box, chars in ((self.metric_box, 20), (self.brief_package, 20)):
            box.setSizeAdjustPolicy(
                QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(chars)
        self.progress.setMaximumWidth(120)
        self.brief_button = QtWidgets.QPushButton(self.tr("Package brief (PDF)…"))
        self.brief_button.setEnabled(False)
        self.brief_button.clicked.connect(self._ask_brief)
        self.brief_thread: BriefThread | None = None
        self._brief_path = ""
        # Row 1 runs the sweep and colours the maps; row 2 says what ran and writes a brief.
        colour = QtWidgets.QLabel(self.tr("Colour by:"))
        colour.setBuddy(self.metric_box)
        for w in (self.run_button, self.cancel_button, self.progress, colour, self.metric_box):
            bar.addWidget(w)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.status = QtWidgets.QLabel(
            self.tr("Evaluates the scenario and each package in every state (policymaker mode).")
        )
        self.status.setWordWrap(True)
        row2 = QtWidgets.QHBoxLayout()
        row2.addWidget(self.status, 1)
        row2.addWidget(self.brief_package)
        row2.addWidget(self.brief_button)
        lay.addLayout(row2)

        self.map_area = QtWidgets.QWidget()
        self.map_grid = QtWidgets.QGridLayout(self.map_area)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.map_area)
        self.table = QtWidgets.QTableWidget(0, len(TABLE_COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(t) for _k, t, _tip in TABLE_COLUMNS])
        for c, (_k, _t, tip) in enumerate(TABLE_COLUMNS):
            head = self.table.horizontalHeaderItem(c)
            if head is not None:
                head.setToolTip(self.tr(tip))
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Uptake and outcomes by state and package"))
        # Maps and table each get the tab's whole height: split one above the other, neither
        # was readable at 1280x720 (a strip of tiles and one table row).
        self.views = QtWidgets.QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(scroll, self.tr("Maps"))
        self.views.addTab(self.table, self.tr("Table"))
        self.views.setAccessibleName(self.tr("Maps or table"))
        lay.addWidget(self.views, 1)
        controller.result_changed.connect(self._scenario_moved)

    # -- running ------------------------------------------------------------------------------
    def start(self) -> None:
        if self.sweep_thread is not None:
            return
        self.sweep_thread = SweepThread(self.controller.scenario, self.controller.catalog)
        self.sweep_thread.progressed.connect(self._progress)
        self.sweep_thread.done.connect(self._done)
        self.sweep_thread.failed.connect(self._failed)
        self.sweep_thread.finished.connect(self._thread_ended)
        self.run_button.setEnabled(False)
        self.brief_button.setEnabled(False)  # until this sweep ends (the last one's stays)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(self.tr("Running…"))
        self.sweep_thread.start()

    def cancel(self) -> None:
        if self.sweep_thread is not None:
            self.sweep_thread.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def wait(self, ms: int = 60_000) -> bool:
        """Block until the sweep thread ends (tests, closing)."""
        return self.sweep_thread.wait(ms) if self.sweep_thread is not None else True

    def shutdown(self) -> None:
        """Cancel a running sweep and wait for its threads (the window is closing)."""
        if self.sweep_thread is not None:
            self.sweep_thread.cancel()
            self.sweep_thread.wait(30_000)
        if self.brief_thread is not None:
            self.brief_thread.wait(60_000)

    # -- the package brief ----------------------------------------------------------------------
    def _ask_brief(self) -> None:
        path, _f = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Save the package brief"), "package-brief.pdf", "PDF (*.pdf)"
        )
        if path:
            self.write_brief(path)

    def write_brief(self, path: str) -> None:
        """Solve the brief's parts on a thread, then print the PDF (on the GUI thread)."""
        if (
            self.sweep is None
            or self._swept is None
            or self.brief_thread is not None
            or self.sweep_thread is not None
        ):
            return
        self._brief_path = path
        pkg = self.brief_package.currentText() or self.sweep.packages[0]
        self.brief_thread = BriefThread(
            self._swept, self.controller.catalog, self.sweep, self.nation, pkg
        )
        self.brief_thread.done.connect(self._brief_ready)
        self.brief_thread.failed.connect(self._failed)
        self.brief_thread.finished.connect(self._brief_ended)
        self.brief_button.setEnabled(False)
        self.status.setText(self.tr("Writing the package brief…"))
        self.brief_thread.start()

    def _brief_ready(self, brief: Any) -> None:
        from desktop.report import write_package_brief_pdf

        try:
            write_package_brief_pdf(
                brief.package,
                self.sweep,
                brief.result,
                brief.business,
                self.controller.catalog,
                self._brief_path,
                brief.answers,
            )
        except Exception as exc:  # a disk error: said in the tab
            self.status.setText(self.tr("The brief could not be written: ") + str(exc))
            return
        self.status.setText(self.tr("Package brief written: ") + self._brief_path)

    def _brief_ended(self) -> None:
        _release(self.brief_thread)
        self.brief_thread = None
        self._enable_brief()

    def _enable_brief(self) -> None:
        """A brief needs a finished sweep and nothing running."""
        self.brief_button.setEnabled(
            self.sweep is not None and self.sweep_thread is None and self.brief_thread is None
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _thread_ended(self) -> None:
        _release(self.sweep_thread)
        self.sweep_thread = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self._enable_brief()

    def _failed(self, text: str) -> None:
        self.status.setText(self.tr("The sweep failed: ") + text)

    def _done(self, payload: tuple[Scenario, Any, Any, list[dict[str, Any]]]) -> None:
        swept, sw, res, rows = payload
        if sw.cancelled:  # the last finished sweep, its scenario and its brief stay
            self.status.setText(
                self.tr("Cancelled after %n evaluation(s); nothing shown.", "", len(sw.cells))
            )
            return
        self._swept, self.sweep, self.nation, self.rows = swept, sw, res, rows
        self.brief_package.clear()
        for name in sw.packages:
            self.brief_package.addItem(name)
        if len(sw.packages) > 1:
            self.brief_package.setCurrentIndex(1)
        self.status.setText(
            self.tr("%1 states x %2 package(s): %3 cost runs, %4 safety runs.")
            .replace("%1", str(len(sw.states)))
            .replace("%2", str(len(sw.packages)))
            .replace("%3", str(sw.cost_runs))
            .replace("%4", str(sw.safety_runs))
        )
        self._build_maps()
        self._draw_maps()
        self._fill_table()

    def _scenario_moved(self, _result: object) -> None:
        if self.sweep is not None:
            self.status.setText(self.tr("The scenario changed since this sweep: run it again."))

    # -- drawing ------------------------------------------------------------------------------
    def _build_maps(self) -> None:
        """One titled tile map per package of the sweep (built once per sweep)."""
        while self.map_grid.count():
            item = self.map_grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()
        self.maps = []
        for i, pkg in enumerate(self.sweep.packages):
            box = QtWidgets.QGroupBox(pkg)
            bl = QtWidgets.QVBoxLayout(box)
            m = StateTileMap()
            m.setMinimumSize(280, 180)
            bl.addWidget(m)
            self.map_grid.addWidget(box, i // 2, i % 2)
            self.maps.append(m)

    def _draw_maps(self) -> None:
        from core.nation.sweep import MAP_METRICS, map_values

        if self.sweep is None:
            return
        metric = str(self.metric_box.currentData())
        for pkg, m in zip(self.sweep.packages, self.maps, strict=True):
            m.setAccessibleName(f"{pkg}: {MAP_METRICS[metric]}")
            m.set_status(tile_statuses(map_values(self.sweep, pkg, metric), metric), "")

    def _fill_table(self) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, (key, _title, _tip) in enumerate(TABLE_COLUMNS):
                if key in ("state", "package"):
                    item = QtWidgets.QTableWidgetItem(str(row.get(key, "")))
                elif key == "legal_share":
                    v = row.get(key)
                    item = _NumberItem("" if v is None else f"{v:.0%}")
                    item.setData(QtCore.Qt.ItemDataRole.UserRole, -1.0 if v is None else float(v))
                else:
                    text, val = _range(row, key, pct=key.startswith("uptake"))
                    item = _NumberItem(text)
                    item.setData(QtCore.Qt.ItemDataRole.UserRole, val)
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, QtCore.Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
