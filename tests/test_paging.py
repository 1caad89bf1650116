"""Multi-page articles: continuation URLs are found, and page records join into one."""

from __future__ import annotations

from pathlib import Path

from kabar.extract.decode import parse_html
from kabar.extract.page import extract_page
from kabar.extract.paging import join_pages, next_page_urls
from kabar.extract.record import empty_record, make_error
from kabar.extract.sites.base import build_context

ROOT = Path(__file__).resolve().parent.parent
WARTAKOTA = ROOT / "tests" / "fixtures" / "pages" / "wartakota" / "ikrar-imigrasi-jaktim"
ARTICLE = "https://wartakota.tribunnews.com/2023/01/25/judul-berita"


def _ctx(body: str, url: str | None = ARTICLE):
    html = f"<html><body>{body}</body></html>"
    return build_context(html, parse_html(html), url)


def _record(text: str, **fields) -> dict:
    record = empty_record("https://example.com/a")
    record.update(text=text, **fields)
    return record


def test_pager_links_give_the_following_pages_in_order() -> None:
    ctx = _ctx(
        '<div class="paging"><a href="judul-berita">1</a><a href="judul-berita?page=3">3</a>'
        '<a href="/2023/01/25/judul-berita?page=2">2</a><a href="?page=all">Semua</a></div>'
    )
    assert next_page_urls(ctx) == [f"{ARTICLE}?page=2", f"{ARTICLE}?page=3"]


def test_page_counter_fills_in_pages_the_pager_does_not_link() -> None:
    ctx = _ctx(
        '<div class="paging"><a href="?page=2">2</a><span class="total-page hide">Halaman 1/4</span></div>'
    )
    assert next_page_urls(ctx) == [f"{ARTICLE}?page={n}" for n in (2, 3, 4)]


def test_links_to_other_articles_and_earlier_pages_are_ignored() -> None:
    ctx = _ctx(
        '<div class="paging"><a href="?page=1">1</a><a href="?page=2">2</a><a href="?page=3">3</a></div>'
        '<div class="paging"><a href="https://wartakota.tribunnews.com/lain/berita?page=2">lain</a></div>',
        url=f"{ARTICLE}?page=2",
    )
    assert next_page_urls(ctx) == [f"{ARTICLE}?page=3"]


def test_next_page_button_without_pager() -> None:
    ctx = _ctx(f'<div class="mb20"><a class="bgblue" href="{ARTICLE}?page=2">Halaman selanjutnya</a></div>')
    assert next_page_urls(ctx) == [f"{ARTICLE}?page=2"]


def test_one_page_article_has_no_next_pages() -> None:
    assert next_page_urls(_ctx("<p>Satu halaman saja.</p>")) == []
    assert next_page_urls(_ctx('<div class="paging"><a href="?page=2">2</a></div>', url=None)) == []


def test_fixture_page_one_points_to_page_two() -> None:
    html = (WARTAKOTA.with_suffix(".html")).read_text("utf-8")
    ctx = build_context(html, parse_html(html), None)
    assert next_page_urls(ctx) == [f"{ctx.url}?page=2"]


def test_join_concatenates_text_and_drops_repeated_paragraphs() -> None:
    repeated = "Paragraf yang diulang di awal halaman kedua sebagai pengantar."
    first = _record(f"Paragraf pertama halaman satu.\n{repeated}", title="Judul", authors=["A"])
    second = _record(f"{repeated}\nParagraf lanjutan di halaman dua.", title="Judul (Halaman 2)")
    joined = join_pages([first, second])
    assert joined["text"].split("\n") == [
        "Paragraf pertama halaman satu.",
        repeated,
        "Paragraf lanjutan di halaman dua.",
    ]
    assert joined["pages"] == 2
    assert joined["title"] == "Judul" and joined["authors"] == ["A"]


def test_join_fills_metadata_gaps_from_later_pages() -> None:
    joined = join_pages([_record("Satu.", editors=[]), _record("Dua.", editors=["Editor Dua"])])
    assert joined["editors"] == ["Editor Dua"]


def test_join_reports_a_failed_continuation_page_but_keeps_the_rest() -> None:
    failed = empty_record()
    failed["error"] = make_error("not_html", "binary")
    joined = join_pages([_record("Satu."), failed, _record("Tiga.")])
    assert joined["text"] == "Satu.\nTiga."
    assert joined["pages"] == 2
    assert joined["error"]["code"] == "partial" and "2" in joined["error"]["message"]


def test_join_of_one_record_is_that_record() -> None:
    record = _record("Satu.")
    assert join_pages([record]) == record


def test_extract_page_joins_the_fixture_continuation_page() -> None:
    page1 = WARTAKOTA.with_suffix(".html").read_bytes()
    page2 = WARTAKOTA.with_name(WARTAKOTA.name + ".page2.html").read_bytes()
    alone = extract_page(page1, facts=False)
    joined = extract_page(page1, extra_pages=[page2], facts=False)
    assert alone["pages"] == 1 and joined["pages"] == 2
    assert "Keenam," not in alone["text"] and "Keenam," in joined["text"]
    assert joined["text"].startswith(alone["text"])
    assert joined["title"] == alone["title"] and joined["url"] == alone["url"]


def test_a_broken_continuation_page_does_not_lose_page_one() -> None:
    page1 = WARTAKOTA.with_suffix(".html").read_bytes()
    record = extract_page(page1, extra_pages=[b"", b"\x00\x01binary"], facts=False)
    assert record["pages"] == 1 and record["text"].startswith("WARTAKOTALIVE.COM")
    assert record["error"]["code"] == "partial" and "2, 3" in record["error"]["message"]
