"""Date mentions in Indonesian news prose and their resolution to calendar dates.

Forms found:

* short, the news convention: ``Senin (25/9)``, ``Rabu (25/1/2023)``, ``Senin (12/12/22)``,
  ``Senin-Selasa (9-10/10/2023)``.  Read with a regular expression: ~300x faster than
  dateparser and the form is rigid, so nothing is lost.
* long, written out: ``pada Selasa, 10 Oktober 2023``, ``24 September sampai 3 Oktober``.  Found
  with a regular expression (cheap, on every article); the one date chosen as the event date is
  then parsed with dateparser (``languages=["id"]``, publish date as ``RELATIVE_BASE``), which
  knows every spelling and abbreviation of the Indonesian month names.
* a bare day name as a last resort: ``kata dia, Rabu.`` -> the last Wednesday on or before the
  publish date; ``Minggu lalu`` -> the last Sunday before it.
* relative words: ``kemarin`` (the day before publication), ``hari ini``, ``pagi tadi`` /
  ``tadi pagi`` (the publish day), ``semalam`` / ``tadi malam`` (the night before), all against
  the publish day in Asia/Jakarta.

A year left out is taken from the publish date, rolling back across New Year: a date more than
about two months after the publish date belongs to the previous year (``Jumat (29/12)``
published on 2 January is 29 December of the year before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from kabar.extract.facts.vocab import MONTHS

ROLLBACK_DAYS = 62  # a date further than this after publication belongs to the previous year
_WEEKDAY = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
            "minggu": 6, "ahad": 6}  # fmt: skip

_DAY = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
# The date cores start with "(" or a digit so the scan is fast; the day name before them is read
# by a look back (_DAY_BEFORE) instead of an optional group tried at every position.
_DAY_BEFORE = re.compile(
    rf"(?P<day>{_DAY})(?:\s*(?:[-–]|dan|hingga|sampai)\s*(?P<day2>{_DAY}))?"
    r"(?:\s+(?:pagi|siang|sore|malam|dini hari))?\s*,?\s*(?:(?:tanggal|tgl\.?)\s+)?$",  # "Senin pagi (6/11)"
    re.IGNORECASE,
)
_SHORT = re.compile(
    r"\(\s*(?P<d>\d{1,2})(?:\s*[-–]\s*(?P<d2>\d{1,2}))?\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}|\d{2}))?\s*\)",
    re.IGNORECASE,
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_LONG_ONE = (
    r"(?P<d{n}>\d{{1,2}})\s+(?P<mon{n}>(?:" + _MONTH + r")\.?)(?:\s+(?P<y{n}>(?:19|20)\d\d))?(?![\w-])"
)
_LONG = re.compile(
    r"(?<![\w/.,])(?P<d0>\d{1,2})(?:\s*(?:[-–]|s\.?d\.?|sampai|hingga)\s*(?=\d{1,2}\s+[A-Za-z]))?"
    + r"(?:\s+(?P<mon0>(?:"
    + _MONTH
    + r")\.?)(?:\s+(?P<y0>(?:19|20)\d\d))?)?"
    + r"(?:\s*(?:[-–]|s\.?d\.?|sampai(?:\s+dengan)?|hingga)\s*"
    + _LONG_ONE.format(n=1)
    + ")?"
    + r"(?<=\w|\.)(?![\w/])",
    re.IGNORECASE,
)
_BARE_DAY = re.compile(
    rf"(?:(?<=\bpada )|(?<=, )|(?<=\bhari )|(?<=\())(?P<day>{_DAY})"
    r"(?=\s*[.,;)]|\s+(?:pagi|siang|sore|malam|kemarin)\b)"
    rf"|(?<![\w-])(?P<lday>{_DAY})\s+(?P<ago>lalu|kemarin)(?![\w-])"
)
# relative day words -> days before the publish day
_RELATIVE = re.compile(
    r"(?<![\w-])(?:(?P<yesterday>kemarin(?:\s+(?:pagi|siang|sore|malam))?)"
    r"|(?P<night>semalam|tadi\s+malam|malam\s+tadi)"
    r"|(?P<today>hari\s+ini|(?:pagi|siang|sore)\s+tadi|tadi\s+(?:pagi|siang|sore)))(?![\w-])",
    re.IGNORECASE,
)


@dataclass
class DateMention:
    """One date phrase in the text, with its parts as written (not yet given a year)."""

    start: int
    end: int
    text: str
    form: str  # short | long | day | relative
    day_name: str | None
    day: int | None
    month: int | None
    year: int | None
    day2: int | None = None
    month2: int | None = None
    year2: int | None = None
    days_before: int | None = None  # relative words and "Minggu lalu": days before publication

    @property
    def is_range(self) -> bool:
        return self.day2 is not None


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    value = int(raw)
    return value + 2000 if value < 100 else value


def _month(raw: str | None) -> int | None:
    return MONTHS.get(raw.lower().rstrip(".")) if raw else None


def find_dates(text: str) -> list[DateMention]:
    """Every date phrase of the three forms, in text order, non-overlapping."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def day_before(start: int) -> tuple[int, str | None]:
        """A day name (and "tanggal") just before a date core: new start, day name."""
        back = _DAY_BEFORE.search(text, max(0, start - 40), start)
        return (back.start(), back["day"]) if back else (start, None)

    for m in _SHORT.finditer(text):
        month = int(m["m"])
        if not (1 <= month <= 12 and 1 <= int(m["d"]) <= 31):
            continue
        d2 = int(m["d2"]) if m["d2"] else None
        start, day = day_before(m.start())
        found.append(
            DateMention(start, m.end(), text[start : m.end()], "short", day, int(m["d"]), month,
                        _year(m["y"]), d2, month if d2 else None, _year(m["y"]) if d2 else None)
        )  # fmt: skip
        taken.append((start, m.end()))
    for m in _LONG.finditer(text):
        if not m["mon0"] and not m["mon1"]:
            continue
        if not free(*m.span()) or not 1 <= int(m["d0"]) <= 31:
            continue
        month2 = _month(m["mon1"])
        long_month = _month(m["mon0"]) or month2
        year2 = _year(m["y1"])
        start, day = day_before(m.start())
        found.append(
            DateMention(start, m.end(), text[start : m.end()], "long", day, int(m["d0"]), long_month,
                        _year(m["y0"]) or (year2 if not m["mon0"] else None),
                        int(m["d1"]) if m["d1"] else None, month2, year2)
        )  # fmt: skip
        taken.append((start, m.end()))
    for m in _BARE_DAY.finditer(text):
        if free(*m.span()):
            day = m["day"] or m["lday"]
            ago = 1 if m["ago"] else None  # "Minggu lalu": strictly before the publish day
            found.append(DateMention(m.start(), m.end(), m.group(0), "day", day, None, None, None,
                                     days_before=ago))  # fmt: skip
            taken.append(m.span())
    for m in _RELATIVE.finditer(text):
        if free(*m.span()):
            back = 1 if m["yesterday"] or m["night"] else 0
            found.append(DateMention(m.start(), m.end(), m.group(0), "relative", None, None, None, None,
                                     days_before=back))  # fmt: skip
    found.sort(key=lambda d: d.start)
    return found


def _with_year(day: int, month: int, year: int | None, published: date | None,
               day_name: str | None) -> date | None:  # fmt: skip
    """A calendar date for day/month; the year from the text, else from the publish date."""
    try:
        if year:
            return date(year, month, day)
        if published:
            guess = date(published.year, month, day)
            if guess - published > timedelta(days=ROLLBACK_DAYS):
                guess = date(published.year - 1, month, day)
            elif published - guess > timedelta(days=365 - ROLLBACK_DAYS):
                guess = date(published.year + 1, month, day)  # "(2/1)" written on 30 December
            return guess
        if day_name:  # no publish date: the latest recent year whose weekday matches
            wanted = _WEEKDAY[day_name.lower()]
            this_year = datetime.now().year
            for y in range(this_year, this_year - 11, -1):
                candidate = date(y, month, day)
                if candidate.weekday() == wanted:
                    return candidate
    except ValueError:  # 31/2 and the like: not a date
        return None
    return None


def _parse_long(mention: DateMention, published: date | None) -> date | None:
    """The written date through dateparser (publish date as RELATIVE_BASE), year fixed after."""
    if mention.month is None or mention.day is None:
        return None
    parsed = None
    try:
        import dateparser

        phrase = f"{mention.day} {_month_word(mention)} {mention.year or ''}"
        settings: dict[str, Any] = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month"]}
        if published:
            settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
        parsed = dateparser.parse(phrase.strip(), languages=["id"], settings=settings)
    except ImportError:  # dateparser is a dependency; without it the month table still works
        parsed = None
    day, month = (parsed.day, parsed.month) if parsed else (mention.day, mention.month)
    return _with_year(day, month, mention.year, published, mention.day_name)


def _month_word(mention: DateMention) -> str:
    match = re.search(r"\d{1,2}\s+([A-Za-z]+\.?)", mention.text)
    return match.group(1) if match else str(mention.month)


def resolve(mention: DateMention, published: date | None, *, precise: bool = True
            ) -> tuple[date | None, date | None, bool | None]:  # fmt: skip
    """``(start date, end date or None, weekday_ok)`` of a mention.

    ``precise=False`` skips dateparser (used to rank candidates cheaply); the chosen mention is
    resolved again with ``precise=True``.
    """
    if mention.form == "relative":
        if not published:
            return None, None, None
        return published - timedelta(days=mention.days_before or 0), None, None
    if mention.form == "day":
        if not published or not mention.day_name:
            return None, None, None
        back = (published.weekday() - _WEEKDAY[mention.day_name.lower()]) % 7
        if back == 0 and mention.days_before:  # "Minggu lalu" written on a Sunday: a week ago
            back = 7
        return published - timedelta(days=back), None, True
    if mention.form == "long" and precise:
        start = _parse_long(mention, published)
    elif mention.day is None or mention.month is None:
        start = None
    else:
        start = _with_year(mention.day, mention.month, mention.year, published, mention.day_name)
    end = None
    if start and mention.day2:
        month2 = mention.month2 or start.month
        year2 = mention.year2 or (start.year + 1 if month2 < start.month else start.year)
        try:
            end = date(year2, month2, mention.day2)
        except ValueError:
            end = None
    weekday_ok = None
    if start and mention.day_name:
        weekday_ok = start.weekday() == _WEEKDAY[mention.day_name.lower()]
    return start, end, weekday_ok
