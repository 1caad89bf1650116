"""What every site module shares: the per-page context and small selector helpers.

A site module is a plain Python module in :mod:`extract.sites` with

* ``KEY``: the record's ``site`` value (``"idntimes"``), and optionally ``site_key(host)`` when
  one module serves several sites (the Tribun network);
* ``HOSTS``: host suffixes it serves (``("idntimes.com",)`` matches ``www.idntimes.com``);
* ``SITE_NAMES``: brand names that :func:`extract.metadata.clean_title` strips from titles;
* selectors as named UPPER_CASE tuples (tried in order: the current layout first, older ones
  after), and ``NOISE`` selectors removed from the body before its text is read;
* ``extract(ctx) -> dict``: a partial record (``title``, ``authors``, ``editors``,
  ``published_at`` (datetime), ``section``, ``tags``, ``description``, ``text`` (paragraphs
  joined by ``\\n``) and ``next_pages`` (continuation URLs)).  Keys it cannot fill are left out.

Modules start from :func:`structured_fields` (JSON-LD and OpenGraph, the publisher's own
declaration) and use selectors for what is missing; :func:`extract_with` is that recipe driven by
the module's selector constants, so most modules are one call.  They never modify ``ctx.tree``: the body is
copied before noise is removed, so the generic fallback still sees the whole page.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from kabar.extract import metadata
from kabar.extract.furniture import is_small, prefixed_blocks
from kabar.extract.text import BLOCK_TAGS, normalise_space, paragraphs

# Labels in front of names in bylines: "Penulis: A", "Reporter : B", "Editor: C".
BYLINE_LABELS: tuple[str, ...] = (
    "Penulis",
    "Reporter",
    "Editor",
    "Redaktur",
    "Pewarta",
    "Penyunting",
    "Oleh",
    "Laporan Wartawan",
)


# Removed from every site's body before its text is read: embeds whose text is not the
# article's (tweets, Instagram/TikTok captions), ad slots, forms and media.
COMMON_NOISE: tuple[str, ...] = (
    "blockquote.twitter-tweet",
    "blockquote.instagram-media",
    "blockquote.tiktok-embed",
    "ins.adsbygoogle",
    "iframe",
    "form",
    "video",
    "audio",
)


@dataclass
class PageContext:
    """One parsed page, built once and shared by the site module, the generic extractor and paging."""

    html: str
    tree: HtmlElement
    url: str | None
    host: str | None
    ld: list[dict] = field(default_factory=list)  # every JSON-LD object, @graph flattened
    meta: dict[str, str] = field(default_factory=dict)
    article_ld: dict | None = None


def build_context(html: str, tree: HtmlElement, url: str | None = None) -> PageContext:
    """Read the structured data once; ``url`` defaults to the page's canonical URL."""
    ld_objects = metadata.read_ld_json(tree)
    meta = metadata.read_meta(tree)
    url = url or metadata.canonical_url(tree, meta)
    return PageContext(
        html=html,
        tree=tree,
        url=url,
        host=host_of(url) if url else None,
        ld=ld_objects,
        meta=meta,
        article_ld=metadata.find_article_ld(ld_objects),
    )


def host_of(url_or_host: str) -> str | None:
    """``https://M.BeritaJakarta.id:443/read/1`` → ``m.beritajakarta.id``; a bare host passes through."""
    value = url_or_host.strip()
    if not value:
        return None
    if "://" not in value:
        value = "//" + value
    try:
        host = urlsplit(value).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


@lru_cache(maxsize=512)
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector)


def select_all(root: HtmlElement, selector: str) -> list[HtmlElement]:
    """Elements matching one CSS selector (compiled once per process)."""
    return _compiled(selector)(root)


def select_first(root: HtmlElement, selectors: Sequence[str]) -> HtmlElement | None:
    """The first element matched by the first selector (of ``selectors``) that matches anything."""
    for selector in selectors:
        found = select_all(root, selector)
        if found:
            return found[0]
    return None


def element_text(el: HtmlElement | None) -> str | None:
    """The whitespace-normalised text of ``el`` (scripts excluded), None when empty."""
    if el is None:
        return None
    text = normalise_space(" ".join(paragraphs(el)))
    return text or None


def select_text(root: HtmlElement, selectors: Sequence[str]) -> str | None:
    """Text of the first element matched by ``selectors``."""
    return element_text(select_first(root, selectors))


def select_texts(root: HtmlElement, selectors: Sequence[str]) -> list[str]:
    """Texts of every element matched by the first matching selector (tags, author links)."""
    for selector in selectors:
        found = [t for t in (element_text(el) for el in select_all(root, selector)) if t]
        if found:
            return found
    return []


# a tag / topic box: an element named for tags or topics ("detail_tag", "post-tags", "tag-list",
# "topik") whose text is nothing but its links; site modules list their own tag selectors, this
# catches the template drifts they do not know (the links' texts glue into one word otherwise)
_TAG_BOX_NAME = re.compile(r"(?:^|[\s_-])(?:tags?|topi[ck]s?|keywords?|label)(?:$|[\s_-])", re.I)
_LINK_SEPARATORS = re.compile(r"[\s,|·•#/:]+")
_TAG_BOX_LABELS = frozenset(("", "tag", "tags", "topik", "topic", "label", "tagar", "kata kunci"))


def _is_tag_box(el: HtmlElement) -> bool:
    name = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not _TAG_BOX_NAME.search(name):
        return False
    links = el.findall(".//a")
    if len(links) < 2:
        return False
    rest = el.text_content()
    for a in links:
        rest = rest.replace(a.text_content(), " ", 1)
    return _LINK_SEPARATORS.sub(" ", rest).strip().casefold() in _TAG_BOX_LABELS


# a related box's heading is short ("Berita Terkait", "BACA JUGA", "Artikel Lainnya")
_MAX_RELATED_HEADING = 60


# besides its link, a related item may carry a date or a counter ("16/10/2023", "2 jam lalu")
_MAX_ITEM_EXTRA_CHARS = 25


def is_link_list(el: HtmlElement) -> bool:
    """A list whose every item is a link plus at most a short extra (a date, a counter): at
    least two items."""
    items = [li for li in el if isinstance(li.tag, str)]
    if len(items) < 2:
        return False
    for li in items:
        text = " ".join(li.text_content().split())
        linked = sum(len(" ".join(a.text_content().split())) for a in li.iter("a"))
        if not text or not linked or len(text) - linked > _MAX_ITEM_EXTRA_CHARS:
            return False
    return True


_RELATED_HEADING_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6", "p", "div", "strong", "b", "span"))


def related_link_lists(root: HtmlElement) -> list[Any]:
    """A short heading (``<h3>``, or a bold ``<p>``/``<div>`` label) followed by a list of links:
    a related / recommendation box inside the article container, heading and list both.  A list
    of article points is never all links, and a list of links without a heading above it is left
    alone (a list of documents)."""
    found: list[Any] = []
    for listing in root.iter("ul", "ol"):
        heading = listing.getprevious()
        if heading is None or heading.tag not in _RELATED_HEADING_TAGS or not is_link_list(listing):
            continue
        if _is_box_heading(heading):
            found.extend((heading, listing))
    # the same box without a list: a label, then one linked headline per <p>/<div>
    for heading in root.iter(*_RELATED_HEADING_TAGS):
        run = []
        sibling = heading.getnext()
        while sibling is not None and sibling.tag in ("p", "div") and _is_link_line(sibling):
            run.append(sibling)
            sibling = sibling.getnext()
        if len(run) >= 2 and _is_box_heading(heading):
            found.extend((heading, *run))
    # a row of linked headlines in one paragraph ("<a>Judul</a> | <a>Judul</a> | <a>Judul</a>")
    found.extend(p for p in root.iter("p") if _is_link_line(p, min_links=2))
    return found


# a caption repeating its picture's alt text is at least this many words (a one-word alt such as
# "foto" says nothing about the block around it)
_MIN_ALT_WORDS = 3
# what a caption block may hold besides the alt text: a photographer / agency credit
_MAX_CREDIT_CHARS = 80
# how far up from the picture the caption block may stand (img in a link in a wrapper)
_MAX_CAPTION_DEPTH = 3
_CAPTION_BLOCK_TAGS = frozenset(("div", "p", "span", "figure", "td", "center"))


def alt_captions(root: HtmlElement) -> list[Any]:
    """Picture blocks inside the article whose text repeats the picture's ``alt``: a caption,
    with or without a credit beside it ("<div class=photo><img alt="Warga antre …"><span>FOTO/
    NAMA</span> Warga antre …</div>").  Told by content, not by class, so a template nobody listed
    still loses its captions; a paragraph of story that merely holds a picture is longer than
    its alt plus a credit and stays.  ``drop_tree`` keeps each block's tail (story text that a
    browser's parser left after a picture nested in a ``<p>``)."""
    found: list[Any] = []
    for img in root.iter("img"):
        alt = _loose_words(img.get("alt") or "")
        if len(alt.split()) < _MIN_ALT_WORDS:
            continue
        block = img.getparent()
        for _ in range(_MAX_CAPTION_DEPTH):
            if block is None or block is root:
                break
            if block.tag in _CAPTION_BLOCK_TAGS:
                text = _loose_words(block.text_content())
                if len(text) > len(alt) + _MAX_CREDIT_CHARS:
                    break
                if alt in text and sum(1 for _ in block.iter("img")) == 1:
                    found.append(block)
                    break
            block = block.getparent()
    return found


# a player's blurb ("Kompas TV Warga antre …") is one or two sentences; a block with more text
# around a player is a story paragraph that happens to hold it
_MAX_EMBED_BLURB_CHARS = 300
_EMBED_BLOCK_TAGS = frozenset(("div", "figure", "section", "aside"))


def embed_blurbs(root: HtmlElement) -> list[Any]:
    """Blocks holding an embedded player (``<iframe>``, ``<video>``) and a short line about it:
    a video promo placed in or after the story ("<div class=video><iframe …><span>Kompas
    TV</span> Banjir merendam …</div>"), whose blurb is about another report.  Removing the player
    alone (:data:`COMMON_NOISE`) leaves the blurb read as the story's last paragraph.  Only the
    nearest block around one player, and only when its text is short, so a story paragraph
    that holds a player stays, and so does a block with text before its player."""
    found: list[Any] = []
    for media in root.iter("iframe", "video"):
        block = media.getparent()
        if block is None or block is root or block.tag not in _EMBED_BLOCK_TAGS:
            continue
        if sum(1 for _ in block.iter("iframe", "video")) != 1 or block.find(".//p") is not None:
            continue
        if _text_before(block, media).strip():
            continue  # a paragraph whose story runs on both sides of an inline player
        if is_small(block, _MAX_EMBED_BLURB_CHARS):
            found.append(block)
    return found


def _text_before(block: HtmlElement, media: HtmlElement) -> str:
    """The text of ``block`` that comes before ``media`` in document order."""
    parts = [block.text or ""]
    for el in block.iterdescendants():
        if el is media:
            break
        if el in media.iterancestors():
            parts.append(el.text or "")
            continue
        parts.append(el.text or "")
        parts.append(el.tail or "")
    return "".join(parts)


def _loose_words(text: str) -> str:
    """Lower-cased words without punctuation: how a caption and its alt text compare."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _is_box_heading(heading: HtmlElement) -> bool:
    """A short label that does not end like a sentence ("Berita Lainnya", "Baca juga:")."""
    if len(heading) > _MAX_HEADING_CHILDREN:
        return False
    title = " ".join(heading.text_content().split())
    return bool(title) and len(title) <= _MAX_RELATED_HEADING and not title.endswith((".", ",", ";"))


# a box label holds no more than a few inline elements
_MAX_HEADING_CHILDREN = 3
# a row of related links: its text outside the links is separators and dates only
_MAX_LINK_LINE_CHARS = 400
_LINK_LINE_EXTRA_CHARS = 12


def _is_link_line(el: HtmlElement, min_links: int = 1) -> bool:
    """A short paragraph that is nothing but linked headlines (at least ``min_links``, each of
    :data:`_MIN_HEADLINE_WORDS` words or more) and separators.  A linked address or a one-word link
    ("http://…", "Facebook") is contact or share furniture at most, and a press release's
    contact lines are its text."""
    links = list(el.iter("a"))
    if len(links) < min_links or any(child.tag in _BLOCK_CHILDREN for child in el.iterdescendants()):
        return False
    if any(len(a.text_content().split()) < _MIN_HEADLINE_WORDS for a in links):
        return False
    text = el.text_content()
    if len(text) > _MAX_LINK_LINE_CHARS:
        return False
    linked = sum(len(_SEPARATORS.sub("", a.text_content())) for a in links)
    return linked > 0 and len(_SEPARATORS.sub("", text)) - linked <= _LINK_LINE_EXTRA_CHARS


_MIN_HEADLINE_WORDS = 3
_BLOCK_CHILDREN = frozenset(("p", "div", "ul", "ol", "table"))
_SEPARATORS = re.compile(r"[\s|•·,;/\-–—]+")


def body_text(body: HtmlElement, noise: Sequence[str]) -> str:
    """Paragraphs of a copy of ``body`` with every ``noise`` element, tag box, related link
    list, embedded player with its blurb, caption repeating its picture's alt and short
    cross-link box opening with a noise prefix ("Artikel lainnya:" and its links) removed,
    joined by ``\\n``.

    ``drop_tree`` keeps each removed element's tail, so text that follows an ad slot survives.
    """
    body = copy.deepcopy(body)
    for el in embed_blurbs(body):
        _drop_block(el)
    for selector in (*COMMON_NOISE, *noise):
        for el in select_all(body, selector):
            if el is not body and el.getparent() is not None:
                _drop_block(el)
    boxes = [e for e in body.iter("div", "ul", "p", "span", "section", "nav") if _is_tag_box(e)]
    for el in boxes + related_link_lists(body) + alt_captions(body) + prefixed_blocks(body, linked_only=True):
        if el is not body and el.getparent() is not None:
            _drop_block(el)
    return "\n".join(paragraphs(body))


def _drop_block(el: HtmlElement) -> None:
    """Remove ``el`` but keep its tail; a block's tail stays a paragraph of its own.  In a story
    set with ``<br>`` an embed or a box stands between two paragraphs, and its tail (the next
    paragraph) would otherwise be glued to the one before it ("… sore.Warga cukup …")."""
    tail = el.tail or ""
    if el.tag in BLOCK_TAGS and tail.strip():
        el.tail = None
        br = el.makeelement("br", {})
        br.tail = tail
        el.addnext(br)
    el.drop_tree()


def strip_label(value: str | None, labels: Sequence[str]) -> str | None:
    """``"Penulis : Budi"`` → ``"Budi"`` for the given labels (case-insensitive)."""
    if not value:
        return None
    pattern = r"^\s*(?:" + "|".join(re.escape(label) for label in labels) + r")\s*:?\s*"
    value = re.sub(pattern, "", value, flags=re.I).strip(" :-|")
    return value or None


def structured_fields(ctx: PageContext) -> dict[str, Any]:
    """The partial record the publisher declared in JSON-LD and ``<meta>`` (empty fields left out)."""
    ld, meta = ctx.article_ld, ctx.meta
    title_el = ctx.tree.find(".//title")
    fields: dict[str, Any] = {
        "title": metadata.ld_text(ld, "headline")
        or meta.get("og:title")
        or meta.get("twitter:title")
        or (element_text(title_el) if title_el is not None else None),
        "authors": metadata.authors_from(ld, meta),
        "editors": metadata.editors_from(ld, meta),
        "published_at": metadata.published_from(ld, meta),
        "section": metadata.ld_text(ld, "articleSection")
        or meta.get("article:section")
        or meta.get("content_category"),
        "tags": metadata.keywords_from(ld, meta, ctx.tree),
        "description": metadata.ld_text(ld, "description")
        or meta.get("og:description")
        or meta.get("description"),
    }
    return {k: v for k, v in fields.items() if v}


def parse_date(value: str | None) -> datetime | None:
    """A visible date string ("Senin, 25 September 2023 10:00 WIB") → tz-aware datetime."""
    return metadata.parse_published(value) if value else None


def date_of(root: HtmlElement, selectors: Sequence[str]) -> datetime | None:
    """The publish time shown on the page: a ``datetime``/``title`` attribute first, then the text."""
    el = select_first(root, selectors)
    if el is None:
        return None
    for attr in ("datetime", "content", "title"):
        parsed = parse_date(el.get(attr))
        if parsed:
            return parsed
    return parse_date(element_text(el))


def names_of(root: HtmlElement, selectors: Sequence[str], labels: Sequence[str] = BYLINE_LABELS) -> list[str]:
    """Person names from byline elements ("Penulis: A dan B" → ["A", "B"])."""
    raw = [strip_label(text, labels) or "" for text in select_texts(root, selectors)]
    return metadata.split_authors(r for r in raw if r)


def extract_with(
    ctx: PageContext,
    *,
    body: Sequence[str],
    noise: Sequence[str] = (),
    title: Sequence[str] = (),
    authors: Sequence[str] = (),
    editors: Sequence[str] = (),
    date: Sequence[str] = (),
    section: Sequence[str] = (),
    tags: Sequence[str] = (),
) -> dict[str, Any]:
    """The usual site-module recipe, driven by the module's selector constants.

    Precedence, field by field: the visible headline (never carries a site suffix) over
    ``headline``/``og:title``; the byline elements (which tell writers from editors) over JSON-LD
    ``author``; the declared ``datePublished`` (seconds and offset) over the visible date;
    the last breadcrumb / section element over ``articleSection``; tags from JSON-LD or meta,
    else the tag links.
    """
    tree = ctx.tree
    fields = structured_fields(ctx)
    headline = select_text(tree, title)
    if not headline and not fields.get("title"):
        headline = select_text(tree, ("h1",))  # last resort: a bare h1 may be the site logo
    if headline:
        fields["title"] = headline
    found_authors = names_of(tree, authors)
    if found_authors:
        fields["authors"] = found_authors
    found_editors = names_of(tree, editors)
    if found_editors:
        fields["editors"] = found_editors
    if not fields.get("published_at"):
        fields["published_at"] = date_of(tree, date)
    sections = select_texts(tree, section)
    if sections:
        fields["section"] = sections[-1]
    if not fields.get("tags"):
        fields["tags"] = select_texts(tree, tags)
    container = select_first(tree, body)
    fields["text"] = body_text(container, noise) if container is not None else ""
    return fields
