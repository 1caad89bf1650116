"""Reading WARC files of any origin, record by record, with every unreadable byte accounted for.

Why fastwarc (resiliparse) and not warcio: on the same file it reads several times faster
(``benchmarks/bench_warc.py``; figures in the README), and its record filter runs on the WARC
headers before a body is read, so records of other hosts cost almost nothing.

What fastwarc does not do, and this module adds:

* **truncation is detected**: a record cut off (crash, partial download) comes back from fastwarc
  with a short body; the block read here must be as long as the record's ``Content-Length`` or the
  record is reported as :class:`Damage` instead of handed on half-empty;
* **a garbled gzip member does not end the file**: fastwarc raises at the broken member and
  forgets the rest; reading resumes at the next gzip member header (every record of a ``.warc.gz``
  is its own member), so one bad record costs that record, not the records after it;
* **HTTP**: status and headers are parsed from the block, and the body is
  undone from ``chunked`` transfer coding and ``gzip``/``deflate`` content coding when a writer
  kept the wire form (kabar's own writer and Common Crawl store it decoded).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

_GZIP_MAGIC = b"\x1f\x8b\x08"
_SCAN_CHUNK = 1 << 20


@dataclass
class WarcEntry:
    """One readable ``response`` or ``revisit`` record."""

    path: str
    offset: int  # of the record (its gzip member) in the file
    rec_type: str  # "response" or "revisit"
    target_uri: str
    warc_date: str
    warc_headers: dict[str, str]
    status: int | None
    http_headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class Damage:
    """Bytes of a WARC file that could not be read as a complete record."""

    path: str
    offset: int
    reason: str


def _dechunk(body: bytes) -> bytes:
    """Undo ``Transfer-Encoding: chunked`` (hand-written: no library decodes a chunked body held in
    memory without a socket; a malformed body is returned as it is)."""
    out, pos = bytearray(), 0
    try:
        while True:
            end = body.index(b"\r\n", pos)
            size = int(body[pos:end].split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                return bytes(out)
            out += body[end + 2 : end + 2 + size]
            pos = end + 2 + size + 2
    except ValueError:
        return body


def _decode_body(body: bytes, headers: dict[str, str]) -> bytes:
    lower = {k.lower(): v.lower() for k, v in headers.items()}
    if "chunked" in lower.get("transfer-encoding", ""):
        body = _dechunk(body)
    coding = lower.get("content-encoding", "").strip()
    if coding in ("gzip", "x-gzip", "deflate") and body:
        try:
            wbits = 47 if coding != "deflate" else (15 if body[:1] == b"\x78" else -15)
            body = zlib.decompress(body, wbits)
        except zlib.error:  # the writer had decoded it already and kept the header
            pass
    return body


def _header_fields(lines: list[bytes]) -> dict[str, str]:
    """``Name: value`` lines to a dict (the last of repeated names wins; folded lines joined).

    Hand-written rather than ``http.client.parse_headers``: that goes through the general e-mail
    parser, about 0.7 ms a record, a sixth of the main process's time per page in ``reextract``.
    """
    fields: dict[str, str] = {}
    name = None
    for raw in lines:
        line = raw.decode("latin-1")
        if line[:1] in (" ", "\t") and name is not None:  # obsolete line folding
            fields[name] += " " + line.strip()
            continue
        key, sep, value = line.partition(":")
        if sep and key.strip():
            name = key.strip()
            fields[name] = value.strip()
    return fields


def parse_http_block(block: bytes) -> tuple[int | None, dict[str, str], bytes]:
    """(status, headers, body) of an HTTP response block; status None when it is no HTTP response."""
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    lines = head.split(b"\n")
    parts = lines[0].split()
    if not sep or len(parts) < 2 or not parts[0].upper().startswith(b"HTTP/") or not parts[1].isdigit():
        return None, {}, block
    headers = _header_fields([line.rstrip(b"\r") for line in lines[1:]])
    return int(parts[1]), headers, _decode_body(body, headers)


def is_url(source: str) -> bool:
    """``s3://bucket/key``, ``https://…``, ``file://…``: read through fsspec, not the local disk."""
    return "://" in source


def open_source(source: str) -> Any:
    """A seekable binary stream of a local path or, through fsspec, of a URL (``s3://`` needs
    ``s3fs``, ``gs://`` needs ``gcsfs``: fsspec names the missing package)."""
    if is_url(source):
        import fsspec

        return fsspec.open(source, "rb").open()
    return open(source, "rb")


def next_member(stream: Any, start: int) -> int | None:
    """Offset of the next gzip member header at or after ``start``, None at the end of the file
    (three magic bytes: compressed data can hold them too, see :func:`next_record_member`)."""
    stream.seek(start)
    carry = b""
    base = start
    while True:
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = carry + chunk
        found = data.find(_GZIP_MAGIC)
        if found >= 0:
            return base - len(carry) + found
        carry = data[-(len(_GZIP_MAGIC) - 1) :]
        base += len(chunk)


def _member_end(stream: Any, start: int) -> int:
    """Offset just past the (intact) gzip member that begins at ``start``."""
    stream.seek(start)
    inflater = zlib.decompressobj(31)
    consumed = 0
    while not inflater.eof:
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            break
        inflater.decompress(chunk)
        consumed += len(chunk) - len(inflater.unused_data)
    return start + consumed


def next_record_member(stream: Any, start: int) -> int | None:
    """Offset of the first gzip member at or after ``start`` that holds the beginning of a WARC
    record (it inflates to ``WARC/``), None when there is none: where a reader that was handed a
    byte range of a ``.warc.gz`` file begins.  Every reader of the same file finds the same
    offset, so neighbouring ranges split the records between them without a gap or an overlap."""
    position = start
    while (found := next_member(stream, position)) is not None:
        stream.seek(found)
        head = stream.read(4096)
        try:
            if zlib.decompressobj(31).decompress(head, 5) == b"WARC/":
                return found
        except zlib.error:
            pass
        position = found + 1
    return None


def read_warc(
    path: str | Path,
    *,
    keep: Callable[[str], bool] | None = None,
    start: int = 0,
) -> Iterator[WarcEntry | Damage]:
    """Every ``response``/``revisit`` record of ``path`` (``.warc`` or ``.warc.gz``), in file order,
    as :class:`WarcEntry`, and every unreadable stretch as :class:`Damage`.

    ``keep(target_uri)`` filters on the WARC headers before the body is read (the fast path for
    host filters); a cut-off record that ``keep`` refuses is not reported (an archive's damage in
    other outlets' pages is no loss to this dataset), a garbled gzip member always is.
    ``start``: the byte offset of a record (gzip member) to begin at instead of the file start.
    """
    path_s = str(path)
    types = WarcRecordType.response | WarcRecordType.revisit
    gzipped = path_s.endswith(".gz")

    def wanted(record: Any) -> bool:
        return keep is None or keep(record.headers.get("WARC-Target-URI") or "")

    with open_source(path_s) as stream:
        size = stream.seek(0, io.SEEK_END)
        offset = start
        in_damage = False  # one report per unreadable stretch, however many retries it takes
        while offset < size:
            stream.seek(offset)
            last = offset - 1
            try:
                for record in ArchiveIterator(
                    stream, record_types=types, parse_http=False, func_filter=wanted if keep else None
                ):
                    last = record.stream_pos
                    in_damage = False
                    headers = dict(record.headers.items())
                    block = record.reader.read()
                    declared = headers.get("Content-Length")
                    if declared is None or not declared.isdigit() or len(block) != int(declared):
                        yield Damage(path_s, last, f"record cut off ({len(block)} of {declared} bytes)")
                        continue
                    rec_type = "revisit" if record.record_type == WarcRecordType.revisit else "response"
                    status, http_headers, body = parse_http_block(block)
                    yield WarcEntry(
                        path=path_s,
                        offset=last,
                        rec_type=rec_type,
                        target_uri=headers.get("WARC-Target-URI") or "",
                        warc_date=headers.get("WARC-Date") or "",
                        warc_headers=headers,
                        status=status,
                        http_headers=http_headers,
                        body=body if rec_type == "response" else b"",
                    )
                return
            except OSError as exc:  # a broken gzip member (or a read error): resume after it
                # Where the broken member starts: right after the last good record's member (read
                # again to find its end), or where this pass began.  Exact, so that readers of
                # neighbouring byte ranges agree on whose damage it is (pipelines.rawsegments).
                bad = _member_end(stream, last) if gzipped and last >= offset else max(last, offset)
                if not in_damage:
                    yield Damage(path_s, bad, f"unreadable ({exc})")
                in_damage = True
                if not gzipped:
                    return
                resume = next_member(stream, bad + 1)
                if resume is None:
                    return
                offset = resume
