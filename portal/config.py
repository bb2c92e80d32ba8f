"""Settings read from the environment (prefix ``PORTAL_``) or a ``.env`` file.

In ``demo`` mode every setting has a safe default so the portal starts with no
configuration at all. In ``production`` mode the settings that must be chosen by
the operator (secret key, public URL, owner contact, database) have no default:
leaving one out stops start-up with a message naming every missing variable.
"""

from __future__ import annotations

from email.utils import formataddr
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from portal.clients import Network, parse_networks

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'data' / 'amends.db'}"

# Only ever used in demo mode; production refuses to start without its own key.
DEMO_SECRET_KEY = "demo-only-secret-key-change-me-in-production"

_DEMO_DEFAULTS: dict[str, str] = {
    "secret_key": DEMO_SECRET_KEY,
    "database_url": DEMO_DATABASE_URL,
    "base_url": "http://localhost:8501",
    "owner_email": "dana.cohen@northwind.example",
}


class ConfigurationError(RuntimeError):
    """Raised when production mode is missing settings it cannot guess."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PORTAL_", env_file=".env", extra="ignore")

    mode: Literal["demo", "production"] = "demo"
    secret_key: str | None = None
    database_url: str | None = None
    base_url: str | None = None

    business_name: str = "Northwind Home Services"
    owner_name: str = "Dana Cohen"
    owner_role: str = "Customer Care Lead"
    owner_email: str | None = None
    owner_phone: str = "+1 555 0100"
    owner_photo_url: str | None = None
    currency: str = "USD"
    default_language: Literal["en", "es", "he"] = "en"

    auto_approve_limit: float = Field(50.0, ge=0, description="Proposals up to this amount are accepted at once.")
    agent_approval_limit: float = Field(200.0, ge=0, description="Agents may approve up to this amount.")
    followup_delay_days: int = Field(3, ge=1, le=14)
    case_link_days: int = Field(180, ge=1)
    invite_link_days: int = Field(30, ge=1)
    checkin_link_days: int = Field(30, ge=1)
    # A check-in answer at or below either threshold reopens the case (1-5 and 0-10 scales).
    checkin_low_csat: int = Field(2, ge=1, le=5)
    checkin_low_nps: int = Field(6, ge=0, le=10)

    # Public intake (portal.entry.intake): the business-wide link confirms the customer's email before a case
    # opens. Each limit counts per email address and per client address, over the last hour.
    intake_cases_per_hour: int = Field(5, ge=1, description="New cases from the public link.")
    intake_codes_per_hour: int = Field(5, ge=1, description="Verification emails sent.")
    # Streamlit sees the address of whatever connects to it: behind a reverse proxy on another host every
    # customer shares the proxy's address. Name the proxies here (comma-separated addresses or networks) and
    # their X-Forwarded-For header gives each client's own (portal.clients); a proxy that hides client addresses
    # calls for switching the per-address limits off instead (per email stays). Staff sign-in and the link
    # throttle use the same address.
    trusted_proxies: str = ""
    intake_limit_by_address: bool = True

    # Staff sign-in (portal.back_office.staff_clock): it ends after this long without activity, and this long after signing in.
    staff_idle_minutes: int = Field(30, ge=1, le=24 * 60)
    staff_session_hours: float = Field(12.0, gt=0, le=7 * 24)
    # The staff session cookie is sent only over HTTPS (Secure): always in production, never in the demo (served
    # on http://localhost) unless set here.
    staff_cookie_secure: bool | None = None

    # Email (portal.delivery.mailer). Without an SMTP host, messages are written as .eml files to outbox_dir.
    smtp_host: str | None = None
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_security: Literal["none", "starttls", "ssl"] = "starttls"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: float = Field(30.0, gt=0)
    mail_from: str | None = None  # default: "<business name> <owner email>"
    outbox_dir: Path = PROJECT_ROOT / "data" / "outbox"
    outbox_max_attempts: int = Field(10, ge=1, le=50)
    worker_interval_seconds: float = Field(30.0, gt=0)

    # Evidence (portal.recovery.evidence): photos and PDFs the customer attaches to their story, stored as files
    # under evidence_dir (the store keeps their paths). Keep evidence_dir on a volume that is backed up.
    evidence_dir: Path = PROJECT_ROOT / "data" / "evidence"
    evidence_max_mb: float = Field(10.0, gt=0, le=200, description="Largest file a customer may attach, in MB.")
    evidence_max_files: int = Field(5, ge=1, le=20, description="Files a customer may attach to one story.")

    # Webhooks (portal.delivery.webhooks): HTTPS endpoints managers register hear about case events, signed.
    # Plain http is refused, except to this machine (127.0.0.1, ::1, localhost) when allowed here: on by
    # default in the demo (try it with a local receiver), off in production unless you set it.
    webhook_allow_http_loopback: bool | None = None
    webhook_max_attempts: int = Field(8, ge=1, le=50, description="Tries before a delivery is marked failed.")
    webhook_timeout_seconds: float = Field(10.0, gt=0, le=60)

    # The API (portal.api): requests one key may make per minute, counted in the database, so across every replica.
    api_requests_per_minute: int = Field(120, ge=1, le=100_000)
    api_key_days: int = Field(365, ge=1, le=5 * 365, description="How long a new API key works.")

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: str) -> str:
        parse_networks(value)
        return value

    @model_validator(mode="after")
    def _fill_or_refuse(self) -> "Settings":
        missing = [name for name in _DEMO_DEFAULTS if getattr(self, name) is None]
        if self.mode == "production" and missing:
            names = ", ".join(f"PORTAL_{name.upper()}" for name in missing)
            raise ConfigurationError(f"Production mode needs these settings: {names}.")
        for name in missing:
            setattr(self, name, _DEMO_DEFAULTS[name])
        if self.mode == "production" and self.secret_key == DEMO_SECRET_KEY:
            raise ConfigurationError("PORTAL_SECRET_KEY is the demo key; choose a long random one for production.")
        return self

    @property
    def sender(self) -> str:
        """The From header of every email."""
        if self.mail_from:
            return self.mail_from
        return formataddr((self.business_name, self.owner_email or ""))

    @property
    def db_url(self) -> str:
        assert self.database_url is not None
        return self.database_url

    @property
    def trusted_proxy_networks(self) -> tuple[Network, ...]:
        return parse_networks(self.trusted_proxies)

    @property
    def staff_cookie_is_secure(self) -> bool:
        """Is the staff session cookie Secure (HTTPS only)? As set, or in production only."""
        if self.staff_cookie_secure is None:
            return self.mode == "production"
        return self.staff_cookie_secure

    @property
    def webhook_http_loopback(self) -> bool:
        """May webhooks use http:// to this machine? As set, or by default in the demo only."""
        if self.webhook_allow_http_loopback is None:
            return self.mode == "demo"
        return self.webhook_allow_http_loopback


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
