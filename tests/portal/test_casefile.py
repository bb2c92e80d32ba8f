"""The staff case file: the brief in the customer's words, remedies, notes, lesson and the audit log."""

from __future__ import annotations

from functools import partial

import pytest
from sqlmodel import Session, select

from db.engine import write_session
from db.models import Case, StaffMember
from portal.back_office.casefile import load_case_file
from portal.back_office.staff import StaffActor
from portal.recovery import decisions
from portal.recovery.remedies import Role
from tests.support import AGREED, FURNACE_BOTHERED, FURNACE_STORY, OpenCase, counted_queries


@pytest.fixture
def open_case(open_case: OpenCase) -> OpenCase:
    """This module's customer is Alex Rivera, who paid $400."""
    return partial(open_case, name="Alex Rivera", amount="400")


def staff(store, role: Role, email: str, name: str) -> StaffActor:
    with write_session(store.engine) as session:
        member = session.exec(select(StaffMember).where(StaffMember.email == email)).first()
        if member is None:
            member = StaffMember(email=email, name=name, role=str(role), password_hash="not-used-here")
            session.add(member)
            session.flush()
        assert member.id is not None
        return StaffActor(id=member.id, name=member.name, email=member.email, role=role)


def version(store, case_id: int) -> int:
    with Session(store.engine) as session:
        return session.get_one(Case, case_id).version


def test_the_brief_has_their_words_our_agreed_paraphrase_and_everything_else(store, open_case):
    case_id = open_case(
        correction="He was 90 minutes late and never called",
        more=("He left mud on my carpet", "The invoice had the wrong address"),
    )
    file = load_case_file(store.engine, case_id)

    brief = file.brief
    assert brief.bothered_most == "He was 90 minutes late and never called"  # as they finally put it
    assert brief.first_words == FURNACE_BOTHERED
    # The second round, the one they confirmed, not our first try.
    assert brief.confirmed_paraphrase.startswith(
        "What bothered you most is that he was 90 minutes late and never called"
    )
    assert brief.more_items == ["He left mud on my carpet", "The invoice had the wrong address"]
    assert brief.story == FURNACE_STORY
    assert brief.category == "lateness" and brief.tone == file.case.tone
    assert (brief.amount_cents, brief.currency) == (40000, "USD")
    assert brief.paraphrase_rounds == 2 and brief.total_rounds == 4
    assert (file.customer_name, file.customer_email, file.customer_language) == (
        "Alex Rivera",
        "alex@example.com",
        "en",
    )
    assert file.status == "awaiting_approval" and file.version == file.case.version
    assert file.pending_proposal is not None and file.pending_proposal.description == "Refund the whole $400 visit"
    assert file.agent_approval_limit_cents == 20000


def test_notes_lesson_and_timeline_carry_names_newest_first(store, open_case):
    boss = staff(store, Role.MANAGER, store.logins.staff_email, "")
    sam = staff(store, Role.AGENT, "sam@northwind.example", "Sam Agent")
    case_id = open_case()
    decisions.add_note(store.engine, sam, case_id, "Called Alex, voicemail")
    decisions.counter_offer(store.engine, boss, case_id, version(store, case_id), "A free return visit", 8900)
    decisions.add_note(store.engine, boss, case_id, "Offer sent")
    decisions.assign_owner(store.engine, boss, case_id, version(store, case_id), sam.id)
    decisions.record_lesson(store.engine, sam, case_id, "scheduling", "Leave buffer between furnace jobs")
    decisions.customer_accept_offer(store.engine, case_id, version(store, case_id), AGREED)

    file = load_case_file(store.engine, case_id)

    assert [(n.author_name, n.body) for n in file.notes] == [
        ("Dana Cohen", "Offer sent"),
        ("Sam Agent", "Called Alex, voicemail"),
    ]
    assert file.lesson is not None
    assert (file.lesson.root_cause, file.lesson.what_we_change, file.lesson.recorded_by_name) == (
        "scheduling",
        "Leave buffer between furnace jobs",
        "Sam Agent",
    )
    assert file.owner_name == "Sam Agent" and file.status == "accepted"
    assert [(r.source, r.status) for r in file.remedies] == [("proposal", "declined"), ("counter", "accepted")]
    assert file.open_offer is None and file.pending_proposal is None
    assert [(t.kind, t.actor_name) for t in file.timeline] == [
        ("customer_accept", "Customer"),
        ("lesson_recorded", "Sam Agent"),
        ("owner_assigned", "Dana Cohen"),
        ("note_added", "Dana Cohen"),
        ("counter", "Dana Cohen"),
        ("note_added", "Sam Agent"),
        ("proposal_submitted", "Customer"),
        ("open_proposed", "Customer"),
    ]
    counter = file.timeline[4]
    assert (counter.from_status, counter.to_status) == ("awaiting_approval", "countered")
    assert counter.detail["description"] == "A free return visit"
    assert all(file.timeline[i].at >= file.timeline[i + 1].at for i in range(len(file.timeline) - 1))


def test_a_departed_staff_members_events_still_show_who_it_was(store, open_case):
    sam = staff(store, Role.AGENT, "sam@northwind.example", "Sam Agent")
    case_id = open_case()
    decisions.add_note(store.engine, sam, case_id, "Noted")
    with write_session(store.engine) as session:
        session.get_one(StaffMember, sam.id).is_active = False
    assert load_case_file(store.engine, case_id).timeline[0].actor_name == "Sam Agent"


def test_the_number_of_queries_does_not_grow_with_the_case(store, open_case):
    sam = staff(store, Role.AGENT, "sam@northwind.example", "Sam Agent")
    small = open_case()
    big = open_case(more=("Mud on the carpet", "Wrong address", "Rude on the phone"))
    others = [staff(store, Role.AGENT, f"agent{i}@northwind.example", f"Agent {i}") for i in range(4)]
    for i, member in enumerate([sam, *others]):
        decisions.add_note(store.engine, member, big, f"Note {i}")
    decisions.record_lesson(store.engine, sam, big, "process", "Check the address twice")
    decisions.add_note(store.engine, sam, small, "One note")

    with counted_queries(store.engine) as few:
        load_case_file(store.engine, small)
    with counted_queries(store.engine) as many:
        load_case_file(store.engine, big)
    assert len(many) == len(few) <= 10, many  # one more since a reopened case says why (its last low check-in)


def test_an_unknown_case_is_a_lookup_error(store):
    with pytest.raises(LookupError):
        load_case_file(store.engine, 424242)
