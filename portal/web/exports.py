"""The Insights page's CSV downloads as routes of our own (portal/asgi.py ``routes()``), streamed to the browser.

- ``GET /staff/exports/cases.csv?start=2026-01-01&end=2026-03-31``: the cases opened in the period
  (``portal.back_office.insights.write_cases_csv``), as a file download, UTF-8 with a BOM so spreadsheets read accents and
  Hebrew.

A Streamlit download button holds the whole file in the server's memory (a million cases: hundreds of MB) before
the browser gets a byte; here the rows go to the browser as the database hands them over, and the server holds a
few chunks whatever the period. The staff session cookie signs the request in (a browser without one is sent to the
sign-in page, which brings it back); the service itself refuses anyone but a manager (403) and writes the export to
the audit log once the last row is written, as the page's downloads did.

How it streams: the service writes to a file-like ``_Pipe`` in a worker thread; the pipe hands chunks of about
``CHUNK_BYTES`` to the response through a bounded queue, so a slow browser slows the export down instead of
piling the file up in memory. The response starts only when the first chunk (the header row) is ready, so a refusal
is still an ordinary 403. A browser that goes away stops the export: the pipe raises in the worker, and the
service's transaction ends (an export cut short is not recorded as made).

Starlette is imported here: like portal/asgi.py this module is the server's edge.
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import IO, cast

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from db.engine import get_engine
from portal.back_office.insights import write_cases_csv
from portal.back_office.staff import StaffActor
from portal.back_office.staff_addresses import CASES_EXPORT_PATH, SESSION_COOKIE, sign_in_url
from portal.back_office.staff_clock import SessionLimits
from portal.back_office.staff_sessions import check_session
from portal.config import get_settings
from portal.errors import NotAllowed

CHUNK_BYTES = 64 * 1024
QUEUED_CHUNKS = 8  # at most this many chunks wait for the browser: memory stays flat however long the period
_WAIT_S = 1.0  # how often a worker blocked on a slow browser looks whether it went away
DONE = object()  # what the queue yields after the last chunk


class _Gone(Exception):
    """The browser stopped reading: the worker gives up the export."""


class _Pipe(io.TextIOBase):
    """A text file that encodes what is written (UTF-8 with a BOM) and hands it on in chunks through a bounded
    queue; ``write`` blocks while the queue is full, and raises ``_Gone`` once ``gone`` is set."""

    def __init__(self, chunks: queue.Queue[object], gone: threading.Event) -> None:
        super().__init__()
        self._chunks, self._gone = chunks, gone
        self._pending: list[str] = ["\ufeff"]
        self._size = 0

    def write(self, text: str) -> int:
        self._pending.append(text)
        self._size += len(text)
        if self._size >= CHUNK_BYTES:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.put("".join(self._pending).encode("utf-8"))
            self._pending, self._size = [], 0

    def put(self, item: object) -> None:
        while True:
            if self._gone.is_set():
                raise _Gone
            try:
                self._chunks.put(item, timeout=_WAIT_S)
                return
            except queue.Full:
                continue


def export_in_thread(write: Callable[[IO[str]], object]) -> tuple[queue.Queue[object], threading.Event]:
    """Run ``write`` into a ``_Pipe`` in a thread of its own; the queue yields byte chunks, then an exception (the
    service refused or failed) or ``DONE``. Setting the event stops the worker."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=QUEUED_CHUNKS)
    gone = threading.Event()
    pipe = _Pipe(chunks, gone)

    def work() -> None:
        try:
            write(cast(IO[str], pipe))  # a TextIOBase is a text file; typeshed's IO[str] asks for more
            pipe.flush()
            pipe.put(DONE)
        except _Gone:
            return
        except Exception as problem:  # noqa: BLE001 - handed to the request, which answers or ends the stream
            try:
                pipe.put(problem)
            except _Gone:
                return

    threading.Thread(target=work, name="csv-export", daemon=True).start()
    return chunks, gone


def _period(request: Request) -> tuple[date, date] | None:
    try:
        start = date.fromisoformat(request.query_params.get("start", ""))
        end = date.fromisoformat(request.query_params.get("end", ""))
    except ValueError:
        return None
    return (start, end) if start <= end else None


async def download_cases(request: Request) -> Response:
    settings = get_settings()
    engine = get_engine(settings.db_url)
    checked = await run_in_threadpool(
        check_session, engine, request.cookies.get(SESSION_COOKIE), SessionLimits.of(settings)
    )
    if checked.actor is None:
        return RedirectResponse(
            sign_in_url(str(request.url.path) + "?" + request.url.query, checked.ended), status_code=303
        )
    period = _period(request)
    if period is None:
        return PlainTextResponse(
            "Please give a period: ?start=YYYY-MM-DD&end=YYYY-MM-DD, start first.", status_code=400
        )
    actor: StaffActor = checked.actor
    start, end = period
    chunks, gone = export_in_thread(lambda out: write_cases_csv(engine, actor, start, end, out))
    first = await run_in_threadpool(chunks.get)
    if isinstance(first, NotAllowed):
        gone.set()
        return PlainTextResponse(str(first), status_code=403)
    if isinstance(first, BaseException):
        gone.set()
        raise first

    async def body() -> AsyncIterator[bytes]:
        item = first
        try:
            while item is not DONE:
                if isinstance(item, BaseException):
                    raise item  # the download stops short: the browser reports it failed
                yield item  # type: ignore[misc]
                item = await run_in_threadpool(chunks.get)
        finally:
            gone.set()

    return StreamingResponse(
        body(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="cases-{start}-{end}.csv"', "Cache-Control": "no-store"},
    )


def routes() -> list[BaseRoute]:
    return [Route(CASES_EXPORT_PATH, download_cases, methods=["GET"])]
