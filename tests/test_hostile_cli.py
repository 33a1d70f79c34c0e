"""The `keiwhatif report` contract against hostile input (docs: desktop/cli.py, README).

Every bad input: exit 2, one line on stderr of at most 200 characters naming the field or file,
nothing written. Success: stderr empty. Most cases run in-process (fd-level capture, the same
bytes a terminal would see); the ones about the process itself run as subprocesses."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from core.scenario.io import MAX_FILE_BYTES, scenario_to_dict
from core.scenario.model import default_scenario
from desktop.cli import MAX_MESSAGE, run_report

ROOT = Path(__file__).resolve().parents[1]
FAST = ["--set", "draws=100"]


def _scenario(tmp_path: Path, **changes: object) -> Path:
    d = scenario_to_dict(default_scenario())
    d.update(changes)
    p = tmp_path / "in.json"
    p.write_text(json.dumps(d, allow_nan=True), encoding="utf-8")
    return p


def _run(capfd: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = run_report(list(argv))
    out, err = capfd.readouterr()
    return rc, out, err


def _refused(rc: int, err: str, *names: str) -> None:
    assert rc == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert len(lines[0]) <= MAX_MESSAGE + len("keiwhatif report: "), lines[0]
    assert "Traceback" not in err
    for n in names:
        assert n in lines[0], lines[0]


def _raw(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "raw.json"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    return p


BASE = json.dumps(scenario_to_dict(default_scenario()))

FILE_CASES = {
    # name: (file text, a word the message must contain)
    "NaN": (BASE.replace('"annual_miles": 13476', '"annual_miles": NaN'), "annual_miles"),
    "Infinity": (BASE.replace('"annual_miles": 13476', '"annual_miles": Infinity'), "annual_miles"),
    "-Infinity": (BASE.replace('"occupancy": 1.5', '"occupancy": -Infinity'), "occupancy"),
    "float overflow": (BASE.replace('"annual_miles": 13476', '"annual_miles": 1e400'), "annual_miles"),
    "huge int": (BASE.replace('"annual_miles": 13476', '"annual_miles": ' + "9" * 500), "annual_miles"),
    "huge int lever": (re.sub(r'"import_age_years": [0-9.]+', '"import_age_years": ' + "9" * 30, BASE), "import_age_years"),
    "NaN lever": (re.sub(r'"import_age_years": [0-9.]+', '"import_age_years": NaN', BASE), "import_age_years"),
    "deep nesting": (BASE[:-1] + ', "x": ' + "[" * 5000 + "]" * 5000 + "}", "nested"),
    "lone surrogate": (BASE.replace('"name": "', '"name": "\\ud800', 1), "name"),
    "unknown key": (BASE[:-1] + ', "anual_miles": 1}', "anual_miles"),
    "unknown package key": (BASE.replace('"packages": []', '"packages": [{"name": "a", "lever": {}}]'), "packages[0].lever"),
    "unknown lever": (BASE.replace('"levers": {', '"levers": {"import_agee": 1, ', 1), "import_agee"),
    "not an object": ("[1, 2, 3]", "object"),
    "not json": ("{nope", "JSON"),
    "empty": ("   ", "empty"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_bad_file_exits_2_with_one_line(
    case: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    text, word = FILE_CASES[case]
    assert text != BASE, "the case did not change the scenario"
    p = _raw(tmp_path, text)
    out_json = tmp_path / "out.json"
    rc, out, err = _run(capfd, str(p), "--json", str(out_json))
    _refused(rc, err, word)
    assert out == "" and not out_json.exists()


def test_a_50_mb_value_gives_a_short_message(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    big = BASE.replace('"name": "', '"name": "' + "x" * 4_000_000, 1)
    rc, _out, err = _run(capfd, str(_raw(tmp_path, big)), *FAST)
    # within the cap: accepted as a long name, or refused in one line; never an echo of it
    assert len(err) <= MAX_MESSAGE + 40
    assert rc in (0, 2)


def test_input_is_capped_at_5_mb(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "huge.json"
    p.write_bytes(b" " * (MAX_FILE_BYTES + 10) + b"{}")
    rc, _out, err = _run(capfd, str(p))
    _refused(rc, err, "5,000,000")


SET_CASES = {
    "NaN": ("levers.import_age_years=NaN", "levers.import_age_years"),
    "Infinity": ("annual_miles=Infinity", "annual_miles"),
    "float overflow": ("levers.import_age_years=1e400", "levers.import_age_years"),
    "huge int": ("levers.import_age_years=" + "9" * 400, "levers.import_age_years"),
    "deep key": ("a." * 1500 + "a=1", "--set"),
    "deep value": ("name=" + "[" * 3000 + "]" * 3000, "name"),
    "lone surrogate": ('name="\\ud800"', "name"),
    "argv surrogate": ("name=\udcff", "--set"),
    "no equals": ("annual_miles", "--set"),
    "unknown key": ("anual_miles=1", "anual_miles"),
    "unknown package key": ('packages=[{"name":"x","lever":{}}]', "packages[0].lever"),
    "not an object": ("annual_miles.x=1", "annual_miles"),
}


@pytest.mark.parametrize("case", sorted(SET_CASES))
def test_bad_set_exits_2_with_one_line(
    case: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    arg, word = SET_CASES[case]
    p = _scenario(tmp_path)
    rc, out, err = _run(capfd, str(p), "--set", arg)
    _refused(rc, err, word)
    assert out == ""


def test_bad_arguments_exit_2(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    p = _scenario(tmp_path)
    for argv in ([str(p), "--bogus"], [], [str(tmp_path / "missing.json")], [str(tmp_path)]):
        rc, _out, err = _run(capfd, *argv)
        _refused(rc, err)


def test_outputs_only_after_everything_succeeded(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    p = _scenario(tmp_path)
    a, b = tmp_path / "a.json", tmp_path / "b.csv"
    a.write_text("old a")
    b.write_text("old b")
    rc, _out, err = _run(
        capfd, str(p), *FAST, "--json", str(a), "--csv", str(b), "--pdf", "/missing/dir/r.pdf"
    )
    _refused(rc, err, "--pdf")
    assert a.read_text() == "old a" and b.read_text() == "old b"


def test_output_equal_to_input_is_refused(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    p = _scenario(tmp_path)
    before = p.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(p)
    for target in (str(p), str(link), str(tmp_path / "." / "in.json")):
        rc, _out, err = _run(capfd, str(p), *FAST, "--json", target)
        _refused(rc, err, "input")
        assert p.read_bytes() == before


def test_empty_or_repeated_output_names_are_refused(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    p = _scenario(tmp_path)
    rc, out, err = _run(capfd, str(p), *FAST, "--json", "")
    _refused(rc, err, "--json")
    assert out == ""
    same = str(tmp_path / "o.out")
    rc, _out, err = _run(capfd, str(p), *FAST, "--json", same, "--csv", same)
    _refused(rc, err, "same file")
    rc, _out, err = _run(capfd, str(p), *FAST, "--json", "-", "--csv", "-")
    _refused(rc, err, "standard output")


def test_symlinked_output_is_followed(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    p = _scenario(tmp_path)
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "out.json"
    link.symlink_to(real)
    rc, _out, err = _run(capfd, str(p), *FAST, "--json", str(link))
    assert rc == 0 and err == ""
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["scenario"]["draws"] == 100


def test_special_files_are_written_in_place(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    p = _scenario(tmp_path)
    rc, _out, err = _run(capfd, str(p), *FAST, "--json", os.devnull)
    assert rc == 0 and err == ""
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # never replaced by a regular file
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    rc, _out, err = _run(capfd, str(p), *FAST, "--csv", str(fifo))
    reader.join(30)
    assert rc == 0 and err == ""
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].lstrip(b"\xef\xbb\xbf").startswith(b"vehicle")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_dev_full_is_a_one_line_error(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    p = _scenario(tmp_path)
    rc, _out, err = _run(capfd, str(p), *FAST, "--json", "/dev/full")
    _refused(rc, err, "No space left")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def _proc(
    *argv: str, stdin: bytes | None = None, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "report", *argv],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=240,
        **kw,  # type: ignore[arg-type]
    )


def test_process_level_contract(tmp_path: Path) -> None:
    """In a real process: stdin /dev/zero stops at the cap; stdout to /dev/full; a success with
    every output leaves stderr empty; no traceback anywhere."""
    p = _scenario(tmp_path, draws=100)
    with open("/dev/zero", "rb") as zero:
        r = subprocess.run(
            [sys.executable, "-m", "desktop", "report", "-"],
            cwd=ROOT,
            stdin=zero,
            capture_output=True,
            timeout=120,
        )
    assert r.returncode == 2 and r.stderr.count(b"\n") == 1, r.stderr[-300:]
    with open("/dev/full", "wb") as full:
        r = subprocess.run(
            [sys.executable, "-m", "desktop", "report", str(p)],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert r.returncode == 2 and r.stderr.count(b"\n") == 1, r.stderr[-300:]
    assert b"Traceback" not in r.stderr and b"Exception ignored" not in r.stderr
    r = _proc(
        str(p),
        "--json",
        str(tmp_path / "r.json"),
        "--csv",
        str(tmp_path / "r.csv"),
        "--ledger-csv",
        str(tmp_path / "l.csv"),
        "--pdf",
        str(tmp_path / "r.pdf"),
    )
    assert r.returncode == 0 and r.stderr == b"", r.stderr[-500:]
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
