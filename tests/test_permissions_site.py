"""/permissions/ in the built site (issue 21): every flag, rule and route has its id, every link
from and into the page resolves, and the 50013/50001 code pages carry the checklist."""
from __future__ import annotations

import json

import pytest

import sitecrawl


@pytest.fixture(scope="session")
def crawled(built_site):
    return {page.url: page for page in sitecrawl.pages(built_site)}


def test_every_flag_rule_and_route_has_its_id(crawled, catalog):
    ids = set(crawled["permissions/"].ids)
    missing = [anchor for anchor in catalog.permissions.anchors() if anchor not in ids]
    assert missing == []
    assert {"perm-manage-roles", "why-hierarchy", "route-add-guild-member-role"} <= ids


def test_every_link_into_or_out_of_permissions_resolves(built_site, crawled):
    ids_by_path = {p.path: set(p.ids) for p in crawled.values()}
    checked, broken = 0, []
    for page in crawled.values():
        for href in page.links:
            origin, path, fragment = sitecrawl.resolve(page, href)
            if origin or not (page.url == "permissions/" or "permissions" in path):
                continue
            checked += 1
            target = sitecrawl.file_for(built_site, path)
            if target is None or (fragment and target.suffix == ".html" and fragment not in ids_by_path[target]):
                broken.append(f"{page.url}: {href}")
    assert broken == []
    assert checked > 500  # the page's own flag and route links, and the code pages' checklist links


def test_the_code_pages_link_their_checklist_into_permissions(crawled):
    for anchor in ("json-50013", "json-50001"):
        links = [h for h in crawled[f"c/{anchor}/"].links if "permissions/#why-" in h]
        assert links, anchor
    assert not [h for h in crawled["c/json-50035/"].links if "permissions/#" in h]


def test_permissions_json_is_published_with_its_schema(built_site, catalog):
    data = json.loads((built_site / "permissions.json").read_text(encoding="utf-8"))
    assert len(data["routes"]) == len(catalog.permissions.routes)
    assert (built_site / "permissions.schema.json").is_file()
    assert (built_site / "assets" / "javascripts" / "lookup-routes-data.js").is_file()


def test_the_page_is_in_the_navigation(crawled):
    assert any(href.endswith("permissions/") for href in crawled["json/"].links)
