"""``kabar query``: run SQL (DuckDB) over the dataset's views."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

NAME = "query"
HELP = "run SQL (DuckDB) over the dataset: articles, articles_latest, events, officials, errors …"
DESCRIPTION = """\
Run one SQL statement with DuckDB over the Parquet dataset under --out and print the result.

Views (see schemas/FIELDS.md for every column):
  articles         every stored version of every article (facts as structs and lists)
  articles_latest  the latest version of each article: start here
  events           one row per article reporting an event: event_type, event_date,
                   institution, institution_short, official_name, official_title,
                   pledge_points, n_pledge_points, figures …
  officials        one row per official named (position 1 = main official)
  pledge_points    one row per pledge point (point, position)
  figures          one row per reported figure (value, unit, context, text)
  errors           pages that could not be fetched, extracted, validated or stored

Nested fields need no JSON parsing: event.date, officials[1].name, len(pledge_points),
unnest(figures).

examples:
  kabar query "SELECT site, count(*) FROM articles_latest GROUP BY site"
  kabar query "SELECT event_date, institution_short, official_name FROM events" --format csv > events.csv
  kabar query "SELECT * FROM errors" --format json --out out/asn
  kabar query "SELECT site, count(*) FROM articles_latest GROUP BY site" --out out/node-a --out out/node-b
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


def unreadable_message(outs: list[Path]) -> str | None:
    """One line naming the dataset's unreadable Parquet file(s), or None when every file reads.

    Readers hold no lock, so they do not move files: the next ``kabar crawl`` quarantines them.
    """
    from pipelines.store import unreadable_files

    bad = [(path, why) for out in outs for path, why in unreadable_files(out)]
    if not bad:
        return None
    more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
    path, why = bad[0]
    return (f"{path} is not readable Parquet ({why}){more}; the next 'kabar crawl' moves it to "
            f"quarantine/, or move it away yourself")


def run(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines.dataset import connect

    outs = args.out or [Path("out/dataset")]
    missing = ", ".join(str(o) for o in outs if not o.is_dir())
    if missing:
        print(
            f"kabar query: no dataset at {missing} (run 'kabar crawl' first or pass --out)", file=sys.stderr
        )
        return 2
    try:
        con = connect(outs)
    except duckdb.Error as exc:
        print(f"kabar query: {unreadable_message(outs) or str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    try:
        cursor = con.execute(args.sql)
        if cursor.description is None:  # a statement without a result (SET, CREATE VIEW …)
            return 0
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        bad_file = unreadable_message(outs)
        print(f"kabar query: {bad_file or exc}", file=sys.stderr)
        return 1 if bad_file else 2
    finally:
        con.close()

    if args.format == "json":
        json.dump(
            [{n: _plain(v) for n, v in zip(names, row, strict=True)} for row in rows],
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        sys.stdout.write("\n")
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows([_cell(v) for v in row] for row in rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*names, caption=f"{len(rows)} row(s)")
        for row in rows:
            table.add_row(*(_cell(v) for v in row))
        Console().print(table)
    return 0
