"""Hostile text in every text field of the real data is built into a site in which none of it can
run: not on the pages, not in the search index, not on the code pages, not in /codes.json."""
from __future__ import annotations

import json
import re
import tomllib
from html.parser import HTMLParser

import pytest

from conftest import build_once_per_run, copy_project
from macros.model import TABLE_IDS

PAYLOAD = ('<script>alert("xss-1")</script> <img src=x onerror="alert(2)"> '
           '<a href="javascript:alert(3)">x</a> javascript:alert(4) {{ 7 * 7 }} {% if true %}j{% endif %} '
           '<iframe src="//evil.example/"></iframe> "quoted" & \'single\'')
# Names are short by rule (at most 300 characters), so they get the short payload.
SHORT_PAYLOAD = '<script>alert("xss-5")</script><img src=x onerror=alert(6)> {{ 6 * 6 }}'


def toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid TOML basic string


def poison(text: str) -> str:
    """Append the payload to every text field of a table file, and give each code a former wording."""
    lines = []
    for line in text.splitlines():
        match = re.match(r'^(title|kind|intro|name|explanation) = (".*")$', line)
        if match:
            value = json.loads(match[2]) + " " + (SHORT_PAYLOAD if match[1] == "name" else PAYLOAD)
            line = f"{match[1]} = {toml_string(value)}"
        lines.append(line)
        if line.startswith("explanation = "):
            lines.append(f"formerly = [{{ name = {toml_string('Old ' + SHORT_PAYLOAD)}, text = {toml_string(PAYLOAD)} }}]")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    def poisoned_project():
        project = copy_project(tmp_path_factory.mktemp("poisoned") / "project")
        for table_id in TABLE_IDS:
            path = project / "data" / f"{table_id}.toml"
            text = path.read_text(encoding="utf-8")
            # Multi-line strings are rewritten as one-line strings first so every field is reached.
            path.write_text(poison(flatten(text)), encoding="utf-8")
            poisoned = tomllib.loads(path.read_text(encoding="utf-8"))
            assert PAYLOAD in poisoned["table"]["intro"]
            assert all(PAYLOAD in c["explanation"] and SHORT_PAYLOAD in c["name"] for c in poisoned["code"])
        return project

    return build_once_per_run(tmp_path_factory, "poisoned", poisoned_project)  # read only, by every test here


def flatten(text: str) -> str:
    """Rewrite the file with every string on one line and no existing `formerly` (kept simple)."""
    data = tomllib.loads(text)
    out = ["[table]"]
    for key, value in data["table"].items():
        out.append(f"{key} = {toml_value(value)}")
    for code in data["code"]:
        out.append("\n[[code]]")
        for key, value in code.items():
            if key != "formerly":
                out.append(f"{key} = {toml_value(value)}")
    return "\n".join(out) + "\n"


def toml_value(value) -> str:
    """A value on one line: tables (flag_basis, sources) become inline tables."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value)


class Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.scripts = []
        self._in_script = False
        self._script_type = ""

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "data") and value and \
                    value.strip().lower().startswith(("javascript:", "data:text/html", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        if tag == "img" and any(n == "src" and v == "x" for n, v in attrs):
            self.problems.append("<img src=x>")
        if tag == "script":
            self._in_script = True
            self._script_type = dict(attrs).get("type") or ""
            src = dict(attrs).get("src")
            self.scripts.append(src or "")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if not self._in_script:
            return
        if self._script_type == "application/ld+json":
            # Data, not code: it may carry the text, but only as JSON that cannot end the element.
            if "<" in data or ">" in data:
                self.problems.append("markup characters inside JSON-LD")
            json.loads(data)
        elif "xss" in data:
            self.problems.append("payload inside a <script>")


def test_no_executable_markup_on_any_page(poisoned_site):
    pages = list(poisoned_site.rglob("*.html"))
    assert len(pages) > 300
    for page in pages:
        html = page.read_text(encoding="utf-8")
        inspector = Inspector()
        inspector.feed(html)
        assert inspector.problems == [], page
        assert "<script>alert" not in html and "<img src=x" not in html, page
    gateway = (poisoned_site / "gateway" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;xss-1&quot;)&lt;/script&gt;" in gateway  # shown as text
    assert "{{ 7 * 7 }} {% if true %}j{% endif %}" in gateway  # Jinja in data is never evaluated


def test_scripts_are_only_the_sites_own(poisoned_site):
    inspector = Inspector()
    inspector.feed((poisoned_site / "json" / "index.html").read_text(encoding="utf-8"))
    external = [s for s in inspector.scripts if s and not s.startswith(("../assets/", "assets/"))]
    assert external == []


def test_search_index_carries_the_payload_only_escaped(poisoned_site):
    index = json.loads((poisoned_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    code_docs = [d for d in index["docs"] if "#" in d["location"]]
    assert any("&lt;script&gt;" in d["text"] for d in code_docs)
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert "<script" not in doc[field] and "<img" not in doc[field] and "<iframe" not in doc[field], doc["location"]


def test_code_pages_carry_the_payload_only_escaped(poisoned_site):
    page = (poisoned_site / "c" / "close-4011" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page
    inspector = Inspector()
    inspector.feed(page)
    assert inspector.problems == []
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    assert json.loads(ld)["name"].endswith(SHORT_PAYLOAD)  # the text is there, as data


def test_codes_json_has_no_markup_in_its_bytes_but_the_exact_text(poisoned_site):
    raw = (poisoned_site / "codes.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw
    data = json.loads(raw)
    assert all(PAYLOAD in code["explanation"] for code in data["codes"])


def test_forwarding_map_is_inert_even_with_hostile_ids(tmp_path):
    """The payload never reaches code-map.js through valid data (ids are validated to letters,
    digits and hyphens), so hostile ids are put into a catalog directly, past validation: the
    writer alone must keep them inert and exact."""
    from macros.model import Catalog, Code, Table
    from macros.site_files import FORWARD_MAP_PATH, forwarding_map_script, write_files
    from sitecrawl import code_map

    hostile = '</script><script>alert("xss-7")</script>&amp;'
    code = Code(table_id="json-error-codes", code=1, anchor="json-1", name="n", explanation="e", aliases=(hostile,))
    table = Table(id="json-error-codes", title="t", page="json", anchor_prefix="json", kind="k", range=(0, 9),
                  columns=(), intro="", discord_anchors=(hostile + "-table",), codes=(code,))
    write_files(tmp_path, {FORWARD_MAP_PATH: forwarding_map_script(Catalog(tables=(table,), docs_links={}))})
    script = (tmp_path / FORWARD_MAP_PATH).read_text(encoding="utf-8")
    assert "<" not in script and ">" not in script and "&" not in script
    parsed = code_map(tmp_path)
    assert hostile in parsed["pages"]["json/"]
    assert parsed["redirects"][hostile + "-table"] == "json/#json-error-codes"
