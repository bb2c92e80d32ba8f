"""The background worker (`portal worker`): each pass queues due check-ins, then delivers the outbox.

Run it as a long-lived process (a pass every ``worker_interval_seconds``) or from cron with
``--once``. Several workers may run at once against PostgreSQL; on SQLite one is enough (two
are still safe, as claims are serialised, but they gain nothing). See portal.delivery.outbox for what
delivery guarantees and what it cannot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from db.models import utcnow
from portal.back_office import privacy
from portal.config import Settings
from portal.delivery import outbox, webhooks
from portal.delivery.mailer import Transport, transport_from_settings
from portal.entry import intake
from portal.recovery import drafts, evidence, followup


@dataclass(frozen=True)
class PassReport:
    checkins_queued: int
    sent: int
    retried: int
    failed: int
    unavailable: str | None = None
    erased: int = 0  # cases whose personal data retention erased (portal.back_office.privacy.erase_expired)
    evidence_removed: int = 0  # files of stories never sent (portal.recovery.evidence.delete_orphans)
    confirmations_removed: int = 0  # email confirmations past their use (portal.entry.intake.forget_old_confirmations)
    drafts_removed: int = 0  # unfinished conversations past portal.recovery.drafts.KEEP
    webhooks_delivered: int = 0  # portal.delivery.webhooks.deliver, after the emails
    webhooks_retried: int = 0
    webhooks_failed: int = 0

    def summary(self) -> str:
        line = (
            f"check-ins queued: {self.checkins_queued}, sent: {self.sent}, retry later: {self.retried}, "
            f"failed: {self.failed}"
        )
        if self.erased:
            line += f", personal data erased (retention): {self.erased} cases"
        if self.evidence_removed:
            line += f", unsent attachments deleted: {self.evidence_removed}"
        if self.confirmations_removed:
            line += f", old email confirmations deleted: {self.confirmations_removed}"
        if self.drafts_removed:
            line += f", unfinished conversations deleted: {self.drafts_removed}"
        if self.webhooks_delivered or self.webhooks_retried or self.webhooks_failed:
            line += (
                f", webhooks delivered: {self.webhooks_delivered}, retry later: {self.webhooks_retried}, "
                f"failed: {self.webhooks_failed}"
            )
        return f"{line} (mail server unavailable: {self.unavailable})" if self.unavailable else line


def run_once(
    engine: Engine,
    settings: Settings,
    *,
    transport: Transport | None = None,
    worker: str | None = None,
    clock: Callable[[], datetime] = utcnow,
    batch: int = outbox.DEFAULT_BATCH,
    checkins_ahead: timedelta | None = None,
) -> PassReport:
    """One pass: due check-ins become queued emails, then every due email is delivered (or rescheduled),
    then every due webhook.

    ``checkins_ahead`` also sends the check-ins due within that time (the demo's way to skip the wait).
    """
    now = clock()
    queued = followup.enqueue_due_checkins(engine, now=now, due_by=now + checkins_ahead if checkins_ahead else None)
    erased = privacy.erase_expired(engine, now)  # before delivery: an erased case's unsent email is cancelled
    drafts_removed = drafts.delete_expired(engine, now)  # first: their files become orphans to delete
    evidence_removed = evidence.delete_orphans(engine, now=now, settings=settings)
    confirmations_removed = intake.forget_old_confirmations(engine, now=now)
    worker = worker or outbox.default_worker_name()
    report = outbox.deliver(
        engine,
        transport or transport_from_settings(settings),
        sender=settings.sender,
        worker=worker,
        batch=batch,
        max_attempts=settings.outbox_max_attempts,
        clock=clock,
    )
    hooks = webhooks.deliver(engine, settings, worker=worker, batch=batch, clock=clock)
    return PassReport(
        queued,
        report.sent,
        report.retried,
        report.failed,
        report.unavailable,
        erased=erased,
        evidence_removed=evidence_removed,
        confirmations_removed=confirmations_removed,
        drafts_removed=drafts_removed,
        webhooks_delivered=hooks.delivered,
        webhooks_retried=hooks.retried,
        webhooks_failed=hooks.failed,
    )


def run_forever(
    engine: Engine,
    settings: Settings,
    *,
    interval: float | None = None,
    stop: threading.Event | None = None,
    on_pass: Callable[[PassReport], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
) -> None:
    """Pass after pass until ``stop`` is set. One worker name for the whole run; a failing pass
    (database briefly down, ...) is reported and the next pass tries again."""
    stop = stop or threading.Event()
    worker = outbox.default_worker_name()
    wait = settings.worker_interval_seconds if interval is None else interval
    while not stop.is_set():
        try:
            report = run_once(engine, settings, worker=worker)
        except Exception as error:  # noqa: BLE001 - a long-running worker outlives one bad pass
            if on_error is not None:
                on_error(error)
        else:
            if on_pass is not None:
                on_pass(report)
        stop.wait(wait)
