"""Benchmark: this site against the 2018 seed page built in a bare Material site, side by side.

Prints figures; it is not a test and asserts nothing. Targets (see issue "Proven in a real browser"):
  build time ratio <= 1.5x; rebuild under `mkdocs serve` <= 1 s; the largest page's first load
  <= 1.2x the baseline's bytes (raw and gzip); Lighthouse mobile >= 98 / 100 / 100 / 100.
The "floor" figure is a lower bound for the largest page with Material's files as shipped: those
files plus the bare text other requirements put there, so it shows whether that target is reachable.

Usage: python scripts/bench.py [--runs 5] [--lighthouse auto|yes|no] [--no-record]
With --record (the default) the figures are also written to docs/_benchmark.md, which the About
page includes.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import helpers  # noqa: E402  (shared with the tests: copying the project, polling a server)

SEED = ROOT / "tests" / "reference" / "opcodes-and-status-codes.md"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PAGES = ["", "gateway/", "voice/", "http/", "json/", "rpc/", "about/"]
LARGEST = "json/"
BASELINE_CONFIG = "site_name: Seed baseline\ntheme:\n  name: material\n"
# Python's default, bytecode caching, even where this machine's environment turns it off: the
# installed packages (MkDocs, Material) come with compiled bytecode, so only this site's own
# macros/ package would be recompiled on every build. The cold first build still compiles it.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs(*args: str, cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def make_baseline(work: Path) -> Path:
    project = work / "baseline"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    return project


def make_ours(work: Path) -> Path:
    return helpers.copy_project(work / "ours")


# ---------------------------------------------------------------- build and rebuild time

def build_times(ours: Path, baseline: Path, runs: int) -> dict:
    # The first build of each starts cold (no catalog cache, empty site/), as after a fresh clone;
    # the alternating runs that follow are rebuilds, as a contributor runs them.
    cold = {"ours_cold": mkdocs("build", "--strict", "-d", str(ours.parent / "ours-site"), cwd=ours),
            "baseline_cold": mkdocs("build", "-d", str(baseline.parent / "baseline-site"), cwd=baseline)}
    ours_times, base_times = [], []
    for _ in range(runs):  # alternate, so drift on the machine hits both alike
        ours_times.append(mkdocs("build", "--strict", "-d", str(ours.parent / "ours-site"), cwd=ours))
        base_times.append(mkdocs("build", "-d", str(baseline.parent / "baseline-site"), cwd=baseline))
    ours_median, base_median = statistics.median(ours_times), statistics.median(base_times)
    return {"ours": ours_median, "baseline": base_median, "ratio": ours_median / base_median, **cold}


def rebuild_times(ours: Path, runs: int) -> list[float]:
    """Seconds from saving a TOML edit to the served page showing it."""
    times = []
    with helpers.mkdocs_serving(ours, env=ENV) as base:
        url = f"{base}/gateway/"
        if not helpers.wait_for(url, 'id="close-4011"', 120, interval=0.2):
            raise RuntimeError("mkdocs serve did not come up")
        data = ours / "data" / "gateway-close-codes.toml"
        original = data.read_text(encoding="utf-8")
        for run in range(runs):
            marker = f"Sharding required bench{run}"
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            started = time.perf_counter()
            data.write_text(original.replace('name = "Sharding required"', f'name = "{marker}"'), encoding="utf-8")
            while marker not in helpers.fetch(url):
                if time.perf_counter() - started > 60:
                    raise RuntimeError("rebuild did not show the edit within 60 s")
                time.sleep(0.02)
            times.append(time.perf_counter() - started)
    return times


# ---------------------------------------------------------------- page weight

class GzipHandler(helpers.QuietHandler):
    """Serves files gzip-compressed when the browser asks, as any real host (GitHub Pages) does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path):
    return helpers.serve_directory(directory, GzipHandler)


# Material's own files, and the search index it fetches at once (so search works offline later):
# fixed costs of any page here, whatever the page holds.
MATERIAL_FILES = ("/assets/stylesheets/main.", "/assets/stylesheets/palette.", "/assets/javascripts/bundle.",
                  "/assets/javascripts/workers/search.", "/assets/images/favicon.")
SEARCH_INDEX = "/search/search_index.json"


def first_load(browser, base: str, path: str) -> dict:
    """Everything a cold first load fetches (including the search index Material loads)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []

    def on_response(response):
        with contextlib.suppress(Exception):
            bodies.append((response.url.removeprefix(base), response.body()))

    page.on("response", on_response)
    page.goto(f"{base}/{path}")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    context.close()
    material = [b for url, b in bodies if url.startswith(MATERIAL_FILES)]
    fixed = material + [b for url, b in bodies if url.startswith(SEARCH_INDEX)]
    return {"requests": len(bodies), **sizes("", [b for _, b in bodies]), **sizes("fixed_", fixed),
            **sizes("material_", material)}


def sizes(prefix: str, bodies: list[bytes]) -> dict:
    """Raw and gzip bytes, each body compressed on its own, as a server sends them."""
    return {f"{prefix}raw": sum(len(b) for b in bodies), f"{prefix}gzip": sum(len(gzip.compress(b, 6)) for b in bodies)}


def required_text(site: Path, page: str) -> dict:
    """The text other requirements put into a page's first load, with no markup at all: the names and
    explanations of the page's codes (its rows) and every code's explanation (the search index, which
    the first load must fetch for search to work offline afterwards)."""
    export = json.loads((site / "codes.json").read_text(encoding="utf-8"))
    tables_on_page = {table["id"] for table in export["tables"] if f"{table['page']}/" == page}
    rows = "\n".join(f"{code['name']} {code['explanation_text']}" for code in export["codes"]
                     if code["table"] in tables_on_page)
    index = "\n".join(code["explanation_text"] for code in export["codes"])
    return {**sizes("rows_", [rows.encode()]), **sizes("index_", [index.encode()])}


def page_weights(ours_site: Path, baseline_site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                             "--disable-background-networking", "--disable-component-update"])
        with serve(ours_site) as base:
            for path in PAGES:
                html = (ours_site / path / "index.html").read_bytes()
                results[path] = {"html": len(html), **first_load(browser, base, path)}
        with serve(baseline_site) as base:
            html = (baseline_site / "index.html").read_bytes()
            results["baseline"] = {"html": len(html), **first_load(browser, base, "")}
        browser.close()
    return results


# ---------------------------------------------------------------- paste-your-error lookup

PASTE_AND_TIME = """async text => {
  const box = document.getElementById("lookup-input");
  const answered = new Promise(resolve => box.addEventListener("lookup:answered", resolve, { once: true }));
  const started = performance.now();
  box.value = text;
  box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  await answered;
  await new Promise(resolve => requestAnimationFrame(() => resolve()));  /* until the answer is painted */
  return performance.now() - started;
}"""


def lookup_figures(site: Path, runs: int = 5) -> dict:
    """Milliseconds from pasting a 10 KB stack trace into /lookup/ to the answer on screen (median;
    target <= 100 ms), and the gzip weight of the rules the lookup pages load (target <= 20 KB)."""
    import lookup_cases
    from playwright.sync_api import sync_playwright

    trace = lookup_cases.stack_trace(10_000)
    times = []
    with sync_playwright() as playwright, serve(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(f"{base}/lookup/")
        page.wait_for_function("() => window.lookupRules && document.getElementById('lookup-input')")
        for run in range(runs):
            page.evaluate(PASTE_AND_TIME, "")  # start each run from an empty box
            times.append(page.evaluate(PASTE_AND_TIME, trace + " " * run))
        browser.close()
    rules = (site / "assets" / "javascripts" / "lookup-rules.js").read_bytes()
    return {"paste_ms": statistics.median(times), "runs": runs, "trace_chars": len(trace), **sizes("rules_", [rules])}


def print_lookup_figures(site: Path) -> None:
    figures = lookup_figures(site)
    print(f"lookup: the answer shows {figures['paste_ms']:.0f} ms after pasting a {figures['trace_chars'] // 1000} KB "
          f"stack trace into /lookup/ (median of {figures['runs']}; target <= 100 ms); its rules weigh "
          f"{kib(figures['rules_gzip'])} gzip (target <= 20 KiB)", flush=True)


# ---------------------------------------------------------------- Lighthouse

def find_lighthouse() -> list[str] | None:
    for candidate in (os.environ.get("LIGHTHOUSE"), shutil.which("lighthouse"),
                      str(ROOT / ".bench" / "node_modules" / ".bin" / "lighthouse")):
        if candidate and Path(candidate).is_file():
            return [candidate]
    return None


def lighthouse_scores(command: list[str], url: str, runs: int) -> dict:
    categories = ("performance", "accessibility", "best-practices", "seo")
    scores = {c: [] for c in categories}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as profile:
            result = subprocess.run(
                [*command, url, "--quiet", "--output=json", "--output-path=stdout",
                 f"--only-categories={','.join(categories)}",
                 f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir={profile}"],
                capture_output=True, text=True, env={**ENV, "CHROME_PATH": CHROMIUM}, timeout=240)
        report = json.loads(result.stdout)
        for c in categories:
            scores[c].append(round(report["categories"][c]["score"] * 100))
    return {c: statistics.median(v) for c, v in scores.items()}


# ---------------------------------------------------------------- report

def kib(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def report(builds, rebuilds, weights, text, lighthouse) -> str:
    lines = [f"Measured {date.today().isoformat()} by `make bench` on a 2-core machine; "
             "the baseline is the 2018 seed page built in a bare Material site.", ""]
    lines += ["| figure | this site | baseline | ratio | target |", "| --- | --- | --- | --- | --- |"]
    lines.append(f"| `mkdocs build` (median of {builds['runs']}) | {builds['ours']:.2f} s | "
                 f"{builds['baseline']:.2f} s | {builds['ratio']:.2f}× | ≤ 1.5× |")
    lines.append(f"| first `mkdocs build` of a fresh copy (no cache, empty `site/`) | {builds['ours_cold']:.2f} s | "
                 f"{builds['baseline_cold']:.2f} s | {builds['ours_cold'] / builds['baseline_cold']:.2f}× | |")
    if rebuilds:
        lines.append(f"| rebuild under `mkdocs serve` after a TOML edit (median of {len(rebuilds)}) | "
                     f"{statistics.median(rebuilds):.2f} s | | | ≤ 1 s |")
    base = weights["baseline"]
    big = weights[LARGEST]
    lines.append(f"| largest page (`/{LARGEST}`) first load, raw | {kib(big['raw'])} | {kib(base['raw'])} | "
                 f"{big['raw'] / base['raw']:.2f}× | ≤ 1.2× |")
    lines.append(f"| largest page (`/{LARGEST}`) first load, gzip | {kib(big['gzip'])} | {kib(base['gzip'])} | "
                 f"{big['gzip'] / base['gzip']:.2f}× | ≤ 1.2× |")
    lines.append(f"| of which Material's files and the search index, gzip | {kib(big['fixed_gzip'])} | "
                 f"{kib(base['fixed_gzip'])} | {big['fixed_gzip'] / base['gzip']:.2f}× of the baseline's whole load | |")
    floors = {"floor for `/{page}`, raw / gzip: Material's files plus the required text, no markup": ("rows_", "index_"),
              "the same floor if the search index were not part of the first load": ("rows_",)}
    for label, parts in floors.items():
        floor = {kind: big[f"material_{kind}"] + sum(text[f"{part}{kind}"] for part in parts) for kind in ("raw", "gzip")}
        lines.append(f"| {label.format(page=LARGEST)} | {kib(floor['raw'])} / {kib(floor['gzip'])} | "
                     f"{kib(base['raw'])} / {kib(base['gzip'])} | "
                     f"{floor['raw'] / base['raw']:.2f}× / {floor['gzip'] / base['gzip']:.2f}× | |")
    lines += ["", "| page | HTML | first load raw | first load gzip | requests |", "| --- | --- | --- | --- | --- |"]
    for path, w in weights.items():
        name = "baseline (seed)" if path == "baseline" else f"`/{path}`"
        lines.append(f"| {name} | {kib(w['html'])} | {kib(w['raw'])} | {kib(w['gzip'])} | {w['requests']} |")
    if lighthouse:
        lines += ["", "Lighthouse (mobile, median of 3): performance / accessibility / best practices / SEO "
                      "(target 98 / 100 / 100 / 100).", "",
                  "| page | performance | accessibility | best practices | SEO |", "| --- | --- | --- | --- | --- |"]
        for path, s in lighthouse.items():
            name = "baseline (seed)" if path == "baseline" else f"`/{path}`"
            lines.append(f"| {name} | {s['performance']:.0f} | {s['accessibility']:.0f} | "
                         f"{s['best-practices']:.0f} | {s['seo']:.0f} |")
    else:
        lines += ["", "Lighthouse was not available for this run (`npm install lighthouse@12`, Chromium)."]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lighthouse", choices=("auto", "yes", "no"), default="auto")
    parser.add_argument("--no-record", action="store_true", help="print only; leave docs/_benchmark.md alone")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours, baseline = make_ours(work), make_baseline(work)
        print(f"building (alternating, median of {args.runs})...", flush=True)
        builds = {**build_times(ours, baseline, args.runs), "runs": args.runs}
        print("rebuild under mkdocs serve...", flush=True)
        rebuilds = rebuild_times(make_ours(work / "serve"), 3)
        print_lookup_figures(work / "ours-site")
        print("page weights...", flush=True)
        weights = page_weights(work / "ours-site", work / "baseline-site")
        text = required_text(work / "ours-site", LARGEST)
        lighthouse = None
        command = find_lighthouse() if args.lighthouse != "no" else None
        if args.lighthouse == "yes" and not command:
            print("lighthouse not found", file=sys.stderr)
            return 1
        if command:
            print("lighthouse (3 runs per page)...", flush=True)
            lighthouse = {}
            with serve(work / "ours-site") as base:
                for path in PAGES:
                    lighthouse[path] = lighthouse_scores(command, f"{base}/{path}", 3)
            with serve(work / "baseline-site") as base:
                lighthouse["baseline"] = lighthouse_scores(command, f"{base}/", 3)
    figures = report(builds, rebuilds, weights, text, lighthouse)
    print(figures)
    if not args.no_record:
        (ROOT / "docs" / "_benchmark.md").write_text(figures, encoding="utf-8")
        print("recorded in docs/_benchmark.md (shown on the About page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
