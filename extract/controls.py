"""Control characters: the one definition shared by text cleanup, metadata and the normaliser.

A module of its own because ``extract.text`` reads dates through ``extract.metadata`` while
``extract.metadata`` repairs JSON-LD with this class: neither can import the other for it.
"""

from __future__ import annotations

# C0 and C1 control characters other than tab, line feed and carriage return (a regex class body):
# never text.  Metadata (JSON-LD repair), text cleanup and pipelines.normalize build on it.
CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
