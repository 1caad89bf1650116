"""The registry of site modules: which module extracts which host.

Every module in this package (except ``base`` and names starting with ``_``) that defines
``KEY``, ``HOSTS`` and ``extract`` is registered on first use (not at import, so site modules
can import helpers that themselves import :mod:`extract.sites.base`); adding a site is adding
one module (see :mod:`extract.sites.base` for the shape; a module with ``CRAWL``, see
:mod:`extract.sites.sources`, is crawlable too).  Host matching is by suffix
and the longest suffix wins, so a dedicated ``wartakota.tribunnews.com`` module would take
precedence over the whole-network ``tribunnews.com`` one.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from functools import cache
from types import ModuleType
from typing import Any

from kabar.extract.sites.base import host_of

# Folders of further outlet modules (os.pathsep-separated), searched like this package: an
# installed kabar crawls an outlet whose module lives outside site-packages.  An environment
# variable, not a setting, so the extraction worker processes see the same outlets.
SITES_PATH_ENV = "KABAR_SITES_PATH"
__path__.extend(p for p in os.environ.get(SITES_PATH_ENV, "").split(os.pathsep) if p)


@cache
def _registry() -> tuple[dict[str, ModuleType], tuple[tuple[str, ModuleType], ...]]:
    """Modules by key, and (host suffix, module) pairs with the longest suffix first."""
    modules: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name in ("base", "sources") or info.name.startswith("_"):
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


def crawlable() -> dict[str, ModuleType]:
    """Site modules with crawl sources (``CRAWL``), by key: each gets a spider of that name."""
    return {key: module for key, module in _registry()[0].items() if getattr(module, "CRAWL", None)}


def refresh() -> None:
    """Forget the registry, so modules added to this package's ``__path__`` since are found."""
    _registry.cache_clear()


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
