"""The DuckDB views, the README's example queries and dataframe one-liners, the summary."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from storage_helpers import build_facts_dataset, rows

from kabar.pipelines.dataset import DATAFRAME_SNIPPETS, EXAMPLE_QUERIES, connect, print_summary, summary

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ds") / "out" / "dataset"
    build_facts_dataset(out)
    return out


def test_articles_keeps_versions_and_latest_has_one_row_per_article(dataset: Path):
    assert len(rows(dataset)) == 4
    latest = rows(dataset, "SELECT url, version FROM articles_latest ORDER BY url")
    assert [r["version"] for r in latest] == [1, 2, 1]
    assert len(latest) == 3


def test_article_events_flatten_the_facts_and_share_an_event_id(dataset: Path):
    events = rows(dataset, "SELECT * FROM article_events ORDER BY site")
    assert [e["site"] for e in events] == ["beritajakarta", "wartakota"]
    ev = events[0]
    assert ev["event_type"] == "ikrar" and ev["event_date"] == date(2023, 9, 25)
    assert ev["institution_short"] == "Pemkot Jakut" and ev["official_name"] == "Juaini"
    assert ev["institution_id"] == "pemkot@31.72" and ev["official_person_id"] == "per:juaini"
    assert ev["n_pledge_points"] == 1 and ev["version"] == 2 and ev["themes"] == ["kampanye_partisan"]
    # the same ikrar told by two outlets (published two weeks apart) is one event
    assert events[0]["event_id"] == events[1]["event_id"]


def test_events_view_has_one_row_per_event_with_its_sources(dataset: Path):
    (event,) = rows(dataset, "SELECT * FROM events")
    assert event["n_sources"] == 2 and event["n_articles"] == 2
    assert event["sites"] == ["beritajakarta", "wartakota"]
    assert event["urls"] == [
        "https://www.beritajakarta.id/read/1/ikrar",
        "https://wartakota.tribunnews.com/2023/10/10/apel",
    ]
    assert event["institution"] == "Pemerintah Kota Administrasi Jakarta Utara"
    assert event["province_code"] == "31" and event["region_code"] == "31.72"
    assert str(event["first_reported_at"]) == "2023-09-25 10:00:00+07:00"


def test_unnested_views(dataset: Path):
    officials = rows(dataset, "SELECT name, position FROM officials")
    assert officials == [{"name": "Juaini", "position": 1}] * 2
    assert rows(dataset, "SELECT DISTINCT person_id FROM officials") == [{"person_id": "per:juaini"}]
    points = rows(dataset, "SELECT point FROM pledge_points")
    assert [p["point"] for p in points] == ["tidak berpartisipasi dalam kampanye politik"] * 2
    assert rows(dataset, "SELECT sum(value) AS s FROM figures WHERE kind = 'people'") == [{"s": 900.0}]
    themes = rows(dataset, "SELECT point, theme, evidence FROM pledge_themes")
    assert (
        themes
        == [
            {
                "point": "tidak berpartisipasi dalam kampanye politik",
                "theme": "kampanye_partisan",
                "evidence": "kampanye",
            }
        ]
        * 2
    )


def test_every_example_query_runs_and_answers(dataset: Path):
    con = connect(dataset)
    results = {title: con.execute(sql).fetchall() for title, sql in EXAMPLE_QUERIES}
    assert all(results.values()), [t for t, r in results.items() if not r]
    assert results["Articles per site and publish month"] == [
        ("beritajakarta", "2023-09", 1),
        ("beritajakarta", "2023-10", 1),
        ("wartakota", "2023-10", 1),
    ]
    assert results["What went wrong, by stage"] == [("fetch", "http_404", 1)]
    assert [r[1] for r in results["Articles whose text changed since the first crawl"]] == [2]


def test_readme_shows_exactly_the_tested_examples():
    readme = README.read_text("utf-8")
    for title, sql in EXAMPLE_QUERIES:
        assert f"-- {title}\n{sql};\n" in readme, title
    for snippet in DATAFRAME_SNIPPETS.values():
        assert snippet in readme


@pytest.mark.parametrize("name", sorted(DATAFRAME_SNIPPETS))
def test_dataframe_one_liners_from_the_readme_run(dataset: Path, name: str, monkeypatch):
    monkeypatch.chdir(dataset.parent.parent)  # the snippets use the README's out/dataset path
    scope: dict = {}
    exec(DATAFRAME_SNIPPETS[name], scope)
    df = scope["df"]
    assert len(df) == 4
    assert {"site", "month", "text", "officials", "published_at"} <= set(df.columns)
    sites = sorted(set(df["site"].to_list() if hasattr(df["site"], "to_list") else df["site"]))
    assert sites == ["beritajakarta", "wartakota"]


def test_summary_counts_per_site(dataset: Path):
    by_site = {r["site"]: r for r in summary(dataset)}
    assert by_site["beritajakarta"] == {
        "site": "beritajakarta",
        "articles": 2,
        "changed": 1,
        "events": 1,
        "pledge_points": 1,
        "officials": 1,
        "figures": 1,
        "errors": 0,
    }
    assert by_site["wartakota"]["errors"] == 1 and by_site["wartakota"]["events"] == 1
    buffer = io.StringIO()
    print_summary(dataset, console=Console(file=buffer, width=120))
    assert "total" in buffer.getvalue() and "beritajakarta" in buffer.getvalue()


def test_summary_of_an_empty_dataset(tmp_path: Path):
    assert summary(tmp_path) == []


def test_files_written_before_a_column_existed_still_read(tmp_path: Path):
    import pyarrow.parquet as pq

    build_facts_dataset(tmp_path)
    part = next((tmp_path / "articles").rglob("*.parquet"))
    old = pq.read_table(part).drop_columns(["figures", "section"])  # as an older kabar wrote them
    (tmp_path / "articles" / "site=old" / "month=2022-01").mkdir(parents=True)
    pq.write_table(old, tmp_path / "articles" / "site=old" / "month=2022-01" / "part-old.parquet")
    for part in (tmp_path / "articles").glob("site=[bw]*/*/*.parquet"):
        part.unlink()  # only old files left: the columns exist in no file
    got = rows(tmp_path, "SELECT site, section, figures FROM articles_latest")
    assert got and all(r["site"] == "old" and r["figures"] is None for r in got)
    assert rows(tmp_path, "SELECT count(*) AS n FROM figures") == [{"n": 0}]
