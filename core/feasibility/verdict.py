"""Feasibility result types: a Check (pass / warn / fail with a reason) and the verdict."""

from __future__ import annotations

from dataclasses import dataclass

from core.uncertain import Dist

STATUSES = ("pass", "warn", "fail")
# Checks run and are listed in this order; the binding constraint is the first failing one.
GROUPS = ("legal", "access", "economics", "fit", "support")
CONFIDENCES = ("documented", "estimate", "assumption")  # best to worst

# A param's confidence (core.data.params.CONFIDENCE) as a check reports it.
_FROM_PARAM = {
    "documented": "documented",
    "estimate": "estimate",
    "judgement": "estimate",
    "assumption": "assumption",
}


def confidence_of(*levels: str) -> str:
    """The weakest of several confidences (param or check words), so a check is never oversold."""
    mapped = [_FROM_PARAM.get(x, "assumption") for x in levels] or ["documented"]
    return max(mapped, key=CONFIDENCES.index)


@dataclass(frozen=True)
class Check:
    id: str
    label: str
    status: str  # pass / warn / fail
    reason: str  # one line, plain language
    source: str
    as_of: str
    confidence: str  # documented / estimate / assumption
    group: str = "legal"  # legal / access / economics / fit / support
    value: float | None = None  # the figure the rule tested (share, ratio, USD...)
    unit: str = ""


@dataclass(frozen=True)
class FeasibilityResult:
    verdict: str  # pass / warn / fail (worst check)
    binding_constraint: str | None  # id of the first failing check
    checks: tuple[Check, ...]
    headline: str = ""  # one plain-language sentence
    pathway: str = ""  # pathways.csv id
    pathway_label: str = ""
    road_cap_mph: float | None = None  # as core.policy.effective set it (0 = no public road)
    legal_miles_share: float = 1.0  # share of the owner's miles on roads the vehicle may use
    landed_price_usd: float | None = None
    reference_vehicle: str | None = None  # cheapest new subcompact compared against
    compliance_cost_per_unit_usd: Dist | None = None  # only for pathways that certify

    @property
    def binding_check(self) -> Check | None:
        """The binding constraint as a Check (the first failing one), or None."""
        if self.binding_constraint is None:
            return None
        return self.check(self.binding_constraint)

    def check(self, cid: str) -> Check:
        for c in self.checks:
            if c.id == cid:
                return c
        raise KeyError(cid)


def verdict_of(checks: tuple[Check, ...]) -> tuple[str, str | None]:
    """fail if any check fails, else warn if any warns, else pass; and the first fail's id."""
    first_fail = next((c.id for c in checks if c.status == "fail"), None)
    if first_fail is not None:
        return "fail", first_fail
    if any(c.status == "warn" for c in checks):
        return "warn", None
    return "pass", None
