"""Endpoint permissions (issue 21): extraction from a cut-down docs tree, the data's validation
rules (one tiny bad input each), the sync comparison, the export, search entries and the code
page checklist."""
from __future__ import annotations

import io
import json
import shutil
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, problems
from helpers import fastest_run, replace_in
from macros.endpoints import export as endpoints_export
from macros.endpoints import render as endpoints_render
from macros.endpoints import store
from macros.sync import routes as endpoint_sync
from macros.endpoints.__main__ import run_extract
from macros.endpoints.model import docs_url

FIXTURE = ROOT / "tests" / "fixtures" / "discord-api-docs"
FIXTURE_FLAGS = ["KICK_MEMBERS", "BAN_MEMBERS", "MANAGE_GUILD", "VIEW_AUDIT_LOG", "MANAGE_MESSAGES", "MOVE_MEMBERS",
                 "MANAGE_NICKNAMES", "MANAGE_ROLES", "MODERATE_MEMBERS"]
BITS = {"KICK_MEMBERS": 1, "BAN_MEMBERS": 2, "MANAGE_GUILD": 5, "VIEW_AUDIT_LOG": 7, "MANAGE_MESSAGES": 13,
        "MOVE_MEMBERS": 24, "MANAGE_NICKNAMES": 27, "MANAGE_ROLES": 28, "MODERATE_MEMBERS": 40}


def permissions_toml(code: str = "json-50035") -> str:
    flags = "".join(f'[[flag]]\nname = "{name}"\nbit = {BITS[name]}\nallows = "do what {name.lower()} allows"\n'
                    f'channel_types = []\nsource = "topics/permissions#permissions-bitwise-permission-flags"\n\n'
                    for name in FIXTURE_FLAGS)
    rule = (f'[[rule]]\nid = "hierarchy"\ntitle = "Below the bot"\ntext = "Our words."\ntargets = ["member"]\n'
            f'codes = ["{code}"]\nsource = "topics/permissions#permission-hierarchy"\n')
    return flags + rule


@pytest.fixture
def data_with_permissions(tiny_data) -> Path:
    (tiny_data / "permissions.toml").write_text(permissions_toml(), encoding="utf-8")
    assert run_extract(FIXTURE, tiny_data, out=io.StringIO()) == 0
    return tiny_data


def routes(data_dir: Path) -> dict:
    data = tomllib.loads((data_dir / "endpoints.toml").read_text(encoding="utf-8"))
    return {route["name"]: route for route in data["route"]}


# ---------------------------------------------------------------- extraction from the fixture tree

def test_every_route_section_is_read_with_its_method_path_and_docs_anchor(data_with_permissions):
    found = routes(data_with_permissions)
    assert {name: (r["method"], r["path"], r["page"], r["anchor"]) for name, r in found.items()} == {
        "Get Guild": ("GET", "/guilds/{guild.id}", "resources/guild", "get-guild"),
        "List Guild Members": ("GET", "/guilds/{guild.id}/members", "resources/guild", "list-guild-members"),
        "Modify Guild Member": ("PATCH", "/guilds/{guild.id}/members/{user.id}", "resources/guild", "modify-guild-member"),
        "Add Guild Member Role": ("PUT", "/guilds/{guild.id}/members/{user.id}/roles/{role.id}", "resources/guild",
                                  "add-guild-member-role"),
        "Get Guild Invites": ("GET", "/guilds/{guild.id}/invites", "resources/guild", "get-guild-invites"),
        "Delete Message": ("DELETE", "/channels/{channel.id}/messages/{message.id}", "resources/message", "delete-message"),
    }  # the change log's quoted Route is no endpoint


def test_a_plain_requirement_sentence_gives_flags_and_its_source(data_with_permissions):
    found = routes(data_with_permissions)
    assert found["Add Guild Member Role"]["permission"] == "required"
    assert found["Add Guild Member Role"]["requirement"] == [
        {"permissions": ["MANAGE_ROLES"], "by": "docs-text", "source": "resources/guild#add-guild-member-role"}]
    # "or" between the flags: either is enough
    assert found["Get Guild Invites"]["requirement"][0]["permissions"] == ["MANAGE_GUILD", "VIEW_AUDIT_LOG"]
    assert found["Get Guild Invites"]["requirement"][0]["match"] == "any"


def test_the_permission_column_gives_one_condition_per_field(data_with_permissions):
    member = routes(data_with_permissions)["Modify Guild Member"]
    assert member["permission"] == "conditional"
    conditions = {r["when"]: r["permissions"] for r in member["requirement"]}
    assert conditions["the request sets `nick`"] == ["MANAGE_NICKNAMES"]
    assert conditions["the request sets `roles`"] == ["MANAGE_ROLES"]
    assert conditions["the request sets `communication_disabled_until`"] == ["MODERATE_MEMBERS"]
    assert conditions["the request sets `channel_id`"] == ["MOVE_MEMBERS"]
    flags = [r for r in member["requirement"] if r["when"] == "the request sets `flags`"][0]
    assert flags["expression"] == "MANAGE_GUILD or MANAGE_ROLES or (MODERATE_MEMBERS and KICK_MEMBERS and BAN_MEMBERS)"
    assert {r["source"] for r in member["requirement"]} == {"resources/guild#modify-guild-member-json-params"}


def test_an_intent_a_route_without_flags_and_a_conditional_sentence(data_with_permissions):
    found = routes(data_with_permissions)
    assert found["List Guild Members"]["requirement"] == [
        {"intent": "GUILD_MEMBERS", "by": "docs-text", "source": "resources/guild#list-guild-members"}]
    assert found["Get Guild"]["permission"] == "none" and "requirement" not in found["Get Guild"]
    # a condition the parser cannot word waits for review; the code block's flag is not read
    assert found["Delete Message"]["requirement"] == [
        {"permissions": ["MANAGE_MESSAGES"], "review": True, "by": "docs-text", "source": "resources/message#delete-message"}]
    # the sentence under the next non-route heading belongs to no route
    assert all("BAN_MEMBERS" not in r.get("permissions", []) for r in found["Get Guild Invites"]["requirement"])


def test_a_second_run_writes_the_same_bytes(data_with_permissions):
    first = (data_with_permissions / "endpoints.toml").read_bytes()
    report = io.StringIO()
    assert run_extract(FIXTURE, data_with_permissions, out=report) == 0
    assert (data_with_permissions / "endpoints.toml").read_bytes() == first
    assert "(unchanged)" in report.getvalue()


def test_what_a_person_wrote_is_kept_and_the_rest_is_listed_for_review(data_with_permissions):
    path = data_with_permissions / "endpoints.toml"
    replace_in(path, 'permissions = ["MANAGE_MESSAGES"]\nreview = true\n',
               'permissions = ["MANAGE_MESSAGES"]\nwhen = "deleting someone else\'s message"\n')
    path.write_text(path.read_text() + '\n[[route.requirement]]\npermissions = ["MANAGE_GUILD"]\n'
                    'when = "a hand-written case"\nby = "hand"\nsource = "resources/message#delete-message"\n')
    report = io.StringIO()
    run_extract(FIXTURE, data_with_permissions, out=report)
    delete = routes(data_with_permissions)["Delete Message"]["requirement"]
    assert [r.get("when") for r in delete] == ["deleting someone else's message", "a hand-written case"]
    assert "need a condition" not in report.getvalue()
    assert problems(data_with_permissions) == []


def test_a_review_is_listed_by_route(data_with_permissions):
    report = io.StringIO()
    run_extract(FIXTURE, data_with_permissions, out=report)
    assert ("DELETE /channels/{channel.id}/messages/{message.id} (Delete Message): MANAGE_MESSAGES under a condition"
            in report.getvalue())


def test_a_folder_that_is_no_docs_checkout_is_refused(tiny_data, capsys):
    assert run_extract(tiny_data, tiny_data) == 1
    assert "not a discord-api-docs checkout" in capsys.readouterr().err


# ---------------------------------------------------------------- validation: one rule, one bad input

def bad(data_dir: Path, old: str, new: str, file: str = "endpoints.toml") -> list[str]:
    replace_in(data_dir / file, old, new)
    return problems(data_dir)


def test_the_extracted_fixture_data_is_valid(data_with_permissions):
    assert problems(data_with_permissions) == []


def test_unknown_flag(data_with_permissions):
    [line] = bad(data_with_permissions, 'permissions = ["MANAGE_ROLES"]\nby', 'permissions = ["MANAGE_ROLS"]\nby')
    assert line.startswith("data/endpoints.toml:") and line.endswith(
        "route PUT /guilds/{guild.id}/members/{user.id}/roles/{role.id}: unknown permission flag 'MANAGE_ROLS'")


def test_path_with_a_url_in_it(data_with_permissions):
    [line] = bad(data_with_permissions, 'path = "/guilds/{guild.id}"', 'path = "https://discord.com/guilds/{guild.id}"')
    assert "must be '/'-separated words and {thing.id} placeholders" in line


def test_permission_state_must_match_the_requirements(data_with_permissions):
    [line] = bad(data_with_permissions, 'anchor = "get-guild"\npermission = "none"', 'anchor = "get-guild"\npermission = "required"')
    assert line.endswith("route GET /guilds/{guild.id}: permission = 'required', but its requirements make it 'none'")


def test_unknown_field_in_a_route(data_with_permissions):
    [line] = bad(data_with_permissions, 'anchor = "get-guild"\n', 'anchor = "get-guild"\nanchr = "x"\n')
    assert "route GET /guilds/{guild.id}: unknown field 'anchr' in [[route]]; allowed: " in line


def test_source_must_be_a_docs_page_and_anchor(data_with_permissions):
    [line] = bad(data_with_permissions, 'source = "resources/guild#add-guild-member-role"',
                 'source = "https://example.com/x"')
    assert "source 'https://example.com/x' must be a docs page and anchor" in line


def test_review_and_when_together(data_with_permissions):
    [line] = bad(data_with_permissions, "review = true\n", 'review = true\nwhen = "x"\n')
    assert "'review' is for a condition not yet written" in line


def test_rule_naming_an_unknown_code(data_with_permissions):
    [line] = bad(data_with_permissions, 'codes = ["json-50035"]', 'codes = ["json-5003"]', "permissions.toml")
    assert line.endswith("rule hierarchy: 'codes' names 'json-5003', which is no code's anchor")
    assert line.startswith("data/permissions.toml:")


def test_two_flags_with_one_bit(data_with_permissions):
    [line] = bad(data_with_permissions, "bit = 2\n", "bit = 1\n", "permissions.toml")
    assert line.endswith("bit 1 is listed twice")


def test_flag_without_our_words(data_with_permissions):
    [line] = bad(data_with_permissions, 'allows = "do what kick_members allows"', 'allows = " "', "permissions.toml")
    assert line.endswith("flag KICK_MEMBERS: 'allows' must say, in our words, what the flag allows")


def test_all_problems_at_once(data_with_permissions):
    replace_in(data_with_permissions / "endpoints.toml", 'method = "GET"\npath = "/guilds/{guild.id}"\n',
               'method = "FETCH"\npath = "/guilds/{guild.id}"\n')
    replace_in(data_with_permissions / "permissions.toml", 'targets = ["member"]', 'targets = ["members"]')
    lines = problems(data_with_permissions)
    assert len(lines) == 2 and any("method must be one of" in l for l in lines) and any("unknown target" in l for l in lines)


# ---------------------------------------------------------------- sync: upstream changes reported

def test_sync_reports_routes_added_removed_and_changed(data_with_permissions, tmp_path):
    upstream = tmp_path / "docs"
    shutil.copytree(FIXTURE, upstream)
    assert endpoint_sync.differences(data_with_permissions, upstream) == []
    guild = upstream / "developers" / "resources" / "guild.mdx"
    replace_in(guild, "Placeholder: gives a role. Requires the `MANAGE_ROLES` permission.", "Placeholder: gives a role.")
    replace_in(guild, '## Get Guild\n<Route method="GET">', '## Get Guild\n<Route method="POST">')
    message = upstream / "developers" / "resources" / "message.mdx"
    message.write_text(message.read_text().replace("## Delete Message", "## Remove Message"))
    assert endpoint_sync.differences(data_with_permissions, upstream) == [
        "route added: DELETE /channels/{channel.id}/messages/{message.id} (Remove Message)",
        "route removed: DELETE /channels/{channel.id}/messages/{message.id} (Delete Message) (kept, marked removed)",
        "route changed: GET /guilds/{guild.id} (Get Guild) → POST /guilds/{guild.id} (Get Guild)",
        "route PUT /guilds/{guild.id}/members/{user.id}/roles/{role.id} changed permissions: MANAGE_ROLES → none",
    ]


def test_sync_reports_a_new_flag(data_with_permissions, tmp_path):
    upstream = tmp_path / "docs"
    shutil.copytree(FIXTURE, upstream)
    page = upstream / "developers" / "topics" / "permissions.mdx"
    replace_in(page, "\n\n## Permission Hierarchy",
               "\n| PIN_MESSAGES         | `0x0008000000000000` `(1 << 51)` | placeholder  | T                          |"
               "\n\n## Permission Hierarchy")
    assert endpoint_sync.differences(data_with_permissions, upstream) == [
        "flag added: PIN_MESSAGES (bit 51); add it to data/permissions.toml with `allows` in our words"]


def test_sync_of_a_single_page_file_compares_no_routes(data_with_permissions):
    assert endpoint_sync.differences(data_with_permissions, FIXTURE / "developers" / "resources" / "guild.mdx") == []


# ---------------------------------------------------------------- the real data, export, page

def test_the_real_data_covers_every_route_and_sources_every_requirement(catalog):
    permissions = catalog.permissions
    assert len(permissions.current_routes) >= 232  # Route sections in discord-api-docs at the recorded commit
    assert len({(r.method, r.path, r.anchor) for r in permissions.routes}) == len(permissions.routes)
    for route in permissions.routes:
        for requirement in route.requirements:
            assert requirement.source and docs_url(requirement.source).startswith("https://docs.discord.com/developers/")
    by_name = {r.name: r for r in permissions.routes}
    member = {r.when: r.permissions for r in by_name["Modify Guild Member"].requirements}
    assert member["the request sets `nick`"] == ("MANAGE_NICKNAMES",)
    assert member["the request sets `communication_disabled_until`"] == ("MODERATE_MEMBERS",)
    assert any("permission_overwrites" in r.when and r.permissions == ("MANAGE_ROLES",)
               for r in by_name["Modify Channel"].requirements)
    assert [r.permissions for r in by_name["Delete Message"].requirements] == [("MANAGE_MESSAGES",)]
    assert [r.intent for r in by_name["List Guild Members"].requirements] == ["GUILD_MEMBERS"]


def test_permissions_json_follows_its_schema(catalog):
    data = json.loads(endpoints_export.permissions_json(catalog.permissions, "https://example.org/"))
    schema = json.loads((ROOT / "macros" / "endpoints" / "permissions_json.schema.json").read_text())
    errors = sorted(str(e.message) for e in Draft202012Validator(schema).iter_errors(data))
    assert errors == []
    add = [r for r in data["routes"] if r["name"] == "Add Guild Member Role"][0]
    assert add["permissions"] == ["MANAGE_ROLES"] and add["method"] == "PUT"
    assert add["docs_url"] == "https://docs.discord.com/developers/resources/guild#add-guild-member-role"
    assert add["url"] == "https://example.org/permissions/#route-add-guild-member-role"
    members = [r for r in data["routes"] if r["name"] == "List Guild Members"][0]
    assert members["intents"] == ["GUILD_MEMBERS"]
    assert {f["name"]: f["bit"] for f in data["flags"]}["MANAGE_ROLES"] == 28


def test_search_finds_a_route_by_name_flag_and_pasted_path(catalog):
    entries = endpoints_export.search_entries(catalog.permissions)
    route = [e for e in entries if e["location"] == "permissions/#route-add-guild-member-role"][0]
    assert "Add Guild Member Role" in route["title"]
    assert "MANAGE_ROLES" in route["text"]
    assert "guilds {guild.id} members {user.id} roles {role.id}" in route["text"]  # a pasted path's words
    flag = [e for e in entries if e["location"] == "permissions/#perm-manage-roles"][0]
    assert flag["title"].startswith("MANAGE_ROLES") and "Add Guild Member Role" in flag["text"]


def test_the_checklist_is_on_50013_and_50001_only_and_links_to_the_page(catalog):
    codes = catalog.by_anchor()
    html = endpoints_render.checklist(catalog, codes["json-50013"], "c/json-50013/")
    assert 'href="../../permissions/#why-hierarchy"' in html
    assert html.count('class="docs-link"') >= len(catalog.permissions.rules_for("json-50013"))  # each sourced
    assert "topics/permissions#permission-hierarchy" in html
    assert "Missing Access (50001) or Missing Permissions (50013)?" in html
    assert 'id="why-' not in html  # the ids live on /permissions/ only
    assert "why-view-channel" in endpoints_render.checklist(catalog, codes["json-50001"], "c/json-50001/")
    assert endpoints_render.checklist(catalog, codes["json-50035"], "c/json-50035/") == ""


def test_data_text_is_escaped_on_the_page(catalog):
    import dataclasses
    from macros.endpoints.extract import Route

    hostile = Route("GET", "/x", "<img src=x onerror=alert(1)>", "resources/x", "x", "<b>R</b>")
    permissions = dataclasses.replace(catalog.permissions, routes=(hostile,))
    html = endpoints_render.permissions_page(permissions)
    assert "<img" not in html and "&lt;img src=x" in html and "<b>R</b>" not in html


def test_lookup_data_is_compact_and_from_the_data(catalog):
    data = endpoints_export.lookup_data(catalog.permissions)
    assert len(data["routes"]) == len(catalog.permissions.current_routes)
    add = [r for r in data["routes"] if r[2] == "Add Guild Member Role"][0]
    assert add[:5] == ["PUT", "/guilds/{guild.id}/members/{user.id}/roles/{role.id}", "Add Guild Member Role",
                       "route-add-guild-member-role", ["MANAGE_ROLES"]]
    assert "member" in add[7] and "role" in add[7]


def test_the_extractor_reproduces_the_data_file_from_the_same_docs(tmp_path):
    """store.to_toml(from_data(file)) is the file itself: what the extractor writes, it reads back unchanged."""
    text = (ROOT / "data" / "endpoints.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert store.to_toml(store.from_data(data), data["docs"]["commit"]) == text


def test_removing_review_without_a_condition_says_always(data_with_permissions):
    replace_in(data_with_permissions / "endpoints.toml", 'permissions = ["MANAGE_MESSAGES"]\nreview = true\n',
               'permissions = ["MANAGE_MESSAGES"]\n')
    replace_in(data_with_permissions / "endpoints.toml", 'anchor = "delete-message"\npermission = "conditional"',
               'anchor = "delete-message"\npermission = "required"')
    report = io.StringIO()
    run_extract(FIXTURE, data_with_permissions, out=report)
    delete = routes(data_with_permissions)["Delete Message"]
    assert delete["permission"] == "required" and "review" not in delete["requirement"][0]
    assert "need a condition" not in report.getvalue()


def test_a_requirement_problem_names_the_requirement_line(data_with_permissions):
    text = (data_with_permissions / "endpoints.toml").read_text(encoding="utf-8")
    wanted = text.splitlines().index('permissions = ["MANAGE_ROLES"]', text.splitlines().index('name = "Add Guild Member Role"'))
    [line] = bad(data_with_permissions, 'permissions = ["MANAGE_ROLES"]\nby = "docs-text"', 'permissions = ["MANAGE_ROLS"]\nby = "docs-text"')
    assert line.startswith(f"data/endpoints.toml:{wanted}: ")  # the [[route.requirement]] header, just above


def test_make_sync_reports_a_route_change_like_a_code_change(data_with_permissions, tmp_path):
    """`python -m macros.sync CHECKOUT`: the code tables agree, a route does not: exit 1, one line."""
    import subprocess
    import sys

    import upstream_pages
    from macros.sync import upstream

    checkout = tmp_path / "docs"
    shutil.copytree(FIXTURE, checkout)
    page = checkout / upstream.PAGE_PATHS[-1]
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(upstream_pages.page("2026"), encoding="utf-8")

    def sync():
        return subprocess.run([sys.executable, "-m", "macros.sync", str(checkout), "--data", str(data_with_permissions)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert (sync().returncode, sync().stdout) == (0, "")
    replace_in(checkout / "developers" / "resources" / "guild.mdx", "## Get Guild Invites", "## List Guild Invites")
    result = sync()
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == ["route added: GET /guilds/{guild.id}/invites (List Guild Invites)",
                                          "route removed: GET /guilds/{guild.id}/invites (Get Guild Invites)"
                                          " (kept, marked removed)"]


@pytest.mark.parametrize("name", ["endpoints", "permissions"])
def test_the_data_file_points_to_its_editor_schema_and_passes_it(name):
    schema = json.loads((ROOT / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    text = (ROOT / "data" / f"{name}.toml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"#:schema ./{name}.schema.json"
    assert [e.message for e in Draft202012Validator(schema).iter_errors(tomllib.loads(text))] == []


def test_the_editor_schema_and_python_reject_the_same_unknown_field(data_with_permissions):
    schema = json.loads((ROOT / "data" / "endpoints.schema.json").read_text(encoding="utf-8"))
    lines = bad(data_with_permissions, 'anchor = "get-guild"\n', 'anchor = "get-guild"\nanchr = "x"\n')
    data = tomllib.loads((data_with_permissions / "endpoints.toml").read_text(encoding="utf-8"))
    assert lines and list(Draft202012Validator(schema).iter_errors(data))


def test_a_superseded_docs_requirement_is_kept_for_the_extractor_but_not_shown(data_with_permissions, catalog):
    path = data_with_permissions / "endpoints.toml"
    replace_in(path, 'match = "any"\nby = "docs-text"\nsource = "resources/guild#get-guild-invites"',
               'match = "any"\nsuperseded = true\nby = "docs-text"\nsource = "resources/guild#get-guild-invites"\n\n'
               '[[route.requirement]]\npermissions = ["MANAGE_GUILD"]\nby = "hand"\nsource = "resources/guild#get-guild-invites"')
    first = path.read_bytes()
    run_extract(FIXTURE, data_with_permissions, out=io.StringIO())
    assert path.read_bytes() == first
    from macros.catalog import load_catalog

    permissions = load_catalog(data_with_permissions).permissions
    invites = [r for r in permissions.routes if r.name == "Get Guild Invites"][0]
    assert [q.permissions for q in invites.in_force] == [("MANAGE_GUILD",)]
    record = endpoints_export.route_record(invites, "")
    assert record["permissions"] == ["MANAGE_GUILD"] and record["conditions"] == []
    assert "VIEW_AUDIT_LOG" not in endpoints_render.route_needs(invites)


# ---------------------------------------------------------------- removed upstream: kept, marked

PREVIEW = ('\n[[route]]\nmethod = "GET"\npath = "/guilds/{guild.id}/preview"\nname = "Get Guild Preview"\n'
           'resource = "Guild Resource"\npage = "resources/guild"\nanchor = "get-guild-preview"\npermission = "none"\n')


def with_dropped_route(data_dir: Path) -> Path:
    """The data file gains a route the fixture docs do not have, right after Get Guild."""
    path = data_dir / "endpoints.toml"
    replace_in(path, 'anchor = "get-guild"\npermission = "none"\n', 'anchor = "get-guild"\npermission = "none"\n' + PREVIEW)
    return path


def test_a_route_the_docs_dropped_is_kept_marked_removed_and_rerunning_writes_the_same_bytes(data_with_permissions):
    path = with_dropped_route(data_with_permissions)
    report = io.StringIO()
    assert run_extract(FIXTURE, data_with_permissions, out=report, month="2026-11") == 0
    names = list(routes(data_with_permissions))
    assert names.index("Get Guild Preview") == names.index("Get Guild") + 1  # where it was
    preview = routes(data_with_permissions)["Get Guild Preview"]
    assert preview["removed"] == "2026-11" and preview["anchor"] == "get-guild-preview"
    assert ("route removed: GET /guilds/{guild.id}/preview (Get Guild Preview) (kept, marked removed 2026-11)"
            in report.getvalue())
    assert problems(data_with_permissions) == []
    first = path.read_bytes()
    again = io.StringIO()
    run_extract(FIXTURE, data_with_permissions, out=again, month="2027-01")  # a later run keeps the first month
    assert path.read_bytes() == first
    assert "(unchanged)" in again.getvalue() and "route removed" not in again.getvalue()


def test_a_removed_route_that_comes_back_loses_its_mark(data_with_permissions):
    replace_in(data_with_permissions / "endpoints.toml", 'anchor = "get-guild"\npermission = "none"\n',
               'anchor = "get-guild"\npermission = "none"\nremoved = "2025-01"\n')
    run_extract(FIXTURE, data_with_permissions, out=io.StringIO(), month="2026-11")
    assert "removed" not in routes(data_with_permissions)["Get Guild"]


def test_without_a_commit_date_the_mark_is_this_month(data_with_permissions):
    from datetime import datetime, timezone

    with_dropped_route(data_with_permissions)
    run_extract(FIXTURE, data_with_permissions, out=io.StringIO())  # the fixture is no git work tree of its own
    assert routes(data_with_permissions)["Get Guild Preview"]["removed"] == datetime.now(timezone.utc).strftime("%Y-%m")


def test_a_removed_route_keeps_its_published_id(data_with_permissions):
    from macros import lock
    from macros.catalog import load_catalog

    with_dropped_route(data_with_permissions)
    lock_path = data_with_permissions / "anchors.lock"
    lock.update(load_catalog(data_with_permissions), lock_path)
    assert "permissions/#route-get-guild-preview" in lock.read_lock(lock_path)
    run_extract(FIXTURE, data_with_permissions, out=io.StringIO(), month="2026-11")
    catalog = load_catalog(data_with_permissions)
    assert lock.unresolved(catalog, lock.read_lock(lock_path)) == []
    html = endpoints_render.permissions_page(catalog.permissions)
    row = html[html.index('id="route-get-guild-preview"'):]
    row = row[:row.index("</tr>")]
    assert "Removed 2026-11" in row
    assert "Removed" not in html[html.index('id="route-get-guild"'):][:300]  # a current route is not marked
    assert "6 routes in Discord's docs. 1 more" in html  # the removed one is not counted as current


def test_a_removed_route_is_exported_marked_and_left_out_of_the_lookup(data_with_permissions):
    from macros.catalog import load_catalog

    with_dropped_route(data_with_permissions)
    run_extract(FIXTURE, data_with_permissions, out=io.StringIO(), month="2026-11")
    permissions = load_catalog(data_with_permissions).permissions
    data = json.loads(endpoints_export.permissions_json(permissions, "https://example.org/"))
    schema = json.loads((ROOT / "macros" / "endpoints" / "permissions_json.schema.json").read_text())
    assert [e.message for e in Draft202012Validator(schema).iter_errors(data)] == []
    by_name = {r["name"]: r for r in data["routes"]}
    assert by_name["Get Guild Preview"]["removed"] == "2026-11" and by_name["Get Guild"]["removed"] is None
    assert by_name["Get Guild Preview"]["url"] == "https://example.org/permissions/#route-get-guild-preview"
    looked_up = [r[2] for r in endpoints_export.lookup_data(permissions)["routes"]]
    assert "Get Guild Preview" not in looked_up and "Get Guild" in looked_up
    entry = [e for e in endpoints_export.search_entries(permissions)
             if e["location"] == "permissions/#route-get-guild-preview"][0]
    assert "(removed 2026-11)" in entry["title"]


def test_a_removed_route_is_listed_last_under_its_flag(data_with_permissions):
    from macros.catalog import load_catalog

    path = data_with_permissions / "endpoints.toml"
    text = path.read_text(encoding="utf-8")
    # Get Guild Invites (MANAGE_GUILD) comes before Modify Guild Member (MANAGE_GUILD under `flags`) in the file
    path.write_text(text.replace('anchor = "get-guild-invites"\npermission = "required"\n',
                                 'anchor = "get-guild-invites"\npermission = "required"\nremoved = "2026-11"\n'))
    needing = load_catalog(data_with_permissions).permissions.routes_needing("MANAGE_GUILD")
    assert [r.name for r in needing][-1] == "Get Guild Invites"


def test_removed_must_be_a_month(data_with_permissions):
    [line] = bad(data_with_permissions, 'anchor = "get-guild"\npermission = "none"\n',
                 'anchor = "get-guild"\npermission = "none"\nremoved = "2026-13"\n')
    assert line.startswith("data/endpoints.toml:") and line.endswith(
        "route GET /guilds/{guild.id}: 'removed' must be a month like \"2026-12\" or a day like \"2026-12-04\", not '2026-13'")


def test_a_flags_removed_must_be_a_month(data_with_permissions):
    [line] = bad(data_with_permissions, 'allows = "do what kick_members allows"\n',
                 'allows = "do what kick_members allows"\nremoved = "soon"\n', "permissions.toml")
    assert line.startswith("data/permissions.toml:") and line.endswith(
        "flag KICK_MEMBERS: 'removed' must be a month like \"2026-12\" or a day like \"2026-12-04\", not 'soon'")


def test_sync_reports_a_removed_route_once_and_one_that_comes_back(data_with_permissions, tmp_path):
    upstream = tmp_path / "docs"
    shutil.copytree(FIXTURE, upstream)
    with_dropped_route(data_with_permissions)
    assert endpoint_sync.differences(data_with_permissions, upstream) == [
        "route removed: GET /guilds/{guild.id}/preview (Get Guild Preview) (kept, marked removed)"]
    endpoint_sync.write(data_with_permissions, upstream)
    assert routes(data_with_permissions)["Get Guild Preview"]["removed"]
    assert endpoint_sync.differences(data_with_permissions, upstream) == []  # already marked: no news
    replace_in(upstream / "developers" / "resources" / "guild.mdx", "## List Guild Members",
               '## Get Guild Preview\n<Route method="GET">/guilds/{guild.id}/preview</Route>\n\nPlaceholder.\n\n'
               "## List Guild Members")
    [line] = endpoint_sync.differences(data_with_permissions, upstream)
    assert line.startswith("route back: GET /guilds/{guild.id}/preview (Get Guild Preview) (removed ")
    endpoint_sync.write(data_with_permissions, upstream)
    assert "removed" not in routes(data_with_permissions)["Get Guild Preview"]


def test_sync_write_marks_a_flag_discord_dropped_and_clears_it_when_it_returns(data_with_permissions, tmp_path):
    upstream = tmp_path / "docs"
    shutil.copytree(FIXTURE, upstream)
    page = upstream / "developers" / "topics" / "permissions.mdx"
    row = "| VIEW_AUDIT_LOG       | `0x0000000000000080` `(1 << 7)`  | placeholder  |                            |\n"
    replace_in(page, row, "")
    assert endpoint_sync.differences(data_with_permissions, upstream) == [
        "flag removed: VIEW_AUDIT_LOG (bit 7) (kept, marked removed)"]
    report = endpoint_sync.write(data_with_permissions, upstream)
    assert "VIEW_AUDIT_LOG marked removed" in report
    flags = {f["name"]: f for f in tomllib.loads((data_with_permissions / "permissions.toml").read_text())["flag"]}
    assert flags["VIEW_AUDIT_LOG"]["removed"] and "removed" not in flags["KICK_MEMBERS"]
    assert problems(data_with_permissions) == []
    assert endpoint_sync.differences(data_with_permissions, upstream) == []
    page.write_text(page.read_text().replace("| MOVE_MEMBERS ", row + "| MOVE_MEMBERS ", 1))
    assert endpoint_sync.differences(data_with_permissions, upstream)[0].startswith("flag back: VIEW_AUDIT_LOG")
    endpoint_sync.write(data_with_permissions, upstream)
    assert "removed" not in tomllib.loads((data_with_permissions / "permissions.toml").read_text())["flag"][3]


def test_a_removed_flag_keeps_its_anchor_and_is_marked(catalog):
    import dataclasses

    permissions = catalog.permissions
    gone = dataclasses.replace(permissions.flags_by_name["MANAGE_ROLES"], removed="2026-11")
    changed = dataclasses.replace(permissions, flags=(gone,))
    html = endpoints_render.flags_section(changed)
    assert '<h3 id="perm-manage-roles"><code>MANAGE_ROLES</code> <span class="badge badge-removed"' in html
    assert "Removed 2026-11" in html
    data = json.loads(endpoints_export.permissions_json(changed, ""))
    assert data["flags"][0]["removed"] == "2026-11"


# Sizes at which the former regular expressions took seconds (a heading line of 20,000 spaces:
# about 3 s, quadratic; 20,000 "[": about 4 s), so a slow reader fails here instead of hanging.
@pytest.mark.parametrize("line", ["## a" + " " * 20_000 + "x", "Requires " + "[" * 20_000])
def test_a_long_line_of_a_docs_page_is_read_in_linear_time(line):
    from macros.endpoints import docs_tree

    page = f"---\ntitle: Guild\n---\n\n## Get Guild\n<Route method=\"GET\">/guilds/{{guild.id}}</Route>\n\n{line}\n"
    seconds, [section] = fastest_run(lambda: docs_tree.sections("resources/guild", page))
    assert section.name == "Get Guild"
    assert seconds < 0.5
