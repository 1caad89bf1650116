"""Compile many regular expressions that embed the same big sub-pattern, parsing it only once.

Every institution pattern of ``institutions.tsv`` embeds the region trie (~600 names, ~5,600
characters of nested groups) once or several times, and ``re.compile`` re-parses it each time:
~30 ms a pattern, 2.5 s for the vocabulary, most of an extraction worker's start-up.  Here the
trie is parsed once; each pattern is parsed with a one-character placeholder where the trie
goes, the trie's parsed form is put in its place, and ``re``'s own code generator compiles the
result.  The compiled code is the same as ``re.compile`` of the written-out pattern (checked,
opcode for opcode, for every institution pattern by ``tests/test_facts_prefilter.py``).

This uses ``re``'s internal parser and code generator (no public API compiles a parsed
pattern); where they are missing or behave unexpectedly, :func:`compile_shared` falls back to
plain ``re.compile`` of the written-out pattern.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

try:  # re's own parser and code generator
    _parser: Any = importlib.import_module("re._parser")
    _compiler: Any = importlib.import_module("re._compiler")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    _parser = importlib.import_module("sre_parse")
    _compiler = importlib.import_module("sre_compile")
    _c = importlib.import_module("sre_constants")

# Private-use characters standing for a shared sub-pattern in a template (never in a pattern of
# the vocabulary files, never in article text that matters: they are only placeholders).
PLACEHOLDERS = "\ue000\ue001\ue002\ue003"


@lru_cache(maxsize=16)
def _parsed(sub_pattern: str, flags: int) -> Any:
    """The parse tree of a shared sub-pattern (once per process); it must hold no group."""
    tree = _parser.parse(sub_pattern, flags)
    if tree.state.groups != 1:  # 1 = group 0, the whole match
        raise ValueError("a shared sub-pattern may not hold groups")
    return tree


def _splice(node: Any, shared: dict[int, Any], state: Any) -> None:
    """Replace every placeholder literal under ``node`` by the items of its shared tree, in place,
    and forget the widths computed while the placeholders stood there."""
    node.width = None
    items = node.data
    k = 0
    while k < len(items):
        op, av = items[k]
        if op is _c.LITERAL and av in shared:
            items[k : k + 1] = list(shared[av].data)
            k += len(shared[av].data)
            continue
        if op is _c.SUBPATTERN:
            _splice(av[-1], shared, state)
            if av[0] is not None:
                state.groupwidths[av[0]] = av[-1].getwidth()
        elif op is _c.BRANCH:
            for alternative in av[1]:
                _splice(alternative, shared, state)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            _splice(av[2], shared, state)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            _splice(av[1], shared, state)
        elif op is _c.ATOMIC_GROUP:
            _splice(av, shared, state)
        elif op is _c.GROUPREF_EXISTS:
            _splice(av[1], shared, state)
            if av[2] is not None:
                _splice(av[2], shared, state)
        k += 1


def parse_shared(template: str, parts: dict[str, str], flags: int = 0) -> Any:
    """The parse tree of ``template`` with each placeholder character (a key of ``parts``)
    standing for the pattern ``parts`` gives it, each of those parsed once per process."""
    tree = _parser.parse(template, flags)
    shared = {ord(ch): _parsed(sub, flags | (tree.state.flags & ~re.UNICODE)) for ch, sub in parts.items()}
    _splice(tree, shared, tree.state)
    return tree


def compile_shared(template: str, parts: dict[str, str], flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` of ``template`` with its placeholders replaced by ``parts``, parsing each
    part once per process (see the module doc).  The result's ``pattern`` attribute is None."""
    try:
        return _compiler.compile(parse_shared(template, parts, flags), flags)
    except Exception:  # re's internals changed: the plain, slower way gives the same regex
        written = template
        for ch, sub in parts.items():
            written = written.replace(ch, sub)
        return re.compile(written, flags)
