"""Policy: apply the levers to a Scenario and Catalog (-> Context), legal import pathways and
the compliance cost curve. Every model reads the effective inputs from the Context."""

from core.policy.context import Context
from core.policy.effective import apply

__all__ = ["Context", "apply"]
