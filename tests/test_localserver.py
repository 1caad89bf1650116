"""The local server behind the bundled offline sites: URL → file mapping, conditional requests, hooks."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import BUILD_SITES, ROOT, SITES

from kabar.crawler.localserver import SiteServer, query_suffix, resolve

HOST = "example.test"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    site = tmp_path / HOST
    (site / "2023/01/25/slug").mkdir(parents=True)
    (site / "2023/01/25/slug/index.html").write_text("<p>page one</p>", "utf-8")
    (site / "2023/01/25/slug/index.page=2.html").write_text("<p>page two</p>", "utf-8")
    (site / "index-news").mkdir()
    (site / "index-news/index.date=2023-01-25.html").write_text("<ul></ul>", "utf-8")
    (site / "feed").mkdir()
    (site / "feed/index.xml").write_text("<rss/>", "utf-8")
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", "utf-8")
    (site / "sitemap.xml").write_text("<urlset/>", "utf-8")
    return tmp_path


def get(server: SiteServer, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    parts = urlsplit(server.base_urls[HOST])
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def test_query_suffix_is_sorted_and_encoded() -> None:
    assert query_suffix("page=2") == "page=2"
    assert query_suffix("b=2&a=1") == "a=1&b=2"
    assert query_suffix("q=netralitas+asn") == query_suffix("q=netralitas%20asn") == "q=netralitas+asn"
    assert query_suffix("") == ""


def test_resolve_maps_paths_and_queries_to_files(tree: Path) -> None:
    site = tree / HOST
    assert resolve(site, "/2023/01/25/slug") == site / "2023/01/25/slug/index.html"
    assert resolve(site, "/2023/01/25/slug", "page=2") == site / "2023/01/25/slug/index.page=2.html"
    assert resolve(site, "/2023/01/25/slug", "page=3") is None
    assert resolve(site, "/index-news", "date=2023-01-25") == site / "index-news/index.date=2023-01-25.html"
    assert resolve(site, "/feed/") == site / "feed/index.xml"
    assert resolve(site, "/robots.txt") == site / "robots.txt"
    assert resolve(site, "/../secret") is None
    assert resolve(site, "/nothing-here") is None


def test_serves_files_with_types_and_validators(tree: Path) -> None:
    with SiteServer(tree) as server:
        page = get(server, "/2023/01/25/slug?page=2")
        assert page.status == 200
        assert page.body == b"<p>page two</p>"  # type: ignore[attr-defined]
        assert page.getheader("Content-Type").startswith("text/html")
        assert page.getheader("ETag") and page.getheader("Last-Modified")
        assert get(server, "/feed/").getheader("Content-Type").startswith("application/rss+xml")
        assert get(server, "/sitemap.xml").getheader("Content-Type").startswith("application/xml")
        assert get(server, "/robots.txt").getheader("Content-Type").startswith("text/plain")
        assert get(server, "/missing").status == 404


def test_conditional_requests_get_304_until_the_file_changes(tree: Path) -> None:
    with SiteServer(tree) as server:
        first = get(server, "/2023/01/25/slug")
        etag, last_modified = first.getheader("ETag"), first.getheader("Last-Modified")
        assert get(server, "/2023/01/25/slug", {"If-None-Match": etag}).status == 304
        assert get(server, "/2023/01/25/slug", {"If-Modified-Since": last_modified}).status == 304
        (tree / HOST / "2023/01/25/slug/index.html").write_text("<p>page one, corrected</p>", "utf-8")
        changed = get(server, "/2023/01/25/slug", {"If-None-Match": etag})
        assert changed.status == 200
        assert changed.getheader("ETag") != etag


def test_behaviour_hook_and_request_log(tree: Path) -> None:
    def unavailable(handler) -> bool:  # a fault endpoint as the reliability tests will add
        handler.send_response(503)
        handler.send_header("Retry-After", "1")
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return True

    with SiteServer(tree) as server:
        server.add_behaviour(r"^/2023/", unavailable)
        response = get(server, "/2023/01/25/slug")
        assert response.status == 503 and response.getheader("Retry-After") == "1"
        assert get(server, "/robots.txt").status == 200
        assert [(r.path, r.status) for r in server.requested(HOST)] == [
            ("/2023/01/25/slug", 503),
            ("/robots.txt", 200),
        ]


def test_unknown_host_is_a_clear_error(tree: Path) -> None:
    with pytest.raises(ValueError, match="no bundled copy of nope.test"):
        SiteServer(tree, hosts=["nope.test"])


def test_bundled_tree_matches_its_manifest() -> None:
    """Every article the manifest promises is served, with all its pages."""
    manifest = json.loads((SITES / "MANIFEST.json").read_text("utf-8"))
    assert set(manifest) == {"wartakota", "idntimes", "koranjakarta", "beritajakarta", "satuarah"}
    for site, entry in manifest.items():
        host_dir = SITES / entry["host"]
        assert (host_dir / "robots.txt").is_file(), site
        assert 7 <= len(entry["articles"]) <= 30, site
        for url, info in entry["articles"].items():
            path = urlsplit(url).path
            assert resolve(host_dir, path) is not None, url
            for n in range(2, info["pages"] + 1):
                assert resolve(host_dir, path, f"page={n}") is not None, f"{url}?page={n}"


def test_site_build_script_is_deterministic(tmp_path: Path) -> None:
    """Two builds give byte-identical trees, so the committed tree only changes when its inputs do."""
    script = BUILD_SITES
    trees = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = subprocess.run(
            [sys.executable, str(script), "--out", str(out)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        trees.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]
    manifest = json.loads(trees[0][Path("MANIFEST.json")])
    assert set(manifest) == {"wartakota", "idntimes", "koranjakarta", "beritajakarta", "satuarah"}


def test_each_bundled_host_has_the_fixed_port_the_readme_gives() -> None:
    """The README's port table and its `scrapy crawl satuarah -a base_url=…` line match the server."""
    readme = (ROOT / "README.md").read_text("utf-8")
    server = SiteServer(port=8001)
    for host in server.available:
        assert f"{host} {server.port_of(host)}" in " ".join(readme.split()), host
    line = re.search(r"scrapy crawl satuarah -a base_url=http://127\.0\.0\.1:(\d+)", readme)
    assert line and int(line[1]) == server.port_of("satuarah.co")
    # Serving a subset keeps each host's port.
    subset = SiteServer(hosts=["satuarah.co"], port=9001)
    assert subset.port_of("satuarah.co") == server.port_of("satuarah.co") + 1000
