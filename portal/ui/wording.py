"""Customer-facing sentences that depend on data: problems, statuses, what happens next."""

from __future__ import annotations

from portal.i18n import Translate
from portal.recovery.journey import Problem
from portal.recovery.states import Status


def problem_text(problem: Problem, _: Translate) -> str:
    messages: dict[str, str | dict[str, str]] = {
        "required": {
            "email": _("Please give us an email address so we can reach you."),
            "story": _("Please tell us what happened."),
            "bothered_most": _("Please tell us what bothered you most."),
            "correction": _("Please tell us in your own words what we got wrong."),
            "more": _("Please write what else didn't work out, or choose \"No, that's everything\"."),
            "proposal": _("Please describe what would put this right for you."),
        },
        "email_invalid": _("That email address doesn't look right. It should look like name@example.com."),
        "amount_invalid": _("Please enter the amount as a number, for example 120.50."),
        "amount_range": _("Please enter an amount from 0 to {max}.").format(max=_.number(problem.limit // 100)),
        "date_future": _("The date can't be in the future."),
    }
    if problem.code == "too_long":
        return _(
            "This is {length} characters long; please keep it to {limit} at most. Nothing you typed has been lost."
        ).format(length=_.number(problem.length), limit=_.number(problem.limit))
    entry = messages.get(problem.code, _("Please check this field."))
    if isinstance(entry, dict):
        return entry.get(problem.field, _("Please fill this in."))
    return entry


def status_text(status: Status, _: Translate) -> str:
    return {
        Status.ACCEPTED: _("Agreed: we are arranging your remedy."),
        Status.AWAITING_APPROVAL: _("Your proposal is with us for a decision."),
        Status.COUNTERED: _("We have made you an offer: please have a look."),
        Status.AWAITING_CUSTOMER: _("We have suggested an alternative: please have a look."),
        Status.FULFILLED: _("Done: your remedy has been delivered."),
        Status.CLOSED: _("Closed: thank you for letting us make it right."),
        Status.REOPENED: _("Reopened: someone from our team will contact you personally."),
        Status.WITHDRAWN: _("Closed at your request: we erased your personal data."),
    }[status]


def next_steps(status: Status, owner_name: str, followup_days: int, _: Translate, *, our_offer: bool = False) -> str:
    """What happens next, in one paragraph. ``our_offer``: what was agreed is an offer of ours, which says itself
    when and how ("tomorrow between 8 and 10am"): no other delay is promised beside it."""
    when = _.plural("{days} day", "{days} days", followup_days).format(days=_.number(followup_days))
    if status is Status.ACCEPTED and our_offer:
        return _(
            "{owner} will arrange this as our offer says, and email you when it is done. {when} after that we "
            "will check in with you to make sure we really made it right."
        ).format(owner=owner_name, when=when)
    return {
        Status.ACCEPTED: _(
            "{owner} will arrange this within two business days and email you when it is done. "
            "{when} after that we will check in with you to make sure we really made it right."
        ),
        Status.AWAITING_APPROVAL: _(
            "{owner} will look at your proposal within one business day and reply by email. "
            "You can come back to this page at any time to see where things stand."
        ),
        Status.COUNTERED: _("Please tell us above whether the offer works for you, or what would."),
        Status.AWAITING_CUSTOMER: _("Please tell us above whether the alternative works for you, or what would."),
        Status.FULFILLED: _("We will check in with you {when} after delivery to make sure we made it right."),
        Status.CLOSED: _("There is nothing more you need to do. Thank you for giving us the chance to put this right."),
        Status.REOPENED: _("{owner} will contact you personally within one business day."),
        Status.WITHDRAWN: _("Nothing more will happen with this case. If you need anything, please contact us."),
    }[status].format(owner=owner_name, when=when)


def consent_sentence(remedy: str, refund: str | None, _: Translate) -> str:
    """The agreement a customer ticks before accepting ``remedy`` instead of their money back; stored word
    for word with the remedy. ``refund`` says how a refund stays open to them: "choose" (it is one of the
    choices on this page), "ask" (they can propose one instead of this offer), or None (the policy offers none).
    """
    if refund == "choose":
        text = _(
            "I agree to receive “{remedy}” instead of my money back. I understand that I can choose a refund instead."
        )
    elif refund == "ask":
        text = _(
            "I agree to receive “{remedy}” instead of my money back. I understand that I can ask for a refund instead."
        )
    else:
        text = _("I agree to receive “{remedy}” instead of my money back.")
    return text.format(remedy=remedy)


def priced(text: str, amount: str, _: Translate) -> str:
    """A remedy and its value, "A $50 credit ($50.00)", each part kept whole in a right-to-left page."""
    return f"{_.isolated(text)} ({_.isolated(amount)})" if amount else _.isolated(text)
