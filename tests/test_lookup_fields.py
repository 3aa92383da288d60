"""lookup-fields.js in node: each library's rendering of a 50035, and the raw body, read into field
errors; codes inferred from the message where the library leaves them out; each field's documented
limit; hostile pastes answered fast and inert. Every fixture is text seen in a public thread (URL
beside it), trimmed to the lines that matter."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT
from lookup_cases import fastest_answers, run_in_node
from macros import field_site

FIELDS_JS = ROOT / "docs" / "assets" / "javascripts" / "lookup-fields.js"

RUNNER = """
const fields = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const answers = input.texts.map(text => {
  const started = process.hrtime.bigint();
  const errors = fields.parse(text);
  const explained = fields.explain(input.data, errors);
  return { errors, explained, ms: Number(process.hrtime.bigint() - started) / 1e6 };
});
process.stdout.write(JSON.stringify(answers));
"""


@pytest.fixture(scope="module")
def data(catalog):
    return field_site.lookup_data(catalog)


def run(data: dict, texts: list[str]) -> list[dict]:
    return json.loads(run_in_node(RUNNER, FIELDS_JS, {"data": data, "texts": texts}))


# (library, source URL, pasted text, [(path, code, inferred, limit max or None)])
FIXTURES = [
    ("discord.js v14", "https://github.com/Mephisto5558/Teufelsbot/issues/235",
     "DiscordAPIError[50035]: Invalid Form Body\n"
     "embeds[0].fields[9].value[BASE_TYPE_MAX_LENGTH]: Must be 1024 or fewer in length.\n"
     "    at handleErrors (/home/container/node_modules/@discordjs/rest/dist/index.js:640:13)\n",
     [("embeds[0].fields[9].value", "BASE_TYPE_MAX_LENGTH", False, 1024)]),
    ("discord.js v14, three errors", "https://github.com/Garlic-Team/gcommands/issues/295",
     "[ERROR] 50035 Invalid Form Body\n"
     "5.options[0].name[APPLICATION_COMMAND_INVALID_NAME]: Command name is invalid\n"
     "7.options[0].name[APPLICATION_COMMAND_INVALID_NAME]: Command name is invalid\n"
     "10.options[0].name[APPLICATION_COMMAND_INVALID_NAME]: Command name is invalid\n",
     [("5.options[0].name", "APPLICATION_COMMAND_INVALID_NAME", False, None),
      ("7.options[0].name", "APPLICATION_COMMAND_INVALID_NAME", False, None),
      ("10.options[0].name", "APPLICATION_COMMAND_INVALID_NAME", False, None)]),
    ("discord.js v14, two codes", "https://github.com/gonzyui/Discord-Template-V13/issues/8",
     "DiscordAPIError[50035]: Invalid Form Body\n"
     "options[0].type[NUMBER_TYPE_COERCE]: Value \"STRING\" is not int.\n"
     "type[NUMBER_TYPE_COERCE]: Value \"CHAT_INPUT\" is not int.\n"
     "    at SequentialHandler.runRequest (/x/SequentialHandler.js:198:23)\n",
     [("options[0].type", "NUMBER_TYPE_COERCE", False, None), ("type", "NUMBER_TYPE_COERCE", False, None)]),
    ("discord.js v14, an index as the path", "https://github.com/albertgmz/BeatDock/issues/103",
     "DiscordAPIError[50035]: Invalid Form Body\n"
     "7[APPLICATION_COMMANDS_DUPLICATE_NAME]: Application command names must be unique\n"
     "    at handleErrors (/app/node_modules/@discordjs/rest/dist/index.js:762:13)\n",
     [("7", "APPLICATION_COMMANDS_DUPLICATE_NAME", False, None)]),
    ("discord.js v13, no code", "https://github.com/alexemanuelol/rustplusplus/issues/16",
     "DiscordAPIError: Invalid Form Body\n"
     "embeds[0].fields[0].value: Must be 1024 or fewer in length.\n"
     "    at RequestHandler.execute (/root/rustPlusPlus/node_modules/discord.js/src/rest/RequestHandler.js:350:13)\n",
     [("embeds[0].fields[0].value", "BASE_TYPE_MAX_LENGTH", True, 1024)]),
    ("discord.js v12, no code", "https://github.com/v0idp/Mellow/issues/92",
     "DiscordAPIError: Invalid Form Body\n\n\nembed.fields[0].value: Must be 1024 or fewer in length.\n\n\n"
     "    at RequestHandler.execute (/usr/src/app/node_modules/discord.js/src/rest/RequestHandler.js:170:25)\n",
     [("embed.fields[0].value", "BASE_TYPE_MAX_LENGTH", True, 1024)]),
    ("Eris, no code", "https://github.com/ParadoxalCorp/felix-production/issues/9",
     "Error: DiscordRESTError [50035]: Invalid Form Body\n"
     "  embed.fields.2.value: Must be 1024 or fewer in length.\n[object Object]\n"
     "    at RequestHandler.request (/applications/felix-production/node_modules/eris/lib/rest/RequestHandler.js:68:15)\n",
     [("embed.fields.2.value", "BASE_TYPE_MAX_LENGTH", True, 1024)]),
    ("discord.py, no code", "https://github.com/austinmesh/bridger/issues/91",
     "Command invoke error: 400 Bad Request (error code: 50035): Invalid Form Body\n"
     "In data.embeds.0.fields: Must be 25 or fewer in length.\n",
     [("data.embeds.0.fields", "BASE_TYPE_MAX_LENGTH", True, 25)]),
    ("discord.py traceback, no code", "https://github.com/lexicalunit/spellbot/issues/384",
     "discord.errors.HTTPException: 400 Bad Request (error code: 50035): Invalid Form Body\n"
     "In embed.fields.0.value: This field is required\n",
     [("embed.fields.0.value", "BASE_TYPE_REQUIRED", True, None)]),
    ("JDA", "https://github.com/Xujiayao/Discord-MC-Chat/issues/182",
     "[22:04:29] [ForkJoinPool.commonPool-worker-1/ERROR]: RestAction queue returned failure: "
     "[ErrorResponseException] 50035: Invalid Form Body\n"
     "name\n    - APPLICATION_NAME_INVALID_CONTAINS: Application name cannot contain \"discord\"\n"
     "net.dv8tion.jda.api.exceptions.ContextException: null\n",
     [("name", "APPLICATION_NAME_INVALID_CONTAINS", False, None)]),
    ("Discord.Net", "https://github.com/LittleBigRefresh/Refresh/issues/143",
     "Discord.Net.HttpException: The server responded with error 50035: Invalid Form Body\n"
     "Inner Errors:\nLIST_ITEM_VALUE_REQUIRED: List item values of ModelType are required\n"
     "   at Discord.Net.Queue.RequestBucket.SendAsync(RestRequest request)\n",
     [("", "LIST_ITEM_VALUE_REQUIRED", False, None)]),
    ("serenity", "https://github.com/serenity-rs/serenity/issues/2311",
     "thread 'tokio-runtime-worker' panicked at 'called `Result::unwrap()` on an `Err` value: Http(UnsuccessfulRequest("
     "ErrorResponse { status_code: 400, url: Url { scheme: \"https\" }, error: DiscordJsonError { code: 50035, "
     "message: \"Invalid Form Body\", errors: [DiscordJsonSingleError { code: \"USERNAME_INVALID_CONTAINS\", "
     "message: \"Username cannot contain \\\"discord\\\"\", path: \"name\" }] } }))', examples/e17_message_components/src/main.rs:103:14\n",
     [("name", "USERNAME_INVALID_CONTAINS", False, None)]),
    ("Discordia", "https://github.com/discord/discord-api-docs/pull/1289",
     "HTTP Error 50035 : Invalid Form Body\n\tCHANNEL_PARENT_MAX_CHANNELS in parent_id : Maximum number of channels in category reached (50)\n",
     [("parent_id", "CHANNEL_PARENT_MAX_CHANNELS", False, None)]),
    ("discord.js v14, snowflake wording", "https://github.com/saiteja-madha/discord-js-bot/pull/377",
     "DiscordAPIError[50035]: Invalid Form Body\nuser_id[NUMBER_TYPE_COERCE]: Value \"null\" is not snowflake\n",
     [("user_id", "NUMBER_TYPE_COERCE", False, None)]),
    ("discord.js v13, snowflake wording, no code", "https://github.com/manix84/discord_gmod_bot/issues/4",
     "DiscordAPIError: Invalid Form Body\nuser_id: Value \"beans\" is not snowflake.\n",
     [("user_id", "NUMBER_TYPE_COERCE", True, None)]),
    ("discord.js v14, choices of a bulk command", "https://github.com/TiagoMarinho/Soph/issues/39",
     "DiscordAPIError[50035]: Invalid Form Body\n0.options[2].choices[BASE_TYPE_MAX_LENGTH]: Must be 25 or fewer in length.\n"
     "1.options[3].choices[BASE_TYPE_MAX_LENGTH]: Must be 25 or fewer in length.\n",
     [("0.options[2].choices", "BASE_TYPE_MAX_LENGTH", False, 25), ("1.options[3].choices", "BASE_TYPE_MAX_LENGTH", False, 25)]),
    ("JDA, indented with a tab", "https://github.com/discord-jda/JDA/issues/2984",
     "ERROR t.r.f.d.m.m.m.l.s.EditFieldStringSelected - 50035: Invalid Form Body\ndata.components[0].component.disabled\n"
     "\t- MODAL_COMPONENT_DISABLED: Modals do not support disabled components\nnet.dv8tion.jda.api.exceptions.ErrorResponseException: 50035: Invalid Form Body\n",
     [("data.components[0].component.disabled", "MODAL_COMPONENT_DISABLED", False, None)]),
    ("discordgo, raw body after text, repeated", "https://github.com/MehulKhanna/PokeGrinder/issues/20",
     "PokeGrinder is running, press CTRL+C to exit!\n"
     + 'HTTP 400 Bad Request, {"message": "Invalid Form Body", "code": 50035, "errors": {"application_id": {"_errors": '
       '[{"code": "NUMBER_TYPE_COERCE", "message": "Value \\"\\" is not snowflake."}]}}}\n' * 2,
     [("application_id", "NUMBER_TYPE_COERCE", False, None)]),
    ("raw JSON", "https://github.com/member-gentei/member-gentei/pull/127",
     '{\n    "code": 50035,\n    "errors": {\n        "embeds": {\n            "_errors": [\n                {\n'
     '                    "code": "BASE_TYPE_MAX_LENGTH",\n                    "message": "Must be 10 or fewer in length."\n'
     '                }\n            ]\n        }\n    },\n    "message": "Invalid Form Body"\n}',
     [("embeds", "BASE_TYPE_MAX_LENGTH", False, 10)]),
    ("raw JSON, two errors", "https://github.com/discord/discord-api-docs/issues/4494",
     '{"code": 50035, "errors": {"permissions": {"0": {"_errors": [{"code": "MODEL_TYPE_CONVERT", '
     '"message": "Only dictionaries may be used in a ModelType"}]}, "1": {"_errors": [{"code": "LIST_ITEM_VALUE_REQUIRED", '
     '"message": "List item values of ModelType are required"}]}}}, "message": "Invalid Form Body"}',
     [("permissions.0", "MODEL_TYPE_CONVERT", False, None), ("permissions.1", "LIST_ITEM_VALUE_REQUIRED", False, None)]),
]


@pytest.mark.parametrize("library, url, text, expected", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_each_rendering_is_read(data, library, url, text, expected):
    [answer] = run(data, [text])
    got = [(e["path"], e["code"], e["inferred"], e["limit"][1] if e["limit"] else None) for e in answer["explained"]]
    assert sorted(got) == sorted(expected), url
    assert all(e["known"] and e["anchor"] == "field-" + e["code"].lower().replace("_", "-") for e in answer["explained"])


def test_the_renderings_shown_on_fields_page_are_read(data):
    """The examples /fields/ shows per library are parsed too (each is a sourced sample)."""
    texts = [f"Invalid Form Body\n{sample}\n" if not sample.startswith("{") else sample
             for _, _, sample, _ in field_site.RENDERINGS]
    answers = run(data, texts)
    assert all(answer["explained"] and all(e["known"] for e in answer["explained"]) for answer in answers)


def test_an_unknown_code_keeps_its_path_and_message(data):
    [answer] = run(data, ["DiscordAPIError[50035]: Invalid Form Body\n"
                          "data.components[0][SOME_NEW_CODE]: Something Discord added yesterday\n"])
    [error] = answer["explained"]
    assert (error["path"], error["code"], error["known"], error["message"]) == \
           ("data.components[0]", "SOME_NEW_CODE", False, "Something Discord added yesterday")


def test_without_a_marker_ordinary_log_lines_are_not_field_errors(data):
    [answer] = run(data, ["INFO: started\nconfig.path: /etc/bot.toml\nembeds[0].title: hello\n"])
    assert answer["errors"] == []


@pytest.mark.parametrize("name, text", [
    ("deep JSON", '{"code": 50035, "errors": ' + '{"a": ' * 5000 + '{}' + '}' * 5000 + ', "message": "Invalid Form Body"}'),
    ("100 KB of brackets", "Invalid Form Body\n" + "[" * 99_000),
    ("__proto__ keys", '{"code": 50035, "errors": {"__proto__": {"_errors": [{"code": "BASE_TYPE_REQUIRED", '
                       '"message": "<img src=x onerror=alert(1)>"}]}, "constructor": {"_errors": "x"}}, "message": "Invalid Form Body"}'),
    ("many lines", "Invalid Form Body\n" + "a[B_C]: x\n" * 9000),
    ("serenity markers without end", "DiscordJsonSingleError { code: \"A_B\", message: \"" * 2000),
])
def test_hostile_pastes_are_fast_and_inert(data, name, text):
    [answer] = fastest_answers(lambda texts: run(data, texts), [text])
    assert answer["ms"] < 100, (name, answer["ms"])
    assert len(answer["errors"]) <= 50
    assert {}.__class__.__name__ == "dict"  # node did not crash: run() checked its exit status
    if name == "__proto__ keys":
        [error] = answer["explained"]
        assert error["path"] == "__proto__" and error["message"] == "<img src=x onerror=alert(1)>"


def test_python_and_javascript_pick_the_same_limit(catalog, data):
    """lookup-fields.js mirrors field_errors.limit_for: the same path and number, the same limit."""
    from macros import field_errors as fe

    cases = [("embeds[1].title", 256), ("embeds", 6000), ("embeds", 10), ("5.options[0].name", 32), ("content", 2000),
             ("data.components[0].components[0].options", 25), ("username", 80)]
    texts = [f"Invalid Form Body\n{path}[BASE_TYPE_MAX_LENGTH]: Must be {n} or fewer in length.\n" for path, n in cases]
    answers = run(data, texts)
    for (path, number), answer in zip(cases, answers):
        expected = fe.limit_for(catalog.field_registry, path, number)
        assert answer["explained"][0]["limit"][0] == expected.what, path


def test_the_matcher_lists_json_50035_first_for_every_fixture():
    """The field details hang under json-50035: the main matcher must find it in each paste."""
    import lookup_cases
    from test_lookup import run_matcher

    rules = {**lookup_cases.rules_data(), "constants": lookup_cases.constants_data()}
    answers = run_matcher(rules, [text for _, _, text, _ in FIXTURES])
    firsts = {name: (answer["results"][0]["anchor"] if answer["results"] else None)
              for (name, *_), answer in zip(FIXTURES, answers)}
    assert firsts == {name: "json-50035" for name, *_ in FIXTURES}


def test_a_body_after_a_cut_off_object_is_still_read(data):
    """Logs often cut an object short (`requestBody: { json: [`): the body after it still counts."""
    text = ("requestBody: { json: [ [Object]\n"
            '{"code": 50035, "errors": {"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", '
            '"message": "Must be 2000 or fewer in length."}]}}, "message": "Invalid Form Body"}')
    [answer] = run(data, [text])
    [error] = answer["explained"]
    assert (error["path"], error["code"], error["limit"][0]) == ("content", "BASE_TYPE_MAX_LENGTH", "Message content")
