"""Writes a page hands over instead of waiting for them: one thread per process runs them in the order given.

A click that moves the customer's conversation on keeps the conversation on the server (portal.recovery.drafts). Written
inside the run, that write held the next step back from the customer's screen: the browser drew "did we
understand you?" 10-15 ms later than without it, about a third of a bare page's whole click (benchmarks/browser.py).
Handed over here, the run ends as soon as the page is drawn and the write lands a few milliseconds later.

One thread keeps the order: a second save of the same conversation never lands before the first. ``wait`` lets
whoever reads what was handed over (a session resuming a conversation, the case that replaces it) see it first.
Threads of a ``ThreadPoolExecutor`` are joined when the interpreter exits, so a stopping server finishes what
it was handed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec

from portal.logs import describe

_P = ParamSpec("_P")
_log = logging.getLogger(__name__)
_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="amends-write-behind")


def submit(write: Callable[_P, object], *args: _P.args, **kwargs: _P.kwargs) -> Future[object]:
    """Run ``write`` after everything handed over before it; its future holds its error, which is also logged
    (its kind and place: its message may quote what the customer typed)."""
    future = _writer.submit(write, *args, **kwargs)
    future.add_done_callback(_log_failure)
    return future


def wait() -> None:
    """Return once everything handed over so far has been written (or has failed)."""
    _writer.submit(lambda: None).result()


def _log_failure(future: Future[object]) -> None:
    error = future.exception()
    if error is not None:
        _log.warning("A write handed over by a page failed: %s", describe(error))
