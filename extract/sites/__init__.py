"""The registry of site modules: which module extracts which host.

Every module in this package (except ``base`` and names starting with ``_``) that defines
``KEY``, ``HOSTS`` and ``extract`` is registered on first use (not at import, so site modules
can import helpers that themselves import :mod:`extract.sites.base`); adding a site is adding
one module (see :mod:`extract.sites.base` for the shape).  Host matching is by suffix
and the longest suffix wins, so a dedicated ``wartakota.tribunnews.com`` module would take
precedence over the whole-network ``tribunnews.com`` one.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType
from typing import Any

from extract.sites.base import host_of


@cache
def _registry() -> tuple[dict[str, ModuleType], tuple[tuple[str, ModuleType], ...]]:
    """Modules by key, and (host suffix, module) pairs with the longest suffix first."""
    modules: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name == "base" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if all(hasattr(module, attr) for attr in ("KEY", "HOSTS", "extract")):
            modules[module.KEY] = module
    by_suffix = sorted(
        ((suffix.lower(), module) for module in modules.values() for suffix in module.HOSTS),
        key=lambda pair: -len(pair[0]),
    )
    return modules, tuple(by_suffix)


def __getattr__(name: str) -> Any:
    # ``SITES``: keys of the registered site modules (the ``site`` of each module's main host).
    if name == "SITES":
        return tuple(sorted(_registry()[0]))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def site_for(url_or_host: str | None) -> ModuleType | None:
    """The site module for a URL or host, or None when no module serves it."""
    host = host_of(url_or_host) if url_or_host else None
    if not host:
        return None
    for suffix, module in _registry()[1]:
        if host == suffix or host.endswith("." + suffix):
            return module
    return None


def site_key(url_or_host: str | None) -> str | None:
    """The record's ``site``: the module's key (per host for networks), else the host without ``www.``."""
    host = host_of(url_or_host) if url_or_host else None
    if not host:
        return None
    module = site_for(host)
    if module is not None:
        key_for_host = getattr(module, "site_key", None)
        return key_for_host(host) if key_for_host else module.KEY
    return host.removeprefix("www.")


def module_name(module: ModuleType) -> str:
    """``extract.sites.tribun`` → ``tribun`` (used in ``extraction = "site:tribun"``)."""
    return module.__name__.rsplit(".", 1)[-1]
