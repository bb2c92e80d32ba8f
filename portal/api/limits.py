"""The per-key rate limit, shared by every replica: a fixed window (a minute) counted in one database row per key
and window, upserted by every request (``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``, on SQLite as on
PostgreSQL), so the count is exact however many replicas serve the key. Windows older than the current one are
deleted when a key opens a new one."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from db.models import ApiRateWindow

WINDOW = timedelta(minutes=1)


def window_start(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def take_turn(session: Session, key_id: int, limit: int, now: datetime) -> timedelta | None:
    """Count one request of ``key_id``; None when it is within ``limit`` for this window, else how long until the
    next window opens (the request is counted either way: a client hammering a closed window keeps it closed)."""
    start = window_start(now)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(ApiRateWindow).values(api_key_id=key_id, window_start=start, count=1)
    statement = statement.on_conflict_do_update(
        index_elements=["api_key_id", "window_start"], set_={"count": ApiRateWindow.count + 1}
    )
    count = session.execute(statement.returning(ApiRateWindow.count)).scalar_one()
    if count == 1:  # this request opened the window: the key's earlier ones are done with
        session.execute(
            delete(ApiRateWindow).where(
                col(ApiRateWindow.api_key_id) == key_id, col(ApiRateWindow.window_start) < start
            )
        )
    if count <= limit:
        return None
    return start + WINDOW - now
