"""What the benchmarks share: a varied page corpus, scaled site copies, timing and result files.

Pages come in the five sites' real markup: the hand-made fixture pages, the bundled site copies,
and *generated variants* rendered by the bundled-site build script's own templates
(``tests/fixtures/build_sites.py``) from the texts of the stories and fixture pages, each
variant with its own title, URL, date and paragraph mix, so no cache can make a repeat free.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PAGES = ROOT / "tests" / "fixtures" / "pages"
SITES = ROOT / "crawler" / "bundled"
BUILD_SITES = ROOT / "tests" / "fixtures" / "build_sites.py"
PYTHON = sys.executable


def build_sites_module() -> ModuleType:
    """``tests/fixtures/build_sites.py`` as a module (its templates render our variants)."""
    spec = importlib.util.spec_from_file_location("kabar_build_sites", BUILD_SITES)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- texts -------------------------------------------------------------------------------------
def source_texts() -> list[dict[str, Any]]:
    """Title + paragraphs of every story and fixture page (the raw material of the variants)."""
    stories = json.loads((BUILD_SITES.with_name("stories.json")).read_text("utf-8"))
    texts = [{"title": s["title"], "paragraphs": s["paragraphs"]} for site in stories.values() for s in site]
    for expected in sorted(PAGES.glob("*/*.expected.json")):
        record = json.loads(expected.read_text("utf-8"))
        paragraphs = [p for p in (record.get("text") or "").split("\n") if p.strip()]
        if record.get("title") and len(paragraphs) >= 2:
            texts.append({"title": record["title"], "paragraphs": paragraphs})
    return texts


SITE_KEYS = ("wartakota", "idntimes", "koranjakarta", "beritajakarta", "satuarah")
EXTRA = {
    "wartakota": {"author": "Budi Santoso", "editor": "Rina Marlina", "section": "Megapolitan"},
    "idntimes": {"author": "Lia Hutasoit", "editor": "Dwi Agustiar", "section": "News", "sub": "indonesia"},
    "koranjakarta": {"byline": "(ant/S-2)", "section": "Megapolitan", "dated_url": True},
    "beritajakarta": {"reporter": "Nurito", "editor": "Toni Riyanto", "section": "Pemerintahan"},
    "satuarah": {"author": "Redaksi Satu Arah", "section": "Nasional"},
}


def variant_articles(n: int, sites: tuple[str, ...] = SITE_KEYS, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` distinct article dicts (build_sites shape, with ``site`` and ``bodies``) over ``sites``."""
    bs = build_sites_module()
    texts = source_texts()
    rng = random.Random(seed)
    start = datetime.fromisoformat("2023-01-02T07:00:00+07:00")
    articles = []
    for i in range(n):
        site = sites[i % len(sites)]
        src = texts[i % len(texts)]
        other = texts[(i * 7 + 3) % len(texts)]
        paragraphs = list(src["paragraphs"])
        # A borrowed paragraph at a varying place: every variant's text differs from the others.
        paragraphs.insert(1 + rng.randrange(max(1, len(paragraphs) - 1)), rng.choice(other["paragraphs"]))
        dt = start + timedelta(hours=7 * i)
        slug_words = "-".join(w.lower() for w in src["title"].split()[:6] if w.isalnum())
        story = {
            "slug": f"{slug_words}-{i:05d}",
            "date": dt.isoformat(),
            "title": f"{src['title']} ({i})",
            "paragraphs": paragraphs,
            "code": f"00-{i:05d}-bench",
            "id": str(200000 + i),
            **EXTRA[site],
        }
        url = bs.story_url(site, story)
        a = dict(story, url=url, dt=dt, site=site)
        a["bodies"] = bs.render_story(site, a)
        articles.append(a)
    return articles


def bundled_pages() -> list[tuple[str, bytes]]:
    """(url, html) of every fixture page and every article page of the bundled site copies."""
    pages: list[tuple[str, bytes]] = []
    for meta in sorted(PAGES.glob("*/*.meta.json")):
        html = meta.with_name(meta.name.replace(".meta.json", ".html"))
        if html.is_file():
            pages.append((json.loads(meta.read_text("utf-8")).get("url") or "", html.read_bytes()))
    manifest = json.loads((SITES / "MANIFEST.json").read_text("utf-8"))
    from urllib.parse import urlsplit

    from kabar.crawler.localserver import resolve

    for site in manifest.values():
        for url in site["articles"]:
            parts = urlsplit(url)
            file = resolve(SITES / site["host"], parts.path)
            if file is not None:
                pages.append((url, file.read_bytes()))
    return pages


def corpus(min_pages: int) -> list[tuple[str, bytes]]:
    """At least ``min_pages`` distinct (url, html) pages: the bundled ones, then variants."""
    pages = bundled_pages()
    missing = max(0, min_pages - len(pages))
    for a in variant_articles(missing):
        pages.append((a["url"], a["bodies"][1].encode("utf-8")))
    return pages


# --- a scaled copy of a site for the crawl benchmarks --------------------------------------------
def build_scaled_site(root: Path, n: int, site: str = "satuarah") -> tuple[str, list[str]]:
    """Write a copy of ``site`` with ``n`` generated articles under ``root/<host>/`` (same markup,
    listing pages, sitemaps, feed, robots.txt as the bundled copy); returns (host, article URLs)."""
    bs = build_sites_module()
    # build_sites writes under its OUT (its --out option); never into the committed fixtures.
    if not hasattr(bs, "OUT"):
        raise RuntimeError("build_sites.py has no OUT folder setting: refusing to write into the fixtures")
    bs.OUT = root
    arts = variant_articles(n, sites=(site,))
    arts.sort(key=lambda a: (a["dt"], a["url"]), reverse=True)
    host = bs.HOSTS[site]
    for a in arts:
        bs.write_article(host, a)
    bs.BUILDERS[site](arts)
    if not (root / host / "robots.txt").is_file():
        raise RuntimeError(f"the scaled copy of {site} was not written under {root}")
    return host, [a["url"] for a in arts]


# --- measuring ---------------------------------------------------------------------------------
def timed(fn: Callable[[], Any], repeats: int) -> list[float]:
    """Wall-clock seconds of ``repeats`` calls of ``fn``."""
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def rss_mb(pid: int) -> float:
    """Resident set size of one process in MB (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def pss_mb(pid: int) -> float:
    """Proportional set size of one process in MB (0 if it is gone): its private memory plus its
    share of pages it shares with others.  Summed over a process tree it counts the models that
    the forkserver loaded once and its forked workers share (copy-on-write) once, where a sum of
    RSS would count them once per process."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> Iterator[int]:
    """Every descendant process of ``pid`` (the extraction workers and the forkserver)."""
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return
    for kid in kids:
        yield int(kid)
        yield from children(int(kid))


PR_SET_CHILD_SUBREAPER = 36


def tree_cpu_run(
    cmd: list[str], watch: Callable[[Any], None] | None = None, **popen: Any
) -> tuple[Any, str, str, float, float]:
    """Run ``cmd`` to its end and return (process, stdout, stderr, wall seconds, CPU seconds of
    its whole process tree); ``watch(process)`` runs in a thread meanwhile (samplers).

    Why not ``/usr/bin/time`` or a child's rusage: the extraction pools start their workers from
    a multiprocessing forkserver that nobody waits for, so their CPU never reaches the command's
    rusage.  This process makes itself a child subreaper (``prctl``): every orphan of the tree
    (forkserver, workers) is re-parented here, reaped here, and its CPU lands in this process's
    ``RUSAGE_CHILDREN`` (measured before and after).  Call it with no other children running."""
    import ctypes
    import resource
    import subprocess

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, **popen)
    watcher = threading.Thread(target=watch, args=(proc,), daemon=True) if watch else None
    if watcher:
        watcher.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    if watcher:
        watcher.join()
    while True:  # the orphans: the forkserver exits with its owner, the workers soon after
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return proc, out, err, wall, cpu


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_avg_at_start": os.getloadavg(),
    }


def save(name: str, result: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/<name>.json`` (with the time and machine) and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": name,
        "when": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        **result,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str) + "\n", "utf-8")
    return path


# --- pages of realistic size -----------------------------------------------------------------
REAL_PAGES = ROOT.parent / "shared" / "realhtml-dev" / "pages"
REAL_MIN, REAL_MAX = 80_000, 200_000


def real_page_sizes() -> list[int]:
    """Byte sizes of the real outlet pages in ``../shared/realhtml-dev`` kept within 80-200 KB
    (only their sizes are read); an even spread over that range where the folder is absent."""
    sizes = sorted(p.stat().st_size for p in REAL_PAGES.rglob("*.html")) if REAL_PAGES.is_dir() else []
    kept = [s for s in sizes if REAL_MIN <= s <= REAL_MAX]
    return kept or list(range(REAL_MIN, REAL_MAX + 1, 10_000))


def pad_page(html: str, size: int, seed: int) -> str:
    """``html`` grown to about ``size`` bytes the way real news pages are: a nested navigation
    menu, "baca juga" / "terpopuler" teaser blocks (div, figure, img, a, span, time) and inline
    script data, before ``</body>``.  Mostly elements, like the real pages, so parsing and
    boilerplate removal cost what they cost there (a page of plain text would be cheap)."""
    rng = random.Random(seed)
    need = size - len(html.encode("utf-8"))
    if need <= 0:
        return html
    parts: list[str] = []
    grown = 0
    while grown < need * 0.85:
        n = rng.randrange(10**6)
        block = (
            f'<div class="teaser-item col-md-4"><div class="teaser-inner"><figure class="thumb">'
            f'<a href="/read/{n}/berita-{n}"><img src="/img/{n}.jpg" alt="Foto {n}" loading="lazy" '
            f'width="300" height="200"></a></figure><div class="teaser-body"><span class="kanal">'
            f'<a href="/kanal/{n % 9}">Kanal {n % 9}</a></span><h3 class="judul"><a href="/read/{n}/'
            f'berita-{n}">Berita terkait nomor {n} dari Jakarta hari ini</a></h3><div class="meta">'
            f'<time datetime="2024-01-{n % 28 + 1:02d}">{n % 28 + 1} Januari 2024</time>'
            f'<span class="views">{n % 997} views</span></div></div></div></div>'
        )
        parts.append(block)
        grown += len(block)
    script = "var dataLayer=window.dataLayer||[];" + "".join(
        f'dataLayer.push({{"event":"impression","slot":"div-gpt-ad-{i}","id":{rng.randrange(10**9)}}});'
        for i in range(max(1, int(need - grown) // 70))
    )
    teasers = f'<section class="terkait"><div class="row">{"".join(parts)}</div></section>'
    pad = f"{teasers}<script>{script}</script>"
    cut = html.rfind("</body>")
    return html[:cut] + pad + html[cut:] if cut >= 0 else html + pad


def realistic_articles(n: int) -> list[dict[str, Any]]:
    """``n`` variant article items (spider shape, one page each) padded to real-page sizes."""
    sizes = real_page_sizes()
    items = []
    for i, a in enumerate(variant_articles(n)):
        html = pad_page(a["bodies"][1], sizes[i % len(sizes)], seed=i)
        page = {
            "url": a["url"],
            "status": 200,
            "headers": {"Content-Type": "text/html; charset=utf-8"},
            "body": html.encode("utf-8"),
            "fetched_at": "2024-01-10T10:00:00+07:00",
        }
        items.append({"kind": "article", "site": a["site"], "url": a["url"], "pages": [page]})
    return items


def write_raw_store(out_dir: Path, items: list[dict[str, Any]]) -> Path:
    """A dataset directory holding only a raw store of ``items`` (what ``kabar reextract`` reads)."""
    from kabar.pipelines.raw import RAW_DIRNAME, WarcStore

    store = WarcStore(out_dir / RAW_DIRNAME)
    for item in items:
        store.write_article(item)
    store.close()
    return out_dir
