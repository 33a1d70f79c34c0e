"""Sources tab: every default in use, its value, source and as-of date; user-set values marked."""

from __future__ import annotations

from collections.abc import Sequence

from core.data.catalog import Catalog, SourceEntry
from desktop.qt import Qt, QtCore, QtGui, QtWidgets

COLUMNS = ("Kind", "Id", "What", "Value", "Unit", "Confidence", "Source", "As of")


class SourcesTab(QtWidgets.QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.filter = QtWidgets.QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter: type a word, an id or a source"))
        self.filter.setAccessibleName(self.tr("Filter sources"))
        self.filter.setClearButtonEnabled(True)
        self.model = QtGui.QStandardItemModel(0, len(COLUMNS))
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = QtCore.QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QtWidgets.QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setAccessibleName(self.tr("Every default figure with its source"))
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        self.count = QtWidgets.QLabel()
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        note = QtWidgets.QLabel(
            self.tr(
                'Rows in <b>bold</b> are values you changed; "your value" rows show your number '
                "for a vehicle beside the default and the default's source. Confidence: <i>documented</i> = published or "
                "measured; <i>estimate</i> = derived from published figures; <i>judgement</i> = set by reasoning, "
                "treat as an assumption to vary."
            )
        )
        note.setWordWrap(True)
        lay.addWidget(note)
        self._key: tuple[object, ...] | None = None

    def show_catalog(self, catalog: Catalog, yours: Sequence[SourceEntry] = ()) -> None:
        """Every default in use; `yours` (the buyer's own numbers per vehicle, with the
        default and its source) come first."""
        user = frozenset(p.id for p in catalog.params.values() if p.user_set)
        key = (id(catalog.tables), user, tuple((e.id, e.value) for e in yours))
        if key == self._key:
            return  # unchanged: skip rebuilding hundreds of rows on every slider step
        self._key = key
        entries = [*yours, *catalog.sources()]
        self.model.setRowCount(0)
        bold = QtGui.QFont()
        bold.setBold(True)
        for e in entries:
            row = [
                QtGui.QStandardItem(str(x))
                for x in (e.kind, e.id, e.label, e.value, e.unit, e.confidence, e.source, e.as_of)
            ]
            row[6].setToolTip(e.source)
            if e.user_set:
                for it in row:
                    it.setFont(bold)
                row[5].setText("your value")
            self.model.appendRow(row)
        self.count.setText(self.tr("%n figure(s)", "", len(entries)))
        widths = (80, 190, 260, 130, 90, 90, 420, 80)
        for i, w in enumerate(widths):
            self.view.setColumnWidth(i, w)
