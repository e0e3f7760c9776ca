"""The backend's rooms (docs/ARCHITECTURE.md): each imports only itself and the rooms below it, no
module imports itself back through others, and the history's migrations stand apart from the checks.
Every import counts, the ones inside functions too."""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

from tests.paths import PACKAGE

# Bottom to top. A room may import its own modules and any room listed before it.
ROOMS = ("inquiry_lens", "inquiry_lens.config", "inquiry_lens.rules", "inquiry_lens.text", "inquiry_lens.model",
         "inquiry_lens.extraction", "inquiry_lens.checks", "inquiry_lens.verdict", "inquiry_lens.reply",
         "inquiry_lens.analysis", "inquiry_lens.history", "inquiry_lens.service", "inquiry_lens.triage",
         "inquiry_lens.web", "inquiry_lens.cli", "inquiry_lens.__main__")
# The migrations re-read old files; they must not change meaning when the analysis changes.
MIGRATIONS = ("inquiry_lens.history.schema", "inquiry_lens.history.backfill")
ANALYSIS_ROOMS = ("inquiry_lens.extraction", "inquiry_lens.checks", "inquiry_lens.verdict", "inquiry_lens.reply",
                  "inquiry_lens.analysis")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The project modules one file imports, wherever the import statement stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "inquiry_lens"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "inquiry_lens":
            for alias in node.names:  # `from inquiry_lens.checks import phone_check` imports a module
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in known else node.module)
    return found


@lru_cache(maxsize=1)
def import_graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(path, set(found)) - {name} for name, path in found.items()}


def room_of(module: str) -> int:
    """The index in ROOMS of the most specific room holding `module`."""
    return max(i for i, room in enumerate(ROOMS) if module == room or module.startswith(room + "."))


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_walker_sees_imports_inside_functions_and_finds_a_cycle(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from inquiry_lens.history import store\n    import inquiry_lens.rules\n")
    assert imports_of(source, {"inquiry_lens.history.store"}) == {"inquiry_lens.history.store", "inquiry_lens.rules"}
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_every_module_belongs_to_a_room():
    assert all(room_of(module) >= 0 for module in modules())
    assert {module.split(".")[1] for module in modules() if "." in module} <= {room.split(".")[-1] for room in ROOMS}


def test_no_import_cycle_in_the_backend():
    assert find_cycle(import_graph()) is None


@pytest.mark.parametrize("module", sorted(modules()))
def test_a_room_imports_only_itself_and_the_rooms_below_it(module):
    graph = import_graph()
    upward = sorted(target for target in graph[module] if room_of(target) > room_of(module))
    assert upward == [], f"{module} (room {ROOMS[room_of(module)]}) imports from above: {upward}"


def test_the_history_migrations_import_no_analysis():
    graph = import_graph()
    for migration in MIGRATIONS:
        reached, todo = set(), [migration]
        while todo:  # everything the migration needs, directly or not
            for target in graph.get(todo.pop(), ()):
                if target not in reached:
                    reached.add(target)
                    todo.append(target)
        assert not [m for m in reached if m.startswith(ANALYSIS_ROOMS)], migration


def test_the_cli_and_the_web_layer_share_through_lower_rooms():
    graph = import_graph()
    web_users = {m for m in graph
                 if m.startswith("inquiry_lens.cli.") and any(t.startswith("inquiry_lens.web") for t in graph[m])}
    # Only the commands that run or inspect the server itself reach into the web layer.
    assert web_users <= {"inquiry_lens.cli.serve", "inquiry_lens.cli.doctor"}
    assert not any(t.startswith("inquiry_lens.cli") for m in graph if m.startswith("inquiry_lens.web") for t in graph[m])
