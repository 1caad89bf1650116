"""Two ``kabar crawl --redis`` processes share one crawl: every article fetched once, same dataset.

A real ``redis-server`` is started on 127.0.0.1 on a free port (Debian package ``redis-server``;
the test is skipped only when that binary cannot be found).  The bundled copies of two sites
(one with multi-page articles, whose continuation requests travel through Redis with the pages
fetched so far) are served by ``crawler.localserver``, whose request log shows who fetched what.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import SITES

ROOT = Path(__file__).resolve().parent.parent
CRAWL_SITES = {"wartakota": "wartakota.tribunnews.com", "satuarah": "satuarah.co"}
FAST = [
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "AUTOTHROTTLE_ENABLED=0",
    "-s",
    "KABAR_EXTRACT_WORKERS=0",
    "-s",
    "KABAR_REDIS_MAX_IDLE=2",
]
# Columns that depend on when or by whom a page was fetched, not on the page.
VOLATILE = ("fetched_at",)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def redis_url(tmp_path: Path):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip(
            "redis-server not found (Debian: apt-get install redis-server); distributed crawl untested"
        )
    port = free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0", client
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def crawl_command(server, out: Path, *extra: str) -> list[str]:
    bases = [
        arg
        for site, host in CRAWL_SITES.items()
        for arg in ("--base-url", f"{site}={server.base_urls[host]}")
    ]
    return [
        sys.executable,
        "-m",
        "kabar.crawler.cli",
        "crawl",
        *CRAWL_SITES,
        *bases,
        "--out",
        str(out),
        *FAST,
        *extra,
    ]


def finish(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
        assert "Traceback" not in err, err[-3000:]


def article_fetches(server, since: int) -> Counter:
    """(host, path) -> GET 200 count of the manifest's article pages since request ``since``."""
    manifest = json.loads((SITES / "MANIFEST.json").read_text("utf-8"))
    articles = {
        (CRAWL_SITES[site], urlsplit(url).path) for site in CRAWL_SITES for url in manifest[site]["articles"]
    }
    fetched = Counter(
        (r.host, urlsplit(r.path).path)
        for r in server.requested()[since:]
        if r.method == "GET" and r.status == 200 and not urlsplit(r.path).query
    )
    return Counter({key: fetched[key] for key in articles})


def records(*outs: Path) -> dict[str, dict]:
    from kabar.pipelines.dataset import connect

    found: dict[str, dict] = {}
    for out in outs:
        if not (out / "articles").is_dir():
            continue
        con = connect(out)
        try:
            cursor = con.execute(f"SELECT * EXCLUDE ({', '.join(VOLATILE)}) FROM articles")
            names = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                record = dict(zip(names, row, strict=True))
                assert record["url"] not in found, f"{record['url']} stored by two nodes"
                found[record["url"]] = record
        finally:
            con.close()
    return found


def test_two_nodes_on_one_redis_fetch_each_article_once_and_store_what_one_process_stores(
    redis_url: tuple[str, object], tmp_path: Path
) -> None:
    from kabar.crawler.localserver import SiteServer

    url, client = redis_url
    hosts = list(CRAWL_SITES.values())
    # Two servers of the same copies: one for the two nodes, one for the single-process crawl
    # running at the same time, so each request log tells about one crawl.
    with SiteServer(hosts=hosts) as server, SiteServer(hosts=hosts) as alone_server:
        nodes = [tmp_path / "node-a", tmp_path / "node-b"]
        single = tmp_path / "single"
        run = ["--redis", url, "-s", "KABAR_REDIS_RUN=test"]
        procs = [
            subprocess.Popen(
                command,
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for command in (
                *(crawl_command(server, out, *run) for out in nodes),
                crawl_command(alone_server, single),
            )
        ]
        finish(procs)
        shared = article_fetches(server, 0)
        assert shared and set(shared.values()) == {1}, {k: v for k, v in shared.items() if v != 1}
        assert set(article_fetches(alone_server, 0).values()) == {1}

    union, alone = records(*nodes), records(single)
    assert len(alone) == len(shared)
    assert union == alone
    # The run's queue and seen-URL filter live in Redis under run-scoped keys, with an expiry.
    keys = {k.decode() for k in client.keys("kabar:*")}
    assert keys >= {f"kabar:{site}:test:dupefilter" for site in CRAWL_SITES}, keys
    assert all(0 < client.ttl(key) for key in keys)


def test_crawl_rejects_a_malformed_redis_url(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kabar.crawler.cli",
            "crawl",
            "satuarah",
            "--redis",
            "localhost:6379",
            "--out",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2
    assert "--redis must be a URL like redis://" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_node_whose_peers_fetched_everything_has_not_failed() -> None:
    """With --redis, one node may find the queue empty for a site: that is not a dead site."""
    from kabar.crawler.commands.crawl import SiteOutcome

    idle_node = SiteOutcome("satuarah", started=True, finish_reason="finished", shared_run_seen=9)
    dead_site = SiteOutcome("satuarah", started=True, finish_reason="finished")
    assert idle_node.problem(0.5) is None
    assert dead_site.problem(0.5) == "fetched nothing (no network, or the site is down)"
