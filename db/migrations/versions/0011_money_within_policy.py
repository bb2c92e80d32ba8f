"""money within policy: catalog remedies get a maximum value and a pre-approved mark; the business a limit on
what one customer or order is agreed automatically within a window

Existing catalog entries take their value as their maximum; entries without a value keep none, so they go to
staff until a manager sets one.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 10:00:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: Union[str, None] = "0010"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.add_column(sa.Column("auto_agree_max_count", sa.Integer(), server_default="2", nullable=False))
        batch_op.add_column(sa.Column("auto_agree_max_cents", sa.Integer(), server_default="10000", nullable=False))
        batch_op.add_column(sa.Column("auto_agree_window_days", sa.Integer(), server_default="90", nullable=False))

    with op.batch_alter_table("remedy_option", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_value_cents", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pre_approved", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute("UPDATE remedy_option SET max_value_cents = value_cents WHERE max_value_cents IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("remedy_option", schema=None) as batch_op:
        batch_op.drop_column("pre_approved")
        batch_op.drop_column("max_value_cents")

    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.drop_column("auto_agree_window_days")
        batch_op.drop_column("auto_agree_max_cents")
        batch_op.drop_column("auto_agree_max_count")
