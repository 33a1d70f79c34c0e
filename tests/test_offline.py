"""Offline guarantee: no code path opens a network socket or loads Qt's network module."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_guard_itself_works() -> None:
    from tests.conftest import NetworkUsedError

    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkUsedError):
            s.connect(("127.0.0.1", 9))
    finally:
        s.close()


def test_whole_app_runs_without_network_modules(tmp_path: Path) -> None:
    """Self-test, headless report and kiosk in a fresh interpreter with sockets disabled."""
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
from desktop.selftest import run_selftest
assert run_selftest() == 0
from desktop.cli import run_report
assert run_report([{str(ROOT / "resources" / "scenarios" / "default.json")!r}, "--json", {str(tmp_path / "r.json")!r}, "--pdf", {str(tmp_path / "r.pdf")!r}, "--set", "draws=300"]) == 0
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
