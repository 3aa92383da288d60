"""The /changes/ page and the /changes.xml Atom feed, from the dates in data/."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from helpers import replace_in
from macros import changes
from macros.catalog import load_catalog

SITE = "https://codes.example.org/sub/"


@pytest.fixture
def dated(tiny_data) -> Path:
    """Tiny data with an addition, a rename and a removal, in three months."""
    replace_in(tiny_data / "json-error-codes.toml", 'name = "Invalid form body"',
               'name = "Invalid <b>form</b> body"\nadded = "2026-07-21"')
    replace_in(tiny_data / "gateway-close-codes.toml", 'name = "Sharding required"\nreconnect = false\nresume = false\n'
               'explanation = "Too many guilds; see [sharding](docs:gateway-sharding)."',
               'name = "Sharding required"\nreconnect = false\nresume = false\n'
               'explanation = "Too many guilds; see [sharding](docs:gateway-sharding)."\n\n'
               '[[code.formerly]]\nname = "sharding needed"\nuntil = "2020-02-20"\n\n'
               '[[code.formerly]]\nname = "Sharding Required"\ntext = "Same name, other wording."\nuntil = "2021-01"')
    replace_in(tiny_data / "rpc-close-codes.toml", 'name = "Token revoked"', 'name = "Token revoked"\nstatus = "removed"\nremoved = "2026-06"')
    return tiny_data


def test_changes_are_newest_first_one_per_event(dated):
    found = [(c.date, c.kind, c.code.anchor, c.old_name, c.new_name) for c in changes.all_changes(load_catalog(dated))]
    assert found == [
        ("2026-07-21", "added", "json-50035", "", "Invalid <b>form</b> body"),
        ("2026-06", "removed", "rpc-close-4003", "", "Token revoked"),
        ("2020-02-20", "renamed", "close-4011", "sharding needed", "Sharding Required"),
    ]  # the 2021 entry only reworded the text (same name but for case): not a rename


def test_an_added_code_shows_the_name_it_had_then(dated):
    replace_in(dated / "gateway-close-codes.toml", 'name = "Authentication failed"', 'name = "Authentication failed"\nadded = "2019-05"')
    replace_in(dated / "gateway-close-codes.toml", 'was wrong."', 'was wrong."\n\n[[code.formerly]]\nname = "Auth failed"\nuntil = "2020-01-02"')
    [added] = [c for c in changes.all_changes(load_catalog(dated)) if c.code.anchor == "close-4004" and c.kind == "added"]
    assert added.new_name == "Auth failed"


def test_the_page_groups_by_month_links_each_code_and_escapes(dated):
    markdown = changes.changes_markdown(load_catalog(dated), "changes/")
    assert markdown.index("## July 2026 {#2026-07}") < markdown.index("## June 2026 {#2026-06}") < markdown.index("## February 2020")
    assert '<a href="../c/json-50035/">JSON error 50035</a> added: “Invalid &lt;b&gt;form&lt;/b&gt; body”' in markdown
    assert '<a href="../c/close-4011/">Gateway close 4011</a> renamed: “sharding needed” → “Sharding Required”' in markdown
    assert "<b>" not in markdown


def test_the_feed_is_valid_atom_with_absolute_links_and_stable_ids(dated):
    catalog = load_catalog(dated)
    xml = changes.atom_feed(catalog, SITE, "Codes <&>")
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Codes <&>: changes to Discord's codes"
    assert [e.link for e in feed.entries] == [SITE + "c/json-50035/", SITE + "c/rpc-close-4003/", SITE + "c/close-4011/"]
    assert feed.entries[0].title == "JSON error 50035 added: “Invalid <b>form</b> body”"
    assert feed.entries[0].updated == "2026-07-21T00:00:00Z"
    assert feed.entries[1].updated == "2026-06-01T00:00:00Z"
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids)
    assert ids == [e.id for e in feedparser.parse(changes.atom_feed(load_catalog(dated), SITE, "x")).entries]
    assert feed.feed.updated == "2026-07-21T00:00:00Z"


def test_feed_ids_stay_when_the_site_moves_to_another_address(dated):
    """Feed readers know an entry by its id: a move to a custom domain must not show every
    entry again as new. Links follow the address; ids do not."""
    catalog = load_catalog(dated)
    here = feedparser.parse(changes.atom_feed(catalog, SITE, "x"))
    moved = feedparser.parse(changes.atom_feed(catalog, "https://codes.example.org/", "x"))
    assert [e.id for e in here.entries] == [e.id for e in moved.entries]
    assert here.feed.id == moved.feed.id
    assert [e.link for e in here.entries] != [e.link for e in moved.entries]
    assert all("codes.example.org" not in e.id for e in moved.entries)


def test_the_head_tag_names_the_feed():
    tag = changes.feed_link_tag("gateway/", SITE, "Codes <&>")
    html = changes.with_head_tags("<html><head><title>t</title></head><body></body></html>", tag)
    assert html == ('<html><head><title>t</title><link rel="alternate feed" type="application/atom+xml" '
                    'title="Codes &lt;&amp;&gt;: changes" href="../changes.xml">\n</head><body></body></html>')


@pytest.mark.parametrize("page_url, href", [("", "./changes.xml"), ("json/", "../changes.xml"),
                                            ("404.html", "/sub/changes.xml")])
def test_the_feed_link_works_from_every_page(page_url, href):
    assert f'href="{href}"' in changes.feed_link_tag(page_url, SITE, "Codes")


def test_every_feed_entry_lands_in_the_built_site(built_site):
    feed = feedparser.parse((built_site / "changes.xml").read_bytes())
    assert not feed.bozo and feed.entries
    site_url = feed.feed.links[0].href.removesuffix("changes.xml")
    for entry in feed.entries:
        assert entry.link.startswith(site_url)
        path = urlsplit(entry.link).path.removeprefix(urlsplit(site_url).path)
        assert (built_site / path / "index.html").is_file(), entry.link


def test_every_built_page_links_the_feed_and_the_changes_page_lists_it(built_site):
    pages = sorted(built_site.glob("*/index.html")) + [built_site / "index.html"]
    for page in pages:
        if page.parent.name == "c":
            continue
        assert 'type="application/atom+xml"' in page.read_text(encoding="utf-8"), page
    changes_page = (built_site / "changes" / "index.html").read_text(encoding="utf-8")
    assert 'href="../c/json-40009/"' in changes_page  # a code the 2026 sync dated
