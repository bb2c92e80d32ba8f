"""Migrations: the models and the migrations agree, and upgrading keeps every row."""

from __future__ import annotations

import warnings

import pytest
from alembic import command
from sqlalchemy import inspect, text

from db.engine import get_engine
from db.migrate import alembic_config, upgrade
from tests.conftest import empty_postgres


def test_the_migrations_build_exactly_the_models(store):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLite cannot reflect expression indexes; Alembic says so
        command.check(alembic_config(store.url))  # raises when a model change has no migration


def _fill(url: str) -> dict[str, int]:
    """Rows in every table at the first migration, through plain SQL (the models may have moved on)."""
    statements = [
        "INSERT INTO business (name, owner_name, owner_role, owner_email, owner_phone, currency, default_language,"
        " auto_approve_limit_cents, agent_approval_limit_cents, followup_delay_days, version)"
        " VALUES ('B', 'O', 'R', 'o@example.com', '', 'USD', 'en', 5000, 20000, 3, 1)",
        "INSERT INTO customer (name, email, language, created_at) VALUES ('C', 'c@example.com', 'en', CURRENT_TIMESTAMP)",
        "INSERT INTO \"case\" (reference, customer_id, status, category, tone, language, story, bothered_most,"
        " confirmed_paraphrase, order_ref, currency, submission_key, version, created_at, updated_at)"
        " VALUES ('AM-AAAAAA', 1, 'accepted', 'lateness', 'calm', 'en', 's', 'b', 'p', 'WO-1', 'USD', 'k', 1,"
        " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        "INSERT INTO case_event (case_id, at, actor, kind, detail) VALUES (1, CURRENT_TIMESTAMP, 'customer', 'x', '')",
    ]
    engine = get_engine(url)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()
                for t in inspect(conn).get_table_names() if t != "alembic_version"}


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_upgrading_from_the_first_migration_keeps_every_row(backend, tmp_path, request):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        empty_postgres(url)
        command.downgrade(alembic_config(url), "0001")
    upgrade(url, "0001")
    before = _fill(url)
    upgrade(url)
    engine = get_engine(url)
    with engine.connect() as conn:
        after = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in before}
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() != "0001"
        assert conn.execute(text('SELECT reference FROM "case"')).scalar_one() == "AM-AAAAAA"
    assert after == before and before["case"] == 1
    if backend == "postgres":
        empty_postgres(url)
