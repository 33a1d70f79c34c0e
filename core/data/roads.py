"""Road classes by posted speed: the five bins a road mix is split into.

The ids are structural (scenario files use them); every figure about a class (its posted and
traffic speeds, base crash rates) lives in resources/data/road_classes.csv.
"""

from __future__ import annotations

ROAD_CLASSES: tuple[str, ...] = (
    "local_25",
    "collector_35",
    "arterial_45",
    "rural_55",
    "freeway_65",
)
ROAD_CLASS_LABELS = {
    "local_25": "Local streets (≤ 25 mph)",
    "collector_35": "Collectors (30–35 mph)",
    "arterial_45": "Arterials (40–45 mph)",
    "rural_55": "Rural highways (50–55 mph)",
    "freeway_65": "Freeways (65+ mph)",
}
# Upper posted speed of each class, used to decide which classes a speed-capped vehicle may use.
# These are the class definitions themselves, not measured figures.
ROAD_CLASS_POSTED_MPH = {
    "local_25": 25.0,
    "collector_35": 35.0,
    "arterial_45": 45.0,
    "rural_55": 55.0,
    "freeway_65": 70.0,
}
# A speed lever may slow a road class a lot; traffic never goes slower than this (keeps speed
# ratios finite). Read by the safety model and by core.policy.mobility (top-speed rule).
MIN_TRAFFIC_SPEED_MPH = 1.0
