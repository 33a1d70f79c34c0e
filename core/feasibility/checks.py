"""The feasibility checks, one function each, in the documented order (docs/feasibility-model.md).

Each check reads the effective catalogue (levers applied), the vehicle's pathway, its operating
class in the state (rule, road cap, citation, confidence: core.policy.operating_class) and the
cost result, and returns a Check with a one-line reason, its source, as-of date and
confidence. No figure lives here: thresholds and buyer inputs are feasibility_params.csv rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from core.cost import landed
from core.cost.incentives import incentive_params
from core.cost.ownership import CostResult
from core.data.catalog import Catalog
from core.data.params import EV_INCENTIVE, MICROCAR_INCENTIVE, Param
from core.data.roads import ROAD_CLASS_POSTED_MPH
from core.data.state_rules import RULE_KINDS
from core.data.states import STATE_NAMES
from core.data.tables import Row
from core.data.vehicles import Vehicle
from core.feasibility.verdict import Check, confidence_of
from core.policy.compliance import CurveInputs
from core.policy.context import Context
from core.policy.effective import not_drivable_share
from core.policy.mobility import legal_on, range_loss  # one home: the miles beyond range use it too
from core.policy.operating_class import UNKNOWN_CAP, OperatingClass
from core.uncertain import Uncertain
from core.units import FT_PER_M, KG_PER_LB, KM_PER_MILE

BASELINE_PATHWAYS = ("subcompact_baseline", "pickup_baseline", "us_market")


@dataclass(frozen=True)
class CheckInput:
    ctx: Context
    vehicle: Vehicle
    pathway: Row
    state: str  # the scenario's state code
    operating: OperatingClass  # the vehicle's class there (core.policy.operating_class)
    cap_mph: float | None
    cost: CostResult | None
    # central price of the vehicle itself in USD: the cost model's (the buyer's own if given)
    price_usd: float
    landed_usd: float  # landed price net of incentives, the headline (median) a person sees
    reference: Vehicle | None  # cheapest new subcompact
    reference_price_usd: float | None
    curve: CurveInputs
    # the landing items (core.cost.landed.LANDED_ITEMS), central: the cost result's when given
    landing: Mapping[str, float] = field(default_factory=dict)

    @property
    def cat(self) -> Catalog:
        return self.ctx.catalog

    def p(self, pid: str) -> float:
        return self.cat.central(pid)

    def param(self, pid: str) -> Param:
        return self.cat.param(pid)


def _chk(
    cid: str, label: str, group: str, status: str, reason: str, *,
    src: tuple[str, str], conf: str, value: float | None = None, unit: str = "",
) -> Check:  # fmt: skip
    return Check(cid, label, status, reason, src[0], str(src[1]), conf, group, value, unit)


def _row_src(row: Row) -> tuple[str, str]:
    return str(row["source"]), str(row["as_of"])


def _param_src(*params: Param) -> tuple[str, str]:
    return " ; ".join(dict.fromkeys(p.source for p in params)), max(p.as_of for p in params)


def _money(x: float) -> str:
    return f"${x:,.0f}"


def _state_name(code: str) -> str:
    return STATE_NAMES.get(code, code)


# -- legal ---------------------------------------------------------------------------------------
def federal_entry(ci: CheckInput) -> Check:
    pw, v, lv = ci.pathway, ci.vehicle, ci.ctx.scenario.levers
    label = "Federal entry path"
    conf = confidence_of(pw["confidence"])
    status, reason = str(pw["federal_status"]), f"{pw['label']}: {pw['federal_reason']}"
    if pw["id"] == "used_kei_25yr":
        need = lv.import_age_years
        lever = need != 25  # 25 is the law (49 CFR 591.5(i)); anything else is the lever
        if v.age_years < need:
            status = "fail"
            reason = f"{v.age_years:g} years old: the FMVSS import exemption needs {need}" + (
                " (import-age lever)" if lever else " (49 CFR 591.5(i))"
            )
        else:
            status = "pass"
            reason = f"{v.age_years:g} years old: importable under the {need}-year exemption" + (
                " (import-age lever; assumes EPA's age rule moves with it)" if lever else ""
            )
        if lever:
            conf = "assumption"
    elif pw["id"] == "lsv":
        gvwr_lb = (v.curb_mass_kg + v.payload_kg) / KG_PER_LB
        limit = ci.p("lsv_max_gvwr_lb")
        if gvwr_lb >= limit:
            status = "fail"
            reason = f"curb mass + payload about {gvwr_lb:,.0f} lb: not under the {limit:,.0f} lb LSV limit"
        elif ci.operating.governed:
            reason += f"; governed to {ci.operating.top_speed_mph:g} mph to qualify"
    elif pw["id"] == "msv" and lv.federal_msv_class:
        status, conf = "pass", "assumption"
        reason = "registrable under the federal medium-speed class (policy lever)"
    elif pw["id"] == "low_volume_555":
        volume = ci.curve.volume_per_year.central
        cap = ci.p("part555_annual_cap_units")
        if volume > cap:
            status = "fail"
            reason = f"{volume:,.0f} units/yr exceeds the Part 555 cap of {cap:,.0f} per 12 months"
    return _chk("federal_entry", label, "legal", status, reason, src=_row_src(pw), conf=conf)


def _oc_src(oc: OperatingClass) -> tuple[str, str]:
    cite = oc.citation if oc.citation in oc.source else f"{oc.citation} ({oc.source})"
    return cite + (f" {oc.url}" if oc.url and oc.url not in cite else ""), oc.as_of


# A rule's confidence (high = statute read, medium = agency text, low = secondary source) as a
# check reports it; a lever or the unknown-rule assumption is an assumption.
_FROM_RULE = {"high": "documented", "medium": "estimate", "low": "estimate"}


def _oc_conf(oc: OperatingClass) -> str:
    return _FROM_RULE.get(oc.confidence, "assumption")


def _assumption_text(ci: CheckInput) -> str:
    cap = ci.p(UNKNOWN_CAP)
    roads = f"local roads posted {cap:g} mph or less" if cap > 0 else "no public road"
    return f"assumed: {roads} (the {UNKNOWN_CAP} assumption; change it in the scenario)"


def state_titling(ci: CheckInput) -> Check:
    oc = ci.operating
    name = _state_name(ci.state)
    label = "State titling"
    src, conf = _oc_src(oc), _oc_conf(oc)
    if oc.lever and oc.status in ("allowed", "restricted"):
        return _chk("state_titling", label, "legal", "pass", f"{name}: {oc.conditions}",
                    src=src, conf="assumption")  # fmt: skip
    if oc.kind == "us_certified":
        return _chk("state_titling", label, "legal", "pass",
                    f"titled in {name} like any US-certified vehicle", src=src, conf=conf)  # fmt: skip
    what = f"{name}, {oc.label}"
    if oc.status == "allowed":
        cap = "" if oc.road_cap_mph is None else f" (roads posted <= {oc.road_cap_mph:g} mph)"
        return _chk("state_titling", label, "legal", "pass", f"{what}: {oc.conditions}{cap}",
                    src=src, conf=conf)  # fmt: skip
    if oc.status == "restricted":
        return _chk("state_titling", label, "legal", "warn",
                    f"{what}: restricted ({oc.conditions})", src=src, conf=conf)  # fmt: skip
    if oc.status == "unknown":
        return _chk("state_titling", label, "legal", "warn",
                    f"{what}: no verified rule ({oc.conditions}); {_assumption_text(ci)}; confirm with the DMV",
                    src=src, conf="assumption")  # fmt: skip
    words = {"limited_use": "farm, antique or collector plates only (no daily use)",
             "off_road_only": "off-road use only", "banned": "no road registration"}  # fmt: skip
    return _chk("state_titling", label, "legal", "fail",
                f"{what}: {words[oc.status]} ({oc.conditions})", src=src, conf=conf)  # fmt: skip


# -- access --------------------------------------------------------------------------------------
def road_access(ci: CheckInput) -> Check:
    label = "Legal road access for your miles"
    oc = ci.operating
    mix = ci.ctx.scenario.road_mix.as_dict()
    cap = ci.cap_mph
    fail_share = ci.param("road_access_fail_share")
    src = _oc_src(oc)
    conf = confidence_of(_oc_conf(oc), fail_share.confidence)
    share = not_drivable_share(mix, cap)
    name = _state_name(ci.state)
    if cap is not None and cap <= 0:
        reason = f"no public-road use in {name}"
        if oc.assumed_cap:
            reason += f" ({_assumption_text(ci)})"
        return _chk("road_access", label, "access", "fail", reason,
                    src=src, conf=conf, value=1.0, unit="share")  # fmt: skip
    if share > fail_share.central:
        status = "fail"
    elif share > 0:
        status = "warn"
    else:
        status = "pass"
    if share > 0:
        reason = f"{share:.0%} of your miles are on roads posted above {cap:g} mph"
    elif cap is None:
        reason = "no road restrictions"
    else:
        reason = f"all your miles are on roads posted <= {cap:g} mph"
    if oc.assumed_cap:
        # An unverified rule is never unrestricted, and never a pass.
        reason += f"; no verified rule in {name}: {_assumption_text(ci)}"
        status = "warn" if status == "pass" else status
    # A slow vehicle on roads it may use legally still holds up traffic: warn, never fail.
    used = [ROAD_CLASS_POSTED_MPH[rc] for rc, s in mix.items() if s > 0 and legal_on(rc, cap)]
    fastest = max(used, default=0.0)
    top = oc.top_speed_mph
    if top < fastest:
        governed = " (governed)" if oc.governed else ""
        reason += (
            f"; top speed {top:g} mph{governed} is below the {fastest:g} mph limit on roads you use"
        )
        status = "warn" if status == "pass" else status
    return _chk("road_access", label, "access", status, reason, src=src, conf=conf,
                value=share, unit="share")  # fmt: skip


# -- economics -----------------------------------------------------------------------------------
def duty_rate(v: Vehicle, cat: Catalog) -> tuple[Uncertain, Param | None] | None:
    """The vehicle's import duty rate (the cost model's rule) and its param, or None if unknown."""
    param = cat.params.get(landed.duty_param_id(v))
    if param is None:
        return None
    return landed.duty_rate(v, cat), param


def tariff(ci: CheckInput) -> Check:
    v, label = ci.vehicle, "Import duty"
    if ci.pathway["id"] in BASELINE_PATHWAYS or v.import_path == "us_market":
        return _chk("tariff", label, "economics", "pass",
                    "sold new in the US: the list price already carries any duty",
                    src=_row_src(ci.pathway), conf="documented")  # fmt: skip
    if v.origin == "US":
        return _chk("tariff", label, "economics", "pass", "built in the US: no import duty",
                    src=_row_src(ci.pathway), conf="documented")  # fmt: skip
    if not landed.needs_landing(v, ci.cat):
        return _chk("tariff", label, "economics", "pass",
                    "bought from a US dealer: the price carries any duty",
                    src=(v.source, v.as_of), conf="documented")  # fmt: skip
    got = duty_rate(v, ci.cat)
    warn_p, fail_p = ci.param("tariff_warn_rate"), ci.param("tariff_fail_rate")
    if got is None:
        return _chk("tariff", label, "economics", "warn",
                    f"no duty rate in the catalogue for a {v.body} from {v.origin}",
                    src=_param_src(warn_p), conf="assumption")  # fmt: skip
    rate, param = got
    r = rate.central
    status = "fail" if r >= fail_p.central else "warn" if r >= warn_p.central else "pass"
    what = f"{r:.1%} duty on a {v.body} from {v.origin}"
    if ci.cost is not None and "price_usd" in ci.cost.your_values:
        reason = f"{what}: in your delivered price of {_money(ci.price_usd)}"
    else:
        # the cost model's own figures: duty and customs value from core.cost.landed
        duty = ci.landing.get("duty", r * ci.price_usd)
        reason = f"{what}: about {_money(duty)} on {_money(ci.price_usd)}"
    params = (param, warn_p, fail_p) if param is not None else (warn_p, fail_p)
    conf = confidence_of(*(p.confidence for p in params))
    if param is not None and param.user_set:
        conf = "assumption"
    if param is not None and param.id in ci.ctx.scenario.levers.tariff_overrides:
        conf = "assumption"
    return _chk("tariff", label, "economics", status, reason, src=_param_src(*params),
                conf=conf, value=r, unit="fraction")  # fmt: skip


def compliance_cost(ci: CheckInput) -> Check:
    label = "Per-unit FMVSS compliance cost"
    warn_p, fail_p = ci.param("compliance_share_warn"), ci.param("compliance_share_fail")
    if not ci.pathway["needs_certification"]:
        return _chk("compliance_cost", label, "economics", "pass",
                    "not applicable: no new US certification on this path",
                    src=_row_src(ci.pathway), conf=confidence_of(ci.pathway["confidence"]))  # fmt: skip
    c = ci.curve
    per_unit = c.central
    share = per_unit / ci.price_usd if ci.price_usd > 0 else math.inf
    status = "fail" if share > fail_p.central else "warn" if share > warn_p.central else "pass"
    reason = (
        f"{_money(per_unit)} per car ({_money(c.fixed_usd.central)} over "
        f"{c.volume_per_year.central:,.0f}/yr x {c.years.central:g} yr + "
        f"{_money(c.hardware_usd.central)} hardware) = {share:.0%} of the {_money(ci.price_usd)} price"
    )
    fixed, hw = (
        ci.param("certification_fixed_cost_usd"),
        ci.param("compliance_hardware_per_unit_usd"),
    )
    lv = ci.ctx.scenario.levers
    lever_set = any(
        x is not None
        for x in (lv.us_annual_volume, lv.certification_fixed_cost_usd, lv.program_years)
    )
    conf = confidence_of(fixed.confidence, hw.confidence, "assumption" if lever_set else "estimate")
    return _chk("compliance_cost", label, "economics", status, reason,
                src=_param_src(fixed, hw, warn_p), conf=conf,
                value=share if math.isfinite(share) else None, unit="share of price")  # fmt: skip


def landed_price(ci: CheckInput) -> Check:
    label = "Landed price vs the cheapest new subcompact"
    pass_p, fail_p = ci.param("price_ratio_pass"), ci.param("price_ratio_fail")
    if ci.pathway["id"] in BASELINE_PATHWAYS:
        return _chk("landed_price", label, "economics", "pass",
                    "baseline vehicle: the price check applies to microcars",
                    src=_row_src(ci.pathway), conf="documented")  # fmt: skip
    ref, ref_price = ci.reference, ci.reference_price_usd
    if ref is None or ref_price is None or ref_price <= 0:
        return _chk("landed_price", label, "economics", "warn",
                    "no new subcompact in the catalogue to compare against",
                    src=_param_src(pass_p), conf="assumption")  # fmt: skip
    ratio = ci.landed_usd / ref_price
    status = "pass" if ratio <= pass_p.central else "fail" if ratio > fail_p.central else "warn"
    diff = ci.landed_usd - ref_price
    word = "cheaper" if diff < 0 else "dearer"
    reason = (
        f"landed {_money(ci.landed_usd)} vs {_money(ref_price)} for the {ref.name}: "
        f"{abs(diff) / ref_price:.0%} {word}"
    )
    return _chk("landed_price", label, "economics", status, reason,
                src=(f"{ref.source} ; {pass_p.source}", max(ref.as_of, pass_p.as_of)),
                conf=confidence_of("estimate", pass_p.confidence), value=ratio, unit="ratio")  # fmt: skip


def incentives(ci: CheckInput) -> Check:
    label = "Purchase incentives"
    v, cat = ci.vehicle, ci.cat
    pids = [pid for pid in incentive_params(v) if pid in cat.params]  # the cost model's rule
    used = [cat.param(pid) for pid in pids]
    # the cost model's own figure (never more than the price) when there is a cost result
    total = ci.cost.incentives_usd if ci.cost is not None else sum(p.central for p in used)
    conf = confidence_of(*(p.confidence for p in used)) if used else "documented"
    lv = ci.ctx.scenario.levers
    if (MICROCAR_INCENTIVE in pids and lv.purchase_incentive_usd) or (
        EV_INCENTIVE in pids and lv.ev_incentive_usd
    ):
        conf = "assumption"
    if total > 0:
        return _chk("incentives", label, "economics", "pass",
                    f"{_money(total)} in purchase incentives applies",
                    src=_param_src(*used), conf=conf, value=total, unit="usd")  # fmt: skip
    if v.is_ev:
        prog = (
            cat.tables["incentive_programs"].get("federal_30d")
            if "incentive_programs" in cat.tables
            else None
        )
        if prog is not None and prog["ended"]:
            return _chk("incentives", label, "economics", "warn",
                        f"no incentive: the {prog['label']} ({_money(prog['amount_usd'])}) ended for vehicles acquired after {prog['ended']}",
                        src=_row_src(prog), conf="documented", value=0.0, unit="usd")  # fmt: skip
        return _chk("incentives", label, "economics", "warn", "no EV incentive in the scenario",
                    src=_param_src(*used) if used else ("scenario", "2025-12"), conf=conf,
                    value=0.0, unit="usd")  # fmt: skip
    return _chk("incentives", label, "economics", "pass",
                "no purchase incentive exists or is assumed for this vehicle",
                src=_param_src(*used) if used else ("no federal microcar incentive exists", "2025-12"),
                conf=conf, value=0.0, unit="usd")  # fmt: skip


# -- fit -----------------------------------------------------------------------------------------
def parking_fit(ci: CheckInput) -> Check:
    label = "Parking / garage fit"
    w_p, l_p = ci.param("parking_stall_width_ft"), ci.param("parking_stall_length_ft")
    door_p = ci.param("door_clearance_total_m")
    stall_w, stall_l = w_p.central / FT_PER_M, l_p.central / FT_PER_M
    w, length = ci.vehicle.width_mm / 1000.0, ci.vehicle.length_mm / 1000.0
    side = stall_w - w
    size = f"{length:.2f} x {w:.2f} m in a {l_p.central:g} x {w_p.central:g} ft stall"
    if side < 0:
        status, reason = "fail", f"too wide: {size}"
    elif side < door_p.central or length > stall_l:
        bits = []
        if side < door_p.central:
            bits.append(f"{side:.2f} m total side room (doors need {door_p.central:g} m)")
        if length > stall_l:
            bits.append(f"overhangs by {length - stall_l:.2f} m")
        status, reason = "warn", f"{size}: " + "; ".join(bits)
    else:
        status, reason = "pass", f"{size}: {side:.2f} m side room"
    conf = confidence_of(w_p.confidence, l_p.confidence, door_p.confidence)
    if w_p.user_set or l_p.user_set:
        conf = "assumption"
    return _chk("parking_fit", label, "fit", status, reason,
                src=_param_src(w_p, l_p, door_p), conf=conf, value=side, unit="m")  # fmt: skip


def ev_range(ci: CheckInput) -> Check:
    label = "EV range vs daily need (cold and heat)"
    v = ci.vehicle
    need_p = ci.param("daily_round_trip_mi")
    cold_p, hot_p = ci.param("coldest_temp_f"), ci.param("hottest_temp_f")
    loss_p = ci.param("ev_cold_range_loss")
    pass_p, warn_p = ci.param("ev_range_pass_ratio"), ci.param("ev_range_warn_ratio")
    if not v.is_ev:
        return _chk("ev_range", label, "fit", "pass", "not an EV: refuels in minutes",
                    src=(v.source, v.as_of), conf="documented")  # fmt: skip
    if v.range_km is None:
        return _chk("ev_range", label, "fit", "warn", "EV without a rated range in the catalogue",
                    src=(v.source, v.as_of), conf="assumption")  # fmt: skip
    rated_mi = v.range_km / KM_PER_MILE * v.real_world_factor
    loss = range_loss(ci.cat, cold_p.central, hot_p.central)
    eff = rated_mi * (1.0 - loss)
    need = need_p.central
    ratio = eff / need if need > 0 else math.inf
    status = "pass" if ratio >= pass_p.central else "warn" if ratio >= warn_p.central else "fail"
    reason = (
        f"about {eff:.0f} mi in the worst season ({rated_mi:.0f} mi real-world, -{loss:.0%}) "
        f"for a {need:g} mi daily round trip"
    )
    conf = confidence_of(loss_p.confidence, need_p.confidence, cold_p.confidence, pass_p.confidence)
    return _chk("ev_range", label, "fit", status, reason,
                src=_param_src(loss_p, need_p, pass_p), conf=conf,
                value=ratio if math.isfinite(ratio) else None, unit="ratio")  # fmt: skip


# -- support -------------------------------------------------------------------------------------
def service(ci: CheckInput) -> Check:
    label = "Dealer and service"
    level = ci.pathway["service"]
    dist_p, max_p = ci.param("specialist_distance_mi"), ci.param("specialist_max_distance_mi")
    if level == "franchised":
        return _chk("service", label, "support", "pass", "franchised dealer network",
                    src=_row_src(ci.pathway), conf=confidence_of(ci.pathway["confidence"]))  # fmt: skip
    conf = confidence_of(dist_p.confidence, max_p.confidence)
    if level == "none":
        return _chk("service", label, "support", "fail", "no dealer or specialist network",
                    src=_row_src(ci.pathway), conf=conf)  # fmt: skip
    d = dist_p.central
    if d > max_p.central:
        return _chk("service", label, "support", "fail",
                    f"nearest specialist {d:g} mi away (more than {max_p.central:g})",
                    src=_param_src(dist_p, max_p), conf=conf, value=d, unit="mi")  # fmt: skip
    return _chk("service", label, "support", "warn",
                f"no franchised network; a specialist {d:g} mi away",
                src=_param_src(dist_p, max_p), conf=conf, value=d, unit="mi")  # fmt: skip


def policy_stability(ci: CheckInput) -> Check:
    label = "Policy stability"
    pw, oc = ci.pathway, ci.operating
    notes: list[str] = []
    src = _row_src(pw)
    conf = confidence_of(pw["confidence"])
    name = _state_name(ci.state)
    if oc.kind in RULE_KINDS:
        src, conf = _oc_src(oc), _oc_conf(oc)
        if oc.lever:
            notes.append(f"depends on a change in {name} law (policy lever)")
        elif oc.in_flux:
            notes.append(f"{name} rule changed recently or is changing"
                         + (f": {oc.pending}" if oc.pending else ""))  # fmt: skip
    if pw["in_flux"]:
        notes.append(f"federal route not settled ({pw['label']})")
    if notes:
        return _chk("policy_stability", label, "support", "warn", "; ".join(notes), src=src,
                    conf=conf)  # fmt: skip
    return _chk("policy_stability", label, "support", "pass", "no pending change on record",
                src=src, conf=conf)  # fmt: skip


CHECKS: tuple[Callable[[CheckInput], Check], ...] = (
    federal_entry,
    state_titling,
    road_access,
    tariff,
    compliance_cost,
    landed_price,
    incentives,
    parking_fit,
    ev_range,
    service,
    policy_stability,
)
