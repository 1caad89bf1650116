"""Western Indonesia Time: the one time zone object of kabar (spiders, extraction, facts, storage).

The news sites print times in WIB (UTC+7) without a zone; a naive time is read as WIB, and the
publish day is WIB's calendar day.  ``Asia/Jakarta`` is also the zone of the dataset's timestamp
columns (``schemas.article.TIMEZONE`` is its name).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")
