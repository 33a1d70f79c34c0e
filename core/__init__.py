"""Kei What-If core: the pure model (no Qt). ``evaluate(scenario, catalog) -> Result``."""

from core.catalog import Catalog, load_catalog
from core.errors import DataError, KeiWhatIfError, ValidationError
from core.evaluate import evaluate
from core.result import Result
from core.scenario import Scenario, default_scenario
from core.version import __version__

__all__ = [
    "Catalog",
    "DataError",
    "KeiWhatIfError",
    "Result",
    "Scenario",
    "ValidationError",
    "__version__",
    "default_scenario",
    "evaluate",
    "load_catalog",
]
