"""Newsroom furniture rules shared by every extraction route (site modules and the generic
extractor), read from the data files in ``extract/data``:

* ``noise_prefixes.txt``: a short block or a line starting with one of these is not article text
  ("Baca juga:", "Artikel lainnya:", "Editor:", "Simak video …");
* ``noise_lines.txt``, ``noise_glued.txt``, ``noise_inline.txt``: whole lines, markers glued to a
  sentence's end and fragments inside a line (used by :func:`extract.generic.strip_noise`).

Kept apart from :mod:`extract.generic` so a site module's body cleanup (:mod:`extract.sites.base`)
uses the same rules without loading trafilatura.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kabar.extract.metadata import load_lines

# the blocks a noise prefix condemns whole when they are short (a label and its links)
_SHORT_BLOCK_TAGS = ("p", "div", "li", "h2", "h3", "h4", "h5", "table", "blockquote", "section", "aside")
_MAX_NOISE_BLOCK_CHARS = 300
_SKIP_TEXT_TAGS = frozenset(("script", "style", "noscript", "template"))
_LEAD_PUNCT = " \t\r\n\xa0-–—•*·|:[()\"'“”"


def is_small(el: Any, limit: int) -> bool:
    """True when ``el`` holds fewer than ``limit`` characters of text (stops counting early)."""
    total = 0
    for text in el.itertext():
        total += len(text.strip())
        if total >= limit:
            return False
    return True


def prefixed_blocks(tree: Any, *, linked_only: bool = False) -> list[Any]:
    """Short blocks whose text starts with a noise prefix ("Baca juga: <a>…</a>", "Artikel
    lainnya:<br><a>Judul</a><br><a>Judul</a>"): the label and the links it introduces go together.
    With ``linked_only``, only blocks holding a link (a cross-link box): a site module's byline
    lines ("Penulis: …") stay in its text, where the writer and editor are read from them.

    Checked in Python on each text node once: the XPath equivalent re-evaluates
    ``normalize-space(.)`` per prefix and costs 200–400 ms on a big page.
    """
    prefix_re = noise_rules()[0]
    initials = _prefix_initials()
    found = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TEXT_TAGS:
            continue
        for text, owner in ((el.text, el), (el.tail, el.getparent())):
            own_text = owner is el
            if not text or owner is None:
                continue
            head = text.lstrip(_LEAD_PUNCT)[:1].lower()
            # the cheap first-letter test skips ~95 % of text nodes before the big regex
            if not head or head not in initials or not prefix_re.match(text.strip()):
                continue
            block = owner
            while block is not None and block.tag not in _SHORT_BLOCK_TAGS:
                block = block.getparent()
            if block is None:
                continue
            if not is_small(block, _MAX_NOISE_BLOCK_CHARS):
                # a story set with <br> in one big block: the label and the links after it
                found.extend(_inline_label_run(el) if own_text else [])
            elif not linked_only or block.find(".//a") is not None:
                found.append(block)
    return found


# a label element ("<strong>Baca Juga:</strong>") is short
_MAX_LABEL_CHARS = 60
_INLINE_TAGS = frozenset(("strong", "b", "em", "i", "span", "font", "u"))


def _inline_label_run(label: Any) -> list[Any]:
    """In a story set with ``<br>`` inside one big block, a cross-link label on a line of its own
    ("<strong>Baca Juga:</strong><br><a>Judul</a><br><br>Story …"): the label, the line breaks and
    the linked headlines right after it, up to the first text outside a link.  Nothing when no
    link follows (the label line alone is dropped as a line later)."""
    if label.tag not in _INLINE_TAGS or len(label.text_content().strip()) > _MAX_LABEL_CHARS:
        return []
    if (label.tail or "").strip():
        return []
    run, links = [label], 0
    sibling = label.getnext()
    while sibling is not None and sibling.tag in ("br", "a"):
        run.append(sibling)
        links += sibling.tag == "a"
        if (sibling.tail or "").strip():
            break
        sibling = sibling.getnext()
    # the <br> that ends the last link's line stays, so the story after it keeps its own line
    while run[-1].tag == "br":
        run.pop()
    return run if links else []


@lru_cache(maxsize=1)
def _prefix_initials() -> frozenset[str]:
    return frozenset(p.lstrip(_LEAD_PUNCT)[:1].lower() for p in load_lines("noise_prefixes.txt"))


@lru_cache(maxsize=1)
def noise_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The compiled rules: line prefixes, whole lines, glued markers, inline fragments."""
    prefixes = sorted(load_lines("noise_prefixes.txt"), key=len, reverse=True)
    prefix_re = re.compile(
        r"[^\w(]{0,4}(?:" + "|".join(_prefix_pattern(p) for p in prefixes) + r")",
        re.I,
    )
    lines_re = re.compile(
        r"\s*(?:" + "|".join(f"(?:{r})" for r in load_lines("noise_lines.txt")) + r")\s*", re.I
    )
    glued_re = re.compile(
        r"(?<=[.!?\"”')\]])\s*(?:" + "|".join(load_lines("noise_glued.txt")) + r").*$",
        re.I,
    )
    inline_re = re.compile("|".join(f"(?:{r})" for r in load_lines("noise_inline.txt")), re.I)
    return prefix_re, lines_re, glued_re, inline_re


def _prefix_pattern(prefix: str) -> str:
    # "Editor :" → r"Editor\s*:" ; a prefix ending in a letter must end at a word boundary
    pattern = r"\s*".join(re.escape(w) for w in prefix.replace(":", " :").split())
    return pattern + (r"(?!\w)" if prefix[-1:].isalnum() else "")
