"""In the window: a bad file leaves the open scenario untouched; a crash is recoverable; exports
write every chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.scenario.io import save_scenario
from core.scenario.model import default_scenario
from tests.conftest import open_window, stop_window


@pytest.fixture()
def window(make_window):  # type: ignore[no-untyped-def]
    return make_window(draws=500, size=None, wait=False)


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One window for every bad file: a file that fails to open changes nothing, so the cases
    share it (each asserts the scenario is untouched, which also guards the next case)."""
    autosave = tmp_path_factory.mktemp("autosave") / "autosave.json"
    w = open_window(autosave=autosave, draws=500, size=None, wait=False)
    yield w
    # as pytest-qt does for a test's widgets: worker stopped, window closed and deleted now,
    # not by a later garbage collection while another test's threads run
    from desktop.qt import QtCore, QtWidgets

    stop_window(w)
    w.close()
    w.deleteLater()
    QtWidgets.QApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
    QtWidgets.QApplication.processEvents()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b'{"schema_version": 1, "vehicles": "versa_2025"}',
        b'{"schema_version": 7}',
        b'{"schema_version": 1, "years": "x"}',
        b'{"schema_version": 1, "years": NaN}',
        b'{"schema_version": 1, "years": 1e400}',
        b'{"schema_version": 1, "years": ' + b"9" * 5000 + b"}",
        b'{"schema_version": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"schema_version": 1, "name": "\\ud800"}',
        b'{"schema_version": 1, "packages": [{"name": "a", "lever": {}}]}',
        b" " * 5_000_001,
    ],
    ids=lambda c: repr(c[:40]),
)
def test_bad_file_leaves_the_open_scenario_untouched(
    reader, tmp_path: Path, content: bytes
) -> None:  # type: ignore[no-untyped-def]
    window = reader
    window.inputs.years.spin.setValue(8)
    window.controller.wait_idle()
    before = window.controller.scenario
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    window.controller.undo_stack.setClean()
    assert window.files.open_path(bad) is False
    assert window.controller.scenario == before
    kind, text = window.messages[-1]
    assert kind == "error" and "bad.json" in text


def test_save_and_open_round_trip_with_title(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.inputs.years.spin.setValue(6)
    window.controller.wait_idle()
    assert window.isWindowModified()
    target = tmp_path / "mine.json"
    assert window.files.save_to(target)
    assert window.windowTitle().replace("[*]", "").startswith("mine.json —")
    assert not window.isWindowModified()
    sc = window.controller.scenario
    window.files.new()
    assert window.controller.scenario != sc
    assert window.files.open_path(target)
    assert window.controller.scenario == sc
    assert window.settings.get("recent_files")[0] == str(target)


def test_autosave_then_crash_then_recovery(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.main_window import MainWindow

    autosave = tmp_path / "autosave-w1.json"
    w1 = MainWindow(default_scenario().with_(draws=500), ask=lambda k, t, d: d)
    w1.files.autosave_path = autosave
    qtbot.addWidget(w1)
    w1.inputs.years.spin.setValue(11)
    w1.controller.wait_idle()
    w1.files.autosave_now()  # the debounce timer would do this a moment later
    worked_on = w1.controller.scenario
    w1.controller.shutdown()  # "crash": no closeEvent, so the autosave file stays
    assert autosave.is_file()

    answers: list[str] = []

    def make_w2() -> MainWindow:
        w = MainWindow(
            default_scenario().with_(draws=500), ask=lambda k, t, d: answers.append(k) or True
        )
        w.files.autosave_path = tmp_path / "autosave-w2.json"
        qtbot.addWidget(w)
        return w

    # while the first instance lives, a second one leaves its autosave alone
    w2 = make_w2()
    assert w2.files.offer_recovery() is False and answers == []
    assert autosave.is_file()
    w2.controller.shutdown()

    assert w1.files._lock is not None
    w1.files._lock.unlock()  # the process dies: the lock it held goes with it
    autosave.write_bytes(autosave.read_bytes())  # unlock removed nothing else
    w3 = make_w2()
    assert w3.files.offer_recovery() is True
    assert answers == ["recover"]
    assert w3.controller.scenario == worked_on
    assert not w3.controller.undo_stack.isClean()  # recovered work still needs saving
    assert not autosave.exists()  # taken over: now backed up under w3's own name
    assert w3.files.autosave_path.is_file()
    w3.files.clear_autosave()
    assert not w3.files.autosave_path.exists()
    w3.controller.shutdown()


def test_two_instances_never_share_an_autosave(qtbot: QtBot, tmp_path: Path) -> None:
    from core.scenario.io import load_scenario
    from desktop.main_window import MainWindow

    wins = []
    for years in (3, 7):
        w = MainWindow(default_scenario().with_(draws=500), ask=lambda k, t, d: d)
        w.files.autosave_path = tmp_path / w.files.autosave_path.name
        qtbot.addWidget(w)
        w.controller.change(w.controller.scenario.with_(years=years), "years")
        assert w.files.autosave_now()
        wins.append(w)
    a, b = (w.files.autosave_path for w in wins)
    assert a != b
    assert load_scenario(a).years == 3 and load_scenario(b).years == 7
    wins[1].files.clear_autosave()  # the second closes cleanly...
    assert a.is_file()  # ...and the first one's autosave survives
    for w in wins:
        w.controller.shutdown()


def test_autosave_failure_is_shown(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    window.files.autosave_path = blocker / "autosave-x.json"
    assert window.files.autosave_now() is False
    kinds = [k for k, _t in window.messages]
    assert "warning" in kinds and "Autosave failed" in window.files.autosave_error
    window.files.autosave_path = tmp_path / "ok" / "autosave-x.json"
    assert window.files.autosave_now() is True
    assert window.files.autosave_error == ""
    assert window.messages[-1] == ("info", "Autosave works again.")


def test_save_failure_is_shown_and_nothing_lost(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = window.controller.scenario
    target = tmp_path / "missing-folder" / "s.json"
    assert window.files.save_to(target) is False
    assert window.messages[-1][0] == "error" and "nothing was lost" in window.messages[-1][1]
    assert window.controller.scenario == before and not target.exists()


def test_clean_close_removes_the_autosave(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.files.autosave_now()
    assert window.files.autosave_path.is_file()
    window.controller.undo_stack.setClean()
    window.close()
    assert not window.files.autosave_path.exists()


def test_export_every_chart_as_png_and_svg(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    written = window.files.export_charts(tmp_path)
    names = set(window.chart_widgets())
    assert {p.stem for p in written} == names
    for p in written:
        data = p.read_bytes()
        if p.suffix == ".png":
            assert data[:4] == b"\x89PNG"
        else:
            assert b"<svg" in data[:2000]


def test_export_pdf_and_csv_from_the_window(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.files.export_pdf(tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
    assert window.files.export_csv(tmp_path / "r.csv", "results")
    assert window.files.export_csv(tmp_path / "l.csv", "ledger")


def test_saved_file_from_the_app_loads_headless(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from core.scenario.io import load_scenario

    p = tmp_path / "s.json"
    save_scenario(window.controller.scenario, p)
    assert load_scenario(p, window.controller.catalog) == window.controller.scenario


def test_next_start_reopens_the_last_file(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.inputs.years.spin.setValue(4)
    window.controller.wait_idle()
    target = tmp_path / "last.json"
    assert window.files.save_to(target)
    saved = window.controller.scenario
    window.files.new()
    assert window.files.reopen_last() is True
    assert window.controller.scenario == saved
    target.write_text("{broken")
    window.files.new()
    assert window.files.reopen_last() is False  # quietly stays on the default
    assert window.messages[-1][0] == "info"


def test_damaged_settings_are_ignored(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    """Garbage geometry (start-up hung), 20,004 recent files, an unknown theme: defaults."""
    from desktop.main_window import MainWindow
    from desktop.qt import QtCore
    from desktop.settings import MAX_LIST, Settings

    s = Settings()
    raw = QtCore.QSettings()
    try:  # the damaged settings never outlive this test, whatever it finds
        for geometry in ("", "garbage", 42):
            raw.setValue("geometry", geometry)
            raw.setValue("recent_files", [f"/tmp/f{i}.json" for i in range(20_004)])
            raw.setValue("theme", "neon")
            raw.sync()
            assert isinstance(s.get("geometry"), QtCore.QByteArray)
            assert len(s.get("recent_files")) == MAX_LIST
            assert s.get("theme") == "system"
            w = MainWindow(default_scenario().with_(draws=500), ask=lambda k, t, d: d)
            qtbot.addWidget(w)
            w.show()
            assert w.width() > 0
            w.controller.shutdown()
        assert any("recent_files" in r.getMessage() for r in caplog.records)
    finally:
        s.reset()


def test_stale_temp_files_are_cleaned_and_fresh_ones_kept(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A killed save leaves `.NAME.XXXX.tmp`; the next save of NAME removes it once it is
    older than any running save could be (STALE_TEMP_S), and keeps a fresh one."""
    import os
    import time

    from core.scenario.io import STALE_TEMP_S

    target = tmp_path / "s.json"
    stale = tmp_path / ".s.json.abc123.tmp"
    fresh = tmp_path / ".s.json.def456.tmp"
    other = tmp_path / ".t.json.abc123.tmp"
    for p in (stale, fresh, other):
        p.write_text("half a save")
    old = time.time() - STALE_TEMP_S - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    assert window.files.save_to(target)
    assert not stale.exists() and fresh.exists() and other.exists()
