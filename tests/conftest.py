"""Test setup: Qt runs offscreen and never touches the user's real settings or folders."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pytest

from core.data.catalog import Catalog, load_catalog

# Each test process (each pytest-xdist worker too) gets a home of its own: Qt's test-mode
# folders (~/.qttest), the autosave folder and anything a subprocess of a test writes under ~
# are never shared by two workers running side by side, nor with the developer's own files.
_HOME = tempfile.mkdtemp(prefix="keiwhatif-test-home-")
os.environ["HOME"] = _HOME
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
    os.environ.pop(_var, None)
atexit.register(shutil.rmtree, _HOME, True)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(autouse=True, scope="session")
def _isolated_qt_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Widgets under test never read or write the developer's real settings or folders."""
    from PySide6 import QtCore

    QtCore.QStandardPaths.setTestModeEnabled(True)
    QtCore.QSettings.setDefaultFormat(QtCore.QSettings.Format.IniFormat)
    QtCore.QSettings.setPath(
        QtCore.QSettings.Format.IniFormat,
        QtCore.QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("settings")),
    )


@pytest.fixture()
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    """``write_scenario(scenario, name="sc.json")``: the scenario saved as a file under tmp_path."""
    import json

    from core.scenario.io import scenario_to_dict

    def write(scenario: Any, name: str = "sc.json") -> Path:
        p = tmp_path / name
        p.write_text(json.dumps(scenario_to_dict(scenario)), encoding="utf-8")
        return p

    return write


def open_window(
    scenario: Any = None,
    *,
    autosave: Path,
    draws: int | None = 1000,
    size: tuple[int, int] | None = (1280, 720),
    wait: bool = True,
) -> Any:
    """A shown MainWindow on `scenario` (default: the default scenario) with `draws` draws
    (None: the scenario's own), autosaving to `autosave`. Its dialogs answer with their
    default and are recorded in ``window.messages`` as (kind, text). `size` None keeps the
    window's own size; `wait` waits for the first result."""
    from core.scenario.model import default_scenario
    from desktop.app import create_app
    from desktop.main_window import MainWindow

    create_app()
    messages: list[tuple[str, str]] = []

    def ask(kind: str, text: str, default: object) -> object:
        messages.append((kind, text))
        return default

    sc = default_scenario() if scenario is None else scenario
    if draws is not None:
        sc = sc.with_(draws=draws)
    w = MainWindow(sc, ask=ask)
    w.files.autosave_path = autosave
    w.messages = messages
    if size is not None:
        w.resize(*size)
    w.show()
    if wait:
        w.controller.wait_idle()
    return w


def stop_window(w: Any) -> None:
    """Stop a window's workers (the nation sweep and the evaluation worker)."""
    w.nation_tab.shutdown()
    w.controller.shutdown()


@pytest.fixture()
def make_window(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """``make_window(scenario=None, *, draws=1000, size=(1280, 720), wait=True)``: a main
    window for this test (see open_window), its autosave under tmp_path; its workers are
    stopped at teardown and pytest-qt closes and deletes it."""
    made: list[Any] = []

    def make(scenario: Any = None, **kw: Any) -> Any:
        autosave = tmp_path / f"autosave-{len(made)}" / "autosave.json"
        w = open_window(scenario, autosave=autosave, **kw)
        qtbot.addWidget(w)
        made.append(w)
        return w

    yield make
    for w in made:
        stop_window(w)


@pytest.fixture()
def make_kiosk(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """``make_kiosk(source, *, size=(1280, 720), fit=False, show=True)``: a kiosk for a
    KioskConfig (its settings file tmp_path/kiosk.json) or for a settings file's path (as
    ``keiwhatif --kiosk`` opens it). `size` resizes it (None: not at all); `fit` gives it a
    screen of that size through fit_screen instead. Every kiosk made is closed at teardown,
    whatever the test did; until then it is kept: a kiosk dropped mid-test is cyclic Qt
    garbage that a worker thread's garbage collection may free (a segfault)."""
    from desktop.app import create_app
    from desktop.kiosk import KioskWindow, kiosk_from_path
    from desktop.qt import QtCore

    create_app()
    made: list[KioskWindow] = []

    def make(
        source: Any,
        *,
        size: tuple[int, int] | None = (1280, 720),
        fit: bool = False,
        show: bool = True,
    ) -> KioskWindow:
        if isinstance(source, Path):
            w = kiosk_from_path(source)
        else:
            w = KioskWindow(source, tmp_path / "kiosk.json")
        qtbot.addWidget(w)
        made.append(w)
        if size is not None and fit:
            w.fit_screen(QtCore.QRect(0, 0, *size))
        elif size is not None:
            w.resize(*size)
        if show:
            w.show()
        return w

    yield make
    for w in made:
        w._allow_close = True
        w.close()


class NetworkUsedError(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app must never touch the network: any IP socket connect/bind in any test fails it."""
    import socket

    real_connect = socket.socket.connect
    real_bind = socket.socket.bind

    def guard(kind: str, real):  # type: ignore[no-untyped-def]
        def f(self: socket.socket, address: object) -> object:
            if self.family in (socket.AF_INET, socket.AF_INET6):
                raise NetworkUsedError(f"network {kind} to {address!r} attempted")
            return real(self, address)

        return f

    monkeypatch.setattr(socket.socket, "connect", guard("connect", real_connect))
    monkeypatch.setattr(socket.socket, "bind", guard("bind", real_bind))
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: (_ for _ in ()).throw(NetworkUsedError(f"DNS lookup {a!r}")),
    )


# Property tests explore new random inputs on developers' machines; CI replays a fixed set so a
# green main stays green (a new failing case found locally is kept in .hypothesis/ and fixed).
from hypothesis import settings as _hyp_settings  # noqa: E402

_hyp_settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    _hyp_settings.load_profile("ci")
_hyp_settings.register_profile("thorough", max_examples=400, deadline=None)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Before pytest-qt closes and deletes a test's widgets, shut down every controller the
    test created (waiting for its worker), so no evaluation thread is still running when Qt
    deletes the objects it reports to. The app does this when a window closes; a kiosk ignores
    a plain close, so a test's kiosk was deleted with its worker still running (a segfault
    under garbage collection)."""
    import sys

    controller, kiosk = sys.modules.get("desktop.controller"), sys.modules.get("desktop.kiosk")
    used_qt = "qtbot" in getattr(item, "fixturenames", ()) or (
        controller is not None and len(controller.Controller.instances) > 0
    )
    if controller is not None and kiosk is not None:
        for c in list(controller.Controller.instances):
            # a main window shuts its controller down when it closes; a kiosk's is shut here
            # (a module-scoped main window keeps its worker for the next test)
            try:
                owner = c.parent()
            except RuntimeError:  # the Qt side is gone already: its worker must stop too
                owner = None
            if owner is None or isinstance(owner, kiosk.KioskWindow):
                c.shutdown()
    yield
    if used_qt:
        # Collect the test's Qt garbage now, when its workers are stopped and its widgets
        # deleted: a collection that came later, in the middle of another test with a sweep
        # thread running, once crashed a worker (a segfault inside the garbage collector).
        import gc

        gc.collect()
