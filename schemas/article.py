"""Arrow schemas of kabar's tables, and their version.

Two tables live under the output directory:

* ``articles/site=<site>/month=<YYYY-MM>/part-*.parquet`` — one row per stored *version* of an
  article (a changed text is a new row with ``version`` + 1).  ``site`` and ``month`` are hive
  partition columns: they live in the directory names, not inside the files, so pandas, polars,
  pyarrow and DuckDB all read them back as columns.
* ``errors/part-*.parquet`` — one row per article that could not be fetched, extracted, validated
  or stored, with the reason.

Event facts are Arrow structs and lists (no JSON strings), so DuckDB reads
``event.date``, ``unnest(officials)`` or ``len(pledge_points)`` directly.  Offsets (``start``,
``end``) are character offsets into ``text``.

``SCHEMA_VERSION`` is written into every Parquet file's key-value metadata (``kabar.schema_version``);
bump the major part when a column changes type or disappears, the minor part when one is added.
``schemas/FIELDS.md`` documents every field; a test keeps it in step with this module.
"""

from __future__ import annotations

import pyarrow as pa

from kabar.extract.wib import JAKARTA

SCHEMA_VERSION = "1.1"
TIMEZONE = JAKARTA.key  # "Asia/Jakarta": the one zone object of kabar, named for Arrow and DuckDB
METADATA_KEY = b"kabar.schema_version"

# Partition columns of the articles table (directory names, not stored in the files).
PARTITION_COLUMNS: tuple[str, ...] = ("site", "month")
UNKNOWN_MONTH = "unknown"  # month partition of articles without a publish time

TIMESTAMP = pa.timestamp("us", tz=TIMEZONE)
OFFSET = pa.int32()

EVENT = pa.struct(
    [
        pa.field("type", pa.string()),
        pa.field("date", pa.date32()),
        pa.field("date_text", pa.string()),
        pa.field("date_start", pa.date32()),  # first day of a multi-day event (= date otherwise)
        pa.field("date_end", pa.date32()),  # last day
        pa.field("weekday_ok", pa.bool_()),
        pa.field("location", pa.string()),
        pa.field("start", OFFSET),
        pa.field("end", OFFSET),
    ]
)

INSTITUTION = pa.struct(
    [
        pa.field("name", pa.string()),
        pa.field("short", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("aliases", pa.list_(pa.string())),
        pa.field("start", OFFSET),
        pa.field("end", OFFSET),
        # identity (extract/facts/identity.py) and Kemendagri region (extract/facts/regions.py)
        pa.field("id", pa.string()),
        pa.field("canonical", pa.string()),
        pa.field("parent_id", pa.string()),
        pa.field("region_code", pa.string()),
        pa.field("region_name", pa.string()),
        pa.field("region_level", pa.string()),
        pa.field("province_code", pa.string()),
        pa.field("province_name", pa.string()),
        pa.field("regency_code", pa.string()),
    ]
)

OFFICIAL = pa.struct(
    [
        pa.field("name", pa.string()),
        pa.field("title", pa.string()),
        pa.field("institution", pa.string()),
        pa.field("start", OFFSET),
        pa.field("end", OFFSET),
        pa.field("person_id", pa.string()),  # extract/facts/identity.py
    ]
)

SPAN = pa.struct([pa.field("start", OFFSET), pa.field("end", OFFSET)])

FIGURE = pa.struct(
    [
        pa.field("value", pa.float64()),
        pa.field("unit", pa.string()),
        pa.field("kind", pa.string()),  # people | reports | money | percent | other
        pa.field("context", pa.string()),
        pa.field("text", pa.string()),
        pa.field("start", OFFSET),
        pa.field("end", OFFSET),
    ]
)

# One (pledge point, theme) pair: extract/facts/themes.py, taxonomy in extract/data/pledge_themes.tsv.
PLEDGE_THEME = pa.struct(
    [
        pa.field("point", pa.int32()),  # index into pledge_points (0-based)
        pa.field("theme", pa.string()),
        pa.field("evidence", pa.string()),
    ]
)

ERROR = pa.struct([pa.field("code", pa.string()), pa.field("message", pa.string())])

# Every column of the articles table, in order, including the partition columns.
ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("version", pa.int32(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("requested_url", pa.string(), nullable=False),
        pa.field("site", pa.string(), nullable=False),
        pa.field("month", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("editors", pa.list_(pa.string())),
        pa.field("published_at", TIMESTAMP),
        pa.field("section", pa.string()),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("language", pa.string()),
        pa.field("description", pa.string()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("signoff", pa.string()),
        pa.field("pages", pa.int32()),
        pa.field("extraction", pa.string()),
        pa.field("extractor_version", pa.string()),
        pa.field("error", ERROR),
        pa.field("topic", pa.string()),
        pa.field("topic_confidence", pa.float64()),
        pa.field("event", EVENT),
        pa.field("institution", INSTITUTION),
        pa.field("official", OFFICIAL),
        pa.field("officials", pa.list_(OFFICIAL)),
        pa.field("pledge_points", pa.list_(pa.string())),
        pa.field("pledge_spans", pa.list_(SPAN)),
        pa.field("pledge_themes", pa.list_(PLEDGE_THEME)),
        pa.field("figures", pa.list_(FIGURE)),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("fetched_at", TIMESTAMP, nullable=False),
    ]
)

ERROR_STAGES: tuple[str, ...] = ("fetch", "extract", "validate", "store")

ERRORS_SCHEMA = pa.schema(
    [
        pa.field("url", pa.string()),
        pa.field("site", pa.string()),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("status", pa.int32()),
        pa.field("code", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("time", TIMESTAMP, nullable=False),
    ]
)


def _with_metadata(schema: pa.Schema, table: str) -> pa.Schema:
    return schema.with_metadata({METADATA_KEY: SCHEMA_VERSION.encode(), b"kabar.table": table.encode()})


def article_file_schema() -> pa.Schema:
    """The schema of one articles Parquet file: all columns except the partition columns."""
    fields = [f for f in ARTICLE_SCHEMA if f.name not in PARTITION_COLUMNS]
    return _with_metadata(pa.schema(fields), "articles")


def errors_file_schema() -> pa.Schema:
    """The schema of one errors Parquet file (not partitioned)."""
    return _with_metadata(ERRORS_SCHEMA, "errors")


def schema_version_of(path: str) -> str | None:
    """The ``SCHEMA_VERSION`` a Parquet file was written with (None for files kabar did not write)."""
    import pyarrow.parquet as pq

    metadata = pq.read_schema(path).metadata or {}
    value = metadata.get(METADATA_KEY)
    return value.decode() if value is not None else None
