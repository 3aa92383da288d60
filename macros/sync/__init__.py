"""Keeping data/ in step with Discord's docs: read Discord's "Opcodes and Status Codes" page in
any shape it has had (upstream), compare it with the catalog (diff), read its git history
(history), and apply what can be applied to the TOML files without reformatting them
(data_edit). `python -m macros.sync` is the command (command.py).

Only the command reads the catalog; nothing outside this package imports it, so the site's
build never loads it."""
