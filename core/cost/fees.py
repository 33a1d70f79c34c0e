"""Your state's taxes and fees, insurance that fits the vehicle and the state, and the loan APR
by the vehicle's age (issue #17). Formulas: docs/cost-model.md ("Taxes and fees", "Insurance",
"Financing").

* Purchase: `tax = min(cap, (tax_rate + local_rate) x price paid)` (none on a used vehicle where
  the state taxes only new ones, e.g. Oregon's privilege tax), plus the state title fee and the
  dealer/importer documentation fee.
* Each year t (vehicle age a = age_years + t - 1): registration (the heavy-vehicle figure from
  `heavy_from_lb`, the old-vehicle figure from `old_from_years`), the EV fee, the fuel-efficiency
  fee, and `(value_fee_rate + property_tax_rate) x value at the start of the year`; an old
  vehicle pays `registration_old_usd` instead of every fee by value and the EV/efficiency fees.
* Insurance in year t: `f_l x liability + f_p x (physical_base + physical_rate x value)` for full
  coverage, `f_l x liability` for liability-only, with the state factors
  `f_l = state minimum / national minimum`, `f_p = (state full - state minimum) /
  (national full - national minimum)`; a buyer's quote replaces it.
* Loan APR: the scenario's APR for a new vehicle; a used vehicle adds
  `loan_apr_used - loan_apr_new`, one at least `loan_old_age_years` old adds
  `loan_apr_old - loan_apr_new` (clipped to 0-40%); a buyer's APR for the vehicle replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.cost import finance
from core.data import cost_tables
from core.data.catalog import Catalog
from core.data.tables import Row, uncertain
from core.data.vehicles import Vehicle
from core.scenario.model import Scenario
from core.scenario.overrides import VehicleOverride
from core.uncertain import FloatArray, Sampler
from core.units import KM_PER_MILE, LITRES_PER_US_GALLON, kg_to_lb

DOC_FEE = "title_and_doc_fees_usd"  # id kept for saved scenarios; now the documentation fee
STATE_FEES = cost_tables.STATE_FEES.name
INSURANCE = cost_tables.INSURANCE.name
INSURANCE_STATES = cost_tables.INSURANCE_STATES.name
REF_FULL = "insurance_state_ref_full_usd"
REF_MINIMUM = "insurance_state_ref_minimum_usd"
APR_NEW, APR_USED, APR_OLD = "loan_apr_new", "loan_apr_used", "loan_apr_old"
OLD_LOAN_AGE = "loan_old_age_years"


def state_row(cat: Catalog, state: str) -> Row:
    return cat.table(STATE_FEES)[state]


def rated_mpg(v: Vehicle, ov: VehicleOverride | None = None) -> float | None:
    """The rated (label) fuel economy in US mpg of a fuel-burning vehicle; None for an EV."""
    if v.is_ev:
        return None
    if ov is not None and ov.mpg is not None:
        return ov.mpg
    if v.energy_unit == "km_per_l":
        return v.energy_rated * LITRES_PER_US_GALLON / KM_PER_MILE
    return v.energy_rated


@dataclass(frozen=True)
class PurchaseFees:
    tax: FloatArray  # (n,) sales / use / highway-use / excise tax at purchase
    title: FloatArray  # (n,) state title fee
    doc_fee: FloatArray  # (n,) dealer or importer documentation fee

    @property
    def one_time(self) -> FloatArray:
        return self.tax + self.title + self.doc_fee


def purchase_fees(
    v: Vehicle, cat: Catalog, s: Sampler, state: str, price_paid: FloatArray
) -> PurchaseFees:
    row = state_row(cat, state)
    rate = float(row["tax_rate"]) + float(row["local_rate"])
    if row["tax_new_only"] and v.age_years > 0:
        rate = 0.0
    tax = rate * price_paid
    if row["tax_cap_usd"] is not None:
        tax = np.minimum(tax, float(row["tax_cap_usd"]))
    title = np.full(s.n, float(row["title_fee_usd"]))
    return PurchaseFees(tax, title, s.draw(DOC_FEE, cat.u(DOC_FEE)))


@dataclass(frozen=True)
class YearlyFees:
    """Fees and taxes each ownership year (same for every draw)."""

    registration: FloatArray  # (H,) registration and flat yearly fees, USD
    value_fee_rate: FloatArray  # (H,) registration fee or excise by value, share of value
    property_tax_rate: FloatArray  # (H,) personal property tax, share of value

    @property
    def value_rate(self) -> FloatArray:
        return self.value_fee_rate + self.property_tax_rate


def yearly_fees(
    v: Vehicle, cat: Catalog, state: str, years: int, ov: VehicleOverride | None = None
) -> YearlyFees:
    row = state_row(cat, state)
    reg = float(row["registration_usd"])
    if row["heavy_from_lb"] is not None and kg_to_lb(v.curb_mass_kg) >= row["heavy_from_lb"]:
        reg = float(row["registration_heavy_usd"])
    if v.is_ev:
        reg += float(row["ev_fee_usd"])
    mpg = rated_mpg(v, ov)
    efficient = row["efficient_from_mpg"]
    if efficient is not None and mpg is not None and mpg >= efficient:
        reg += float(row["efficient_fee_usd"])
    value_fee = float(row["value_fee_rate"] or 0.0)
    ages = v.age_years + np.arange(years, dtype=float)  # age during each ownership year
    registration = np.full(years, reg)
    value_rate = np.full(years, value_fee)
    if row["old_from_years"] is not None:
        old = ages >= row["old_from_years"]
        registration[old] = float(row["registration_old_usd"])
        value_rate[old] = 0.0
    return YearlyFees(registration, value_rate, np.full(years, float(row["property_tax_rate"])))


def insurance(
    v: Vehicle, cat: Catalog, s: Sampler, state: str, ov: VehicleOverride | None = None
) -> tuple[FloatArray, FloatArray]:
    """(fixed USD a year, USD a year per USD of current value), per draw."""
    if ov is not None and ov.insurance_usd_per_year is not None:
        return np.full(s.n, ov.insurance_usd_per_year), np.zeros(s.n)
    row = cat.table(INSURANCE)[v.vclass]
    st = cat.table(INSURANCE_STATES)[state]
    ref_full, ref_min = cat.central(REF_FULL), cat.central(REF_MINIMUM)
    f_liability = float(st["minimum_usd"]) / ref_min
    liability = f_liability * s.draw(f"liability:{v.vclass}", uncertain(row, "liability"))
    if ov is not None and ov.insurance_coverage == "liability":
        return liability, np.zeros(s.n)
    f_physical = (float(st["full_usd"]) - float(st["minimum_usd"])) / (ref_full - ref_min)
    base = s.draw(f"physical_base:{v.vclass}", uncertain(row, "physical_base"))
    rate = s.draw(f"physical_rate:{v.vclass}", uncertain(row, "physical_rate"))
    return liability + f_physical * base, f_physical * rate


def loan_apr(v: Vehicle, sc: Scenario, cat: Catalog) -> float:
    """The APR this vehicle is financed at (see the module docstring)."""
    ov = sc.override_for(v.id)
    if ov is not None and ov.loan_apr is not None:
        return ov.loan_apr
    if v.age_years <= 0:
        return sc.loan_apr
    pid = APR_OLD if v.age_years >= cat.central(OLD_LOAN_AGE) else APR_USED
    spread = cat.central(pid) - cat.central(APR_NEW)
    return float(min(max(sc.loan_apr + spread, 0.0), finance.MAX_APR))
