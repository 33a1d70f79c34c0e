"""Feasibility tab: the scorecard (symbol, word, reason, source, confidence) and the state map.

The map follows the scorecard's vehicle (its own operating class in every state) and the rules
chosen above it: today's law (with the scenario's levers) or one of the policy packages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from core.data.states import STATE_NAMES
from core.result import Result
from desktop.chart_panel import ChartPanel
from desktop.qt import Qt, QtGui, QtWidgets, Signal
from desktop.state_map import StateTileMap, TileStatus
from desktop.theme import STATUS_COLOUR, STATUS_SYMBOL, STATUS_WORD

# (result, vehicle id, package name or None) -> one tile per state
StatusProvider = Callable[[Result, str | None, str | None], dict[str, TileStatus]]
TODAY = "Today's law"
_TAG = re.compile(r"<[^>]+>")


def plain(detail: str) -> str:
    """A tile's rich-text detail as one plain line (for the table and the summary)."""
    return html.unescape(_TAG.sub("", detail.replace("<br>", " · ")))


class FeasibilityTab(QtWidgets.QWidget):
    state_picked = Signal(str)

    def __init__(self, status_provider: StatusProvider | None = None) -> None:
        super().__init__()
        self.status_provider = status_provider
        self.vehicle = QtWidgets.QComboBox()
        self.vehicle.setAccessibleName(self.tr("Vehicle for the scorecard"))
        self.vehicle.activated.connect(lambda _i: self._vehicle_changed())
        self.rules = QtWidgets.QComboBox()
        self.rules.setAccessibleName(self.tr("Rules the map shows"))
        self.rules.activated.connect(lambda _i: self._draw_map())
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
            self.tr(
                "Where this vehicle may be driven (hover for the rule, click to choose a state)"
            ),
            self.map,
        )
        right = QtWidgets.QWidget()
        rl = QtWidgets.QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rules_row = QtWidgets.QHBoxLayout()
        rules_lab = QtWidgets.QLabel(self.tr("Map rules:"))
        rules_lab.setBuddy(self.rules)
        rules_row.addWidget(rules_lab)
        rules_row.addWidget(self.rules, 1)
        rl.addLayout(rules_row)
        rl.addWidget(self.map_panel, 1)
        split = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([500, 420])
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
        rules = self.rules.currentData()
        self.rules.blockSignals(True)
        self.rules.clear()
        self.rules.addItem(self.tr(TODAY), None)
        for p in result.scenario.packages:
            self.rules.addItem(self.tr("Package: {0}").format(p.name), p.name)
        self.rules.setCurrentIndex(max(self.rules.findData(rules), 0))
        self.rules.blockSignals(False)
        self._draw_table()
        self._draw_map()

    def _vehicle_changed(self) -> None:
        self._draw_table()
        self._draw_map()

    def _draw_map(self) -> None:
        result = self._result
        if result is None:
            return
        state = result.scenario.state
        vid = self.vehicle.currentData()
        package = self.rules.currentData()
        status = self.status_provider(result, vid, package) if self.status_provider else {}
        self.map.set_status(status, state)
        name = next((v.vehicle.name for v in result.vehicles if v.vehicle.id == vid), "")
        rules = self.rules.currentText()
        self.map_panel.title.setText(
            "<b>"
            + html.escape(
                self.tr("Where the {0} may be driven · {1} · click a state").format(name, rules)
            )
            + "</b>"
        )
        st = status.get(state)
        # One short sentence (the rule in full is in each tile's tooltip and in the table); the
        # legend is drawn inside the map so an exported map image keeps it.
        self.map_panel.set_summary(
            f"{name} in {STATE_NAMES[state]}: {st.label} ({rules})." if st else STATE_NAMES[state]
        )
        self.map_panel.set_table(
            ["State", "Status", "Detail"],
            [
                [f"{STATE_NAMES[c]} ({c})", f"{ts.symbol} {ts.label}", plain(ts.detail)]
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
