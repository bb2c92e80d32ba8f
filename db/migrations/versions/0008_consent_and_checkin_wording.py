"""issue 8: the customer's consent to a remedy that is not money back, the refund-always-offered policy,
and managers' check-in wording per language

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 12:00:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: Union[str, None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("case_remedy", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consent_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("consented_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refund_always_offered", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_table(
        "checkin_wording",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("part", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["staff_member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("language", "part"),
    )


def downgrade() -> None:
    op.drop_table("checkin_wording")
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.drop_column("refund_always_offered")
    with op.batch_alter_table("case_remedy", schema=None) as batch_op:
        batch_op.drop_column("consented_at")
        batch_op.drop_column("consent_text")
