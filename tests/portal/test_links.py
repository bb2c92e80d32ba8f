from datetime import timedelta

from portal.links import PROBE_LIMIT, LinkState, open_link
from portal.tokens import new_token

SOURCE = "ip:203.0.113.9"


def test_a_good_link_resolves_to_its_invite_and_unknown_ones_are_logged(store):
    link = open_link(store.engine, store.logins.invite_token, SOURCE)
    assert link.state is LinkState.VALID and link.invite is not None
    assert link.invite.customer_name == "Alex Rivera" and link.case_id is None
    assert open_link(store.engine, new_token(), SOURCE).state is LinkState.UNKNOWN
    assert open_link(store.engine, "not a token", SOURCE).state is LinkState.UNKNOWN


def test_a_client_that_guessed_too_often_waits_but_keeps_the_link_it_already_had(store):
    for _ in range(PROBE_LIMIT):
        assert open_link(store.engine, new_token(), SOURCE).state is LinkState.UNKNOWN
    assert open_link(store.engine, store.logins.invite_token, SOURCE).state is LinkState.THROTTLED
    kept = open_link(store.engine, store.logins.invite_token, SOURCE, opened_before=True)
    assert kept.state is LinkState.VALID
    assert open_link(store.engine, new_token(), SOURCE, opened_before=False).state is LinkState.THROTTLED
    assert open_link(store.engine, store.logins.invite_token, "ip:198.51.100.1").state is LinkState.VALID


def test_a_valid_link_is_held_valid_only_until_it_expires(store):
    link = open_link(store.engine, store.logins.invite_token, SOURCE)
    assert link.expires_at is not None
    assert link.still_valid(link.expires_at - timedelta(seconds=1))
    assert not link.still_valid(link.expires_at)
    assert not open_link(store.engine, new_token(), SOURCE).still_valid(link.expires_at - timedelta(days=1))
