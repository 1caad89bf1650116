"""Bodies, titles and dates against hand-written gold on real pages (issue 10), with floors.

The scorer and its criteria are in ``bodies_gold.py`` (also a CLI that scores plain trafilatura
side by side).  Only the *dev* part of ``../shared/realhtml-dev`` is scored here, page by page
(``pytest -s`` prints the rows); its held-aside part stays a blind check, scored by hand with
``python tests/bodies_gold.py --held`` and reported as aggregates only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bodies_gold import dev_cases, format_rows, format_summary, kabar, realhtml_cases, run, summary

# Issue 10's targets; measured on the dev part: 1.000 on every criterion (33 pages).
DEV_FLOORS = {"title": 0.97, "date": 0.97, "starts": 0.95, "ends": 0.95, "no_leak": 0.95, "fully": 0.90}
# Other projects' gold (lenient edges) and the listings / feeds that must be flagged.
# Measured: fully 45/47 (the misses: an anpandu Liputan6 gold whose page is a listing-like single
# page, and a fundus gold that keeps the lead picture's caption, which kabar drops as furniture).
REALHTML_FULLY_FLOOR = 0.95


def _ratio(results, crit: str) -> float:
    ok, n = summary(results)[crit]
    return ok / n if n else 1.0


def test_dev_part_of_realhtml_dev_meets_the_targets(shared_dir: Path) -> None:
    if not (shared_dir / "realhtml-dev" / "gold.jsonl").exists():
        pytest.skip("../shared/realhtml-dev is absent")
    results = run(dev_cases(held=False), kabar)
    assert len(results) >= 30
    print("\n" + format_rows(results) + "\n" + format_summary("realhtml-dev (dev)", results))
    for crit, floor in DEV_FLOORS.items():
        assert _ratio(results, crit) >= floor, crit


def test_realhtml_pages_and_listings(shared_dir: Path) -> None:
    if not (shared_dir / "realhtml" / "PROVENANCE.tsv").exists():
        pytest.skip("../shared/realhtml is absent")
    results = run(realhtml_cases(), kabar)
    print("\n" + format_rows(results) + "\n" + format_summary("realhtml", results))
    listings = [r for r in results if not r.case.expect_article]
    assert len(listings) >= 10 and all(r.scores["fully"] for r in listings)
    assert _ratio(results, "fully") >= REALHTML_FULLY_FLOOR
