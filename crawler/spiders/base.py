"""What every kabar spider shares: discovery, filtering, incremental fetches, multi-page articles.

A site module only names its constants (origins, sitemap/feed/listing paths, article URL
patterns, listing and paging XPaths); :class:`NewsSpider` does the rest:

1. **Discover** candidate article URLs from sitemaps (plain or Google News, sitemap indexes
   followed), RSS/Atom feeds, listing pages (with their "next" links), a date-ranged archive
   (``DATE_ARCHIVE`` per day between ``since`` and ``until``) and a search page for ``query``.
2. **Filter** them: article URL pattern (never tag/about/index pages), date range (sitemap dates,
   feed dates or the date in the URL; after the fetch, the page's own publish date), the
   ``query``/``keywords`` words in the listing text or URL, ``max_articles``.
3. **Fetch incrementally**: article requests carry ``meta["kabar_article"]`` and the sitemap's
   ``lastmod``; :class:`crawler.conditional.ConditionalRequestMiddleware` (a downloader
   middleware, as Scrapy's HTTP cache policy) drops those not changed since the last crawl and
   makes the others conditional (``If-None-Match``/``If-Modified-Since``); a 304 yields nothing.
4. **Confirm** the page is an article (``og:type=article`` or ld+json ``NewsArticle``), follow its
   continuation pages (``?page=2`` …) and yield ONE item per article::

       {"kind": "article", "site", "url", "lastmod", "pages": [{"url", "status", "headers", "body",
        "fetched_at"}, ...]}

   ``url`` is the page-1 URL on the site's real origin (also when crawling a local copy through
   ``base_url``, so the dataset and the incremental state never depend on a local port);
   ``pages[].url`` is what was really fetched. Failures yield
   ``{"kind": "fetch_error", "site", "url", "status", "reason"}``; robots.txt refusals are not
   failures.

``base_url`` crawls a local copy (``crawler/localserver.py``): every URL on one of the site's
``ORIGINS`` is rewritten to ``base_url`` before it is requested, and back after.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, quote_plus, urlsplit, urlunsplit

import scrapy
from lxml import etree
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Request, Response
from scrapy.selector import Selector
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from twisted.python.failure import Failure

from kabar.crawler.conditional import NotModifiedSinceLastCrawl
from kabar.extract.decode import bound_markup
from kabar.extract.wib import JAKARTA
from kabar.schemas.items import ArticleItem, FetchErrorItem, Page

# Page types that count as an article (og:type, ld+json @type).
ARTICLE_LD_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting"}
)
# The date most news URLs carry: /2023/01/26/ or /2023-01-26/.
URL_DATE_RE = re.compile(r"/(\d{4})[/-](\d{2})[/-](\d{2})(?:/|$)")
# Meta tags with the publish time, most reliable first (ld+json is read separately).
PUBLISHED_META_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='content_published_date']/@content",
    "//meta[@name='publishdate']/@content",
    "//meta[@name='pubdate']/@content",
    "//time[@datetime]/@datetime",
)
MAX_CONTINUATION_PAGES = 20
# Scrapy failures that arrive without a message, and what they mean (for the errors table).
UNEXPLAINED_FAILURES = {
    "DownloadCancelledError": "download cancelled: the body grew past DOWNLOAD_MAXSIZE",
    "ResponseDataLossError": "truncated: the connection closed before the promised Content-Length arrived",
}
MAX_ARCHIVE_DAYS = 366
# Memory bounds of discovery.  A sitemap lists at most 50,000 URLs (the sitemaps protocol); one
# with more is cut there, with an errors row.  Sitemap URLs are streamed: at most MAX_QUEUED
# article requests wait in Scrapy's queue (a Request costs ~2 kB; a sitemap index of a million
# URLs queued at once took 3 GB), the other candidates wait in a deque (~200 B each) and are fed
# in by top_up() as the queue drains; an index's sitemaps are fetched a few at a time, only
# while fewer than LOW_WATER candidates wait.
MAX_SITEMAP_URLS = 50_000
MAX_QUEUED = 2_000
LOW_WATER = 10_000
SITEMAPS_AT_ONCE = 2
TOP_UP_SECONDS = 0.5


# <meta property="og:type" content="article"> in either attribute order (see is_article_page).
OG_ARTICLE_RE = re.compile(
    r"""<meta\b(?=[^>]*\bproperty\s*=\s*["']og:type["'])(?=[^>]*\bcontent\s*=\s*["']article["'])[^>]*>""",
    re.IGNORECASE,
)
HEAD_BYTES = 65_536
# <script type="application/ld+json">…</script>; the spider reads ld+json without a tree.
LD_JSON_RE = re.compile(
    r"""<script\b[^>]*\btype\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script\s*>""",
    re.IGNORECASE | re.DOTALL,
)
# A real article's ld+json is a few kB; a megabyte block is junk (or an attack on the parser).
MAX_LD_JSON_CHARS = 1_000_000


DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of a URL, the port made explicit; ValueError for a bad port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme)


class SpiderArgumentError(ValueError):
    """A spider argument (``since``, ``until``, ``max_articles``, ``base_url``) is malformed."""


@dataclass(slots=True)
class Candidate:
    """An article URL found by discovery, with what the listing told about it."""

    url: str  # on the site's real origin, no query, no fragment
    lastmod: datetime | None = None
    published: datetime | None = None
    text: str = ""  # listing title / news:title / feed title, for the query filter


def parse_date_arg(value: Any, name: str) -> date | None:
    """``YYYY-MM-DD`` (or a date) → date; a clear error otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SpiderArgumentError(f"{name} must be a date like 2023-09-25, got {value!r}") from None


def parse_when(value: str | None) -> datetime | None:
    """An ISO 8601 / RFC 822 / ``YYYY-MM-DD HH:MM:SS`` timestamp → aware datetime (naive = WIB)."""
    if not value:
        return None
    text = value.strip()
    when: datetime | None = None
    try:
        if re.match(r"\d{4}-\d\d-\d\d \d", text):  # IDN Times' "2026-04-05 10:21:40"
            text = text.replace(" ", "T", 1)
        when = datetime.fromisoformat(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=JAKARTA)
    try:  # year 9999 in another zone cannot be compared or shown in WIB: a bad value, not a crash
        when.astimezone(JAKARTA)
    except (OverflowError, ValueError):
        return None
    return when


def parse_visible_date(text: str) -> datetime | None:
    """A date as printed on a page (``Senin, 06 November 2023 09:45 WIB``, ``22 Oct 2023, 12:00 WIB``,
    ``06-11-2023``), day first, in WIB unless it says otherwise."""
    import dateparser  # lazy: only sites whose pages or listings carry no machine date need it

    cleaned = re.sub(r"\b(WIB|WITA|WIT)\b|\|", " ", text).strip(" ,")
    try:
        when = dateparser.parse(cleaned, languages=["id", "en"], settings={"DATE_ORDER": "DMY"})
    except (OverflowError, ValueError):
        return None
    if when is None:
        return None
    return parse_when(when.isoformat())


def date_from_url(url: str) -> datetime | None:
    m = URL_DATE_RE.search(urlsplit(url).path)
    if not m:
        return None
    try:
        return datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=JAKARTA)
    except ValueError:
        return None


def ld_json_objects(response: Response) -> Iterator[dict]:
    """Every JSON-LD object on the page, ``@graph`` members and lists flattened.

    Read with a regex, not the lxml tree: the spider must not build a tree of a hostile page
    (see :func:`extract.decode.bound_html`).  A block nested too deep for Python's JSON parser
    (``RecursionError``) or malformed is skipped; the others still count.
    """
    for match in LD_JSON_RE.finditer(response.text):
        raw = html_unescape_cdata(match.group(1))
        if len(raw) > MAX_LD_JSON_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                yield node
                if "@graph" in node:
                    stack.append(node["@graph"])


def html_unescape_cdata(raw: str) -> str:
    """A script body without the ``<!-- -->`` / ``<![CDATA[ ]]>`` wrappers some CMSs add."""
    text = raw.strip()
    for start, end in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if text.startswith(start) and text.endswith(end):
            text = text[len(start) : len(text) - len(end)].strip()
    return text


def opaque_body(response: Response) -> bool:
    """An empty or binary body (no text type, or NUL bytes near the start): the spider cannot
    tell whether it is an article, so the extractor judges it and says what is wrong."""
    head = response.body[:8192]
    return not head.strip() or b"\x00" in head or not isinstance(response, scrapy.http.TextResponse)


def bound_tree(response: Response) -> None:
    """Make ``response.xpath`` use a tree of the bounded page (:func:`extract.decode.bound_markup`).

    A hostile page (200,000 attributes on one element) would otherwise stall the crawl process
    for minutes inside libxml2, where no timeout can reach.  Scrapy builds ``response.selector``
    lazily and caches it in ``_cached_selector``; setting it first makes every later XPath, the
    site modules' included, read the bounded tree.  Called only where a tree is needed.
    """
    if isinstance(response, scrapy.http.TextResponse) and response._cached_selector is None:
        text = bound_markup(response.text)[0]
        response._cached_selector = Selector(text=text, type="html", huge_tree=False)


def ld_types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    return set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()


class NewsSpider(scrapy.Spider):
    """Base class of the site spiders; subclasses set ``name``, ``site`` and the constants."""

    site: str = ""
    ORIGINS: tuple[str, ...] = ()  # real origins; the first is the canonical one
    SITEMAPS: tuple[str, ...] = ()  # paths of sitemaps or sitemap indexes
    FEEDS: tuple[str, ...] = ()  # paths of RSS/Atom feeds
    LISTINGS: tuple[str, ...] = ()  # paths of index / section / tag listing pages
    DATE_ARCHIVE: str | None = None  # path template with {date} (YYYY-MM-DD), used with since
    SEARCH: str | None = None  # path template with {query}, used with query where robots allow
    ARTICLE_PATTERNS: tuple[re.Pattern[str], ...] = ()  # on the URL path
    NOT_ARTICLE_PATTERNS: tuple[re.Pattern[str], ...] = ()
    LISTING_LINKS: str = "//a[@href]"  # XPath of the article links of a listing page
    LISTING_NEXT: str | None = None  # XPath of the "next page" links of a listing page
    PAGING_LINKS: str | None = None  # XPath of an article's continuation-page links
    PUBLISHED_TEXT: str | None = None  # XPath of a visible date when the page has no meta date
    LISTING_DATE: str | None = None  # XPath, relative to a listing link, of the date shown beside it
    MAX_LISTING_PAGES = 10

    custom_settings: dict[str, Any] = {}

    def __init__(
        self,
        *args: Any,
        since: Any = None,
        until: Any = None,
        max_articles: Any = None,
        query: str | None = None,
        keywords: str | None = None,
        base_url: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.since = parse_date_arg(since, "since")
        self.until = parse_date_arg(until, "until")
        if self.since and self.until and self.since > self.until:
            raise SpiderArgumentError(f"since ({self.since}) is after until ({self.until})")
        try:
            self.max_articles = int(max_articles) if max_articles not in (None, "") else None
        except ValueError:
            raise SpiderArgumentError(f"max_articles must be a number, got {max_articles!r}") from None
        if self.max_articles is not None and self.max_articles < 1:
            raise SpiderArgumentError("max_articles must be at least 1")
        # query: all its words must match; keywords: comma-separated, any one must match.
        self.query_words = [w.lower() for w in (query or "").split()]
        self.keywords = [k.strip().lower() for k in (keywords or "").split(",") if k.strip()]
        self.base_url = base_url.rstrip("/") if base_url else None
        if self.base_url and not urlsplit(self.base_url).netloc:
            raise SpiderArgumentError(f"base_url must be like http://127.0.0.1:8001, got {base_url!r}")
        self._origin_hosts = {urlsplit(o).hostname for o in self.ORIGINS}
        hosts = set(self._origin_hosts)
        if self.base_url:
            hosts.add(urlsplit(self.base_url).hostname)
        self.allowed_domains = sorted(h for h in hosts if h)
        self._candidates: set[str] = set()
        self._scheduled = 0
        self._waiting: deque[Candidate] = deque()  # sitemap candidates not yet queued (see top_up)
        self._waiting_sitemaps: deque[str] = deque()  # sitemaps of an index not yet requested
        self._top_up_loop: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._start_top_up, signal=signals.spider_opened)
        crawler.signals.connect(spider._stop_top_up, signal=signals.spider_closed)
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        return spider

    @classmethod
    def origin_host(cls) -> str:
        """The host of the canonical origin (the folder name of its bundled offline copy)."""
        return urlsplit(cls.ORIGINS[0]).hostname or ""

    # --- origin rewriting ----------------------------------------------------------------------
    def to_fetch(self, real_url: str) -> str:
        """The URL to request: the real one, or its copy under ``base_url``."""
        if not self.base_url:
            return real_url
        parts = urlsplit(real_url)
        if parts.hostname not in self._origin_hosts:
            return real_url
        return self.base_url + urlunsplit(("", "", parts.path or "/", parts.query, ""))

    def to_real(self, url: str) -> str:
        """The URL on the site's canonical origin for a fetched (maybe local) URL."""
        parts = urlsplit(url)
        if self.base_url and url.startswith(self.base_url):
            rest = url[len(self.base_url) :] or "/"
            return self.ORIGINS[0] + rest
        if parts.hostname in self._origin_hosts:
            return self.ORIGINS[0] + urlunsplit(("", "", parts.path or "/", parts.query, ""))
        return url

    def on_site(self, real_url: str) -> bool:
        return urlsplit(real_url).hostname in self._origin_hosts

    def origin_allowed(self, url: str) -> bool:
        """Whether a URL may be fetched: scheme, host and port are compared, not the host alone.

        With ``base_url`` only that origin (a local copy on 127.0.0.1:8001 must not reach
        127.0.0.1:22 or the real site); without it the site's hosts (and their subdomains, as
        Scrapy's ``allowed_domains``) on the default ports of http and https, or on the port an
        origin names.  Used by :class:`crawler.middlewares.OriginGuardMiddleware` and the
        redirect guard.
        """
        try:
            scheme, host, port = _origin(url)
        except ValueError:  # a port that is not a number
            return False
        if self.base_url:
            return (scheme, host, port) == _origin(self.base_url)
        for origin in self.ORIGINS:
            own_scheme, own_host, own_port = _origin(origin)
            if host != own_host and not host.endswith("." + own_host):
                continue
            if urlsplit(origin).port is not None:  # an origin that names its port: exactly that
                if (scheme, port) == (own_scheme, own_port):
                    return True
            elif DEFAULT_PORTS.get(scheme) == port:
                return True
        return False

    # --- start ---------------------------------------------------------------------------------
    async def start(self) -> Any:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[Request]:
        origin = self.ORIGINS[0]
        for path in self.SITEMAPS:
            yield self._request(origin + path, self.parse_sitemap)
        for path in self.FEEDS:
            yield self._request(origin + path, self.parse_feed)
        for path in self.LISTINGS:
            yield self._request(origin + path, self.parse_listing, meta={"listing_depth": 1})
        if self.DATE_ARCHIVE and self.since:
            for day in self._archive_days():
                url = origin + self.DATE_ARCHIVE.format(date=day.isoformat())
                yield self._request(url, self.parse_listing, meta={"listing_depth": 1})
        if self.SEARCH and (self.query_words or self.keywords):
            for q in [" ".join(self.query_words)] if self.query_words else self.keywords:
                url = origin + self.SEARCH.format(query=quote_plus(q))
                yield self._request(url, self.parse_listing, meta={"listing_depth": 1})

    def _archive_days(self) -> list[date]:
        assert self.since is not None
        last = self.until or datetime.now(JAKARTA).date()
        days = (last - self.since).days + 1
        return [self.since + timedelta(days=i) for i in range(max(0, min(days, MAX_ARCHIVE_DAYS)))]

    def _request(self, real_url: str, callback: Any, **kwargs: Any) -> Request:
        meta = kwargs.pop("meta", {})
        meta.setdefault("real_url", real_url)
        return Request(self.to_fetch(real_url), callback=callback, errback=self.on_error, meta=meta, **kwargs)

    # --- streaming (memory bounds, see MAX_QUEUED) ----------------------------------------------
    def _queued(self) -> int:
        """Requests waiting in Scrapy's scheduler (its own counters).

        With a JOBDIR the queue is on disk and must hold everything (waiting candidates are not
        saved with the job, and a resumed crawl filters the sitemap requests as already seen),
        so it never counts as full there.
        """
        if self.settings.get("JOBDIR"):
            return -(10**9)
        stats = self.crawler.stats
        return int(stats.get_value("scheduler/enqueued", 0)) - int(stats.get_value("scheduler/dequeued", 0))

    def top_up(self) -> int:
        """Move waiting candidates (and an index's next sitemaps) into the queue as it drains;
        returns how many requests were scheduled."""
        engine = self.crawler.engine
        room = MAX_QUEUED - self._queued()
        scheduled = 0
        while room > scheduled and self._waiting:
            for request in self.consider(self._waiting.popleft()):
                engine.crawl(request)
                scheduled += 1
        for _ in range(SITEMAPS_AT_ONCE):
            if not self._waiting_sitemaps or len(self._waiting) >= LOW_WATER:
                break
            engine.crawl(self._request(self._waiting_sitemaps.popleft(), self.parse_sitemap))
            scheduled += 1
        return scheduled

    def _start_top_up(self, spider: Any = None) -> None:
        from twisted.internet import task

        self._top_up_loop = task.LoopingCall(self.top_up)
        self._top_up_loop.start(TOP_UP_SECONDS, now=False)

    def _stop_top_up(self, spider: Any = None) -> None:
        if self._top_up_loop is not None and self._top_up_loop.running:
            self._top_up_loop.stop()

    def _on_idle(self, spider: Any = None) -> None:
        """Nothing left in the queue: feed it, and keep the spider open while anything waits."""
        while self._waiting or self._waiting_sitemaps:
            if self.top_up():
                raise DontCloseSpider

    # --- discovery -----------------------------------------------------------------------------
    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        root, error = self._xml_root(response, ("urlset", "sitemapindex"))
        if root is None:
            yield error
            return
        tag = etree.QName(root).localname
        if tag == "sitemapindex":
            # Entries off the site are requested too: the origin guard refuses them with an
            # errors row (a sitemap index pointing elsewhere is worth knowing about).
            for n, loc in enumerate(root.iterfind("{*}sitemap/{*}loc")):
                if not loc.text:
                    continue
                url = self.to_real(loc.text.strip())
                if (n < SITEMAPS_AT_ONCE and len(self._waiting) < LOW_WATER) or self.settings.get("JOBDIR"):
                    yield self._request(url, self.parse_sitemap)
                else:
                    self._waiting_sitemaps.append(url)
            return
        room = MAX_QUEUED - self._queued()
        for n, node in enumerate(root.iterfind("{*}url")):
            if n == MAX_SITEMAP_URLS:
                self.crawler.stats.inc_value("kabar/sitemaps_cut")
                reason = (
                    f"sitemap lists over {MAX_SITEMAP_URLS:,} URLs (the protocol's limit); "
                    "the rest were not read"
                )
                yield {
                    "kind": "fetch_error",
                    "site": self.site,
                    "url": self.to_real(response.url),
                    "status": None,
                    "reason": reason,
                }
                break
            loc = node.findtext("{*}loc")
            if not loc:
                continue
            cand = Candidate(
                url=self.to_real(loc.strip()),
                lastmod=parse_when(node.findtext("{*}lastmod")),
                published=parse_when(node.findtext(".//{*}publication_date")),
                text=(node.findtext(".//{*}title") or "") + " " + (node.findtext(".//{*}keywords") or ""),
            )
            if room > 0 and not self._waiting:
                for request in self.consider(cand):
                    room -= 1
                    yield request
            else:
                self._waiting.append(cand)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        root, error = self._xml_root(response, ("rss", "feed", "RDF"))
        if root is None:
            yield error
            return
        for item in root.iter("item", "{*}entry"):
            link = item.findtext("link") or ""
            if not link.strip():
                atom_link = item.find("{*}link")
                link = atom_link.get("href", "") if atom_link is not None else ""
            if not link.strip():
                continue
            published = (
                item.findtext("pubDate") or item.findtext("{*}published") or item.findtext("{*}updated")
            )
            yield from self.consider(
                Candidate(
                    url=self.to_real(response.urljoin(link.strip())),
                    published=parse_when(published),
                    text=(item.findtext("title") or item.findtext("{*}title") or ""),
                )
            )

    def parse_listing(self, response: Response) -> Iterator[Request]:
        if not isinstance(response, scrapy.http.TextResponse):  # an image or binary where HTML was due
            self.logger.warning("listing is not a text page, skipped: %s", response.url)
            self.crawler.stats.inc_value("kabar/bad_listing")
            return
        bound_tree(response)
        dates: list[datetime] = []
        for link in response.xpath(self.LISTING_LINKS):
            href = link.attrib.get("href") or link.xpath("@href").get()
            if not href:
                continue
            text = " ".join(t.strip() for t in link.xpath(".//text()").getall() if t.strip())
            url = self.to_real(response.urljoin(href))
            listed = date_from_url(url)
            if listed is None and (self.since or self.until):  # parse printed dates only when they matter
                listed = self._listing_date(link)
            if listed:
                dates.append(listed)
            yield from self.consider(Candidate(url=url, text=text, published=listed))
        depth = response.meta.get("listing_depth", 1)
        if self.since and dates and max(dates).astimezone(JAKARTA).date() < self.since:
            # Listings run newest first: a page older than `since` throughout ends the walk.
            self.crawler.stats.inc_value("kabar/listing_walk_stopped_by_since")
            return
        if self.LISTING_NEXT and depth < self.MAX_LISTING_PAGES and not self._limit_reached():
            for href in response.xpath(self.LISTING_NEXT).xpath("@href").getall():
                url = self.to_real(response.urljoin(href))
                if self.on_site(url):
                    yield self._request(url, self.parse_listing, meta={"listing_depth": depth + 1})

    def _listing_date(self, link: Any) -> datetime | None:
        """The date printed beside a listing link (``LISTING_DATE``, relative to the link)."""
        if not self.LISTING_DATE:
            return None
        text = " ".join(t.strip() for t in link.xpath(self.LISTING_DATE).getall() if t.strip())
        return parse_visible_date(text) if text else None

    def _xml_root(self, response: Response, roots: tuple[str, ...]) -> tuple[Any, dict[str, Any] | None]:
        """The parsed sitemap or feed (root element one of ``roots``); or None and an errors row
        saying why (the URLs it would have listed are lost: that must show).

        Entities are never expanded nor loaded (``resolve_entities=False``, ``no_network``: no
        billion laughs, no file read); a ``.xml.gz`` is decompressed up to DOWNLOAD_MAXSIZE."""
        body = response.body
        why = None
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
            except (ValueError, OSError, EOFError, zlib.error) as exc:  # a gzip bomb, a broken gzip
                why = f"gzip body not read ({type(exc).__name__}: {str(exc)[:200]})"
        root = None
        if why is None:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
            try:
                root = etree.fromstring(body, parser=parser)
            except etree.XMLSyntaxError as exc:
                why = f"not XML ({str(exc)[:200]})"
            if root is None and why is None:
                why = "not XML (nothing could be parsed)"
            elif root is not None and etree.QName(root).localname not in roots:
                why = f"not a {' or '.join(roots)} document (root element <{etree.QName(root).localname}>)"
                root = None
        if root is not None:
            return root, None
        self.logger.warning("%s, skipped: %s", why, response.url)
        self.crawler.stats.inc_value("kabar/bad_xml")
        url = self.to_real(response.url)
        return None, {"kind": "fetch_error", "site": self.site, "url": url, "status": None, "reason": why}

    # --- filtering -----------------------------------------------------------------------------
    def is_article_url(self, real_url: str) -> bool:
        path = urlsplit(real_url).path
        if any(p.search(path) for p in self.NOT_ARTICLE_PATTERNS):
            return False
        return any(p.search(path) for p in self.ARTICLE_PATTERNS)

    def in_range(self, when: datetime | None) -> bool:
        if when is None:
            return True
        try:
            day = when.astimezone(JAKARTA).date()
        except (OverflowError, ValueError):  # past year 9999: no date at all, not a lost sitemap
            return True
        return not ((self.since and day < self.since) or (self.until and day > self.until))

    def matches_query(self, text: str) -> bool:
        if not (self.query_words or self.keywords):
            return True
        hay = text.lower()
        if self.query_words and not all(w in hay for w in self.query_words):
            return False
        return not self.keywords or any(k in hay for k in self.keywords)

    def _limit_reached(self) -> bool:
        return self.max_articles is not None and self._scheduled >= self.max_articles

    def consider(self, cand: Candidate) -> Iterator[Request]:
        """Schedule ``cand`` if it passes the filters and the incremental state allows it."""
        stats = self.crawler.stats
        parts = urlsplit(cand.url)
        cand.url = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        if not self.on_site(cand.url) or not self.is_article_url(cand.url):
            return
        if cand.url in self._candidates:
            return
        self._candidates.add(cand.url)
        stats.inc_value("kabar/candidates")
        if not self.in_range(cand.published or cand.lastmod or date_from_url(cand.url)):
            stats.inc_value("kabar/skipped_out_of_range")
            return
        slug_words = re.sub(r"[-_/]+", " ", parts.path)
        if not self.matches_query(f"{cand.text} {slug_words}"):
            stats.inc_value("kabar/skipped_query")
            return
        if self._limit_reached():
            stats.inc_value("kabar/skipped_max_articles")
            return
        self._scheduled += 1
        stats.inc_value("kabar/articles_scheduled")
        # kabar_article: the conditional-request middleware may skip it or make it conditional.
        yield self._request(
            cand.url,
            self.parse_article,
            meta={"handle_httpstatus_list": [304], "lastmod": cand.lastmod, "kabar_article": True},
        )

    # --- articles ------------------------------------------------------------------------------
    def is_article_page(self, response: Response) -> bool:
        # Shortcut: most article pages say og:type=article in their <head>; a regex finds it
        # without building the lxml tree (~2 ms a page in the crawl process, which is the
        # crawl's bottleneck once extraction runs in worker processes).  No tree is built at all:
        # og:type anywhere on the page, then ld+json, both read with regexes.
        if OG_ARTICLE_RE.search(response.text, 0, HEAD_BYTES) or OG_ARTICLE_RE.search(response.text):
            return True
        return any(ld_types(obj) & ARTICLE_LD_TYPES for obj in ld_json_objects(response))

    def page_published(self, response: Response) -> datetime | None:
        bound_tree(response)
        for obj in ld_json_objects(response):
            if ld_types(obj) & ARTICLE_LD_TYPES and isinstance(obj.get("datePublished"), str):
                when = parse_when(obj["datePublished"])
                if when:
                    return when
        for xpath in PUBLISHED_META_XPATHS:
            when = parse_when(response.xpath(xpath).get())
            if when:
                return when
        if self.PUBLISHED_TEXT:
            text = " ".join(response.xpath(self.PUBLISHED_TEXT).getall()).strip()
            if text:
                return parse_visible_date(text)
        return None

    def parse_article(self, response: Response) -> Iterator[Any]:
        stats = self.crawler.stats
        if response.status == 304:
            stats.inc_value("kabar/not_modified")
            return
        if opaque_body(response):  # -> an errors row ("empty", "not_html") instead of a silent skip
            stats.inc_value("kabar/opaque_pages")
            opaque: ArticleItem = {
                "kind": "article",
                "site": self.site,
                "url": response.meta["real_url"],
                "lastmod": None,
                "pages": [self._page(response)],
            }
            yield opaque
            return
        if not isinstance(response, scrapy.http.TextResponse) or not self.is_article_page(response):
            stats.inc_value("kabar/not_article")
            return
        if (self.since or self.until) and not self.in_range(self.page_published(response)):
            stats.inc_value("kabar/skipped_out_of_range")
            return
        lastmod = response.meta.get("lastmod")
        item: ArticleItem = {
            "kind": "article",
            "site": self.site,
            "url": response.meta["real_url"],
            "lastmod": lastmod.isoformat() if lastmod else None,
            "pages": [self._page(response)],
        }
        todo = self._continuations(response, set())
        yield from self._next_page(item, todo, done={1})

    def _continuations(self, response: Response, known: set[int]) -> set[int]:
        """Page numbers linked from the article's paging block (``?page=N``)."""
        if not self.PAGING_LINKS:
            return set()
        bound_tree(response)
        found = set(known)
        for href in response.xpath(self.PAGING_LINKS).xpath("@href").getall():
            query = dict(parse_qsl(urlsplit(href).query))
            if query.get("page", "").isdigit():
                found.add(int(query["page"]))
        return {n for n in found if 1 < n <= MAX_CONTINUATION_PAGES}

    def _next_page(self, item: ArticleItem, todo: set[int], done: set[int]) -> Iterator[Any]:
        remaining = sorted(todo - done)
        if not remaining:
            self.crawler.stats.inc_value("kabar/articles_yielded")
            yield item
            return
        number = remaining[0]
        url = f"{item['url']}?page={number}"
        yield self._request(
            url,
            self.parse_continuation,
            meta={"item": item, "todo": todo, "done": done | {number}, "article_url": item["url"]},
            dont_filter=True,
        )

    def parse_continuation(self, response: Response) -> Iterator[Any]:
        item, done = response.meta["item"], response.meta["done"]
        item["pages"].append(self._page(response))
        todo = self._continuations(response, response.meta["todo"])
        yield from self._next_page(item, todo, done)

    def _page(self, response: Response) -> Page:
        headers = {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        self.crawler.stats.inc_value("kabar/pages_fetched")
        return {
            "url": response.url,
            "status": response.status,
            "headers": headers,
            "body": response.body,
            "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }

    # --- failures ------------------------------------------------------------------------------
    def on_error(self, failure: Failure) -> Iterable[FetchErrorItem]:
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(NotModifiedSinceLastCrawl):  # unchanged since the last crawl: no fetch
            return []
        ignored = failure.check(IgnoreRequest) and not failure.check(HttpError)
        if ignored and failure.getErrorMessage() == "Forbidden by robots.txt":
            # robots.txt refusals are the site's decision, not failures.  Other refusals (a
            # redirect off the site, too many redirects, a body over DOWNLOAD_MAXSIZE once
            # decompressed) lose an article: they are recorded like any failed fetch.
            self.crawler.stats.inc_value("kabar/ignored_requests")
            return []
        status = failure.value.response.status if isinstance(failure.value, HttpError) else None
        name = type(failure.value).__name__
        message = failure.getErrorMessage() or UNEXPLAINED_FAILURES.get(name, "no details")
        reason = f"HTTP {status}" if status else f"{name}: {message}"
        url = request.meta.get("article_url") or request.meta.get("real_url") or request.url
        if request.meta.get("article_url"):
            reason = f"continuation page {request.url}: {reason}"
        self.crawler.stats.inc_value("kabar/fetch_errors")
        self.logger.warning("fetch failed: %s (%s)", url, reason)
        return [{"kind": "fetch_error", "site": self.site, "url": url, "status": status, "reason": reason}]
