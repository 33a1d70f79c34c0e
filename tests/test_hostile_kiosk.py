"""Hostile kiosk configs: every broken file gives the full-screen "needs an operator" page (still
locked, no traceback, no desktop); no PIN means no kiosk; wrong PINs slow down, then lock out."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.kiosk.config import (
    KioskConfig,
    KioskConfigError,
    default_config_path,
    hash_pin,
    load_config,
    verify_pin,
)
from desktop.kiosk.operator import FREE_ATTEMPTS, LOCKOUT_AFTER, LOCKOUT_S, PinGate

GOOD_HASH = hash_pin("4711")


def _write(path: Path, content: object) -> Path:
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


BROKEN: dict[str, object] = {
    "not json": "{idle_seconds: 90",
    "a list": [1, 2],
    "deep nesting": "[" * 5000 + "]" * 5000,
    "deep object": {"microcars": [[[[["x"]]]]]},
    "NaN": '{"idle_seconds": NaN}',
    "unknown key": {"pin": "2580"},
    "bad pin_hash": {"pin_hash": "pbkdf2_sha256$200000$zz$00"},
    "pin_hash not text": {"pin_hash": 2580},
    "pin_hash absurd rounds": {"pin_hash": "pbkdf2_sha256$99999999$" + "ab" * 16 + "$" + "0" * 64},
    "unknown microcar": {"microcars": ["no_such_car"], "pin_hash": GOOD_HASH},
    "unknown comparator": {"comparators": ["no_such_car"], "pin_hash": GOOD_HASH},
    "microcars not a list": {"microcars": "ami_2025", "pin_hash": GOOD_HASH},
    "output_folder a number": {"output_folder": 42, "pin_hash": GOOD_HASH},
    "output_folder a list": {"output_folder": ["/tmp"], "pin_hash": GOOD_HASH},
    "idle_seconds text": {"idle_seconds": "90", "pin_hash": GOOD_HASH},
    "idle_seconds bool": {"idle_seconds": True, "pin_hash": GOOD_HASH},
    "idle_seconds huge": {"idle_seconds": 10**30, "pin_hash": GOOD_HASH},
    "state unknown": {"default_state": "XX", "pin_hash": GOOD_HASH},
    "orientation unknown": {"orientation": "sideways", "pin_hash": GOOD_HASH},
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_config_is_one_line_error(name: str, tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path / "kiosk.json", BROKEN[name])
    with pytest.raises(KioskConfigError) as err:
        load_config(path, catalog.vehicles)
    msg = str(err.value)
    assert "\n" not in msg and 0 < len(msg) <= 200


def test_folder_unreadable_and_huge_configs(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "kiosk.json"
    folder.mkdir()
    with pytest.raises(KioskConfigError, match="folder"):
        load_config(folder, catalog.vehicles)
    huge = _write(tmp_path / "huge.json", " " * 70_000 + "{}")
    with pytest.raises(KioskConfigError, match="larger"):
        load_config(huge, catalog.vehicles)
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(KioskConfigError, match="UTF-8"):
        load_config(binary, catalog.vehicles)
    if os.geteuid() != 0:  # root reads every file
        locked = _write(tmp_path / "locked.json", {"pin_hash": GOOD_HASH})
        locked.chmod(0)
        with pytest.raises(KioskConfigError, match="cannot be read"):
            load_config(locked, catalog.vehicles)


def test_missing_config_has_no_pin_and_no_default_pin(tmp_path: Path) -> None:
    cfg = load_config(tmp_path / "absent.json")
    assert not cfg.has_pin
    for guess in ("2580", "0000", "1234", ""):
        assert not verify_pin(guess, cfg.pin_hash)


def test_config_path_matches_the_docs() -> None:
    """README and docstring: ~/.config/keiwhatif/kiosk.json (XDG config home + keiwhatif)."""
    from desktop.qt import QtCore

    base = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.GenericConfigLocation
    )
    path = default_config_path()
    assert path == Path(base) / "keiwhatif" / "kiosk.json"
    assert path.parent.parent == Path(base)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "~/.config/keiwhatif/kiosk.json" in readme
    assert ".config/keiwhatif/keiwhatif" not in readme


def test_verify_pin_never_raises_on_garbage() -> None:
    for stored in (
        "",
        "garbage",
        "pbkdf2_sha256$x$y$z",
        "pbkdf2_sha256$1$$",
        "a$b$c$d$e",
        "\ud800",
    ):
        assert verify_pin("4711", stored) is False
    assert verify_pin("4711", GOOD_HASH) and not verify_pin("4712", GOOD_HASH)


def test_pin_gate_delays_grow_then_lock_out() -> None:
    now = [1000.0]
    gate = PinGate(lambda: now[0])
    waits = []
    for _ in range(LOCKOUT_AFTER):
        if waits:
            now[0] += waits[-1]  # wait it out, then guess again
        assert gate.attempt("0000", GOOD_HASH) is False
        waits.append(gate.wait_s())
        if waits[-1] > 0:
            assert gate.attempt("4711", GOOD_HASH) is False  # waiting: even the right PIN
    # free tries, then 5 s doubling (capped at 300 s), then the 15-minute lockout
    assert waits == [0.0, 0.0, 5.0, 10.0, 20.0, 40.0, 80.0, 160.0, 300.0, LOCKOUT_S]
    assert FREE_ATTEMPTS == 2
    # locked out: even the right PIN fails until the lockout has passed
    assert gate.attempt("4711", GOOD_HASH) is False
    now[0] += LOCKOUT_S
    assert gate.attempt("4711", GOOD_HASH) is True
    assert gate.failures == 0


def test_a_hundred_guesses_cannot_get_in_quickly() -> None:
    """The issue's probe: 104 wrong PINs, then the right one, in a few minutes of tapping."""
    now = [0.0]
    gate = PinGate(lambda: now[0])
    for _ in range(104):
        gate.attempt("1111", GOOD_HASH)
        now[0] += 1.0  # one tap-sequence a second
    assert gate.attempt("4711", GOOD_HASH) is False


@pytest.mark.parametrize("name", ["not json", "unknown microcar", "output_folder a number"])
def test_broken_config_shows_needs_operator_page(make_kiosk, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    w = make_kiosk(_write(tmp_path / "kiosk.json", BROKEN[name]))
    assert w.needs_operator
    assert "needs an operator" in w.notice.title.text()
    assert w.ask_pin("4711") is False and w.needs_operator
    w.idle_reset()
    assert w.needs_operator  # an idle reset does not leave the notice for the visitor flow
    w.close()
    assert w.isVisible()


def test_no_pin_means_no_kiosk_until_setup(make_kiosk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.kiosk import run_kiosk_setup

    path = tmp_path / "kiosk.json"
    w = make_kiosk(path)
    assert w.needs_operator and "--kiosk-setup" in w.notice.text.text()
    for guess in ("2580", "0000", "1234"):
        assert w.ask_pin(guess) is False

    class Lines:
        def __init__(self, text: str) -> None:
            self.text = text

        def isatty(self) -> bool:
            return False

        def readline(self) -> str:
            return self.text

    class Sink:
        def __init__(self) -> None:
            self.out = ""

        def write(self, s: str) -> int:
            self.out += s
            return len(s)

        def flush(self) -> None:
            pass

    sink = Sink()
    assert run_kiosk_setup(path, Lines("12\n"), sink) == 2  # too short: nothing written
    assert not path.exists()
    assert run_kiosk_setup(path, Lines("4711\n"), sink) == 0
    assert path.stat().st_mode & 0o777 == 0o600
    assert "4711" not in path.read_text()
    w._retry_config()  # what the retry timer does every few seconds
    assert not w.needs_operator and w.stack.currentWidget() is w.attract
    assert w.ask_pin("4711") is True


def test_setup_refuses_a_broken_config_without_touching_it(tmp_path: Path) -> None:
    from desktop.kiosk import run_kiosk_setup

    path = _write(tmp_path / "kiosk.json", BROKEN["unknown key"])
    before = path.read_bytes()

    class Lines:
        def isatty(self) -> bool:
            return False

        def readline(self) -> str:
            return "4711\n"

    import io

    out = io.StringIO()
    assert run_kiosk_setup(path, Lines(), out) == 2
    assert path.read_bytes() == before
    assert "unknown setting" in out.getvalue()


def test_config_defaults_are_valid() -> None:
    assert KioskConfig().problem() is None


@pytest.fixture()
def booth(make_kiosk, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = _write(
        tmp_path / "kiosk.json",
        {"pin_hash": GOOD_HASH, "output_folder": str(tmp_path / "out"), "idle_seconds": 60},
    )
    return make_kiosk(path)


def _to_results(w) -> None:  # type: ignore[no-untyped-def]
    w.start_over_to_step1()
    w.pick_buttons[0].click()
    w.show_results()
    w.wait_for_results()


def test_one_takeaway_per_visitor_per_result(booth, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    now = [100.0]
    booth.takeaways.clock = lambda: now[0]
    _to_results(booth)
    out = tmp_path / "out"
    first = booth.write_takeaway()
    assert first is not None and first.parent == out
    assert first.stat().st_mode & 0o777 == 0o600
    for _ in range(140):  # the 143 taps in 6 s
        now[0] += 0.04
        assert booth.write_takeaway() is None
    now[0] += 60
    assert booth.write_takeaway() is None  # same result: still one
    assert len(list(out.glob("*.pdf"))) == 1
    # the next visitor gets their own, under a different name
    booth.idle_reset()
    now[0] += 60
    _to_results(booth)
    second = booth.write_takeaway()
    assert second is not None and second != first
    assert len(list(out.glob("*.pdf"))) == 2


def test_takeaway_folder_cap_and_free_space(booth, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _to_results(booth)
    booth.takeaways.max_folder_bytes = 1
    (tmp_path / "out").mkdir(exist_ok=True)
    (tmp_path / "out" / "keiwhatif-summary-old.pdf").write_bytes(b"%PDF-1.4 old")
    assert booth.write_takeaway() is None
    assert "full" in booth.takeaway_note.text()
    booth.takeaways.max_folder_bytes = 10**12
    booth.takeaways.min_free_bytes = 2**62  # more than any disk
    booth.takeaways.reset()
    assert booth.write_takeaway() is None
    assert "out of room" in booth.takeaway_note.text()
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 1


def test_idle_reset_clears_every_visitor_widget(booth) -> None:  # type: ignore[no-untyped-def]
    _to_results(booth)
    state = booth.result.scenario.state
    from core.data.states import STATE_NAMES

    assert STATE_NAMES[state] in booth.feas_label.text()
    assert not booth.qr.pixmap().isNull() and booth.qr_text
    booth.idle_reset()
    assert booth.result is None
    assert booth.qr.pixmap().isNull() and booth.qr_text == ""
    assert STATE_NAMES[state] not in booth.feas_label.text()
    assert all(lab.text() == "" for lab in booth.card_labels)
    assert not booth.print_btn.isEnabled()
    assert booth.operator.pin.text() == "" and booth.pinpad.pin == ""


def test_wrong_pins_on_the_keypad_lock_out(booth) -> None:  # type: ignore[no-untyped-def]
    now = [0.0]
    booth.pin_gate.clock = lambda: now[0]
    booth.ask_pin()
    assert booth.stack.currentWidget() is booth.pinpad
    for _ in range(LOCKOUT_AFTER):
        for k in "0000":
            booth.pinpad.keys[k].click()
        booth.pinpad.keys["OK"].click()
    assert "try again" in booth.pinpad.message.text()
    for k in "4711":
        booth.pinpad.keys[k].click()
    booth.pinpad.keys["OK"].click()
    assert booth.stack.currentWidget() is not booth.operator
    now[0] += LOCKOUT_S + 1
    assert booth.ask_pin("4711") is True
    assert booth.stack.currentWidget() is booth.operator


def test_locked_indicator_and_keys(booth, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt import Qt

    assert booth.lock_badge.isVisible() and "locked" in booth.lock_badge.text().lower()
    for key, mod in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_D, Qt.KeyboardModifier.MetaModifier),
        (Qt.Key.Key_Space, Qt.KeyboardModifier.AltModifier),
    ):
        qtbot.keyClick(booth, key, mod)
        assert booth.isVisible() and booth.stack.currentWidget() is booth.attract
    booth.operator_exit()  # not from a visitor page
    assert booth.isVisible()
    assert booth.ask_pin("4711")
    assert not booth.lock_badge.isVisible()
    booth.operator_exit()
    assert not booth.isVisible()
