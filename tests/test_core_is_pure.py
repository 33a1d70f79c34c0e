"""core/ never imports Qt, pyqtgraph or desktop/ (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_imports_no_qt() -> None:
    code = (
        "import sys, json, core, core.engine;"
        "import core.scenario.model, core.data.catalog;"
        "core.evaluate(core.default_scenario());"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph', 'desktop', 'PyQt5', 'PyQt6')];"
        "print(json.dumps(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
