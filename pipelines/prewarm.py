"""The extractor's models loaded once, in the forkserver, for every worker forked from it.

Extraction pools (the crawl's and ``kabar reextract``'s :class:`pipelines.pool.ExtractionPool`,
``kabar ingest``'s process pool) start their workers from a forkserver.  Loading spaCy, the date
parser and the compiled patterns costs several CPU seconds; done in each worker it costs that
times the workers, on the very cores the workers should be extracting on, and delays the first
article.  This module is in the forkserver's preload list: imported there, it warms the extractor
named by ``KABAR_PREWARM_EXTRACTOR`` (set by :func:`forkserver_context` before the forkserver
starts), and every worker forked afterwards starts with the models in memory, shared
copy-on-write (less memory too).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from multiprocessing.context import BaseContext

log = logging.getLogger(__name__)

ENV = "KABAR_PREWARM_EXTRACTOR"
# A small page in the sites' shape: enough to load every model the extractor uses.
WARM_UP_HTML = (
    "<html><head><title>Warm up</title></head><body><article><h1>ASN Ikrar Netralitas</h1>"
    "<p>JAKARTA - Sebanyak 450 ASN Pemerintah Kota Administrasi Jakarta Utara mengikuti ikrar "
    "netralitas pada Senin (25/9/2023), kata Wali Kota Jakarta Utara Ali Maulana Hakim.</p>"
    "</article></body></html>"
)


def warm_up(extractor_path: str) -> None:
    """Run the extractor once on :data:`WARM_UP_HTML` (a failure shows up again, properly
    reported, on the real pages)."""
    from kabar.pipelines.extract import load_extractor

    try:
        load_extractor(extractor_path)(WARM_UP_HTML, url="https://example.invalid/2023/09/25/warm-up")
        vocab = sys.modules.get("kabar.extract.facts.vocab")
        if vocab is not None:  # the extractor reads event facts: its patterns compile on first use
            vocab.compile_all()
    except Exception:
        log.debug("extractor warm-up failed", exc_info=True)


def forkserver_context(extractor_path: str, *modules: str, prewarm: bool = True) -> BaseContext:
    """The forkserver context, its preload list naming ``modules``, the extractor's module and
    this one, set to warm ``extractor_path`` (unless not ``prewarm``).  A forkserver already
    running (a second pool of the same process) keeps what it loaded.

    ``prewarm=False`` is for a process with other work to do meanwhile (the crawl's reactor):
    starting the first worker waits for the forkserver, which would then wait for the models."""
    if prewarm:
        os.environ[ENV] = f"{os.getpid()} {extractor_path}"  # only a child of this process warms
    else:
        os.environ.pop(ENV, None)
    context = multiprocessing.get_context("forkserver")
    module = extractor_path.rpartition(".")[0]
    context.set_forkserver_preload([*modules, "kabar.pipelines.extract", module, __name__])
    return context


def _warm_in_forkserver() -> None:
    """At import in a forkserver started by :func:`forkserver_context`'s process: warm up now,
    before the first worker is forked.  The forkserver reports nothing about a preload that
    raises, so nothing may escape."""
    owner, _, extractor_path = os.environ.get(ENV, "").partition(" ")
    if not extractor_path or owner != str(os.getppid()) or "multiprocessing.forkserver" not in sys.modules:
        return
    try:
        warm_up(extractor_path)
    except BaseException:  # noqa: BLE001 - see the docstring
        log.debug("forkserver warm-up failed", exc_info=True)


_warm_in_forkserver()
