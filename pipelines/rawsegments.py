"""The raw store cut into byte ranges that extraction workers read on their own.

Why: a parent that reads every raw page and pipes it to a worker does serial work for each
page (inflate, parse, pickle ~100 KB each way) that caps what more cores can give.  Here the
parent only names ranges (file, start byte, end byte, from the file sizes: no reading at all);
each worker opens the file, seeks, finds the first record that begins in its range
(:func:`pipelines.warcread.next_record_member`) and extracts the articles whose first page
begins there (:func:`pipelines.raw.file_articles`), finishing the last one past the range's
end.  Neighbouring ranges find the same record boundaries, so together they give exactly the
articles, in the order, of one reader going through the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kabar.pipelines.raw import file_articles, raw_files
from kabar.pipelines.warcread import Damage, next_record_member
from kabar.schemas.items import ArticleItem

# Ranges per worker: enough that the last ones finish close together (a worker idles at most
# about one range at the end), few enough that each costs one hand-over among many pages.
RANGES_PER_WORKER = 16
MIN_RANGE_BYTES = 128 * 1024
MAX_RANGE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Segment:
    """Bytes ``[start, end)`` of one raw WARC file (``end`` None: to the file end).  The range
    owns the articles whose first page's record begins in it."""

    path: str
    start: int
    end: int | None


def plan_segments(raw_dir: str | Path, workers: int) -> list[Segment]:
    """Every closed raw file cut into ranges, in fetch order (file sizes only: nothing is read)."""
    paths = raw_files(raw_dir)
    sizes = [p.stat().st_size for p in paths]
    target = sum(sizes) // max(1, workers * RANGES_PER_WORKER)
    target = min(MAX_RANGE_BYTES, max(MIN_RANGE_BYTES, target))
    segments: list[Segment] = []
    for path, size in zip(paths, sizes, strict=True):
        starts = list(range(0, size, target)) or [0]
        ends: list[int | None] = [*starts[1:], None]
        segments.extend(Segment(str(path), s, e) for s, e in zip(starts, ends, strict=True))
    return segments


def segment_articles(segment: Segment, damage: list[Damage]) -> Iterator[ArticleItem]:
    """The article items a range owns, in fetch order; unreadable records in it go to ``damage``."""
    with open(segment.path, "rb") as stream:
        begin = 0 if segment.start == 0 else next_record_member(stream, segment.start)
        stop = None if segment.end is None else next_record_member(stream, segment.end)
    if begin is None or (stop is not None and begin >= stop):
        return
    yield from file_articles(segment.path, damage, begin, stop)
