"""issue 24: remedy and gift titles and descriptions in Spanish and Hebrew beside the English

Four columns on remedy_option, blank ('') until a manager translates the entry; a blank one means the customer
reads the English (portal.recovery.catalog_text.option_text). Existing entries start blank, so nothing changes for a
customer until a translation is written.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 18:00:21
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: Union[str, None] = "0011"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("remedy_option", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("title_es", sqlmodel.sql.sqltypes.AutoString(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "description_es", sqlmodel.sql.sqltypes.AutoString(length=1000), server_default="", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("title_he", sqlmodel.sql.sqltypes.AutoString(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "description_he", sqlmodel.sql.sqltypes.AutoString(length=1000), server_default="", nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("remedy_option", schema=None) as batch_op:
        batch_op.drop_column("description_he")
        batch_op.drop_column("title_he")
        batch_op.drop_column("description_es")
        batch_op.drop_column("title_es")
