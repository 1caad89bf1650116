"""Score kabar's event facts on a directory of gold pages, or officials on real news.

Usage (the installed kabar's extractor, or with ``--tree DIR`` another checkout's, so an older
tree can be scored with this tree's harness)::

    python tests/score_facts.py [--tree /path/to/tree] pages tests/fixtures/blind/A [--misses]
    python tests/score_facts.py [--tree /path/to/tree] realhtml ../shared/realhtml-dev --split dev

``pages`` reads every ``<site>/<slug>.meta.json`` under the directory (the fixture triplet
format; a ``gold`` block as in the blind writers' brief, continuation pages listed in
``pages``), extracts the page and prints, per field, how often the fact is right.  ``realhtml``
reads ``gold.jsonl`` (every person named with a title) and prints officials precision/recall;
``--split held`` is the aside part (first byte of ``sha256`` % 4 == 0) and prints aggregates only.

Comparison conventions (shared with ``tests/test_facts_gold.py``): case, punctuation and bracketed
remarks do not count; titles compare with abbreviations written out (``Pj`` = ``Penjabat``,
``Kanwil`` = ``Kantor Wilayah``, ``Jaktim`` = ``Jakarta Timur``), read from THIS tree's
``extract/data`` files so two trees are scored with the same yardstick; the words for an
administrative level (``Provinsi``, ``Administrasi``) are dropped.  A field the scored tree does
not produce (``topic``, ``figures[].kind`` in old trees) is scored from what it does produce
where that is fair (``topic`` from the event type) and reported as absent otherwise.

Exit status: 0 when scored, 2 for bad arguments or a directory without gold pages.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from code_tree import use_tree

DATA = Path(__file__).resolve().parent.parent / "extract" / "data"
PLEDGE_TYPES = ("ikrar", "pakta_integritas")


# -- normalisation -----------------------------------------------------------------------------
def norm(text: str | None) -> str:
    """Lower-case words only; bracketed remarks and 'Administrasi' do not count."""
    text = re.sub(r"\([^)]*\)", " ", text or "")
    text = re.sub(r"\bAdministrasi\b", " ", text, flags=re.I)
    return " ".join(re.findall(r"\w+", text.lower()))


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


@lru_cache(maxsize=1)
def _expansions() -> tuple[re.Pattern[str], dict[str, str]]:
    """Abbreviation -> full form from titles.tsv, institutions.tsv (abbr rows), regions.tsv."""
    table: dict[str, str] = {}
    for row in _tsv("titles.tsv"):
        if len(row) >= 2 and row[1] != "-":
            table[row[0].lower()] = row[1]
    for row in _tsv("institutions.tsv"):
        if row[0] == "abbr" and len(row) >= 3:
            table.setdefault(row[1].lower(), row[2])
    for row in _tsv("regions.tsv"):
        if len(row) >= 2 and row[1] != "-":
            table.setdefault(row[0].lower(), row[1])
    alternatives = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", re.I), table


def title_key(text: str | None) -> str:
    """A title with abbreviations written out and level words dropped, for comparison."""
    pattern, table = _expansions()
    text = pattern.sub(lambda m: table[m.group(0).lower()], text or "")
    words = norm(text).split()
    out = [w for i, w in enumerate(words) if w not in ("provinsi",) and (i == 0 or w != words[i - 1])]
    return " ".join(out)


def institution_key(name: str | None) -> str:
    """An institution's name for comparison: abbreviations written out, one spelling of
    "pemilu", and "Pemerintah Kecamatan X" = "Kecamatan X" (writers use both)."""
    key = title_key(name)
    key = re.sub(r"\bpemilihan umum\b", "pemilu", key)
    return re.sub(r"^pemerintah (kecamatan|kelurahan) ", r"\1 ", key)


def date_text_key(text: str | None) -> str:
    return re.sub(r"^pada\s+", "", norm(text))


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def point_matches(gold: str, predicted: str) -> bool:
    """A gold point is found when a predicted one starts with it or shares 80% of its words."""
    g, p = tokens(gold), tokens(predicted)
    if not g or not p:
        return False
    if p[: len(g)] == g or (g[: len(p)] == p and len(p) >= 0.8 * len(g)):
        return True
    if g[-len(p) :] == p and len(p) >= 0.6 * len(g):  # gold kept a lead-in ("Kami berjanji ...")
        return True
    overlap = len(set(g) & set(p)) / max(1, len(set(g)))
    extra = len(set(p) - set(g)) / max(1, len(set(p)))
    return overlap >= 0.8 and extra <= 0.5


def match_count(gold: list[Any], predicted: list[Any], same) -> int:
    """Greedy one-to-one matches between two lists under ``same``."""
    used: set[int] = set()
    hits = 0
    for g in gold:
        for i, p in enumerate(predicted):
            if i not in used and same(g, p):
                used.add(i)
                hits += 1
                break
    return hits


def name_same(gold: str, predicted: str) -> bool:
    return norm(gold) == norm(predicted)


# -- tallies -------------------------------------------------------------------------------------
@dataclass
class Tally:
    """Per-field right/total counts, precision/recall counts, and the misses for --misses."""

    acc: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    pr: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))  # tp, pred, gold
    misses: list[str] = field(default_factory=list)
    absent: set[str] = field(default_factory=set)

    def right(self, name: str, ok: bool, page: str, why: str) -> None:
        self.acc[name][0] += int(ok)
        self.acc[name][1] += 1
        if not ok:
            self.misses.append(f"{page}: {name}: {why}")

    def counts(self, name: str, tp: int, pred: int, gold: int, page: str = "", why: str = "") -> None:
        row = self.pr[name]
        row[0] += tp
        row[1] += pred
        row[2] += gold
        if (tp != pred or tp != gold) and why:
            self.misses.append(f"{page}: {name}: {why}")

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, (ok, n) in self.acc.items():
            out[name] = {"right": ok, "of": n, "accuracy": round(ok / n, 3) if n else None}
        for name, (tp, pred, gold) in self.pr.items():
            p = tp / pred if pred else 1.0
            r = tp / gold if gold else 1.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            out[name] = {"tp": tp, "predicted": pred, "gold": gold, "precision": round(p, 3),
                         "recall": round(r, 3), "f1": round(f1, 3)}  # fmt: skip
        for name in sorted(self.absent):
            out[name] = {"absent": True}
        return out


def format_summary(title: str, summary: dict[str, Any]) -> str:
    lines = [title, f"{'field':<28} {'score':>7}  detail"]
    for name, row in summary.items():
        if row.get("absent"):
            lines.append(f"{name:<28} {'absent':>7}  the scored tree does not produce this field")
        elif "accuracy" in row:
            acc = "-" if row["accuracy"] is None else f"{row['accuracy']:.2f}"
            lines.append(f"{name:<28} {acc:>7}  {row['right']}/{row['of']}")
        else:
            lines.append(
                f"{name:<28} {row['f1']:>7.2f}  F1; P {row['precision']:.2f} ({row['tp']}/{row['predicted']})"
                f" R {row['recall']:.2f} ({row['tp']}/{row['gold']})"
            )
    return "\n".join(lines)


# -- gold pages ----------------------------------------------------------------------------------
def gold_pages(directory: Path) -> list[Path]:
    return [m for m in sorted(directory.glob("*/*.meta.json")) if "gold" in json.loads(m.read_text("utf-8"))]


def extract(meta_path: Path, meta: dict) -> dict:
    from kabar.extract.page import extract_page

    html = meta_path.with_name(meta_path.name.replace(".meta.json", ".html")).read_bytes()
    extra = [(meta_path.parent / name).read_bytes() for name in meta.get("pages") or []]
    return extract_page(html, meta.get("url"), extra_pages=extra, facts=True, use_ner=True)


def predicted_topic(record: dict, tally: Tally) -> str:
    """The record's topic; for a tree without one, read from the event type it gives every page."""
    if "topic" in record:
        return record["topic"] or "other"
    tally.absent.add("topic (inferred from event.type)")
    etype = (record.get("event") or {}).get("type")
    if etype in PLEDGE_TYPES:
        return "pledge"
    return "other" if etype in (None, "lainnya") else "neutrality"


def figure_key(f: dict) -> tuple[float, str]:
    unit = (f.get("unit") or "").strip()
    return float(f["value"]), "persen" if unit == "%" else norm(unit)


@lru_cache(maxsize=1)
def _unit_reports() -> dict[str, str]:
    """units.tsv report forms ("aparatur sipil negara" -> "asn"), from THIS tree's data."""
    return {norm(row[0]): norm(row[2]) for row in _tsv("units.tsv") if len(row) >= 3 and row[2]}


def unit_same(a: str, b: str) -> bool:
    """Two units name the same counted thing: equal, one the other's report form or initials
    ("TPS" = "tempat pemungutan suara"), or the same head noun ("kepala" = "kepala OPD",
    "lembar" = "lembar APK"): the brief's "word as written after it" leaves the extent open."""
    reports = _unit_reports()
    a, b = reports.get(a, a), reports.get(b, b)
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return False
    initials = lambda words: "".join(w[0] for w in words if w not in ("dan", "atau"))  # noqa: E731
    by_initials = (len(wa) == 1 and wa[0] == initials(wb)) or (len(wb) == 1 and wb[0] == initials(wa))
    return wa[0] == wb[0] or by_initials


def figure_same(gold: tuple[float, str], predicted: tuple[float, str]) -> bool:
    return gold[0] == predicted[0] and unit_same(gold[1], predicted[1])


def score_page(record: dict, gold: dict, page: str, tally: Tally) -> None:
    """Add one page's comparisons to ``tally``."""
    g_topic = gold.get("topic")
    topic = predicted_topic(record, tally)
    if g_topic:
        tally.right("topic", topic == g_topic, page, f"{topic} vs {g_topic}")
        if g_topic != "other":
            tally.right("topic.relevant(pledge|neutrality)", topic != "other", page, f"{topic} vs {g_topic}")
        else:
            tally.right("topic.other_kept_out", topic == "other", page, f"{topic} vs other")
    event = record.get("event") or {}
    g_event = gold.get("event")
    if g_event:
        tally.right("event.type", event.get("type") == g_event.get("type"), page,
                    f"{event.get('type')} vs {g_event.get('type')}")  # fmt: skip
        tally.right("event.date", event.get("date") == g_event.get("date"), page,
                    f"{event.get('date')} vs {g_event.get('date')}")  # fmt: skip
        if g_event.get("date_text"):
            ok = date_text_key(event.get("date_text")) == date_text_key(g_event["date_text"])
            tally.right(
                "event.date_text", ok, page, f"{event.get('date_text')!r} vs {g_event['date_text']!r}"
            )
    g_inst = gold.get("institution")
    inst = record.get("institution") or {}
    if g_inst and g_event:
        ok = institution_key(inst.get("name")) == institution_key(g_inst["name"])
        tally.right("institution.name", ok, page, f"{inst.get('name')!r} vs {g_inst['name']!r}")
    g_off = gold.get("official")
    off = record.get("official") or {}
    if g_off:
        tally.right("official.name", name_same(g_off["name"], off.get("name") or ""), page,
                    f"{off.get('name')!r} vs {g_off['name']!r}")  # fmt: skip
        ok = title_key(off.get("title")) == title_key(g_off["title"])
        tally.right("official.title", ok, page, f"{off.get('title')!r} vs {g_off['title']!r}")
    elif "official" in gold and g_topic in (None, "pledge", "neutrality"):
        tally.right("official.none_when_none", not off, page, f"{off.get('name')!r} vs none")
    if "officials" in gold:
        score_officials(record.get("officials") or [], gold["officials"], page, tally)
        if g_topic == "other":  # ordinary news keeps only real people with real titles
            officials = record.get("officials") or []
            score_officials(officials, gold["officials"], "", tally, "officials(other topic)")
    if "pledge_points" in gold:
        points = record.get("pledge_points") or []
        g_points = gold["pledge_points"]
        if g_topic == "pledge" or g_points:
            hits = match_count(g_points, points, point_matches)
            why = f"{len(points)} predicted, {len(g_points)} gold, {hits} matched: {points[:6]}"
            tally.counts("pledge_points", hits, len(points), len(g_points), page, why)
        if not g_points:
            why = f"invented {len(points)}: {points[:4]}"
            tally.right("pledge.no_points_invented", not points, page, why)
    if "figures" in gold:
        figures = record.get("figures") or []
        got = [figure_key(f) for f in figures]
        want = [figure_key(f) for f in gold["figures"]]
        hits = match_count(want, got, figure_same)
        extra = [p for p in got if not any(figure_same(g, p) for g in want)]
        missing = [g for g in want if not any(figure_same(g, p) for p in got)]
        why = f"extra {sorted(extra)} missing {sorted(missing)}"
        tally.counts("figures(value+unit)", hits, len(got), len(want), page, why)
        for g in gold["figures"]:
            mine = next((f for f in figures if figure_same(figure_key(g), figure_key(f))), None)
            if mine is None or not g.get("kind"):
                continue
            if "kind" not in mine:
                tally.absent.add("figures.kind")
                continue
            tally.right("figures.kind", mine["kind"] == g.get("kind"), page,
                        f"{g['value']} {g['unit']}: {mine['kind']} vs {g.get('kind')}")  # fmt: skip


def score_officials(
    officials: list[dict], gold: list[dict], page: str, tally: Tally, prefix: str = "officials"
) -> None:
    names = [o.get("name") or "" for o in officials]
    g_names = [o["name"] for o in gold]
    hits = match_count(g_names, names, name_same)
    tally.counts(f"{prefix}.names", hits, len(names), len(g_names), page,
                 f"predicted {names} gold {g_names}")  # fmt: skip
    pairs = [(o.get("name") or "", o.get("title") or "") for o in officials]
    g_pairs = [(o["name"], o["title"]) for o in gold]
    same = lambda g, p: name_same(g[0], p[0]) and title_key(g[1]) == title_key(p[1])  # noqa: E731
    hits = match_count(g_pairs, pairs, same)
    tally.counts(f"{prefix}.name+title", hits, len(pairs), len(g_pairs), page,
                 f"predicted {pairs} gold {g_pairs}")  # fmt: skip


def score_pages(directory: Path, misses: bool) -> dict[str, Any]:
    metas = gold_pages(directory)
    if not metas:
        raise SystemExit(f"error: no <site>/<slug>.meta.json with a gold block under {directory}")
    tally = Tally()
    for n, meta_path in enumerate(metas, 1):
        meta = json.loads(meta_path.read_text("utf-8"))
        page = f"{meta_path.parent.name}/{meta_path.name.removesuffix('.meta.json')}"
        print(f"\r[{n}/{len(metas)}] {page[:60]:<60}", end="", file=sys.stderr, flush=True)
        score_page(extract(meta_path, meta), meta["gold"], page, tally)
    print(file=sys.stderr)
    summary = tally.summary()
    summary["_pages"] = len(metas)
    if misses:
        summary["_misses"] = tally.misses
    return summary


# -- real news: officials only -------------------------------------------------------------------
def held_aside(row: dict) -> bool:
    """The part of realhtml-dev kept as a blind check: first byte of sha256 % 4 == 0."""
    return int(row["sha256"][:2], 16) % 4 == 0


def score_realhtml(directory: Path, split: str, misses: bool) -> dict[str, Any]:
    from kabar.extract.page import extract_page

    gold_path = directory / "gold.jsonl"
    if not gold_path.is_file():
        raise SystemExit(f"error: {gold_path} not found")
    rows = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines() if line.strip()]
    if split != "all":
        rows = [r for r in rows if held_aside(r) == (split == "held")]
    tally = Tally()
    for n, row in enumerate(rows, 1):
        print(f"\r[{n}/{len(rows)}]", end="", file=sys.stderr, flush=True)
        record = extract_page(
            (directory / row["file"]).read_bytes(), row.get("url"), facts=True, use_ner=True
        )
        page = row["file"] if split != "held" else ""
        score_officials(record.get("officials") or [], row["officials"], page, tally)
        if "topic" in record:
            tally.right("topic.other (real news)", record["topic"] == "other", page, str(record["topic"]))
    print(file=sys.stderr)
    summary = tally.summary()
    summary["_pages"] = len(rows)
    if misses and split != "held":  # the held-aside pages are never looked at one by one
        summary["_misses"] = [m for m in tally.misses if "predicted [] gold []" not in m]
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score the event facts of kabar's extractor against hand-written gold.",
        epilog="Example: python tests/score_facts.py --tree ../base pages tests/fixtures/blind/A --misses",
    )
    parser.add_argument(
        "--tree", type=Path, help="score this checkout's extractor (default: the installed kabar)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    pages = sub.add_parser("pages", help="gold pages in the fixture triplet format (<site>/<slug>.meta.json)")
    pages.add_argument("directory", type=Path)
    real = sub.add_parser("realhtml", help="officials precision/recall on a realhtml gold.jsonl folder")
    real.add_argument("directory", type=Path)
    real.add_argument("--split", choices=("dev", "held", "all"), default="dev",
                      help="dev: the tuning part; held: the aside part (aggregates only); all")  # fmt: skip
    for p in (pages, real):
        p.add_argument("--misses", action="store_true", help="list every miss (not for --split held)")
        p.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if args.tree:
        use_tree(args.tree)
    if not args.directory.is_dir():
        print(f"error: {args.directory} is not a directory", file=sys.stderr)
        return 2
    try:
        if args.command == "pages":
            summary = score_pages(args.directory, args.misses)
        else:
            summary = score_realhtml(args.directory, args.split, args.misses)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=False))
        return 0
    found_misses = summary.pop("_misses", [])
    n = summary.pop("_pages")
    print(format_summary(f"{args.command} {args.directory} ({n} pages)", summary))
    if found_misses:
        print("misses:")
        print("\n".join("  " + m for m in found_misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
