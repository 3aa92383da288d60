"""Parsers for the reference copies: today's CSV and the 2018 seed page."""
from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent / "reference"
SEED_HEADINGS = {
    "Gateway Opcodes": "gateway-opcodes",
    "Gateway Close Event Codes": "gateway-close-codes",
    "Voice Opcodes": "voice-opcodes",
    "Voice Close Event Codes": "voice-close-codes",
    "HTTP Response Codes": "http-status-codes",
    "JSON Error Codes": "json-error-codes",
    "RPC Error Codes": "rpc-error-codes",
    "RPC Close Event Codes": "rpc-close-codes",
}


def code_value(raw: str):
    return int(raw) if raw.isdigit() else raw


def csv_rows() -> list[dict]:
    with open(HERE / "discord-codes-2026-08.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["code"] = code_value(row["code"])
    return rows


def seed_rows() -> list[dict]:
    """{table, code, name, text} for every row of the seed's eight tables."""
    rows, table = [], None
    for line in (HERE / "opcodes-and-status-codes.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#{2,6}\s+(.*)$", line)
        if heading:
            table = SEED_HEADINGS.get(heading[1].strip())
            continue
        if table and line.startswith("|") and not re.match(r"^\|\s*-", line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if cells[0] in ("Code",):
                continue
            number = re.match(r"^(\d+|5xx)(?:\s*\((.*)\))?$", cells[0])
            if table == "http-status-codes":
                rows.append({"table": table, "code": code_value(number[1]), "name": number[2], "text": cells[1]})
            else:
                rows.append({"table": table, "code": code_value(number[1]), "name": cells[1],
                             "text": cells[-1] if len(cells) > 2 else ""})
    return rows
