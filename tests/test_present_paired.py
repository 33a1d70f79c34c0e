"""The verdict sentence says the core's paired figures: the cost gap's headline
(Comparison.cost_gap_usd) and the relative occupant risk against the comparator
(SafetyResult.relative_occupant_risk, the figure the Safety tab prints)."""

from __future__ import annotations

import dataclasses

from core.engine import evaluate
from core.result import Result
from core.scenario.model import default_scenario
from core.uncertain import Dist
from desktop import present


def _with(res: Result, gap: float, risk: float) -> Result:
    """The default result with the paired gap and ratio set to known figures, unlike the
    medians' difference and ratio (which stay as the model made them)."""
    carry = res.vehicles[0]
    safety = dataclasses.replace(carry.safety, relative_occupant_risk=Dist(risk, risk, risk, risk))
    vehicles = (dataclasses.replace(carry, safety=safety), *res.vehicles[1:])
    cmp = dataclasses.replace(res.comparisons[0], cost_gap_usd=Dist(gap, gap, gap, gap))
    return dataclasses.replace(res, vehicles=vehicles, comparisons=(cmp, *res.comparisons[1:]))


def test_the_sentence_says_the_paired_gap_and_ratio() -> None:
    res = evaluate(default_scenario().with_(draws=400))
    assert res.vehicles[0].safety.comparator == res.vehicles[1].vehicle.id
    s = present.verdict_sentence(_with(res, 2_349.0, 3.0))
    # $2,349 said to the nearest $100; a ratio of 3 is "3x"
    assert "saves about $2,300 over 5 years" in s
    assert "your risk of dying in a crash is about 3x higher" in s


def test_a_paired_gap_below_zero_reads_as_costing_more() -> None:
    res = evaluate(default_scenario().with_(draws=400))
    s = present.verdict_sentence(_with(res, -11_480.0, 0.5))
    assert "costs about $11,500 more over 5 years than the Versa S" in s
    assert ", but your risk of dying in a crash is about 2x lower" in s
