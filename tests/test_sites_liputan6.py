"""The Liputan6 module on an article split into pages inside one document."""

from __future__ import annotations

from kabar.extract.page import extract_page

URL = "https://www.liputan6.com/news/read/5123456/bupati-pimpin-apel-netralitas"
LONG = "dengan kalimat panjang tentang netralitas aparatur sipil negara di wilayah kabupaten itu"


def _page(number: int, title: str, text: str) -> str:
    heading = f'<h2 class="article-content-body__item-title">{title}</h2>' if title else ""
    return f"""<div class="article-content-body__item-page" data-page="{number}" data-title="{title}">
{heading}
<div class="article-content-body__item-media"><figure><figcaption>Foto ilustrasi</figcaption></figure></div>
<div class="article-content-body__item-content">{text}</div></div>"""


PAGED = f"""<html><head><title>Bupati Pimpin Apel Netralitas - News Liputan6.com</title></head><body>
<h1 class="read-page--header--title">Bupati Pimpin Apel Netralitas</h1>
<div class="article-content-body article-content-body_with-aside">
{_page(1, "", f"<p><b>Liputan6.com, Kendal</b> - Halaman pertama {LONG}.</p><p>Lanjutan pertama {LONG}.</p>")}
{_page(2, "Ikrar Bersama", f"<p>Halaman kedua {LONG}.</p>")}
{_page(3, "Sanksi Tegas", f"<p>Halaman ketiga menutup berita {LONG}.</p>")}
</div>
<div class="read-page--related-article"><a href="/news/read/1/lain">Berita lain yang tidak dibaca</a></div>
</body></html>"""


def test_every_page_of_a_paged_article_is_read_in_order() -> None:
    record = extract_page(PAGED, URL, facts=False)
    assert record["extraction"] == "site:liputan6"
    lines = record["text"].split("\n")
    assert lines[0] == f"Liputan6.com, Kendal - Halaman pertama {LONG}."
    assert "Ikrar Bersama" in lines and "Sanksi Tegas" in lines
    assert lines.index(f"Halaman kedua {LONG}.") < lines.index(f"Halaman ketiga menutup berita {LONG}.")
    assert lines[-1] == f"Halaman ketiga menutup berita {LONG}."
    assert "Foto ilustrasi" not in record["text"]


def test_a_one_page_article_reads_its_text_container() -> None:
    one = PAGED.split(_page(2, "Ikrar Bersama", f"<p>Halaman kedua {LONG}.</p>"))[0] + "</div></body></html>"
    record = extract_page(one, URL, facts=False)
    assert record["text"].split("\n") == [
        f"Liputan6.com, Kendal - Halaman pertama {LONG}.",
        f"Lanjutan pertama {LONG}.",
    ]
