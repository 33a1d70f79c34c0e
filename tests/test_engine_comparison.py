"""Comparison figures from core: the paired cost gap and an honest every_mile_served."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from core.data.catalog import Catalog
from core.engine import evaluate, serves_every_mile
from core.export import result_to_dict
from core.scenario.model import default_scenario


def test_cost_gap_is_the_median_of_the_paired_differences(catalog: Catalog) -> None:
    res = evaluate(default_scenario().with_(draws=2000), catalog)
    for cmp in res.comparisons:
        a, b = res.vehicle(cmp.a).cost, res.vehicle(cmp.b).cost
        diffs = b.total_draws - a.total_draws
        assert cmp.cost_gap_usd is not None
        assert cmp.cost_gap_usd.headline == pytest.approx(float(np.median(diffs)))
        assert cmp.cost_gap_usd.p10 == pytest.approx(float(np.percentile(diffs, 10)))
        assert cmp.cost_gap_usd.p90 == pytest.approx(float(np.percentile(diffs, 90)))
        assert cmp.cost_gap_usd.central == pytest.approx(b.total_usd.central - a.total_usd.central)
        # the gap is positive in exactly the share of draws where a is cheaper
        assert float(np.mean(diffs > 0)) == pytest.approx(cmp.p_a_cheaper)


def test_the_json_carries_the_cost_gap(catalog: Catalog) -> None:
    res = evaluate(default_scenario().with_(draws=500), catalog)
    d = result_to_dict(res)
    for cj, cmp in zip(d["comparisons"], res.comparisons, strict=True):
        assert cmp.cost_gap_usd is not None
        assert cj["cost_gap_usd"] == cmp.cost_gap_usd.as_dict()
        assert cj["every_mile_served"] is True


def test_every_mile_served_reads_the_cost_results(catalog: Catalog) -> None:
    sc = default_scenario().with_(state="FL", vehicles=("lsv_gem_e4", "mirage_2024"), draws=200)
    gem = evaluate(sc, catalog).vehicles[0].cost
    assert gem.fallback_miles_per_year > 0  # an LSV leaves the faster roads to the fallback
    assert serves_every_mile(gem)
    # a total that left out the fallback's miles would not serve every mile
    assert not serves_every_mile(dataclasses.replace(gem, fallback_miles_per_year=0.0))
