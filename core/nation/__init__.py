"""The policymaker's nation view (issue 19): the sweep over states and packages, the uptake
choice model, system outcomes, and the manufacturer's business case. Equations:
docs/nation-model.md."""

from core.nation.sweep import Sweep, run_sweep

__all__ = ["Sweep", "run_sweep"]
