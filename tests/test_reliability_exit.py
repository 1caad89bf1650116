"""Exit codes a scheduler can trust (issue 12, item 6), and the crawl summary after a signal.

``kabar crawl`` runs in a subprocess (Twisted's reactor cannot restart inside one process).
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=5", "-s", "KABAR_EXTRACT_WORKERS=0"]

pytestmark = pytest.mark.slow


def kabar_cmd(*args: str) -> list[str]:
    """The command line of ``kabar ARGS`` run by this interpreter."""
    return [sys.executable, "-m", "kabar.crawler.cli", *args]


def kabar(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(kabar_cmd(*args), cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SlowSite:
    """Answers every request after a pause (cut short by ``close``), with an empty sitemap: a
    crawl that is still running."""

    def __init__(self, pause: float = 1.0) -> None:
        self.requests = 0
        self.closing = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - stdlib naming
                site.requests += 1
                site.closing.wait(pause)
                body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else b"<html></html>"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()


def test_a_crawl_that_fetches_nothing_exits_1_with_a_one_line_reason(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    result = kabar("crawl", "satuarah", "--base-url", url, "--out", str(tmp_path / "out"), *FAST)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "satuarah: fetched nothing" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_spider_that_cannot_open_exits_1_with_a_one_line_reason(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    redis = f"redis://127.0.0.1:{closed_port()}/0"
    out = str(tmp_path / "out")
    result = kabar("crawl", "satuarah", "--base-url", url, "--redis", redis, "--out", out, *FAST)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "satuarah: could not start" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_on_a_multi_site_crawl_ends_with_the_summary_and_one_line(
    tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    first, second = SlowSite(pause=4.0), SlowSite(pause=4.0)  # still crawling when the signal comes
    try:
        cmd = kabar_cmd(
            "crawl",
            "satuarah",
            "idntimes",
            "--base-url",
            f"satuarah={first.url}",
            "--base-url",
            f"idntimes={second.url}",
            "--out",
            str(tmp_path / "out"),
            *FAST,
        )
        pipe = subprocess.PIPE
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=pipe, stderr=pipe, text=True)
        deadline = time.monotonic() + 120  # the first site is being crawled: a request arrived
        while not first.requests and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert first.requests, "the crawl never reached the first site"
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        first.close()
        second.close()
    assert proc.returncode == code, err[-3000:]
    assert "Traceback" not in err and "Crawler.stats" not in err, err[-3000:]
    assert "interrupted" in err
    assert "kabar dataset" in out  # the summary table is printed all the same


def test_crawl_help_documents_the_exit_codes() -> None:
    result = kabar("crawl", "--help")
    for line in ("exit codes:", "0 ", "1 ", "2 ", "3 ", "130"):
        assert line in result.stdout


def test_two_crawls_sharing_one_jobdir_the_second_exits_3(tmp_path: Path) -> None:
    site = SlowSite(pause=300)  # the first crawl is still running when the second starts, however late
    try:
        jobdir = str(tmp_path / "jobs")
        cmd = kabar_cmd(
            "crawl",
            "satuarah",
            "--base-url",
            site.url,
            "--jobdir",
            jobdir,
            "--out",
            str(tmp_path / "a"),
            *FAST,
        )
        first = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (tmp_path / "jobs" / ".kabar.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        second = kabar(
            "crawl",
            "satuarah",
            "--base-url",
            site.url,
            "--jobdir",
            jobdir,
            "--out",
            str(tmp_path / "b"),
            *FAST,
        )
        first.kill()  # only the second crawl is under test
        first.wait(timeout=60)
    finally:
        site.close()
    assert second.returncode == 3, second.stderr[-2000:]
    assert "in use by another kabar process" in second.stderr


class EndlessHeaders:
    """A server whose every response sends header lines until the client hangs up."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._flood, args=(conn,), daemon=True).start()

    @staticmethod
    def _flood(conn: socket.socket) -> None:
        try:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            line = b"X-Filler: " + b"a" * 100 + b"\r\n"
            for _ in range(2_000_000):
                conn.sendall(line * 100)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.sock.close()


def test_endless_response_headers_end_as_an_errors_row(tmp_path: Path) -> None:
    server = EndlessHeaders()
    out = tmp_path / "out"
    try:
        result = kabar(
            "crawl",
            "satuarah",
            "--base-url",
            server.url,
            "--out",
            str(out),
            *FAST,
            "-s",
            "DOWNLOAD_TIMEOUT=30",
        )
    finally:
        server.close()
    assert result.returncode == 1, result.stderr[-2000:]
    rows = kabar("query", "SELECT reason FROM errors", "--out", str(out), "--format", "csv")
    assert "response headers over 256 lines" in rows.stdout, rows.stdout + rows.stderr
