"""The GitHub workflows: linted by actionlint, least privilege, pinned actions, strict build."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml

from ci import missing_tool
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


@pytest.fixture(scope="module")
def node():
    path = shutil.which("node")
    if not path or not ACTIONLINT.is_file():
        missing_tool("actionlint needs node and `npm ci` (make test runs it)")
    return path


BROKEN_WORKFLOW = "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.nope }\n"
WORKFLOW_NAMES = sorted(path.name for path in WORKFLOWS.glob("*.yml"))


@pytest.fixture(scope="module")
def actionlint(node, tmp_path_factory):
    """One actionlint run over every workflow and a broken one beside them (each run starts its
    WebAssembly build anew, seconds each): the workflows are copied with their paths, so calls
    between them (`uses: ./.github/workflows/test.yml`) resolve as in the repository."""
    project = tmp_path_factory.mktemp("actionlint")
    shutil.copytree(WORKFLOWS, project / ".github" / "workflows")
    (project / ".github" / "workflows" / "broken.yml").write_text(BROKEN_WORKFLOW)
    result = subprocess.run([node, str(ACTIONLINT), ".github/workflows/*.yml"], cwd=project, capture_output=True,
                            text=True, timeout=120, env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"})
    assert f"Checking {len(WORKFLOW_NAMES) + 1} workflow file(s)" in result.stdout, result.stdout + result.stderr
    return result


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_actionlint_passes(actionlint, name):
    # Each problem line starts with the file's path: the broken workflow's prove it (next test).
    assert f".github/workflows/{name}" not in actionlint.stdout + actionlint.stderr, actionlint.stdout


def test_actionlint_catches_a_broken_workflow(actionlint):
    assert actionlint.returncode != 0
    assert re.search(r"^\.github/workflows/broken\.yml:6:\d+ .*end marker", actionlint.stdout, re.M), actionlint.stdout


def test_every_action_is_pinned_to_a_commit():
    for name in ("test.yml", "deploy.yml", "sync.yml"):
        for step in steps(load(name)):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_test_workflow_runs_the_readme_test_command_on_push_and_pull_request():
    workflow = load("test.yml")
    assert set(workflow["on"]) == {"push", "pull_request", "workflow_call"}
    assert workflow["permissions"] == {"contents": "read"}
    assert "concurrency" in workflow
    assert any(step.get("run", "").strip() == "make test" for step in steps(workflow))
    assert any(step.get("with", {}).get("cache") == "pip" for step in steps(workflow))
    assert "make test" in (ROOT / "README.md").read_text()


def test_deploy_workflow_builds_strict_and_deploys_with_least_privilege():
    workflow = load("deploy.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"] == "pages"
    jobs = workflow["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in jobs["build"]
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    assert "mkdocs build --strict" in runs
    assert not re.search(r"mkdocs build[^\n]*\s(-q|-v|--quiet|--verbose)\b", runs)
    uses = [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert any(step.get("with", {}).get("cache") == "pip" for step in steps(workflow))


def test_deploy_restores_no_cache_into_the_build():
    """.cache/ holds pickles and compiled templates, which run code when loaded: a deploy never
    restores them (nor anything else) from the CI cache."""
    for job in load("deploy.yml")["jobs"].values():
        for step in job.get("steps", []):
            assert not step.get("uses", "").startswith(("actions/cache@", "actions/cache/restore@")), step
            assert ".cache" not in str(step.get("with", {}).get("path", "")), step


def test_a_push_to_main_runs_the_tests_once():
    """Deploy runs the Test workflow for a push to main; Test must not run for that push too."""
    test_on = load("test.yml")["on"]
    assert "main" in test_on["push"]["branches-ignore"]
    assert load("deploy.yml")["on"]["push"]["branches"] == ["main"]
    assert any(job.get("uses") == "./.github/workflows/test.yml" for job in load("deploy.yml")["jobs"].values())


def test_no_strict_build_anywhere_is_silenced():
    pattern = re.compile(r"mkdocs build[^\n#]*(\s-q\b|\s-v\b|--quiet|--verbose)")
    for path in [ROOT / "Makefile", ROOT / ".ci" / "run", *WORKFLOWS.glob("*.yml"),
                 *(p for p in ROOT.glob("scripts/*") if p.is_file())]:
        assert not pattern.search(path.read_text()), path


def test_deploy_publishes_only_what_passed_every_test():
    """The build job needs a job that runs the Test workflow itself (make test, browser tests
    included), so a red test deploys nothing, whether pushed or started by hand."""
    jobs = load("deploy.yml")["jobs"]
    gates = [name for name, job in jobs.items() if job.get("uses") == "./.github/workflows/test.yml"]
    assert gates, "no job runs the Test workflow"
    needs = jobs["build"].get("needs", [])
    assert set(gates) <= set([needs] if isinstance(needs, str) else needs)
    assert jobs["deploy"]["needs"] == "build"
    assert "workflow_call" in load("test.yml")["on"]


def site_url_guard() -> str:
    """The shell lines of the deploy build step that come before the build itself."""
    [build] = [step for step in steps(load("deploy.yml")) if step.get("name") == "Build (strict)"]
    script = build["run"]
    assert "$SITE_URL" in script.split("mkdocs build")[0]
    return script.split("python -m pip install")[0]


@pytest.mark.parametrize("site_url, ok", [
    ("", False), ("/", False), ("http://127.0.0.1:8000/", False), ("https://", False),
    ("https://example.github.io/discord-codes/", True), ("https://codes.example/", True),
])
def test_deploy_refuses_to_build_without_the_public_address(site_url, ok):
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", site_url_guard()], env={"SITE_URL": site_url, "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=30)
    assert (result.returncode == 0) == ok, result.stdout + result.stderr
    if not ok:
        assert "SITE_URL" in result.stdout
def test_sync_workflow_runs_weekly_and_on_demand_read_only_and_reports():
    workflow = load("sync.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    checkouts = [step for step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@")]
    assert [step.get("with", {}).get("repository") for step in checkouts] == [None, "discord/discord-api-docs"]
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)
    path = checkouts[1]["with"]["path"]
    [run] = [step["run"] for step in steps(workflow) if "macros.sync" in step.get("run", "")]
    assert f"python -m macros.sync {path}" in run
    assert "$GITHUB_STEP_SUMMARY" in run and 'exit "$status"' in run
