"""A case's version moves once per transaction, however many steps the transaction takes (portal.recovery.timeline)."""

from __future__ import annotations

from sqlmodel import Session

from db.models import Case
from portal.recovery import timeline
from portal.recovery.states import Event


def test_a_claimed_case_moves_on_once_in_its_transaction(store, open_case):
    case_id = open_case()
    with Session(store.engine) as session:
        before = session.get_one(Case, case_id).version
        case = timeline.claim(session, case_id, before)
        timeline.move(session, case, Event.APPROVE, timeline.SYSTEM)
        session.commit()
        assert session.get_one(Case, case_id).version == before + 1


def test_the_next_transaction_of_the_same_session_moves_it_on_again(store, open_case):
    case_id = open_case()
    with Session(store.engine, expire_on_commit=False) as session:
        case = session.get_one(Case, case_id)
        before = case.version
        timeline.move(session, case, Event.APPROVE, timeline.SYSTEM)
        timeline.move(session, case, Event.MARK_FULFILLED, timeline.SYSTEM)
        session.commit()
        assert case.version == before + 1
        case = session.get_one(Case, case_id)
        timeline.move(session, case, Event.CHECKIN_GOOD, timeline.SYSTEM)
        session.commit()
        assert session.get_one(Case, case_id).version == before + 2
