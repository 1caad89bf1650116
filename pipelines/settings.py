"""The settings the pipelines read, with their defaults, from Scrapy settings or a plain dict.

Pipelines take a ``Settingsish`` (anything with ``.get``) so tests and ``kabar reextract`` can
build them from a dict without a Scrapy crawler.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

DEFAULT_OUT = "out/dataset"


class Settingsish(Protocol):
    def get(self, name: str, default: Any = None) -> Any: ...


def out_dir_from(settings: Settingsish) -> Path:
    """``KABAR_OUT``: the output directory of the dataset (raw store, tables, state, lock)."""
    return Path(settings.get("KABAR_OUT") or DEFAULT_OUT)
