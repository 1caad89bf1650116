"""Time the event-facts layer: median milliseconds per article, rules only and with NER.

    .venv/bin/python -m benchmarks.facts_speed [--repeat 20]

Texts are the clean bodies of every fixture page (extracted once, not timed).  The first call
(loading spaCy and the vocabularies) is reported apart; the median is over warm calls, in CPU
time of this process (wall time on a shared machine mostly measures the neighbours).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"


def _texts() -> list[tuple[str, str | None, str | None]]:
    from kabar.extract.page import extract_page

    texts = []
    for meta_path in sorted(PAGES.glob("*/*.meta.json")):
        meta = json.loads(meta_path.read_text("utf-8"))
        page = meta_path.with_name(meta_path.name.removesuffix(".meta.json") + ".html")
        extra = [(page.parent / name).read_bytes() for name in meta.get("pages") or []]
        record = extract_page(page.read_bytes(), meta.get("url"), extra_pages=extra, facts=False)
        texts.append((record["text"], record["published_at"], record["title"]))
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="warm passes over all texts (default 20)")
    args = parser.parse_args(argv)
    texts = _texts()
    from kabar.extract.facts import extract_facts

    t0 = time.perf_counter()
    extract_facts(texts[0][0], published_at=texts[0][1], title=texts[0][2], use_ner=False)
    print(f"first call (loads spaCy, vocabularies): {(time.perf_counter() - t0) * 1000:.0f} ms")
    for use_ner in (False, True):
        timings = []
        for n in range(args.repeat):
            for text, published, title in texts:
                # a different trailing blank each pass: per-text caches never hit, as in a crawl
                text = text + " " * (n + 1 + (100 if use_ner else 0))
                # CPU time of this process: other jobs on a shared 2-core machine inflate wall time
                t = time.process_time()
                extract_facts(text, published_at=published, title=title, use_ner=use_ner)
                timings.append((time.process_time() - t) * 1000)
        label = "rules + NER fallback" if use_ner else "rules only"
        print(
            f"{label:<22} median {statistics.median(timings):6.2f} ms/article   "
            f"p90 {statistics.quantiles(timings, n=10)[-1]:6.2f} ms   ({len(texts)} articles x {args.repeat})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
