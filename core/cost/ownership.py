"""Cost of ownership: per vehicle and per year, in the categories of the big cost-to-own sites.

One vectorised model function, `_model(ctx, vehicle, sampler)`, runs three times per vehicle:
with a CentralSampler (the headline), a MonteCarloSampler shared by every vehicle (paired
percentiles: common inputs such as fuel price get the same draws for every vehicle) and a
TornadoSampler (each input low then high). Formulas: docs/cost-model.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np

from core.cost import fees, finance, landed
from core.cost.incentives import incentive_params
from core.data import cost_tables as cost_data
from core.data.catalog import Catalog
from core.data.tables import uncertain
from core.data.vehicles import CLASS_LABELS, Vehicle
from core.errors import DataError, ValidationError, require_in_range
from core.policy.context import Context
from core.policy.mobility import Mobility, fallback_row, mobility_of
from core.scenario.model import Scenario
from core.scenario.overrides import VehicleOverride
from core.uncertain import (
    CentralSampler,
    Dist,
    FloatArray,
    IntArray,
    ReusingSampler,
    Sampler,
    TornadoBar,
    TornadoSampler,
    percentile_rows,
    tornado_bars,
)
from core.units import KM_PER_MILE, LITRES_PER_US_GALLON

CATEGORIES = (
    "depreciation",
    "financing",
    "taxes_fees",
    "energy",
    "insurance",
    "maintenance",
    "repairs",
    "landed_import",
    "incentives",
    # the owner's miles the vehicle cannot take, travelled by the scenario's fallback mode
    "substitute_travel",
)
CATEGORY_INDEX = {c: i for i, c in enumerate(CATEGORIES)}

# Param ids other parts rely on (policy levers, feasibility, GUI overrides).
REFERENCE_MILES = "annual_miles_convention"  # the mileage behind the retained-value table
LOW_MILEAGE_CAP = "resale_low_mileage_max_premium"
INFLATION = "inflation_rate"
# The draws whose total lies between these percentiles give the headline's breakdown.
HEADLINE_BAND = (45.0, 55.0)
PER_100 = 100.0


def _empty() -> FloatArray:
    return np.zeros(0)


@dataclass(frozen=True)
class CostResult:
    horizon_years: int
    annual_miles: float
    total_usd: Dist  # nominal, resale deducted
    per_mile_usd: Dist
    per_month_usd: Dist
    by_category_usd: Mapping[str, float]  # central values; they sum to total_usd.central
    total_draws: FloatArray = field(repr=False)  # (draws,) paired across vehicles
    cumulative_usd: FloatArray = field(repr=False)  # central, years 0..horizon, resale at the end
    tornado: tuple[TornadoBar, ...] = ()
    # -- additions (issue #3) --------------------------------------------------------------
    discounted_total_usd: Dist | None = None  # present value of the cash flows
    ledger_usd: FloatArray = field(default_factory=_empty, repr=False)  # (years, CATEGORIES)
    cumulative_before_resale_usd: FloatArray = field(default_factory=_empty, repr=False)
    cumulative_p10_usd: FloatArray = field(default_factory=_empty, repr=False)
    cumulative_p90_usd: FloatArray = field(default_factory=_empty, repr=False)
    purchase_price_usd: float = 0.0  # the vehicle itself in USD (export value if abroad)
    landed_items_usd: Mapping[str, float] = field(default_factory=dict)  # landed.LANDED_ITEMS
    landed_price_usd: Dist | None = None  # price + landing items - purchase incentives
    incentives_usd: float = 0.0  # central purchase incentives (positive amount)
    sales_tax_usd: float = 0.0
    upfront_cash_usd: float = 0.0  # paid at purchase (down payment, taxes, fees) if financed
    amount_financed_usd: float = 0.0
    monthly_payment_usd: float = 0.0  # 0 when bought for cash
    resale_value_usd: Dist | None = None  # at the end of the horizon
    discount_rate: float = 0.0  # central, used for discounted_total_usd
    per_mile_defined: bool = True  # False at 0 miles: per_mile_usd is then reported as 0
    # -- the headline (issue #13): medians of the Monte Carlo draws, what every view shows ----
    # categories of the draws around the median total (P45-P55), summing to total_usd.headline
    headline_by_category_usd: Mapping[str, float] = field(default_factory=dict)
    # median cumulative cost, years 0..horizon (the sale step at the horizon), and the
    # cumulative cost at the horizon just before the sale (loan payoff and resale)
    cumulative_p50_usd: FloatArray = field(default_factory=_empty, repr=False)
    before_sale_usd: Dist | None = None
    # parts of the landed price for the draws around its median, summing to its headline:
    # "vehicle" (price abroad net of tax, or the US price), landed.LANDED_ITEMS, "incentives"
    landed_parts_usd: Mapping[str, float] = field(default_factory=dict)
    inflation_rate: float = 0.0  # central, deflates nominal flows before discounting
    # the cash-flow ledger of the central-input run (core.export.ledger_rows)
    loan_payments_by_year_usd: FloatArray = field(default_factory=_empty, repr=False)
    loan_payoff_usd: float = 0.0
    # -- issue #14: every mile of the owner's travel is served ------------------------------
    own_miles_per_year: float = 0.0  # miles the vehicle itself drives (energy, upkeep, resale)
    fallback_miles_per_year: float = 0.0  # miles by the fallback mode (substitute_travel)
    fallback_cost_per_mile_usd: float = 0.0  # central, per mile of fallback travel
    # -- your car, your state (issue #17) ---------------------------------------------------
    loan_apr: float = 0.0  # the APR this vehicle is financed at (new / used / old, or yours)
    # year-1 taxes and fees, central: tax, title, doc_fee, registration, value_fee, property_tax
    fees_usd: Mapping[str, float] = field(default_factory=dict)
    # the model's own figure for each field a buyer can override (core.scenario.overrides):
    # price_usd (delivered), mpg or kwh_per_100mi (real world), insurance_usd_per_year and
    # upkeep_usd_per_year (year 1), resale_usd, loan_apr
    defaults: Mapping[str, float] = field(default_factory=dict)
    your_values: Mapping[str, float] = field(default_factory=dict)  # the buyer's, if any
    insurance_coverage: str = "full"


@dataclass(frozen=True)
class _Run:
    """Arrays of one model run for one vehicle (n draws, H years)."""

    total: FloatArray  # (n,) nominal, resale deducted
    cum_t: FloatArray  # (H + 1, n) cash out to the end of year t; resale step at H
    resale_step: FloatArray  # (n,) loan payoff - resale, at the end of year H
    discounted: FloatArray  # (n,)
    price: FloatArray  # (n,)
    landed: landed.LandedCost
    incentives: FloatArray  # (n,) positive
    sales_tax: FloatArray
    purchase_fees: fees.PurchaseFees
    yearly: fees.YearlyFees
    apr: float
    principal: FloatArray
    payment: FloatArray
    upfront: FloatArray
    resale: FloatArray
    payoff: FloatArray  # (n,) loan balance paid off at the sale
    payments_by_year: FloatArray  # (H,) loan payments per year (first draw)
    # each category summed over the years, for the draws at the given indices (they add up to
    # `total` there); computed on demand, for the few draws that explain the headline
    cats_at: Callable[[IntArray], tuple[FloatArray | float, ...]] | None = None
    ledger: FloatArray | None = None  # (n, H, C) by year and category (detail runs only)
    substitute_per_mile: FloatArray = field(default_factory=_empty)  # (n,) fallback $/mile

    @property
    def cumulative(self) -> FloatArray:
        return self.cum_t.T  # (n, H + 1)

    @property
    def cumulative_before_resale(self) -> FloatArray:
        cum = self.cumulative.copy()
        cum[:, -1] -= self.resale_step
        return cum


# -- inputs --------------------------------------------------------------------------------------
def _param(cat: Catalog, s: Sampler, pid: str) -> FloatArray:
    return s.draw(pid, cat.u(pid))


def _class_input(cat: Catalog, s: Sampler, table: str, vclass: str, name: str) -> FloatArray:
    row = cat.table(table)[vclass]
    return s.draw(f"{name}:{vclass}", uncertain(row, name))


def energy_use_per_mile(v: Vehicle) -> tuple[str, float]:
    """("fuel", US gallons per mile) or ("electricity", kWh per mile), real world, central."""
    if v.powertrain == "electric":
        if v.energy_unit == "kwh_per_100km":
            kwh = v.energy_rated / PER_100 * KM_PER_MILE
        elif v.energy_unit == "kwh_per_100mi":
            kwh = v.energy_rated / PER_100
        else:
            raise DataError("vehicles.csv", f"{v.id}: an electric vehicle needs kWh units", None,
                            "energy_unit")  # fmt: skip
        return "electricity", kwh / v.real_world_factor
    if v.energy_unit == "mpg_us":
        mpg = v.energy_rated
    elif v.energy_unit == "km_per_l":
        mpg = v.energy_rated * LITRES_PER_US_GALLON / KM_PER_MILE
    else:
        raise DataError("vehicles.csv", f"{v.id}: a {v.powertrain} vehicle needs mpg or km/L",
                        None, "energy_unit")  # fmt: skip
    return "fuel", 1.0 / (mpg * v.real_world_factor)


def _energy_cost_per_mile(
    v: Vehicle, cat: Catalog, s: Sampler, ov: VehicleOverride | None = None
) -> FloatArray:
    kind, use = energy_use_per_mile(v)
    factor_id = "energy_use_factor_epa" if v.test_cycle == "EPA" else "energy_use_factor_other"
    if ov is not None and (ov.mpg is not None or ov.kwh_per_100mi is not None):
        # the buyer's own real-world figure, with the spread of an EPA label around it
        use = 1.0 / ov.mpg if ov.mpg is not None else (ov.kwh_per_100mi or 0.0) / PER_100
        factor_id = "energy_use_factor_epa"
    if kind == "electricity":
        price_id = "electricity_usd_per_kwh"
    else:
        price_id = "diesel_usd_per_gal" if v.powertrain == "diesel" else "gasoline_usd_per_gal"
    return use * _param(cat, s, factor_id) * _param(cat, s, price_id)


def _age_factors(cat: Catalog, ages: FloatArray) -> tuple[FloatArray, FloatArray]:
    rows = sorted(cat.table(cost_data.AGE_FACTORS.name).rows, key=lambda r: r["age_from"])
    starts = np.array([r["age_from"] for r in rows], dtype=float)
    idx = np.searchsorted(starts, ages, side="right") - 1
    maint = np.array([r["maintenance_factor"] for r in rows], dtype=float)[idx]
    repairs = np.array([r["repairs_factor"] for r in rows], dtype=float)[idx]
    return maint, repairs


def fallback_cost_per_mile(ctx: Context, mob: Mobility, s: Sampler) -> FloatArray:
    """US dollars per mile of the owner's travel by the fallback mode (per draw).

    Ride-hailing and rented cars: per vehicle-mile (one fare for the party); transit: per
    passenger-mile times the occupancy; a second car the owner already has: its marginal cost
    per mile (energy, maintenance, repairs at its age), never its fixed costs. Nothing is drawn
    when the vehicle serves every mile itself, so the choice of fallback cannot move its figures.
    """
    if mob.fallback_share <= 0.0:
        return np.zeros(1)
    cat = ctx.catalog
    row = fallback_row(cat, mob.fallback_mode)
    if row["cost_basis"] == "catalogue_vehicle":  # the second car (mobility_tables.validate)
        assert mob.fallback_vehicle is not None  # core.policy.mobility names the owner's car
        car = cat.vehicle(mob.fallback_vehicle)
        maint_f, repair_f = _age_factors(cat, np.array([float(car.age_years)]))
        run = "cost_running"
        marginal: FloatArray = (
            _energy_cost_per_mile(car, cat, s)
            + _class_input(cat, s, run, car.vclass, "maintenance") * maint_f[0]
            + _class_input(cat, s, run, car.vclass, "repairs") * repair_f[0]
        )
        return marginal
    per_mile = s.draw(f"fallback_cost:{mob.fallback_mode}", uncertain(row, "cost"))
    if row["cost_basis"] == "passenger_mile":
        per_mile = per_mile * float(ctx.scenario.occupancy)
    return per_mile


# -- the model -------------------------------------------------------------------------------------
def _model(
    ctx: Context, v: Vehicle, s: Sampler, detail: bool = False, breakdown: bool = False
) -> _Run:
    """One vectorised run. Per-draw inputs are (n,) arrays, per-year shapes (n, H); the full
    (n, H, categories) ledger is built only when `detail` is set (the central run)."""
    sc, cat = ctx.scenario, ctx.catalog
    mob = mobility_of(ctx, v.id)
    years, n = sc.years, s.n
    # The vehicle's own miles drive its energy, upkeep and resale; the rest of the owner's
    # travel goes to the fallback mode (core.policy.mobility).
    miles = float(sc.annual_miles) * mob.own_share
    fallback_miles = float(sc.annual_miles) * mob.fallback_share
    t = np.arange(1, years + 1, dtype=float)  # ownership years
    ov = sc.override_for(v.id)  # the buyer's own numbers (None: the model's defaults)

    # Purchase: the vehicle, landing items, incentives (new microcars / EVs only), taxes.
    lc = landed.landed_cost(v, cat, s, price_paid_usd=ov.price_usd if ov else None)
    price, land = lc.price_usd, lc.total
    basis = price + land
    incentives = np.zeros(n)
    for pid in incentive_params(v):
        incentives = incentives + _param(cat, s, pid)
    incentives = np.minimum(incentives, basis)  # an incentive never pays more than the price
    pf = fees.purchase_fees(v, cat, s, sc.state, basis)  # the state's tax, title, doc fee
    sales_tax, title = pf.tax, pf.title + pf.doc_fee

    # Value: share of the price kept after t years, the class table times a bounded mileage
    # adjustment, never above the price paid, never rising with age, never below the floor:
    # kept_t = clip(max(floor, y1 (1 - decline)^(t-1)) min(exp(-k t excess), 1 + cap),
    #               floor, kept_{t-1}),  kept_0 = 1,  excess = (miles - reference) / 1000.
    table = "cost_retained_value"
    # The schema bounds the columns (y1 <= 1, decline >= 0), not the draws: a triangular draw
    # at a bound can pass it by a rounding step, and a catalogue built in code skips the schema.
    # The rule (kept value never above the price, never rising) needs them, so clip here.
    y1 = np.minimum(_class_input(cat, s, table, v.vclass, "y1"), 1.0)
    decline = np.maximum(_class_input(cat, s, table, v.vclass, "decline"), 0.0)
    floor = float(cat.table(table)[v.vclass]["floor"])
    excess_k = (miles - _param(cat, s, REFERENCE_MILES)) / 1000.0  # per year, thousand miles
    mile_step = np.exp(-_param(cat, s, "resale_mileage_sensitivity") * excess_k)
    mile_cap = 1.0 + _param(cat, s, LOW_MILEAGE_CAP)
    keep_rate = 1.0 - decline
    # The buyer's expected resale R: the model's kept-value path is scaled by g^t so that it
    # ends at R / B (g from the model's own path to the horizon).
    resale_g = None
    if ov is not None and ov.resale_usd is not None:
        d, m, k_h = y1.copy(), mile_step.copy(), np.ones(n)
        for _ in range(years):
            k_h = np.clip(np.maximum(d, floor) * np.minimum(m, mile_cap), floor, k_h)
            d, m = d * keep_rate, m * mile_step
        resale_g = (ov.resale_usd / basis / k_h) ** (1.0 / years)

    # Financing on the price, landing, taxes and fees net of the incentive.
    months, apr = sc.loan_term_months, fees.loan_apr(v, sc, cat)
    if sc.financed:
        principal = (1.0 - sc.down_payment_share) * (basis + sales_tax + title - incentives)
        payment = finance.monthly_payment(principal, apr, months)
        payoff = finance.balance_after(principal, apr, months, 12 * years)
        counts = np.diff(np.minimum(12 * np.arange(years + 1), months)).astype(float)
    else:
        principal = payment = payoff = np.zeros(n)
        counts = np.zeros(years)

    # Running costs: per-draw rates times per-year factors.
    run = "cost_running"
    energy = _energy_cost_per_mile(v, cat, s, ov) * miles  # (n,) per year
    ins_base, ins_rate = fees.insurance(v, cat, s, sc.state, ov)
    yf = fees.yearly_fees(v, cat, sc.state, years, ov)  # registration, value fees, property tax
    reg_flat, reg_rate = yf.registration, yf.value_rate  # (H,) each, the same for every draw
    maint_f, repair_f = _age_factors(cat, v.age_years + t - 1.0)
    maint = miles * _class_input(cat, s, run, v.vclass, "maintenance")
    repair = miles * _class_input(cat, s, run, v.vclass, "repairs")
    upkeep = None if ov is None else ov.upkeep_usd_per_year  # repairs + maintenance a year
    value_rate = ins_rate * basis  # insurance per share kept (the year's fees by value added)
    substitute = fallback_cost_per_mile(ctx, mob, s) * fallback_miles  # (n,) per year
    fixed = energy + ins_base + substitute
    # Discounting (docs/cost-model.md): running costs are in today's prices and are discounted
    # at the real rate d; loan payments, the payoff and the resale are dollars of the day, so
    # they are deflated by inflation i first, i.e. discounted at the nominal (1 + d)(1 + i) - 1.
    rate = _param(cat, s, "discount_rate")
    inflation = _param(cat, s, INFLATION)
    v_disc = 1.0 / (1.0 + rate)
    v_infl = 1.0 / (1.0 + inflation)
    nominal_rate = (1.0 + rate) * (1.0 + inflation) - 1.0

    # Cash view, year by year (a loop over years, never over draws): the purchase at t = 0,
    # then payments and running costs; loan payoff and resale at the end of year H. Stored
    # years-first so each year is one contiguous row.
    upfront = basis + sales_tax + title - incentives - principal
    cum_t = np.empty((years + 1, n))
    cum_t[0] = upfront
    kept = np.ones((years + 1, n)) if detail else None
    decay, mileage, disc = y1.copy(), mile_step.copy(), v_disc.copy()
    kept_prev = np.ones(n)  # the model's path (what the bounds refer to)
    eff_prev = kept_prev  # the path the costs use (the buyer's resale applied)
    adj = None if resale_g is None else resale_g.copy()
    kept_sum = np.zeros(n) if breakdown else None  # shares kept at the start of each year
    fee_sum = np.zeros(n) if breakdown else None  # the same, weighted by the year's fees by value
    capped = np.empty(n)  # the bounded mileage factor of the year
    deflate = v_infl.copy()  # 1 / (1 + i)^t at the end of year t
    disc_sum = np.zeros(n)
    by_band: dict[tuple[float, float], FloatArray] = {}  # years in one age band cost the same
    # The table share never rises (y1 <= 1, decline >= 0). A low mileage (factor > 1, capped)
    # can lift it year on year: cut it to last year's value. A high mileage (factor < 1) can
    # push it under the floor: lift it back. Only the cases present in the draws cost an op.
    lifts, cuts = bool(np.any(mile_step > 1.0)), bool(np.any(mile_step < 1.0))
    for i in range(years):
        kept_now = np.maximum(decay, floor)
        if lifts:
            kept_now *= np.minimum(mileage, mile_cap, out=capped)
            np.minimum(kept_now, kept_prev, out=kept_now)
        else:
            kept_now *= mileage
        if cuts:
            np.maximum(kept_now, floor, out=kept_now)
        eff_now = kept_now if adj is None else kept_now * adj
        if kept_sum is not None and fee_sum is not None:
            kept_sum += eff_prev
            fee_sum += reg_rate[i] * eff_prev
        band = (float(maint_f[i]), float(repair_f[i]))
        base = by_band.get(band)
        if base is None:
            upkeep_i = maint * band[0] + repair * band[1] if upkeep is None else upkeep
            base = by_band[band] = upkeep_i + fixed
        running = (value_rate + reg_rate[i] * basis) * eff_prev
        running += base
        running += reg_flat[i]
        np.add(cum_t[i], running, out=cum_t[i + 1])
        if counts[i]:
            cum_t[i + 1] += payment * counts[i]
        running *= disc
        disc_sum += running
        if kept is not None:
            kept[i + 1] = eff_now
        kept_prev, eff_prev = kept_now, eff_now
        if i + 1 < years:
            decay *= keep_rate
            mileage *= mile_step
            deflate *= v_infl
            disc *= v_disc
            if adj is not None and resale_g is not None:
                adj = adj * resale_g
    resale = basis * eff_prev
    step = payoff - resale
    cum_t[-1] += step
    total = cum_t[-1].copy()
    discounted = upfront + disc_sum + step * disc * deflate
    if sc.financed:
        discounted += finance.pv_of_payments(payment, nominal_rate, months, 12 * years)

    # Each category summed over the years, for chosen draws (they add up to `total`).
    paid, maint_sum, repair_sum = float(counts.sum()), float(maint_f.sum()), float(repair_f.sum())
    reg_total = float(reg_flat.sum())

    def cats_at(i: IntArray) -> tuple[FloatArray | float, ...]:
        assert kept_sum is not None and fee_sum is not None  # a run with `breakdown`
        lost_all = 1.0 - eff_prev[i]
        if upkeep is None:
            maint_i, repair_i = maint[i] * maint_sum, repair[i] * repair_sum
        else:  # the buyer's yearly figure, split as the model would split it
            m_y = maint[i, None] * maint_f[None, :]
            both = m_y + repair[i, None] * repair_f[None, :]
            share = np.divide(m_y, both, out=np.ones_like(both), where=both > 0)
            maint_i = upkeep * share.sum(axis=1)
            repair_i = upkeep * years - maint_i
        return (
            price[i] * lost_all,
            payment[i] * paid - (principal[i] - payoff[i]) if sc.financed else 0.0,
            sales_tax[i] + title[i] + reg_total + basis[i] * fee_sum[i],
            energy[i] * years,
            ins_base[i] * years + ins_rate[i] * basis[i] * kept_sum[i],
            maint_i,
            repair_i,
            land[i] * lost_all,
            -incentives[i],
            np.broadcast_to(substitute, (n,))[i] * years,
        )

    ledger = None
    if kept is not None:
        kept = kept.T  # (n, H + 1)
        kept_start = kept[:, :-1]
        lost = kept_start - kept[:, 1:]  # share of the price lost in year t
        if sc.financed:
            interest = finance.interest_by_year(principal, apr, months, years)
        else:
            interest = np.zeros((n, years))
        taxes_fees = reg_flat[None, :] + reg_rate[None, :] * basis[:, None] * kept_start
        taxes_fees[:, 0] += sales_tax + title
        maint_y = maint[:, None] * maint_f[None, :]
        repair_y = repair[:, None] * repair_f[None, :]
        if upkeep is not None:  # the buyer's yearly figure, split as the model would split it
            both = maint_y + repair_y
            share = np.divide(maint_y, both, out=np.ones_like(both), where=both > 0)
            maint_y, repair_y = upkeep * share, upkeep * (1.0 - share)
        incentive_y = np.zeros((n, years))
        incentive_y[:, 0] = -incentives
        ledger = np.stack(
            [
                price[:, None] * lost,  # depreciation of the vehicle itself
                interest,
                taxes_fees,
                np.broadcast_to(energy[:, None], (n, years)),
                ins_base[:, None] + ins_rate[:, None] * basis[:, None] * kept_start,
                maint_y,
                repair_y,
                land[:, None] * lost,  # landing costs, net of the share the resale recovers
                incentive_y,
                np.broadcast_to(substitute[:, None], (n, years)),
            ],
            axis=2,
        )
    return _Run(
        substitute_per_mile=substitute / fallback_miles if fallback_miles > 0 else np.zeros(n),
        total=total,
        cum_t=cum_t,
        resale_step=step,
        discounted=discounted,
        price=price,
        landed=lc,
        incentives=incentives,
        sales_tax=sales_tax,
        purchase_fees=pf,
        yearly=yf,
        apr=apr,
        principal=principal,
        payment=payment,
        upfront=upfront,
        resale=resale,
        cats_at=cats_at if breakdown else None,
        payoff=payoff,
        payments_by_year=(payment[:1] * counts) if sc.financed else np.zeros(years),
        ledger=ledger,
    )


# -- labels ----------------------------------------------------------------------------------------
_TABLE_LABELS = {
    "y1": "Value kept after year 1",
    "decline": "Yearly value loss after year 1",
    "liability": "Insurance, liability part",
    "physical_base": "Insurance, collision and comprehensive (fixed part)",
    "physical_rate": "Insurance, collision and comprehensive per $ of value",
    "maintenance": "Maintenance per mile",
    "repairs": "Repairs per mile",
}


def input_label(key: str, catalog: Catalog) -> str:
    """Plain-language name of a sampler key (param id, price:<vid>, export_price:<vid>,
    dealer_margin:<vid> or <name>:<class>)."""
    if key in catalog.params:
        return catalog.param(key).label
    head, _, tail = key.partition(":")
    if head == "price":
        return f"Purchase price ({catalog.vehicle(tail).name})"
    if head == "fallback_cost":
        return f"Fallback travel cost per mile ({fallback_row(catalog, tail)['label']})"
    if head == "export_price":
        return f"Auction price in Japan ({catalog.vehicle(tail).name})"
    if head == "dealer_margin":
        return f"US dealer margin ({catalog.vehicle(tail).name})"
    if head in _TABLE_LABELS:
        return f"{_TABLE_LABELS[head]} ({CLASS_LABELS.get(tail, tail)})"
    return key


# -- evaluation -------------------------------------------------------------------------------------
def _check_inputs(sc: Scenario) -> None:
    """The Scenario validates itself; repeat the cost-critical rules for direct callers."""
    if not (sc.annual_miles >= 0 and np.isfinite(sc.annual_miles)):
        raise ValidationError("annual_miles", sc.annual_miles, "a number from 0 to 100000")
    if int(sc.years) != sc.years or sc.years < 1:
        raise ValidationError("years", sc.years, "a whole number from 1 to 20")
    if sc.financed:
        finance.monthly_payment(0.0, sc.loan_apr, sc.loan_term_months)  # validates both


def _finite(vid: str, name: str, arr: FloatArray) -> None:
    if not np.all(np.isfinite(arr)):
        raise ValidationError(f"cost of {vid}", name, "finite inputs (check the catalogue values)")


def _band(values: FloatArray, lo: float, hi: float, target: float) -> IntArray:
    """Indices of the draws whose value lies in [lo, hi] (else the ones nearest the target)."""
    idx: IntArray = np.flatnonzero((values >= lo) & (values <= hi))
    if idx.size == 0:
        gap = np.abs(values - target)
        idx = np.flatnonzero(gap <= gap.min())
    return idx


def _band_breakdown(parts: Sequence[FloatArray | float], target: float) -> FloatArray:
    """Mean of each part over the band's draws, nudged to sum to `target`.

    The draws around the median are typical: their mean breakdown explains the headline. What
    separates their mean sum from the median (a few dollars) is spread over the parts in
    proportion to their size, so the parts add up to the figure shown. A part given as a number
    is the same in every draw.
    """
    mean = np.array([float(np.mean(p)) for p in parts])
    weight = np.abs(mean)
    scale = float(weight.sum())
    if scale > 0.0:
        mean = mean + (target - float(mean.sum())) * weight / scale
    out: FloatArray = mean
    return out


def _result(ctx: Context, v: Vehicle, central: _Run, mc: _Run, tornado: tuple[TornadoBar, ...],
            rate: float, inflation: float) -> CostResult:  # fmt: skip
    """The full result: percentiles of every curve, the headline's breakdowns, the tornado."""
    h = ctx.scenario.years
    landed_mc = mc.landed.landed_price - mc.incentives
    before_sale = mc.cum_t[-1] - mc.resale_step
    # the cumulative rows first: the last of them is the total (no second copy to sort)
    rows = np.vstack([mc.cum_t, mc.discounted, mc.resale, landed_mc, before_sale])
    _finite(v.id, "total, discounted total, resale or cumulative cost", rows)
    require_in_range(f"resale value of {v.id}", mc.resale, 0.0)
    pct = percentile_rows(rows, (10.0, 50.0, 90.0, *HEADLINE_BAND))
    cum_p = pct[: h + 1]
    i_total, i_disc, i_resale, i_landed, i_before = h, h + 1, h + 2, h + 3, h + 4
    base = _base_result(ctx, v, central, mc, pct[i_total, :3], pct[i_landed, :3], rate, inflation)

    def dist(central_value: float, i: int) -> Dist:
        return Dist(central_value, float(pct[i, 0]), float(pct[i, 1]), float(pct[i, 2]))

    total, landed_price = base.total_usd, base.landed_price_usd
    assert mc.cats_at is not None and landed_price is not None
    band = _band(mc.total, pct[i_total, 3], pct[i_total, 4], total.headline)
    head_cats = _band_breakdown(mc.cats_at(band), total.headline)
    items = mc.landed.items
    band = _band(landed_mc, pct[i_landed, 3], pct[i_landed, 4], landed_price.headline)
    parts = [
        mc.landed.price_usd[band],
        *(items[k][band] for k in landed.LANDED_ITEMS),  # an unpaid item is the zero array
        -mc.incentives[band],
    ]
    head_parts = _band_breakdown(parts, landed_price.headline)
    part_names = ("vehicle", *landed.LANDED_ITEMS, "incentives")
    bs = central.cum_t[-1, 0] - central.resale_step[0]
    return replace(
        base,
        tornado=tornado,
        discounted_total_usd=dist(float(central.discounted[0]), i_disc),
        cumulative_before_resale_usd=central.cumulative_before_resale[0],
        cumulative_p10_usd=cum_p[:, 0].copy(),
        cumulative_p90_usd=cum_p[:, 2].copy(),
        resale_value_usd=dist(float(central.resale[0]), i_resale),
        headline_by_category_usd=MappingProxyType(
            {c: float(x) for c, x in zip(CATEGORIES, head_cats, strict=True)}
        ),
        cumulative_p50_usd=cum_p[:, 1].copy(),
        before_sale_usd=dist(float(bs), i_before),
        landed_parts_usd=MappingProxyType(
            {k: float(x) for k, x in zip(part_names, head_parts, strict=True)}
        ),
        loan_payments_by_year_usd=central.payments_by_year.copy(),
        loan_payoff_usd=float(central.payoff[0]),
    )


def _totals_result(ctx: Context, v: Vehicle, central: _Run, mc: _Run, rate: float,
                   inflation: float) -> CostResult:  # fmt: skip
    """What a sweep reads: the total and the landed price (central and percentiles, from the
    same draws as `_result`, so they are equal to the full result's), the paired total draws
    and the central purchase figures. No tornado, cumulative curves or headline breakdowns."""
    rows = np.vstack([mc.total, mc.landed.landed_price - mc.incentives])
    _finite(v.id, "total or landed price", rows)
    require_in_range(f"resale value of {v.id}", mc.resale, 0.0)  # as the full run checks
    pct = percentile_rows(rows)
    return _base_result(ctx, v, central, mc, pct[0], pct[1], rate, inflation)


def _base_result(ctx: Context, v: Vehicle, central: _Run, mc: _Run, total_pct: FloatArray,
                 landed_pct: FloatArray, rate: float, inflation: float) -> CostResult:  # fmt: skip
    """The figures every cost result carries: the total and the landed price (the central run
    and the P10 / P50 / P90 given), the paired draws and the central purchase figures."""
    sc = ctx.scenario
    years, miles = sc.years, float(sc.annual_miles)
    mob = mobility_of(ctx, v.id)
    assert central.ledger is not None
    ledger = central.ledger[0]
    cats = {c: float(x) for c, x in zip(CATEGORIES, ledger.sum(axis=0), strict=True)}
    # The central total is the sum of the categories (the cash view differs by rounding only).
    total = Dist(float(sum(cats.values())), *(float(x) for x in total_pct))
    lc = central.landed
    landed_net_c = float(lc.landed_price[0] - central.incentives[0])
    total_miles = miles * years
    # a cost "per mile" over less than one mile in all is meaningless (and overflows)
    per_mile_ok = total_miles >= 1.0
    return CostResult(
        horizon_years=years,
        annual_miles=miles,
        total_usd=total,
        per_mile_usd=total.scaled(1.0 / total_miles) if per_mile_ok else total.scaled(0.0),
        per_month_usd=total.scaled(1.0 / (12 * years)),
        by_category_usd=MappingProxyType(cats),
        total_draws=mc.total,
        cumulative_usd=central.cumulative[0],
        ledger_usd=ledger,
        purchase_price_usd=float(central.price[0]),
        landed_items_usd=MappingProxyType({k: float(lc.items[k][0]) for k in landed.LANDED_ITEMS}),
        landed_price_usd=Dist(landed_net_c, *(float(x) for x in landed_pct)),
        incentives_usd=float(central.incentives[0]),
        sales_tax_usd=float(central.sales_tax[0]),
        upfront_cash_usd=float(central.upfront[0]),
        amount_financed_usd=float(central.principal[0]),
        monthly_payment_usd=float(central.payment[0]),
        discount_rate=rate,
        per_mile_defined=per_mile_ok,
        inflation_rate=inflation,
        own_miles_per_year=miles * mob.own_share,
        fallback_miles_per_year=miles * mob.fallback_share,
        fallback_cost_per_mile_usd=float(central.substitute_per_mile[0])
        if mob.fallback_share > 0
        else 0.0,
        loan_apr=central.apr,
        fees_usd=MappingProxyType(_year1_fees(central)),
    )


def _year1_fees(run: _Run) -> dict[str, float]:
    pf, yf = run.purchase_fees, run.yearly
    value = float(run.landed.landed_price[0])  # the value at the start of year 1
    return {
        "tax": float(pf.tax[0]),
        "title": float(pf.title[0]),
        "doc_fee": float(pf.doc_fee[0]),
        "registration": float(yf.registration[0]),
        "value_fee": float(yf.value_fee_rate[0]) * value,
        "property_tax": float(yf.property_tax_rate[0]) * value,
    }


def _defaults(v: Vehicle, run: _Run) -> dict[str, float]:
    """The model's own value of every figure a buyer can override, from a central run without
    the vehicle's overrides."""
    assert run.ledger is not None
    year1 = run.ledger[0, 0]
    kind, use = energy_use_per_mile(v)
    energy = ("kwh_per_100mi", use * PER_100) if kind == "electricity" else ("mpg", 1.0 / use)
    return {
        "price_usd": float(run.landed.landed_price[0]),
        energy[0]: energy[1],
        "insurance_usd_per_year": float(year1[CATEGORY_INDEX["insurance"]]),
        "upkeep_usd_per_year": float(
            year1[CATEGORY_INDEX["maintenance"]] + year1[CATEGORY_INDEX["repairs"]]
        ),
        "resale_usd": float(run.resale[0]),
        "loan_apr": run.apr,
    }


def _without_override(ctx: Context, vid: str) -> Context:
    sc = ctx.scenario
    rest = {k: o for k, o in sc.vehicle_overrides.items() if k != vid}
    return replace(ctx, scenario=sc.with_(vehicle_overrides=MappingProxyType(rest)))


def evaluate_cost(ctx: Context, totals_only: bool = False) -> dict[str, CostResult]:
    """Every vehicle's cost, its Monte Carlo draws paired across vehicles.

    `totals_only` (the nation sweep, hundreds of evaluations) keeps what a sweep reads: the
    total and landed price with their percentiles and draws, equal to the full result's, and the
    central purchase figures; it skips the tornado, the percentile curves and the headline
    breakdowns."""
    sc = ctx.scenario
    _check_inputs(sc)
    mc = ReusingSampler(n=sc.draws, seed=sc.seed)  # shared: paired draws across vehicles
    rate = ctx.catalog.central("discount_rate")
    inflation = ctx.catalog.central(INFLATION)
    out: dict[str, CostResult] = {}
    for v in ctx.vehicles:
        cs = CentralSampler()
        central = _model(ctx, v, cs, detail=True)
        if totals_only:
            res = _totals_result(ctx, v, central, _model(ctx, v, mc), rate, inflation)
        else:
            keys = tuple(cs.used)
            ts = TornadoSampler(keys)
            swings = _model(ctx, v, ts).total
            labels = {k: input_label(k, ctx.catalog) for k in keys}
            bars = tornado_bars(keys, cs.used, swings, float(central.total[0]), labels)
            mc_run = _model(ctx, v, mc, breakdown=True)
            res = _result(ctx, v, central, mc_run, bars, rate, inflation)
        ov = ctx.scenario.override_for(v.id)
        plain = central
        if ov is not None:
            plain = _model(_without_override(ctx, v.id), v, CentralSampler(), detail=True)
        out[v.id] = replace(
            res,
            defaults=MappingProxyType(_defaults(v, plain)),
            your_values=MappingProxyType(ov.set_fields() if ov else {}),
            insurance_coverage=ov.insurance_coverage if ov else "full",
        )
    return out


def headline_curve(c: CostResult) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """The cumulative cost a person sees: years, median, P10 and P90, with a vertical step at the
    sale (the horizon appears twice: just before and just after the loan payoff and resale)."""
    h = c.horizon_years
    xs = np.append(np.arange(h + 1, dtype=float), float(h))
    bs = c.before_sale_usd
    if bs is None or len(c.cumulative_p50_usd) != h + 1:  # a result built without draws
        before = c.cumulative_before_resale_usd
        if len(before) != h + 1:
            before = c.cumulative_usd
        mid = np.append(before, c.cumulative_usd[-1])
        return xs, mid, mid, mid

    def with_step(curve: FloatArray, before: float) -> FloatArray:
        out = np.append(curve, curve[-1])
        out[h] = before
        return out

    return (
        xs,
        with_step(c.cumulative_p50_usd, bs.p50),
        with_step(c.cumulative_p10_usd, bs.p10),
        with_step(c.cumulative_p90_usd, bs.p90),
    )


def break_even_year(a: CostResult, b: CostResult) -> float | None:
    """When a's and b's headline (median) cumulative cost curves first cross, in years from
    purchase: linearly interpolated between year ends, or the horizon itself when they cross at
    the sale step. None: never."""
    xa, ya, _, _ = headline_curve(a)
    xb, yb, _, _ = headline_curve(b)
    if len(xa) != len(xb):
        return None
    diff = ya - yb
    for t in range(1, len(xa)):
        d0, d1 = float(diff[t - 1]), float(diff[t])
        if d0 != 0.0 and (d1 == 0.0 or (d0 > 0) != (d1 > 0)):
            x0, x1 = float(xa[t - 1]), float(xa[t])
            return x0 + (x1 - x0) * d0 / (d0 - d1)
    return None
