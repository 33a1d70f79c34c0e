"""Helpers for the cost tests: scenarios, contexts and catalogues with controlled inputs."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from core.cost.ownership import CostResult, evaluate_cost
from core.data.catalog import Catalog
from core.data.tables import Table
from core.policy import effective as policy
from core.policy.context import Context
from core.scenario.model import Scenario, default_scenario
from core.uncertain import Uncertain


def scenario(vehicles: tuple[str, ...], **kw: Any) -> Scenario:
    base = {"draws": 2_000, "financed": False}
    base.update(kw)
    return default_scenario().with_(vehicles=vehicles, **base)


def run(catalog: Catalog, vehicles: tuple[str, ...], **kw: Any) -> dict[str, CostResult]:
    return evaluate_cost(context(catalog, vehicles, **kw))


def context(catalog: Catalog, vehicles: tuple[str, ...], **kw: Any) -> Context:
    return policy.apply(scenario(vehicles, **kw), catalog)


def with_row(catalog: Catalog, table: str, key: str, **changes: Any) -> Catalog:
    """A catalogue whose `table` row `key` has some columns replaced."""
    t = catalog.table(table)
    rows = tuple(
        MappingProxyType({**r, **changes}) if r[t.schema.key[0]] == key else r for r in t.rows
    )
    by_key = {r[t.schema.key[0]]: r for r in rows}
    tables = dict(catalog.tables)
    tables[table] = Table(t.schema, rows, MappingProxyType(by_key))
    return dataclasses.replace(catalog, tables=MappingProxyType(tables))


def fixed(catalog: Catalog, values: Mapping[str, float]) -> Catalog:
    return catalog.with_params({k: Uncertain.fixed(v) for k, v in values.items()})


def fixed_class(catalog: Catalog, table: str, vclass: str, **values: float) -> Catalog:
    """Set uncertain class inputs (name -> value) to a fixed low = central = high."""
    changes: dict[str, float] = {}
    for name, v in values.items():
        if name == "floor":
            changes["floor"] = v
            continue
        for part in ("low", "central", "high"):
            changes[f"{name}_{part}"] = v
    return with_row(catalog, table, vclass, **changes)


def fixed_price(catalog: Catalog, vid: str, price: float, **changes: Any) -> Catalog:
    """A catalogue whose vehicle `vid` costs exactly `price` (low = central = high), with any
    other vehicle fields replaced too."""
    v = dataclasses.replace(
        catalog.vehicle(vid), price=price, price_low=price, price_high=price, **changes
    )
    return catalog.with_vehicle(v)
