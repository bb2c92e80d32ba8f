"""the Insights page at a million cases (issue 28): its passes read indexes alone on PostgreSQL too

- ``ix_case_cohort`` carries the case's id on PostgreSQL (``INCLUDE (id)``), so the per-day pass, which also finds
  the period's range of case ids, and the joins of remedies, check-ins and rounds to the period's cases read the
  index alone; SQLite's indexes hold the id already (the rowid), so there it stays as it was;
- ``ix_conversation_round_answers`` (case_id, topic, answer, round_no): the paraphrase outcomes are counted from it,
  not from the rounds' rows (which hold the customer's words).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08 01:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COHORT = ["created_at", "category", "first_response_at", "fulfilled_at", "reopen_count"]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_case_cohort", table_name="case")
        op.create_index("ix_case_cohort", "case", _COHORT, postgresql_include=["id"])
    op.create_index("ix_conversation_round_answers", "conversation_round", ["case_id", "topic", "answer", "round_no"])


def downgrade() -> None:
    op.drop_index("ix_conversation_round_answers", table_name="conversation_round")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_case_cohort", table_name="case")
        op.create_index("ix_case_cohort", "case", _COHORT)
