"""security hardening (issue 25): the email-confirmation link works once (email_verification.link_used_at);
the public intake's hourly limits count mailboxes (email_key: lower case, no +tag, Gmail without dots);
staff sign-in slows down per account and client address (login_attempt.throttled, an index on the pair)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 18:30:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: Union[str, None] = "0012"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("email_verification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("link_used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("email_key", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False, server_default="")
        )
        batch_op.drop_index("ix_email_verification_email_created_at")
        batch_op.create_index("ix_email_verification_email_key_created_at", ["email_key", "created_at"], unique=False)
    with op.batch_alter_table("intake_attempt", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("email_key", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False, server_default="")
        )
        batch_op.drop_index("ix_intake_attempt_email_outcome_at")
        batch_op.create_index("ix_intake_attempt_email_key_outcome_at", ["email_key", "outcome", "at"], unique=False)
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("throttled", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index("ix_login_attempt_email_source_at", ["email", "source", "at"], unique=False)
    # Rows already there count under their lower-case address: within the hour they count for, close enough.
    op.execute("UPDATE email_verification SET email_key = email")
    op.execute("UPDATE intake_attempt SET email_key = email")


def downgrade() -> None:
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_login_attempt_email_source_at")
        batch_op.drop_column("throttled")
    with op.batch_alter_table("intake_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_intake_attempt_email_key_outcome_at")
        batch_op.create_index("ix_intake_attempt_email_outcome_at", ["email", "outcome", "at"], unique=False)
        batch_op.drop_column("email_key")
    with op.batch_alter_table("email_verification", schema=None) as batch_op:
        batch_op.drop_index("ix_email_verification_email_key_created_at")
        batch_op.create_index("ix_email_verification_email_created_at", ["email", "created_at"], unique=False)
        batch_op.drop_column("email_key")
        batch_op.drop_column("link_used_at")
