"""The customer's conversation before it becomes a case: pure state and rules, no I/O.

A ``Draft`` lives in the customer's browser session while they talk to us. Every
step is a function that takes the draft and what they typed, and either moves the
draft on or returns the problems to show (nothing they typed is dropped). The case
is written only when they choose a remedy (``portal.recovery.cases.submit_case``).
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

from portal.conversation import classify, paraphrase, read_tone, restate
from portal.recovery.money import MAX_AMOUNT_CENTS, AmountOutOfRange, to_cents
from portal.text import LIMITS, clean

# After this many "Not quite" answers the customer may keep their own words as they are.
ROUNDS_BEFORE_OWN_WORDS = 2


class Step(StrEnum):
    WELCOME = "welcome"
    STORY = "story"
    CONTACT = "contact"  # public link only: their name and address, asked once they have told the story
    VERIFY = "verify"  # public link only: confirm the email address (portal.entry.intake) before going on
    VALIDATE = "validate"
    APOLOGY = "apology"
    DETAILS = "details"  # the date and the amount: both optional
    EVIDENCE = "evidence"  # the order or reference and photos: all optional, just before choosing a remedy
    REMEDY = "remedy"


# The steps a customer counts ("Step 2 of 6"), each in the order they come. The public link's "how can we reach you?"
# and "confirm your email" are one step: telling us who they are. The welcome is not counted.
_COUNTED_INVITED: tuple[tuple[Step, ...], ...] = (
    (Step.STORY,),
    (Step.VALIDATE,),
    (Step.APOLOGY,),
    (Step.DETAILS,),
    (Step.EVIDENCE,),
    (Step.REMEDY,),
)
_COUNTED_PUBLIC: tuple[tuple[Step, ...], ...] = (
    (Step.STORY,),
    (Step.CONTACT, Step.VERIFY),
    (Step.VALIDATE,),
    (Step.APOLOGY,),
    (Step.DETAILS,),
    (Step.EVIDENCE,),
    (Step.REMEDY,),
)


def progress(step: Step, needs_verification: bool) -> tuple[int, int]:
    """Where ``step`` stands in its journey, as (number, total): the public link (``needs_verification``) has one
    step more than an invite, as it asks who the customer is. (0, total) for a step that is not counted."""
    counted = _COUNTED_PUBLIC if needs_verification else _COUNTED_INVITED
    number = next((n for n, steps in enumerate(counted, start=1) if step in steps), 0)
    return number, len(counted)


class Answer(StrEnum):
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"
    OWN_WORDS = "own_words"


@dataclass(frozen=True)
class Problem:
    """Something to fix in a field; ``code`` picks the message, ``limit``/``length`` fill it in."""

    field: str
    code: str  # required, too_long, email_invalid, amount_invalid, amount_range, date_future
    limit: int = 0
    length: int = 0


@dataclass
class Round:
    topic: int
    round_no: int
    customer_text: str
    paraphrase: str
    answer: Answer | None = None


@dataclass
class StoryForm:
    name: str = ""
    email: str = ""
    story: str = ""
    bothered_most: str = ""
    order_ref: str = ""
    incident_date: date | None = None
    amount: float | str | None = None


@dataclass
class Draft:
    language: str = "en"
    submission_key: str = field(default_factory=lambda: secrets.token_hex(16))
    step: Step = Step.WELCOME
    form: StoryForm = field(default_factory=StoryForm)
    email_normalized: str = ""
    amount_cents: int | None = None
    category: str = "other"
    tone: str = "calm"
    rounds: list[Round] = field(default_factory=list)
    # Started on the public link: the address must be confirmed before the case can be written.
    needs_verification: bool = False
    verified_email: str = ""  # the address confirmed for this draft (a changed address needs confirming again)
    # The form as the invite filled it (name, address, order reference): what it says is not asked again.
    invited: StoryForm | None = None

    @property
    def current_round(self) -> Round:
        return self.rounds[-1]

    @property
    def topics(self) -> int:
        return max((r.topic for r in self.rounds), default=-1) + 1

    def confirmed(self, topic: int) -> Round | None:
        """The round the customer agreed with for ``topic``, if any."""
        return next(
            (r for r in self.rounds if r.topic == topic and r.answer in (Answer.CONFIRMED, Answer.OWN_WORDS)), None
        )

    @property
    def more_items(self) -> list[str]:
        """What the customer added under "anything else", as finally confirmed."""
        return [c.customer_text for t in range(1, self.topics) if (c := self.confirmed(t))]

    @property
    def may_use_own_words(self) -> bool:
        corrections = sum(
            1 for r in self.rounds if r.topic == self.current_round.topic and r.answer == Answer.CORRECTED
        )
        return corrections >= ROUNDS_BEFORE_OWN_WORDS


def _check_text(field_name: str, value: str, required: bool) -> Problem | None:
    if required and not value:
        return Problem(field_name, "required")
    if len(value) > LIMITS[field_name]:
        return Problem(field_name, "too_long", LIMITS[field_name], len(value))
    return None


def check_contact(form: StoryForm) -> list[Problem]:
    """Every problem with who they are (an optional name, a required address) at once."""
    problems = [
        p
        for p in (
            _check_text("name", clean(form.name), required=False),
            _check_text("email", clean(form.email), required=True),
        )
        if p
    ]
    if not any(p.field == "email" for p in problems) and _address(clean(form.email)) is None:
        problems.append(Problem("email", "email_invalid"))
    return problems


@lru_cache(maxsize=256)  # a step checks the address, then keeps it normalised: one validation for both
def _address(email: str) -> str | None:
    """``email`` as email-validator normalises it, or None where it is not an address."""
    try:
        return validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def check_story(form: StoryForm, *, contact: bool = True) -> list[Problem]:
    """Every problem with the story at once (with who they are, unless ``contact`` is False: the public link asks
    that on a step of its own), so the customer fixes them in one go."""
    problems = check_contact(form) if contact else []
    return problems + [
        p
        for p in (
            _check_text("story", clean(form.story), required=True),
            _check_text("bothered_most", clean(form.bothered_most), required=True),
        )
        if p
    ]


def check_order(form: StoryForm) -> list[Problem]:
    """The optional order or reference, asked with the photos when the invite left it empty (or on the public link)."""
    return [p for p in [_check_text("order_ref", clean(form.order_ref), required=False)] if p]


def check_details(form: StoryForm, today: date) -> list[Problem]:
    """Every problem with the optional details (date, amount) at once."""
    problems = [p for p in [_amount_problem("amount", form.amount)] if p]
    if form.incident_date and form.incident_date > today:
        problems.append(Problem("incident_date", "date_future"))
    return problems


def submit_story(draft: Draft, form: StoryForm) -> list[Problem]:
    """Take the story; on success the draft moves to validating what bothered them most, or, on the public link,
    to asking who they are (``submit_contact``): listen first. The form's details (an invite's order reference,
    say) are kept as they are until the order and photos step."""
    draft.form = form
    problems = check_story(form, contact=not draft.needs_verification)
    if problems:
        return problems
    if not draft.needs_verification:
        draft.email_normalized = _normalized(form.email)
    story, bothered = clean(form.story), clean(form.bothered_most)
    draft.category = str(classify(story, bothered, draft.language))
    draft.tone = str(read_tone(f"{story}\n{bothered}", draft.language))
    # A changed story restarts validation; an unchanged one (back and forth) keeps its rounds.
    if not draft.rounds or draft.rounds[0].customer_text != bothered:
        draft.rounds = [_new_round(draft, 0, 1, bothered)]
    draft.step = Step.CONTACT if draft.needs_verification else Step.VALIDATE
    return []


def submit_contact(draft: Draft, name: str, email: str) -> list[Problem]:
    """The public link's name and address (what an invite says); on success the draft moves to confirming the address
    (or on to validating, when this address is the one already confirmed). The order or reference is asked with the
    photos (``submit_evidence``), as for an invite that left it empty."""
    draft.form = replace(draft.form, name=name, email=email)
    problems = check_contact(draft.form)
    if problems:
        return problems
    draft.email_normalized = _normalized(email)
    draft.step = Step.VERIFY if awaits_verification(draft) else Step.VALIDATE
    return []


def _normalized(email: str) -> str:
    """The address of a form whose check passed (``check_contact``, ``check_story``)."""
    address = _address(clean(email))
    if address is None:
        raise ValueError("the address was not checked before it was kept")
    return address


def submit_details(
    draft: Draft, today: date, *, incident_date: date | None = None, amount: float | str | None = None
) -> list[Problem]:
    """Take the optional date and amount; on success the draft moves to the order or reference and photos."""
    draft.form = replace(draft.form, incident_date=incident_date, amount=amount)
    problems = check_details(draft.form, today)
    if problems:
        return problems
    draft.amount_cents = to_cents(amount)
    draft.step = Step.EVIDENCE
    return []


def submit_evidence(draft: Draft, order_ref: str) -> list[Problem]:
    """Take the optional order or reference (the photos are stored as they arrive: portal.recovery.evidence); on success the
    draft moves to choosing a remedy."""
    draft.form = replace(draft.form, order_ref=order_ref)
    problems = check_order(draft.form)
    if problems:
        return problems
    draft.step = Step.REMEDY
    return []


def asked(draft: Draft, fields: Iterable[str], problem_fields: Collection[str]) -> set[str]:
    """Which of the form's ``fields`` ("name", "email", "order_ref") a step asks for: those the invite left empty,
    and those the customer has to fix or has already changed (so a field doesn't vanish while they are at it)."""
    invited = draft.invited or StoryForm()
    return {
        name
        for name in fields
        if not getattr(invited, name) or getattr(draft.form, name) != getattr(invited, name) or name in problem_fields
    }


def awaits_verification(draft: Draft) -> bool:
    return draft.needs_verification and draft.verified_email.lower() != draft.email_normalized.lower()


def email_confirmed(draft: Draft, email: str) -> None:
    """The customer confirmed ``email`` (code or link): on to validating what bothered them most."""
    draft.verified_email = email
    if draft.step is Step.VERIFY and not awaits_verification(draft):
        draft.step = Step.VALIDATE


def reconfirm_email(draft: Draft) -> None:
    """The address turned out not to be confirmed after all (the case was refused): confirm it again."""
    draft.verified_email = ""
    draft.step = Step.VERIFY


def change_email(draft: Draft) -> None:
    """Back to the name and address, everything kept: to correct the address, or to have a new code sent."""
    draft.step = Step.CONTACT


def _new_round(draft: Draft, topic: int, round_no: int, text: str) -> Round:
    return Round(topic, round_no, text, paraphrase(text, draft.language, "main" if topic == 0 else "more"))


def switch_language(draft: Draft, language: str) -> None:
    """Change language at any step. Nothing typed is touched; a paraphrase the customer has not
    answered yet is said again in the new language (answered rounds stay as they were shown)."""
    draft.language = language
    if draft.rounds and draft.current_round.answer is None:
        current = draft.current_round
        current.paraphrase = paraphrase(current.customer_text, language, "main" if current.topic == 0 else "more")


def confirm(draft: Draft) -> None:
    draft.current_round.answer = Answer.CONFIRMED
    draft.step = Step.APOLOGY


def correct(draft: Draft, text: str) -> list[Problem]:
    """ "Not quite": the customer says it again in their words and we paraphrase once more."""
    text = clean(text)
    problem = _check_text("correction", text, required=True)
    if problem:
        return [problem]
    current = draft.current_round
    current.answer = Answer.CORRECTED
    draft.rounds.append(_new_round(draft, current.topic, current.round_no + 1, text))
    return []


def keep_own_words(draft: Draft) -> None:
    """After several corrections the customer's own words stand as the confirmed version."""
    draft.current_round.answer = Answer.OWN_WORDS
    draft.step = Step.APOLOGY


def add_more(draft: Draft, text: str) -> list[Problem]:
    """Something else that didn't work out: a new topic, validated like the first."""
    text = clean(text)
    problem = _check_text("more", text, required=True)
    if problem:
        return [problem]
    draft.rounds.append(_new_round(draft, draft.topics, 1, text))
    draft.step = Step.VALIDATE
    return []


def nothing_more(draft: Draft, typed: str = "") -> list[Problem]:
    """ "No, that's everything": on to the details. Anything still typed in the box is never dropped: it is taken
    as one more thing, said back to them like any other (``add_more``)."""
    if clean(typed):
        return add_more(draft, typed)
    draft.step = Step.DETAILS
    return []


def check_proposal(text: str, amount: float | str | None) -> list[Problem]:
    return [
        p
        for p in (_check_text("proposal", clean(text), required=True), _amount_problem("proposal_amount", amount))
        if p
    ]


def _amount_problem(field_name: str, amount: float | str | None) -> Problem | None:
    """What is wrong with an optional amount: not a number, or outside the range every amount keeps to (the message
    says the range: ``limit`` is its top, in cents)."""
    try:
        to_cents(amount)
    except AmountOutOfRange:
        return Problem(field_name, "amount_range", limit=MAX_AMOUNT_CENTS)
    except ValueError:
        return Problem(field_name, "amount_invalid")
    return None


def confirmed_paraphrase(draft: Draft) -> str:
    """What we agreed bothered them most, as a statement: our paraphrase, or their own words if they chose so."""
    chosen = draft.confirmed(0)
    if chosen is None:
        raise ValueError("The customer has not confirmed what bothered them most yet.")
    return chosen.customer_text if chosen.answer == Answer.OWN_WORDS else restate(chosen.customer_text, draft.language)
