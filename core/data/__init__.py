"""The data floor: every table in resources/data/, loaded, validated and typed.

Modules: paths (where resources live), tables (CSV schemas and loading), params (uncertain
parameters), vehicles, states (codes, names, tile grid), roads (road classes), catalog (the
validated Catalog of everything), and the model-specific table schemas (cost_tables,
safety_tables, feasibility_tables). Nothing here imports a model. Kept import-light on purpose:
``core.data.states`` is read by the GUI before numpy is needed.
"""
