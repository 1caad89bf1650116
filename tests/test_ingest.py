"""``kabar ingest``: WARC files written by kabar, by warcio and in the CC-NEWS layout, into a dataset;
single-process, in a process pool and on a Dask LocalCluster, with the same output."""

from __future__ import annotations

from pathlib import Path

import pytest
from storage_helpers import rows
from warc_samples import CHANGED, bundled_pages, write_all

from kabar.crawler.cli import main
from kabar.pipelines.ingest import ingest
from kabar.pipelines.raw import RAW_DIRNAME, raw_files

ARTICLES = "SELECT * FROM articles ORDER BY article_id, version"
ERRORS = "SELECT url, site, stage, status, code, reason FROM errors ORDER BY url"


@pytest.fixture(scope="module")
def warcs(tmp_path_factory) -> list[Path]:
    return write_all(tmp_path_factory.mktemp("warcs"))


@pytest.fixture(scope="module")
def single(warcs, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("single") / "dataset"
    return out, ingest(warcs, out, workers=1)


def test_every_bundled_article_is_ingested_with_versions(single):
    out, totals = single
    pages = bundled_pages()
    latest = rows(out, "SELECT url, site, version, text FROM articles_latest")
    assert len(latest) == len(pages)
    assert {r["site"] for r in latest} == {p[0] for p in pages}
    # a changed text is a new version; the same text again (three writers) is not stored again
    assert {r["version"] for r in latest} == {1, 2, 3}
    assert any(CHANGED.decode().strip()[:30] in r["text"] for r in rows(out, ARTICLES))
    assert totals["unchanged"] > len(pages) // 2


def test_what_is_not_an_article_is_counted_or_an_error_row(single):
    out, totals = single
    revisits = len(range(0, len(bundled_pages()), 7))  # warc_samples: a revisit after every 7th page
    assert totals["revisits"] == revisits and totals["not_html"] == 2 and totals["other_hosts"] == 201
    assert totals["unreadable"] == 1 and "record cut off" in totals["damage"][0]
    codes = {r["code"] for r in rows(out, ERRORS)}
    assert codes == {"http_404", "unreadable_record"}
    assert not rows(out, "SELECT url FROM articles WHERE url LIKE '%example%'")


def test_second_run_over_the_same_files_adds_nothing(single, warcs):
    out, _ = single
    before = rows(out, ARTICLES)
    raw_before = raw_files(out / RAW_DIRNAME)
    again = ingest(warcs, out, workers=1)
    assert again["skipped_files"] == 3 and again["files"] == 0 and again["rows"] == 0
    assert rows(out, ARTICLES) == before and raw_files(out / RAW_DIRNAME) == raw_before
    assert not list((out / ".ingest-spool").glob("*"))  # every spooled result was read and deleted


def test_reextract_rebuilds_ingested_articles_from_the_raw_store(single, tmp_path: Path):
    import shutil

    from kabar.pipelines.reextract import reextract

    out = tmp_path / "copy"
    shutil.copytree(single[0], out)
    before = rows(out, ARTICLES)
    counts = reextract(out, progress=False)
    assert counts["unreadable"] == 0 and counts["articles_after"] == counts["articles_before"]
    assert rows(out, ARTICLES) == before


def test_process_pool_gives_the_same_dataset(single, warcs, tmp_path: Path):
    out = tmp_path / "pool"
    ingest(warcs, out, workers=2)
    assert rows(out, ARTICLES) == rows(single[0], ARTICLES)
    assert rows(out, ERRORS) == rows(single[0], ERRORS)


def test_dask_local_cluster_gives_the_same_dataset(single, warcs, tmp_path: Path):
    pytest.importorskip(
        "distributed", reason="Dask distributed is not installed (pip install 'dask[distributed]')"
    )
    out = tmp_path / "dask"
    totals = ingest(warcs, out, workers=2, engine="dask")
    assert totals["files"] == 3
    assert rows(out, ARTICLES) == rows(single[0], ARTICLES)
    assert rows(out, ERRORS) == rows(single[0], ERRORS)
    assert len(raw_files(out / RAW_DIRNAME)) == 3


def test_cli_filters_and_exit_codes(warcs, tmp_path: Path, capsys):
    out = tmp_path / "cli"
    cc_news = str(warcs[2])
    assert main(["ingest", cc_news, "--out", str(out), "--since", "2024-04-01", "--workers", "1"]) == 0
    assert "0 row(s) stored" in capsys.readouterr().out
    assert (
        main(["ingest", str(warcs[1]), "--out", str(out), "--hosts", "beritajakarta.id", "--workers", "1"])
        == 1
    )
    captured = capsys.readouterr()
    assert "record cut off" in captured.err
    assert {r["site"] for r in rows(out, "SELECT site FROM articles")} == {"beritajakarta"}
    assert main(["ingest", str(tmp_path / "nothing-*.warc.gz"), "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith("kabar ingest: no WARC file at")
    assert main(["ingest", cc_news, "--out", str(out), "--since", "yesterday"]) == 2
    assert "bad date" in capsys.readouterr().err


def test_sources_by_url_glob_are_read_through_fsspec(single, warcs, tmp_path: Path):
    pytest.importorskip("fsspec")
    out = tmp_path / "url"
    pattern = f"file://{warcs[1].parent}/*.warc.gz"  # the warcio and CC-NEWS files
    totals = ingest([pattern], out, workers=1)
    assert totals["files"] == 2 and totals["kept"] > 0
    assert ingest([pattern], out, workers=1)["skipped_files"] == 2
