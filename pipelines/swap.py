"""The journalled swap of rebuilt tables: ``kabar reextract`` replaces ``articles/``, ``errors/``
and ``state/`` with the tables it rebuilt, and a kill between the renames must leave a dataset
that a crawl or a query can still read (see README, reliability table).

A module of its own, below both :mod:`pipelines.reextract` (which swaps) and :mod:`pipelines.raw`
(whose crawl-side opening finishes a swap a kill interrupted), so neither imports the other.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from kabar.pipelines.signals import signals_deferred
from kabar.pipelines.state import STATE_DIRNAME
from kabar.pipelines.store import ARTICLES_DIRNAME, ERRORS_DIRNAME, fsync_dir

log = logging.getLogger(__name__)

# The swap of the rebuilt tables is journalled so that a kill between its renames is finished by
# the next start (of reextract or a crawl): ``<out>/.reextract-swap`` names the staging directory;
# each rebuilt table carries a marker file (a dot file: readers skip it) so a half-done swap can
# tell which tables are already the new ones.
SWAP_JOURNAL = ".reextract-swap"
_NEW_MARKER = ".reextract-new"
_TABLES = (ARTICLES_DIRNAME, ERRORS_DIRNAME, STATE_DIRNAME)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False where
    the system or filesystem cannot (the caller then renames twice: a moment without the table)."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _finish_swap(out_dir: Path, staging: Path) -> None:
    """Put every rebuilt table of ``staging`` in place (idempotent: safe to repeat after a kill)."""
    for name in _TABLES:
        new, live = staging / name, out_dir / name
        if (live / _NEW_MARKER).exists() or not new.exists():
            continue  # already swapped (or nothing rebuilt)
        if not live.exists():
            os.replace(new, live)
        elif not _exchange(new, live):
            old = staging / f"{name}.old"
            shutil.rmtree(old, ignore_errors=True)
            os.replace(live, old)
            os.replace(new, live)
    fsync_dir(out_dir)
    for name in _TABLES:
        (out_dir / name / _NEW_MARKER).unlink(missing_ok=True)
    (out_dir / SWAP_JOURNAL).unlink(missing_ok=True)
    fsync_dir(out_dir)
    shutil.rmtree(staging, ignore_errors=True)


def finish_interrupted_reextract(out_dir: str | Path) -> bool:
    """Finish a swap a killed ``reextract`` left half done, and delete abandoned staging
    directories.  Call under the output lock.  True when a swap was finished."""
    out = Path(out_dir)
    journal = out / SWAP_JOURNAL
    finished = False
    if journal.exists():
        staging = out / journal.read_text("utf-8").strip()
        log.warning("reextract: finishing the table swap of an interrupted re-extraction")
        _finish_swap(out, staging)
        finished = True
    for leftover in out.glob(".reextract-new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    return finished


def swap_in(out_dir: Path, staging: Path) -> None:
    """Replace articles/, errors/ and state/ by the rebuilt ones (journalled, see SWAP_JOURNAL).

    SIGINT and SIGTERM wait until the three tables are swapped (a handler raising in between
    would leave new articles beside old errors until the next start finishes the swap)."""
    with signals_deferred():
        _swap_in(out_dir, staging)


def _swap_in(out_dir: Path, staging: Path) -> None:
    for name in _TABLES:
        # A table the rebuild left empty (no error at all) still replaces the old one: the old
        # errors (and any junk file among them) must not outlive the rebuild.
        (staging / name).mkdir(exist_ok=True)
        (staging / name / _NEW_MARKER).touch()
    journal_tmp = out_dir / f"{SWAP_JOURNAL}.tmp"
    journal_tmp.write_text(staging.name, "utf-8")
    with open(journal_tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(journal_tmp, out_dir / SWAP_JOURNAL)
    fsync_dir(out_dir)
    _finish_swap(out_dir, staging)
