"""In the window: a bad file leaves the open scenario untouched; a crash is recoverable; exports
write every chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.scenario.io import save_scenario
from core.scenario.model import default_scenario


@pytest.fixture()
def window(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    from desktop.app import create_app
    from desktop.main_window import MainWindow

    create_app()
    messages: list[tuple[str, str]] = []

    def ask(kind: str, text: str, default: object) -> object:
        messages.append((kind, text))
        return default

    w = MainWindow(default_scenario().with_(draws=500), ask=ask)
    w.files.autosave_path = tmp_path / "autosave" / "autosave.json"
    w.messages = messages  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.shutdown()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b'{"schema_version": 1, "vehicles": "versa_2025"}',
        b'{"schema_version": 7}',
        b'{"schema_version": 1, "years": "x"}',
    ],
)
def test_bad_file_leaves_the_open_scenario_untouched(
    window, tmp_path: Path, content: bytes
) -> None:  # type: ignore[no-untyped-def]
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

    autosave = tmp_path / "autosave.json"
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
    w2 = MainWindow(
        default_scenario().with_(draws=500), ask=lambda k, t, d: answers.append(k) or True
    )
    w2.files.autosave_path = autosave
    qtbot.addWidget(w2)
    assert w2.files.offer_recovery() is True
    assert answers == ["recover"]
    assert w2.controller.scenario == worked_on
    assert not w2.controller.undo_stack.isClean()  # recovered work still needs saving
    w2.files.clear_autosave()
    assert not autosave.exists()
    w2.controller.shutdown()


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
