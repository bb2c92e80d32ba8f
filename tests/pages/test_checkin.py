"""The check-in page in AppTest, reached as customers reach it: the customer page with the email's ``?t=``."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from db.models import Case, OutboxMessage
from portal.i18n import translator
from tests.portal.test_followup import case_row, checkin_link, expire, fulfilled_case, mails
from tests.support import click, open_page, page_words


def words(at: AppTest) -> str:
    return "\n".join([page_words(at), *(i.value for i in at.info)]).replace("\\", "")


def answer(
    at: AppTest, made_it_right: int | None, recommend: int | None, comment: str = "", language: str = "en"
) -> AppTest:
    if made_it_right is not None:
        at.radio(key="checkin_csat").set_value(made_it_right)
    if recommend is not None:
        at.radio(key="checkin_nps").set_value(recommend)
    if comment:
        at.text_area(key="checkin_comment").input(comment)
    return click(at, translator(language)("Send my answer"))


def test_the_check_in_link_opens_the_form_and_a_good_answer_closes_the_case(store):
    case_id = fulfilled_case(store)
    at = open_page(token=checkin_link(store, case_id))
    assert not at.exception
    assert at.title[0].value == "Did we make it right?"
    assert at.radio(key="checkin_csat").options == ["1", "2", "3", "4", "5"]
    assert at.radio(key="checkin_nps").options == [str(n) for n in range(11)]
    assert "How likely are you to recommend us?" in at.radio(key="checkin_nps").label
    # A label is also the field's accessible name: screen readers read any backslash escaping it.
    assert at.text_area(key="checkin_comment").label == "Anything you'd like to tell us? (optional)"
    assert f"Your case {case_row(store, case_id).reference} at Northwind Home Services." in words(at)

    answer(at, 5, 9, "All <b>good</b> now")

    assert at.title[0].value == "Thank you!"
    assert "Your case is now closed" in words(at)
    case = case_row(store, case_id)
    assert case.status == "closed" and case.closed_at is not None


@pytest.mark.parametrize(("made_it_right", "recommend"), [(2, 9), (4, 6)])
def test_a_low_answer_reopens_the_case_and_tells_the_customer_someone_will_call(store, made_it_right, recommend):
    case_id = fulfilled_case(store)
    at = open_page(token=checkin_link(store, case_id))

    answer(at, made_it_right, recommend, "The furnace is noisy again")

    assert at.title[0].value == "Thank you for telling us"
    assert "Dana Cohen will contact you personally within one business day." in words(at)
    assert case_row(store, case_id).status == "reopened"
    [notice] = mails(store, "reopened")
    assert notice.to_address == "dana.cohen@northwind.example" and "The furnace is noisy again" in notice.body_text


def test_both_questions_are_needed(store):
    case_id = fulfilled_case(store)
    at = open_page(token=checkin_link(store, case_id))
    answer(at, 4, None, "Half an answer")
    assert [e.value for e in at.error] == ["Please answer both questions."]
    assert at.text_area(key="checkin_comment").value == "Half an answer"
    assert case_row(store, case_id).status == "fulfilled"


def test_opening_an_answered_link_again_thanks_instead_of_showing_the_form(store):
    case_id = fulfilled_case(store)
    token = checkin_link(store, case_id)
    answer(open_page(token=token), 5, 10)

    again = open_page(token=token)  # another day, another browser

    assert again.title[0].value == "Thank you, we already have your answer"
    assert not [r for r in again.radio if r.key in ("checkin_csat", "checkin_nps")]
    assert not any(b.label == "Send my answer" for b in again.button)


def test_a_second_tab_cannot_answer_twice(store):
    case_id = fulfilled_case(store)
    token = checkin_link(store, case_id)
    first, second = open_page(token=token), open_page(token=token)
    answer(first, 1, 0)
    answer(second, 5, 10)
    assert second.title[0].value == "Thank you, we already have your answer"
    assert case_row(store, case_id).status == "reopened"


def test_an_expired_link_offers_a_new_one_without_showing_the_case(store):
    case_id = fulfilled_case(store)
    token = checkin_link(store, case_id)
    expire(store, token)
    reference = case_row(store, case_id).reference

    at = open_page(token=token)

    assert at.title[0].value == "This link has expired"
    assert reference not in words(at) and "Alex" not in words(at) and "furnace" not in words(at).lower()
    assert "Your contact: Dana Cohen, dana.cohen@northwind.example" in words(at)
    click(at, "Send me a new link")
    assert "We have sent a new link to the email address we have on file." in words(at)
    assert not any(b.label == "Send me a new link" for b in at.button)
    assert len(mails(store, "checkin")) == 2

    other_browser = open_page(token=token)
    click(other_browser, "Send me a new link")
    assert "We sent a new link less than an hour ago." in words(other_browser)
    assert len(mails(store, "checkin")) == 2


def test_an_unknown_link_gets_the_friendly_page(store):
    fulfilled_case(store)
    at = open_page(token="Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0")
    assert not at.exception
    assert at.title[0].value == "We couldn't find this link"
    assert "Ask Dana Cohen for a new link: dana.cohen@northwind.example" in words(at)


def test_the_check_in_speaks_the_customers_language(store):
    case_id = fulfilled_case(store, language="he")
    at = open_page(token=checkin_link(store, case_id))
    assert not at.exception
    assert "שלום \u2068Alex\u2069," in words(at)  # "Hello {name}," from the Hebrew catalog, the name kept whole
    assert translator("he")("Send my answer") != "Send my answer"
    answer(at, 5, 10, language="he")
    assert case_row(store, case_id).status == "closed"
    with Session(store.engine) as session:
        assert session.exec(select(Case)).one().language == "he"
        assert {m.language for m in session.exec(select(OutboxMessage))} == {"he"}
