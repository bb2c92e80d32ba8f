"""the Insights page at a million cases (issue 28): a period's agreed remedies are added up in index order

The page adds up a period's agreed remedies per (category, source, status). Read from ``ix_case_remedy_agreed``
by case id, SQLite sorted them for the grouping: 176,000 rows in a quarter at a million cases, about half the page's
time. ``ix_case_remedy_kinds`` (status, source, category, case_id, amount_cents) hands them over already grouped:
SQLite skip-scans it, seeking the period's case ids under each (status, source, category), a few dozen of them, so
it needs no sort. It chooses that plan only with the index's statistics, so this migration gathers them on SQLite
(``ANALYZE case_remedy``: 2 s at a million cases; an empty table gets none, and the page reads as before until a
later ``ANALYZE``). PostgreSQL keeps reading ``ix_case_remedy_agreed``.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08 03:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_case_remedy_kinds", "case_remedy", ["status", "source", "category", "case_id", "amount_cents"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE case_remedy")


def downgrade() -> None:
    op.drop_index("ix_case_remedy_kinds", table_name="case_remedy")
