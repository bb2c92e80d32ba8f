"""Amends as an ASGI application: Streamlit's ``st.App`` (a Starlette application) around app.py, with routes and
middleware of our own, served by uvicorn.

``portal run`` and ``portal demo`` serve it (``serve``), and so do the browser tests and benchmarks
(``python -m portal.asgi [SCRIPT] --port N``); ``uvicorn --factory portal.asgi:application`` serves it too.
Streamlit's settings still come from .streamlit/config.toml (XSRF protection on, error details hidden, ...).

What the middleware promises, for every HTTP response, Streamlit's own included (``Hardening``):

- no other site may show a page of ours in a frame: a framed /staff took a sign-in (clickjacking). Old browsers
  read ``X-Frame-Options: DENY``, current ones ``Content-Security-Policy: frame-ancestors 'none'``;
- Streamlit's metrics (``/_stcore/metrics``: sessions, memory, cache sizes) are not answered: 404.

Routes of our own (a staff sign-in POST, ``/api/v1``) go in ``routes()``; they get the same middleware. Streamlit is
imported here although portal/ otherwise leaves it to portal/ui: this module is the server's edge, as the CLI is.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from portal.config import PROJECT_ROOT
from portal.logs import hide_error_messages

if TYPE_CHECKING:
    import streamlit as st
    from starlette.middleware import Middleware
    from starlette.routing import BaseRoute
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

APP_FILE = PROJECT_ROOT / "app.py"
FRAMING_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
)
# Streamlit's routes that are nobody's business outside the server (a base URL path may come before them).
HIDDEN_PATHS = ("/_stcore/metrics",)


class Hardening:
    """ASGI middleware (plain ASGI, not Starlette's BaseHTTPMiddleware, so responses stream through untouched): the
    framing headers on every HTTP response, and a 404 for ``HIDDEN_PATHS``. WebSockets pass as they are."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def framed(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [
                    (name, value) for name, value in message.get("headers", []) if name.lower() != b"x-frame-options"
                ]
                message["headers"] = [*kept, *FRAMING_HEADERS]
            await send(message)

        if scope["path"].rstrip("/").endswith(HIDDEN_PATHS):
            await _not_found(framed)
            return
        await self.app(scope, receive, framed)


async def _not_found(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 404,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"9")],
        }
    )
    await send({"type": "http.response.body", "body": b"Not Found"})


def routes() -> list[BaseRoute]:
    """Our own routes, beside Streamlit's (which a route may not shadow: st.App refuses /_stcore/... and the like)."""
    from portal.api.app import mount
    from portal.web import exports, staff_sign_in

    return [*staff_sign_in.routes(), *exports.routes(), mount()]


def middleware() -> list[Middleware]:
    """Ours, outside Streamlit's own (it runs first on a request and last on its response)."""
    from starlette.middleware import Middleware

    return [Middleware(Hardening)]


def application(script: str | Path = APP_FILE) -> st.App:
    """The portal (or another Streamlit script, as the benchmarks' bare page) as an ASGI application."""
    import streamlit as st

    hide_error_messages()
    return st.App(str(script), routes=routes(), middleware=middleware())


def serve(port: int, address: str, script: str | Path = APP_FILE) -> None:
    """Serve ``script`` until a signal stops it (uvicorn, in this process: SIGTERM and SIGINT shut it down), as
    Streamlit serves an st.App: its own uvicorn settings (WebSocket size and compression, pings), the port as given
    (taken: exit, never another port behind the printed links), the project's .streamlit/config.toml (a script
    elsewhere, as the benchmarks' bare page, is served with it too, as `streamlit run` from here served it)."""
    path = Path(script).resolve()
    os.chdir(PROJECT_ROOT)  # Streamlit reads the .streamlit/config.toml here, and the script's folder's own
    app = application(path)
    sys.argv = [str(path)]  # App.run finds the script's folder from here
    app.run(
        config={
            "server.port": port,
            "server.address": address,
            "server.headless": True,
            "server.fileWatcherType": "none",
        }
    )  # a served portal never reloads its code


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m portal.asgi [SCRIPT] --port N --address A``: serve app.py, or another script the same way."""
    parser = argparse.ArgumentParser(prog="python -m portal.asgi", description=main.__doc__)
    parser.add_argument("script", nargs="?", default=str(APP_FILE))
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="127.0.0.1")
    given = parser.parse_args(argv)
    serve(given.port, given.address, given.script)


if __name__ == "__main__":
    main()
