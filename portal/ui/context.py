"""What every page needs from the process: settings and the shared engine."""

from __future__ import annotations

from sqlalchemy import Engine

from db.engine import get_engine
from portal.config import Settings, get_settings


def settings() -> Settings:
    return get_settings()


def engine() -> Engine:
    return get_engine(get_settings().db_url)
