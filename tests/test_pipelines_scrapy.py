"""The pipelines inside a real Scrapy crawl (no network: data: URLs), including SIGTERM.

Each crawl runs in a subprocess because Twisted's reactor cannot be restarted in one process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from storage_helpers import rows

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

SPIDER = """
import json, sys, time
import scrapy
from scrapy.crawler import CrawlerProcess
from storage_helpers import make_record

OUT, N, DELAY, WORKERS = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])

class FakeSite(scrapy.Spider):
    name = "fakesite"

    async def start(self):
        for i in range(N):
            yield scrapy.Request(f"data:text/plain,{i}", cb_kwargs={"i": i}, dont_filter=True)

    def parse(self, response, i):
        url = f"https://www.beritajakarta.id/read/{i}/ikrar"
        record = make_record(url, f"Ikrar netralitas ASN ke-{i}.")
        if i == 0:
            print("first item", flush=True)
        yield {"kind": "article", "site": "beritajakarta", "url": url,
               "pages": [{"url": url, "status": 200, "headers": {"ETag": f"e{i}"},
                          "body": json.dumps(record).encode(), "fetched_at": "2024-02-01T08:00:00+07:00"}]}
        if i == 1:
            yield {"kind": "fetch_error", "site": "beritajakarta", "url": url + "/x", "status": 500,
                   "reason": "server error"}

process = CrawlerProcess({
    "KABAR_OUT": OUT,
    "KABAR_FLUSH_ROWS": 3,
    "KABAR_EXTRACTOR": "storage_helpers.json_extractor_pid",  # the page is the record (see storage_helpers)
    "KABAR_EXTRACT_WORKERS": WORKERS,
    "ITEM_PIPELINES": {
        "kabar.pipelines.raw.RawStorePipeline": 100,
        "kabar.pipelines.extract_pipeline.ExtractPipeline": 200,
        "kabar.pipelines.validate.ValidatePipeline": 300,
        "kabar.pipelines.dedup.DedupPipeline": 400,
        "kabar.pipelines.store.StorePipeline": 500,
    },
    "DOWNLOAD_DELAY": DELAY,
    "CONCURRENT_REQUESTS": 1,
    "LOG_LEVEL": "WARNING",
    "TELNETCONSOLE_ENABLED": False,
})
process.crawl(FakeSite)
process.start()
"""


def _crawl(out: Path, n: int, delay: float, workers: int = 0, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(TESTS))
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(SPIDER), str(out), str(n), str(delay), str(workers)],
        env=env,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def test_scrapy_crawl_stores_articles_and_errors_and_recrawl_adds_nothing(tmp_path: Path):
    proc = _crawl(tmp_path, 5, 0, workers=2)  # extraction in a process pool
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    stored = rows(tmp_path)
    assert len(stored) == 5
    extracted_by = {r["extraction"] for r in stored}
    assert f"pid:{proc.pid}" not in extracted_by and len(extracted_by) >= 1  # in the worker processes
    assert [r["code"] for r in rows(tmp_path, "SELECT code FROM errors")] == ["http_500"]
    proc = _crawl(tmp_path, 5, 0)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert len(rows(tmp_path)) == 5
    assert len(rows(tmp_path, "SELECT * FROM errors")) == 2  # fetch errors are logged per attempt


def test_sigterm_flushes_what_was_crawled(tmp_path: Path):
    proc = _crawl(tmp_path, 200, 0.05, stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == "first item"
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    stored = rows(tmp_path)
    assert 0 < len(stored) < 200, err
    assert not list(tmp_path.rglob(".*.tmp")) and not list(tmp_path.rglob(".*.open"))
    # Everything fetched is in the raw store and in the table: the buffer was flushed on close.
    from kabar.pipelines.raw import iter_raw_articles

    assert len(list(iter_raw_articles(tmp_path / "raw"))) == len(stored)
