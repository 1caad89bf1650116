"""End to end: the local server, the real spiders and pipelines, and what reached Parquet.

Crawls run in a subprocess (Twisted's reactor cannot restart inside one process) against a
:class:`SiteServer` running in the test process, so the test sees every request the crawl made.
``MANIFEST.json`` (written by ``tests/fixtures/build_sites.py``) says what each bundled site
holds: its articles (and page counts), a robots-disallowed article-looking link, non-articles.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, SITES

from kabar.crawler.localserver import SiteServer

pytest.importorskip("kabar.pipelines.dataset")
from kabar.pipelines.dataset import connect  # noqa: E402 - after the skip

MANIFEST = json.loads((SITES / "MANIFEST.json").read_text("utf-8"))
CRAWL_TIMEOUT = 120
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"]
# Crawl tests check fetching and storing, not event facts: skip loading the facts models (half
# of each crawl's time; tests/test_pipelines_real_extractor.py runs the full extractor).
NO_FACTS = ["-s", "KABAR_EXTRACTOR=test_crawl_e2e.extract_without_facts"]
_PATHS = [str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in _PATHS if p)}


def extract_without_facts(html: bytes | str, url: str | None = None, *, extra_pages: Any = ()) -> dict:
    """The page extractor without event facts (imported by the crawl subprocess via KABAR_EXTRACTOR)."""
    from kabar.extract.page import extract_page

    return extract_page(html, url, extra_pages=extra_pages, facts=False)


def scrapy_crawl(site: str, base_url: str, out: Path) -> subprocess.CompletedProcess:
    """``scrapy crawl SITE -a base_url=… -s KABAR_OUT=…`` from the project root."""
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        site,
        "-a",
        f"base_url={base_url}",
        "-s",
        f"KABAR_OUT={out}",
        *FAST,
        *NO_FACTS,
    ]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=CRAWL_TIMEOUT, env=ENV)


def kabar_crawl(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "kabar.crawler.cli", "crawl", *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=CRAWL_TIMEOUT, env=ENV)


def rows(out: Path, sql: str) -> list[tuple]:
    con = connect(out)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def article_paths(site: str) -> set[str]:
    return {urlsplit(u).path for u in MANIFEST[site]["articles"]}


def copy_sites(tmp: Path) -> Path:
    """A private copy of the bundled trees, so a test can edit articles as a newsroom would."""
    root = tmp / "sites"
    for entry in MANIFEST.values():
        shutil.copytree(SITES / entry["host"], root / entry["host"])
    return root


def crawl_all(server: SiteServer, out: Path) -> subprocess.CompletedProcess:
    """``kabar crawl`` of all five sites in one process, each pointed at its local copy."""
    pairs = [f"{site}={server.base_urls[e['host']]}" for site, e in MANIFEST.items()]
    args = [*MANIFEST, *(a for pair in pairs for a in ("--base-url", pair)), "--out", str(out), *NO_FACTS]
    return kabar_crawl(*args)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One crawl of all five bundled sites; yields the server, the output and what the crawl did."""
    tmp = tmp_path_factory.mktemp("e2e")
    root, out = copy_sites(tmp), tmp / "out"
    with SiteServer(root) as server:
        result = crawl_all(server, out)
        assert result.returncode == 0, result.stderr[-3000:]
        columns = "requested_url, site, pages, article_id, version, title, text"
        snapshot = rows(out, f"SELECT {columns} FROM articles")
        errors = rows(out, "SELECT site, url, stage, code, reason FROM errors")
        yield {
            "server": server,
            "root": root,
            "out": out,
            "rows": snapshot,
            "errors": errors,
            "requests": server.requested(),
        }


@pytest.mark.parametrize("site", sorted(MANIFEST))
def test_bundled_site_crawl_reaches_parquet(site: str, crawled: dict) -> None:
    entry = MANIFEST[site]
    stored = [r for r in crawled["rows"] if r[1] == site]
    by_url = {r[0]: r for r in stored}
    assert set(by_url) == set(entry["articles"]), "every bundled article, and nothing else, is stored"
    assert len(stored) == len(by_url) == len({r[3] for r in stored}), "no duplicates"
    for url, info in entry["articles"].items():
        _, _, pages, _, version, title, text = by_url[url]
        assert version == 1
        assert pages == info["pages"], f"{url}: pages joined"
        assert title and len(text) > 100, url
    for url in entry["non_articles"]:
        assert url not in by_url
    assert [e for e in crawled["errors"] if e[0] == site] == []

    paths = [r.path for r in crawled["requests"] if r.host == entry["host"]]
    assert "/robots.txt" in paths
    for url in entry["disallowed"]:
        assert urlsplit(url).path not in paths, f"robots.txt disallows {url}, yet it was fetched"
    for url in entry["non_articles"]:
        assert urlsplit(url).path in paths, f"{url} looks like an article: fetched, then skipped"
    article_hits = [p for p in paths if urlsplit(p).path in article_paths(site)]
    expected_hits = sum(info["pages"] for info in entry["articles"].values())
    assert len(article_hits) == expected_hits, "each article page fetched exactly once"


def edit_article(root: Path, site: str, url: str) -> None:
    """Correct an article as a newsroom does: one more sentence, and the sitemap's lastmod moves."""
    host = MANIFEST[site]["host"]
    page = root / host / urlsplit(url).path.strip("/") / "index.html"
    html = page.read_text("utf-8")
    sentence = "Ralat: jumlah peserta yang benar adalah 520 orang, bukan 500 orang seperti diberitakan."
    page.write_text(re.sub(r"(</p>)", r"\1\n<p>" + sentence + "</p>", html, count=1), "utf-8")
    for sitemap in (root / host).glob("*sitemap*.xml"):
        xml = sitemap.read_text("utf-8")
        pattern = re.escape(f"<loc>{url}</loc><lastmod>") + r"[^<]+"
        moved = f"<loc>{url}</loc><lastmod>2024-02-01T08:00:00+07:00"
        sitemap.write_text(re.sub(pattern, moved, xml), "utf-8")


# wartakota: sitemap lastmod + listings + a two-page article; beritajakarta: listings and ETags only.
CHANGED = {
    "wartakota": "https://wartakota.tribunnews.com/2023/10/16/"
    "camat-dan-lurah-se-jakarta-barat-teken-pakta-integritas-netralitas",
    "beritajakarta": "https://m.beritajakarta.id/read/127910/Puskesmas_Cakung_Layani_Vaksinasi_Polio_Anak",
}


def test_incremental_recrawl_fetches_nothing_unchanged_and_picks_up_changes(crawled: dict) -> None:
    server, root, out = crawled["server"], crawled["root"], crawled["out"]
    total = sum(len(e["articles"]) for e in MANIFEST.values())
    all_paths = {(e["host"], urlsplit(u).path) for e in MANIFEST.values() for u in e["articles"]}
    count_sql = "SELECT count(*) FROM articles"
    assert rows(out, count_sql) == [(total,)]

    done = len(server.requested())
    second = crawl_all(server, out)
    assert second.returncode == 0, second.stderr[-3000:]
    again = [r for r in server.requested()[done:] if (r.host, urlsplit(r.path).path) in all_paths]
    assert all(r.status == 304 for r in again), f"article bodies fetched again: {again}"
    assert rows(out, count_sql) == [(total,)], "an unchanged crawl adds no rows"

    for site, url in CHANGED.items():
        assert url in MANIFEST[site]["articles"]
        edit_article(root, site, url)
    done = len(server.requested())
    third = crawl_all(server, out)
    assert third.returncode == 0, third.stderr[-3000:]
    fetched = sorted(
        urlsplit(r.path).path
        for r in server.requested()[done:]
        if r.status == 200 and (r.host, urlsplit(r.path).path) in all_paths
    )
    expected = sorted(
        urlsplit(u).path for site, u in CHANGED.items() for _ in range(MANIFEST[site]["articles"][u]["pages"])
    )
    assert fetched == expected, "only the changed articles (all their pages) are fetched again"
    for url in CHANGED.values():
        versions = rows(out, f"SELECT version, text FROM articles WHERE requested_url = '{url}' ORDER BY 1")
        assert [v for v, _ in versions] == [1, 2], f"{url}: the change is stored as a new version"
        assert "520 orang" in versions[1][1] and "520 orang" not in versions[0][1]
    assert rows(out, count_sql) == [(total + len(CHANGED),)]


def test_scrapy_crawl_works_from_the_project_root(tmp_path: Path) -> None:
    entry = MANIFEST["satuarah"]
    out = tmp_path / "out"
    with SiteServer(hosts=[entry["host"]]) as server:
        result = scrapy_crawl("satuarah", server.base_urls[entry["host"]], out)
    assert result.returncode == 0, result.stderr[-3000:]
    stored = {r[0] for r in rows(out, "SELECT requested_url FROM articles")}
    assert stored == set(entry["articles"])


def test_kabar_crawl_bundled_prints_summary_and_query(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    result = kabar_crawl("--bundled", "koranjakarta", "--out", str(out), *NO_FACTS)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "koranjakarta" in result.stdout and "FROM events" in result.stdout
    assert "fetched" in result.stderr and "per second" in result.stderr
    assert rows(out, "SELECT count(*) FROM articles") == [(len(MANIFEST["koranjakarta"]["articles"]),)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuchsite"], "unknown site nosuchsite; known sites: antaranews, beritajakarta"),
        (["wartakota", "--since", "2023-13-01"], "--since must be a date"),
        (["wartakota", "--since", "2023-10-02", "--until", "2023-10-01"], "is after --until"),
        ([], "name at least one site"),
        (["wartakota", "idntimes", "--base-url", "http://127.0.0.1:1"], "name exactly one SITE"),
        (["wartakota", "--base-url", "idntimes=http://127.0.0.1:1"], "idntimes is not among the sites"),
    ],
)
def test_kabar_crawl_rejects_bad_options_clearly(args: list[str], message: str, tmp_path: Path) -> None:
    result = kabar_crawl(*args, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_kabar_crawl_rejects_an_unwritable_out(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", "utf-8")
    result = kabar_crawl("wartakota", "--out", str(blocker / "out"))
    assert result.returncode == 2
    assert "is not a writable directory" in result.stderr and "Traceback" not in result.stderr
