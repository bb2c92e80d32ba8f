"""What the staff pages call the case's and its remedies' states: one table each, keyed by their enums
(``Status``, ``RemedySource``, ``RemedyStatus``; str-valued, so a stored string finds its name too).

The queue has room for a short name (``STATUS_LABELS``); the case page says what the state waits for where the
name alone would not (``status_explained``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from portal.recovery.remedies import RemedySource, RemedyStatus
from portal.recovery.states import Event, Kind, Status

STATUS_LABELS: dict[str, str] = {  # in the order the queue counts them: the states that need us first
    Status.AWAITING_APPROVAL: "Awaiting approval",
    Status.REOPENED: "Reopened",
    Status.ACCEPTED: "Accepted",
    Status.COUNTERED: "Countered",
    Status.AWAITING_CUSTOMER: "Awaiting customer",
    Status.FULFILLED: "Fulfilled",
    Status.CLOSED: "Closed",
    Status.WITHDRAWN: "Withdrawn",
}
_EXPLAINED: dict[str, str] = {
    Status.COUNTERED: "Countered: waiting for the customer",
    Status.AWAITING_CUSTOMER: "Alternative offered: waiting for the customer",
    Status.FULFILLED: "Fulfilled: check-in scheduled",
    Status.WITHDRAWN: "Withdrawn: personal data erased",
}
SOURCE_LABELS: dict[str, str] = {
    RemedySource.CATALOG: "Chosen from the catalog",
    RemedySource.PROPOSAL: "The customer's proposal",
    RemedySource.COUNTER: "Our counter-offer",
    RemedySource.ALTERNATIVE: "Our alternative",
    RemedySource.OFFER: "Our offer",
    RemedySource.GIFT: "Something extra",
}
REMEDY_STATUS_LABELS: dict[str, str] = {
    RemedyStatus.PENDING: "waiting for our decision",
    RemedyStatus.OFFERED: "offered, waiting for the customer",
    RemedyStatus.ACCEPTED: "agreed",
    RemedyStatus.APPROVED: "approved by us",
    RemedyStatus.DECLINED: "declined",
    RemedyStatus.SUPERSEDED: "replaced by a later offer",
    RemedyStatus.WITHDRAWN: "withdrawn: personal data erased",
}

EVENT_LABELS: dict[str, str] = {  # a case's timeline, as its page lists it (the settings' entries have their pages)
    Event.OPEN_ACCEPTED: "Opened with a remedy agreed",
    Event.OPEN_PROPOSED: "Opened with a proposal",
    Kind.REMEDY_ACCEPTED: "Remedy chosen",
    Kind.PROPOSAL_SUBMITTED: "Proposal made",
    Kind.GIFT_ADDED: "Gift chosen",
    Event.APPROVE: "Proposal approved",
    Event.COUNTER: "Counter-offer made",
    Event.DECLINE_WITH_ALTERNATIVE: "Declined with an alternative",
    Event.CUSTOMER_ACCEPT: "Customer accepted the offer",
    Event.CUSTOMER_PROPOSE: "Customer proposed again",
    Event.CUSTOMER_PROPOSE_AUTO: "Customer proposed again (within the limit)",
    Event.MARK_FULFILLED: "Marked fulfilled",
    Event.CHECKIN_GOOD: "Check-in: made right",
    Event.CHECKIN_LOW: "Check-in: not right",
    Event.STAFF_OFFER: "New offer made",
    Event.STAFF_AGREE: "Agreed with the customer",
    Event.WITHDRAW: "Withdrawn: personal data erased",
    Kind.OWNER_ASSIGNED: "Owner assigned",
    Kind.NOTE_ADDED: "Note added",
    Kind.LESSON_RECORDED: "Lesson recorded",
    Kind.LESSON_UPDATED: "Lesson updated",
    Kind.CHECKIN_SENT: "Check-in sent",
    Kind.CHECKIN_SKIPPED: "Check-in skipped",
    Kind.CHECKIN_LINK_RESENT: "New check-in link sent",
    Kind.ESCALATED: "Escalated to a manager",
    Kind.EMAIL_RETRY: "Email retried",
    Kind.PERSONAL_DATA_ERASED: "Personal data erased",
    Kind.CUSTOMER_DATA_EXPORTED: "Customer's data exported",
}


def label(value: str, labels: Mapping[str, str]) -> str:
    """``value``'s name in ``labels``; a value no table names yet reads as its words ("owner_assigned": "Owner
    assigned") rather than disappearing."""
    return labels.get(value) or value.replace("_", " ").capitalize()


def status_explained(status: str) -> str:
    return _EXPLAINED.get(status) or label(status, STATUS_LABELS)


ALL = "all"  # a delivery log's filter choice for every status


def log_filter_labels(statuses: Iterable[str]) -> dict[str, str]:
    """The status filter of a delivery log (the outbox's emails, the webhooks' deliveries): "All", then each status
    by its name, in the order given."""
    return {ALL: "All", **{status: label(status, {}) for status in statuses}}
