"""The theme's files as MkDocs lists them to copy into the site, without walking hidden folders.

MkDocs lists every file of the theme through its Jinja loader and then drops each path that has a
hidden part (its patterns `.*` and `*/.*`). Material keeps about 14,000 icons under a hidden
folder (`.icons/`), so the listing and the dropping cost about 50 ms on every build, more than
a bare Material site spends on anything else of its own. This loader lists the same files
without entering hidden folders: MkDocs keeps exactly what it kept before
(tests/test_theme_files.py proves the two lists equal on the installed theme).
"""
from __future__ import annotations

import os

from jinja2 import Environment, FileSystemLoader


def hidden(name: str) -> bool:
    return name.startswith(".")


class VisibleFilesLoader(FileSystemLoader):
    """A FileSystemLoader whose listing leaves out hidden files and everything in hidden folders.
    Loading a template by name is unchanged, hidden or not (Material includes its icons by name)."""

    def list_templates(self) -> list[str]:
        found = set()
        for search_path in self.searchpath:
            for folder, subfolders, names in os.walk(search_path, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not hidden(name)]  # not walked at all
                relative = os.path.relpath(folder, search_path)
                prefix = "" if relative == os.curdir else relative.replace(os.path.sep, "/") + "/"
                found.update(prefix + name for name in names if not hidden(name))
        return sorted(found)


def with_visible_listing(env: Environment) -> Environment:
    """The theme's environment, its file system loader listing without hidden files (same search
    path, encoding and link following). Any other loader is left as it is."""
    loader = env.loader
    if type(loader) is FileSystemLoader:
        env.loader = VisibleFilesLoader(loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
    return env
