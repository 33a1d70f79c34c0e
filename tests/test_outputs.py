"""Outputs: the JSON contract validates; CSVs load back with pandas; the PDF has the expected
pages and text; the headless command exits 2 with one line on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

from core.data.catalog import Catalog
from core.engine import evaluate
from core.export import csv_bytes, ledger_rows, result_to_dict, results_rows
from core.scenario.model import default_scenario

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "result.schema.json").read_text())
DEFAULT = ROOT / "resources" / "scenarios" / "default.json"


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "report", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=180,
    )


def test_result_json_validates_against_the_documented_schema(catalog: Catalog) -> None:
    res = evaluate(default_scenario().with_(draws=500), catalog)
    doc = result_to_dict(res)
    jsonschema.validate(doc, SCHEMA)
    for v in doc["vehicles"]:
        total = v["cost"]["total_usd"]["central"]
        assert sum(v["cost"]["by_category_usd"].values()) == pytest.approx(
            total, rel=1e-9, abs=0.01
        )


def test_csvs_load_back_with_pandas(catalog: Catalog) -> None:
    res = evaluate(default_scenario().with_(draws=500), catalog)
    raw = csv_bytes(*results_rows(res))
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so spreadsheet programs read UTF-8
    df = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(df["vehicle_id"]) == list(res.scenario.vehicles)
    assert df["total_usd_central"].tolist() == pytest.approx(
        [vr.cost.total_usd.central for vr in res.vehicles]
    )
    led = pd.read_csv(io.BytesIO(csv_bytes(*ledger_rows(res))), encoding="utf-8-sig")
    for vr in res.vehicles:
        rows = led[led["vehicle_id"] == vr.vehicle.id]
        # a purchase row, one per year, a loan payoff (if financed) and the resale, each its own
        financed = vr.cost.amount_financed_usd > 0
        assert list(rows["item"]) == ["purchase", *["year"] * res.scenario.years,
                                      *(["loan payoff"] if financed else []), "resale"]  # fmt: skip
        # the cumulative column is the running sum and ends at the (central) total
        assert rows["cumulative_usd"].tolist() == pytest.approx(rows["total_usd"].cumsum().tolist())
        assert rows["cumulative_usd"].iloc[-1] == pytest.approx(vr.cost.total_usd.central)
        assert rows["resale_usd"].iloc[-1] == pytest.approx(-vr.cost.resale_value_usd.central)


# The CLI writing JSON, CSV and PDF together is checked in tests/test_offline.py.


def test_cli_json_to_stdout_and_set() -> None:
    out = _cli(str(DEFAULT), "--json", "-", "--set", "annual_miles=20000", "--set", "draws=300")
    assert out.returncode == 0, out.stderr.decode()
    doc = json.loads(out.stdout)
    assert doc["scenario"]["annual_miles"] == 20000
    assert doc["vehicles"][0]["cost"]["annual_miles"] == 20000


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["/no/such/file.json"], "does not exist"),
        ([str(DEFAULT), "--set", "years=99"], "years"),
        ([str(DEFAULT), "--set", "vehicles=nope"], "vehicles[0]"),
        ([str(DEFAULT), "--set", "bogus"], "--set"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(args: list[str], needle: str) -> None:
    out = _cli(*args)
    assert out.returncode == 2
    lines = out.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], lines
