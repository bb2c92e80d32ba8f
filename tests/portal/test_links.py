from datetime import timedelta

from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import LinkProbe
from portal.entry.links import PROBE_LIMIT, LinkState, issue, open_link
from portal.entry.tokens import Purpose, new_token

SOURCE = "ip:203.0.113.9"


def test_a_good_link_resolves_to_its_invite_and_unknown_ones_are_logged(store):
    link = open_link(store.engine, store.logins.invite_token, SOURCE)
    assert link.state is LinkState.VALID and link.invite is not None
    assert link.invite.customer_name == "Alex Rivera" and link.case_id is None
    assert open_link(store.engine, new_token(), SOURCE).state is LinkState.UNKNOWN
    assert open_link(store.engine, "not a token", SOURCE).state is LinkState.UNKNOWN


def test_a_client_that_guessed_too_often_waits_but_its_real_invite_still_opens(store):
    """The attack: ten bad links from one address, and that address's real invite was refused."""
    for _ in range(PROBE_LIMIT):
        assert open_link(store.engine, new_token(), SOURCE).state is LinkState.UNKNOWN
    assert open_link(store.engine, new_token(), SOURCE).state is LinkState.THROTTLED
    assert open_link(store.engine, "junk", SOURCE).state is LinkState.THROTTLED
    assert open_link(store.engine, store.logins.invite_token, SOURCE).state is LinkState.VALID
    assert open_link(store.engine, new_token(), "ip:198.51.100.1").state is LinkState.UNKNOWN  # another client
    assert [p.outcome for p in probes(store)].count("throttled") == 2


def test_expired_links_are_logged_but_are_not_guesses(store):
    with write_session(store.engine) as session:
        expired = issue(session, Purpose.CASE, timedelta(seconds=-1), case_id=None)
    for _ in range(PROBE_LIMIT + 2):
        assert open_link(store.engine, expired, SOURCE).state is LinkState.EXPIRED
    assert open_link(store.engine, new_token(), SOURCE).state is LinkState.UNKNOWN
    assert [p.outcome for p in probes(store)] == ["expired"] * (PROBE_LIMIT + 2) + ["unknown"]


def probes(store) -> list[LinkProbe]:
    with Session(store.engine) as session:
        return list(session.exec(select(LinkProbe).order_by(col(LinkProbe.id))))


def test_a_valid_link_is_held_valid_only_until_it_expires(store):
    link = open_link(store.engine, store.logins.invite_token, SOURCE)
    assert link.expires_at is not None
    assert link.still_valid(link.expires_at - timedelta(seconds=1))
    assert not link.still_valid(link.expires_at)
    assert not open_link(store.engine, new_token(), SOURCE).still_valid(link.expires_at - timedelta(days=1))
