"""Multi-page articles: finding the continuation pages and joining their records.

The Tribun network splits long articles over ``?page=2``, ``?page=3`` …; each page repeats
the metadata and carries the next part of the body (``canonical``/``og:url`` stay on page 1).
A crawler fetches the URLs from :func:`next_page_urls` and hands the pages to
:func:`extract.page.extract_page` as ``extra_pages``, which uses :func:`join_pages`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from kabar.extract.record import make_error
from kabar.extract.sites.base import PageContext, element_text, select_all
from kabar.extract.text import clean_paragraphs

# Numbered page links: Tribun 2026 `div.paging`, kompas `div.paging--article`, generic pagers.
PAGING_LINKS: tuple[str, ...] = (
    'div.paging a[href*="page="]',
    '[class*="paging"] a[href*="page="]',
    '[class*="pagination"] a[href*="page="]',
)
# "Halaman selanjutnya" buttons (Tribun 2021 `a.bgblue…`, `div.mb20 a`) are found by their text.
NEXT_LINK_TEXT = re.compile(r"^\s*(?:halaman\s+)?selanjutnya\b|^\s*next\s+page\b", re.I)
# "Halaman 1/3" in Tribun's `span.total-page`.
TOTAL_PAGES = re.compile(r"halaman\s*\d+\s*/\s*(\d+)", re.I)
PAGING_BOX = ("div.paging", '[class*="paging"]')
MAX_PAGES = 30  # a pager claiming more is broken; never fetch hundreds of pages for one article


def _page_number(url: str) -> int | None:
    for key, value in parse_qsl(urlsplit(url).query):
        if key == "page":
            return int(value) if value.isdigit() else None
    return 1


def _with_page(url: str, number: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "page"] + [("page", str(number))]
    return urlunsplit(parts._replace(query=urlencode(query), fragment=""))


def _same_article(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return pa.netloc.lower() == pb.netloc.lower() and pa.path.rstrip("/") == pb.path.rstrip("/")


def next_page_urls(ctx: PageContext) -> list[str]:
    """Absolute URLs of the pages after this one, in page order (empty for one-page articles).

    Only links to the same article path count, ``?page=all`` is ignored (not confirmed on
    Tribun), and a "Halaman 1/3" counter fills in pages the pager does not link directly.
    """
    if not ctx.url:
        return []
    base = ctx.url
    current = _page_number(base) or 1
    candidates = []
    for selector in PAGING_LINKS:
        candidates.extend(select_all(ctx.tree, selector))
    candidates.extend(a for a in ctx.tree.iter("a") if NEXT_LINK_TEXT.match(a.text_content() or ""))
    numbered: dict[int, str] = {}
    for a in candidates:
        href = (a.get("href") or "").strip()
        if not href:
            continue
        url = urljoin(base, href)
        number = _page_number(url)
        if number and number > current and _same_article(url, base) and number <= MAX_PAGES:
            numbered.setdefault(number, _with_page(base, number))
    total = _declared_total(ctx)
    if total:
        for number in range(current + 1, min(total, MAX_PAGES) + 1):
            numbered.setdefault(number, _with_page(base, number))
    return [numbered[n] for n in sorted(numbered)]


def _declared_total(ctx: PageContext) -> int | None:
    for selector in PAGING_BOX:
        for box in select_all(ctx.tree, selector):
            match = TOTAL_PAGES.search(element_text(box) or "")
            if match:
                return int(match.group(1))
    return None


def join_pages(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One record from the records of pages 1..n of one article.

    Metadata comes from page 1 (a gap is filled from a later page), the texts are
    concatenated in order with duplicate paragraphs removed (pages often repeat the last
    paragraph or a teaser), and ``pages`` counts the pages that contributed text.  A
    continuation page that failed is reported in ``error`` (code ``partial``) without losing
    the pages that worked.
    """
    if not records:
        raise ValueError("join_pages needs at least the first page's record")
    first = records[0]
    joined = dict(first)
    if len(records) == 1:
        return joined
    for key, value in joined.items():
        if key in ("text", "pages", "error") or value:
            continue
        for later in records[1:]:
            if later.get(key) and not later.get("error"):
                joined[key] = later[key]
                break
    with_text = [r for r in records if r.get("text")]
    paras = chain.from_iterable(r["text"].split("\n") for r in with_text)
    joined["text"] = "\n".join(clean_paragraphs(paras))
    joined["pages"] = max(1, sum(int(r.get("pages") or 1) for r in with_text))
    failed = [i + 1 for i, r in enumerate(records) if i and r.get("error") and not r.get("text")]
    if failed and not first.get("error"):
        pages = ", ".join(str(n) for n in failed)
        joined["error"] = make_error("partial", f"continuation page(s) {pages} could not be extracted")
    return joined
