"""Streamlit's own protections stay on, and customers never see error details."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def config() -> dict:
    return tomllib.loads(CONFIG.read_text())


def test_xsrf_and_cors_protection_stay_on(config):
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True


def test_customers_never_see_error_details_or_the_developer_toolbar(config):
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "minimal"


def test_no_page_feeds_customer_text_to_unsafe_html():
    """unsafe_allow_html / st.html appear only in the widget module, with fixed text of our own."""
    root = CONFIG.parent.parent
    offenders = [
        str(path.relative_to(root))
        for folder in ("screens", "portal")
        for path in (root / folder).rglob("*.py")
        if ("unsafe_allow_html=True" in path.read_text() or "st.html(" in path.read_text())
        and path.name != "widgets.py"
    ]
    assert offenders == []


def test_an_uncaught_script_error_is_logged_through_logging_where_its_message_is_hidden(config):
    """Streamlit's rich printer writes the error's message straight to the console; portal/logs.py cannot reach it."""
    assert config["logger"]["enableRich"] is False
