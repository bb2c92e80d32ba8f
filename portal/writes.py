"""What commits in this process wrote, counted per group of tables, so a cache can tell whether what it holds is
still current without asking the database: the one way the portal keeps rows it read (pure functions are kept with
``functools.lru_cache``).

A ``Watch`` counts the commits, through any ORM session of this process, that wrote a row of one of its tables:
a flush of new, changed or deleted rows, or a bulk ``session.execute(update(...))`` that never flushes. A value
loaded through ``Watch.keep`` is current while no such commit happened since its load began and it is younger
than its ttl: a write made outside this process (a second server replica, the worker, SQL by hand) shows once
the ttl has passed. ``Watch.shared`` keeps one such value per key for the whole process (the business's profile,
its catalog, the insights' figures), and ``Kept.derived`` what is worked out from one (the remedy step's choices).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

# How long a cached value may miss a write made by another process.
TTL_SECONDS = 5.0
T = TypeVar("T")
D = TypeVar("D")


class Watch:
    """Counts this process's commits that wrote any of ``models``' tables (none: values kept only for their ttl),
    and holds the values ``shared`` across the process, ``most`` keys at most."""

    def __init__(self, name: str, *models: type, most: int = 64) -> None:
        self.tables = frozenset(str(model.__tablename__) for model in models)  # type: ignore[attr-defined]  # SQLModel adds the table at class creation; mypy cannot see it
        self._key = f"amends_wrote_{name}"  # in Session.info until the transaction ends
        self._lock = threading.Lock()
        self.count = 0
        self._shared: dict[Hashable, Kept[Any]] = {}
        self._most = most
        _WATCHES.append(self)

    def bump(self) -> None:
        with self._lock:
            self.count += 1

    def mark(self) -> tuple[int, float]:
        """Where the count and the clock stand: taken before loading, so that a write committed meanwhile counts."""
        return self.count, time.monotonic()

    def keep(self, load: Callable[[], T], ttl: float = TTL_SECONDS) -> Kept[T]:
        """``load()``, with what it takes to tell later whether it is still current."""
        count, started = self.mark()
        return Kept(load(), self, count, started + ttl)

    def kept_by_writer(self, value: T, mark: tuple[int, float], ttl: float = TTL_SECONDS) -> Kept[T] | None:
        """``value`` as a transaction that wrote these tables read it, ``mark`` taken before it read anything: kept as
        ``keep`` keeps, once its own commit is the only one counted since; None when another came between (the
        caller loads again)."""
        count, started = mark
        return Kept(value, self, count + 1, started + ttl) if self.count == count + 1 else None

    def shared(self, key: Hashable, load: Callable[[], T], ttl: float = TTL_SECONDS) -> Kept[T]:
        """What ``load()`` returned under ``key`` in this process, loaded again once it is no longer current; the
        oldest key goes when more than ``most`` are held. Two runs that miss at once both load (no lock is held
        while loading: a slow load would hold up every reader)."""
        kept = self._shared.get(key)
        if kept is None or not kept.current():
            kept = self.keep(load, ttl)
            with self._lock:
                self._shared.pop(key, None)
                self._shared[key] = kept
                while len(self._shared) > self._most:
                    del self._shared[next(iter(self._shared))]
        return kept


@dataclass(frozen=True)
class Kept(Generic[T]):
    value: T
    watch: Watch
    count: int
    until: float  # time.monotonic()
    _derived: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    def current(self) -> bool:
        return self.watch.count == self.count and time.monotonic() < self.until

    def derived(self, key: Hashable, make: Callable[[T], D]) -> D:
        """``make(value)``, worked out once for this value: a value loaded again is worked out again."""
        if key not in self._derived:
            self._derived[key] = make(self.value)
        return self._derived[key]


_WATCHES: list[Watch] = []


@event.listens_for(Session, "after_flush")
def _note_row_writes(session: Session, _flush: UOWTransaction) -> None:
    written = {
        str(row.__tablename__)
        for rows in (session.new, session.dirty, session.deleted)
        for row in rows
        if hasattr(row, "__tablename__")
    }
    for watch in _WATCHES:
        if watch.tables & written:
            session.info[watch._key] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_writes(state: ORMExecuteState) -> None:
    if state.is_update or state.is_delete or state.is_insert:
        table = getattr(getattr(state.statement, "table", None), "name", None)
        for watch in _WATCHES:
            if table in watch.tables:
                state.session.info[watch._key] = True


@event.listens_for(Session, "after_commit")
def _count_commit(session: Session) -> None:
    # After the commit, not at the flush: a reader in between would still see (and keep) the old rows.
    for watch in _WATCHES:
        if session.info.pop(watch._key, False):
            watch.bump()


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    for watch in _WATCHES:
        session.info.pop(watch._key, None)
