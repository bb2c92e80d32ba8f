"""Shared fixtures: a migrated, seeded store on SQLite (per test) and on PostgreSQL (per session, emptied per test),
and what most tests make in it first: a case (``open_case``) and an agent's account (``agent``).

``engine`` runs each test that uses it twice: on SQLite and on PostgreSQL. Where the
PostgreSQL server cannot be reached the PostgreSQL half is skipped on a developer's
machine but fails under CI, so CI never passes without it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from db.engine import get_engine
from db.migrate import upgrade
from db.scratch import scratch_postgres
from portal import write_behind
from portal.back_office.staff import StaffActor
from portal.config import get_settings
from portal.seed import DemoLogins, seed_demo
from tests import support
from tests.support import OpenCase

POSTGRES_ADMIN_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@dataclass(frozen=True)
class Store:
    url: str
    engine: Engine
    logins: DemoLogins


def _use(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_DATABASE_URL", url)
    get_settings.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("PORTAL_") and name != "PORTAL_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    # Emails sent at once (the public intake's codes) land in a scratch folder, never in the project's data/.
    monkeypatch.setenv("PORTAL_OUTBOX_DIR", str(tmp_path_factory.mktemp("outbox")))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoLogins]:
    path = tmp_path_factory.mktemp("template") / "amends.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    logins = seed_demo(get_engine(url), get_settings())
    get_engine(url).dispose()  # checkpoints the WAL so that copying the file copies everything
    return path, logins


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    import psycopg

    with ExitStack() as stack:
        try:
            url = stack.enter_context(scratch_postgres(POSTGRES_ADMIN_URL, "amends_test"))
        except psycopg.OperationalError as error:
            if os.environ.get("CI"):
                pytest.fail(f"PostgreSQL is required in CI and is unreachable: {error}")
            pytest.skip(f"PostgreSQL unreachable: {error}")
        upgrade(url)
        yield url


def empty_postgres(url: str) -> None:
    write_behind.wait()  # nothing the last test's pages handed over lands after the emptying
    engine = get_engine(url)
    with engine.begin() as conn:
        tables = [
            row[0]
            for row in conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")
            )
        ]
        conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))


@pytest.fixture
def sqlite_store(
    sqlite_template: tuple[Path, DemoLogins], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Store]:
    template, logins = sqlite_template
    path = tmp_path / "amends.db"
    shutil.copy(template, path)
    url = f"sqlite:///{path}"
    _use(url, monkeypatch)
    yield Store(url, get_engine(url), logins)
    write_behind.wait()  # nothing a page handed over lands in the next test's store
    get_engine(url).dispose()


@pytest.fixture
def postgres_store(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Store:
    empty_postgres(postgres_url)
    _use(postgres_url, monkeypatch)
    engine = get_engine(postgres_url)
    return Store(postgres_url, engine, seed_demo(engine, get_settings()))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Store:
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture
def evidence_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where customers' uploads go in this test (and its emails, kept out of the repository too)."""
    root = tmp_path / "evidence"
    monkeypatch.setenv("PORTAL_EVIDENCE_DIR", str(root))
    monkeypatch.setenv("PORTAL_OUTBOX_DIR", str(tmp_path / "outbox"))
    get_settings.cache_clear()
    return root


@pytest.fixture
def open_case(store: Store) -> OpenCase:
    """Opens a case in ``store`` the way a customer does: ``open_case(**options)`` takes ``support.open_case``'s
    options and returns the case's id. A test module may override it with its own defaults."""
    return partial(support.open_case, store.engine)


@pytest.fixture
def agent(store: Store) -> StaffActor:
    """An agent's account in ``store`` (Sam Agent), beside the demo's manager."""
    return support.agent(store)


@pytest.fixture(scope="session")
def app():
    """The served application (``st.App`` around app.py, with our routes), built once: Streamlit allows one Runtime
    in a process, so every module that calls the routes in-process shares it."""
    from portal.asgi import application

    return application()
