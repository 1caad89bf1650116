"""Failing servers: every fault ends as a row in the ``errors`` table (URL, status, reason), is
retried only where retrying makes sense, and the crawl goes on with the other articles.

One real crawl (``scrapy crawl satuarah`` in a subprocess, short timeouts) runs against a copy of
the bundled site whose sitemap also lists the fault URLs; the tests read what it stored.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import faults
import pytest
from reliability_helpers import (
    PARAGRAPHS,
    article_html,
    articles_by_url,
    errors_by_url,
    fault_path,
    fault_url,
    run_crawl,
    site_copy,
    table,
)

from kabar.crawler.localserver import SiteServer

KEPT = 6  # real articles in the copy: the six newest, FLAKY_PATH among them
# The real article that first answers 503 + Retry-After, then works.
FLAKY_PATH = "/2023/12/28/kasn-terima-ratusan-aduan-netralitas-asn-sepanjang-2023/"
MOVED_TARGET = "/2023/12/05/artikel-yang-dipindah/"


class _PrivateService:
    """Stands for an internal service (metadata endpoint, admin panel) on a loopback port: a
    hostile redirect points the crawler at it; it must never be asked."""

    def __init__(self) -> None:
        self.hits = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - stdlib naming
                owner.hits += 1
                self.send_response(200)
                self.send_header("Content-Length", "6")
                self.end_headers()
                self.wfile.write(b"secret")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("server-faults")
    private = _PrivateService()
    behaviours = {
        "not-found": faults.Status(404),
        "gone": faults.Status(410),
        "server-error": faults.Status(500),
        "timeout": faults.Hang(4),
        "reset": faults.Reset(),
        "drip": faults.Drip(article_html(fault_url("drip"), "Halaman Menetes", PARAGRAPHS).encode(), 0.1, 50),
        "redirect-loop": faults.RedirectLoop(),
        "ping": faults.Redirect("/2023/12/01/pong/"),
        "pong": faults.Redirect("/2023/12/01/ping/"),
        "to-loopback": faults.Redirect(f"http://localhost:{private.port}/admin"),
        "to-private": faults.Redirect("http://10.20.30.40/latest/meta-data/"),
        "moved": faults.Redirect(MOVED_TARGET, 301),
    }
    sitemap_names = [n for n in behaviours if n != "pong"]  # pong is only reached by redirect
    root = site_copy(tmp, sitemap_names, keep=KEPT)
    moved = root / "satuarah.co" / MOVED_TARGET.strip("/")
    moved.mkdir(parents=True)
    moved_url = "https://satuarah.co" + MOVED_TARGET
    (moved / "index.html").write_text(article_html(moved_url, "Artikel Yang Dipindah", PARAGRAPHS))
    flaky = faults.FailFirst(503, times=1, retry_after="1")
    # robots.txt (which keeps the spider off the feed and the listings) answers slowly
    slow_robots = faults.Slow(0.5)
    with SiteServer(root) as server:
        server.add_behaviour("^/robots.txt", slow_robots)
        for name, behaviour in behaviours.items():
            server.add_behaviour(fault_path(name), behaviour)
        server.add_behaviour("^" + FLAKY_PATH, flaky)
        out = tmp / "out"
        run = run_crawl(server.base_urls["satuarah.co"], out)
        requests = server.requested()
    private.close()
    return {
        "run": run,
        "out": out,
        "faults": behaviours,
        "flaky": flaky,
        "private": private,
        "robots": slow_robots,
        "requests": requests,
        "moved_url": moved_url,
    }


def test_crawl_finishes_and_keeps_every_good_article(crawled) -> None:
    run = crawled["run"]
    assert run.returncode == 0, run.log[-3000:]
    assert "Traceback" not in run.log, run.log[-3000:]
    articles = articles_by_url(crawled["out"])
    # the real articles (one of them after a 503) and the moved one; no fault URL
    assert len([u for u in articles if "/2023/12/01/" not in u]) == KEPT + 1
    assert crawled["moved_url"] in articles  # an on-site redirect is followed as usual
    assert run.seconds < 60


@pytest.mark.parametrize(
    ("name", "status", "code", "reason"),
    [
        ("not-found", 404, "http_404", "HTTP 404"),
        ("gone", 410, "http_410", "HTTP 410"),
        ("server-error", 500, "http_500", "HTTP 500"),
        ("timeout", None, "fetch_failed", "took longer than 2.0 seconds"),
        ("reset", None, "fetch_failed", "Connection"),
        ("drip", None, "fetch_failed", "took longer than 2.0 seconds"),
        ("redirect-loop", None, "fetch_failed", "max redirections reached"),
        ("ping", None, "fetch_failed", "redirect loop"),
        ("to-loopback", None, "fetch_failed", "redirected off the site to http://localhost:"),
        ("to-private", None, "fetch_failed", "(a private or loopback address); not followed"),
    ],
)
def test_each_fault_is_one_errors_row_with_status_and_reason(crawled, name, status, code, reason) -> None:
    errors = errors_by_url(crawled["out"])
    row = errors[fault_url(name)]
    assert (row["stage"], row["status"], row["code"]) == ("fetch", status, code)
    assert reason in row["reason"]
    assert row["site"] == "satuarah" and row["time"].tzinfo is not None


def test_no_article_row_for_a_failed_fetch(crawled) -> None:
    articles = articles_by_url(crawled["out"])
    assert not [u for u in articles if "/2023/12/01/" in u]
    assert len(table(crawled["out"], "SELECT * FROM errors")) == 10  # one per fault, nothing else


def test_retries_only_where_they_can_help(crawled) -> None:
    f = crawled["faults"]
    retries = 2  # FAST_SETTINGS
    assert f["server-error"].calls == 1 + retries
    assert f["timeout"].calls == 1 + retries
    assert f["drip"].calls == 1 + retries
    # Twisted's connection pool itself resends once when a reused connection dies, so a reset
    # can be seen twice per attempt.
    assert 1 + retries <= f["reset"].calls <= 2 * (1 + retries)
    assert "retrying http://127.0.0.1" in _log_lines_for(crawled, "server-error")
    for final in ("not-found", "gone"):  # a 404/410 will not change by asking again
        assert "retrying http://127.0.0.1" not in _log_lines_for(crawled, final)
        assert f[final].calls <= 2  # (the pool's resend, never RetryMiddleware)
    assert f["redirect-loop"].calls == 1 + 5  # REDIRECT_MAX_TIMES
    assert f["ping"].calls == 1 and f["pong"].calls == 1


def _log_lines_for(crawled, name: str) -> str:
    return "\n".join(line for line in crawled["run"].log.splitlines() if f"/2023/12/01/{name}/" in line)


def test_503_with_retry_after_waits_then_stores_the_article(crawled) -> None:
    flaky = crawled["flaky"]
    assert flaky.calls == 2
    assert flaky.served_at[1] - flaky.served_at[0] >= 0.9  # Retry-After: 1 was honoured
    assert "https://satuarah.co" + FLAKY_PATH in articles_by_url(crawled["out"])
    assert "https://satuarah.co" + FLAKY_PATH not in errors_by_url(crawled["out"])


def test_hostile_redirect_never_reaches_the_private_address(crawled) -> None:
    assert crawled["private"].hits == 0


def test_final_summary_counts_the_errors(crawled) -> None:
    from kabar.pipelines.dataset import summary

    rows = {r["site"]: r for r in summary(crawled["out"])}  # what `kabar crawl` prints at the end
    assert rows["satuarah"]["errors"] == 10
    assert rows["satuarah"]["articles"] == KEPT + 1


@pytest.mark.parametrize(
    ("fault", "why"),
    [(faults.Status(503), "robots.txt unavailable (HTTP 503)"), (faults.Reset(), "robots.txt unavailable (")],
)
def test_unreadable_robots_txt_means_no_crawl_this_run_and_says_so(tmp_path, fault, why) -> None:
    """RFC 9309: robots.txt answering 5xx (after retries) or unreachable = complete disallow."""
    root = site_copy(tmp_path, [])
    with SiteServer(root) as server:
        server.add_behaviour("^/robots.txt", fault)
        run = run_crawl(server.base_urls["satuarah.co"], tmp_path / "out")
        paths = {r.path for r in server.requested()}
    assert run.returncode == 0, run.log[-3000:]
    assert "Traceback" not in run.log, run.log[-3000:]
    assert fault.calls >= 3  # fetched with retries like any page
    assert paths <= {"/robots.txt"}  # nothing else was asked of the site
    errors = table(tmp_path / "out", "SELECT url, stage, reason FROM errors")
    assert errors, "the refusal must be visible in the errors table"
    assert {e["url"] for e in errors} == {
        "https://satuarah.co/sitemap_index.xml",
        "https://satuarah.co/feed/",
        "https://satuarah.co/category/nasional/",
    }
    assert all(why in e["reason"] and "RFC 9309" in e["reason"] for e in errors)
    assert table(tmp_path / "out", "SELECT * FROM articles") == []


def test_requests_waiting_for_a_slow_robots_txt_obey_it(crawled) -> None:
    """The sitemap, feed and listing requests all wait for the slow robots.txt; each must obey it
    (Scrapy let every waiter after the first through: see RobotsTxtRFCMiddleware)."""
    assert crawled["robots"].calls == 1
    paths = [r.path for r in crawled["requests"]]
    assert "/sitemap_index.xml" in paths
    assert not [p for p in paths if p.startswith(("/category/", "/feed/"))], paths
