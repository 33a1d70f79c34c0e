"""Feasibility tab: the scorecard (symbol, word, reason, source, confidence) and the state map."""

from __future__ import annotations

from collections.abc import Callable

from core.data.states import STATE_NAMES
from core.result import Result
from desktop.chart_panel import ChartPanel
from desktop.qt import Qt, QtGui, QtWidgets, Signal
from desktop.state_map import StateTileMap, TileStatus
from desktop.theme import STATUS_COLOUR, STATUS_SYMBOL, STATUS_WORD

StatusProvider = Callable[[Result], dict[str, TileStatus]]


class FeasibilityTab(QtWidgets.QWidget):
    state_picked = Signal(str)

    def __init__(self, status_provider: StatusProvider | None = None) -> None:
        super().__init__()
        self.status_provider = status_provider
        self.vehicle = QtWidgets.QComboBox()
        self.vehicle.setAccessibleName(self.tr("Vehicle for the scorecard"))
        self.vehicle.activated.connect(lambda _i: self._draw_table())
        self.headline = QtWidgets.QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.table = QtWidgets.QTableWidget()
        self.table.setAccessibleName(self.tr("Feasibility scorecard"))
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setColumnCount(3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Result"), self.tr("Check: why"), self.tr("Confidence · source")]
        )
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        hh = self.table.horizontalHeader()
        # fixed narrow columns for the verdict and the check's name, the reason takes the rest;
        # the source is elided (full text in its tooltip) so reasons stay readable at 1280 px
        fixed = QtWidgets.QHeaderView.ResizeMode.Fixed
        for col, width in ((0, 92), (2, 170)):
            hh.setSectionResizeMode(col, fixed)
            hh.resizeSection(col, width)
        hh.setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.Stretch)
        left = QtWidgets.QWidget()
        ll = QtWidgets.QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        row = QtWidgets.QHBoxLayout()
        lab = QtWidgets.QLabel(self.tr("Scorecard for:"))
        lab.setBuddy(self.vehicle)
        row.addWidget(lab)
        row.addWidget(self.vehicle, 1)
        ll.addLayout(row)
        ll.addWidget(self.headline)
        ll.addWidget(self.table, 1)

        self.map = StateTileMap()
        self.map.state_clicked.connect(self.state_picked)
        self.map_panel = ChartPanel(
            self.tr("Where a 25-year-old kei vehicle can be titled for the road (click a state)"),
            self.map,
        )
        right = self.map_panel
        split = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 360])
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)
        self._result: Result | None = None

    def panels(self) -> dict[str, ChartPanel]:
        return {"feasibility_state_map": self.map_panel}

    def charts(self) -> dict[str, QtWidgets.QWidget]:
        return {"feasibility_scorecard": self.table, "feasibility_state_map": self.map}

    def show_result(self, result: Result) -> None:
        self._result = result
        cur = self.vehicle.currentData()
        self.vehicle.blockSignals(True)
        self.vehicle.clear()
        for vr in result.vehicles:
            f = vr.feasibility
            self.vehicle.addItem(f"{STATUS_SYMBOL[f.verdict]} {vr.vehicle.name}", vr.vehicle.id)
        self.vehicle.setCurrentIndex(max(self.vehicle.findData(cur), 0))
        self.vehicle.blockSignals(False)
        self._draw_table()
        state = result.scenario.state
        status = self.status_provider(result) if self.status_provider else {}
        self.map.set_status(status, state)
        st = status.get(state)
        self.map_panel.set_summary(
            f"{STATE_NAMES[state]}: {st.symbol} {st.label}. {st.detail}"
            if st
            else STATE_NAMES[state]
        )
        legend: dict[str, tuple[str, str]] = {}
        for ts in status.values():
            legend.setdefault(ts.key, (f"{ts.symbol} {ts.label}", ts.colour))
        self.map_panel.set_legend(list(legend.values()))
        self.map_panel.set_table(
            ["State", "Status", "Detail"],
            [
                [f"{STATE_NAMES[c]} ({c})", f"{ts.symbol} {ts.label}", ts.detail]
                for c, ts in sorted(status.items(), key=lambda kv: STATE_NAMES[kv[0]])
            ],
        )

    def _draw_table(self) -> None:
        if self._result is None:
            return
        vid = self.vehicle.currentData()
        vr = next(
            (v for v in self._result.vehicles if v.vehicle.id == vid), self._result.vehicles[0]
        )
        f = vr.feasibility
        head = f.headline
        sym, word, col = STATUS_SYMBOL[f.verdict], STATUS_WORD[f.verdict], STATUS_COLOUR[f.verdict]
        binding = ""
        if f.binding_check:
            binding = f" Binding constraint: <b>{f.binding_check.label}</b>."
        self.headline.setText(
            f"<span style='color:{col}; font-size:13pt'><b>{sym} {word}</b></span> — {head}{binding}"
        )
        t = self.table
        t.setRowCount(len(f.checks))
        for r, c in enumerate(f.checks):
            res = QtWidgets.QTableWidgetItem(f"{STATUS_SYMBOL[c.status]} {STATUS_WORD[c.status]}")
            res.setForeground(QtGui.QBrush(QtGui.QColor(STATUS_COLOUR[c.status])))
            font = res.font()
            font.setBold(True)
            res.setFont(font)
            items = [
                res,
                QtWidgets.QTableWidgetItem(f"{c.label}: {c.reason}"),
                QtWidgets.QTableWidgetItem(f"{c.confidence}, {c.as_of}\n{_clip(c.source, 60)}"),
            ]
            items[2].setToolTip(f"{c.confidence}, as of {c.as_of}\n{c.source}")
            items[1].setToolTip(c.reason)
            for k, it in enumerate(items):
                t.setItem(r, k, it)
        t.resizeRowsToContents()


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
