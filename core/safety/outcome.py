"""Safety exposure: deaths and serious injuries to the occupants and to others, per vehicle.

`evaluate_safety(ctx)` runs the model of core.safety.rates three times, as every model does:
central inputs (headline), Monte Carlo (P10-P90, draws shared across vehicles so comparisons are
paired) and tornado (which inputs move the occupant risk most). Formulas and caveats:
docs/safety-model.md.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.data.mobility_tables import uncertain as fallback_uncertain
from core.data.roads import ROAD_CLASS_LABELS, ROAD_CLASSES
from core.data.vehicles import Vehicle
from core.errors import require_in_range
from core.policy.context import Context
from core.policy.mobility import P_TOP_MARGIN, Mobility, fallback_row, mobility_of
from core.safety.rates import (
    P_LIGHTEST,
    P_SLOW_RATIO,
    PER_100M_MILES,
    RATE_PARAMS,
    ClassTerms,
    SafetyInputs,
    Shared,
    VehicleDraws,
    class_terms,
    draw_input,
    prepare_shared,
    risk_fields,
    vehicle_risk,
    weigh,
)
from core.uncertain import (
    CentralSampler,
    Dist,
    FloatArray,
    ReusingSampler,
    Sampler,
    TornadoBar,
    TornadoSampler,
    Uncertain,
    tornado_bars,
)

PER_10K_OWNERS = 1e4
P_VSL = "vsl_usd"
P_SI_VALUE = "serious_injury_value_share_of_vsl"
P_DISCOUNT = "safety_discount_rate"
JUDGEMENT = "judgement"
_ZERO = Dist(0.0, 0.0, 0.0, 0.0)
_ONE = Dist(1.0, 1.0, 1.0, 1.0)
# Percentiles reported for every figure (Dist: P10, P50, P90).


@dataclass(frozen=True)
class RoadClassRisk:
    """One road class for one vehicle, for the road-mix chart (central inputs)."""

    road_class: str
    label: str
    miles_share: float  # share of the owner's miles on this class
    legal: bool  # posted speed within the vehicle's legal road cap
    usable: bool  # the vehicle's top speed can keep up with traffic
    traffic_speed_mph: float  # after the speed lever
    own_speed_mph: float
    occupant_deaths_per_100m_miles: float
    others_deaths_per_100m_miles: float
    occupant_risk_share: float  # share of the vehicle's occupant deaths arising on this class

    @property
    def driven(self) -> bool:
        return self.legal and self.usable


@dataclass(frozen=True)
class SafetyResult:
    # -- contract (JSON export and GUI) ---------------------------------------------------------
    occupant_deaths_per_10k_owners: Dist
    others_deaths_per_10k_owners: Dist  # other vehicles' occupants + pedestrians and cyclists
    occupant_deaths_per_100m_miles: Dist
    serious_injuries_per_10k_owners: Dist  # occupants
    miles_not_legally_drivable_share: float
    # -- added with issue #4 --------------------------------------------------------------------
    others_deaths_per_100m_miles: Dist = _ZERO
    other_occupant_deaths_per_10k_owners: Dist = _ZERO
    # With cyclists; transit's deaths of others all count here (its published rate is of people
    # outside the bus or train, mostly pedestrians: fallback_modes.csv has no split).
    pedestrian_deaths_per_10k_owners: Dist = _ZERO
    pedestrian_deaths_per_100m_miles: Dist = _ZERO
    others_serious_injuries_per_10k_owners: Dist = _ZERO
    societal_deaths_per_10k_owners: Dist = _ZERO
    societal_deaths_per_100m_miles: Dist = _ZERO
    driver_death_probability: Dist = _ZERO  # over the years kept
    # Per mile of the owner's travel (the vehicle's miles and the fallback's, as the figures
    # above), paired draw by draw against the comparator (the scenario's second vehicle, else the
    # first). Every mile is served at a positive rate, so from policy.apply these are always set;
    # None only for a hand-built Context whose road caps bar a vehicle its mobility split still
    # has driving (its travel then carries no risk to divide by).
    comparator: str = ""
    relative_occupant_risk: Dist | None = None
    relative_others_risk: Dist | None = None
    relative_societal_risk: Dist | None = None
    # Money value of the expected harm per owner over the years kept (US DOT VSL, present
    # value). Kept apart from the cost of ownership: part of it is already priced in insurance.
    occupant_harm_value_usd: Dist = _ZERO
    others_harm_value_usd: Dist = _ZERO
    miles_not_drivable_share: float = 0.0  # legal cap plus top speed
    miles_driven_per_year: float = 0.0
    horizon_years: int = 0
    by_road_class: tuple[RoadClassRisk, ...] = ()
    judgement_flags: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    tornado: tuple[TornadoBar, ...] = ()  # occupant deaths per 100M miles
    occupant_draws: FloatArray = field(
        default_factory=lambda: np.zeros(0), repr=False, compare=False
    )
    others_draws: FloatArray = field(default_factory=lambda: np.zeros(0), repr=False, compare=False)
    # -- issue #14: every mile of the owner's travel counted -----------------------------------
    # The *_per_10k_owners and *_per_100m_miles figures above cover all of the owner's travel:
    # the miles the vehicle drives and the fallback miles (per 100 million miles of the owner's
    # travel). These two are the vehicle alone, per mile it drives; None when it drives none.
    vehicle_occupant_deaths_per_100m_miles: Dist | None = None
    vehicle_others_deaths_per_100m_miles: Dist | None = None
    fallback_share: float = 0.0  # share of the owner's miles travelled by the fallback mode
    fallback_label: str = ""


@dataclass(frozen=True)
class TravelRates:
    """Deaths and serious injuries per 100 million miles of the owner's travel (all of it)."""

    driver: FloatArray  # the owner: driving the vehicle, or riding in the fallback
    occupant: FloatArray
    occupant_si: FloatArray
    other_occupants: FloatArray
    pedestrians: FloatArray
    others_si: FloatArray

    @property
    def others(self) -> FloatArray:
        return self.other_occupants + self.pedestrians


# A fallback the rate runs compute: (mode, catalogue car id or None for transit).
_Fallback = tuple[str, str | None]


def _fallback_terms(
    inp: SafetyInputs, sh: Shared, ctx: Context, fallback: _Fallback, sampler: Sampler
) -> TravelRates | ClassTerms:
    """The fallback mode's per-mile risk: transit's published per passenger-mile rates, or for a
    car (ride-hail, rental, the owner's second car) the safety model's own rates of that
    catalogue vehicle with no road cap, per road class (weighed by the fallback miles' road mix
    in `_fallback_rates`, per evaluation: that mix moves with the owner's miles)."""
    mode, car = fallback
    row = fallback_row(ctx.catalog, mode)
    if row["risk_basis"] == "passenger_mile":  # transit: published per passenger-mile rates
        occ_n = float(inp.occupancy)
        per_person = draw_input(sampler, f"fallback_occupant:{mode}",
                                fallback_uncertain(row, "occupant_deaths"))  # fmt: skip
        # The published rate of others killed is of people outside the vehicle (pedestrians
        # killed by buses; the high end all non-passengers): counted with the pedestrians.
        others = draw_input(sampler, f"fallback_others:{mode}",
                            fallback_uncertain(row, "others_deaths")) * occ_n  # fmt: skip
        return TravelRates(
            driver=per_person,
            occupant=per_person * occ_n,
            occupant_si=per_person * occ_n * sh.si_ratio,
            other_occupants=np.zeros(1),
            pedestrians=others,
            others_si=others * sh.si_ratio,
        )
    assert car is not None
    return class_terms(inp, sh, ctx.catalog.vehicle(car), None, sampler)


def _fallback_rates(
    terms: TravelRates | ClassTerms,
    mob: Mobility,
    memo: dict[tuple[float, ...], TravelRates],
) -> TravelRates:
    """Per-mile risk of the fallback mode on the roads of this vehicle's fallback miles."""
    if isinstance(terms, TravelRates):
        return terms
    mix = mob.fallback_mix
    if mix not in memo:
        d = weigh(terms, np.array(mix, dtype=float))
        memo[mix] = TravelRates(
            d.driver, d.occupant, d.occupant_si, d.other_occupants, d.pedestrians, d.others_si
        )
    return memo[mix]


def travel_rates(own: VehicleDraws, fallback: TravelRates | None, mob: Mobility) -> TravelRates:
    """The one place fallback miles enter safety: per mile of the owner's travel,
    own share x the vehicle's rate + fallback share x the fallback's rate."""
    a = mob.own_share
    if fallback is None or mob.fallback_share <= 0.0:
        fallback = TravelRates(*(np.zeros(1) for _ in range(6)))
    b = mob.fallback_share
    return TravelRates(
        driver=a * own.driver + b * fallback.driver,
        occupant=a * own.occupant + b * fallback.occupant,
        occupant_si=a * own.occupant_si + b * fallback.occupant_si,
        other_occupants=a * own.other_occupants + b * fallback.other_occupants,
        pedestrians=a * own.pedestrians + b * fallback.pedestrians,
        others_si=a * own.others_si + b * fallback.others_si,
    )


@dataclass(frozen=True)
class _Run:
    """One run of the rate model (one sampler): the vehicles' own per-mile rates and the
    fallback modes' rates, none of which depend on the owner's miles."""

    shared: Shared
    own: dict[str, VehicleDraws]
    fallback: dict[str, TravelRates | ClassTerms]  # by fallback mode

    def travel(self, ctx: Context) -> dict[str, TravelRates]:
        """Per mile of each vehicle's owner's travel: own miles and fallback miles blended."""
        memo: dict[tuple[float, ...], TravelRates] = {}
        out = {}
        for v in ctx.vehicles:
            mob = mobility_of(ctx, v.id)
            fb = (
                _fallback_rates(self.fallback[mob.fallback_mode], mob, memo)
                if mob.fallback_share > 0
                else None
            )
            out[v.id] = travel_rates(self.own[v.id], fb, mob)
        return out


def _run(
    inp: SafetyInputs,
    ctx: Context,
    fallbacks: tuple[_Fallback, ...],
    sampler: Sampler,
    per_class: bool = False,
) -> _Run:
    shared = prepare_shared(inp, sampler)
    own = {
        v.id: vehicle_risk(inp, shared, v, ctx.road_cap_mph.get(v.id), sampler, per_class)
        for v in ctx.vehicles
    }
    fb = {f[0]: _fallback_terms(inp, shared, ctx, f, sampler) for f in fallbacks}
    return _Run(shared, own, fb)


def _fallbacks(ctx: Context) -> tuple[_Fallback, ...]:
    """The fallback modes some vehicle's owner travels by, in vehicle order."""
    return tuple(
        dict.fromkeys(
            (m.fallback_mode, m.fallback_vehicle)
            for m in (mobility_of(ctx, v.id) for v in ctx.vehicles)
            if m.fallback_share > 0
        )
    )


def _dist(central: FloatArray | float, draws: FloatArray) -> Dist:
    """Deaths, injuries and their values: counts, never negative in any draw."""
    require_in_range("safety outcome (deaths, injuries or their value)", draws, 0.0)
    require_in_range("safety outcome (central)", np.ravel(central), 0.0)
    return Dist.of(float(np.ravel(central)[0]), draws)


def _ratio(a: FloatArray, b: FloatArray) -> FloatArray | None:
    if not np.all(b > 0.0):
        return None
    return a / b


def _present_value_factor(rate: FloatArray, years: int) -> FloatArray:
    """Average discount factor of harm spread evenly over years 1..T (end of each year).

    Closed form of mean((1 + d) ** -t for t in 1..T): (1 - (1 + d) ** -T) / (d * T).
    """
    d = np.asarray(rate, dtype=float)
    safe = np.where(d > 0.0, d, 1.0)
    return np.where(d > 0.0, (1.0 - (1.0 + safe) ** -years) / (safe * years), 1.0)


@dataclass(frozen=True)
class _RateRuns:
    """The three runs of the rate model (central, Monte Carlo, tornado), per mile driven."""

    central: _Run
    mc: _Run
    torn: _Run
    keys: tuple[str, ...]
    used: dict[str, Uncertain]


# The rate runs are per mile driven and never read the owner's miles, years, the loan or any
# parameter outside RATE_PARAMS (fuel, fx, discount rate: the cost model's), nor the split of the
# owner's miles (an EV's range share moves with the miles): that blend is made per evaluation.
# They are kept for the last few inputs they read, so dragging such a slider costs the scaling
# only. Bounded by draws x vehicles kept: about 1 MB per 10,000 vehicle-draws (2.9 MB measured
# for 3 vehicles x 10,000 draws), so at most about 25 MB; a larger run is not kept.
_RUNS_KEEP = 4
_RUNS_MAX_VEHICLE_DRAWS = 240_000
_RUNS_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Kept:
    tables: Mapping[str, Any]  # the catalogue's tables, compared by identity
    size: int  # draws x vehicles
    runs: _RateRuns


_RUNS: OrderedDict[tuple[Any, ...], _Kept] = OrderedDict()


def _rate_runs_key(ctx: Context, fallbacks: tuple[_Fallback, ...]) -> tuple[Any, ...]:
    """Everything the rate runs read: the scenario fields behind SafetyInputs and the sampler,
    the fields of the vehicles as operated that the model reads, their road caps, the fallback
    modes travelled by (their cars' fields) and the rate model's parameters. Tables are
    compared by identity (see _rate_runs)."""
    sc, cat = ctx.scenario, ctx.catalog
    return (
        sc.seed,
        sc.draws,
        float(sc.occupancy),
        tuple(sc.road_mix.shares),
        tuple(sorted(ctx.speed_change_mph.items())),
        tuple(risk_fields(v) for v in ctx.vehicles),
        tuple(sorted(ctx.road_cap_mph.items())),
        tuple((m, car and risk_fields(cat.vehicle(car))) for m, car in fallbacks),
        tuple(cat.u(pid) for pid in RATE_PARAMS),
    )


def _rate_runs(inp: SafetyInputs, ctx: Context) -> _RateRuns:
    fallbacks = _fallbacks(ctx)
    key = _rate_runs_key(ctx, fallbacks)
    tables = ctx.catalog.tables
    with _RUNS_LOCK:
        hit = _RUNS.get(key)
        if hit is not None and hit.tables is tables:
            _RUNS.move_to_end(key)
            return hit.runs
    central_sampler = CentralSampler()
    central = _run(inp, ctx, fallbacks, central_sampler, per_class=True)
    mc = _run(inp, ctx, fallbacks, ReusingSampler(n=ctx.scenario.draws, seed=ctx.scenario.seed))
    keys = tuple(central_sampler.used)
    torn = _run(inp, ctx, fallbacks, TornadoSampler(keys))
    runs = _RateRuns(central, mc, torn, keys, dict(central_sampler.used))
    size = ctx.scenario.draws * len(ctx.vehicles)
    if size > _RUNS_MAX_VEHICLE_DRAWS:
        return runs
    _freeze(runs)  # shared by later evaluations (and threads): nobody may write into them
    with _RUNS_LOCK:
        _RUNS[key] = _Kept(tables, size, runs)
        _RUNS.move_to_end(key)
        while len(_RUNS) > _RUNS_KEEP or _kept_size() > _RUNS_MAX_VEHICLE_DRAWS:
            _RUNS.popitem(last=False)
    return runs


def _freeze(obj: Any) -> None:
    """Make every array of a kept run read-only (dataclasses, dicts and sequences of them)."""
    if isinstance(obj, np.ndarray):
        obj.flags.writeable = False
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            _freeze(getattr(obj, f.name))
    elif isinstance(obj, dict):
        for v in obj.values():
            _freeze(v)
    elif isinstance(obj, list | tuple):
        for v in obj:
            _freeze(v)


def _kept_size() -> int:
    """Draws x vehicles of every kept run."""
    return sum(k.size for k in _RUNS.values())


def clear_rate_runs() -> None:
    """Forget kept rate runs (tests compare a kept run with a fresh one)."""
    with _RUNS_LOCK:
        _RUNS.clear()


def evaluate_safety(ctx: Context) -> dict[str, SafetyResult]:
    sc = ctx.scenario
    cat = ctx.catalog
    inp = SafetyInputs.from_catalog(cat, sc.occupancy, sc.road_mix.shares, ctx.speed_change_mph)
    runs = _rate_runs(inp, ctx)
    central_shared, own_c, own_m = runs.central.shared, runs.central.own, runs.mc.own
    central, mc, torn = runs.central.travel(ctx), runs.mc.travel(ctx), runs.torn.travel(ctx)
    keys, used = runs.keys, runs.used
    mc_sampler = ReusingSampler(n=sc.draws, seed=sc.seed)  # draws kept between evaluations

    ids = [v.id for v in ctx.vehicles]
    comparator = ids[1] if len(ids) > 1 else ids[0]
    cc, mcc = central[comparator], mc[comparator]
    # Money value: the same VSL, injury value and discount draws for every vehicle (paired).
    vsl_c, si_c = cat.central(P_VSL), cat.central(P_SI_VALUE)
    pv_c = _present_value_factor(np.full(1, cat.central(P_DISCOUNT)), sc.years)
    vsl = draw_input(mc_sampler, P_VSL, cat.u(P_VSL))
    si_val = draw_input(mc_sampler, P_SI_VALUE, cat.u(P_SI_VALUE))
    pv = _present_value_factor(draw_input(mc_sampler, P_DISCOUNT, cat.u(P_DISCOUNT)), sc.years)
    labels = {k: inp.info[k].label for k in keys if k in inp.info}
    labels.update(_fallback_labels(ctx, keys))
    out: dict[str, SafetyResult] = {}
    for v in ctx.vehicles:
        # c, m, t: per 100M miles of the owner's travel (own miles + fallback miles blended);
        # d: the vehicle alone, per mile it drives (road classes, legality, caveats)
        c, m, t = central[v.id], mc[v.id], torn[v.id]
        d, dm = own_c[v.id], own_m[v.id]
        mob = mobility_of(ctx, v.id)
        miles_year = sc.annual_miles * mob.own_share
        # Per 100M miles of the owner's travel -> expected events per owner, per 10,000 owners.
        per_owner = sc.annual_miles * sc.years / PER_100M_MILES
        k10 = per_owner * PER_10K_OWNERS
        drives = d.driven_share > 0.0 and mob.own_share > 0.0
        occ = _dist(c.occupant, m.occupant)
        others = _dist(c.others, m.others)
        ped = _dist(c.pedestrians, m.pedestrians)
        societal = _dist(c.occupant + c.others, m.occupant + m.others)
        occ_value = _dist(
            vsl_c * (c.occupant + c.occupant_si * si_c) * pv_c,
            vsl * (m.occupant + m.occupant_si * si_val) * pv,
        )
        oth_value = _dist(
            vsl_c * (c.others + c.others_si * si_c) * pv_c,
            vsl * (m.others + m.others_si * si_val) * pv,
        )
        not_legal = float(sum(s for s, lg in zip(inp.shares, d.legal, strict=True) if not lg))
        out[v.id] = SafetyResult(
            occupant_deaths_per_10k_owners=occ.scaled(k10),
            others_deaths_per_10k_owners=others.scaled(k10),
            occupant_deaths_per_100m_miles=occ,
            serious_injuries_per_10k_owners=_dist(c.occupant_si, m.occupant_si).scaled(k10),
            miles_not_legally_drivable_share=_unit(not_legal),
            others_deaths_per_100m_miles=others,
            other_occupant_deaths_per_10k_owners=_dist(c.other_occupants, m.other_occupants).scaled(
                k10
            ),
            pedestrian_deaths_per_10k_owners=ped.scaled(k10),
            pedestrian_deaths_per_100m_miles=ped,
            others_serious_injuries_per_10k_owners=_dist(c.others_si, m.others_si).scaled(k10),
            societal_deaths_per_10k_owners=societal.scaled(k10),
            societal_deaths_per_100m_miles=societal,
            # P(driver dies) = 1 - exp(-expected driver deaths): monotone, so percentiles map.
            driver_death_probability=_probability(_dist(c.driver, m.driver).scaled(per_owner)),
            comparator=comparator,
            relative_occupant_risk=_rel(
                c.occupant, cc.occupant, m.occupant, mcc.occupant, v.id == comparator
            ),
            relative_others_risk=_rel(
                c.others, cc.others, m.others, mcc.others, v.id == comparator
            ),
            relative_societal_risk=_rel(
                c.occupant + c.others,
                cc.occupant + cc.others,
                m.occupant + m.others,
                mcc.occupant + mcc.others,
                v.id == comparator,
            ),
            occupant_harm_value_usd=occ_value.scaled(per_owner),
            others_harm_value_usd=oth_value.scaled(per_owner),
            miles_not_drivable_share=_unit(1.0 - d.driven_share),
            miles_driven_per_year=miles_year,
            horizon_years=sc.years,
            by_road_class=_by_road_class(inp, d),
            judgement_flags=_flags(inp, central_shared.keys, d, v),
            caveats=_caveats(inp, v, d, mob),
            tornado=tornado_bars(
                keys,
                used,
                np.broadcast_to(np.ravel(t.occupant), (max(2 * len(keys), 1),)),
                float(c.occupant[0]),
                labels,
            ),
            occupant_draws=m.occupant * k10,
            others_draws=m.others * k10,
            vehicle_occupant_deaths_per_100m_miles=_dist(d.occupant, dm.occupant)
            if drives
            else None,
            vehicle_others_deaths_per_100m_miles=_dist(d.others, dm.others) if drives else None,
            fallback_share=mob.fallback_share,
            fallback_label=mob.fallback_label,
        )
    return out


def _fallback_labels(ctx: Context, keys: tuple[str, ...]) -> dict[str, str]:
    """Tornado labels of the fallback mode's own inputs (transit's published rates)."""
    out = {}
    for k in keys:
        head, _, mode = k.partition(":")
        if head in ("fallback_occupant", "fallback_others"):
            who = "riders" if head == "fallback_occupant" else "others"
            label = fallback_row(ctx.catalog, mode)["label"]
            out[k] = f"Deaths of {who} per passenger-mile: {label}"
    return out


def _unit(x: float) -> float:
    return min(max(x, 0.0), 1.0)


def _probability(expected: Dist) -> Dist:
    def f(x: float) -> float:
        return float(-np.expm1(-x))

    return Dist(f(expected.central), f(expected.p10), f(expected.p50), f(expected.p90))


def _rel(c: FloatArray, cc: FloatArray, m: FloatArray, mc: FloatArray, same: bool) -> Dist | None:
    """Paired per-draw ratio to the comparator; None where the comparator's travel carries no
    risk in some draw (only a hand-built Context whose caps and mobility disagree)."""
    if same:  # the comparator against itself: exactly 1 wherever it is defined
        return _ONE if np.all(cc > 0.0) and np.all(mc > 0.0) else None
    rc, rm = _ratio(c, cc), _ratio(m, mc)
    if rc is None or rm is None:
        return None
    return _dist(rc, rm)


def _by_road_class(inp: SafetyInputs, d: VehicleDraws) -> tuple[RoadClassRisk, ...]:
    contrib = [float(w) * occ for w, (occ, _) in zip(d.weights, d.per_class, strict=True)]
    total = sum(contrib)
    return tuple(
        RoadClassRisk(
            road_class=rc,
            label=ROAD_CLASS_LABELS[rc],
            miles_share=float(inp.shares[j]),
            legal=d.legal[j],
            usable=d.usable[j],
            traffic_speed_mph=float(inp.speed[j]),
            own_speed_mph=float(d.own_speed[j]),
            occupant_deaths_per_100m_miles=d.per_class[j][0],
            others_deaths_per_100m_miles=d.per_class[j][1],
            occupant_risk_share=contrib[j] / total if total > 0 else 0.0,
        )
        for j, rc in enumerate(ROAD_CLASSES)
    )


def _flags(
    inp: SafetyInputs, shared_keys: tuple[str, ...], d: VehicleDraws, v: Vehicle
) -> tuple[str, ...]:
    """Labels of the judgement figures this vehicle's result rests on."""
    keys = [*shared_keys, *d.used_keys]
    if not all(d.usable):
        keys.append(P_TOP_MARGIN)
    if any(d.weights[j] > 0 and d.own_speed[j] < inp.speed[j] for j in range(len(ROAD_CLASSES))):
        keys.append(P_SLOW_RATIO)
    # Judgement rows that happen to be fixed (no range) are still judgement.
    keys += [f"protection:{v.crash_class}", f"single_vehicle:{v.crash_class}"]
    keys.append(f"front:{v.front_shape}")
    return tuple(
        inp.info[k].label
        for k in dict.fromkeys(keys)
        if k in inp.info and inp.info[k].confidence == JUDGEMENT
    )


def _caveats(inp: SafetyInputs, v: Vehicle, d: VehicleDraws, mob: Mobility) -> tuple[str, ...]:
    cat = inp.catalog
    out = [
        "Absolute levels come from US deaths per vehicle-year (IIHS, 2020 models: drivers killed "
        "and other drivers killed) spread over road classes; mass, crash protection and speed act "
        "as relative multipliers.",
        "Small-vehicle risk is calibrated to IIHS death rates of 2020 minicars (about four times "
        "the average), which also reflect who drives them; a careful driver may face less. How "
        "the model compares with each observed figure: Safety tab, How we know.",
        "Japan's low road death rate comes mostly from slower roads, road design and the fleet mix, "
        "not from vehicle size: the same kei car on US roads faces US speeds and US pickups.",
    ]
    if v.curb_mass_kg < cat.central(P_LIGHTEST):
        out.append(
            f"At {v.curb_mass_kg:,.0f} kg this vehicle is lighter than any car in the US fleet "
            "studies: its mass effect is extrapolated from physics, so ranges are wide."
        )
    row = cat.table("crash_protection")[v.crash_class]
    if row["confidence"] == JUDGEMENT:
        out.append(
            f"Crash protection of this class ({row['label']}) is a judgement from crash tests, "
            "not from US fatality data."
        )
    blocked = [
        ROAD_CLASS_LABELS[rc]
        for j, rc in enumerate(ROAD_CLASSES)
        if inp.shares[j] > 0 and not d.legal[j]
    ]
    if blocked:
        out.append(
            "Not legally allowed on: " + ", ".join(blocked) + ". Those miles are travelled by "
            f"your fallback ({mob.fallback_label}) and counted at its risk."
        )
    slow = [
        ROAD_CLASS_LABELS[rc]
        for j, rc in enumerate(ROAD_CLASSES)
        if inp.shares[j] > 0 and d.legal[j] and not d.usable[j]
    ]
    if slow:
        out.append(
            f"Its top speed ({v.top_speed_mph:.0f} mph) cannot keep up with traffic on: "
            + ", ".join(slow)
            + f". Those miles go to your fallback ({mob.fallback_label}) too."
        )
    if mob.by_reason.get("beyond_range", 0.0) > 0.0:
        out.append(
            f"{mob.by_reason['beyond_range']:.0%} of your miles fall on days longer than its "
            f"range (worst season included): they go to your fallback ({mob.fallback_label})."
        )
    if not mob.registrable:
        out.append(
            "It cannot be registered for the road in this state: every figure is your travel by "
            f"your fallback ({mob.fallback_label}), not this vehicle's own risk."
        )
    elif d.driven_share <= 0.0:
        out.append(
            "It may not be driven on any of your roads: every figure is your travel by your "
            f"fallback ({mob.fallback_label})."
        )
    return tuple(out)
