"""Small "Opcodes and Status Codes" pages in each shape Discord's page has had, written for the tests.

Their codes match tests/tiny.py, so a page as built here agrees with the tiny data; tests change a
row or a heading to make them differ. The wording is ours, not Discord's.
"""
from __future__ import annotations

# heading -> (columns, rows) in the shape of the 2025/2026 page.
def tables(era: str = "2026") -> dict[str, tuple[list[str], list[list[str]]]]:
    reconnect = era != "2018"  # the Reconnect column arrived in 2021
    binary = era == "2026"     # the Binary column arrived in 2024
    close_columns = ["Code", "Description", "Explanation"] + (["Reconnect"] if reconnect else [])
    return {
        "Gateway Opcodes": (["Code", "Name", "Client Action", "Description"],
                            [["2", "Identify", "Send", "Opens a [session](#DOCS_GATEWAY/identify)."]]),
        "Gateway Close Event Codes": (close_columns, [
            ["4004", "authentication failed" if era == "2018" else "Authentication failed", "Bad token."] + (["false"] if reconnect else []),
            ["4011", "Sharding required", "Too many guilds."] + (["false"] if reconnect else []),
        ]),
        "Voice Opcodes": (["Code", "Name", "Sent By", "Description"] + (["Binary"] if binary else []),
                          [["7", "Resume", "client", "Resume a session."] + ([""] if binary else [])]),
        "Voice Close Event Codes": (["Code", "Description", "Explanation"],
                                    [["4011", "Server not found", "No such server."]]),
        "HTTP Response Codes": (["Code", "Meaning"],
                                [["429 (TOO MANY REQUESTS)", "Slow down."], ["5xx (SERVER ERROR)", "Our fault."]]),
        "JSON Error Codes": (["Code", "Meaning"], [["50035", "Invalid form body"]]),
        "RPC Error Codes": (["Code", "Name", "Description"], [["4000", "Invalid payload", "Unreadable payload."]]),
        "RPC Close Event Codes": (["Code", "Name", "Description"], [["4003", "Token revoked", "Get a new token."]]),
    }


SECTIONS = {"Gateway": ("Gateway Opcodes", "Gateway Close Event Codes"),
            "Voice": ("Voice Opcodes", "Voice Close Event Codes"),
            "HTTP": ("HTTP Response Codes",), "JSON": ("JSON Error Codes",),
            "RPC": ("RPC Error Codes", "RPC Close Event Codes")}


def markdown_table(columns: list[str], rows: list[list[str]], padded: bool) -> str:
    if padded:  # the 2026 page pads every cell to its column's width
        widths = [max(len(str(r[i])) for r in [columns, *rows]) for i in range(len(columns))]
        line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
        return "\n".join([line(columns), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])
    return "\n".join(["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|",
                      *("| " + " | ".join(r) + " |" for r in rows)])


def page(era: str = "2026", content: dict | None = None) -> str:
    """The page as it looked in that era: 2018 (.md, # title, DOCS_ links), 2025 (.md after the
    rename), 2026 (.mdx with front matter, an import, <ManualAnchor/> lines, padded cells)."""
    content = tables(era) if content is None else content
    mdx = era == "2026"
    out = ["---", "title: Opcodes and Status Codes", "---", "", "import {ManualAnchor} from '/snippets/anchor.jsx'", ""] \
        if mdx else ["# Opcodes and Status Codes", ""]
    placed = set()
    for section, headings in SECTIONS.items():
        out += [f"## {section}", "", f"Some words about {section}.", ""]
        for heading in headings:
            if heading not in content:
                continue
            placed.add(heading)
            if mdx:
                out.append(f'<ManualAnchor id="{section.lower()}-{heading.lower().replace(" ", "-")}" />')
            out += [f"###### {heading}", "", markdown_table(*content[heading], padded=mdx), ""]
    for heading, table in content.items():  # tables under headings of their own, at the end
        if heading not in placed:
            out += [f"###### {heading}", "", markdown_table(*table, padded=mdx), ""]
    return "\n".join(out) + "\n"


PATHS = {"2018": "docs/topics/Opcodes_and_Status_Codes.md",
         "2025": "docs/topics/opcodes-and-status-codes.md",
         "2026": "developers/topics/opcodes-and-status-codes.mdx"}
