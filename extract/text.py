"""Text helpers shared by every extraction route: element → paragraphs, and paragraph cleanup.

Site modules select the article body and drop noise elements by selector; what is left is
turned into paragraphs here.  The same line-level cleanup then runs on every route (site
module, generic, fallback), so "Baca juga:" lines, photo credits and byline footers go
wherever they appear and however they were marked up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import lxml.etree

from kabar.extract.controls import CONTROL_CHARS
from kabar.extract.metadata import date_line, load_lines

# Elements that start a new paragraph.  Inline elements (a, b, span, strong …) do not.
BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 "
    "h6 header hr li main nav ol p pre section table tbody td th thead tr ul".split()
)
# Elements whose text is never article text.
SKIP_TAGS = frozenset("script style noscript template iframe svg button select option input textarea".split())

# Lines that are boilerplate wherever they appear.  The shared newsroom vocabulary ("Baca juga",
# "Editor:", photo credits) lives in data files applied by :func:`extract.generic.strip_noise`;
# these are the layout labels of the target sites' boxes that survive as lines of their own.
# Keep each rule general (a label, not one article's wording): hidden articles are the real test.
NOISE_LINE_PATTERNS: tuple[str, ...] = (
    # related-article links with any separator: "Baca juga - …", "BACA JUGA : …"
    r"(?:baca|baca\s+juga|lihat\s+juga|simak\s+juga|artikel\s+terkait|berita\s+terkait)\s*[:：\-–]\s*.*",
    # box headings of related / popular lists, share bars, tag lists, comments, navigation
    r"(?:artikel|berita)\s+(?:terkait|terpopuler|populer|lainnya|terkini(?:\s+lainnya)?|pilihan)",
    r"(?:baca\s+juga|topik|tags?|bagikan(?:\s+ke)?|komentar|kembali\s+ke\s+atas|top)\s*:?",
    r"(?:a\s+){2,3}a?\s*pengaturan\s+font",
    r"isi\s+komentar\s+sepenuhnya\s+adalah\s+tanggung\s+jawab\s+.*",
    r"(?:[\w ]+\s)?\+\s*indeks",
    r"\(?\s*(?:foto|ilustrasi|dok)\.?\s*\)?",
    # byline lines at the top of Tribun stories: "Laporan Wartawan Wartakotalive.com, Nama"
    r"laporan\s+(?:wartawan|reporter|jurnalis|kontributor)\b.{0,100}",
    # attribution and promo lines: "Sumber: Antara", "Ikuti saluran WhatsApp …", "Simak … di Google News"
    r"(?:sumber|source)\s*:\s*[^.!?]{0,60}",
    r"(?:ikuti|simak|follow|dapatkan|cek|klik|download|unduh|gabung)\b.{0,150}"
    r"\b(?:google\s+news|whatsapp|telegram|channel|saluran|instagram|twitter|facebook|tiktok|youtube|"
    r"aplikasi|app\s+store|play\s+store)\b.{0,80}",
)
# Only short lines can be boilerplate labels: a long paragraph starting "Penulis:" is content.
MAX_NOISE_LINE = 220

# A cross-link label on a line of its own: the next line is the linked headline.
_LINK_LABEL_RE = re.compile(r"(?:baca(?:\s+juga)?|lihat\s+juga|simak\s+juga|baca\s+selengkapnya)\s*:?", re.I)
# The heading of a related/popular box: the headline-like lines after it belong to the box.
_LINK_BOX_RE = re.compile(
    r"(?:artikel|berita)\s+(?:terkait|terpopuler|populer|lainnya|terkini(?:\s+lainnya)?|pilihan)"
    r"|rekomendasi(?:\s+untuk\s+anda)?|terpopuler|populer",
    re.I,
)
# A headline (or a box's date/view-count line) is short and does not end like a sentence.
MAX_HEADLINE = 160
_SENTENCE_END_RE = re.compile(r"[.!?…:;,\"”’')]$")

# Article text is cut here: a long article is 5,000–20,000 characters, and every later step
# (cleanup, spaCy, the facts rules) costs time per character, so a pathological page (a dump
# of hundreds of thousands of paragraphs) must not reach them whole.
MAX_TEXT_CHARS = 200_000

# A repeated paragraph shorter than this may be legitimate (list items such as "Ya", "(ant)").
MIN_DEDUP_CHARS = 25

_CONTROL_RE = re.compile(rf"[{CONTROL_CHARS}\t\n\r]")  # incl. \n: a paragraph is one line
# soft hyphen, zero-width characters, bidi marks and embeddings, BOM, non-characters
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060\ufeff\ufffe\uffff]")
_SPACE_RE = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Two of these in a row are what UTF-8 read as windows-1252 looks like ("â€œ", "Ã©").
_MOJIBAKE_RE = re.compile("[ÂÃâ][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e]")


def paragraphs(root: lxml.etree._Element, max_chars: int = MAX_TEXT_CHARS) -> list[str]:
    """The text of ``root`` split into paragraphs at block elements and ``<br>``.

    Hand-written because lxml has no "text by block" view and trafilatura's would re-run its
    own boilerplate heuristics on a body the site module has already chosen.  It walks the tree
    with ``iterwalk`` (no recursion), so pathological nesting cannot exhaust the stack, and
    stops one paragraph after ``max_chars`` characters have been collected.
    """
    out: list[str] = []
    buf: list[str] = []
    total = 0

    def flush() -> None:
        nonlocal total
        if buf:
            text = normalise_space("".join(buf))
            if text:
                out.append(text)
                total += len(text) + 1
            buf.clear()

    skipping = 0
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        if total > max_chars:  # one paragraph past the limit, so truncate_text() sees and flags it
            break
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if skipping or tag in SKIP_TAGS:
                skipping += 1
                continue
            if tag == "table" and (rows := table_rows(el)) is not None:
                flush()  # a data table: one line per row, not one per cell
                out.extend(rows)
                total += sum(len(r) + 1 for r in rows)
                skipping += 1
                continue
            if tag in BLOCK_TAGS or tag == "br":
                flush()
            if el.text and tag not in ("br",):
                buf.append(el.text)
        else:
            if skipping:
                skipping -= 1
                if skipping:
                    continue
            elif tag in BLOCK_TAGS:
                flush()
            if el is not root and el.tail:
                buf.append(el.tail)
    flush()
    return out


# Anything of these inside a table makes it a layout table (a box, a form, a page grid), not data.
_LAYOUT_IN_TABLE = frozenset(
    "table div p ul ol form input textarea select iframe h1 h2 h3 h4 section article".split()
)
# a list mark alone in a table's first cell: "1", "2.", "a)", "IV"
_ROW_MARK_RE = re.compile(r"(?:\d{1,2}|[a-hA-H]|[IVX]{1,4})[.)]?")


def is_layout_table(table: lxml.etree._Element) -> bool:
    """A table holding blocks (a box, a form, a page grid) rather than data."""
    return any(isinstance(el.tag, str) and el.tag in _LAYOUT_IN_TABLE for el in table.iterdescendants())


def table_rows(table: lxml.etree._Element) -> list[str] | None:
    """One line per row of a data table, or None for a layout table (cells holding blocks).

    Articles put lists in tables ("1 | Bersikap netral ...", "Kesatu | Menjaga ..."): such a
    row becomes "1. Bersikap netral ..." / "Kesatu: Menjaga ...", as a list written in prose
    reads; other rows join their cells with " | ".  A header row ("No | Isi Ikrar") above
    numbered rows is dropped: it labels the columns, it is not a line of the story.
    """
    if is_layout_table(table):
        return None
    rows: list[list[str]] = []
    for tr in table.iter("tr"):
        cells = [normalise_space(cell.text_content()) for cell in tr if cell.tag in ("td", "th")]
        if any(cells):
            rows.append([c for c in cells if c])
    marked = [len(r) >= 2 and bool(_ROW_MARK_RE.fullmatch(r[0])) for r in rows]
    if rows and len(rows) >= 2 and not marked[0] and all(marked[1:]):
        rows, marked = rows[1:], marked[1:]
    lines = []
    for row, mark in zip(rows, marked, strict=True):
        if mark:
            lines.append(f"{row[0].rstrip('.)')}. {' '.join(row[1:])}")
        elif len(row) == 2 and len(row[0].split()) <= 2 and row[0][:1].isupper():
            lines.append(f"{row[0].rstrip(':')}: {row[1]}")  # "Kesatu | ...", "Tempat | Aula"
        else:
            lines.append(" | ".join(row))
    return lines


def truncate_text(text: str, max_chars: int = MAX_TEXT_CHARS) -> tuple[str, bool]:
    """``text`` cut at the last paragraph break before ``max_chars``; and whether it was cut."""
    if len(text) <= max_chars:
        return text, False
    cut = text.rfind("\n", 0, max_chars)
    return text[: cut if cut > 0 else max_chars], True


def normalise_space(text: str) -> str:
    """NFC, no control or zero-width characters, runs of spaces (incl. NBSP) collapsed, trimmed."""
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
    return _SPACE_RE.sub(" ", _CONTROL_RE.sub(" ", text)).strip()


@lru_cache(maxsize=1)
def _noise_line_re() -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(NOISE_LINE_PATTERNS) + r")\s*", re.I)


def is_noise_line(line: str) -> bool:
    """True for a boilerplate line ("Baca juga: …", "Redaktur : …", "Foto : …", "BERITA TERKAIT")."""
    return len(line) <= MAX_NOISE_LINE and bool(_noise_line_re().fullmatch(line))


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-windows-1252 damage, but only when its tell-tale pairs are present.

    ftfy does the repair; the regex guard keeps its cost off the 99 % of pages that are fine.
    """
    if not text or not _MOJIBAKE_RE.search(text):
        return text
    import ftfy  # imported lazily: only damaged pages need it

    return unicodedata.normalize("NFC", ftfy.fix_encoding(text))


def clean_paragraphs(paras: Iterable[str], *, drop: Sequence[str] = ()) -> list[str]:
    """Normalised paragraphs without noise lines, exact duplicates and the lines in ``drop``.

    ``drop`` holds strings known to be outside the body text (the headline, the caption) that
    some layouts repeat inside it.
    """
    dropped = {normalise_space(d).casefold() for d in drop if d}
    seen: set[str] = set()
    result: list[str] = []
    for para in _without_link_boxes(normalise_space(repair_mojibake(raw)) for raw in paras):
        if not para or is_noise_line(para):
            continue
        key = para.casefold()
        if key in dropped:
            continue
        if len(para) >= MIN_DEDUP_CHARS:
            if key in seen:
                continue
            seen.add(key)
        result.append(para)
    return result


def _headline_like(line: str) -> bool:
    return len(line) <= MAX_HEADLINE and not _SENTENCE_END_RE.search(line)


def _without_link_boxes(paras: Iterable[str]) -> Iterator[str]:
    """Drop cross-link boxes whose label and headlines are separate lines.

    "Baca Juga" alone on a line takes the next headline-like line with it (only one: the line
    after may be a content subheading); a box heading ("Berita Terkait", "Artikel Terkait",
    "Terpopuler") takes every headline-like line that follows, up to the first sentence.
    """
    take_one = in_box = False
    for para in paras:
        if not para:
            continue
        if in_box and _headline_like(para):
            continue
        in_box = False
        if take_one:
            take_one = False
            if _headline_like(para):
                continue
        if _LINK_LABEL_RE.fullmatch(para):
            take_one = True
        elif _LINK_BOX_RE.fullmatch(para):
            in_box = True
        else:
            yield para


# Function words: frequent, short, and nearly disjoint between the two languages kabar meets
# (Berita Jakarta has an English edition; <html lang> is unreliable, templates say "en").
_ID_WORDS = frozenset("yang dan di dengan untuk ini itu dalam tidak akan pada dari ke juga telah".split())
_EN_WORDS = frozenset("the and of to in is that for with was on are by this from".split())
_WORD_RE = re.compile(r"[a-z]+")


def guess_language(text: str, default: str = "id") -> str:
    """``"id"`` or ``"en"`` from function-word counts; ``default`` when the text says too little."""
    words = _WORD_RE.findall(text[:5000].lower())
    id_hits = sum(w in _ID_WORDS for w in words)
    en_hits = sum(w in _EN_WORDS for w in words)
    if id_hits + en_hits < 5:
        return default
    return "en" if en_hits > 2 * id_hits else "id"


def clean_text(text: str, *, drop: Sequence[str] = ()) -> str:
    """:func:`clean_paragraphs` for text whose paragraphs are separated by newlines."""
    return "\n".join(clean_paragraphs(text.splitlines(), drop=drop))


@lru_cache(maxsize=1)
def _signoff_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    codes = "|".join(f"(?:{r})" for r in load_lines("noise_signoff.txt"))
    caps = "|".join(f"(?:{r})" for r in load_lines("noise_signoff_caps.txt"))
    return (
        re.compile(rf"(?:{codes})"),
        re.compile(rf"(?:{codes}|{caps})"),
        # glued after a space, or right after a sentence's end ("… kata dia.(ant/mr)")
        re.compile(rf"(?:(?<=\S)\s+|(?<=[.!?\"”’'])\s*)(?P<code>{codes})$"),
        re.compile(rf"(?<=[.!?\"”’'…])\s+(?P<code>{caps})$"),
    )


# the sign-off closes the story: lines after it (an editor's name, a promo, a footer) are page
# furniture when they are few and short; only the last lines are looked at, so a bracketed aside
# in mid-article is never taken
_SIGNOFF_TAIL_LINES = 4
_MAX_AFTER_SIGNOFF_LINE = 250
# ... and a line of this many words that ends a sentence is story, not furniture: a bracketed credit
# in the last lines ("Bupati saat memimpin ikrar. (Istimewa)") must not cut the paragraphs after it
_MAX_AFTER_SIGNOFF_SENTENCE_WORDS = 12


_DESK_CODE = re.compile(r"\w\s?[/\-]\s?\w")


def _is_story_line(line: str) -> bool:
    stripped = line.strip()
    long_enough = len(stripped.split()) >= _MAX_AFTER_SIGNOFF_SENTENCE_WORDS
    return long_enough and stripped.endswith((".", '"', "”", "!", "?"))


def split_signoff(text: str) -> tuple[str, str | None]:
    """``(text, signoff)``: the editors' sign-off codes that close the story ("(ant/mr)", "AZF",
    "(gk-54)", "[tm]", "(*)") taken out of the text, space-joined in page order.

    A code is taken alone on one of the last lines, or glued to the end of a paragraph (after
    a sentence end for bare capitals such as "AZF", and only on the last line), repeatedly:
    "… (Sportsmole) (PAT)".  Short lines after a bracketed code go with it.
    """
    line_re, line_any_re, glued_re, glued_caps_re = _signoff_res()
    lines = [line for line in text.split("\n") if line.strip()]
    for i in range(len(lines) - 1, max(-1, len(lines) - 1 - _SIGNOFF_TAIL_LINES), -1):
        after = lines[i + 1 :]
        if after and any(len(line) > _MAX_AFTER_SIGNOFF_LINE for line in after):
            break
        whole = line_re.fullmatch(lines[i].strip())
        match = whole or glued_re.search(lines[i])
        if not match:
            continue
        code = match.group(0) if whole else match.group("code")
        # a one-word bracket ("(Istimewa)", "(Sportsmole)") may be a photo credit in mid-body:
        # only a desk code ("(mdk/yan)", "(gk-54)") cuts story sentences after it
        if not _DESK_CODE.search(code) and any(_is_story_line(line) for line in after):
            break
        lines = lines[: i + 1]
        break
    codes: list[str] = []
    while lines:
        last = lines[-1].strip()
        if line_any_re.fullmatch(last) or (len(lines) >= 2 and is_credit_line(last, lines[-2])):
            codes.insert(0, last)
            lines.pop()
            continue
        match = glued_re.search(last) or glued_caps_re.search(last)
        if not match:
            break
        codes.insert(0, match.group("code"))
        lines[-1] = last[: match.start()].rstrip()
    return "\n".join(lines), " ".join(codes) or None


# A desk, contributor or public-relations credit closing the story on a line of its own: "Humas
# BKPSDM Lombok Barat", "Dispen Lantamal VI", "(Humas Kanwil Kemenkumham Sulteng)", "(Fulan
# Wijaya/CN26/SM Network)", sources and writer "REUTERS | GUARDIAN | FULAN".  Names and units
# only: every word capitalised (or a number), joined by spaces, slashes, bars or "dan"/"&", no
# sentence end; at most this many words.
_MAX_CREDIT_WORDS = 8
_MAX_CREDIT_CHARS = 80
_CREDIT_WORD = r"(?:[A-Z0-9][\w'&.-]*\w|[A-Z0-9]|dan|&)"
_CREDIT_LINE_RE = re.compile(
    rf"(?P<open>[(\[])?\s*{_CREDIT_WORD}(?:(?:\s*[/,|]\s*|\s+){_CREDIT_WORD})*\s*(?P<close>[)\]])?"
)
_ENDS_SENTENCE_RE = re.compile(r"[.!?…\"”’')\]]$")


def is_credit_line(line: str, before: str) -> bool:
    """True for a credit line ("Humas BKPSDM Lombok Barat", "(Fulan/CN26/SM Network)") standing
    after ``before``, a line that ends a sentence: the desk or contributor credit that closes
    an Indonesian story, which is furniture, not text.  A bare credit needs two words (one
    capitalised word alone is a caps sign-off code, see ``noise_signoff_caps.txt``)."""
    line = line.strip()
    if len(line) > _MAX_CREDIT_CHARS or not _ENDS_SENTENCE_RE.search(before.strip()):
        return False
    match = _CREDIT_LINE_RE.fullmatch(line)
    if not match or bool(match.group("open")) != bool(match.group("close")):
        return False
    words = re.findall(r"[^\s/,|()\[\]]+", line)
    return (bool(match.group("open")) or len(words) >= 2) and len(words) <= _MAX_CREDIT_WORDS


# a label closing the text ("Artikel Menarik Lainnya:", "BERITA PILIHAN:") whose box is gone: a few
# capitalised words ending in a colon introduce something, and nothing follows.  A sentence that
# introduces a dropped table ("Berikut klasemen Liga Inggris 2017:") has lower-case words and stays.
_DANGLING_LABEL_RE = re.compile(r"(?:[A-Z][\w'-]*\s+){0,5}[A-Z][\w'-]*\s*:")


def without_dangling_label(text: str) -> str:
    """``text`` without a short capitalised label ending in ":" as its last line (the related box
    it introduced was removed)."""
    lines = text.split("\n")
    while len(lines) > 1 and _DANGLING_LABEL_RE.fullmatch(lines[-1].strip()):
        lines.pop()
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _caption_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{r})" for r in load_lines("noise_captions.txt")), re.I)


@lru_cache(maxsize=1)
def _head_furniture_re() -> re.Pattern[str]:
    rules = load_lines("noise_captions.txt") + load_lines("noise_head.txt")
    return re.compile("|".join(f"(?:{r})" for r in rules), re.I)


MAX_CAPTION_LINE = 200


def is_caption_line(line: str) -> bool:
    """A photo caption with its credit ("Wali kota berpidato (Foto: Dok. Humas)"), wherever it
    stands: short, and matching ``noise_captions.txt``."""
    return len(line) <= MAX_CAPTION_LINE and bool(_caption_re().fullmatch(line))


# captions and bylines are short; a caption of a few words ("Ahmad Dhani.") is any short line
_MAX_HEAD_FURNITURE = 250
_MAX_BARE_CAPTION_WORDS = 5
_HEAD_LINES = 6


def trim_head(text: str) -> str:
    """The text without the captions, bylines and date lines standing above its first paragraph.

    Layouts put the lead photo, its caption and the byline inside the article container, and
    every route (trafilatura, site selectors) takes them as the first "paragraphs".  Up to
    :data:`_HEAD_LINES` such lines go: a caption with a credit, a byline, a line that is only a
    date, or a bare caption of a few words.
    """
    text = _GLUED_BYLINE_RE.sub("", text, count=1)
    lines = text.split("\n")
    dropped = 0
    while dropped < len(lines) and _is_head_furniture(lines[dropped].strip()):
        dropped += 1
        if dropped > _HEAD_LINES or dropped == len(lines):
            # nothing but captions: a photo page, whose captions are the article
            return text
    return "\n".join(_without_standfirst(lines[dropped:]))


# the dateline that opens an Indonesian story: "KOTA - ", "Jakarta, CNN Indonesia -- ",
# "BANGKAPOS.COM, PANGKALPINANG - ", "Sungai Raya (ANTARA) - ", "Bandung - ", the outlet's
# address in lower case ("tirto.id - ", "portal.co.id, Medan - ") and the outlet in brackets after
# the place, with or without a comma ("Mangupura, (Metrobali.com)- ", "Badung (portal.com) – ")
_OPENING_DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z.'/ ]{1,40}|[A-Z][\w.']*(?: [A-Z][\w.']*)?(?:,\s?[\w.' ]{2,40})?"
    r"|[a-z][a-z0-9-]{1,30}(?:\.[a-z]{2,6}){1,2}(?:,\s?[\w.' ]{2,40})?)"
    r"(?:,?\s?\([A-Za-z][A-Za-z0-9.-]{1,30}\))?\s*[-–—]{1,2}\s+\S"
)
_MAX_STANDFIRST_LINES = 2
_MAX_STANDFIRST_CHARS = 300


def _without_standfirst(lines: list[str]) -> list[str]:
    """``lines`` without a standfirst (dek) above the dateline paragraph: the dateline opens the
    story, so one or two short lines before the first paragraph that starts with it (a summary
    set as the first <p>, in bold or italics) are the dek, which belongs in ``description``."""
    if not lines or _OPENING_DATELINE_RE.match(lines[0]):
        return lines
    for i in range(1, min(len(lines) - 1, _MAX_STANDFIRST_LINES) + 1):
        if len(lines[i - 1]) > _MAX_STANDFIRST_CHARS:
            return lines
        if _OPENING_DATELINE_RE.match(lines[i]):
            return lines[i:]
    return lines


def _is_head_furniture(line: str) -> bool:
    if len(line) > _MAX_HEAD_FURNITURE:
        return False
    if _head_furniture_re().fullmatch(line):
        return True
    if len(line) <= 120 and date_line(line) and len(re.findall(r"[a-z]{4,}", line)) <= 6:
        return True
    return len(line.split()) <= _MAX_BARE_CAPTION_WORDS and not _STARTS_WITH_DATELINE_RE.match(line)


# "Laporan Wartawan Tribun Medan / Tommy Simatupang TRIBUN-MEDAN.com, SIANTAR - …": a byline glued
# in front of the outlet's dateline in the first paragraph (the dateline starts the body)
_GLUED_BYLINE_RE = re.compile(
    r"\A(?i:laporan\s+(?:wartawan|reporter|jurnalis|kontributor)|oleh\s*:?)\s.{2,80}?\s"
    r"(?=[A-Z][A-Za-z-]*[A-Z](?:\.[A-Za-z]{2,3}){1,2}\s*[,–—-])"
)
_STARTS_WITH_DATELINE_RE = re.compile(r"[A-Z][\w.,/()' ]{1,50}\s*[-–—:]{1,2}\s*\w")


def clean_inline(value: str | None) -> str | None:
    """A one-line field (title, description, section): normalised, None when empty."""
    if not value:
        return None
    value = normalise_space(repair_mojibake(value))
    return value or None
