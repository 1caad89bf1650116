"""The HTML report in a real headless Chromium: loads without console errors, charts render, links.

Chromium's own ``--dump-dom`` runs the page: a probe script appended to a copy of the report
measures every SVG chart and lists the event links, and writes the result into the DOM that
Chromium dumps; ``--enable-logging=stderr`` shows console messages.  ``.ci/run`` installs
Debian's ``chromium``; without it the test skips and says so.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from storage_helpers import build_facts_dataset

from pipelines.report import write_report

PROBE = """<script>
const svgs = [...document.querySelectorAll('svg')].map(s => {
  const r = s.getBoundingClientRect(); return [r.width, r.height, s.querySelectorAll('rect').length];
});
const links = [...document.querySelectorAll('table.events a')].map(a => a.href);
const out = document.createElement('pre'); out.id = 'probe';
out.textContent = JSON.stringify({svgs, links});
document.body.appendChild(out);
</script>"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def run_chromium(binary: str, page: Path) -> subprocess.CompletedProcess:
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
           "--virtual-time-budget=3000", "--dump-dom", page.as_uri()]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def browser() -> str:
    binary = chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium): browser check skipped")
    return binary


def test_report_loads_without_console_errors_charts_render_and_links_open_articles(browser, tmp_path):
    out = tmp_path / "out" / "dataset"
    build_facts_dataset(out)
    report = write_report(out, tmp_path / "report.html")
    html = report.read_text("utf-8")
    probe_page = tmp_path / "probe.html"
    probe_page.write_text(html.replace("</body>", PROBE + "</body>"), "utf-8")

    # the report as written: no console message of level error
    plain = run_chromium(browser, report)
    assert plain.returncode == 0, plain.stderr[-2000:]
    console_errors = [line for line in plain.stderr.splitlines()
                      if "CONSOLE" in line and ("ERROR" in line or "Uncaught" in line)]  # fmt: skip
    assert not console_errors, console_errors

    probed = run_chromium(browser, probe_page)
    match = re.search(r'<pre id="probe">(.*?)</pre>', probed.stdout, flags=re.S)
    assert match, probed.stdout[-2000:] + probed.stderr[-2000:]
    result = json.loads(match.group(1).replace("&quot;", '"'))
    assert result["svgs"], "no SVG chart in the report"
    assert all(w > 0 and h > 0 for w, h, _ in result["svgs"]), result["svgs"]
    assert any(rects > 0 for _, _, rects in result["svgs"]), "charts without bars"
    # the linked event's row links both outlets' articles
    assert set(result["links"]) >= {
        "https://www.beritajakarta.id/read/1/ikrar",
        "https://wartakota.tribunnews.com/2023/10/10/apel",
    }
