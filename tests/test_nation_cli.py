"""keiwhatif sweep: the tidy CSV, the uptake CSV, the 2-page brief, and the exit contract."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pypdf
import pytest

from core.data.states import STATE_CODES
from core.scenario.model import load_preset
from desktop.__main__ import main


@pytest.fixture()
def scenario_file(write_scenario) -> Path:  # type: ignore[no-untyped-def]
    return write_scenario(load_preset("policy_kei_class").with_(draws=300))


def test_sweep_writes_tidy_and_uptake_csv_and_a_two_page_brief(
    scenario_file: Path, tmp_path: Path
) -> None:
    out, up, brief = tmp_path / "s.csv", tmp_path / "u.csv", tmp_path / "b.pdf"
    rc = main(
        [
            "sweep",
            str(scenario_file),
            "--csv",
            str(out),
            "--uptake-csv",
            str(up),
            "--brief",
            str(brief),
        ]
    )
    assert rc == 0
    tidy = pd.read_csv(out, encoding="utf-8-sig")
    assert len(tidy) == 51 * 3 * 3  # states x (baseline + 2 packages) x vehicles
    assert set(tidy["state"]) == set(STATE_CODES)
    ups = pd.read_csv(up, encoding="utf-8-sig")
    assert set(ups["state"]) == {*STATE_CODES, "US"}
    assert (ups["uptake_new_p50"].dropna().between(0, 1)).all()
    pdf = pypdf.PdfReader(io.BytesIO(brief.read_bytes()))
    assert len(pdf.pages) == 2
    assert "Package brief: Kei class, 45 mph" in pdf.pages[0].extract_text().replace("\t", " ")


def test_sweep_over_package_only_and_a_grid(scenario_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    rc = main(
        ["sweep", str(scenario_file), "--over", "package", "--grid", "annual_miles=6000,12000",
         "--csv", str(out)]
    )  # fmt: skip
    assert rc == 0
    tidy = pd.read_csv(out, encoding="utf-8-sig")
    assert set(tidy["state"]) == {"TX"} and sorted(set(tidy["annual_miles"])) == [6000, 12000]
    assert len(tidy) == 2 * 3 * 3


@pytest.mark.parametrize(
    "args",
    [
        ["--over", "planet"],
        ["--states", "TX,XX"],
        ["--grid", "annual_miles"],
        ["--brief-package", "Nope", "--brief", "x.pdf"],
    ],
)
def test_bad_input_exits_2_with_one_line(
    scenario_file: Path, tmp_path: Path, args: list[str], capfd: pytest.CaptureFixture[str]
) -> None:
    args = [a if a != "x.pdf" else str(tmp_path / "x.pdf") for a in args]
    rc = main(["sweep", str(scenario_file), *args, "--csv", str(tmp_path / "o.csv")])
    err = capfd.readouterr().err
    assert rc == 2
    assert err.startswith("keiwhatif sweep: ") and err.count("\n") == 1
    assert not (tmp_path / "o.csv").exists()
