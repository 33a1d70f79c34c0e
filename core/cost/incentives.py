"""Who gets a purchase incentive: one rule for the cost model and the feasibility checks.

A new microcar gets the microcar incentive (the policy lever); a new EV the EV incentive (the
federal clean-vehicle credit and the lever). A used vehicle gets neither. The amounts are the
param values (cost_params.csv, moved by the levers in core.policy.effective).
"""

from __future__ import annotations

from core.data.params import EV_INCENTIVE, MICROCAR_INCENTIVE
from core.data.vehicles import Vehicle


def incentive_params(vehicle: Vehicle) -> tuple[str, ...]:
    """The ids of the purchase-incentive params that apply to the vehicle, in a fixed order."""
    if vehicle.age_years != 0:
        return ()
    applies = ((MICROCAR_INCENTIVE, vehicle.is_microcar), (EV_INCENTIVE, vehicle.is_ev))
    return tuple(pid for pid, yes in applies if yes)
