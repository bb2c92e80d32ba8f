"""The business's profile and remedy catalog, as the customer pages need them.

Every customer rerun needs both, and they change only when a manager saves a setting, so the customer
page reads them through a per-process cache (``cached_business``, ``cached_catalog``):

- any commit in this process that writes a ``Business`` or ``RemedyOption`` row (through an ORM session:
  the settings pages, seeding, tests) empties the cache, so that change shows on the very next rerun;
- a change made by another process (a second server replica, the CLI, SQL by hand) shows within
  ``CACHE_TTL_SECONDS``.

What they return are shared, read-only snapshots (detached rows): never change them or add them to a
session. Staff pages read the row itself (``get_business``): they hold its version for optimistic locking.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlmodel import select

from db.engine import read_session
from db.models import Business, RemedyOption

CACHE_TTL_SECONDS = 5.0
_CACHED_TABLES = (Business, RemedyOption)
_CACHED_TABLE_NAMES = frozenset(str(model.__tablename__) for model in _CACHED_TABLES)
_WROTE_KEY = "amends_wrote_business_or_catalog"  # in Session.info: forget the snapshots once this commits
T = TypeVar("T")


class NotSetUp(RuntimeError):
    """The database has no business yet: run `portal seed` (demo) or configure one."""


def get_business(engine: Engine) -> Business:
    with read_session(engine) as session:
        business = session.exec(select(Business).order_by(Business.id)).first()
    if business is None:
        raise NotSetUp("No business is set up in this database yet.")
    return business


def load_catalog(engine: Engine) -> list[RemedyOption]:
    with read_session(engine) as session:
        return list(session.exec(select(RemedyOption).where(RemedyOption.is_active == True)))  # noqa: E712


class _Snapshots:
    """Values loaded per (engine, loader), each kept until it is ``ttl`` seconds old or ``forget`` is called."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._kept: dict[tuple[Engine, Callable[..., Any]], tuple[float, Any]] = {}
        self._generation = 0

    def get(self, engine: Engine, load: Callable[[Engine], T]) -> T:
        started = time.monotonic()
        with self._lock:
            kept = self._kept.get((engine, load))
            generation = self._generation
        if kept is not None and kept[0] > started:
            return kept[1]
        value = load(engine)
        with self._lock:
            # A write committed while we were reading may not be in ``value``: then leave it for the next reader.
            if self._generation == generation:
                self._kept[(engine, load)] = (started + self.ttl, value)
        return value

    def forget(self) -> None:
        with self._lock:
            self._generation += 1
            self._kept.clear()


_snapshots = _Snapshots(CACHE_TTL_SECONDS)


def cached_business(engine: Engine) -> Business:
    """``get_business``, at most ``CACHE_TTL_SECONDS`` old (fresh after any write in this process)."""
    return _snapshots.get(engine, get_business)


def cached_catalog(engine: Engine) -> list[RemedyOption]:
    """``load_catalog``, at most ``CACHE_TTL_SECONDS`` old (fresh after any write in this process)."""
    return _snapshots.get(engine, load_catalog)


def forget_cached() -> None:
    """Drop the snapshots now (the next read loads the rows again)."""
    _snapshots.forget()


@event.listens_for(Session, "after_flush")
def _note_row_writes(session: Session, _flush: UOWTransaction) -> None:
    if any(isinstance(row, _CACHED_TABLES) for rows in (session.new, session.dirty, session.deleted) for row in rows):
        session.info[_WROTE_KEY] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_writes(state: ORMExecuteState) -> None:
    """``session.execute(update(Business)...)`` and the like never pass through a flush."""
    if (state.is_update or state.is_delete or state.is_insert) and getattr(
            getattr(state.statement, "table", None), "name", None) in _CACHED_TABLE_NAMES:
        state.session.info[_WROTE_KEY] = True


@event.listens_for(Session, "after_commit")
def _forget_after_write(session: Session) -> None:
    # After the commit, not at the flush: a reader in between would still see (and keep) the old rows.
    if session.info.pop(_WROTE_KEY, False):
        _snapshots.forget()
