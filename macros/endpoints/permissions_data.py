"""The flag names data/permissions.toml lists, for the extractor (no validation: see load.py)."""
from __future__ import annotations

import tomllib
from pathlib import Path


def flag_names(data_dir: Path) -> set[str]:
    path = Path(data_dir) / "permissions.toml"
    if not path.is_file():
        return set()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {f["name"] for f in data.get("flag", []) if isinstance(f, dict) and isinstance(f.get("name"), str)}
