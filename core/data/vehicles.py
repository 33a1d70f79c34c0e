"""The vehicle catalogue: one row per vehicle in resources/data/vehicles.csv."""

from __future__ import annotations

from dataclasses import dataclass

from core.data.tables import Column, Row, TableSchema

VEHICLE_CLASSES = (
    "kei_car",
    "kei_truck",
    "kei_truck_import",  # 25+-year-old Japanese kei truck bought from a US importer
    "kei_car_import",  # 25+-year-old Japanese kei car bought from a US importer
    "quadricycle",  # EU L6e/L7e
    "lsv",  # US FMVSS 500 low-speed vehicle
    "subcompact",
    "compact_used",
    "compact_pickup",
    "fullsize_pickup",
)
MICROCAR_CLASSES = (
    "kei_car",
    "kei_truck",
    "kei_truck_import",
    "kei_car_import",
    "quadricycle",
    "lsv",
)
CLASS_LABELS = {
    "kei_car": "Kei car",
    "kei_truck": "Kei truck",
    "kei_truck_import": "Kei truck (25-yr import)",
    "kei_car_import": "Kei car (25-yr import)",
    "quadricycle": "EU quadricycle",
    "lsv": "Low-speed vehicle",
    "subcompact": "Subcompact",
    "compact_used": "Used compact",
    "compact_pickup": "Compact pickup",
    "fullsize_pickup": "Full-size pickup",
}
POWERTRAINS = ("gasoline", "hybrid", "electric", "diesel")
ENERGY_UNITS = ("mpg_us", "km_per_l", "kwh_per_100km", "kwh_per_100mi")
TEST_CYCLES = ("EPA", "WLTC", "JC08", "WMTC", "NEDC", "estimate")
CRASH_CLASSES = (
    "fmvss_5star",
    "fmvss_4star",
    "fmvss_3star",
    "jncap_kei",
    "kei_truck_old",
    "quadricycle_heavy",
    "quadricycle_light",
    "lsv",
)
FRONT_SHAPES = ("low_sloped", "medium_blunt", "tall", "cab_over")
CURRENCIES = ("USD", "JPY", "EUR")
BODY = ("car", "truck")
IMPORT_PATHS = (
    "us_market",  # sold new (or used) in the US
    "used_25yr",  # 25-year exemption import
    "registered_importer",  # new, non-US vehicle conformed by a registered importer
    "lsv",  # FMVSS 500 low-speed vehicle
    "not_importable",  # no legal road path today
)

VEHICLES = TableSchema(
    name="vehicles",
    key=("id",),
    doc="vehicles in the catalogue",
    columns=(
        Column("id"),
        Column("name"),
        Column("class", "enum", choices=VEHICLE_CLASSES),
        Column("body", "enum", choices=BODY, doc="customs classification: car or truck"),
        Column("model_year", "int", min=1950, max=2030),
        Column("age_years", "float", min=0, max=80, doc="age when bought (0 = new)"),
        Column("origin", doc="ISO country code where built"),
        Column("curb_mass_kg", "float", min=200, max=5000),
        Column("length_mm", "float", min=1500, max=7000),
        Column("width_mm", "float", min=1000, max=2600),
        Column("height_mm", "float", min=1000, max=2600),
        Column("seats", "int", min=1, max=9),
        Column("payload_kg", "float", min=0, max=2000),
        Column("powertrain", "enum", choices=POWERTRAINS),
        Column("energy_rated", "float", min=0.1, max=500, doc="rated energy use in energy_unit"),
        Column("energy_unit", "enum", choices=ENERGY_UNITS),
        Column("test_cycle", "enum", choices=TEST_CYCLES),
        Column(
            "real_world_factor", "float", min=0.3, max=1.2, doc="rated -> real-world efficiency"
        ),
        Column("battery_kwh", "float", required=False, min=0, max=200),
        Column("range_km", "float", required=False, min=0, max=1000),
        Column(
            "price",
            "float",
            min=0,
            max=100_000_000,
            doc="list price in price_currency (JPY prices run to millions)",
        ),
        Column("price_currency", "enum", choices=CURRENCIES),
        Column("price_includes_tax", "bool", doc="list price includes consumption tax/VAT"),
        Column("price_low", "float", min=0, max=100_000_000, doc="price range low, same currency"),
        Column(
            "price_high", "float", min=0, max=100_000_000, doc="price range high, same currency"
        ),
        Column("top_speed_mph", "float", min=10, max=200),
        Column("crash_class", "enum", choices=CRASH_CLASSES),
        Column("crash_rating", required=False, doc="published rating text"),
        Column("hood_height_cm", "float", min=40, max=200),
        Column("front_shape", "enum", choices=FRONT_SHAPES),
        Column("import_path", "enum", choices=IMPORT_PATHS),
    ),
)


@dataclass(frozen=True)
class Vehicle:
    id: str
    name: str
    vclass: str
    body: str
    model_year: int
    age_years: float
    origin: str
    curb_mass_kg: float
    length_mm: float
    width_mm: float
    height_mm: float
    seats: int
    payload_kg: float
    powertrain: str
    energy_rated: float
    energy_unit: str
    test_cycle: str
    real_world_factor: float
    battery_kwh: float | None
    range_km: float | None
    price: float
    price_currency: str
    price_includes_tax: bool
    price_low: float
    price_high: float
    top_speed_mph: float
    crash_class: str
    crash_rating: str | None
    hood_height_cm: float
    front_shape: str
    import_path: str
    source: str
    as_of: str

    @classmethod
    def from_row(cls, row: Row) -> Vehicle:
        kw = {k: row[k] for k in cls.__dataclass_fields__ if k not in ("vclass",)}
        return cls(vclass=row["class"], **kw)

    @property
    def class_label(self) -> str:
        return CLASS_LABELS[self.vclass]

    @property
    def is_microcar(self) -> bool:
        return self.vclass in MICROCAR_CLASSES

    @property
    def is_ev(self) -> bool:
        return self.powertrain == "electric"
