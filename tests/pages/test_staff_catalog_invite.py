"""Managers' catalog and policy page, and the invite page, in AppTest."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from sqlmodel import Session, select

from db.models import RemedyOption
from portal.back_office.staff import StaffActor, add_staff
from portal.business import get_business
from portal.entry.links import LinkState, resolve
from portal.recovery.catalog import RemedyDraft, all_remedies, save_remedy
from portal.recovery.remedies import Role
from tests.support import click, manager, open_page, paragraphs, sign_in_as, unescaped


def signed_in(path: str, actor: StaffActor):
    from streamlit.testing.v1 import AppTest

    from tests.support import ROOT

    at = AppTest.from_file(str(ROOT / path), default_timeout=30)
    sign_in_as(at, actor)
    return at.run()


def test_catalog_and_invite_pages_show_only_the_sign_in_without_a_session(store):
    for path in ("screens/catalog.py", "screens/invite.py"):
        at = open_page(path)
        assert at.title[0].value == "Staff sign-in"
        assert not at.dataframe and not any(b.label in ("Save policy", "Create link") for b in at.button)


def test_a_manager_raises_the_auto_approve_limit(store):
    at = signed_in("screens/catalog.py", manager(store))
    limit = next(n for n in at.number_input if n.label.startswith("Auto-approve"))
    limit.set_value(75.0)
    click(at, "Save policy")
    assert "Policy saved." in [s.value for s in at.success]
    assert get_business(store.engine).auto_approve_limit_cents == 7500


def test_a_bad_owner_email_is_refused_on_the_page(store):
    at = signed_in("screens/catalog.py", manager(store))
    next(t for t in at.text_input if t.label == "Owner's email").input("dana at northwind")
    click(at, "Save policy")
    assert any("email address doesn't look right" in e.value for e in at.error)
    assert get_business(store.engine).owner_email == store.logins.staff_email


def test_a_manager_adds_a_gift_from_the_page(store):
    at = signed_in("screens/catalog.py", manager(store))
    next(s for s in at.selectbox if s.label.startswith("Kind")).set_value("gift")
    next(t for t in at.text_input if t.label.startswith("Title")).input("A thank-you card from the team")
    click(at, "Save")
    with Session(store.engine) as session:
        gift = session.exec(select(RemedyOption).where(RemedyOption.title == "A thank-you card from the team")).one()
    assert gift.is_gift and gift.is_active


def test_an_agent_sees_the_catalog_but_cannot_save(store):
    member = add_staff(
        store.engine, email="sam@northwind.example", name="Sam", role="agent", password="long-password-1"
    )
    assert member.id is not None
    at = signed_in("screens/catalog.py", StaffActor(member.id, "Sam", member.email, Role.AGENT))
    assert any("Only managers" in i.value for i in at.info)
    assert all(b.disabled for b in at.button if b.label in ("Save policy", "Save"))
    assert at.dataframe  # the catalog itself is visible


def test_staff_create_an_invite_link_that_opens_the_prefilled_conversation(store):
    at = signed_in("screens/invite.py", manager(store))
    at.text_input(key="invite_name").input("Noa Levi")
    at.text_input(key="invite_email").input("noa@example.com")
    at.selectbox(key="invite_language").set_value("es")
    click(at, "Create link")
    url = at.code[0].value
    token = parse_qs(urlparse(url).query)["t"][0]
    link = resolve(store.engine, token)
    assert (
        link.state is LinkState.VALID
        and link.invite is not None
        and link.invite.customer_name == "Noa Levi"
        and link.invite.language == "es"
    )
    customer = open_page(token=token)
    assert "Hola, Noa Levi:" in paragraphs(customer)  # the invite's language


def test_a_bad_invite_email_is_explained_and_kept(store):
    at = signed_in("screens/invite.py", manager(store))
    at.text_input(key="invite_email").input("noa(at)example")
    click(at, "Create link")
    assert any("doesn't look right" in e.value for e in at.error)
    assert at.text_input(key="invite_email").value == "noa(at)example"
    assert not at.code


def test_an_invite_can_be_emailed_to_the_customer(store):
    from db.models import OutboxMessage

    at = signed_in("screens/invite.py", manager(store))
    at.text_input(key="invite_email").input("noa@example.com")
    at.checkbox(key="invite_send").check()
    click(at, "Create link")
    assert any("on its way to the customer by email" in s.value for s in at.success)
    with Session(store.engine) as session:
        message = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "invite")).one()
    assert message.to_address == "noa@example.com" and at.code[0].value in message.body_text


def test_emailing_an_invite_needs_an_address(store):
    at = signed_in("screens/invite.py", manager(store))
    at.checkbox(key="invite_send").check()
    click(at, "Create link")
    assert at.error and not at.code


def test_a_manager_caps_a_remedy_and_pre_approves_it_from_the_page(store):
    at = signed_in("screens/catalog.py", manager(store))
    with Session(store.engine) as session:
        repair = next(o for o in session.exec(select(RemedyOption)) if "repair or replace" in o.title)
    at.selectbox[0].set_value(repair.id).run()
    maximum = next(n for n in at.number_input if n.label.startswith("Maximum value"))
    assert maximum.value == 1000.0
    maximum.set_value(400.0)
    next(c for c in at.checkbox if c.label.startswith("Pre-approved")).check()
    click(at, "Save")
    with Session(store.engine) as session:
        saved = session.get_one(RemedyOption, repair.id)
    assert (saved.max_value_cents, saved.pre_approved) == (40000, True)
    assert "maximum" in at.dataframe[0].value.columns and "pre-approved" in at.dataframe[0].value.columns


def test_a_refund_without_a_maximum_is_refused_on_the_page(store):
    at = signed_in("screens/catalog.py", manager(store))
    next(s for s in at.selectbox if s.label.startswith("Kind")).set_value("refund")
    next(t for t in at.text_input if t.label.startswith("Title")).input("Your money back")
    click(at, "Save")
    assert any("need a maximum value" in e.value for e in at.error)
    assert next(t for t in at.text_input if t.label.startswith("Title")).value == "Your money back"
    with Session(store.engine) as session:
        assert not session.exec(select(RemedyOption).where(RemedyOption.title == "Your money back")).first()


def test_a_manager_sets_what_one_customer_is_agreed_automatically(store):
    at = signed_in("screens/catalog.py", manager(store))
    fields = {n.label: n for n in at.number_input}
    assert (
        fields["Remedies at most"].value,
        fields["Total value at most (USD)"].value,
        fields["Within this many days"].value,
    ) == (2, 100.0, 90)
    fields["Remedies at most"].set_value(3)
    fields["Total value at most (USD)"].set_value(250.0)
    fields["Within this many days"].set_value(30)
    click(at, "Save policy")
    assert "Policy saved." in [s.value for s in at.success]
    business = get_business(store.engine)
    assert (business.auto_agree_max_count, business.auto_agree_max_cents, business.auto_agree_window_days) == (
        3,
        25000,
        30,
    )


def remedy_field(at, label: str):
    """The remedy form's field labelled ``label`` (a text input or a text area)."""
    return next(f for f in [*at.text_input, *at.text_area] if f.label == label)


def test_a_manager_adds_a_gift_in_three_languages_from_the_page(store):
    at = signed_in("screens/catalog.py", manager(store))
    assert not at.warning  # the demo catalog is translated throughout
    next(s for s in at.selectbox if s.label.startswith("Kind")).set_value("gift")
    for label, words in (
        ("Title, as the customer reads it", "A thank-you card from the team"),
        ("Description (optional)", "Signed by everyone who worked on it."),
        ("Title in Spanish", "Una tarjeta de agradecimiento del equipo"),
        ("Description in Spanish", "Firmada por todos los que trabajaron en ello."),
        ("Title in Hebrew", "כרטיס תודה מהצוות"),
        ("Description in Hebrew", "חתום על ידי כל מי שעבד על זה."),
    ):
        remedy_field(at, label).input(words)
    click(at, "Save")
    with Session(store.engine) as session:
        gift = session.exec(select(RemedyOption).where(RemedyOption.title == "A thank-you card from the team")).one()
    assert (gift.title_es, gift.title_he, gift.description_he) == (
        "Una tarjeta de agradecimiento del equipo",
        "כרטיס תודה מהצוות",
        "חתום על ידי כל מי שעבד על זה.",
    )
    assert not at.warning


def _fields_inside(node, key_part: str, inside: bool = False) -> list[str]:
    """The labels of the text fields under ``node`` that sit in a container whose key holds ``key_part``."""
    if not hasattr(node, "children"):
        return [node.label] if inside and node.type in ("text_input", "text_area") else []
    inside = inside or key_part in (getattr(getattr(node, "proto", None), "id", "") or "")
    return [label for child in node.children.values() for label in _fields_inside(child, key_part, inside)]


def test_the_hebrew_fields_read_right_to_left(store):
    at = signed_in("screens/catalog.py", manager(store))
    assert _fields_inside(at._tree, "rtlfields_") == ["Title in Hebrew", "Description in Hebrew"]
    assert any(
        h.proto.body and '[class*="st-key-rtlfields_"] input {\n  direction: rtl;' in h.proto.body
        for h in at.get("html")
    )


def test_the_page_lists_the_entries_customers_would_read_in_english(store):
    actor = manager(store)
    save_remedy(store.engine, actor, RemedyDraft(kind="gift", title="A plant for your garden", title_es="Una planta"))
    card = next(o for o in all_remedies(store.engine) if o.title.startswith("A handwritten card"))
    save_remedy(
        store.engine,
        actor,
        RemedyDraft(
            kind="gift",
            title=card.title,
            description=card.description,
            title_es=card.title_es,
            description_es=card.description_es,
            title_he=card.title_he,
        ),
        option_id=card.id,
    )
    save_remedy(store.engine, actor, RemedyDraft(kind="gift", title="A retired mug", is_active=False))
    at = signed_in("screens/catalog.py", actor)
    [warning] = at.warning
    listed = unescaped(warning.value)
    assert "- A plant for your garden: no Hebrew" in listed
    assert "- A handwritten card and a box of local chocolates: no Hebrew" in listed
    assert "mug" not in listed and "credit" not in listed  # retired entries reach no customer; the rest is translated
    table = at.dataframe[0].value
    marks = dict(zip(table["title"], table["not translated into"]))
    assert marks["A plant for your garden"] == "Hebrew" and marks["A retired mug"] == "Spanish, Hebrew"
    assert marks["A $50 credit on your next service"] == ""


def test_editing_an_entry_shows_its_translations_and_a_blanked_one_is_listed(store):
    at = signed_in("screens/catalog.py", manager(store))
    credit = next(o for o in all_remedies(store.engine) if o.kind == "credit")
    next(s for s in at.selectbox if s.label == "Add or change").set_value(credit.id).run()
    assert remedy_field(at, "Title in Spanish").value == "Un crédito de 50 dólares para su próximo servicio"
    assert remedy_field(at, "Title in Hebrew").value == "זיכוי של 50 דולר לשירות הבא"
    remedy_field(at, "Title in Spanish").input("")
    click(at, "Save")
    assert "- A $50 credit on your next service: no Spanish" in unescaped(at.warning[0].value)
