"""README.md's URL contract is the promise to users, so it is checked both ways, as Rust's error
index checker checks its codes against their documentation:

- every anchor in data/anchors.lock is named, on its page, by the contract's table (`#op-N`,
  `#field-<code>`, `#gateway-opcodes`), and every anchor the table names matches a locked anchor;
- every file the build publishes at the site's root (site_files.generate: /codes.json, the
  schemas, the feed, ...) is named in the contract, and every such file it names is published;
- the contract names the code page URL, the lookup's address parameters and the lock by the names
  the code uses;
- every relative link of README.md leads to a file, and a #fragment to a heading of it.

No site build: the lock, the README and one call of site_files.generate on the cached catalog. Each
check is a function of the README's text, and the tests below also feed it a README with one thing
removed, to show that it notices.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT
from macros import code_page, site_files
from macros.lock import LOCK_NAME, read_lock
from macros.model import CODE_PAGES_DIR

README = ROOT / "README.md"
LOOKUP_SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "lookup.js"
CONTRACT_HEADING = re.compile(r"^## .*URL contract.*$", re.M)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
PAGE = re.compile(r"/[a-z0-9-]+/")
# An anchor as the contract's table writes it: literal, or a literal prefix and a placeholder, N for
# a number (`#op-N`) or <words> for a slug (`#field-<code>`).
ANCHOR_PATTERN = re.compile(r"#(?P<prefix>[a-z0-9-]*?)(?P<slot>N|<[^>]+>)?")
SLOT_REGEX = {"N": r"[0-9]+", "<": r"[a-z0-9]+(?:-[a-z0-9]+)*"}
EXPORT_NAME = re.compile(r"/[\w.-]+\.(?:json|xml)")
# The lookup's first address form: links using it are out there, so it is part of the contract
# whatever the page's script calls its parameter now.
FIRST_LOOKUP_FORM = "/lookup/?q="


def readme_text() -> str:
    return README.read_text(encoding="utf-8")


def contract_section(readme: str) -> str:
    """From the '## … URL contract' heading to the next '## ' heading."""
    start = CONTRACT_HEADING.search(readme)
    if start is None:
        return ""
    end = re.compile(r"^## ", re.M).search(readme, start.end())
    return readme[start.start():end.start() if end else len(readme)]


def anchor_rows(readme: str) -> list[tuple[str, list[str]]]:
    """(page as the lock writes it, the row's anchor patterns) for each row of the contract's table
    that names a page and an anchor."""
    rows = []
    for line in contract_section(readme).splitlines():
        if not line.startswith("|"):
            continue
        spans = CODE_SPAN.findall(line)
        pages = [span for span in spans if PAGE.fullmatch(span)]
        patterns = [span for span in spans if span.startswith("#")]
        if pages and patterns:
            rows.append((pages[0].lstrip("/"), patterns))
    return rows


def pattern_regex(pattern: str) -> re.Pattern:
    parts = ANCHOR_PATTERN.fullmatch(pattern)
    assert parts, f"README.md's contract writes the anchor {pattern!r} in no known form (#op-N, #field-<code>, #literal)"
    slot = parts["slot"] or ""
    return re.compile(re.escape(parts["prefix"]) + (SLOT_REGEX[slot[0]] if slot else ""))


def family(anchor: str) -> str:
    """A name for the kind of anchor, to group a report: op-N, field-…"""
    return re.sub(r"[0-9]+$", "N", anchor) if re.search(r"-[0-9]+$", anchor) else anchor.split("-")[0] + "-…"


def unnamed_locked_anchors(readme: str, locked: list[str]) -> list[str]:
    """One line per family of locked anchors that no pattern of a row for their page matches."""
    patterns: dict[str, list[re.Pattern]] = {}
    for page, row_patterns in anchor_rows(readme):
        patterns.setdefault(page, []).extend(pattern_regex(p) for p in row_patterns)
    missing: dict[str, list[str]] = {}
    for entry in locked:
        page, _, anchor = entry.partition("#")
        if not any(regex.fullmatch(anchor) for regex in patterns.get(page, [])):
            missing.setdefault(f"/{page}#{family(anchor)}", []).append(entry)
    return [f"{name}: {len(entries)} locked anchor(s), e.g. {', '.join(entries[:3])}, not named on that page "
            "in README.md's URL contract table" for name, entries in missing.items()]


def patterns_matching_nothing(readme: str, locked: list[str]) -> list[str]:
    """The contract table's anchors that match no locked anchor of their page: a typo, or a promise
    the site does not keep."""
    anchors_by_page: dict[str, list[str]] = {}
    for entry in locked:
        page, _, anchor = entry.partition("#")
        anchors_by_page.setdefault(page, []).append(anchor)
    return [f"README.md's URL contract names {pattern} on /{page}, which matches no anchor of data/{LOCK_NAME}"
            for page, row_patterns in anchor_rows(readme) for pattern in row_patterns
            if not any(pattern_regex(pattern).fullmatch(a) for a in anchors_by_page.get(page, []))]


def unnamed_exports(readme: str, published: set[str]) -> list[str]:
    section = contract_section(readme)
    return [f"/{name} is published at the site's root but not named in README.md's URL contract"
            for name in sorted(published) if f"`/{name}`" not in section]


def named_exports_not_published(readme: str, published: set[str]) -> list[str]:
    named = {span for span in CODE_SPAN.findall(contract_section(readme)) if EXPORT_NAME.fullmatch(span)}
    return [f"README.md's URL contract names {name}, which the build does not publish"
            for name in sorted(named) if name.lstrip("/") not in published]


def share_parameter() -> str:
    found = re.search(r'var SHARE_PARAMETER = "([a-z]+)";', LOOKUP_SCRIPT.read_text(encoding="utf-8"))
    assert found, f"{LOOKUP_SCRIPT.name} no longer declares SHARE_PARAMETER; update this test"
    return found[1]


def unnamed_addresses(readme: str) -> list[str]:
    """The contract's other promises, by the names the code gives them."""
    section = contract_section(readme)
    promised = {f"`/{CODE_PAGES_DIR}/<anchor>/`": "the code pages", f"/lookup/?{share_parameter()}=": "the lookup's address",
                FIRST_LOOKUP_FORM: "the lookup's first address form", f"`data/{LOCK_NAME}`": "the lock"}
    return [f"README.md's URL contract does not name {what}: {text}" for text, what in promised.items() if text not in section]


# ---------------------------------------------------------------- links

FENCE = re.compile(r"^\s*```")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def outside_fences(text: str) -> list[str]:
    lines, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def heading_slugs(markdown: str) -> set[str]:
    """The ids GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces to
    hyphens, a repeated slug numbered."""
    slugs: set[str] = set()
    for line in outside_fences(markdown):
        heading = re.match(r"#{1,6} (.+)", line)
        if not heading:
            continue
        text = "".join(c for c in heading[1].strip().lower()
                       if c in " -_" or unicodedata.category(c)[0] in "LN")
        slug, n = text.replace(" ", "-"), 1
        while slug in slugs:
            slug, n = f"{text.replace(' ', '-')}-{n}", n + 1
        slugs.add(slug)
    return slugs


def broken_links(readme: str, base: Path = ROOT) -> list[str]:
    problems = []
    for line in outside_fences(readme):
        for target in LINK.findall(line):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:: not ours to check offline
                continue
            path, _, fragment = target.partition("#")
            file = base / path if path else README
            if not file.is_file():
                problems.append(f"README.md links to {target}, and {path} is no file of the repository")
            elif fragment and file.suffix == ".md":
                text = readme if not path else file.read_text(encoding="utf-8")
                if fragment not in heading_slugs(text):
                    problems.append(f"README.md links to {target}, and {path or 'README.md'} has no heading #{fragment}")
    return problems


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def locked() -> list[str]:
    entries = read_lock(ROOT / "data" / LOCK_NAME)
    assert len(entries) > 300
    return entries


@pytest.fixture(scope="module")
def published(catalog) -> set[str]:
    """The files the build writes at the site's root beside its pages, from the same function the
    build calls (the pages under /c/ and the scripts under /assets/ are not exports)."""
    frame = (f"<html><head><title>{code_page.TITLE_SLOT}</title><meta name=description "
             f"content='{code_page.DESCRIPTION_SLOT}'></head><body>{code_page.CONTENT_SLOT}</body></html>")
    files = site_files.generate(catalog, None, "https://example.org/", "Discord Codes", frame)
    root = {path for path in files if "/" not in path}
    assert "codes.json" in root
    return root


def replaced(text: str, old: str, new: str) -> str:
    """text with its one `old` replaced: a test whose edit finds nothing to edit fails, never passes."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def without_line(text: str, containing: str) -> str:
    lines = text.splitlines(keepends=True)
    assert sum(containing in line for line in lines) == 1, containing
    return "".join(line for line in lines if containing not in line)


# ---------------------------------------------------------------- the README as it is

def test_the_readme_has_a_url_contract_section():
    assert contract_section(readme_text()), "README.md has no '## … URL contract' section"


def test_every_locked_anchor_family_is_named_in_the_contract(locked):
    problems = unnamed_locked_anchors(readme_text(), locked)
    assert not problems, "\n".join(problems)


def test_every_anchor_the_contract_names_is_locked(locked):
    problems = patterns_matching_nothing(readme_text(), locked)
    assert not problems, "\n".join(problems)


def test_every_file_published_at_the_root_is_named_in_the_contract(published):
    problems = unnamed_exports(readme_text(), published)
    assert not problems, "\n".join(problems)


def test_every_export_the_contract_names_is_published(published):
    problems = named_exports_not_published(readme_text(), published)
    assert not problems, "\n".join(problems)


def test_the_contract_names_code_pages_lookup_addresses_and_the_lock():
    problems = unnamed_addresses(readme_text())
    assert not problems, "\n".join(problems)


def test_every_relative_link_of_the_readme_resolves():
    problems = broken_links(readme_text())
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- each check notices a removal

def test_a_missing_contract_section_is_noticed(locked, published):
    readme = replaced(readme_text(), "URL contract", "URL promises")
    assert contract_section(readme) == ""
    assert unnamed_locked_anchors(readme, locked) and unnamed_exports(readme, published) and unnamed_addresses(readme)


def anchor_table_lines(readme: str) -> list[str]:
    return [line for line in contract_section(readme).splitlines() if line.startswith("|") and "`#" in line]


@pytest.mark.parametrize("row", anchor_table_lines(readme_text()), ids=lambda line: line.split("|")[1].strip())
def test_each_row_of_the_anchor_table_is_needed(row, locked):
    assert unnamed_locked_anchors(without_line(readme_text(), row), locked), row


@pytest.mark.parametrize("pattern, reported", [
    ("#op-N", "/gateway/#op-N"), ("#voice-close-N", "/voice/#voice-close-N"), ("#http-N", "/http/#http-N"),
    ("#http-5xx", "/http/#http-…"), ("#field-<code>", "/fields/#field-…"), ("#perm-<flag>", "/permissions/#perm-…"),
    ("#why-<rule>", "/permissions/#why-…"), ("#gateway-opcodes", "/gateway/#gateway-…")])
def test_each_family_removed_from_its_row_is_reported_by_name(pattern, reported, locked):
    problems = unnamed_locked_anchors(replaced(readme_text(), f"`{pattern}`", ""), locked)
    assert [line.split(":")[0] for line in problems] == [reported]


def test_a_family_named_on_the_wrong_page_is_reported(locked):
    readme = replaced(readme_text(), "| `/voice/` | `#voice-op-N`", "| `/gateway/` | `#voice-op-N`")
    assert any(line.startswith("/voice/#voice-op-N") for line in unnamed_locked_anchors(readme, locked))


def test_an_anchor_the_site_does_not_publish_is_reported(locked):
    readme = without_line(readme_text(), "`#op-N`")
    readme = replaced(readme, "| RPC close event codes |", "| Gateway opcodes | `/gateway/` | `#opcode-N` |\n| RPC close event codes |")
    assert patterns_matching_nothing(readme, locked) == [
        f"README.md's URL contract names #opcode-N on /gateway/, which matches no anchor of data/{LOCK_NAME}"]


def test_each_published_file_removed_from_the_contract_is_reported(published):
    for name in sorted(published):
        readme = readme_text().replace(f"`/{name}`", "")  # named once or more: all go
        assert unnamed_exports(readme, published) == [
            f"/{name} is published at the site's root but not named in README.md's URL contract"]


def test_an_export_the_site_does_not_publish_is_reported(published):
    readme = replaced(readme_text(), "| `/changes.xml` |", "| `/changes.json` |")
    assert named_exports_not_published(readme, published) == [
        "README.md's URL contract names /changes.json, which the build does not publish"]


@pytest.mark.parametrize("removed", [f"`/{CODE_PAGES_DIR}/<anchor>/`", "/lookup/?paste=", FIRST_LOOKUP_FORM,
                                     f"`data/{LOCK_NAME}`"])
def test_each_address_removed_from_the_contract_is_reported(removed):
    assert len(unnamed_addresses(replaced(readme_text(), removed, "(gone)"))) == 1


def test_a_link_to_a_missing_file_or_heading_is_reported():
    readme = readme_text() + "\n[a](data/NOPE.md) [b](macros/README.md#no-such-heading) [c](#licence) [d](https://x.org/y)\n"
    assert broken_links(readme) == [
        "README.md links to data/NOPE.md, and data/NOPE.md is no file of the repository",
        "README.md links to macros/README.md#no-such-heading, and macros/README.md has no heading #no-such-heading"]


def test_heading_slugs_follow_githubs_rules():
    assert heading_slugs("## Staying current: `make sync`\n```\n# not a heading\n```\n## A\n## A\n") == {
        "staying-current-make-sync", "a", "a-1"}
