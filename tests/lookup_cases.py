"""The lookup corpora (tests/lookup_corpus.toml, tests/pasted_errors/corpus.toml), the generated
rules, and running the page's scripts in node; shared by the node tests, the browser test and the
benchmark."""
from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "lookup_corpus.toml"
PASTED_ERRORS = Path(__file__).resolve().parent / "pasted_errors" / "corpus.toml"
LOOKUP_JS = ROOT / "docs" / "assets" / "javascripts" / "lookup.js"
NODE = shutil.which("node")

# Runs lookup.js's matcher in node on many texts at once: {rules, constants, texts} on stdin.
RUNNER = """
const { compile, find } = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const compiled = compile(input.rules, input.constants);
const answers = input.texts.map(text => {
  const started = process.hrtime.bigint();
  const results = find(compiled, text);
  return { results, wants_constants: results.wantsConstants, tied: results.tied,
           ms: Number(process.hrtime.bigint() - started) / 1e6 };
});
process.stdout.write(JSON.stringify(answers));
"""


def cases() -> list[dict]:
    return tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]


def pasted_cases() -> list[dict]:
    """The real pasted errors, each with its source thread (tests/pasted_errors/README.md)."""
    return tomllib.loads(PASTED_ERRORS.read_text(encoding="utf-8"))["case"]


def rules_data(data_dir: Path = ROOT / "data") -> dict:
    from macros import lookup
    from macros.catalog import load_catalog

    catalog = load_catalog(data_dir)
    return lookup.rules_data(catalog, lookup.load_rules(data_dir, catalog))


def constants_data(data_dir: Path = ROOT / "data") -> dict:
    from macros import lookup
    from macros.catalog import load_catalog

    return lookup.constants_data(load_catalog(data_dir))


def stack_trace(size: int = 10_000) -> str:
    """A made-up Node stack trace of about `size` characters with one discord.js error at its end."""
    frame = "    at processTicksAndRejections (node:internal/process/task_queues:95:5)\n"
    frames = frame * (size // len(frame))
    return "Unhandled rejection in worker 7:\n" + frames + "DiscordAPIError[50013]: Missing Permissions\n"


def node(reason: str = "node is not installed") -> str:
    """Node's path for the tests that run the page's scripts in it; they skip without node, except
    in CI, where nothing may skip for want of a tool."""
    from ci import missing_tool

    if NODE is None:
        missing_tool(reason)
    return NODE


def run_in_node(runner: str, script: Path, payload=None, timeout: float = 60,
                reason: str = "node is not installed") -> str:
    """What `runner` (JavaScript, given the page script's path as process.argv[1]) prints in node,
    with `payload` as JSON on its standard input; node's own error output when it fails."""
    result = subprocess.run([node(reason), "-e", runner, str(script)],
                            input="" if payload is None else json.dumps(payload),
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr
    return result.stdout


def fastest_answers(run, texts: list[str], runs: int = 3) -> list[dict]:
    """Each text's answer from `run` (texts -> answers, each timed in node as "ms") with the fastest
    of `runs` timings, all in one node process: the machine running the tests is shared, and one
    slow run says nothing about how the time grows (linear code stays far below the limits;
    quadratic code over these sizes takes seconds every time)."""
    answers = run(texts * runs)
    return [min(answers[index::len(texts)], key=lambda answer: answer["ms"]) for index in range(len(texts))]


def run_matcher(rules: dict, texts: list[str]) -> list[dict]:
    """Each text's answer from lookup.js in node, with the library constants compiled in
    (rules["constants"]) unless the rules come without them."""
    rules = dict(rules)
    constants = rules.pop("constants", None)
    return json.loads(run_in_node(RUNNER, LOOKUP_JS, {"rules": rules, "constants": constants, "texts": texts},
                                  reason="node is not installed; the browser test runs the same corpus"))
