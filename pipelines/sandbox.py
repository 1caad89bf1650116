"""``--safe``: a DuckDB connection that reads the dataset's views and nothing else.

A plain DuckDB connection runs any SQL with the user's rights: ``read_csv('/etc/passwd')``,
``COPY … TO`` anywhere, ``INSTALL httpfs`` and reads over the network.  For SQL that comes from
someone else (a shared report job, a web form, a scheduled query written by a colleague) the
connection is locked down after the views are created: file access only below the dataset
directories (DuckDB's ``allowed_directories`` with ``enable_external_access = false``), the
configuration frozen, and only statements that read (SELECT, EXPLAIN).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

READ_ONLY_STATEMENTS = frozenset({"SELECT", "EXPLAIN"})


class NotAllowed(ValueError):
    """A statement that --safe refuses (one line for the user)."""


def lock_down(con: Any, outs: list[Path]) -> Any:
    """Restrict ``con`` (whose views are already created) to reading the dataset under ``outs``."""
    dirs = sorted({f"{Path(o).resolve()}/" for o in outs} | {f"{Path(o)}/" for o in outs})
    quoted = ", ".join("'" + d.replace("'", "''") + "'" for d in dirs)
    con.execute(f"SET allowed_directories = [{quoted}]")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def check_read_only(statements: list[Any]) -> None:
    """Raise :class:`NotAllowed` unless every parsed statement only reads."""
    for statement in statements:
        kind = getattr(statement.type, "name", str(statement.type))
        if kind not in READ_ONLY_STATEMENTS:
            raise NotAllowed(f"{kind} statements are not allowed with --safe (only SELECT and EXPLAIN)")
