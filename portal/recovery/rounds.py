"""What the customer agreed with, read back from a case's conversation rounds.

Each topic (0: what bothered them most, then each thing added under "anything else?") went through rounds until
the customer confirmed our restatement or kept their own words. Staff and emails quote the wording they agreed
to; the first wording, where it differs, is only a secondary line.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from db.models import Case, ConversationRound

AGREED_ANSWERS = ("confirmed", "own_words")


def agreed_rounds(rounds: Iterable[ConversationRound]) -> dict[int, ConversationRound]:
    """The round the customer agreed with, per topic, from ``rounds`` in topic and round order."""
    agreed: dict[int, ConversationRound] = {}
    for r in rounds:
        if r.answer in AGREED_ANSWERS and r.topic not in agreed:
            agreed[r.topic] = r
    return agreed


def confirmed_words(session: Session, case: Case) -> str:
    """What bothered the customer most, in the words they finally confirmed (their first wording if none)."""
    rounds = session.exec(
        select(ConversationRound)
        .where(ConversationRound.case_id == case.id, ConversationRound.topic == 0)
        .order_by(col(ConversationRound.round_no))
    )
    return what_bothered_them(agreed_rounds(rounds), case)


def what_bothered_them(agreed: dict[int, ConversationRound], case: Case) -> str:
    """Topic 0's agreed words among ``agreed`` (``agreed_rounds``), or the case's first wording if none was agreed."""
    return agreed[0].customer_text if 0 in agreed else case.bothered_most
