"""Authority is checked where it is used: a tab drawn before a manager was demoted or deactivated still holds the
manager's ``StaffActor``, and every privileged service must refuse it by reading the account afresh.

Each service is called the way a stale tab's button would call it: with the actor as it was when the page was
drawn (a manager), after the account changed underneath.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import ApiKey, Case, CaseEvent, OutboxMessage, StaffMember, utcnow
from portal.api import keys as api_keys
from portal.back_office import insights, privacy
from portal.back_office.staff import StaffActor, role_now
from portal.business import get_business
from portal.delivery import outbox, webhooks
from portal.entry import invites
from portal.errors import NotAllowed
from portal.recovery import catalog, checkin_wording, sla
from portal.recovery.money import MAX_AMOUNT_CENTS
from portal.recovery.remedies import Role
from tests.support import present, row_id

EMAIL = "zebulon.quax@example.com"
STORY = "The plumber Quaxstory flooded my kitchen and left without a word."

Service = Callable[[Engine, StaffActor, int], object]


def _today():
    return utcnow().date()


# What only managers may do; each gets the store's engine, the stale actor and a case of the customer's.
def _demo_key(engine: Engine) -> int:
    with Session(engine) as session:
        return present(
            session.exec(select(ApiKey.id).where(ApiKey.name == api_keys.DEMO_KEY_NAME)).one(), "the demo API key's id"
        )


MANAGERS_ONLY: dict[str, Service] = {
    "privacy.find_customers": lambda e, a, c: privacy.find_customers(e, a, EMAIL),
    "privacy.export_customer": lambda e, a, c: privacy.export_customer(e, a, _customer(e, c)),
    "privacy.erase_customer": lambda e, a, c: privacy.erase_customer(e, a, _customer(e, c), "asked by email"),
    "insights.overview": lambda e, a, c: insights.overview(e, a, _today(), _today()),
    "insights.lesson_groups": lambda e, a, c: insights.lesson_groups(e, a, _today(), _today()),
    "insights.cases_csv": lambda e, a, c: insights.cases_csv(e, a, _today(), _today()),
    "insights.lessons_csv": lambda e, a, c: insights.lessons_csv(e, a, _today(), _today()),
    "sla.save_target": lambda e, a, c: sla.save_target(e, a, "billing", sla.Target(60, 2), 0),
    "sla.save_business_hours": lambda e, a, c: sla.save_business_hours(
        e, a, sla.BusinessHours(timezone="America/New_York"), sla.load_settings(e).hours_version
    ),
    "checkin_wording.save_wording": lambda e, a, c: checkin_wording.save_wording(
        e, a, "en", {checkin_wording.PAGE_INTRO: "Tell us, please"}
    ),
    "checkin_wording.reset_wording": lambda e, a, c: checkin_wording.reset_wording(e, a, "en"),
    "catalog.save_remedy": lambda e, a, c: catalog.save_remedy(
        e, a, catalog.RemedyDraft(kind="credit", title="Free money", value_cents=10**6, max_value_cents=10**6)
    ),
    "catalog.update_business": lambda e, a, c: catalog.update_business(
        e, a, _policy_with_no_limits(e), get_business(e).version
    ),
    "webhooks.add_endpoint": lambda e, a, c: webhooks.add_endpoint(
        e, a, "https://hooks.example.com/x", ["case.created"], resolve=lambda host, port: ["93.184.216.34"]
    ),
    "api.keys.create_key": lambda e, a, c: api_keys.create_key(
        e, a, "CRM", ["cases:read_personal", "cases:read"], days=365
    ),
    "api.keys.revoke_key": lambda e, a, c: api_keys.revoke_key(e, a, _demo_key(e)),
    "api.keys.list_keys": lambda e, a, c: api_keys.list_keys(e, a),
}
# What any active staff member may do.
ANY_STAFF: dict[str, Service] = {
    "invites.create_invite": lambda e, a, c: invites.create_invite(e, a, email="eve@example.com"),
    "outbox.retry_now": lambda e, a, c: outbox.retry_now(e, a, _failed_message(e, c)),
    "outbox.list_messages": lambda e, a, c: outbox.list_messages(e, a),
}


def _customer(engine: Engine, case_id: int) -> int:
    with Session(engine) as session:
        return session.get_one(Case, case_id).customer_id


def _policy_with_no_limits(engine: Engine) -> catalog.BusinessSettings:
    current = catalog.BusinessSettings.of(get_business(engine))
    return catalog.BusinessSettings(**{**current.__dict__, "auto_approve_limit_cents": MAX_AMOUNT_CENTS})


def _failed_message(engine: Engine, case_id: int) -> int:
    with write_session(engine) as session:
        row = present(
            session.exec(select(OutboxMessage).where(OutboxMessage.case_id == case_id)).first(),
            "a message about the case",
        )
        row.status = "failed"
        session.add(row)
        return row_id(row)


def stale_manager(store, change: str) -> StaffActor:
    """A manager's actor as a page drew it, then the account ``demoted`` to agent or ``deactivated``."""
    with write_session(store.engine) as session:
        member = StaffMember(email="morgan@northwind.example", name="Morgan Lee", role="manager", password_hash="x")
        session.add(member)
        session.flush()
        actor = StaffActor(id=row_id(member), name=member.name, email=member.email, role=Role.MANAGER)
    with write_session(store.engine) as session:
        member = session.get_one(StaffMember, actor.id)
        if change == "demoted":
            member.role = "agent"
        else:
            member.is_active = False
        session.add(member)
    return actor


def settings_events(store) -> list[str]:
    with Session(store.engine) as session:
        return list(session.exec(select(CaseEvent.kind).where(col(CaseEvent.actor).like("staff:%"))))


@pytest.mark.parametrize("change", ["demoted", "deactivated"])
@pytest.mark.parametrize("name", sorted(MANAGERS_ONLY))
def test_a_stale_managers_tab_can_do_nothing_only_managers_may(store, name, change, open_case):
    case_id = open_case(email=EMAIL, story=STORY)
    actor = stale_manager(store, change)
    with pytest.raises(NotAllowed):
        MANAGERS_ONLY[name](store.engine, actor, case_id)
    assert settings_events(store) == []  # nothing changed, exported or erased: no audit entry either
    with Session(store.engine) as session:
        assert session.get_one(Case, case_id).story == STORY


@pytest.mark.parametrize("name", sorted(ANY_STAFF))
def test_a_deactivated_account_can_do_nothing_any_staff_may(store, name, open_case):
    case_id = open_case(email=EMAIL, story=STORY)
    actor = stale_manager(store, "deactivated")
    with pytest.raises(NotAllowed, match="not active"):
        ANY_STAFF[name](store.engine, actor, case_id)
    assert settings_events(store) == []


@pytest.mark.parametrize("name", sorted(ANY_STAFF))
def test_a_demoted_manager_still_does_what_any_staff_may(store, name, open_case):
    case_id = open_case(email=EMAIL, story=STORY)
    ANY_STAFF[name](store.engine, stale_manager(store, "demoted"), case_id)


def test_the_role_is_never_more_than_the_account_holds_now(store):
    actor = stale_manager(store, "demoted")
    with Session(store.engine) as session:
        assert role_now(session, actor) is Role.AGENT
    with write_session(store.engine) as session:
        session.get_one(StaffMember, actor.id).role = "manager"
    with Session(store.engine) as session:
        assert role_now(session, actor) is Role.MANAGER
    agent_claim = StaffActor(id=actor.id, name=actor.name, email=actor.email, role=Role.AGENT)
    with Session(store.engine) as session:
        assert role_now(session, agent_claim) is Role.AGENT  # an agent's tab is not promoted by the account


def test_a_current_manager_passes_every_check(store, open_case):
    """The same calls go through for a manager whose account is as the page drew it (the tests above can fail)."""
    case_id = open_case(email=EMAIL, story=STORY)
    with write_session(store.engine) as session:
        member = StaffMember(email="morgan@northwind.example", name="Morgan Lee", role="manager", password_hash="x")
        session.add(member)
        session.flush()
        actor = StaffActor(id=row_id(member), name=member.name, email=member.email, role=Role.MANAGER)
    for name in sorted(MANAGERS_ONLY, key=lambda n: n == "privacy.erase_customer"):  # erase last
        MANAGERS_ONLY[name](store.engine, actor, case_id)
