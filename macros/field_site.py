"""What the site makes from the field error registry (macros/field_errors.py): the /fields/ page
body, a /c/field-<code>/ page per code (filled into the theme's code page frame like any code's),
their search entries, /field-errors.json, and the data the lookup's 50035 details read.

Pure: a Catalog goes in, strings come out. Every data text is escaped here.
"""
from __future__ import annotations

from html import escape

from . import code_page, export
from .field_errors import JSON_50035, PAGE, FieldError, Limit, Registry, registry_of
from .model import Catalog
from .references import relative_url
from .render import external_link
from .sources import source_url

EXPORT_PATH = "field-errors.json"
EXPORT_SCHEMA_PATH = "field-errors.schema.json"
LOOKUP_DATA_SCRIPT = "assets/javascripts/lookup-fields-data.js"

# How each library prints one field error of a 50035, with a public thread that shows it. Facts
# about software output (what it prints), each followed to its source.
RENDERINGS = (
    ("discord.js v14 (@discordjs/rest)", "path[CODE]: message, one line per error",
     "embeds[0].fields[9].value[BASE_TYPE_MAX_LENGTH]: Must be 1024 or fewer in length.",
     "https://github.com/Mephisto5558/Teufelsbot/issues/235"),
    ("discord.js v12 and v13", "path: message, without the code",
     "embeds[0].fields[0].value: Must be 1024 or fewer in length.",
     "https://github.com/alexemanuelol/rustplusplus/issues/16"),
    ("Eris", "path: message with dots for indexes, without the code",
     "embed.fields.2.value: Must be 1024 or fewer in length.",
     "https://github.com/ParadoxalCorp/felix-production/issues/9"),
    ("discord.py (and forks such as Pycord)", "In path: message with dots for indexes, without the code",
     "In data.embeds.0.fields: Must be 25 or fewer in length.",
     "https://github.com/austinmesh/bridger/issues/91"),
    ("JDA", "the path on one line, then - CODE: message indented below it",
     "name\n    - APPLICATION_NAME_INVALID_CONTAINS: Application name cannot contain \"discord\"",
     "https://github.com/Xujiayao/Discord-MC-Chat/issues/182"),
    ("serenity", "a Rust debug print of each DiscordJsonSingleError with code, message and path",
     'DiscordJsonSingleError { code: "USERNAME_INVALID_CONTAINS", message: "Username cannot contain \\"discord\\"", path: "name" }',
     "https://github.com/serenity-rs/serenity/issues/2311"),
    ("Discordia", "CODE in path : message, indented under the error line",
     "CHANNEL_PARENT_MAX_CHANNELS in parent_id : Maximum number of channels in category reached (50)",
     "https://github.com/discord/discord-api-docs/pull/1289"),
    ("Discord.Net", "Inner Errors: then CODE: message, without the path",
     "Inner Errors:\nLIST_ITEM_VALUE_REQUIRED: List item values of ModelType are required",
     "https://github.com/LittleBigRefresh/Refresh/issues/143"),
    ("The raw body", "the JSON Discord sent, when a tool logs the response itself",
     '{"code": 50035, "errors": {"embeds": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", '
     '"message": "Must be 10 or fewer in length."}]}}, "message": "Invalid Form Body"}',
     "https://github.com/member-gentei/member-gentei/pull/127"),
)


def docs_url(catalog: Catalog, limit: Limit) -> str:
    return f"{catalog.docs_links[limit.docs]}#{limit.anchor}"


def limit_text(limit: Limit) -> str:
    return f"{limit.what}: at most {limit.max} {limit.unit}"


def limits_for_code(registry_: Registry, error: FieldError) -> tuple[Limit, ...]:
    """The limits a length or count code can refer to: those for codes whose message holds {max}."""
    return registry_.limits if any("{max}" in message for message in error.messages) else ()


# ---------------------------------------------------------------- /fields/

def errors_tree_html(catalog: Catalog, page_url: str) -> str:
    """How a 50035 body names the broken field, and how each library prints it (sourced)."""
    json_page = relative_url(page_url, f"c/{JSON_50035}/")
    rows = "".join(
        f"<tr><td>{escape(library)}</td><td>{escape(shape)}</td><td><code>{'<br>'.join(escape(line) for line in sample.splitlines())}</code></td>"
        f"<td>{external_link(url, 'seen here')}</td></tr>" for library, shape, sample, url in RENDERINGS)
    docs = catalog.docs_links.get("error-messages", "")
    docs_link = external_link(docs, "Discord's Error Messages section") if docs else "Discord's docs"
    return f"""<h2 id="errors-tree">The errors tree of a 50035</h2>
<p>A <a href="{escape(json_page)}">JSON 50035 (Invalid Form Body)</a> answer carries an <code>errors</code>
object shaped like the body you sent: each key is a field name, and a numeric key is an index into an
array (<code>embeds</code> → <code>0</code> → <code>fields</code> → <code>9</code> → <code>value</code> is the tenth
field of the first embed). Where a field broke a rule, the tree ends in an <code>_errors</code> list of
<code>{{"code", "message"}}</code> pairs. An <code>_errors</code> list at the top of the tree is about the body as
a whole, such as a command that is too large. {docs_link} shows the three shapes; the codes themselves
are not listed by Discord, so the table below collects those seen in public threads.</p>
<h3 id="library-renderings">How libraries print it</h3>
<table class="field-renderings"><thead><tr><th>Library</th><th>Shape</th><th>Example</th><th>Source</th></tr></thead>
<tbody>{rows}</tbody></table>
<p>Paste any of these into the <a href="{escape(relative_url(page_url, 'lookup/'))}">lookup</a>: it lists
each field error with its code (read from the message when the library leaves it out), what it
means, and the documented limit for that field.</p>"""


def codes_table_html(catalog: Catalog, page_url: str) -> str:
    rows = []
    for error in registry_of(catalog).errors:
        link = escape(relative_url(page_url, error.page_url))
        rows.append(f'<tr id="{escape(error.anchor)}"><td><a href="{link}"><code>{escape(error.code)}</code></a></td>'
                    f"<td>{escape(error.message)}</td><td>{escape(error.meaning)}</td></tr>")
    return ('<h2 id="field-error-codes">Field error codes</h2>\n<table class="field-codes"><thead><tr><th>Code</th>'
            "<th>Discord's message</th><th>Meaning</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def limits_table_html(catalog: Catalog) -> str:
    rows = "".join(
        f'<tr id="limit-{escape(limit.id)}"><td>{escape(limit.what)}</td><td>{limit.max} {escape(limit.unit)}</td>'
        f"<td>{', '.join(f'<code>{escape(p)}</code>' if p else 'the body' for p in limit.paths)}</td>"
        f"<td>{external_link(docs_url(catalog, limit), 'Discord docs')}</td></tr>" for limit in registry_of(catalog).limits)
    return ('<h2 id="limits">Documented limits</h2>\n<p>What the numbers in length and count errors refer to. '
            "A path pattern's <code>[]</code> stands for any index.</p>\n<table class=\"field-limits\"><thead><tr>"
            "<th>Field</th><th>Limit</th><th>Paths</th><th>Source</th></tr></thead><tbody>" + rows + "</tbody></table>")


def fields_page(catalog: Catalog, page_url: str = PAGE) -> str:
    """The body of /fields/ (HTML, safe inside Markdown)."""
    return "\n\n".join((errors_tree_html(catalog, page_url), codes_table_html(catalog, page_url),
                        limits_table_html(catalog)))


# ---------------------------------------------------------------- /c/field-<code>/

def page_title(error: FieldError) -> str:
    return f"Field error {error.code}"


# Discord documents no field error code: what a page says one means, and what to do, is read from
# the threads and docs pages under Sources, and says so.
OUR_READING = ("Discord does not document field error codes: this meaning and what to do are our reading "
               "of the sources below.")


def page_body(catalog: Catalog, error: FieldError) -> str:
    url = error.page_url
    fields = relative_url(url, PAGE)
    json_links = ", ".join(
        f'<a href="{escape(relative_url(url, f"c/json-{code}/"))}">JSON {code}</a>' for code in error.json_codes)
    sources = "".join(f"<li>{external_link(source_url(catalog, source), escape(source.url or 'Discord docs'))}: "
                      f"{escape(source.about)}</li>" for source in error.sources)
    limits = limits_for_code(registry_of(catalog), error)
    limit_items = "".join(f"<li>{escape(limit_text(limit))} ({', '.join(escape(p) or 'the body' for p in limit.paths)}) "
                          f"— {external_link(docs_url(catalog, limit), 'Discord docs')}</li>" for limit in limits)
    parts = [
        f'<p class="code-page-where">Field error code in <a href="{escape(fields)}#{escape(error.anchor)}">the field '
        f"error registry</a>, sent inside {json_links}</p>",
        f"<p>Discord's message: <code>{escape(error.message)}</code></p>",
        (f"<p>Also seen worded: {', '.join(f'<code>{escape(m)}</code>' for m in error.other_messages)}</p>"
         if error.other_messages else ""),
        f'<div class="code-page-explanation"><p>{escape(error.meaning)}</p></div>',
        f'<p class="code-page-basis">{OUR_READING}</p>',
        f'<h2 id="what-to-do">What to do</h2>\n<p>{escape(error.action)}</p>',
        (f'<h2 id="limits">Limits it can refer to</h2>\n<ul class="code-page-list">{limit_items}</ul>' if limit_items else ""),
        f'<h2 id="sources">Sources</h2>\n<ul class="code-page-list">{sources}</ul>',
        f'<p><a href="{escape(fields)}#errors-tree">How the errors tree of a 50035 works, and how each library prints it</a></p>',
    ]
    return "\n".join(part for part in parts if part)


def fillings(catalog: Catalog, error: FieldError, site_url: str, site_name: str) -> dict[str, bytes]:
    """What fills each slot of the code page frame for one field code (see code_page.frame_fillings)."""
    title, url = page_title(error), export.absolute(site_url, error.page_url)
    return code_page.frame_fillings(url, title, error.meaning, page_body(catalog, error),
                                    code_page.preview_tags(title, error.meaning, url, site_name))


def code_pages(catalog: Catalog, site_url: str, site_name: str) -> tuple[tuple[str, dict[str, bytes]], ...]:
    return tuple((f"{error.page_url}index.html", fillings(catalog, error, site_url, site_name))
                 for error in registry_of(catalog).errors)


def search_entries(catalog: Catalog) -> list[dict]:
    """One per field code: found by its name and by its message."""
    # No "code" field: that one is boosted for a code's bare number, and with the wildcard search
    # adds to every term, "guild" would then rank GUILD_... field codes above everything else.
    return [{"location": error.page_url,
             # Discord's message in the title: a reader pastes the message more often than the code
             "title": escape(f"{error.code} · {error.message}"),
             "text": escape(f"{error.code}. {' '.join(error.messages)} {error.meaning}")} for error in registry_of(catalog).errors]


# ---------------------------------------------------------------- exports

def export_data(catalog: Catalog, site_url: str) -> dict:
    reg = registry_of(catalog)
    return {
        "field_errors": [{
            "code": e.code, "anchor": e.anchor, "url": export.absolute(site_url, e.page_url), "message": e.message,
            "other_messages": list(e.other_messages),
            "meaning": e.meaning, "action": e.action, "json_codes": list(e.json_codes),
            "sources": [{"url": source_url(catalog, s), "about": s.about} for s in e.sources],
        } for e in reg.errors],
        "limits": [{"id": l.id, "what": l.what, "max": l.max, "unit": l.unit, "paths": list(l.paths),
                    "source": docs_url(catalog, l)} for l in reg.limits],
    }


def lookup_data(catalog: Catalog) -> dict:
    """Compact, for lookup-fields.js: codes -> [anchor, [message templates], meaning]; limits as
    [what, max, unit, [path patterns], docs URL]."""
    reg = registry_of(catalog)
    return {
        "codes": {e.code: [e.anchor, list(e.messages), e.meaning] for e in reg.errors},
        "limits": [[l.what, l.max, l.unit, list(l.paths), docs_url(catalog, l)] for l in reg.limits],
    }


def lookup_data_script(catalog: Catalog) -> str:
    return f"window.lookupFieldsData={export.script_json(lookup_data(catalog))};\n"
