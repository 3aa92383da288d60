"""Python: integer class attributes (`HEARTBEAT_ACK = 11`, `INVALID_SEQ = 4_007` in an IntEnum)
and annotated constants (`X: Final = 4000`, `X: Final[Literal[4000]]` with or without a value),
read with `ast`. An empty group name means the module's own top-level constants."""
from __future__ import annotations

import ast

from .source import Member, ShapeError


def members(source: str, group: str) -> list[Member]:
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ShapeError(f"not Python this interpreter can read (line {error.lineno})") from None
    body = tree.body if not group else _class_body(tree, group)
    found = []
    for statement in body:
        target, value = _target_and_value(statement)
        if target is not None and value is not None:
            found.append(Member(target.id, value, target.lineno))
    return found


def _class_body(tree: ast.Module, group: str) -> list[ast.stmt]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == group:
            return node.body
    raise ShapeError(f"class {group} not found")


def _target_and_value(statement: ast.stmt) -> tuple[ast.Name | None, int | None]:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0], _integer(statement.value)
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        value = _integer(statement.value) if statement.value is not None else None
        return statement.target, value if value is not None else _literal_in(statement.annotation)
    return None, None


def _integer(node: ast.expr | None) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def _literal_in(annotation: ast.expr) -> int | None:
    """The integer of `Literal[4000]`, also inside `Final[...]` and with a module prefix."""
    for node in ast.walk(annotation):
        if isinstance(node, ast.Subscript) and _name(node.value) == "Literal":
            return _integer(node.slice)
    return None


def _name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
