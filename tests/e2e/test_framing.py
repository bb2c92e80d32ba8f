"""No other site may drive the app from a frame around it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.request import urlopen

import pytest

pytestmark = pytest.mark.browser


def test_the_served_app_takes_commands_from_no_framing_site(server):
    """Streamlit's frontend obeys postMessage commands (rerun, stop, set an auth token) from the origins the
    server lists here; by default, sixteen of Streamlit's Community Cloud domains (.streamlit/config.toml)."""
    with urlopen(server.url("/_stcore/host-config"), timeout=10) as response:
        host_config = json.load(response)
    assert host_config["allowedOrigins"] == []


@pytest.fixture
def foreign_site(server) -> Iterator[str]:
    """Another site (another origin, served from this machine so that the browser lets it reach ours), whose page
    frames our /staff."""
    page = f'<h1>Win a prize</h1><iframe src="{server.url("/staff")}" width="800" height="600"></iframe>'.encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    yield f"http://localhost:{site.server_address[1]}/"
    site.shutdown()
    site.server_close()


def test_another_site_cannot_show_the_staff_sign_in_in_a_frame(new_page, server, foreign_site):
    """A foreign page framed /staff, and signing in inside the frame worked (clickjacking). The browser now refuses
    to draw any page of ours in a frame (X-Frame-Options and CSP frame-ancestors, portal/asgi.py)."""
    page = new_page()
    page.goto(foreign_site)  # waits for the page's "load", which waits for its frame's
    (framed,) = page.main_frame.child_frames
    for _ in range(100):  # under load the frame may not have been given its address yet when "load" fires
        if framed.url:
            break
        page.wait_for_timeout(100)
    assert framed.url.startswith("chrome-error:"), framed.url  # the browser's error page, not ours
    assert framed.locator("input[type=password]").count() == 0
