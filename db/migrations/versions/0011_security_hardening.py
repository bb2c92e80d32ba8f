"""security hardening (issue 25): the email-confirmation link works once (email_verification.link_used_at)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 18:30:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0011'
down_revision: Union[str, None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('email_verification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('link_used_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('email_verification', schema=None) as batch_op:
        batch_op.drop_column('link_used_at')
