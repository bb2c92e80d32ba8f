"""``stored_id``: a row's id once the store has given it one, and a clear error before."""

from __future__ import annotations

import pytest
from sqlmodel import select

from db.engine import write_session
from db.models import StaffMember
from portal.stored import stored_id


def test_a_row_never_flushed_has_no_id_to_give():
    with pytest.raises(ValueError, match="this StaffMember has no id: it was never flushed"):
        stored_id(StaffMember(email="new@example.com", name="New", role="agent", password_hash="x"))


def test_a_flushed_row_gives_the_id_the_store_chose(store):
    with write_session(store.engine) as session:
        member = StaffMember(email="new@example.com", name="New", role="agent", password_hash="x")
        session.add(member)
        session.flush()
        member_id = stored_id(member)
    with write_session(store.engine) as session:
        assert session.exec(select(StaffMember.email).where(StaffMember.id == member_id)).one() == "new@example.com"
