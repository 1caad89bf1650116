"""Event facts from article text: event date, institution, officials, pledge points, figures.

Entry point: :func:`extract_facts`.  The rules layer (regular expressions and a spaCy
EntityRuler built from the vocabulary files in ``extract/data/``) finds everything; the
statistical NER (:mod:`extract.ner`) is only asked where a title stands without a name the
rules can read, and only when ``use_ner`` is on and the model is installed.

Modules, one per fact: :mod:`.dates`, :mod:`.institutions`, :mod:`.officials`, :mod:`.pledges`,
:mod:`.figures`; :mod:`.event` picks the main event's date, place, institution and official.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from kabar.extract.facts.event import build_event, choose_institution, choose_main_official, hostless
from kabar.extract.facts.figures import find_figures
from kabar.extract.facts.identity import add_identities
from kabar.extract.facts.officials import find_officials
from kabar.extract.facts.pledges import find_pledge_points
from kabar.extract.facts.themes import add_themes
from kabar.extract.facts.topic import classify
from kabar.extract.record import empty_facts
from kabar.extract.wib import JAKARTA as WIB

__all__ = ["extract_facts"]


# Facts are read from the first 50,000 characters (a long news article is ~10,000): the event is
# told early, and pathological pages (a 200,000-character "article") stay fast.  Offsets hold,
# as the text is only cut at the end.
MAX_FACTS_CHARS = 50_000


def _publish_date(published_at: datetime | date | str | None) -> date | None:
    """The publish day (in the article's own time zone, WIB for these sites)."""
    if published_at is None:
        return None
    if isinstance(published_at, str):
        try:
            published_at = datetime.fromisoformat(published_at)
        except ValueError:
            return None
    if isinstance(published_at, datetime):
        if published_at.tzinfo is not None:  # the sites' calendar day is WIB's
            published_at = published_at.astimezone(WIB)
        return published_at.date()
    return published_at


def extract_facts(
    text: str,
    *,
    published_at: datetime | None,
    title: str | None = None,
    use_ner: bool = True,
) -> dict[str, Any]:
    """The event facts of one article body, with the keys of :func:`extract.record.empty_facts`.

    ``text`` is the clean body (paragraphs separated by ``"\\n"``); every ``start``/``end`` is a
    character offset into it.  ``published_at`` gives the year of dates written without one.
    """
    facts = empty_facts()
    if not isinstance(text, str) or not text.strip():
        return facts
    published = _publish_date(published_at)
    text = text[:MAX_FACTS_CHARS]
    topic = classify(text, title)
    facts["topic"], facts["topic_confidence"] = topic.topic, topic.confidence
    officials = find_officials(text, use_ner=use_ner)
    facts["figures"] = find_figures(text)
    if topic.topic == "other":  # ordinary news: its officials, but no event, no pledge
        facts["event"] = None
        facts["officials"] = [o.as_dict() for o in officials]
        add_identities(facts, text)  # person ids
        return facts
    main = choose_main_official(text, officials)
    institution, unit = choose_institution(text, title, main)
    if main and unit is not None:
        main.institution = unit  # the official's unit, as the text names the organiser
    anchors = [o.start for o in officials[:2]]
    if institution and institution["start"] is not None:
        anchors.append(institution["start"])
    facts["event"] = build_event(text, title, published, anchors, pledge=topic.topic == "pledge")
    if hostless(text, title, facts["event"]):  # a campaign rally: no ASN body held it
        main, institution = None, None
    facts["institution"] = institution
    if main:
        ordered = [main] + [o for o in officials if o is not main]
        facts["official"] = main.as_dict()
        facts["officials"] = [o.as_dict() for o in ordered]
    else:
        facts["officials"] = [o.as_dict() for o in officials]
    if topic.topic == "pledge":
        points = find_pledge_points(text, pledge_event=True)
        facts["pledge_points"] = [p for p, _, _ in points]
        facts["pledge_spans"] = [{"start": a, "end": b} for _, a, b in points]
    add_identities(facts, text)  # institution ids and regions, person ids
    add_themes(facts)  # pledge themes
    return facts
