"""kabar query / report / reextract, driven through the CLI entry point."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from storage_helpers import article_item, build_facts_dataset, crawl, json_extractor, make_record, rows

from kabar.crawler.cli import main
from kabar.pipelines.lock import OutputLock
from kabar.pipelines.reextract import reextract
from kabar.pipelines.state import CrawlState


@pytest.fixture()
def dataset(tmp_path: Path) -> Path:
    out = tmp_path / "dataset"
    build_facts_dataset(out)
    return out


def test_query_table_csv_and_json(dataset: Path, capsys):
    sql = "SELECT site, count(*) AS n FROM articles_latest GROUP BY site ORDER BY site"
    assert main(["query", sql, "--out", str(dataset), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"site": "beritajakarta", "n": 2},
        {"site": "wartakota", "n": 1},
    ]
    assert main(["query", sql, "--out", str(dataset), "--format", "csv"]) == 0
    assert list(csv.reader(io.StringIO(capsys.readouterr().out))) == [
        ["site", "n"],
        ["beritajakarta", "2"],
        ["wartakota", "1"],
    ]
    assert main(["query", sql, "--out", str(dataset)]) == 0
    assert "beritajakarta" in capsys.readouterr().out


def test_query_json_keeps_nested_facts_and_dates(dataset: Path, capsys):
    sql = "SELECT event_date, officials FROM article_events WHERE site = 'wartakota'"
    assert main(["query", sql, "--out", str(dataset), "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["event_date"] == "2023-09-25" and row["officials"][0]["name"] == "Juaini"


def test_query_reports_bad_sql_and_missing_dataset_without_traceback(dataset: Path, tmp_path: Path, capsys):
    assert main(["query", "SELECT nope FROM articles", "--out", str(dataset)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kabar query:") and "nope" in err and "Traceback" not in err
    assert main(["query", "SELECT 1", "--out", str(tmp_path / "missing")]) == 2
    assert "no dataset" in capsys.readouterr().err


def test_report_is_self_contained_html_with_charts(dataset: Path, tmp_path: Path):
    target = tmp_path / "r" / "report.html"
    assert main(["report", "--out", str(dataset), "-o", str(target)]) == 0
    page = target.read_text("utf-8")
    assert page.count("<svg") >= 6
    assert "Pemerintah Kota Administrasi Jakarta Utara" in page and "Juaini" in page
    assert "no campaigning or partisanship (kampanye_partisan)" in page  # the theme of the pledge point
    # one event told by two outlets: one row that links both articles
    assert page.count("<td>Pemerintah Kota Administrasi Jakarta Utara</td>") == 1
    assert 'href="https://www.beritajakarta.id/read/1/ikrar"' in page
    assert 'href="https://wartakota.tribunnews.com/2023/10/10/apel"' in page
    assert "http_404" in page
    assert not re.search(r"<script|<link[^>]+href=|src=\"http", page)  # nothing fetched when opened


def test_reextract_rebuilds_the_same_rows_from_the_raw_store(dataset: Path):
    before = rows(dataset)
    errors_before = rows(dataset, "SELECT * FROM errors ORDER BY url")
    counts = reextract(dataset, extractor=json_extractor, progress=False)
    assert {k: counts[k] for k in ("raw_articles", "rows", "errors", "unchanged", "unreadable")} == {
        "raw_articles": 4,
        "rows": 4,
        "errors": 0,
        "unchanged": 0,
        "unreadable": 0,
    }
    assert rows(dataset) == before
    assert rows(dataset, "SELECT * FROM errors ORDER BY url") == errors_before  # fetch errors kept
    assert CrawlState(dataset).seen("https://www.beritajakarta.id/read/1/ikrar").version == 2
    assert not list(dataset.glob(".reextract-*"))


@pytest.mark.slow
def test_reextract_in_a_process_pool_gives_the_same_rows(tmp_path: Path):
    out = tmp_path / "d"
    items = [
        article_item(make_record(f"https://www.beritajakarta.id/read/{i}/x", f"teks {i}")) for i in range(6)
    ]
    crawl(out, *items, items[0])
    before = rows(out)
    counts = reextract(out, workers=2, extractor=json_extractor, progress=False)
    assert counts["rows"] == 6 and counts["unchanged"] == 1
    assert rows(out) == before


def test_reextract_refuses_while_a_crawl_holds_the_lock(dataset: Path, capsys):
    # Same process: the lock is re-entrant, so simulate the holder with a second open file.
    import fcntl
    import os

    fd = os.open(dataset / ".kabar.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert main(["reextract", "--out", str(dataset), "--workers", "1"]) == 1
        assert "in use by another kabar process" in capsys.readouterr().err
    finally:
        os.close(fd)
    with OutputLock(dataset):
        pass


def test_several_output_dirs_read_as_one_dataset(tmp_path: Path, capsys):
    node_a, node_b = tmp_path / "node-a", tmp_path / "node-b"
    url = "https://www.beritajakarta.id/read/{}/x"
    crawl(node_a, article_item(make_record(url.format(1), "teks satu")))
    crawl(
        node_b,
        article_item(make_record(url.format(2), "teks dua")),
        article_item(make_record(url.format(1), "teks satu")),
    )  # both nodes fetched article 1
    sql = "SELECT count(*) AS rows, count(DISTINCT article_id) AS ids FROM articles_latest"
    assert main(["query", sql, "--out", str(node_a), "--out", str(node_b), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"rows": 2, "ids": 2}]
    target = tmp_path / "report.html"
    assert main(["report", "--out", str(node_a), "--out", str(node_b), "-o", str(target)]) == 0
    assert f"{node_a}, {node_b}" in target.read_text("utf-8")
