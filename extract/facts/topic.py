"""What an article is about: a pledge held as an event, ASN neutrality news, or other news.

The crawl fetches whatever a site lists, so most articles are ordinary news.  Only ``pledge`` and
``neutrality`` articles are events of the dataset; ``other`` articles keep their officials but
get no event, institution, main official or pledge points.

The score is a sum of cue hits (``extract/data/topic_cues.tsv``) weighted by where they stand:
the headline and the lead decide what a news article is about.  A pledge word in a sentence that
puts it outside the reported event ("ikrar tahun lalu", "ASN diminta menandatangani pakta
integritas", "akan menggelar ikrar") counts as neutrality news, not as a pledge.  The
confidence grows with the distance of the winning score from its threshold.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from kabar.extract.facts.prefilter import LiteralFilter, Spots
from kabar.extract.facts.text import sentences
from kabar.extract.facts.vocab import _rows

PLEDGE_THRESHOLD = 4.0  # one pledge word in the lead (3 x 2) is enough, one in paragraph 6 is not
NEUTRALITY_THRESHOLD = 4.5
_TITLE_FACTOR = 3.0
LEAD_CHARS = 700  # the opening, however many short lines (captions, "Home / Daerah") precede the lead


def _place_factor(paragraph: int) -> float:
    return {0: 2.0, 1: 1.5}.get(paragraph, 0.7 if paragraph < 5 else 0.3)


@dataclass(frozen=True)
class Topic:
    topic: str  # pledge | neutrality | other
    confidence: float
    pledge: float  # the scores, kept for the event-type choice and for debugging
    neutrality: float


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[tuple[float, re.Pattern[str]]]]:
    groups: dict[str, list[tuple[float, re.Pattern[str]]]] = {
        "pledge": [], "neutrality": [], "not_now": [], "past": [], "recall": []
    }  # fmt: skip
    for group, weight, cue, *_ in _rows("topic_cues.tsv", 3):
        if group not in groups:
            raise ValueError(f"topic_cues.tsv: bad group {group!r} (pledge/neutrality/not_now/past/recall)")
        flags = 0 if re.fullmatch(r"[A-Z|()?:]+", cue) else re.IGNORECASE  # acronym rows: case matters
        groups[group].append((float(weight), re.compile(r"(?<![\w-])(?:" + cue + r")(?![\w-])", flags)))
    return groups


@lru_cache(maxsize=1)
def _cue_filters() -> dict[str, LiteralFilter]:
    return {group: LiteralFilter([cue for _, cue in cues]) for group, cues in _cues().items()}


def _cues_in(text: str) -> dict[str, list[tuple[float, re.Pattern[str]]]]:
    """The cues that can match somewhere in ``text`` (a speed-up: no other can score in it)."""
    filters = _cue_filters()
    return {group: filters[group].keep(cues, text) for group, cues in _cues().items()}


Located = dict[str, list[tuple[Spots, tuple[float, re.Pattern[str]]]]]


def _cues_located(text: str) -> Located:
    """Each cue with the places of its first words in ``text`` (cues standing nowhere left out)."""
    filters = _cue_filters()
    return {
        group: [(spots, cue) for spots, cue in zip(filters[group].spots(text), cues, strict=True) if spots]
        for group, cues in _cues().items()
    }


def _cues_within(located: Located, start: int, end: int) -> dict[str, list[tuple[float, re.Pattern[str]]]]:
    """The cues that can match in ``text[start:end]`` (a speed-up: no other can score in it)."""
    return {
        group: [cue for spots, cue in items if spots.within(start, end)] for group, items in located.items()
    }


def _score(zone: str, factor: float, cues: dict[str, list[tuple[float, re.Pattern[str]]]] | None = None,
           held_off: bool = False) -> tuple[float, float, bool | None]:  # fmt: skip
    """(pledge, neutrality) points of one sentence or headline (``cues``: those that can match
    in it, from :func:`_cues_in` or :func:`_cues_within`; else all), and whether its pledge cue
    was held off as a past pledge (None: no pledge cue).  ``held_off``: the previous pledge
    sentence was; a sentence pointing back at that pledge ("isi ikrar itu") is held off with it."""
    cues = _cues() if cues is None else cues
    pledge = sum(w for w, cue in cues["pledge"] if cue.search(zone))
    neutral = sum(w for w, cue in cues["neutrality"] if cue.search(zone))
    if not pledge:
        return 0.0, neutral * factor, None
    past = any(cue.search(zone) for _, cue in cues["past"]) or (
        held_off and any(cue.search(zone) for _, cue in cues["recall"])
    )
    if past or any(cue.search(zone) for _, cue in cues["not_now"]):
        return 0.0, (neutral + pledge) * factor, past
    return pledge * factor, (neutral + pledge) * factor, False


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def classify(text: str, title: str | None) -> Topic:
    """The topic of one article body (paragraphs separated by ``\\n``) and its headline."""
    pledge, neutral, held = _score(title or "", _TITLE_FACTOR, _cues_in(title or ""))
    held_off = bool(held)
    in_lead = pledge > 0
    located = _cues_located(text)
    for sentence in sentences(text):
        factor = _place_factor(sentence.paragraph)
        cues = _cues_within(located, sentence.start, sentence.end)
        p, n, held = _score(text[sentence.start : sentence.end], factor, cues, held_off)
        held_off = held_off if held is None else held
        pledge += p
        neutral += n
        in_lead = in_lead or (p > 0 and (sentence.paragraph < 2 or sentence.start < LEAD_CHARS))
    if pledge >= PLEDGE_THRESHOLD and in_lead:
        topic, margin = "pledge", (pledge - PLEDGE_THRESHOLD + 1) / 3
    elif neutral >= NEUTRALITY_THRESHOLD:
        topic = "neutrality"
        margin = min(neutral - NEUTRALITY_THRESHOLD + 1, PLEDGE_THRESHOLD - pledge) / 3
    else:
        topic, margin = "other", (NEUTRALITY_THRESHOLD - neutral) / 3
    confidence = round(max(0.5, _sigmoid(margin)), 2)
    return Topic(topic, confidence, round(pledge, 2), round(neutral, 2))
