"""The lookup corpus (tests/lookup_corpus.toml) and the generated rules, shared by the node test,
the browser test and the benchmark."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "lookup_corpus.toml"
LOOKUP_JS = ROOT / "docs" / "assets" / "javascripts" / "lookup.js"


def cases() -> list[dict]:
    return tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]


def rules_data(data_dir: Path = ROOT / "data") -> dict:
    from macros import lookup
    from macros.catalog import load_catalog

    catalog = load_catalog(data_dir)
    return lookup.rules_data(catalog, lookup.load_rules(data_dir, catalog))


def constants_data(data_dir: Path = ROOT / "data") -> dict:
    from macros import lookup
    from macros.catalog import load_catalog

    return lookup.constants_data(load_catalog(data_dir))


def stack_trace(size: int = 10_000) -> str:
    """A made-up Node stack trace of about `size` characters with one discord.js error at its end."""
    frame = "    at processTicksAndRejections (node:internal/process/task_queues:95:5)\n"
    frames = frame * (size // len(frame))
    return "Unhandled rejection in worker 7:\n" + frames + "DiscordAPIError[50013]: Missing Permissions\n"
