import pytest

from portal.recovery.states import ENDED, TRANSITIONS, Event, IllegalTransition, Status, allowed_events, transition


def test_a_new_case_opens_accepted_or_awaiting_approval():
    assert transition(None, Event.OPEN_ACCEPTED) is Status.ACCEPTED
    assert transition(None, Event.OPEN_PROPOSED) is Status.AWAITING_APPROVAL


@pytest.mark.parametrize(
    "event, expected",
    [
        (Event.APPROVE, Status.ACCEPTED),
        (Event.COUNTER, Status.COUNTERED),
        (Event.DECLINE_WITH_ALTERNATIVE, Status.AWAITING_CUSTOMER),
    ],
)
def test_staff_decisions_on_a_proposal(event, expected):
    assert transition(Status.AWAITING_APPROVAL, event) is expected


@pytest.mark.parametrize("status", [Status.COUNTERED, Status.AWAITING_CUSTOMER])
def test_customer_can_accept_or_propose_again_after_an_offer(status):
    assert transition(status, Event.CUSTOMER_ACCEPT) is Status.ACCEPTED
    assert transition(status, Event.CUSTOMER_PROPOSE) is Status.AWAITING_APPROVAL
    assert transition(status.value, Event.CUSTOMER_PROPOSE_AUTO) is Status.ACCEPTED


def test_fulfilment_and_check_in_close_or_reopen():
    assert transition(Status.ACCEPTED, Event.MARK_FULFILLED) is Status.FULFILLED
    assert transition(Status.FULFILLED, Event.CHECKIN_GOOD) is Status.CLOSED
    assert transition(Status.FULFILLED, Event.CHECKIN_LOW) is Status.REOPENED
    assert set(allowed_events(Status.REOPENED)) == {Event.STAFF_OFFER, Event.STAFF_AGREE, Event.WITHDRAW}


@pytest.mark.parametrize(
    "status, event",
    [
        (Status.AWAITING_APPROVAL, Event.MARK_FULFILLED),  # nothing agreed yet
        (Status.CLOSED, Event.APPROVE),
        (Status.ACCEPTED, Event.COUNTER),
        (Status.FULFILLED, Event.MARK_FULFILLED),  # no double fulfilment
        (None, Event.APPROVE),
        (Status.COUNTERED, Event.APPROVE),  # staff cannot approve on the customer's behalf
        (Status.WITHDRAWN, Event.MARK_FULFILLED),  # nobody left to deliver to
        (Status.WITHDRAWN, Event.STAFF_AGREE),
        (Status.CLOSED, Event.WITHDRAW),  # settled: an erasure leaves its status alone
    ],
)
def test_illegal_transitions_raise(status, event):
    with pytest.raises(IllegalTransition) as raised:
        transition(status, event)
    assert str(event) in str(raised.value)


def test_every_status_but_the_ended_ones_has_a_way_forward():
    """No dead ends: every status but closed and withdrawn can be left by some event."""
    sources = {source for source, _ in TRANSITIONS}
    assert set(Status) - set(ENDED) <= sources
    assert not set(ENDED) & sources


@pytest.mark.parametrize("status", sorted(set(Status) - set(ENDED)))
def test_a_case_not_closed_yet_is_withdrawn_when_its_customer_is_erased(status):
    assert transition(status, Event.WITHDRAW) is Status.WITHDRAWN
