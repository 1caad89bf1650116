"""Crash behaviour: atomic Parquet files, the raw store survives SIGKILL, one writer per output dir."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from storage_helpers import Chain, article_item, crawl, make_record, rows

from kabar.pipelines import store
from kabar.pipelines.dataset import connect
from kabar.pipelines.lock import OutputLock, OutputLocked
from kabar.pipelines.raw import iter_raw_articles
from kabar.pipelines.state import CrawlState

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
URLS = [f"https://www.beritajakarta.id/read/{i}/ikrar" for i in range(3)]


def _items():
    return [article_item(make_record(u, f"Ikrar netralitas ASN nomor {i}.")) for i, u in enumerate(URLS)]


def _run_python(code: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(TESTS))
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=ROOT, **kwargs)


def test_failed_rename_leaves_no_partial_file_and_no_state(tmp_path: Path, monkeypatch):
    real_replace = os.replace

    def broken_replace(src, dst):
        if str(src).endswith(".tmp"):  # Parquet temp files only; the raw store still closes
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", broken_replace)
    crawl(tmp_path, *_items())
    monkeypatch.undo()
    assert not [p for p in (tmp_path / "articles").rglob("*") if p.is_file()]
    assert CrawlState(tmp_path).seen(URLS[0]) is None  # not stored, so the next crawl retries
    crawl(tmp_path, *_items())
    assert len(rows(tmp_path)) == 3


def test_sigkill_during_flush_loses_no_fetched_page_and_leaves_no_partial_parquet(tmp_path: Path):
    proc = _run_python(
        f"""
        import os, signal
        from storage_helpers import Chain, article_item, make_record
        from kabar.pipelines import store
        urls = {URLS!r}
        chain = Chain({str(tmp_path)!r}, flush_rows=1000).open()
        texts = [f"Ikrar netralitas ASN nomor {{i}}." for i in range(len(urls))]
        items = [article_item(make_record(u, t)) for u, t in zip(urls, texts)]
        chain.feed(*items)
        real_replace = os.replace
        def die_before_rename(src, dst):
            if str(src).endswith(".tmp"):
                os.kill(os.getpid(), signal.SIGKILL)
            return real_replace(src, dst)
        store.os.replace = die_before_rename
        chain.store.flush()
        """
    )
    assert proc.wait(timeout=60) == -signal.SIGKILL
    articles = tmp_path / "articles"
    assert not list(articles.rglob("*.parquet"))  # only the hidden temp file exists
    assert list(articles.rglob(".*.tmp"))
    assert rows(tmp_path) == []  # readers ignore the temp file
    assert list((tmp_path / "raw").glob(".*.warc.gz.open"))
    assert CrawlState(tmp_path).seen(URLS[0]) is None

    crawl(tmp_path, *_items())  # the next crawl cleans up, recovers and stores everything
    assert not list(articles.rglob(".*.tmp"))
    assert sorted(r["url"] for r in rows(tmp_path)) == sorted(URLS)
    raw_urls = [a["url"] for a in iter_raw_articles(tmp_path / "raw")]
    assert raw_urls == URLS + URLS  # the killed run's pages were kept


def test_readers_skip_leftover_temp_files(tmp_path: Path):
    crawl(tmp_path, *_items())
    part = next((tmp_path / "articles").rglob("*.parquet"))
    (part.parent / ".part-garbage.parquet.tmp").write_bytes(b"PAR1 half a file")
    assert len(rows(tmp_path)) == 3
    assert len(pd.read_parquet(tmp_path / "articles")) == 3
    with Chain(tmp_path):
        pass
    assert not (part.parent / ".part-garbage.parquet.tmp").exists()


def test_second_writer_is_refused_with_a_clear_message(tmp_path: Path):
    holder = _run_python(
        f"""
        import sys, time
        from kabar.pipelines.lock import OutputLock
        OutputLock({str(tmp_path)!r}).acquire()
        print("locked", flush=True)
        time.sleep(60)
        """,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputLocked, match=rf"in use by another kabar process \(pid {holder.pid}"):
            OutputLock(tmp_path).acquire()
        with pytest.raises(OutputLocked, match="--out"):
            Chain(tmp_path).open()
    finally:
        holder.kill()
        holder.wait(timeout=30)
    with OutputLock(tmp_path):  # released by the kernel when the holder died
        with OutputLock(tmp_path):  # re-entrant inside one process
            pass
    assert len(rows(tmp_path)) == 0


def test_views_work_on_an_empty_or_missing_dataset(tmp_path: Path):
    con = connect(tmp_path / "nothing-here")
    for view in ("articles", "articles_latest", "events", "officials", "pledge_points", "figures", "errors"):
        assert con.execute(f"SELECT count(*) FROM {view}").fetchone() == (0,)
