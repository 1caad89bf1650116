"""A per-page time limit inside a worker that processes many pages in one task.

The crawl's :class:`pipelines.pool.ExtractionPool` bounds a page from the outside: its future
times out and the worker is killed.  Workers that read their own input (``kabar ingest`` on a
whole WARC file, ``kabar reextract`` on a byte range of the raw store) have no parent waiting on
single pages, so the bound must be set inside: :func:`page_time_limit` raises
:class:`PageTimeout` in the thread that runs the page once ``seconds`` have passed, and the
caller turns that page into an errors row and goes on with the next one.

Why hand-written (a timer thread and ``PyThreadState_SetAsyncExc``) and not ``signal.alarm``: a
Dask worker runs its task in a thread of its own, where signals cannot be delivered, and the
libraries that wrap the same call (``stopit``, ``func_timeout``) run the function in yet another
thread.  Like a signal, the exception is seen between two Python bytecodes: a page stuck inside
one C call is only stopped when that call returns, so the engine's own bound (the pool's future
timeout, which kills the worker) stays as the last resort.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class PageTimeout(BaseException):
    """Raised into the page's thread when its time is up.  A ``BaseException``, like
    ``KeyboardInterrupt``: the extractors' own ``except Exception`` must not swallow it."""


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
# void pointers, not py_object: NULL (None here) is what clears a pending exception.
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.c_void_p)
_set_async_exc.restype = ctypes.c_int


@contextmanager
def page_time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`PageTimeout` in this thread if the block runs longer than ``seconds``
    (``None`` or ``0``: no limit)."""
    if not seconds or seconds <= 0:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _set_async_exc(target, id(PageTimeout))  # the class lives as long as the module

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    try:
        timer.start()  # inside the try: a tiny limit can fire before start() returns
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                # Fired while the block was ending: a still pending exception must not hit the
                # caller's next statement (NULL clears it; harmless when it was raised already).
                _set_async_exc(target, None)
