"""SIGINT/SIGTERM at every moment of ``kabar crawl``, ``kabar reextract`` and ``kabar ingest``
(issue 12, item 6, second pass).

Scrapy's handlers only live while its reactor runs: a signal before the first site, between two
sites, during the last flush or while the summary prints used to kill the process (-15) or end in
a KeyboardInterrupt, without the summary.  Here the command runs in a subprocess that sends the
signal to itself at one exact moment (a wrapped function), so no test depends on timing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_helpers import ROOT, TESTS, site_copy, table

from kabar.crawler.localserver import SiteServer
from kabar.pipelines.lock import OutputLock
from kabar.pipelines.raw import iter_raw_articles

pytestmark = pytest.mark.slow

ARTICLES = 4
FAST = ["-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=10", "-s", "KABAR_EXTRACT_WORKERS=0"]

# Runs the kabar command line after wrapping the function named by MOMENT so that it signals its
# own process first (os.kill in the main thread: the handler runs before the next line).
WRAPPER = """
import os, sys
MOMENT, SIG = sys.argv[1], int(sys.argv[2])

def signalling(owner, name, times=1):
    original = getattr(owner, name)
    calls = []
    def wrapped(*args, **kwargs):
        calls.append(1)
        if len(calls) == times:
            os.kill(os.getpid(), SIG)
        return original(*args, **kwargs)
    setattr(owner, name, wrapped)

if MOMENT == "setup":  # before any site starts: after the locks are taken
    import kabar.crawler.commands.crawl as crawl
    signalling(crawl, "_take_locks")
elif MOMENT == "final_flush":  # the first site's last flush: the second site must not start
    from kabar.pipelines.store import StorePipeline
    signalling(StorePipeline, "close_spider")
elif MOMENT == "after_crawl":  # the reactor has stopped, nothing printed yet
    import kabar.crawler.commands.crawl as crawl
    signalling(crawl, "_clear_finished_jobs")
elif MOMENT == "summary":  # while the summary is printed
    import kabar.pipelines.dataset as dataset
    signalling(dataset, "print_summary")
elif MOMENT == "twice_in_summary":  # a second signal while the summary prints: still the summary
    import kabar.pipelines.dataset as dataset
    signalling(dataset, "print_summary")
    signalling(dataset, "connect")
elif MOMENT == "reextract_swap":  # between the first and the second table swap of reextract
    import kabar.pipelines.swap as swap
    signalling(swap, "_exchange")
elif MOMENT == "reextract_rebuild":  # while the tables are rebuilt
    import kabar.pipelines.reextract as reextract
    signalling(reextract, "apply_dedup", times=2)
elif MOMENT == "ingest":  # a WARC file's rows are stored, the file is not yet marked done
    from kabar.pipelines.ingest import IngestState
    signalling(IngestState, "mark")

from kabar.crawler.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _run(moment: str, sig: int, *args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", WRAPPER, moment, str(int(sig)), *args]
    env = dict(os.environ, PYTHONPATH=str(TESTS), COLUMNS="120")
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def _stored(out: Path) -> set[str]:
    for part in out.rglob("*.parquet"):  # every file reads: nothing half-written visible
        import pyarrow.parquet as pq

        pq.read_table(part)
    rows = table(out, "SELECT article_id, version, url FROM articles")
    assert len(rows) == len({(r["article_id"], r["version"]) for r in rows}), "a version stored twice"
    return {r["url"] for r in rows}


def _raw(out: Path) -> set[str]:
    return {a["url"] for a in iter_raw_articles(out / "raw")} if (out / "raw").is_dir() else set()


def _assert_interrupted(result: subprocess.CompletedProcess, sig: int, command: str) -> None:
    err = result.stderr
    assert result.returncode == 128 + sig, f"rc {result.returncode}\n{err[-3000:]}"
    assert "Traceback" not in err, err[-3000:]
    lines = [line for line in err.splitlines() if "interrupted by" in line]
    assert len(lines) == 1 and lines[0].startswith(
        f"kabar {command}: interrupted by {signal.Signals(sig).name}"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = site_copy(tmp_path_factory.mktemp("signals"), [], keep=ARTICLES)
    with SiteServer(root) as server:
        yield server.base_urls["satuarah.co"]


MOMENTS = [
    ("setup", signal.SIGTERM),
    ("final_flush", signal.SIGTERM),
    ("final_flush", signal.SIGINT),
    ("after_crawl", signal.SIGTERM),
    ("summary", signal.SIGTERM),
    ("summary", signal.SIGINT),
    ("twice_in_summary", signal.SIGINT),
]


@pytest.mark.parametrize(("moment", "sig"), MOMENTS, ids=[f"{m}-{s.name}" for m, s in MOMENTS])
def test_a_signal_at_any_moment_of_a_crawl_ends_with_the_summary_and_one_line(
    tmp_path: Path, site: str, moment: str, sig: signal.Signals
) -> None:
    out = tmp_path / "out"
    dead = "http://127.0.0.1:9"  # the second site: never reached once the first one is interrupted
    result = _run(
        moment,
        sig,
        "crawl",
        "satuarah",
        "idntimes",
        "--base-url",
        f"satuarah={site}",
        "--base-url",
        f"idntimes={dead}",
        "--out",
        str(out),
        *FAST,
    )
    _assert_interrupted(result, sig, "crawl")
    assert "kabar dataset" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
    assert "idntimes: fetched nothing" not in result.stderr  # not started after the signal
    stored = _stored(out)
    assert stored == _raw(out)  # everything fetched is stored: nothing lost in the flush
    if moment != "setup":
        assert len(stored) == ARTICLES  # the signal came after the first site's last fetch
    with OutputLock(out):  # released
        pass


def _crawled_dataset(tmp_path: Path, site: str) -> Path:
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "kabar.crawler.cli",
        "crawl",
        "satuarah",
        "--base-url",
        site,
        "--out",
        str(out),
    ]
    done = subprocess.run([*cmd, *FAST], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.mark.parametrize(
    ("moment", "workers"), [("reextract_rebuild", "1"), ("reextract_rebuild", "2"), ("reextract_swap", "1")]
)
def test_a_signal_during_reextract_leaves_whole_tables_and_one_line(
    tmp_path: Path, site: str, moment: str, workers: str
) -> None:
    out = _crawled_dataset(tmp_path, site)
    before = _stored(out)
    result = _run(moment, signal.SIGTERM, "reextract", "--out", str(out), "--workers", workers)
    _assert_interrupted(result, signal.SIGTERM, "reextract")
    assert not list(out.glob(".reextract-new-*")) and not (out / ".reextract-swap").exists()
    assert _stored(out) == before  # old tables (rebuild) or the whole new ones (swap): never a mix
    assert len({p.parent.name for p in out.glob("*/.reextract-new")}) == 0  # no half-swapped marker


def test_a_signal_during_ingest_exits_143_and_a_second_run_completes(tmp_path: Path, site: str) -> None:
    source = _crawled_dataset(tmp_path, site)
    out = tmp_path / "ingested"
    warcs = [str(p) for p in sorted((source / "raw").glob("*.warc.gz"))]
    args = ["ingest", *warcs, "--out", str(out), "--hosts", "127.0.0.1", "--workers", "1"]
    result = _run("ingest", signal.SIGTERM, *args)
    _assert_interrupted(result, signal.SIGTERM, "ingest")
    flushed = _stored(out)
    assert len(flushed) == ARTICLES  # the rows of the file were flushed on the way out
    again = subprocess.run(
        [sys.executable, "-m", "kabar.crawler.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert f"{ARTICLES} unchanged" in again.stdout, again.stdout  # the file was read again
    assert _stored(out) == flushed  # read again (not marked done), nothing stored twice
