"""Shared test helpers: where the fixtures and the optional ../shared material live."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PAGES = FIXTURES / "pages"
SITES = ROOT / "crawler" / "bundled"  # the bundled offline sites (package data)
BUILD_SITES = FIXTURES / "build_sites.py"
SHARED = ROOT.parent / "shared"


def fixture_pages() -> Iterator[Path]:
    """Every fixture article page (``<site>/<name>.html``), skipping continuation pages."""
    for meta in sorted(PAGES.glob("*/*.meta.json")):
        yield meta.with_name(meta.name.replace(".meta.json", ".html"))


def load_meta(page: Path) -> dict:
    return json.loads(page.with_name(page.name.replace(".html", ".meta.json")).read_text("utf-8"))


# Every test of these modules runs a whole crawl or ingest, a subprocess, a headless browser or a
# server round trip of seconds:
# marked `slow` here in one place (`pytest -m "not slow"` skips them; `make test` and CI run all).
SLOW_MODULES = frozenset(
    {
        "test_crawl_e2e.py",
        "test_events_bundled.py",
        "test_ingest.py",
        "test_report_browser.py",
        "test_pipelines_scrapy.py",
        "test_redis_crawl.py",
        "test_reliability_crash.py",
        "test_reliability_pages.py",
        "test_reliability_server.py",
        "test_install.py",
        "test_toy_outlet.py",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the project; tests that need it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent: reference material not available on this machine")
    return SHARED
