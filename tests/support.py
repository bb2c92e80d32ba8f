"""Helpers that drive the customer page in AppTest the way a customer clicks through it."""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest
import streamlit.testing.v1.local_script_runner as local_script_runner
from sqlalchemy import Engine, event
from sqlmodel import Session, col, select
from streamlit.testing.v1 import AppTest

from db.engine import get_engine, write_session
from db.models import OutboxMessage, StaffMember
from portal.back_office.staff import StaffActor, get_actor
from portal.back_office.staff_sessions import start_session
from portal.config import get_settings
from portal.delivery.emails import KIND_VERIFY
from portal.entry.intake import VERIFY_PARAM
from portal.entry.invites import create_invite
from portal.recovery import journey
from portal.recovery.cases import RemedyChoice, submit_case
from portal.recovery.journey import Draft, StoryForm
from portal.recovery.remedies import Role
from portal.ui.staff_session import SESSION_ID_KEY
from portal.ui.tab import TAB_KEY, CustomerTab

ROOT = Path(__file__).resolve().parent.parent
FURNACE_STORY = "I booked a furnace repair for 9:00. Your mechanic arrived at 10:30 and did not call ahead."
FURNACE_BOTHERED = "Your mechanic was 90 minutes late to fix my furnace"
# The agreement a customer ticks before accepting a remedy that is not money back (portal.recovery.remedies.needs_consent).
AGREED = "I agree to receive this instead of my money back."

T = TypeVar("T")


def present(value: T | None, what: str) -> T:
    """``value``, which the test knows is there (a row it stored and reads back, a field the code under test set):
    ``X | None`` narrowed to ``X``, and the test failed with ``what`` named where it is missing after all."""
    if value is None:
        pytest.fail(f"expected {what}, found None")
    return value


class _Row(Protocol):
    @property
    def id(self) -> int | None: ...


def row_id(row: _Row) -> int:
    """The id of a row the test has stored (flushed or committed); SQLModel types every id ``int | None``."""
    return present(row.id, f"an id on the {type(row).__name__} (is it stored?)")


def sign_in_as(at: AppTest, actor: StaffActor) -> str:
    """Sign ``at`` in as ``actor`` the way the sign-in route does (a real session row), handing the page the
    session's id where a browser sends its cookie (AppTest carries none: portal/ui/staff_session.SESSION_ID_KEY).
    Returns the id."""
    raw = start_session(get_engine(get_settings().db_url), actor)
    at.session_state[SESSION_ID_KEY] = raw
    return raw


def staff_page(path: str, actor: StaffActor | None, **params: str) -> AppTest:
    """A staff page on its own after its first run, signed in as ``actor`` (None: signed out), with ``params``
    in its address."""
    at = AppTest.from_file(str(ROOT / path), default_timeout=30)
    if actor is not None:
        sign_in_as(at, actor)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def open_page(path: str = "screens/customer.py", token: str | None = None, *, draft: str | None = None) -> AppTest:
    """A new session on the page: ``token`` is the link's ``t``, ``draft`` a kept conversation's ``d``."""
    at = AppTest.from_file(str(ROOT / path), default_timeout=30)
    if token:
        at.query_params["t"] = token
    if draft:
        at.query_params["d"] = draft
    return at.run()


def link_token(at: AppTest) -> str:
    """The ``t`` in the page's address as it stands (a sent case's own link, once the page has moved to it)."""
    value = at.query_params["t"]
    return value[0] if isinstance(value, list) else value


def tab(at: AppTest) -> CustomerTab:
    """What the page keeps for this session between reruns (portal/ui/tab.py): its conversation, for one."""
    return at.session_state[TAB_KEY]


def drafted(at: AppTest) -> Draft:
    """The conversation the page keeps (``tab(at).draft``), where the test has one going."""
    draft = tab(at).draft
    assert draft is not None, "the page keeps no conversation"
    return draft


def actor_now(engine: Engine, staff_id: int | None) -> StaffActor:
    """The staff member as they are now (``get_actor``), for an account the test knows is there and active."""
    return present(get_actor(engine, present(staff_id, "a staff id")), f"an active staff account {staff_id}")


def button(at: AppTest, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return matches[0]


def click(at: AppTest, label: str) -> AppTest:
    button(at, label).click()
    at.run()
    assert not at.exception, at.exception
    return at


def click_in_fragment(at: AppTest, label: str) -> AppTest:
    """Click ``label`` as a browser does when the button sits in the page's fragment (``rerun_in_fragment``)."""
    button(at, label).click()
    return rerun_in_fragment(at)


def rerun_in_fragment(at: AppTest, fragment_id: str | None = None) -> AppTest:
    """After a widget in a fragment was used (by default the page's, ``page_fragment``), rerun as a browser asks:
    that fragment alone. ``at`` then holds what the run drew: the fragment's elements, or the whole page if the run
    turned into a full one."""
    run_fragment(at, fragment_id or page_fragment(at))
    assert not at.exception, at.exception
    return at


def page_fragment(at: AppTest) -> str:
    """The page's fragment that holds the step: the customer's conversation (``customer_page.conversation``), or
    the case's details (``case_details``)."""
    return _the_fragment(at, "conversation", "case_details")


def poll_fragment(at: AppTest) -> str:
    """The fragment that polls for the emailed link while "Confirm your email" waits for the code
    (``portal/ui/intake._wait_for_link``)."""
    return _the_fragment(at, "_wait_for_link")


def _the_fragment(at: AppTest, *functions: str) -> str:
    """The id of the one fragment drawn that runs one of ``functions``."""
    (found,) = (id_ for id_, function in drawn_fragments(at).items() if function in functions)
    return found


def drawn_fragments(at: AppTest) -> dict[str, str]:
    """The fragments ``at``'s page drew, by id: the name of the function each runs (which Streamlit keeps only in
    the closure it stores for the fragment's reruns)."""
    storage = at._fragment_storage
    return {id_: _function_name(storage.lookup(id_)) for id_ in storage.ids_registered_after(0)}


def _function_name(stored: Callable[[], object]) -> str:
    functions = [cell.cell_contents for cell in stored.__closure__ or () if inspect.isfunction(cell.cell_contents)]
    return next(f.__name__ for f in functions if f.__name__ != "wrapped_fragment")


def run_fragment(at: AppTest, fragment_id: str) -> None:
    """Rerun one fragment of ``at``'s page, as a served app does when a widget inside it is used: the browser sends
    the fragment's id with its rerun request (``AppSession``), and the script runner calls the fragment alone.
    AppTest itself always reruns the whole script."""
    original = local_script_runner.RerunData
    local_script_runner.RerunData = partial(original, fragment_id=fragment_id)  # type: ignore[misc, assignment]  # patched for the length of a run, then restored
    try:
        at.run()
    finally:
        local_script_runner.RerunData = original  # type: ignore[misc]  # patched for the length of a run, then restored


def texts(at: AppTest) -> list[str]:
    """Every literal text element on the page (where customer text is shown)."""
    return [t.value for t in at.text]


def paragraphs(at: AppTest) -> list[str]:
    """Every paragraph of the literal texts on the page (a text may hold several, such as the welcome card)."""
    return [paragraph for text in texts(at) for paragraph in text.split("\n\n")]


def unescaped(markdown: str) -> str:
    """Markdown of ours as it reads: links as their text, our few HTML tags left out (``widgets.unbroken``,
    ``widgets.phone_link``), escapes undone (``widgets.escape_markdown``), the invisible isolates of right-to-left
    pages dropped (``portal.bidi``)."""
    plain = re.sub(r"<[^<>]+>|[\u2068\u2069]", "", markdown)
    readable = re.sub(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]\([^)]*\)", r"\1", plain)
    return re.sub(r"\\(.)", r"\1", readable)


def _heading(at: AppTest, level: int) -> str:
    """The first Markdown heading of this level on the page, as it reads."""
    for block in at.markdown:
        found = re.search(rf"^{'#' * level} (.+)$", block.value, re.MULTILINE)
        if found:
            return unescaped(found.group(1))
    return ""


def case_title(at: AppTest) -> str:
    """The customer's case page's title ("Your case AM-..."), the first line of its opening Markdown."""
    return _heading(at, 1)


def step_title(at: AppTest) -> str:
    """The conversation step's title, as the customer reads it (under "Step N of M", portal/ui/widgets.step_header)."""
    return _heading(at, 3)


def page_words(at: AppTest) -> str:
    """What the page says in words: literal texts, Markdown as it reads, messages, titles and headings."""
    parts = [
        *texts(at),
        *(unescaped(m.value) for m in at.markdown),
        *(e.value for e in at.error),
        *(s.value for s in at.success),
        *(t.value for t in at.title),
        *(h.value for h in at.subheader),
    ]
    return "\n".join(str(p) for p in parts)


def tell_story(
    at: AppTest,
    *,
    email: str = "alex@example.com",
    story: str = FURNACE_STORY,
    bothered: str = FURNACE_BOTHERED,
    name: str = "Alex",
) -> AppTest:
    if any(b.label == "Tell us what happened" for b in at.button):
        click(at, "Tell us what happened")
    asked = {field.key for field in at.text_input}  # an invite's name and address are not asked again
    if "story_name" in asked:
        at.text_input(key="story_name").input(name)
    if "story_email" in asked:
        at.text_input(key="story_email").input(email)
    at.text_area(key="story_story").input(story)
    at.text_area(key="story_bothered").input(bothered)
    return confirm_email(give_contact(click(at, "Continue"), name=name, email=email))


def give_contact(at: AppTest, *, name: str = "Alex", email: str = "alex@example.com") -> AppTest:
    """On the public link's "How can we reach you?" step, give a name and address and ask for the code; on any
    other step, nothing."""
    if not any(t.key == "contact_email" for t in at.text_input):
        return at
    at.text_input(key="contact_name").input(name)
    at.text_input(key="contact_email").input(email)
    (send,) = at.button  # "Send me a code", in the page's language
    send.click()
    at.run()
    assert not at.exception, at.exception
    return at


def give_details(at: AppTest, *, order: str | None = None, amount: float | None = None) -> AppTest:
    """On the details step, fill what is given and continue; then the same on the order and photos step (everything
    on both is optional): on to the remedies."""
    if amount is not None:
        at.number_input(key="details_amount").set_value(amount)
    click(at, "Continue")
    if order is not None:
        at.text_input(key="evidence_order").input(order)
    return click(at, "Continue")


def nothing_more(at: AppTest, **details: object) -> AppTest:
    """The apology's "No, that's everything", then the details and photos steps (``give_details``): on to the
    remedies."""
    return give_details(click(at, "No, that's everything"), **details)  # type: ignore[arg-type]  # the test's details, passed on as given


def emailed(engine: Engine, to: str) -> str:
    """The text of the newest "confirm your email" message to ``to``, from the outbox (the customer's inbox)."""
    with Session(engine) as session:
        body = session.exec(
            select(OutboxMessage.body_text)
            .where(OutboxMessage.kind == KIND_VERIFY, OutboxMessage.to_address == to)
            .order_by(col(OutboxMessage.id).desc())
        ).first()
    assert body, f"no verification email to {to}"
    return body


def emailed_code(engine: Engine, to: str) -> str:
    """The 6-digit code in the newest verification email to ``to``."""
    found = re.search(r"^\s+(\d{6})\s*$", emailed(engine, to), re.MULTILINE)
    assert found, emailed(engine, to)
    return found.group(1)


def emailed_link_token(engine: Engine, to: str) -> str:
    """The one-time token of the link in the newest verification email to ``to``."""
    found = re.search(rf"[?&]{VERIFY_PARAM}=([A-Za-z0-9_-]+)", emailed(engine, to))
    assert found, emailed(engine, to)
    return found.group(1)


def store_engine() -> Engine:
    """The engine of the store the page under test uses (the ``store`` fixture sets it in the settings)."""
    return get_engine(get_settings().db_url)


def confirm_email(at: AppTest) -> AppTest:
    """On the "confirm your email" step (public link), type the code from the email as the customer does;
    on any other step, nothing."""
    if not any(t.key == "verify_code" for t in at.text_input):
        return at
    at.text_input(key="verify_code").input(emailed_code(store_engine(), drafted(at).email_normalized))
    at.button(key="verify_confirm").click()
    at.run()
    assert not at.exception, at.exception
    return at


def reach_remedy(at: AppTest) -> AppTest:
    tell_story(at)
    click(at, "Yes, that's right")
    return nothing_more(at)


def choose_offer(at: AppTest, option_id: int) -> AppTest:
    """Pick a catalog offer and confirm; one that is not money back shows an agreement box, which is ticked."""
    at.radio(key="remedy_choice").set_value(f"opt:{option_id}").run()
    for consent in (c for c in at.checkbox if c.key == f"consent_opt:{option_id}"):
        consent.check()
    return click(at, "Confirm my choice")


def propose(at: AppTest, text: str, amount: float | None) -> AppTest:
    at.radio(key="remedy_choice").set_value("own")
    at.run()
    at.text_area(key="proposal_text").input(text)
    if amount is not None:
        at.number_input(key="proposal_amount").set_value(amount)
    return click(at, "Confirm my choice")


def manager(store) -> StaffActor:
    """The demo business's manager (the owner the seed creates)."""
    with Session(store.engine) as session:
        member = session.exec(select(StaffMember).where(StaffMember.email == store.logins.staff_email)).one()
    return StaffActor(id=row_id(member), name=member.name, email=member.email, role=Role.MANAGER)


def invite_token(store, **invite: Any) -> str:
    """The ``t`` of a new invite from the demo's manager (``invite``: create_invite's options, e.g. customer_name,
    email, order_ref, language, amount_cents)."""
    link = create_invite(store.engine, manager(store), **invite)
    return link.url.split("t=")[1]


def agent(store) -> StaffActor:
    """A second, agent-role account (no usable password: tests act as it directly)."""
    with write_session(store.engine) as session:
        member = StaffMember(email="sam@northwind.example", name="Sam Agent", role="agent", password_hash="x")
        session.add(member)
        session.flush()
        return StaffActor(id=row_id(member), name=member.name, email=member.email, role=Role.AGENT)


def ready_draft(
    *,
    language: str = "en",
    name: str = "Alex",
    email: str = "alex@example.com",
    story: str = FURNACE_STORY,
    bothered: str = FURNACE_BOTHERED,
    amount: str | None = None,
    correction: str | None = None,
    more: tuple[str, ...] = (),
) -> Draft:
    """A conversation walked to the remedy step the way a customer walks it (optionally one correction
    and some "anything else" items)."""
    draft = Draft(language=language)
    form = StoryForm(name=name, email=email, story=story, bothered_most=bothered)
    assert journey.submit_story(draft, form) == []
    if correction:
        assert journey.correct(draft, correction) == []
    journey.confirm(draft)
    for item in more:
        assert journey.add_more(draft, item) == []
        journey.confirm(draft)
    journey.nothing_more(draft)
    assert journey.submit_details(draft, date.today(), amount=amount) == []
    assert journey.submit_evidence(draft, "") == []
    return draft


OpenCase = Callable[..., int]  # the open_case fixture: open_case(**options) -> the new case's id


def open_case(engine: Engine, *, text: str | None = None, amount_cents: int | None = 40000, **draft: Any) -> int:
    """A case opened with the customer's own proposal (awaiting approval above the $50 auto-approve limit);
    ``draft`` goes to ``ready_draft``. The proposal's words name its amount ("Refund the whole $400 visit")
    unless ``text`` says otherwise."""
    if text is None:
        text = f"Refund the whole ${amount_cents / 100:,.0f} visit" if amount_cents is not None else "Refund the visit"
    choice = RemedyChoice(proposal_text=text, proposal_amount_cents=amount_cents)
    # A fixture for staff-side tests, not a customer on the public link: it vouches for the address itself.
    return submit_case(engine, ready_draft(**draft), choice, trusted_caller="tests.support.open_case").case_id


@contextmanager
def counted_queries(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run inside the block (SQLite's explicit BEGIN left out)."""
    statements: list[str] = []

    def log(conn, cursor, statement, *args):
        if not statement.startswith("BEGIN"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", log)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", log)


def corpus(language: str) -> list[dict[str, str]]:
    """The answers the project keeps for ``language`` (benchmarks/corpus), as the conversation benchmark reads them."""
    path = ROOT / "benchmarks" / "corpus" / f"{language}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
