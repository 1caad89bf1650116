"""kabar.pipelines.pool: worker processes give the crawl's records, and failures end as errors."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PAGES

from kabar.pipelines.extract import extract_item
from kabar.pipelines.pool import ExtractionPool, default_workers, workers_from

FETCHED_AT = "2024-02-01T08:00:00+07:00"


def article_item(url: str, body: bytes) -> dict:
    return {
        "kind": "article",
        "site": None,
        "url": url,
        "pages": [{"url": url, "status": 200, "headers": {}, "body": body, "fetched_at": FETCHED_AT}],
    }


def misbehaving_extractor(html: bytes | str, url: str | None = None, **kwargs) -> dict:
    """Dies on /crash pages, hangs on /hang pages, else extracts for real without facts (light to load)."""
    if url and "/crash" in url:
        os._exit(3)  # what a segfault or the OOM killer looks like to the pool
    if url and "/hang" in url:
        time.sleep(60)
    from kabar.extract.page import extract_page

    return extract_page(html, url, **kwargs, facts=False)


def _owner(script: str, *args: str, **popen: object) -> subprocess.Popen:
    """``script`` run by a fresh interpreter that imports this tree and this test module (a
    process of its own: killed, or free of the threads earlier tests left in this one)."""
    tests = Path(__file__).resolve().parent
    env = dict(os.environ, PYTHONPATH=f"{tests.parent}{os.pathsep}{tests}")
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], text=True, env=env, cwd=tests.parent, **popen
    )


def _fixture_items(n: int) -> list[dict]:
    import json

    items = []
    for meta_path in sorted(PAGES.glob("*/*.meta.json"))[:n]:
        html = meta_path.with_name(meta_path.name.replace(".meta.json", ".html"))
        items.append(article_item(json.loads(meta_path.read_text("utf-8"))["url"], html.read_bytes()))
    return items


def _run(pool: ExtractionPool, items: list[dict]) -> list[dict]:
    async def main() -> list[dict]:
        return await asyncio.gather(*(pool.extract(item) for item in items))

    try:
        return asyncio.run(main())
    finally:
        pool.close()


@pytest.mark.slow
def test_pool_gives_the_same_records_as_in_process() -> None:
    items = _fixture_items(4)
    assert len(items) == 4
    in_process = [extract_item(item) for item in items]
    pooled = _run(ExtractionPool(workers=2, max_in_flight=2), items)
    assert [s["kind"] for s in pooled] == ["record"] * 4
    assert pooled == in_process


@pytest.mark.slow
def test_a_dead_worker_is_an_extract_error_and_the_other_pages_still_extract() -> None:
    good = _fixture_items(2)
    crash = article_item("https://m.beritajakarta.id/read/1/crash", good[0]["pages"][0]["body"])
    pool = ExtractionPool(workers=1, extractor_path="test_pool.misbehaving_extractor", max_in_flight=3)
    started = time.monotonic()
    results = _run(pool, [good[0], crash, good[1]])
    assert time.monotonic() - started < 60
    assert [r["kind"] for r in results] == ["record", "error", "record"]
    assert results[1]["row"]["code"] == "extractor_crashed"
    assert results[1]["row"]["url"] == crash["url"]
    assert pool.restarts >= 1


@pytest.mark.slow
def test_a_stuck_page_times_out_as_an_error_instead_of_hanging() -> None:
    good = _fixture_items(1)[0]
    hang = article_item("https://satuarah.co/2023/10/10/hang-page/", good["pages"][0]["body"])
    pool = ExtractionPool(workers=1, extractor_path="test_pool.misbehaving_extractor", timeout=8)
    started = time.monotonic()
    results = _run(pool, [hang, good])
    assert time.monotonic() - started < 45
    assert results[0]["kind"] == "error" and results[0]["row"]["code"] == "extract_timeout"
    assert results[1]["kind"] == "record"


@pytest.mark.slow
def test_a_range_of_the_raw_store_with_a_deadly_page_is_redone_page_by_page(tmp_path: Path) -> None:
    from kabar.pipelines.raw import RAW_DIRNAME, WarcStore
    from kabar.pipelines.rawsegments import plan_segments

    good = _fixture_items(3)
    crash = article_item("https://m.beritajakarta.id/read/1/crash", good[0]["pages"][0]["body"])
    store = WarcStore(tmp_path / RAW_DIRNAME)
    for item in (good[0], crash, good[1], good[2]):
        store.write_article(item)
    store.close()
    [segment] = plan_segments(tmp_path / RAW_DIRNAME, workers=1)
    pool = ExtractionPool(workers=1, extractor_path="test_pool.misbehaving_extractor", validate=True)
    try:
        results, damage = asyncio.run(pool.extract_segment(segment))
    finally:
        pool.close()
    assert [r["kind"] for r in results] == ["record", "error", "record", "record"] and not damage
    assert results[1]["row"]["code"] == "extractor_crashed" and pool.restarts >= 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, default_workers()), ("", default_workers()), (0, 0), ("3", 3)],
)
def test_workers_setting(value: object, expected: int) -> None:
    assert workers_from({"KABAR_EXTRACT_WORKERS": value}) == expected
    assert default_workers() >= 1


@pytest.mark.parametrize("value", ["-1", "two"])
def test_bad_workers_setting_is_a_clear_error(value: str) -> None:
    with pytest.raises(ValueError, match="KABAR_EXTRACT_WORKERS"):
        workers_from({"KABAR_EXTRACT_WORKERS": value})


def test_an_empty_pool_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one worker"):
        ExtractionPool(workers=0)


assert Path(__file__).name == "test_pool.py"  # the workers import this module by that name


OWNER = """
import asyncio, sys
from multiprocessing import forkserver
from kabar.pipelines.pool import ExtractionPool
from test_pool import _fixture_items

pool = ExtractionPool(workers=1, extractor_path="test_pool.misbehaving_extractor")
asyncio.run(pool.extract(_fixture_items(1)[0]))
pids = [*pool._executor._processes, forkserver._forkserver._forkserver_pid]
print(" ".join(map(str, pids)), flush=True)
sys.stdin.read()
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_workers_exit_when_the_crawl_process_is_killed() -> None:
    import signal

    owner = _owner(OWNER, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        pids = [int(p) for p in owner.stdout.readline().split()]
        assert pids and all(_alive(p) for p in pids)
        owner.send_signal(signal.SIGKILL)  # no chance to shut the pool down
        owner.wait(timeout=10)
        deadline = time.monotonic() + 15
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in pids if _alive(p)], "pool processes outlived the crawl"
    finally:
        owner.kill()


FORKED_OWNER = """
import asyncio, os, sys
from kabar.pipelines.lock import OutputLock
from kabar.pipelines.pool import ExtractionPool
from test_pool import _fixture_items

OutputLock(sys.argv[1]).acquire()
pool = ExtractionPool(workers=2, extractor_path="test_pool.misbehaving_extractor", fork_from_here=True)
asyncio.run(pool.extract(_fixture_items(1)[0]))
pids = list(pool._executor._processes)
assert all(int(open(f"/proc/{p}/stat").read().split(") ")[1].split()[1]) == os.getpid() for p in pids)
print(" ".join(map(str, pids)), flush=True)
sys.stdin.read()
"""


@pytest.mark.slow
def test_forked_workers_do_not_keep_the_output_lock_of_a_killed_owner(tmp_path: Path) -> None:
    """``fork_from_here`` workers are children of the owner itself and inherit its descriptors;
    once the owner is SIGKILLed its output lock must be free at once, not when they exit."""
    import signal

    from kabar.pipelines.lock import OutputLock

    owner = _owner(FORKED_OWNER, str(tmp_path), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        pids = [int(p) for p in owner.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids)  # forked, by the owner itself
        owner.send_signal(signal.SIGKILL)
        owner.wait(timeout=10)
        assert any(_alive(p) for p in pids)  # the workers notice within a second: not yet
        with OutputLock(tmp_path):  # would raise OutputLocked while a worker held the lock
            pass
    finally:
        owner.kill()


FORKED_RECOVERY = """
import asyncio, json
from kabar.pipelines.pool import ExtractionPool
from test_pool import _fixture_items, article_item

items = _fixture_items(3)
crash = article_item("https://satuarah.co/crash", b"<html><body><p>x</p></body></html>")
pool = ExtractionPool(
    workers=2, extractor_path="test_pool.misbehaving_extractor", max_in_flight=4, fork_from_here=True
)
forked = bool(pool._executor._processes)  # a fork executor starts its workers at once


async def main():
    return await asyncio.gather(*(pool.extract(item) for item in [*items, crash]))


try:
    results = asyncio.run(main())
finally:
    pool.close()
print(json.dumps({"forked": forked, "rows": [[r["kind"], r.get("row", {}).get("code")] for r in results]}))
"""


@pytest.mark.slow
def test_a_forked_pool_recovers_from_a_dead_worker() -> None:
    """The first workers are forked from the owner itself; after one dies, the pool that replaces
    them comes from the forkserver (the owner now runs threads) and the items still end up as
    rows: the crash page as an ``extractor_crashed`` error, its neighbours as records.  Run in a
    fresh interpreter: threads left by earlier tests in this one would (rightly) veto the fork."""
    import json

    owner = _owner(FORKED_RECOVERY, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = owner.communicate(timeout=120)
    assert owner.returncode == 0, stderr[-2000:]
    out = json.loads(stdout.strip().splitlines()[-1])
    assert out["forked"]
    assert [kind for kind, _ in out["rows"][:3]] == ["record"] * 3
    assert out["rows"][3] == ["error", "extractor_crashed"]
