"""Cost of ownership: landed price, finance, and the per-year cost model."""

from core.cost.ownership import CostResult, break_even_year, evaluate_cost

__all__ = ["CostResult", "break_even_year", "evaluate_cost"]
