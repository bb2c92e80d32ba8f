"""the staff side at a million realistic cases (issue 28): what a customer-data request reads is found by index

- ``case_event.about`` ("invite:12", "message:34"), indexed: an erasure read every invite's case-less timeline
  entry to find the customer's own (3.9 s at 100,000 cases); filled in here for the entries already written;
- indexes on ``access_token.invite_id``, ``lower(invite.email)`` and ``lower(outbox_message.to_address)``: the
  same request scanned those tables whole;
- covering indexes for the insights: a period's cases (``ix_case_cohort``), their agreed remedies and answered
  check-ins are read from the indexes alone, not from rows that carry the customer's story;
- ``case.reopen_count`` counted again from the timeline for cases reopened before it existed (0006), so "ever
  reopened" is read from the case itself by the insights and the cases export.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 21:00:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As portal.recovery.timeline.ABOUT_KEYS: written out, so this migration keeps meaning what it meant.
_ABOUT_KEYS = {"invite_id": "invite", "message_id": "message"}
_BATCH = 5000


def _about(detail: str) -> str | None:
    try:
        parsed = json.loads(detail)
    except ValueError:
        return None
    if not isinstance(parsed, dict):
        return None
    for key, prefix in _ABOUT_KEYS.items():
        value = parsed.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{prefix}:{value}"
    return None


def _fill_about() -> None:
    conn = op.get_bind()
    events = sa.table(
        "case_event",
        sa.column("id", sa.Integer),
        sa.column("case_id", sa.Integer),
        sa.column("detail", sa.Text),
        sa.column("about", sa.String),
    )
    mentions = sa.or_(events.c.detail.contains('"invite_id": '), events.c.detail.contains('"message_id": '))
    last = 0
    while True:
        rows = conn.execute(
            sa.select(events.c.id, events.c.detail)
            .where(events.c.case_id.is_(None), events.c.id > last, mentions)
            .order_by(events.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        found = [{"event_id": row.id, "about": _about(row.detail)} for row in rows]
        found = [f for f in found if f["about"] is not None]
        if found:
            conn.execute(
                sa.update(events).where(events.c.id == sa.bindparam("event_id")).values(about=sa.bindparam("about")),
                found,
            )
        last = rows[-1].id


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN (SQLite has it): a batch copy would reflect the tables case_event refers to,
    # and warn on every fresh database about the expression indexes it cannot reflect.
    op.add_column("case_event", sa.Column("about", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
    op.create_index("ix_case_event_about", "case_event", ["about"], unique=False)
    op.create_index("ix_access_token_invite_id", "access_token", ["invite_id"], unique=False)
    op.create_index(
        "ix_case_cohort", "case", ["created_at", "category", "first_response_at", "fulfilled_at", "reopen_count"]
    )
    op.create_index("ix_case_remedy_agreed", "case_remedy", ["case_id", "status", "source", "amount_cents"])
    op.create_index("ix_check_in_answers", "check_in", ["case_id", "answered_at", "made_it_right", "recommend"])
    # Written by hand: Alembic cannot reflect expression indexes on SQLite (see 0002).
    op.create_index("ix_invite_email_lower", "invite", [sa.text("lower(email)")])
    op.create_index("ix_outbox_message_to_address_lower", "outbox_message", [sa.text("lower(to_address)")])
    _fill_about()
    op.execute(
        'UPDATE "case" SET reopen_count = (SELECT count(*) FROM case_event WHERE case_event.case_id = '
        "\"case\".id AND case_event.to_status = 'reopened') WHERE reopen_count < (SELECT count(*) FROM "
        "case_event WHERE case_event.case_id = \"case\".id AND case_event.to_status = 'reopened')"
    )


def downgrade() -> None:
    op.drop_index("ix_check_in_answers", table_name="check_in")
    op.drop_index("ix_case_remedy_agreed", table_name="case_remedy")
    op.drop_index("ix_case_cohort", table_name="case")
    op.drop_index("ix_outbox_message_to_address_lower", table_name="outbox_message")
    op.drop_index("ix_invite_email_lower", table_name="invite")
    with op.batch_alter_table("access_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_token_invite_id"))
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_event_about"))
        batch_op.drop_column("about")
