"""One writer per output directory: an ``fcntl.flock`` on ``<out>/.kabar.lock``.

Two crawls writing the same dataset at once would interleave versions and race on the state
database, so the second one must refuse with a clear message.  ``flock`` (not a pid file) because
the kernel releases it when the process dies, even on SIGKILL: no stale lock to clean by hand.

The lock is re-entrant inside one process (the crawl command, the raw-store pipeline and the
store pipeline all take it); flock itself is per open file, so a process-wide count is kept here.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path
from types import TracebackType

LOCK_FILENAME = ".kabar.lock"


class OutputLocked(RuntimeError):
    """Another process is writing to this output directory."""


class _Held:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.count = 0


_held: dict[Path, _Held] = {}
_guard = threading.Lock()


class OutputLock:
    """``with OutputLock(out_dir): ...`` or ``acquire()`` / ``release()``."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / LOCK_FILENAME
        self._acquired = False

    def acquire(self) -> OutputLock:
        """Take the lock or raise :class:`OutputLocked` naming the process that holds it."""
        if self._acquired:
            return self
        self.out_dir.mkdir(parents=True, exist_ok=True)
        key = self.path.resolve()
        with _guard:
            held = _held.get(key)
            if held is None:
                fd = os.open(key, os.O_RDWR | os.O_CREAT, 0o644)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown process"
                    os.close(fd)
                    raise OutputLocked(
                        f"{self.out_dir} is in use by another kabar process ({holder}); wait for it to "
                        f"finish or choose another directory (--out, --jobdir)"
                    ) from None
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"pid {os.getpid()}, since {time.strftime('%Y-%m-%d %H:%M:%S')}".encode(), 0)
                held = _held[key] = _Held(fd)
            held.count += 1
        self._acquired = True
        return self

    def release(self) -> None:
        if not self._acquired:
            return
        key = self.path.resolve()
        with _guard:
            held = _held[key]
            held.count -= 1
            if held.count == 0:
                fcntl.flock(held.fd, fcntl.LOCK_UN)
                os.close(held.fd)
                del _held[key]
        self._acquired = False

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def _close_in_child() -> None:
    """In a forked child (``kabar reextract``'s workers start that way): close the inherited lock
    descriptors, without ``LOCK_UN`` (the lock belongs to the open file, which parent and child
    share: unlocking here would unlock the parent).  The lock then lasts exactly as long as the
    process that took it, SIGKILL included, not until its last worker notices and exits."""
    for held in _held.values():
        os.close(held.fd)
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)
