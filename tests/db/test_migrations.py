"""Migrations: the models and the migrations agree, and upgrading keeps every row."""

from __future__ import annotations

import warnings

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from db.engine import get_engine
from db.migrate import alembic_config, upgrade
from db.models import RemedyOption
from portal.recovery.catalog_text import missing_translations, option_text
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
        'INSERT INTO "case" (reference, customer_id, status, category, tone, language, story, bothered_most,'
        " confirmed_paraphrase, order_ref, currency, submission_key, version, created_at, updated_at)"
        " VALUES ('AM-AAAAAA', 1, 'accepted', 'lateness', 'calm', 'en', 's', 'b', 'p', 'WO-1', 'USD', 'k', 1,"
        " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        "INSERT INTO case_event (case_id, at, actor, kind, detail) VALUES (1, CURRENT_TIMESTAMP, 'customer', 'x', '')",
    ]
    engine = get_engine(url)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
        return {
            t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()
            for t in inspect(conn).get_table_names()
            if t != "alembic_version"
        }


def _database_at(revision: str, backend: str, tmp_path, request) -> str:
    """The URL of an empty database of ``backend`` at ``revision`` (PostgreSQL: the session's, taken back)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        empty_postgres(url)
        command.downgrade(alembic_config(url), revision)
    upgrade(url, revision)
    return url


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_upgrading_from_the_first_migration_keeps_every_row(backend, tmp_path, request):
    url = _database_at("0001", backend, tmp_path, request)
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


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_catalog_entries_made_before_translations_keep_their_english_and_lack_spanish_and_hebrew(
    backend, tmp_path, request
):
    url = _database_at("0011", backend, tmp_path, request)
    engine = get_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO remedy_option (kind, title, description, categories, is_gift, is_active,"
                " sort_order) VALUES ('gift', 'A box of chocolates', 'From a shop near us.', '', true, true,"
                " 0)"
            )
        )
    upgrade(url)
    with Session(engine) as session:
        option = session.exec(select(RemedyOption)).one()
        assert option_text(option, "es") == ("A box of chocolates", "From a shop near us.")
        assert missing_translations(option) == ["es", "he"]
        option.title_he = "קופסת שוקולדים"
        session.add(option)
        session.commit()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT title_he FROM remedy_option")).scalar_one() == "קופסת שוקולדים"
    command.downgrade(alembic_config(url), "0011")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT title FROM remedy_option")).scalar_one() == "A box of chocolates"
    upgrade(url)
    if backend == "postgres":
        empty_postgres(url)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_entries_written_before_0016_say_which_invite_or_email_and_reopened_cases_count_their_reopenings(
    backend, tmp_path, request
):
    url = _database_at("0013", backend, tmp_path, request)
    _fill(url)  # one case
    engine = get_engine(url)
    with engine.begin() as conn:
        for case_id, detail, to_status in [
            (None, '{"invite_id": 7, "email": "a@example.com"}', None),
            (None, '{"message_id": 9, "email_kind": "invite"}', None),
            (None, '{"category": "billing"}', None),
            (1, '{"checkin_id": 3}', "reopened"),
            (1, '{"checkin_id": 4}', "reopened"),
        ]:
            conn.execute(
                text(
                    "INSERT INTO case_event (case_id, at, actor, kind, detail, to_status) VALUES "
                    "(:case_id, CURRENT_TIMESTAMP, 'system', 'x', :detail, :to_status)"
                ),
                {"case_id": case_id, "detail": detail, "to_status": to_status},
            )
    upgrade(url)
    with engine.connect() as conn:
        abouts = conn.execute(text("SELECT about FROM case_event WHERE case_id IS NULL ORDER BY id")).scalars().all()
        assert abouts == ["invite:7", "message:9", None]
        assert conn.execute(text('SELECT reopen_count FROM "case"')).scalar_one() == 2
    if backend == "postgres":
        empty_postgres(url)
