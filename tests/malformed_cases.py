"""The malformed-data corpus: tests/malformed/<case>/ holds replacement files for the tiny data set
(a file named REMOVE lists files to delete) and expected.txt, the exact lines the check must print."""
from __future__ import annotations

import shutil
from pathlib import Path

import tiny

CORPUS = Path(__file__).resolve().parent / "malformed"


def cases() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def apply(case: str, data_dir: Path) -> Path:
    """Write the tiny data set into data_dir with the case's files swapped in."""
    if data_dir.exists():
        shutil.rmtree(data_dir)
    tiny.write(data_dir)
    for source in sorted((CORPUS / case).iterdir()):
        if source.name == "expected.txt":
            continue
        if source.name == "REMOVE":
            for name in source.read_text().split():
                (data_dir / name).unlink()
            continue
        if source.is_dir():  # e.g. libraries/, the library data files
            shutil.copytree(source, data_dir / source.name, dirs_exist_ok=True)
            continue
        (data_dir / source.name).write_bytes(source.read_bytes())
    return data_dir


def expected(case: str) -> list[str]:
    return (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
