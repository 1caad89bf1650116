"""``kabar reextract`` on a damaged raw store (issue 12, item 4): unreadable records are found and
named, the tables never shrink without --force, and a kill during the table swap is repaired."""

from __future__ import annotations

from pathlib import Path

import pytest
from storage_helpers import Chain, article_item, crawl, json_extractor, make_record, rows

import kabar.pipelines.swap as swap_module
from kabar.crawler.cli import main
from kabar.pipelines.raw import RAW_DIRNAME, raw_files
from kabar.pipelines.reextract import FewerArticles, reextract
from kabar.pipelines.swap import SWAP_JOURNAL

N = 40


def _dataset(out: Path) -> Path:
    items = [
        article_item(make_record(f"https://www.beritajakarta.id/read/{i}/x", f"teks nomor {i} " * 20))
        for i in range(N)
    ]
    crawl(out, *items)
    [warc] = raw_files(out / RAW_DIRNAME)
    return warc


def _urls(out: Path) -> list[str]:
    return [r["url"] for r in rows(out, "SELECT url FROM articles ORDER BY url")]


def test_truncated_warc_is_reported_and_does_not_shrink_the_tables(tmp_path: Path, capsys):
    out = tmp_path / "d"
    warc = _dataset(out)
    before = _urls(out)
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) * 6 // 10])  # cut in the middle of a record

    with pytest.raises(FewerArticles):
        reextract(out, extractor=json_extractor, progress=False)
    assert _urls(out) == before and not list(out.glob(".reextract-*"))

    assert main(["reextract", "--out", str(out), "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert "fewer" in err or "article(s), the tables" in err
    assert _urls(out) == before

    counts = reextract(out, extractor=json_extractor, progress=False, force=True)
    assert counts["unreadable"] >= 1 and counts["articles_before"] == N
    assert 0 < counts["articles_after"] < N == len(before)
    assert len(_urls(out)) == counts["articles_after"]


def test_garbled_member_costs_only_its_own_record(tmp_path: Path):
    out = tmp_path / "d"
    warc = _dataset(out)
    data = bytearray(warc.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = b"\xff" * 64
    warc.write_bytes(bytes(data))

    counts = reextract(out, extractor=json_extractor, progress=False, force=True)
    assert counts["unreadable"] == 1 and "unreadable" in counts["damage"][0]
    # reading resumed at the next gzip member: one article lost, not the second half of the file
    assert counts["articles_after"] == N - 1


def test_a_rebuild_without_errors_replaces_the_old_errors_table_junk_included(tmp_path: Path):
    """Found by probing: a rebuild with no error rows left errors/ as it was, so stale errors rows
    (and a junk file that made every later query fail) outlived the rebuild."""
    out = tmp_path / "d"
    _dataset(out)
    (out / "errors").mkdir(exist_ok=True)
    (out / "errors" / "part-junk.parquet").write_bytes(b"junk, not Parquet")
    counts = reextract(out, extractor=json_extractor, progress=False)
    assert counts["errors"] == 0
    assert not (out / "errors" / "part-junk.parquet").exists()
    assert rows(out, "SELECT count(*) AS n FROM errors") == [{"n": 0}]
    assert len(_urls(out)) == N


def test_clean_raw_store_reports_no_damage(tmp_path: Path):
    out = tmp_path / "d"
    _dataset(out)
    counts = reextract(out, extractor=json_extractor, progress=False)
    assert counts["unreadable"] == 0 and counts["articles_after"] == counts["articles_before"] == N


def test_kill_between_the_swap_renames_leaves_a_readable_dataset_repaired_at_next_start(
    tmp_path: Path, monkeypatch
):
    out = tmp_path / "d"
    _dataset(out)

    # A changed extractor: the rebuilt rows differ from the old ones, so the swap is visible.
    def upper(html, url=None, **kwargs):
        record = json_extractor(html, url, **kwargs)
        record["title"] = "BARU"
        return record

    real_exchange = swap_module._exchange
    calls = []

    def exchange_then_die(a: Path, b: Path) -> bool:
        if calls:
            raise KeyboardInterrupt  # killed after the first table was swapped
        calls.append(a)
        return real_exchange(a, b)

    monkeypatch.setattr(swap_module, "_exchange", exchange_then_die)
    with pytest.raises(KeyboardInterrupt):
        reextract(out, extractor=upper, progress=False)
    assert (out / SWAP_JOURNAL).exists()
    # half swapped, still readable: new articles table, old errors table and state
    assert {r["title"] for r in rows(out)} == {"BARU"}
    assert len(_urls(out)) == N

    monkeypatch.setattr(swap_module, "_exchange", real_exchange)
    with Chain(out):  # the next crawl finishes the swap before it opens a table
        pass
    assert not (out / SWAP_JOURNAL).exists() and not list(out.glob(".reextract-*"))
    assert not list(out.rglob(".reextract-new"))
    assert len(_urls(out)) == N and {r["title"] for r in rows(out)} == {"BARU"}
    counts = reextract(out, extractor=json_extractor, progress=False)
    assert counts["articles_after"] == N
