"""The package's layout shows its architecture: no import circles between modules, and the sync
tools (macros/sync/) are a package the site's build never loads."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "macros"


def module_name(path: Path, top: Path = ROOT) -> str:
    parts = list(path.relative_to(top).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, known: set[str], top: Path = ROOT) -> set[str]:
    """The modules of the package that a module imports, at its top or inside a function (a
    function-level import is still a dependency: it only hides the circle from Python)."""
    name = module_name(path, top)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # "from . import text"
    return {m for m in found if m in known and m != name}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    paths = sorted(root.rglob("*.py"))
    known = {module_name(p, root.parent) for p in paths}
    graph = {module_name(p, root.parent): imports_of(p, known, root.parent) for p in paths}
    for module in list(graph):  # importing a.b.c runs a/__init__ and a/b/__init__ first
        graph[module] -= {m for m in graph[module] if module.startswith(m + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle per strongly connected group of modules (Tarjan), as a sorted list of names."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_circle_finder_sees_a_circle_through_a_function_level_import(tmp_path):
    package = tmp_path / "macros"
    (package / "libraries").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "model.py").write_text("def f():\n    from .libraries import views\n")
    (package / "libraries" / "__init__.py").write_text("")
    (package / "libraries" / "views.py").write_text("from ..model import Catalog\n")
    assert cycles(import_graph(package)) == [["macros.libraries.views", "macros.model"]]


def test_no_module_of_macros_imports_itself_back_through_others():
    assert cycles(import_graph()) == []


def test_only_the_sync_package_imports_the_sync_package():
    graph = import_graph()
    outside = {module: sorted(m for m in deps if m.startswith("macros.sync"))
               for module, deps in graph.items() if not module.startswith("macros.sync")}
    assert {module: deps for module, deps in outside.items() if deps} == {}


def test_the_sync_command_still_runs_as_python_minus_m_macros_sync():
    result = subprocess.run([sys.executable, "-m", "macros.sync", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "python -m macros.sync" in result.stdout
