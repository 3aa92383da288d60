"""The built site, crawled: links resolve, every code is rendered once where the contract says,
nothing is rendered that the data does not back, and nothing is loaded from another host."""
from __future__ import annotations

import re
from collections import Counter

import pytest

import sitecrawl
import toml_oracle
from macros.model import PAGES


@pytest.fixture(scope="session")
def site_pages(built_site):
    return sitecrawl.pages(built_site)


@pytest.fixture(scope="session")
def main_pages(site_pages):
    """The MkDocs pages (not the generated /c/ code pages)."""
    return [p for p in site_pages if not p.url.startswith("c/")]


def test_contract_pages_exist(built_site):
    for url in PAGES.values():
        assert (built_site / url / "index.html").is_file(), url


def test_every_internal_link_resolves_to_a_file_and_id(built_site, site_pages):
    ids_by_path = {p.path: set(p.ids) for p in site_pages}
    broken = []
    for page in site_pages:
        for href in page.links:
            origin, path, fragment = sitecrawl.resolve(page, href)
            if origin:
                continue
            target = sitecrawl.file_for(built_site, path)
            if target is None:
                broken.append(f"{page.url}: {href} (no file)")
            elif fragment and target.suffix == ".html" and fragment not in ids_by_path[target]:
                broken.append(f"{page.url}: {href} (no id '{fragment}')")
    assert broken == []


def test_every_external_link_comes_from_the_registry(site_pages, catalog):
    """Links out are Discord's docs by registry name (a page, or a heading on it that a source or a
    table names), an issue thread a source cites, or the page a `discord_sends` message cites."""
    tables_page = catalog.docs_links["opcodes-and-status-codes"]
    # Code pages link Discord's own table, by the id Discord gives it on its codes page.
    allowed = set(catalog.docs_links.values()) | {f"{tables_page}#{t.discord_anchors[0]}" for t in catalog.tables}
    for entry in toml_oracle.entries():
        for source in entry.fields.get("sources", []):
            base = catalog.docs_links.get(source.get("docs"), source.get("url"))
            allowed.add(f"{base}#{source['anchor']}" if "anchor" in source else base)
        allowed.update(sent["source"] for sent in entry.fields.get("discord_sends", []))  # "Discord sends: …"
    # The field error registry cites public threads in any repository, and Discord's docs by anchor.
    allowed |= {link["url"] if isinstance(link, dict) else link for link in field_links(catalog)}
    allowed |= permission_docs_links(catalog)
    allowed |= advice_links(catalog)
    library_sources = tuple(f"{library.repository}/{kind}/{library.commit}"
                            for library in catalog.libraries for kind in ("blob", "tree"))
    outside = {(p.url, href) for p in site_pages for href in p.links
               if sitecrawl.resolve(p, href)[0] and href not in allowed and not href.startswith(library_sources)}
    assert outside == set()


def advice_links(catalog) -> set[str]:
    """The threads and docs anchors the causes in data/advice/ cite."""
    from macros.sources import source_url

    return {source_url(catalog, source) for code in catalog.codes() for cause in code.advice.causes
            for source in cause.sources}


def permission_docs_links(catalog) -> set[str]:
    """Discord's docs pages and anchors that data/endpoints.toml and data/permissions.toml name."""
    from macros.endpoints.model import docs_url

    permissions = catalog.permissions
    named = [r.key for r in permissions.routes] + [q.source for r in permissions.routes for q in r.requirements]
    named += [f.source for f in permissions.flags] + [r.source for r in permissions.rules]
    return {docs_url(source) for source in named}


def test_every_code_has_exactly_one_row_on_its_contract_page(main_pages, catalog):
    count = Counter((p.url, i) for p in main_pages for i in p.ids)
    for code in catalog.codes():
        page_url = catalog.table(code.table_id).page_url
        assert count[(page_url, code.anchor)] == 1, code.anchor
        assert sum(n for (url, i), n in count.items() if i == code.anchor) == 1, f"{code.anchor} on another page"
        for alias in code.aliases:
            assert count[(page_url, alias)] == 1, alias


def test_every_rendered_row_is_backed_by_data(main_pages, catalog):
    known = {}
    for code in catalog.codes():
        page_url = catalog.table(code.table_id).page_url
        known[code.anchor] = page_url
        known.update({alias: page_url for alias in code.aliases})
    # /fields/: a row per field error code and per documented limit of data/field-errors.toml
    known.update({error.anchor: "fields/" for error in catalog.field_registry.errors})
    known.update({f"limit-{limit.id}": "fields/" for limit in catalog.field_registry.limits})
    rendered = [(p.url, row) for p in main_pages for row in p.rows]
    assert rendered, "no rows found: the crawler is not seeing the tables"
    assert [r for r in rendered if known.get(r[1]) != r[0]] == []
    assert len(rendered) == len(known)


def test_ids_are_unique_site_wide_for_the_contract_prefixes(main_pages):
    prefix = re.compile(r"^(op|close|voice-op|voice-close|http|json|rpc-error|rpc-close)-[0-9x]+$")
    count = Counter(i for p in main_pages for i in p.ids if prefix.match(i))
    assert [i for i, n in count.items() if n > 1] == []


# A row's first cell: alias targets, then the number linked to the code's own page.
NUMBER_CELL = re.compile(r'<tr id="([^"]+)"[^>]*><td>(?:<span id="[^"]*" class="code-alias"></span>)*'
                         r'<a href="([^"]*)">([^<]*)</a>')


def test_every_number_links_to_its_code_page(built_site):
    """The number in each row's first cell (not any link on the page) leads to the code's page."""
    expected = {entry.anchor: str(entry.fields["code"]) for entry in toml_oracle.entries()}
    found = {}
    for url in PAGES.values():
        for anchor, href, number in NUMBER_CELL.findall((built_site / url / "index.html").read_text(encoding="utf-8")):
            assert href == f"../c/{anchor}/", f"{url}: the number of {anchor} links to {href}"
            found[anchor] = number
    assert found == expected


def field_links(catalog):
    from macros import field_site

    data = field_site.export_data(catalog, "")
    yield from (source for error in data["field_errors"] for source in error["sources"])
    yield from (limit["source"] for limit in data["limits"])
    yield from (url for *_, url in field_site.RENDERINGS)


def field_pages(catalog):
    from macros import field_errors

    return {f"c/{error.anchor}/" for error in field_errors.registry_of(catalog).errors}


# ---------------------------------------------------------------- code pages

def code_pages(site_pages):
    return {p.url: p for p in site_pages if p.url.startswith("c/")}


def test_every_code_has_exactly_one_code_page(built_site, site_pages, catalog):
    pages = code_pages(site_pages)
    aliases = {alias for code in catalog.codes() for alias in code.aliases}
    expected = {f"c/{code.anchor}/" for code in catalog.codes()} | {f"c/{alias}/" for alias in aliases}
    assert set(pages) == expected | field_pages(catalog)
    assert len(field_pages(catalog)) == len(catalog.field_registry.errors) > 0
    titles = Counter(p.meta.get("og:title") for p in pages.values() if "robots" not in p.meta)
    assert [t for t, n in titles.items() if n > 1] == []


def test_code_pages_are_indexable_with_their_own_canonical_url(site_pages, catalog):
    pages = code_pages(site_pages)
    for code in catalog.codes():
        page = pages[f"c/{code.anchor}/"]
        assert "robots" not in page.meta, code.anchor
        assert page.canonical.endswith(f"/c/{code.anchor}/"), (code.anchor, page.canonical)
        assert page.meta["og:url"] == page.canonical


def test_sitemap_lists_every_code_page_and_no_frame(built_site, catalog):
    import gzip

    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    listed = {loc.split("/c/", 1)[1] for loc in locations if "/c/" in loc}
    assert listed == {f"{code.anchor}/" for code in catalog.codes()} | {p[2:] for p in field_pages(catalog)}
    assert not any("frame" in loc for loc in locations)
    assert any(loc.endswith("/json/") for loc in locations)


def test_the_code_page_frame_is_not_published(built_site):
    assert not (built_site / "code-page-frame").exists()
    for path in built_site.rglob("*.html"):
        assert "CODEPAGE" not in path.read_text(encoding="utf-8"), path


def test_nothing_is_loaded_from_another_host(site_pages):
    remote = [(p.url, r) for p in site_pages for r in p.resources if sitecrawl.resolve(p, r)[0]]
    assert remote == []


def test_no_stylesheet_or_script_reaches_another_host(built_site):
    pattern = re.compile(r"""(url\(\s*['"]?|@import\s+['"]?|fetch\(\s*['"]|["'])(https?:)?//(?!www\.w3\.org/)[a-z0-9.-]+\.[a-z]{2,}""", re.I)
    offenders = []
    for path in list(built_site.rglob("*.css")) + list(built_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in pattern.finditer(text):
            if match.group(1).lower().startswith(("url(", "@import", "fetch(")):
                offenders.append(f"{path.relative_to(built_site)}: {match.group(0)}")
    assert offenders == []


def test_fonts_are_not_fetched(built_site):
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, html


def test_macros_fail_loudly_and_font_is_off():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    from conftest import ROOT
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["on_error_fail"] is True and macros["on_undefined"] == "strict"
    assert config["theme"]["font"] is False
    assert config["validation"]["links"]["anchors"] == "warn"


def test_the_inlined_search_loader_carries_no_comments(site_pages):
    """lazy-search.js goes into every page's <head>: its comments stay in the source file."""
    [gateway] = [page for page in site_pages if page.url == "gateway/"]
    loaders = [s for s in gateway.scripts if "search_index" in s]
    assert len(loaders) == 1 and "/*" not in loaders[0] and "wanted" in loaders[0]
