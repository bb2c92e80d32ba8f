import pytest

from portal.config import DEMO_SECRET_KEY, ConfigurationError, Settings


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
    for name, value in {"MODE": "production", "SECRET_KEY": DEMO_SECRET_KEY, "DATABASE_URL": "sqlite:///x.db",
                        "BASE_URL": "https://help.example.com", "OWNER_EMAIL": "care@example.com"}.items():
        monkeypatch.setenv(f"PORTAL_{name}", value)
    with pytest.raises(ConfigurationError, match="demo key"):
        Settings()


@pytest.mark.parametrize("days", ["0", "15"])
def test_follow_up_delay_is_one_to_fourteen_days(monkeypatch, days):
    monkeypatch.setenv("PORTAL_FOLLOWUP_DELAY_DAYS", days)
    with pytest.raises(Exception, match="followup_delay_days"):
        Settings()
