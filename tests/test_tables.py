"""Broken data files give a message naming file, row and column."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from core.data.catalog import load_catalog
from core.data.paths import DATA
from core.errors import DataError


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


def _set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell (row 1 = header, as a spreadsheet counts) using the csv module."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_catalog_loads() -> None:
    cat = load_catalog()
    assert cat.vehicles and cat.params
    for entry in cat.sources():
        assert entry.source.strip(), entry
        assert entry.as_of.strip(), entry


def test_missing_column_is_named(data_copy: Path) -> None:
    _edit(data_copy / "economy_params.csv", "confidence,", "confidenc,")
    with pytest.raises(DataError) as e:
        load_catalog(data_copy)
    assert "economy_params.csv" in str(e.value) and "confidence" in str(e.value)


def test_bad_number_names_file_row_and_column(data_copy: Path) -> None:
    _set_cell(data_copy / "vehicles.csv", 2, "curb_mass_kg", "heavy")
    with pytest.raises(DataError) as e:
        load_catalog(data_copy)
    assert e.value.file == "vehicles.csv"
    assert e.value.row == 2
    assert e.value.column == "curb_mass_kg"


def test_duplicate_id_is_named(data_copy: Path) -> None:
    path = data_copy / "economy_params.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_catalog(data_copy)
    assert "duplicate" in str(e.value) and e.value.row == len(lines) + 1


def test_empty_file_is_named(data_copy: Path) -> None:
    (data_copy / "economy_params.csv").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match=r"economy_params.csv: file is empty"):
        load_catalog(data_copy)


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "vehicles.csv").unlink()
    with pytest.raises(DataError, match=r"vehicles.csv: file is missing"):
        load_catalog(data_copy)


def test_empty_source_is_rejected(data_copy: Path) -> None:
    _set_cell(data_copy / "economy_params.csv", 2, "source", "")
    with pytest.raises(DataError) as e:
        load_catalog(data_copy)
    assert e.value.column == "source" and e.value.row == 2
