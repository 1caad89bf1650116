"""schemas/FIELDS.md documents exactly the columns of schemas/article.py, with their types."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa

from kabar.extract.record import RECORD_FIELDS, empty_facts
from kabar.schemas import article

FIELDS_MD = Path(article.__file__).with_name("FIELDS.md")


def _type_name(t: pa.DataType) -> str:
    if pa.types.is_struct(t):
        return "struct"
    if pa.types.is_list(t):
        inner = t.value_type
        return "list<struct>" if pa.types.is_struct(inner) else f"list<{inner}>"
    return str(t)


def _flatten(schema: pa.Schema) -> dict[str, str]:
    """``{"event.date": "date32[day]", "officials[].name": "string", ...}`` for every field."""
    out: dict[str, str] = {}
    for field in schema:
        out[field.name] = _type_name(field.type)
        t = field.type
        prefix = field.name
        if pa.types.is_list(t) and pa.types.is_struct(t.value_type):
            t, prefix = t.value_type, f"{field.name}[]"
        if pa.types.is_struct(t):
            for sub in t:
                out[f"{prefix}.{sub.name}"] = _type_name(sub.type)
    return out


def _documented(section: str) -> dict[str, str]:
    text = FIELDS_MD.read_text("utf-8")
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+?) \|", body, flags=re.M)
    assert rows, f"no field table under '## {section}'"
    names = [name for name, _ in rows]
    assert len(names) == len(set(names)), f"duplicate rows in FIELDS.md {section}"
    return dict(rows)


def test_fields_md_lists_every_article_column_with_its_type():
    assert _documented("articles") == _flatten(article.ARTICLE_SCHEMA)


def test_fields_md_lists_every_errors_column_with_its_type():
    assert _documented("errors") == _flatten(article.ERRORS_SCHEMA)


def test_fields_md_names_the_schema_version():
    assert f"Schema version {article.SCHEMA_VERSION} " in FIELDS_MD.read_text("utf-8")


def test_every_record_field_has_a_column():
    columns = set(article.ARTICLE_SCHEMA.names)
    assert set(RECORD_FIELDS) <= columns, set(RECORD_FIELDS) - columns


def test_fact_structs_match_the_record_contract():
    facts = empty_facts()
    event_type = article.ARTICLE_SCHEMA.field("event").type
    assert [f.name for f in event_type] == list(facts["event"])


def test_file_schemas_carry_the_version_and_leave_out_partition_columns():
    schema = article.article_file_schema()
    assert schema.metadata[article.METADATA_KEY] == article.SCHEMA_VERSION.encode()
    assert not set(article.PARTITION_COLUMNS) & set(schema.names)
    assert article.errors_file_schema().metadata[article.METADATA_KEY] == article.SCHEMA_VERSION.encode()


def test_published_at_is_a_jakarta_timestamp():
    t = article.ARTICLE_SCHEMA.field("published_at").type
    assert t == pa.timestamp("us", tz="Asia/Jakarta")


def test_fields_md_lists_the_columns_of_the_fact_views(tmp_path):
    from kabar.pipelines.dataset import connect

    text = FIELDS_MD.read_text("utf-8")
    body = text.split("## Views\n", 1)[1]
    documented = {
        view: re.findall(r"`([^`]+)`", columns)
        for view, columns in re.findall(r"^\| `(\w+)` \| (.+) \|$", body, flags=re.M)
    }
    con = connect(tmp_path)  # an empty dataset has every view, with every column
    for view in ("events", "officials", "pledge_points", "figures"):
        actual = [row[0] for row in con.execute(f"DESCRIBE {view}").fetchall()]
        assert documented[view] == actual, view


def test_the_one_time_zone_is_the_dataset_timestamp_zone() -> None:
    from kabar.extract.wib import JAKARTA
    from kabar.schemas.article import TIMEZONE

    assert JAKARTA.key == TIMEZONE
