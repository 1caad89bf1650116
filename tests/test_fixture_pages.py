"""The fixture pages are test data other tests trust: check that each is well formed and that its
hand-written gold is grounded in the page (every expected phrase really occurs there).

A gold value that is not in the page would make the extractor tests demand an invention, so a
typo in a meta.json fails here, with the page named, rather than as a puzzling extractor failure.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import lxml.html
import pytest
from conftest import fixture_pages, load_meta

import kabar.extract.sites  # noqa: F401  (loads the submodule)
from kabar import extract
from kabar.extract.record import EVENT_TYPES

PAGES = list(fixture_pages())
SITE_KEYS = {"wartakota", "idntimes", "koranjakarta", "beritajakarta", "satuarah"}


def _visible_text(page: Path, meta: dict) -> str:
    """All text of the page and its continuation pages, whitespace folded, lower-cased."""
    parts = []
    for path in [page, *(page.parent / name for name in meta.get("pages", []))]:
        tree = lxml.html.fromstring(path.read_bytes())
        for bad in tree.xpath("//script|//style"):
            bad.drop_tree()
        parts.append(tree.text_content())
    return _fold(" ".join(parts))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def test_every_registered_outlet_has_a_fixture_triplet() -> None:
    """The registry is the list of outlets: each has a page, its meta.json and its snapshot (Fundus'
    rule: an outlet without a fixture fails here), and every fixture folder is a registered outlet."""
    registered = set(extract.sites.SITES)
    folders = {page.parent.name for page in PAGES}
    assert folders <= registered, f"fixture folders of no outlet: {sorted(folders - registered)}"
    assert not registered - folders, f"outlets without a fixture page: {sorted(registered - folders)}"
    for page in PAGES:
        assert page.is_file(), page
        assert page.with_name(page.name.replace(".html", ".expected.json")).is_file(), page
    for site in SITE_KEYS:  # the five target sites: several pages each
        assert sum(p.parent.name == site for p in PAGES) >= 2, site


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_is_grounded_in_the_page(page: Path) -> None:
    meta = load_meta(page)
    gold = meta["gold"]
    assert meta["site"] == page.parent.name
    assert meta["url"].startswith("https://")
    for name in meta.get("pages", []):
        assert (page.parent / name).is_file(), f"continuation page {name} is missing"
    text = _visible_text(page, meta)

    assert gold["event"]["type"] in EVENT_TYPES
    if gold["event"].get("date_text"):
        assert _fold(gold["event"]["date_text"]) in text
    for phrase in gold.get("body_must_contain", []):
        assert _fold(phrase) in text, phrase
    for point in gold.get("pledge_points", []):
        # Gold points are the points as written, at most re-cased at the start.
        assert _fold(point) in text, point
    for official in gold.get("officials", []):
        assert _fold(official["name"]) in text, official["name"]
    if gold.get("official"):
        assert gold["official"]["name"] in [o["name"] for o in gold["officials"]]
    for figure in gold.get("figures", []):
        value = figure["value"]
        if float(value).is_integer():
            value = int(value)
            written = {str(value), f"{value:,}".replace(",", ".")}
        else:  # a decimal is written with a comma: 39,6
            written = {str(value).replace(".", ",")}
        assert any(re.search(rf"(?<![\d.,]){re.escape(w)}(?![\d]|[.,]\d)", text) for w in written), value
