"""Benchmark 1: pages/s of ``kabar extract``'s path against trafilatura and lxml, in one process.

    python -m benchmarks.bench_extract [--pages 520] [--repeats 3] [--no-profile]

Side by side on the same pages (fixture pages, bundled site pages and generated variants in the
five sites' markup, see :mod:`benchmarks.common`), each timed ``--repeats`` times, variants
interleaved so machine noise hits them alike; medians are reported:

* ``lxml``: ``lxml.html.fromstring`` only, the floor of any extractor;
* ``trafilatura``: ``bare_extraction(with_metadata=True)``, the general-purpose extractor;
* ``kabar``: ``extract.page.extract_page`` (site module / generic, paging, facts with NER fallback);
* ``kabar_no_ner``: the same with ``use_ner=False``; ``kabar_no_facts``: ``facts=False``.

The shares of the NER fallback and of the facts layer are the differences of those medians.  A
pyinstrument profile of one kabar pass is written to ``results/extract_profile.txt``.
"""

from __future__ import annotations

import argparse
import gc
from collections.abc import Callable
from typing import Any

from benchmarks.common import RESULTS, corpus, median, save

TARGET_RATIO = 0.6  # kabar pages/s >= 0.6 x trafilatura pages/s


def variants() -> dict[str, Callable[[str, bytes], Any]]:
    import lxml.html
    from trafilatura import bare_extraction

    from kabar.extract.page import extract_page

    return {
        "lxml": lambda url, html: lxml.html.fromstring(html),
        "trafilatura": lambda url, html: bare_extraction(html, url=url, with_metadata=True),
        "kabar": lambda url, html: extract_page(html, url),
        "kabar_no_ner": lambda url, html: extract_page(html, url, use_ner=False),
        "kabar_no_facts": lambda url, html: extract_page(html, url, facts=False),
    }


def run_pass(fn: Callable[[str, bytes], Any], pages: list[tuple[str, bytes]]) -> float:
    import time

    gc.collect()
    t0 = time.perf_counter()
    for url, html in pages:
        fn(url, html)
    return time.perf_counter() - t0


def profile(pages: list[tuple[str, bytes]]) -> str:
    from pyinstrument import Profiler

    from kabar.extract.page import extract_page

    profiler = Profiler(interval=0.002)
    profiler.start()
    for url, html in pages:
        extract_page(html, url)
    profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    (RESULTS / "extract_profile.txt").write_text(text, "utf-8")
    return text


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=520)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args(argv)

    pages = corpus(args.pages)
    fns = variants()
    for fn in fns.values():  # load every model before timing
        for url, html in pages[:5]:
            fn(url, html)
    seconds: dict[str, list[float]] = {name: [] for name in fns}
    for r in range(args.repeats):
        order = list(fns) if r % 2 == 0 else list(reversed(fns))
        for name in order:
            seconds[name].append(run_pass(fns[name], pages))
            rate_now = len(pages) / seconds[name][-1]
            print(f"  pass {r + 1}/{args.repeats} {name:15} {rate_now:8.1f} pages/s", flush=True)
    med = {name: median(s) for name, s in seconds.items()}
    rate = {name: len(pages) / s for name, s in med.items()}
    result: dict[str, Any] = {
        "pages": len(pages),
        "repeats": args.repeats,
        "seconds": seconds,
        "median_pages_per_s": rate,
        "ms_per_page": {name: 1000 * s / len(pages) for name, s in med.items()},
        "kabar_vs_trafilatura": rate["kabar"] / rate["trafilatura"],
        "kabar_no_ner_vs_trafilatura": rate["kabar_no_ner"] / rate["trafilatura"],
        "ner_share_of_kabar_time": max(0.0, (med["kabar"] - med["kabar_no_ner"]) / med["kabar"]),
        "facts_share_of_kabar_time": max(0.0, (med["kabar"] - med["kabar_no_facts"]) / med["kabar"]),
        "lxml_share_of_kabar_time": med["lxml"] / med["kabar"],
        "target": f"kabar >= {TARGET_RATIO} x trafilatura",
    }
    result["target_met"] = result["kabar_vs_trafilatura"] >= TARGET_RATIO
    if not args.no_profile:
        text = profile(pages)
        result["profile_top"] = text.splitlines()[:60]
    path = save("extract", result)
    print(f"extraction over {len(pages)} pages (median of {args.repeats}):")
    for name in fns:
        print(f"  {name:15} {rate[name]:8.1f} pages/s  {result['ms_per_page'][name]:6.1f} ms/page")
    print(
        f"  kabar / trafilatura = {result['kabar_vs_trafilatura']:.2f} (target >= {TARGET_RATIO}:"
        f" {'met' if result['target_met'] else 'MISSED'})"
    )
    print(
        f"  NER fallback share {result['ner_share_of_kabar_time']:.0%}, facts layer share"
        f" {result['facts_share_of_kabar_time']:.0%}  -> {path}"
    )
    return result


if __name__ == "__main__":
    main()
