"""Body lines that echo another part of the page: another article's linked headline, or a
picture's ``alt`` text (its caption).  Both are told by the page's own markup, not by wording,
so they hold on templates nobody listed, on every route (site module or generic).

**Linked headlines.**  Every template has its own related, popular, "Simak", teaser and read-more
boxes, and the furniture rules catch the ones they know by a label ("Baca juga"), a class name
("related") or a shape (a heading over a list of links).  A box nobody listed leaks its headlines
into the body.  What all of them share is that each headline is the text of a link to another
page, and that a story paragraph never is: an inline link covers a few words of a sentence, not
the sentence.  So a body line whose words are exactly a link's words, to another address, is
furniture, whatever box it came from.  So is such a line with a short label before it ("Simak:
<headline>") or a teaser's date after it ("<headline> Ekonomi • 30 April 2018 19:10"), and each
block of a teaser card linked whole (its headline, its excerpt cut with "...", its date line).

Guards, each against a way story text can equal a link: a line ending with a full stop is a
sentence and stays (headlines do not end with one); a link to the article itself (a breadcrumb,
its AMP or mobile copy, a "popular" box listing it with its lead) is not another article; a link
of fewer than :data:`MIN_HEADLINE_WORDS` words names a tag, a place or a person, which a
subheading may repeat; a run of words from the middle of a link is a coincidence; and when the
matched lines would be most of the text, the page is a roundup of links whose links are its
text, and nothing goes.

**Alt captions.**  A line that repeats a picture's ``alt`` (or ``title``) text, with at most a
short credit after it ("… Sumatera Utara. | KOMPAS.COM/FULAN"), is that picture's caption,
wherever the template put it (the block rule :func:`extract.sites.base.alt_captions` needs the
caption next to its picture).  An ``alt`` that repeats the page's description or headline (a
CMS that fills it with the lead) says nothing about captions and is not used.

**Link rows at the edges.**  The lines before the story's first sentence and after its last one
that are nothing but link texts, whole (a breadcrumb "Nasional" / "News", a row of tags "kapal
terbakar banyuwangi", a "see more" link, a footer menu), are navigation: a story sentence is never
all links.  Only at the edges and only lines that do not end with a full stop, so a list of linked
documents inside the story stays.

**The outlet's own promo.**  Near the end of the text, a line that names the outlet itself (its
address with the domain, ``og:site_name``, the site module's ``SITE_NAMES``) and calls on the
reader (``reader_calls.txt``: read, follow, install, join …) is the outlet advertising itself
("Berita ini juga dapat dibaca melalui m.portal.com … Install sekarang!"), however it is worded;
the noise prefixes only know the wordings seen so far, at a line's start.  A story line that
credits the outlet ("… kata dia kepada Portal.com") holds no call, and the first line (the
dateline names the outlet) is never one.

**A call to the reader in a box.**  The text's last line, short and standing after a finished
sentence, that asks the reader a question ("Apakah Anda sudah mengecek nama di DPT?") or points
at a link ("Cek nama Anda di sini") is the box a site sets under its story (``reader_boxes.txt``);
it names no outlet, so the promo rule above cannot see it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from kabar.extract.furniture import is_small
from kabar.extract.metadata import load_lines
from kabar.extract.text import MAX_CAPTION_LINE

# a headline of another article has at least this many words
MIN_HEADLINE_WORDS = 4
# what may follow a linked headline on its line: a section and a date ("Ekonomi • 30 April 2018
# 19:10" is 6 words) when it holds a digit, else a word or two (a counter label, a channel)
_MAX_META_WORDS_DATED = 8
_MAX_META_WORDS = 2
# a label before a linked headline ("Simak:", "Baca Juga Ini:", "BERITA TERKAIT :")
_LABEL_RE = re.compile(r"^\s*[^\s:.]+(?:\s+[^\s:.]+){0,3}\s*:\s*")
# a line ending like a sentence (a full stop, then maybe a closing quote or bracket); a teaser's
# excerpt cut with "..." does not
_SENTENCE_END_RE = re.compile(r"(?<!\.\.)\.[\"”’')\]]*\s*$")
# a teaser's excerpt after its headline, inside the same link, is at least this many words (a
# shorter run at a link's end must hold a digit: the teaser's date)
_MIN_EXCERPT_WORDS = 8
# the matched lines may be at most this share of the text's characters
_MAX_SHARE = 0.5
# the words compared: a line and a link match whatever their punctuation, case and spacing
_WORD_RE = re.compile(r"\w+")
# every run of this many words of a link indexes it, so a line is checked against a few only
_KEY_WORDS = 3
_MAX_KEY_ENTRIES = 16
# the blocks of a teaser card inside one link: its headline, excerpt and date line
_CARD_PARTS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b")
# a teaser card (headline, excerpt, date) holds at most this much text
_MAX_CARD_CHARS = 800
# a link to a file rather than a page
_DOCUMENT_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|jpe?g|png|gif|mp4|mp3)$")
_NO_PAGE_HREF = ("#", "javascript:", "mailto:", "tel:", "whatsapp:")
# an article's own slug is long enough to tell it apart from a section name
_MIN_SLUG_CHARS = 12


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


_Index = dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]]


def link_headlines(tree: Any, url: str | None, wanted: set[tuple[str, ...]] | None = None) -> _Index:
    """The words of every link on the page to another page whose text has
    :data:`MIN_HEADLINE_WORDS` or more words, indexed by each run of :data:`_KEY_WORDS` words
    (a teaser link holds its headline, section and date, which a route may read as two lines).
    ``wanted``: index only these runs (those of the lines to be checked: a real page holds
    hundreds of links, and the lookups never ask for any other run)."""
    own_path, own_slug = _path_and_slug(url)
    index: _Index = {}
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.lower().startswith(_NO_PAGE_HREF):
            continue
        if len(a.text_content().split()) < MIN_HEADLINE_WORDS:
            continue  # also a linked address or e-mail ("http://www.example.com/page"): one token
        path, slug = _path_and_slug(urljoin(url or "", href))
        if _DOCUMENT_RE.search(path):
            continue  # a linked document (a decree, a form) is named in the story, not a headline
        if path == own_path or (own_slug and own_slug in path) or (slug and slug == own_slug):
            continue  # the article itself, under another address
        # the whole link, and each block of a teaser card linked whole (headline, excerpt, date);
        # a link around more than a card is read whole only (its blocks' texts nest: quadratic)
        parts = a.iterdescendants(*_CARD_PARTS) if is_small(a, _MAX_CARD_CHARS) else ()
        for part in (a, *parts):
            text = part.text_content()
            if len(text.split()) < MIN_HEADLINE_WORDS:
                continue
            words = tuple(_words(text))
            seen: set[tuple[str, ...]] = set()
            for i in range(len(words) - _KEY_WORDS + 1):
                key = words[i : i + _KEY_WORDS]
                if wanted is not None and key not in wanted:
                    continue
                entries = index.setdefault(key, [])
                # a key's first place in a link only, and a few links per key: a run of one
                # repeated word ("kata kata kata …") must not make every line check thousands
                if key not in seen and len(entries) < _MAX_KEY_ENTRIES:
                    entries.append((words, i))
                seen.add(key)
    return index


def _path_and_slug(url: str | None) -> tuple[str, str]:
    """A URL's path without its trailing slash, and its last segment when long enough to name
    one article (a slug or an id), else ''."""
    if not url:
        return "", ""
    try:
        path = urlsplit(url).path.rstrip("/").casefold()
    except ValueError:
        return "", ""
    slug = path.rsplit("/", 1)[-1]
    return path, slug if len(slug) >= _MIN_SLUG_CHARS else ""


def _unlinked_words(words: tuple[str, ...], index: _Index) -> tuple[int, list[str]]:
    """How many of ``words`` lie in runs of link text, and the others.  At each position the
    longest run that continues some link's words there is taken; a position no link continues
    is an unlinked word (a label, a section, a date between or after the headlines)."""
    linked = 0
    rest: list[str] = []
    pos = 0
    while pos < len(words):
        best = 0
        for link, start in index.get(words[pos : pos + _KEY_WORDS], ()):
            n = _KEY_WORDS
            while pos + n < len(words) and start + n < len(link) and words[pos + n] == link[start + n]:
                n += 1
            if _is_whole_part(link, start, n):
                best = max(best, n)
        if best:
            linked += best
            pos += best
        else:
            rest.append(words[pos])
            pos += 1
    return linked, rest


def _is_whole_part(link: tuple[str, ...], start: int, n: int) -> bool:
    """Whether ``link[start:start + n]`` is a part of a link a route may read as a line of its
    own: the whole link, its headline (the link less a short section-and-date tail), or what
    follows the headline to the link's end (a teaser's date line, or its excerpt).  A run from
    the middle of a link ("Lebaran di rumah aja" of "Inspirasi Gaya Lebaran di Rumah Aja dari
    …") is a coincidence of words, not a headline."""
    tail = link[start + n :]
    if start == 0:
        return n >= MIN_HEADLINE_WORDS and _is_meta(tail)
    if tail or start < MIN_HEADLINE_WORDS:
        return False
    part = link[start:]
    return len(part) >= _MIN_EXCERPT_WORDS or any(w.isdigit() for w in part)


def _is_meta(words: Sequence[str]) -> bool:
    """A teaser's words after its headline: a section and a date, or a word or two."""
    if len(words) <= _MAX_META_WORDS:
        return True
    return len(words) <= _MAX_META_WORDS_DATED and any(w.isdigit() for w in words)


def _headline_candidates(line: str) -> list[tuple[str, ...]]:
    """The word sequences of ``line`` that could be a linked headline: the line, and the line
    less a label; none when it ends like a sentence or is too short."""
    if _SENTENCE_END_RE.search(line):
        return []
    found = []
    for candidate in (line, _LABEL_RE.sub("", line, count=1)):
        words = tuple(_words(candidate))
        if len(words) >= MIN_HEADLINE_WORDS:
            found.append(words)
    return found


def _runs(candidates: Sequence[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Every run of :data:`_KEY_WORDS` words of ``candidates``: the index keys a check can ask for."""
    return {words[i : i + _KEY_WORDS] for words in candidates for i in range(len(words) - _KEY_WORDS + 1)}


def _is_linked_headline(line: str, index: _Index) -> bool:
    for words in _headline_candidates(line):
        linked, rest = _unlinked_words(words, index)
        if linked < MIN_HEADLINE_WORDS:
            continue
        if _is_meta(rest):
            return True
    return False


# a caption line is at most this long (:data:`extract.text.MAX_CAPTION_LINE`)
_MAX_CAPTION_CHARS = MAX_CAPTION_LINE
# a credit after the alt text: "| KOMPAS.COM/FULAN", "(ANTARA FOTO/Fulan Bin Fulan)"
_MAX_CREDIT_WORDS = 8


def alt_texts(tree: Any, skip: Sequence[str]) -> set[tuple[str, ...]]:
    """The words of every picture's ``alt`` / ``title`` of :data:`MIN_HEADLINE_WORDS` or more
    words, except those repeating one of ``skip`` (the description, the headline)."""
    skipped = {tuple(_words(text)) for text in skip if text}
    found = set()
    for img in tree.iter("img"):
        for attr in ("alt", "title"):
            words = tuple(_words(img.get(attr) or ""))
            if len(words) >= MIN_HEADLINE_WORDS and words not in skipped:
                found.add(words)
    return found


def _is_alt_caption(line: str, alts: set[tuple[str, ...]]) -> bool:
    if len(line) > _MAX_CAPTION_CHARS:
        return False
    words = tuple(_words(line))
    return any(words[: len(alt)] == alt and len(words) - len(alt) <= _MAX_CREDIT_WORDS for alt in alts)


# a link of a navigation row (a tag, a menu item, a breadcrumb step) is at most this many words
_MAX_ROW_LINK_WORDS = 12


def link_rows(tree: Any) -> set[tuple[str, ...]]:
    """The words of every link on the page of at most :data:`_MAX_ROW_LINK_WORDS` words, but a
    pager's numbers."""
    found = set()
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.lower().startswith(_NO_PAGE_HREF):
            continue
        words = tuple(_words(a.text_content()))
        if 0 < len(words) <= _MAX_ROW_LINK_WORDS and not all(w.isdigit() for w in words):
            found.add(words)  # a pager's numbers could cover a numbered pledge point ("3. Netral")
    return found


def _is_link_row(line: str, rows: set[tuple[str, ...]]) -> bool:
    """Whether ``line`` is a run of whole link texts and nothing else (a dynamic programme over
    its words: each position reachable by links from the start)."""
    if _SENTENCE_END_RE.search(line):
        return False
    words = _words(line)
    if not words or not rows:
        return False
    reachable = [True] + [False] * len(words)
    for i in range(len(words)):
        if not reachable[i]:
            continue
        for n in range(1, min(_MAX_ROW_LINK_WORDS, len(words) - i) + 1):
            if tuple(words[i : i + n]) in rows:
                reachable[i + n] = True
    return reachable[-1]


def _edge_rows(lines: list[str], rows: set[tuple[str, ...]]) -> set[int]:
    """Indices of the link rows before the first line that is not one and after the last."""
    found: set[int] = set()
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for i in order:
            if not lines[i].strip():
                continue
            if not _is_link_row(lines[i], rows):
                break
            found.add(i)
    return found


# the outlet's promo stands among the text's last lines and is no longer than this
_PROMO_TAIL_LINES = 4
_MAX_PROMO_CHARS = 300
# a name shorter than this is too likely a word of the story
_MIN_OUTLET_NAME = 4
_SECOND_LEVEL = frozenset(("co", "or", "ac", "go", "web", "my", "sch", "com", "net", "org"))


@lru_cache(maxsize=1)
def _reader_call_re() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(load_lines("reader_calls.txt")) + r")\b", re.I)


# a reader box is one short line, after a line that ends a sentence
_MAX_READER_BOX_CHARS = 140
_SENTENCE_ENDS = (".", "!", "?", '"', "”", ")")


@lru_cache(maxsize=1)
def _reader_box_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{r})" for r in load_lines("reader_boxes.txt")), re.I)


def _is_reader_box(i: int, lines: list[str]) -> bool:
    """The last line is a reader box: short, after a line that ends a sentence, and matching
    ``reader_boxes.txt`` in full."""
    line = lines[i].strip()
    if i == 0 or i != len(lines) - 1 or len(line) > _MAX_READER_BOX_CHARS:
        return False
    return lines[i - 1].rstrip().endswith(_SENTENCE_ENDS) and bool(_reader_box_re().fullmatch(line))


def outlet_names(url: str | None, names: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern for the outlet's own names: ``names`` (``og:site_name``, ``SITE_NAMES``) and its
    address with the domain ("news.portal.co.id" → "portal.co.id"), as whole words."""
    found = {n.strip().casefold() for n in names if n and len(n.strip()) >= _MIN_OUTLET_NAME}
    host = _host(url)
    labels = [label for label in host.split(".") if label and label != "www"]
    if len(labels) >= 2:
        cut = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
        found.add(".".join(labels[-cut:]))
    if not found:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(found, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url or "").hostname or "").casefold()
    except ValueError:
        return ""


def _is_outlet_promo(i: int, lines: list[str], outlet: re.Pattern[str] | None) -> bool:
    line = lines[i]
    if outlet is None or i == 0 or i < len(lines) - _PROMO_TAIL_LINES or len(line) > _MAX_PROMO_CHARS:
        return False
    return bool(outlet.search(line) and _reader_call_re().search(line))


def without_echoes(
    text: str, tree: Any, url: str | None, *, skip: Sequence[str] = (), names: Sequence[str] = ()
) -> str:
    """``text`` (paragraphs joined by ``\\n``) without the lines that are the headline of a link
    to another page of ``tree`` (with a short label before it or a section and date after it),
    the ``alt`` text of one of its pictures (with a short credit after it), rows of links at its
    edges, or the outlet's own promo; ``skip``: texts (the description, the headline) whose
    echo in an ``alt`` proves nothing; ``names``: the outlet's names besides its address."""
    if not text:
        return text
    lines = text.split("\n")
    # The page's links are read only when some line could be a headline or an edge row: on a
    # real page (hundreds of links) reading them all costs more than the rest of the extraction.
    wanted = _runs([words for line in lines for words in _headline_candidates(line)])
    index = link_headlines(tree, url, wanted) if wanted else {}
    alts = alt_texts(tree, skip)
    outlet = outlet_names(url, names)
    edges = [line for line in lines if line.strip()][:1] + [line for line in lines if line.strip()][-1:]
    could_be_rows = any(not _SENTENCE_END_RE.search(line) for line in edges)
    doomed = (_edge_rows(lines, link_rows(tree)) if could_be_rows else set()) | {
        i
        for i, line in enumerate(lines)
        if line.strip()
        and (
            _is_linked_headline(line, index)
            or _is_alt_caption(line, alts)
            or _is_outlet_promo(i, lines, outlet)
            or _is_reader_box(i, lines)
        )
    }
    if not doomed:
        return text
    if sum(len(lines[i]) for i in doomed) > _MAX_SHARE * len(text):
        return text  # a roundup whose linked headlines are its text (or a photo page: its captions)
    return "\n".join(line for i, line in enumerate(lines) if i not in doomed)
