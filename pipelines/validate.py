"""Validate stage: every row is checked against the schema before anything is written.

A row that does not fit (missing URL, naive or unreadable timestamp, a value of the wrong type)
becomes an ``errors`` row with the reason: never dropped silently, never a crash.  A row that fits
comes out with Python values ready for Arrow: tz-aware ``datetime`` in Asia/Jakarta, ``date`` for
the event date, the ``month`` partition value set.

Fact offsets outside the text are not a reason to lose the article: they are set to null and the
row's ``error`` says so (visible to analysts, unlike a silent fix).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pyarrow as pa

from kabar.extract.wib import JAKARTA
from kabar.pipelines.normalize import normalise_record
from kabar.schemas.article import UNKNOWN_MONTH, article_file_schema
from kabar.schemas.items import ErrorItem, Item

_FILE_SCHEMA = article_file_schema()


class Invalid(ValueError):
    """A row that cannot be stored; ``code`` goes to the errors table."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def to_jakarta(value: Any, field: str, *, required: bool = False) -> datetime | None:
    """ISO string or datetime -> tz-aware datetime in Asia/Jakarta; naive times are refused."""
    if value is None or value == "":
        if required:
            raise Invalid(f"missing_{field}", f"{field} is missing")
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise Invalid("bad_timestamp", f"{field} is not an ISO 8601 time: {value!r}") from None
    if not isinstance(value, datetime):
        raise Invalid("bad_timestamp", f"{field} is a {type(value).__name__}, not a time")
    if value.tzinfo is None or value.utcoffset() is None:
        raise Invalid("naive_timestamp", f"{field} has no time zone: {value.isoformat()}")
    return value.astimezone(JAKARTA)


def to_date(value: Any, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise Invalid("bad_date", f"{field} is not a date: {value!r}")


def _offset_problems(row: dict[str, Any]) -> list[str]:
    """Null out offsets that do not fit the text; say which."""
    n = len(row["text"])
    bad: list[str] = []

    def check(obj: Any, where: str) -> None:
        if not isinstance(obj, dict):
            return
        s, e = obj.get("start"), obj.get("end")
        if s is None and e is None:
            return
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= n):
            obj["start"] = obj["end"] = None
            bad.append(f"{where}.start")

    check(row.get("event"), "event")
    check(row.get("institution"), "institution")
    check(row.get("official"), "official")
    for key in ("officials", "pledge_spans", "figures"):
        for i, obj in enumerate(row.get(key) or []):
            check(obj, f"{key}[{i}]")
    return bad


def check_types(value: Any, arrow_type: pa.DataType, path: str) -> None:
    """Raise :class:`Invalid` when ``value`` is not of ``arrow_type``.

    Hand-written because pyarrow's conversion is lenient where a dataset must not be: it turns
    the string ``"abc"`` into the list ``["a", "b", "c"]`` and truncates ``1.5`` to ``1``.
    """
    if value is None:
        return
    t = arrow_type
    if pa.types.is_string(t):
        ok = isinstance(value, str)
    elif pa.types.is_boolean(t):
        ok = isinstance(value, bool)
    elif pa.types.is_integer(t):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif pa.types.is_floating(t):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif pa.types.is_timestamp(t):
        ok = isinstance(value, datetime) and value.tzinfo is not None
    elif pa.types.is_date(t):
        ok = isinstance(value, date) and not isinstance(value, datetime)
    elif pa.types.is_list(t):
        ok = isinstance(value, (list, tuple))
        if ok:
            for i, entry in enumerate(value):
                check_types(entry, t.value_type, f"{path}[{i}]")
    elif pa.types.is_struct(t):
        ok = isinstance(value, dict)
        if ok:
            for field in t:
                check_types(value.get(field.name), field.type, f"{path}.{field.name}")
    else:  # a type this checker does not know: leave it to Arrow
        ok = True
    if not ok:
        raise Invalid("wrong_type", f"{path} should be {t}, got {type(value).__name__}: {value!r:.80}")


def validate_row(row: dict[str, Any]) -> dict[str, Any]:
    """The row, normalised and typed for the articles schema; raises :class:`Invalid`."""
    row = normalise_record(dict(row))
    url = row.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise Invalid("missing_url" if not url else "bad_url", f"url is not an http(s) URL: {url!r}")
    if not isinstance(row.get("site"), str) or not row["site"]:
        raise Invalid("missing_site", "site is missing")
    if not isinstance(row.get("text"), str) or not row["text"].strip():
        raise Invalid("no_text", "the article has no text")
    row["published_at"] = to_jakarta(row.get("published_at"), "published_at")
    row["fetched_at"] = to_jakarta(row.get("fetched_at"), "fetched_at", required=True)
    if isinstance(row.get("event"), dict):
        row["event"] = dict(row["event"])
        for key in ("date", "date_start", "date_end"):
            row["event"][key] = to_date(row["event"].get(key), f"event.{key}")
    row["month"] = row["published_at"].strftime("%Y-%m") if row["published_at"] else UNKNOWN_MONTH
    bad = _offset_problems(row)
    if bad and not row.get("error"):
        message = "offsets outside the text set to null: " + ", ".join(bad)
        row["error"] = {"code": "bad_offsets", "message": message}
    for field in _FILE_SCHEMA:
        if not field.nullable and row.get(field.name) is None:
            raise Invalid(f"missing_{field.name}", f"{field.name} is missing")
        check_types(row.get(field.name), field.type, field.name)
    # Arrow itself judges the types once more when the store converts its buffer (one batch,
    # ~50x cheaper per row than converting each row here); a row it refuses there becomes a
    # `store`/`schema_mismatch` error, never a crash.
    return row


def error_row(
    *, url: Any, site: Any, stage: str, code: str, reason: str, status: Any = None, time: Any = None
) -> dict[str, Any]:
    """A row of the errors table, with types it always fits (so an error can always be stored)."""
    try:
        when = to_jakarta(time, "time", required=True)
    except Invalid:
        when = datetime.now(JAKARTA)
    try:
        status = int(status) if status is not None else None
    except (TypeError, ValueError):
        status = None
    return {
        "url": str(url) if url else None,
        "site": str(site) if site else None,
        "stage": stage,
        "status": status,
        "code": str(code),
        "reason": str(reason)[:2000],
        "time": when,
    }


class ValidatePipeline:
    """Item pipeline 300: record rows are validated; misfits become error items."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidatePipeline:
        return cls()

    def process_item(self, item: Item, spider: Any = None) -> Item:
        if "kind" not in item:  # not a kabar item: the store stage reports it
            return item
        if (item["kind"] == "record" or item["kind"] == "error") and item.get("validated"):
            return item  # validated in the extraction worker, off the crawl process
        if item["kind"] == "record":
            row = item["row"]
            try:
                return {"kind": "record", "row": validate_row(row), "dedup": item["dedup"]}
            except Invalid as exc:
                err = error_row(
                    url=row.get("url") or row.get("requested_url"),
                    site=row.get("site"),
                    stage="validate",
                    code=exc.code,
                    reason=exc.reason,
                    time=row.get("fetched_at"),
                )
                return {"kind": "error", "row": err, "dedup": item["dedup"]}
        if item["kind"] == "error":
            checked: ErrorItem = {"kind": "error", "row": error_row(**item["row"])}
            if "dedup" in item:
                checked["dedup"] = item["dedup"]
            return checked
        if item["kind"] == "fetch_error":
            err = error_row(
                url=item.get("url"),
                site=item.get("site"),
                stage="fetch",
                code=f"http_{item['status']}" if item.get("status") else "fetch_failed",
                reason=item.get("reason") or "fetch failed",
                status=item.get("status"),
            )
            return {"kind": "error", "row": err}
        return item
