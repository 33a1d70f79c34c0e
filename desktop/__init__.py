"""Kei What-If desktop GUI (PySide6 + pyqtgraph): a thin view over ``core``."""

from __future__ import annotations

import io
import sys

# A windowed frozen build (and pythonw) sets stdout/stderr to None; printing would crash.
if sys.stdout is None:
    sys.stdout = io.StringIO()
if sys.stderr is None:
    sys.stderr = io.StringIO()
