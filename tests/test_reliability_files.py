"""One bad file blocks nothing (issue 12, item 7): a corrupt Parquet file, junk in ``errors/`` or a
corrupt state database is named in one line by the readers and quarantined (or rebuilt) by the crawl.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JUNK_ARTICLE = Path("articles/site=satuarah/month=2023-12/part-20231201T000000-junk.parquet")
JUNK_ERROR = Path("errors/part-20231201T000000-junk.parquet")


def kabar(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "kabar.crawler.cli", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def damaged(out: Path) -> Path:
    for rel in (JUNK_ARTICLE, JUNK_ERROR):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(b"PAR1 this is not a parquet file at all")
    return out


@pytest.mark.parametrize("command", [["query", "SELECT count(*) FROM articles"], ["report"]])
def test_readers_name_the_bad_file_in_one_line(tmp_path: Path, command: list[str]) -> None:
    out = damaged(tmp_path / "out")
    extra = ["-o", str(tmp_path / "r.html")] if command == ["report"] else []
    result = kabar(*command, "--out", str(out), *extra)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "part-20231201T000000-junk.parquet" in lines[0] and "quarantine" in lines[0]


@pytest.mark.slow
def test_the_crawl_quarantines_bad_files_and_rebuilds_a_corrupt_state(tmp_path: Path) -> None:
    out = damaged(tmp_path / "out")
    first = kabar("crawl", "--bundled", "satuarah", "--out", str(out), "-s", "KABAR_EXTRACT_WORKERS=0")
    assert first.returncode == 0, first.stderr[-3000:]
    assert not (out / JUNK_ARTICLE).exists() and not (out / JUNK_ERROR).exists()
    assert (out / "quarantine" / JUNK_ARTICLE).exists() and (out / "quarantine" / JUNK_ERROR).exists()
    assert "quarantine" in first.stderr
    stored = kabar("query", "SELECT count(*) AS n FROM articles", "--out", str(out), "--format", "csv")
    assert stored.returncode == 0, stored.stderr
    (out / "state" / "crawl.sqlite3").write_bytes(b"junk, not SQLite" * 100)
    for leftover in ("crawl.sqlite3-wal", "crawl.sqlite3-shm"):
        (out / "state" / leftover).unlink(missing_ok=True)
    second = kabar("crawl", "--bundled", "satuarah", "--out", str(out), "-s", "KABAR_EXTRACT_WORKERS=0")
    assert second.returncode == 0, second.stderr[-3000:]
    assert "Traceback" not in second.stderr
    again = kabar("query", "SELECT count(*) AS n FROM articles", "--out", str(out), "--format", "csv")
    assert again.stdout == stored.stdout  # rebuilt from Parquet: nothing stored twice


# --- item 10: smaller ones -----------------------------------------------------------------------------


def small_dataset(out: Path, title: str = "Judul") -> Path:
    from storage_helpers import article_item, crawl, make_record

    text = "Bupati memimpin ikrar netralitas aparatur sipil negara di pendopo kabupaten. " * 4
    crawl(out, article_item(make_record("https://www.beritajakarta.id/a", text, title=title)))
    return out


def test_extract_refuses_a_fifo_instead_of_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    result = kabar("extract", str(fifo), "--no-facts", timeout=60)
    assert result.returncode != 0
    assert "not a regular file" in result.stderr and "Traceback" not in result.stderr


def test_a_9mb_ld_json_headline_is_cheap() -> None:
    import time

    from kabar.extract.page import extract_page

    ld = '{"@type": "NewsArticle", "headline": "' + "Ikrar " * 1_500_000 + '"}'
    body = "Bupati memimpin ikrar netralitas aparatur sipil negara di pendopo kabupaten. " * 6
    page = (
        f'<html><head><script type="application/ld+json">{ld}</script><title>Ikrar</title></head>'
        f"<body><article><h1>Ikrar netralitas</h1><p>{body}</p></article></body></html>"
    )
    started = time.monotonic()
    record = extract_page(page, "https://example.com/2023/10/17/ikrar", facts=False)
    assert time.monotonic() - started < 5
    assert record["text"] and len(record["title"] or "") < 1000


def test_query_prints_markup_like_cells_as_plain_text_and_wide_tables_whole(tmp_path: Path) -> None:
    out = small_dataset(tmp_path / "out", title="Bupati [/] dan [bold]camat[/bold] berikrar")
    wide = "x" * 300
    result = kabar("query", f"SELECT title, '{wide}' AS wide FROM articles", "--out", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Bupati [/] dan [bold]camat[/bold] berikrar" in result.stdout
    assert wide in result.stdout  # not squashed to 80 columns because stdout is a pipe


def test_query_shows_every_statement_or_says_why_not(tmp_path: Path) -> None:
    out = small_dataset(tmp_path / "out")
    result = kabar("query", "SELECT 'first' AS a; SELECT 'second' AS b", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "first" in result.stdout and "second" in result.stdout
    as_csv = kabar("query", "SELECT 'first' AS a; SELECT 'second' AS b", "--out", str(out), "--format", "csv")
    assert as_csv.returncode == 2 and "one statement" in as_csv.stderr


def test_query_safe_reads_the_views_and_nothing_else(tmp_path: Path) -> None:
    out = small_dataset(tmp_path / "out")
    ok = kabar("query", "--safe", "SELECT count(*) AS n FROM articles", "--out", str(out), "--format", "csv")
    assert ok.returncode == 0 and ok.stdout.split() == ["n", "1"], ok.stderr
    for sql in (
        "SELECT * FROM read_csv('/etc/passwd')",
        f"COPY (SELECT 1) TO '{out}/articles/x.csv'",
        "INSTALL httpfs",
        "SET enable_external_access = true",
    ):
        refused = kabar("query", "--safe", sql, "--out", str(out))
        assert refused.returncode == 2, (sql, refused.stderr)
        assert "Traceback" not in refused.stderr
    assert not (out / "articles" / "x.csv").exists()


def test_readers_retry_when_a_merge_removes_a_file_under_them(tmp_path: Path, monkeypatch) -> None:
    import argparse

    import duckdb

    from kabar.crawler.commands import query

    out = small_dataset(tmp_path / "out")
    from kabar.pipelines import dataset

    real = dataset.connect
    calls = []

    def flaky(outs: object, con: object = None) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise duckdb.IOException('IO Error: Cannot open file "part-x.parquet": No such file or directory')
        return real(outs, con)

    monkeypatch.setattr(dataset, "connect", flaky)
    args = argparse.Namespace(sql="SELECT count(*) FROM articles", out=[out], format="csv", safe=False)
    assert query.run(args) == 0
    assert len(calls) == 2
