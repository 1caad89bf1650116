"""Merging a partition's small Parquet files: every row kept once, older files' missing
columns read as nulls, and the pieces are streamed rather than loaded together."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kabar.pipelines import store
from kabar.pipelines.store import REPLACES_KEY, compact_directory, write_parquet_atomic


def _piece(ids: range, with_section: bool) -> pa.Table:
    columns = {"article_id": pa.array([f"a{i}" for i in ids]), "version": pa.array(list(ids), pa.int32())}
    if with_section:
        columns["section"] = pa.array(["Pemerintahan"] * len(ids))
    return pa.table(columns).replace_schema_metadata({b"kabar.table": b"articles"})


def test_small_files_merge_into_one_with_every_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "ROW_GROUP_ROWS", 25)  # several streamed groups from four files
    # the first file was written before the "section" column existed
    old = write_parquet_atomic(_piece(range(0, 10), with_section=False), tmp_path)
    newer = [write_parquet_atomic(_piece(range(n, n + 20), True), tmp_path) for n in (10, 30, 50)]

    merged = compact_directory(tmp_path)

    assert merged is not None and [p.name for p in tmp_path.glob("part-*.parquet")] == [merged.name]
    table = pq.read_table(merged)
    assert sorted(table.column("version").to_pylist()) == list(range(70))
    ids, sections = table.column("article_id").to_pylist(), table.column("section").to_pylist()
    sections = dict(zip(ids, sections, strict=True))
    assert sections["a0"] is None and sections["a10"] == "Pemerintahan"
    replaced = json.loads(pq.read_schema(merged).metadata[REPLACES_KEY])
    assert sorted(replaced) == sorted(p.name for p in [old, *newer])
    assert pq.ParquetFile(merged).metadata.num_row_groups >= 2  # groups of ROW_GROUP_ROWS rows


def test_a_single_file_is_left_alone(tmp_path: Path) -> None:
    only = write_parquet_atomic(_piece(range(3), with_section=True), tmp_path)
    assert compact_directory(tmp_path) is None
    assert [p.name for p in tmp_path.glob("part-*.parquet")] == [only.name]
