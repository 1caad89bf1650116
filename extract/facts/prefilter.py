"""Cheap literal tests in front of big regular expressions, with results identical to the plain regex.

The facts layer runs ~85 institution patterns (each embedding the ~600-name region trie) and
dozens of cue patterns over every article.  Python's ``re`` finds no literal prefix in them (each
starts with a look-behind), so every pattern tries every position of the text, and compiling one
takes ~30 ms (the parse of its trie).  Most patterns can only match where one of a few words
stands ("Pemkot ", "Kantor Imigrasi", "Bawaslu"); this module reads those words from the pattern
and lets ``str.find`` (a C ``memchr`` scan) say where to try, and compiles a pattern only when a
text first holds one of them.

* :func:`literal_prefixes`: the strings every match of a pattern must begin with, read from the
  pattern's parse tree (the standard library has no public API for it; ``re``'s own parser is
  used, so the reading follows ``re``'s grammar exactly).  ``None`` when it cannot tell;
* :class:`LazyPattern`: ``re.compile`` deferred to first use;
* :func:`finditer`: ``regex.finditer(text)`` tried only at the positions where a prefix occurs:
  the same matches, in the same order (a match can start nowhere else, and after a match the
  search resumes at its end either way);
* :func:`any_search`: does any of several patterns match a string (one union regex instead of
  one search per pattern), for "skip this sentence, no cue can score in it".
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from kabar.extract.facts.shared_compile import compile_shared

try:  # re's own parser (no public API exposes a parse tree)
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    _parser = importlib.import_module("sre_parse")
    _c = importlib.import_module("sre_constants")

T = TypeVar("T")
MAX_PREFIX_CHARS = 24  # a longer prefix would not make str.find any more selective
MAX_PREFIXES = 64  # more alternatives than this: scanning for each costs more than the regex
MAX_CLASS = 4  # a character class of up to this many literals ("[Kk]") forks the prefixes


class _Unknown(Exception):
    """The pattern may match text that begins with no literal this module can name."""


def _walk(items: Sequence, prefix: str, out: set[str]) -> None:
    """Add to ``out`` the literal prefixes of matches of the parsed ``items`` after ``prefix``."""
    for k, (op, av) in enumerate(items):
        if len(prefix) >= MAX_PREFIX_CHARS or len(out) > MAX_PREFIXES:
            break
        rest = items[k + 1 :]
        if op is _c.LITERAL:
            prefix += chr(av)
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: consumes nothing
        elif op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av[0], av[1], av[2], av[-1]
            if add_flags or del_flags:  # "(?i:...)": its letters may be of either case
                break
            _walk([*sub, *rest], prefix, out)
            return
        elif op is _c.BRANCH:
            for alternative in av[1]:
                _walk([*alternative, *rest], prefix, out)
            return
        elif op is _c.IN and 0 < len(av) <= MAX_CLASS and all(o is _c.LITERAL for o, _ in av):
            for _, code in av:
                _walk(rest, prefix + chr(code), out)
            return
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0:
            _walk(rest, prefix, out)  # the optional part left out ...
            _walk(av[2], prefix, out)  # ... or taken (what follows it is not read)
            return
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            _walk(av[2], prefix, out)  # at least once: its own first literals
            return
        else:
            break
    if not prefix:
        raise _Unknown
    out.add(prefix)


def literal_prefixes(pattern: str, flags: int = 0, *, ignore_case: bool = False) -> tuple[str, ...] | None:
    """The shortest set of non-empty strings one of which begins every match of ``pattern``,
    or ``None`` (a match may begin with a class, a wildcard, case-insensitive letters ...).
    ``ignore_case``: a case-insensitive pattern gets its prefixes as written (the caller
    compares them case-folded)."""
    try:
        tree = _parser.parse(pattern, flags)
        if tree.state.flags & re.IGNORECASE and not ignore_case:
            return None
        found: set[str] = set()
        _walk(list(tree), "", found)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    if not found or len(found) > MAX_PREFIXES:
        return None
    # "KPU" already finds every place "KPUD" could: keep the shortest
    kept = [p for p in sorted(found, key=len) if not any(p.startswith(q) and p != q for q in found)]
    return tuple(sorted(kept))


class LazyPattern:
    """A regular expression compiled on first use (most institution patterns never are in a
    given run: their words occur in no article), with the :class:`re.Pattern` methods the facts
    rules call."""

    __slots__ = ("pattern", "flags", "_template", "_parts", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, *, template: str | None = None,
                 parts: dict[str, str] | None = None):  # fmt: skip
        """``template`` and ``parts``: ``pattern`` written with placeholders for shared
        sub-patterns, compiled by :func:`extract.facts.shared_compile.compile_shared`."""
        self.pattern = pattern
        self.flags = flags
        self._template = template
        self._parts = parts or {}
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            if self._template is None:
                self._compiled = re.compile(self.pattern, self.flags)
            else:
                self._compiled = compile_shared(self._template, self._parts, self.flags)
        return self._compiled

    def finditer(self, string: str, pos: int = 0, endpos: int = 2**62) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    @property
    def groupindex(self):
        return self.compiled.groupindex


def _positions(text: str, prefixes: Iterable[str]) -> list[int]:
    """Every offset where one of ``prefixes`` begins, ascending."""
    found: set[int] = set()
    for prefix in prefixes:
        i = text.find(prefix)
        while i >= 0:
            found.add(i)
            i = text.find(prefix, i + 1)
    return sorted(found)


def finditer(
    regex: re.Pattern[str] | LazyPattern, prefixes: Sequence[str] | None, text: str
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, tried only where one of ``prefixes`` (every match's possible
    beginnings, :func:`literal_prefixes`) occurs; without prefixes, the plain ``finditer``.
    The regex is not even compiled for a text holding none of them."""
    if prefixes is None:
        yield from regex.finditer(text)
        return
    end = 0
    for i in _positions(text, prefixes):
        if i < end:
            continue  # inside the previous match: finditer resumes after it
        m = regex.match(text, i)  # look-behinds still see the text before i
        if m is not None:
            yield m
            end = m.end()


# Characters outside ASCII that ``re.IGNORECASE`` equates with an ASCII letter (DOTLESS I, LONG S,
# KELVIN SIGN) or whose ``str.lower()`` holds one (CAPITAL I WITH DOT ABOVE): in a text without
# them, a case-insensitive ASCII literal occurs exactly where its lower case occurs in
# ``text.lower()`` (tests/test_facts_prefilter.py checks this list against every code point).
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_FOLDS_TO_ASCII = re.compile(f"[{FOLDS_TO_ASCII}]")


class LiteralFilter:
    """Which of a fixed list of patterns may match somewhere in a text: those one of whose
    literal prefixes occurs in it (in lower case, for a pattern that ignores case).  A pattern
    without known prefixes always may.  A pattern that may not match in a text matches in no
    part of it either: zones cut from one text need only the patterns its filter lets through."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]):
        self._needs: list[tuple[bool, tuple[str, ...] | None]] = []
        for p in patterns:
            folded = bool(p.flags & re.IGNORECASE)
            prefixes = literal_prefixes(p.pattern, p.flags, ignore_case=True)
            if prefixes is not None and folded:
                prefixes = (
                    tuple({x.lower() for x in prefixes}) if all(x.isascii() for x in prefixes) else None
                )
            self._needs.append((folded, prefixes))

    def may_match(self, text: str) -> list[bool]:
        """One flag per pattern: False only where the pattern cannot match anywhere in ``text``."""
        lower = None if _FOLDS_TO_ASCII.search(text) else text.lower()
        flags = []
        for folded, prefixes in self._needs:
            if prefixes is None or (folded and lower is None):
                flags.append(True)
            else:
                haystack = lower if folded else text
                flags.append(any(p in haystack for p in prefixes))  # type: ignore[operator]
        return flags

    def keep(self, items: Sequence[T], text: str) -> list[T]:
        """The ``items`` (one per pattern, in order) whose pattern may match in ``text``."""
        return [item for item, ok in zip(items, self.may_match(text), strict=True) if ok]

    def spots(self, text: str) -> list[Spots]:
        """One :class:`Spots` per pattern: where in ``text`` its prefixes stand."""
        # without the exceptions, text.lower() has text's length and offsets (one char for one)
        lower = None if _FOLDS_TO_ASCII.search(text) else text.lower()
        found = []
        for folded, prefixes in self._needs:
            if prefixes is None or (folded and lower is None):
                found.append(Spots([], anywhere=True))
                continue
            haystack = lower if folded else text
            spans = []
            for prefix in prefixes:
                i = haystack.find(prefix)  # type: ignore[union-attr]
                while i >= 0:
                    spans.append((i, i + len(prefix)))
                    i = haystack.find(prefix, i + 1)  # type: ignore[union-attr]
            found.append(Spots(sorted(spans)))
        return found


class Spots:
    """Where one pattern's literal prefixes stand in one text.  The pattern can match in a part
    ``text[start:end]`` only where one of them lies wholly inside it (:meth:`within`)."""

    __slots__ = ("_starts", "_ends", "anywhere")

    def __init__(self, spans: list[tuple[int, int]], anywhere: bool = False):
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]
        self.anywhere = anywhere  # no prefixes known: it may match in any part

    def __bool__(self) -> bool:
        return self.anywhere or bool(self._starts)

    def within(self, start: int, end: int) -> bool:
        """May the pattern match in ``text[start:end]``?"""
        if self.anywhere:
            return True
        k = bisect_left(self._starts, start)
        while k < len(self._starts) and self._starts[k] < end:
            if self._ends[k] <= end:
                return True
            k += 1
        return False


_JOINABLE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


def union(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One regex that matches wherever any of ``patterns`` does (each keeps its own flags), or
    ``None`` when they cannot be joined (a group name twice, back-references, verbose flags)."""
    parts = []
    for p in patterns:
        if p.flags & ~_JOINABLE_FLAGS or _BACKREF.search(p.pattern):
            return None  # a verbose pattern, or a back-reference that would count other groups
        flags = "i" if p.flags & re.IGNORECASE else ""
        flags += "m" if p.flags & re.MULTILINE else ""
        flags += "s" if p.flags & re.DOTALL else ""
        parts.append(f"(?{flags}:{p.pattern})" if flags else f"(?:{p.pattern})")
    if not parts:
        return None
    try:
        return re.compile("|".join(parts))
    except re.error:  # a group name used by two patterns
        return None


def any_search(joined: re.Pattern[str] | None, text: str) -> bool:
    """Can any pattern joined by :func:`union` match in ``text``?  (True when not joined.)"""
    return joined is None or joined.search(text) is not None
