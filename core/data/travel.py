"""Fallback travel modes: the structural ids a scenario may name (no figures; those live in
resources/data/fallback_modes.csv, schema in core.data.mobility_tables). Import-light on
purpose: the Scenario validates with these before any table is loaded."""

from __future__ import annotations

FALLBACK_MODES: tuple[str, ...] = ("ride_hail", "rental_car", "transit", "second_car")
SECOND_CAR = "second_car"
