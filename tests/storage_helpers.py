"""Helpers for the storage tests: spider-shaped items and a pipeline chain run without Scrapy.

``json_page(record)`` makes a page whose body *is* the record (JSON); ``json_extractor`` returns
it as the extractor would.  Tests of dedup, validation and storage then control the extracted
record exactly (including broken ones) without depending on the page extractor's heuristics;
``tests/test_pipelines_real_extractor.py`` runs the real extractor through the same chain.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kabar.extract.record import empty_record
from kabar.pipelines.dedup import DedupPipeline, Unchanged
from kabar.pipelines.extract_pipeline import ExtractPipeline
from kabar.pipelines.raw import RawStorePipeline
from kabar.pipelines.store import StorePipeline
from kabar.pipelines.validate import ValidatePipeline

FETCHED_AT = "2024-02-01T08:00:00+07:00"


def make_record(url: str, text: str, **fields: Any) -> dict[str, Any]:
    record = empty_record(url)
    record.update(site="beritajakarta", title="Judul", text=text, published_at="2023-09-25T10:00:00+07:00")
    record.update(fields)
    return record


def json_page(record: dict[str, Any], url: str | None = None, fetched_at: str = FETCHED_AT) -> dict[str, Any]:
    return {
        "url": url or record.get("url") or "https://www.beritajakarta.id/x",
        "status": 200,
        "headers": {"Content-Type": "application/json", "ETag": '"v1"'},
        "body": json.dumps(record).encode("utf-8"),
        "fetched_at": fetched_at,
    }


def article_item(record: dict[str, Any], url: str | None = None, **page: Any) -> dict[str, Any]:
    url = url or record.get("url") or "https://www.beritajakarta.id/x"
    return {"kind": "article", "site": "beritajakarta", "url": url, "pages": [json_page(record, url, **page)]}


def json_extractor(html: bytes | str, url: str | None = None, *, extra_pages=(), **_: Any) -> dict:
    record = json.loads(html)
    if record.get("url") is None and url:
        record["url"] = url
    return record


class Chain:
    """The five pipelines in ITEM_PIPELINES order, opened and closed like Scrapy does."""

    def __init__(self, out_dir: Path, extractor=json_extractor, flush_rows: int = 1000) -> None:
        settings = {"KABAR_OUT": str(out_dir), "KABAR_FLUSH_ROWS": flush_rows}
        self.store = StorePipeline.from_settings(settings)
        self.pipelines = [
            RawStorePipeline.from_settings(settings),
            ExtractPipeline(extractor),
            ValidatePipeline(),
            DedupPipeline.from_settings(settings),
            self.store,
        ]
        self.dropped = 0

    def open(self) -> Chain:
        for p in self.pipelines:
            if hasattr(p, "open_spider"):
                p.open_spider()
        return self

    def feed(self, *items: dict[str, Any]) -> None:
        for item in items:
            try:
                for p in self.pipelines:
                    item = p.process_item(item)
            except Unchanged:
                self.dropped += 1

    def close(self) -> None:
        for p in reversed(self.pipelines):  # Scrapy closes pipelines in reverse order
            if hasattr(p, "close_spider"):
                p.close_spider()

    def __enter__(self) -> Chain:
        return self.open()

    def __exit__(self, *exc: Any) -> None:
        self.close()


def crawl(out_dir: Path, *items: dict[str, Any], **kwargs: Any) -> Chain:
    with Chain(out_dir, **kwargs) as chain:
        chain.feed(*items)
    return chain


def rows(out_dir: Path, sql: str = "SELECT * FROM articles ORDER BY url, version") -> list[dict[str, Any]]:
    from kabar.pipelines.dataset import connect

    con = connect(out_dir)
    try:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    finally:
        con.close()


def facts_record(url: str, site: str, text_suffix: str = "", **facts: Any) -> dict[str, Any]:
    """A record with event facts whose offsets point into its text."""
    text = (
        "ASN Pemkot Jakut mengikuti ikrar netralitas, Senin (25/9). "
        "Wakil Wali Kota Juaini memimpin. Sebanyak 450 ASN hadir. "
        "Poin: tidak berpartisipasi dalam kampanye politik." + text_suffix
    )
    record = make_record(url, text, site=site)
    record.update(
        topic="pledge",
        topic_confidence=0.9,
        event={
            "type": "ikrar",
            "date": "2023-09-25",
            "date_text": "Senin (25/9)",
            "date_start": "2023-09-25",
            "date_end": "2023-09-25",
            "weekday_ok": True,
            "location": None,
            "start": 0,
            "end": text.index(".") + 1,
        },
        institution={
            "name": "Pemerintah Kota Administrasi Jakarta Utara",
            "short": "Pemkot Jakut",
            "kind": "pemkot",
            "aliases": ["Pemkot Jakut"],
            "start": 4,
            "end": 16,
            "id": "pemkot@31.72",
            "canonical": "Pemerintah Kota Administrasi Jakarta Utara",
            "region_code": "31.72",
            "province_code": "31",
            "province_name": "Daerah Khusus Ibukota Jakarta",
        },
        official={
            "name": "Juaini",
            "title": "Wakil Wali Kota",
            "institution": None,
            "start": text.index("Juaini"),
            "end": text.index("Juaini") + 6,
            "person_id": "per:juaini",
        },
        officials=[
            {
                "name": "Juaini",
                "title": "Wakil Wali Kota",
                "institution": None,
                "start": text.index("Juaini"),
                "end": text.index("Juaini") + 6,
                "person_id": "per:juaini",
            }
        ],
        pledge_points=["tidak berpartisipasi dalam kampanye politik"],
        pledge_spans=[{"start": text.index("tidak"), "end": len(text) - 1 - len(text_suffix)}],
        pledge_themes=[{"point": 0, "theme": "kampanye_partisan", "evidence": "kampanye"}],
        figures=[
            {
                "value": 450,
                "unit": "ASN",
                "context": "hadir",
                "text": "450 ASN",
                "start": text.index("450"),
                "end": text.index("450") + 7,
                "kind": "people",
            }
        ],
    )
    record.update(facts)
    return record


def build_facts_dataset(out_dir: Path) -> None:
    """Three articles on two sites (one changed once), one plain article, one fetch error."""
    a = "https://www.beritajakarta.id/read/1/ikrar"
    b = "https://wartakota.tribunnews.com/2023/10/10/apel"
    c = "https://www.beritajakarta.id/read/3/banjir"
    first = [
        article_item(facts_record(a, "beritajakarta")),
        dict(
            article_item(facts_record(b, "wartakota", published_at="2023-10-10T09:00:00+07:00")),
            site="wartakota",
        ),
        article_item(
            make_record(c, "Banjir di Jakarta Utara surut.", published_at="2023-10-11T09:00:00+07:00")
        ),
        {
            "kind": "fetch_error",
            "site": "wartakota",
            "url": b + "?page=9",
            "status": 404,
            "reason": "Not Found",
        },
    ]
    crawl(out_dir, *first)
    crawl(
        out_dir,
        article_item(
            facts_record(a, "beritajakarta", " Ralat: 500 ASN."), fetched_at="2024-02-03T08:00:00+07:00"
        ),
    )


def json_extractor_pid(html: bytes | str, url: str | None = None, **kwargs: Any) -> dict:
    """:func:`json_extractor` that notes which process extracted (``extraction`` = ``pid:N``)."""
    import os

    record = json_extractor(html, url, **kwargs)
    record["extraction"] = f"pid:{os.getpid()}"
    return record
