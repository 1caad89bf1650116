"""Events on the bundled crawl (what `make run` shows) against hand-written gold.

One ``kabar crawl --bundled`` with the full extractor, then the checks of issue 11: every story
told by several outlets is one event with the right ``n_sources``, no two gold events share an
``event_id``, institution ids and region codes are right for every gold event; and the ids
survive an unchanged re-crawl and ``kabar reextract``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURES, ROOT

from kabar.pipelines.dataset import connect

GOLD = FIXTURES / "events_gold.tsv"


def gold() -> list[dict]:
    out = []
    for line in GOLD.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        paths, institution_id, region, day = line.split("\t")
        out.append(
            {
                "paths": frozenset(paths.split()),
                "institution_id": institution_id,
                "region_code": None if region == "-" else region,
                "event_date": day,
            }
        )
    return out


def kabar(*args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "kabar.crawler.cli", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def event_rows(out: Path) -> dict[frozenset, dict]:
    """Events keyed by the set of their article URL paths."""
    con = connect(out)
    try:
        cursor = con.execute(
            "SELECT event_id, institution_id, region_code, CAST(event_date AS VARCHAR) AS event_date, "
            "n_sources, sites, urls FROM events"
        )
        names = [d[0] for d in cursor.description]
        found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()
    return {frozenset(urlsplit(u).path for u in e["urls"]): e for e in found}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("events") / "dataset"
    result = kabar("crawl", "--bundled", "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Events, linked across outlets" in result.stdout
    return out


def test_every_gold_event_is_one_event_with_its_institution_region_and_sources(crawled: Path):
    events = event_rows(crawled)
    wrong = []
    for g in gold():
        e = events.get(g["paths"])
        if e is None:
            holders = [sorted(k) for k in events if k & g["paths"]]
            wrong.append(f"{sorted(g['paths'])}: not one event; split/merged as {holders}")
            continue
        got = {k: e[k] for k in ("institution_id", "region_code", "event_date")}
        want = {k: g[k] for k in ("institution_id", "region_code", "event_date")}
        if got != want:
            wrong.append(f"{sorted(g['paths'])}: {got} != {want}")
        if e["n_sources"] != len(e["sites"]) or e["n_sources"] != len(g["paths"]):
            wrong.append(f"{sorted(g['paths'])}: n_sources {e['n_sources']}")
    assert not wrong, "\n".join(wrong)
    multi = [g for g in gold() if len(g["paths"]) > 1]
    assert len(multi) == 3 and any(len(g["paths"]) == 3 for g in multi)


def test_gold_events_have_distinct_ids(crawled: Path):
    events = event_rows(crawled)
    ids = [events[g["paths"]]["event_id"] for g in gold() if g["paths"] in events]
    assert len(ids) == len(set(ids))


def test_event_ids_survive_a_recrawl_and_reextract(crawled: Path):
    before = {k: e["event_id"] for k, e in event_rows(crawled).items()}
    result = kabar("crawl", "--bundled", "--out", str(crawled))  # unchanged: 304s, nothing stored
    assert result.returncode == 0, result.stderr[-3000:]
    assert {k: e["event_id"] for k, e in event_rows(crawled).items()} == before
    result = kabar("reextract", "--out", str(crawled))
    assert result.returncode == 0, result.stderr[-3000:]
    assert {k: e["event_id"] for k, e in event_rows(crawled).items()} == before
