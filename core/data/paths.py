"""Where resources live, the same way from source and from a frozen PyInstaller build.

build.spec bundles ``resources/`` beside the ``core`` package, so the path relative to this
file holds in both cases.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # core/data/paths.py -> project root
RESOURCES = ROOT / "resources"
DATA = RESOURCES / "data"
SCENARIOS = RESOURCES / "scenarios"
FONTS = RESOURCES / "fonts"
ICONS = RESOURCES / "icons"
