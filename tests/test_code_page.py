"""Each code's own page, from the pure functions that write it (tiny data, hand-written expectations)."""
from __future__ import annotations

import json
import re

import pytest

import sitecrawl
from conftest import load_catalog
from helpers import replace_in
from macros import code_page
from macros.site_files import generate, write_files

# A stand-in for the theme's rendering of the frame: every placeholder, once, where a theme puts it.
FRAME_URL = "https://x.example/code-page-frame/frame/"
FRAME_HTML = (
    f'<!doctype html><html><head><title>{code_page.TITLE_SLOT} - Codes</title>'
    f'<meta name="description" content="{code_page.DESCRIPTION_SLOT}">'
    f'<link rel="canonical" href="{FRAME_URL}"></head><body><header>{code_page.TITLE_SLOT}</header>'
    f'<article><h1>{code_page.TITLE_SLOT}</h1>\n{code_page.CONTENT_SLOT}</article></body></html>'
)


def stamp(catalog, anchor):
    frame = code_page.Frame(FRAME_HTML, frame_url=FRAME_URL)
    filled = code_page.fillings(catalog, catalog.by_anchor()[anchor], "https://x.example/", "Codes")
    return frame.fill(filled).decode("utf-8")


def test_title_heading_and_canonical_name_the_code(tiny_catalog):
    html = stamp(tiny_catalog, "close-4011")
    assert "<title>Gateway close 4011 · Sharding required - Codes</title>" in html
    assert "<h1>Gateway close 4011 · Sharding required</h1>" in html
    assert '<link rel="canonical" href="https://x.example/c/close-4011/">' in html
    assert "CODEPAGE" not in html and "code-page-slot" not in html


def test_close_codes_say_reconnect_and_resume_as_a_sentence(tiny_catalog):
    html = stamp(tiny_catalog, "close-4004")
    assert "Do not reconnect until the cause is fixed, and there is no session to resume." in html
    assert "code-page-advice" not in stamp(tiny_catalog, "op-2")


@pytest.mark.parametrize("reconnect, resume, words", [
    (True, True, "can resume"), (True, False, "cannot be resumed"), (False, False, "no session to resume"),
])
def test_advice_follows_both_flags(tiny_data, reconnect, resume, words):
    replace_in(tiny_data / "gateway-close-codes.toml", 'name = "Authentication failed"\nreconnect = false\nresume = false',
               f'name = "Authentication failed"\nreconnect = {str(reconnect).lower()}\nresume = {str(resume).lower()}')
    assert words in stamp(load_catalog(tiny_data), "close-4004")


def test_links_go_to_code_pages_and_the_row(tiny_catalog):
    html = stamp(tiny_catalog, "close-4004")
    assert '<a href="../../gateway/#close-4004">Show in the table</a>' in html
    assert '<a href="../op-2/">' in html  # the explanation's link to Identify: its code page
    assert '<button class="copy-link" data-code="close-4004"' in html


def test_relations_and_history_are_listed(tiny_data):
    replace_in(tiny_data / "gateway-opcodes.toml", "code = 2",
               'code = 2\nformerly = [{ name = "Old <b>", text = "was `x`", until = "2018-01" }]')
    html = stamp(load_catalog(tiny_data), "op-2")
    history = html[html.index('id="history"'):]
    assert "Called “Old &lt;b&gt;” until 2018-01. Discord's wording then: was <code>x</code>" in history
    referred = html[html.index('id="referred-to-by"'):]
    assert '<a href="../close-4004/">Gateway close 4004 · Authentication failed</a>' in referred
    same = stamp(load_catalog(tiny_data), "close-4011")
    assert ('<li><a href="../voice-close-4011/">Voice close 4011 · Server not found</a>: '
            'both are close codes a websocket can receive.</li>') in same[same.index('id="same-number"'):]
    assert 'id="same-number"' not in html  # nobody takes gateway opcode 2 for another code


def test_same_number_section_escapes_data_text(tiny_data):
    replace_in(tiny_data / "voice-close-codes.toml", 'name = "Server not found"', 'name = "Server <b>not</b> found"')
    html = stamp(load_catalog(tiny_data), "close-4011")
    assert "Server &lt;b&gt;not&lt;/b&gt; found" in html and "<b>" not in html


def test_json_ld_defines_the_term_in_its_tables_set(tiny_catalog):
    html = stamp(tiny_catalog, "close-4011")
    [payload] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    term = json.loads(payload)
    assert term["@type"] == "DefinedTerm" and term["termCode"] == "4011" and term["name"] == "Sharding required"
    assert term["url"] == "https://x.example/c/close-4011/"
    assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert term["inDefinedTermSet"]["url"] == "https://x.example/gateway/#gateway-close-codes"


def test_every_place_is_filled_as_replacing_each_placeholder_would(tiny_data):
    """The frame is cut once at its placeholders; each page must still be what filling them one by
    one gives: the URL and the title everywhere, the body and head tags only at their first place,
    and text that merely looks like a placeholder, in a code's name, left alone."""
    replace_in(tiny_data / "gateway-close-codes.toml", 'name = "Sharding required"',
               f'name = "Sharding {code_page.TITLE_SLOT} required"')
    catalog = load_catalog(tiny_data)
    code = catalog.by_anchor()["close-4011"]
    frame_html = FRAME_HTML.replace("</body>", f"{code_page.CONTENT_SLOT}</head>{FRAME_URL}</body>")
    page = code_page.Frame(frame_html, frame_url=FRAME_URL).fill(
        code_page.fillings(catalog, code, "https://x.example/", "Codes"))

    title = code_page.escape(code_page.page_title(catalog, code))
    expected = (frame_html
                .replace(FRAME_URL, "https://x.example/c/close-4011/")
                .replace(code_page.TITLE_SLOT, title)
                .replace(code_page.DESCRIPTION_SLOT, code_page.escape(code_page.description(code)))
                .replace(code_page.CONTENT_SLOT, code_page.CodePage(catalog, code).body(), 1)
                .replace("</head>", code_page.head_tags(catalog, code, "https://x.example/", "Codes") + "</head>", 1))
    assert page.decode("utf-8") == expected
    assert page.decode("utf-8").count(f"Sharding {code_page.TITLE_SLOT} required") >= 3  # title, header, h1


def test_a_frame_that_lost_a_placeholder_is_refused(tiny_catalog, tmp_path):
    frame_html = FRAME_HTML.replace(code_page.CONTENT_SLOT, "")
    with pytest.raises(code_page.FrameError, match="code-page-slot"):
        generate(tiny_catalog, None, "https://x.example/", "Codes", frame_html)


def test_alias_pages_forward_to_the_code_page(tiny_data, tmp_path):
    replace_in(tiny_data / "gateway-close-codes.toml", "code = 4011", 'code = 4111\naliases = ["close-4011"]')
    catalog = load_catalog(tiny_data)
    write_files(tmp_path, generate(catalog, None, "https://x.example/", "Codes", FRAME_HTML))
    alias = (tmp_path / "c" / "close-4011" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../close-4111/">' in alias
    assert '<link rel="canonical" href="https://x.example/c/close-4111/">' in alias
    assert '<meta name="robots" content="noindex">' in alias
    assert "Sharding required" in (tmp_path / "c" / "close-4111" / "index.html").read_text(encoding="utf-8")


def test_a_built_site_forwards_every_alias_page_and_lists_only_code_pages(alias_site):
    """The real data has no alias yet, so the crawl runs on the tiny data with close 4011
    renumbered to 4111, keeping close-4011 as an alias (conftest's alias_site)."""
    site = alias_site
    alias = sitecrawl.read_page(site, site / "c" / "close-4011" / "index.html")
    assert alias.meta["robots"] == "noindex" and alias.meta["refresh"] == "0; url=../close-4111/"
    assert alias.canonical.endswith("/c/close-4111/")
    code = sitecrawl.read_page(site, site / "c" / "close-4111" / "index.html")
    assert "robots" not in code.meta and code.canonical.endswith("/c/close-4111/")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/c/close-4111/" in sitemap and "/c/close-4011/" not in sitemap


def test_where_line_keeps_the_kinds_acronyms(tiny_catalog):
    assert '<p class="code-page-where">JSON error code in <a href="../../json/#json-error-codes">' in stamp(tiny_catalog, "json-50035")


@pytest.mark.parametrize("anchor, label", [("json-json-error-codes", "JSON error codes"),
                                           ("http-http-response-codes", "HTTP response codes")])
def test_source_titles_keep_acronyms(anchor, label):
    from macros.sources import anchor_label
    assert anchor_label(anchor) == label


@pytest.mark.parametrize("source, target, expected", [
    ("", "gateway/", "gateway/"), ("gateway/", "", "../"), ("c/close-4011/", "c/op-2/", "../op-2/"),
    ("c/close-4011/", "gateway/", "../../gateway/"), ("gateway/", "gateway/", "./"), ("", "", "./"),
    ("json/", "c/json-0/", "../c/json-0/"),
])
def test_relative_urls_between_site_folders(source, target, expected):
    from macros.references import relative_url
    assert relative_url(source, target) == expected
