"""Result exports: the stable JSON contract (docs/result.md) and CSV tables.

CSV files are written UTF-8 with a byte-order mark so spreadsheet programs read them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from core.cost import fees
from core.cost.ownership import CATEGORIES, CostResult
from core.data.catalog import SourceEntry
from core.data.params import Param
from core.policy.mobility import REASONS
from core.result import Result, VehicleResult
from core.scenario.io import scenario_to_dict
from core.scenario.overrides import COVERAGE_LABELS, OVERRIDE_FIELDS
from core.uncertain import Dist
from core.version import __version__

RESULT_SCHEMA = "keiwhatif.result/1"


def _dist(d: Dist) -> dict[str, float]:
    return d.as_dict()


def _opt(d: Dist | None) -> dict[str, float] | None:
    return None if d is None else d.as_dict()


def _mobility(vr: VehicleResult) -> dict[str, Any] | None:
    m = vr.mobility
    if m is None:
        return None
    return {
        "own_vehicle_share": m.own_share,
        "fallback_mode": m.fallback_mode,
        "fallback_label": m.fallback_label,
        "fallback_vehicle": m.fallback_vehicle,
        "fallback_share": m.fallback_share,
        "fallback_share_by_reason": {k: float(m.by_reason.get(k, 0.0)) for k in REASONS},
        "registrable": m.registrable,
    }


def _landed(c: CostResult) -> dict[str, Any] | None:
    """The landed price (Dist) and its parts: the price abroad net of tax (or the US price),
    each landing item and the incentives, for the draws around the median; they add up to
    the headline."""
    if c.landed_price_usd is None:
        return None
    out: dict[str, Any] = dict(c.landed_price_usd.as_dict())
    out["parts"] = {k: float(v) for k, v in c.landed_parts_usd.items()}
    return out


def result_to_dict(result: Result) -> dict[str, Any]:
    vehicles = []
    for vr in result.vehicles:
        v, c, s, f = vr.vehicle, vr.cost, vr.safety, vr.feasibility
        vehicles.append(
            {
                "id": v.id,
                "name": v.name,
                "class": v.vclass,
                "cost": {
                    "horizon_years": c.horizon_years,
                    "annual_miles": c.annual_miles,
                    "total_usd": _dist(c.total_usd),
                    "per_mile_usd": _dist(c.per_mile_usd),
                    "per_month_usd": _dist(c.per_month_usd),
                    "by_category_usd": {
                        k: float(c.by_category_usd.get(k, 0.0)) for k in CATEGORIES
                    },
                    # added fields (the contract only ever grows)
                    "discounted_total_usd": _opt(c.discounted_total_usd),
                    "landed_price_usd": _landed(c),
                    "resale_value_usd": _opt(c.resale_value_usd),
                    "monthly_payment_usd": float(c.monthly_payment_usd),
                    # issue 13: the headline breakdowns and the sale step
                    "headline_by_category_usd": {
                        k: float(c.headline_by_category_usd.get(k, 0.0)) for k in CATEGORIES
                    },
                    "before_sale_usd": _opt(c.before_sale_usd),
                    "discount_rate": float(c.discount_rate),
                    "inflation_rate": float(c.inflation_rate),
                    "loan_apr": float(c.loan_apr),
                    "fees_usd": {k: float(x) for k, x in c.fees_usd.items()},
                    "insurance_coverage": c.insurance_coverage,
                    "your_values": {k: float(x) for k, x in c.your_values.items()},
                    "defaults": {k: float(x) for k, x in c.defaults.items()},
                    "own_miles_per_year": float(c.own_miles_per_year),
                    "fallback_miles_per_year": float(c.fallback_miles_per_year),
                },
                "safety": {
                    "occupant_deaths_per_10k_owners": _dist(s.occupant_deaths_per_10k_owners),
                    "others_deaths_per_10k_owners": _dist(s.others_deaths_per_10k_owners),
                    "occupant_deaths_per_100m_miles": _dist(s.occupant_deaths_per_100m_miles),
                    "serious_injuries_per_10k_owners": _dist(s.serious_injuries_per_10k_owners),
                    "miles_not_legally_drivable_share": float(s.miles_not_legally_drivable_share),
                    # added fields (the contract only ever grows)
                    "others_deaths_per_100m_miles": _dist(s.others_deaths_per_100m_miles),
                    "pedestrian_deaths_per_10k_owners": _dist(s.pedestrian_deaths_per_10k_owners),
                    "others_serious_injuries_per_10k_owners": _dist(
                        s.others_serious_injuries_per_10k_owners
                    ),
                    "driver_death_probability": _dist(s.driver_death_probability),
                    "comparator": s.comparator,
                    "relative_occupant_risk_per_mile": _opt(s.relative_occupant_risk),
                    "relative_others_risk_per_mile": _opt(s.relative_others_risk),
                    "judgement_flags": list(s.judgement_flags),
                    "basis": "owner_travel",
                    "vehicle_occupant_deaths_per_100m_miles": _opt(
                        s.vehicle_occupant_deaths_per_100m_miles
                    ),
                    "vehicle_others_deaths_per_100m_miles": _opt(
                        s.vehicle_others_deaths_per_100m_miles
                    ),
                },
                "mobility": _mobility(vr),
                "feasibility": {
                    "verdict": f.verdict,
                    "binding_constraint": f.binding_constraint,
                    "checks": [
                        {
                            "id": ch.id,
                            "label": ch.label,
                            "status": ch.status,
                            "reason": ch.reason,
                            "source": ch.source,
                            "as_of": ch.as_of,
                            "confidence": ch.confidence,
                        }
                        for ch in f.checks
                    ],
                },
            }
        )
    return {
        "schema": RESULT_SCHEMA,
        "app_version": __version__,
        "scenario": scenario_to_dict(result.scenario),
        "vehicles": vehicles,
        "comparisons": [
            {
                "a": cmp.a,
                "b": cmp.b,
                "p_a_cheaper": cmp.p_a_cheaper,
                "break_even_year": cmp.break_even_year,
                "p_b_cheaper": cmp.p_b_cheaper,
                "every_mile_served": cmp.every_mile_served,
                "a_registrable": cmp.a_registrable,
                # added: b's total minus a's per paired draw (U; positive: a costs less)
                "cost_gap_usd": _opt(cmp.cost_gap_usd),
            }
            for cmp in result.comparisons
        ],
    }


def result_to_json(result: Result) -> str:
    return json.dumps(result_to_dict(result), indent=2, ensure_ascii=False) + "\n"


def results_rows(result: Result) -> tuple[list[str], list[list[Any]]]:
    """One row per vehicle: the headline figures with P10/P50/P90."""
    header = ["vehicle_id", "vehicle", "class", "years", "annual_miles"]
    dists: tuple[tuple[str, Callable[[VehicleResult], Dist]], ...] = (
        ("total_usd", lambda vr: vr.cost.total_usd),
        ("per_month_usd", lambda vr: vr.cost.per_month_usd),
        ("per_mile_usd", lambda vr: vr.cost.per_mile_usd),
        ("occupant_deaths_per_10k_owners", lambda vr: vr.safety.occupant_deaths_per_10k_owners),
        ("others_deaths_per_10k_owners", lambda vr: vr.safety.others_deaths_per_10k_owners),
        ("occupant_deaths_per_100m_miles", lambda vr: vr.safety.occupant_deaths_per_100m_miles),
        ("serious_injuries_per_10k_owners", lambda vr: vr.safety.serious_injuries_per_10k_owners),
    )
    for name, _ in dists:
        header += [f"{name}_central", f"{name}_p10", f"{name}_p50", f"{name}_p90"]
    header += [f"{k}_usd" for k in CATEGORIES]
    header += ["miles_not_legally_drivable_share", "feasibility_verdict", "binding_constraint"]
    header += ["own_vehicle_share", "fallback_mode", "fallback_share"]
    rows: list[list[Any]] = []
    for vr in result.vehicles:
        row: list[Any] = [
            vr.vehicle.id,
            vr.vehicle.name,
            vr.vehicle.vclass,
            vr.cost.horizon_years,
            vr.cost.annual_miles,
        ]
        for _, get in dists:
            d = get(vr)
            row += [d.central, d.p10, d.p50, d.p90]
        row += [float(vr.cost.by_category_usd.get(k, 0.0)) for k in CATEGORIES]
        row += [
            vr.safety.miles_not_legally_drivable_share,
            vr.feasibility.verdict,
            vr.feasibility.binding_constraint or "",
        ]
        m = vr.mobility
        row += [m.own_share, m.fallback_mode, m.fallback_share] if m else [1.0, "", 0.0]
        rows.append(row)
    return header, rows


LEDGER_COLUMNS = (
    "purchase",  # the vehicle with its landing costs (price + import items), at year 0
    "taxes_fees",  # sales tax, title and documentation at purchase; registration each year
    "incentives",  # purchase incentives (negative)
    "loan",  # the amount financed (negative at purchase: the lender pays it)
    "loan_payments",
    "energy",
    "insurance",
    "maintenance",
    "repairs",
    "loan_payoff",  # the balance still owed, paid off at the sale
    "resale",  # the sale price (negative: money back)
)


def ledger_rows(result: Result) -> tuple[list[str], list[list[Any]]]:
    """The cash-flow ledger of the central-input run: per vehicle a purchase row (year 0), one
    row per year, then a loan-payoff row (if financed) and a resale row at the sale. The
    cumulative column is the running sum of `total_usd`; it ends at the central total."""
    header = [
        "vehicle_id",
        "vehicle",
        "year",
        "item",
        *[f"{k}_usd" for k in LEDGER_COLUMNS],
        "total_usd",
        "cumulative_usd",
    ]
    idx = {k: i for i, k in enumerate(CATEGORIES)}
    rows: list[list[Any]] = []
    for vr in result.vehicles:
        c = vr.cost
        years = c.horizon_years
        basis = c.purchase_price_usd + sum(c.landed_items_usd.values())
        at_purchase = (
            c.upfront_cash_usd - basis + c.incentives_usd + c.amount_financed_usd
        )  # sales tax, title and documentation
        entries: list[tuple[int, str, dict[str, float]]] = [
            (0, "purchase", {"purchase": basis, "taxes_fees": at_purchase,
                             "incentives": -c.incentives_usd, "loan": -c.amount_financed_usd}),
        ]  # fmt: skip
        for t in range(1, years + 1):
            year = c.ledger_usd[t - 1]
            pay = c.loan_payments_by_year_usd
            entries.append(
                (
                    t,
                    "year",
                    {
                        "taxes_fees": float(year[idx["taxes_fees"]])
                        - (at_purchase if t == 1 else 0.0),
                        "loan_payments": float(pay[t - 1]) if len(pay) >= t else 0.0,
                        "energy": float(year[idx["energy"]]),
                        "insurance": float(year[idx["insurance"]]),
                        "maintenance": float(year[idx["maintenance"]]),
                        "repairs": float(year[idx["repairs"]]),
                    },
                )
            )
        if c.amount_financed_usd > 0:
            entries.append((years, "loan payoff", {"loan_payoff": c.loan_payoff_usd}))
        resale = c.resale_value_usd.central if c.resale_value_usd is not None else 0.0
        entries.append((years, "resale", {"resale": -resale}))
        running = 0.0
        for year_no, item, vals in entries:
            cells = [float(vals.get(k, 0.0)) for k in LEDGER_COLUMNS]
            total = float(sum(cells))
            running += total
            rows.append([vr.vehicle.id, vr.vehicle.name, year_no, item, *cells, total, running])
    return header, rows


def relevant_sources(result: Result) -> list[SourceEntry]:
    """Every default figure the result rests on: all parameters and tables, and the vehicle
    rows of the scenario's vehicles only."""
    ids = {vr.vehicle.id for vr in result.vehicles}
    return [e for e in result.catalog.sources() if e.kind != "vehicle" or e.id in ids]


ASSUMPTIONS_HEADER = [
    "kind",
    "id",
    "what",
    "value",
    "unit",
    "confidence",
    "your_value",
    "source",
    "as_of",
]


def assumptions_rows(result: Result) -> tuple[list[str], list[list[Any]]]:
    """The full assumptions list (the PDF keeps only the ones the user changed)."""
    rows: list[list[Any]] = [
        [
            e.kind,
            e.id,
            e.label,
            e.value,
            e.unit,
            e.confidence,
            "yes" if e.user_set else "no",
            e.source,
            e.as_of,
        ]
        for e in relevant_sources(result)
    ]
    return list(ASSUMPTIONS_HEADER), rows


def to_csv_text(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, as spreadsheet programs expect."""
    return to_csv_text(header, rows).encode("utf-8-sig")


# -- the buyer's own numbers beside the defaults (Sources tab, PDF) ---------------------------------
def _fmt_value(name: str, x: float) -> str:
    if name == "loan_apr":
        return f"{x * 100:.2f}%"
    if name in ("mpg", "kwh_per_100mi"):
        return f"{x:,.1f}"
    return f"{x:,.0f}"


def your_value_sources(result: Result) -> list[SourceEntry]:
    """One row per figure a buyer typed: "your value (default X)", with the default's source."""
    out: list[SourceEntry] = []
    for vr in result.vehicles:
        v, c = vr.vehicle, vr.cost
        for name, value in c.your_values.items():
            spec = OVERRIDE_FIELDS[name]
            src, as_of = _default_source(result, vr, name)
            shown = _fmt_value(name, value)
            if name in c.defaults:
                shown += f" (default {_fmt_value(name, c.defaults[name])})"
            label = f"{spec.label}: {v.name}"
            if name == "insurance_usd_per_year":
                label += f" ({COVERAGE_LABELS[c.insurance_coverage].lower()})"
            out.append(
                SourceEntry(
                    "your value",
                    f"{v.id}.{name}",
                    label,
                    shown,
                    spec.unit,
                    src,
                    as_of,
                    "your value",
                    user_set=True,
                )
            )
    return out


def _default_source(result: Result, vr: VehicleResult, name: str) -> tuple[str, str]:
    v, cat = vr.vehicle, result.catalog
    if name in ("price_usd", "mpg", "kwh_per_100mi"):
        return v.source, v.as_of
    if name == "insurance_usd_per_year":
        row = cat.table(fees.INSURANCE)[v.vclass]
        st = cat.table(fees.INSURANCE_STATES)[result.scenario.state]
        return f"{row['source']} x state factor: {st['source']}", str(row["as_of"])
    if name == "upkeep_usd_per_year":
        row = cat.table("cost_running")[v.vclass]
        return str(row["source"]), str(row["as_of"])
    if name == "resale_usd":
        row = cat.table("cost_retained_value")[v.vclass]
        return str(row["source"]), str(row["as_of"])
    pid = fees.APR_NEW if v.age_years <= 0 else fees.APR_USED
    if v.age_years >= cat.central(fees.OLD_LOAN_AGE):
        pid = fees.APR_OLD
    p: Param = cat.param(pid)
    return p.source, p.as_of
