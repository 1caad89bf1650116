"""Workers that read their own input: byte ranges of the raw store (``kabar reextract``), the
per-page time guard inside them, and the same guard in ``kabar ingest``'s workers."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from storage_helpers import json_extractor, make_record

from kabar.pipelines.ingest import ingest
from kabar.pipelines.raw import RAW_DIRNAME, WarcStore, iter_raw_articles, raw_files
from kabar.pipelines.rawsegments import Segment, plan_segments, segment_articles
from kabar.pipelines.reextract import reextract
from kabar.pipelines.timeguard import PageTimeout, page_time_limit

FETCHED_AT = "2024-02-01T08:00:00+07:00"


def _page(url: str, body: bytes) -> dict[str, Any]:
    return {"url": url, "status": 200, "headers": {"Content-Type": "application/json"}, "body": body,
            "fetched_at": FETCHED_AT}  # fmt: skip


def _store(out: Path, n: int, files: int = 2) -> None:
    """``n`` articles over ``files`` raw files; every third has three pages (one record each)."""
    for f in range(files):
        store = WarcStore(out / RAW_DIRNAME)
        for i in range(f, n, files):
            url = f"https://www.beritajakarta.id/read/{i}/berita"
            body = make_record(url, f"teks nomor {i} " * (20 + i % 7))
            import json

            pages = [_page(url, json.dumps(body).encode())]
            if i % 3 == 0:
                pages += [_page(f"{url}?page={p}", f"halaman {p} ".encode() * 50) for p in (2, 3)]
            store.write_article({"kind": "article", "site": "beritajakarta", "url": url, "lastmod": None,
                                 "pages": pages})  # fmt: skip
        store.close()


def _urls_and_pages(items) -> list[tuple[str, int]]:
    return [(item["url"], len(item["pages"])) for item in items]


@pytest.mark.parametrize("range_bytes", [700, 3000, 1 << 20])
def test_byte_ranges_give_exactly_the_articles_of_one_reader(tmp_path: Path, monkeypatch, range_bytes: int):
    import kabar.pipelines.rawsegments as rawsegments

    _store(tmp_path, 60)
    monkeypatch.setattr(rawsegments, "MIN_RANGE_BYTES", range_bytes)
    monkeypatch.setattr(rawsegments, "MAX_RANGE_BYTES", range_bytes)
    segments = plan_segments(tmp_path / RAW_DIRNAME, workers=2)
    assert len(segments) >= len(raw_files(tmp_path / RAW_DIRNAME))
    if range_bytes == 700:
        assert len(segments) > 20  # ranges smaller than one article: most own nothing
    whole = _urls_and_pages(iter_raw_articles(tmp_path / RAW_DIRNAME))
    damage: list = []
    ranged = _urls_and_pages(item for s in segments for item in segment_articles(s, damage))
    assert ranged == whole and len(whole) == 60 and not damage


@pytest.mark.parametrize("where", [0.3, 0.5, 0.71])
def test_a_damaged_file_is_reported_once_however_it_is_cut(tmp_path: Path, where: float):
    _store(tmp_path, 40, files=1)
    [warc] = raw_files(tmp_path / RAW_DIRNAME)
    data = bytearray(warc.read_bytes())
    middle = int(len(data) * where)
    data[middle : middle + 40] = b"\0" * 40  # a garbled gzip member in the middle
    warc.write_bytes(bytes(data[: len(data) * 9 // 10]))  # and a cut-off last record
    one_damage: list = []
    whole = _urls_and_pages(iter_raw_articles(tmp_path / RAW_DIRNAME, one_damage))
    size = warc.stat().st_size
    for step in range(300, 12000, 457):
        ends = [s + step if s + step < size else None for s in range(0, size, step)]
        segments = [Segment(str(warc), s, e) for s, e in zip(range(0, size, step), ends, strict=True)]
        damage: list = []
        ranged = _urls_and_pages(item for s in segments for item in segment_articles(s, damage))
        assert ranged == whole
        assert sorted(d.reason for d in damage) == sorted(d.reason for d in one_damage) and one_damage


def test_reextract_with_two_workers_equals_one(tmp_path: Path, monkeypatch):
    import kabar.pipelines.rawsegments as rawsegments

    monkeypatch.setattr(rawsegments, "MIN_RANGE_BYTES", 2000)
    for name in ("one", "two"):
        _store(tmp_path / name, 50)
    one = reextract(tmp_path / "one", workers=1, extractor=json_extractor, progress=False)
    two = reextract(tmp_path / "two", workers=2, extractor=json_extractor, progress=False)
    keys = ("raw_articles", "rows", "errors", "unchanged", "unreadable", "articles_after")
    assert {k: one[k] for k in keys} == {k: two[k] for k in keys} and one["rows"] == 50
    import duckdb

    def table(out: Path) -> list:
        glob = out / "articles" / "**" / "*.parquet"
        return duckdb.sql(f"SELECT article_id, version, content_hash FROM '{glob}' ORDER BY 1").fetchall()

    assert table(tmp_path / "one") == table(tmp_path / "two")


def _busy(seconds: float) -> int:
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:  # Python-level work, like a regex-heavy page
        n += 1
    return n


def test_the_time_guard_stops_a_slow_page_and_leaves_fast_ones_alone():
    started = time.monotonic()
    with pytest.raises(PageTimeout):
        with page_time_limit(0.3):
            _busy(30)
    assert time.monotonic() - started < 5
    for _ in range(200):  # a limit that ends with its block never fires later
        with page_time_limit(0.05):
            pass
    _busy(0.2)


def slow_on_hang_pages(html: bytes | str, url: str | None = None, **kwargs: Any) -> dict:
    """The real extractor without facts, except on /hang pages, where it spins for a minute."""
    if url and "/hang" in url:
        _busy(60)
    from kabar.extract.page import extract_page

    return extract_page(html, url, **kwargs, facts=False)


def test_ingest_turns_a_page_that_outlasts_its_limit_into_an_errors_row(tmp_path: Path):
    from warc_samples import bundled_pages

    pages = bundled_pages()[:3]
    store = WarcStore(tmp_path / "src", name_prefix="src")
    for i, (site, url, html) in enumerate(pages):
        if i == 1:
            url = url.rstrip("/") + "/hang"
        page = _page(url, html)
        page["headers"] = {"Content-Type": "text/html; charset=utf-8"}
        store.write_article({"kind": "article", "site": site, "url": url, "lastmod": None, "pages": [page]})
    store.close()
    out = tmp_path / "out"
    started = time.monotonic()
    totals = ingest(
        raw_files(tmp_path / "src") or list((tmp_path / "src").glob("*.warc.gz")),
        out,
        workers=1,
        extractor_path="test_parallel_extract.slow_on_hang_pages",
        page_timeout=2,
    )
    assert time.monotonic() - started < 50
    import duckdb

    errors = duckdb.sql(f"SELECT url, code FROM '{out}/errors/*.parquet'").fetchall()
    assert [code for url, code in errors if url.endswith("/hang")] == ["extract_timeout"]
    assert totals["rows"] == 2
