"""conftest.build_once_per_run: a site the tests only read is built once per run, also when
pytest-xdist runs them on several processes, each with its own session (and session fixtures)."""
from __future__ import annotations

import pytest

from conftest import ROOT, copy_project, tiny

pytest_plugins = ["pytester"]

CONFTEST = f"""
import importlib.util
import os
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location("project_conftest", {str(ROOT / "tests" / "conftest.py")!r})
project_conftest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(project_conftest)


@pytest.fixture(scope="session")
def counted_site(tmp_path_factory):
    def project():
        with open(os.environ["BUILD_LOG"], "a") as log:
            log.write("built\\n")
        return Path(os.environ["TINY_PROJECT"])

    return project_conftest.build_once_per_run(tmp_path_factory, "counted", project)
"""
TESTS = "import os\n\n" + "\n".join(
    f"def test_reads_{n}(counted_site):\n    assert (counted_site / 'gateway' / 'index.html').is_file()\n"
    f"    with open(os.environ['WORKER_LOG'], 'a') as log:\n        log.write(os.environ.get('PYTEST_XDIST_WORKER', '-') + '\\n')\n"
    for n in range(6))


@pytest.mark.parametrize("processes", ["0", "2"])
def test_a_shared_site_is_built_once_for_every_process(pytester, monkeypatch, tmp_path, processes):
    project = copy_project(tmp_path / "project")
    tiny.write(project / "data")
    log = tmp_path / "builds"
    log.write_text("")
    workers = tmp_path / "workers"
    monkeypatch.setenv("TINY_PROJECT", str(project))
    monkeypatch.setenv("BUILD_LOG", str(log))
    monkeypatch.setenv("WORKER_LOG", str(workers))
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_reads=TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", processes, "--dist", "load")
    result.assert_outcomes(passed=6)
    assert len(set(workers.read_text().split())) == (2 if processes == "2" else 1), "each process read the site"
    assert log.read_text().splitlines() == ["built"]
