import json

import pytest
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import CaseEvent, RemedyOption
from portal.business import get_business, load_catalog
from portal.config import get_settings
from portal.errors import NotAllowed, StaleCase
from portal.recovery.catalog import BusinessSettings, RemedyDraft, all_remedies, save_remedy, update_business
from portal.recovery.catalog_text import missing_translations
from portal.recovery.remedies import offers_for
from portal.seed import seed_demo
from tests.support import manager


def audit(store, kind):
    with Session(store.engine) as session:
        return session.exec(select(CaseEvent).where(CaseEvent.kind == kind)).all()


def test_a_manager_adds_a_remedy_customers_then_see_for_that_category(store):
    actor = manager(store)
    saved = save_remedy(
        store.engine,
        actor,
        RemedyDraft(
            kind="credit", title="A $25 fuel voucher", value_cents=2500, max_value_cents=2500, categories=("delivery",)
        ),
    )
    assert saved.title in [o.title for o in offers_for("delivery", load_catalog(store.engine))]
    assert saved.title not in [o.title for o in offers_for("billing", load_catalog(store.engine))]
    [entry] = audit(store, "remedy_added")
    assert entry.actor == f"staff:{actor.id}" and entry.case_id is None
    assert json.loads(entry.detail)["after"]["title"] == "A $25 fuel voucher"


def test_retiring_a_remedy_hides_it_but_keeps_it(store):
    actor = manager(store)
    option = next(o for o in all_remedies(store.engine) if o.kind == "discount")
    save_remedy(
        store.engine,
        actor,
        RemedyDraft(kind="discount", title=option.title, percent=20, is_active=False),
        option_id=option.id,
    )
    assert option.id not in [o.id for o in load_catalog(store.engine)]
    assert option.id in [o.id for o in all_remedies(store.engine)]
    [entry] = audit(store, "remedy_changed")
    assert json.loads(entry.detail)["before"]["is_active"] is True


def test_a_manager_translates_an_entry_and_the_audit_log_says_what_changed(store):
    actor = manager(store)
    card = next(o for o in all_remedies(store.engine) if o.title.startswith("A handwritten card"))
    save_remedy(
        store.engine,
        actor,
        RemedyDraft(
            kind="gift",
            title=card.title,
            description=card.description,
            value_cents=card.value_cents,
            title_es="  Una tarjeta  ",
            title_he="כרטיס",
            description_he="בכתב יד.",
        ),
        option_id=card.id,
    )
    saved = next(o for o in all_remedies(store.engine) if o.id == card.id)
    assert (saved.title_es, saved.description_es, saved.title_he, saved.description_he) == (
        "Una tarjeta",
        "",
        "כרטיס",
        "בכתב יד.",
    )
    [entry] = audit(store, "remedy_changed")
    detail = json.loads(entry.detail)
    assert (
        detail["before"]["title_es"].startswith("Una tarjeta escrita") and detail["after"]["title_es"] == "Una tarjeta"
    )


def test_an_older_demo_database_gets_the_demo_translations_and_keeps_what_a_manager_wrote(store):
    with write_session(store.engine) as session:  # as the catalog was before it had translations ...
        for row in session.exec(select(RemedyOption)):
            row.title_es = row.description_es = row.title_he = row.description_he = ""
            session.add(row)
        credit = session.exec(select(RemedyOption).where(RemedyOption.kind == "credit")).one()
        credit.title_he = "זיכוי לשירות הבא שלך"  # ... but for a manager's own Hebrew
        card = session.exec(select(RemedyOption).where(col(RemedyOption.title).startswith("A handwritten"))).one()
        card.description = "Our own words."  # and an English description that is not the demo's any more
    seed_demo(store.engine, get_settings())
    catalog = {o.title: o for o in all_remedies(store.engine)}
    credit = catalog["A $50 credit on your next service"]
    assert credit.title_he == "זיכוי לשירות הבא שלך"
    assert credit.title_es == "Un crédito de 50 dólares para su próximo servicio"
    card = catalog["A handwritten card and a box of local chocolates"]
    assert card.title_es and card.title_he and missing_translations(card) == ["es", "he"]  # its description is not
    assert all(not missing_translations(o) for o in catalog.values() if o is not card)


@pytest.mark.parametrize(
    "draft, message",
    [
        (RemedyDraft(kind="credit", title="  "), "title is required"),
        (RemedyDraft(kind="credit", title="A card", title_he="כ" * 201), "Hebrew title under 200"),
        (RemedyDraft(kind="discount", title="Half off", percent=150), "between 1 and 100"),
        (RemedyDraft(kind="bribe", title="Cash"), "Unknown kind"),
        (
            RemedyDraft(kind="credit", title="x", max_value_cents=100, categories=("weather",)),
            "Unknown categories: weather",
        ),
        (RemedyDraft(kind="refund", title="Money back"), "need a maximum value"),
        (RemedyDraft(kind="credit", title="A $50 credit", value_cents=5000), "need a maximum value"),
        (
            RemedyDraft(kind="credit", title="A $50 credit", value_cents=5000, max_value_cents=2000),
            "more than the maximum",
        ),
        (
            RemedyDraft(kind="redo", title="Redo", max_value_cents=-1),
            "maximum value: Please enter an amount from 0 to 1,000,000",
        ),
    ],
)
def test_bad_remedies_are_refused_with_the_reason(store, draft, message):
    with pytest.raises(ValueError, match=message):
        save_remedy(store.engine, manager(store), draft)


def test_agents_cannot_change_the_catalog_or_policy_even_bypassing_the_page(store, agent):
    actor = agent
    with pytest.raises(NotAllowed):
        save_remedy(store.engine, actor, RemedyDraft(kind="credit", title="Free money", value_cents=10**6))
    business = get_business(store.engine)
    with pytest.raises(NotAllowed):
        update_business(store.engine, actor, BusinessSettings.of(business), business.version)


def test_policy_changes_are_saved_audited_and_guarded_against_stale_edits(store):
    actor = manager(store)
    business = get_business(store.engine)
    raised = BusinessSettings.of(business).__class__(
        **{**BusinessSettings.of(business).__dict__, "auto_approve_limit_cents": 7500}
    )
    update_business(store.engine, actor, raised, business.version)
    assert get_business(store.engine).auto_approve_limit_cents == 7500
    [entry] = audit(store, "policy_changed")
    assert json.loads(entry.detail)["changes"] == {"auto_approve_limit_cents": {"from": 5000, "to": 7500}}
    with pytest.raises(StaleCase):
        update_business(store.engine, actor, raised, business.version)  # the version it showed is gone


def test_policy_problems_are_all_named(store):
    business = get_business(store.engine)
    bad = BusinessSettings(
        **{**BusinessSettings.of(business).__dict__, "owner_email": "nope", "followup_delay_days": 30, "owner_name": ""}
    )
    with pytest.raises(ValueError) as raised:
        update_business(store.engine, manager(store), bad, business.version)
    for part in ("owner's name", "email", "1 and 14"):
        assert part in str(raised.value)


def test_the_maximum_and_the_pre_approval_are_saved_and_audited(store):
    actor = manager(store)
    option = next(o for o in all_remedies(store.engine) if "repair or replace" in o.title)
    save_remedy(
        store.engine,
        actor,
        RemedyDraft(
            kind=option.kind, title=option.title, categories=("damage",), max_value_cents=25000, pre_approved=True
        ),
        option_id=option.id,
    )
    saved = next(o for o in all_remedies(store.engine) if o.id == option.id)
    assert (saved.max_value_cents, saved.pre_approved) == (25000, True)
    [entry] = audit(store, "remedy_changed")
    detail = json.loads(entry.detail)
    assert (detail["before"]["max_value_cents"], detail["after"]["max_value_cents"]) == (100000, 25000)
    assert (detail["before"]["pre_approved"], detail["after"]["pre_approved"]) == (False, True)


def test_the_limit_on_what_one_customer_is_agreed_automatically_is_policy(store):
    actor = manager(store)
    business = get_business(store.engine)
    assert (business.auto_agree_max_count, business.auto_agree_max_cents, business.auto_agree_window_days) == (
        2,
        10000,
        90,
    )
    stricter = BusinessSettings(
        **{
            **BusinessSettings.of(business).__dict__,
            "auto_agree_max_count": 1,
            "auto_agree_max_cents": 5000,
            "auto_agree_window_days": 30,
        }
    )
    update_business(store.engine, actor, stricter, business.version)
    assert (get_business(store.engine).auto_agree_max_count, get_business(store.engine).auto_agree_window_days) == (
        1,
        30,
    )
    [entry] = audit(store, "policy_changed")
    assert json.loads(entry.detail)["changes"]["auto_agree_max_cents"] == {"from": 10000, "to": 5000}
    bad = BusinessSettings(
        **{**BusinessSettings.of(business).__dict__, "auto_agree_max_count": -1, "auto_agree_window_days": 0}
    )
    with pytest.raises(ValueError, match="cannot be negative.*1 to 730 days"):
        update_business(store.engine, actor, bad, get_business(store.engine).version)
