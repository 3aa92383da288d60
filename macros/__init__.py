"""Discord codes reference: load, validate, resolve and render the code data.

Everything here is plain Python except `mkdocs_adapter`, the one module that knows MkDocs and
mkdocs-macros. mkdocs-macros imports this package and calls the two functions below.
"""
from . import serving  # noqa: F401  (its code fingerprint is taken now, before the rest is imported)


def define_env(env):
    from . import mkdocs_adapter

    mkdocs_adapter.define_env(env)


def on_post_build(env):
    from . import mkdocs_adapter

    mkdocs_adapter.write_generated_files(env)
