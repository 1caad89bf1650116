"""The item pipelines end to end: raw store, extract, validate, dedup, store, crawl state."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from storage_helpers import Chain, article_item, crawl, make_record, rows

from kabar.pipelines.raw import iter_raw_articles
from kabar.pipelines.state import CrawlState, article_id_for
from kabar.schemas.article import METADATA_KEY, SCHEMA_VERSION

URL = "https://www.beritajakarta.id/read/1/ikrar"
URL2 = "https://www.beritajakarta.id/read/2/apel"
TEXT = "ASN Pemkot Jakut mengikuti ikrar netralitas, Senin (25/9).\nJuaini memimpin ikrar."


def test_article_is_stored_with_ids_hash_and_jakarta_times(tmp_path: Path):
    crawl(tmp_path, article_item(make_record(URL, TEXT)))
    [row] = rows(tmp_path)
    assert row["article_id"] == article_id_for(URL)
    assert row["version"] == 1
    assert row["site"] == "beritajakarta" and row["month"] == "2023-09"
    assert row["published_at"].utcoffset() == timedelta(hours=7)
    assert row["published_at"].hour == 10
    assert row["fetched_at"].isoformat().startswith("2024-02-01T08:00:00")
    assert len(row["content_hash"]) == 32
    files = list((tmp_path / "articles").rglob("*.parquet"))
    assert [f.parent.name for f in files] == ["month=2023-09"]
    assert files[0].parent.parent.name == "site=beritajakarta"
    assert pq.read_schema(files[0]).metadata[METADATA_KEY] == SCHEMA_VERSION.encode()
    group = pq.ParquetFile(files[0]).metadata.row_group(0)
    columns = {group.column(i).path_in_schema: group.column(i) for i in range(group.num_columns)}
    assert columns["article_id"].compression == "ZSTD"
    assert columns["published_at"].is_stats_set and not columns["text"].is_stats_set


def test_same_article_twice_is_one_row(tmp_path: Path):
    item = article_item(make_record(URL, TEXT))
    chain = crawl(tmp_path, item, item)
    assert chain.dropped == 1
    assert len(rows(tmp_path)) == 1


def test_second_crawl_of_unchanged_articles_adds_no_rows(tmp_path: Path):
    items = [article_item(make_record(URL, TEXT)), article_item(make_record(URL2, "Apel netralitas ASN."))]
    broken = article_item({"url": URL2 + "/galeri", "text": "", "error": {"code": "no_text", "message": "x"}})
    crawl(tmp_path, *items, broken)
    before = (len(rows(tmp_path)), len(rows(tmp_path, "SELECT * FROM errors")))
    chain = crawl(tmp_path, *items, broken, flush_rows=1)
    assert chain.dropped == 3
    assert (len(rows(tmp_path)), len(rows(tmp_path, "SELECT * FROM errors"))) == before == (2, 1)


def test_whitespace_only_change_is_not_a_new_version(tmp_path: Path):
    crawl(tmp_path, article_item(make_record(URL, TEXT)))
    crawl(tmp_path, article_item(make_record(URL, TEXT.replace(" ", "  ") + "\n")))
    assert len(rows(tmp_path)) == 1


def test_changed_text_is_version_2_and_latest_view_picks_it(tmp_path: Path):
    crawl(tmp_path, article_item(make_record(URL, TEXT)))
    crawl(
        tmp_path,
        article_item(
            make_record(URL, TEXT + "\nRalat: ikrar diikuti 500 ASN."), fetched_at="2024-02-02T08:00:00+07:00"
        ),
    )
    versions = rows(tmp_path)
    assert [r["version"] for r in versions] == [1, 2]
    assert len({r["article_id"] for r in versions}) == 1
    [latest] = rows(tmp_path, "SELECT * FROM articles_latest")
    assert latest["version"] == 2 and "Ralat" in latest["text"]
    assert CrawlState(tmp_path).seen(URL).version == 2


def test_canonical_url_merges_two_requested_urls(tmp_path: Path):
    record = make_record(URL, TEXT)
    crawl(tmp_path, article_item(record, url=URL + "?utm_source=x"), article_item(record, url=URL + "?amp=1"))
    assert len(rows(tmp_path)) == 1
    state = CrawlState(tmp_path)
    assert state.seen(URL + "?amp=1").article_id == state.seen(URL).article_id == article_id_for(URL)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"published_at": "2023-09-25T10:00:00"}, "naive_timestamp"),
        ({"published_at": "kemarin sore"}, "bad_timestamp"),
        ({"url": None}, "missing_url"),
        ({"authors": "Budhi"}, "wrong_type"),
        ({"pages": 1.5}, "wrong_type"),
        ({"officials": [{"name": ["Juaini"]}]}, "wrong_type"),
        ({"event": {"date": "25 September"}}, "bad_date"),
    ],
)
def test_bad_record_goes_to_errors_with_reason_and_url(tmp_path: Path, fields: dict, code: str):
    record = make_record(URL, TEXT)
    record.update(fields)
    item = article_item(record, url=URL)
    if fields.get("url", "") is None:
        item["url"] = ""  # nothing to fall back on
        item["pages"][0]["url"] = ""
    crawl(tmp_path, item, article_item(make_record(URL2, "Apel netralitas.")))
    assert [r["url"] for r in rows(tmp_path)] == [URL2]
    [err] = rows(tmp_path, "SELECT * FROM errors")
    assert err["stage"] == "validate" and err["code"] == code, err
    assert err["reason"]
    if code != "missing_url":
        assert err["url"] == URL


def test_fetch_errors_and_empty_pages_are_logged_not_dropped(tmp_path: Path):
    fetch_error = {
        "kind": "fetch_error",
        "site": "idntimes",
        "url": "https://www.idntimes.com/x",
        "status": 503,
        "reason": "HTTP 503 after 3 retries",
    }
    no_text = article_item({"url": URL, "text": "", "error": {"code": "not_article", "message": "a listing"}})
    crawl(tmp_path, fetch_error, no_text)
    errs = rows(tmp_path, "SELECT stage, code, status, url FROM errors ORDER BY stage")
    assert errs == [
        {"stage": "extract", "code": "not_article", "status": 200, "url": URL},
        {"stage": "fetch", "code": "http_503", "status": 503, "url": "https://www.idntimes.com/x"},
    ]


def test_text_is_normalised_and_offsets_follow(tmp_path: Path):
    text = "Cafe\u0301 Balai Kota\x07 ikrar 450 ASN."
    start = text.index("450")
    record = make_record(
        URL,
        text,
        figures=[
            {
                "value": 450,
                "unit": "ASN",
                "context": "ikrar",
                "text": "450 ASN",
                "start": start,
                "end": start + 7,
            }
        ],
        title="Judul\u200b  baru",
    )
    crawl(tmp_path, article_item(record))
    [row] = rows(tmp_path)
    assert row["text"] == "Café Balai Kota  ikrar 450 ASN."
    assert row["title"] == "Judul baru"
    fig = row["figures"][0]
    assert row["text"][fig["start"] : fig["end"]] == "450 ASN"
    assert fig["value"] == 450.0


def test_out_of_range_offsets_are_nulled_and_flagged(tmp_path: Path):
    record = make_record(
        URL, TEXT, official={"name": "Juaini", "title": None, "institution": None, "start": 5, "end": 9999}
    )
    crawl(tmp_path, article_item(record))
    [row] = rows(tmp_path)
    assert row["official"]["name"] == "Juaini" and row["official"]["start"] is None
    assert row["error"]["code"] == "bad_offsets"


def test_facts_are_arrow_structs_and_lists(tmp_path: Path):
    record = make_record(
        URL,
        TEXT,
        event={
            "type": "ikrar",
            "date": "2023-09-25",
            "date_text": "Senin (25/9)",
            "date_start": "2023-09-25",
            "date_end": "2023-09-25",
            "weekday_ok": True,
            "location": None,
            "start": 0,
            "end": 57,
        },
        officials=[
            {"name": "Juaini", "title": "Wakil Wali Kota", "institution": None, "start": 58, "end": 64}
        ],
        pledge_points=["tidak berpartisipasi dalam kampanye"],
        pledge_spans=[{"start": 0, "end": 3}],
    )
    crawl(tmp_path, article_item(record))
    [ev] = rows(
        tmp_path, "SELECT event.date AS d, officials[1].name AS n, pledge_points[1] AS p FROM articles"
    )
    assert ev == {"d": date(2023, 9, 25), "n": "Juaini", "p": "tidak berpartisipasi dalam kampanye"}


def test_raw_store_keeps_every_page_with_headers(tmp_path: Path):
    item = article_item(make_record(URL, TEXT))
    page2 = dict(item["pages"][0], url=URL + "?page=2", body=b"<p>halaman 2</p>")
    item["pages"].append(page2)
    item["lastmod"] = "2023-09-26T00:00:00+07:00"
    crawl(tmp_path, item)
    [raw] = list(iter_raw_articles(tmp_path / "raw"))
    assert raw["url"] == URL and raw["site"] == "beritajakarta" and raw["lastmod"] == item["lastmod"]
    assert [p["url"] for p in raw["pages"]] == [URL, URL + "?page=2"]
    assert raw["pages"][1]["body"] == b"<p>halaman 2</p>"
    assert raw["pages"][0]["headers"]["ETag"] == '"v1"'
    assert (
        raw["pages"][0]["status"] == 200 and raw["pages"][0]["fetched_at"] == item["pages"][0]["fetched_at"]
    )
    assert not list((tmp_path / "raw").glob(".*"))  # closed files only


def test_raw_store_keeps_pages_the_later_stages_reject(tmp_path: Path):
    crawl(tmp_path, article_item(make_record(URL, TEXT, published_at="2023-09-25T10:00:00")))
    assert rows(tmp_path) == []
    assert [a["url"] for a in iter_raw_articles(tmp_path / "raw")] == [URL]


def test_buffer_is_flushed_every_n_rows(tmp_path: Path):
    with Chain(tmp_path, flush_rows=2) as chain:
        chain.feed(*(article_item(make_record(f"{URL}/{i}", f"teks {i}")) for i in range(5)))
        assert len(list((tmp_path / "articles").rglob("*.parquet"))) == 2
        assert chain.store.writer.pending == 1
    assert len(rows(tmp_path)) == 5
    # At close the small files of the partition are merged into one.
    [merged] = list((tmp_path / "articles").rglob("*.parquet"))
    assert pq.ParquetFile(merged).metadata.num_rows == 5
    assert pq.read_schema(merged).metadata[METADATA_KEY] == SCHEMA_VERSION.encode()


def test_merge_interrupted_before_deleting_the_small_files_is_finished_on_next_start(tmp_path: Path):
    with Chain(tmp_path, flush_rows=1) as chain:
        chain.feed(*(article_item(make_record(f"{URL}/{i}", f"teks {i}")) for i in range(3)))
        small = sorted((tmp_path / "articles").rglob("part-*.parquet"))
        saved = {p: p.read_bytes() for p in small}
    for path, data in saved.items():  # as if the process died right after renaming the merged file
        path.write_bytes(data)
    assert len(rows(tmp_path)) == 6 and len(rows(tmp_path, "SELECT * FROM articles_latest")) == 3
    with Chain(tmp_path):
        pass
    assert len(rows(tmp_path)) == 3
    assert len(list((tmp_path / "articles").rglob("*.parquet"))) == 1


def test_state_is_committed_only_with_the_parquet_files(tmp_path: Path):
    chain = Chain(tmp_path, flush_rows=100).open()
    chain.feed(article_item(make_record(URL, TEXT)))
    assert CrawlState(tmp_path).seen(URL) is None  # another connection: nothing durable yet
    chain.close()
    entry = CrawlState(tmp_path).seen(URL)
    assert entry.version == 1 and entry.etag == '"v1"'
    assert datetime.fromisoformat(entry.fetched_at).utcoffset() == timedelta(hours=7)


def test_idle_spider_flushes_the_buffer(tmp_path: Path):
    with Chain(tmp_path, flush_rows=100) as chain:
        chain.feed(article_item(make_record(URL, TEXT)))
        assert not list((tmp_path / "articles").rglob("*.parquet"))
        chain.store.flush_if_pending()  # connected to Scrapy's spider_idle signal
        assert len(list((tmp_path / "articles").rglob("*.parquet"))) == 1
        assert CrawlState(tmp_path).seen(URL) is not None  # the state is durable with the file


def test_a_row_arrow_refuses_at_flush_becomes_a_store_error_and_the_rest_is_written(tmp_path: Path) -> None:
    """Validation checks Python types; Arrow's own limits (an int32 overflow) are judged once, on
    the whole buffer, by the store: the refused row is an error row, its neighbours are stored."""
    good = make_record("https://www.beritajakarta.id/read/1/baik", "Teks yang baik.")
    huge = make_record("https://www.beritajakarta.id/read/2/besar", "Teks lain.", pages=2**40)
    crawl(tmp_path, article_item(good), article_item(huge))
    assert [r["url"] for r in rows(tmp_path)] == [good["url"]]
    errors = rows(tmp_path, "SELECT url, stage, code FROM errors")
    assert errors == [{"url": huge["url"], "stage": "store", "code": "schema_mismatch"}]
