"""The HTML report in a real headless Chromium: no console message, charts render, links open.

Chromium's own ``--dump-dom`` runs the pages (no WebDriver needed): the report as written must
log nothing to the console (``--enable-logging=stderr`` prints every console message and failed
load; the report has no scripts, so any message is a fault); a copy with a probe script appended
measures every SVG chart and lists the event links into the DOM that Chromium dumps; a copy
whose script clicks the first event link must end on the article page, served here on
127.0.0.1.  ``.ci/run`` installs Debian's ``chromium``; without it the tests skip and say so.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from storage_helpers import article_item, crawl, facts_record

from kabar.pipelines.report import write_report

PROBE = """<script>
const svgs = [...document.querySelectorAll('svg')].map(s => {
  const r = s.getBoundingClientRect(); return [r.width, r.height, s.querySelectorAll('rect').length];
});
const links = [...document.querySelectorAll('table.events a')].map(a => a.href);
const out = document.createElement('pre'); out.id = 'probe';
out.textContent = JSON.stringify({svgs, links});
document.body.appendChild(out);
</script>"""
CLICK = "<script>document.querySelector('table.events a').click();</script>"
ARTICLE_MARK = "kabar-article-page-{n}"


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def run_chromium(binary: str, page: Path) -> subprocess.CompletedProcess:
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
           "--virtual-time-budget=3000", "--dump-dom", page.as_uri()]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def console_messages(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def browser() -> str:
    binary = chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium): browser check skipped")
    return binary


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two article pages on a 127.0.0.1 server; yields its base URL."""
    root = tmp_path_factory.mktemp("site")
    for n, path in enumerate(("read/1/ikrar", "2023/10/10/apel")):
        (root / path).mkdir(parents=True)
        mark = ARTICLE_MARK.format(n=n)
        (root / path / "index.html").write_text(f"<html><body><p>{mark}</p></body></html>")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def report(articles: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of one event told by two outlets whose URLs are the local article pages."""
    tmp = tmp_path_factory.mktemp("report")
    first = article_item(facts_record(f"{articles}/read/1/ikrar/", "beritajakarta"))
    next_day = "2023-09-26T09:00:00+07:00"
    second = dict(
        article_item(facts_record(f"{articles}/2023/10/10/apel/", "wartakota", published_at=next_day)),
        site="wartakota",
    )
    crawl(tmp / "dataset", first, second)
    return write_report(tmp / "dataset", tmp / "report.html")


def test_the_console_check_sees_errors(browser: str, tmp_path: Path):
    page = tmp_path / "bad.html"
    page.write_text("<html><body><script>console.error('broken'); undefinedCall();</script></body></html>")
    messages = console_messages(run_chromium(browser, page))
    assert any("broken" in m for m in messages) and any("Uncaught" in m for m in messages)


def test_report_loads_without_console_messages(browser: str, report: Path):
    result = run_chromium(browser, report)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Events per province" in result.stdout
    assert not console_messages(result)


def test_charts_render_with_a_size_and_events_link_their_articles(browser: str, report: Path, articles: str):
    page = report.with_name("probe.html")
    page.write_text(report.read_text("utf-8").replace("</body>", PROBE + "</body>"), "utf-8")
    result = run_chromium(browser, page)
    match = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, flags=re.S)
    assert match, result.stdout[-2000:] + result.stderr[-2000:]
    probe = json.loads(match.group(1).replace("&quot;", '"'))
    assert len(probe["svgs"]) >= 6, probe["svgs"]
    assert all(w > 0 and h > 0 for w, h, _ in probe["svgs"]), probe["svgs"]
    assert sum(rects for _, _, rects in probe["svgs"]) >= 6, "charts without bars"
    # one event, two outlets: its row links both articles
    assert probe["links"] == [f"{articles}/read/1/ikrar/", f"{articles}/2023/10/10/apel/"]


def test_an_event_link_opens_the_article(browser: str, report: Path):
    page = report.with_name("click.html")
    page.write_text(report.read_text("utf-8").replace("</body>", CLICK + "</body>"), "utf-8")
    result = run_chromium(browser, page)
    assert ARTICLE_MARK.format(n=0) in result.stdout, result.stdout[-1000:]
    assert "Events per province" not in result.stdout  # the browser left the report
