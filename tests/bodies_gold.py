"""Score article bodies, titles and dates against hand-written gold on real pages.

Two sets, both read from ``../shared`` (never copied into the repository):

* ``realhtml-dev``: 46 pages with gold ``title``, ``published`` (local WIB date), ``body_first`` /
  ``body_last`` (first / last 15 words of the body) and ``boilerplate_inside`` (strings that must
  not be in the text).  It is split by ``sha256``: pages whose first byte % 4 == 0 are the
  *held-aside* part (13 pages), used only as a blind check whose per-page results are never
  printed; the rest is the *dev* part.
* ``realhtml``: pages of other projects' test suites (``*.expected.json``: title, body, date) and
  listings / feeds, which must come back with an error (``not_article`` or ``no_text``).

Per page and criterion (``fully`` = all of them):

* ``title``: the headline equals the gold after whitespace normalisation;
* ``date``: the publish date, as a calendar date in Asia/Jakarta, equals the gold;
* ``starts`` / ``ends``: the first / last words of the text equal the gold's (compared as
  lower-cased ``\\w+`` tokens, so quotes and dashes do not matter; a sign-off code left at the end
  fails ``ends``).  For ``realhtml``, whose gold follows other conventions (datelines stripped,
  sign-off codes and comment counters kept), the first 5 words of each gold edge must stand
  within the text's first / last 25 words;
* ``no_leak``: none of ``boilerplate_inside`` is in the text.  A string of two words or fewer
  ("Danny Welbeck", "AZF", "Tweet") also names things the body may mention, so it counts as a
  leak only as a whole line or at the end of a line.

    python tests/bodies_gold.py [--trafilatura] [--held] [--set dev|realhtml]

prints per-page rows for the dev part (and for ``realhtml``) and the aggregates; ``--held`` adds
the held-aside aggregates (only aggregates, never its pages).  ``--tree DIR`` scores another
checkout's extractor (default: the installed kabar).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from code_tree import use_tree

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "realhtml-dev"
REALHTML = SHARED / "realhtml"
JAKARTA = ZoneInfo("Asia/Jakarta")
CRITERIA = ("title", "date", "starts", "ends", "no_leak", "contains", "time", "fully")
# "time" (the instant, where the gold has one) is reported but not part of "fully", as in issue 10
FULLY_CRITERIA = ("title", "date", "starts", "ends", "no_leak", "contains")
BLIND = SHARED.parent / "blind"
# words of the other projects' gold bodies compared at the start and at the end
REALHTML_EDGE_WORDS = 8
LENIENT_WINDOW = 5
LENIENT_SPAN = 25
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Case:
    name: str
    path: Path
    url: str | None
    title: str | None = None
    published: date | None = None
    first: str | None = None
    last: str | None = None
    boilerplate: list[str] = field(default_factory=list)
    outlet: str = ""
    expect_article: bool = True
    lenient_edges: bool = False
    must_contain: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    extra_pages: list[Path] = field(default_factory=list)


@dataclass
class Result:
    case: Case
    scores: dict[str, bool | None]
    got: dict


def is_held(sha256: str) -> bool:
    """The held-aside part of realhtml-dev: sha256 first byte % 4 == 0."""
    return bytes.fromhex(sha256)[0] % 4 == 0


def dev_cases(held: bool) -> list[Case]:
    cases = []
    for line in (DEV / "gold.jsonl").read_text("utf-8").splitlines():
        gold = json.loads(line)
        if is_held(gold["sha256"]) != held:
            continue
        cases.append(
            Case(
                name=gold["file"].removeprefix("pages/"),
                path=DEV / gold["file"],
                url=gold["url"],
                title=gold["title"],
                published=date.fromisoformat(gold["published"]),
                first=gold["body_first"],
                last=gold["body_last"],
                boilerplate=gold["boilerplate_inside"],
                outlet=gold["outlet"],
            )
        )
    return cases


def gold_dir_cases(root: Path) -> list[Case]:
    """Pages of a directory laid out like ``realhtml-dev`` (``gold.jsonl`` + ``pages/``), kept outside
    the repository (e.g. a collector's own real pages).  A row may add ``"kind": "listing"``: such a
    page must come back with an error (``not_article`` or ``no_text``)."""
    cases = []
    for line in (root / "gold.jsonl").read_text("utf-8").splitlines():
        gold = json.loads(line)
        case = Case(name=gold["file"].removeprefix("pages/"), path=root / gold["file"], url=gold.get("url"))
        case.outlet = gold.get("outlet") or ""
        if gold.get("kind", "article") != "article":
            case.expect_article = False
        else:
            case.title, case.first, case.last = gold["title"], gold["body_first"], gold["body_last"]
            case.published = date.fromisoformat(gold["published"]) if gold.get("published") else None
            case.boilerplate = list(gold.get("boilerplate_inside") or [])
        cases.append(case)
    return cases


def blind_cases(part: str) -> list[Case]:
    """Synthetic pages of blind writers: ``<slug>.html`` + ``<slug>.meta.json`` under
    ``../blind/<part>/<outlet>/`` (gold title, published_at, body_first / body_last, body_must_contain,
    boilerplate_lines); continuation pages are listed in the meta's ``pages``."""
    cases = []
    for meta_path in sorted((BLIND / part).glob("*/*.meta.json")):
        meta = json.loads(meta_path.read_text("utf-8"))
        gold = meta["gold"]
        page = meta_path.with_name(meta_path.name.removesuffix(".meta.json") + ".html")
        published = datetime.fromisoformat(gold["published_at"]) if gold.get("published_at") else None
        cases.append(
            Case(
                name=f"{part}/{meta_path.parent.name}/{page.name}",
                path=page,
                url=meta.get("url"),
                title=gold.get("title"),
                published=published.astimezone(JAKARTA).date() if published else None,
                published_at=published,
                first=gold.get("body_first"),
                last=gold.get("body_last"),
                boilerplate=list(gold.get("boilerplate_lines") or []),
                must_contain=list(gold.get("body_must_contain") or []),
                outlet=meta_path.parent.name,
                extra_pages=[meta_path.parent / name for name in meta.get("pages") or []],
            )
        )
    return cases


def _edge(text: str, last: bool) -> str:
    words = text.split()
    return " ".join(words[-REALHTML_EDGE_WORDS:] if last else words[:REALHTML_EDGE_WORDS])


def realhtml_cases() -> list[Case]:
    """Pages of ``../shared/realhtml`` with gold, and its listings / feeds (must not be articles)."""
    cases = []
    rows = (REALHTML / "PROVENANCE.tsv").read_text("utf-8").splitlines()[1:]
    for row in rows:
        local, _repo, _path, _commit, url, kind = row.split("\t")[:6]
        page = REALHTML / local
        case = Case(name=local, path=page, url=url or None, outlet=local.split("/")[0], lenient_edges=True)
        if kind != "article":
            case.expect_article = False
            cases.append(case)
            continue
        expected = page.with_name(page.name.replace(".html", ".expected.json"))
        if not expected.exists():
            continue
        raw = json.loads(expected.read_text("utf-8"))
        body = None
        if "V1" in raw:
            v1 = raw["V1"]
            body = "\n".join(p for s in v1["body"]["sections"] for p in s["headline"] + s["paragraphs"])
            case.title = v1.get("title")
            if v1.get("publishing_date"):
                case.published = datetime.fromisoformat(v1["publishing_date"]).date()
        elif "content" in raw:
            body, case.title = raw["content"], raw.get("title")
            if raw.get("date"):
                case.published = datetime.fromtimestamp(raw["date"] / 1000, JAKARTA).date()
        elif "gold_publish_date" in raw:
            case.published = date.fromisoformat(raw["gold_publish_date"])
        if body:
            case.first, case.last = _edge(body, last=False), _edge(body, last=True)
        cases.append(case)
    return cases


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def leaks(text: str, boilerplate: str) -> bool:
    """True when a must-not-leak string is in the text (short strings: as a line or line end)."""
    needle = _norm(boilerplate)
    if not needle:
        return False
    lines = [_norm(line) for line in text.split("\n")]
    if len(needle.split()) > 2:
        return any(needle in line for line in lines)
    return any(line == needle or line.endswith(" " + needle) for line in lines)


def local_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.astimezone(JAKARTA).date() if parsed.tzinfo else parsed.date()


def _edge_ok(toks: list[str], gold: list[str], *, at_end: bool, lenient: bool) -> bool:
    """The text's first / last words are the gold's.  ``lenient`` (other projects' gold, which
    strips datelines and keeps sign-off codes and comment counters): a window of
    :data:`LENIENT_WINDOW` gold words within the text's first / last :data:`LENIENT_SPAN` words."""
    if not lenient:
        return (toks[-len(gold) :] if at_end else toks[: len(gold)]) == gold
    probe = gold[:LENIENT_WINDOW]
    span = toks[-LENIENT_SPAN:] if at_end else toks[:LENIENT_SPAN]
    return any(span[i : i + len(probe)] == probe for i in range(len(span) - len(probe) + 1))


def _same_instant(value: str | None, gold: datetime) -> bool:
    try:
        parsed = datetime.fromisoformat(value or "")
    except ValueError:
        return False
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=JAKARTA)
    return abs((parsed - gold).total_seconds()) < 60


def score(case: Case, got: dict) -> dict[str, bool | None]:
    """Per-criterion verdicts; None where the gold has nothing to compare.

    A multi-page article whose continuation pages the extractor did not join (``got["joined"]``
    false) is scored on page 1 alone: its ``ends`` is not scored, and only the must-contain
    strings that stand on page 1 are checked."""
    text = got.get("text") or ""
    partial = bool(case.extra_pages) and not got.get("joined")
    must = case.must_contain
    if partial:
        page1 = " ".join(case.path.read_text("utf-8", "replace").split())
        must = [m for m in must if _norm(m) in page1]
    if not case.expect_article:
        ok = bool((got.get("error") or {}).get("code") in ("not_article", "no_text"))
        return {**dict.fromkeys(CRITERIA), "fully": ok}
    toks, lenient = _tokens(text), case.lenient_edges
    first, last = _tokens(case.first or ""), _tokens(case.last or "")
    scores: dict[str, bool | None] = {
        "title": _norm(got.get("title")) == _norm(case.title) if case.title is not None else None,
        "date": local_day(got.get("published_at")) == case.published if case.published else None,
        "starts": _edge_ok(toks, first, at_end=False, lenient=case.lenient_edges) if first else None,
        "ends": None if partial or not last else _edge_ok(toks, last, at_end=True, lenient=lenient),
        "no_leak": not any(leaks(text, b) for b in case.boilerplate) if case.boilerplate else None,
        "contains": all(_norm(m) in _norm(text) for m in must) if must else None,
        "time": _same_instant(got.get("published_at"), case.published_at) if case.published_at else None,
    }
    known = [scores[c] for c in FULLY_CRITERIA if scores[c] is not None]
    scores["fully"] = all(known) if known else None
    return scores


def kabar(html: bytes, url: str | None) -> dict:
    from kabar.extract.page import extract_page

    return extract_page(html, url, facts=False)


def plain_trafilatura(html: bytes, url: str | None) -> dict:
    from trafilatura import bare_extraction

    doc = bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {"text": "", "error": {"code": "no_text"}}
    doc = doc if isinstance(doc, dict) else doc.as_dict()
    return {"title": doc.get("title"), "published_at": doc.get("date"), "text": doc.get("text") or ""}


# the modules whose continuation pages a kabar crawl fetches and joins (crawler PAGING_LINKS)
JOINING_ROUTES = frozenset({"site:tribun"})


def kabar_joined(case: Case) -> dict:
    """kabar as a crawl would run it: continuation pages are joined only on the sites whose
    spiders follow them (:data:`JOINING_ROUTES`) and only as far as the page's own pager
    (:func:`extract.paging.next_page_urls`) announces them, in the order the meta lists them."""
    from kabar.extract.decode import parse_html
    from kabar.extract.page import extract_page
    from kabar.extract.paging import next_page_urls
    from kabar.extract.sites.base import build_context

    html = case.path.read_bytes()
    got = kabar(html, case.url)
    if not case.extra_pages or got.get("extraction") not in JOINING_ROUTES:
        return got
    text = html.decode("utf-8", "replace")
    announced = next_page_urls(build_context(text, parse_html(text), case.url))
    extra = [p.read_bytes() for p in case.extra_pages[: len(announced)]]
    if extra:
        got = extract_page(html, case.url, extra_pages=extra, facts=False)
        got["joined"] = len(extra) == len(case.extra_pages)
    return got


def run(cases: list[Case], extractor: Callable[[bytes, str | None], dict]) -> list[Result]:
    results = []
    for c in cases:
        joined = extractor is kabar and c.extra_pages
        got = kabar_joined(c) if joined else extractor(c.path.read_bytes(), c.url)
        results.append(Result(c, score(c, got), got))
    return results


def summary(results: list[Result]) -> dict[str, tuple[int, int]]:
    """criterion -> (right, scored)."""
    out = {}
    for crit in CRITERIA:
        values = [r.scores[crit] for r in results if r.scores[crit] is not None]
        out[crit] = (sum(values), len(values))
    return out


def format_summary(label: str, results: list[Result]) -> str:
    parts = [
        f"{crit} {ok / n:.3f} ({ok}/{n})" if n else f"{crit} -" for crit, (ok, n) in summary(results).items()
    ]
    return f"{label:28} " + "  ".join(parts)


def format_rows(results: list[Result]) -> str:
    lines = []
    for r in results:
        marks = " ".join(
            f"{crit}={'-' if v is None else ('ok' if v else 'NO')}" for crit, v in r.scores.items()
        )
        lines.append(f"{r.case.name:58} {r.got.get('extraction') or '':20} {marks}")
        if r.scores["fully"] is False:
            text = r.got.get("text") or ""
            if r.scores.get("title") is False:
                lines.append(f"    title got {r.got.get('title')!r}\n          want {r.case.title!r}")
            if r.scores.get("date") is False or r.scores.get("time") is False:
                want = r.case.published_at.isoformat() if r.case.published_at else r.case.published
                lines.append(f"    date got {r.got.get('published_at')} want {want}")
            if r.scores.get("starts") is False:
                got = " ".join(text.split()[:18])
                lines.append(f"    start got {got!r}\n          want {r.case.first!r}")
            if r.scores.get("ends") is False:
                lines.append(f"    end got {' '.join(text.split()[-18:])!r}\n        want {r.case.last!r}")
            if r.scores.get("contains") is False:
                lines.append(f"    missing {[m for m in r.case.must_contain if _norm(m) not in _norm(text)]}")
            if r.scores.get("no_leak") is False:
                lines.append(f"    leaked {[b for b in r.case.boilerplate if leaks(text, b)]}")
            if not r.case.expect_article:
                lines.append(f"    listing got error {r.got.get('error')} via {r.got.get('extraction')}")
    return "\n".join(lines)


def outlet_table(results: list[Result]) -> str:
    """A Markdown table per outlet: pages, the route taken, right / scored per criterion."""
    rows: dict[str, list[Result]] = {}
    for r in results:
        rows.setdefault(r.case.outlet, []).append(r)
    lines = [
        "| outlet | pages | route | " + " | ".join(CRITERIA) + " |",
        "|---|---|---|" + "---|" * len(CRITERIA),
    ]
    for outlet, group in sorted(rows.items(), key=lambda kv: kv[0].casefold()):
        routes = sorted(
            {
                (
                    r.got.get("extraction") or "error:" + ((r.got.get("error") or {}).get("code") or "?")
                ).replace("site:", "site ")
                for r in group
            }
        )
        cells = [f"{ok}/{n}" if n else "-" for ok, n in summary(group).values()]
        lines.append(f"| {outlet} | {len(group)} | {', '.join(routes)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trafilatura", action="store_true", help="score plain trafilatura instead of kabar")
    parser.add_argument("--held", action="store_true", help="also print the held-aside aggregates (no pages)")
    parser.add_argument("--quiet", action="store_true", help="aggregates only")
    parser.add_argument("--table", action="store_true", help="per-outlet Markdown tables (dev, realhtml)")
    parser.add_argument(
        "--blind",
        metavar="PART",
        action="append",
        default=[],
        help="score ../blind/PART (A, B, C …) instead of the real pages; repeatable",
    )
    parser.add_argument("--rows", action="store_true", help="with --blind: also print per-page rows")
    parser.add_argument(
        "--tree", type=Path, help="score this checkout's extractor (default: the installed kabar)"
    )
    parser.add_argument(
        "--gold-dir",
        metavar="DIR",
        type=Path,
        help="score DIR (gold.jsonl + pages/, the realhtml-dev layout, kept outside the repository) "
        "instead of the shared sets, with per-page rows",
    )
    args = parser.parse_args()
    if args.tree:
        use_tree(args.tree)
    extractor = plain_trafilatura if args.trafilatura else kabar
    if args.gold_dir:
        if not (args.gold_dir / "gold.jsonl").is_file():
            parser.error(f"{args.gold_dir}: no gold.jsonl there")
        results = run(gold_dir_cases(args.gold_dir), extractor)
        if args.table:
            print(outlet_table(results) + "\n")
        elif not args.quiet:
            print(format_rows(results))
        print(format_summary(f"{args.gold_dir.name}", results))
        return
    if args.blind:
        for part in args.blind:
            results = run(blind_cases(part), extractor)
            if args.rows:
                print(format_rows(results))
            if args.table:
                print(outlet_table(results) + "\n")
            print(format_summary(f"blind {part}", results))
        return
    dev = run(dev_cases(held=False), extractor)
    other = run(realhtml_cases(), extractor)
    if args.table:
        print(outlet_table(dev) + "\n\n" + outlet_table(other) + "\n")
    elif not args.quiet:
        print(format_rows(dev))
        print(format_rows(other))
    print(format_summary("realhtml-dev (dev)", dev))
    if args.held:
        print(format_summary("realhtml-dev (held-aside)", run(dev_cases(held=True), extractor)))
    print(format_summary("realhtml (other gold)", other))


if __name__ == "__main__":
    main()
