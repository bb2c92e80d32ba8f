"""issue 8 SLA clocks: per-category response and resolution targets, business hours, and each case's clocks

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 12:00:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: Union[str, None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Business hours the clocks count in (portal.recovery.sla): Monday to Friday, 09:00-17:00, UTC until a manager says.
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sla_timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default="UTC")
        )
        batch_op.add_column(sa.Column("workday_start_minute", sa.Integer(), nullable=False, server_default="540"))
        batch_op.add_column(sa.Column("workday_end_minute", sa.Integer(), nullable=False, server_default="1020"))
        batch_op.add_column(
            sa.Column("workdays", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False, server_default="12345")
        )
    # Cases opened before this have no clocks (NULL): the queue shows none for them.
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_response_due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("resolve_due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("sla_due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("reopen_count", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index("ix_case_sla_due_at", ["sla_due_at"], unique=False)
    # Only categories a manager changed have a row; the others use portal.recovery.sla's defaults.
    op.create_table(
        "sla_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("first_response_minutes", sa.Integer(), nullable=False),
        sa.Column("resolution_days", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["staff_member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sla_target", schema=None) as batch_op:
        batch_op.create_index("ix_sla_target_category", ["category"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("sla_target", schema=None) as batch_op:
        batch_op.drop_index("ix_sla_target_category")
    op.drop_table("sla_target")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_sla_due_at")
        batch_op.drop_column("reopen_count")
        batch_op.drop_column("sla_due_at")
        batch_op.drop_column("resolve_due_at")
        batch_op.drop_column("first_response_due_at")
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.drop_column("workdays")
        batch_op.drop_column("workday_end_minute")
        batch_op.drop_column("workday_start_minute")
        batch_op.drop_column("sla_timezone")
