"""A minimal valid data set (one or two codes per table) to mutate in validation tests."""
from __future__ import annotations

import shutil
from pathlib import Path

TABLES = {
    "gateway-opcodes": ('page = "gateway"\nanchor_prefix = "op"\nkind = "gateway opcode"\nrange = [0, 99]\ncolumns = ["client_action"]',
                        ['code = 2\nname = "Identify"\nclient_action = "Send"\nexplanation = "Starts a session."']),
    "gateway-close-codes": ('page = "gateway"\nanchor_prefix = "close"\nkind = "gateway close code"\nrange = [4000, 4999]\ncolumns = ["reconnect", "resume"]',
                            ['code = 4004\nname = "Authentication failed"\nreconnect = false\nresume = false\n'
                             'explanation = "The token in the [identify payload](code:op-2) was wrong."',
                             'code = 4011\nname = "Sharding required"\nreconnect = false\nresume = false\n'
                             'explanation = "Too many guilds; see [sharding](docs:gateway-sharding)."']),
    "voice-opcodes": ('page = "voice"\nanchor_prefix = "voice-op"\nkind = "voice opcode"\nrange = [0, 99]\ncolumns = ["sent_by", "binary"]',
                      ['code = 7\nname = "Resume"\nsent_by = "client"\nbinary = false\nexplanation = "Resumes a voice session."']),
    "voice-close-codes": ('page = "voice"\nanchor_prefix = "voice-close"\nkind = "voice close code"\nrange = [4000, 4999]\ncolumns = ["reconnect", "resume"]',
                          ['code = 4011\nname = "Server not found"\nreconnect = true\nresume = false\nexplanation = "The voice server is gone; join again."']),
    "http-status-codes": ('page = "http"\nanchor_prefix = "http"\nkind = "HTTP status code"\nrange = [100, 599]\ncolumns = []\nstatus_classes = true',
                          ['code = 429\nname = "TOO MANY REQUESTS"\nexplanation = "Slow down; see [rate limits](docs:rate-limits)."',
                           'code = "5xx"\nname = "SERVER ERROR"\nexplanation = "Discord failed; retry later."']),
    "json-error-codes": ('page = "json"\nanchor_prefix = "json"\nkind = "JSON error code"\nrange = [0, 999999]\ncolumns = []',
                         ['code = 50035\nname = "Invalid form body"\nexplanation = "A field failed validation; read `errors`."']),
    "rpc-error-codes": ('page = "rpc"\nanchor_prefix = "rpc-error"\nkind = "RPC error code"\nrange = [1000, 5999]\ncolumns = []',
                        ['code = 4000\nname = "Invalid payload"\nexplanation = "The RPC server could not read the payload."']),
    "rpc-close-codes": ('page = "rpc"\nanchor_prefix = "rpc-close"\nkind = "RPC close code"\nrange = [4000, 4999]\ncolumns = []',
                        ['code = 4003\nname = "Token revoked"\nexplanation = "The OAuth2 token was revoked; authorize again."']),
}
REGISTRY = ('[links]\nrate-limits = "https://docs.discord.com/developers/topics/rate-limits"\n'
            'gateway-sharding = "https://docs.discord.com/developers/events/gateway#sharding"\n'
            'opcodes-and-status-codes = "https://docs.discord.com/developers/topics/opcodes-and-status-codes"\n')


def table_text(table_id: str) -> str:
    header, codes = TABLES[table_id]
    body = "\n\n".join(f"[[code]]\n{c}" for c in codes)
    return (f"#:schema ./table.schema.json\n# {table_id}: tiny test table.\n\n[table]\nid = \"{table_id}\"\n"
            f"title = \"{table_id}\"\n{header}\nintro = \"Intro.\"\n\n{body}\n")


def write(data_dir: Path) -> Path:
    """The tiny tables, and no library files: the real ones name codes the tiny set lacks."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(data_dir / "libraries", ignore_errors=True)
    (data_dir / "field-errors.toml").unlink(missing_ok=True)  # its sources name docs the tiny registry lacks
    # The real lookup rules name real codes, most of which the tiny tables lack; a project copied
    # from the repository and given the tiny tables has no lookup rules (tests add their own).
    shutil.rmtree(data_dir / "lookup", ignore_errors=True)
    # The real advice names real codes too; the tiny set has none (tests of advice add it, write_advice).
    shutil.rmtree(data_dir / "advice", ignore_errors=True)
    # The permission data names real codes (json-50013) too; test_endpoints.py writes its own.
    for name in ("endpoints.toml", "permissions.toml"):
        (data_dir / name).unlink(missing_ok=True)
    for table_id in TABLES:
        (data_dir / f"{table_id}.toml").write_text(table_text(table_id), encoding="utf-8")
    (data_dir / "discord-docs.toml").write_text(REGISTRY, encoding="utf-8")
    return data_dir


# Advice (data/advice/) for the tiny tables: a retry answer for each HTTP and JSON code, causes and
# fixes for one. tiny.write leaves it out (most tests change codes and need no advice); tests of
# advice add it with write_advice.
ADVICE = {
    "http-status-codes": '[[code]]\ncode = 429\nretry = "after-wait"\nretry_note = "Wait for Retry-After."\n\n'
                         '[[code]]\ncode = "5xx"\nretry = "after-wait"\n',
    "json-error-codes": ('[[code]]\ncode = 50035\nretry = "no"\n'
                         'fixes = ["Read the `errors` object and fix the field it names."]\n\n'
                         '[[code.causes]]\ntext = "A required field is missing."\n'
                         'sources = [{ docs = "rate-limits", about = "Shows the field." }]\n\n'
                         '[[code.causes]]\ntext = "A value has the wrong type; see [429](code:http-429)."\n'
                         'sources = [{ url = "https://github.com/discordjs/discord.js/issues/1", about = "A wrong type." }]\n'),
}


def advice_text(table_id: str) -> str:
    return f'#:schema ../advice.schema.json\n[advice]\ntable = "{table_id}"\n\n{ADVICE[table_id]}'


def write_advice(data_dir: Path) -> Path:
    (data_dir / "advice").mkdir(parents=True, exist_ok=True)
    for table_id in ADVICE:
        (data_dir / "advice" / f"{table_id}.toml").write_text(advice_text(table_id), encoding="utf-8")
    return data_dir
