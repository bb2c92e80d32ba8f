"""Claiming work from a table of queued rows: the part the email outbox and the webhook deliveries share.

A queued row (``OutboxMessage``, ``WebhookDelivery``) has ``status``, ``attempts``,
``next_attempt_at``, ``claimed_by``, ``claimed_at`` and ``last_error``. A ``WorkQueue`` over such a
model does, in short transactions of their own:

- ``claim``: ``SELECT ... WHERE status='pending' AND next_attempt_at <= now ORDER BY id LIMIT n``, on
  PostgreSQL ``FOR UPDATE SKIP LOCKED`` so that concurrent workers take disjoint rows without waiting for
  each other; on SQLite inside ``BEGIN IMMEDIATE`` (``db.engine.write_session``), so claims are serialised.
  The rows become 'sending' with ``claimed_by``/``claimed_at`` and ``attempts + 1``, and the claim commits
  before any network traffic, so a slow receiver never holds a database lock. A 'sending' row whose claim
  is older than the lease is claimable again: its worker died between claiming and marking.
- ``mark``: an update conditional on still holding the claim (``status='sending' AND claimed_by=me``).
- ``give_back``: pending again after an exponential ``backoff``, or failed for good.

See portal.delivery.outbox for what this guarantees (never lost; never sent twice while workers stay alive;
at-least-once across a worker crash).
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import Engine, and_, or_, update
from sqlmodel import SQLModel, col, select

from db.engine import is_postgres, write_session
from db.models import utcnow

DEFAULT_BATCH = 20
LEASE = timedelta(minutes=10)
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
ERROR_MAX = 1000

PENDING, SENDING, FAILED = "pending", "sending", "failed"

Row = TypeVar("Row", bound=SQLModel)


def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def backoff(attempts: int) -> timedelta:
    """Wait before the next try after ``attempts`` failed tries: 1, 2, 4, ... minutes, at most 6 hours."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def clip(text: str, limit: int = ERROR_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class WorkQueue(Generic[Row]):
    """The claim/lease/backoff protocol over one table of queued rows.

    ``taken_over`` is the note left in ``last_error`` when an expired claim is taken over; it may use
    ``{worker}`` (the worker that held it).
    """

    model: type[Row]
    taken_over: str = "The claim by {worker} expired before it was marked: sending again."

    def _column(self, name: str) -> Any:
        return col(getattr(self.model, name))

    def claim(
        self,
        engine: Engine,
        worker: str,
        *,
        limit: int = DEFAULT_BATCH,
        now: datetime | None = None,
        lease: timedelta = LEASE,
    ) -> list[Row]:
        """Take up to ``limit`` due rows for ``worker`` and commit the claim; returns them (detached)."""
        now = now or utcnow()
        status, claimed_at = self._column("status"), self._column("claimed_at")
        with write_session(engine) as session:
            due = or_(
                and_(status == PENDING, self._column("next_attempt_at") <= now),
                and_(status == SENDING, claimed_at <= now - lease),
            )
            query = select(self.model).where(due).order_by(self._column("id")).limit(limit)
            if is_postgres(engine):
                query = query.with_for_update(skip_locked=True)
            rows = list(session.exec(query))
            for row in rows:
                if row.status == SENDING:  # type: ignore[attr-defined]  # row is any claimable model (outbox message, webhook delivery): no common type names these columns
                    row.last_error = clip(self.taken_over.format(worker=row.claimed_by))  # type: ignore[attr-defined]  # row is any claimable model (outbox message, webhook delivery): no common type names these columns
                self._take(row, worker, now)
                session.add(row)
            return rows

    def claim_one(self, engine: Engine, row_id: int, worker: str, *, now: datetime | None = None) -> Row | None:
        """Claim one pending row at once, whatever its ``next_attempt_at``; None if it is not pending (any more)."""
        now = now or utcnow()
        with write_session(engine) as session:
            claimed = session.execute(
                update(self.model)
                .where(self._column("id") == row_id, self._column("status") == PENDING)
                .values(status=SENDING, claimed_by=worker, claimed_at=now, attempts=self._column("attempts") + 1)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result
                return None
            return session.get(self.model, row_id)

    @staticmethod
    def _take(row: Any, worker: str, now: datetime) -> None:
        row.status = SENDING
        row.claimed_by, row.claimed_at = worker, now
        row.attempts += 1

    def mark(self, engine: Engine, row: Row, worker: str, **values: object) -> bool:
        """Update a claimed row if this worker still holds the claim; False when it no longer does."""
        with write_session(engine) as session:
            result = session.execute(
                update(self.model)
                .where(
                    self._column("id") == row.id,  # type: ignore[attr-defined]  # row is any claimable model (outbox message, webhook delivery): no common type names these columns
                    self._column("status") == SENDING,
                    self._column("claimed_by") == worker,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            return result.rowcount == 1  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result

    def give_back(
        self,
        engine: Engine,
        row: Row,
        worker: str,
        error: str,
        *,
        permanent: bool = False,
        max_attempts: int,
        now: datetime | None = None,
        **values: object,
    ) -> str:
        """A claimed row that was not delivered: PENDING again after a backoff, or FAILED for good
        (``permanent`` or ``max_attempts`` reached). ``values`` are stored too (a status code, ...)."""
        now = now or utcnow()
        attempts: int = row.attempts  # type: ignore[attr-defined]  # row is any claimable model (outbox message, webhook delivery): no common type names these columns
        if permanent or attempts >= max_attempts:
            self.mark(engine, row, worker, status=FAILED, last_error=clip(error), **values)
            return FAILED
        self.mark(
            engine,
            row,
            worker,
            status=PENDING,
            last_error=clip(error),
            next_attempt_at=now + backoff(attempts),
            **values,
        )
        return PENDING
