"""issue 7 privacy: when a case's and a customer's personal data were erased; the retention setting

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 12:00:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: Union[str, None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # All three are nullable: NULL means "not erased" and, for retention_months, "keep personal data".
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retention_months", sa.Integer(), nullable=True))
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.drop_column("retention_months")
