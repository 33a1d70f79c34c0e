"""The main window: inputs on the left, headline cards on top, tabs for the detail."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from core.export import your_value_sources
from core.result import Result
from core.scenario.model import Scenario
from core.version import APP_NAME, __version__
from desktop import present
from desktop import theme as themes
from desktop.app import screen_fit
from desktop.cards import CardsRow
from desktop.chart_panel import refresh_plots
from desktop.controller import Controller
from desktop.file_actions import FileActions
from desktop.inputs_panel import InputsPanel
from desktop.qt import QtCore, QtGui, QtWidgets
from desktop.settings import Settings
from desktop.state_status import state_statuses
from desktop.tabs import ResultView
from desktop.tabs.cost_tab import CostTab
from desktop.tabs.feasibility_tab import FeasibilityTab
from desktop.tabs.safety_tab import SafetyTab
from desktop.tabs.sources_tab import SourcesTab
from desktop.vehicle_edit import VehicleEditDialog, edited_scenario


class MainWindow(QtWidgets.QMainWindow):
    repainted = QtCore.Signal(float)  # seconds from the scenario change to the finished repaint

    def __init__(
        self,
        scenario: Scenario,
        settings: Settings | None = None,
        ask: Callable[[str, str, object], object] | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.settings = settings or Settings()
        self.controller = Controller(scenario, parent=self)
        self.files = FileActions(self, self.controller, self.settings, ask)
        self._changed_at = time.perf_counter()
        self.controller.scenario_changed.connect(self._mark_change)

        self.inputs = InputsPanel(self.controller)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inputs)
        scroll.setMinimumWidth(350)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(self.tr("Inputs"))

        self.cards = CardsRow()
        self.cards.edit_requested.connect(self.edit_vehicle)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setAccessibleName(self.tr("Details"))
        self.cost_tab = CostTab()
        self.safety_tab = SafetyTab(self.controller.query)
        self.feas_tab = FeasibilityTab(state_statuses)
        self.feas_tab.state_picked.connect(self._state_picked)
        self.sources_tab = SourcesTab()
        self.tabs.addTab(self.cost_tab, self.tr("&Cost"))
        self.tabs.addTab(self.safety_tab, self.tr("&Safety"))
        self.tabs.addTab(self.feas_tab, self.tr("&Feasibility"))
        self.policy_tab: QtWidgets.QWidget | None = None
        self._add_policy_tab()
        self.tabs.addTab(self.sources_tab, self.tr("S&ources"))
        self._tab_result: dict[int, Result] = {}
        self.tabs.currentChanged.connect(self._tab_shown)

        right = QtWidgets.QWidget()
        rl = QtWidgets.QVBoxLayout(right)
        rl.setContentsMargins(4, 4, 4, 4)
        # "How to read this": a short plain-language guide, folded away until asked for
        self.how_button = QtWidgets.QToolButton()
        self.how_button.setText(self.tr("How to read this"))
        self.how_button.setCheckable(True)
        self.how_button.setToolTip(self.tr("Show or hide a short guide to the figures"))
        self.how_text = QtWidgets.QLabel(present.HOW_TO_READ)
        self.how_text.setWordWrap(True)
        self.how_text.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.how_text.setVisible(False)
        self.how_button.toggled.connect(self.how_text.setVisible)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.cards.sentence, 1)
        top.addWidget(self.how_button, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        rl.addLayout(top)
        rl.addWidget(self.how_text)
        rl.addWidget(self.cards)
        rl.addWidget(self.cards.comparison)
        rl.addWidget(self.tabs, 1)
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([360, 1000])
        split.setChildrenCollapsible(False)
        self.setCentralWidget(split)

        self._build_menus()
        self.status = self.statusBar()
        self.controller.result_changed.connect(self.show_result)
        self.controller.error.connect(self._show_error)
        self.apply_settings()
        self.controller.recompute_now()

    # -- optional policy tab (policymaker mode) -----------------------------------------------
    def _add_policy_tab(self) -> None:
        try:
            from desktop.tabs.policy_tab import PolicyTab
        except ImportError:
            return
        self.policy_tab = PolicyTab(self.controller)
        self.tabs.addTab(self.policy_tab, self.tr("&Policy"))
        from desktop.tabs.nation_tab import NationTab  # the nation view (issue 19)

        self.nation_tab = NationTab(self.controller)
        self.tabs.addTab(self.nation_tab, self.tr("&Nation"))

    # -- menus --------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu(self.tr("&File"))
        self.files.build_menu(self.file_menu)
        quit_act = QtGui.QAction(self.tr("&Quit"), self)
        quit_act.setShortcut(QtGui.QKeySequence.StandardKey.Quit)
        quit_act.triggered.connect(self.close)
        self.file_menu.addAction(quit_act)

        edit = mb.addMenu(self.tr("&Edit"))
        self.undo_action = self.controller.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QtGui.QKeySequence.StandardKey.Undo)
        self.redo_action = self.controller.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QtGui.QKeySequence.StandardKey.Redo)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)

        view = mb.addMenu(self.tr("&View"))
        self.mode_group = QtGui.QActionGroup(self)
        self.buyer_action = QtGui.QAction(
            self.tr("&Buyer mode (plain, few inputs)"), self, checkable=True
        )
        self.policy_action = QtGui.QAction(
            self.tr("&Policymaker mode (every lever)"), self, checkable=True
        )
        for a in (self.buyer_action, self.policy_action):
            self.mode_group.addAction(a)
            view.addAction(a)
            a.triggered.connect(self._mode_from_menu)
        self.buyer_action.setShortcut("Ctrl+1")
        self.policy_action.setShortcut("Ctrl+2")
        view.addSeparator()
        self.units_group = QtGui.QActionGroup(self)
        self.us_action = QtGui.QAction(self.tr("US units (miles, mpg, lb)"), self, checkable=True)
        self.metric_action = QtGui.QAction(
            self.tr("Metric units (km, L/100 km, kg)"), self, checkable=True
        )
        for a in (self.us_action, self.metric_action):
            self.units_group.addAction(a)
            view.addAction(a)
            a.triggered.connect(self._units_from_menu)
        view.addSeparator()
        self.theme_group = QtGui.QActionGroup(self)
        self.theme_actions: dict[str, QtGui.QAction] = {}
        for key, text in (
            ("system", self.tr("Theme: follow system")),
            ("light", self.tr("Theme: light")),
            ("dark", self.tr("Theme: dark")),
        ):
            a = QtGui.QAction(text, self, checkable=True)
            a.setData(key)
            self.theme_group.addAction(a)
            view.addAction(a)
            a.triggered.connect(self._theme_from_menu)
            self.theme_actions[key] = a

        help_menu = mb.addMenu(self.tr("&Help"))
        about = QtGui.QAction(self.tr("&About Kei What-If"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        how = QtGui.QAction(self.tr("How to read this"), self)
        how.triggered.connect(lambda: self.how_button.setChecked(True))
        help_menu.addAction(how)
        src = QtGui.QAction(self.tr("Where the numbers come from"), self)
        src.triggered.connect(lambda: self.tabs.setCurrentWidget(self.sources_tab))
        help_menu.addAction(src)

        tb = self.addToolBar(self.tr("Mode"))
        tb.setObjectName("modeToolbar")
        tb.setMovable(False)
        self.mode_switch = QtWidgets.QComboBox()
        self.mode_switch.addItem(self.tr("Buyer"), "buyer")
        self.mode_switch.addItem(self.tr("Policymaker"), "policymaker")
        self.mode_switch.setAccessibleName(self.tr("Mode"))
        self.mode_switch.activated.connect(
            lambda _i: self.set_mode(str(self.mode_switch.currentData()))
        )
        tb.addWidget(QtWidgets.QLabel(self.tr(" Mode: ")))
        tb.addWidget(self.mode_switch)
        tb.addSeparator()
        tb.addAction(self.undo_action)
        tb.addAction(self.redo_action)

    # -- settings, mode, units, theme -----------------------------------------------------------
    def apply_settings(self) -> None:
        geo = self.settings.get("geometry")
        restored = not geo.isEmpty() and self.restoreGeometry(geo)
        if not geo.isEmpty() and not restored:
            logging.getLogger("keiwhatif.settings").warning(
                "settings: geometry could not be restored; using the default size"
            )
        avail = (self.screen() or QtGui.QGuiApplication.primaryScreen()).availableGeometry()
        # no saved geometry, or one from a larger screen: fit this screen's available geometry
        if not restored or not avail.contains(self.frameGeometry()):
            self.setGeometry(screen_fit(self))
        self.set_theme(self.settings.get("theme"))
        self.set_units(self.settings.get("units"))
        self.set_mode(self.settings.get("mode"))

    def set_mode(self, mode: str) -> None:
        policymaker = mode == "policymaker"
        self.settings.set("mode", "policymaker" if policymaker else "buyer")
        (self.policy_action if policymaker else self.buyer_action).setChecked(True)
        self.mode_switch.setCurrentIndex(1 if policymaker else 0)
        self.inputs.set_mode(policymaker)
        if self.policy_tab is not None:
            idx = self.tabs.indexOf(self.policy_tab)
            self.tabs.setTabVisible(idx, policymaker)
        if getattr(self, "nation_tab", None) is not None:
            self.tabs.setTabVisible(self.tabs.indexOf(self.nation_tab), policymaker)

    def _mode_from_menu(self) -> None:
        self.set_mode("policymaker" if self.policy_action.isChecked() else "buyer")

    def set_units(self, units: str) -> None:
        units = "metric" if units == "metric" else "us"
        self.settings.set("units", units)
        (self.metric_action if units == "metric" else self.us_action).setChecked(True)
        self.inputs.set_units(units)
        self.cards.set_units(units)
        self.feas_tab.set_units(units)
        if self.controller.result is not None:
            self.cards.show_result(self.controller.result)

    def _units_from_menu(self) -> None:
        self.set_units("metric" if self.metric_action.isChecked() else "us")

    def set_theme(self, name: str) -> None:
        name = name if name in ("system", "light", "dark") else "system"
        self.settings.set("theme", name)
        self.theme_actions[name].setChecked(True)
        app = QtWidgets.QApplication.instance()
        if isinstance(app, QtWidgets.QApplication):
            themes.apply_theme(app, themes.resolve(name))
        # style sheets resolve palette(...) when set: re-apply them so cards follow the theme
        for card in self.cards.cards:
            card.setStyleSheet(card.styleSheet())
        refresh_plots(self)
        for w in self.findChildren(QtWidgets.QWidget):
            from pyqtgraph import PlotWidget

            if isinstance(w, PlotWidget):
                t = themes.resolve(name)
                w.setBackground(t.background)
                for axis in ("left", "bottom"):
                    ax = w.getAxis(axis)
                    ax.setPen(t.foreground)
                    ax.setTextPen(t.foreground)

    def _theme_from_menu(self) -> None:
        act = self.theme_group.checkedAction()
        if act is not None:
            self.set_theme(str(act.data()))

    # -- results ------------------------------------------------------------------------------
    def _mark_change(self, _sc: object) -> None:
        self._changed_at = time.perf_counter()

    def _tab_views(self) -> list[QtWidgets.QWidget]:
        """The tabs that draw a Result (each a ResultView)."""
        views: list[QtWidgets.QWidget] = [self.cost_tab, self.safety_tab, self.feas_tab]
        if self.policy_tab is not None:
            views.append(self.policy_tab)
        return views

    def _update_tab(self, tab: QtWidgets.QWidget, result: Result) -> None:
        if tab is self.sources_tab:
            self.sources_tab.show_catalog(result.catalog, your_value_sources(result))
        elif isinstance(tab, ResultView):
            tab.show_result(result)
            refresh_plots(tab)
        self._tab_result[id(tab)] = result

    def _tab_shown(self, _index: int) -> None:
        """A tab brought to front catches up with the latest result (hidden tabs wait)."""
        result = self.controller.result
        tab = self.tabs.currentWidget()
        if result is not None and self._tab_result.get(id(tab)) is not result:
            self._update_tab(tab, result)

    def refresh_all_tabs(self) -> None:
        """Bring every tab up to date now (exports, self-test, screenshots)."""
        result = self.controller.result
        if result is not None:
            for tab in [*self._tab_views(), self.sources_tab]:
                if self._tab_result.get(id(tab)) is not result:
                    self._update_tab(tab, result)

    def show_result(self, result: Result) -> None:
        self.cards.show_result(result)
        # only the visible tab redraws now: hidden ones update when they are shown
        self._update_tab(self.tabs.currentWidget(), result)
        self.status.showMessage(
            self.tr("%s %s · %s draws · seed %s")
            % (APP_NAME, __version__, f"{result.scenario.draws:,}", result.scenario.seed)
        )
        self.status.setToolTip(present.seed_tooltip(result.scenario.draws, result.scenario.seed))
        # settle every layout the new texts asked for now, so the window is painted once
        # instead of once per layout pass (six paints per recompute before this)
        for _ in range(3):
            QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
        self.repainted.emit(time.perf_counter() - self._changed_at)

    def edit_vehicle(self, vid: str) -> VehicleEditDialog | None:
        """Open "Your numbers" for one vehicle; the scenario changes (undoably) on Apply."""
        result = self.controller.result
        if result is None or not vid:
            return None
        vr = result.vehicle(vid)
        sc = self.controller.scenario
        dlg = VehicleEditDialog(vr.vehicle, sc.override_for(vid), vr.cost.defaults, self)
        dlg.finished.connect(lambda code: self._vehicle_edited(dlg, code))
        dlg.open()
        return dlg

    def _vehicle_edited(self, dlg: VehicleEditDialog, code: int) -> None:
        if code != QtWidgets.QDialog.DialogCode.Accepted:
            return
        today = QtCore.QDate.currentDate().toString("yyyy-MM-dd")
        sc = edited_scenario(self.controller.scenario, dlg.vehicle, dlg.override(),
                             dlg.copy_name, self.controller.catalog.vehicles, today)  # fmt: skip
        self.controller.change(sc, self.tr("Your numbers for %s") % dlg.vehicle.name)

    def _show_error(self, text: str) -> None:
        self.status.showMessage(text, 10_000)

    def _state_picked(self, code: str) -> None:
        self.controller.change(self.controller.scenario.with_(state=code), self.tr("Choose state"))

    def chart_widgets(self) -> dict[str, QtWidgets.QWidget]:
        """Every chart, by name (the self-test and the exports render these)."""
        self.refresh_all_tabs()
        charts: dict[str, QtWidgets.QWidget] = {}
        for tab in self._tab_views():
            assert isinstance(tab, ResultView)
            charts.update(tab.charts())
        return charts

    def show_about(self) -> None:
        QtWidgets.QMessageBox.about(
            self,
            self.tr("About %s") % APP_NAME,
            f"<h3>{APP_NAME} {__version__}</h3><p>What would a kei-class microcar really mean against a "
            "subcompact or a pickup: total cost, safety exposure and feasibility.</p>"
            "<p>Every default figure carries its source and as-of date (Sources tab). Ranges are "
            "P10–P90 of a seeded Monte Carlo run. Works fully offline.</p>",
        )

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if not self.files._confirm_discard():
            event.ignore()
            return
        self.settings.set("geometry", self.saveGeometry())
        self.files.clear_autosave()
        if getattr(self, "nation_tab", None) is not None:
            self.nation_tab.shutdown()
        self.controller.shutdown()
        super().closeEvent(event)
