"""Pledge points: each duty of an ikrar or pakta integritas as the article lists it.

Precision over recall: a list is read only after a *cue sentence* holding both a pledge word
(ikrar, pakta integritas, poin ...) and a list cue (antara lain, yakni, terdiri dari, berikut,
a colon ...), all from ``pledge_cues.txt``, and every point must begin the way the duties of a
civil servant do: a negation (tidak, dilarang ...) or an active verb (me-/ber-: menjaga,
menolak, berpartisipasi), after dropping the subject and helper words ("ASN juga harus").
An article that only mentions "penandatanganan pakta integritas" gets no points.

The list is read in one of two shapes:

* lines: the cue sentence ends the paragraph (often with ":"); each following short paragraph
  is one point (``<li>`` items and numbered paragraphs arrive as separate lines);
* prose: the points run on after the cue, over sentences and even paragraphs, as long as each
  sentence reads as a point (or is another cue sentence, "Isi pakta juga menyebutkan, ...").
  They are cut at ";", numbers ("1. ... 2. ..."), ordinal words ("pertama, ... kedua, ...")
  and at "," (", dan", ", serta") when what follows begins like a point ("..., tidak memihak");
  a bare "dan" before "tidak" joins the two sides of one duty ("bersikap netral dan tidak
  memihak").
  A passive after the negation ("tidak dipergunakan untuk ...") explains the point before it
  and is not cut off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from kabar.extract.facts.text import Sentence, paragraphs, sentences
from kabar.extract.facts.vocab import load, words_regex

MAX_POINTS = 15
MAX_POINT_WORDS = 60
_ATTRIBUTION = re.compile(
    r"[,.!?]?\s*[\"”]\s*,?\s*(?:kata|ujar|ucap|jelas|tegas|ungkap|tutur|papar|imbuh|tambah|sebut|tandas|"
    r"pinta|terang|lanjut|katanya|ujarnya|tegasnya|tandasnya|jelasnya|ucapnya|tuturnya|demikian|pungkas|"
    r"pungkasnya|ungkapnya|sebutnya|imbuhnya|tambahnya|paparnya|terangnya|bunyi)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
# list marks: "1.", "(2)", "3)", "a.", "b)", bullets
_NUMBERING = re.compile(
    r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-h][.)](?=\s)|(?:I{1,3}|IV|VI{0,3}|IX|X)[.)](?=\s)|[-–—•*▪·])\s*"
)  # 1. (2) 3) a. b) I. II. bullets
_INLINE_NUMBER = re.compile(
    r"(?:(?<=^)|(?<=[;:,.]\s)|(?<=[;:])|(?<=\sdan\s)|(?<=\sserta\s))\s*\(?(?:\d{1,2}|[a-h])[.)]\s+(?=[A-Za-z])"
)
_SPOKEN_QUOTE = re.compile(
    r"\b(?:mengucapkan|menirukan|membacakan|melafalkan|berseru|serempak)\s*[,:]?\s*[\"“]", re.IGNORECASE
)
_ORDINAL_START = re.compile(r"[\"“]?\s*(?:(?:Pertama|Satu|Kesatu)\s*[,:]|\(?1[.)]\s)", re.IGNORECASE)
# a colon and the first of numbered items right after it ("menyatakan: satu, ...", ": 1) ...")
_NUMBERED_AFTER_COLON = re.compile(r":\s*(?=(?:satu|pertama|kesatu)\s*,|\(?1[.)]\s)", re.IGNORECASE)
_ACTIVE_VERB = re.compile(r"^(?:me[mnr]?|meng|meny|ber|bel|ter)[a-z]{3,}$")


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern[str]]:
    words = load().pledge
    ordinal = "|".join(sorted(words["ordinal"], key=len, reverse=True))
    return {
        "pledge": words_regex(words["pledge"]),
        "pledge_weak": words_regex(words["pledge"] + words.get("pledge_weak", [])),
        "list": words_regex(words["list"]),
        # words dropped from the start of a point, in any order
        "lead": re.compile(
            r"^(?:[\s,:;\"“”'-]+|(?:"
            + "|".join(
                re.escape(w).replace(r"\ ", r"\s+")
                for w in sorted(
                    words["continuation"] + words["subject"] + words["modal"] + words["ordinal"],
                    key=len,
                    reverse=True,
                )
            )
            + r")(?![\w-])|(?:poin|butir)\s+(?:ke-?\w+|"
            + ordinal
            + r")(?![\w-]))",
            re.IGNORECASE,
        ),  # fmt: skip
        "ordinal_sep": re.compile(
            r"(?:[;,.]\s*|\s)(?:dan\s+|serta\s+)?(?:yang\s+)?(?:" + ordinal + r")\s*[,:]\s*", re.IGNORECASE
        ),
        "negation": words_regex(words["negations"]),
        "joined": re.compile(
            r"(?:" + "|".join(map(re.escape, words["joined_negations"])) + r")\b", re.IGNORECASE
        ),
        # "Poin pertama ikrar berbunyi "...".", "Adapun poin kedua, ...": a point named by its number
        "named": re.compile(
            r"\b(?:poin|butir)\s+(?:ke-?\d{1,2}|" + ordinal + r")\b(?P<lead>[^\"“”\n.;:]{0,60}?)"
            r"(?:\s*[,:]\s*|\s+(?:" + "|".join(words["named_link"]) + r")\s*[,:]?\s*)"
            r"(?:[\"“](?P<quoted>[^\"“”\n]{3,400})[\"”]|(?P<bare>[^\"“”\n]{3,400}?)(?=\.(?:\s|$)|\n|$))",
            re.IGNORECASE,
        ),
    }


def _starts_like_point(fragment: str) -> bool:
    """Does the text (subject and helpers already dropped) begin like an ASN duty?"""
    words = load().pledge
    tokens = re.findall(r"[A-Za-z][\w'-]*", fragment[:80].lower())
    if not tokens:
        return False
    first = tokens[0]
    if first.endswith("nya"):  # "Menurutnya, ...", "Sebelumnya": a remark, not a duty
        return False
    for negation in sorted(words["negations"], key=len, reverse=True):
        parts = negation.split()
        if tokens[: len(parts)] == parts:
            rest = tokens[len(parts) :]
            # "tidak dipergunakan untuk ...": a passive explains the point before it; after a
            # readiness word it is the duty itself ("siap dikenai sanksi apabila melanggar")
            passive = bool(rest) and rest[0].startswith("di") and negation not in words["ready"]
            return bool(rest) and not passive
    if first in words["point_start"]:
        return True
    if first in words["not_point_start"]:
        return False
    return bool(_ACTIVE_VERB.match(first))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop numbering, list words, subject/helper words, quotes, attribution, end punctuation."""
    cues = _cues()
    while start < end:
        piece = text[start:end]
        m = _NUMBERING.match(piece) or cues["lead"].match(piece)
        if not m or m.end() == 0:
            break
        rest = piece[m.end() :]
        # keep a negation/verb the lead words would eat ("juga" alone is fine to drop)
        if not rest.strip():
            break
        start += m.end()
    piece = text[start:end]
    m = _ATTRIBUTION.search(piece)
    if m:
        end = start + m.start()
    while end > start and text[end - 1] in " \t,;:.\"”“'-–":
        end -= 1
    for tail in (" dan", " serta", " atau"):
        if text[start:end].endswith(tail):
            end -= len(tail)
            while end > start and text[end - 1] in " \t,;:":  # "..., dan 3) ..."
                end -= 1
    return start, end


_NEXT_SEPARATOR = re.compile(r",|;|\s(?:dan|serta|maupun|atau)\s")


def _left_can_close(text: str, start: int, end: int, right_start: int, right_end: int) -> bool:
    """May a point end here?  Not after one word ("menjaga dan menegakkan ..."), and not in a
    run of bare verbs ("tidak menghadiri, mengikuti, maupun menjadi peserta ...")."""
    if end - start > 60:  # long enough to hold a point (and keeps this linear)
        return True
    words = re.findall(r"[A-Za-z][\w'-]*", text[start:end])
    if len(words) >= 3:
        return True
    if len(words) == 2 and not _ACTIVE_VERB.match(words[-1].lower()):
        return True
    if len(words) == 2:  # "tidak memihak, ...": a point only if a full phrase follows
        following = text[right_start:right_end]
        cut = _NEXT_SEPARATOR.search(following)
        return len(following[: cut.start() if cut else len(following)].split()) >= 2
    return False


def _item_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a numbered item: stripped like any point, but when dropping the subject
    leaves no point ("Pertama, ASN Pemkab X menjaga ..." -> "Pemkab X menjaga ..."), only the
    number goes and the subject stays ("ASN Pemkab X menjaga ...")."""
    a, b = _strip(text, start, end)
    if _starts_like_point(text[a:b]):
        return a, b
    piece = text[start:end]
    indent = len(piece) - len(piece.lstrip())
    number = _NUMBERING.match(piece)
    ordinal = _cues()["ordinal_sep"].match(" " + piece[indent:])  # (its pattern wants a space before)
    if number:
        start += number.end()
    elif ordinal:
        start += indent + ordinal.end() - 1
    while start < b and text[start] in " \t,:;\"“”'":
        start += 1
    return (start, b) if start < b else (a, b)


def _is_item(piece: str) -> bool:
    """Does ``piece`` open with a list number or an ordinal word ("2)", "Kedua, ")?"""
    ordinal = _cues()["ordinal_sep"].match(" " + piece.lstrip())
    return bool(_NUMBERING.match(piece) or ordinal)


def _split(text: str, start: int, end: int, join: bool = True) -> list[tuple[int, int]]:
    """Cut one stretch of prose into point spans; ``join``: a bare "dan tidak" joins one duty."""
    cues = _cues()
    cuts = [start]
    chunk = text[start:end]
    # hard separators: ";", numbers, ordinal words
    for m in re.finditer(r";\s*", chunk):
        cuts.append(start + m.end())
    for m in _INLINE_NUMBER.finditer(chunk):
        cuts.append(start + m.start())
    for m in cues["ordinal_sep"].finditer(chunk):
        cuts.append(start + m.start() + (1 if chunk[m.start()] in ";,." else 0))
    cuts = sorted(set(cuts))
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:] + [end], strict=True) if text[a:b].strip()]
    # soft separators: ",", "dan", "serta" before something that begins like a point
    # Inside an item of a numbered, ordinal or semicolon list a bare "dan" never ends a point
    # ("2) tidak berpihak dan tidak memberikan dukungan ..." is one point); in running prose it
    # may ("... tidak membuat keputusan ... dan bersikap bijak ...").
    result = []
    # items cut by two ";" or more: a comma inside one enumerates ("tidak memposting,
    # mengomentari, dan membagikan konten ...; tidak menerima ..."), it does not end a point
    semicolons = chunk.count(";") >= 2
    for a, b in pieces:
        seg_start = a
        if semicolons:
            result.append((a, b))
            continue
        listed = len(pieces) > 1 or _is_item(text[a:b])
        # ("maupun" is left out: "tidak mengunggah maupun membagikan ..." is one point)
        separators = re.finditer(r",\s+|\s+(?:dan|serta)\s+|,\s+(?:dan|serta)\s+", text[a:b])
        for m in separators:
            bare = "," not in m.group(0)
            joined = join and m.group(0).strip() == "dan" and cues["joined"].match(text, a + m.end())
            if bare and (listed or joined):
                # a bare "dan" before a negation joins the two sides of one duty ("bersikap
                # netral dan tidak memihak ...", "menolak dan tidak akan terlibat ...")
                continue
            after = a + m.end()
            s2, _ = _strip(text, after, min(b, after + 200))  # only the head matters here
            if _starts_like_point(text[s2:b]) and _left_can_close(
                text, *_strip(text, max(seg_start, a + m.start() - 200), a + m.start()), s2, b
            ):
                result.append((seg_start, a + m.start()))
                seg_start = after
        result.append((seg_start, b))
    return result


def _cue_start(text: str, sentence: Sentence, weak: bool, borrowed: bool = False) -> int | None:
    """Where the list begins in a cue sentence, or None if the sentence is no cue.

    ``weak``: "poin", "butir" ... count as pledge words (the article reports a pledge).
    ``borrowed``: the sentence before named the pledge, so a short "Berikut isinya:" is a cue.
    """
    cues = _cues()
    body = text[sentence.start : sentence.end]
    pledge = cues["pledge_weak" if weak else "pledge"].search(body)
    if pledge and _is_heading(body):  # a subheading "Empat Komitmen ASN": the lines under it
        return sentence.end
    if not pledge and borrowed:
        spoken = _SPOKEN_QUOTE.search(body)  # 'para personel mengucapkan, "Kami bersikap netral ...'
        if spoken:
            return sentence.start + spoken.end()
    numbered = _NUMBERED_AFTER_COLON.search(body)
    if not pledge and borrowed and numbered:  # '"Kami ... menyatakan: satu, ...; dua, ..."'
        return sentence.start + numbered.start() + 1
    if not pledge and borrowed and len(body.split()) <= 8:
        pledge = re.match("", body)  # the pledge word stood in the sentence before
    if not pledge:
        return None
    lists = list(cues["list"].finditer(body))
    colon = body.find(":")
    if colon >= 0 and (not lists or lists[0].start() < colon) and colon > pledge.start() - 40:
        return sentence.start + colon + 1
    after = [m for m in lists if m.start() >= pledge.start() - 12]
    if not after:
        return None
    chosen = after[0]
    for m in after[1:]:  # "lima poin netralitas ASN, terdiri dari ...": the later cue
        if len(body[chosen.end() : m.start()].split()) <= 6:
            chosen = m
    pos = max(chosen.end(), pledge.end()) if pledge.start() < chosen.end() + 40 else chosen.end()
    det = re.match(r"(?:\s*(?:itu|tersebut|ini|adalah|yakni|yaitu))*[\s,:]*", body[pos:])
    return sentence.start + pos + (det.end() if det else 0)


def _count_only(rest: str) -> bool:
    """Is the rest of a cue sentence only the count of what follows ("empat poin.", "lima butir
    berikut:")?  Then the points are the sentences after it."""
    weak = "|".join(map(re.escape, load().pledge.get("pledge_weak", [])))
    return bool(re.fullmatch(r"\s*\w+\s+(?:" + weak + r")(?:\s+\w+){0,2}\s*[.:]?\s*", rest, re.IGNORECASE))


def _is_heading(line: str) -> bool:
    """A subheading line: short, no closing stop or colon."""
    line = line.strip()
    return 0 < len(line.split()) <= 8 and line[-1:] not in '.!?:;"”,)'


def _sentence_is_point(text: str, start: int, end: int) -> bool:
    s, e = _strip(text, start, end)
    return e > s and _starts_like_point(text[s:e])


def _named_points(text: str) -> list[tuple[str, int, int]]:
    """Points each named by its number in a sentence of its own: 'Poin pertama ikrar berbunyi
    "..."', 'Poin kedua, "..."', 'Adapun poin ketiga adalah ...'.  A quoted point is taken as
    written (it may open with a noun: "puskesmas dan ambulans tidak digunakan ..."); a bare one
    must read like a point.  Two such sentences at least, or none."""
    points = []
    for m in _cues()["named"].finditer(text):
        group = "quoted" if m.group("quoted") else "bare"
        a, b = _strip(text, m.start(group), m.end(group))
        if b <= a or (group == "bare" and not _starts_like_point(text[a:b])):
            continue
        if len(re.findall(r"\w+", text[a:b])) >= 2 and len(text[a:b].split()) <= MAX_POINT_WORDS:
            points.append((text[a:b], a, b))
    return points[:MAX_POINTS] if len(points) >= 2 else []


_QUOTE_PARAGRAPH = re.compile(
    r"^[\"“](?P<quote>[^\"“”\n]{20,800}?)[\"”][ \t]*,?[ \t]*(?P<attribution>[^\n]{0,160})$", re.MULTILINE
)


def _recited_points(text: str) -> list[tuple[str, int, int]]:
    """The points of a pledge quoted whole and said by the participants, with the recitation
    told after the quote: '"Kami ... menyatakan netral ..., tidak menjadi ..., dan tidak ...,"
    ucap ratusan anggota menirukan Dede.'  The list begins after a list cue inside the quote
    ("menyatakan", "berjanji") or at its start; two points at least, each reading like one."""
    cues = _cues()
    recited = words_regex(load().pledge["recited"])
    for m in _QUOTE_PARAGRAPH.finditer(text):
        if not recited.search(m.group("attribution")):
            continue
        begin, end = m.start("quote"), m.end("quote")
        cue = cues["list"].search(text, begin, end)
        if cue:
            begin = cue.end()
        spans = [_strip(text, a, b) for a, b in _split(text, begin, end)]
        points = [(text[a:b], a, b) for a, b in spans if b > a and _starts_like_point(text[a:b])]
        if len(points) >= 2 and len(points) == len(spans):
            return points[:MAX_POINTS]
    return []


def find_pledge_points(text: str, *, pledge_event: bool = True) -> list[tuple[str, int, int]]:
    """``(point, start, end)`` for each pledge point, or [] when no cue introduces a list.

    ``pledge_event``: the article reports an ikrar or pakta integritas, so "lima poin ..." may
    introduce its points; elsewhere only a pledge word proper (ikrar, pakta, janji) does.
    """
    if pledge_event and (named := _named_points(text)):
        return named
    all_sentences = sentences(text)
    paras = paragraphs(text)
    cues = _cues()
    for k, sentence in enumerate(all_sentences):
        borrowed = any(  # the pledge was named in one of the two sentences before
            cues["pledge"].search(text, s.start, s.end) for s in all_sentences[max(0, k - 2) : k]
        )
        begin = _cue_start(text, sentence, pledge_event, borrowed)
        if begin is None:
            continue
        points = _read_list(text, all_sentences, paras, k, begin, pledge_event)
        if len(points) == 1:  # "memuat komitmen untuk tidak memihak ... dan tidak menggunakan ..."
            points = _read_list(text, all_sentences, paras, k, begin, pledge_event, join=False)
        if len(points) >= 2:
            return points
    if pledge_event and (recited := _recited_points(text)):
        return recited
    if pledge_event:  # no cue: three or more items numbered in order ("Satu, ... Dua, ... Tiga, ...")
        for k, sentence in enumerate(all_sentences):
            if _ORDINAL_START.match(text, sentence.start, sentence.end):
                points = _read_list(text, all_sentences, paras, k, sentence.start, pledge_event)
                if len(points) >= 3:
                    return points
    return []


def _read_list(text: str, all_sentences: Sequence[Sentence], paras: Sequence[tuple[int, int]], k: int,
               begin: int, weak: bool, join: bool = True) -> list[tuple[str, int, int]]:  # fmt: skip
    cue = all_sentences[k]
    p_end = paras[cue.paragraph][1]
    stretches: list[tuple[int, int]] = []
    # numbered items: their stripped span -> the span reported (see _item_span)
    trusted: dict[tuple[int, int], tuple[int, int]] = {}
    cue_text = text[cue.start : cue.end]
    cue_colon = cue_text.rstrip().endswith(":") or _is_heading(cue_text)
    inline = text[begin:p_end].strip()
    if not inline and cue.paragraph + 1 < len(paras):
        # the pledge quoted as one paragraph ('Ikrar berbunyi:' / '"Kami ASN ... berjanji:
        # satu, ...; dua, ..."'): read that paragraph as prose, after its own colon if any
        q_start, q_end = paras[cue.paragraph + 1]
        if text[q_start : q_start + 1] in '"“' and not _sentence_is_point(text, q_start, q_end):
            colon = text.find(":", q_start, min(q_end, q_start + 200))
            begin = colon + 1 if colon >= 0 else q_start + 1
            if text[begin:q_end].strip():
                k = next(i for i, s in enumerate(all_sentences) if begin < s.end)
            else:  # '"Kami ... berikrar:' and the points as lines under it: that line is the cue
                k = next(i for i, s in enumerate(all_sentences) if s.end > q_start)
            cue, inline = all_sentences[k], text[begin:q_end].strip()
    if not inline:  # lines: each following short paragraph is a point
        in_marked_list = False
        for p_start, p_stop in paras[cue.paragraph + 1 :]:
            line = text[p_start:p_stop]
            # a numbered or bulleted line under the cue is a point whatever its first word
            # ("1. Setia kepada Pancasila ..."); an unmarked line must read like one
            marked = cue_colon and bool(_NUMBERING.match(line) or _ORDINAL_START.match(line)
                                        or _is_item(line))  # fmt: skip
            if (
                len(line.split()) > MAX_POINT_WORDS
                or line[:1] in "\"“”'"  # a quote after the list: someone speaking, not a point
                or not (marked or _sentence_is_point(text, p_start, p_stop))
                or (in_marked_list and not marked)  # a bulleted list ends at the first plain line
            ):
                break
            in_marked_list = in_marked_list or marked
            stretches.append((p_start, p_stop))
            if marked:
                trusted[_strip(text, p_start, p_stop)] = _item_span(text, p_start, p_stop)
        spans = [_strip(text, a, b) for a, b in stretches]
    else:  # prose: the cue sentence's rest, then following sentences while they read as points
        if not _count_only(text[begin : cue.end]):  # "Ikrar itu memuat empat poin." announces them
            stretches.append((begin, max(begin, cue.end)))
        # a list numbered inside the cue sentence ("1. ...; 2. ...") ends with that sentence
        # unless the next one goes on numbering
        numbered = bool(_INLINE_NUMBER.search(text[begin : cue.end]))
        ordinals = False  # sentences opening "Pertama, ...", "Kedua, ..." after the cue
        for sentence in all_sentences[k + 1 :]:
            piece = text[sentence.start : sentence.end]
            if numbered and not _NUMBERING.match(piece):
                break
            if numbered:  # "4. Kami bersedia dijatuhi sanksi ...": the numbering vouches for it
                stretches.append((sentence.start, sentence.end))
                span = (sentence.start, sentence.end)
                trusted[_strip(text, *span)] = _item_span(text, *span)
                continue
            if (_ORDINAL_START.match(piece) and len(stretches) <= 1) or (ordinals and _is_item(piece)):
                ordinals = True  # "Pertama, ASN Pemkab X menjaga ...": the ordinal vouches for it
                stretches.append((sentence.start, sentence.end))
                span = (sentence.start, sentence.end)
                trusted[_strip(text, *span)] = _item_span(text, *span)
                continue
            if ordinals:
                break
            if _sentence_is_point(text, sentence.start, sentence.end):
                stretches.append((sentence.start, sentence.end))
                continue
            again = _cue_start(text, sentence, weak)
            if again is not None and text[again : sentence.end].strip():
                stretches.append((again, sentence.end))
                continue
            break
        spans = []
        for a, b in stretches:
            pieces = _split(text, a, b, join)
            spans.extend(_strip(text, *piece) for piece in pieces)
            # items numbered inside the prose ("yakni 1) Prajurit dan PNS ... bersikap netral, 2)
            # tidak ...", "satu, ...; dua, ..."): two or more, and the numbering vouches for each
            items = [piece for piece in pieces if _is_item(text[piece[0] : piece[1]])]
            if len(items) >= 2:
                trusted.update((_strip(text, *piece), _item_span(text, *piece)) for piece in items)
    points = []
    for a, b in spans[:MAX_POINTS]:
        point = text[a:b]
        if len(re.findall(r"\w+", point)) < 2:  # a bare "Poin" left by an ordinal cut
            continue
        if (a, b) in trusted:
            a, b = trusted[(a, b)]
            point = text[a:b]
        elif not _starts_like_point(point):
            break  # precision: the list ends at the first thing that is not a point
        if len(point.split()) > MAX_POINT_WORDS:
            break
        points.append((point, a, b))
    return points
