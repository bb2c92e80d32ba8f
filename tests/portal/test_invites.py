from urllib.parse import parse_qs, urlparse

import pytest
from sqlmodel import Session, select

from db.models import AccessToken, CaseEvent
from portal.back_office.staff import StaffActor
from portal.entry.invites import create_invite
from portal.entry.links import LinkState, resolve
from portal.entry.tokens import hash_token
from portal.recovery.remedies import Role


def test_an_invite_link_opens_the_prefilled_conversation_and_only_its_hash_is_stored(store):
    actor = StaffActor(1, "Dana", store.logins.staff_email, Role.AGENT)
    link = create_invite(
        store.engine, actor, customer_name="Noa Levi", email="noa@example.com", order_ref="WO-7", language="he"
    )
    token = parse_qs(urlparse(link.url).query)["t"][0]
    resolved = resolve(store.engine, token)
    assert resolved.state is LinkState.VALID and resolved.invite is not None
    assert (resolved.invite.customer_name, resolved.invite.language, resolved.invite.order_ref) == (
        "Noa Levi",
        "he",
        "WO-7",
    )
    with Session(store.engine) as session:
        stored = session.exec(select(AccessToken).where(AccessToken.invite_id == link.invite_id)).one()
        [event] = session.exec(select(CaseEvent).where(CaseEvent.kind == "invite_created")).all()
    assert stored.token_hash == hash_token(token) and token not in stored.token_hash
    assert event.actor == "staff:1"


def test_invite_problems_are_named(store):
    actor = StaffActor(1, "Dana", store.logins.staff_email, Role.AGENT)
    with pytest.raises(ValueError, match="email address") as raised:
        create_invite(store.engine, actor, email="not an email", language="fr")
    assert "Language must be one of" in str(raised.value)
