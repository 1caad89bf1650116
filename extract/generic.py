"""The generic extractor: a good record from any Indonesian news page, known site or not.

Structured data first (JSON-LD, OpenGraph, ``<meta>``), then trafilatura's guesses for what is
still missing; the body comes from trafilatura run on the already-parsed tree, with Indonesian
newsroom noise ("Baca juga", bylines, photo credits …) removed twice: as page elements before
extraction and as lines after it.  The noise rules are data files in ``extract/data`` so an
analyst can extend them without touching code:

* ``noise_prefixes.txt``: a paragraph starting with one of these is not article text;
* ``noise_glued.txt``: cross-link markers glued to the end of a paragraph ("…dimaksud.Baca juga : X");
* ``noise_lines.txt``: regexes for whole lines (photo credits, comment counters, pagers);
* ``noise_inline.txt``: regexes for fragments inside a line ("(Foto: …)", "(dok. …)").

Before trafilatura runs (on a pruned copy, never on the caller's tree) kabar also removes
teaser cards, small related/share/comment blocks, the standfirst heading that repeats the
description and pull quotes; after it, it puts back the bare-text dateline lead paragraph
trafilatura tends to drop ("<b>Jakarta</b> - …"), and retries with captions kept when almost
nothing is left (photo pages, whose captions are the article).

Every extraction route (site module, generic, fallback) runs :func:`strip_noise`.
"""

from __future__ import annotations

import copy
import logging
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from lxml.etree import XPath

from kabar.extract.furniture import is_small, noise_rules, prefixed_blocks
from kabar.extract.metadata import (
    clean_title,
    ld_text,
    ld_types,
    load_lines,
    parse_published,
    published_from,
    split_authors,
    visible_date,
)
from kabar.extract.sites.base import (
    PageContext,
    alt_captions,
    embed_blurbs,
    is_link_list,
    related_link_lists,
    structured_fields,
)
from kabar.extract.text import (
    BLOCK_TAGS,
    SKIP_TAGS,
    clean_text,
    is_caption_line,
    is_layout_table,
    split_signoff,
    table_rows,
    trim_head,
    without_dangling_label,
)

# trafilatura logs a warning for every page it finds too short ("discarding data"); kabar turns
# that into an empty body and a record-level error instead, so the log line is only noise.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# Elements that are never article text on Indonesian news pages, pruned before extraction:
# fragments of class/id names (case-insensitive substring) of related/popular/share blocks.
_NOISE_CLASS_FRAGMENTS: tuple[str, ...] = (
    "related",
    "baca-juga",
    "bacajuga",
    "read-also",
    "readalso",
    "terkait",
    "populer",
    "popular",
    "terpopuler",
    "share",
    "social",
    "newsletter",
    "comment",
    "komentar",
    "caption",
    "breadcrumb",
    "tags",
    "tag-list",
    "advert",
    "ads-",
    "iklan",
    "promo",
    "author-box",
    "recommend",
    "rekomendasi",
    # the standfirst / dek under the headline (Goal ``p.leading``, IDN Times ``div.excerpt``,
    # VIVA ``div.summary``, Tribun's "Ringkasan Berita" ``blockquote.summary-article``)
    "leading",
    "summary",
    "standfirst",
    "excerpt",
)


@lru_cache(maxsize=1)
def noise_prune_xpaths() -> tuple[XPath, ...]:
    """Compiled XPaths of page elements that are noise whatever their text: teaser cards and
    ``<noscript>`` (small related/share blocks by class are :func:`_noise_class_blocks`)."""
    return (
        # teaser cards: list items with a picture or a heading are related/popular links, never
        # the points of a list in the article
        XPath("//li[.//img or .//h2 or .//h3 or .//h4 or .//h5]"),
        # what a browser without JavaScript shows ("Aktifkan JavaScript …", tracking pixels):
        # never the article, and on a JavaScript-only shell it must not pass for one
        XPath("//noscript"),
        # embedded posts: their text (a tweet, its author and date) is not the article's
        XPath(
            "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
            " or contains(@class, 'tiktok-embed')]"
        ),
    )


_CLASS_BLOCK_TAGS = ("div", "ul", "section", "aside", "p", "span", "a")
_MAX_CLASS_BLOCK_CHARS = 1500


def _noise_class_blocks(tree: Any) -> list[Any]:
    """Related/share/comment blocks found by class or id, only when they are small, so a wrapper
    whose class merely mentions "share" around the whole article is left alone.

    Python rather than XPath: ``string-length(normalize-space(.))`` computes the whole text of
    every big wrapper that matches (~100 ms on a portal home page); :func:`is_small` stops early.
    """
    fragment_re = _class_fragment_re()
    return [
        el
        for el in tree.iter(*_CLASS_BLOCK_TAGS)
        if fragment_re.search(f"{el.get('class') or ''} {el.get('id') or ''}")
        and is_small(el, _MAX_CLASS_BLOCK_CHARS)
    ]


@lru_cache(maxsize=1)
def _class_fragment_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(c) for c in _NOISE_CLASS_FRAGMENTS), re.I)


def _dek_headings(tree: Any, description: str | None) -> list[Any]:
    """Headings that repeat the page's description: the standfirst ("dek") under the headline
    belongs in ``description``, not in the body.  Only headings: many outlets use their first
    paragraph as the description, and that paragraph must stay."""
    wanted = " ".join((description or "").split()).casefold()
    if len(wanted) < 30:
        return []
    return [el for el in _HEADINGS(tree) if " ".join(el.text_content().split()).casefold() == wanted]


# a numbered heading ("1. Bahan-bahan") is a listicle's section even before the first paragraph
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.)]")
# a heading longer than this is not a dek
_MAX_DEK_CHARS = 250


def _lead_headings(tree: Any) -> list[Any]:
    """Subheadings (h2–h4) standing before the first paragraph of the story they introduce: a
    standfirst ("dek") set as a heading under the headline, which is not body text.  A crosshead
    comes between paragraphs and stays; a numbered heading (a listicle's first item) stays."""
    found = []
    for el in _HEADINGS(tree):
        if el.tag not in ("h2", "h3", "h4"):
            continue
        text = " ".join(el.text_content().split())
        if not text or len(text) > _MAX_DEK_CHARS or _NUMBERED.match(text):
            continue
        before = list(el.itersiblings(preceding=True))
        after = list(el.itersiblings())
        if any(_story_paragraphs(sib) for sib in before):
            continue
        if sum(_story_paragraphs(sib) for sib in after[:3]) >= 2:
            found.append(el)
    return found


def _story_paragraphs(el: Any) -> int:
    """How many story-length ``<p>`` are ``el`` or inside it."""
    if not isinstance(el.tag, str):
        return 0
    paras = [el] if el.tag == "p" else list(el.iter("p"))
    return sum(1 for p in paras if len(" ".join(p.text_content().split())) >= _MIN_STORY_P_CHARS)


# A pull quote shorter than this is kept (short quotes repeat legitimately).
_MIN_PULL_QUOTE = 30


def _pull_quotes(tree: Any) -> list[Any]:
    """``<blockquote>`` elements whose text also stands elsewhere on the page: the pull quote set
    in large type next to the paragraph it repeats.  Only blockquotes: a pledge point that the
    lead paragraph also quotes is article text."""
    quotes = [q for q in tree.iter("blockquote") if _MIN_PULL_QUOTE <= len(q.text_content()) < 400]
    if not quotes:
        return []
    page = " ".join(tree.text_content().split()).casefold()
    return [q for q in quotes if page.count(" ".join(q.text_content().split()).casefold()) >= 2]


def pruned_copy(tree: Any, *, captions: bool = True, description: str | None = None) -> Any:
    """A copy of ``tree`` without the noise blocks (photo captions unless ``captions`` is False,
    a heading repeating ``description``, pull quotes); the caller's tree is never modified."""
    tree = copy.deepcopy(tree)
    doomed = (
        prefixed_blocks(tree)
        + _noise_class_blocks(tree)
        + _dek_headings(tree, description)
        + _pull_quotes(tree)
        + _lead_headings(tree)
        + related_link_lists(tree)
        + embed_blurbs(tree)
    )
    for xpath in noise_prune_xpaths() + ((_CAPTION_XPATH,) if captions else ()):
        doomed.extend(xpath(tree))
    if captions:
        doomed.extend(_image_captions(tree) + alt_captions(tree))
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the element's tail text
    _unwrap_layout_tables(tree)
    _drop_emptied_blocks(tree)
    _wrap_loose_text(tree)
    return tree


_EMPTIABLE_BLOCKS = ("div", "table", "center", "figure")


def _drop_emptied_blocks(tree: Any) -> None:
    """Remove the blocks left without text or media (the wrapper of a caption, an ad slot)
    that have story text after them, keeping that text where it stands.  In a story set with
    ``<br>``, a picture table between two paragraphs is emptied when its caption goes; left in
    place, trafilatura drops the paragraph that follows the empty block."""
    for el in list(tree.iter(*_EMPTIABLE_BLOCKS)):
        if len((el.tail or "").strip()) < _MIN_LOOSE_CHARS or el.getparent() is None:
            continue
        if el.find(".//img") is not None or el.text_content().strip():
            continue
        el.drop_tree()  # keeps the tail


# block elements beside which loose text is a paragraph of its own
_LOOSE_AFTER = frozenset(("p", "div", "figure", "table", "ul", "ol", "h2", "h3", "h4", "blockquote"))
# loose text shorter than this beside a block is a label or a separator, not a paragraph
_MIN_LOOSE_CHARS = 40


def _wrap_loose_text(tree: Any) -> None:
    """Give story text left loose between blocks its own ``<p>``.  A picture ``<div>`` nested in
    a ``<p>`` ("<p><div class=photo>…</div>Story goes on.</p>") is invalid HTML: the parser
    closes the ``<p>`` before the ``<div>``, and the rest of the paragraph becomes loose text
    after it (after its caption is dropped, after the empty ``<p>``), which trafilatura skips
    when the container's other text is in ``<p>``s.  Only in containers that hold paragraphs:
    a story set with ``<br>`` (no ``<p>``) is read as it is."""
    for el in list(tree.iter(*_LOOSE_AFTER)):
        parent = el.getparent()
        tail = el.tail or ""
        if parent is None or len(tail.strip()) < _MIN_LOOSE_CHARS or parent.find("p") is None:
            continue
        para = el.makeelement("p", {})
        para.text, el.tail = tail, None
        el.addnext(para)
        sibling = para.getnext()
        while sibling is not None and isinstance(sibling.tag, str) and sibling.tag not in _LOOSE_AFTER:
            following = sibling.getnext()
            para.append(sibling)  # an inline link or emphasis of the same paragraph, its tail too
            sibling = following


_TABLE_PARTS = ("thead", "tbody", "tfoot", "tr", "td", "th")


def _unwrap_layout_tables(tree: Any) -> None:
    """Turn the tables that lay out a page (a table whose cells hold blocks: the grid of an older
    template, with the headline, the story and the sidebar in cells) into ``<div>``s.  With tables
    off, trafilatura flattens such a grid into one "| … |" line holding headline, date and story;
    as divs, its cells are containers like any other.  Data tables (the points of a pledge) hold
    no blocks and stay.  Outer tables come first in document order, so a data table inside a
    layout grid is judged on its own."""
    for table in list(tree.iter("table")):
        if not is_layout_table(table):
            continue
        own = [el for el in table.iter(*_TABLE_PARTS) if _nearest_table(el) is table]
        for el in (table, *own):
            el.tag = "div"


def _nearest_table(el: Any) -> Any:
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


# a caption is a line or two under its picture; a longer block beside an image is story
_MAX_IMAGE_CAPTION_CHARS = 200
_CAPTION_BLOCKS = ("p", "div", "center", "td")
_CAPTION_WRAPPERS = frozenset(("em", "i", "small", "span", "strong", "b", "font"))


def _image_captions(tree: Any) -> list[Any]:
    """Captions without a credit, told by where they stand: the short text after a picture that
    opens its own block ("<p><img><br>Wali kota melantik …</p>"), or the short block right after a
    block holding only a picture whose whole text is one emphasis or small element
    ("<p><img></p><p><em>Wali kota melantik …</em></p>").  Both blocks go."""
    found = []
    for img in tree.iter("img"):
        block = img.getparent()
        while block is not None and block.tag not in _CAPTION_BLOCKS:
            block = block.getparent()
        if block is None or (block.text or "").strip() or not is_small(block, _MAX_IMAGE_CAPTION_CHARS):
            continue
        if any(el is not img and el.tag == "img" for el in block.iter("img")):
            continue
        text = " ".join(block.text_content().split())
        if text and _image_leads(block, img):
            found.append(block)
        elif not text:
            caption = block.getnext()
            if caption is not None and caption.tag in ("p", "div") and _is_wrapped_caption(caption):
                found += [block, caption]
    return found


def _image_leads(block: Any, img: Any) -> bool:
    """True when ``img`` comes before any text of ``block``."""
    for el in block.iter():
        if el is img:
            return True
        if el is not block and (el.text or "").strip():
            return False
        if el is not block and el is not img and (el.tail or "").strip() and img not in el.iterancestors():
            return False
    return False


def _is_wrapped_caption(el: Any) -> bool:
    """A short block whose whole text sits in one emphasis / small element."""
    children = [c for c in el if isinstance(c.tag, str)]
    if (el.text or "").strip() or len(children) != 1 or children[0].tag not in _CAPTION_WRAPPERS:
        return False
    if (children[0].tail or "").strip():
        return False
    text = " ".join(el.text_content().split())
    return 0 < len(text) <= _MAX_IMAGE_CAPTION_CHARS


# Photo captions; kept only on photo pages, where they are the article (see extract_generic).
_CAPTION_XPATH = XPath("//figcaption | //figure | //*[@class='wp-caption-text']")
_HEADINGS = XPath("//h2 | //h3 | //h4 | //h5 | //h6")


# Less article text than this after the precise pass means a photo page or a missed layout:
# the generic extractor then retries in recall mode with captions kept.
MIN_BODY_CHARS = 250

# ---------------------------------------------------------------------------------------------
# Text-level noise rules
# ---------------------------------------------------------------------------------------------


# A long paragraph that merely starts with "Penulis" or "Foto" is content, not a label.
MAX_NOISE_LINE = 220


def is_noise_line(line: str) -> bool:
    """True for a short line that is newsroom noise ("Baca juga: …", "Editor : X", "(Foto: …)")."""
    prefix_re, lines_re, _, _ = noise_rules()
    return len(line) <= MAX_NOISE_LINE and bool(prefix_re.match(line) or lines_re.fullmatch(line))


# A dateline left alone on its line ("Jakarta -", "JAKARTA, KOMPAS.com –") when the outlet wraps
# it in its own element; it is joined to the paragraph it introduces.
_LONE_DATELINE = re.compile(r"^[A-Z][\w.,/() ]{1,60}\s[-–—]{1,2}$")


# ... or split from it as a bare place name ("Jakarta") above a line starting with the dash; only
# near the top (a heading above a list item further down is not a dateline)
_LONE_PLACE = re.compile(r"[A-Z][\w.']*(?:\s[A-Z][\w.']*)?(?:,\s?[A-Z][\w.']*)?")
_DASHED_LEAD = re.compile(r"[-–—]{1,2}\s+\S.{60,}")
_DATELINE_LINES = 4


def strip_noise(text: str) -> str:
    """Article text without Indonesian newsroom noise, paragraphs joined by ``\\n``.

    Per line: drops it when it is a noise line (:func:`is_noise_line`) or a photo caption with its
    credit (:func:`is_caption_line`; kept when the captions are all the page says: a photo
    page), cuts a cross-link glued
    to the end of a paragraph ("…dimaksud.Baca juga : Judul"), removes "(Foto: …)" / "(dok. …)"
    credits inside it, and joins a dateline left alone on its line ("Jakarta -") to the next
    paragraph.  Blank lines and runs of spaces collapse.  Every extraction route runs this, then
    :func:`extract.text.clean_text` for the site-layout labels.
    """
    _, _, glued_re, inline_re = noise_rules()
    lines = [" ".join(raw.replace("\xa0", " ").split()) for raw in text.splitlines()]
    lines = _without_teasers([line for line in lines if line])
    lines = [line for line in lines if not is_noise_line(line)]
    captions = {line for line in lines if is_caption_line(line)}
    if lines and lines[-1] in captions and _ends_with_signoff(lines[-1]):
        captions.discard(lines[-1])  # the story's last sentence and its sign-off: split later
    story = sum(len(line) for line in lines if line not in captions)
    if story >= MIN_BODY_CHARS or story >= sum(len(line) for line in captions):
        lines = [line for line in lines if line not in captions]
    # else a photo page: its credited captions are most of what it says, and they are the article
    kept: list[str] = []
    for line in lines:
        line = " ".join(inline_re.sub(" ", glued_re.sub("", line)).split())
        if not line:
            continue
        if kept and _LONE_DATELINE.match(kept[-1]):
            kept[-1] = f"{kept[-1]} {line}"
        elif (
            kept
            and len(kept) <= _DATELINE_LINES
            and _LONE_PLACE.fullmatch(kept[-1])
            and _DASHED_LEAD.match(line)
        ):
            kept[-1] = f"{kept[-1]} {line}"  # "<b>Jakarta</b><br>- Lead …" split in two lines
        else:
            kept.append(line)
    return "\n".join(kept)


@lru_cache(maxsize=1)
def _teaser_meta_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{r})" for r in load_lines("noise_teaser_meta.txt")), re.I)


# a linked headline is one line of a few words that does not end like a sentence
_MAX_TEASER_HEADLINE = 160


def _without_teasers(lines: list[str]) -> list[str]:
    """``lines`` without the teasers of a related list read as text: a section-and-date line
    (``noise_teaser_meta.txt``) and the headline right above it.  A story sentence above such a
    line (it ends with a full stop) stays."""
    meta_re = _teaser_meta_re()
    doomed: set[int] = set()
    for i, line in enumerate(lines):
        if len(line) > MAX_NOISE_LINE or not meta_re.fullmatch(line):
            continue
        doomed.add(i)
        above = lines[i - 1] if i else ""
        if i and len(above) <= _MAX_TEASER_HEADLINE and not above.endswith((".", ",", ";", ":")):
            doomed.add(i - 1)
    return [line for i, line in enumerate(lines) if i not in doomed] if doomed else lines


# a sentence left after a glued code this long is story, not a caption's few words
_MIN_SIGNED_SENTENCE = 60


def _ends_with_signoff(line: str) -> bool:
    """The text's last line is a story sentence with a desk code glued to it ("… diterima
    petugas.(Fulan/Budi)"), which a caption rule would take for a photo credit."""
    rest, code = split_signoff(line)
    return (
        bool(code) and len(rest) >= _MIN_SIGNED_SENTENCE and rest.rstrip().endswith((".", '"', "”", "!", "?"))
    )


def finish_text(raw_text: str, drop: list[str]) -> tuple[str, str | None]:
    """``(text, signoff)`` for every route: kabar's layout cleanup (it needs the "Baca Juga"
    label lines to find link boxes), the shared newsroom rules, the sign-off codes taken out
    (twice: a promo line can stand between two codes), and the captions / bylines above the
    first paragraph."""
    text = without_dangling_label(strip_noise(clean_text(raw_text, drop=drop)))
    codes: list[str] = []
    for _ in range(2):
        text, code = split_signoff(text)
        if not code:
            break
        codes.insert(0, code)
        text = strip_noise(text)
    return trim_head(text), " ".join(codes) or None


# ---------------------------------------------------------------------------------------------
# Listing pages
# ---------------------------------------------------------------------------------------------

_ARTICLE_LD_TYPES = frozenset(
    ("NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle")
)
# schema.org types a publisher gives its index pages
_LISTING_LD_TYPES = frozenset(("CollectionPage", "SearchResultsPage"))
# a path this long or longer under a listing segment is an article filed there ("/kanal/x/2019/…")
_MAX_LISTING_SEGMENTS = 4
# an article slug: at least this many hyphenated words ("bupati-lantik-pejabat-baru")
_SLUG_WORDS = 4


@lru_cache(maxsize=1)
def _listing_segments() -> frozenset[str]:
    return frozenset(s.casefold() for s in load_lines("listing_paths.txt"))


def listing_reason(ctx: PageContext, title: str | None, text: str, *, generic_route: bool) -> str | None:
    """Why the page is a listing (home, index, section, tag or search page), or None.

    By address, on every route: the site root, a short path naming an index ("/indeks",
    "/tag/x"), or a path under one that does not end in an article slug ("/category/a/b/",
    "/tag/x/page/2/").  On the generic routes also by a declared ``CollectionPage`` /
    ``SearchResultsPage``, or by the absence of every sign of one article: no article JSON-LD, no
    ``og:type`` article, no declared publish time, no date line beside a headline (an h1–h3
    showing a ``title`` of three words or more) and no paragraph of a story in ``text``, but many
    headline links.  (trafilatura turns a home page's teasers into
    "text", so text alone cannot tell.)
    """
    path = urlsplit(ctx.url or "").path if ctx.url else None
    if path is not None:
        segments = [s for s in path.split("/") if s]
        if not segments and ctx.url and urlsplit(ctx.url).netloc and not urlsplit(ctx.url).query:
            return "the site's home page"
        if 0 < len(segments) <= 2 and any(s.casefold() in _listing_segments() for s in segments):
            return f"an index page ({path})"
        # WordPress and co.: "/category/berita/politik/", "/tag/asn/page/2/"
        if (
            2 < len(segments) <= _MAX_LISTING_SEGMENTS
            and segments[0].casefold() in _listing_segments()
            and len(segments[-1].split("-")) < _SLUG_WORDS
        ):
            return f"an index page ({path})"
    if not generic_route:
        return None
    types = {t for obj in ctx.ld for t in ld_types(obj)}
    if types & _ARTICLE_LD_TYPES:
        return None
    if types & _LISTING_LD_TYPES:
        return f"the publisher declares an index ({', '.join(sorted(types & _LISTING_LD_TYPES))})"
    if ctx.meta.get("og:type", "").strip().casefold() == "article" or published_from(None, ctx.meta):
        return None
    # a dated headline marks an article; a one- or two-word "headline" is a section name ("Politik")
    if title and len(title.split()) > 2 and visible_date(ctx.tree, title, headings_only=True):
        return None
    if any(len(line.split()) >= _MIN_STORY_PARAGRAPH_WORDS for line in text.split("\n")):
        return None
    if _teaser_links(ctx.tree) < _MIN_LISTING_TEASERS:
        return None
    return "no article metadata, no dated headline, no story paragraph, many headline links"


# a story has at least one paragraph this long; teaser blurbs on index pages are shorter
_MIN_STORY_PARAGRAPH_WORDS = 40
# links whose text is a headline (5 words or more); an index page is made of them
_MIN_TEASER_WORDS = 5
_MIN_LISTING_TEASERS = 10


def _teaser_links(tree: Any) -> int:
    return sum(1 for a in tree.iter("a") if len(a.text_content().split()) >= _MIN_TEASER_WORDS)


# ---------------------------------------------------------------------------------------------
# Body
# ---------------------------------------------------------------------------------------------


def run_trafilatura(
    tree: Any,
    url: str | None,
    *,
    favor_precision: bool = False,
    with_metadata: bool = True,
    prune_captions: bool = True,
    description: str | None = None,
) -> Any:
    """``trafilatura.bare_extraction`` on a noise-pruned copy of an already-parsed tree (the
    caller's tree is left untouched); None when trafilatura finds nothing."""
    try:
        return trafilatura.bare_extraction(
            pruned_copy(tree, captions=prune_captions, description=description),
            url=url,
            with_metadata=with_metadata,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=favor_precision,
            favor_recall=not favor_precision and not prune_captions,
            deduplicate=False,
        )
    except Exception:  # trafilatura raises assorted errors on pathological markup
        return None


# ---------------------------------------------------------------------------------------------
# The generic extractor
# ---------------------------------------------------------------------------------------------


# a site name joined to a headline in <title>: " - Portal Kota", "Portal Kota | "
_BRAND_SUFFIX = re.compile(r"\s*[-|–—:•»]{1,2}\s*.{1,60}")
_BRAND_PREFIX = re.compile(r".{1,60}?\s*[-|–—:•»]{1,2}\s*")


def extract_generic(ctx: PageContext) -> dict[str, Any]:
    """A partial record (title, authors, editors, published_at, section, tags, description,
    text) for any host.

    What the publisher declared (JSON-LD, OpenGraph, via
    :func:`extract.sites.base.structured_fields`) wins; trafilatura's own metadata guesses
    (``<h1>``, bylines, htmldate) only fill fields that are still empty.  ``published_at`` is a
    tz-aware :class:`datetime` or None.
    """
    fields = structured_fields(ctx)
    doc = run_trafilatura(ctx.tree, ctx.url, favor_precision=True, description=fields.get("description"))
    if doc is not None:
        fallbacks: dict[str, Any] = {
            "title": doc.title,
            "authors": split_authors(doc.author.split(";")) if doc.author else [],
            "published_at": parse_published(doc.date) if doc.date else None,
            "section": doc.categories[0] if doc.categories else None,
            "tags": [t for t in doc.tags or [] if t],
            "description": doc.description,
        }
        for key, value in fallbacks.items():
            if not fields.get(key) and value:
                fields[key] = value
    site_names = [n for n in (ctx.meta.get("og:site_name"), doc.sitename if doc is not None else None) if n]
    site_names += _host_names(ctx.host)
    page_title = clean_title(" ".join((ctx.tree.findtext(".//title") or "").split()), site_names)
    title = _prefer_headline(ctx.tree, clean_title(fields.get("title") or "", site_names), page_title)
    fields["title"] = title or None
    text = strip_noise(doc.text or "") if doc is not None else ""
    if len(text) < MIN_BODY_CHARS:
        retry = run_trafilatura(
            ctx.tree,
            ctx.url,
            with_metadata=False,
            prune_captions=False,
            description=fields.get("description"),
        )
        retry_text = strip_noise(retry.text or "") if retry is not None else ""
        if len(retry_text) > len(text):
            text = retry_text
    if len(text) < MIN_BODY_CHARS:
        text = max((text, *_last_resort_bodies(ctx)), key=len)
    lines = text.split("\n")
    if title and lines and lines[0].casefold() == title.casefold():
        text = "\n".join(lines[1:])  # trafilatura keeps the <h1>; the headline is not body text
    text = _with_continuations(ctx.tree, _completed(ctx.tree, text))
    fields["text"] = _with_dateline_lead(ctx.tree, _with_lists(ctx.tree, text))
    return fields


# A paragraph of a story; shorter <p>s (labels, teasers, credits) do not make a container the body.
_MIN_STORY_P_CHARS = 60


def _last_resort_bodies(ctx: PageContext) -> list[str]:
    """Bodies for a page trafilatura gave (almost) nothing for: the publisher's JSON-LD
    ``articleBody``, and the paragraphs of the element holding the most story-length ``<p>``
    text.  An older template (IDN Times before its redesign) must never lose its article."""
    bodies = []
    declared = ld_text(ctx.article_ld, "articleBody")
    if declared:
        bodies.append(strip_noise(declared))
    densest = _densest_paragraphs(ctx.tree)
    if densest:
        bodies.append(strip_noise("\n".join(densest)))
    return bodies


def _densest_paragraphs(tree: Any) -> list[str]:
    """The paragraphs of the element holding the most text in story-length paragraphs: its
    direct ``<p>`` children, or (older templates) its own text split at ``<br>`` (the usual
    shapes of an article body, whatever its class names).

    Hand-written rather than readability's full scoring: this only runs when trafilatura found
    nothing, and needs no more than "which container holds the paragraphs"."""
    totals: dict[Any, int] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is None:
            continue
        length = len(" ".join(p.text_content().split()))
        if length >= _MIN_STORY_P_CHARS:
            totals[parent] = totals.get(parent, 0) + length
    segments: dict[Any, list[str]] = {}
    for br in tree.iter("br"):
        parent = br.getparent()
        if parent is not None and parent not in segments:
            segments[parent] = _br_segments(parent)
            story = sum(len(seg) for seg in segments[parent] if len(seg) >= _MIN_STORY_P_CHARS)
            totals[parent] = totals.get(parent, 0) + story
    if not totals or max(totals.values()) == 0:
        return []
    best = max(totals, key=totals.__getitem__)
    texts = [" ".join(p.text_content().split()) for p in best.iterchildren("p")]
    own = segments.get(best, [])
    if sum(map(len, own)) > sum(map(len, texts)):
        return own
    return [t for t in texts if t]


def _br_segments(el: Any) -> list[str]:
    """The text ``el`` holds itself (its text, its inline children, their tails), split into
    paragraphs at ``<br>`` and at block children (whose own text is not included)."""
    out: list[str] = []
    buf = [el.text or ""]
    for child in el.iterchildren():
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br" or tag in BLOCK_TAGS or tag in SKIP_TAGS or not tag:
            out.append(" ".join("".join(buf).split()))
            buf = []
        else:
            buf.append(child.text_content())
        buf.append(child.tail or "")
    out.append(" ".join("".join(buf).split()))
    return [seg for seg in out if seg]


def _completed(tree: Any, text: str) -> str:
    """``text`` with the story paragraphs trafilatura dropped at its ends put back.

    trafilatura's precision mode sometimes stops at a crosshead or a box in mid-article (the
    later sections are lost) or starts after a lead it judged too short.  When the extracted
    text's first and last lines are paragraphs of one container, the container's story-length
    paragraphs before the first and after the last are the article's too.
    """
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    first, last = _folded(lines[0]), _folded(lines[-1])
    captions = set(_image_captions(tree))
    for parent in {p.getparent() for p in tree.iter("p") if p.getparent() is not None}:
        paras = [
            " ".join(p.text_content().split())
            for p in parent.iterchildren()
            if _is_story_block(p) and p not in captions
        ]
        folded = [_folded(p) for p in paras]
        if first in folded and last in folded:
            start, end = folded.index(first), len(folded) - 1 - folded[::-1].index(last)
            if start > end:
                return text
            before = [p for p in paras[:start] if len(p) >= _MIN_STORY_P_CHARS]
            if not before and start == 0:
                before = _dateline_lead_block(parent)
            after = [p for p in paras[end + 1 :] if len(p) >= _MIN_STORY_P_CHARS]
            if not before and not after:
                return text
            extra_before = strip_noise("\n".join(before))
            extra_after = strip_noise("\n".join(after))
            return "\n".join(part for part in (extra_before, text, extra_after) if part)
    return text


def _with_continuations(tree: Any, text: str) -> str:
    """``text`` with the story paragraphs of the body container's continuations put back.

    Layouts split a long story into several sibling containers of the same tag and class around
    ad slots or widgets ("<div class=text>…</div><div class=ad/><div class=text>…</div>"), and
    trafilatura keeps only one of them: the article then ends (or starts) early.  The container
    holding the text's last (first) line is found by its ``<p>`` children; its later (earlier)
    siblings of the same tag and class give their story-length paragraphs.
    """
    lines = text.split("\n")
    if not lines or not lines[0]:
        return text
    first, last = _folded(lines[0]), _folded(lines[-1])
    before: list[str] = []
    after: list[str] = []
    for parent in {p.getparent() for p in tree.iter("p") if p.getparent() is not None}:
        klass = (parent.get("class") or "").strip()
        if not klass:
            continue
        own = {_folded(p.text_content()) for p in parent.iterchildren("p")}
        if last in own and not after:
            after = _sibling_story(parent, klass, following=True)
        if first in own and not before:
            before = _sibling_story(parent, klass, following=False)
    known = {_folded(line) for line in lines}
    before = [p for p in before if _folded(p) not in known]
    after = [p for p in after if _folded(p) not in known]
    if not before and not after:
        return text
    return "\n".join(
        part for part in (strip_noise("\n".join(before)), text, strip_noise("\n".join(after))) if part
    )


def _sibling_story(container: Any, klass: str, *, following: bool) -> list[str]:
    """Story-length ``<p>`` texts of ``container``'s siblings with the same tag and class, in
    page order, on one side."""
    siblings = list(container.itersiblings(preceding=not following))
    if not following:
        siblings.reverse()
    found = []
    for sib in siblings:
        if sib.tag != container.tag or (sib.get("class") or "").strip() != klass:
            continue
        found += [
            text
            for p in sib.iterchildren("p")
            if len(text := " ".join(p.text_content().split())) >= _MIN_STORY_P_CHARS
        ]
    return found


def _is_story_block(el: Any) -> bool:
    """A ``<p>``, or a plain ``<div>`` used as one by an older template: no class or id (a
    named div is a widget: an author box, a disclaimer), no block inside it."""
    if el.tag == "p":
        return True
    return (
        el.tag == "div"
        and not el.get("class")
        and not el.get("id")
        and not any(isinstance(d.tag, str) and d.tag in _BLOCK_IN_LEAD for d in el.iterdescendants())
    )


def _dateline_lead_block(parent: Any) -> list[str]:
    """The lead paragraph set as a ``<div>`` (or ``<span>``) of plain text before the container's
    first ``<p>``: ``[text]`` when it opens with a dateline ("JAKARTA - …"), which marks the
    story's first paragraph, else [].  trafilatura drops such a lead as a non-paragraph."""
    for child in parent.iterchildren():
        if child.tag == "p":
            return []
        if child.tag not in ("div", "span") or any(
            isinstance(el.tag, str) and el.tag in _BLOCK_IN_LEAD for el in child.iterdescendants()
        ):
            continue
        text = " ".join(child.text_content().split())
        if len(text) >= _MIN_STORY_P_CHARS and _STARTS_WITH_DATELINE.match(text):
            return [text]
    return []


_BLOCK_IN_LEAD = frozenset(("p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "figure"))


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


_TEXT_CHILDREN = ("p", "h2", "h3", "h4", "h5", "h6")


def _with_lists(tree: Any, text: str) -> str:
    """``text`` with the lists and data tables trafilatura dropped from inside the body put back.

    On a plain layout (no ``<article>``, few classes) trafilatura drops short ``<ul>``/``<ol>``
    items, and they are often what the story is about (the points of a pledge).  A list counts
    when it stands in the container whose ``<p>`` children the text's paragraphs are, between
    two of them, and is not a list of links (a related box); its items go back, "- " prefixed as
    trafilatura writes them, after the paragraph that precedes the list.
    """
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    index = {_folded(line): i for i, line in enumerate(lines)}
    first, last = _folded(lines[0]), _folded(lines[-1])
    for parent in {p.getparent() for p in tree.iter("p") if p.getparent() is not None}:
        own = [_folded(p.text_content()) for p in parent.iterchildren(*_TEXT_CHILDREN)]
        if first not in own or last not in own:
            continue
        inserts: dict[int, list[str]] = {}
        at: int | None = None
        for child in parent.iterchildren():
            if child.tag in _TEXT_CHILDREN:  # a paragraph or a crosshead of the story
                at = index.get(_folded(child.text_content()), at)
            elif child.tag in ("ul", "ol") and at is not None and at < len(lines) - 1:
                items = [" ".join(li.text_content().split()) for li in child.iterchildren("li")]
                items = [item for item in items if item]
                if not items or is_link_list(child):
                    continue
                if any(_folded(item) in index or _folded(f"- {item}") in index for item in items):
                    continue
                inserts.setdefault(at, []).extend(f"- {item}" for item in items)
            elif at is not None and at < len(lines) - 1 and (rows := _table_lines(child)):
                if not any(_folded(row) in index for row in rows):
                    inserts.setdefault(at, []).extend(rows)
        if not inserts:
            return text
        out: list[str] = []
        for i, line in enumerate(lines):
            out.append(line)
            out.extend(inserts.get(i, []))
        return "\n".join(out)
    return text


def _table_lines(el: Any) -> list[str]:
    """The row lines of a data table that is ``el`` or that ``el`` (a ``<figure>``, a
    scrolling ``<div>``) only wraps; [] for anything else.  trafilatura's tables are off (they
    bring layout grids and widgets), so a table of the story (the points of a pledge, one per
    row) is put back here like a dropped list."""
    tables = [el] if el.tag == "table" else list(el.iter("table")) if el.tag in ("figure", "div") else []
    if len(tables) != 1 or (el is not tables[0] and el.find(".//p") is not None):
        return []
    return table_rows(tables[0]) or []


# The lead paragraph of Indonesian news starts with a bold dateline: "<b>Kapanlagi.com</b> - …",
# "<strong>Jakarta, KompasOtomotif</strong> – …".  Many layouts leave that paragraph as bare text
# in the body container (the later ones are <p>s), and trafilatura drops it in both precision and
# balanced mode, losing the most important paragraph (it carries the event date).
_DATELINE_HEAD = re.compile(r"[A-Z][\w.,/()' ]{1,50}")
_DATELINE_TAIL = re.compile(r"\s*[-–—]{1,2}(?:\s|$)")
_LEAD_STOP_TAGS = frozenset("p div br h1 h2 h3 h4 h5 h6 ul ol table figure blockquote section".split())
_MIN_LEAD_CHARS = 80
_STARTS_WITH_DATELINE = re.compile(r"[A-Z][\w.,/()' ]{1,50}\s*[-–—]{1,2}\s*\w")


def _with_dateline_lead(tree: Any, text: str) -> str:
    """``text`` with the dateline lead paragraph put back in front when the extraction lost it.

    Only a lead inside the same container as the extracted body counts (its parent's text holds
    the body's first line), so a dated teaser in a sidebar is never pulled in.
    """
    if not text:
        return text
    first = text.split("\n", 1)[0]
    if _LONE_DATELINE.match(first.split(" -")[0] + " -") and _DATELINE_TAIL.match(
        first[len(first.split(" -")[0]) :]
    ):
        return text  # already starts with a dateline paragraph
    probe = " ".join(first.split())[:60].casefold()
    folded = text.casefold()
    for el in tree.iter("strong", "b"):
        head = " ".join(el.text_content().split())
        if not _DATELINE_HEAD.fullmatch(head) or not el.tail or not _DATELINE_TAIL.match(el.tail):
            continue
        parts = [head, el.tail]
        sibling = el.getnext()
        while sibling is not None and sibling.tag not in _LEAD_STOP_TAGS:
            parts += [sibling.text_content(), sibling.tail or ""]
            sibling = sibling.getnext()
        lead = " ".join("".join(parts).split())
        if _LONE_DATELINE.fullmatch(lead) and sibling is not None and sibling.tag == "p":
            # "<strong>Jakarta</strong> - <p>First sentence …</p>": the dateline alone before the
            # first paragraph, which the extraction kept without it
            if _folded(sibling.text_content())[:60] == probe[:60]:
                return f"{lead} {text}"
            continue
        parent = el.getparent()
        if (
            len(lead) >= _MIN_LEAD_CHARS
            and lead[:60].casefold() not in folded
            and parent is not None
            and probe in " ".join(parent.text_content().split()).casefold()
        ):
            return f"{lead}\n{text}"
    return text


# second-level labels under which Indonesian sites register ("pikiran-rakyat.co.id")
_SECOND_LEVEL = frozenset(("co", "or", "ac", "go", "web", "my", "sch", "com", "net", "org"))


def _host_names(host: str | None) -> list[str]:
    """The outlet's name as its address spells it ("www.elshinta.com" → "elshinta",
    "elshinta.com"): unknown outlets brand their titles with it ("Judul - Elshinta")."""
    labels = [label for label in (host or "").lower().split(".") if label and label != "www"]
    if len(labels) < 2:
        return []
    cut = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
    name = labels[-cut]
    return [name, ".".join(labels[-cut:])]


def _prefer_headline(tree: Any, title: str, page_title: str = "") -> str:
    """The page's ``<h1>`` when ``title`` is that headline plus a brand nobody listed
    ("Lurah Dilantik - Portal Kota Baru"): unknown outlets brand their titles too.  Also the
    shown headline when the declared one (``og:title``, JSON-LD) is shown nowhere but the page's
    ``<title>`` (``page_title``, brand removed) is: a declared SEO variant or a headline cut
    to 110 characters ("… Pejabat Baru di…") is not what readers see; the shown heading when it
    differs from the declared one only in quote marks, case or punctuation; and the page's one
    headline-like ``<h1>`` when the declared title is shown nowhere at all (an SEO title)."""
    if not title:
        return title
    elements = list(tree.iter("h1", "h2", "h3"))
    headings = [text for el in elements for text in _heading_texts(el)]
    stem = _TRUNCATED.sub("", title) if _TRUNCATED.search(title) else ""
    if len(stem) >= _MIN_TRUNCATED_STEM:
        # a declared title cut short with an ellipsis ("… Terima Hollywood...") is the start of
        # the shown headline, which is the whole of it
        for shown in headings:
            if len(shown) > len(stem) and shown.startswith(stem):
                return shown
    loose = _loose(title)
    for shown in headings:
        if shown != title and _loose(shown) == loose:
            return shown
    if page_title and page_title != title and title not in headings:
        for shown in headings:
            rest = page_title[len(shown) :] if len(shown) >= 15 and page_title.startswith(shown) else None
            if rest is not None and (not rest or _BRAND_SUFFIX.fullmatch(rest)):
                return shown
    # h2/h3 too: the <h1> is sometimes a channel label ("Nasional") above the real headline
    for headline in headings:
        if len(headline) < 15 or headline == title:
            continue
        if title.startswith(headline) and _BRAND_SUFFIX.fullmatch(title[len(headline) :]):
            return headline
        if title.endswith(headline) and _BRAND_PREFIX.fullmatch(title[: -len(headline)]):
            return headline
    if title not in headings and not any(loose in _loose(h) for h in headings):
        h1s = [el for el in elements if el.tag == "h1"]
        if len(h1s) == 1 and h1s[0].find(".//a") is None:
            shown = " ".join(h1s[0].text_content().split())
            shared = {w for w in _loose(shown).split() if len(w) >= 4} & set(loose.split())
            # a widget label ("Berita Terkini Hari Ini") shares no word with the story's title
            if len(shown.split()) >= _MIN_SEO_H1_WORDS and shared and _loose(shown) not in _loose(page_title):
                return shown
    return title


# a title cut short for a <meta> or a <title>: "…" or "..." at its end
_TRUNCATED = re.compile(r"\s*(?:\.{3}|…)$")
# the part before the ellipsis must be headline-long to identify the headline it starts
_MIN_TRUNCATED_STEM = 20

# an <h1> of fewer words is a site name or a channel label, never preferred to a declared title
_MIN_SEO_H1_WORDS = 4


def _heading_texts(el: Any) -> list[str]:
    """A heading's text, and its own text without a label element inside it ("Judul
    <span>VIDEO</span>") when that is headline-long."""
    full = " ".join(el.text_content().split())
    own = " ".join(((el.text or "") + "".join(child.tail or "" for child in el)).split())
    return [full, own] if own != full and len(own) >= 15 else [full]


def _loose(text: str) -> str:
    """``text`` without case, quote marks and punctuation: how two spellings of one headline
    compare (straight and curly quotes, an all-caps JSON-LD headline)."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
