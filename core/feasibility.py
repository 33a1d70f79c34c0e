"""Feasibility checks. PLACEHOLDER: the full model lands with issue #5 (same interface)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core.context import Context
from core.cost import CostResult
from core.safety import SafetyResult

STATUSES = ("pass", "warn", "fail")


@dataclass(frozen=True)
class Check:
    id: str
    label: str
    status: str  # pass / warn / fail
    reason: str
    source: str
    as_of: str
    confidence: str  # documented / estimate / assumption


@dataclass(frozen=True)
class FeasibilityResult:
    verdict: str  # pass / warn / fail (worst check)
    binding_constraint: str | None  # id of the first failing check
    checks: tuple[Check, ...]


def evaluate_feasibility(
    ctx: Context, cost: Mapping[str, CostResult], safety: Mapping[str, SafetyResult]
) -> dict[str, FeasibilityResult]:
    return {v.id: FeasibilityResult("pass", None, ()) for v in ctx.vehicles}
