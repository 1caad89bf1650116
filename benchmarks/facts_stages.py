"""Where the event-facts layer spends its time: CPU milliseconds per article for each stage.

    python -m benchmarks.facts_stages [--articles 600] [--json FILE]
    /other/venv/bin/python benchmarks/facts_stages.py      # another checkout, same pages

Pages: generated articles of the crawl benchmark's site (``benchmarks.common.variant_articles``,
Satu Arah markup) and the real pages of ``../shared/realhtml-dev``.  Each page is extracted once
without facts (not timed); then :func:`extract_facts` runs on every text with the NER fallback
on, and the CPU time of each stage it calls (topic, officials with the spaCy parse and the NER,
figures, event, institution, pledge points, identities, themes) is summed.  The first half of
the generated articles warms the process (models loaded, caches filled) and is not counted: the
figures are what a long crawl pays per article.  Runs under any checkout's interpreter.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "realhtml-dev"
STAGES = (
    "classify",
    "find_officials",
    "find_figures",
    "choose_main_official",
    "choose_institution",
    "build_event",
    "hostless",
    "find_pledge_points",
    "add_identities",
    "add_themes",
)


def _texts(articles: int) -> dict[str, list[tuple[str, str | None, str | None]]]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.common import variant_articles
    from kabar.extract.page import extract_page

    sets: dict[str, list[tuple[str, str | None, str | None]]] = {"generated": [], "realhtml-dev": []}
    for a in variant_articles(articles, sites=("satuarah",)):
        r = extract_page(a["bodies"][1].encode("utf-8"), a["url"], facts=False)
        sets["generated"].append((r["text"], r["published_at"], r["title"]))
    if DEV.is_dir():
        for row in (DEV / "PROVENANCE.tsv").read_text("utf-8").splitlines()[1:]:
            cols = row.split("\t")
            r = extract_page((DEV / cols[0]).read_bytes(), cols[4] or None, facts=False)
            if r["text"]:
                sets["realhtml-dev"].append((r["text"], r["published_at"], r["title"]))
    return sets


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600, help="generated articles (half warm up)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    sets = _texts(args.articles)
    import kabar.extract.facts as facts

    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*a: Any, **k: Any) -> Any:
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.process_time() - t

        return wrapper

    for name in STAGES:
        if hasattr(facts, name):
            setattr(facts, name, timed(name, getattr(facts, name)))
    ner = sys.modules.get("kabar.extract.ner") or __import__("kabar.extract.ner", fromlist=["person_spans"])
    ner.person_spans = timed("ner (inside find_officials)", ner.person_spans)
    officials = sys.modules["kabar.extract.facts.officials"]
    officials.parse = timed("spacy parse (inside find_officials)", officials.parse)  # type: ignore[attr-defined]

    def run(texts: list[tuple[str, str | None, str | None]]) -> list[float]:
        per = []
        for text, published, title in texts:
            when = datetime.fromisoformat(published) if published else None
            t = time.process_time()
            facts.extract_facts(text, published_at=when, title=title, use_ner=True)
            per.append(1000 * (time.process_time() - t))
        return per

    generated = sets["generated"]
    run(generated[: len(generated) // 2])  # warm-up: models, caches, lazily compiled patterns
    result: dict[str, Any] = {}
    measured = (("generated", generated[len(generated) // 2 :]), ("realhtml-dev", sets["realhtml-dev"]))
    for label, texts in measured:
        if not texts:
            continue
        spent.clear()
        per = run(texts)
        result[label] = {
            "articles": len(texts),
            "mean_ms": statistics.mean(per),
            "median_ms": statistics.median(per),
            "stages_ms": {k: 1000 * v / len(texts) for k, v in sorted(spent.items(), key=lambda kv: -kv[1])},
        }
        mean, mid = statistics.mean(per), statistics.median(per)
        print(f"{label}: {len(texts)} articles, mean {mean:.2f} ms, median {mid:.2f}")
        for stage, ms in result[label]["stages_ms"].items():
            print(f"  {stage:40} {ms:6.2f} ms/article")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), "utf-8")
    return result


if __name__ == "__main__":
    main()
