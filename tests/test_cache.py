"""The validated catalog kept between builds (macros/cache.py): used only for identical inputs."""
from __future__ import annotations

import pytest

from helpers import copy_project, replace_in
from macros import cache
from macros import catalog as catalog_module
from macros.export import codes_json
from macros.problems import DataError


def test_a_cached_catalog_is_the_same_as_a_fresh_one(tmp_path, tiny_data):
    first = cache.load_catalog(tiny_data, tmp_path / "cache")
    second = cache.load_catalog(tiny_data, tmp_path / "cache")
    assert codes_json(second, "/") == codes_json(first, "/") == codes_json(catalog_module.load_catalog(tiny_data), "/")


def test_identical_data_is_served_from_the_cache(tmp_path, tiny_data, monkeypatch):
    cache.load_catalog(tiny_data, tmp_path / "cache")
    monkeypatch.setattr(catalog_module, "load_catalog", lambda _d: pytest.fail("loaded afresh"))
    assert any(c.anchor == "close-4011" for c in cache.load_catalog(tiny_data, tmp_path / "cache").codes())


def test_edited_data_is_loaded_afresh(tmp_path, tiny_data):
    cache.load_catalog(tiny_data, tmp_path / "cache")
    replace_in(tiny_data / "gateway-close-codes.toml", 'name = "Sharding required"', 'name = "Sharding needed"')
    catalog = cache.load_catalog(tiny_data, tmp_path / "cache")
    assert catalog.by_anchor()["close-4011"].name == "Sharding needed"
    assert len(list((tmp_path / "cache").glob("catalog-*"))) == 1, "older entries are dropped"


def test_invalid_data_is_reported_even_after_a_valid_version_was_cached(tmp_path, tiny_data):
    cache.load_catalog(tiny_data, tmp_path / "cache")
    replace_in(tiny_data / "gateway-close-codes.toml", 'name = "Sharding required"', 'nme = "Sharding required"')
    with pytest.raises(DataError):
        cache.load_catalog(tiny_data, tmp_path / "cache")
    with pytest.raises(DataError):  # and nothing was stored for it
        cache.load_catalog(tiny_data, tmp_path / "cache")


def test_a_damaged_cache_file_means_a_fresh_load(tmp_path, tiny_data):
    cache.load_catalog(tiny_data, tmp_path / "cache")
    [stored] = (tmp_path / "cache").glob("catalog-*")
    stored.write_bytes(b"not a pickle")
    for parsed in (tmp_path / "cache" / "parsed").iterdir():  # damaged parsed files too
        parsed.write_bytes(b"not a pickle")
    catalog = cache.load_catalog(tiny_data, tmp_path / "cache")
    assert catalog.by_anchor()["close-4011"].name == "Sharding required"


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, tiny_data):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    catalog = cache.load_catalog(tiny_data, blocked / "cache")
    assert catalog.by_anchor()["close-4011"].name == "Sharding required"


def test_changed_code_changes_the_key(tmp_path, tiny_data):
    package = copy_project(tmp_path, parts=("macros",)) / "macros"
    before = cache.fingerprint(tiny_data, package)
    assert cache.fingerprint(tiny_data, package) == before
    validate = package / "validate.py"
    validate.write_text(validate.read_text() + "\n# a new rule\n")
    assert cache.fingerprint(tiny_data, package) != before


def test_a_data_edit_parses_only_the_edited_file_again(tmp_path, tiny_data, monkeypatch):
    """After a TOML edit the catalog is loaded and validated afresh, but files whose text did not
    change come from the parsed-file cache."""
    import tomllib

    from macros import cache, load

    cache_dir = tmp_path / "cache"
    cache.load_catalog(tiny_data, cache_dir)
    parsed: list[str] = []
    real_loads = tomllib.loads
    monkeypatch.setattr(load.tomllib, "loads", lambda text: parsed.append(text) or real_loads(text))
    table = tiny_data / "gateway-close-codes.toml"
    table.write_text(table.read_text(encoding="utf-8").replace("Sharding required", "Sharding needed"), encoding="utf-8")
    catalog = cache.load_catalog(tiny_data, cache_dir)
    assert catalog.by_anchor()["close-4011"].name == "Sharding needed"
    assert parsed == [table.read_text(encoding="utf-8")]
    assert load.parse_cache_dir is None  # set only while the cache loads a catalog
