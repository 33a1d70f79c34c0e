"""The safety exposure model as one vectorised function of (inputs, sampler).

Absolute levels come from an observed US anchor (IIHS driver deaths per registered vehicle year,
turned into a per-mile rate); physics and published multipliers act only as relative factors:

    driver_r   = B_r * road_r * C * R * [f_SV * S_SV * own_SV_r + (1 - f_SV) * S_MV * own_MV_r * pen_r]
    occupant_r = driver_r * (1 + (occupancy - 1) * q)
    others_r   = O_r * road_r * close_r * E_MV * A_geom * fleet_occ
    ped_r      = P_r * (1 + cyclists) * G_front * P(v_own_r) / P(v0_r)

docs/safety-model.md explains every term. The model never loops over draws: each sampler draw is
an array (n,) and the only Python loop runs over the five road classes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from core.data.catalog import Catalog
from core.data.roads import ROAD_CLASSES
from core.data.safety_tables import US_AVERAGE_PRESET
from core.data.tables import Row, uncertain
from core.data.vehicles import Vehicle
from core.policy.mobility import P_TOP_MARGIN, keeps_up, legal_on, traffic_speeds
from core.safety import physics as phys
from core.uncertain import FloatArray, Sampler, Uncertain

# Per-mile rates are reported per 100 million miles; the IIHS anchor is per million vehicle-years.
PER_100M_MILES = 1e8
PER_MILLION = 1e6

# Param ids (resources/data/safety_params.csv).
P_ANCHOR = "driver_death_rate_all_vehicles_per_million_rvy"
P_ANCHOR_MILES = "anchor_miles_per_vehicle_year"
P_OTHER_ANCHOR = "other_driver_death_rate_all_vehicles_per_million_rvy"
P_RESIDUAL = "small_vehicle_residual_exponent"
P_LIGHTEST = "us_regression_lightest_mass_kg"
P_REF_MASS = "reference_vehicle_mass_kg"
P_OCC_MASS = "occupant_mass_kg"
P_EVANS = "evans_mass_exponent"
P_SV_MASS = "single_vehicle_mass_exponent"
P_SV_SHARE = "single_vehicle_share_of_driver_deaths"
P_PASSENGER = "passenger_vs_driver_death_risk"
P_FLEET_OCC = "fleet_average_occupancy"
P_SI_RATIO = "serious_injuries_per_death"
P_SLOW_RATIO = "slow_vehicle_involvement_ratio_per_10mph"
P_CRUISE = "cruise_speed_share_of_top_speed"
# The slow-vehicle involvement ratio is quoted per this many mph of speed gap.
SLOW_RATIO_PER_MPH = 10.0
P_TALL_AGGRESSIVITY = "tall_front_partner_aggressivity"
P_CYCLISTS = "cyclist_per_pedestrian_death_ratio"
P_PED_A = "pedestrian_fatality_logit_intercept"
P_PED_B = "pedestrian_fatality_logit_slope_per_mph"
P_CONTRAST = "road_class_contrast_exponent"
P_LT_SHIFT = "partner_light_truck_share_shift"
P_MASS_CHANGE = "partner_mass_change_share"
P_HEAVY_SHIFT = "partner_heavy_share_shift"
PED_RATE = {
    "urban": "pedestrian_death_rate_urban_per_100m_mi",
    "rural": "pedestrian_death_rate_rural_per_100m_mi",
    "freeway": "pedestrian_death_rate_freeway_per_100m_mi",
}
# Freeways follow the rural power-model exponents (Cameron & Elvik 2010: rural roads/freeways).
SPEED_POWER = {
    ("fatal", "urban"): "speed_power_fatal_urban",
    ("fatal", "rural"): "speed_power_fatal_rural",
    ("fatal", "freeway"): "speed_power_fatal_rural",
    ("serious", "urban"): "speed_power_serious_urban",
    ("serious", "rural"): "speed_power_serious_rural",
    ("serious", "freeway"): "speed_power_serious_rural",
}
TALL_FRONT = "tall"
# Road setting whose multi-vehicle crashes are same-direction (no opposing traffic).
DIVIDED_SETTING = "freeway"
PARTNER_MASS_KEY = "partner_fleet_mass"
PED_RATE_KEY = "pedestrian_death_rates"
# Every parameter the rate model reads (prepare_shared, vehicle_risk): the kept rate runs of
# core.safety.outcome are keyed on exactly these. tests/test_safety_rate_runs.py records the
# reads of a run and checks them against this list.
RATE_PARAMS: tuple[str, ...] = (
    P_ANCHOR, P_ANCHOR_MILES, P_OTHER_ANCHOR, P_RESIDUAL, P_LIGHTEST, P_REF_MASS, P_OCC_MASS,
    P_EVANS, P_SV_MASS, P_SV_SHARE, P_PASSENGER, P_FLEET_OCC, P_SI_RATIO, P_SLOW_RATIO, P_CRUISE,
    P_TOP_MARGIN, P_TALL_AGGRESSIVITY, P_CYCLISTS, P_PED_A, P_PED_B, P_CONTRAST, P_LT_SHIFT,
    P_MASS_CHANGE, P_HEAVY_SHIFT, *PED_RATE.values(), *dict.fromkeys(SPEED_POWER.values()),
)  # fmt: skip


def risk_fields(v: Vehicle) -> tuple[str, str, str, float, float]:
    """Every field of a vehicle the rate model reads (vehicle_risk): id, crash class, front
    shape, curb mass and top speed as operated."""
    return (v.id, v.crash_class, v.front_shape, v.curb_mass_kg, v.top_speed_mph)


@dataclass(frozen=True)
class InputInfo:
    """What the app shows about one uncertain input (tornado label, judgement flag)."""

    label: str
    confidence: str


@dataclass(frozen=True)
class SafetyInputs:
    """Everything the model reads, gathered once per evaluation (no draws yet)."""

    catalog: Catalog
    occupancy: float
    shares: FloatArray  # owner's miles by road class, ROAD_CLASSES order
    avg_shares: FloatArray  # the us_average mix the anchor describes
    settings: tuple[str, ...]
    speed0: FloatArray  # traffic speed as measured (table)
    speed: FloatArray  # after the speed lever
    death_index: FloatArray
    partners: tuple[Row, ...]
    info: Mapping[str, InputInfo]

    @classmethod
    def from_catalog(
        cls,
        catalog: Catalog,
        occupancy: float,
        road_shares: tuple[float, ...],
        speed_change_mph: Mapping[str, float],
    ) -> SafetyInputs:
        roads = catalog.table("road_classes")
        preset = catalog.table("road_mix_presets")[US_AVERAGE_PRESET]
        speed0 = np.array([float(roads[rc]["traffic_speed_mph"]) for rc in ROAD_CLASSES])
        info: dict[str, InputInfo] = {
            p.id: InputInfo(p.label, p.confidence) for p in catalog.params.values()
        }
        info[PARTNER_MASS_KEY] = InputInfo(
            "Partner fleet masses (every row of partner_fleet.csv between its low and high)",
            "estimate",
        )
        info[PED_RATE_KEY] = InputInfo(
            "Pedestrian death rates per mile (urban, rural and freeway together)", "estimate"
        )
        for row in catalog.table("crash_protection").rows:
            info[f"protection:{row['id']}"] = InputInfo(
                f"Crash protection: {row['label']}", row["confidence"]
            )
            info[f"single_vehicle:{row['id']}"] = InputInfo(
                f"Single-vehicle risk: {row['label']}", row["confidence"]
            )
        for row in catalog.table("front_shapes").rows:
            info[f"front:{row['id']}"] = InputInfo(
                f"Pedestrian risk of the front: {row['label']}", row["confidence"]
            )
        return cls(
            catalog=catalog,
            occupancy=occupancy,
            shares=np.array(road_shares, dtype=float),
            avg_shares=np.array([float(preset[rc]) for rc in ROAD_CLASSES]),
            settings=tuple(str(roads[rc]["setting"]) for rc in ROAD_CLASSES),
            speed0=speed0,
            speed=np.array(traffic_speeds(catalog, speed_change_mph)),
            death_index=np.array([float(roads[rc]["death_index"]) for rc in ROAD_CLASSES]),
            partners=catalog.table("partner_fleet").rows,
            info=info,
        )

    # -- drawing inputs ------------------------------------------------------------------------
    def param(self, sampler: Sampler, pid: str) -> FloatArray:
        return draw_input(sampler, pid, self.catalog.u(pid))

    def fixed(self, pid: str) -> float:
        """A structural threshold: always its central value (never drawn)."""
        return self.catalog.central(pid)


def draw_input(sampler: Sampler, key: str, u: Uncertain) -> FloatArray:
    # Fixed inputs skip the sampler: no random stream to build, nothing to show in a tornado.
    if u.is_fixed:
        return np.full(1, u.central)
    return sampler.draw(key, u)


def _between(u: Uncertain, level: tuple[FloatArray, FloatArray]) -> FloatArray:
    """Map a level x in [-1, 1] to u's range: -1 = low, 0 = central, +1 = high (piecewise).

    `level` is (min(x, 0), max(x, 0)), split once so each mapping is three multiply-adds.
    """
    neg, pos = level
    return u.central + neg * (u.central - u.low) + pos * (u.high - u.central)


def _level(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    return np.minimum(x, 0.0), np.maximum(x, 0.0)


@dataclass(frozen=True)
class Shared:
    """Draws and reference terms every vehicle shares (paired across vehicles)."""

    base_rate: list[FloatArray]  # B_r: average-vehicle driver deaths per 100M mi, per class
    # O_r / B_r: other drivers killed per driver killed, for the average vehicle. Both anchors are
    # spread over road classes alike, so one ratio turns B_r into O_r on every class.
    other_ratio: FloatArray
    evans: FloatArray
    sv_mass_exp: FloatArray
    sv_share: FloatArray
    passenger: FloatArray
    occupant_mass: FloatArray
    ref_mass: FloatArray  # with one occupant
    ref_curb_mass: FloatArray
    residual_exp: FloatArray
    masses: list[FloatArray]  # partner masses today (with one occupant)
    shifted_masses: list[FloatArray]  # after the partner-mass what-if
    shares0: list[FloatArray]
    shares: list[FloatArray]  # after the light-truck lever
    ref_own_terms: FloatArray  # sum_j p0_j * own_severity(m_ref, m_j): the S_MV normaliser
    ref_imposed_terms: FloatArray  # E_MV normaliser
    si_ratio: FloatArray
    fleet_occ_factor: FloatArray
    cyclists: FloatArray
    ped_a: FloatArray
    ped_b: FloatArray
    ped_rate: Mapping[str, FloatArray] = field(default_factory=dict)  # by road setting
    keys: tuple[str, ...] = ()  # uncertain inputs drawn here (every vehicle rests on them)


def prepare_shared(inp: SafetyInputs, sampler: Sampler) -> Shared:
    before = set(sampler.used)
    p = inp.param
    driver_anchor = p(sampler, P_ANCHOR)
    anchor = driver_anchor / p(sampler, P_ANCHOR_MILES) * (PER_100M_MILES / PER_MILLION)
    # Spread the anchor over road classes so the us_average mix reproduces it exactly.
    theta = p(sampler, P_CONTRAST)
    idx = [np.exp(theta * math.log(d)) for d in inp.death_index]
    norm = sum(s * i for s, i in zip(inp.avg_shares, idx, strict=True))
    base_rate = [anchor * i / norm for i in idx]

    evans = p(sampler, P_EVANS)
    occ_mass = p(sampler, P_OCC_MASS)
    ref_curb = p(sampler, P_REF_MASS)
    ref_mass = ref_curb + occ_mass
    shift = p(sampler, P_LT_SHIFT)
    heavy_shift = p(sampler, P_HEAVY_SHIFT)
    mass_change = p(sampler, P_MASS_CHANGE)
    # One draw moves every partner mass within its own low..high range together: the fleet's
    # weights are uncertain as a whole (one random stream instead of one per row).
    x = _level(draw_input(sampler, PARTNER_MASS_KEY, Uncertain(-1.0, 0.0, 1.0)))
    masses, shifted, shares0 = [], [], []
    for row in inp.partners:
        m = _between(uncertain(row, "mass", "_kg"), x) + occ_mass
        masses.append(m)
        shifted.append(m * (1.0 + mass_change) if row["light_vehicle"] else m)
        shares0.append(np.full(1, float(row["share"])))
    shares = _shift_heavy(inp.partners, _shift_shares(inp.partners, shares0, shift), heavy_shift)

    own0 = [
        s * phys.own_crash_severity(ref_mass, m, evans)
        for s, m in zip(shares0, masses, strict=True)
    ]
    ref_own = sum(own0[1:], own0[0])
    imp0 = [
        s * phys.imposed_crash_severity(ref_mass, m, evans)
        for s, m, r in zip(shares0, masses, inp.partners, strict=True)
        if r["light_vehicle"]
    ]
    passenger = p(sampler, P_PASSENGER)
    return Shared(
        base_rate=base_rate,
        other_ratio=p(sampler, P_OTHER_ANCHOR) / driver_anchor,
        evans=evans,
        sv_mass_exp=p(sampler, P_SV_MASS),
        sv_share=p(sampler, P_SV_SHARE),
        passenger=passenger,
        occupant_mass=occ_mass,
        ref_mass=ref_mass,
        ref_curb_mass=ref_curb,
        residual_exp=p(sampler, P_RESIDUAL),
        masses=masses,
        shifted_masses=shifted,
        shares0=shares0,
        shares=shares,
        ref_own_terms=ref_own,
        ref_imposed_terms=sum(imp0[1:], imp0[0]),
        si_ratio=p(sampler, P_SI_RATIO),
        fleet_occ_factor=1.0 + (p(sampler, P_FLEET_OCC) - 1.0) * passenger,
        cyclists=p(sampler, P_CYCLISTS),
        ped_a=p(sampler, P_PED_A),
        ped_b=p(sampler, P_PED_B),
        ped_rate=_pedestrian_rates(inp, sampler),
        keys=tuple(k for k in sampler.used if k not in before),
    )


def _pedestrian_rates(inp: SafetyInputs, sampler: Sampler) -> dict[str, FloatArray]:
    """The three pedestrian rates share one draw: they come from the same study and scaling."""
    level = _level(draw_input(sampler, PED_RATE_KEY, Uncertain(-1.0, 0.0, 1.0)))
    return {s: _between(inp.catalog.u(pid), level) for s, pid in PED_RATE.items()}


def _shift_shares(
    partners: tuple[Row, ...], shares0: list[FloatArray], shift: FloatArray
) -> list[FloatArray]:
    """Move the light-truck share by `shift` points, taken from (or given to) the cars.

    Heavy trucks keep their share: the lever describes the light-vehicle mix (SUVs and pickups
    against cars), not freight. The shift is clipped so no share goes below zero.
    """
    if not np.any(shift):
        return shares0
    is_lt = [bool(r["light_truck"]) for r in partners]
    is_car = [bool(r["light_vehicle"]) and not lt for r, lt in zip(partners, is_lt, strict=True)]
    lt0 = sum((s for s, lt in zip(shares0, is_lt, strict=True) if lt), np.zeros(1))
    car0 = sum((s for s, c in zip(shares0, is_car, strict=True) if c), np.zeros(1))
    if not np.all(lt0 > 0.0) or not np.all(car0 > 0.0):
        return shares0
    lt1 = np.clip(lt0 + shift, 0.0, lt0 + car0)
    car1 = lt0 + car0 - lt1
    return [
        s * lt1 / lt0 if lt else (s * car1 / car0 if c else s)
        for s, lt, c in zip(shares0, is_lt, is_car, strict=True)
    ]


def _shift_heavy(
    partners: tuple[Row, ...], shares: list[FloatArray], shift: FloatArray
) -> list[FloatArray]:
    """Move the heavy (non-light) partners' share by `shift` points; light rows scale to fit."""
    if not np.any(shift):
        return shares
    heavy = [not bool(r["light_vehicle"]) for r in partners]
    h0 = sum((s for s, h in zip(shares, heavy, strict=True) if h), np.zeros(1))
    l0 = sum((s for s, h in zip(shares, heavy, strict=True) if not h), np.zeros(1))
    if not np.all(h0 > 0.0) or not np.all(l0 > 0.0):
        return shares
    h1 = np.clip(h0 + shift, 0.0, h0 + l0)
    l1 = h0 + l0 - h1
    return [s * (h1 / h0 if h else l1 / l0) for s, h in zip(shares, heavy, strict=True)]


@dataclass(frozen=True)
class VehicleDraws:
    """One vehicle's rates per 100M miles driven, averaged over the road classes it drives."""

    driver: FloatArray
    occupant: FloatArray
    occupant_si: FloatArray
    other_occupants: FloatArray  # occupants of the other vehicles it hits
    pedestrians: FloatArray  # pedestrians and cyclists
    others_si: FloatArray
    weights: FloatArray  # owner's share of miles x driven, by road class
    legal: tuple[bool, ...]
    usable: tuple[bool, ...]
    own_speed: FloatArray
    # Central run only: per road class (occupant deaths, others' deaths) per 100M miles there.
    per_class: tuple[tuple[float, float], ...] = ()
    used_keys: tuple[str, ...] = field(default=())

    @property
    def driven_share(self) -> float:
        return float(self.weights.sum())

    @property
    def others(self) -> FloatArray:
        return self.other_occupants + self.pedestrians


def _speed_factors(
    ratios: Mapping[str, float], exponent: Callable[[], FloatArray]
) -> dict[str, FloatArray | float] | None:
    """ratio ** p for each named speed ratio, or None when every ratio is exactly 1.

    A ratio of 1 makes the exponent irrelevant, so leaving it undrawn changes no number, keeps
    it out of the tornado and saves a random stream.
    """
    if all(r == 1.0 for r in ratios.values()):
        return None
    p = exponent()
    return {name: (1.0 if r == 1.0 else np.power(r, p)) for name, r in ratios.items()}


@dataclass(frozen=True)
class ClassTerms:
    """One vehicle's rates on each road class before they are weighted by the miles it drives
    there: every draw of vehicle_risk is taken here, so `weigh` can serve any road mix (the
    fallback car's, which moves with the owner's miles) without drawing again.

    Per road class, `drv`, `si`, `oth`, `oth_si` and `ped` are per 100M miles in units of the
    class's base rate B_r (ped: pedestrians per 100M miles before the vehicle's own factor);
    None for a class at traffic speed (plain: B_r times the class-invariant parts) or not
    computed (`computed`)."""

    legal: tuple[bool, ...]
    usable: tuple[bool, ...]
    own_speed: FloatArray
    computed: tuple[bool, ...]
    plain: tuple[bool, ...]
    base_rate: list[FloatArray]
    drv: tuple[FloatArray | None, ...]
    si: tuple[FloatArray | None, ...]
    oth: tuple[FloatArray | None, ...]
    oth_si: tuple[FloatArray | None, ...]
    ped: tuple[FloatArray | None, ...]
    both_parts: FloatArray
    other_part: FloatArray
    ped_part: FloatArray
    occ_factor: FloatArray
    si_ratio: FloatArray
    head_keys: tuple[str, ...]  # uncertain inputs drawn for every class
    class_keys: tuple[tuple[str, ...], ...]  # and those drawn for one class

    @property
    def drivable(self) -> tuple[bool, ...]:
        return tuple(lg and us for lg, us in zip(self.legal, self.usable, strict=True))


def vehicle_risk(
    inp: SafetyInputs,
    sh: Shared,
    v: Vehicle,
    cap_mph: float | None,
    sampler: Sampler,
    per_class: bool = False,
) -> VehicleDraws:
    """Rates for one vehicle on the owner's road mix (inp.shares). Classes it does not drive are
    skipped (no draws) unless `per_class` asks for every class's own rates."""
    legal, usable = _drivability(inp, v, cap_mph)
    weights = _weights(inp.shares, legal, usable)
    needed = tuple(per_class or float(w) != 0.0 for w in weights)
    terms = class_terms(inp, sh, v, cap_mph, sampler, needed)
    return weigh(terms, inp.shares, per_class)


def _drivability(
    inp: SafetyInputs, v: Vehicle, cap_mph: float | None
) -> tuple[tuple[bool, ...], tuple[bool, ...]]:
    """The rules of core.policy.mobility: legal under the road cap, usable at its top speed."""
    legal = tuple(legal_on(rc, cap_mph) for rc in ROAD_CLASSES)
    return legal, keeps_up(inp.catalog, v.top_speed_mph, tuple(float(x) for x in inp.speed))


def _weights(shares: FloatArray, legal: tuple[bool, ...], usable: tuple[bool, ...]) -> FloatArray:
    """The owner's share of miles on each class the vehicle drives (legal and usable)."""
    out: FloatArray = shares * np.array([lg and us for lg, us in zip(legal, usable, strict=True)])
    return out


def class_terms(
    inp: SafetyInputs,
    sh: Shared,
    v: Vehicle,
    cap_mph: float | None,
    sampler: Sampler,
    needed: tuple[bool, ...] | None = None,
) -> ClassTerms:
    """Draw and compute one vehicle's rates on the road classes in `needed` (default: every
    class it may drive)."""
    cat = inp.catalog
    used: list[str] = []

    def key(k: str, u: Uncertain) -> FloatArray:
        if not u.is_fixed:
            used.append(k)
        return draw_input(sampler, k, u)

    def param(pid: str) -> FloatArray:
        return key(pid, cat.u(pid))

    prot_row = cat.table("crash_protection")[v.crash_class]
    protection = key(f"protection:{v.crash_class}", uncertain(prot_row, "protection"))
    sv_class = key(f"single_vehicle:{v.crash_class}", uncertain(prot_row, "single_vehicle"))
    front_row = cat.table("front_shapes")[v.front_shape]
    front = key(f"front:{v.front_shape}", uncertain(front_row, "pedestrian"))
    aggressivity = param(P_TALL_AGGRESSIVITY) if v.front_shape == TALL_FRONT else 1.0

    m_own = v.curb_mass_kg + inp.occupancy * sh.occupant_mass
    own_terms = [
        s * phys.own_crash_severity(m_own, m, sh.evans)
        for s, m in zip(sh.shares, sh.shifted_masses, strict=True)
    ]
    s_mv = sum(own_terms[1:], own_terms[0]) / sh.ref_own_terms
    imposed = [
        s * phys.imposed_crash_severity(m_own, m, sh.evans)
        for s, m, r in zip(sh.shares, sh.shifted_masses, inp.partners, strict=True)
        if r["light_vehicle"]
    ]
    e_mv = sum(imposed[1:], imposed[0]) / sh.ref_imposed_terms
    s_sv = np.power(sh.ref_mass / m_own, sh.sv_mass_exp) * sv_class
    # What IIHS small-car rates show beyond delta-v physics and star ratings (calibrated); below
    # the lightest car in the US data it stays at that car's value instead of extrapolating.
    residual_mass = max(v.curb_mass_kg, inp.fixed(P_LIGHTEST))
    residual = np.power(sh.ref_curb_mass / residual_mass, sh.residual_exp)
    occ_factor = 1.0 + (inp.occupancy - 1.0) * sh.passenger
    # Road-class-invariant parts, computed once (the loop below only scales them).
    protected = protection * residual
    sv_part = sh.sv_share * s_sv * protected
    mv_part = (1.0 - sh.sv_share) * s_mv * protected
    # Others in units of B_r (the driver anchor); other_ratio turns them into O_r.
    other_part = e_mv * aggressivity * (sh.fleet_occ_factor * sh.other_ratio)

    own_speed = np.minimum(v.top_speed_mph * inp.fixed(P_CRUISE), inp.speed)
    legal, usable = _drivability(inp, v, cap_mph)
    if needed is None:
        needed = tuple(lg and us for lg, us in zip(legal, usable, strict=True))
    head = tuple(used)
    n = len(ROAD_CLASSES)
    plain = [False] * n
    class_keys: list[tuple[str, ...]] = [()] * n
    drv: list[FloatArray | None] = [None] * n
    si, oth, oth_si, ped = list(drv), list(drv), list(drv), list(drv)
    for j in range(n):
        if not needed[j]:
            continue
        del used[:]
        setting = inp.settings[j]
        v0, vt, vo = float(inp.speed0[j]), float(inp.speed[j]), float(own_speed[j])
        b = sh.base_rate[j]
        # road: the lever changes everyone's speed; sv: own speed below traffic; mv: the closing
        # speed of a multi-vehicle crash falls only part-way when one vehicle is slower. On
        # freeways (divided: same-direction crashes, closing speed = the speed difference) a
        # slower own speed does not lower it; the slow-vehicle penalty carries the gap there.
        mv = 1.0 if setting == DIVIDED_SETTING else (vo + vt) / (2.0 * vt)
        ratios = {"road": vt / v0, "sv": vo / vt, "mv": mv}
        fat_pid, ser_pid = SPEED_POWER[("fatal", setting)], SPEED_POWER[("serious", setting)]
        f_fat = _speed_factors(ratios, lambda pid=fat_pid: param(pid))  # type: ignore[misc]
        f_ser = _speed_factors(ratios, lambda pid=ser_pid: param(pid))  # type: ignore[misc]
        # Slower than traffic: more multi-vehicle crashes (rear-end, lane changes), growing
        # smoothly with the gap.
        gap = (vt - vo) / SLOW_RATIO_PER_MPH
        pen = np.power(param(P_SLOW_RATIO), gap) if gap > 0.0 else 1.0
        # Pedestrian rates were measured at today's traffic speed: scale by the death risk at the
        # speed this vehicle actually travels (lever and top speed included).
        q_speed = phys.pedestrian_fatality_risk(
            vo, sh.ped_a, sh.ped_b
        ) / phys.pedestrian_fatality_risk(v0, sh.ped_a, sh.ped_b)
        ped[j] = sh.ped_rate[setting] * q_speed
        if f_fat is None or f_ser is None:
            plain[j] = True
        else:
            drv[j] = b * f_fat["road"] * (sv_part * f_fat["sv"] + mv_part * f_fat["mv"] * pen)
            si[j] = b * f_ser["road"] * (sv_part * f_ser["sv"] + mv_part * f_ser["mv"] * pen)
            oth[j] = b * f_fat["road"] * f_fat["mv"]
            oth_si[j] = b * f_ser["road"] * f_ser["mv"]
        class_keys[j] = tuple(used)
    return ClassTerms(
        legal=legal,
        usable=usable,
        own_speed=own_speed,
        computed=needed,
        plain=tuple(plain),
        base_rate=sh.base_rate,
        drv=tuple(drv),
        si=tuple(si),
        oth=tuple(oth),
        oth_si=tuple(oth_si),
        ped=tuple(ped),
        both_parts=sv_part + mv_part,
        other_part=other_part,
        ped_part=(1.0 + sh.cyclists) * front,
        occ_factor=occ_factor,
        si_ratio=sh.si_ratio,
        head_keys=head,
        class_keys=tuple(class_keys),
    )


def weigh(t: ClassTerms, shares: FloatArray, per_class: bool = False) -> VehicleDraws:
    """Average a vehicle's class rates over the miles it drives on each class (no draws).
    Classes at traffic speed share one fast path (no speed terms)."""
    weights = _weights(shares, t.legal, t.usable)
    plain = np.zeros(1)  # sum of w_j * B_j over classes driven at traffic speed
    acc = {k: np.zeros(1) for k in ("drv", "si", "oth", "oth_si", "ped")}
    rows: list[tuple[float, float]] = []
    used = list(t.head_keys)
    for j in range(len(ROAD_CLASSES)):
        w = float(weights[j])
        if w == 0.0 and not per_class:
            continue
        if not t.computed[j]:
            raise ValueError(f"road class {ROAD_CLASSES[j]} was not computed")
        used += t.class_keys[j]
        b = t.base_rate[j]
        ped_j = t.ped[j]
        drv_j, si_j, oth_j, oth_si_j = t.drv[j], t.si[j], t.oth[j], t.oth_si[j]
        assert ped_j is not None
        if t.plain[j] or drv_j is None or si_j is None or oth_j is None or oth_si_j is None:
            plain = plain + w * b
            drv_j, oth_j = b * t.both_parts, b
        else:
            acc["drv"] = acc["drv"] + w * drv_j
            acc["si"] = acc["si"] + w * si_j
            acc["oth"] = acc["oth"] + w * oth_j
            acc["oth_si"] = acc["oth_si"] + w * oth_si_j
        acc["ped"] = acc["ped"] + w * ped_j
        if per_class:
            occ_c = drv_j * t.occ_factor
            oth_c = oth_j * t.other_part + ped_j * t.ped_part
            rows.append((float(np.ravel(occ_c)[0]), float(np.ravel(oth_c)[0])))
    total = float(weights.sum())
    used_keys = tuple(dict.fromkeys(used))
    # below a billionth of the miles there is nothing to average over (and dividing by a
    # denormal share overflows to inf * 0 = NaN)
    if total <= 1e-9:
        zero = np.zeros(1)
        return VehicleDraws(
            zero, zero, zero, zero, zero, zero, weights, t.legal, t.usable, t.own_speed,
            tuple(rows), used_keys,
        )  # fmt: skip
    both_parts, other_part, occ_factor = t.both_parts, t.other_part, t.occ_factor
    driver = (plain * both_parts + acc["drv"]) / total
    others_occ = (plain + acc["oth"]) * other_part / total
    ped = acc["ped"] * t.ped_part / total
    return VehicleDraws(
        driver=np.asarray(driver, dtype=float),
        occupant=driver * occ_factor,
        occupant_si=(plain * both_parts + acc["si"]) * (t.si_ratio * occ_factor / total),
        other_occupants=np.asarray(others_occ, dtype=float),
        pedestrians=np.asarray(ped, dtype=float),
        others_si=t.si_ratio * ((plain + acc["oth_si"]) * other_part / total + ped),
        weights=weights,
        legal=t.legal,
        usable=t.usable,
        own_speed=t.own_speed,
        per_class=tuple(rows),
        used_keys=used_keys,
    )
