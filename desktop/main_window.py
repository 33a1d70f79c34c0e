"""The main window (first wiring): pick two vehicles, see a core-computed figure and a chart."""

from __future__ import annotations

import pyqtgraph as pg

from core.result import Result
from core.scenario import Scenario
from core.version import APP_NAME, __version__
from desktop.controller import Controller
from desktop.qt import Qt, QtWidgets


class MainWindow(QtWidgets.QMainWindow):
    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.controller = Controller(scenario, parent=self)
        cat = self.controller.catalog
        central = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(central)
        form = QtWidgets.QFormLayout()
        self.pickers: list[QtWidgets.QComboBox] = []
        for i, label in enumerate(("Microcar", "Compare with")):
            box = QtWidgets.QComboBox()
            box.setAccessibleName(label)
            for v in cat.vehicles.values():
                box.addItem(f"{v.name}  [{v.class_label}]", v.id)
            box.setCurrentIndex(box.findData(scenario.vehicles[min(i, len(scenario.vehicles) - 1)]))
            box.currentIndexChanged.connect(self._picked)
            lab = QtWidgets.QLabel(label + ":")
            lab.setBuddy(box)
            form.addRow(lab, box)
            self.pickers.append(box)
        layout.addLayout(form)
        self.figures = QtWidgets.QLabel()
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.figures)
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setLabel("left", "Total cost over the horizon (USD)")
        self.bars = pg.BarGraphItem(x=[0, 1], height=[0, 0], width=0.6, brush="#0072B2")
        self.plot.addItem(self.bars)
        layout.addWidget(self.plot, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"{APP_NAME} {__version__}")
        self.controller.result_changed.connect(self.show_result)
        self.controller.error.connect(self.statusBar().showMessage)
        self.resize(960, 640)
        self._picked()
        self.controller.recompute_now()

    def chart_widgets(self) -> dict[str, QtWidgets.QWidget]:
        """Every chart, by name (the self-test and the exports render these)."""
        return {"cost_totals": self.plot}

    def _picked(self) -> None:
        ids = tuple(dict.fromkeys(str(b.currentData()) for b in self.pickers))
        self.controller.set_scenario(self.controller.scenario.with_(vehicles=ids))

    def show_result(self, result: Result) -> None:
        lines = []
        for vr in result.vehicles:
            c = vr.cost
            lines.append(
                f"<b>{vr.vehicle.name}</b>: ${c.total_usd.central:,.0f} "
                f"over {c.horizon_years} years "
                f"(P10–P90 ${c.total_usd.p10:,.0f}–${c.total_usd.p90:,.0f})"
            )
        self.figures.setText("<br>".join(lines))
        heights = [vr.cost.total_usd.central for vr in result.vehicles]
        self.bars.setOpts(x=list(range(len(heights))), height=heights)
        ax = self.plot.getAxis("bottom")
        ax.setTicks([[(i, vr.vehicle.name) for i, vr in enumerate(result.vehicles)]])

    def closeEvent(self, event: object) -> None:
        self.controller.shutdown()
        super().closeEvent(event)  # type: ignore[arg-type]
