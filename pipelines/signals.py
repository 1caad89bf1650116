"""Hold SIGINT/SIGTERM over a few lines that must not be cut in the middle.

``kabar reextract`` and ``kabar ingest`` end on SIGTERM/SIGINT by an exception raised wherever the
main thread is (crawler/cli.py), which unwinds them through their cleanup.  A few steps must not
be cut: the swap of the three rebuilt tables (a mix of new and old tables until the next start),
and handing a task to a worker process that is being started (the half-started worker printed a
traceback).  There the signal waits until the step is done, then reaches the usual handler.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM until the block is done, then deliver the first one to the handler that
    was in place.  Python-level (not ``pthread_sigmask``, which covers one thread while the kernel
    may hand the signal to any other, e.g. a progress bar's)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers run in the main thread only: nothing to hold here
        return
    pending: list[int] = []
    names = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda signum, frame: pending.append(signum)) for sig in names}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
        if pending:
            signal.raise_signal(pending[0])
