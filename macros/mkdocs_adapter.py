"""The one module that knows MkDocs and mkdocs-macros: it only wires their events to plain
functions of this package, and a port to another site generator replaces it. Which event does
what, in which order and why: macros/README.md ("The build's timeline").

Loaded twice: by mkdocs-macros as `macros.mkdocs_adapter` (define_env, write_generated_files; this
copy holds the build's `_state`), and by MkDocs as a hook (mkdocs.yml `hooks:`), which hands every
event to the package's copy (`live()`) and forgets the package when its code changed, so `mkdocs
serve` picks up edited macro code.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

CACHE_DIR = ".cache/codes"  # beside mkdocs.yml, like Material's own plugin caches; git-ignored
TEMPLATE_CACHE_DIR = ".cache/templates"
NO_GIT_VARIABLES = {"status": False, "date": None,
                    "diagnosis": "not collected: no page of this site uses the git.* variables"}


def live():  # the package's copy of this module, which holds _state (None before mkdocs-macros loads it)
    return sys.modules.get("macros.mkdocs_adapter")


# ---------------------------------------------------------------- MkDocs hook

_address_to_check = False  # under `mkdocs serve`, until the first build has started


def on_startup(command, dirty):
    global _address_to_check
    _address_to_check = command == "serve"


@event_priority(100)  # before mkdocs-macros imports the package in its own on_config
def on_config(config):
    global _address_to_check
    project_dir = str(Path(config.config_file_path).resolve().parent)
    if sys.path[:1] != [project_dir]:  # first, as mkdocs-macros puts it later in its own on_config
        sys.path.insert(0, project_dir)
    from macros import serving  # the imported package's copy, if any

    if _address_to_check:  # before building: a busy port would otherwise end the server after it
        _address_to_check = False
        problem = serving.address_problem(*config.dev_addr)
        if problem:
            raise PluginError(problem)
    if not serving.unchanged_since_import(Path(project_dir) / "macros"):
        for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
            del sys.modules[name]  # so `mkdocs serve` runs edited macro code
    skip_git_variables()
    list_theme_files_without_hidden_ones(config)
    return config


def list_theme_files_without_hidden_ones(config) -> None:
    # MkDocs lists all ~14,000 files of the theme through its Jinja environment to copy them, then
    # drops the hidden ones: 50 ms per build (macros/theme_files.py).
    from macros import theme_files

    make_env = config.theme.get_env
    config.theme.get_env = lambda: theme_files.with_visible_listing(make_env())


def skip_git_variables() -> None:
    # mkdocs-macros runs twelve `git` processes per build to offer `git.*` page variables, which no
    # page here uses (a page that tried would fail the build: on_undefined is strict). If a later
    # mkdocs-macros moves the function, this does nothing and the build is merely slower.
    context = sys.modules.get("mkdocs_macros.context")
    if context is not None and callable(getattr(context, "get_git_info", None)):
        context.get_git_info = lambda: dict(NO_GIT_VARIABLES)


def on_pre_build(config):
    if live() is not None:
        live().check_pages_before_build(config)  # raises before anything in site/ is touched
        from macros import site_files

        site_files.set_code_pages_aside(Path(config["site_dir"]))


def on_files(files, config):
    """Adds the code page frame: a page the theme renders, which every code page is filled from."""
    if live() is None:
        return files
    from mkdocs.structure.files import File, Files, InclusionLevel

    from macros import code_page

    frame = File.generated(config, code_page.FRAME_SOURCE, content=code_page.FRAME_MARKDOWN,
                           inclusion=InclusionLevel.NOT_IN_NAV)
    return Files([frame, *files])


def on_env(env, config, files):
    import mkdocs

    from macros import cache  # the theme's compiled templates, kept between builds

    project_dir = Path(config["config_file_path"]).resolve().parent
    env.bytecode_cache = cache.template_cache(project_dir / TEMPLATE_CACHE_DIR, f"mkdocs-{mkdocs.__version__}")
    return env


def on_serve(server, config, builder):
    # Faster than MkDocs' poll and wait (serving.py). What MkDocs already watches (docs/,
    # mkdocs.yml) moves to the faster observer, or edits to it would never rebuild.
    from watchdog.observers.polling import PollingObserver

    from macros import serving

    watched = [(emitter.watch.raw_path, emitter.watch.is_recursive) for emitter in server.observer.emitters]
    for path, _ in watched:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=serving.EDIT_POLL_SECONDS)
    server.build_delay = serving.QUIET_SECONDS
    for path, recursive in watched:
        server.watch(path, recursive=recursive)
    return server


@event_priority(-100)  # after Material's search has indexed the page without the rows
def on_page_context(context, page, config, nav):
    if live() is not None and page.content is not None:
        from macros import page_html

        blocks = live()._state["set_aside"].pop(page.file.src_uri, [])
        page.content, ids = page_html.filled_content(live()._state["catalog"], page.content, page.url, blocks)
        if ids and page.present_anchor_ids is not None:
            page.present_anchor_ids |= ids  # so MkDocs' anchor validation knows the rows
    return context


def on_post_page(output, page, config):
    if live() is None:
        return output
    from macros import code_page

    output = live().add_head_tags(output, page.url, config)
    if page.file.src_uri == code_page.FRAME_SOURCE:  # with the head tags every page has
        live()._state["frame_html"] = output
    return output


def on_post_template(output_content, template_name, config):
    # The 404 page is a theme template, not a page: it gets the same head tags (its feed link
    # from the site's root, since it is served at any depth).
    if live() is None or template_name != "404.html":
        return output_content
    return live().add_head_tags(output_content, template_name, config)


# ---------------------------------------------------------------- mkdocs-macros module

_state: dict = {}


def define_env(env) -> None:
    from . import cache, page_macros
    from .problems import DataError

    project_dir = Path(env.conf["config_file_path"]).resolve().parent
    try:
        catalog = cache.load_catalog(project_dir / "data", project_dir / CACHE_DIR)
        lookup_rules = cache.load_lookup_rules(project_dir / "data", project_dir / CACHE_DIR, catalog)
    except DataError as error:
        # Raised before MkDocs cleans site/, so the previous build stays untouched.
        raise PluginError(error.report()) from None
    _state.update(catalog=catalog, lookup_rules=lookup_rules, macros_plugin=env, set_aside={}, frame_html=None)
    for name, function in page_macros.MACROS.items():
        env.macro(page_macro(env, catalog, function), name)
    one_line_render_errors()


def page_macro(env, catalog, function):
    """A page macro as mkdocs-macros calls it: without the page, which is the one it renders."""
    from .page_macros import MacroError, Page

    def call(*args, **kwargs):
        set_aside = _state["set_aside"].setdefault(env.page.file.src_uri, [])
        page = Page(catalog, env.page.url, env.conf.get("site_url") or "", set_aside)
        try:
            return function(page, *args, **kwargs)
        except MacroError as error:
            raise PluginError(str(error)) from None

    call.__doc__ = function.__doc__
    return call


PAGE_VARIABLES = {"page", "navigation", "files"}  # mkdocs-macros adds them while rendering a page


def check_pages_before_build(config) -> None:
    """Mistakes in docs/, all at once, one line each, while the previous site is still whole. Runs
    at pre_build, the first moment mkdocs-macros' Jinja environment exists."""
    from mkdocs.utils.meta import get_data

    from . import pages
    from .problems import DataError

    catalog, plugin = _state.get("catalog"), _state.get("macros_plugin")
    if catalog is None or plugin is None:
        return
    known = set(plugin.variables) | set(plugin.macros) | set(plugin.filters) | set(plugin.env.globals) | PAGE_VARIABLES
    problems = pages.docs_problems(catalog, Path(config["docs_dir"]), plugin.env, known, get_data)
    if problems:
        raise PluginError(DataError(problems, where="the pages in docs/").report())


def one_line_render_errors() -> None:
    """Errors that only show while a page renders (a macro refusing its argument) as one line
    naming the page and line, instead of mkdocs-macros' block with a Python traceback."""
    try:
        from jinja2 import TemplateError
        from mkdocs_macros.errors import format_error  # a singledispatch function, open to registration
    except ImportError:
        return
    from .pages import render_error_line

    def one_line(error, markdown, page) -> str:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else None
        return render_error_line(f"docs/{page.file.src_uri}", error, markdown, source)

    format_error.register(PluginError, one_line)
    format_error.register(TemplateError, one_line)


def add_head_tags(output: str, page_url: str, config) -> str:
    from . import page_html

    return page_html.with_head_tags(output, page_url, config.get("site_url") or "", config["site_name"],
                                    Path(config["docs_dir"]))


def write_generated_files(env) -> None:
    """After the build (the theme has written its search index and sitemap): every generated file."""
    from . import code_page, site_files

    if "catalog" not in _state:
        return
    try:
        site_files.write_site(Path(env.conf["site_dir"]), _state["catalog"], _state["lookup_rules"],
                              env.conf.get("site_url") or "", env.conf["site_name"], _state.get("frame_html"))
    except code_page.FrameError as error:
        raise PluginError(str(error)) from None
