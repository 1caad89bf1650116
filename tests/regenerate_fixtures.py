"""Regenerate the ``<name>.expected.json`` snapshot of every fixture page from kabar's output.

    python tests/regenerate_fixtures.py            # every site
    python tests/regenerate_fixtures.py --site idntimes

``tests/test_fixture_snapshots.py`` fails whenever kabar's output for a fixture page differs
from its snapshot.  Updating the snapshots is a deliberate act (Fundus' rule): run this script,
read ``git diff tests/fixtures``, and commit the change only if every difference is an
improvement.  Each page is extracted with its continuation pages (``meta.json`` ``pages``)
and its URL from ``meta.json``, exactly as the snapshot test does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kabar.extract.page import extract_page

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"


def fixture_pages(site: str | None = None) -> Iterator[Path]:
    """Every fixture article page ``<site>/<name>.html`` that has a ``meta.json`` (no continuation pages)."""
    pattern = f"{site}/*.meta.json" if site else "*/*.meta.json"
    for meta in sorted(PAGES.glob(pattern)):
        yield meta.with_name(meta.name.removesuffix(".meta.json") + ".html")


def load_meta(page: Path) -> dict[str, Any]:
    return json.loads(page.with_name(page.name.removesuffix(".html") + ".meta.json").read_text("utf-8"))


def expected_path(page: Path) -> Path:
    return page.with_name(page.name.removesuffix(".html") + ".expected.json")


def extract_fixture(page: Path) -> dict[str, Any]:
    """kabar's record for one fixture page, continuation pages joined, URL from its meta.json."""
    meta = load_meta(page)
    extra = [(page.parent / name).read_bytes() for name in meta.get("pages", [])]
    return extract_page(page.read_bytes(), meta.get("url"), extra_pages=extra)


def render(record: dict[str, Any]) -> str:
    """The snapshot's exact text: sorted keys, indent 2, UTF-8 as is, final newline."""
    return json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", help="only this site's folder (e.g. wartakota)")
    args = parser.parse_args(argv)
    pages = list(fixture_pages(args.site))
    if not pages:
        print(f"no fixture pages under {PAGES}" + (f"/{args.site}" if args.site else ""), file=sys.stderr)
        return 1
    changed = 0
    for page in pages:
        target = expected_path(page)
        text = render(extract_fixture(page))
        old = target.read_text("utf-8") if target.exists() else None
        if old != text:
            target.write_text(text, "utf-8")
            changed += 1
            print(f"{'updated' if old else 'created'} {target.relative_to(ROOT)}")
    print(f"{len(pages)} fixture page(s), {changed} snapshot(s) written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
