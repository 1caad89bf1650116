"""Saved page bytes → text → one lxml tree, safely.

Pages come from months of unattended crawling and from analysts' folders, so anything can
arrive here: empty files, images saved as ``.html``, UTF-16 exports, windows-1252 pages that
say so (or don't), 30 MB monsters, deeply nested junk and XML entity bombs.  This module turns
all of that into either a parsed tree or a :class:`DecodeError` with a machine-readable code;
it never raises anything else.

Decisions (documented in the README section "Bad input"):

* **Size**: at most :data:`MAX_HTML_BYTES` (10 MB) of HTML is parsed.  A larger page is cut at
  that size and still extracted (lxml repairs the truncated markup), and the record carries
  ``error = {"code": "too_large", ...}`` as the flag.  Real article pages are 50–500 kB, so the
  article body is almost always inside the first 10 MB; memory and time stay bounded.
* **Binary**: NUL bytes (outside UTF-16/32) or more than 10 % control characters in the first
  8 kB → ``not_html``.  Whitespace-only input → ``empty``.
* **Charset**: BOM first, then the page's own ``<meta charset>`` / http-equiv / XML declaration,
  then UTF-8, then windows-1252 (which is what browsers do for "latin-1" and for no charset).
  Hand-written rather than w3lib's ``html_to_unicode`` (installed with Scrapy): w3lib keeps a
  declared charset even when the bytes do not decode with it (a page declaring UTF-8 but saved
  in windows-1252 comes out with U+FFFD for every accent), trusts a UTF-16 declaration on 8-bit
  bytes (the whole page becomes CJK noise), and does not detect UTF-16 saved without a BOM;
  each of those is a case in ``tests/test_bad_input.py``.
* **Bounds before the parser** (:func:`bound_markup`): libxml2 checks each attribute of an
  element against all earlier ones, so its time grows with the square of the attribute count
  (20,000 attributes on one ``<p>`` take 0.5 s, 200,000 take minutes), and a signal cannot
  interrupt C code.  So no element keeps more than :data:`MAX_ATTRIBUTES` attributes and no more
  than :data:`MAX_PARSE_ELEMENTS` start tags are parsed: with the 10 MB cap, every parse is then
  bounded by construction (measured on 2 busy cores: the 200,000-attribute page 1.1–1.4 s, 8 MB of
  20,000 elements with 100 attributes each 3–5 s; before, minutes).  Real
  articles have under 3,000 elements and under 30 attributes on any one.
* **Parser**: libxml2's HTML parser with ``huge_tree=False`` (depth is capped at 256 levels, so
  20,000 nested divs stop there instead of exhausting the stack), ``no_network=True``.  The HTML
  parser never expands DTD entities, so an entity bomb stays inert text.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

log = logging.getLogger(__name__)

MAX_HTML_BYTES = 10 * 1024 * 1024
_SNIFF_BYTES = 8192
MAX_ATTRIBUTES = 100
MAX_PARSE_ELEMENTS = 200_000
MAX_SCRIPT_CHARS = 1_000_000  # a real page's largest script (inline JS, ld+json) is a few 100 kB
_MAX_CONTROL_RATIO = 0.10

# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">, <?xml encoding="x"?>
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# One attribute of a start tag as libxml2 reads it: after blanks, "/" or a closing quote, a name
# and an optional =value.  Names cannot hold "<", so unclosed junk cannot make one match run
# into the next tag, and each character has one role, so a failed match costs linear time.
_ATTR = r"""(?:[\s/]+|(?<=["']))[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>][^\s>]*))?"""
# A start tag's name and its first MAX_ATTRIBUTES attributes, then all the attributes left: both
# patterns always match (no failing match, so no backtracking), whatever the tag holds.
_FIRST_ATTRS_RE = re.compile(rf"""<[A-Za-z][^\s"'<>/=]*(?:{_ATTR}){{0,{MAX_ATTRIBUTES}}}""")
_MORE_ATTRS_RE = re.compile(rf"(?:{_ATTR})*")
_ATTR_RE = re.compile(_ATTR)
# A start tag at least 200 characters long (quoted values skipped whole): the cheap pre-check
# (about 1 ms on a real page) that finds where a crowded tag could be.
_LONG_TAG_RE = re.compile(r"""<[A-Za-z](?:[^"'<>]|"[^"]*"|'[^']*'){200,}""")
_START_TAG_RE = re.compile(r"<[A-Za-z]")
# Control characters other than \t \n \f \r (and ESC, which some legacy encodings use).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
# Magic numbers of formats people save by mistake under .html; named in the error message.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
)
# WHATWG: labels that browsers decode as windows-1252.
_AS_CP1252 = {"latin1", "latin_1", "iso8859_1", "ascii", "us_ascii", "cp819", "windows_1252", "cp1252"}


class DecodeError(Exception):
    """The input cannot be turned into an HTML tree; ``code`` goes into the record's ``error``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Decoded:
    """The page as text, how it was decoded, and whether it was cut at the size limit."""

    text: str
    encoding: str
    original_size: int
    truncated: bool
    capped: str | None = None  # bound_markup's note when it cut elements


def bound_markup(text: str) -> tuple[str, str | None]:
    """``text`` cut to what libxml2 parses in bounded time, and a note when elements were cut.

    Start tags beyond :data:`MAX_PARSE_ELEMENTS` are dropped (the page is cut before the first of
    them: the note says so, the record is flagged ``too_complex``) and attributes beyond
    :data:`MAX_ATTRIBUTES` on one element are removed (junk such as an ad's inline SVG; logged,
    never article text).  The scans run in C (``str.count`` and regexes): about 3 ms on a real page.
    """
    note = None
    if text.count("<") > MAX_PARSE_ELEMENTS:
        for n, match in enumerate(_START_TAG_RE.finditer(text)):
            if n == MAX_PARSE_ELEMENTS:
                text = text[: match.start()]
                note = f"page has over {MAX_PARSE_ELEMENTS:,} elements; only those were parsed"
                break
    pieces: list[str] = []
    done = 0
    for long_tag in _LONG_TAG_RE.finditer(text):
        kept = _FIRST_ATTRS_RE.match(text, long_tag.start())
        assert kept is not None  # the pattern matches any "<" + letter
        more = _MORE_ATTRS_RE.match(text, kept.end())
        if more and more.end() > more.start():
            pieces += [text[done : kept.end()]]
            done = more.end()
    if pieces:
        text = "".join([*pieces, text[done:]])
        log.info("%d element(s) had over %d attributes; the rest were dropped", len(pieces), MAX_ATTRIBUTES)
    return text, note


def _normalise_encoding(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    if name in _AS_CP1252:
        return "cp1252"
    if name in ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"):
        return "utf_8"  # a declared UTF-16 in bytes that had no BOM/NUL pattern is a lie: bytes are 8-bit
    return name


def _declared_encoding(head: bytes) -> str | None:
    match = _XML_DECL_RE.search(head) or _CHARSET_RE.search(head)
    return _normalise_encoding(match.group(1).decode("ascii", "replace")) if match else None


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf_32_le"),  # before UTF-16 LE: it starts with the same two bytes
        (codecs.BOM_UTF32_BE, "utf_32_be"),
        (codecs.BOM_UTF8, "utf_8_sig"),
        (codecs.BOM_UTF16_LE, "utf_16"),
        (codecs.BOM_UTF16_BE, "utf_16"),
    ):
        if data.startswith(bom):
            return name
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 saved without a BOM: ASCII markup makes every other byte NUL."""
    sample = head[:1000]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf_16_le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf_16_be"
    return None


def _check_not_binary(head: bytes) -> None:
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise DecodeError("not_html", f"input is {what}, not an HTML page")
    if b"\x00" in head:
        raise DecodeError("not_html", "input contains NUL bytes: a binary file, not an HTML page")
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    if head and controls / len(head) > _MAX_CONTROL_RATIO:
        raise DecodeError("not_html", "input is mostly control characters: a binary file, not an HTML page")


def _decode_bytes(data: bytes) -> tuple[str, str]:
    head = data[:_SNIFF_BYTES]
    encoding = _bom_encoding(head) or _utf16_without_bom(head)
    if encoding:
        return data.decode(encoding, errors="replace").lstrip("\ufeff"), encoding
    _check_not_binary(head)
    candidates = [e for e in (_declared_encoding(head), "utf_8", "cp1252") if e]
    for candidate in dict.fromkeys(candidates):
        try:
            # final=False: a multi-byte character cut by the size limit is dropped, not an error
            return codecs.getincrementaldecoder(candidate)().decode(data, final=False), candidate
        except (UnicodeDecodeError, LookupError):
            continue
    # Nothing decodes cleanly (cp1252 fails only on 5 unassigned bytes): keep the best guess and
    # replace the few bad bytes rather than mis-decode the whole page.
    best = candidates[0]
    return data.decode(best, errors="replace"), best


def decode_html(data: bytes | str) -> Decoded:
    """Bytes or text → :class:`Decoded`; raises :class:`DecodeError` (``empty``, ``not_html``)."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, (bytes, str)):
        raise DecodeError("not_html", f"expected the page as bytes or str, got {type(data).__name__}")
    if isinstance(data, str):
        original_size = len(data.encode("utf-8", errors="replace"))
        raw = data
        encoding = "str"
        if "\x00" in raw[:_SNIFF_BYTES]:
            raise DecodeError("not_html", "input contains NUL characters: a binary file, not an HTML page")
    else:
        original_size = len(data)
        if not data.strip():
            raise DecodeError("empty", "input is empty")
        raw, encoding = _decode_bytes(data[:MAX_HTML_BYTES])
    truncated = original_size > MAX_HTML_BYTES
    if truncated and isinstance(data, str):
        raw = raw[:MAX_HTML_BYTES]
    if not raw.strip():
        raise DecodeError("empty", "input is empty")
    raw, capped = bound_markup(raw)
    return Decoded(
        text=raw, encoding=encoding, original_size=original_size, truncated=truncated, capped=capped
    )


def _parser() -> lxml.html.HTMLParser:
    # A fresh parser per page: parsers keep an error log and are not thread-safe.
    return lxml.html.HTMLParser(
        encoding="utf-8",  # we hand lxml our own UTF-8 bytes, whatever the page declared
        huge_tree=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        default_doctype=False,
    )


# ``<html lang="id" … />``: an XHTML habit of some templates (IDN Times up to 2021).  libxml2
# closes that element at once and puts the whole page in a second, sibling ``<html>``, so the root
# it returns is empty and every extractor finds nothing.
_SELF_CLOSED_HTML = re.compile(r"<html\b([^<>]*?)\s*/>", re.I)
# the opening tag sits after a doctype and perhaps comments: only the page's start is searched
_HTML_TAG_SPAN = 4096


def _open_self_closed_html(text: str) -> str:
    """``text`` with a self-closed ``<html … />`` start tag turned into an opening tag."""
    head = text[:_HTML_TAG_SPAN]
    fixed = _SELF_CLOSED_HTML.sub(r"<html\1>", head, count=1)
    return text if fixed == head else fixed + text[_HTML_TAG_SPAN:]


def parse_html(text: str) -> lxml.html.HtmlElement:
    """Text → the ``<html>`` root element; raises :class:`DecodeError` when nothing parses.

    Comments and processing instructions are dropped at parse time: they are never content and
    dropping them here spares every later ``itertext()`` from skipping them.  The text is bounded
    first (:func:`bound_markup`; a no-op on text :func:`decode_html` already bounded).
    """
    text = _open_self_closed_html(bound_markup(text)[0])
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=_parser())
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DecodeError("not_html", f"no HTML could be parsed: {exc}") from None
    if root is None:
        raise DecodeError("not_html", "no HTML could be parsed")
    for script in root.iter("script", "style"):
        # Never article text, but ld+json is read by several hands (kabar's metadata,
        # trafilatura's): a 9 MB headline there took 13 s and 1.3 GB of regex work.
        if script.text and len(script.text) > MAX_SCRIPT_CHARS:
            log.info(
                "a <%s> of %d characters was emptied (over %d)",
                script.tag,
                len(script.text),
                MAX_SCRIPT_CHARS,
            )
            script.text = ""
    return root
