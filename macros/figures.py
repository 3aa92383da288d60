"""Figures that page prose quotes (how many codes), counted from the data so they
never drift from it. Pure: a Catalog goes in, a number or a short text comes out."""
from __future__ import annotations

from .model import Catalog


def code_count(catalog: Catalog, table_id: str | None = None) -> int:
    """Every code, removed ones included (each still has its row and link); or one table's."""
    codes = catalog.table(table_id).codes if table_id else tuple(catalog.codes())
    return len(codes)


def current_code_count(catalog: Catalog) -> int:
    """The codes Discord documents today: every code but the removed and the undocumented ones."""
    return sum(1 for code in catalog.codes() if code.status == "current")


def removed_code_count(catalog: Catalog) -> int:
    return sum(1 for code in catalog.codes() if code.is_removed)

