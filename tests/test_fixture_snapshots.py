"""Fixture pages: kabar's output equals the committed snapshot, and the metadata gold is right.

The snapshot (``<name>.expected.json``) catches every change of output; the gold (the
hand-written ``gold`` block of ``<name>.meta.json``) says what is *right*.  A change that breaks
the gold is a regression; a change that keeps the gold but alters the snapshot needs a
deliberate ``python tests/regenerate_fixtures.py`` (and a look at the diff).  The facts part of
the gold is tested in the facts tests.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from regenerate_fixtures import expected_path, extract_fixture, fixture_pages, load_meta, render

from kabar.extract.sites import site_for

PAGES = list(fixture_pages())
IDS = [f"{p.parent.name}/{p.stem}" for p in PAGES]
# Boilerplate lines shorter than this are checked as whole lines ("Top", "Komentar"), since they
# may legitimately occur inside a sentence; longer ones must not occur anywhere in the text.
SHORT_LINE = 30


@cache
def _record(page: Path) -> dict[str, Any]:
    return extract_fixture(page)


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_there_are_fixture_pages_for_the_five_sites() -> None:
    sites = {p.parent.name for p in PAGES}
    assert {"wartakota", "idntimes", "koranjakarta", "beritajakarta", "satuarah"} <= sites


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_output_matches_snapshot(page: Path) -> None:
    target = expected_path(page)
    regenerate = f"python tests/regenerate_fixtures.py --site {page.parent.name}"
    assert target.exists(), f"no snapshot: run `{regenerate}`"
    expected = json.loads(target.read_text("utf-8"))
    actual = json.loads(render(_record(page)))
    differing = sorted(k for k in set(expected) | set(actual) if expected.get(k) != actual.get(k))
    assert not differing, (
        f"output differs from {target.name} in {differing}; if every change is an improvement, "
        f"run `{regenerate}` and commit the new snapshot"
    )


@pytest.mark.parametrize("page", PAGES, ids=IDS)
@pytest.mark.parametrize("field", ["title", "authors", "editors", "published_at", "section"])
def test_metadata_matches_gold(page: Path, field: str) -> None:
    gold = load_meta(page)["gold"]
    if field not in gold:
        pytest.skip(f"the gold of {page.name} has no {field}")
    assert _record(page)[field] == gold[field]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_no_boilerplate_in_text(page: Path) -> None:
    record = _record(page)
    lines = {_norm(line) for line in record["text"].split("\n")}
    text = _norm(record["text"])
    leaked = []
    for boilerplate in load_meta(page)["gold"].get("boilerplate_lines", []):
        b = _norm(boilerplate)
        if (b in lines) if len(b) < SHORT_LINE else (b in text):
            leaked.append(boilerplate)
    assert not leaked


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_body_keeps_the_article(page: Path) -> None:
    record = _record(page)
    text = _norm(record["text"])
    missing = [s for s in load_meta(page)["gold"].get("body_must_contain", []) if _norm(s) not in text]
    assert not missing
    assert record["error"] is None
    if site_for(record["url"]) is not None:
        assert record["extraction"].startswith("site:"), "the site module, not a fallback, should extract it"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_site_key_matches_meta(page: Path) -> None:
    assert _record(page)["site"] == load_meta(page)["site"]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_text_is_normalised_once_by_the_extractor(page: Path) -> None:
    """The storage stage's normalisation finds kabar's text already final: no second pass changes it."""
    from kabar.pipelines.normalize import normalise_text

    text = _record(page)["text"]
    assert normalise_text(text)[0] == text
