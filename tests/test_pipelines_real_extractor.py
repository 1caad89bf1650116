"""Fixture pages through the real extractor and the whole pipeline chain, then reextract.

One page per site keeps it quick; NER is off (the statistical model is tested elsewhere and only
changes which officials are found, not the shape of the record).
"""

from __future__ import annotations

import functools
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import fixture_pages, load_meta
from storage_helpers import Chain, rows

from kabar.pipelines.reextract import reextract


def _extractor():
    from kabar.extract.page import extract_page

    return functools.partial(extract_page, use_ner=False)


def _one_page_per_site() -> list[Path]:
    chosen: dict[str, Path] = {}
    for page in fixture_pages():
        chosen.setdefault(page.parent.name, page)
    return list(chosen.values())


def _item(page: Path) -> dict:
    meta = load_meta(page)
    pages = [
        {
            "url": meta["url"],
            "status": 200,
            "headers": {"Content-Type": "text/html"},
            "body": page.read_bytes(),
            "fetched_at": "2024-02-01T08:00:00+07:00",
        }
    ]
    more = page.with_name(page.name.replace(".html", ".page2.html"))
    if more.exists():
        pages.append(
            {
                "url": meta["url"] + "?page=2",
                "status": 200,
                "headers": {},
                "body": more.read_bytes(),
                "fetched_at": "2024-02-01T08:00:01+07:00",
            }
        )
    return {"kind": "article", "site": meta["site"], "url": meta["url"], "pages": pages}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> tuple[Path, list[dict]]:
    pages = _one_page_per_site()
    if not pages:
        pytest.skip("no fixture pages yet")
    out = tmp_path_factory.mktemp("real")
    items = [_item(p) for p in pages]
    with Chain(out, extractor=_extractor()) as chain:
        chain.feed(*items)
    return out, items


def test_every_fixture_article_becomes_a_valid_row(crawled):
    out, items = crawled
    stored = rows(out)
    assert rows(out, "SELECT url, code, reason FROM errors") == []
    assert sorted(r["site"] for r in stored) == sorted(i["site"] for i in items)
    for row in stored:
        assert row["published_at"] is not None and row["published_at"].utcoffset() == timedelta(hours=7)
        assert row["month"] == row["published_at"].strftime("%Y-%m")
        assert len(row["text"]) > 200 and row["title"]
        assert row["error"] is None, row["error"]
        spans = [
            row["event"],
            row["institution"],
            row["official"],
            *row["officials"],
            *row["figures"],
            *row["pledge_spans"],
        ]
        for span in spans:
            if span and span.get("start") is not None:
                assert 0 <= span["start"] < span["end"] <= len(row["text"])


def test_fixture_events_are_queryable(crawled):
    out, _ = crawled
    events = rows(out, "SELECT sites, event_type, event_date, institution_id FROM events")
    assert len(events) >= 3
    assert all(e["event_type"] and e["sites"] for e in events)
    assert sum(e["institution_id"] is not None for e in events) >= 3


def test_reextract_of_real_pages_gives_the_same_rows(crawled, tmp_path: Path):
    out, _ = crawled
    before = rows(out)
    counts = reextract(out, extractor=_extractor(), progress=False)
    assert counts["rows"] == len(before)
    assert rows(out) == before
