"""``kabar extract``: JSON Lines in input order, continuation pages joined, errors reported."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from kabar.crawler.cli import main
from kabar.crawler.commands.extract import continuation_pages

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
WARTAKOTA = PAGES / "wartakota" / "ikrar-imigrasi-jaktim.html"
BERITAJAKARTA = PAGES / "beritajakarta" / "asn-pemkot-jakut-ikrar-netralitas.html"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(["extract", "--no-facts", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_help_teaches_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "kabar extract" in out and "--no-facts" in out


def test_one_record_per_page_in_input_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, records, err = _run(capsys, str(BERITAJAKARTA), str(WARTAKOTA))
    assert code == 0 and err == ""
    assert [r["site"] for r in records] == ["beritajakarta", "wartakota"]
    assert all(r["error"] is None and r["text"] for r in records)


def test_continuation_pages_are_joined_not_printed(capsys: pytest.CaptureFixture[str]) -> None:
    page2 = WARTAKOTA.with_name("ikrar-imigrasi-jaktim.page2.html")
    assert continuation_pages(WARTAKOTA) == [page2]
    code, records, _ = _run(capsys, str(WARTAKOTA), str(page2))
    assert code == 0 and len(records) == 1
    assert records[0]["pages"] == 2 and "Keenam," in records[0]["text"]


def test_continuation_page_given_alone_is_extracted_alone(capsys: pytest.CaptureFixture[str]) -> None:
    page2 = WARTAKOTA.with_name("ikrar-imigrasi-jaktim.page2.html")
    code, records, _ = _run(capsys, str(page2))
    assert code == 0 and records[0]["pages"] == 1 and "Keenam," in records[0]["text"]


def test_bad_paths_give_error_records_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.html"
    code, records, err = _run(capsys, str(missing), str(tmp_path), str(BERITAJAKARTA))
    assert code == 1
    assert [r["error"]["code"] if r["error"] else None for r in records] == ["not_found", "not_a_file", None]
    assert records[2]["title"] == "ASN Pemkot Jakut Ikrar Netralitas Pemilu 2024"
    lines = err.strip().splitlines()
    assert len(lines) == 2 and str(missing) in lines[0] and "directory" in lines[1]


def test_url_option_picks_the_site_module(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    html = BERITAJAKARTA.read_text("utf-8")  # without its canonical URL the host is unknown
    html = html.replace('rel="canonical"', 'rel="x-canonical"').replace('property="og:url"', 'property="x"')
    page.write_text(html)
    _, without, _ = _run(capsys, str(page))
    url = "https://m.beritajakarta.id/read/121784/asn-pemkot-jakut-ikrar-netralitas-pemilu-2024"
    _, with_url, _ = _run(capsys, "--url", url, str(page))
    assert without[0]["extraction"] == "generic" and without[0]["url"] is None
    assert with_url[0]["extraction"] == "site:beritajakarta" and with_url[0]["url"] == url


def test_url_with_several_files_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", "--url", "https://x.id/a", str(WARTAKOTA), str(BERITAJAKARTA)])
    assert code == 2 and "single FILE" in capsys.readouterr().err


def test_stdin_page(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BERITAJAKARTA.read_bytes())))
    code, records, _ = _run(capsys, "-")
    assert code == 0 and records[0]["site"] == "beritajakarta"


def test_many_files_stream_without_a_tty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = []
    for i in range(25):  # over the progress-bar threshold; stderr is not a TTY so no bar
        paths.append(tmp_path / f"p{i:02}.html")
        shutil.copy(BERITAJAKARTA, paths[-1])
    code, records, err = _run(capsys, *map(str, paths))
    assert code == 0 and len(records) == 25 and err == ""
