"""Bad input never produces a traceback, a hang or unbounded memory: a clear error record or a
correct record.  Inputs are generated here (tmp_path), never committed."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kabar.extract.decode import MAX_HTML_BYTES, DecodeError, decode_html
from kabar.extract.page import extract_page
from kabar.extract.record import RECORD_FIELDS

ROOT = Path(__file__).resolve().parent.parent
URL = "https://m.beritajakarta.id/read/1/contoh"
ARTICLE = """<html><head><meta charset="{charset}"><title>Judul Berita</title></head><body>
<div class="news-read"><div class="content"><h1>Judul Berita</h1>
<div class="content-body">
<p class="text-justify">Paragraf pertama tentang kafé di Jakarta yang dibuka Senin (25/9) oleh wali kota.</p>
<p class="text-justify">Paragraf kedua dengan kutipan “netral” dan tanda ‘petik’ – serta harga Rp 5.000.</p>
</div></div></div></body></html>"""
SECONDS = 10  # generous bound on 2 shared cores; each case takes well under a second


def _timed(data: bytes | str, url: str | None = URL) -> dict:
    start = time.perf_counter()
    record = extract_page(data, url, facts=False)
    assert time.perf_counter() - start < SECONDS
    assert tuple(record) == RECORD_FIELDS
    return record


def test_empty_input_is_an_empty_error() -> None:
    for data in (b"", b"   \n\t  ", ""):
        assert _timed(data)["error"]["code"] == "empty"


def test_binary_input_is_not_html() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    noise = bytes((i * 7 + 3) % 256 for i in range(5000))
    for data in (png, noise, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"):
        record = _timed(data)
        assert record["error"]["code"] == "not_html"
        assert record["text"] == ""


def test_truncated_page_keeps_what_arrived() -> None:
    page = ARTICLE.format(charset="utf-8").encode()
    cut = page[: page.index(b"Paragraf kedua") + 20]
    record = _timed(cut)
    assert record["error"] is None
    assert record["text"].startswith("Paragraf pertama tentang kafé")


def test_twenty_thousand_nested_divs_do_not_crash_or_hang() -> None:
    deep = b"<html><body><p>Teks awal halaman ini cukup panjang untuk dibaca.</p>"
    deep += b"<div>" * 20_000 + b"teks terdalam" + b"</div>" * 20_000 + b"</body></html>"
    record = _timed(deep, url=None)
    # libxml2 stops at 256 levels (huge_tree=False): the text before the nesting survives
    assert record["error"] is None or record["error"]["code"] == "no_text"
    assert "teks terdalam" not in record["text"]


def test_xml_entity_bomb_does_not_expand() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    for level in range(2, 10):
        bomb += f'<!ENTITY lol{level} "' + f"&lol{level - 1 if level > 2 else ''};" * 10 + '">'
    bomb += "]><html><body><p>&lol9;</p></body></html>"
    record = _timed(bomb.encode())
    assert len(record["text"]) < 100
    assert "lollol" not in record["text"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_pages_decode(encoding: str) -> None:
    data = ARTICLE.format(charset="utf-16").encode(encoding)
    record = _timed(data)
    assert record["error"] is None
    assert "kafé" in record["text"] and "“netral”" in record["text"]


def test_declared_windows_1252_decodes() -> None:
    data = ARTICLE.format(charset="windows-1252").encode("cp1252")
    record = _timed(data)
    assert "kafé" in record["text"] and "“netral”" in record["text"] and "–" in record["text"]


def test_undeclared_windows_1252_falls_back_from_utf8() -> None:
    page = ARTICLE.format(charset="utf-8").replace('<meta charset="utf-8">', "")
    assert decode_html(page.encode("cp1252")).encoding == "cp1252"
    assert "kafé" in _timed(page.encode("cp1252"))["text"]


def test_a_wrong_utf8_declaration_falls_back_to_windows_1252() -> None:
    """Saved in windows-1252 but declaring UTF-8 (a CMS template's lie): accents survive."""
    data = ARTICLE.format(charset="utf-8").encode("cp1252")
    record = _timed(data)
    assert "kafé" in record["text"] and "\ufffd" not in record["text"]


def test_a_utf16_declaration_on_8_bit_bytes_is_not_believed() -> None:
    data = ARTICLE.format(charset="utf-16").encode("utf-8")
    assert "kafé" in _timed(data)["text"]


def test_latin1_label_means_windows_1252() -> None:
    data = ARTICLE.format(charset="iso-8859-1").encode("cp1252")
    assert "“netral”" in _timed(data)["text"]


def test_mojibake_is_repaired() -> None:
    page = ARTICLE.format(charset="utf-8")
    # UTF-8 read as windows-1252 ("â€" + the undefined byte 0x9d of ” is lost, so leave ” out)
    damaged = page.replace("”", '"').encode("utf-8").decode("cp1252")
    assert "kafÃ©" in damaged and "â€œnetral" in damaged
    record = _timed(damaged)
    assert "kafé" in record["text"] and "“netral" in record["text"] and "‘petik’" in record["text"]


def test_oversized_page_is_cut_and_flagged() -> None:
    page = ARTICLE.format(charset="utf-8")
    filler = "<div class='iklan'>" + "<p>isi pengisi yang tidak penting sama sekali</p>" * 700_000 + "</div>"
    big = page.replace("</body>", filler + "</body>").encode()
    assert len(big) > 3 * MAX_HTML_BYTES
    record = _timed(big)
    assert record["error"]["code"] == "too_large"
    assert record["text"].startswith("Paragraf pertama")


def test_nul_in_text_input_is_not_html() -> None:
    with pytest.raises(DecodeError) as info:
        decode_html("<html>\x00\x00\x00</html>")
    assert info.value.code == "not_html"


def test_cli_on_bad_paths_and_big_files_gives_error_records(tmp_path: Path) -> None:
    """One CLI run over every kind of bad path: a record each, in order, bounded time and memory."""
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 100)
    (tmp_path / "a_directory").mkdir()
    good = tmp_path / "good.html"
    canonical = f'<head><link rel="canonical" href="{URL}">'
    good.write_text(ARTICLE.format(charset="utf-8").replace("<head>", canonical))
    big = tmp_path / "big.html"
    with big.open("wb") as fh:  # 30 MB, written in chunks
        fh.write(ARTICLE.format(charset="utf-8").replace("</body></html>", "").encode())
        chunk = b"<p>isi pengisi yang tidak penting</p>\n" * 10_000
        while fh.tell() < 30 * 1024 * 1024:  # stops within one chunk (0.4 MB) past 30 MB
            fh.write(chunk)
    inputs = ["empty.html", "binary.html", "a_directory", "missing.html", "big.html", "good.html"]
    code = (
        "import resource, sys\n"
        "from kabar.crawler.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "extract", "--no-facts", *inputs],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    codes = [r["error"]["code"] if r["error"] else None for r in records]
    assert codes == ["empty", "not_html", "not_a_file", "not_found", "too_large", None]
    assert "30.1 MB" in records[4]["error"]["message"]  # the file's size, not the 10 MB read
    assert records[5]["site"] == "beritajakarta" and records[5]["text"]
    messages = [line for line in proc.stderr.splitlines() if line.startswith("kabar extract:")]
    assert len(messages) == 5
    assert any("a_directory" in m and "directory" in m for m in messages)
    maxrss_mb = int(proc.stderr.split("MAXRSS_KB")[1].split()[0]) / 1024
    assert maxrss_mb < 800, f"peak memory {maxrss_mb:.0f} MB for a 30 MB page"


def test_wrong_input_type_is_an_error_record() -> None:
    assert _timed(None)["error"]["code"] == "not_html"  # type: ignore[arg-type]
    assert _timed(bytearray(ARTICLE.format(charset="utf-8").encode()))["error"] is None


def test_overlong_article_text_is_cut_at_a_paragraph() -> None:
    page = ARTICLE.format(charset="utf-8")
    line = "<p>Paragraf nomor {} yang berisi kalimat pengisi yang cukup panjang.</p>"
    body = "".join(line.format(i) for i in range(8000))
    record = _timed(page.replace("</div></div></div>", body + "</div></div></div>"))
    assert record["error"]["code"] == "too_large" and "characters" in record["error"]["message"]
    assert 150_000 < len(record["text"]) <= 200_000
    assert record["text"].endswith("cukup panjang.")


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Berita</title>'
        b"<item><title>ASN ikrar netralitas</title><link>https://example.id/a</link></item></channel></rss>",
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://example.id/a</loc></url></urlset>",
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Berita</title></feed>',
    ],
    ids=["rss", "sitemap", "atom"],
)
def test_feeds_and_sitemaps_are_not_articles(document: bytes) -> None:
    record = extract_page(document, "https://example.id/feed")
    assert record["error"]["code"] == "not_article"
    assert record["pledge_points"] == [] and record["text"] == ""
