"""docs/ places every table once, on its contract page, and asks for no table that does not exist."""
from __future__ import annotations

from conftest import ROOT
from macros.pages import check_code_pages_folder, check_pages, table_calls


def real_pages() -> dict[str, str]:
    docs = ROOT / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}


def test_the_real_pages_place_every_table_once(catalog):
    assert check_pages(catalog, real_pages()) == []


def test_pages_hold_no_hand_written_code_rows():
    for name, markdown in real_pages().items():
        assert "<tr" not in markdown and "| 4011 |" not in markdown, name


def test_table_calls_are_found():
    assert table_calls('x {{ code_table("a-b") }} y {{code_table(\'c\')}}') == ["a-b", "c"]


def messages(problems):
    return [str(p) for p in problems]


def test_unknown_table(tiny_catalog):
    pages = {"rpc.md": '{{ code_table("rpc-codes") }}'}
    assert "docs/rpc.md: code_table('rpc-codes'): no such table" in messages(check_pages(tiny_catalog, pages))


def test_table_on_the_wrong_page(tiny_catalog):
    pages = {f"{t.page}.md": "" for t in tiny_catalog.tables}
    for table in tiny_catalog.tables:
        pages[f"{table.page}.md"] += f'{{{{ code_table("{table.id}") }}}}\n'
    pages["gateway.md"] = pages["gateway.md"].replace('{{ code_table("gateway-close-codes") }}\n', "")
    pages["voice.md"] += '{{ code_table("gateway-close-codes") }}\n'
    assert messages(check_pages(tiny_catalog, pages)) == [
        "docs/voice.md: table 'gateway-close-codes' belongs on gateway.md (the URL contract)"]


def test_table_placed_twice_or_never(tiny_catalog):
    pages = {"json.md": '{{ code_table("json-error-codes") }}\n' * 2}
    found = messages(check_pages(tiny_catalog, pages))
    assert "docs/json.md: table 'json-error-codes' is placed 2 times (json.md, json.md); its anchors must be unique" in found
    assert 'docs/rpc.md: table \'rpc-close-codes\' is never placed; add {{ code_table("rpc-close-codes") }}' in found


def test_unknown_docs_link_name(tiny_catalog):
    pages = {"about.md": "# About\nSee {{ docs_link(\"no-such-page\", \"x\") }}.\n"}
    assert messages(check_pages(tiny_catalog, pages))[-1] == \
        "docs/about.md:2: docs_link('no-such-page'): no such name in data/discord-docs.toml"


def test_a_page_that_is_not_utf8_is_one_problem_with_its_line():
    from macros.pages import decode_pages

    sources, problems = decode_pages({"ok.md": "é\n".encode(), "bad.md": b"# Title\n\nCaf\xe9\n"})
    assert sources == {"ok.md": "é\n"}
    assert [str(p) for p in problems] == ["docs/bad.md:3: not valid UTF-8 (byte 0xe9)"]


def test_a_file_in_docs_c_is_refused_naming_it():
    """/c/ belongs to the generated code pages; the build would delete anything else there."""
    found = messages(check_code_pages_folder(["about.md", "c/notes.md", "c/img/x.png", "cats.md", "assets/c/y.js"]))
    assert found == [
        "docs/c/img/x.png: docs/c/ is reserved for the generated code pages (/c/<anchor>/), which replace "
        "anything else there; move this file out of docs/c/",
        "docs/c/notes.md: docs/c/ is reserved for the generated code pages (/c/<anchor>/), which replace "
        "anything else there; move this file out of docs/c/",
    ]
