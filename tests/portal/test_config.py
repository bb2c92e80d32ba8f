import re

import pytest

from portal.config import DEMO_SECRET_KEY, PROJECT_ROOT, ConfigurationError, Settings


def test_demo_mode_starts_with_no_configuration():
    settings = Settings()
    assert settings.mode == "demo"
    assert settings.secret_key == DEMO_SECRET_KEY
    assert settings.db_url.startswith("sqlite:///")
    assert settings.followup_delay_days == 3


def test_settings_come_from_portal_environment_variables(monkeypatch):
    monkeypatch.setenv("PORTAL_BUSINESS_NAME", "Acme Plumbing")
    monkeypatch.setenv("PORTAL_FOLLOWUP_DELAY_DAYS", "5")
    settings = Settings()
    assert (settings.business_name, settings.followup_delay_days) == ("Acme Plumbing", 5)


def test_production_mode_names_every_missing_setting(monkeypatch):
    monkeypatch.setenv("PORTAL_MODE", "production")
    with pytest.raises(ConfigurationError) as raised:
        Settings()
    for name in ["PORTAL_SECRET_KEY", "PORTAL_DATABASE_URL", "PORTAL_BASE_URL", "PORTAL_OWNER_EMAIL"]:
        assert name in str(raised.value)


def test_production_refuses_the_demo_secret(monkeypatch):
    for name, value in {
        "MODE": "production",
        "SECRET_KEY": DEMO_SECRET_KEY,
        "DATABASE_URL": "sqlite:///x.db",
        "BASE_URL": "https://help.example.com",
        "OWNER_EMAIL": "care@example.com",
    }.items():
        monkeypatch.setenv(f"PORTAL_{name}", value)
    with pytest.raises(ConfigurationError, match="demo key"):
        Settings()


@pytest.mark.parametrize("days", ["0", "15"])
def test_follow_up_delay_is_one_to_fourteen_days(monkeypatch, days):
    monkeypatch.setenv("PORTAL_FOLLOWUP_DELAY_DAYS", days)
    with pytest.raises(Exception, match="followup_delay_days"):
        Settings()


def test_the_readme_documents_every_setting_in_one_table():
    """A newcomer configures Amends from README's Configuration table: every setting is a row of it, and the rows
    render as one table (a blank line inside it once turned ten rows into plain text)."""
    from markdown_it import MarkdownIt

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    configuration = readme.split("\n## Configuration", 1)[1].split("\n## ", 1)[0]
    tokens = MarkdownIt().enable("table").parse(configuration)
    tables = [token for token in tokens if token.type == "table_open"]
    cells = " ".join(token.content for token in tokens if token.type == "inline")
    documented = set(re.findall(r"PORTAL_[A-Z_]+", cells))
    expected = {f"PORTAL_{name.upper()}" for name in Settings.model_fields}

    assert len(tables) == 1
    assert expected - documented == set()
    assert documented - expected == set()
