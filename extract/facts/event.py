"""The reported event: its type, the day it happened, where, and who held it.

An article mentions many dates, institutions and officials; these functions pick the ones that
belong to the main event.  The main event is told early, in the sentence that holds the event
cue words (ikrar, apel, pakta ...) and the institution or official; background paragraphs
("Sebelumnya, ...") and dates that are not the event (election day, deadlines, a law's year,
anything after publication) are ranked down.  All cue words come from the data files.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from kabar.extract.facts.dates import DateMention, find_dates, resolve
from kabar.extract.facts.institutions import InstitutionMention, find_institutions
from kabar.extract.facts.officials import Official
from kabar.extract.facts.prefilter import LiteralFilter, Spots
from kabar.extract.facts.text import Sentence, paragraphs, sentences
from kabar.extract.facts.vocab import load, words_regex
from kabar.extract.record import EVENT_TYPES, empty_event

_PLACE_FACTOR = {0: 2.0, 1: 1.5}  # paragraph index -> weight; later paragraphs 0.5 up to the 5th
_BACKGROUND_OPENING = re.compile(r"\s*(?:Sebelumnya|Sementara itu|Adapun|Diketahui|Sebagai informasi)\b")
_BACKGROUND_WORD = re.compile(r"\bsebelumnya\b", re.IGNORECASE)


def _background(text: str, p_start: int, s_start: int, s_end: int) -> bool:
    """Is this sentence background: its paragraph opens with "Sebelumnya, ..." and the like,
    or the sentence itself says "sebelumnya"?  (Bounded look-ups: linear in the text.)"""
    return bool(_BACKGROUND_OPENING.match(text, p_start, p_start + 40)) or bool(
        _BACKGROUND_WORD.search(text, s_start, s_end)
    )


_HAPPENING = re.compile(
    r"\b(?:kegiatan|acara|digelar|menggelar|gelar|dilaksanakan|melaksanakan|berlangsung|dipimpin|memimpin|"
    r"dihadiri|diikuti|mengikuti|dibacakan|membacakan|diucapkan|mengucapkan|diteken|menandatangani)\b",
    re.IGNORECASE,
)
_NOT_EVENT_DATE = re.compile(
    r"(?:pemungutan suara|pencoblosan|hari pemilihan|batas waktu|tenggat|hingga|sampai|paling lambat|sejak|"
    r"dimulai|masa pencermatan|jadwal|akan digelar|mendatang)\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)


_PERIOD_AFTER = re.compile(r"\s+(?:hingga|sampai|s\.d\.?)\s", re.IGNORECASE)
# "temuan itu berawal dari patroli pengawasan pada Minggu (7/1)": where the affair began, before
# the reported step (the finding, the sanction)
_ORIGIN_BEFORE = re.compile(r"\b(?:berawal|bermula|awalnya|mulanya)\b[^.;\n]{0,80}$", re.IGNORECASE)


def _paragraph_weight(index: int) -> float:
    return _PLACE_FACTOR.get(index, 0.5 if index < 5 else 0.0)


PLEDGE_TYPES = ("ikrar", "pakta_integritas")


def event_type(text: str, title: str | None, event_sentence: Sentence | None = None,
               pledge: bool | None = None) -> str:  # fmt: skip
    """The best-scoring type from ``event_types.tsv`` cues, else ``lainnya``.

    ``pledge`` (the article's topic) limits the choice: a pledge article's event is an ikrar
    or a pakta integritas; a neutrality article that mentions a pledge (an old one, one
    asked for) reports something else.
    """
    scores = dict.fromkeys(EVENT_TYPES, 0.0)
    zones = [(title or "", 3.0)]
    if event_sentence:
        zones.append((text[event_sentence.start : event_sentence.end], 3.0))
    zones += [(text[a:b], _paragraph_weight(i)) for i, (a, b) in enumerate(paragraphs(text))]
    cues = _event_cue_filter().keep(load().event_cues, text + "\n" + (title or ""))  # in no zone else
    for zone, factor in zones:
        if not factor or not zone:
            continue
        for type_, weight, cue in cues:
            hits = len(cue.findall(zone))
            if hits and type_ in scores:
                scores[type_] += weight * factor * min(hits, 2)
    order = {t: i for i, t in enumerate(EVENT_TYPES)}
    if pledge is not None:
        scores = {t: v for t, v in scores.items() if (t in PLEDGE_TYPES) == pledge}
    best = max(scores, key=lambda t: (scores[t], -order[t]))
    if pledge:
        return best
    vocab = load()
    if best in vocab.speech_types and event_sentence:  # an appeal made at a named gathering
        told = text[event_sentence.start : event_sentence.end]
        occasions = [t for t, cue in vocab.occasion_cues if t in scores and cue.search(told)]
        if occasions:
            best = max(occasions, key=lambda t: (scores[t], -order[t]))
    return best if scores[best] >= 2.0 else "lainnya"


@lru_cache(maxsize=1)
def _event_cue_filter() -> LiteralFilter:
    return LiteralFilter([cue for _, _, cue in load().event_cues])


def hostless(text: str, title: str | None, event: dict) -> bool:
    """Is the event one that no ASN body or official holds (a candidate's campaign rally)?
    Its type is ``lainnya`` and a ``hostless`` cue of ``event_types.tsv`` is in the title or the
    first paragraph; the police chief who secured it is named, but did not lead it.  When the
    lead tells a body acting ("Bawaslu DKI menurunkan 620 pengawas untuk memantau kampanye
    akbar"), that body's work is the news, and the rally only its occasion."""
    if event.get("type") != "lainnya" or lead_actors(text, find_institutions(text)):
        return False
    paras = paragraphs(text)
    lead = text[paras[0][0] : paras[0][1]] if paras else ""
    return any(cue.search(title or "") or cue.search(lead) for cue in load().hostless_cues)


@lru_cache(maxsize=1)
def _event_cue_re() -> re.Pattern[str]:
    cues = [c.pattern for t, _, c in load().event_cues if t not in ("laporan_pelanggaran", "penetapan")]
    return re.compile("|".join(cues), re.IGNORECASE)


@lru_cache(maxsize=1)
def _event_cue_filter_all() -> LiteralFilter:
    """The literal prefilter of the cues of :func:`_event_cue_re`, one by one."""
    return LiteralFilter(
        [c for t, _, c in load().event_cues if t not in ("laporan_pelanggaran", "penetapan")]
    )


@lru_cache(maxsize=1)
def _event_cue_spots(text: str) -> list[Spots]:
    return [spots for spots in _event_cue_filter_all().spots(text) if spots]


def _event_cue_in(text: str, start: int, end: int) -> bool:
    """``_event_cue_re().search(text[start:end])``, not tried where no cue's first words stand."""
    if not any(spots.within(start, end) for spots in _event_cue_spots(text)):
        return False
    return _event_cue_re().search(text[start:end]) is not None


@lru_cache(maxsize=1)
def _place_re() -> re.Pattern[str]:
    """ "di" + a venue word (places.txt) + the rest of the clause (cut further in Python)."""
    heads = words_regex(load().places).pattern
    return re.compile(
        r"\bdi\s+(?P<loc>" + heads + r"[^.;()\n]{0,150}?)"
        r"(?=\s+(?i:pada|yang|untuk|dengan|dalam|guna|sebagai|oleh|serta|dan|sejak|mulai)\b|\s*[.;(\n]|\s*$)",
        re.IGNORECASE,
    )


_DAY_WORD = re.compile(r"^(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)\b")


def _venue(raw: str) -> str:
    """Keep the venue's comma-separated parts ("Plaza Barat, Kantor Wali Kota Jakut, Jalan ...")
    while they read as place names: capitalised, short, not a day, not a person's title."""
    parts = [p.strip() for p in raw.split(",")]
    kept = [parts[0]]
    titles = load().titles
    for part in parts[1:]:
        words = part.split()
        if (
            not words
            or not words[0][:1].isupper()
            or _DAY_WORD.match(part)
            or len(words) > 6
            or words[0].lower() in titles
            or any(w[:1].islower() and w not in ("dan", "di") for w in words)
        ):
            break
        kept.append(part)
    return ", ".join(kept).strip(" ,")


def find_location(text: str, sentence: Sentence | None, all_sentences: Sequence[Sentence]) -> str | None:
    """The venue ("halaman Kantor Imigrasi Cilacap") in the event sentence, else the first cue one."""
    cue_sentences = [s for s in all_sentences[:8] if _event_cue_in(text, s.start, s.end)]
    for s in ([sentence] if sentence else []) + cue_sentences:
        m = _place_re().search(text, s.start, s.end)
        if m:
            location = _venue(m.group("loc"))
            if len(location.split()) >= 2:
                return location
    return None


def _sentence_of(all_sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    i = bisect_right([s.start for s in all_sentences], offset) - 1
    if i >= 0 and all_sentences[i].start <= offset < all_sentences[i].end:
        return all_sentences[i]
    return None


_QUOTE_MARKS = re.compile(r"[\"“”]")


def _quoted(text: str, paragraph_start: int, offset: int) -> bool:
    """Is ``offset`` inside a direct quote (an odd number of quote marks before it in its
    paragraph)?"""
    return len(_QUOTE_MARKS.findall(text, paragraph_start, offset)) % 2 == 1


def choose_date(text: str, published: date | None, all_sentences: Sequence[Sentence],
                anchors: list[int]) -> tuple[DateMention | None, Sentence | None]:  # fmt: skip
    """The mention naming the event day: early, beside the event cues, not after publication.

    ``anchors`` are offsets of the main institution/official mentions: a date in their
    sentence is more likely the event's.
    """
    best, best_score, best_sentence = None, float("-inf"), None
    paras = paragraphs(text)
    sentence_scores: dict[int, float] = {}  # what a sentence adds, computed once per sentence

    def sentence_score(sentence: Sentence) -> float:
        if sentence.index not in sentence_scores:
            body = text[sentence.start : sentence.end]
            score = 2.0 if _event_cue_in(text, sentence.start, sentence.end) else 0.0
            score += 1.0 if _HAPPENING.search(body) else 0.0
            score += 1.0 if any(sentence.start <= a < sentence.end for a in anchors) else 0.0
            score += 0.5 if re.search(r"\bdi\s+\w", body) else 0.0
            score -= min(sentence.paragraph, 10) * 0.3
            score += 1.5 if sentence.index == 0 else 0.0  # the lead sentence tells the news
            if _background(text, paras[sentence.paragraph][0], sentence.start, sentence.end):
                score -= 3.0
            sentence_scores[sentence.index] = score
        return sentence_scores[sentence.index]

    for mention in find_dates(text):
        sentence = _sentence_of(all_sentences, mention.start)
        score = {"short": 3.0, "long": 1.0, "day": -1.0, "relative": 0.5}[mention.form]
        if mention.form == "relative" and mention.text.lower().startswith("hari"):
            score -= 1.0  # "hari ini" is as often "nowadays" or a deadline ("mulai hari ini")
        if mention.day_name:
            score += 1.0
        score += sentence_score(sentence) if sentence else -3.0
        if _NOT_EVENT_DATE.search(text[max(0, mention.start - 60) : mention.start]):
            score -= 4.0
        if sentence and _quoted(text, paras[sentence.paragraph][0], mention.start):
            score -= 2.0  # a day a speaker recalls ('"SK-nya diteken Jumat (8/3) lalu," kata ...')
        if _ORIGIN_BEFORE.search(text, max(0, mention.start - 90), mention.start):
            score -= 2.0
        if _PERIOD_AFTER.match(text, mention.end):
            score -= 3.0  # "dimulai hari ini hingga 10 Februari": a period's start, not the event
        if mention.is_range:
            score -= 1.0
        start, _, _ = resolve(mention, published, precise=False)
        if start and published:
            delta = (start - published).days
            if delta > 1:
                score -= 5.0  # after publication: a deadline or election day, not the event
            elif delta < -45:
                score -= 2.0  # long before publication: background
        if score > best_score:
            best, best_score, best_sentence = mention, score, sentence
    return best, best_sentence


def build_event(text: str, title: str | None, published: date | None, anchors: list[int],
                pledge: bool | None = None) -> dict:  # fmt: skip
    """The ``event`` dict of a record (``pledge``: the topic, see :func:`event_type`)."""
    event = empty_event()
    all_sentences = sentences(text)
    mention, sentence = choose_date(text, published, all_sentences, anchors)
    event["type"] = event_type(text, title, sentence, pledge)
    if mention:
        start, end, weekday_ok = resolve(mention, published, precise=True)
        event["date_text"] = mention.text.strip()
        if start:
            event["date"] = start.isoformat()
            event["date_start"] = start.isoformat()
            event["date_end"] = (end or start).isoformat()
            event["weekday_ok"] = weekday_ok
    if sentence is None:
        sentence = next((s for s in all_sentences if _event_cue_in(text, s.start, s.end)), None)
    event["location"] = find_location(text, sentence, all_sentences)
    if sentence:
        event["start"], event["end"] = sentence.start, sentence.end
    return event


# buildings named after the body in them: evidence of the institution, never one of its names
_VENUE = re.compile(
    r"(?:Balai ?[Kk]ota|Kantor (?:Wali ?[Kk]ota|Bupati|Gubernur|Camat|Lurah)|Pemerintahan )\b"
)
_VENUE_BEFORE = re.compile(r"\b(?:Gedung|Pusat|Kompleks|Kawasan|Komplek|Plaza|Menara|Wisma)\s+$")


def _body_key(name: str) -> tuple[str, ...]:
    """One key for the names of one body, the words for its administrative level aside
    ("Kantor Imigrasi Kelas I TPI Bandung" = "Kantor Imigrasi Bandung")."""
    level = {"provinsi", "administrasi", "kelas", "i", "ii", "iii", "ia", "ib", "iia", "iib", "iiia", "iiib",
             "tpi", "non", "khusus"}  # fmt: skip
    name = re.sub(r"\bpemilihan umum\b", "pemilu", name.lower())  # one word, two spellings
    return tuple(w for w in name.split() if w not in level)


# a body named in the lead sentence right before its verb ("Pemkot X (Pemkot) menggelar ...",
# "Bawaslu X menemukan ...") is the one acting: it weighs more than the unit of an official quoted.
# "A bersama B dan C menggelar ...": A acts, B and C join it ("bersama" is no verb here)
_ACTS = re.compile(r"(?:\s*\([^()]{1,40}\))?\s+(?!bersama\b|beserta\b)(?:me|ber)[a-z]{3,}\b")
_ACTS_WITH = re.compile(r"(?:\s*\([^()]{1,40}\))?\s+(?:bersama|beserta)\s+(?:dengan\s+)?[A-Z]")
LEAD_SUBJECT = 6.0


def lead_actors(text: str, mentions: Sequence[InstitutionMention]) -> list[InstitutionMention]:
    """The bodies acting in the lead sentence: the one right before its verb, or the first of
    "A bersama B dan C menggelar ..." (then B and C, which only join it, are not actors)."""
    lead = sentences(text)[:1]
    lead_end = lead[0].end if lead else 0
    actors: list[InstitutionMention] = []
    joined_until = -1  # "A bersama B dan C <verb>": B and C stand before this offset
    for m in mentions:
        if m.end > lead_end:
            break
        if m.start < joined_until:
            continue
        if _ACTS_WITH.match(text, m.end):
            verb = _ACTS.search(text, m.end, lead_end)
            if verb:
                actors.append(m)
                joined_until = verb.start() + 1
            continue
        if _ACTS.match(text, m.end):
            actors.append(m)
    return actors


def choose_institution(text: str, title: str | None, main: Official | None) -> tuple[dict | None, str | None]:
    """The organisation holding the event: early, in the title, agreeing with the main official.

    Also the name the text gives the main official's unit when that unit is the chosen body
    (else None): the caller sets it on the official; nothing passed in is changed here.
    """
    mentions = find_institutions(text)
    title_mentions = find_institutions(title) if title else []
    paras = paragraphs(text)
    actors = {id(m) for m in lead_actors(text, mentions)}
    scores: dict[tuple[str, ...], float] = {}
    groups: dict[tuple[str, ...], list[InstitutionMention]] = {}

    def paragraph_of(offset: int) -> int:
        return next((i for i, (a, b) in enumerate(paras) if a <= offset <= b), 99)

    for m in mentions:
        p = paragraph_of(m.start)
        weight = _paragraph_weight(p) or 0.2
        if p < len(paras) and _background(text, paras[p][0], max(paras[p][0], m.start - 200), m.start):
            weight *= 0.3
        if m.kind in ("bawaslu", "kpu", "kasn"):
            weight *= 0.5  # the referee, more often quoted than holding the event
        key = _body_key(m.name)
        if id(m) in actors:
            weight += LEAD_SUBJECT  # "Pemkot Palembang menjatuhkan ...": the lead's actor
        scores[key] = scores.get(key, 0.0) + weight
        groups.setdefault(key, []).append(m)
    for m in title_mentions:
        key = _body_key(m.name)
        # a headline's name counts fully only when the body names the body too ("Desa Jelang"
        # in "... Kepala Desa Jelang Pilkada" is the headline's wording, not an institution)
        scores[key] = scores.get(key, 0.0) + (3.0 if key in groups else 0.5)
        groups.setdefault(key, []).append(m)
    if main and main.institution:
        key = _body_key(main.institution)
        scores[key] = scores.get(key, 0.0) + 4.0
    if not scores:
        return None, None
    _merge_levels(scores, groups)
    in_body = {id(m) for m in mentions}  # (identity: title mentions are equal-looking copies)
    first = {k: min((m.start for m in g if id(m) in in_body), default=10**9) for k, g in groups.items()}
    best = max(scores, key=lambda k: (scores[k], -first.get(k, 10**9)))
    seen = groups.get(best, [])
    in_text = sorted((m for m in seen if id(m) in in_body), key=lambda m: m.start)
    # the fullest of the names the text gives the body ("... Kelas I TPI Bandung")
    names = [m.name for m in in_text] or [m.name for m in seen] or [(main.institution if main else "") or ""]
    name = max(names, key=len)
    unit = None
    if main and main.institution and _body_key(main.institution) == best:
        unit = name  # the official's unit, named as the text names it
    written: list[str] = []
    venues: list[str] = []  # "Balai Kota Depok", "Gedung Pusat Pemerintahan Kota ...": buildings, not names
    for m in in_text + [m for m in seen if id(m) not in in_body]:
        before = text[max(0, m.start - 25) : m.start] if id(m) in in_body else ""
        venue = _VENUE.match(m.text) or _VENUE_BEFORE.search(before)
        for form in (m.text, m.short_form):
            if form and form not in written and form != name:
                (venues if venue else written).append(form)
    # the short form as written ("Pemkot Jakut"), else one read from a bracket ("Pemerintah
    # Kota (Pemkot) Bekasi" -> "Pemkot Bekasi"), else the first other way the text names it
    literal = [m.short_form for m in in_text if m.short_form and m.short_form == m.text]
    bracketed = next((m.short_form for m in in_text + seen if m.short_form), None)
    others = written or venues
    short = next(iter(literal), None) or bracketed or (others[0] if others else None)
    kind = next((m.kind for m in seen), None) or _kind_of(name)
    return {
        "name": name,
        "short": short,
        "kind": kind,
        "aliases": written,
        "start": in_text[0].start if in_text else None,
        "end": in_text[0].end if in_text else None,
    }, unit


_LEVEL_OR_UNIT = {"kota", "kabupaten", "sekretariat"}


def _merge_levels(scores: dict[tuple[str, ...], float], groups: dict[tuple[str, ...], list]) -> None:
    """One body named with and without its level ("Bawaslu Sigi", "Bawaslu Kabupaten Sigi"),
    or as a unit inside it ("Sekretariat DPRD Kota Samarinda" within "DPRD Kota Samarinda"):
    the bare name's score goes to the fuller name, which is the one reported."""

    def one_more(key: tuple[str, ...], other: tuple[str, ...]) -> bool:  # "Bawaslu (Kabupaten) Sigi"
        return len(other) == len(key) + 1 and any(
            other[:i] + other[i + 1 :] == key and other[i] in _LEVEL_OR_UNIT for i in range(len(other))
        )

    def placed(key: tuple[str, ...], other: tuple[str, ...]) -> bool:  # "... Tirta Moedal (Kota Semarang)"
        if not (len(key) < len(other) <= len(key) + 4 and other[: len(key)] == key):
            return False
        # a numbered unit and the same with its city ("Lantamal VI" / "Lantamal VI Makassar"); a bare
        # name ("Bawaslu") may be another body than the one with a place ("Bawaslu Jateng")
        numbered = bool(re.fullmatch(r"[ivx]+|\d+", key[-1]))
        return other[len(key)] in ("kota", "kabupaten") or (
            numbered and " ".join(other[len(key) :]) in load().regions
        )

    for key in sorted(scores, key=len):
        fuller = [other for other in scores if one_more(key, other) or placed(key, other)]
        if len(fuller) == 1 and key in scores:
            scores[fuller[0]] += scores.pop(key)
            groups.setdefault(fuller[0], []).extend(groups.pop(key, []))


def _kind_of(name: str) -> str | None:
    mentions = find_institutions(name)
    return mentions[0].kind if mentions else None


# who stands where around the event: the person present on behalf of someone leads ("Sekda X,
# mewakili Bupati Y, memimpin ..."; "Bupati Y yang diwakili Sekda X"); whoever only read the
# text aloud or witnessed it does not
_REPRESENTED_BEFORE = re.compile(r"\b(?:mewakili|atas nama)\s+$", re.IGNORECASE)
_REPRESENTED_AFTER = re.compile(r"^[\s,]*(?:yang\s+)?(?:diwakili|berhalangan)", re.IGNORECASE)
_LEADS_BEFORE = re.compile(
    r"\b(?:dipimpin|diwakili|dikomandoi|dipandu)(?:\s+langsung)?(?:\s+oleh)?\s+$", re.IGNORECASE
)
_LEADS_AFTER = re.compile(
    r"^[^.\n\"“”]{0,40}?\b(?:memimpin|pimpin|mewakili|selaku pembina|bertindak sebagai pembina)\b",
    re.IGNORECASE,
)
_NOT_LEADER_BEFORE = re.compile(
    r"\b(?:dibacakan|dibaca|disaksikan|dihadiri|didampingi|diikuti)(?:\s+(?:oleh|pula))?\s+$", re.IGNORECASE
)
_NOT_LEADER_AFTER = re.compile(
    r"^[\s,]*(?:yang\s+)?(?:turut\s+)?(?:menyaksikan|hadir menyaksikan)\b", re.IGNORECASE
)
# between two names of one list ("dihadiri Kapolsek X, S.H., Danramil Y serta Camat Z"): commas,
# "dan"/"serta", degrees and ranks, no clause
_SAME_LIST = re.compile(r"(?:[\s,;]|(?:dan|serta|beserta)\b|[A-Z][\w.]{0,7}(?![\w.]))*")  # one way to read
LIST_GAP = 40  # at most this many characters between two names of one list
LEADER_PARAGRAPHS = 4  # the leader is named in the lead, not in paragraph 9


def choose_main_official(text: str, officials: list[Official]) -> Official | None:
    """Who led the event: the first official said to lead it ("dipimpin oleh", "memimpin",
    present "mewakili" someone) in the first paragraphs, else the first official named outside
    a background paragraph ("Sebelumnya, ...") who is not only represented, a reader or a
    witness."""
    paras = paragraphs(text)
    candidates: list[Official] = []
    present: list[Official] = []  # named as attending, reading or witnessing
    # the end of the last name in a list of attendees ("dihadiri A, B serta C": all three attend)
    attending_until = -1
    for official in sorted(officials, key=lambda o: o.start):
        p_index = next((i for i, (a, b) in enumerate(paras) if a <= official.start <= b), 0)
        p_start = paras[p_index][0] if paras else 0
        if _background(text, p_start, max(p_start, official.start - 200), official.start):
            continue
        before = text[max(0, official.start - 30) : official.start]
        after = text[official.end : official.end + 80]
        if _REPRESENTED_BEFORE.search(before) or _REPRESENTED_AFTER.match(after):
            continue
        listed = 0 <= official.start - attending_until <= LIST_GAP and bool(
            _SAME_LIST.fullmatch(text, attending_until, official.start)
        )
        if listed or _NOT_LEADER_BEFORE.search(before) or _NOT_LEADER_AFTER.match(after):
            attending_until = official.end
            present.append(official)
            continue
        attending_until = -1
        if p_index < LEADER_PARAGRAPHS and (_LEADS_BEFORE.search(before) or _LEADS_AFTER.match(after)):
            return official
        candidates.append(official)
    if candidates:
        return min(candidates, key=lambda o: officials.index(o))
    if present:  # everyone named only attended: the first named, in protocol order
        return present[0]
    return officials[0] if officials else None
