"""The portal served as `portal run` serves it, for the API's tests: an HTTP client calls /api/v1 on it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from db.engine import get_engine
from db.migrate import upgrade
from portal.api.keys import create_key
from portal.config import Settings
from portal.seed import seed_demo, seed_demo_cases
from tests.e2e.server import E2EStore, Server, serve
from tests.support import manager

API = "/api/v1"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The portal on a seeded SQLite store with the demo's open cases."""
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'amends.db'}"
    upgrade(url)
    settings = Settings(mode="demo", database_url=url)
    store = E2EStore(url, seed_demo(get_engine(url), settings))
    seed_demo_cases(get_engine(url), settings)
    with serve(store, tmp_path_factory.mktemp("api-logs"), PORTAL_API_REQUESTS_PER_MINUTE="100000") as server:
        yield server
    get_engine(url).dispose()


def new_key(server: Server, *scopes: str, days: int = 30) -> str:
    """A key made by the demo's manager, as on the API keys page."""
    return create_key(server.store.engine, manager(server.store), "Test system", list(scopes), days=days).key


def client(server: Server, key: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(base_url=server.url(API), headers=headers, timeout=30)
