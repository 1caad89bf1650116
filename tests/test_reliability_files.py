"""One bad file blocks nothing (issue 12, item 7): a corrupt Parquet file, junk in ``errors/`` or a
corrupt state database is named in one line by the readers and quarantined (or rebuilt) by the crawl.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_PATHS = (str(ROOT), os.environ.get("PYTHONPATH", ""))
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in _PATHS if p)}
JUNK_ARTICLE = Path("articles/site=satuarah/month=2023-12/part-20231201T000000-junk.parquet")
JUNK_ERROR = Path("errors/part-20231201T000000-junk.parquet")


def kabar(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "crawler.cli", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=ENV)


def damaged(out: Path) -> Path:
    for rel in (JUNK_ARTICLE, JUNK_ERROR):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(b"PAR1 this is not a parquet file at all")
    return out


@pytest.mark.parametrize("command", [["query", "SELECT count(*) FROM articles"], ["report"]])
def test_readers_name_the_bad_file_in_one_line(tmp_path: Path, command: list[str]) -> None:
    out = damaged(tmp_path / "out")
    extra = ["-o", str(tmp_path / "r.html")] if command == ["report"] else []
    result = kabar(*command, "--out", str(out), *extra)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "part-20231201T000000-junk.parquet" in lines[0] and "quarantine" in lines[0]


@pytest.mark.slow
def test_the_crawl_quarantines_bad_files_and_rebuilds_a_corrupt_state(tmp_path: Path) -> None:
    out = damaged(tmp_path / "out")
    first = kabar("crawl", "--bundled", "satuarah", "--out", str(out), "-s", "KABAR_EXTRACT_WORKERS=0")
    assert first.returncode == 0, first.stderr[-3000:]
    assert not (out / JUNK_ARTICLE).exists() and not (out / JUNK_ERROR).exists()
    assert (out / "quarantine" / JUNK_ARTICLE).exists() and (out / "quarantine" / JUNK_ERROR).exists()
    assert "quarantine" in first.stderr
    stored = kabar("query", "SELECT count(*) AS n FROM articles", "--out", str(out), "--format", "csv")
    assert stored.returncode == 0, stored.stderr
    (out / "state" / "crawl.sqlite3").write_bytes(b"junk, not SQLite" * 100)
    for leftover in ("crawl.sqlite3-wal", "crawl.sqlite3-shm"):
        (out / "state" / leftover).unlink(missing_ok=True)
    second = kabar("crawl", "--bundled", "satuarah", "--out", str(out), "-s", "KABAR_EXTRACT_WORKERS=0")
    assert second.returncode == 0, second.stderr[-3000:]
    assert "Traceback" not in second.stderr
    again = kabar("query", "SELECT count(*) AS n FROM articles", "--out", str(out), "--format", "csv")
    assert again.stdout == stored.stdout  # rebuilt from Parquet: nothing stored twice
