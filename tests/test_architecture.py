"""Only macros/mkdocs_adapter.py knows MkDocs, and it stays thin: a port to another generator
replaces that file, and every line it holds is a line the port rewrites."""
from __future__ import annotations

import ast

from conftest import ROOT

GENERATOR_PACKAGES = ("mkdocs", "mkdocs_macros", "material")
ADAPTER = "mkdocs_adapter.py"
# What the adapter may hold: wiring MkDocs' events to plain functions (see macros/README.md). Work
# that grows it belongs in a plain module it calls.
ADAPTER_LINE_BUDGET = 250


def imported_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            modules.add(str(node.args[0].value))
    return modules


def generator_imports(source: str) -> set[str]:
    return {m for m in imported_modules(source) if m.split(".")[0] in GENERATOR_PACKAGES}


def test_the_rule_sees_every_way_of_importing():
    source = ("import mkdocs\nfrom mkdocs.plugins import x\ndef f():\n    import mkdocs_macros.plugin\n"
              "import importlib\nimportlib.import_module('material.plugins')\nimport json\nfrom . import text\n")
    assert generator_imports(source) == {"mkdocs", "mkdocs.plugins", "mkdocs_macros.plugin", "material.plugins"}


def package_modules() -> list:
    """Every Python file of the macros package, sub-packages (macros/libraries/) included."""
    return sorted((ROOT / "macros").rglob("*.py"))


def test_only_the_adapter_imports_mkdocs_or_mkdocs_macros():
    modules = package_modules()
    assert any(path.parent.name == "libraries" for path in modules), "the rule no longer looks into sub-packages"
    offenders = {}
    for path in modules:
        found = generator_imports(path.read_text(encoding="utf-8"))
        name = path.relative_to(ROOT / "macros").as_posix()
        if name == ADAPTER:
            assert found, "the adapter no longer imports MkDocs: is the rule still looking?"
        elif found:
            offenders[name] = sorted(found)
    assert offenders == {}


def test_the_adapter_stays_within_its_line_budget():
    lines = len((ROOT / "macros" / ADAPTER).read_text(encoding="utf-8").splitlines())
    assert lines <= ADAPTER_LINE_BUDGET, (f"macros/{ADAPTER} has {lines} lines (budget {ADAPTER_LINE_BUDGET}): "
                                          "move what is not MkDocs wiring into a plain module")


def test_every_page_macro_is_registered_from_the_plain_registry():
    """The adapter registers page_macros.MACROS in a loop: a new macro needs no adapter change, and
    no macro is defined in the adapter itself."""
    from macros import page_macros

    adapter = (ROOT / "macros" / ADAPTER).read_text(encoding="utf-8")
    assert "@env.macro" not in adapter
    assert {"code_table", "changes_list", "library_coverage", "lookup_box", "docs_link"} <= page_macros.MACROS.keys()
    for name in page_macros.MACROS:
        assert f'"{name}"' not in adapter and f"'{name}'" not in adapter, name
