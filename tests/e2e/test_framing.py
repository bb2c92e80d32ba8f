"""No other site may drive the app from a frame around it."""

from __future__ import annotations

import json
from urllib.request import urlopen

import pytest

pytestmark = pytest.mark.browser


def test_the_served_app_takes_commands_from_no_framing_site(server):
    """Streamlit's frontend obeys postMessage commands (rerun, stop, set an auth token) from the origins the
    server lists here; by default, sixteen of Streamlit's Community Cloud domains (.streamlit/config.toml)."""
    with urlopen(server.url("/_stcore/host-config"), timeout=10) as response:
        host_config = json.load(response)
    assert host_config["allowedOrigins"] == []
