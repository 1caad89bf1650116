"""The dataset as analysts see it: DuckDB views over the Parquet tables, examples and a summary.

:func:`connect` opens an in-memory DuckDB with these views over ``<out>/``:

``articles``         every stored version of every article (``articles/**/*.parquet``)
``articles_latest``  the latest version per ``article_id`` — what most questions want
``events``           one row per article (latest version) that reports an event, facts flattened
``officials``        one row per official named in an article, ``position`` 1 = main official
``pledge_points``    one row per pledge point, ``position`` in the article's list
``figures``          one row per reported figure
``errors``           what could not be fetched, extracted, validated or stored

A table with no files yet is an empty view with the right columns, so queries never fail just
because a crawl has not run.  Timestamps are shown in Asia/Jakarta.

``EXAMPLE_QUERIES`` and ``DATAFRAME_SNIPPETS`` are the README's examples; a test runs them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schemas.article import ARTICLE_SCHEMA, ERRORS_SCHEMA, TIMEZONE

ARTICLES_GLOB = "articles/**/*.parquet"
ERRORS_GLOB = "errors/*.parquet"

DERIVED_VIEWS: dict[str, str] = {
    "articles_latest": """
        SELECT * FROM articles
        QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY version DESC, fetched_at DESC) = 1
    """,
    "events": """
        SELECT article_id, version, site, month, url, title, published_at,
               event.type AS event_type, event.date AS event_date, event.date_text AS event_date_text,
               event.date_start AS event_date_start, event.date_end AS event_date_end,
               event.weekday_ok AS weekday_ok, event.location AS location,
               institution.name AS institution, institution.short AS institution_short,
               official.name AS official_name, official.title AS official_title,
               officials, len(officials) AS n_officials,
               pledge_points, len(pledge_points) AS n_pledge_points,
               figures, len(figures) AS n_figures
        FROM articles_latest
        WHERE event.type IS NOT NULL OR event.date IS NOT NULL OR len(pledge_points) > 0
    """,
    "officials": """
        SELECT article_id, site, published_at, url, position, o.name AS name, o.title AS title,
               o.institution AS institution
        FROM (SELECT article_id, site, published_at, url,
                     generate_subscripts(officials, 1) AS position, unnest(officials) AS o
              FROM articles_latest)
    """,
    "pledge_points": """
        SELECT article_id, site, published_at, url,
               generate_subscripts(pledge_points, 1) AS position, unnest(pledge_points) AS point
        FROM articles_latest
    """,
    "figures": """
        SELECT article_id, site, published_at, url, f.value AS value, f.unit AS unit,
               f.context AS context, f.text AS text
        FROM (SELECT article_id, site, published_at, url, unnest(figures) AS f FROM articles_latest)
    """,
}

# (question, SQL): shown in the README and in `kabar query --help`, run by tests/test_query_examples.py.
EXAMPLE_QUERIES: list[tuple[str, str]] = [
    (
        "Articles per site and publish month",
        "SELECT site, month, count(*) AS articles FROM articles_latest GROUP BY ALL ORDER BY site, month",
    ),
    (
        "Pledge events: when, who, how many points",
        "SELECT event_date, event_type, institution_short, official_name, n_pledge_points, title "
        "FROM events ORDER BY event_date DESC NULLS LAST LIMIT 20",
    ),
    (
        "The most common pledge points",
        "SELECT lower(point) AS point, count(*) AS articles FROM pledge_points "
        "GROUP BY ALL ORDER BY articles DESC, point LIMIT 10",
    ),
    (
        "Officials named most often",
        "SELECT name, any_value(title) AS title, count(*) AS articles FROM officials "
        "GROUP BY name ORDER BY articles DESC, name LIMIT 10",
    ),
    (
        "Reported figures (violations, participants)",
        "SELECT value, unit, context, url FROM figures ORDER BY value DESC LIMIT 10",
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
        'hive_partitioning=true)").df()'
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
        # Columns added to the schema after older files were written read as NULL there.
        columns = ", ".join(
            f'"{name}"' if name in present else f'NULL AS "{name}"' for name in ARTICLE_SCHEMA.names
        )
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
           count(*) FILTER (WHERE event.type IS NOT NULL OR event.date IS NOT NULL
                            OR len(pledge_points) > 0) AS events,
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
    """Per site: articles (latest versions), changed (version > 1), events, pledge points,
    officials, figures and errors.  Empty list for an empty dataset."""
    con = connect(out_dir)
    try:
        cursor = con.execute(SUMMARY_SQL)
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
    (console or Console()).print(summary_table(rows, title=f"kabar dataset: {describe_out(out_dir)}"))
    return rows
