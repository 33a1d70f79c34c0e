"""The safety model against observed US figures, row by row (docs/safety-validation.md).

`validation_rows(catalog)` evaluates the model for every row of resources/data/safety_observed.csv
under the conditions the observed figure was measured in, and returns (observed, source, model
P10 / P50 / P90, ratio) rows. The adjustments that make a per-mile model comparable with IIHS
rates per registered vehicle-year are explicit here:

* **occupancy**: IIHS counts drivers only, so the model's driver rate is compared (passengers
  are left out); the vehicle's mass carries the fleet-average occupancy;
* **miles per registered vehicle-year**: the model's per-mile rate is turned back into a
  per-vehicle-year rate with the same miles (`anchor_miles_per_vehicle_year`, every draw) that
  turned the IIHS anchor into a per-mile rate, so for IIHS rows the miles cancel;
* **road mix**: the `us_average` mix the anchor is spread over;
* **edition**: an older IIHS edition is compared after scaling the model by that edition's
  all-vehicle rate over the anchor (e.g. 36 / 38 for 2017 models).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.data.catalog import Catalog
from core.data.roads import ROAD_CLASSES
from core.data.safety_tables import US_AVERAGE_PRESET
from core.data.tables import Row
from core.data.vehicles import Vehicle
from core.safety.rates import (
    P_ANCHOR,
    P_ANCHOR_MILES,
    P_FLEET_OCC,
    P_REF_MASS,
    P_SV_SHARE,
    PER_100M_MILES,
    PER_MILLION,
    SafetyInputs,
    VehicleDraws,
    prepare_shared,
    vehicle_risk,
)
from core.uncertain import FloatArray, MonteCarloSampler, Uncertain, percentile_rows

VALIDATION_DRAWS = 4_000
VALIDATION_SEED = 20261201
# Vehicles built from a row's mass and classes borrow every other field from this one.
TEMPLATE_VEHICLE = "versa_2025"
REFERENCE_FRONT = "low_sloped"


@dataclass(frozen=True)
class ValidationRow:
    id: str
    group: str  # own, others, roads, context
    label: str
    chart_label: str
    unit: str
    observed: float
    model_p10: float | None  # None on context rows (observed against observed)
    model_p50: float | None
    model_p90: float | None
    comparison: float | None  # context rows: the figure the observed one is set against
    ratio: float  # model P50 / observed; context rows: observed / comparison
    source: str
    as_of: str
    confidence: str
    note: str
    # False for the catalogue rows: a vehicle set beside its nearest rated class, for scale,
    # not a figure the model is calibrated to.
    target: bool = True

    @property
    def inside(self) -> bool | None:
        """Observed figure within the model's P10-P90 (None on context and catalogue rows)."""
        if not self.target or self.model_p10 is None or self.model_p90 is None:
            return None
        return self.model_p10 <= self.observed <= self.model_p90


class _Run:
    """One Monte Carlo run of the model on the US-average mix (draws paired across rows)."""

    def __init__(self, catalog: Catalog, draws: int, seed: int) -> None:
        preset = catalog.table("road_mix_presets")[US_AVERAGE_PRESET]
        self.sampler = MonteCarloSampler(n=draws, seed=seed)
        self.inp = SafetyInputs.from_catalog(
            catalog,
            catalog.central(P_FLEET_OCC),
            tuple(float(preset[rc]) for rc in ROAD_CLASSES),
            dict.fromkeys(ROAD_CLASSES, 0.0),
        )
        self.shared = prepare_shared(self.inp, self.sampler)

    def risk(self, v: Vehicle) -> VehicleDraws:
        return vehicle_risk(self.inp, self.shared, v, None, self.sampler)

    def param(self, pid: str) -> FloatArray:
        return self.inp.param(self.sampler, pid)

    def per_rvy(self) -> FloatArray:
        """Per 100M miles -> per million registered vehicle-years (the anchor's own miles)."""
        return self.param(P_ANCHOR_MILES) * PER_MILLION / PER_100M_MILES


def _vehicle(catalog: Catalog, row: Row, mass: float | None = None) -> Vehicle:
    if row["vehicle"]:
        return catalog.vehicle(row["vehicle"])
    m = mass if mass is not None else row["mass_kg"]
    return dataclasses.replace(
        catalog.vehicle(TEMPLATE_VEHICLE),
        id=f"validation:{row['id']}",
        curb_mass_kg=float(m if m is not None else catalog.central(P_REF_MASS)),
        crash_class=row["crash_class"],
        front_shape=row["front_shape"] or REFERENCE_FRONT,
        top_speed_mph=float(catalog.vehicle(TEMPLATE_VEHICLE).top_speed_mph),
    )


def _pct(draws: FloatArray, n: int) -> tuple[float, float, float]:
    arr = np.broadcast_to(np.asarray(draws, dtype=float).ravel(), (n,))
    p10, p50, p90 = percentile_rows(arr[np.newaxis, :])[0]
    return float(p10), float(p50), float(p90)


def _model_draws(catalog: Catalog, row: Row, run: _Run, mv_run: Callable[[], _Run]) -> FloatArray:
    measure = row["measure"]
    if measure == "driver_rate":
        d = run.risk(_vehicle(catalog, row))
        scale = (row["edition_average"] or catalog.central(P_ANCHOR)) / catalog.central(P_ANCHOR)
        return d.driver * run.per_rvy() * scale
    if measure in ("driver_ratio", "mv_ratio"):
        r = mv_run() if measure == "mv_ratio" else run  # multi-vehicle crashes only
        a = r.risk(_vehicle(catalog, row, row["mass_kg"]))
        b = r.risk(_vehicle(catalog, row, row["mass_b_kg"]))
        return a.driver / b.driver
    if measure == "protection_ratio":
        prot = catalog.table("crash_protection")[row["crash_class"]]
        u = Uncertain(*(float(prot[f"protection_{k}"]) for k in ("low", "central", "high")))
        return run.sampler.draw(f"protection:{row['crash_class']}", u)
    if measure == "other_driver_rate":
        d = run.risk(_vehicle(catalog, row))
        # IIHS counts the other drivers only: take the fleet occupancy factor back out.
        return d.other_occupants / run.shared.fleet_occ_factor * run.per_rvy()
    if measure == "pedestrian_rate":
        return run.risk(_vehicle(catalog, row)).pedestrians
    if measure == "pedestrian_ratio":
        v = _vehicle(catalog, row)
        low = dataclasses.replace(v, front_shape=REFERENCE_FRONT)
        return run.risk(v).pedestrians / run.risk(low).pedestrians
    if measure == "system_rate":
        d = run.risk(_vehicle(catalog, row))
        return d.occupant + d.pedestrians
    if measure == "road_index":
        return _road_index(run, row)
    raise ValueError(f"unknown measure {measure!r}")  # the schema's enum rules this out


def _road_index(run: _Run, row: Row) -> FloatArray:
    """Average vehicle's death rate on some road classes against its US-average-mix rate."""
    shares, base = run.inp.avg_shares, run.shared.base_rate
    classes = [ROAD_CLASSES.index(rc) for rc in str(row["roads"]).split(";")]
    weights = [float(shares[j]) for j in classes]
    part = sum(w * base[j] for w, j in zip(weights, classes, strict=True))
    overall = sum(float(s) * b for s, b in zip(shares, base, strict=True))
    return np.asarray(part / sum(weights) / overall, dtype=float)


def validation_rows(
    catalog: Catalog, draws: int = VALIDATION_DRAWS, seed: int = VALIDATION_SEED
) -> tuple[ValidationRow, ...]:
    """Every row of safety_observed.csv with the model's P10 / P50 / P90 beside it."""
    run = _Run(catalog, draws, seed)
    mv: list[_Run] = []

    def mv_run() -> _Run:
        if not mv:
            mv.append(_Run(catalog.with_overrides({P_SV_SHARE: 0.0}), draws, seed))
        return mv[0]

    out = []
    for row in catalog.table("safety_observed").rows:
        observed = float(row["observed"])
        common: dict[str, object] = {
            "id": row["id"],
            "group": row["group"],
            "label": row["label"],
            "chart_label": row["chart_label"],
            "unit": row["unit"],
            "observed": observed,
            "source": row["source"],
            "as_of": str(row["as_of"]),
            "confidence": row["confidence"],
            "note": row.get("note") or "",
        }
        if row["measure"] == "context":
            comparison = float(row["comparison"])
            out.append(
                ValidationRow(
                    **common,  # type: ignore[arg-type]
                    model_p10=None,
                    model_p50=None,
                    model_p90=None,
                    comparison=comparison,
                    ratio=observed / comparison,
                )
            )
            continue
        p10, p50, p90 = _pct(_model_draws(catalog, row, run, mv_run), draws)
        out.append(
            ValidationRow(
                **common,  # type: ignore[arg-type]
                model_p10=p10,
                model_p50=p50,
                model_p90=p90,
                comparison=None,
                ratio=p50 / observed if observed > 0 else math.inf,
            )
        )
    return tuple(out) + _catalogue_rows(catalog, run, draws)


def _catalogue_rows(catalog: Catalog, run: _Run, draws: int) -> tuple[ValidationRow, ...]:
    """Every catalogue vehicle beside the IIHS rows nearest to its class (for scale)."""
    observed = catalog.table("safety_observed")
    closest = catalog.table("safety_closest_class")
    out = []
    for v in catalog.vehicles.values():
        link = closest[v.vclass]
        for col, what in (("own_row", "drivers killed"), ("others_row", "other drivers killed")):
            ref = observed[link[col]]
            row = {**ref, "vehicle": v.id}
            p10, p50, p90 = _pct(_model_draws(catalog, row, run, lambda: run), draws)
            out.append(
                ValidationRow(
                    id=f"catalogue:{v.id}:{col}",
                    group="catalogue",
                    label=f"{v.name}: {what}, against {ref['label']}",
                    chart_label=v.name,
                    unit=ref["unit"],
                    observed=float(ref["observed"]),
                    model_p10=p10,
                    model_p50=p50,
                    model_p90=p90,
                    comparison=None,
                    ratio=p50 / float(ref["observed"]),
                    source=link["source"],
                    as_of=str(link["as_of"]),
                    confidence=link["confidence"],
                    note=link.get("note") or "",
                    target=False,
                )
            )
    return tuple(out)


GROUP_TITLES = {
    "own": "Risk to the people aboard (IIHS driver death rates)",
    "others": "Risk to others (IIHS other-driver death rates, FARS pedestrians)",
    "roads": "Road classes and the whole road system (FARS / FHWA)",
    "context": "System context (observed against observed; no model figure)",
    "catalogue": "Catalogue vehicles against the nearest rated IIHS class (for scale)",
}


def fmt_value(x: float) -> str:
    """Three significant figures, thousands separated (1,234; 12.3; 0.123)."""
    if x == 0 or not math.isfinite(x):
        return f"{x:g}"
    digits = max(0, 2 - math.floor(math.log10(abs(x))))
    return f"{x:,.{digits}f}"


def render_markdown(rows: tuple[ValidationRow, ...], draws: int = VALIDATION_DRAWS) -> str:
    """docs/safety-validation.md, generated from the rows (scripts/safety_validation.py)."""
    out = [
        "# Safety model against observed US figures",
        "",
        "Generated by `scripts/safety_validation.py` from `resources/data/safety_observed.csv` and",
        "the model's data (`core/safety/validation.py`); do not edit by hand. The app shows the same",
        'table and a chart in the Safety tab ("How we know").',
        "",
        f"Model figures are Monte Carlo percentiles ({draws:,} draws, the shipped defaults). "
        "**Ratio** = model P50 / observed (context rows: the first figure / the second). "
        "**In band** = the observed figure lies within the model's P10-P90.",
        "",
        "How a per-mile model is compared with IIHS rates per registered vehicle-year:",
        "",
        "* **Occupancy**: IIHS counts drivers only, so the model's driver rate is compared "
        "(passengers left out; other-driver rows leave out the other vehicles' passengers); the "
        "vehicle's mass carries the fleet-average occupancy.",
        "* **Miles per registered vehicle-year**: the per-mile rate is turned back into a "
        "per-vehicle-year rate with the same miles (`anchor_miles_per_vehicle_year`, 11,599 "
        "FHWA, every draw) that turned the IIHS anchor into a per-mile rate, so the miles cancel "
        "for IIHS rows. A class driven far less (small sports cars) is over-predicted by that much.",
        "* **Road mix**: the `us_average` mix the anchors are spread over.",
        "* **Edition**: an older IIHS edition is compared after scaling the model by that "
        "edition's all-vehicle rate over today's anchor (for example 36 / 38 for 2017 models).",
        "",
    ]
    for group, title in GROUP_TITLES.items():
        part = [r for r in rows if r.group == group]
        if not part:
            continue
        out += [f"## {title}", ""]
        if group == "catalogue":
            out += [
                "Not calibration targets: each catalogue vehicle (model, US-average mix, drivers "
                "only) beside the IIHS figure of the class nearest to it. Lighter or less "
                "protected vehicles than any rated class are meant to sit above it.",
                "",
                "| Vehicle and class figure | Unit | Class figure | Model P50 (P10-P90) | "
                "Ratio | Why this class |",
                "|---|---|---|---|---|---|",
            ]
            for r in part:
                band = (
                    f"{fmt_value(r.model_p50 or 0.0)} ({fmt_value(r.model_p10 or 0.0)}-"
                    f"{fmt_value(r.model_p90 or 0.0)})"
                )
                why = f"{r.source}. {r.note}" if r.note else r.source
                out.append(
                    f"| {r.label} | {r.unit} | {fmt_value(r.observed)} | {band} | "
                    f"{r.ratio:.2f} | {why} |"
                )
        elif group == "context":
            out += [
                "| Figure | First | Second | Ratio | Source (as of) |",
                "|---|---|---|---|---|",
            ]
            for r in part:
                out.append(
                    f"| {r.label} | {fmt_value(r.observed)} | {fmt_value(r.comparison or 0.0)} "
                    f"| {r.ratio:.2f} | {r.source} ({r.as_of}) |"
                )
        else:
            out += [
                "| Observed figure | Unit | Observed | Model P50 (P10-P90) | Ratio | In band | "
                "Source (as of) |",
                "|---|---|---|---|---|---|---|",
            ]
            for r in part:
                band = (
                    f"{fmt_value(r.model_p50 or 0.0)} ({fmt_value(r.model_p10 or 0.0)}-"
                    f"{fmt_value(r.model_p90 or 0.0)})"
                )
                out.append(
                    f"| {r.label} | {r.unit} | {fmt_value(r.observed)} | {band} | {r.ratio:.2f} "
                    f"| {'yes' if r.inside else '**no**'} | {r.source} ({r.as_of}) |"
                )
        out.append("")
    notes = [r for r in rows if r.note and r.target]
    outside = [r for r in rows if r.inside is False]
    out += ["## Outside the band, and why", ""]
    if outside:
        out += [
            f"* **{r.label}**: {r.note or 'no note: add one to safety_observed.csv.'}"
            for r in outside
        ]
    else:
        out.append("Every observed figure lies within the model's P10-P90.")
    out += ["", "## Notes on the rows", ""]
    out += [f"* **{r.label}**: {r.note}" for r in notes if r.inside is not False]
    return "\n".join(out) + "\n"
