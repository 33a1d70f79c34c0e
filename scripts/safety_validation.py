"""Regenerate docs/safety-validation.md from the data: the safety model against observed figures.

Run: python scripts/safety_validation.py          (writes the page)
     python scripts/safety_validation.py --check  (exit 1 if the page is out of date)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.data.catalog import load_catalog  # noqa: E402
from core.safety.validation import render_markdown, validation_rows  # noqa: E402

PAGE = ROOT / "docs" / "safety-validation.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the page is out of date")
    args = parser.parse_args(argv)
    text = render_markdown(validation_rows(load_catalog()))
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
        if current != text:
            print(f"{PAGE.relative_to(ROOT)} is out of date: run scripts/safety_validation.py")
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
