"""The Scenario (frozen, validated), its file format with upgrades (io), and the policy levers
and packages it carries (levers)."""

from core.scenario.model import RoadMix, Scenario, default_scenario

__all__ = ["RoadMix", "Scenario", "default_scenario"]
