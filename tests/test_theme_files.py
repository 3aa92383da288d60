"""MkDocs copies the theme's files into the site after listing them all and dropping the hidden
ones; the build lists them without walking hidden folders (macros/theme_files.py), which must
leave MkDocs with exactly the files it had before."""
from __future__ import annotations

from jinja2 import Environment, FileSystemLoader
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from conftest import ROOT
from macros import mkdocs_adapter, theme_files


def make_theme(folder):
    for name in ("main.html", "assets/app.js", ".hidden.css", ".icons/a/b.svg", "partials/.cache/x.html",
                 "partials/footer.html"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"<!-- {name} -->", encoding="utf-8")
    return folder


def test_the_listing_leaves_out_hidden_files_and_what_hidden_folders_hold(tmp_path):
    env = theme_files.with_visible_listing(Environment(loader=FileSystemLoader([str(make_theme(tmp_path))])))
    assert env.list_templates() == ["assets/app.js", "main.html", "partials/footer.html"]


def test_a_hidden_template_still_loads_by_name(tmp_path):
    """Material includes its icons (under .icons/) by name: loading must not change."""
    env = theme_files.with_visible_listing(Environment(loader=FileSystemLoader([str(make_theme(tmp_path))])))
    assert env.get_template(".icons/a/b.svg").render() == "<!-- .icons/a/b.svg -->"


def static_theme_files(config, env) -> list[str]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted(file.src_uri for file in files)


def test_mkdocs_copies_the_same_theme_files_as_with_its_own_listing():
    config = load_config(str(ROOT / "mkdocs.yml"))
    plain = config.theme.get_env()
    visible = theme_files.with_visible_listing(config.theme.get_env())
    assert len(plain.list_templates()) > len(visible.list_templates()) + 1000, "the theme has no hidden icons any more?"
    assert static_theme_files(config, visible) == static_theme_files(config, plain)


def test_every_build_lists_the_theme_this_way():
    """The adapter's on_config gives the theme an environment that lists this way, which MkDocs
    then uses to find the theme's files (and Material's search plugin for its translations)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    mkdocs_adapter.on_config(config)
    env = config.theme.get_env()
    assert isinstance(env.loader, theme_files.VisibleFilesLoader)
    assert env.loader.searchpath == FileSystemLoader(config.theme.dirs).searchpath
    assert not [name for name in env.list_templates() if name.startswith(".") or "/." in name]
