"""The error lookup: rules that name the code a pasted error refers to, generated from data/.

`data/lookup/*.toml` write down, per library, the shapes its errors print (a `[[pattern]]` with one
`{code}` number slot and the tables its context implies) and its own wording for a code (a
`[[wording]]` naming the code's anchor); and, for any paste, a number beside its own code's name
(`[[shape]]`), contexts in which a number is never a code (`[[noise]]`), codes that say less than
their HTTP status (`[[general]]`) and text that says which table a paste is about (`[[context]]`).
To those the build adds what the tables already know: every error and close code's name and
former names (Discord's message text, matched without a number), the messages Discord really
sends (`discord_sends`), and every HTTP status line ("403 forbidden"). `rules_data` turns it all
into the JSON that `docs/assets/javascripts/lookup.js` runs.

The pattern language is deliberately not a regular expression, so the browser's matcher runs in
linear time on any input: literal text, matched case-insensitively with any run of whitespace
standing for any other, and in a pattern exactly one `{code}` slot that matches a whole run of
1 to 6 digits. Texts are ASCII so that Python's and JavaScript's lower-casing agree.

Layout: `lookup_rules` (the kinds of entry, the pattern language), `lookup_checks` (one function
per rule on an entry), `lookup_load` (`load_rules`: data/lookup/*.toml into `Rules`), and this
module: what the page runs, made from the rules and the catalog (`rule_files`, `lookup_box`). The
names of the other three that callers use are imported here, so `macros.lookup` is the one door.
"""
from __future__ import annotations

import re

from . import text
from .export import script_json
from .lookup_load import load_rules  # noqa: F401  (part of this module's interface)
from .lookup_rules import MIN_WORDING, NAME_SLOT, SLOT, Pattern, Rules, normalise, usable_phrase
from .lookup_rules import Context, General, Noise, Shape, Wording  # noqa: F401  (part of this module's interface)
from .model import Catalog
from .references import relative_url

# Tables whose names are texts Discord sends (a JSON error's message, a close frame's reason).
# Opcode names ("Hello", "Resume") are ordinary words in any stack trace, so they are left out.
MESSAGE_TABLES = ("gateway-close-codes", "voice-close-codes", "json-error-codes", "rpc-error-codes", "rpc-close-codes")
STATUS_TABLE = "http-status-codes"
# How sure a kind of match is; the page lists the surest first. An HTTP status ranks below any
# JSON code in the same text, since Discord sends both and the JSON code says more.
WEIGHT_NUMBER = 100
WEIGHT_WORDING = 90
WEIGHT_NAME = 70
WEIGHT_CONSTANT = 60  # a library's identifier: surely this code, but many traces name constants in passing
WEIGHT_STATUS = 50
WEIGHT_GENERAL = 40  # a code Discord sends when no specific one applies ([[general]]): the status says more
WEIGHT_MESSAGE = 70  # a message Discord sends for the code (the code's `discord_sends`), as sure as its name
CONTEXT_BONUS = 3    # a text naming a table's world ([[context]]) tips the balance between equal guesses
# A bare number (no pattern around it) counts only as a word of its own: between a space, a bracket
# or a quote and a space, a bracket, a quote or an end of sentence; "index.js:4014:13", "/4004",
# "2014-05-01", "v=4" are parts of something else. (After it, '.', ':' and ',' count only when no
# letter or digit follows: "4014." ends a sentence, "4014.5" does not.)
BARE_BEFORE = " ([{'\"`"
BARE_AFTER = " )]}'\"`.,:;!?"
BARE_ONE = "is only a number, with nothing around it saying what it counts: one code has it, but this is a guess"
BARE_MANY = ("is only a number, with nothing around it saying what it counts, and {count} codes have it: "
             "nothing says which table it is from")
# A context naming several tables whose codes share the number: all are listed, and the result says so.
UNSURE_TABLES = "; {count} tables have this number and nothing here says which, so each is listed"
SENTENCE_LIMIT = 110
# Discord's API keeps sending a message after its docs rename the code, so former names count too.
NAME_WHY = "is Discord's own text for this code"
MESSAGE_WHY = "is the message Discord sends for this code"
RULES_SCRIPT = "assets/javascripts/lookup-rules.js"
CONSTANTS_SCRIPT = "assets/javascripts/lookup-constants.js"
# Details: extra answers for some codes (which field of a 50035 broke, which route a 50013 was
# for), each in a script of its own that lookup.js fetches only when a result has one of the
# script's codes, so a paste that needs none of them loads nothing more. Each entry is
# (name, script path inside the site, anchors that call for it, the generated data script it
# reads); the script registers window.lookupDetails[name] = function (text, result, siteRoot) ->
# Element or null. lookup.js fetches the data script and the script side by side, data first (in
# order, so the script finds its data loaded): one round trip instead of two.
DETAIL_SCRIPTS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    # Which field of a 50035 broke: data from data/field-errors.toml (field_site.LOOKUP_DATA_SCRIPT).
    ("fields", "assets/javascripts/lookup-fields.js", ("json-50035",), "assets/javascripts/lookup-fields-data.js"),
    # Which route a 50013/50001 (or a bare 403) was for: data from data/endpoints.toml (macros/endpoints).
    ("routes", "assets/javascripts/lookup-routes.js", ("json-50013", "json-50001", "http-403"),
     "assets/javascripts/lookup-routes-data.js"),
)
LOOKUP_SCRIPT = "assets/javascripts/lookup.js"
LOOKUP_STYLES = "assets/stylesheets/lookup.css"


# ---------------------------------------------------------------- the JSON lookup.js runs

# discordgo writes every JSON error as ErrCode + its name: the prefix says nothing about which one.
IDENTIFIER_PREFIX = "errcode"


def identifier_key(value: str) -> str:
    """A name as lookup.js compares identifiers: lower case, letters and digits only, without what
    stands in parentheses and without the ErrCode prefix ("Disallowed intent(s)" ->
    "disallowedintent", "MISSING_PERMISSIONS" -> "missingpermissions"). lookup.js computes the same
    for a code's name and for a pasted word."""
    key = re.sub(r"[^a-z0-9]", "", re.sub(r"\([^)]*\)", "", value.lower()))
    return key.removeprefix(IDENTIFIER_PREFIX)


def library_constants(catalog: Catalog) -> dict[str, list]:
    """Each library's constant name for a code, for the identifiers a pasted text holds
    (`MISSING_PERMISSIONS`, `DisallowedIntents`, `ErrCodeUnknownInteraction`): identifier key ->
    [[anchor, library bits], ...]. A constant that is just the code's own name written as an
    identifier is left out, since lookup.js derives those from the names it has anyway; that keeps
    the rules within their weight."""
    from .libraries import named_codes

    by_anchor = catalog.by_anchor()
    libraries = [library.id for library in catalog.libraries]
    found: dict[str, dict[str, int]] = {}
    for library_id, constant, anchor in named_codes(catalog):
        key = identifier_key(re.split(r"\.|::", constant)[-1])
        code = by_anchor[anchor]
        if key in {identifier_key(name) for name in (code.name, *(f.name for f in code.formerly))}:
            continue
        bits = found.setdefault(key, {})
        bits[anchor] = bits.get(anchor, 0) | 1 << libraries.index(library_id)
    return {key: [[anchor, bits] for anchor, bits in sorted(anchors.items())] for key, anchors in sorted(found.items())}


def first_sentence(explanation: str) -> str:
    plain = text.plain_text(explanation)
    match = re.search(r"(?<=[.!?])\s", plain)
    sentence = plain[: match.start()] if match else plain
    return sentence if len(sentence) <= SENTENCE_LIMIT else sentence[: SENTENCE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def status_lines(catalog: Catalog) -> list[Pattern]:
    """'403 forbidden' for every HTTP code with a number, from the table's own names."""
    if not catalog.has_table(STATUS_TABLE):
        return []
    return [Pattern(f"{SLOT} {code.name}", (STATUS_TABLE,), "is an HTTP status line")
            for code in catalog.table(STATUS_TABLE).codes if type(code.code) is int]


def message_tables(catalog: Catalog) -> list[str]:
    return [table_id for table_id in MESSAGE_TABLES if catalog.has_table(table_id)]


def name_phrases(catalog: Catalog) -> list[tuple[str, str]]:
    """(phrase, anchor) for each former name of an error or close code. Current names travel with
    the codes already, and lookup.js makes them phrases itself (see rules_data). A name of one
    word ("Unauthorized") is too common a word in logs to name a code alone, as lookup.js also
    decides for current names; as an identifier it still counts."""
    found = []
    for table_id in message_tables(catalog):
        for code in catalog.table(table_id).codes:
            found += [(former.name, code.anchor) for former in code.formerly
                      if usable_phrase(former.name) and " " in former.name.strip()
                      and normalise(former.name) != normalise(code.name)]
    return found


class Whys:
    """Each distinct 'why' once; rules refer to it by index (many rules share one)."""

    def __init__(self):
        self.texts: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, why: str) -> int:
        if why not in self._index:
            self._index[why] = len(self.texts)
            self.texts.append(why)
        return self._index[why]


def rules_data(catalog: Catalog, rules: Rules) -> dict:
    """What lookup.js needs, compact (it must stay within 22 KB gzip):

    - tables: [kind, anchor prefix, weight of a number in this table, names are phrases (0/1)];
    - codes: anchor -> [table index, number, name, first sentence of the explanation] (plus 1 for
      an undocumented code, whose name is not matched);
    - numbers: [text before the slot, text after it, [table index, ...], why index];
    - phrases: [text, anchor, weight, why index], besides the names of the tables marked 1;
    - whys: the texts the indexes point to; names_why is the index for a code's own name;
    - name_weight and min_phrase: how lookup.js weighs the names and which are long enough;
    - constant_weight and identifier_prefix: how lookup.js weighs and reads identifiers in the
      text (a code's name written as a constant; other library names come from constants_data);
    - shapes: [before, between, after, name first (0/1), [table index, ...], why index]: a number
      beside its own code's name ([[shape]]);
    - noise: [text before the slot, text after it]: contexts where a number is no code ([[noise]]);
    - general and general_weight: codes weighed below a status ([[general]]);
    - contexts and context_bonus: [text, table index] that tips equal guesses towards a table;
    - bare: the characters a bare number may stand between; unsure: the words for a guess.
    """
    tables = list(catalog.tables)
    position = {table.id: index for index, table in enumerate(tables)}
    named = set(message_tables(catalog))
    whys = Whys()
    numbers, seen_numbers = [], set()
    for pattern in [*rules.patterns, *status_lines(catalog)]:
        before, _, after = normalise(pattern.text).partition(SLOT)
        item = (before, after, tuple(position[t] for t in pattern.tables))
        if item not in seen_numbers:
            seen_numbers.add(item)
            numbers.append([before, after, list(item[2]), whys(pattern.why)])
    names_why = whys(NAME_WHY)
    phrases, seen_phrases = [], set()
    sent = [(message.text, code.anchor) for code in catalog.codes() for message in code.discord_sends]
    for phrase, anchor, weight, why in [*((w.text, w.anchor, WEIGHT_WORDING, w.why) for w in rules.wordings),
                                        *((text, anchor, WEIGHT_MESSAGE, MESSAGE_WHY) for text, anchor in sent),
                                        *((p, a, WEIGHT_NAME, NAME_WHY) for p, a in name_phrases(catalog))]:
        key = (normalise(phrase), anchor)
        if key not in seen_phrases:
            seen_phrases.add(key)
            phrases.append([key[0], anchor, weight, whys(why)])
    shapes = []
    for shape in rules.shapes:
        value = normalise(shape.text)
        name_first = value.index(NAME_SLOT) < value.index(SLOT)
        first, second = (NAME_SLOT, SLOT) if name_first else (SLOT, NAME_SLOT)
        before, _, rest = value.partition(first)
        between, _, after = rest.partition(second)
        shapes.append([before, between, after, int(name_first), [position[t] for t in shape.tables], whys(shape.why)])
    return {
        "tables": [[t.kind, t.anchor_prefix, WEIGHT_STATUS if t.id == STATUS_TABLE else WEIGHT_NUMBER,
                    int(t.id in named)] for t in tables],
        # An undocumented code's name is a library's word, not Discord's text: a trailing 1 tells
        # lookup.js not to match it as a phrase or an identifier (its number still matches).
        "codes": {code.anchor: [position[code.table_id], code.code, code.name, first_sentence(code.shown_explanation),
                                *((1,) if code.is_undocumented else ())]
                  for code in catalog.codes()},
        "numbers": numbers,
        "phrases": phrases,
        "whys": whys.texts,
        "names_why": names_why,
        "name_weight": WEIGHT_NAME,
        "min_phrase": MIN_WORDING,
        "constant_weight": WEIGHT_CONSTANT,
        "identifier_prefix": IDENTIFIER_PREFIX,
        "details": [[name, script, [a for a in anchors if a in catalog.by_anchor()], data]
                    for name, script, anchors, data in DETAIL_SCRIPTS],
        "shapes": shapes,
        "noise": [list(normalise(noise.text).split(SLOT)) for noise in rules.noises],
        "general": [general.anchor for general in rules.generals],
        "general_weight": WEIGHT_GENERAL,
        "contexts": [[normalise(context.text), position[context.table]] for context in rules.contexts],
        "context_bonus": CONTEXT_BONUS,
        "bare": [BARE_BEFORE, BARE_AFTER],
        "unsure": [BARE_ONE, BARE_MANY, UNSURE_TABLES],
    }


def constants_data(catalog: Catalog) -> dict:
    """The library constants that are not just a code's name (see library_constants) and the
    library names their bits stand for. A file of its own, fetched by lookup.js only for a text
    holding an identifier nothing else explains: the rules every paste needs stay within 22 KB
    gzip, and most pastes never need these."""
    return {"constants": library_constants(catalog), "libraries": [library.name for library in catalog.libraries]}


def rules_script(catalog: Catalog, rules: Rules) -> str:
    return f"window.lookupRules={script_json(rules_data(catalog, rules))};\n"


def constants_script(catalog: Catalog) -> str:
    return f"window.lookupConstants={script_json(constants_data(catalog))};\n"


def rule_files(catalog: Catalog, rules: Rules):
    """The lookup's two generated scripts, as (path inside the site, content) pairs."""
    yield RULES_SCRIPT, rules_script(catalog, rules)
    yield CONSTANTS_SCRIPT, constants_script(catalog)


# ---------------------------------------------------------------- the box on a page

def lookup_box(page_url: str) -> str:
    """The paste box, its results list and the two deferred scripts, for one page (HTML)."""
    root = relative_url(page_url, "")
    return f"""<div class="lookup" data-site-root="{root}">
<link rel="stylesheet" href="{root}{LOOKUP_STYLES}">
<label class="lookup-label" for="lookup-input">Paste an error, a stack trace or a log line: the codes it refers to appear below.</label>
<textarea id="lookup-input" class="lookup-input" rows="6" spellcheck="false" autocomplete="off" autocapitalize="off" placeholder="403 Forbidden (error code: 50013): Missing Permissions"></textarea>
<p id="lookup-status" class="lookup-status" role="status" aria-live="polite"></p>
<ol id="lookup-results" class="lookup-results"></ol>
</div>
<script defer src="{root}{RULES_SCRIPT}"></script>
<script defer src="{root}{LOOKUP_SCRIPT}"></script>
"""
