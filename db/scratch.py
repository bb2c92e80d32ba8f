"""A throwaway PostgreSQL database beside an existing server, for tests and benchmarks."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

from db.engine import get_engine


@contextmanager
def scratch_postgres(server_url: str, prefix: str, *, keep: bool = False) -> Iterator[str]:
    """Create ``<prefix>_<random>`` on the server ``server_url`` names, yield its URL, drop it after
    (``keep`` leaves it). Raises psycopg.OperationalError when the server cannot be reached."""
    import psycopg

    server = make_url(server_url)
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = server.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        get_engine(url).dispose()
        if not keep:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
