#!/usr/bin/env python
"""Realistic customer journeys for benchmarks/load.py, and the child process it kills.

As a module: ``build_journey(rng, catalog)`` walks a fresh ``Draft`` through portal.recovery.journey
(story, paraphrase rounds, "anything else", remedy step) and returns it with a ``RemedyChoice``.

As a script (``python benchmarks/_child_submit.py URL SEED``): with its own engine, submit cases
in a loop through ``portal.recovery.cases.submit_case`` and print each Receipt's reference on its own line
(flushed) only after ``submit_case`` has returned. Prints ``READY`` once the drafts are built, so
that the parent kills it while it is writing, not while it is importing.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

from db.models import RemedyOption
from portal.recovery.cases import RemedyChoice
from portal.recovery.journey import (
    Draft,
    StoryForm,
    add_more,
    confirm,
    correct,
    keep_own_words,
    nothing_more,
    submit_details,
    submit_evidence,
    submit_story,
)
from portal.recovery.remedies import gifts_for, offers_for

FIRST_NAMES = ("Alex", "Maya", "Jordan", "Priya", "Tomás", "Noa", "Sam", "Lucía", "Chen", "Fatima", "Oren", "Grace")
LAST_NAMES = ("Rivera", "Levi", "Okafor", "Smith", "García", "Cohen", "Nguyen", "Haddad", "Brown", "Kowalski")

# (what happened, what bothered you most, a correction if they say "not quite")
STORIES: tuple[tuple[str, str, str], ...] = (
    (
        "I booked a furnace repair for 9:00. The mechanic arrived at 10:30 without calling ahead, then said he had "
        "to come back the next day for a part he should have brought.",
        "Nobody called to say he would be late, and I lost a morning of work.",
        "It's not the lateness itself, it's that I took unpaid leave and nobody told me.",
    ),
    (
        "You quoted $250 for the boiler service and the bill came to $410.75 with no explanation of the extra "
        "charges. When I asked, the office said the technician decides on the spot.",
        "I was charged far more than the quote and nobody explained why.",
        "I want to understand the extra $160 before I pay it.",
    ),
    (
        "The technician scratched my new oak floor while moving the washing machine and left mud all over the "
        "hallway. He said it was already like that.",
        "He damaged my floor and then denied it.",
        "The scratches are deep and he blamed me for them.",
    ),
    (
        "My replacement filter was supposed to be in the box but the box was empty. Order #A-1234.",
        "The part I paid for was missing from the delivery.",
        "I paid for a filter and got an empty box.",
    ),
    (
        "I left three voicemails with your office in Leeds over two weeks and nobody ever called me back.",
        "Nobody returned my calls for two weeks.",
        "I felt ignored; a single call back would have been enough.",
    ),
    (
        'Your receptionist was dismissive, said "that\'s not my problem" and hung up on me.',
        "The receptionist was rude and hung up on me.",
        "Being hung up on made me feel like my problem did not matter.",
    ),
    (
        "The parcel with tracking number 1Z999AA10123456784 was marked as delivered but never arrived. The "
        "courier says it was left at the door.",
        "My parcel never arrived even though it shows as delivered.",
        "It was never at my door, and I was home all day.",
    ),
    (
        "The heating you repaired stopped working again after 4 days. We have two small children and the house "
        "was freezing for the whole weekend.",
        "The repair failed after four days and my children were cold all weekend.",
        "The second breakdown was worse than the first because we trusted the repair.",
    ),
)
MORE_ITEMS = (
    "Also, the invoice had my name spelled wrong.",
    "The technician did not wear shoe covers.",
    "Your website's booking form crashed twice.",
    "I was put on hold for 40 minutes.",
)
PROPOSALS = (
    ("Please refund the $35 parking I paid while waiting.", "35"),
    ("Refund the difference between the quote and the bill.", "160.75"),
    ("Send someone senior to look at the job again, free of charge.", None),
    ("Pay for a professional floor repair.", "420"),
    ("A $20 voucher would be fair.", "20.00"),
)


def load_catalog(engine) -> list[RemedyOption]:
    from sqlmodel import col, select

    from db.engine import read_session

    with read_session(engine) as session:
        return list(session.exec(select(RemedyOption).order_by(col(RemedyOption.id))).all())


def build_journey(
    rng: random.Random, catalog: list[RemedyOption], today: date | None = None, language: str = "en"
) -> tuple[Draft, RemedyChoice]:
    """One customer's whole conversation, as the pages drive it, ending at the remedy step."""
    today = today or date.today()
    story, bothered, correction = rng.choice(STORIES)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    draft = Draft(language=language)
    form = StoryForm(
        name=f"{first} {last}",
        email=f"{first}.{last}.{rng.randrange(10**6)}@example.com".lower(),
        story=story,
        bothered_most=bothered,
    )
    problems = submit_story(draft, form)
    if problems:
        raise AssertionError(f"the benchmark's own story was rejected: {problems}")
    path = rng.random()
    if path < 0.6:
        confirm(draft)
    elif path < 0.85:
        assert not correct(draft, correction)
        confirm(draft)
    else:
        assert not correct(draft, correction)
        assert not correct(draft, correction + " Really.")
        assert draft.may_use_own_words
        keep_own_words(draft)
    for item in rng.sample(MORE_ITEMS, k=rng.choice((0, 0, 1, 2))):
        assert not add_more(draft, item)
        confirm(draft)
    nothing_more(draft)
    problems = submit_details(
        draft,
        today,
        incident_date=today - timedelta(days=rng.randrange(0, 30)) if rng.random() < 0.7 else None,
        amount=rng.choice((None, "89", "250.00", "410.75", "1,200")),
    )
    problems += submit_evidence(draft, f"WO-{rng.randrange(10000, 99999)}")
    if problems:
        raise AssertionError(f"the benchmark's own details were rejected: {problems}")

    offers, gifts = offers_for(draft.category, catalog), gifts_for(draft.category, catalog)
    gift_id = rng.choice(gifts).id if gifts and rng.random() < 0.3 else None
    if offers and rng.random() < 0.65:
        # The customer ticks the agreement the page shows for a remedy that is not money back.
        return draft, RemedyChoice(
            option_id=rng.choice(offers).id,
            gift_option_id=gift_id,
            consent_text="I agree to receive this instead of my money back.",
        )
    text, amount = rng.choice(PROPOSALS)
    from portal.recovery.money import to_cents

    return draft, RemedyChoice(proposal_text=text, proposal_amount_cents=to_cents(amount), gift_option_id=gift_id)


def child(url: str, seed: int) -> None:
    from db.engine import get_engine
    from portal.recovery.cases import submit_case

    engine = get_engine(url)
    rng = random.Random(seed)
    catalog = load_catalog(engine)
    journeys = [build_journey(rng, catalog) for _ in range(400)]
    print("READY", flush=True)
    while True:
        for draft, choice in journeys:
            # Vouches for its made-up addresses: no emailed code to confirm, no hourly limit (portal.entry.intake).
            receipt = submit_case(engine, draft, choice, trusted_caller="benchmarks/_child_submit.py")
            print(receipt.reference, flush=True)  # only once submit_case has returned (committed)
        journeys = [build_journey(rng, catalog) for _ in range(400)]


if __name__ == "__main__":
    child(sys.argv[1], int(sys.argv[2]))
