"""Managers' own wording for the satisfaction check-in, per language: the email and the page.

Each part of the check-in that speaks to the customer in the business's voice (the email's subject,
intro and question, the page's title, intro and questions, the two thank-you texts) has a default:
the translated sentence the portal ships with. A manager may replace it for one language; the
replacement is a ``CheckinWording`` row, and a part without a row keeps following the translation,
so nothing changes until someone edits it. Saving the default text again removes the row.

Wording may use the placeholders in ``PLACEHOLDERS`` (``{name}``, ``{reference}``, ...), checked on
save: an unknown one is refused with a message saying which are allowed, and nothing is stored.
Only managers change wording (``NotAllowed`` otherwise); each save or reset is in the audit log.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from db.engine import read_session, write_session
from db.models import CheckinWording, utcnow
from portal.back_office.staff import StaffActor, require_manager
from portal.i18n import LANGUAGES, Translator, translator
from portal.recovery import timeline
from portal.text import clean

TEXT_LIMIT = 500
SUBJECT_LIMIT = 150  # an email subject: one line, short enough to read in an inbox

EMAIL_SUBJECT = "email_subject"
EMAIL_INTRO = "email_intro"
EMAIL_ASK = "email_ask"
PAGE_TITLE = "page_title"
PAGE_INTRO = "page_intro"
QUESTION_MADE_IT_RIGHT = "question_made_it_right"
QUESTION_RECOMMEND = "question_recommend"
QUESTION_COMMENT = "question_comment"
THANKS_GOOD = "thanks_good"
THANKS_LOW = "thanks_low"


class Part(NamedTuple):
    label: str  # for the managers' page (English, like every staff page)
    where: str  # "email" or "page"


# In the order the customer meets them.
PARTS: dict[str, Part] = {
    EMAIL_SUBJECT: Part("Email subject", "email"),
    EMAIL_INTRO: Part("Email: first sentence", "email"),
    EMAIL_ASK: Part("Email: the question", "email"),
    PAGE_TITLE: Part("Page title", "page"),
    PAGE_INTRO: Part("Page: introduction", "page"),
    QUESTION_MADE_IT_RIGHT: Part("Question: did we make it right? (1-5)", "page"),
    QUESTION_RECOMMEND: Part("Question: would you recommend us? (0-10)", "page"),
    QUESTION_COMMENT: Part("Question: anything to tell us (comment box)", "page"),
    THANKS_GOOD: Part("Thank-you after a good answer", "page"),
    THANKS_LOW: Part("Thank-you after a low answer (the case reopens)", "page"),
}

# What wording may refer to; every place that shows wording fills in all of them.
PLACEHOLDERS: dict[str, str] = {
    "name": "the customer's name (empty when they gave none)",
    "reference": "the case reference, e.g. AM-7KQ2XD",
    "business": "the business's name",
    "owner": "the customer's contact: the case owner",
}


def sample_values(business_name: str, owner_name: str) -> dict[str, str]:
    """Made-up placeholder values for the managers' preview."""
    return dict(name="Alex Rivera", reference="AM-7KQ2XD", business=business_name, owner=owner_name)


def defaults(_: Translator) -> dict[str, str]:
    """The wording the portal ships with, in ``_``'s language (the same sentences as before wording was
    editable, so their translations are the existing ones)."""
    return {
        EMAIL_SUBJECT: _("Did we make it right? Your case {reference}"),
        EMAIL_INTRO: _("A few days ago we finished what we agreed for case {reference}."),
        EMAIL_ASK: _("Did we make it right? Two quick questions, and room for anything you would like to add."),
        PAGE_TITLE: _("Did we make it right?"),
        PAGE_INTRO: _("Two quick questions. Your honest answer helps us, whatever it is."),
        QUESTION_MADE_IT_RIGHT: _("Did we make it right? (1 = not at all, 5 = completely)"),
        QUESTION_RECOMMEND: _("How likely are you to recommend us? (0 = not at all likely, 10 = extremely likely)"),
        QUESTION_COMMENT: _("Anything you'd like to tell us? (optional)"),
        THANKS_GOOD: _(
            "We are glad we could make it right. Your case is now closed; there is nothing more you need to do."
        ),
        THANKS_LOW: _("We are sorry that we haven't made it right yet. We have reopened your case."),
    }


class _Blank(dict):
    """Placeholders without a value render as nothing rather than failing (a customer without a name)."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class Wording:
    """The effective check-in wording of one language: each part's text, and which parts are a manager's."""

    language: str
    texts: Mapping[str, str]
    custom: frozenset[str]

    def render(self, part: str, values: Mapping[str, str]) -> str:
        return fill(self.texts[part], values)


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders filled in. Only plain ``{name}`` fields pass ``problem``, so nothing
    but the given values can be reached."""
    return text.format_map(_Blank({k: str(v) for k, v in values.items() if k in PLACEHOLDERS}))


def problem(text: str, part: str = "") -> str | None:
    """What is wrong with a manager's wording for ``part``, in words a manager understands; None when fine."""
    cleaned = clean(text)
    if not cleaned:
        return "Please write something here, or reset this part to the default wording."
    limit = SUBJECT_LIMIT if part == EMAIL_SUBJECT else TEXT_LIMIT
    if len(cleaned) > limit:
        return f"This is {len(cleaned):,} characters long; please keep it under {limit:,}."
    if part == EMAIL_SUBJECT and "\n" in cleaned:
        return "An email subject is one line: please remove the line breaks."
    allowed = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    try:
        fields = [
            (name, spec, conversion)
            for _, name, spec, conversion in string.Formatter().parse(cleaned)
            if name is not None
        ]
    except ValueError:
        return (
            f"A curly brace is not closed or not opened. Placeholders look like {{reference}}; "
            f"write {{{{ or }}}} for a brace itself. You can use: {allowed}."
        )
    for name, spec, conversion in fields:
        if name not in PLACEHOLDERS or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return f"{shown} is not a placeholder we can fill in. You can use: {allowed}."
    return None


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}.")
    return language


def load(session: Session, language: str) -> Wording:
    """The effective wording of ``language`` (manager's text where there is one, else the default)."""
    language = language if language in LANGUAGES else "en"
    texts = defaults(translator(language))
    rows = session.exec(select(CheckinWording).where(CheckinWording.language == language)).all()
    custom = {row.part: row.text for row in rows if row.part in PARTS}
    texts.update(custom)
    return Wording(language, texts, frozenset(custom))


def effective_wording(engine: Engine, language: str) -> Wording:
    with read_session(engine) as session:
        return load(session, language)


class WordingProblems(ValueError):
    """Some parts cannot be saved; ``problems`` maps each part to what is wrong. Nothing was saved."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(" ".join(f"{PARTS[p].label}: {m}" for p, m in problems.items()))
        self.problems = problems


MANAGERS_ONLY = "Only managers can change the check-in wording."


def save_wording(engine: Engine, actor: StaffActor, language: str, texts: Mapping[str, str]) -> Wording:
    """Store the parts of ``texts`` that differ from what is in effect; a part set back to its default
    text follows the translation again. All or nothing: any problem raises ``WordingProblems``."""
    language = _language(language)
    unknown = set(texts) - set(PARTS)
    if unknown:
        raise ValueError(f"Unknown wording parts: {', '.join(sorted(unknown))}.")
    problems = {part: found for part, text in texts.items() if (found := problem(text, part)) is not None}
    if problems:
        raise WordingProblems(problems)
    default = defaults(translator(language))
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        current = load(session, language)
        changes = {
            part: {"from": current.texts[part], "to": clean(text)}
            for part, text in texts.items()
            if clean(text) != current.texts[part]
        }
        for part, change in changes.items():
            row = session.exec(
                select(CheckinWording).where(CheckinWording.language == language, CheckinWording.part == part)
            ).first()
            if change["to"] == default[part]:
                if row is not None:
                    session.delete(row)
                continue
            row = row or CheckinWording(language=language, part=part, text="")
            row.text, row.updated_at, row.updated_by_id = change["to"], utcnow(), actor.id
            session.add(row)
        if changes:
            timeline.record_setting(
                session,
                timeline.Kind.CHECKIN_WORDING_CHANGED,
                timeline.staff_actor(actor.id),
                language=language,
                changes=changes,
            )
        session.flush()
        return load(session, language)


def reset_wording(engine: Engine, actor: StaffActor, language: str) -> Wording:
    """Every part of ``language`` back to the default (translated) wording."""
    language = _language(language)
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        current = load(session, language)
        if current.custom:
            session.execute(delete(CheckinWording).where(col(CheckinWording.language) == language))
            timeline.record_setting(
                session,
                timeline.Kind.CHECKIN_WORDING_RESET,
                timeline.staff_actor(actor.id),
                language=language,
                parts=sorted(current.custom),
                before={part: current.texts[part] for part in sorted(current.custom)},
            )
        return load(session, language)
