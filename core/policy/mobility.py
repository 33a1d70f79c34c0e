"""Who serves the owner's miles: the vehicle itself, or the fallback travel the user chose.

The owner's travel (annual miles x road mix) is fixed by the scenario and every model serves all
of it. `mobility_of(ctx, vid)` splits it once per evaluation into the share the vehicle drives
and the share that goes to the scenario's fallback mode (ride-hailing, a rented car, transit or a
second car), with the fallback share split by reason, decided in this order:

1. ``not_registrable``: every mile, when the vehicle may use no public road in the state
   (``Context.road_cap_mph`` is 0: banned, off-road only, no federal path, too young to import);
2. ``road_not_legal``: miles on road classes posted above its legal road cap (``legal_on``);
3. ``above_top_speed``: miles on classes where its top speed is too far below traffic
   (``keeps_up``: top speed < traffic speed - ``top_speed_usable_margin_mph``);
4. ``beyond_range``: for EVs, the miles of days longer than its realistic range. Daily distances
   are taken as exponential around the scenario's mean day (annual miles / 365), so the share of
   miles on days longer than a range R is (1 + R/m) exp(-R/m) (continuous in R: no jump). The
   worst season (its share of the year: ``worst_season_share_of_year``) uses the range after the
   AAA cold/heat loss; the rest of the year the real-world rated range.

Cost and safety read these shares; neither decides them. ``legal_on``, ``keeps_up`` and
``traffic_speeds`` are the one statement of the drivability rules: this split, the safety
model's road classes and ``policy.effective.not_drivable_share`` call them. docs/mobility.md
explains the choice of the default fallback and every figure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from core.data.catalog import Catalog
from core.data.mobility_tables import FALLBACK_MODE_TABLE, SECOND_CAR
from core.data.roads import MIN_TRAFFIC_SPEED_MPH, ROAD_CLASS_POSTED_MPH, ROAD_CLASSES
from core.data.tables import Row
from core.data.vehicles import Vehicle
from core.policy.context import Context
from core.policy.split import REASON_LABELS, REASONS, Mobility
from core.units import KM_PER_MILE

__all__ = [
    "REASONS",
    "REASON_LABELS",
    "Mobility",
    "beyond_range_share",
    "compute",
    "compute_all",
    "fallback_row",
    "keeps_up",
    "legal_on",
    "miles_beyond",
    "mobility_of",
    "range_loss",
    "traffic_speeds",
]

MAX_EXPONENT = 700.0  # exp(-700) is about 1e-304: beyond it the share is 0 (float range)
DAYS_PER_YEAR = 365.0  # a calendar definition: the mean day is annual miles / 365
P_TOP_MARGIN = "top_speed_usable_margin_mph"
P_WORST_SEASON = "worst_season_share_of_year"


def fallback_row(catalog: Catalog, mode: str) -> Row:
    return catalog.table(FALLBACK_MODE_TABLE.name)[mode]


def range_loss(cat: Catalog, coldest_f: float, hottest_f: float) -> float:
    """Share of rated range lost in the worst season (AAA 2019), interpolated from 75 F.

    No extrapolation past the AAA test points (20 F, 95 F): optimistic in harsher climates.
    A test point set at (or past) the reference temperature leaves no span to interpolate
    over; the loss is then the limit of the interpolation as the span shrinks: all of the
    tested loss beyond the reference, none before it. (Also the feasibility range check's.)
    """
    ref = cat.central("ev_range_ref_temp_f")
    cold_t, heat_t = cat.central("ev_cold_test_temp_f"), cat.central("ev_heat_test_temp_f")

    def toward(beyond: float, span: float) -> float:
        """How far toward the test point a climate lies (0..1); ``beyond`` past the reference."""
        if span <= 0.0:
            return 1.0 if beyond > 0.0 else 0.0
        return min(max(beyond / span, 0.0), 1.0)

    cold = cat.central("ev_cold_range_loss") * toward(ref - coldest_f, ref - cold_t)
    heat = cat.central("ev_heat_range_loss") * toward(hottest_f - ref, heat_t - ref)
    return max(cold, heat)


def miles_beyond(range_mi: float, mean_day_mi: float) -> float:
    """Share of miles on days longer than range_mi, daily distance exponential with this mean."""
    if mean_day_mi <= 0.0:
        return 0.0
    x = max(range_mi, 0.0) / mean_day_mi
    if not math.isfinite(x) or x > MAX_EXPONENT:
        return 0.0  # a day longer than the range is vanishingly rare (and exp underflows)
    return (1.0 + x) * math.exp(-x)


def beyond_range_share(v: Vehicle, cat: Catalog, annual_miles: float) -> float:
    """Share of the miles it could drive that fall on days longer than its realistic range."""
    if not v.is_ev or v.range_km is None:
        return 0.0
    rated = v.range_km / KM_PER_MILE * v.real_world_factor
    worst = rated * (
        1.0 - range_loss(cat, cat.central("coldest_temp_f"), cat.central("hottest_temp_f"))
    )
    season = cat.central(P_WORST_SEASON)
    mean_day = annual_miles / DAYS_PER_YEAR
    return season * miles_beyond(worst, mean_day) + (1.0 - season) * miles_beyond(rated, mean_day)


def traffic_speeds(cat: Catalog, speed_change_mph: Mapping[str, float]) -> tuple[float, ...]:
    """Traffic speed of each road class after the speed lever (road_classes.csv)."""
    roads = cat.table("road_classes")
    return tuple(
        max(
            float(roads[rc]["traffic_speed_mph"]) + float(speed_change_mph.get(rc, 0.0)),
            MIN_TRAFFIC_SPEED_MPH,
        )
        for rc in ROAD_CLASSES
    )


def legal_on(road_class: str, cap_mph: float | None) -> bool:
    """The legal rule: a road class is legal when its posted speed is within the vehicle's road
    cap (None: no cap; 0: no public road at all)."""
    return cap_mph is None or ROAD_CLASS_POSTED_MPH[road_class] <= cap_mph


def keeps_up(cat: Catalog, top_speed_mph: float, speeds: Sequence[float]) -> tuple[bool, ...]:
    """The top-speed rule, per road class: usable when the top speed is no more than
    ``top_speed_usable_margin_mph`` below the traffic speed there (``traffic_speeds``)."""
    margin = cat.central(P_TOP_MARGIN)
    return tuple(bool(top_speed_mph >= float(vt) - margin) for vt in speeds)


def compute(ctx: Context, v: Vehicle) -> Mobility:
    """Split the owner's miles for one vehicle (see the module docstring for the rules)."""
    sc, cat = ctx.scenario, ctx.catalog
    shares = sc.road_mix.shares
    cap = ctx.road_cap_mph.get(v.id)
    registrable = not (cap is not None and cap <= 0.0)
    usable = keeps_up(cat, v.top_speed_mph, traffic_speeds(cat, ctx.speed_change_mph))
    reasons = dict.fromkeys(REASONS, 0.0)
    own = [0.0] * len(ROAD_CLASSES)
    fb = [0.0] * len(ROAD_CLASSES)
    range_share = beyond_range_share(v, cat, float(sc.annual_miles)) if registrable else 0.0
    for j, rc in enumerate(ROAD_CLASSES):
        s = float(shares[j])
        if not registrable:
            reasons["not_registrable"] += s
            fb[j] = s
        elif not legal_on(rc, cap):
            reasons["road_not_legal"] += s
            fb[j] = s
        elif not usable[j]:
            reasons["above_top_speed"] += s
            fb[j] = s
        else:
            beyond = s * range_share
            reasons["beyond_range"] += beyond
            fb[j] = beyond
            own[j] = s - beyond
    own_share = float(sum(own))
    mode = sc.fallback.mode
    row = fallback_row(cat, mode)
    if mode == SECOND_CAR:
        fb_vehicle: str | None = sc.fallback.vehicle
        label = cat.vehicle(sc.fallback.vehicle).name
    else:
        fb_vehicle = row["risk_vehicle"] or None
        label = str(row["label"])
    return Mobility(
        own_share=own_share,
        fallback_mode=mode,
        fallback_label=label,
        fallback_vehicle=fb_vehicle,
        fallback_share=float(sum(fb)),
        by_reason=MappingProxyType(reasons),
        own_by_class=tuple(own),
        fallback_by_class=tuple(fb),
        registrable=registrable,
    )


def compute_all(ctx: Context) -> Mapping[str, Mobility]:
    return MappingProxyType({v.id: compute(ctx, v) for v in ctx.vehicles})


def mobility_of(ctx: Context, vid: str) -> Mobility:
    """The Context's split for a vehicle (policy.apply fills it once per evaluation); computed
    here only for a Context built by hand (tests)."""
    got = ctx.mobility.get(vid)
    if got is not None:
        return got
    return compute(ctx, next(v for v in ctx.vehicles if v.id == vid))
