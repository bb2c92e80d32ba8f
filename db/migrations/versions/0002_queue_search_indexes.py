"""Expression indexes for the staff queue: amount at stake, case-insensitive email and order search.

Written by hand: Alembic cannot reflect expression indexes on SQLite, so autogenerate skips them.
The expressions must match portal.back_office.queue's queries exactly for the planner to use them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: Union[str, None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index("ix_case_amount_at_stake", "case", [sa.text("coalesce(amount_cents, -1)"), "created_at"])
    op.create_index("ix_customer_email_lower", "customer", [sa.text("lower(email)")])
    op.create_index("ix_case_order_ref_lower", "case", [sa.text("lower(order_ref)")])


def downgrade() -> None:
    op.drop_index("ix_case_order_ref_lower", table_name="case")
    op.drop_index("ix_customer_email_lower", table_name="customer")
    op.drop_index("ix_case_amount_at_stake", table_name="case")
