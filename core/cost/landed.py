"""The landed price of a vehicle: one function (`landed_cost`) for every model and view.

The cost model, the feasibility checks, the policy solvers, the kiosk and the map all read a
vehicle's price through `landed_cost` (per draw) or `landed_cost_central` / `landed_price_central`
(central inputs). It adds up, in USD:

    vehicle    V = the price abroad net of consumption tax / VAT, at the exchange rate
                   (list / (1 + tax) / fx); for a 25-year import, the Japanese auction price / fx
    duty         = duty rate(origin, car|truck) x V   (the US customs value is the price paid, FOB)
    MPF          = clip(mpf_rate x V, mpf_min, mpf_max);  HMF = hmf_rate x V
    landed price = V + exporter fees + ocean freight + duty + MPF + HMF + broker + port fees
                   + compliance work (registered importer) + LSV conformity (quadricycles)
                   + the US importer's / dealer's margin (25-year imports sold by US dealers)

A vehicle priced in USD and sold new in the US is already landed: its items are zero (the list
price carries any duty), except the per-unit compliance cost a registered-importer vehicle
always carries. A 25-year import with a row in `vintage_imports.csv` is broken down like any
import, so the tariff lever moves its price; without a row its US dealer price is used as is.

Duty params (cost_params.csv; the tariff lever overrides them by id):
duty_rate_car_jp, duty_rate_truck_jp, duty_rate_car_eu, duty_rate_truck_eu, duty_rate_car_other,
duty_rate_truck_other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from core.data.catalog import Catalog
from core.data.cost_tables import VINTAGE_IMPORTS
from core.data.tables import Row, uncertain
from core.data.vehicles import BODY, Vehicle
from core.errors import ValidationError
from core.uncertain import CentralSampler, FloatArray, Sampler, Uncertain

# Customs regions of the duty params (ISO country codes are identifiers, not figures).
# fmt: off
EU_CODES = frozenset((
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
))
# fmt: on
# The consumption tax / VAT included in a foreign list price, by price currency.
TAX_PARAM_BY_CURRENCY = {"JPY": "jp_consumption_tax_rate", "EUR": "fr_vat_rate"}
FOREIGN_CURRENCIES = tuple(TAX_PARAM_BY_CURRENCY)

LANDED_ITEMS = (
    "export_fees",
    "freight",
    "duty",
    "mpf",
    "hmf",
    "broker",
    "port",
    "compliance",
    "lsv_conformity",
    "dealer_margin",
)
LANDED_LABELS = {
    "export_fees": "Exporter fees abroad",
    "freight": "Ocean freight",
    "duty": "Import duty",
    "mpf": "Merchandise processing fee",
    "hmf": "Harbor maintenance fee",
    "broker": "Customs broker",
    "port": "Port fees",
    "compliance": "FMVSS/EPA conformity (registered importer)",
    "lsv_conformity": "Low-speed-vehicle conversion",
    "dealer_margin": "US importer / dealer margin",
}
COMPLIANCE_PARAM = "compliance_cost_per_unit_usd"


def customs_region(origin: str) -> str:
    return "jp" if origin == "JP" else "eu" if origin in EU_CODES else "other"


def duty_param_id(vehicle: Vehicle, body: str | None = None) -> str:
    """The duty param for the vehicle's origin and customs class (body overrides the row's)."""
    body = vehicle.body if body is None else body
    if body not in BODY:
        raise ValidationError("customs_class", body, "one of " + ", ".join(BODY))
    return f"duty_rate_{body}_{customs_region(vehicle.origin)}"


def duty_rate(vehicle: Vehicle, catalog: Catalog, body: str | None = None) -> Uncertain:
    """Import duty rate (fraction of the customs value) for a vehicle, as an Uncertain."""
    return catalog.u(duty_param_id(vehicle, body))


def vintage_row(vehicle: Vehicle, catalog: Catalog) -> Row | None:
    """The breakdown row of a 25-year import sold by US dealers, if the catalogue has one."""
    if vehicle.import_path != "used_25yr":
        return None
    table = catalog.tables.get(VINTAGE_IMPORTS.name)
    return None if table is None else table.by_key.get(vehicle.id)


def needs_landing(vehicle: Vehicle, catalog: Catalog) -> bool:
    """Bought abroad (or broken down as if: a 25-year import with a vintage_imports row): the
    buyer pays freight, duty and fees on top of the export price. Otherwise bought from a US
    dealer, whose price carries any duty."""
    return _is_landed(vehicle, vintage_row(vehicle, catalog))


def _is_landed(vehicle: Vehicle, vintage: Row | None) -> bool:
    return vehicle.price_currency != "USD" or vintage is not None


def price_key(vehicle: Vehicle) -> str:
    return f"price:{vehicle.id}"


def export_price_key(vehicle: Vehicle) -> str:
    return f"export_price:{vehicle.id}"


def dealer_margin_key(vehicle: Vehicle) -> str:
    return f"dealer_margin:{vehicle.id}"


def list_price(vehicle: Vehicle, sampler: Sampler) -> FloatArray:
    """The list price in its own currency (vehicle-specific uncertainty: price_low..price_high)."""
    return sampler.draw(
        price_key(vehicle), Uncertain(vehicle.price_low, vehicle.price, vehicle.price_high)
    )


def _fx(catalog: Catalog, sampler: Sampler, currency: str) -> FloatArray:
    fx_id = f"fx_{currency.lower()}_per_usd"
    return sampler.draw(fx_id, catalog.u(fx_id))


def vehicle_price_usd(vehicle: Vehicle, catalog: Catalog, sampler: Sampler) -> FloatArray:
    """Price of the vehicle itself in USD: the US price, or the export (customs) value."""
    return _vehicle_price_usd(vehicle, catalog, sampler, vintage_row(vehicle, catalog))


def _vehicle_price_usd(
    vehicle: Vehicle, catalog: Catalog, sampler: Sampler, row: Row | None
) -> FloatArray:
    if row is not None:
        jpy = sampler.draw(export_price_key(vehicle), uncertain(row, "export_price_jpy"))
        return jpy / _fx(catalog, sampler, "JPY")
    price = list_price(vehicle, sampler)
    if vehicle.price_currency == "USD":
        return price
    if vehicle.price_currency not in TAX_PARAM_BY_CURRENCY:
        raise ValidationError(
            f"vehicles.{vehicle.id}.price_currency", vehicle.price_currency, "USD, JPY or EUR"
        )
    if vehicle.price_includes_tax:
        tax_id = TAX_PARAM_BY_CURRENCY[vehicle.price_currency]
        price = price / (1.0 + sampler.draw(tax_id, catalog.u(tax_id)))
    return price / _fx(catalog, sampler, vehicle.price_currency)


@dataclass(frozen=True)
class LandedCost:
    price_usd: FloatArray  # the vehicle's own price in USD (customs value if priced abroad)
    items: Mapping[str, FloatArray]  # LANDED_ITEMS -> USD per draw
    total: FloatArray  # sum of the items

    @property
    def landed_price(self) -> FloatArray:
        return self.price_usd + self.total


def _param(catalog: Catalog, sampler: Sampler, pid: str) -> FloatArray:
    return sampler.draw(pid, catalog.u(pid))


def landed_cost(
    vehicle: Vehicle,
    catalog: Catalog,
    sampler: Sampler,
    body: str | None = None,
    price_paid_usd: float | None = None,
) -> LandedCost:
    """Vehicle price in USD and each landing item, one array per item (draws of `sampler`).

    `price_paid_usd` is the buyer's own price (paid or quoted, delivered in the US): it
    replaces the price and every landing item."""
    zero = np.zeros(sampler.n)
    items = dict.fromkeys(LANDED_ITEMS, zero)
    if price_paid_usd is not None:
        return LandedCost(np.full(sampler.n, float(price_paid_usd)), MappingProxyType(items), zero)
    row = vintage_row(vehicle, catalog)
    price = _vehicle_price_usd(vehicle, catalog, sampler, row)
    if _is_landed(vehicle, row):
        rate = sampler.draw(duty_param_id(vehicle, body), duty_rate(vehicle, catalog, body))
        mpf = np.clip(
            _param(catalog, sampler, "mpf_rate") * price,
            _param(catalog, sampler, "mpf_min_usd"),
            _param(catalog, sampler, "mpf_max_usd"),
        )
        items.update(
            export_fees=_param(catalog, sampler, "export_fees_usd"),
            freight=_param(catalog, sampler, "ocean_freight_usd"),
            duty=rate * price,
            mpf=mpf,
            hmf=_param(catalog, sampler, "hmf_rate") * price,
            broker=_param(catalog, sampler, "customs_broker_usd"),
            port=_param(catalog, sampler, "port_fees_usd"),
        )
        if row is not None:
            items["dealer_margin"] = sampler.draw(
                dealer_margin_key(vehicle), uncertain(row, "dealer_margin_usd")
            )
        if vehicle.import_path == "lsv":
            items["lsv_conformity"] = _param(catalog, sampler, "lsv_conformity_cost_usd")
    if vehicle.import_path == "registered_importer":
        items["compliance"] = _param(catalog, sampler, COMPLIANCE_PARAM)
    total = zero
    for k in LANDED_ITEMS:
        if items[k] is not zero:  # an item this vehicle pays (the others are the zero array)
            total = total + items[k]
    return LandedCost(price, MappingProxyType(items), total)


def landed_cost_central(
    vehicle: Vehicle, catalog: Catalog, body: str | None = None
) -> dict[str, float]:
    """Central values: {"price_usd", each LANDED_ITEMS key, "total", "landed_price_usd"}."""
    lc = landed_cost(vehicle, catalog, CentralSampler(), body)
    out = {"price_usd": float(lc.price_usd[0])}
    out.update({k: float(lc.items[k][0]) for k in LANDED_ITEMS})
    out["total"] = float(lc.total[0])
    out["landed_price_usd"] = float(lc.landed_price[0])
    return out


def landed_price_central(vehicle: Vehicle, catalog: Catalog) -> float:
    """The landed price with every input central (what the US buyer pays before incentives)."""
    return landed_cost_central(vehicle, catalog)["landed_price_usd"]
