"""The one module that knows MkDocs and mkdocs-macros. A port to another site generator replaces
this file; everything it calls is plain Python.

It plays two roles:
- loaded by mkdocs-macros through the `macros` package: `define_env` validates the data,
  registers the page macros and starts making the generated files (macros/ahead.py),
  `start_writing` writes them once the theme has rendered the code page frame, and
  `write_generated_files` (run after the build) finishes with the theme's own files;
- loaded by MkDocs as a hook (mkdocs.yml `hooks:`), where `on_config` forgets the imported
  `macros` package so `mkdocs serve` picks up edited macro code on every rebuild, and the other
  hooks hand page and build events to the package's copy of this module.
"""
from __future__ import annotations

import gc
import os
import shutil
import sys
from types import SimpleNamespace
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


# ---------------------------------------------------------------- MkDocs hook

@event_priority(100)  # before mkdocs-macros imports the package in its own on_config
def on_config(config):
    for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
        del sys.modules[name]
    skip_git_variables()
    return config


@event_priority(-100)  # last: every other post_build step may still allocate
def on_post_build(config):
    gc.unfreeze()  # see define_env


def on_build_error(error):
    gc.unfreeze()
    live = sys.modules.get("macros.mkdocs_adapter")  # see on_page_context
    if live is not None:
        live.stop_preparing()


NO_GIT_VARIABLES = {"status": False, "date": None,
                    "diagnosis": "not collected: no page of this site uses the git.* variables"}


def skip_git_variables() -> None:
    # mkdocs-macros runs twelve `git` processes per build to offer `git.*` page variables, which no
    # page here uses (a page that tried would fail the build: on_undefined is strict). Skipping
    # them saves a few percent of every build. If a later mkdocs-macros moves the function, this
    # does nothing and the build is merely slower.
    context = sys.modules.get("mkdocs_macros.context")
    if context is not None and callable(getattr(context, "get_git_info", None)):
        context.get_git_info = lambda: dict(NO_GIT_VARIABLES)


def on_files(files, config):
    live = sys.modules.get("macros.mkdocs_adapter")  # see on_page_context
    return live.with_code_page_frame(files, config) if live is not None else files


def with_code_page_frame(files, config):
    """One page the theme renders with placeholders; every code page is stamped from it (see
    macros/code_page.py), so each looks like the rest of the site at the cost of a few string
    replacements instead of a full theme render. It comes first of all pages, so the code pages
    are written while the theme renders the others (see start_writing)."""
    from mkdocs.structure.files import File, Files, InclusionLevel

    from . import code_page

    # Material: no search entry for the frame (each code has its own), and the width of a table
    # page; mkdocs-macros: nothing to render.
    front_matter = (f"---\ntitle: {code_page.TITLE_SLOT}\ndescription: {code_page.DESCRIPTION_SLOT}\n"
                    "search:\n  exclude: true\nrender_macros: false\nhide:\n  - navigation\n  - toc\n---\n\n")
    frame = File.generated(config, code_page.FRAME_SOURCE, content=front_matter + code_page.FRAME_BODY,
                           inclusion=InclusionLevel.NOT_IN_NAV)
    return Files([frame, *files])


# MkDocs empties site/ before every build but skips hidden entries. The code pages are set aside
# under a hidden name until the build is done, so unchanged ones are not deleted and re-created:
# on a slow disk those hundreds of folders were the largest part of a build.
CODE_PAGES_ASIDE = ".codes-share-pages"  # the name of old builds too: a crashed one may have left it


def on_pre_build(config):
    live = sys.modules.get("macros.mkdocs_adapter")  # see on_page_context
    if live is not None:
        live.check_pages_before_build(config)  # raises before anything in site/ is touched
        live.set_code_pages_aside(Path(config["site_dir"]))


def code_page_dirs(site_dir: Path) -> tuple[Path, Path]:
    """The published code page folder and its hidden place during a build."""
    from .model import CODE_PAGES_DIR

    return site_dir / CODE_PAGES_DIR, site_dir / CODE_PAGES_ASIDE


def set_code_pages_aside(site_dir: Path) -> None:
    pages_dir, aside = code_page_dirs(site_dir)
    if pages_dir.is_dir() and not pages_dir.is_symlink():
        if aside.exists():  # left by a build that crashed after this point
            shutil.rmtree(aside, ignore_errors=True)
        os.replace(pages_dir, aside)


def restore_code_pages(site_dir: Path) -> None:
    pages_dir, aside = code_page_dirs(site_dir)
    if aside.is_dir():
        if pages_dir.exists():  # something else wrote a code page folder during the build: it wins
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.replace(aside, pages_dir)


TEMPLATE_CACHE_DIR = ".cache/templates"  # beside mkdocs.yml, with the catalog cache; git-ignored


def on_env(env, config, files):
    # Compiling the theme's Jinja templates is about a sixth of every build, and MkDocs makes a new
    # environment, so compiles them again, on every build and every `mkdocs serve` rebuild. Jinja
    # keeps the compiled code by template file and source checksum; the folder is per Jinja and
    # MkDocs version, since how MkDocs sets up the environment also shapes the compiled code.
    import jinja2
    import mkdocs

    project_dir = Path(config["config_file_path"]).resolve().parent
    folder = project_dir / TEMPLATE_CACHE_DIR / f"jinja-{jinja2.__version__}-mkdocs-{mkdocs.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # a read-only checkout builds fine, only without the shortcut
    for other in folder.parent.iterdir():  # what older versions compiled is never read again
        if other != folder:
            shutil.rmtree(other, ignore_errors=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


EDIT_POLL_SECONDS = 0.1


def on_serve(server, config, builder):
    # MkDocs polls watched files every 0.5 s; with a 0.3 s build that alone puts a saved TOML edit
    # near one second. Polling a few dozen files every 0.1 s costs next to nothing. MkDocs has
    # already watched docs/ and mkdocs.yml on its own observer (and watches `watch:` after this
    # hook): those move to the faster one, or edits to them would never rebuild.
    from watchdog.observers.polling import PollingObserver

    watched = [(emitter.watch.raw_path, emitter.watch.is_recursive) for emitter in server.observer.emitters]
    for path, _ in watched:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=EDIT_POLL_SECONDS)
    for path, recursive in watched:
        server.watch(path, recursive=recursive)
    return server


@event_priority(-100)  # after Material's search has indexed the page without the rows
def on_page_context(context, page, config, nav):
    # This file runs twice: as this hook, and as macros.mkdocs_adapter, which holds the catalog.
    live = sys.modules.get("macros.mkdocs_adapter")
    if live is not None:
        live.fill_slots(page)
    return context


def on_post_page(output, page, config):
    live = sys.modules.get("macros.mkdocs_adapter")  # see on_page_context
    if live is None:
        return output
    output = live.add_head_tags(output, page, config)
    if live.is_code_page_frame(page):
        live.start_writing(output, config)
    return output


def on_post_template(output_content, template_name, config):
    # The 404 page is a theme template, not a page: it gets the same head tags (its feed link
    # from the site's root, since it is served at any depth).
    live = sys.modules.get("macros.mkdocs_adapter")
    if live is None or template_name != "404.html":
        return output_content
    return live.add_head_tags(output_content, SimpleNamespace(url=template_name), config)


# ---------------------------------------------------------------- mkdocs-macros module

_state: dict = {}
CACHE_DIR = ".cache/codes"  # beside mkdocs.yml, like Material's own plugin caches; git-ignored


def define_env(env) -> None:
    from . import cache, changes, figures, render
    from .problems import DataError

    project_dir = Path(env.conf["config_file_path"]).resolve().parent
    try:
        catalog = cache.load_catalog(project_dir / "data", project_dir / CACHE_DIR)
        lookup_rules = load_lookup_rules(project_dir / "data", catalog)
    except DataError as error:
        # Raised before MkDocs cleans site/, so the previous build stays untouched.
        raise PluginError(error.report()) from None
    _state["catalog"] = catalog
    _state["lookup_rules"] = lookup_rules

    @env.macro
    def code_table(table_id: str) -> str:
        """The heading, intro and rows of one code table."""
        if not catalog.has_table(table_id):
            raise PluginError(f"code_table: unknown table {table_id!r}")
        return render.table_markdown(catalog, table_id, env.page.url)

    @env.macro
    def code_count(table_id: str | None = None) -> int:
        """Every code (removed ones included), or one table's."""
        known_table(table_id, "code_count")
        return figures.code_count(catalog, table_id)

    @env.macro
    def current_code_count() -> int:
        """The codes Discord documents today."""
        return figures.current_code_count(catalog)

    @env.macro
    def removed_code_count() -> int:
        return figures.removed_code_count(catalog)

    def known_table(table_id, macro: str) -> None:
        if table_id is not None and not catalog.has_table(table_id):
            raise PluginError(f"{macro}: unknown table {table_id!r}")

    @env.macro
    def table_index() -> str:
        """A list of every table with its page and number of codes."""
        return render.table_index(catalog, env.page.url)

    @env.macro
    def changes_list() -> str:
        """What Discord added, renamed and removed, by month, newest first."""
        return html_aside(env.page, changes.changes_markdown(catalog, env.page.url))

    @env.macro
    def library_coverage() -> str:
        """The /libraries/ report: each library's enums against Discord's tables."""
        from .libraries import report

        return html_aside(env.page, report.libraries_page(catalog, env.page.url, env.conf.get("site_url") or ""))

    @env.macro
    def docs_link(name: str, label: str) -> str:
        """A link into Discord's docs by registry name, so page prose has no hand-written URLs."""
        if name not in catalog.docs_links:
            raise PluginError(f"docs_link: unknown Discord docs name {name!r}")
        return render.docs_anchor(catalog, name, label)

    @env.macro
    def lookup_box() -> str:
        """The paste-your-error box with its results list and scripts (issue 13)."""
        from . import lookup

        return lookup.lookup_box(env.page.url)

    _state["macros_plugin"] = env
    one_line_render_errors()
    # What exists now (the catalog, every imported module) lives until the build ends, yet each
    # full pass of Python's cycle collector would walk all of it: one such pass was about a
    # twentieth of a build. Frozen objects are skipped; the post_build and build_error hooks
    # unfreeze them, so a long `mkdocs serve` session keeps nothing it would otherwise free.
    gc.freeze()
    start_preparing(catalog, lookup_rules, env.conf.get("site_url") or "", env.conf["site_name"])


def start_preparing(catalog, lookup_rules, site_url: str, site_name: str) -> None:
    """Make the generated files in a second process while MkDocs renders the theme's pages (see
    macros/ahead.py); write_generated_files collects them."""
    from . import ahead, lookup, site_files

    def prepare():
        more = lookup.rule_files(catalog, lookup_rules) if lookup_rules is not None else ()
        return site_files.prepare(catalog, site_url, site_name, more)

    _state["prepared"] = ahead.Ahead(prepare)


def stop_preparing() -> None:
    """After a failed build: stop the copy making the generated files, and let writes finish."""
    prepared = _state.pop("prepared", None)
    if prepared is not None:
        prepared.cancel()
    try:
        wait_for_writing()
    except Exception:  # the build has already failed; its own error is the one to report
        pass


def check_pages_before_build(config) -> None:
    """Mistakes in docs/ pages, all at once, one line each, while the previous site is still whole:
    mkdocs-macros would meet them only while rendering, after MkDocs has emptied site/, and print
    a traceback. Runs at pre_build, the first moment mkdocs-macros' Jinja environment exists."""
    from . import pages
    from .problems import DataError

    catalog, plugin = _state.get("catalog"), _state.get("macros_plugin")
    if catalog is None or plugin is None:
        return
    docs_dir = Path(config["docs_dir"])
    names = [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file()]
    sources, problems = pages.decode_pages({name: (docs_dir / name).read_bytes() for name in names if name.endswith(".md")})
    problems += (pages.check_code_pages_folder(names) + pages.check_pages(catalog, sources)
                 + template_problems(plugin, sources))
    if problems:
        raise PluginError(DataError(problems, where="the pages in docs/").report())


# Names mkdocs-macros adds to every page's variables while building.
PAGE_VARIABLES = {"page", "navigation", "files"}


def template_problems(env, sources: dict[str, str]) -> list:
    """Jinja syntax errors and unknown names in docs/ pages, one Problem each, with the file line."""
    import re

    from jinja2 import TemplateSyntaxError
    from jinja2 import meta as jinja_meta
    from mkdocs.utils.meta import get_data

    from .problems import Problem

    known = set(env.variables) | set(env.macros) | set(env.filters) | set(env.env.globals) | PAGE_VARIABLES
    problems = []
    for name, source in sorted(sources.items()):
        markdown, front_matter = get_data(source)
        if front_matter.get("render_macros") is False:
            continue
        offset = front_matter_lines(source, markdown)
        where = f"docs/{name}"
        try:
            undeclared = jinja_meta.find_undeclared_variables(env.env.parse(markdown))
        except TemplateSyntaxError as error:  # also an unknown filter or test
            problems.append(Problem(where, error.lineno + offset, "", f"template: {error.message}"))
            continue
        for variable in sorted(undeclared - known - set(front_matter)):
            used = re.compile(r"(\{\{|\{%)[^}]*\b" + re.escape(variable) + r"\b")
            line = next((n for n, text in enumerate(markdown.splitlines(), 1) if used.search(text)), None)
            problems.append(Problem(where, line + offset if line else None, "",
                                    f"{variable!r} is not a macro or variable this site defines"))
    return problems


def front_matter_lines(source: str, markdown: str) -> int:
    """How many lines of the file come before the Markdown that Jinja sees (its line 1)."""
    return source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0


def one_line_render_errors() -> None:
    """Errors that only show while a page renders (a macro refusing its argument) as one line
    naming the page and line, instead of mkdocs-macros' block with a Python traceback."""
    try:
        from jinja2 import TemplateError
        from mkdocs_macros.errors import format_error  # a singledispatch function, open to registration
    except ImportError:
        return

    def one_line(error, markdown, page) -> str:
        line = next((tb.tb_lineno for tb in _traceback_entries(error.__traceback__)
                     if tb.tb_frame.f_code.co_filename == "<template>"), None)
        if line is not None and page.file.abs_src_path:
            source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
            line += front_matter_lines(source, markdown)
        return f"docs/{page.file.src_uri}" + (f":{line}" if line else "") + f": {error}"

    format_error.register(PluginError, one_line)
    format_error.register(TemplateError, one_line)


def _traceback_entries(tb):
    while tb is not None:
        yield tb
        tb = tb.tb_next


LAZY_SEARCH_SCRIPT = "assets/javascripts/lazy-search.js"  # in docs/, excluded from the copy: inlined


def inline_script(source: str) -> str:
    """A script as it goes into every page: without its /* comments */ and indentation, which
    would otherwise be most of its weight on each of the ~350 pages. (The file keeps them.)"""
    import re

    without_comments = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return "\n".join(line.strip() for line in without_comments.splitlines() if line.strip())


def add_head_tags(output: str, page, config) -> str:
    """The feed link, and the lazy-search loader inlined: it must run before the theme's bundle,
    which would otherwise fetch the search index and start the search worker on every page load."""
    from . import changes

    script = _state.get("lazy_search")
    if script is None:
        script = inline_script((Path(config["docs_dir"]) / LAZY_SEARCH_SCRIPT).read_text(encoding="utf-8"))
        _state["lazy_search"] = script
    tag = changes.feed_link_tag(page.url, config.get("site_url") or "", config["site_name"])
    return changes.with_head_tags(output, tag + f"<script>{script}</script>")


def html_aside(page, markdown: str) -> str:
    """A macro's Markdown with its HTML blocks kept out of the Markdown parser until the page is
    rendered (render.set_html_blocks_aside); fill_slots puts them back."""
    from . import render

    page_blocks = _state.setdefault("html_blocks", {}).setdefault(page.file.src_uri, [])
    return render.set_html_blocks_aside(markdown, page_blocks)[0]


def fill_slots(page) -> None:
    """Put the HTML kept out of Markdown back into a rendered page: set-aside blocks and table rows."""
    from . import render

    catalog = _state.get("catalog")
    if catalog is None or page.content is None:
        return
    blocks = _state.get("html_blocks", {}).pop(page.file.src_uri, [])
    page.content = render.fill_html_slots(page.content, blocks)
    page.content, ids = render.fill_table_slots(catalog, page.content, page.url)
    if ids and page.present_anchor_ids is not None:
        page.present_anchor_ids |= ids  # so MkDocs' anchor validation knows the rows


def load_lookup_rules(data_dir: Path, catalog):
    """The paste-your-error lookup's rules from data/lookup/, checked against the catalog."""
    from . import cache, load, lookup

    with load.parsed_files_kept_in(data_dir.parent / CACHE_DIR / cache.PARSED_DIR):  # as the code tables
        return lookup.load_rules(data_dir, catalog)


def is_code_page_frame(page) -> bool:
    from . import code_page

    return page.file.src_uri == code_page.FRAME_SOURCE


def start_writing(frame_html: str, config) -> None:
    """The theme has rendered the code page frame, its first page: write every generated file on
    other threads while it renders the rest (file writes let the theme's thread run).
    write_generated_files waits for them after the build."""
    from concurrent.futures import ThreadPoolExecutor

    from . import code_page, export, site_files

    prepared = _state.pop("prepared", None)
    if prepared is None:
        return
    frame = code_page.Frame(frame_html, frame_url=export.absolute(config.get("site_url") or "", code_page.FRAME_URL))
    try:
        frame.check()
    except code_page.FrameError as error:
        raise PluginError(str(error)) from None
    site_dir = Path(config["site_dir"])
    restore_code_pages(site_dir)
    files = prepared.result()
    background = ThreadPoolExecutor(max_workers=1)
    _state["writing"] = (files, background.submit(site_files.write_all, files, site_dir, frame))
    background.shutdown(wait=False)  # returns at once; the thread ends when the writing is done


def wait_for_writing():
    """The prepared files once they are all written (a failed write is raised here), or None."""
    writing = _state.pop("writing", None)
    if writing is None:
        return None
    files, done = writing
    done.result()
    return files


def write_generated_files(env) -> None:
    """After the build: the generated files are written (start_writing); the theme's own files
    get theirs (search index, sitemap), and the frame, which is no page, goes."""
    from . import code_page

    catalog = _state.get("catalog")
    if catalog is None:
        return
    if "prepared" in _state:
        stop_preparing()
        raise PluginError(f"the theme did not render the code page frame ({code_page.FRAME_SOURCE}), "
                          "so no code page was written; see macros/code_page.py")
    files = wait_for_writing()
    if files is None:
        return
    site_dir = Path(env.conf["site_dir"])
    shutil.rmtree(site_dir / code_page.FRAME_SOURCE.rsplit("/", 1)[0], ignore_errors=True)
    add_search_entries(files.search_entries, site_dir)
    add_code_pages_to_sitemap(catalog, site_dir, env.conf.get("site_url") or "")


def add_code_pages_to_sitemap(catalog, site_dir: Path, site_url: str) -> None:
    import gzip

    from . import code_page, export, site_files

    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return
    frame_url = export.absolute(site_url, code_page.FRAME_URL)
    sitemap = site_files.sitemap_with_code_pages(path.read_text(encoding="utf-8"), catalog, site_url, frame_url)
    path.write_text(sitemap, encoding="utf-8")
    # mtime=0: the same sitemap gives the same bytes, as MkDocs' own gzip copy does.
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))


MATERIAL_SEARCH_INDEX = "search/search_index.json"


def add_search_entries(entries, site_dir: Path) -> None:
    """Append one entry per code to Material's search index (written by its search plugin just
    before this runs), replacing any an earlier build left (`--dirty`, `mkdocs serve`)."""
    import json

    path = site_dir / MATERIAL_SEARCH_INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    ours = {entry["location"] for entry in entries}
    index["docs"] = [doc for doc in index["docs"] if doc.get("location") not in ours] + list(entries)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
