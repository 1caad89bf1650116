"""kabar.pipelines.warcread: HTTP blocks as archives store them, and damage found record by record."""

from __future__ import annotations

import zlib
from pathlib import Path

from kabar.pipelines.raw import WarcStore
from kabar.pipelines.warcread import Damage, WarcEntry, parse_http_block, read_warc


def _gzip(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()


def test_http_block_with_wire_encodings_folded_headers_and_no_http():
    body = _gzip(b"<p>halo</p>")
    chunked = hex(len(body))[2:].encode() + b"\r\n" + body + b"\r\n0\r\n\r\n"
    block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nX-A: a\r\n b\r\n\r\n"
    status, headers, decoded = parse_http_block(block + chunked)
    assert status == 200 and decoded == b"<p>halo</p>" and headers["X-A"] == "a b"
    # a writer that decoded the body but kept the header: the body is left as it is
    assert parse_http_block(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n<p>x</p>")[2] == b"<p>x</p>"
    assert parse_http_block(b"not an http response") == (None, {}, b"not an http response")


def test_cut_record_and_garbled_member_are_damage_and_reading_goes_on(tmp_path: Path):
    store = WarcStore(tmp_path)
    for i in range(6):
        page = {"url": f"https://a.id/{i}", "status": 200, "headers": {}, "body": b"<p>%d</p>" % i * 500}
        store.write_article({"site": "a", "url": page["url"], "pages": [page]})
    store.close()
    [path] = store.closed_files
    entries = [e for e in read_warc(path) if isinstance(e, WarcEntry)]
    offsets = [e.offset for e in entries]
    data = bytearray(path.read_bytes())
    data[offsets[2] + 40 : offsets[2] + 80] = b"\x00" * 40  # garble the third record's member
    cut = bytes(data[: (offsets[5] + len(data)) // 2])  # and cut the last record in half
    path.write_bytes(cut)
    read = list(read_warc(path))
    assert [e.target_uri for e in read if isinstance(e, WarcEntry)] == [
        f"https://a.id/{i}" for i in (0, 1, 3, 4)
    ]
    assert len([e for e in read if isinstance(e, Damage)]) == 2
