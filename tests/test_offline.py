"""Offline guarantee: no code path opens a network socket or loads Qt's network module; and
the self-test, the headless report and a kiosk visit work end to end in one fresh process."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "resources" / "scenarios" / "default.json"


def test_the_guard_itself_works() -> None:
    from tests.conftest import NetworkUsedError

    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkUsedError):
            s.connect(("127.0.0.1", 9))
    finally:
        s.close()


def test_whole_app_offline_selftest_report_and_kiosk(tmp_path: Path) -> None:
    """One fresh interpreter with sockets disabled runs what a user can run: the self-test
    (`keiwhatif --selftest`), the headless report with every output, and a kiosk visit. One
    subprocess instead of three keeps the suite fast; each part's outputs are checked here."""
    from pypdf import PdfReader

    selftest_dir = tmp_path / "selftest"
    out_dir = tmp_path / "report"
    out_dir.mkdir()
    code = f"""
import os, socket, sys, json
os.environ["QT_QPA_PLATFORM"] = "offscreen"
def refuse(*a, **k):
    raise SystemExit("NETWORK USED: " + repr(a))
for fam in ("connect", "bind", "connect_ex"):
    orig = getattr(socket.socket, fam)
    def make(orig):
        def f(self, addr, *a):
            if self.family in (socket.AF_INET, socket.AF_INET6):
                refuse(addr)
            return orig(self, addr, *a)
        return f
    setattr(socket.socket, fam, make(orig))
socket.getaddrinfo = refuse
from desktop.__main__ import main
assert main(["--selftest", "--selftest-dir", {str(selftest_dir)!r}]) == 0
assert main(["report", {str(DEFAULT)!r}, "--json", {str(out_dir / "r.json")!r},
             "--csv", {str(out_dir / "r.csv")!r}, "--ledger-csv", {str(out_dir / "l.csv")!r},
             "--pdf", {str(out_dir / "r.pdf")!r}, "--set", "draws=500"]) == 0
from pathlib import Path
from desktop.kiosk import KioskWindow
from desktop.kiosk.config import KioskConfig, hash_pin
k = KioskWindow(KioskConfig(output_folder={str(tmp_path)!r}, pin_hash=hash_pin('4711')), Path({str(tmp_path / "k.json")!r}))
k.start_over_to_step1(); k.pick_buttons[0].click(); k.show_results(); k.wait_for_results(); k.write_takeaway()
bad = [m for m in sys.modules if m.startswith(("PySide6.QtNetwork", "urllib3", "requests"))]  # segno imports http.client for URL helpers; sockets are what matter
print("MODULES", json.dumps(bad))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    assert "NETWORK USED" not in out.stdout + out.stderr
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("MODULES "))
    assert line == "MODULES []"

    # the self-test: a one-line JSON summary, every chart as PNG, every export written
    summary = json.loads(next(ln for ln in out.stdout.splitlines() if ln.startswith('{"ok"')))
    assert summary["ok"] is True
    assert summary["fonts"], "no font family available to Qt"
    pngs = [n for n in summary["outputs"] if n.endswith(".png")]
    assert len(pngs) >= 9  # every chart and the window
    for name in pngs:
        assert (selftest_dir / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for name in ("scenario.json", "report.pdf", "results.csv", "ledger.csv", "result.json"):
        assert name in summary["outputs"] and (selftest_dir / name).stat().st_size > 0
    assert len(list((selftest_dir / "charts").iterdir())) == 2 * (len(pngs) - 1)

    # the headless report: JSON to the schema, CSV rows, a PDF with its sections
    schema = json.loads((ROOT / "docs" / "result.schema.json").read_text())
    jsonschema.validate(json.loads((out_dir / "r.json").read_text()), schema)
    assert len(pd.read_csv(out_dir / "r.csv", encoding="utf-8-sig")) == 3
    reader = PdfReader(str(out_dir / "r.pdf"))
    assert len(reader.pages) >= 3
    text = " ".join(
        " ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split())
        for p in reader.pages
    )
    for needle in (
        "Kei What-If",
        "Headline figures",
        "Feasibility scorecard",
        "Assumptions and sources",
        "Nissan Versa",
    ):
        assert needle in text, needle
