"""Under `mkdocs serve` the macros package stays imported between rebuilds unless its code
changed (macros/serving.py); what it keeps from one build must not leak into the next."""
from __future__ import annotations

import os
import shutil
from types import SimpleNamespace

from conftest import ROOT
from macros import mkdocs_adapter, page_html, serving


def test_the_imported_package_counts_as_unchanged():
    assert serving.unchanged_since_import(ROOT / "macros")


def test_another_copy_of_the_package_is_not_the_imported_one(tmp_path):
    """A test may build a copy of the project in the same process: its macros must be imported."""
    copy = shutil.copytree(ROOT / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    assert not serving.unchanged_since_import(copy)


EDIT_AFTER_IMPORT = """
import sys
from pathlib import Path
package = Path(sys.argv[1])
sys.path.insert(0, str(package.parent))
from macros import serving
before = serving.unchanged_since_import(package)
with open(package / "render.py", "a", encoding="utf-8") as render:
    render.write("\\n# edited\\n")
print(before, serving.unchanged_since_import(package))
"""


def test_a_package_edited_after_its_import_counts_as_changed(tmp_path):
    """What makes `mkdocs serve` import edited macro code again: the fingerprint taken at import."""
    import subprocess
    import sys

    package = shutil.copytree(ROOT / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run([sys.executable, "-c", EDIT_AFTER_IMPORT, str(package)], capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.split() == ["True", "False"], result.stderr


def test_an_edited_python_file_changes_the_fingerprint_and_other_files_do_not(tmp_path):
    package = shutil.copytree(ROOT / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    before = serving.code_fingerprint(package)
    (package / "README.md").write_text("edited", encoding="utf-8")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "render.cpython-311.py").write_text("", encoding="utf-8")
    assert serving.code_fingerprint(package) == before
    render = package / "render.py"
    stat = render.stat()
    render.write_text(render.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(render, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time, other size
    assert serving.code_fingerprint(package) != before
    render.write_text(render.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    os.utime(render, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # same size, other time
    assert serving.code_fingerprint(package) != before
    (package / "libraries" / "new.py").write_text("", encoding="utf-8")
    assert len(serving.code_fingerprint(package)) == len(before) + 1


def test_each_build_starts_without_the_previous_builds_frame_and_set_aside_html():
    """The frame a build rendered, and the HTML its pages set aside, are that build's only: a kept
    package must not fill the next build's code pages from an old frame."""
    mkdocs_adapter._state.update(frame_html="<html>an old frame</html>", set_aside={"about.md": ["old"]})
    env = SimpleNamespace(conf={"config_file_path": str(ROOT / "mkdocs.yml")}, macro=lambda function, name: None)
    mkdocs_adapter.define_env(env)
    assert mkdocs_adapter._state["frame_html"] is None
    assert mkdocs_adapter._state["set_aside"] == {}


def test_the_inlined_search_loader_is_read_again_once_edited(tmp_path):
    script = tmp_path / page_html.LAZY_SEARCH_SCRIPT
    script.parent.mkdir(parents=True)
    script.write_text("first();\n", encoding="utf-8")
    assert page_html.lazy_search_script(tmp_path) == "first();"
    modified = script.stat().st_mtime_ns
    script.write_text("second();\n", encoding="utf-8")
    os.utime(script, ns=(modified, modified + 1_000_000))
    assert page_html.lazy_search_script(tmp_path) == "second();"


BUILD_TWO_PROJECTS = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
for project in sys.argv[1:]:
    build(load_config(project + "/mkdocs.yml", site_dir=project + "/site"))
"""


def test_one_process_building_two_copies_runs_each_copys_own_code(tmp_path):
    """The package is kept only while it is the same folder's and unchanged: a second project in
    the same process (as `mkdocs serve` reloading, or a script building two checkouts) must run its
    own macros, not the first one's; and back to the first, whose folder is on sys.path by then but
    not first. Both ways round."""
    import subprocess
    import sys

    from helpers import copy_project

    first, second = copy_project(tmp_path / "first"), copy_project(tmp_path / "second")
    code_page = second / "macros" / "code_page.py"
    code_page.write_text(code_page.read_text(encoding="utf-8").replace(">Show in the table<", ">Show in the second table<"),
                         encoding="utf-8")
    for order in ((first, second, first), (second, first, second)):
        result = subprocess.run([sys.executable, "-c", BUILD_TWO_PROJECTS, *map(str, order)], cwd=tmp_path,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "Show in the second table" in (second / "site" / "c" / "close-4011" / "index.html").read_text(encoding="utf-8")
        assert "Show in the second table" not in (first / "site" / "c" / "close-4011" / "index.html").read_text(encoding="utf-8")
