"""A customer's earlier claims: the cases one customer (by canonical email) and one order reference opened within
the policy's window, and the remedies agreed on them.

The portal agrees a remedy at once only while both stay within ``portal.recovery.remedies.AutoPolicy``; staff read the same
figures on every case's brief ("3rd claim in 90 days, $180.00 so far"). One query, whatever the history's length.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, text, union
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from db.models import Case, CaseRemedy, Customer
from portal.recovery.money import format_money
from portal.recovery.remedies import AGREED_STATUSES, AutoPolicy, ClaimHistory, RemedySource, ordinal


def canonical_email(email: str) -> str:
    """The address as the policy counts it: lower case, with any ``+tag`` taken off the local part
    ("Alex+refund@Example.com" is alex@example.com)."""
    local, at, domain = email.strip().lower().rpartition("@")
    if not at:
        return domain
    return f"{local.split('+', 1)[0]}@{domain}"


def _like_prefix(canonical: str) -> str:
    """A LIKE pattern every address with this canonical form matches (checked exactly in Python after)."""
    local, _, domain = canonical.rpartition("@")
    escaped = [part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for part in (local, domain)]
    return f"{escaped[0]}%@{escaped[1]}"


@dataclass(frozen=True)
class Claims:
    """The history of one customer, and of one order reference (``order`` is None without a reference)."""

    customer: ClaimHistory
    order: ClaimHistory | None
    order_ref: str
    window_days: int

    def by(self) -> dict[str, ClaimHistory]:
        """The histories the policy counts, by what they count ("customer", "order")."""
        return {"customer": self.customer, **({"order": self.order} if self.order is not None else {})}

    def lines(self, currency: str) -> list[str]:
        """For the staff brief: "3rd claim in 90 days, $180.00 so far", then the same for the order."""
        found = [_line(self.customer, f"claim in {self.window_days} days", currency)]
        if self.order is not None:
            found.append(_line(self.order, f"claim on order {self.order_ref} in {self.window_days} days", currency))
        return found

    def beyond(self, policy: AutoPolicy) -> bool:
        """Whether another remedy would take the customer or the order past what is agreed automatically."""
        return any(h.agreed >= policy.max_count or h.agreed_cents >= policy.max_cents for h in self.by().values())


def _line(history: ClaimHistory, what: str, currency: str) -> str:
    line = f"{ordinal(history.claims + 1)} {what}"
    return f"{line}, {format_money(history.agreed_cents, currency)} so far" if history.agreed_cents else line


def hold_claims(session: Session, email: str, order_ref: str) -> None:
    """Before a transaction agrees a remedy on the strength of ``claim_history``: on PostgreSQL, one customer's (and
    one order's) remedies are then judged one transaction at a time, until it commits. Three tabs submitting at once
    each read the others' cases as not there yet, and all three were agreed beyond the policy. Call it before taking
    the time the history counts up to, which must come after the wait. SQLite already writes one transaction at a
    time (``BEGIN IMMEDIATE``)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = sorted(filter(None, (canonical_email(email), order_ref.strip().lower())))
    if not keys:
        return
    # In one order, so two transactions never wait on each other: one statement, whose select list PostgreSQL
    # evaluates left to right, takes them in turn (one round trip, where a statement a lock was two).
    locks = ", ".join(f"pg_advisory_xact_lock(hashtextextended(:key{n}, 0))" for n in range(len(keys)))
    session.execute(text(f"SELECT {locks}").bindparams(**{f"key{n}": key for n, key in enumerate(keys)}))


def claim_history(
    session: Session,
    email: str,
    order_ref: str,
    *,
    until: datetime,
    window_days: int,
    before_case: int | None = None,
    not_case: int | None = None,
) -> Claims:
    """The cases opened within ``window_days`` before ``until`` by the customer with this address (in its canonical
    form) and, separately, with this order reference (case-insensitive); only cases numbered below ``before_case``,
    and never ``not_case``, when given."""
    canonical, order = canonical_email(email), order_ref.strip()
    # The customer's cases and the order's, each found by its own index (ix_customer_email_lower, whose
    # text_pattern_ops serve the LIKE on PostgreSQL, and ix_case_order_ref_lower): one condition with OR across
    # the two tables made PostgreSQL read every case of the window and every customer (migration 0018).
    matches: list[SelectOfScalar[Any]] = []
    if "@" in canonical:
        matches.append(
            select(Case.id)
            .join(Customer, col(Customer.id) == Case.customer_id)
            .where(func.lower(Customer.email).like(_like_prefix(canonical), escape="\\"))
        )
    if order:
        matches.append(select(Case.id).where(func.lower(Case.order_ref) == order.lower()))
    cases: dict[int, tuple[bool, bool]] = {}
    agreed: dict[int, list[int]] = {}
    if matches:
        query = (
            select(Case.id, Customer.email, Case.order_ref, CaseRemedy.source)  # sqlmodel's select takes 4 at most
            .add_columns(col(CaseRemedy.status), col(CaseRemedy.amount_cents))
            .join(Customer, col(Customer.id) == Case.customer_id)
            .outerjoin(CaseRemedy, col(CaseRemedy.case_id) == Case.id)
            .where(
                col(Case.created_at) >= until - timedelta(days=window_days),
                col(Case.created_at) <= until,
                col(Case.id).in_(union(*matches) if len(matches) > 1 else matches[0]),
            )
        )
        if before_case is not None:
            query = query.where(col(Case.id) < before_case)
        if not_case is not None:
            query = query.where(col(Case.id) != not_case)
        for case_id, address, reference, source, status, amount in session.execute(
            query
        ):  # exec() types only sqlmodel's select
            cases[case_id] = (canonical_email(address) == canonical, bool(order) and reference.lower() == order.lower())
            if status in AGREED_STATUSES and source != RemedySource.GIFT:
                agreed.setdefault(case_id, []).append(amount or 0)

    def history(which: int) -> ClaimHistory:
        ids = [case_id for case_id, matched in cases.items() if matched[which]]
        amounts = [amount for case_id in ids for amount in agreed.get(case_id, [])]
        return ClaimHistory(len(ids), len(amounts), sum(amounts))

    return Claims(history(0), history(1) if order else None, order, window_days)
