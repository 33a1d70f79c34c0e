"""The import contract of core/: floors from the ground up, no upward imports, no cycles.

A module may import from a lower floor, or from its own package. cost and safety are siblings on
one floor and never import each other. Imports inside functions and under TYPE_CHECKING count
too: a late import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "core"

# unit (a package under core/, or a top-level module) -> floor
FLOORS: dict[str, int] = {
    "errors": 0,
    "units": 0,
    "uncertain": 0,
    "version": 0,
    "data": 1,
    "scenario": 2,
    "policy": 3,
    "cost": 4,
    "safety": 4,
    "feasibility": 5,
    "result": 6,
    "engine": 7,
    "export": 8,
    "inverse": 8,
    "nation": 9,
}


def _unit(module: str) -> str:
    """'core.cost.landed' -> 'cost'; 'core.errors' -> 'errors'."""
    return module.split(".")[1]


def _module_name(path: Path) -> str:
    rel = path.relative_to(CORE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    rel = Path(*name.split(".")[1:])
    return (CORE / rel).with_suffix(".py").exists() or (CORE / rel / "__init__.py").exists()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("core.")}
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and (node.module == "core" or node.module.startswith("core."))
        ):
            for a in node.names:
                # 'from core.cost import landed' depends on the submodule, not the package
                sub = f"{node.module}.{a.name}"
                out.add(sub if _is_module(sub) else node.module)
    return out


def _graph() -> dict[str, set[str]]:
    return {
        _module_name(p): _imports(p)
        for p in sorted(CORE.rglob("*.py"))
        if p != CORE / "__init__.py"  # the lazy facade re-exports from every floor
    }


def test_every_unit_has_a_floor() -> None:
    units = {_unit(m) for m in _graph() if m != "core"}
    assert units <= set(FLOORS), f"give these a floor in FLOORS: {sorted(units - set(FLOORS))}"


def test_no_upward_or_sideways_imports() -> None:
    bad = []
    for mod, deps in _graph().items():
        here = _unit(mod)
        for dep in deps:
            there = _unit(dep)
            if there == here:
                continue
            if there not in FLOORS:
                bad.append(f"{mod} imports unknown {dep}")
            elif FLOORS[there] >= FLOORS[here]:
                bad.append(f"{mod} (floor {FLOORS[here]}) imports {dep} (floor {FLOORS[there]})")
    assert not bad, "\n".join(bad)


def test_no_import_cycles() -> None:
    graph = _graph()
    # a package import ('core.cost') means its __init__
    known = set(graph)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for dep in sorted(graph.get(m, ())):
            dep = dep if dep in known else dep.rsplit(".", 1)[0]
            if dep == m or dep not in known:
                continue
            if state.get(dep) == 1:
                cycle = [*stack[stack.index(dep) :], dep]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
