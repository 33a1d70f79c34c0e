"""The controller owns the current Scenario and schedules recomputation off the GUI thread.

Views never compute: they change the scenario through the controller and redraw on
``result_changed``. Bursts of input (a slider drag) are debounced; a result that arrives after
a newer request was made is dropped, so the screen never shows a stale answer.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

from core.catalog import Catalog, load_catalog
from core.engine import evaluate
from core.errors import KeiWhatIfError
from core.result import Result
from core.scenario import Scenario
from desktop.qt import QtCore, QtGui, Signal


class ScenarioCommand(QtGui.QUndoCommand):
    """One undoable change of the scenario. Changes with the same merge id collapse into one
    step (a slider drag is one undo step)."""

    def __init__(
        self, controller: Controller, old: Scenario, new: Scenario, text: str, merge_id: int
    ):
        super().__init__(text)
        self._controller = controller
        self.old = old
        self.new = new
        self._merge_id = merge_id

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QtGui.QUndoCommand) -> bool:
        if not isinstance(other, ScenarioCommand) or other.id() != self._merge_id:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self._controller.set_scenario(self.new)

    def undo(self) -> None:
        self._controller.set_scenario(self.old)


class Controller(QtCore.QObject):
    result_changed = Signal(object)  # Result
    scenario_changed = Signal(object)  # Scenario
    error = Signal(str)
    _finished = Signal(int, object, object)  # generation, Result | None, error text | None

    def __init__(
        self,
        scenario: Scenario,
        catalog: Catalog | None = None,
        debounce_ms: int = 15,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog if catalog is not None else load_catalog()
        self._scenario = scenario
        self._result: Result | None = None
        self._generation = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evaluate")
        self._lock = threading.Lock()
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._submit)
        self._finished.connect(self._on_finished, QtCore.Qt.ConnectionType.QueuedConnection)
        self._pending: Future[Result] | None = None
        self.undo_stack = QtGui.QUndoStack(self)
        self._merge_serial = 0

    def new_merge_id(self) -> int:
        """A fresh id for one gesture (e.g. one slider drag): its changes merge into one step."""
        self._merge_serial += 1
        return 1000 + self._merge_serial

    def change(self, scenario: Scenario, text: str, merge_id: int = -1) -> None:
        """Change the scenario as a user edit: undoable, then recomputed."""
        if scenario == self._scenario:
            return
        self.undo_stack.push(ScenarioCommand(self, self._scenario, scenario, text, merge_id))

    def reset(self, scenario: Scenario) -> None:
        """Replace the scenario without undo history (file open, kiosk idle reset)."""
        self.undo_stack.clear()
        self.set_scenario(scenario)

    # -- state -----------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @property
    def result(self) -> Result | None:
        return self._result

    def set_scenario(self, scenario: Scenario, immediate: bool = False) -> None:
        if scenario == self._scenario and self._result is not None:
            return
        self._scenario = scenario
        self.scenario_changed.emit(scenario)
        self._generation += 1
        if immediate:
            self._timer.stop()
            self._submit()
        else:
            self._timer.start()

    def recompute_now(self) -> Result | None:
        """Evaluate synchronously (start-up, tests, export): no stale result is possible."""
        self._timer.stop()
        self._generation += 1
        try:
            result = evaluate(self._scenario, self.catalog)
        except KeiWhatIfError as exc:
            self.error.emit(str(exc))
            return None
        self._result = result
        self.result_changed.emit(result)
        return result

    # -- background evaluation ---------------------------------------------------------------
    def _submit(self) -> None:
        gen = self._generation
        scenario = self._scenario
        catalog = self.catalog

        def work() -> None:
            try:
                res = evaluate(scenario, catalog)
                self._finished.emit(gen, res, None)
            except KeiWhatIfError as exc:
                self._finished.emit(gen, None, str(exc))
            except Exception as exc:  # pragma: no cover - shown to the user, never swallowed
                self._finished.emit(gen, None, f"Internal error: {exc!r}")

        self._pool.submit(work)

    def _on_finished(self, gen: int, result: object, err: object) -> None:
        if gen != self._generation:
            return  # a newer request is in flight: this answer is stale
        if err is not None:
            self.error.emit(str(err))
            return
        assert isinstance(result, Result)
        self._result = result
        self.result_changed.emit(result)

    def wait_idle(self, timeout_s: float = 10.0) -> None:
        """For tests and the self-test: wait until the latest request has been delivered."""
        deadline = QtCore.QDeadlineTimer(int(timeout_s * 1000))
        target = self._generation
        while not deadline.hasExpired():
            QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if (
                self._result is not None
                and not self._timer.isActive()
                and self._result.scenario == self._scenario
                and self._generation == target
            ):
                return
        raise TimeoutError("evaluation did not finish")

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
