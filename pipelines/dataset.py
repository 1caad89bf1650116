"""The dataset as analysts see it: DuckDB views over the Parquet tables, examples and a summary.

:func:`connect` opens an in-memory DuckDB with these views over ``<out>/``:

``articles``         every stored version of every article (``articles/**/*.parquet``)
``articles_latest``  the latest version per ``article_id`` — what most questions want
``article_events``   one row per relevant article (latest version): its facts flattened, with
                     the ``event_id`` it shares with every article about the same real event
``events``           one row per real event: linked articles merged, sources and URLs listed
``officials``        one row per official named in an article, ``position`` 1 = main official
``pledge_points``    one row per pledge point, ``position`` in the article's list, its themes
``pledge_themes``    one row per (pledge point, theme) with the evidence words
``figures``          one row per reported figure with its ``kind`` (people, reports, money …)
``errors``           what could not be fetched, extracted, validated or stored

A table with no files yet is an empty view with the right columns, so queries never fail just
because a crawl has not run.  Timestamps are shown in Asia/Jakarta.

``EXAMPLE_QUERIES`` and ``DATAFRAME_SNIPPETS`` are the README's examples; a test runs them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from kabar.schemas.article import ARTICLE_SCHEMA, ERRORS_SCHEMA, TIMEZONE

ARTICLES_GLOB = "articles/**/*.parquet"
ERRORS_GLOB = "errors/*.parquet"

# Which articles become events: those whose relevance label (`topic`, extract/facts/topic.py) says
# they report a pledge or another neutrality event; ordinary news (`other`) and rows without facts
# (no topic) never do.
RELEVANT_SQL = "topic IN ('pledge', 'neutrality')"
# Event types that outlets use for the same ceremony ("ikrar netralitas" in one, "teken pakta
# integritas" or "apel" in another) link as one kind of event.
EVENT_FAMILIES: dict[str, str] = {"ikrar": "pledge", "pakta_integritas": "pledge", "apel": "pledge"}
EVENT_FAMILY_SQL = (
    "CASE "
    + " ".join(f"WHEN event.type = '{t}' THEN '{f}'" for t, f in EVENT_FAMILIES.items())
    + " ELSE coalesce(event.type, 'lainnya') END"
)


# A timestamp as Asia/Jakarta wall-clock time (TIMESTAMP without zone), whatever the session's
# TimeZone: DuckDB needs its ICU extension to convert zones, which is not always installed, and
# WIB is UTC+7 all year (Indonesia has no daylight saving), so a fixed offset is exact.
def wib(column: str) -> str:
    return f"make_timestamp(epoch_us({column}) + 25200000000)"


# Articles about the same entity and kind of event link when their event days are at most this
# many days apart (outlets report a day later, or write the day of the report).
LINK_DAYS = 2

DERIVED_VIEWS: dict[str, str] = {
    "articles_latest": """
        SELECT * FROM articles
        QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY version DESC, fetched_at DESC) = 1
    """,
    "article_events": f"""
        WITH base AS (
            SELECT article_id, version, site, month, url, title, published_at,
                   event.type AS event_type, {EVENT_FAMILY_SQL} AS event_family,
                   event.date AS event_date, event.date_text AS event_date_text,
                   coalesce(event.date, CAST({wib("published_at")} AS DATE)) AS event_day,
                   {wib("published_at")} AS published_wib,
                   event.location AS location,
                   institution.id AS institution_id,
                   coalesce(institution.canonical, institution.name) AS institution,
                   institution.short AS institution_short, institution.kind AS institution_kind,
                   institution.region_code AS region_code, institution.region_name AS region_name,
                   institution.province_code AS province_code,
                   institution.province_name AS province_name,
                   institution.regency_code AS regency_code,
                   official.name AS official_name, official.title AS official_title,
                   official.person_id AS official_person_id,
                   officials, len(officials) AS n_officials,
                   pledge_points, len(pledge_points) AS n_pledge_points,
                   list_sort(list_distinct([t.theme FOR t IN pledge_themes])) AS themes,
                   figures, len(figures) AS n_figures
            FROM articles_latest
            WHERE {RELEVANT_SQL}
        ), keyed AS (
            -- the entity an event is about: its institution, else the institution another
            -- article of the same days gives its main official, else the official, else itself
            SELECT b.*, coalesce(
                b.institution_id,
                (SELECT min(p.institution_id) FROM base p
                 WHERE p.official_person_id = b.official_person_id AND p.institution_id IS NOT NULL
                   AND p.event_family = b.event_family
                   AND abs(date_diff('day', p.event_day, b.event_day)) <= {LINK_DAYS}),
                'person:' || b.official_person_id,
                'article:' || b.article_id) AS link_key
            FROM base b
        ), islands AS (
            -- articles of one entity and kind of event whose days are at most LINK_DAYS apart
            SELECT *, sum(CASE WHEN gap IS NULL OR gap > {LINK_DAYS} THEN 1 ELSE 0 END)
                      OVER (PARTITION BY event_family, link_key ORDER BY event_day, article_id) AS island
            FROM (SELECT *, date_diff('day', lag(event_day) OVER (
                                PARTITION BY event_family, link_key ORDER BY event_day, article_id),
                            event_day) AS gap
                  FROM keyed)
        )
        SELECT 'ev-' || substr(md5(event_family || '|' || link_key || '|' || CAST(min(event_day) OVER (
                   PARTITION BY event_family, link_key, island) AS VARCHAR)), 1, 12) AS event_id,
               * EXCLUDE (gap, island)
        FROM islands
    """,
    "events": f"""
        SELECT event_id,
               first(event_type ORDER BY published_at, url) AS event_type,
               min(event_date) AS event_date,
               first(institution_id ORDER BY institution_id NULLS LAST) AS institution_id,
               first(institution ORDER BY institution_id NULLS LAST, published_at) AS institution,
               first(institution_kind ORDER BY institution_id NULLS LAST) AS institution_kind,
               first(region_code ORDER BY institution_id NULLS LAST) AS region_code,
               first(region_name ORDER BY institution_id NULLS LAST) AS region_name,
               first(province_code ORDER BY institution_id NULLS LAST) AS province_code,
               first(province_name ORDER BY institution_id NULLS LAST) AS province_name,
               first(regency_code ORDER BY institution_id NULLS LAST) AS regency_code,
               first(official_name ORDER BY official_person_id NULLS LAST, published_at) AS official_name,
               first(official_person_id ORDER BY official_person_id NULLS LAST, published_at)
                   AS official_person_id,
               first(official_title ORDER BY official_person_id NULLS LAST, published_at) AS official_title,
               first(pledge_points ORDER BY n_pledge_points DESC, published_at) AS pledge_points,
               list_sort(list_distinct(flatten(list(themes)))) AS themes,
               count(DISTINCT site) AS n_sources,
               count(*) AS n_articles,
               min(published_at) AS first_reported_at,
               {wib("min(published_at)")} AS first_reported_wib,
               list(DISTINCT site ORDER BY site) AS sites,
               list(url ORDER BY published_at, url) AS urls,
               list(title ORDER BY published_at, url) AS titles
        FROM article_events
        GROUP BY event_id
    """,
    "officials": """
        SELECT article_id, site, published_at, url, position, o.name AS name, o.title AS title,
               o.institution AS institution, o.person_id AS person_id
        FROM (SELECT article_id, site, published_at, url,
                     generate_subscripts(officials, 1) AS position, unnest(officials) AS o
              FROM articles_latest)
    """,
    "pledge_points": """
        SELECT article_id, site, published_at, url, position, point,
               list_sort([t.theme FOR t IN pledge_themes IF t.point = position - 1]) AS themes
        FROM (SELECT article_id, site, published_at, url, pledge_themes,
                     generate_subscripts(pledge_points, 1) AS position, unnest(pledge_points) AS point
              FROM articles_latest)
    """,
    "pledge_themes": """
        SELECT article_id, site, published_at, url, t.point + 1 AS position,
               pledge_points[t.point + 1] AS point, t.theme AS theme, t.evidence AS evidence
        FROM (SELECT article_id, site, published_at, url, pledge_points, unnest(pledge_themes) AS t
              FROM articles_latest)
    """,
    "figures": """
        SELECT article_id, site, published_at, url, f.kind AS kind, f.value AS value, f.unit AS unit,
               f.context AS context, f.text AS text
        FROM (SELECT article_id, site, published_at, url, unnest(figures) AS f FROM articles_latest)
    """,
}

# (question, SQL): shown in the README and in `kabar query --help`, run by tests/test_dataset.py.
EXAMPLE_QUERIES: list[tuple[str, str]] = [
    (
        "Articles per site and publish month",
        "SELECT site, month, count(*) AS articles FROM articles_latest GROUP BY ALL ORDER BY site, month",
    ),
    (
        "Distinct events per province and month",
        "SELECT coalesce(province_name, '(unknown)') AS province, "
        "strftime(coalesce(event_date, CAST(first_reported_wib AS DATE)), '%Y-%m') AS month, "
        "count(*) AS events FROM events GROUP BY ALL ORDER BY month, province",
    ),
    (
        "Events and the outlets that reported them",
        "SELECT event_date, event_type, institution_id, institution, n_sources, sites, urls "
        "FROM events ORDER BY n_sources DESC, event_date DESC NULLS LAST LIMIT 20",
    ),
    (
        "Pledge themes by institution kind",
        "SELECT institution_kind, theme, count(*) AS events "
        "FROM (SELECT institution_kind, unnest(themes) AS theme FROM events) "
        "GROUP BY ALL ORDER BY events DESC, institution_kind, theme LIMIT 20",
    ),
    (
        "Officials named most often (one person across spellings and titles)",
        "SELECT person_id, first(name ORDER BY published_at DESC) AS name, "
        "first(title ORDER BY published_at DESC) AS latest_title, count(*) AS articles FROM officials "
        "WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY articles DESC, person_id LIMIT 10",
    ),
    (
        "Largest figures of each kind (rupiah never ranked with people)",
        "SELECT kind, value, unit, context, url FROM figures "
        "QUALIFY row_number() OVER (PARTITION BY kind ORDER BY value DESC) <= 3 ORDER BY kind, value DESC",
    ),
    (
        "Articles whose text changed since the first crawl",
        "SELECT article_id, max(version) AS versions, any_value(url) AS url FROM articles "
        "GROUP BY article_id HAVING max(version) > 1",
    ),
    (
        "What went wrong, by stage",
        "SELECT stage, code, count(*) AS n FROM errors GROUP BY ALL ORDER BY n DESC",
    ),
]

# Run verbatim (from the directory holding out/dataset) by tests/test_dataset_frames.py.
DATAFRAME_SNIPPETS: dict[str, str] = {
    "pandas": 'import pandas as pd; df = pd.read_parquet("out/dataset/articles")',
    "polars": (
        "import polars as pl; "
        'df = pl.read_parquet("out/dataset/articles/**/*.parquet", hive_partitioning=True)'
    ),
    "duckdb": (
        "import duckdb; df = duckdb.sql(\"SELECT * FROM read_parquet('out/dataset/articles/**/*.parquet', "
        'hive_partitioning=true)").df(); '
        'df["published_at"] = df["published_at"].dt.tz_convert("Asia/Jakarta")'
    ),
}


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _has_files(root: Path, pattern: str) -> bool:
    return any(root.glob(pattern))


def _globs(outs: list[Path], pattern: str) -> str | None:
    """A DuckDB list of the globs of ``pattern`` under each dir that has matching files."""
    found = [_sql_string(str(out / pattern)) for out in outs if _has_files(out, pattern)]
    return f"[{', '.join(found)}]" if found else None


OutDirs = str | Path | Sequence[str | Path]


def _out_dirs(out_dir: OutDirs) -> list[Path]:
    return [Path(out_dir)] if isinstance(out_dir, (str, Path)) else [Path(o) for o in out_dir]


def connect(out_dir: OutDirs, con: Any = None) -> Any:
    """An in-memory DuckDB connection with the dataset's views (see the module doc).

    ``out_dir`` may be several output directories (the nodes of a distributed crawl each write
    their own): the views read them all as one dataset.
    """
    import duckdb

    outs = _out_dirs(out_dir)
    con = con or duckdb.connect()
    try:
        con.execute(f"SET TimeZone = {_sql_string(TIMEZONE)}")
    except duckdb.Error:  # DuckDB built without ICU: times still correct, shown in UTC
        pass
    articles = _globs(outs, ARTICLES_GLOB)
    if articles:
        source = (
            f"read_parquet({articles}, hive_partitioning = true, "
            "union_by_name = true, hive_types = {'site': VARCHAR, 'month': VARCHAR})"
        )
        present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
        # Columns added to the schema after older files were written read as NULL there, and
        # so do struct fields added later (`institution.id`): nested columns are cast by name.
        con.register("_kabar_schema", ARTICLE_SCHEMA.empty_table())
        types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE _kabar_schema)").fetchall())
        nested = {f.name for f in ARTICLE_SCHEMA if pa.types.is_nested(f.type)}

        def column(name: str) -> str:
            if name not in present:
                return f'NULL AS "{name}"'
            return f'CAST("{name}" AS {types[name]}) AS "{name}"' if name in nested else f'"{name}"'

        columns = ", ".join(column(name) for name in ARTICLE_SCHEMA.names)
        con.execute(f"CREATE OR REPLACE VIEW articles AS SELECT {columns} FROM {source}")
    else:
        con.register("_kabar_empty_articles", ARTICLE_SCHEMA.empty_table())
        con.execute("CREATE OR REPLACE VIEW articles AS SELECT * FROM _kabar_empty_articles")
    errors_source = _globs(outs, ERRORS_GLOB)
    if errors_source:
        errors = ", ".join(f'"{n}"' for n in ERRORS_SCHEMA.names)
        source = f"read_parquet({errors_source}, union_by_name = true)"
        con.execute(f"CREATE OR REPLACE VIEW errors AS SELECT {errors} FROM {source}")
    else:
        con.register("_kabar_empty_errors", ERRORS_SCHEMA.empty_table())
        con.execute("CREATE OR REPLACE VIEW errors AS SELECT * FROM _kabar_empty_errors")
    for name, sql in DERIVED_VIEWS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
    return con


SUMMARY_SQL = """
WITH a AS (
    SELECT site, count(*) AS articles, count(*) FILTER (WHERE version > 1) AS changed,
           count(*) FILTER (WHERE {relevant}) AS events,
           sum(len(pledge_points)) AS pledge_points, sum(len(officials)) AS officials,
           sum(len(figures)) AS figures
    FROM articles_latest GROUP BY site
), e AS (SELECT site, count(*) AS errors FROM errors GROUP BY site)
SELECT coalesce(a.site, e.site) AS site,
       coalesce(a.articles, 0) AS articles, coalesce(a.changed, 0) AS changed,
       coalesce(a.events, 0) AS events, coalesce(a.pledge_points, 0) AS pledge_points,
       coalesce(a.officials, 0) AS officials, coalesce(a.figures, 0) AS figures,
       coalesce(e.errors, 0) AS errors
FROM a FULL OUTER JOIN e ON a.site = e.site
ORDER BY site NULLS LAST
"""


def summary(out_dir: OutDirs) -> list[dict[str, Any]]:
    """Per site: articles (latest versions), changed (version > 1), events (articles that
    report a relevant event), pledge points, officials, figures and errors.  Empty list for an
    empty dataset."""
    con = connect(out_dir)
    try:
        cursor = con.execute(SUMMARY_SQL.replace("{relevant}", RELEVANT_SQL))
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()
    for row in rows:
        row["site"] = row["site"] or "(unknown)"
        for key, value in row.items():
            if key != "site":
                row[key] = int(value or 0)
    return rows


def summary_table(rows: list[dict[str, Any]], title: str = "kabar dataset") -> Any:
    """A rich Table of :func:`summary` rows with a total line."""
    from rich import box
    from rich.table import Table

    # A light box and short headers so the table fits an 80-column terminal untruncated.
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    columns = ["site", "articles", "changed", "events", "pledge_points", "officials", "figures", "errors"]
    headers = {"pledge_points": "pledges"}
    for col in columns:
        if col == "site":
            table.add_column(col, no_wrap=True)
        else:
            table.add_column(headers.get(col, col), justify="right")
    for row in rows:
        table.add_row(*(str(row[c]) for c in columns))
    if rows:
        totals = {c: sum(r[c] for r in rows) for c in columns[1:]}
        table.add_section()
        table.add_row("total", *(str(totals[c]) for c in columns[1:]), style="bold")
    return table


def describe_out(out_dir: OutDirs) -> str:
    """The output directories as one line (for titles)."""
    return ", ".join(str(o) for o in _out_dirs(out_dir))


def print_summary(out_dir: OutDirs, console: Any = None) -> list[dict[str, Any]]:
    """Print the summary table of ``out_dir`` (what ``kabar crawl`` shows at the end)."""
    from rich.console import Console

    rows = summary(out_dir)
    console = console or Console()
    console.print(summary_table(rows, title=f"kabar dataset: {describe_out(out_dir)}"))
    if rows:
        con = connect(out_dir)
        try:
            sql = "SELECT count(*), count(*) FILTER (WHERE n_sources > 1) FROM events"
            n, linked = con.execute(sql).fetchone()
        finally:
            con.close()
        console.print(f"{n} events in {sum(r['events'] for r in rows)} event articles; "
                      f"{linked} reported by several outlets")  # fmt: skip
    return rows
