"""A validated catalog kept between builds.

Reading and validating the TOML files is about a twentieth of a build, and most builds see data
that an earlier build already validated (every `mkdocs serve` rebuild after a page edit, every
build after the first). Only a catalog that passed validation is stored, under a key made from
every data file and every module of this package, so any change to either means a fresh load and
a full validation. Invalid data is therefore never served from the cache: it is not in it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from .model import Catalog

PACKAGE_DIR = Path(__file__).resolve().parent
CACHE_PREFIX = "catalog-"
PARSED_DIR = "parsed"  # parsed TOML files by content (see load.parse)


def fingerprint(data_dir: Path, package_dir: Path = PACKAGE_DIR) -> str:
    digest = hashlib.sha256()
    for part in (sys.version, str(Path(data_dir).resolve())):
        digest.update(part.encode() + b"\0")
    data_files = [p for p in sorted(Path(data_dir).rglob("*")) if p.is_file()]  # data/libraries/ too
    files = [(p.relative_to(data_dir), p) for p in data_files]
    files += [(p.relative_to(package_dir), p) for p in sorted(package_dir.rglob("*.py"))]
    for name, path in files:
        digest.update(name.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def load_catalog(data_dir: Path, cache_dir: Path) -> Catalog:
    """The catalog of data_dir, from cache_dir when an identical build stored it there."""
    path = Path(cache_dir) / f"{CACHE_PREFIX}{fingerprint(data_dir)}.pickle"
    try:
        cached = pickle.loads(path.read_bytes())
        if isinstance(cached, Catalog):
            return cached
    except Exception:  # missing, unreadable or from an incompatible version: load afresh
        pass
    from . import catalog as catalog_module  # the TOML reader and validators load only on a miss
    from . import load

    try:
        with load.parsed_files_kept_in(Path(cache_dir) / PARSED_DIR):  # unchanged files need no parsing
            catalog = catalog_module.load_catalog(data_dir)  # raises DataError: nothing is stored
    finally:
        prune_parsed(Path(cache_dir) / PARSED_DIR)
    store(catalog, path)
    return catalog


def load_lookup_rules(data_dir: Path, cache_dir: Path, catalog: Catalog):
    """The paste-your-error lookup's rules from data/lookup/, checked against the catalog; their
    TOML files parsed through the same kept parsed files as the code tables."""
    from . import load, lookup

    with load.parsed_files_kept_in(Path(cache_dir) / PARSED_DIR):
        return lookup.load_rules(data_dir, catalog)


def template_cache(folder: Path, generator_version: str):
    """Where Jinja keeps the theme's compiled templates between builds (None when the folder cannot
    be made: a read-only checkout builds fine, only without it). Compiling them is about a sixth of
    a build, and the site generator compiles them again for every build and rebuild. Jinja keys each
    by template file and source checksum; the folder is per Jinja and generator version, since how
    the generator sets up Jinja shapes the compiled code too, and other versions' folders go."""
    import shutil

    import jinja2

    versioned = Path(folder) / f"jinja-{jinja2.__version__}-{generator_version}"
    try:
        versioned.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for other in versioned.parent.iterdir():
        if other != versioned:
            shutil.rmtree(other, ignore_errors=True)
    return jinja2.FileSystemBytecodeCache(str(versioned))


def prune_parsed(folder: Path, keep: int = 200) -> None:
    """Parsed files no build has used for a while go; the folder never grows without bound."""
    try:
        files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in files[keep:]:
        old.unlink(missing_ok=True)


def store(catalog: Catalog, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{CACHE_PREFIX}*.pickle"):
            old.unlink(missing_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)  # readers never see half a file
    except OSError:
        pass  # a read-only checkout builds fine, only without the shortcut
