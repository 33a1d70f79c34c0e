"""Safety exposure: per-mile rates (rates, physics) and per-owner outcomes (outcome)."""

from core.safety.outcome import SafetyResult, evaluate_safety

__all__ = ["SafetyResult", "evaluate_safety"]
