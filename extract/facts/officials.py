"""Named officials: a jabatan (title) from ``titles.tsv`` next to a person's name.

Forms read (``T`` = title, ``N`` = name):

* ``T, N`` and ``kata T, N, ...``  ("Wali Kota Jaktim, Muhammad Anwar, Senin")
* ``T N`` with no comma             ("Kepala Kantor Imigrasi Cilacap Yoga Ananto Putra")
* ``N, T``                          ("Juaini, Wakil Wali Kota Jakarta Utara, menegaskan")
* ``N selaku T``

A title is found by the spaCy EntityRuler (patterns from ``titles.tsv``); the walk that reads
the unit after it and the name is plain Python over the tokens.  In ``T N`` the unit and the
name are both capitalised: words of units (``unit`` rows of ``titles.tsv``), known regions and
institution names (``institutions.tsv``) go to the title, the rest is the name.  Only persons
introduced by a title are officials, so a quoted teacher or resident never becomes one.  Where a
title has no name the rules can read, the statistical NER (:mod:`extract.ner`) is asked for a
person right next to it, if it is installed and ``use_ner`` is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kabar.extract.facts import regions
from kabar.extract.facts.institutions import find_institutions, institution_in
from kabar.extract.facts.nlp import parse, tokenizer_safe
from kabar.extract.facts.vocab import DAY_NAMES, MONTHS, load, read_lines

NAME_PARTICLES = {"bin", "binti", "van", "de", "al", "el", "von", "da", "ten", "ter", "der"}
# Words that open a clause after a name in "T N mengatakan": any lower-case word ends the name.
_NOT_NAME = {"kantor", "jalan", "gedung", "pemilu", "pilkada", "asn", "pns", "pemkot", "pemkab", "pemprov",
             "sementara", "selain", "menurut", "dalam", "saat", "ketika", "usai", "hal", "para", "seluruh",
             "sebelumnya", "adapun", "namun", "ia", "dia", "beliau", "mereka", "terpisah", "kemudian",
             "selanjutnya", "sedangkan", "bahkan", "kini", "senada", "terkait", "menanggapi",
             "ditemui", "tahun", "periode", "masa", "nomor",
             # sentence connectives before a comma ("Sebab, mantan pelatih ... itu ragu")
             "sebab", "karena", "karenanya", "maka", "tapi", "tetapi", "padahal", "akhirnya",
             "sayangnya", "untungnya", "meski", "meskipun", "walau", "walaupun", "sehingga", "apalagi",
             "misalnya", "sebaliknya", "rupanya", "ternyata", "nah", "pasalnya", "intinya",
             "artinya", "makanya", "selama", "sejak", "setelah", "sebelum",
             # time words and conditionals opening a sentence ("Kemarin, Presiden ...")
             "kemarin", "besok", "tadi", "lusa", "seandainya", "andaikan", "jika", "kalau", "apabila", "bila",
             # events after a role word ("Inspektur Upacara, Bupati ..."): no person
             "upacara", "apel", "acara", "rapat", "sidang"}  # fmt: skip
# meetings and cups named after an office ("Rapat Pimpinan Nasional", "Piala Wali Kota"): no title there
_EVENT_NOUNS = {"rapat", "sidang", "musyawarah", "apel", "upacara", "rakor", "forum", "piala", "turnamen"}
# before a capitalised word they make it a place ("di Istana, Mendagri ..."), never a person
_PLACE_PREPOSITIONS = {"di", "ke"}
_DEMONSTRATIVE = {"itu", "ini", "tersebut"}
# particles glued to a word with a hyphen ("Presiden Jokowi-lah yang ..."): never a name word
_CLITICS = {"lah", "pun", "kah", "nya", "tah"}
# groups named in lower case after "ketua", "kepala", "koordinator" ("ketua tim", "ketua panitia")
_GROUP_NOUNS = {"tim", "panitia", "kelompok", "rombongan", "delegasi", "komunitas", "paguyuban", "sekolah",
                "yayasan", "relawan", "regu", "satgas"}  # fmt: skip
_FROM_UNITS = ("Fraksi", "Partai", "Dapil")  # "Anggota DPR dari Fraksi X": the title goes on
_COMPANY_FORMS = {"PT", "PT.", "CV", "CV."}  # a company's name follows
# lower-case words that end the field of a `field` title ("pakar hukum tata negara"): a clause
# or a phrase about something else begins there
_FIELD_STOP = {"yang", "itu", "ini", "tersebut", "dan", "atau", "di", "ke", "pada", "saat", "ketika", "untuk",
               "dengan", "juga", "pun", "sudah", "telah", "akan", "masih", "tidak", "belum", "bahwa",
               "mengatakan", "lain", "lainnya", "seperti", "para", "sang", "sebagai", "selaku", "adalah",
               "merupakan", "kita", "kami", "mereka", "dari", "bagi", "sekaligus", "asal", "baru", "lama",
               "anyar"}  # fmt: skip
_FIELD_WORDS = 4  # at most this many lower-case words of a field
_VERB_LIKE = re.compile(r"(?:me|ber|di|memper|diper)[a-z]{3,}")  # not ter-: "tersangka" is a noun
# words linking a name to a title after it: "Budi, yang juga Ketua ...", "Budi yang merupakan Kepala ..."
_APPOSITIVE_WORDS = {"yang", "juga", "merupakan", "menjabat", "sebagai", "selaku", "adalah", "menjadi",
                     "kini", "mantan", "eks"}  # fmt: skip
# a name, then a predicative word before a title: "Pak Prabowo sebagai calon presiden, ..."
_PREDICATIVE = re.compile(
    r"[\w,]\s+([A-Z][\w'-]+)\s+(?:sebagai|selaku|menjadi|jadi)\s+(?:(?:bakal\s+)?calon\s+)?$"
)
_NOT_NAME_CAP = {"Bertindak", "Hadir", "Tampil", "Turut", "Ditunjuk", "Dipercaya"}
_POSSESSORS = {"mereka", "kami", "kita"}  # "pelatih mereka Budi Santoso": the team's coach
_THEN = {"saat", "kala", "waktu", "ketika"}  # "... saat itu, Name": who held the title then
_TITLE_QUALIFIERS = {"sementara", "nonaktif", "terpilih", "definitif", "baru", "lama", "setempat"}
_ADMIN_LEVELS = {"kecamatan", "kabupaten", "kota", "provinsi", "kelurahan", "desa", "kab.", "kec."}
_SAYING = re.compile(
    r"\b(?:kata|ujar|ucap|jelas|tegas|ungkap|tutur|papar|imbuh|tambah|sebut|tandas|pinta|terang|"
    r"menurut|dikatakan|disebutkan|dijelaskan)\s+$",
    re.IGNORECASE,
)


# academic degrees written after a name without a comma (S.Sos, M.Si, S.H.)
_DEGREE = re.compile(r"(?:[A-Z][a-z]{0,3}\.){1,3}(?:[A-Z][A-Za-z]{0,3}\.?)?")


def _is_degree(text: str) -> bool:
    """An academic degree after a name, dotted ("S.Sos.", "M.Si") or written without dots
    ("MM", "SH", "MSi": the [suffix] words of person_affixes.txt, with a capital inside so
    that a name such as "Ma" is never one)."""
    if _DEGREE.fullmatch(text):
        return True
    return any(ch.isupper() for ch in text[1:]) and text.replace(".", "").lower() in load().degrees


NER_WINDOW = 160  # characters of context on each side of a title given to the NER
# what may stand between a title and the person NER found: a comma, a short bracketed remark
_NEAR = re.compile(r"[\s,]{0,3}(?:\([^()]{0,30}\)[\s,]{0,3})?")


@dataclass
class Official:
    name: str
    title: str
    institution: str | None
    start: int  # offset of the whole mention (title and name)
    end: int
    name_start: int
    titles: list[str] = field(default_factory=list)
    # other names the text gives the person in brackets: "Joko Widodo (Jokowi)"
    aliases: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "institution": self.institution,
                "start": self.start, "end": self.end}  # fmt: skip


def _is_cap(tok) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or (len(t) > 1 and t[0] == "(" and t[1].isupper()))


# a pe-...-an or ke-...-an noun ("Pemeriksaan", "Kedatangan") opening a sentence is no name word
_AFFIXED_NOUN = re.compile(r"(?:pe|ke)[a-z]{4,}an")


def _name_word_ok(tok) -> bool:
    text = tok.text
    low = text.lower()
    if not text[:1].isupper() or any(ch.isdigit() for ch in text) or _AFFIXED_NOUN.fullmatch(low):
        return False
    if low in DAY_NAMES or low.rstrip(".") in MONTHS or low in _NOT_NAME:
        return False
    if ("." in text and _DEGREE.fullmatch(text)) or (len(text) > 1 and _is_degree(text)):
        return False  # "S.T.", "M.Si.", "MSi": a degree; an initial "M." is read by _read_name itself
    vocab = load()
    if low in vocab.titles or low in vocab.unit_words or low in vocab.regions or text in vocab.abbreviations:
        return False  # "Wali Kota Bekasi (nonaktif) ...", "Kemenkes": a place or a body is never a name
    return not (len(text) > 1 and text.isupper())  # acronyms (SMK, KASN) are units


def _initials(tok) -> bool:
    """Is the token initials in capitals without dots inside a name ("Mahfud MD", "Retno LP Marsudi"):
    two or three capitals that are no degree, rank, unit, title or abbreviation the
    vocabulary knows (those are "SH", "AKBP", "KPU", "DPRD")?"""
    text = tok.text
    if not (2 <= len(text) <= 3 and text.isalpha() and text.isupper()) or _is_degree(text):
        return False
    vocab = load()
    low = text.lower()
    known = low in vocab.ranks or low in vocab.unit_words or low in vocab.titles or low in vocab.regions
    return not known and text not in vocab.abbreviations


def _glued_particle(doc, j: int) -> bool:
    """Is token ``j`` a particle glued by a hyphen to a capitalised name word ("al-Maliki",
    "el-Sisi"), as the tokenizer cuts it: "al" "-" "Maliki"?"""
    return (
        j + 2 < len(doc)
        and doc[j].text.lower() in NAME_PARTICLES
        and doc[j + 1].text == "-"
        and not doc[j].whitespace_
        and not doc[j + 1].whitespace_
        and doc[j + 2].text[:1].isupper()
    )


@lru_cache(maxsize=1)
def _prefix_words() -> dict[str, list[tuple[str, ...]]]:
    """Name prefixes of ``name_prefixes.txt`` by their first word, the longest first: one word
    ("Lalu", "Teuku", "TB") or several ("I Ketut", "Ni Luh", "Ida Bagus", "Anak Agung")."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for line in load().name_prefixes:
        words = tuple(line.split())
        by_first.setdefault(words[0], []).append(words)
    return {first: sorted(seqs, key=len, reverse=True) for first, seqs in by_first.items()}


def _prefix_len(doc, i: int) -> int:
    """Tokens of a name prefix starting at token ``i`` and followed by a capitalised word
    ("I Ketut Lihadnyana", "TB Hasanuddin", "Lalu Muhammad"), else 0.  Some prefixes are
    ordinary words too ("I" a Roman numeral, "Lalu Lintas"), so a name word must follow."""
    n = len(doc)
    for words in _prefix_words().get(doc[i].text, []) if i < n else []:
        end = i + len(words)
        if end < n and tuple(t.text for t in doc[i:end]) == words and doc[end].text[:1].isupper():
            return len(words)
    return 0


def _hyphen_unit(doc, i: int) -> bool:
    """Is token ``i`` the first part of a unit's word joined by a hyphen to an acronym
    ("Pol-PP", "KemenPAN-RB")?  A name's hyphen joins lower-case or capitalised words
    ("Moon Jae-in", "Jean-Claude"), never an acronym."""
    n = len(doc)
    return (
        i + 2 < n
        and doc[i + 1].text == "-"
        and not doc[i].whitespace_
        and not doc[i + 1].whitespace_
        and doc[i].text[:1].isupper()
        and len(doc[i + 2].text) > 1
        and doc[i + 2].text.isalpha()
        and doc[i + 2].text.isupper()
    )


def _is_rank(doc, k: int, depth: int = 0) -> bool:
    """Is token ``k`` a rank or honorific, a later word of one ("Marsekal Madya", "Ajun
    Inspektur Satu", "Letkol Infanteri"), or the first word of a rank written in full that
    alone would be a title ("Komisaris Jenderal", "Inspektur Polisi")?"""
    vocab = load()
    low = doc[k].text.lower()
    if low in vocab.ranks:
        return True
    if low in vocab.rank_heads and k + 1 < len(doc) and depth < 3:
        nxt = doc[k + 1].text.lower()
        if nxt in vocab.ranks or nxt in vocab.rank_tails:
            return True
    return low in vocab.rank_tails and k > 0 and depth < 3 and _is_rank(doc, k - 1, depth + 1)


def _read_name(doc, i: int, forward: bool = True) -> tuple[int, int] | None:
    """Token span ``[a, b)`` of a name starting at token ``i`` (or ending at ``i``, backwards)."""
    n = len(doc)
    ranks = load().ranks
    if forward:
        j = i
        while j < n and _is_rank(doc, j):
            nxt = j + 2 if j + 2 < n and doc[j + 1].text == "." else j + 1  # "Ir" "." "Yudhi"
            nxt = _corps_end(doc, nxt)
            if nxt >= n or not (doc[nxt].text[:1].isupper() or _is_rank(doc, nxt)):
                break  # "Dr dr Eka ...": a lower-case honorific after a degree goes on
            j = nxt
        a = j
        while j < n:
            tok = doc[j]
            if _is_degree(tok.text) and j > a:  # "M. Yusuf S.Sos", "Agus Saputro MM": the degree ends it
                break
            prefix = _prefix_len(doc, j)  # "I Ketut ...", "TB ...", "Ida Bagus ...": a name's own first words
            # an initial or a short abbreviation inside a name: "M. Yusuf", "Fatmawati Hi. Djafar"
            initial = re.fullmatch(r"[A-Z][a-z]?\.", tok.text) and j + 1 < n and _name_word_ok(doc[j + 1])
            split_initial = (re.fullmatch(r"[A-Z][a-z]?", tok.text) and j > a and j + 2 < n
                             and doc[j + 1].text == "." and _name_word_ok(doc[j + 2]))  # fmt: skip
            hyphened = (tok.text == "-" and j > a and not doc[j - 1].whitespace_ and not tok.whitespace_
                        and j + 1 < n and doc[j + 1].text.isalpha()
                        and doc[j + 1].text.lower() not in _CLITICS)  # fmt: skip
            if prefix:
                j += prefix
            elif split_initial:  # "Fatmawati Hi . Djafar" as the tokenizer cuts it
                j += 2
            elif hyphened:  # "Moon Jae-in", "Jean-Claude": one hyphenated name word ("U-21" is none)
                j += 2
            elif _name_word_ok(tok) or initial or (j > a and _initials(tok)):
                j += 1
            elif tok.text.lower() in NAME_PARTICLES and j + 1 < n and doc[j + 1].text[:1].isupper() and j > a:
                j += 1
            elif j > a and _glued_particle(doc, j):
                j += 3  # "Nuri al-Maliki": a particle glued to the next name word
            else:
                break
        if j == a or j - a > 5:
            return None
        clitic = j + 1 < n and doc[j].text == "-" and doc[j + 1].text.lower() in _CLITICS
        glued = j < n and doc[j].text[:1] == "-" and not doc[j - 1].whitespace_ and not clitic
        if glued or (j < n and doc[j].text.lower() in _DEMONSTRATIVE):
            return None  # "pelatih Pelita Jaya itu", "Timnas Australia U-21": a noun phrase, not a name
        return a, j
    if doc[i].text == ")":  # "Sutrisno (52), Ketua RT 03": the age in brackets after the name
        open_ = next((k for k in range(i - 1, max(i - 4, 0), -1) if doc[k].text == "("), None)
        if open_ is not None and open_ > 0 and any(t.text.isdigit() for t in doc[open_ + 1 : i]):
            i = open_ - 1
    k = i  # "Budi Santoso SH MM, Kepala ...", "Budi Santoso, S.Sos, M.Si, Kepala ...": degrees end no name
    while k > 0 and (_is_degree(doc[k].text) or (doc[k].text == "," and k < i)) and not _name_word_ok(doc[k]):
        k -= 1
    if k < i and doc[k].text != "," and _name_word_ok(doc[k]):
        i = k
    j = i
    glued = j >= 2 and doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and not doc[j - 2].whitespace_
    if glued and doc[j].text.isalpha() and doc[j].text.lower() not in _CLITICS and _name_word_ok(doc[j - 2]):
        j -= 2  # "Kim Jae-in, Presiden ...": the name ends in a hyphenated word
    while j >= 0:
        if _name_word_ok(doc[j]) or (
            j < i and (doc[j].text.lower() in NAME_PARTICLES or _initials(doc[j]) or _prefix_len(doc, j))
        ):  # "RJ Lino, ...", "Lalu Moh Faozal, ...", "I Made Sujana, ...": initials or a prefix before a name
            j -= 1
        elif (doc[j].text == "-" and j < i and j > 0 and not doc[j].whitespace_ and not doc[j - 1].whitespace_
              and _name_word_ok(doc[j - 1])):  # fmt: skip
            j -= 2  # "Jean-Marie Okwo, ...": one hyphenated name word
        else:
            break
    a = j + 1
    if a <= i and a > 0 and doc[a - 1].text == "/" and not doc[a - 1].whitespace_:
        a += 1  # "Danramil 1302-12/Belang Hamza, ...": the word glued after a slash names the unit

    def skippable(k: int) -> bool:  # a rank, or the "." of "Ir" "."
        dot = doc[k].text == "." and k > 0 and doc[k - 1].text.lower() in ranks
        return _is_rank(doc, k) or dot

    while a <= i and skippable(a):
        a += 1
    if a > i or i + 1 - a > 5:
        return None
    return a, i + 1


def _corps_end(doc, j: int) -> int:
    """After a navy rank, its corps: "Kolonel Laut (P)", "Mayor Laut (KH)": the token after
    it, else ``j``."""
    k = j + 1 if j < len(doc) and doc[j].text == "Laut" else j
    if (
        k + 2 < len(doc)
        and doc[k].text == "("
        and doc[k + 2].text == ")"
        and re.fullmatch(r"[A-Z]{1,3}", doc[k + 1].text)
    ):
        return k + 3
    return j


def _name_text(doc, a: int, b: int) -> str:
    return doc[a:b].text.strip()


@lru_cache(maxsize=1)
def _title_abbrev_re() -> re.Pattern[str]:
    """Title forms (Pj, Kasatpol PP) and institution abbreviations (BKPSDM) worth expanding."""
    vocab = load()
    forms = [t.form for t in vocab.titles.values() if t.expansion != t.form]
    forms += [a for a in vocab.abbreviations if a not in vocab.keep_in_titles]
    alternatives = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])")


def _expand_title(words: str) -> str:
    """Expand title abbreviations (Pj -> Penjabat), institution abbreviations (BKPSDM) and
    region abbreviations (Jaktim -> Jakarta Timur)."""
    vocab = load()

    def expand(m: re.Match[str]) -> str:
        title = vocab.titles.get(m.group(0).lower())
        if title and title.form == m.group(0) or title and m.group(0).lower() == title.form.lower():
            return title.expansion
        return vocab.abbreviations.get(m.group(0), m.group(0))

    text = _title_abbrev_re().sub(expand, words)
    text = vocab.region_re.sub(lambda m: vocab.regions[m.group(0).lower()].full, text)
    return re.sub(r"\b(\w+) \1\b", r"\1", text)  # "Kadis Dukcapil": "Kepala Dinas Dinas ..." once


class _Walker:
    """Reads officials from one Doc; kept as a class so the per-text caches are shared."""

    def __init__(self, text: str, use_ner: bool):
        self.text = text
        self.doc = parse(text)
        self.use_ner = use_ner
        self.vocab = load()
        # institution spans, as token-independent character ranges
        self.inst_ends = {m.start: m.end for m in find_institutions(text)}
        self._headline: dict[int, bool] = {}  # line start -> is the line a headline
        self._ner_failed = False
        self._ner_seen: dict[str, list[tuple[int, int, str]]] = {}  # window -> the NER's spans

    # -- helpers -------------------------------------------------------------------------------
    def _in_headline(self, char: int) -> bool:
        """Is ``char`` in a Title-Cased line without final stop (a headline, not prose)?"""
        start = self.text.rfind("\n", 0, char) + 1
        if start not in self._headline:
            end = self.text.find("\n", char)
            line = self.text[start : end if end >= 0 else len(self.text)].strip()
            words = re.findall(r"[A-Za-z]\w*", line)
            headline = len(words) >= 4 and line[-1:] not in '.!?"”:'
            self._headline[start] = headline and sum(w[0].isupper() for w in words) / len(words) > 0.75
        return self._headline[start]

    def _inst_end_at(self, char: int) -> int | None:
        return self.inst_ends.get(char)

    def _region_len(self, i: int) -> int:
        """Tokens of a known region starting at token i (0 if none)."""
        rest = self.text[self.doc[i].idx :]
        m = self.vocab.region_re.match(rest)
        if not m:
            return 0
        end = self.doc[i].idx + m.end()
        k = i
        while k < len(self.doc) and self.doc[k].idx < end:
            k += 1
        return k - i

    def _local_area_len(self, i: int, e: int) -> int:
        """Tokens of a kecamatan, kelurahan or desa of two or three words in the code list
        starting at token i, a name still following before ``e``, else 0."""
        for size in (3, 2):
            words = self.doc[i : i + size]
            if i + size < e and all(t.text[:1].isupper() for t in words):
                if regions.candidates(" ".join(t.text for t in words), level=3) or regions.candidates(
                    " ".join(t.text for t in words), level=4
                ):
                    return size
        return 0

    def _country_len(self, i: int) -> int:
        """Tokens of a country's name starting at token i ("Jepang", "Amerika Serikat"), else 0."""
        for size in (3, 2, 1):
            words = self.doc[i : i + size]
            if len(words) == size and all(t.text[:1].isupper() for t in words) and _is_place(words.text):
                return size
        return 0

    def _used_as_name(self, word: str, exclude_at: int) -> bool:
        """Does ``word`` appear elsewhere as a person (after a saying verb, or before one)?"""
        for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", self.text):
            if m.start() == exclude_at:
                continue
            before = self.text[max(0, m.start() - 30) : m.start()]
            after = self.text[m.end() : m.end() + 25]
            if (
                _SAYING.search(before)
                or re.match(r"\s+(?:me|ber|juga|pun|selaku)\w*", after)
                or (re.search(r"(?:^|[.\"“]\s*)$", before) and re.match(r"\s+[a-z]", after))
            ):
                return True
        return False

    def _ner_spans(self, start: int, end: int,
                   labels: tuple[str, ...] = ("PER",)) -> list[tuple[int, int, str]]:  # fmt: skip
        """PER spans from the statistical NER in a window around ``start:end`` (the title).

        Only the window is tagged, not the article: the NER runs where the rules left a gap,
        so it costs a few milliseconds per gap, not per article.  Any failure (model not
        installed, not trained yet, broken) leaves the rules alone.
        """
        if not self.use_ner or self._ner_failed:
            return []
        w0 = max(0, self.text.rfind("\n", 0, start) + 1, start - NER_WINDOW)
        w1 = self.text.find("\n", end)
        w1 = min(len(self.text) if w1 < 0 else w1, end + NER_WINDOW)
        try:
            from kabar.extract.ner import person_spans

            window = tokenizer_safe(self.text[w0:w1])  # same length: offsets hold
            if window not in self._ner_seen:  # two rules may ask about the same window
                self._ner_seen[window] = person_spans(window)
            spans = self._ner_seen[window]
        except Exception:  # model absent, not trained yet, or broken: rules only
            self._ner_failed = True
            return []
        return [(w0 + s, w0 + e, label) for s, e, label in spans if label in labels]

    def _after_title_run(self, char: int) -> bool:
        """Does a word of a title's run (an acronym, a unit, a place, a title word) stand right
        before the name at ``char`` ("Ketua Komisi VIII DPR Ali Taher")?  Then that title owns
        the name.  A noble prefix ("Lalu Muhammad Iqbal") is a word of the name itself."""
        k = next((k for k, tok in enumerate(self.doc) if tok.idx == char), None)
        if k is None or k == 0 or self._breaks(k):
            return False
        prev, low = self.doc[k - 1], self.doc[k - 1].text.lower()
        acronym = len(prev.text) > 1 and prev.text.isalpha() and prev.text.isupper()  # "DPR", "VIII"
        unit = low in self.vocab.unit_words or low in self.vocab.regions or prev.ent_type_ == "TITLE"
        # "I Ketut Lihadnyana": "Ketut" is a word of the name's prefix, not of a unit
        in_prefix = any(m + _prefix_len(self.doc, m) >= k for m in range(max(0, k - 3), k))
        return not in_prefix and (acronym or unit or prev.text.isdigit())

    def _ner_person_near(self, start: int, end: int) -> tuple[int, int] | None:
        """A PER span beginning right after ``end`` (within a comma) or ending right before."""
        for s, e, _ in self._ner_spans(start, end):
            gap_after = self.text[end:s]
            gap_before = self.text[e:start]
            if s >= end and _NEAR.fullmatch(gap_after):
                return s, e
            if e <= start and _NEAR.fullmatch(gap_before):
                return s, e
        return None

    # -- the walk ------------------------------------------------------------------------------
    def _title_chain(self, ent_index: int, ents) -> tuple[int, int, str]:
        """Merge adjacent TITLE entities ("Wakil" + "Wali Kota"); returns (tok a, tok b, role)."""
        a, b = ents[ent_index].start, ents[ent_index].end
        role = self.vocab.titles[ents[ent_index].ent_id_].role
        k = ent_index + 1
        while k < len(ents):
            gap = self._paren_end(b) if ents[k].start != b else b
            while k < len(ents) and b < ents[k].start < gap:  # "Penjabat (Pj) Gubernur": skip "Pj"
                k += 1
            if k >= len(ents) or ents[k].start != gap:
                break
            b = ents[k].end
            role = self.vocab.titles[ents[k].ent_id_].role
            k += 1
        return a, b, role

    def _name_confirmed(self, span: tuple[int, int], at_run_start: bool, b: int, lower: bool) -> bool:
        """A one-word name right after a title that takes a place ("Lurah Pluit mengatakan",
        "Lurah Kebon Kacang meninjau") may be the place itself: it counts only when the text
        uses the word elsewhere as a person's name ("kata Pluit")."""
        if span[1] - span[0] != 1:
            return True
        head = self.vocab.titles.get(self.doc[b - 1].ent_id_)
        follows = head is not None and (head.takes_place or head.takes_org)
        after_place_unit = self.doc[span[0] - 1].text.lower() in self.vocab.unit_takes_place
        doubtful = self.guessed_place or after_place_unit or (at_run_start and (follows or lower))
        word = self.doc[span[0]]
        if doubtful and self._named_as_area(word.text):
            return False  # "tegas Camat Alok." where the text also writes "Kecamatan Alok"
        return not doubtful or self._used_as_name(word.text, word.idx)

    def _named_as_area(self, word: str) -> bool:
        """Does the text write ``word`` as an area ("Kecamatan Alok", "Desa Sukamaju")?"""
        areas = r"Kecamatan|Kelurahan|Desa|Kabupaten|Kota|Distrik|Nagari|Gampong"
        return bool(re.search(r"\b(?:" + areas + r")\s+" + re.escape(word) + r"(?![\w-])", self.text))

    def _field_end(self, b: int) -> int:
        """After a `field` title ("pakar", "kuasa hukum"), the token after the lower-case words
        of its field ("pakar hukum tata negara", "kuasa hukum tersangka"); else ``b``."""
        doc, n = self.doc, len(self.doc)
        head = self.vocab.titles.get(doc[b - 1].ent_id_)
        if head is None or not head.takes_field:
            return b
        j = b
        while j < n and j - b < _FIELD_WORDS and doc[j].text.isalpha() and doc[j].text.islower():
            if doc[j].text in _FIELD_STOP or _VERB_LIKE.fullmatch(doc[j].text):
                break
            j += 1
            if (j + 1 < n and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_
                    and doc[j + 1].text.islower()):  # fmt: skip
                j += 2  # "pelatih set-piece": one hyphenated word
        return j

    def _possessed(self, a: int, b: int) -> bool:
        """Does the field of a title at ``a:b`` end in a noun whose owner the next name is
        ("juru bicara orang tua Bankman")?  See ``possessor_nouns.txt``."""
        return (
            b - 1 > a
            and self.doc[b - 1].text.lower() in self.vocab.possessor_nouns
            and self.doc[b - 1].text.islower()
        )

    def _paren_end(self, j: int) -> int:
        """Token after a short bracketed abbreviation at ``j`` ("(Pj)", "(BKPSDM)"), else ``j``."""
        doc, n = self.doc, len(self.doc)
        if j >= n or doc[j].text != "(":
            return j
        close = j + 1
        while close < n and close - j < 6 and doc[close].text != ")":
            close += 1
        inside = doc[j + 1 : close]  # "(BKPSDM)", "(Danrem 043/Gatam)"
        if (
            close >= n
            or doc[close].text != ")"
            or not all(t.text[:1].isupper() or t.text.isdigit() or t.text in ("/", "-") for t in inside)
            or not any(t.text[:1].isupper() for t in inside)
        ):
            return j  # "(ketiga dari kiri)" is a remark, not an abbreviation
        return close + 1

    def _breaks(self, j: int) -> bool:
        """Is there a paragraph break right before token ``j``?"""
        return j > 0 and "\n" in self.text[self.doc[j - 1].idx + len(self.doc[j - 1].text) : self.doc[j].idx]

    def _unit_run(self, b: int) -> int:
        """End token of the capitalised run after a title (unit + maybe a name).

        A short bracketed abbreviation inside the run ("(BKPSDM)") is stepped over; the run
        never crosses a paragraph break.
        """
        doc, n = self.doc, len(self.doc)
        j = b
        while j < n and not self._breaks(j):
            tok = doc[j]
            if tok.text == "(":
                after = self._paren_end(j)
                if after == j:
                    break
                j = after
                continue
            if tok.text[:1].isupper() and tok.text.lower() not in DAY_NAMES and not tok.is_punct:
                j += 1
            elif (tok.text == "-" and j > b and not doc[j - 1].whitespace_ and j + 1 < n
                  and doc[j + 1].text[:1].isupper()):  # fmt: skip
                j += 1  # "KemenPAN-RB"
            elif tok.text == "." and j > b and doc[j - 1].text.lower() in self.vocab.ranks:
                j += 1  # "Ir." "Dr." written as two tokens
            elif j > b and self._all_of_area(j):
                j += 1  # "Ketua BPD se Kecamatan Ratatotok": the heads of every village of the district
            elif self._lower_unit_word(j):
                j += 1  # "Staf Khusus Presiden bidang Komunikasi ...": a unit word in lower case
            elif j > b and _glued_particle(doc, j):
                j += 3  # "Perdana Menteri Nuri al-Maliki"
            elif (tok.text.lower() in NAME_PARTICLES and j > b and j + 1 < n and doc[j + 1].text[:1].isupper()
                  and doc[j - 1].text[:1].isupper()):  # fmt: skip
                j += 1  # "Budi bin Ahmad", "Erik ten Hag"
            elif tok.text.lower() in self.vocab.ranks and j + 1 < n and doc[j + 1].text[:1].isupper():
                j += 1  # "Kepala Dinas Kesehatan Kota Depok dr. Novarita": a lower-case honorific
            elif self._unit_number_end(j) > j:
                j = self._unit_number_end(j)
            elif j > b and self._period_end(j) > j:
                j = self._period_end(j)  # "Ketua Umum Gaikindo periode 2016-2019 Johannes ..."
            elif tok.text == "," and self._unit_word_at(j + 1):
                j += 1  # a unit listing its fields: "Divisi Pencegahan, Partisipasi Masyarakat, dan ..."
            elif tok.text == "dari" and j > b and (self._unit_word_at(j + 1) or self._group_at(j + 1)):
                j += 1  # "Anggota Komisi II DPR dari Fraksi Partai Golkar": the member's faction
            elif tok.text == "," and self._enumeration_end(j) > j:
                j = self._enumeration_end(j)  # "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)"
            elif (tok.text in ("dan", "&") and j + 1 < n and doc[j + 1].text[:1].isupper()
                  and doc[j - 1].text != ")"
                  and doc[j + 1].text.lower() not in self.vocab.titles
                  and not (doc[j + 1].ent_type_ == "TITLE" and doc[j + 1].ent_iob_ == "B")):  # fmt: skip
                j += 1
            else:
                break
        while j > b and doc[j - 1].text == ")":  # a run ending in "(Mendagri)": keep it out
            j = self._paren_start(j - 1)
        return j

    def _all_of_area(self, j: int) -> bool:
        """Is token ``j`` the "se" of "se Kecamatan X" / "se-Kabupaten X" (all the units of an
        area), a word of the title's unit, never of a person's name?"""
        doc, n = self.doc, len(self.doc)
        k = j + 2 if j + 2 < n and doc[j + 1].text == "-" else j + 1
        return doc[j].text.lower() == "se" and k < n and doc[k].text.lower() in _ADMIN_LEVELS

    def _group_at(self, j: int) -> bool:
        """Is token ``j`` a group's noun written capitalised before the group's name ("dari Tim
        Mitigasi PB IDI", "dari Panitia Pemilihan")?  Not a unit word alone: "Tim" is a name too."""
        doc, n = self.doc, len(self.doc)
        return (j + 1 < n and doc[j].text[:1].isupper() and doc[j].text.lower() in _GROUP_NOUNS
                and doc[j + 1].text[:1].isupper())  # fmt: skip

    def _lower_unit_word(self, j: int) -> bool:
        """Is token ``j`` a unit word in lower case between capitalised words of a title of two
        words at least ("Wakil Ketua DPR bidang Korpolkam", "Staf Khusus Presiden bidang
        Komunikasi"; not "Ketua kelas Budi")?"""
        doc, n = self.doc, len(self.doc)
        tok = doc[j]
        if not (j >= 2 and j + 1 < n and tok.text in _lower_units()):
            return False
        before = doc[j - 1].text.isupper() or doc[j - 2].text[:1].isupper()
        return before and doc[j - 1].text[:1].isupper() and doc[j + 1].text[:1].isupper()

    def _period_end(self, j: int) -> int:
        """After a term of office written at ``j`` ("periode 2016-2019", "masa bakti
        2020–2025"), the token after its years; else ``j``."""
        doc, n = self.doc, len(self.doc)
        k = j + 1 if j < n and doc[j].text.lower() == "periode" else j
        term = j + 1 < n and doc[j].text.lower() == "masa" and doc[j + 1].text.lower() in ("bakti", "jabatan")
        if k == j and term:
            k = j + 2
        if k == j or k >= n or not re.fullmatch(r"(?:19|20)\d\d", doc[k].text):
            return j
        k += 1
        if k + 1 < n and doc[k].text in ("-", "–", "/") and re.fullmatch(r"(?:19|20)\d\d", doc[k + 1].text):
            k += 2
        return k

    def _enumeration_end(self, j: int) -> int:
        """After the comma at ``j``, the end of a unit's list of fields closed by its bracketed
        abbreviation (", Klimatologi, dan Geofisika (BMKG)"), else ``j``.  The abbreviation
        tells the words are the unit's, not a person's: "Bupati Bogor, Ade Yasin, dan ..."
        names a person."""
        doc, n = self.doc, len(self.doc)
        k, joined = j + 1, False
        while k < n:
            if doc[k].text == "dan":
                k, joined = k + 1, True
            start = k
            while k < n and k - start < 3 and doc[k].text[:1].isupper() and doc[k].text.isalpha():
                k += 1
            if k == start:
                return j
            if joined:
                break
            if k < n and doc[k].text == ",":
                k += 1
            elif k >= n or doc[k].text != "dan":
                return j
        return k if joined and self._paren_end(k) > k else j

    def _appositive_start(self, a: int) -> int | None:
        """The token after the name in "N, T", "N selaku T", "N, yang juga T", "N yang merupakan
        T" (the words linking a name to the title at ``a``), or None."""
        doc = self.doc
        k = a
        words = 0
        while k > 0 and words < 3 and doc[k - 1].text.lower() in _APPOSITIVE_WORDS and not self._breaks(k):
            k -= 1
            words += 1
        if words and k > 0 and doc[k - 1].text == "," and not self._breaks(k):
            k -= 1
        elif not words:
            if a >= 1 and doc[a - 1].text in {",", "selaku"} and not self._breaks(a):
                k = a - 1
            else:
                return None
        elif doc[a - 1].text.lower() == "juga" and doc[k].text.lower() != "yang":
            return None
        return k if k >= 1 else None

    def _place_segment_end(self, j: int) -> int:
        """End of a place written in commas after a title ("Kota Medan", "Sumatera Utara",
        "Nusa Tenggara Timur (NTT)", "Kecamatan Lembang"), else ``j``."""
        doc, n = self.doc, len(self.doc)
        k = j
        if k < n and doc[k].text.lower() in _ADMIN_LEVELS:
            k += 1
            while k < n and k - j <= 4:
                # "Kelurahan 15 Ulu": a number inside the area's name, a word of it after it
                numbered = doc[k].text.isdigit() and k + 1 < n and doc[k + 1].text[:1].isupper()
                if not (doc[k].text[:1].isupper() or numbered) or doc[k].text.lower() in self.vocab.ranks:
                    break
                k += 1
            return self._paren_end(k) if k > j + 1 else j
        region = self._region_len(k) if k < n else 0
        return self._paren_end(k + region) if region else j

    def _unit_number_end(self, j: int) -> int:
        """End of a unit's number right after a unit word ("Kodim 0611/Garut", "Danramil
        1710-01/Mimika Baru"): digits joined by "-" and "/" without spaces, else ``j``."""
        doc, n = self.doc, len(self.doc)
        prev = doc[j - 1] if j > 0 else None
        if prev is None or not (doc[j].text.isdigit() and 1 <= len(doc[j].text) <= 4):
            return j
        acronym = prev.text.isalpha() and prev.text.isupper() and len(prev.text) > 2  # "SMAN 1", "SDN 3"
        if len(doc[j].text) == 1 and not (acronym or prev.text.lower() in self.vocab.unit_words):
            return j  # "SMP Negeri 2", "SMAN 1"; not a lone digit after any word
        if not (prev.text.lower() in self.vocab.unit_words or prev.ent_type_ == "TITLE" or prev.text == ")"
                or acronym):  # fmt: skip
            return j
        k = j + 1
        while k < n and not doc[k - 1].whitespace_ and (doc[k].text in "-/" or doc[k].text.isdigit()):
            k += 1
        if k < n and doc[k - 1].text == "/" and not doc[k - 1].whitespace_ and doc[k].text[:1].isupper():
            k += 1  # "Korem 043/Gatam": the word glued after the slash names the unit
        return k

    def _unit_word_at(self, j: int) -> bool:
        """Is token ``j`` (or the one after a "dan" at ``j``) a capitalised unit word?  A
        person's name is never one, so a comma before it does not end the title (but a place
        in commas, "Kepala Desa Cibodas, Kecamatan Lembang", does)."""
        doc, n = self.doc, len(self.doc)
        if j < n and doc[j].text == "dan":
            j += 1
        if j < n and doc[j].text.lower() in _ADMIN_LEVELS:
            return False
        if _prefix_len(doc, j):
            return False  # ", Lalu Mustiadi ...", ", I Gusti Agung ...": a name, not "Lalu Lintas" or "I"
        return (j < n and not self._breaks(j) and doc[j].text[:1].isupper()
                and doc[j].text.lower() in self.vocab.unit_words)  # fmt: skip

    def _lower_unit_apposition(self, a: int, b: int) -> Official | None:
        """The official of "N, kepala divisi vaksin WHO, ...": a lower-case title whose unit is
        written in lower case (a unit word, a few words of its field, maybe the body's name),
        closed by a comma or a stop and said of the name of two words at least before it."""
        doc, n = self.doc, len(self.doc)
        if b >= n or doc[b].text not in self.vocab.unit_words or not doc[b].text.islower():
            return None
        j = b + 1
        while (j < n and j - b <= _FIELD_WORDS and doc[j].text.isalpha() and doc[j].text.islower()
               and doc[j].text not in _FIELD_STOP and not _VERB_LIKE.fullmatch(doc[j].text)):  # fmt: skip
            j += 1
        end = self._unit_run(j)
        if end == b + 1 or end >= n or doc[end].text not in {",", "."}:
            return None  # "Budi, ketua kelas, ...": a unit word alone names no body
        link = self._appositive_start(a)
        if link is None or doc[link].text != ",":
            return None
        span = _read_name(doc, link - 1, forward=False)
        if not span or span[1] != link or span[1] - span[0] < 2:
            return None
        before = doc[span[0] - 1] if span[0] > 0 else None
        if before is not None and before.text[:1].isupper() and before.text.lower() not in _NOT_NAME:
            return None
        return self._make(a, end, span[0], span[1], span[0], end)

    def _bracketed(self, a: int) -> Official | None:
        """The official of "N (T)": a title filling the bracket opened right before token ``a``
        and a name of two words at least before the bracket, itself after a lower-case word,
        a comma or a sentence start (so never the end of a unit: "043/Garuda Hitam (Danrem")."""
        doc = self.doc
        close = self._paren_end(a - 1) - 1
        if a < 3 or doc[close].text != ")":
            return None
        span = _read_name(doc, a - 2, forward=False)
        if not span or span[1] != a - 1 or span[1] - span[0] < 2:
            return None
        before = doc[span[0] - 1] if span[0] > 0 else None
        if before is not None and not (before.text in {",", ".", ":"} or before.text.islower()):
            return None
        return self._make(a, close, span[0], span[1], span[0], close + 1)

    def _rank_before_name(self, a: int) -> bool:
        """Is the title word at ``a`` part of a rank written in full before a person's name
        ("Ajun Komisaris Dedi", "Inspektur Jenderal Suntana"), not a title before its unit
        ("Inspektur Jenderal Kemendagri", "Komisaris PT Jaya")?"""
        doc, n = self.doc, len(self.doc)
        if not _is_rank(doc, a):
            return False
        k = a
        while k < n and _is_rank(doc, k):
            k += 1
        return (k < n and _name_word_ok(doc[k]) and self._inst_end_at(doc[k].idx) is None
                and doc[k].text not in self.vocab.abbreviations)  # fmt: skip

    def _bracket_title_before(self, a: int) -> Official | None:
        """The official of "(T) N": a writer's gloss in brackets before a name inside a
        sentence ("seperti (Menteri Keuangan) Sri Mulyani"), the bracket filled by the title
        and its unit alone, then a name of two words at least that ends there."""
        doc, n = self.doc, len(self.doc)
        close = self._paren_end(a - 1) - 1
        if doc[close].text != ")" or self._unit_run(a + 1) < close or close + 1 >= n:
            return None
        before = doc[a - 2] if a >= 2 else None
        if before is not None and before.text[:1].isupper() and before.text.lower() not in _NOT_NAME:
            return None  # "Budi (Kepala Dinas) Santoso": not a gloss before a name
        span = _read_name(doc, close + 1)
        if not span or span[0] != close + 1 or span[1] - span[0] < 2:
            return None
        if span[1] < n and doc[span[1]].text[:1].isupper() and not self._breaks(span[1]):
            return None
        return self._make(a, close, span[0], span[1], a - 1, span[1])

    def _sentence_noun(self, k: int) -> bool:
        """Is token ``k`` a pe-/ke-...-an noun opening a sentence ("Pemeriksaan HM Prasetyo ...")?
        Inside a sentence such a word may be part of a place ("Kepulauan Seribu")."""
        opens = k == 0 or self._breaks(k) or self.doc[k - 1].text in {".", "!", "?", '"', "“", "”"}
        return opens and bool(_AFFIXED_NOUN.fullmatch(self.doc[k].text.lower()))

    def _rank_start(self, a: int) -> int:
        """First token of the ranks and honorifics written right before token ``a``."""
        while a > 0 and (_is_rank(self.doc, a - 1) or self.doc[a - 1].text == "."):
            a -= 1
        return a

    def _paren_start(self, close: int) -> int:
        j = close
        while j > 0 and self.doc[j].text != "(":
            j -= 1
        return j

    def _person_split(self, b: int, e: int) -> int | None:
        """In a long ``T N`` run (an organisation or country of unknown words, then the
        name: "Pelatih Real Madrid Zinedine Zidane", "Presiden Amerika Serikat Donald Trump"),
        the token where the name begins when the statistical NER tags a person ending the run.
        (A word used elsewhere as a name is no guide: that is often the surname alone.)  None
        when the NER does not tell: the vocabulary rules decide."""
        doc = self.doc
        words = [k for k in range(b, e) if doc[k].text[:1].isupper()]
        if len(words) < 3:
            return None
        run_start, run_end = doc[b].idx, doc[e - 1].idx + len(doc[e - 1].text)
        spans = self._ner_spans(run_start, run_end, ("PER", "ORG", "LOC", "GPE"))
        for s, end, label in spans:
            if label != "PER" or not (run_start < s and abs(end - run_end) <= 1):
                continue
            k = next((k for k in range(b + 1, e) if doc[k].idx == s), None)
            if k is None or e - k > 5:
                continue
            return k
        return None

    def _east_asian_name(self, i: int, e: int) -> bool:
        """Do tokens ``i:e`` hold exactly a name of two or three words beginning with a Korean,
        Chinese or Vietnamese surname ("Kim Jong Jin", "Shin Tae-yong")?  After a title that
        takes a club or a place ("pelatih", "Presiden") the first unknown word would otherwise
        be read as the club's."""
        span = _read_name(self.doc, i)
        words = [t for t in self.doc[i:e] if t.text[:1].isupper()]
        return span == (i, e) and 2 <= len(words) <= 3

    def _name_not_place(self, i: int, e: int, head) -> bool:
        """Do the capitalised words ``i:e`` right after a title that takes a place begin with a
        person's name rather than a place ("Gubernur Anies Baswedan", "Wakil Gubernur Yusuf
        Effendi" vs "Wali Kota Sawahlunto Deri")?

        The first word must be no region, district or country the vocabulary and the code list
        know, and the text must never write it as a place ("di Kukar", "Kabupaten Kukar").  Then
        after a title above the village (``local_titles.txt``), whose places the code list
        holds, two words are a name; after a village title only when the NER tags the two words
        as one person.
        """
        doc = self.doc
        first = doc[i].text
        known = any(regions.candidates(first, level=level) for level in (1, 2, 3))
        if known or self._region_len(i) or self._country_len(i) or self._written_as_place(first):
            return False
        if head is not None and head.form.lower() not in _local_titles():
            # of three words or more, the first may be a foreign place ("Gubernur New South
            # Wales", "Gubernur Tokyo Yuriko Koike"): the rules and the NER split those
            return e - i == 2
        if e - i != 2:
            return False
        start, end = doc[i].idx, doc[i + 1].idx + len(doc[i + 1].text)
        return any(s <= start and end <= e for s, e, _ in self._ner_spans(start, end))

    def _written_as_place(self, word: str) -> bool:
        """Does the text write ``word`` as a place: an area ("Kabupaten X"), after a
        preposition of place or a local government ("di X", "Pemkab X")?"""
        before = r"di|ke|dari|asal|warga|Pemkab|Pemkot|Pemprov|Polres|Polresta|Kodim|DPRD|Kapolres|Dandim"
        return self._named_as_area(word) or bool(
            re.search(r"\b(?:" + before + r")\s+" + re.escape(word) + r"(?![\w-])", self.text)
        )

    def _tagged_unit(self, a: int, b: int) -> bool:
        """Are tokens ``a:b`` inside an organisation or place the NER tags ("Real Madrid")?"""
        doc = self.doc
        spans = self._ner_spans(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), ("ORG", "LOC", "GPE"))
        return all(any(s <= doc[k].idx < end for s, end, _ in spans) for k in range(a, b))

    def _split_unit_name(self, b: int, e: int) -> int:
        """In ``T N`` (tokens b..e after the title head), the index where the name begins.

        Institution names, known regions, unit words and acronyms belong to the title; a rank
        or honorific starts the name; one unknown capitalised word right after a head that
        takes a place ("Wali Kota Sawahlunto Deri ...", "Kantor Imigrasi Pemalang Dwi ...") is
        a place, unless the text uses that word elsewhere as a person's name.
        """
        doc = self.doc
        head = self.vocab.titles.get(doc[b - 1].ent_id_)  # the last title word before the run
        self.guessed_place = False
        ranks = self.vocab.ranks
        for k in range(b, e - 1):  # a rank or honorific inside the run starts the name
            if _is_rank(doc, k) and (k == b or not _is_rank(doc, k - 1)) and not _hyphen_unit(doc, k):
                named = any(doc[j].text.lower() not in ranks and doc[j].text != "." for j in range(k + 1, e))
                if k > b and named:
                    return k
        i = b
        after_period = -1  # the token after a term of office ("periode 2016-2019")
        while i < e:
            low = doc[i].text.lower()
            prefix = _prefix_len(doc, i)
            if prefix and (i > b or prefix > 1 or doc[i].text.isupper()) and i + prefix < e:
                break  # "Camat Praya Barat Lalu Muhammad ...", "Sekda FX Hadi", "... I Ketut ...": the name
            if doc[i].text in _east_asian_surnames() and self._east_asian_name(i, e):
                break  # "pelatih Kim Jong Jin": a surname and its given names, not a club
            if _hyphen_unit(doc, i):
                i += 3  # "Kasat Pol-PP Jhony ...": a unit's word joined to an acronym
                continue
            if low in _TITLE_QUALIFIERS and doc[i].text[:1].isupper() and i + 1 < e:
                i += 1  # "Presiden Terpilih Joko Widodo": the title's qualifier, not the name
                continue
            if i > b and self._period_end(i) > i:
                i = after_period = self._period_end(
                    i
                )  # "... periode 2016-2019 Johannes ...": the title's term
                continue
            if i > b and self._all_of_area(i):
                i += 1  # "... se Kecamatan Ratatotok ...": the area's words follow
                continue
            if i + 2 < e and self._lower_unit_word(i):
                i += 2  # "... Presiden bidang Komunikasi ...": a unit word in lower case and its field
                continue
            if low in ("dan", "&") and i > b and i + 2 < e:
                i += 2  # "Direktur Pemasaran dan Niaga ...": the word after "dan" is the unit's
                continue
            if low == "dari" and i > b and i + 1 < e and doc[i + 1].text in _FROM_UNITS:
                i += 1  # "... DPR RI dari Fraksi PDIP ..."
                continue
            if low in (",", "dan") and i > b and i + 1 < e and self._unit_word_at(i + 1):
                i += 1  # "Biro Humas, Hukum, dan Kerja Sama ...": the unit lists its fields
                continue
            if low == "(" and self._paren_end(i) > i:  # "Menteri Perdagangan (Mendag) Gita ..."
                i = self._paren_end(i)
                continue
            if low in self.vocab.ranks and i + 1 < e:
                break
            inst_end = self._inst_end_at(doc[i].idx)
            if inst_end is not None:
                while i < e and doc[i].idx < inst_end:
                    if i > b and _prefix_len(doc, i) > 1:
                        return i  # "Dinas Pariwisata Ni Luh Putu ...": a greedy match ran into the name
                    region = self._region_len(i) if i > b else 0
                    if i > b and doc[i - 1].text.lower() in _ADMIN_LEVELS:  # "Kecamatan Cibinong Budi ..."
                        district = 1 if regions.candidates(doc[i].text, level=3) else 0
                        region = self._local_area_len(i, e) or district or region
                    if region and i + region < e and doc[i + region].idx < inst_end:
                        # "Dinas Pendidikan Jawa Barat Budi ...": a greedy institution match
                        # that runs past its place into the name ends with the place
                        if doc[i + region].text.lower() not in self.vocab.unit_words:
                            i += region
                            break
                    i += 1
                continue
            at_place = (i == b and head is not None and head.takes_place) or (
                i > b and doc[i - 1].text.lower() in self.vocab.unit_takes_place
            )
            local = self._local_area_len(i, e) if at_place else 0
            if local:  # "Camat Medan Johor Zulfadli ...": a kecamatan of two words, not a city
                i += local
                continue
            region = self._region_len(i) or self._country_len(i)
            if region and i + region <= e:
                i += region
                continue
            # "Direktur PT Sinar Jaya Abadi Budi Hartono": a company's words run on after "PT"/"CV"
            # up to the last two words, the name (a comma after the company is read elsewhere)
            company = i > b and doc[i - 1].text in _COMPANY_FORMS and e - i > 2
            if company:
                if self._paren_end(e) > e:
                    return e  # "PT Isuzu Astra Motor Indonesia (IAMI)": the company's short form, no name
                while i < e - 2:
                    i += 1
                self.guessed_place = True
                break
            if i > b and doc[i - 1].text in _COMPANY_FORMS:
                i += 1  # "PT Hutchison 3 Indonesia": the word after "PT" names the company, never a person
                continue
            article = i > b + 1 and doc[i - 1].text.lower() in ("al", "el")  # "Yayasan Al Azhar"
            org_before = doc[i - 2 if article else i - 1].text.lower() in self.vocab.unit_takes_org
            if i > b and org_before:
                i += 1  # "PT Pertamina", "Dewan Pers": the body's own name, never the person
                continue
            acronym = doc[i].text.isalpha() and doc[i].text.isupper() and len(doc[i].text) > 1
            glued = i > b and doc[i - 1].text == "/" and not doc[i - 1].whitespace_
            if doc[i].text.isdigit() or doc[i].text in ("-", "/") or glued:  # "Kodim 0611/Garut"
                i += 1
                continue
            faction = low == "dari" and i > b and self._unit_word_at(i + 1)  # "DPR dari Fraksi PKB"
            # an unknown word followed by a unit word is the unit's own name ("Telkom University")
            named_unit = (
                i + 2 < e
                and doc[i + 1].text.lower() in self.vocab.unit_words
                and doc[i + 1].text[:1].isupper()
            )
            if low in self.vocab.unit_words or acronym or faction or named_unit:
                i += 1
                continue
            comma = i if doc[i].text == "," else i + 1
            if comma < e and doc[comma].text == "," and self._enumeration_end(comma) > comma:
                i = self._enumeration_end(comma)  # "Meteorologi, Klimatologi, dan Geofisika (BMKG)"
                continue
            takes_place = (i == b and head is not None and head.takes_place) or (
                i > b
                and (
                    doc[i - 1].text.lower() in self.vocab.unit_takes_place
                    or (doc[i - 1].text.isdigit() and i != after_period)
                )
            )  # "SDN 3 Cibinong", "Kodim 0611 Garut": the place of a numbered unit
            takes_org = i == b and head is not None and head.takes_org and e - i >= 3
            if takes_org or (
                takes_place
                and e - i >= 2
                and not self._used_as_name(doc[i].text, doc[i].idx)
                and not (i == b and self._name_not_place(i, e, head))
            ):
                self.guessed_place = True
                i += 1
                if i < e and doc[i].text in ("Utara", "Selatan", "Timur", "Barat", "Tengah", "Pusat"):
                    i += 1
                continue
            break
        return i

    def officials(self) -> list[Official]:
        doc, text = self.doc, self.text
        ents = [ent for ent in doc.ents if ent.label_ == "TITLE"]
        found: list[Official] = []
        k = 0
        while k < len(ents):
            a, b, role = self._title_chain(k, ents)
            k += 1
            while k < len(ents) and ents[k].start < b:
                k += 1
            if self._in_headline(doc[a].idx) or self._rank_before_name(a):
                continue  # a headline; a rank written in full ("Ajun Komisaris", "Inspektur Jenderal")
            if a > 0 and doc[a - 1].text == "(" and self._paren_end(a - 1) > a:
                # "Budi Santoso (Kepala Dinas Pendidikan)": the title of the name before the
                # bracket; "(Danrem 043/Gatam)" after a title is its short form, not a new one
                bracketed = self._bracketed(a) or self._bracket_title_before(a)
                if bracketed:
                    found.append(bracketed)
                continue
            b = self._field_end(b)
            lower = not text[doc[a].idx].isupper()
            if (a > 0 and not self._breaks(a) and doc[a - 1].text[:1].isupper()
                    and (doc[a - 1].text.lower() in self.vocab.unit_words
                         or doc[a - 1].text.lower() in _EVENT_NOUNS)):  # fmt: skip
                continue  # inside a unit's or a meeting's name ("Badan ... Kepala", "Rapat Pimpinan")
            official = self._read_at(a, b, role, lower)
            if official:
                found.append(official)
        return found

    def _make(self, a: int, t_end_tok: int, name_a: int, name_b: int, start_tok: int, end_tok: int
              ) -> Official | None:  # fmt: skip
        doc = self.doc
        title = _clean_title(doc[a:t_end_tok].text)
        name = _name_text(doc, name_a, name_b)
        if not name or not title:
            return None
        title = _expand_title(title)
        start = doc[start_tok].idx
        end = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        official = Official(name, title, institution_in(title), start, end, doc[name_a].idx, [title])
        alias = self._alias_at(name_b)
        if alias:
            official.aliases.append(alias)
        return official

    def _alias_at(self, j: int) -> str | None:
        """The short name in brackets right after a name ending before token ``j`` ("Basuki
        Tjahaja Purnama (Ahok)", "Jusuf Kalla (JK)"), or None."""
        end = self._paren_end(j)
        if end == j or end - j > 4:
            return None
        alias = self.doc[j + 1 : end - 1].text.strip()
        return alias if alias and not any(ch.isdigit() for ch in alias) else None

    def _read_at(self, a: int, b: int, role: str, lower: bool = False) -> Official | None:
        """The official a title at tokens ``a:b`` introduces, in one of the forms of the module
        docstring, or None.  ``lower``: the title is written in lower case ("pelatih Arsenal
        Arsene Wenger"); it counts only with a name the rules read, never through the NER."""
        doc, n = self.doc, len(self.doc)
        run_end = self._unit_run(b)
        nxt = self._paren_end(run_end)
        before_title = self.text[max(0, doc[a].idx - 30) : doc[a].idx]
        # after a saying verb or "oleh" ("dibuka oleh ketua panitia, N") a title names the speaker
        said = _SAYING.search(before_title) or re.search(r"\boleh\s+$", before_title)
        bare = role == "needs_unit" and b - a == 1 and run_end == b  # "ketua" with nothing after it
        said_end = nxt  # lower-case words of the unit: "kata ketua tim peneliti, Ratna ..."
        while (said and said_end < n and said_end - nxt < _FIELD_WORDS and doc[said_end].text.isalpha()
               and doc[said_end].text.islower() and doc[said_end].text not in _FIELD_STOP
               and not _VERB_LIKE.fullmatch(doc[said_end].text)):  # fmt: skip
            said_end += 1
        bare = bare and said_end == nxt
        if (
            said
            and not bare
            and said_end < n
            and doc[said_end].text == ","
            and not self._breaks(said_end + 1)
        ):
            # '," kata ketua tim, Yulisyah Putri Daulay.': after a saying verb a title in commas
            # introduces the speaker, whatever the unit; a name of two words at least
            span = _read_name(doc, said_end + 1)
            if span and span[1] - span[0] >= 2 and (span[1] >= n or not doc[span[1]].text[:1].isupper()
                                                    or doc[span[1]].text in {",", ".", "("}):  # fmt: skip
                return self._make(a, said_end, span[0], span[1], a, span[1])
        if lower and role != "needs_unit" and run_end == b and b + 1 < n and doc[b].text in _POSSESSORS:
            # "menggantikan pelatih fisik mereka Budi Santoso yang pindah": whose title, then the name
            span = _read_name(doc, b + 1)
            if (span and span[0] == b + 1 and span[1] - span[0] >= 2
                    and (span[1] >= n or not doc[span[1]].text[:1].isupper())):  # fmt: skip
                return self._make(a, b + 1, span[0], span[1], a, span[1])
        if role == "modifier" and run_end == b:
            return None
        if role == "needs_unit" and run_end == b:
            # "kata ketua tim, Yulia Putri": a group written in lower case, then the name in commas
            group = b if b < n and doc[b].text in _GROUP_NOUNS else b - 1  # "ketua" + "tim", or "ketua tim"
            if group + 2 < n and doc[group].text in _GROUP_NOUNS and doc[group + 1].text == ",":
                span = _read_name(doc, group + 2)
                if span and span[1] - span[0] >= 2 and (span[1] >= n or not doc[span[1]].text[:1].isupper()):
                    return self._make(a, group + 1, span[0], span[1], a, span[1])
            if lower:
                return self._lower_unit_apposition(a, b)
            return None  # "Kepala" with no unit after it is not a title
        # T, N  (a comma after the unit: any capitalised unit is read, "Direktur Juve, Giuseppe");
        # places in commas may stand between: "Camat Medan Johor, Kota Medan, Sumatera Utara, Budi"
        comma = nxt
        if comma + 1 < n and doc[comma].text.lower() in _TITLE_QUALIFIERS and doc[comma + 1].text == ",":
            comma += 1  # "Ketua DPRD Kota Bekasi sementara, Saifuddin Zuhri"
        then = comma + 2 < n and doc[comma].text in _THEN and doc[comma + 1].text == "itu"
        if then and doc[comma + 2].text == ",":
            comma += 2  # "Wali Kota Solo saat itu, Joko Widodo": the holder then
        while comma < n and doc[comma].text == "," and self._place_segment_end(comma + 1) > comma + 1:
            after = self._place_segment_end(comma + 1)
            if after >= n or doc[after].text != ",":
                break
            comma = after
        # "menetapkan Budi sebagai calon bupati, Andi ...": a title said of a name before it
        # ends that clause; the name after the comma opens the next one (but "Bertindak
        # sebagai pembina apel, Sekda Budi": a sentence opening so names who follows)
        pred = _PREDICATIVE.search(self.text[max(0, doc[a].idx - 50) : doc[a].idx])
        predicative = (
            pred is not None and pred.group(1) not in _NOT_NAME_CAP and pred.group(1).lower() not in _NOT_NAME
        )
        # "istri Gubernur Jawa Barat, Rina ...": the name after the comma is the governor's wife
        dependant = a > 0 and doc[a - 1].text.lower() in _dependant_nouns()
        if (comma < n and doc[comma].text == "," and not self._breaks(comma + 1) and not predicative
                and not dependant):  # fmt: skip
            span = _read_name(doc, comma + 1)
            after = span[1] if span else n
            while after < n and _is_degree(doc[after].text):  # "Sri Lestari MSi, ..."
                after += 1
            if span and (after >= n or self._breaks(after) or not doc[after].text[:1].isupper()
                         or doc[after].text in {",", ".", "(", ")", "\"", "”"}):  # fmt: skip
                return self._make(a, run_end, span[0], span[1], a, span[1])
        ranked = any(doc[k].text.lower() in self.vocab.ranks for k in range(b + 1, run_end))
        unit_ok = role != "needs_unit" or (
            doc[b].text.lower() in self.vocab.unit_words
            or self._inst_end_at(doc[b].idx)
            or self._region_len(b)
            or self._country_len(b)  # "Pemimpin Korea Utara Kim Jong Un"
            or (doc[b].text.isalpha() and doc[b].text.isupper() and len(doc[b].text) > 1)
            or ranked  # "Kepala Penerangan Lanud Iswahjudi Mayor Sus Dwi": the rank marks the name
        )
        # "Jose Mourinho, manajer Manchester United, ...": a lower-case title after a name and a
        # comma is said of that name; the capitalised words after it are its club, not a person
        closed = nxt >= n or doc[nxt].text in {",", ".", ";"} or self._breaks(nxt)  # the title ends a clause
        link = self._appositive_start(a) if lower and closed else None
        if lower and link is None:  # "MacPhee yang merupakan pelatih set-piece Villa": the club, not a name
            link = self._appositive_start(a)
            link = link if link is not None and doc[link].text.lower() in _APPOSITIVE_WORDS else None
        if lower and a >= 2 and doc[a - 1].text in ("(", "[") and nxt < n and doc[nxt].text in (")", "]"):
            link = a - 1  # "Achsanul Qosasi [pemilik Madura United]"
        if link is not None:
            span = _read_name(doc, link - 1, forward=False)
            before = doc[span[0] - 1] if span and span[0] > 0 else None
            if (
                span
                and span[1] - span[0] >= 2
                and (before is None or not before.text[:1].isupper() or before.text.lower() in _NOT_NAME)
            ):
                return self._make(a, run_end, span[0], span[1], span[0], run_end)
        # T N  (after "Kepala", "Ketua" ... only with a unit the vocabulary knows or an acronym)
        # "Gubernur DKI Jakarta Basuki Tjahaja Purnama (Ahok) mendukung": a bracket after a name
        # of two words or more is the person's short name, not the unit's abbreviation
        aliased = nxt > run_end and (nxt >= n or not doc[nxt].text[:1].isupper())
        if unit_ok and run_end > b and (nxt == run_end or aliased) and not self._possessed(a, b):
            split = self._split_unit_name(b, run_end)
            # three name words or more may hold a word of the unit ("Real Madrid Zinedine Zidane")
            long_name = run_end - split >= 3 and doc[split].text.lower() not in self.vocab.ranks
            person = self._person_split(b, run_end) if long_name else None
            if (
                person is not None
                and person > split
                and not _prefix_len(doc, split)  # "FX Hadi": the name's own initials
                and self._tagged_unit(split, person)
                and not any(doc[k].text.lower() in self.vocab.ranks for k in range(split, person))
            ):  # the rules took a word of the unit as the name
                split, self.guessed_place = person, False
            if split < run_end and not (role == "needs_unit" and split == b):
                span = _read_name(doc, split)
                # "Budi SH MM", "Wisnu SpPD-KEMD": degrees, and a sub-specialty joined to one
                rest = self.doc[span[1] : run_end] if span else []
                degrees_after = span and all(
                    _is_degree(t.text) or (k > 0 and (t.text == "-" or t.text.isupper()))
                    for k, t in enumerate(rest)
                )
                confirmed = span and self._name_confirmed(span, split == b, b, lower)
                two_words = span and span[1] - span[0] >= 2
                if (
                    span
                    and (span[1] == run_end or degrees_after)
                    and confirmed
                    and (nxt == run_end or two_words)
                ):
                    return self._make(a, split, span[0], span[1], a, span[1])
        # N, T  /  N selaku T  /  N, yang juga T
        link = self._appositive_start(a)
        if link is not None:
            span = _read_name(doc, link - 1, forward=False)
            bare = doc[link].text not in {",", "selaku"}  # "Warga yang juga Ketua RT": a noun, not a name
            first = self._rank_start(span[0]) if span else 0  # "Letkol Adm Budi, Kepala ...": ranks before
            whole = span and (first == 0 or self._breaks(first) or not doc[first - 1].text[:1].isupper()
                              or doc[first - 1].text.lower() in _NOT_NAME
                              or self._sentence_noun(first - 1))  # fmt: skip
            place = first > 0 and doc[first - 1].text.lower() in _PLACE_PREPOSITIONS  # "di Istana, Mendagri"
            if span and whole and not place and not (bare and span[1] - span[0] < 2):
                return self._make(a, run_end, span[0], span[1], span[0], run_end)
        if lower:
            return None
        # a title and no name the rules can read: ask the statistical NER, but only if a
        # capitalised word stands next to the title ("Wali Kota minta ..." has no name to find)
        t_end = doc[run_end - 1].idx + len(doc[run_end - 1].text)
        near = _NEAR.match(self.text, t_end)
        next_char = self.text[near.end() : near.end() + 1] if near else ""
        before = a >= 2 and doc[a - 1].text == "," and doc[a - 2].text[:1].isupper()
        if not (next_char.isupper() or before):
            return None
        near_person = self._ner_person_near(doc[a].idx, t_end)
        if near_person and near_person[1] <= doc[a].idx and self._after_title_run(near_person[0]):
            near_person = None  # "Ketua DPR Ali Taher, Ketua MUI ...": Ali is the DPR's, a list follows
        if near_person and near_person[0] >= t_end and (predicative or dependant):
            near_person = None  # "Pak Andi sebagai Ketua RW, Budi ...": the title is Andi's
        if near_person and near_person[0] >= t_end and self._possessed(a, run_end):
            near_person = None if "," not in self.text[t_end : near_person[0]] else near_person
        if near_person:
            name = text_strip(self.text[near_person[0] : near_person[1]])
            title = _expand_title(_clean_title(doc[a:run_end].text))
            if name and not any(w.lower() in DAY_NAMES for w in name.split()) and not _area_phrase(name):
                start, end = min(doc[a].idx, near_person[0]), max(t_end, near_person[1])
                return Official(name, title, institution_in(title), start, end, near_person[0], [title])
        return None


@lru_cache(maxsize=1)
def _lower_units() -> frozenset[str]:
    """Subdivision words written in lower case inside a title (``lower_units.txt``)."""
    return frozenset(read_lines("lower_units.txt"))


@lru_cache(maxsize=1)
def _local_titles() -> frozenset[str]:
    """Titles of a village or a unit whose places the code list lacks (``local_titles.txt``)."""
    return frozenset(line.lower() for line in read_lines("local_titles.txt"))


@lru_cache(maxsize=1)
def _east_asian_surnames() -> frozenset[str]:
    """Common Korean, Chinese and Vietnamese surnames written first (``east_asian_surnames.txt``)."""
    return frozenset(read_lines("east_asian_surnames.txt"))


@lru_cache(maxsize=1)
def _dependant_nouns() -> frozenset[str]:
    """Kin and personal staff of an official (``dependant_nouns.txt``)."""
    return frozenset(read_lines("dependant_nouns.txt"))


def _area_phrase(name: str) -> bool:
    """Is ``name`` (a span the NER tagged) an area, not a person: "se Kecamatan Ratatotok",
    "se-Kabupaten Minahasa" (all the units of an area), "Kecamatan Ratatotok"?"""
    words = name.replace("-", " ").split()
    return bool(words) and (words[0].lower() == "se" or words[0].lower() in _ADMIN_LEVELS)


def _clean_title(raw: str) -> str:
    """Title text without bracketed abbreviations and stray spacing."""
    return re.sub(r"\s+", " ", re.sub(r"\s*\([^()]{0,40}\)", "", raw)).strip(" ,")


def text_strip(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in load().ranks]
    return " ".join(words).strip(" ,.")


def _same_person(x: str, y: str) -> bool:
    a, b = x.lower().split(), y.lower().split()
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    # one article names one person in full first and by one of the words later ("Kapolres Bogor
    # AKBP Andi Moch Dicky ... Kapolres Dicky"): a later word that is no initial is that person
    if len(short) == 1 and len(short[0].strip(".")) > 2:
        return short[0] in long_
    return len(short) >= 1 and all(w in long_ for w in short) and len(short) >= min(2, len(long_))


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Lower-cased names of countries (in Indonesian) and of the regions the vocabulary knows.

    Country names come from the Unicode CLDR through Babel (maintained translations, "Amerika
    Serikat", "Arab Saudi"), not a hand-typed list, plus the press's own forms where they differ
    (``country_names.txt``: "China", "Inggris"); regions from ``regions.tsv`` and the code list.
    """
    from babel import Locale

    countries = {name.lower() for name in Locale("id").territories.values()}
    press = {line.lower() for line in read_lines("country_names.txt")}  # "China", "Inggris"
    return frozenset(countries | press | set(load().regions))


def _is_place(name: str) -> bool:
    return name.lower() in _place_names()


def find_officials(text: str, *, use_ner: bool = True) -> list[Official]:
    """Every official named in ``text``, merged per person, in order of first mention.

    The same person named twice keeps the fuller name and the longest title written for them.
    """
    merged: list[Official] = []
    for official in _Walker(text, use_ner).officials():
        if _is_place(official.name):  # "Presiden Indonesia tidak …": the country, not a name
            continue
        for seen in merged:
            names = [seen.name, *seen.aliases]
            nickname_first = seen.name in official.aliases  # "Jokowi" before "Joko Widodo (Jokowi)"
            same = any(_same_person(x, official.name) for x in names) or official.name in seen.aliases
            if same or nickname_first:
                longer = len(official.name) > len(seen.name) and official.name not in seen.aliases
                if longer or nickname_first:
                    seen.name = official.name
                seen.aliases += [x for x in official.aliases if x not in seen.aliases]
                seen.titles.append(official.title)
                if len(official.title) > len(seen.title):
                    seen.title = official.title
                    seen.institution = official.institution or seen.institution
                break
        else:
            merged.append(official)
    return merged
