"""Typed, validated CSV tables: every data file in resources/data/ is read through a schema.

Every table has ``source`` and ``as_of`` columns. Loading fails with a DataError naming the file,
the row (1-based, counting the header as row 1, as a spreadsheet shows it) and the column.
"""

from __future__ import annotations

import csv
import datetime as _dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from core.errors import DataError
from core.uncertain import Uncertain

Kind = Literal["str", "float", "int", "bool", "enum", "date"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "str"
    required: bool = True
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    ref: str | None = None  # name of another table whose key this value must be
    doc: str = ""


SOURCE_COLUMNS = (
    Column("source", doc="where the figure comes from (URL, report, docket)"),
    Column(
        "as_of",
        "date",
        doc="date the figure describes or was published (YYYY, YYYY-MM, YYYY-MM-DD)",
    ),
)


@dataclass(frozen=True)
class TableSchema:
    name: str  # table name, also the file stem: resources/data/<name>.csv
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    doc: str = ""
    optional_columns_prefix: tuple[str, ...] = ("note",)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def all_columns(self) -> tuple[Column, ...]:
        names = {c.name for c in self.columns}
        return self.columns + tuple(c for c in SOURCE_COLUMNS if c.name not in names)


Row = Mapping[str, Any]

# An uncertain figure sits in three columns <name>_low, <name>_central, <name>_high.
PARTS = ("low", "central", "high")


def triple_columns(
    name: str, lo: float | None, hi: float | None, doc: str, required: bool = True
) -> tuple[Column, ...]:
    """The three float columns of an uncertain figure, each within [lo, hi] (None: unbounded)."""
    return tuple(
        Column(f"{name}_{k}", "float", required=required, min=lo, max=hi, doc=f"{doc} ({k})")
        for k in PARTS
    )


def uncertain(row: Row, name: str, suffix: str = "") -> Uncertain:
    """The row's <name>_low<suffix> / _central<suffix> / _high<suffix> as an Uncertain."""
    return Uncertain(*(float(row[f"{name}_{k}{suffix}"]) for k in PARTS))


def check_ordered(file: str, row: Row, name: str, suffix: str = "") -> None:
    """DataError naming the file, row and central column unless low <= central <= high
    (the columns <name>_low<suffix>, <name>_central<suffix>, <name>_high<suffix>)."""
    names = [f"{name}_{k}{suffix}" for k in PARTS]
    lo, c, hi = (float(row[n]) for n in names)
    if not lo <= c <= hi:
        raise DataError(file, "need low <= central <= high", row["_row"], names[1])


@dataclass(frozen=True)
class Table:
    schema: TableSchema
    rows: tuple[Row, ...]
    by_key: Mapping[Any, Row] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, *key: Any) -> Row | None:
        k = key[0] if len(key) == 1 else tuple(key)
        return self.by_key.get(k)

    def __getitem__(self, key: Any) -> Row:
        row = self.by_key.get(key)
        if row is None:
            raise KeyError(f"{self.schema.name}: no row with key {key!r}")
        return row


def _parse(value: str, col: Column, file: str, rowno: int) -> Any:
    value = value.strip()
    if value == "":
        if col.required:
            raise DataError(file, "a value is required here", rowno, col.name)
        return None
    try:
        if col.kind == "str":
            return value
        if col.kind == "enum":
            if value not in col.choices:
                raise DataError(
                    file, f"{value!r} is not one of {', '.join(col.choices)}", rowno, col.name
                )
            return value
        if col.kind == "bool":
            low = value.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise DataError(file, f"{value!r} is not true/false", rowno, col.name)
        if col.kind == "date":
            if not _DATE.match(value):
                raise DataError(
                    file, f"{value!r} is not a date like 2025-09 or 2025-09-17", rowno, col.name
                )
            parts = [int(p) for p in value.split("-")] + [1, 1]
            _dt.date(parts[0], parts[1], parts[2])  # validates month and day
            return value
        num: float
        if col.kind == "int":
            num = int(value)
        else:
            num = float(value)
            if not math.isfinite(num):
                raise DataError(file, f"{value!r} is not a finite number", rowno, col.name)
    except DataError:
        raise
    except ValueError:
        raise DataError(file, f"{value!r} is not a valid {col.kind}", rowno, col.name) from None
    if col.min is not None and num < col.min:
        raise DataError(file, f"{num} is below the minimum {col.min}", rowno, col.name)
    if col.max is not None and num > col.max:
        raise DataError(file, f"{num} is above the maximum {col.max}", rowno, col.name)
    return num


def load_table(schema: TableSchema, directory: Path) -> Table:
    path = directory / schema.file
    file = schema.file
    if not path.is_file():
        raise DataError(file, "file is missing")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(file, f"cannot be read: {exc}") from None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise DataError(file, "file is empty")
    reader = csv.DictReader(lines)
    header = reader.fieldnames or []
    cols = schema.all_columns
    known = {c.name for c in cols}
    for c in cols:
        if c.name not in header:
            raise DataError(file, "required column is missing", 1, c.name)
    for h in header:
        if h not in known and not h.startswith(schema.optional_columns_prefix):
            raise DataError(file, "unknown column (check the spelling)", 1, h)
    rows: list[Row] = []
    by_key: dict[Any, Row] = {}
    for i, raw in enumerate(reader, start=2):
        if None in raw:
            raise DataError(file, "row has more cells than the header", i)
        rec: dict[str, Any] = {}
        for c in cols:
            cell = raw.get(c.name)
            if cell is None:
                raise DataError(file, "row has fewer cells than the header", i, c.name)
            rec[c.name] = _parse(cell, c, file, i)
        for h in header:
            if h not in known:
                rec[h] = (raw.get(h) or "").strip()
        key = rec[schema.key[0]] if len(schema.key) == 1 else tuple(rec[k] for k in schema.key)
        if key in by_key:
            raise DataError(file, f"duplicate id {key!r}", i, schema.key[0])
        rec["_row"] = i
        frozen = MappingProxyType(rec)
        by_key[key] = frozen
        rows.append(frozen)
    if not rows:
        raise DataError(file, "file has a header but no rows")
    return Table(schema, tuple(rows), MappingProxyType(by_key))


def check_refs(tables: Mapping[str, Table]) -> None:
    """Every column with ``ref`` must name an existing key of the referenced table."""
    for table in tables.values():
        for col in table.schema.all_columns:
            if col.ref is None:
                continue
            target = tables.get(col.ref)
            if target is None:
                raise DataError(
                    table.schema.file, f"refers to unknown table {col.ref!r}", None, col.name
                )
            for row in table.rows:
                v = row[col.name]
                if v is not None and v not in target.by_key:
                    raise DataError(
                        table.schema.file,
                        f"{v!r} is not an id in {target.schema.file}",
                        row["_row"],
                        col.name,
                    )
