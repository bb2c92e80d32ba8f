"""A case's life as one table: every status change in Amends goes through ``transition``."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    ACCEPTED = "accepted"  # a remedy is agreed; staff arrange it
    AWAITING_APPROVAL = "awaiting_approval"  # the customer proposed something staff must decide on
    COUNTERED = "countered"  # staff offered something else; the customer decides
    AWAITING_CUSTOMER = "awaiting_customer"  # staff declined and offered an alternative
    FULFILLED = "fulfilled"  # the remedy was delivered; a check-in is scheduled
    CLOSED = "closed"  # the customer told us we made it right
    REOPENED = "reopened"  # the check-in said we did not
    WITHDRAWN = "withdrawn"  # the customer's data was erased before the case was settled


class Event(StrEnum):
    OPEN_ACCEPTED = "open_accepted"
    OPEN_PROPOSED = "open_proposed"
    APPROVE = "approve"
    COUNTER = "counter"
    DECLINE_WITH_ALTERNATIVE = "decline_with_alternative"
    CUSTOMER_ACCEPT = "customer_accept"
    CUSTOMER_PROPOSE = "customer_propose"
    CUSTOMER_PROPOSE_AUTO = "customer_propose_auto"
    MARK_FULFILLED = "mark_fulfilled"
    CHECKIN_GOOD = "checkin_good"
    CHECKIN_LOW = "checkin_low"
    STAFF_OFFER = "staff_offer"
    STAFF_AGREE = "staff_agree"
    WITHDRAW = "withdraw"


class Kind(StrEnum):
    """What an audit entry records, besides a case's status changes (those are ``portal.recovery.states.Event``)."""

    # On a case
    REMEDY_ACCEPTED = "remedy_accepted"  # the opening entry: the customer's choice agreed at once
    PROPOSAL_SUBMITTED = "proposal_submitted"  # the opening entry: a proposal waits for staff
    GIFT_ADDED = "gift_added"
    OWNER_ASSIGNED = "owner_assigned"
    NOTE_ADDED = "note_added"
    LESSON_RECORDED = "lesson_recorded"
    LESSON_UPDATED = "lesson_updated"
    CHECKIN_SENT = "checkin_sent"
    CHECKIN_SKIPPED = "checkin_skipped"
    CHECKIN_LINK_RESENT = "checkin_link_resent"
    ESCALATED = "escalated_to_manager"
    EMAIL_RETRY = "email_retry"  # on a case, or on no case for an email that belongs to none
    PERSONAL_DATA_ERASED = "personal_data_erased"  # on each case of the customer, or on none
    CUSTOMER_DATA_EXPORTED = "customer_data_exported"
    # Settings, staff and access: entries that belong to no case
    INVITE_CREATED = "invite_created"
    REMEDY_ADDED = "remedy_added"
    REMEDY_CHANGED = "remedy_changed"
    POLICY_CHANGED = "policy_changed"
    SLA_TARGET_CHANGED = "sla_target_changed"
    BUSINESS_HOURS_CHANGED = "business_hours_changed"
    CHECKIN_WORDING_CHANGED = "checkin_wording_changed"
    CHECKIN_WORDING_RESET = "checkin_wording_reset"
    WEBHOOK_ADDED = "webhook_added"
    WEBHOOK_ENABLED = "webhook_enabled"
    WEBHOOK_DISABLED = "webhook_disabled"
    WEBHOOK_SECRET_ROTATED = "webhook_secret_rotated"
    WEBHOOK_DELETED = "webhook_deleted"
    WEBHOOK_TEST_SENT = "webhook_test_sent"
    WEBHOOK_RETRY = "webhook_retry"
    CASES_EXPORTED = "cases_exported"
    LESSONS_EXPORTED = "lessons_exported"
    STAFF_ACTIVATED = "staff_activated"
    STAFF_DEACTIVATED = "staff_deactivated"
    STAFF_ROLE_CHANGED = "staff_role_changed"
    STAFF_SIGNED_OUT_EVERYWHERE = "staff_signed_out_everywhere"
    STAFF_SESSIONS_ENDED = "staff_sessions_ended"
    STAFF_SSO_REFUSED = "staff_sso_refused"
    API_KEY_CREATED = "api_key_created"
    API_KEY_REVOKED = "api_key_revoked"


# Nothing more happens to a case in these: no clock runs, no action is open, the queue leaves them out by default.
ENDED: tuple[Status, ...] = (Status.CLOSED, Status.WITHDRAWN)


_CUSTOMER_TURN = (Status.COUNTERED, Status.AWAITING_CUSTOMER)

TRANSITIONS: dict[tuple[Status | None, Event], Status] = {
    (None, Event.OPEN_ACCEPTED): Status.ACCEPTED,
    (None, Event.OPEN_PROPOSED): Status.AWAITING_APPROVAL,
    (Status.AWAITING_APPROVAL, Event.APPROVE): Status.ACCEPTED,
    (Status.AWAITING_APPROVAL, Event.COUNTER): Status.COUNTERED,
    (Status.AWAITING_APPROVAL, Event.DECLINE_WITH_ALTERNATIVE): Status.AWAITING_CUSTOMER,
    **{(s, Event.CUSTOMER_ACCEPT): Status.ACCEPTED for s in _CUSTOMER_TURN},
    **{(s, Event.CUSTOMER_PROPOSE): Status.AWAITING_APPROVAL for s in _CUSTOMER_TURN},
    **{(s, Event.CUSTOMER_PROPOSE_AUTO): Status.ACCEPTED for s in _CUSTOMER_TURN},
    (Status.ACCEPTED, Event.MARK_FULFILLED): Status.FULFILLED,
    (Status.FULFILLED, Event.CHECKIN_GOOD): Status.CLOSED,
    (Status.FULFILLED, Event.CHECKIN_LOW): Status.REOPENED,
    (Status.REOPENED, Event.STAFF_OFFER): Status.AWAITING_CUSTOMER,
    (Status.REOPENED, Event.STAFF_AGREE): Status.ACCEPTED,
    # Erasing a customer's personal data on request leaves nobody to put it right with (portal.back_office.privacy).
    **{(s, Event.WITHDRAW): Status.WITHDRAWN for s in Status if s not in ENDED},
}


class IllegalTransition(ValueError):
    def __init__(self, current: Status | None, event: Event) -> None:
        super().__init__(f"A case that is {current or 'new'} cannot take '{event}'.")
        self.current = current
        self.event = event


def transition(current: Status | str | None, event: Event) -> Status:
    """The status after ``event``; raises IllegalTransition if the table does not allow it."""
    state = Status(current) if current is not None else None
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise IllegalTransition(state, event) from None


def allowed_events(current: Status | str | None) -> list[Event]:
    state = Status(current) if current is not None else None
    return [event for (source, event) in TRANSITIONS if source == state]
