"""The controller owns the current Scenario and schedules recomputation off the GUI thread.

Views never compute: they change the scenario through the controller and redraw on
``result_changed``. Bursts of input (a slider drag) are debounced; a result that arrives after
a newer request was made is dropped, so the screen never shows a stale answer.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar

from core.data.catalog import Catalog, load_catalog
from core.engine import evaluate, evaluate_packages
from core.errors import KeiWhatIfError
from core.result import Result
from core.scenario.model import Scenario
from desktop.qt import QtCore, QtGui, Signal

UNDO_LIMIT = 200


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
    """Owns the scenario, the undo stack and the recompute scheduling.

    Scheduling is "latest wins": a change starts an evaluation at once when none is running
    (no debounce delay for a single edit); changes that arrive while one runs are coalesced,
    and when it finishes the newest scenario is evaluated next. A slider drag therefore
    repaints as fast as the model can go and never queues up stale work. Results are shown
    only if they are newer than what is on screen.
    """

    # every live controller: a test harness shuts down those a test left running, so no worker
    # thread outlives the widgets it reports to
    instances: ClassVar[weakref.WeakSet[Controller]] = weakref.WeakSet()

    result_changed = Signal(object)  # Result
    scenario_changed = Signal(object)  # Scenario
    error = Signal(str)
    _finished = Signal(int, object, object)  # generation, Result | None, error text | None
    _query_done = Signal(str, int, object, object)  # key, serial, value, error text | None

    def __init__(
        self,
        scenario: Scenario,
        catalog: Catalog | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog if catalog is not None else load_catalog()
        self._scenario = scenario
        self._result: Result | None = None
        self._generation = 0  # bumped by every scenario change
        self._submitted = -1  # generation of the evaluation in flight (or last submitted)
        self._shown = -1  # generation of the result on screen
        self._busy = False
        self._closed = False  # after shutdown nothing more is submitted
        Controller.instances.add(self)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evaluate")
        # zero-delay timer: several changes within one event-loop turn start one evaluation
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._kick)
        self._finished.connect(self._on_finished, QtCore.Qt.ConnectionType.QueuedConnection)
        self.undo_stack = QtGui.QUndoStack(self)
        # a long session keeps the last UNDO_LIMIT steps, not every edit since start-up
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._merge_serial = 0
        # query ops (packages, solvers, kiosk look-ups): latest wins per key
        self._query_serial = 0
        self._query_latest: dict[str, int] = {}
        self._query_handlers: dict[int, tuple[Callable[[Any], None], Callable[[str], None]]] = {}
        self._query_done.connect(self._on_query_done, QtCore.Qt.ConnectionType.QueuedConnection)
        # the last policy-package evaluation (scenario, columns): the Policy tab and the PDF
        # show the same columns; one tuple is swapped in whole, so both threads may read it
        self._packages: tuple[Scenario, list[tuple[str, Result]]] | None = None

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

    @property
    def busy(self) -> bool:
        return self._busy or self._timer.isActive()

    def set_scenario(self, scenario: Scenario, immediate: bool = False) -> None:
        if scenario == self._scenario and self._result is not None:
            return
        self._scenario = scenario
        self._generation += 1
        self.scenario_changed.emit(scenario)
        if immediate:
            self._timer.stop()
            self._kick()
        else:
            self._timer.start()

    def recompute_now(self) -> Result | None:
        """Evaluate synchronously (start-up, tests, export): no stale result is possible."""
        self._timer.stop()
        gen = self._generation
        try:
            result = evaluate(self._scenario, self.catalog)
        except KeiWhatIfError as exc:
            self.error.emit(str(exc))
            return None
        self._show(gen, result)
        return result

    # -- background evaluation ---------------------------------------------------------------
    def _kick(self) -> None:
        if self._closed or self._busy or self._submitted >= self._generation:
            return  # running: the newest scenario is picked up when it finishes
        gen = self._generation
        scenario = self._scenario
        catalog = self.catalog
        self._busy = True
        self._submitted = gen

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
        self._busy = False
        if err is not None:
            if gen == self._generation:
                self.error.emit(str(err))
        elif isinstance(result, Result):
            self._show(gen, result)
        if self._generation > self._submitted:
            self._kick()

    def _show(self, gen: int, result: Result) -> None:
        if gen < self._shown:
            return  # older than what is on screen: stale
        self._shown = gen
        self._result = result
        self.result_changed.emit(result)

    # -- query ops ------------------------------------------------------------------------------
    def query(
        self,
        key: str,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Run ``fn`` on the evaluation worker and hand its value to ``on_done`` on the GUI thread.

        For work a view needs besides the main Result (policy packages, inverse solvers): it
        never blocks the GUI thread. A newer query with the same key makes an older one stale;
        a stale answer is dropped, so a view only ever shows the answer to its latest question.
        """
        if self._closed:
            return  # shut down: the worker is gone
        self._query_serial += 1
        serial = self._query_serial
        self._query_latest[key] = serial
        self._query_handlers[serial] = (on_done, on_error or self.error.emit)

        def work() -> None:
            try:
                self._query_done.emit(key, serial, fn(), None)
            except KeiWhatIfError as exc:
                self._query_done.emit(key, serial, None, str(exc))
            except Exception as exc:  # pragma: no cover - shown to the user, never swallowed
                self._query_done.emit(key, serial, None, f"Internal error: {exc!r}")

        self._pool.submit(work)

    def _on_query_done(self, key: str, serial: int, value: object, err: object) -> None:
        handlers = self._query_handlers.pop(serial, None)
        if handlers is None or self._query_latest.get(key) != serial:
            return  # a newer question with this key was asked: this answer is stale
        del self._query_latest[key]
        on_done, on_error = handlers
        if err is not None:
            on_error(str(err))
        else:
            on_done(value)

    def packages(self, scenario: Scenario) -> list[tuple[str, Result]]:
        """Baseline and policy packages for a scenario, evaluated once and kept.

        Called on the worker by the Policy tab (through `query`); an export calls it too and
        then reads what the tab already computed instead of evaluating again.
        """
        cached = self._packages
        if cached is not None and cached[0] == scenario:
            return cached[1]
        cols = evaluate_packages(scenario, self.catalog)
        self._packages = (scenario, cols)
        return cols

    @property
    def queries_pending(self) -> bool:
        return bool(self._query_latest)

    def wait_queries(self, timeout_s: float = 30.0) -> None:
        """For tests: wait until every query's latest answer was delivered."""
        deadline = QtCore.QDeadlineTimer(int(timeout_s * 1000))
        while self.queries_pending and not deadline.hasExpired():
            QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
            QtCore.QThread.msleep(1)
        if self.queries_pending:
            raise TimeoutError("a query did not finish")

    def wait_idle(self, timeout_s: float = 10.0) -> None:
        """For tests and the self-test: wait until the latest scenario's result is shown."""
        deadline = QtCore.QDeadlineTimer(int(timeout_s * 1000))
        while not deadline.hasExpired():
            if not self.busy and self._shown == self._generation and self._result is not None:
                return
            QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if self._busy:
                QtCore.QThread.msleep(1)
        raise TimeoutError("evaluation did not finish")

    def shutdown(self) -> None:
        self._closed = True
        with contextlib.suppress(RuntimeError):  # the Qt side may already be deleted
            self._timer.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
