"""Crash recovery of the crawl state from the Parquet files.

The store renames its Parquet files into place and then commits the crawl state
(:mod:`pipelines.state`).  A crash between the two (SIGKILL, power loss) leaves rows in the
``articles`` table that the state does not know, and the next crawl would store those articles
again as version 1: duplicates.  :func:`reconcile_state` runs when the store opens (under the
output lock) and records in the state the latest stored version of every article the state is
missing or has older; the state is then ahead of nothing and behind nothing.

Cost: two columns of every article file are read once per crawl (about a second per million
rows); the rest only for the rows to recover, which is none after a clean stop.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.dataset as ds

from kabar.pipelines.state import CrawlState

log = logging.getLogger(__name__)

ARTICLES_DIRNAME = "articles"  # as in pipelines.store (not imported: store imports this module)
_COLUMNS = ["article_id", "version", "url", "requested_url", "content_hash", "fetched_at"]


def _stored_versions(state: CrawlState) -> dict[str, int]:
    # One bulk read (CrawlState has no public bulk accessor; a get() per article would be slow).
    return dict(state._db.execute("SELECT article_id, version FROM articles").fetchall())


def reconcile_state(out_dir: str | Path, state: CrawlState) -> int:
    """Record in ``state`` the articles the Parquet files hold beyond it; returns how many."""
    articles_dir = Path(out_dir) / ARTICLES_DIRNAME
    if not articles_dir.is_dir() or not any(articles_dir.rglob("*.parquet")):
        return 0
    dataset = ds.dataset(articles_dir, format="parquet", partitioning="hive")
    latest = (
        dataset.to_table(columns=["article_id", "version"])
        .group_by("article_id")
        .aggregate([("version", "max")])
    )
    known = _stored_versions(state)
    pairs = zip(latest["article_id"].to_pylist(), latest["version_max"].to_pylist(), strict=True)
    behind = [aid for aid, version in pairs if known.get(aid, 0) < version]
    if not behind:
        return 0
    rows = dataset.to_table(columns=_COLUMNS, filter=pc.field("article_id").isin(behind)).to_pylist()
    newest: dict[str, dict] = {}
    for row in rows:
        if row["article_id"] not in newest or row["version"] > newest[row["article_id"]]["version"]:
            newest[row["article_id"]] = row
    for row in newest.values():
        state.record(
            article_id=row["article_id"],
            canonical_url=row["url"],
            content_hash=row["content_hash"],
            fetched_at=row["fetched_at"].isoformat(),
            version=row["version"],
            urls=[u for u in (row["requested_url"],) if u],
        )
    state.commit()
    log.warning(
        "store: %d article(s) written by an interrupted crawl were missing from the crawl "
        "state; recovered from the Parquet files",
        len(newest),
    )
    return len(newest)
