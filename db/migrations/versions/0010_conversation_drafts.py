"""customers' conversations kept on the server until the case is written (conversation_draft)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 19:18:48
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: Union[str, None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "conversation_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("invite_id", sa.Integer(), nullable=True),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["invite_id"],
            ["invite.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("conversation_draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversation_draft_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_conversation_draft_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_conversation_draft_invite_id"), ["invite_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conversation_draft_submission_key"), ["submission_key"], unique=True)
        batch_op.create_index(batch_op.f("ix_conversation_draft_token_hash"), ["token_hash"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("conversation_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_draft_token_hash"))
        batch_op.drop_index(batch_op.f("ix_conversation_draft_submission_key"))
        batch_op.drop_index(batch_op.f("ix_conversation_draft_invite_id"))
        batch_op.drop_index(batch_op.f("ix_conversation_draft_expires_at"))
        batch_op.drop_index(batch_op.f("ix_conversation_draft_email"))

    op.drop_table("conversation_draft")
