"""the Insights page at a million cases (issue 28): each case carries the figures the page read from its times

The page counted a period's cases per UTC day and took the medians of their times to first response and to
fulfilment, working each out per case from its times at every view (on SQLite, a sort for the grouping and two for
the medians over 157,000 computed values at a million cases), and joined the period's agreed remedies to their cases
for the category. Now:

- ``case.created_day``, ``case.first_response_s`` and ``case.resolution_s`` hold them (kept by db/case_figures.py),
  read from ``ix_case_insights`` (created_day, category, the two durations, reopen_count; with the id on
  PostgreSQL), in day order: the grouping needs no sort;
- ``case_remedy.category`` is its case's (a case's category never changes), and ``ix_case_remedy_agreed`` holds it,
  so the remedies are added up from that index alone.

The existing rows are filled in batches of ``BATCH`` cases, with the expressions the page ran (the same values to
the last bit), before the indexes are built.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08 03:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 50_000
_AGREED = ["case_id", "status", "source", "amount_cents"]
_INSIGHTS = ["created_day", "category", "first_response_s", "resolution_s", "reopen_count"]
# The page's expressions at revision 0018 (portal.back_office.insights then), written out: a migration must not
# change when the code does.
_FIGURES = {
    "postgresql": ("CAST(timezone('UTC', created_at) AS DATE)", "date_part('epoch', {later} - created_at)"),
    "sqlite": ("substr(created_at, 1, 10)", "(julianday({later}) - julianday(created_at)) * 86400.0"),
}


def _backfill(dialect: str) -> None:
    bind = op.get_bind()
    day, seconds = _FIGURES["postgresql" if dialect == "postgresql" else "sqlite"]
    cases = sa.text(
        f'UPDATE "case" SET created_day = {day}, '
        f"first_response_s = {seconds.format(later='first_response_at')}, "
        f"resolution_s = {seconds.format(later='fulfilled_at')} WHERE id BETWEEN :low AND :high"
    )
    remedies = sa.text(
        'UPDATE case_remedy SET category = (SELECT "case".category FROM "case" '
        'WHERE "case".id = case_remedy.case_id) WHERE case_id BETWEEN :low AND :high'
    )
    last = bind.execute(sa.text('SELECT coalesce(max(id), 0) FROM "case"')).scalar_one()
    for low in range(1, last + 1, BATCH):
        bounds = {"low": low, "high": low + BATCH - 1}
        bind.execute(cases, bounds)
        bind.execute(remedies, bounds)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # Plain ALTER TABLE ... ADD COLUMN, as in 0016 (SQLite has it; a batch copy would rewrite the tables).
    op.add_column("case", sa.Column("created_day", sa.Date(), nullable=True))
    op.add_column("case", sa.Column("first_response_s", sa.Float(), nullable=True))
    op.add_column("case", sa.Column("resolution_s", sa.Float(), nullable=True))
    op.add_column("case_remedy", sa.Column("category", sa.String(length=30), nullable=True))
    _backfill(dialect)
    op.drop_index("ix_case_remedy_agreed", table_name="case_remedy")
    op.create_index("ix_case_remedy_agreed", "case_remedy", ["case_id", "status", "source", "category", "amount_cents"])
    op.create_index("ix_case_insights", "case", _INSIGHTS, postgresql_include=["id"])


def downgrade() -> None:
    op.drop_index("ix_case_insights", table_name="case")
    op.drop_index("ix_case_remedy_agreed", table_name="case_remedy")
    op.create_index("ix_case_remedy_agreed", "case_remedy", _AGREED)
    with op.batch_alter_table("case_remedy") as batch:
        batch.drop_column("category")
    with op.batch_alter_table("case") as batch:
        batch.drop_column("resolution_s")
        batch.drop_column("first_response_s")
        batch.drop_column("created_day")
