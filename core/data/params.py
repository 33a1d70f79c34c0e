"""Scalar model parameters: one row per figure, with low / central / high, unit, source, as-of.

Each model keeps its own file (``cost_params.csv``, ``safety_params.csv``,
``feasibility_params.csv``, ``economy_params.csv``) with this same schema; ids are unique across
all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.data.tables import Column, Row, TableSchema
from core.uncertain import Uncertain

CONFIDENCE = ("documented", "estimate", "judgement", "assumption")

PARAM_COLUMNS = (
    Column("id", doc="stable identifier used by the code and in scenario overrides"),
    Column("label", doc="plain-language name shown in the app"),
    Column("unit", doc="unit of low/central/high, e.g. usd_per_gal, fraction, mph"),
    Column("low", "float"),
    Column("central", "float"),
    Column("high", "float"),
    Column("min", "float", required=False, doc="smallest value a user may enter (validation)"),
    Column("max", "float", required=False, doc="largest value a user may enter (validation)"),
    Column(
        "confidence",
        "enum",
        choices=CONFIDENCE,
        doc="documented = measured/published; estimate = derived; judgement = set by reasoning",
    ),
    Column("source"),
    Column("as_of", "date"),
)

# Param ids that several models and the levers read (identifiers, not figures).
MICROCAR_INCENTIVE = "microcar_purchase_incentive_usd"
EV_INCENTIVE = "ev_purchase_incentive_usd"

PARAM_FILES = (
    "economy_params",
    "cost_params",
    "safety_params",
    "feasibility_params",
    "nation_params",
)


def param_schema(name: str) -> TableSchema:
    return TableSchema(name=name, key=("id",), columns=PARAM_COLUMNS, doc="scalar parameters")


@dataclass(frozen=True)
class Param:
    id: str
    label: str
    unit: str
    value: Uncertain
    min: float | None
    max: float | None
    confidence: str
    source: str
    as_of: str
    file: str
    user_set: bool = False

    @classmethod
    def from_row(cls, row: Row, file: str) -> Param:
        return cls(
            id=row["id"],
            label=row["label"],
            unit=row["unit"],
            value=Uncertain(row["low"], row["central"], row["high"]),
            min=row["min"],
            max=row["max"],
            confidence=row["confidence"],
            source=row["source"],
            as_of=row["as_of"],
            file=file,
        )

    @property
    def central(self) -> float:
        return self.value.central

    def allowed(self) -> str:
        lo = "-inf" if self.min is None else f"{self.min:g}"
        hi = "inf" if self.max is None else f"{self.max:g}"
        return f"a number from {lo} to {hi} ({self.unit})"
