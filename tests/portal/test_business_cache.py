"""The per-process snapshots of the business and its catalog that the customer page reads on every rerun."""

from __future__ import annotations

import dataclasses

from sqlalchemy import text, update
from sqlmodel import select

from db.engine import write_session
from db.models import Business
from portal import business as cache
from portal import writes
from portal.business import CACHE_TTL_SECONDS, cached_business, cached_catalog, get_business
from portal.recovery.catalog import BusinessSettings, RemedyDraft, save_remedy, update_business
from tests.support import counted_queries, manager


def test_reads_within_the_ttl_ask_the_database_nothing(store):
    first = cached_business(store.engine), cached_catalog(store.engine)
    with counted_queries(store.engine) as statements:
        again = cached_business(store.engine), cached_catalog(store.engine)
    assert statements == []
    assert again[0].name == first[0].name == "Northwind Home Services"
    assert [o.id for o in again[1]] == [o.id for o in first[1]]


def test_a_managers_policy_change_shows_on_the_very_next_read(store):
    assert cached_business(store.engine).name == "Northwind Home Services"
    business = get_business(store.engine)
    renamed = dataclasses.replace(BusinessSettings.of(business), name="Northwind Heating")
    update_business(store.engine, manager(store), renamed, business.version)
    assert cached_business(store.engine).name == "Northwind Heating"


def test_a_remedy_retired_by_a_manager_is_gone_on_the_very_next_read(store):
    option = next(o for o in cached_catalog(store.engine) if o.kind == "discount")
    save_remedy(
        store.engine,
        manager(store),
        RemedyDraft(kind="discount", title=option.title, percent=20, is_active=False),
        option_id=option.id,
    )
    assert option.id not in [o.id for o in cached_catalog(store.engine)]


def test_any_write_through_a_session_in_this_process_counts_bulk_updates_included(store):
    cached_business(store.engine)
    with write_session(store.engine) as session:  # e.g. a test, or a service other than the catalog's
        session.exec(select(Business)).one().owner_name = "Avi Levi"
    assert cached_business(store.engine).owner_name == "Avi Levi"
    with write_session(store.engine) as session:
        session.execute(update(Business).values(owner_role="Head of Care"))  # no flush involved
    assert cached_business(store.engine).owner_role == "Head of Care"
    with write_session(store.engine) as session:
        session.execute(Business.__table__.update().values(owner_role="Owner"))  # type: ignore[attr-defined]  # Core, through a session (SQLModel types no __table__)
    assert cached_business(store.engine).owner_role == "Owner"


def test_a_change_made_by_another_process_shows_once_the_ttl_has_passed(store, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(writes.time, "monotonic", lambda: clock[0])
    cache.forget_cached()
    assert cached_business(store.engine).name == "Northwind Home Services"
    with store.engine.begin() as connection:  # plain SQL, as another replica or a person at psql would
        connection.execute(text("UPDATE business SET name = 'Northwind Heating'"))
    clock[0] += CACHE_TTL_SECONDS - 0.5
    assert cached_business(store.engine).name == "Northwind Home Services"  # the documented staleness
    clock[0] += 1.0
    assert cached_business(store.engine).name == "Northwind Heating"


def test_a_read_that_raced_a_write_is_not_kept(store):
    """A reader that loaded the old row while a write committed must not keep that row for the whole TTL."""
    loads = []

    def load_then_a_write_commits():
        loads.append(1)
        row = get_business(store.engine)
        cache.forget_cached()  # what a commit touching the business does meanwhile
        return row

    cache.BUSINESS_WRITES.shared("raced", load_then_a_write_commits, ttl=60)
    cache.BUSINESS_WRITES.shared("raced", load_then_a_write_commits, ttl=60)
    assert len(loads) == 2
