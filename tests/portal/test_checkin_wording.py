"""Managers' check-in wording: defaults, overrides used by the email and the page, validation, roles, audit."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from db.models import CaseEvent, CheckinWording, utcnow
from portal.errors import NotAllowed
from portal.i18n import translator
from portal.recovery import checkin_wording, decisions
from portal.recovery.checkin_wording import (
    EMAIL_INTRO,
    EMAIL_SUBJECT,
    PAGE_INTRO,
    QUESTION_RECOMMEND,
    THANKS_GOOD,
    WordingProblems,
    effective_wording,
    reset_wording,
    save_wording,
)
from portal.recovery.followup import enqueue_due_checkins
from tests.portal.test_followup import case_row, mails
from tests.support import manager


def fulfilled(store, open_case, language: str = "en") -> int:
    """A case whose remedy was delivered: its check-in is scheduled."""
    case_id = open_case(language=language)
    boss = manager(store)
    decisions.approve_proposal(store.engine, boss, case_id, case_row(store, case_id).version)
    decisions.mark_fulfilled(store.engine, boss, case_id, case_row(store, case_id).version)
    return case_id


def audit(store, kind: str) -> list[CaseEvent]:
    with Session(store.engine) as session:
        return list(session.exec(select(CaseEvent).where(CaseEvent.kind == kind).order_by(col(CaseEvent.id))))


def test_the_defaults_are_the_translated_sentences_so_nothing_changes_until_a_manager_edits(store):
    for language in ("en", "es", "he"):
        wording = effective_wording(store.engine, language)
        assert wording.custom == frozenset()
        assert wording.texts == checkin_wording.defaults(translator(language))
    assert effective_wording(store.engine, "he").texts[PAGE_INTRO] == translator("he")(
        "Two quick questions. Your honest answer helps us, whatever it is."
    )
    assert (
        effective_wording(store.engine, "en").render(EMAIL_SUBJECT, {"reference": "AM-X"})
        == "Did we make it right? Your case AM-X"
    )


def test_a_managers_wording_is_used_in_the_check_in_email_of_that_language_only(store, open_case):
    save_wording(
        store.engine,
        manager(store),
        "en",
        {
            EMAIL_SUBJECT: "{name}, how did we do on {reference}?",
            EMAIL_INTRO: "{owner} here from {business}: we finished your job last week.",
        },
    )
    english, spanish = fulfilled(store, open_case), fulfilled(store, open_case, "es")
    reference = case_row(store, english).reference
    enqueue_due_checkins(store.engine, due_by=utcnow() + timedelta(days=30))

    by_case = {m.case_id: m for m in mails(store, "checkin")}
    assert by_case[english].subject == f"Alex, how did we do on {reference}?"
    assert "Dana Cohen here from Northwind Home Services: we finished your job last week." in by_case[english].body_text
    assert "we finished your job last week" in by_case[english].body_html
    es = translator("es")
    assert by_case[spanish].subject == es("Did we make it right? Your case {reference}").format(
        reference=case_row(store, spanish).reference
    )


def test_saving_the_default_again_goes_back_to_following_the_translation(store):
    boss = manager(store)
    save_wording(store.engine, boss, "es", {PAGE_INTRO: "Dos preguntas rápidas."})
    assert effective_wording(store.engine, "es").custom == {PAGE_INTRO}
    default = checkin_wording.defaults(translator("es"))[PAGE_INTRO]
    save_wording(store.engine, boss, "es", {PAGE_INTRO: default})
    assert effective_wording(store.engine, "es").custom == frozenset()
    with Session(store.engine) as session:
        assert session.exec(select(CheckinWording)).all() == []


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Hi {customer}, thanks", "{customer} is not a placeholder we can fill in. You can use: {name}, {reference}"),
        ("Hi {name.__class__}", "is not a placeholder"),
        ("Hi {0}", "{0} is not a placeholder"),
        ("Hi {name:>40}", "{name:>40} is not a placeholder"),
        ("Hi {name", "A curly brace is not closed"),
        ("   ", "Please write something here"),
        ("x" * 501, "please keep it under 500"),
    ],
)
def test_wording_with_a_problem_is_refused_with_a_message_and_nothing_is_stored(store, text, says):
    with pytest.raises(WordingProblems) as refused:
        save_wording(store.engine, manager(store), "en", {THANKS_GOOD: "Thanks, {name}!", PAGE_INTRO: text})
    assert list(refused.value.problems) == [PAGE_INTRO]
    assert says in refused.value.problems[PAGE_INTRO]
    assert effective_wording(store.engine, "en").custom == frozenset()  # the good part was not stored either


def test_braces_written_twice_are_literal_and_a_subject_stays_one_short_line(store):
    assert checkin_wording.problem("Score {{1-5}} for {reference}") is None
    assert checkin_wording.fill("Score {{1-5}} for {reference}", {"reference": "AM-1"}) == "Score {1-5} for AM-1"
    assert "one line" in (checkin_wording.problem("Line one\nline two", EMAIL_SUBJECT) or "")
    assert checkin_wording.problem("Line one\nline two", PAGE_INTRO) is None


def test_agents_cannot_change_or_reset_the_wording(store, agent):
    sam = agent
    with pytest.raises(NotAllowed):
        save_wording(store.engine, sam, "en", {PAGE_INTRO: "Hello"})
    with pytest.raises(NotAllowed):
        reset_wording(store.engine, sam, "en")
    assert audit(store, "checkin_wording_changed") == []


def test_saves_and_resets_are_audited_with_the_before_and_after(store):
    boss = manager(store)
    before = effective_wording(store.engine, "he").texts[QUESTION_RECOMMEND]
    unchanged = effective_wording(store.engine, "he").texts[PAGE_INTRO]
    save_wording(store.engine, boss, "he", {QUESTION_RECOMMEND: "האם תמליצו עלינו?", PAGE_INTRO: unchanged})
    [saved] = audit(store, "checkin_wording_changed")
    detail = json.loads(saved.detail)
    assert saved.actor == f"staff:{boss.id}" and saved.case_id is None
    assert detail == {"language": "he", "changes": {QUESTION_RECOMMEND: {"from": before, "to": "האם תמליצו עלינו?"}}}

    wording = reset_wording(store.engine, boss, "he")

    assert wording.texts[QUESTION_RECOMMEND] == before and wording.custom == frozenset()
    [reset] = audit(store, "checkin_wording_reset")
    assert json.loads(reset.detail)["parts"] == [QUESTION_RECOMMEND]
    reset_wording(store.engine, boss, "he")  # nothing to reset: nothing logged
    assert len(audit(store, "checkin_wording_reset")) == 1
