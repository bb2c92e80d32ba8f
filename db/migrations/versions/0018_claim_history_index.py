"""the click that writes a case, at scale (issue 28): a customer's earlier claims are found by index

``portal.recovery.claim_history`` finds a customer's cases by ``lower(customer.email) LIKE 'alex%@example.com'`` (every
``+tag`` of the address). A plain btree on ``lower(email)`` serves that only in the C collation, so on PostgreSQL
the query read every case of the policy's window and every customer: 1.07 s at 200,000 cases, inside the
transaction that opens a case, under its advisory lock. Built again with ``text_pattern_ops`` (which still serves
the queue's equality search), with the query asking for the customer's cases and the order's separately, it reads
only theirs: 0.4 ms. SQLite has no operator classes: its index stays as it is.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rebuild(expression: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_customer_email_lower", table_name="customer")
    # Written by hand: Alembic cannot reflect expression indexes on SQLite (see 0002).
    op.create_index("ix_customer_email_lower", "customer", [sa.text(expression)])


def upgrade() -> None:
    _rebuild("lower(email) text_pattern_ops")


def downgrade() -> None:
    _rebuild("lower(email)")
