"""Only macros/mkdocs_adapter.py knows MkDocs: a port to another generator replaces that file."""
from __future__ import annotations

import ast

from conftest import ROOT

GENERATOR_PACKAGES = ("mkdocs", "mkdocs_macros", "material")
ADAPTER = "mkdocs_adapter.py"


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


def test_only_the_adapter_imports_mkdocs_or_mkdocs_macros():
    offenders = {}
    for path in sorted((ROOT / "macros").glob("*.py")):
        found = generator_imports(path.read_text(encoding="utf-8"))
        if path.name == ADAPTER:
            assert found, "the adapter no longer imports MkDocs: is the rule still looking?"
        elif found:
            offenders[path.name] = sorted(found)
    assert offenders == {}
