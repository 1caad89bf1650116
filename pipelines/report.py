"""A self-contained HTML report of the dataset: tables and inline SVG charts, no scripts, no CDN.

The charts are generated here as SVG (a stacked column chart and a horizontal bar chart):
a charting library would either pull JavaScript from a CDN (no internet on the machines this
runs on) or add a heavy dependency for two chart types.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from typing import Any

from kabar.extract.wib import JAKARTA
from kabar.pipelines.dataset import OutDirs, connect, describe_out, summary
from kabar.pipelines.sandbox import lock_down

PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1100px;
     color:#222;padding:0 1rem}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.25rem .55rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#777}.grid{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
svg text{font-size:11px;fill:#333}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _rows(con: Any, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def stacked_columns_svg(data: list[tuple[str, str, int]], width: int = 1000, height: int = 300) -> str:
    """Columns per category (x) stacked by series: ``data`` = [(category, series, value), ...]."""
    if not data:
        return '<p class="muted">No data yet.</p>'
    categories = sorted({c for c, _, _ in data})
    series = sorted({s for _, s, _ in data})
    values: dict[tuple[str, str], int] = {(c, s): v for c, s, v in data}
    totals = {c: sum(values.get((c, s), 0) for s in series) for c in categories}
    top = max(totals.values()) or 1
    left, bottom, legend_h = 40, 40, 22
    plot_w, plot_h = width - left - 10, height - bottom - legend_h - 10
    step = plot_w / len(categories)
    bar_w = max(2.0, step * 0.75)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for k in range(5):  # grid lines with value labels
        value = top * k / 4
        y = legend_h + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{value:.0f}</text>')
    label_every = max(1, len(categories) // 24)
    for i, cat in enumerate(categories):
        x = left + i * step + (step - bar_w) / 2
        y = legend_h + plot_h
        for j, name in enumerate(series):
            v = values.get((cat, name), 0)
            if not v:
                continue
            h = plot_h * v / top
            y -= h
            color = PALETTE[j % len(PALETTE)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{color}">'
                f"<title>{_e(cat)} · {_e(name)}: {v}</title></rect>"
            )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{legend_h + plot_h + 14}" text-anchor="end" '
                f'transform="rotate(-40 {x + bar_w / 2:.1f} {legend_h + plot_h + 14})">{_e(cat)}</text>'
            )
    x = left
    for j, name in enumerate(series):  # legend, each entry as wide as its label (~7 px a character)
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{PALETTE[j % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 16}" y="14">{_e(name)}</text>')
        x += 16 + 7 * len(str(name)) + 18
    parts.append("</svg>")
    return "".join(parts)


def hbars_svg(data: list[tuple[str, int]], width: int = 540, label_w: int = 290) -> str:
    """Horizontal bars: ``data`` = [(label, value), ...] in display order."""
    if not data:
        return '<p class="muted">No data yet.</p>'
    row_h = 20
    height = row_h * len(data) + 6
    top = max(v for _, v in data) or 1
    bar_room = width - label_w - 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for i, (label, value) in enumerate(data):
        y = 3 + i * row_h
        short = label if len(label) <= 40 else label[:39] + "…"
        w = max(1.0, bar_room * value / top)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end"><title>{_e(label)}</title>'
            f"{_e(short)}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{PALETTE[0]}"/>'
        )
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 14}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: list[str], rows: list[tuple], numeric: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    if not rows:
        return '<p class="muted">None.</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{_e(v)}</td>' if i in numeric else f"<td>{_e(v)}</td>" for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _links(urls: list[str] | None, sites: list[str] | None) -> str:
    """Links to an event's source articles, labelled by outlet."""
    parts = []
    for url in urls or []:
        host = url.split("/")[2] if url.count("/") >= 2 else url
        parts.append(f'<a href="{_e(url)}" rel="noopener">{_e(host)}</a>')
    return "<br>".join(parts)


def _events_table(rows: list[tuple]) -> str:
    """One row per event; the last column links every source article."""
    if not rows:
        return '<p class="muted">None.</p>'
    headers = ["event date", "type", "institution", "region", "main official", "themes", "outlets",
               "first reported (WIB)", "sources"]  # fmt: skip
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for date, kind, inst, region, official, themes, n, first, urls, sites in rows:
        cells = [date, kind, inst, region, official, ", ".join(themes or [])]
        body.append(
            "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + f'<td class="n">{_e(n)}</td>'
            f"<td>{_e(first)}</td><td>{_links(urls, sites)}</td></tr>"
        )
    return f"<table class='events'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def build_report(out_dir: OutDirs) -> str:
    """The report of ``out_dir`` (one or several output directories) as one HTML string.

    Counts are of events (articles of several outlets about one event count once); every event
    row links to its source articles; times are Asia/Jakarta wall-clock times (WIB).
    """
    from kabar.extract.facts.themes import themes as theme_taxonomy

    labels = {t.key: t.label for t in theme_taxonomy()}
    summ = summary(out_dir)
    # The report reads only the dataset's views: safe mode (pipelines/sandbox.py) always.
    outs = [Path(out_dir)] if isinstance(out_dir, (str, Path)) else [Path(o) for o in out_dir]
    con = lock_down(connect(outs), outs)
    try:
        per_month = _rows(
            con, "SELECT month, site, count(*) FROM articles_latest WHERE month <> 'unknown' GROUP BY ALL"
        )
        events_month = _rows(
            con,
            "SELECT strftime(coalesce(event_date, CAST(first_reported_wib AS DATE)), '%Y-%m') AS m, "
            "event_type, count(*) FROM events WHERE m IS NOT NULL GROUP BY ALL",
        )
        provinces = _rows(
            con,
            "SELECT coalesce(province_name, '(no region)') AS p, count(*) AS n FROM events "
            "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 15",
        )
        kinds = _rows(
            con,
            "SELECT coalesce(institution_kind, '(unknown)') AS k, count(*) AS n FROM events "
            "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 15",
        )
        institutions = _rows(
            con,
            "SELECT first(institution) || ' [' || institution_id || ']', count(*) AS n FROM events "
            "WHERE institution_id IS NOT NULL GROUP BY institution_id ORDER BY n DESC, 1 LIMIT 15",
        )
        themes = _rows(
            con,
            "SELECT theme, count(*) AS n FROM (SELECT unnest(themes) AS theme FROM events) "
            "GROUP BY 1 ORDER BY n DESC, 1",
        )
        officials = _rows(
            con,
            "SELECT first(name ORDER BY published_at DESC) || coalesce(' (' || "
            "first(title ORDER BY published_at DESC) || ')', ''), count(DISTINCT article_id) AS n "
            "FROM officials WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY n DESC, 1 LIMIT 15",
        )
        figure_kinds = _rows(
            con,
            "SELECT coalesce(kind, 'other') AS k, count(*) AS n FROM figures GROUP BY 1 ORDER BY n DESC, 1",
        )
        figures = _rows(
            con,
            "SELECT coalesce(kind, 'other'), value, unit, context, url FROM figures "
            "QUALIFY row_number() OVER (PARTITION BY kind ORDER BY value DESC) <= 5 "
            "ORDER BY kind, value DESC",
        )
        events = _rows(
            con,
            "SELECT event_date, event_type, institution, coalesce(region_name, province_name), "
            "official_name, themes, n_sources, strftime(first_reported_wib, '%Y-%m-%d %H:%M'), urls, sites "
            "FROM events ORDER BY event_date DESC NULLS LAST, first_reported_at DESC LIMIT 200",
        )
        errors = _rows(
            con,
            "SELECT stage, code, count(*) AS n, any_value(url) FROM errors GROUP BY stage, code "
            "ORDER BY n DESC",
        )
    finally:
        con.close()

    cols = ["site", "articles", "changed", "events", "pledge_points", "officials", "figures", "errors"]
    summary_rows = [tuple(r[c] for c in cols) for r in summ]
    if summ:
        summary_rows.append(("total", *(sum(r[c] for r in summ) for c in cols[1:])))
    n_events = sum(n for _, _, n in events_month)
    theme_bars = [(f"{labels.get(t, t)} ({t})", n) for t, n in themes]
    sections = [
        f"<h1>kabar dataset report</h1><p class='muted'>{_e(describe_out(out_dir))} · generated "
        f"{datetime.now(JAKARTA).strftime('%Y-%m-%d %H:%M')} WIB · times in Asia/Jakarta (WIB)</p>",
        "<h2>Summary</h2>",
        f"<p>{n_events} events (articles of several outlets about one event count once).</p>",
        _table(
            [
                "site",
                "articles",
                "changed",
                "event articles",
                "pledge points",
                "officials",
                "figures",
                "errors",
            ],
            summary_rows,
            set(range(1, len(cols))),
        ),  # fmt: skip
        "<h2>Events per month and type</h2>",
        stacked_columns_svg(events_month),
        "<div class='grid'><div><h2>Events per province</h2>",
        hbars_svg(provinces),
        "</div><div><h2>Events per institution kind</h2>",
        hbars_svg(kinds),
        "</div></div>",
        "<div class='grid'><div><h2>Institutions with most events</h2>",
        hbars_svg(institutions),
        "</div><div><h2>Pledge themes (events)</h2>",
        hbars_svg(theme_bars),
        "</div></div>",
        "<div class='grid'><div><h2>Officials named most (articles)</h2>",
        hbars_svg(officials),
        "</div><div><h2>Figures by kind</h2>",
        hbars_svg(figure_kinds),
        "</div></div>",
        "<h2>Events</h2>",
        _events_table(events),
        "<h2>Largest reported figures of each kind</h2>",
        _table(["kind", "value", "unit", "context", "url"], figures, {1}),
        "<h2>Articles per publish month and site</h2>",
        stacked_columns_svg(per_month),
        "<h2>Errors</h2>",
        _table(["stage", "code", "count", "example URL"], errors, {2}),
    ]
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>kabar report</title>"
        f"<style>{_CSS}</style></head><body>{''.join(sections)}</body></html>"
    )


def write_report(out_dir: OutDirs, path: str | Path) -> Path:
    """Write :func:`build_report` to ``path`` atomically; returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(build_report(out_dir), encoding="utf-8")
    tmp.replace(target)
    return target
