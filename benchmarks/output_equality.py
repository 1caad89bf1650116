"""Prove a speed change changed no output: dump every field of ``extract_page`` for a fixed page set,
then compare two dumps (this checkout against another one, e.g. main before the change).

    python -m benchmarks.output_equality --dump /tmp/new.jsonl [--variants 300]
    /other/venv/bin/python benchmarks/output_equality.py --dump /tmp/old.jsonl [--variants 300]
    python -m benchmarks.output_equality --compare /tmp/old.jsonl /tmp/new.jsonl
    python -m benchmarks.output_equality --against /other/venv/bin/python     # both dumps + compare

Pages: every fixture page (``tests/fixtures/pages``, with its continuation pages), every page of
``../shared/realhtml`` and ``../shared/realhtml-dev`` and of ``../blind/D`` (where present), and
``--variants`` generated articles of the benchmarks' scaled sites (``benchmarks.common``).  Each
page is extracted with facts and the NER fallback on, and again with ``use_ner=False``; the dump
holds the whole record (all fields, offsets included) as sorted JSON, one line per page.

The script runs under any checkout's interpreter: it imports ``kabar`` from whatever that
interpreter has installed, and ``benchmarks.common`` (for the variants) from its own folder.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BLIND_D = ROOT.parent / "blind" / "D"
FIXTURES = ROOT / "tests" / "fixtures" / "pages"


def _meta_pages(folder: Path, label: str) -> Iterator[tuple[str, str | None, Path, list[Path]]]:
    """Pages laid out as ``<slug>.html`` + ``<slug>.meta.json`` (url, continuation ``pages``)."""
    for meta_path in sorted(folder.glob("*/*.meta.json")):
        meta = json.loads(meta_path.read_text("utf-8"))
        page = meta_path.with_name(meta_path.name.removesuffix(".meta.json") + ".html")
        if page.is_file():
            extra = [meta_path.parent / name for name in meta.get("pages") or []]
            yield f"{label}/{page.relative_to(folder)}", meta.get("url"), page, extra


def _provenance_pages(folder: Path, label: str) -> Iterator[tuple[str, str | None, Path, list[Path]]]:
    """Pages listed in a ``PROVENANCE.tsv`` (first column the file, a ``url`` column)."""
    rows = (folder / "PROVENANCE.tsv").read_text("utf-8").splitlines()
    header = rows[0].split("\t")
    url_col = next(i for i, name in enumerate(header) if "url" in name)
    for row in rows[1:]:
        cols = row.split("\t")
        page = folder / cols[0]
        if page.is_file():
            yield f"{label}/{cols[0]}", cols[url_col] or None, page, []


def pages() -> Iterator[tuple[str, str | None, bytes, list[bytes]]]:
    """(name, url, html, continuation pages) of every real and fixture page that is present."""
    sources = [_meta_pages(FIXTURES, "fixtures")]
    if (SHARED / "realhtml").is_dir():
        sources.append(_provenance_pages(SHARED / "realhtml", "realhtml"))
    if (SHARED / "realhtml-dev").is_dir():
        sources.append(_provenance_pages(SHARED / "realhtml-dev", "realhtml-dev"))
    if BLIND_D.is_dir():
        sources.append(_meta_pages(BLIND_D, "blind-D"))
    for source in sources:
        for name, url, page, extra in source:
            yield name, url, page.read_bytes(), [p.read_bytes() for p in extra]


def variant_pages(n: int) -> Iterator[tuple[str, str | None, bytes, list[bytes]]]:
    """``n`` generated articles in the five sites' markup (the crawl and extract benchmarks' pages)."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.common import variant_articles

    for a in variant_articles(n):
        bodies = [a["bodies"][k].encode("utf-8") for k in sorted(a["bodies"])]  # page number -> html
        yield f"variant/{a['url']}", a["url"], bodies[0], bodies[1:]


def dump(out: Path, variants: int) -> int:
    """Write one sorted-JSON line per (page, NER on/off); returns the line count."""
    from kabar.extract.page import extract_page

    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for name, url, html, extra in [*pages(), *variant_pages(variants)]:
            for use_ner in (True, False):
                record = extract_page(html, url, extra_pages=extra, use_ner=use_ner)
                line = {"page": name, "use_ner": use_ner, "record": record}
                fh.write(json.dumps(line, sort_keys=True, ensure_ascii=False, default=str) + "\n")
                n += 1
    return n


def compare(old: Path, new: Path) -> int:
    """Print every page whose record differs (with the differing fields); the count of them."""
    a = [json.loads(line) for line in old.read_text("utf-8").splitlines()]
    b = [json.loads(line) for line in new.read_text("utf-8").splitlines()]
    if [(x["page"], x["use_ner"]) for x in a] != [(x["page"], x["use_ner"]) for x in b]:
        print(f"the dumps list different pages ({len(a)} vs {len(b)} lines)")
        return max(len(a), len(b))
    diffs = 0
    for x, y in zip(a, b, strict=True):
        if x["record"] != y["record"]:
            diffs += 1
            keys = sorted(
                k for k in set(x["record"]) | set(y["record"]) if x["record"].get(k) != y["record"].get(k)
            )
            print(f"DIFF {x['page']} use_ner={x['use_ner']}: {', '.join(keys)}")
    print(f"{len(a)} records compared, {diffs} differ")
    return diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, metavar="FILE", help="write this checkout's records to FILE")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("OLD", "NEW"), help="compare two dumps")
    parser.add_argument(
        "--against", metavar="PYTHON", help="dump with PYTHON and with this one, then compare"
    )
    parser.add_argument("--variants", type=int, default=300, help="generated articles added (default 300)")
    args = parser.parse_args(argv)
    if args.dump:
        print(f"{dump(args.dump, args.variants)} records written to {args.dump}")
        return 0
    if args.compare:
        return 1 if compare(*args.compare) else 0
    if args.against:
        with tempfile.TemporaryDirectory() as tmp:
            old, new = Path(tmp) / "old.jsonl", Path(tmp) / "new.jsonl"
            for python, out in ((args.against, old), (sys.executable, new)):
                cmd = [
                    python,
                    str(Path(__file__).resolve()),
                    "--dump",
                    str(out),
                    "--variants",
                    str(args.variants),
                ]
                subprocess.run(cmd, check=True)
            return 1 if compare(old, new) else 0
    parser.error("give --dump, --compare or --against")
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
