"""Shared builders for the feasibility / policy / inverse tests (no model code of their own)."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Any

from core.data.catalog import Catalog
from core.data.params import Param
from core.data.roads import ROAD_CLASSES
from core.feasibility.scorecard import FeasibilityResult, evaluate_feasibility
from core.policy import effective as policy
from core.scenario.levers import PolicyLevers
from core.scenario.model import RoadMix, Scenario, default_scenario
from core.uncertain import Uncertain


def with_param(cat: Catalog, pid: str, value: float, confidence: str = "estimate") -> Catalog:
    """Add (or replace) a scalar param, as the cost / safety models' files would define it."""
    params = dict(cat.params)
    params[pid] = Param(pid, pid, "x", Uncertain.fixed(value), None, None, confidence,
                        "test", "2025-12", "test.csv")  # fmt: skip
    return dataclasses.replace(cat, params=MappingProxyType(params))


def with_vehicle(cat: Catalog, base: str, vid: str, **changes: Any) -> Catalog:
    return cat.with_vehicle(dataclasses.replace(cat.vehicle(base), id=vid, **changes))


def mix(**shares: float) -> RoadMix:
    return RoadMix(tuple(shares.get(rc, 0.0) for rc in ROAD_CLASSES))


def scenario(vehicles: tuple[str, ...], state: str = "TX", **kw: Any) -> Scenario:
    return default_scenario().with_(vehicles=vehicles, state=state, **kw)


def feas(
    cat: Catalog, vid: str, state: str = "TX", levers: PolicyLevers | None = None, **kw: Any
) -> FeasibilityResult:
    sc = scenario((vid,), state, levers=levers or PolicyLevers(), **kw)
    ctx = policy.apply(sc, cat)
    return evaluate_feasibility(ctx, {}, {})[vid]


def status(cat: Catalog, vid: str, check: str, **kw: Any) -> str:
    return feas(cat, vid, **kw).check(check).status
