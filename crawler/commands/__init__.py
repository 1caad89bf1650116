"""Subcommands of the `kabar` command line, one module each (see crawler/cli.py)."""
