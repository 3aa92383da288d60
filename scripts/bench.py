"""Benchmark: this site against the 2018 seed page built in a bare Material site, side by side.

Prints figures; it is not a test and asserts nothing. Targets:
  `mkdocs build --strict` into an empty folder <= 1.6x the baseline's; rebuild under `mkdocs serve`
  after a TOML edit <= 0.5 s; a code page's first load <= 0.95x the baseline's and the JSON page's
  <= 1.4x (raw and gzip, every byte until network idle); Lighthouse mobile >= 98 / 100 / 100 / 100
  on every page.

Usage: python scripts/bench.py [--runs 5] [--lighthouse auto|yes|no] [--no-record]
Unless --no-record, the figures also replace scripts/bench-figures.md (a file of their own, so the
README's history does not churn with every run; macros/README.md explains each figure).
Exit status: 0, or 1 when --lighthouse yes finds no lighthouse or the seed page is missing.
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

# The 2018 seed page, verbatim, lives outside the repository (its prose is Discord's): in the
# shared/ folder beside it, as CI clones have it too.
SEED = ROOT.parent / "shared" / "seed" / "opcodes-and-status-codes.md"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PAGES = ["", "gateway/", "voice/", "http/", "json/", "rpc/", "lookup/", "fields/", "permissions/", "libraries/",
         "changes/", "about/", "c/close-4014/", "c/json-50035/", "c/json-10062/", "c/json-50013/",
         "c/field-base-type-max-length/"]
LARGEST = "json/"
CODE_PAGE = "c/close-4014/"
ADVICE_PAGE = "c/json-10062/"  # a code page with the longest advice: retry, causes with sources, what to do
FIGURES_FILE = ROOT / "scripts" / "bench-figures.md"
FIGURES_HEADER = ("# Benchmark figures\n\nWritten by `make bench` (scripts/bench.py); what each figure measures and why: "
                  "macros/README.md, \"The benchmark\".\n\n")
BASELINE_CONFIG = "site_name: Seed baseline\ntheme:\n  name: material\n"
# Python's default, bytecode caching, even where this machine's environment turns it off: the
# installed packages (MkDocs, Material) come with compiled bytecode, so only this site's own
# macros/ package would be recompiled on every build. The cold first build still compiles it.
REBUILD_RUNS = 5
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs(*args: str, cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def read_seed(path: Path = SEED) -> str:
    """The seed page's Markdown, or exit with one line saying where it should be."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise SystemExit(f"bench: the 2018 seed page is missing: expected {path} "
                         "(shared/seed/ beside the repository)") from None


def make_baseline(work: Path, seed: str) -> Path:
    project = work / "baseline"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text(seed, encoding="utf-8")
    (project / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    return project


def make_ours(work: Path) -> Path:
    return helpers.copy_project(work / "ours")


# ---------------------------------------------------------------- build and rebuild time

def build_into_empty_folder(project: Path, site: Path, *strict: str) -> float:
    """One build into a folder that does not exist yet, as in CI and the deploy (a fresh clone).
    Every run gets a new folder and none is deleted until all runs are done: deleting a built site
    right before the next build stalls this VM's disk for a second (it trims what was freed), which
    measures the disk, not the build."""
    return mkdocs("build", *strict, "-d", str(site), cwd=project)


def memory_folder() -> Path | None:
    """A folder in memory (Linux's tmpfs at /dev/shm), or None where there is none."""
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else None


def build_times(ours: Path, baseline: Path, runs: int) -> dict:
    """Build times in memory (the build's own work) and on disk, each alternating ours and the
    baseline. On this VM's disk, creating a file or folder takes from 0.05 ms to 2 ms depending on
    what the disk did shortly before (341 folders with a file each: 20 ms to 600 ms, measured on
    their own), and this site creates about 770 of them (its code pages) to the baseline's 60, so
    the disk figure swings with the disk's state; the target is read from the memory figure.
    Where there is no folder in memory, the disk figure is all there is."""
    memory = memory_folder()
    with (tempfile.TemporaryDirectory(dir=memory) if memory else contextlib.nullcontext()) as in_memory:
        places = {"disk": ours.parent / "build-runs"}
        if in_memory:
            places = {"memory": Path(in_memory), **places}
        first = next(iter(places.values()))
        # The first build of each is cold (no .cache/: no validated data, no compiled templates;
        # and no compiled Python), as after a fresh clone; the alternating runs that follow keep
        # .cache/, as a contributor's builds and the deploy workflow's do.
        figures = {"ours_cold": build_into_empty_folder(ours, first / "ours-cold", "--strict"),
                   "baseline_cold": build_into_empty_folder(baseline, first / "baseline-cold"), "runs": runs}
        for place, folder in places.items():
            ours_times, base_times = [], []
            for run in range(runs):  # alternate, so drift on the machine hits both alike
                ours_times.append(build_into_empty_folder(ours, folder / f"ours-{run}", "--strict"))
                base_times.append(build_into_empty_folder(baseline, folder / f"baseline-{run}"))
            figures[place] = {"ours": statistics.median(ours_times), "baseline": statistics.median(base_times)}
        for name in ("ours", "baseline"):  # the page-weight and Lighthouse runs read these
            shutil.copytree(first / f"{name}-0", ours.parent / f"{name}-site")
    shutil.rmtree(places["disk"])
    return figures


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


def first_load(browser, base: str, path: str) -> dict:
    """Everything a cold first load fetches until the network is idle."""
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
    return {"requests": len(bodies), "search_index": any("search_index" in url for url, _ in bodies),
            **sizes("", [b for _, b in bodies])}


def sizes(prefix: str, bodies: list[bytes]) -> dict:
    """Raw and gzip bytes, each body compressed on its own, as a server sends them."""
    return {f"{prefix}raw": sum(len(b) for b in bodies), f"{prefix}gzip": sum(len(gzip.compress(b, 6)) for b in bodies)}


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
  const answered = new Promise((resolve, reject) => {
    box.addEventListener("lookup:answered", function settled(event) {
      if (event.detail.pending === 0) { box.removeEventListener("lookup:answered", settled); resolve(); }
    });
    setTimeout(() => reject(new Error("no settled answer within 10 s")), 10000);
  });
  const started = performance.now();
  box.value = text;
  box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  await answered;
  await new Promise(resolve => requestAnimationFrame(() => resolve()));  /* until the answer is painted */
  return performance.now() - started;
}"""


def lookup_figures(site: Path, runs: int = 5) -> dict:
    """Milliseconds from pasting a 10 KB stack trace into /lookup/ to the answer on screen (median;
    target <= 100 ms), and the gzip weight of the rules the lookup pages load (target <= 22 KB)."""
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


PASTE_AND_WAIT_FOR = """async ([text, selector]) => {
  const box = document.getElementById("lookup-input");
  const started = performance.now();
  box.value = text;
  box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  while (!document.querySelector(selector)) {
    if (performance.now() - started > 10000) return -1;
    await new Promise(resolve => setTimeout(resolve, 1));
  }
  await new Promise(resolve => requestAnimationFrame(() => resolve()));
  return performance.now() - started;
}"""

# Real shapes (the corpus and the fixtures of tests/test_lookup_fields.py and test_lookup_routes.py)
# padded to 10 KB with a stack trace: the answers that fetch a detail script on first use.
DETAIL_PASTES = {
    "a 50035 with two field errors (first paste fetches lookup-fields.js and its data)": (
        "DiscordAPIError[50035]: Invalid Form Body\n"
        "embeds[0].fields[9].value[BASE_TYPE_MAX_LENGTH]: Must be 1024 or fewer in length.\n"
        "content[BASE_TYPE_MAX_LENGTH]: Must be 2000 or fewer in length.\n", ".lookup-field"),
    "a 50013 naming its request (first paste fetches lookup-routes.js and its data)": (
        "DiscordAPIError[50013]: Missing Permissions\n  method: 'PUT',\n"
        "  url: 'https://discord.com/api/v10/guilds/123456789012345678/members/123456789012345679/roles/123456789012345680',\n",
        ".lookup-route"),
}


def detail_figures(site: Path) -> dict:
    """Milliseconds from pasting a 10 KB text to its detail answer on screen: the first paste of a
    fresh page (the detail script and its data are fetched then, served gzip-compressed from
    localhost), then the same paste again with the script loaded."""
    import lookup_cases
    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as playwright, serve(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for label, (head, selector) in DETAIL_PASTES.items():
            text = head + lookup_cases.stack_trace(10_000 - len(head))
            page = browser.new_page()
            page.goto(f"{base}/lookup/")
            page.wait_for_function("() => window.lookupRules && document.getElementById('lookup-input')")
            figures[label] = page.evaluate(PASTE_AND_WAIT_FOR, [text, selector])
            page.evaluate(PASTE_AND_TIME, "")
            figures[label.split(" (")[0] + " (its script already loaded)"] = page.evaluate(PASTE_AND_WAIT_FOR, [text + " ", selector])
            page.close()
        browser.close()
    return figures


def print_lookup_figures(site: Path) -> dict:
    figures = lookup_figures(site)
    print(f"lookup: the answer shows {figures['paste_ms']:.0f} ms after pasting a {figures['trace_chars'] // 1000} KB "
          f"stack trace into /lookup/ (median of {figures['runs']}; target <= 100 ms); its rules weigh "
          f"{kib(figures['rules_gzip'])} gzip (target <= 22 KiB)", flush=True)
    figures["details"] = detail_figures(site)
    for label, ms in figures["details"].items():
        print(f"lookup: {label}: {ms:.0f} ms", flush=True)
    return figures


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


def ratio_line(label: str, ours: float, baseline: float, target: str, unit=kib) -> str:
    return f"| {label} | {unit(ours)} | {unit(baseline)} | {ours / baseline:.2f}× | {target} |"


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def report(builds, rebuilds, weights, lighthouse, lookup) -> str:
    lines = [f"Measured {date.today().isoformat()} by `make bench` on a 2-core machine, side by side with "
             "the 2018 seed page in a bare Material site, both served gzip-compressed.", ""]
    lines += ["| figure | this site | baseline | ratio | target |", "| --- | --- | --- | --- | --- |"]
    places = {"memory": "in memory (tmpfs)", "disk": "on this machine's disk"}
    target_place = "memory" if "memory" in builds else "disk"
    for place, where in places.items():
        if place in builds:
            lines.append(ratio_line(f"`mkdocs build --strict` into an empty folder {where}, median of {builds['runs']}",
                                    builds[place]["ours"], builds[place]["baseline"],
                                    "≤ 1.6×" if place == target_place else "", seconds))
    lines.append(ratio_line(f"the same, first build of a fresh copy (no `.cache/`, no compiled Python), "
                            f"{places[target_place]}", builds["ours_cold"], builds["baseline_cold"], "", seconds))
    if rebuilds:
        lines.append(f"| rebuild under `mkdocs serve` after a TOML edit (median of {len(rebuilds)}) | "
                     f"{statistics.median(rebuilds):.2f} s | | | ≤ 0.5 s |")
    lines.append(f"| error lookup: a {lookup['trace_chars'] // 1000} KB stack trace pasted into `/lookup/` until "
                 f"the answer shows (median of {lookup['runs']}) | {lookup['paste_ms']:.0f} ms | | | ≤ 100 ms |")
    lines.append(f"| error lookup: the rules its pages load, gzip | {kib(lookup['rules_gzip'])} | | | ≤ 22 KiB |")
    for label, ms in lookup.get("details", {}).items():
        lines.append(f"| error lookup: 10 KB holding {label}, until its details show | {ms:.0f} ms | | | ≤ 100 ms |")
    base = weights["baseline"]
    for path, target in ((CODE_PAGE, "≤ 0.95×"), (ADVICE_PAGE, "≤ 0.95×"), (LARGEST, "≤ 1.4×")):
        for kind in ("raw", "gzip"):
            lines.append(ratio_line(f"`/{path}` first load, {kind}", weights[path][kind], base[kind], target))
    lines += ["", "| page | HTML | first load raw | first load gzip | requests | search index loaded |",
              "| --- | --- | --- | --- | --- | --- |"]
    for path, w in weights.items():
        name = "baseline (seed)" if path == "baseline" else f"`/{path}`"
        lines.append(f"| {name} | {kib(w['html'])} | {kib(w['raw'])} | {kib(w['gzip'])} | {w['requests']} | "
                     f"{'yes' if w['search_index'] else 'no'} |")
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


def record(figures: str, path: Path = FIGURES_FILE) -> None:
    path.write_text(FIGURES_HEADER + figures, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lighthouse", choices=("auto", "yes", "no"), default="auto")
    parser.add_argument("--no-record", action="store_true", help="print only; leave scripts/bench-figures.md alone")
    args = parser.parse_args()
    seed = read_seed()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours, baseline = make_ours(work), make_baseline(work, seed)
        # The rebuild first: the build runs below end by deleting twenty built sites, after which
        # this VM's disk stalls for seconds (see build_into_empty_folder), and `mkdocs serve`
        # builds into a folder on that disk.
        print("rebuild under mkdocs serve...", flush=True)
        rebuilds = rebuild_times(make_ours(work / "serve"), REBUILD_RUNS)
        print(f"building (alternating, median of {args.runs})...", flush=True)
        builds = build_times(ours, baseline, args.runs)
        lookup = print_lookup_figures(work / "ours-site")
        print("page weights...", flush=True)
        weights = page_weights(work / "ours-site", work / "baseline-site")
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
    figures = report(builds, rebuilds, weights, lighthouse, lookup)
    print(figures)
    if not args.no_record:
        record(figures)
        print(f"recorded in {FIGURES_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
