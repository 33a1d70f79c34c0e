"""File menu behaviour: New, Open, presets, Save, Save As, Recent, exports, autosave, recovery.

Nothing the user typed or saved is lost: saves are atomic (temp file + rename), the working
scenario is autosaved a moment after every change, and after a crash the next start offers to
recover it. A file that cannot be read leaves the open scenario untouched and says why; a save
or an autosave that fails says so (the scenario stays open, unchanged).

Each running instance autosaves to its own ``autosave-<id>.json`` and holds ``autosave-<id>.lock``
(a QLockFile) while it runs. At start-up, an autosave whose lock is stale (its process is gone)
is offered for recovery; a live instance's autosave is left alone.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from pathlib import Path

import shiboken6

from core.data.paths import SCENARIOS
from core.errors import KeiWhatIfError
from core.export import csv_bytes, ledger_rows, result_to_json, results_rows
from core.scenario.io import (
    atomic_write_bytes,
    load_scenario,
    save_scenario,
    scenario_from_json_text,
    scenario_to_json,
)
from core.scenario.model import Scenario, default_scenario, load_preset
from desktop.qt import QtCore, QtGui, QtWidgets

FILTER = "Kei What-If scenario (*.json);;All files (*)"
MAX_RECENT = 8
AUTOSAVE_DELAY_MS = 1500
AUTOSAVE_GLOB = "autosave*.json"
log = logging.getLogger("keiwhatif.files")


def autosave_dir() -> Path:
    base = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.AppDataLocation
    )
    return Path(base or Path.home() / ".keiwhatif")


class FileActions(QtCore.QObject):
    """Owns the current file path, the recent list and the autosave for a MainWindow."""

    title_changed = QtCore.Signal(str)

    def __init__(self, window: QtWidgets.QMainWindow, controller, settings, ask=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.settings = settings
        self.path: Path | None = None
        # `ask(kind, text, default)` lets tests answer dialogs; None = show real dialogs
        self.ask = ask
        self.autosave_path = autosave_dir() / f"autosave-{uuid.uuid4().hex[:12]}.json"
        self._lock: QtCore.QLockFile | None = None
        self._autosave_error = ""
        self._claimed: list[tuple[Path, QtCore.QLockFile]] = []  # recovered, to delete
        self._recovery_path: Path | None = None
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.autosave_now)
        controller.scenario_changed.connect(lambda _s: self._timer.start())
        controller.undo_stack.cleanChanged.connect(lambda _c: self._update_title())
        self._update_title()

    # -- menu ------------------------------------------------------------------------------
    def build_menu(self, menu: QtWidgets.QMenu) -> None:
        def act(text: str, slot, shortcut=None) -> QtGui.QAction:  # type: ignore[no-untyped-def]
            a = QtGui.QAction(text, self.window)
            if shortcut is not None:
                a.setShortcut(shortcut)
            a.triggered.connect(slot)
            menu.addAction(a)
            return a

        SK = QtGui.QKeySequence.StandardKey
        act(self.tr("&New (default scenario)"), self.new, SK.New)
        act(self.tr("&Open…"), self.open_dialog, SK.Open)
        self.presets_menu = menu.addMenu(self.tr("Open &preset"))
        for p in sorted(SCENARIOS.glob("*.json")):
            try:
                title = json.loads(p.read_text(encoding="utf-8")).get("name") or p.stem
            except (OSError, ValueError):
                continue
            a = QtGui.QAction(str(title), self.window)
            a.triggered.connect(lambda _c=False, stem=p.stem: self.open_preset(stem))
            self.presets_menu.addAction(a)
        self.recent_menu = menu.addMenu(self.tr("Open &recent"))
        self._fill_recent()
        menu.addSeparator()
        act(self.tr("&Save"), self.save, SK.Save)
        act(self.tr("Save &as…"), self.save_as_dialog, SK.SaveAs)
        menu.addSeparator()
        exp = menu.addMenu(self.tr("&Export"))
        for text, slot in (
            (self.tr("PDF report…"), self.export_pdf_dialog),
            (self.tr("Results table (CSV)…"), lambda: self.export_csv_dialog("results")),
            (self.tr("Per-year cost ledger (CSV)…"), lambda: self.export_csv_dialog("ledger")),
            (self.tr("Result (JSON)…"), self.export_json_dialog),
            (self.tr("Every chart (PNG and SVG) to a folder…"), self.export_charts_dialog),
        ):
            a = QtGui.QAction(text, self.window)
            a.triggered.connect(slot)
            exp.addAction(a)
        menu.addSeparator()

    # -- helpers -----------------------------------------------------------------------------
    def _message(self, kind: str, text: str) -> None:
        if self.ask is not None:
            self.ask(kind, text, None)
            return
        if kind == "error":
            QtWidgets.QMessageBox.warning(self.window, self.tr("Kei What-If"), text)
        elif kind == "warning":
            self.window.statusBar().showMessage(text)  # stays until the next message
        else:
            self.window.statusBar().showMessage(text, 8000)

    def _confirm_discard(self) -> bool:
        if self.controller.undo_stack.isClean():
            return True
        if self.ask is not None:
            return bool(self.ask("discard", "Discard unsaved changes?", True))
        btn = QtWidgets.QMessageBox.question(
            self.window,
            self.tr("Unsaved changes"),
            self.tr("The current scenario has unsaved changes. Save them first?"),
            QtWidgets.QMessageBox.StandardButton.Save
            | QtWidgets.QMessageBox.StandardButton.Discard
            | QtWidgets.QMessageBox.StandardButton.Cancel,
        )
        if btn == QtWidgets.QMessageBox.StandardButton.Save:
            return self.save()
        return btn == QtWidgets.QMessageBox.StandardButton.Discard

    def _update_title(self) -> None:
        if not shiboken6.isValid(self.window) or not shiboken6.isValid(self.controller.undo_stack):
            return  # signals can still arrive while Qt tears the window down
        name = self.path.name if self.path else self.tr("Untitled")
        # Qt shows "*" in place of "[*]" while the window is marked modified
        self.window.setWindowTitle(f"{name}[*] — Kei What-If")
        self.window.setWindowModified(not self.controller.undo_stack.isClean())
        self.title_changed.emit(name)

    def _set_current(self, path: Path | None) -> None:
        self.path = path
        self.controller.undo_stack.setClean()
        if path is not None:
            recent = [str(path)] + [p for p in self.settings.get("recent_files") if p != str(path)]
            self.settings.set("recent_files", recent[:MAX_RECENT])
            self.settings.set("last_scenario", str(path))
            self._fill_recent()
        self._update_title()

    def _fill_recent(self) -> None:
        if not hasattr(self, "recent_menu"):
            return
        self.recent_menu.clear()
        files = self.settings.get("recent_files")[:MAX_RECENT]
        for p in files:
            a = QtGui.QAction(p, self.window)
            a.triggered.connect(lambda _c=False, p=p: self.open_path(Path(p)))
            self.recent_menu.addAction(a)
        self.recent_menu.setEnabled(bool(files))

    # -- actions -------------------------------------------------------------------------------
    def new(self) -> None:
        if self._confirm_discard():
            self.controller.reset(default_scenario())
            self._set_current(None)

    def open_preset(self, stem: str) -> None:
        if not self._confirm_discard():
            return
        try:
            sc = load_preset(stem)
        except (KeiWhatIfError, OSError, ValueError) as exc:
            self._message("error", str(exc))
            return
        self.controller.reset(sc)
        self._set_current(None)

    def open_dialog(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.home())
        fn, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.window, self.tr("Open scenario"), start, FILTER
        )
        if fn:
            self.open_path(Path(fn))

    def open_path(self, path: Path) -> bool:
        """Open a scenario file; on any problem, say why and keep the open scenario."""
        if not self._confirm_discard():
            return False
        try:
            sc = load_scenario(path, self.controller.catalog)
        except KeiWhatIfError as exc:
            self._message("error", self.tr("Could not open the scenario.\n\n%s") % exc)
            return False
        self.controller.reset(sc)
        self._set_current(path)
        return True

    def reopen_last(self) -> bool:
        """Start where the user left off: the last saved or opened file, if it still loads."""
        last = self.settings.get("last_scenario")
        if not last or not Path(last).is_file():
            return False
        try:
            sc = load_scenario(Path(last), self.controller.catalog)
        except KeiWhatIfError as exc:
            self._message("info", self.tr("Started on the default scenario: %s") % exc)
            return False
        self.controller.reset(sc)
        self._set_current(Path(last))
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as_dialog()
        return self.save_to(self.path)

    def save_as_dialog(self) -> bool:
        start = str(self.path) if self.path else str(Path.home() / "scenario.json")
        fn, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window, self.tr("Save scenario as"), start, FILTER
        )
        if not fn:
            return False
        path = Path(fn)
        if path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            save_scenario(self.controller.scenario, path)
        except (KeiWhatIfError, OSError, ValueError) as exc:
            # the scenario stays open and autosaved; the old file (if any) is unchanged
            self._message(
                "error",
                self.tr("Could not save.\n\n%s\n\nYour scenario is still open; nothing was lost.")
                % exc,
            )
            return False
        self._set_current(path)
        self._message("info", self.tr("Saved %s") % path)
        return True

    # -- exports ------------------------------------------------------------------------------
    def _export_target(self, title: str, suggested: str, filt: str) -> Path | None:
        base = self.path.with_suffix("") if self.path else Path.home() / "keiwhatif"
        fn, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window, title, f"{base}{suggested}", filt
        )
        return Path(fn) if fn else None

    def export_pdf_dialog(self) -> None:
        p = self._export_target(self.tr("Export PDF report"), "-report.pdf", "PDF (*.pdf)")
        if p:
            self.export_pdf(p)

    def export_pdf(self, path: Path) -> bool:
        from desktop.report import write_pdf

        result = self.controller.result
        if result is None:
            return False
        try:
            packages = self.controller.packages(result.scenario) if result.scenario.packages else []
            write_pdf(result, path, packages=packages)
        except KeiWhatIfError as exc:
            self._message("error", self.tr("Could not export.\n\n%s") % exc)
            return False
        self._message("info", self.tr("Report written to %s") % path)
        return True

    def export_csv_dialog(self, kind: str) -> None:
        p = self._export_target(self.tr("Export CSV"), f"-{kind}.csv", "CSV (*.csv)")
        if p:
            self.export_csv(p, kind)

    def export_csv(self, path: Path, kind: str) -> bool:
        result = self.controller.result
        if result is None:
            return False
        rows = results_rows(result) if kind == "results" else ledger_rows(result)
        return self._write(path, csv_bytes(*rows))

    def export_json_dialog(self) -> None:
        p = self._export_target(self.tr("Export result JSON"), "-result.json", "JSON (*.json)")
        if p and self.controller.result is not None:
            self._write(p, result_to_json(self.controller.result).encode("utf-8"))

    def export_charts_dialog(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(
            self.window, self.tr("Export charts to folder")
        )
        if folder:
            self.export_charts(Path(folder))

    def export_charts(self, folder: Path) -> list[Path]:
        from desktop.chart_export import export_chart

        written: list[Path] = []
        for name, widget in self.window.chart_widgets().items():  # type: ignore[attr-defined]
            for ext in ("png", "svg"):
                target = folder / f"{name}.{ext}"
                try:
                    export_chart(widget, target)
                except KeiWhatIfError as exc:
                    self._message("error", self.tr("Could not export.\n\n%s") % exc)
                    return written
                written.append(target)
        self._message("info", self.tr("%d chart files written to %s") % (len(written), folder))
        return written

    def _write(self, path: Path, data: bytes) -> bool:
        try:
            atomic_write_bytes(path, data)
        except KeiWhatIfError as exc:
            self._message("error", self.tr("Could not export.\n\n%s") % exc)
            return False
        self._message("info", self.tr("Written to %s") % path)
        return True

    # -- autosave and recovery ------------------------------------------------------------------
    def _lock_path(self, autosave: Path) -> Path:
        return autosave.with_suffix(".lock")

    def _hold_lock(self) -> None:
        """Claim this instance's autosave (its lock says the session is alive)."""
        if self._lock is not None and self._lock.fileName() == str(
            self._lock_path(self.autosave_path)
        ):
            return
        if self._lock is not None:
            self._lock.unlock()
        lock = QtCore.QLockFile(str(self._lock_path(self.autosave_path)))
        lock.setStaleLockTime(0)  # stale only when the owning process is gone
        lock.tryLock(0)
        self._lock = lock

    def autosave_now(self) -> bool:
        try:
            self.autosave_path.parent.mkdir(parents=True, exist_ok=True)
            self._hold_lock()
            atomic_write_bytes(
                self.autosave_path, scenario_to_json(self.controller.scenario).encode("utf-8")
            )
        except (KeiWhatIfError, OSError, ValueError) as exc:
            # never interrupt the user, but never fail silently: the status bar says so until
            # an autosave works again (the next change tries again)
            text = self.tr("Autosave failed: your changes are not backed up (%s).") % exc
            if text != self._autosave_error:
                self._autosave_error = text
                log.warning("%s", text)
                self._message("warning", text)
            return False
        if self._autosave_error:
            self._autosave_error = ""
            self._message("info", self.tr("Autosave works again."))
        return True

    @property
    def autosave_error(self) -> str:
        return self._autosave_error

    def clear_autosave(self) -> None:
        """A clean close: this instance's autosave and lock go (and recovered ones it took)."""
        self._timer.stop()
        with contextlib.suppress(OSError):
            os.unlink(self.autosave_path)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self._drop_claimed()

    def _drop_claimed(self) -> None:
        for path, lock in self._claimed:
            with contextlib.suppress(OSError):
                os.unlink(path)
            lock.unlock()
        self._claimed = []

    def pending_recovery(self) -> Scenario | None:
        """The newest readable autosave left by a session that did not close cleanly (its lock
        is stale); autosaves of instances still running are never touched."""
        folder = self.autosave_path.parent
        try:
            candidates = sorted(
                (p for p in folder.glob(AUTOSAVE_GLOB) if p != self.autosave_path),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
        except OSError:
            return None
        for path in candidates:
            lock = QtCore.QLockFile(str(self._lock_path(path)))
            lock.setStaleLockTime(0)
            if not lock.tryLock(0):
                continue  # another instance is running and owns it
            try:
                sc = scenario_from_json_text(
                    path.read_text(encoding="utf-8"), path, self.controller.catalog
                )
            except (KeiWhatIfError, OSError, UnicodeDecodeError) as exc:
                log.warning("autosave %s unreadable (%s); removed", path.name, exc)
                with contextlib.suppress(OSError):
                    os.unlink(path)
                lock.unlock()
                continue
            self._claimed.append((path, lock))
            self._recovery_path = path
            return sc
        return None

    def offer_recovery(self) -> bool:
        sc = self.pending_recovery()
        if sc is None:
            return False
        when = (
            QtCore.QFileInfo(str(self._recovery_path)).lastModified().toString("yyyy-MM-dd hh:mm")
        )
        text = (
            self.tr(
                "Kei What-If did not close normally last time. Recover the scenario you were working on (autosaved %s)?"
            )
            % when
        )
        if self.ask is not None:
            yes = bool(self.ask("recover", text, True))
        else:
            yes = (
                QtWidgets.QMessageBox.question(self.window, self.tr("Recover unsaved work"), text)
                == QtWidgets.QMessageBox.StandardButton.Yes
            )
        if yes:
            self.controller.reset(sc)
            # recovered work is not saved anywhere yet: mark it modified
            self.controller.undo_stack.resetClean()
            self._update_title()
            self.autosave_now()  # now backed up under this instance's own name
        self._drop_claimed()  # offered once: recovered into this session, or declined
        return yes
