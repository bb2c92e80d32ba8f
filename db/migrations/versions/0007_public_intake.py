"""issue 8 verified public intake: email verifications and the intake log

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 12:00:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: Union[str, None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "email_verification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("code_salt", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("link_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("wrong_codes", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("verified_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("email_verification", schema=None) as batch_op:
        batch_op.create_index("ix_email_verification_submission_key", ["submission_key"], unique=False)
        batch_op.create_index("ix_email_verification_link_hash", ["link_hash"], unique=True)
        batch_op.create_index("ix_email_verification_email_created_at", ["email", "created_at"], unique=False)
        batch_op.create_index("ix_email_verification_source_created_at", ["source", "created_at"], unique=False)

    op.create_table(
        "intake_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("intake_attempt", schema=None) as batch_op:
        batch_op.create_index("ix_intake_attempt_at", ["at"], unique=False)
        batch_op.create_index("ix_intake_attempt_email_outcome_at", ["email", "outcome", "at"], unique=False)
        batch_op.create_index("ix_intake_attempt_source_outcome_at", ["source", "outcome", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("intake_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_intake_attempt_source_outcome_at")
        batch_op.drop_index("ix_intake_attempt_email_outcome_at")
        batch_op.drop_index("ix_intake_attempt_at")

    op.drop_table("intake_attempt")
    with op.batch_alter_table("email_verification", schema=None) as batch_op:
        batch_op.drop_index("ix_email_verification_source_created_at")
        batch_op.drop_index("ix_email_verification_email_created_at")
        batch_op.drop_index("ix_email_verification_link_hash")
        batch_op.drop_index("ix_email_verification_submission_key")

    op.drop_table("email_verification")
