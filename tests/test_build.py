"""Building with bad data fails cleanly: every problem, no traceback, previous site untouched."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import toml_oracle
from conftest import ROOT, copy_project, mkdocs_build
from helpers import file_contents, replace_in


def remove_code(path, code: int) -> None:
    text = path.read_text(encoding="utf-8")
    blocks = text.split("\n[[code]]\n")
    kept = [b for b in blocks if not re.match(rf"code = {code}\n", b)]
    assert len(kept) == len(blocks) - 1, f"code {code} not found once in {path}"
    path.write_text("\n[[code]]\n".join(kept), encoding="utf-8")


def previous_site(built_site, tmp_path):
    """A whole built site where the build under test will write: what a failed build must leave as it
    was. A copy of the session's build (`built_site`), not a build of its own for every test."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    return site, file_contents(site)


def test_removing_identify_fails_naming_every_code_that_refers_to_it(tmp_path, built_site):
    project = copy_project(tmp_path / "project")
    site, before = previous_site(built_site, tmp_path)

    remove_code(project / "data" / "gateway-opcodes.toml", 2)
    result = mkdocs_build(project, site)

    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    # Read from the TOML directly: the referrers are what the data says, not what the code under
    # test (macros.references) finds.
    expected = {(entry.file, entry.fields["code"]) for entry in toml_oracle.referrers("op-2")}
    assert ("data/gateway-close-codes.toml", 4004) in expected and len(expected) >= 3
    for file, code in expected:
        assert re.search(rf"^{re.escape(file)}:\d+: code {code}: .*'op-2'", result.stderr, re.M), (file, code)
    assert file_contents(site) == before, "the previous site was changed by a failed build"


def test_check_command_reports_and_exits_non_zero(tmp_path):
    project = copy_project(tmp_path / "project")
    remove_code(project / "data" / "gateway-opcodes.toml", 2)
    result = subprocess.run([sys.executable, "-m", "macros.check", str(project / "data")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("problems in the code data; nothing was built.")
    assert "data/gateway-close-codes.toml:" in result.stderr


def test_check_command_passes_on_the_real_data():
    result = subprocess.run([sys.executable, "-m", "macros.check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.match(r"ok: \d+ codes in 8 tables, and \d+ field error codes with \d+ limits are valid", result.stdout)


def append_to_page(project, page_name: str, addition: str) -> None:
    page = project / "docs" / page_name
    page.write_text(page.read_text() + "\n" + addition + "\n")


def build_with_page_addition(tmp_path, page_name: str, addition: str):
    """Build a copy of the site with text appended to one page of docs/."""
    project = copy_project(tmp_path / "project")
    append_to_page(project, page_name, addition)
    return mkdocs_build(project, tmp_path / "site")


def test_build_rejects_an_unknown_table_in_a_page(tmp_path):
    result = build_with_page_addition(tmp_path, "rpc.md", '{{ code_table("rpc-codes") }}')
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "docs/rpc.md: code_table('rpc-codes'): no such table" in result.stderr
    assert not (tmp_path / "site").exists(), "nothing is written when a page asks for a missing table"


def test_mkdocs_validates_prose_links_to_rows(tmp_path):
    """Rows are filled in after Markdown, but MkDocs' anchor validation still knows them."""
    result = build_with_page_addition(tmp_path, "index.md", "[good](gateway.md#close-4011) [bad](gateway.md#close-4999)")
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == ["WARNING -  Doc file 'index.md' contains a link 'gateway.md#close-4999', "
                        "but the doc 'gateway.md' does not contain an anchor '#close-4999'."]


@pytest.fixture(scope="module")
def built_from_elsewhere(tmp_path_factory):
    """`mkdocs build --strict -f path/to/mkdocs.yml` run from another folder, as CI scripts and
    editors run it, with a `git` first on PATH that records every call: one build, two tests."""
    folder = tmp_path_factory.mktemp("elsewhere")
    fake_bin = folder / "bin"
    fake_bin.mkdir()
    calls = folder / "git-calls"
    git = fake_bin / "git"
    git.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexit 1\n')
    git.chmod(0o755)
    elsewhere = folder / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(folder / "site")], cwd=elsewhere, capture_output=True, text=True, env=env,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return folder / "site", calls


def test_the_build_runs_no_git_command(built_from_elsewhere):
    """mkdocs-macros would start twelve `git` processes per build for variables no page uses."""
    site, calls = built_from_elsewhere
    assert (site / "gateway" / "index.html").is_file()
    assert not calls.exists(), f"git was run: {calls.read_text()}"


def test_a_page_using_git_variables_fails_the_build_instead_of_printing_nothing(tmp_path):
    result = build_with_page_addition(tmp_path, "about.md", "Built from {{ git.short_commit }}.")
    assert result.returncode != 0
    assert "short_commit" in result.stderr + result.stdout


def test_the_site_builds_from_another_working_directory(built_from_elsewhere):
    """`mkdocs build -f path/to/mkdocs.yml`, as CI scripts and editors run it."""
    site, _ = built_from_elsewhere
    assert 'id="close-4011"' in (site / "gateway" / "index.html").read_text(encoding="utf-8")
    assert (site / "c" / "close-4011" / "index.html").is_file()


def build_with_page_errors(tmp_path, built_site, additions: dict[str, str]):
    """Build the site after appending text to pages, over a previously built site; return the
    result, and whether the previous site's files came through it byte for byte."""
    project = copy_project(tmp_path / "project")
    site, before = previous_site(built_site, tmp_path)
    for page_name, addition in additions.items():
        append_to_page(project, page_name, addition)
    result = mkdocs_build(project, site)
    return result, file_contents(site) == before


def error_lines(result) -> list[str]:
    return [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if line.startswith("ERROR")]


def last_line(project_page) -> int:
    return len((ROOT / "docs" / project_page).read_text().splitlines()) + 2  # the addition follows a blank line


def test_template_mistakes_in_pages_are_all_reported_before_anything_is_written(tmp_path, built_site):
    result, untouched = build_with_page_errors(tmp_path, built_site, {
        "about.md": '{{ code_table("gateway-opcodes" }}',
        "index.md": "{{ nope }} and {{ 'x' | shout }} and {{ docs_link(\"no-such-page\", \"x\") }}",
    })
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert untouched, "a failed build changed the previous site"
    assert f"docs/about.md:{last_line('about.md')}: template: unexpected '}}', expected ')'" in error_lines(result)
    assert f"docs/index.md:{last_line('index.md')}: docs_link('no-such-page'): no such name in data/discord-docs.toml" \
        in result.stderr
    assert f"docs/index.md:{last_line('index.md')}: template: No filter named 'shout'." in result.stderr
    assert "problems in the pages in docs/; nothing was built." in result.stderr


def test_an_unknown_name_in_a_page_is_reported_with_its_line(tmp_path, built_site):
    result, untouched = build_with_page_errors(tmp_path, built_site, {"http.md": "Built {{ build_date }}."})
    assert result.returncode != 0 and untouched
    assert error_lines(result)[0] == \
        f"docs/http.md:{last_line('http.md')}: 'build_date' is not a macro or variable this site defines"


def test_a_mistake_only_rendering_finds_is_one_line_without_traceback(tmp_path):
    result = build_with_page_addition(tmp_path, "about.md", "{{ page.meta.nothing.here }}")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert f"docs/about.md:{last_line('about.md')}: 'dict object' has no attribute 'nothing'" in result.stderr


def test_a_page_that_is_not_utf8_fails_in_one_line_and_keeps_the_site(tmp_path, built_site):
    project = copy_project(tmp_path / "project")
    site, before = previous_site(built_site, tmp_path)
    page = project / "docs" / "about.md"
    page.write_bytes(page.read_bytes() + b"\nWritten in Latin-1: caf\xe9.\n")
    line = page.read_bytes().count(b"\n")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert f"docs/about.md:{line}: not valid UTF-8 (byte 0xe9)" in error_lines(result)
    assert file_contents(site) == before


def test_a_page_under_docs_c_is_refused_in_one_line_and_keeps_the_site(tmp_path):
    """The code pages own /c/: the build deletes whatever else is there, so a hand-written page in
    docs/c/ would be gone from the site while the nav and the sitemap still link it."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = file_contents(site)
    (project / "docs" / "c").mkdir()
    (project / "docs" / "c" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    replace_in(project / "mkdocs.yml", "  - About: about.md\n", "  - About: about.md\n  - Notes: c/notes.md\n")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert [line for line in error_lines(result) if line.startswith("docs/")] == [
        "docs/c/notes.md: docs/c/ is reserved for the generated code pages (/c/<anchor>/), which replace "
        "anything else there; move this file out of docs/c/"]
    assert file_contents(site) == before


def test_compiled_theme_templates_are_kept_and_change_nothing_in_the_site(tmp_path):
    """The theme's templates are compiled once and reused by later builds (a sixth of a build);
    a damaged compiled file is compiled again, and the site comes out byte for byte the same."""
    project = copy_project(tmp_path / "project")
    assert not (project / ".cache").exists()
    assert mkdocs_build(project, tmp_path / "first").returncode == 0
    compiled = sorted((project / ".cache" / "templates").rglob("*.cache"))
    assert any(path.stat().st_size > 1000 for path in compiled), "no compiled template was kept"

    older = project / ".cache" / "templates" / "jinja-0.1-mkdocs-0.1"  # what an older version compiled
    older.mkdir()
    (older / "__jinja2_0.cache").write_bytes(b"old")
    result = mkdocs_build(project, tmp_path / "second")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not older.exists()
    for path in compiled:
        path.write_bytes(b"not compiled code")
    result = mkdocs_build(project, tmp_path / "third")
    assert result.returncode == 0, result.stderr[-2000:]
    assert all(path.read_bytes() != b"not compiled code" for path in compiled)  # written again

    def site(name):
        return {path.relative_to(tmp_path / name): data for path, data in file_contents(tmp_path / name).items()}

    first = site("first")
    assert len(first) > 300 and site("second") == first and site("third") == first


FRAME_SABOTAGE = {
    # a plugin that drops the frame page: no code page could be made
    "dropped": ("@event_priority(-200)\ndef on_files(files, config):\n"
                "    from mkdocs.structure.files import Files\n"
                "    return Files([f for f in files if not f.src_uri.startswith('code-page-frame/')])\n",
                "the theme did not render the code page frame (code-page-frame/frame.md), so no code page was "
                "written; see macros/code_page.py"),
    # a theme that loses the content placeholder
    "mangled": ("@event_priority(100)\ndef on_post_page(output, page, config):\n"
                "    return output.replace('<div class=\"code-page-slot\"></div>', '')\n",
                "the theme's code page frame lost <div class=\"code-page-slot\"></div>; see macros/code_page.py"),
}


@pytest.mark.parametrize("sabotage", sorted(FRAME_SABOTAGE))
def test_a_code_page_frame_the_theme_did_not_render_whole_is_one_line(tmp_path, sabotage):
    hook, message = FRAME_SABOTAGE[sabotage]
    project = copy_project(tmp_path / "project")
    (project / "sabotage.py").write_text("from mkdocs.plugins import event_priority\n\n" + hook)
    replace_in(project / "mkdocs.yml", "hooks:\n", "hooks:\n  - sabotage.py\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert [line for line in error_lines(result) if "code page" in line] == [message]
