"""Readers for the reference extracts: the codes Discord documents today and those of the 2018 seed page."""
from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent / "reference"


def code_value(raw: str):
    return int(raw) if raw.isdigit() else raw


def csv_rows() -> list[dict]:
    with open(HERE / "discord-codes-2026-08.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["code"] = code_value(row["code"])
    return rows


def seed_rows() -> list[dict]:
    """{table, code, name, kept_wording} for every row of the 2018 seed page's eight tables;
    kept_wording is the seed's description where our data keeps it as history, else ""."""
    with open(HERE / "seed-2018.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["code"] = code_value(row["code"])
    return rows
