"""data/advice/: one rule, one tiny bad input, one exact line (file, line and code in each)."""
from __future__ import annotations

import pytest

import tiny
from conftest import problems
from helpers import edit, replace_in
from macros.catalog import load_catalog

JSON = "advice/json-error-codes.toml"
HTTP = "advice/http-status-codes.toml"


@pytest.fixture
def data(tiny_data):
    return tiny.write_advice(tiny_data)


def test_tiny_advice_is_valid_and_attached(data):
    catalog = load_catalog(data)
    advice = catalog.by_anchor()["json-50035"].advice
    assert advice.retry == "no"
    assert [c.text for c in advice.causes] == ["A required field is missing.",
                                               "A value has the wrong type; see [429](code:http-429)."]
    assert advice.causes[1].sources[0].url == "https://github.com/discordjs/discord.js/issues/1"
    assert advice.fixes == ("Read the `errors` object and fix the field it names.",)
    assert catalog.by_anchor()["http-5xx"].advice.retry == "after-wait"
    assert catalog.by_anchor()["close-4004"].advice.retry == ""


def test_unknown_retry_value(data):
    edit(data, JSON, 'retry = "no"', 'retry = "maybe"')
    assert problems(data) == [
        "data/advice/json-error-codes.toml:5: code 50035: 'retry' must be one of \"no\", \"after-wait\", \"yes\", not \"maybe\""]


def test_cause_without_a_source(data):
    edit(data, JSON, 'sources = [{ docs = "rate-limits", about = "Shows the field." }]\n', "")
    assert problems(data) == [
        "data/advice/json-error-codes.toml:5: code 50035: a cause needs at least one source (docs or a public thread) that shows it"]


def test_cause_with_an_empty_source_list(data):
    edit(data, JSON, '[{ docs = "rate-limits", about = "Shows the field." }]', "[]")
    assert problems(data) == [
        "data/advice/json-error-codes.toml:5: code 50035: a cause needs at least one source (docs or a public thread) that shows it"]


def test_retry_missing_for_a_json_code(data):
    edit(data, JSON, 'retry = "no"\n', "")
    assert problems(data) == [
        "data/advice/json-error-codes.toml: code 50035: 'retry' is missing: every HTTP and JSON code says "
        "whether to retry (no, after-wait, yes); json-50035 has none"]


def test_retry_missing_when_the_table_has_no_advice_file(data):
    (data / HTTP).unlink()
    assert problems(data) == [
        f"data/advice/http-status-codes.toml: code {code}: 'retry' is missing: every HTTP and JSON code says "
        f"whether to retry (no, after-wait, yes); http-{code} has none" for code in (429, "5xx")]


def test_without_an_advice_folder_nothing_is_required(tiny_data):
    assert problems(tiny_data) == []


def test_retry_on_a_close_code(data):
    (data / "advice" / "gateway-close-codes.toml").write_text(
        '[advice]\ntable = "gateway-close-codes"\n\n[[code]]\ncode = 4004\nretry = "no"\n')
    assert problems(data) == [
        "data/advice/gateway-close-codes.toml:4: code 4004: 'retry' is only for HTTP and JSON codes; a "
        "gateway-close-codes code says what to do in its causes and fixes (close codes have reconnect and resume)"]


def test_fewer_than_two_causes(data):
    text = (data / JSON).read_text()
    (data / JSON).write_text(text[: text.index("[[code.causes]]\ntext = \"A value")])
    assert problems(data) == [
        "data/advice/json-error-codes.toml:5: code 50035: 'causes' lists 1; give at least 2 "
        "(most likely first), or none and let the explanation speak"]


def test_bad_source_url(data):
    edit(data, JSON, "https://github.com/discordjs/discord.js/issues/1", "https://example.com/issues/1")
    assert problems(data) == [
        "data/advice/json-error-codes.toml:5: code 50035: 'causes.sources.url' must be on github.com, "
        "support.discord.com, support-dev.discord.com: 'https://example.com/issues/1'"]


def test_a_source_line_is_only_for_undocumented_codes(data):
    line = "https://github.com/discordjs/discord-api-types/blob/" + "a" * 40 + "/rest/common.ts#L76"
    edit(data, JSON, "https://github.com/discordjs/discord.js/issues/1", line)
    [problem] = problems(data)
    assert problem.startswith("data/advice/json-error-codes.toml:5: code 50035: 'causes.sources.url' must point at one issue")


def test_unregistered_docs_name_in_a_cause(data):
    edit(data, JSON, 'docs = "rate-limits"', 'docs = "no-such-page"')
    assert problems(data) == [
        "data/advice/json-error-codes.toml:5: code 50035: 'causes.sources.docs' names 'no-such-page', "
        "which is not in discord-docs.toml"]


def test_unknown_code(data):
    edit(data, HTTP, "code = 429", "code = 418")
    assert problems(data) == [
        "data/advice/http-status-codes.toml: code 429: 'retry' is missing: every HTTP and JSON code says "
        "whether to retry (no, after-wait, yes); http-429 has none",
        "data/advice/http-status-codes.toml:5: code 418: no code 418 in data/http-status-codes.toml"]


def test_duplicate_code(data):
    path = data / HTTP
    path.write_text(path.read_text() + '\n[[code]]\ncode = 429\nretry = "no"\n')
    assert problems(data) == [
        "data/advice/http-status-codes.toml:14: code 429: advice for this code is already given at line 5"]


def test_unknown_key(data):
    edit(data, JSON, 'retry = "no"', 'retry = "no"\nretries = 3')
    assert problems(data) == [
        "data/advice/json-error-codes.toml:5: code 50035: unknown field 'retries' in [[code]] of an advice file; "
        "allowed: code, retry, retry_note, causes, fixes"]


def test_unknown_key_in_a_cause(data):
    edit(data, JSON, 'text = "A required field is missing."', 'text = "A required field is missing."\nwhy = "x"')
    assert problems(data) == [
        "data/advice/json-error-codes.toml:5: code 50035: unknown field 'why' in [[code.causes]]; allowed: text, sources"]


def test_unknown_table_in_the_advice_section(data):
    edit(data, HTTP, 'table = "http-status-codes"', 'table = "http"')
    assert problems(data) == [
        "data/advice/http-status-codes.toml: [advice]: 'table' is \"http\" but the file is http-status-codes.toml; they must match"]


def test_unknown_advice_file(data):
    (data / "advice" / "json-errors.toml").write_text('[advice]\ntable = "json-errors"\n')
    [problem] = problems(data)
    assert problem.startswith("data/advice/json-errors.toml: unknown advice file; expected one of: gateway-opcodes.toml")


def test_url_in_a_fix_is_rejected(data):
    edit(data, JSON, "fix the field it names.", "see [this](https://example.com).")
    assert problems(data) == [
        "data/advice/json-error-codes.toml:5: code 50035: 'fixes' links to 'https://example.com': links must be "
        "code:<anchor>, table:<table-id> or docs:<name>, never a URL"]


def test_unknown_code_link_in_a_cause(data):
    edit(data, JSON, "(code:http-429)", "(code:http-420)")
    assert problems(data) == [
        "data/advice/json-error-codes.toml:5: code 50035: 'causes.text' refers to unknown code 'http-420'"]


def test_long_retry_note(data):
    edit(data, HTTP, "Wait for Retry-After.", "x" * 201)
    assert problems(data) == [
        "data/advice/http-status-codes.toml:5: code 429: 'retry_note' is 201 characters; the limit is 200"]


def test_retry_note_without_retry(data):
    edit(data, HTTP, 'retry = "after-wait"\nretry_note', 'retry_note')
    assert "data/advice/http-status-codes.toml:5: code 429: 'retry_note' explains a 'retry' value; set 'retry' too" \
        in problems(data)


def test_all_problems_at_once(data):
    edit(data, JSON, 'retry = "no"', 'retry = "maybe"')
    edit(data, HTTP, "code = 429", "code = 418")
    assert len(problems(data)) == 3


# ---------------------------------------------------------------- /codes.json

def test_codes_json_carries_retry_causes_and_fixes_as_plain_text(data):
    import json

    from jsonschema import Draft202012Validator

    from conftest import ROOT
    from macros import export

    exported = export.codes_json(load_catalog(data), "https://example.test/")
    records = {r["anchor"]: r for r in exported["codes"]}
    record = records["json-50035"]
    assert record["retry"] == "no" and "retry_note" not in record
    assert record["causes"] == [
        {"text": "A required field is missing.",
         "sources": [{"title": "Discord docs: Rate limits", "url": "https://docs.discord.com/developers/topics/rate-limits",
                      "about": "Shows the field."}]},
        {"text": "A value has the wrong type; see 429.",
         "sources": [{"title": "discordjs/discord.js#1", "url": "https://github.com/discordjs/discord.js/issues/1",
                      "about": "A wrong type."}]}]
    assert record["fixes"] == ["Read the errors object and fix the field it names."]
    assert records["http-429"]["retry_note"] == "Wait for Retry-After."
    assert "retry" not in records["close-4004"] and records["close-4004"]["causes"] == []
    schema = json.loads((ROOT / "macros" / "codes_json.schema.json").read_text(encoding="utf-8"))
    assert [e.message for e in Draft202012Validator(schema).iter_errors(exported)] == []
    records["json-50035"]["retry"] = "maybe"  # the schema would catch a value outside the contract
    assert list(Draft202012Validator(schema).iter_errors(exported))


# ---------------------------------------------------------------- the editors' schema

def test_advice_schema_accepts_the_tiny_files_and_rejects_what_validation_rejects():
    import json
    import tomllib

    from jsonschema import Draft202012Validator

    from conftest import ROOT

    schema = json.loads((ROOT / "data" / "advice.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for table_id in tiny.ADVICE:
        assert list(validator.iter_errors(tomllib.loads(tiny.advice_text(table_id)))) == []
    good = tiny.advice_text("json-error-codes")
    for old, new in [('retry = "no"', 'retry = "maybe"'),
                     ('sources = [{ docs = "rate-limits", about = "Shows the field." }]\n', ""),
                     ('retry = "no"', 'retry = "no"\nretries = 3'),
                     ("https://github.com/discordjs", "https://example.com/discordjs")]:
        assert old in good
        assert list(validator.iter_errors(tomllib.loads(good.replace(old, new)))), new


def test_every_real_advice_file_points_to_the_schema_and_passes():
    import json
    import tomllib

    from jsonschema import Draft202012Validator

    from conftest import ROOT

    validator = Draft202012Validator(json.loads((ROOT / "data" / "advice.schema.json").read_text(encoding="utf-8")))
    for path in sorted((ROOT / "data" / "advice").glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == "#:schema ../advice.schema.json", path.name
        assert [e.message for e in validator.iter_errors(tomllib.loads(text))] == [], path.name


# ---------------------------------------------------------------- the code page

def page_body(catalog, anchor):
    from macros.code_page import CodePage
    return CodePage(catalog, catalog.by_anchor()[anchor]).body()


def test_code_page_shows_retry_then_causes_then_what_to_do(data):
    body = page_body(load_catalog(data), "json-50035")
    retry = ('<p class="code-page-retry"><strong>Retry:</strong> <span class="retry retry-no">No</span>'
             '<span class="retry-basis"> (our reading)</span></p>')
    causes = ('<h2 id="possible-causes">Possible causes</h2><ol><li><p>A required field is missing.</p>'
              '<ul class="cause-sources"><li><a href="https://docs.discord.com/developers/topics/rate-limits" '
              'class="docs-link" rel="noopener">Discord docs: Rate limits</a>: Shows the field.</li></ul></li>'
              '<li><p>A value has the wrong type; see <a href="../http-429/">429</a>.</p>')
    fixes = ('<h2 id="what-to-do">What to do</h2><ol><li>Read the <code>errors</code> object and fix the '
             'field it names.</li></ol>')
    assert retry in body and causes in body and fixes in body
    explanation = body.index("code-page-explanation")
    assert explanation < body.index(retry) < body.index(causes) < body.index(fixes) < body.index("code-page-actions")


def test_retry_note_follows_the_label(data):
    body = page_body(load_catalog(data), "http-429")
    assert ('<strong>Retry:</strong> <span class="retry retry-after-wait">After a wait</span>'
            '<span class="retry-basis"> (our reading)</span> <span class="retry-note">— Wait for Retry-After.</span>') in body
    assert "possible-causes" not in body and "what-to-do" not in body


def test_a_code_without_advice_has_no_advice_blocks(data):
    body = page_body(load_catalog(data), "close-4004")
    assert "Retry:" not in body and "possible-causes" not in body and "what-to-do" not in body


def test_advice_text_is_inert(data):
    replace_in(data / JSON, "A required field is missing.", "A <script>alert(1)</script> field.")
    replace_in(data / JSON, "Shows the field.", "Shows & tells")
    replace_in(data / HTTP, "Wait for Retry-After.", "<img src=x onerror=alert(1)>")
    catalog = load_catalog(data)
    body = page_body(catalog, "json-50035") + page_body(catalog, "http-429")
    assert "<script>" not in body and "<img" not in body
    assert "A &lt;script&gt;alert(1)&lt;/script&gt; field." in body and "Shows &amp; tells" in body
