"""``kabar query``: run SQL (DuckDB) over the dataset's views."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

NAME = "query"
HELP = "run SQL (DuckDB) over the dataset: articles, articles_latest, events, officials, errors …"
DESCRIPTION = """\
Run SQL with DuckDB over the Parquet dataset under --out and print the result (several
statements separated by ';' print one table each).

Views (see schemas/FIELDS.md for every column):
  articles         every stored version of every article (facts as structs and lists)
  articles_latest  the latest version of each article: start here
  events           one row per real event (articles of several outlets and versions linked):
                   event_id, event_type, event_date, institution_id, institution,
                   region_code, province_name, official_name, themes, n_sources,
                   first_reported_at, sites, urls …
  article_events   one row per article reporting an event, with its event_id
  officials        one row per official named (position 1 = main official, person_id)
  pledge_points    one row per pledge point (point, position, themes)
  pledge_themes    one row per (pledge point, theme) with the evidence words
  figures          one row per reported figure (kind, value, unit, context, text)
  errors           pages that could not be fetched, extracted, validated or stored

Nested fields need no JSON parsing: event.date, officials[1].name, len(pledge_points),
unnest(figures).

examples:
  kabar query "SELECT site, count(*) FROM articles_latest GROUP BY site"
  kabar query "SELECT event_date, institution, n_sources, urls FROM events" --format csv > events.csv
  kabar query "SELECT * FROM errors" --format json --out out/asn
  kabar query "SELECT site, count(*) FROM articles_latest GROUP BY site" --out out/node-a --out out/node-b
  kabar query --safe "SELECT count(*) FROM errors"          # SQL from someone else: views only
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sql", help="the SQL statement (quote it)")
    parser.add_argument(
        "--out",
        type=Path,
        action="append",
        metavar="DIR",
        help="dataset directory (default: out/dataset); repeat it to read several as one dataset "
        "(the nodes of a distributed crawl)",
    )
    parser.add_argument(
        "--safe",
        action="store_true",
        help="read only the dataset's views: no other files, no network, no extensions, only "
        "SELECT/EXPLAIN (for SQL written by someone else, or scheduled jobs)",
    )
    parser.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table (default, for people), csv or json (an array of objects)",
    )


def _plain(value: Any) -> Any:
    """JSON-friendly value: dates and times as ISO strings, nested lists/structs kept."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(_plain(value))


def missing_dataset(outs: list[Path]) -> str | None:
    """One line naming the ``--out`` folders that hold no dataset, or None (query and report)."""
    missing = ", ".join(str(o) for o in outs if not o.is_dir())
    return f"no dataset at {missing} (run 'kabar crawl' first or pass --out)" if missing else None


def unreadable_message(outs: list[Path]) -> str | None:
    """One line naming the dataset's unreadable Parquet file(s), or None when every file reads.

    Readers hold no lock, so they do not move files: the next ``kabar crawl`` quarantines them.
    """
    from kabar.pipelines.store import unreadable_files

    bad = [(path, why) for out in outs for path, why in unreadable_files(out)]
    if not bad:
        return None
    more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
    path, why = bad[0]
    return (
        f"{path} is not readable Parquet ({why}){more}; the next 'kabar crawl' moves it to "
        f"quarantine/, or move it away yourself"
    )


# DuckDB's error when a file it globbed is gone: a merge of small files (pipelines/store.py)
# replaced it between the glob and the read.  Asking again sees the merged file.
_VANISHED = ("Cannot open file", "No files found that match", "No such file or directory")
RETRIES = 5


def _results(outs: list[Path], sql: str, safe: bool) -> list[tuple[list[str], list[tuple]]]:
    """(column names, rows) of every statement of ``sql`` that returns rows, in order."""
    from kabar.pipelines import dataset
    from kabar.pipelines.sandbox import check_read_only, lock_down

    con = dataset.connect(outs)
    try:
        if safe:
            lock_down(con, outs)
        statements = con.extract_statements(sql)
        if safe:
            check_read_only(statements)
        results = []
        for statement in statements:
            cursor = con.execute(statement.query)
            if cursor.description is not None:  # SET, CREATE VIEW … return no rows
                results.append(([d[0] for d in cursor.description], cursor.fetchall()))
        return results
    finally:
        con.close()


def run(args: argparse.Namespace) -> int:
    import duckdb

    from kabar.pipelines.sandbox import NotAllowed

    outs = args.out or [Path("out/dataset")]
    missing = missing_dataset(outs)
    if missing:
        print(f"kabar query: {missing}", file=sys.stderr)
        return 2
    try:
        results = _with_retry(lambda: _results(outs, args.sql, getattr(args, "safe", False)))
    except NotAllowed as exc:
        print(f"kabar query: {exc}", file=sys.stderr)
        return 2
    except duckdb.PermissionException as exc:
        print(f"kabar query: not allowed with --safe: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        bad_file = unreadable_message(outs)
        print(f"kabar query: {bad_file or str(exc).strip()}", file=sys.stderr)
        return 1 if bad_file else 2
    if args.format != "table" and len(results) > 1:
        print(
            f"kabar query: --format {args.format} takes one statement that returns rows; "
            f"this SQL has {len(results)} (run them one by one)",
            file=sys.stderr,
        )
        return 2
    for names, rows in results:
        _print(names, rows, args.format)
    return 0


def _with_retry(fn: Any) -> Any:
    """``fn()``, asked again (up to :data:`RETRIES` times) while a file vanished under DuckDB
    when connecting (the views are created from a glob too)."""
    import duckdb

    for attempt in range(RETRIES):
        try:
            return fn()
        except duckdb.IOException as exc:
            if attempt == RETRIES - 1 or not any(m in str(exc) for m in _VANISHED):
                raise
            time.sleep(0.1 * (attempt + 1))
    raise AssertionError("unreachable")


def _print(names: list[str], rows: list[tuple], fmt: str) -> None:
    if fmt == "json":
        json.dump(
            [{n: _plain(v) for n, v in zip(names, row, strict=True)} for row in rows],
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows([_cell(v) for v in row] for row in rows)
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        cells = [[_cell(v) for v in row] for row in rows]
        # Cells are Text, not markup: a title containing "[/]" is printed as it is.
        table = Table(*names, caption=f"{len(rows)} row(s)")
        for row in cells:
            table.add_row(*(Text(c) for c in row))
        if sys.stdout.isatty():
            Console().print(table)
        else:  # a pipe or a file: as wide as the widest row, never squashed to 80 columns
            widths = [
                max([len(n), *(len(line) for r in cells for line in r[i].splitlines() or [""])])
                for i, n in enumerate(names)
            ]
            Console(width=max(80, sum(widths) + 3 * len(names) + 1), highlight=False).print(table)
