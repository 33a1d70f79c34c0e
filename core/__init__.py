"""Kei What-If core: the pure model (no Qt). ``evaluate(scenario, catalog) -> Result``.

Names are imported on first use, so ``import core.version`` (the GUI's first import) does not
pull in numpy and the models before the window is on screen.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from core.version import __version__

if TYPE_CHECKING:
    from core.data.catalog import Catalog, load_catalog
    from core.engine import evaluate
    from core.errors import DataError, KeiWhatIfError, ValidationError
    from core.result import Result
    from core.scenario.model import Scenario, default_scenario

_LAZY = {
    "Catalog": "core.data.catalog",
    "load_catalog": "core.data.catalog",
    "DataError": "core.errors",
    "KeiWhatIfError": "core.errors",
    "ValidationError": "core.errors",
    "evaluate": "core.engine",
    "Result": "core.result",
    "Scenario": "core.scenario.model",
    "default_scenario": "core.scenario.model",
}

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'core' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
