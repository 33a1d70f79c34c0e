"""The PDF as a brief (issue #18): two pages first (question, verdict sentence, headline table,
three key charts), detail after; every preset in 12 pages or fewer; the full assumptions list
in the assumptions CSV, the PDF keeping only the ones the user changed."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from core.data.paths import RESOURCES
from core.engine import evaluate, evaluate_packages
from core.export import assumptions_rows, relevant_sources
from core.scenario.io import load_scenario
from desktop import present

PRESETS = sorted((RESOURCES / "scenarios").glob("*.json"))
MAX_PAGES = 12
BRIEF_DRAWS = 1000  # page layout does not depend on the number of draws


def _text(page: object) -> str:
    raw = page.extract_text() or ""  # type: ignore[attr-defined]
    return " ".join(unicodedata.normalize("NFKC", raw).split())


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.stem)
def test_every_preset_is_a_brief_of_at_most_12_pages(preset: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from desktop.app import create_app
    from desktop.report import write_pdf

    create_app()
    sc = load_scenario(preset).with_(draws=BRIEF_DRAWS)
    res = evaluate(sc)
    packages = evaluate_packages(sc) if sc.packages else []
    out = tmp_path / "r.pdf"
    write_pdf(res, out, packages=packages)
    reader = PdfReader(str(out))
    assert 3 <= len(reader.pages) <= MAX_PAGES, len(reader.pages)
    first, second = _text(reader.pages[0]), _text(reader.pages[1])
    # page 1: the question, the verdict sentence and the headline table
    sentence = " ".join(present.verdict_sentence(res).split())
    assert sentence[:40] in first
    assert "Headline figures" in first and res.vehicles[0].vehicle.name in first
    # page 2: the other two key charts
    assert "Cumulative cost" in second and "Risk to occupants" in second
    body = " ".join(_text(p) for p in reader.pages)
    assert "Feasibility scorecard" in body and "What moves the cost most" in body
    # no header word broken mid-word (the old table split 'Occupan t deaths')
    assert "Occupan t" not in body
    # the assumptions table is gone: only the ones the user changed are listed
    changed = [e for e in relevant_sources(res) if e.user_set]
    assert len(changed) < 30


def test_assumptions_csv_holds_every_figure() -> None:
    from core.scenario.model import default_scenario

    res = evaluate(default_scenario().with_(draws=200, overrides={"gasoline_usd_per_gal": 4.0}))
    header, rows = assumptions_rows(res)
    assert header[:4] == ["kind", "id", "what", "value"]
    ids = {r[1] for r in rows}
    # every parameter of the catalogue, and only the scenario's three vehicles
    assert set(res.catalog.params) <= ids
    vehicles = {r[1] for r in rows if r[0] == "vehicle"}
    assert vehicles == {vr.vehicle.id for vr in res.vehicles}
    mine = [r for r in rows if r[6] == "yes"]
    assert [r[1] for r in mine] == ["gasoline_usd_per_gal"]
