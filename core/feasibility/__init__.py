"""Feasibility: the scorecard of checks (pass / warn / fail) and its verdict."""

from core.feasibility.scorecard import FeasibilityResult, evaluate_feasibility

__all__ = ["FeasibilityResult", "evaluate_feasibility"]
