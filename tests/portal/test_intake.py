"""The public intake (portal.entry.intake) and its enforcement in submit_case: codes and links, resends, the hourly
limits per email and per client address, the honeypot log, and invites that need none of it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, col, select

from db.models import Case, EmailVerification, IntakeAttempt, OutboxMessage, utcnow
from portal.config import get_settings
from portal.delivery.emails import KIND_VERIFY, NAME_IN_EMAIL
from portal.entry import intake
from portal.entry.intake import CodeState, IntakeRefused, Outcome
from portal.recovery import journey
from portal.recovery.cases import RemedyChoice, submit_case
from portal.recovery.journey import Draft, StoryForm
from tests.support import emailed, emailed_code, emailed_link_token, ready_draft

EMAIL = "alex@example.com"
SOURCE = "ip:203.0.113.7"
CHOICE = RemedyChoice(proposal_text="Refund the call-out fee", proposal_amount_cents=2000)


def start(store, draft: Draft | None = None, *, email: str = EMAIL, source: str = SOURCE, now=None):
    draft = draft or ready_draft(email=email)
    state = intake.start_verification(
        store.engine,
        draft.email_normalized,
        draft.submission_key,
        source,
        draft.language,
        name=draft.form.name,
        now=now,
    )
    return draft, state


def verified_draft(store, *, email: str = EMAIL, source: str = SOURCE) -> Draft:
    """A draft at the remedy step whose address was confirmed the way a customer does it: the emailed code."""
    draft, _state = start(store, email=email, source=source)
    code = emailed_code(store.engine, draft.email_normalized)
    assert (
        intake.confirm_code(store.engine, draft.submission_key, draft.email_normalized, code, source).state
        is CodeState.VERIFIED
    )
    return draft


def log(store) -> list[tuple[str, str, str]]:
    """The intake log, oldest first, as (outcome, email, source)."""
    with Session(store.engine) as session:
        rows = session.exec(select(IntakeAttempt).order_by(col(IntakeAttempt.id))).all()
    return [(r.outcome, r.email, r.source) for r in rows]


def verify_emails(store) -> list[OutboxMessage]:
    with Session(store.engine) as session:
        return list(
            session.exec(
                select(OutboxMessage).where(OutboxMessage.kind == KIND_VERIFY).order_by(col(OutboxMessage.id))
            ).all()
        )


def cases(store) -> int:
    with Session(store.engine) as session:
        return len(session.exec(select(Case.id)).all())


def a_wrong_code(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


# --- the code -------------------------------------------------------------------------------------------------


def test_the_emailed_code_confirms_the_address_and_a_wrong_one_does_not(store):
    draft, state = start(store)
    assert state.state is CodeState.PENDING and state.wrong_codes_left == 5
    [message] = verify_emails(store)
    assert message.to_address == EMAIL and message.case_id is None
    assert message.status == "sent"  # handed over at once (the demo's folder here), not left for the worker
    code = emailed_code(store.engine, EMAIL)
    assert code in message.subject
    assert "15 minutes" in message.body_text and "?verify=" in message.body_text

    wrong = intake.confirm_code(store.engine, draft.submission_key, EMAIL, a_wrong_code(code), SOURCE)
    assert wrong.state is CodeState.PENDING and wrong.wrong_codes_left == 4
    assert not intake.is_verified(store.engine, draft.submission_key, EMAIL)

    right = intake.confirm_code(store.engine, draft.submission_key, EMAIL, f" {code[:3]} {code[3:]} ", SOURCE)
    assert right.state is CodeState.VERIFIED  # spaces from copying are fine
    assert intake.is_verified(store.engine, draft.submission_key, EMAIL)
    assert intake.is_verified(store.engine, draft.submission_key, "Alex@Example.com")  # the same address
    assert not intake.is_verified(store.engine, draft.submission_key, "someone.else@example.com")
    assert not intake.is_verified(store.engine, "another-draft", EMAIL)
    assert log(store) == [("code_wrong", EMAIL, SOURCE)]


def test_only_hashes_of_the_code_and_the_link_are_stored(store):
    draft, _state = start(store)
    code, token = emailed_code(store.engine, EMAIL), emailed_link_token(store.engine, EMAIL)
    with Session(store.engine) as session:
        row = session.exec(select(EmailVerification)).one()
    stored = " ".join(str(value) for value in row.model_dump().values())
    assert code not in stored.replace(row.code_hash, "").replace(row.code_salt, "").replace(row.link_hash, "")
    assert token not in stored


def test_an_expired_code_is_refused_and_a_new_one_can_be_had_at_once(store):
    draft, _state = start(store)
    old_code = emailed_code(store.engine, EMAIL)
    later = utcnow() + intake.CODE_LIFETIME + timedelta(seconds=1)
    assert intake.current(store.engine, draft.submission_key, EMAIL, now=later).state is CodeState.EXPIRED
    expired = intake.confirm_code(store.engine, draft.submission_key, EMAIL, old_code, SOURCE, now=later)
    assert expired.state is CodeState.EXPIRED
    assert not intake.is_verified(store.engine, draft.submission_key, EMAIL)

    intake.resend_code(store.engine, EMAIL, draft.submission_key, SOURCE, "en", now=later)  # no wait once expired
    new_code = emailed_code(store.engine, EMAIL)
    assert len(verify_emails(store)) == 2
    if new_code != old_code:  # one in a million they are the same
        wrong = intake.confirm_code(store.engine, draft.submission_key, EMAIL, old_code, SOURCE, now=later)
        assert wrong.state is CodeState.PENDING  # the earlier code no longer works
    assert (
        intake.confirm_code(store.engine, draft.submission_key, EMAIL, new_code, SOURCE, now=later).state
        is CodeState.VERIFIED
    )
    assert log(store)[0] == ("code_expired", EMAIL, SOURCE)


def test_five_wrong_codes_kill_the_code_even_for_the_right_one_after(store):
    draft, _state = start(store)
    code = emailed_code(store.engine, EMAIL)
    states = [
        intake.confirm_code(store.engine, draft.submission_key, EMAIL, a_wrong_code(code), SOURCE)
        for _ in range(intake.WRONG_CODES_ALLOWED)
    ]
    assert [s.wrong_codes_left for s in states] == [4, 3, 2, 1, 0]
    assert states[-1].state is CodeState.LOCKED
    assert intake.confirm_code(store.engine, draft.submission_key, EMAIL, code, SOURCE).state is CodeState.LOCKED
    assert not intake.is_verified(store.engine, draft.submission_key, EMAIL)
    assert [entry[0] for entry in log(store)] == ["code_wrong"] * 5 + ["code_locked"]
    # A new code works (the resend needs no wait once the code is dead).
    intake.resend_code(store.engine, EMAIL, draft.submission_key, SOURCE, "en")
    assert (
        intake.confirm_code(store.engine, draft.submission_key, EMAIL, emailed_code(store.engine, EMAIL), SOURCE).state
        is CodeState.VERIFIED
    )


def test_going_back_and_forth_sends_no_second_email(store):
    draft, first = start(store)
    _draft, second = start(store, draft)
    assert len(verify_emails(store)) == 1 and second.expires_at == first.expires_at


def test_a_changed_address_needs_its_own_code(store):
    draft, _state = start(store)
    intake.confirm_code(store.engine, draft.submission_key, EMAIL, emailed_code(store.engine, EMAIL), SOURCE)
    other = "alex.new@example.com"
    intake.start_verification(store.engine, other, draft.submission_key, SOURCE, "en")
    assert [m.to_address for m in verify_emails(store)] == [EMAIL, other]
    assert not intake.is_verified(store.engine, draft.submission_key, other)


def test_the_email_speaks_the_customers_language(store):
    draft = ready_draft(language="es", email=EMAIL)
    start(store, draft)
    [message] = verify_emails(store)
    assert message.language == "es"
    assert 'lang="es"' in message.body_html


# --- resending ----------------------------------------------------------------------------------------------


def test_a_resend_waits_a_minute_and_then_retires_the_earlier_code(store):
    draft, state = start(store)
    first_code = emailed_code(store.engine, EMAIL)
    with pytest.raises(IntakeRefused) as refused:
        intake.resend_code(store.engine, EMAIL, draft.submission_key, SOURCE, "en")
    assert refused.value.outcome is Outcome.RESEND_TOO_SOON and 50 <= refused.value.seconds <= 60
    assert len(verify_emails(store)) == 1

    later = utcnow() + intake.RESEND_AFTER + timedelta(seconds=1)
    intake.resend_code(store.engine, EMAIL, draft.submission_key, SOURCE, "en", now=later)
    assert len(verify_emails(store)) == 2
    second_code = emailed_code(store.engine, EMAIL)
    if second_code != first_code:
        assert (
            intake.confirm_code(store.engine, draft.submission_key, EMAIL, first_code, SOURCE, now=later).state
            is CodeState.PENDING
        )
    assert (
        intake.confirm_code(store.engine, draft.submission_key, EMAIL, second_code, SOURCE, now=later).state
        is CodeState.VERIFIED
    )
    assert log(store)[0] == ("resend_too_soon", EMAIL, SOURCE)


# --- the link -----------------------------------------------------------------------------------------------


def test_the_emailed_link_confirms_once_and_opens_nothing_the_second_time(store):
    """Whoever opens the link may carry the conversation on: a second and a third browser must not."""
    draft, _state = start(store)
    token = emailed_link_token(store.engine, EMAIL)
    result = intake.confirm_link(store.engine, token, "ip:203.0.113.7")
    assert result.confirmed and result.submission_key == draft.submission_key and result.email == EMAIL
    assert intake.is_verified(store.engine, draft.submission_key, EMAIL)
    for browser in ("ip:198.51.100.2", "ip:198.51.100.3"):
        again = intake.confirm_link(store.engine, token, browser)
        assert not again.confirmed and again.outcome is Outcome.LINK_USED
    assert [entry[0] for entry in log(store)] == ["link_used", "link_used"]
    assert intake.is_verified(store.engine, draft.submission_key, EMAIL)  # the address stays confirmed


def test_the_link_opens_nothing_once_expired_even_when_the_code_confirmed_the_address(store):
    draft, _state = start(store)
    code = emailed_code(store.engine, EMAIL)
    assert intake.confirm_code(store.engine, draft.submission_key, EMAIL, code, SOURCE).state is CodeState.VERIFIED
    late = utcnow() + intake.CODE_LIFETIME + timedelta(seconds=1)
    result = intake.confirm_link(store.engine, emailed_link_token(store.engine, EMAIL), "ip:198.51.100.2", now=late)
    assert not result.confirmed and result.outcome is Outcome.LINK_EXPIRED


def test_the_link_still_opens_once_after_the_code_confirmed_the_address(store):
    draft, _state = start(store)
    code = emailed_code(store.engine, EMAIL)
    intake.confirm_code(store.engine, draft.submission_key, EMAIL, code, SOURCE)
    token = emailed_link_token(store.engine, EMAIL)
    assert intake.confirm_link(store.engine, token, SOURCE).confirmed  # the phone that lost the tab carries on
    assert intake.confirm_link(store.engine, token, SOURCE).outcome is Outcome.LINK_USED


def test_two_browsers_opening_the_link_at_once_get_it_once(store):
    start(store)
    token = emailed_link_token(store.engine, EMAIL)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda n: intake.confirm_link(store.engine, token, f"ip:198.51.100.{n}"), range(4)))
    assert sorted(str(r.outcome) for r in results) == ["None", "link_used", "link_used", "link_used"]


def test_bad_links_are_refused_logged_and_then_throttled(store):
    draft, _state = start(store)
    old_token = emailed_link_token(store.engine, EMAIL)
    later = utcnow() + intake.RESEND_AFTER + timedelta(seconds=1)
    intake.resend_code(store.engine, EMAIL, draft.submission_key, SOURCE, "en", now=later)
    assert intake.confirm_link(store.engine, old_token, SOURCE, now=later).outcome is Outcome.LINK_REPLACED
    expired = later + intake.CODE_LIFETIME
    new_token = emailed_link_token(store.engine, EMAIL)
    assert intake.confirm_link(store.engine, new_token, SOURCE, now=expired).outcome is Outcome.LINK_EXPIRED
    assert not intake.is_verified(store.engine, draft.submission_key, EMAIL)

    scanner = "ip:198.51.100.9"
    outcomes = [
        intake.confirm_link(store.engine, f"{n:0>32}", scanner).outcome for n in range(intake.LINK_PROBES_ALLOWED + 1)
    ]
    assert outcomes == [Outcome.LINK_UNKNOWN] * intake.LINK_PROBES_ALLOWED + [Outcome.LINK_THROTTLED]
    assert [entry[0] for entry in log(store)][:2] == ["link_replaced", "link_expired"]
    assert sum(1 for entry in log(store) if entry[2] == scanner) == intake.LINK_PROBES_ALLOWED + 1


def test_a_real_link_opens_for_an_address_that_guessed_too_often(store):
    """Only unknown links count against a client: its own real link always opens."""
    start(store)
    for n in range(intake.LINK_PROBES_ALLOWED + 1):
        intake.confirm_link(store.engine, f"{n:0>32}", SOURCE)
    assert intake.confirm_link(store.engine, f"{99:0>32}", SOURCE).outcome is Outcome.LINK_THROTTLED
    assert intake.confirm_link(store.engine, emailed_link_token(store.engine, EMAIL), SOURCE).confirmed


def test_the_link_still_works_after_wrong_guesses_killed_the_code(store):
    draft, _state = start(store)
    code = emailed_code(store.engine, EMAIL)
    for _ in range(intake.WRONG_CODES_ALLOWED):
        intake.confirm_code(store.engine, draft.submission_key, EMAIL, a_wrong_code(code), "ip:198.51.100.9")
    assert intake.confirm_link(store.engine, emailed_link_token(store.engine, EMAIL), SOURCE).confirmed


# --- the hourly limits --------------------------------------------------------------------------------------


def test_codes_per_hour_are_limited_per_email_address(store):
    limit = get_settings().intake_codes_per_hour
    for n in range(limit):
        start(store, source=f"ip:203.0.113.{n}")  # from different places: the address is what counts
    with pytest.raises(IntakeRefused) as refused:
        start(store, source="ip:203.0.113.99")
    assert refused.value.outcome is Outcome.CODES_THROTTLED and 55 <= refused.value.minutes <= 60
    assert len(verify_emails(store)) == limit
    assert log(store) == [("codes_throttled", EMAIL, "ip:203.0.113.99")]
    start(store, source="ip:203.0.113.99", now=utcnow() + intake.WINDOW)  # an hour later it works again


@pytest.mark.parametrize(
    ("typed", "counted"),
    [
        ("Alex@Example.com", "alex@example.com"),
        ("alex+refund@example.com", "alex@example.com"),
        ("a.lex+1@gmail.com", "alex@gmail.com"),
        ("A.L.E.X@googlemail.com", "alex@gmail.com"),
        ("a.lex@example.com", "a.lex@example.com"),  # dots are kept where they may name another person
        ("+only@example.com", "+only@example.com"),
    ],
)
def test_the_per_email_limits_count_mailboxes(typed, counted):
    assert intake.mailbox(typed) == counted


def test_plus_tags_and_gmail_dots_do_not_get_around_the_code_limit(store):
    """The attack: alex+1@, alex+2@, a.lex@ ... each got five more codes sent to the same mailbox."""
    limit = get_settings().intake_codes_per_hour
    for n in range(limit):
        start(store, email=f"alex+{n}@gmail.com", source=f"ip:203.0.113.{n}")
    for variant in ("a.lex@gmail.com", "ALEX+x@googlemail.com", "al.ex+9@gmail.com"):
        with pytest.raises(IntakeRefused) as refused:
            start(store, email=variant, source="ip:203.0.113.99")
        assert refused.value.outcome is Outcome.CODES_THROTTLED
    assert len(verify_emails(store)) == limit
    assert log(store)[-1] == ("codes_throttled", "al.ex+9@gmail.com", "ip:203.0.113.99")  # the log keeps it as typed
    start(store, email="alex@example.com", source="ip:203.0.113.99")  # another mailbox is not affected


def test_plus_tags_do_not_get_around_the_case_limit(store, monkeypatch):
    monkeypatch.setenv("PORTAL_INTAKE_CODES_PER_HOUR", "50")
    get_settings.cache_clear()
    limit = get_settings().intake_cases_per_hour
    drafts = [
        verified_draft(store, email=f"alex+{n}@example.com", source=f"ip:203.0.113.{n}") for n in range(limit + 1)
    ]
    for n, draft in enumerate(drafts[:-1]):
        submit_case(store.engine, draft, CHOICE, source=f"ip:203.0.113.{n}")
    with pytest.raises(IntakeRefused) as refused:
        submit_case(store.engine, drafts[-1], CHOICE, source="ip:203.0.113.99")
    assert refused.value.outcome is Outcome.CASES_THROTTLED and cases(store) == limit


def test_a_plus_tag_confirmed_is_not_another_address_confirmed(store):
    """The mailbox is only what the limits count: the address confirmed is the one typed."""
    draft = verified_draft(store, email="alex+a@example.com")
    assert intake.is_verified(store.engine, draft.submission_key, "alex+a@example.com")
    assert not intake.is_verified(store.engine, draft.submission_key, "alex+b@example.com")


def test_codes_per_hour_are_limited_per_client_address(store):
    limit = get_settings().intake_codes_per_hour
    for n in range(limit):
        start(store, email=f"victim{n}@example.com")
    with pytest.raises(IntakeRefused):
        start(store, email="victim99@example.com")
    assert log(store) == [("codes_throttled", "victim99@example.com", SOURCE)]
    start(store, email="victim99@example.com", source="ip:192.0.2.1")  # someone else is not affected


def test_the_per_address_limit_can_be_switched_off_behind_a_proxy(store, monkeypatch):
    monkeypatch.setenv("PORTAL_INTAKE_LIMIT_BY_ADDRESS", "false")
    get_settings.cache_clear()
    for n in range(get_settings().intake_codes_per_hour + 1):
        start(store, email=f"customer{n}@example.com")
    assert log(store) == []


def test_submit_case_refuses_an_unverified_public_draft(store):
    draft = ready_draft(email=EMAIL)
    with pytest.raises(IntakeRefused) as refused:
        submit_case(store.engine, draft, CHOICE, source=SOURCE)
    assert refused.value.outcome is Outcome.NOT_VERIFIED
    start(store, draft)  # a code was sent but not typed yet
    with pytest.raises(IntakeRefused):
        submit_case(store.engine, draft, CHOICE, source=SOURCE)
    assert cases(store) == 0
    assert log(store) == [("not_verified", EMAIL, SOURCE)] * 2


def test_a_verified_public_draft_opens_its_case_and_is_counted(store):
    draft = verified_draft(store)
    receipt = submit_case(store.engine, draft, CHOICE, source=SOURCE)
    assert receipt.created
    assert submit_case(store.engine, draft, CHOICE, source=SOURCE).case_id == receipt.case_id  # a double click
    assert log(store) == [("case_opened", EMAIL, SOURCE)]


def test_new_cases_per_hour_are_limited_per_email_and_a_double_click_still_finds_its_case(store, monkeypatch):
    monkeypatch.setenv("PORTAL_INTAKE_CODES_PER_HOUR", "50")  # so that enough drafts can be confirmed
    get_settings.cache_clear()
    limit = get_settings().intake_cases_per_hour
    drafts = [verified_draft(store, source=f"ip:203.0.113.{n}") for n in range(limit + 1)]
    receipts = [submit_case(store.engine, d, CHOICE, source=f"ip:203.0.113.{n}") for n, d in enumerate(drafts[:-1])]
    with pytest.raises(IntakeRefused) as refused:
        submit_case(store.engine, drafts[-1], CHOICE, source="ip:203.0.113.99")
    assert refused.value.outcome is Outcome.CASES_THROTTLED and 55 <= refused.value.minutes <= 60
    assert cases(store) == limit
    assert log(store)[-1] == ("cases_throttled", EMAIL, "ip:203.0.113.99")
    # The last case that got in, clicked again, is handed back rather than refused.
    again = submit_case(store.engine, drafts[-2], CHOICE, source=f"ip:203.0.113.{limit - 1}")
    assert again.case_id == receipts[-1].case_id and not again.created
    # An hour later the customer may open another.
    with Session(store.engine) as session:
        session.execute(update(IntakeAttempt).values(at=utcnow() - intake.WINDOW - timedelta(seconds=1)))
        session.commit()
    assert submit_case(store.engine, drafts[-1], CHOICE, source="ip:203.0.113.99").created


def test_new_cases_per_hour_are_limited_per_client_address(store, monkeypatch):
    limit = get_settings().intake_cases_per_hour
    drafts = [verified_draft(store, email=f"c{n}@example.com", source=f"ip:192.0.2.{n}") for n in range(limit + 1)]
    for d in drafts[:-1]:
        submit_case(store.engine, d, CHOICE, source=SOURCE)  # all sent from one place
    with pytest.raises(IntakeRefused) as refused:
        submit_case(store.engine, drafts[-1], CHOICE, source=SOURCE)
    assert refused.value.outcome is Outcome.CASES_THROTTLED
    assert log(store)[-1] == ("cases_throttled", f"c{limit}@example.com", SOURCE)
    assert submit_case(store.engine, drafts[-1], CHOICE, source="ip:192.0.2.200").created  # elsewhere: fine


# --- honeypot, invites, trusted callers ---------------------------------------------------------------------


def test_a_honeypot_hit_is_logged_and_nothing_else_happens(store):
    intake.record_honeypot(store.engine, SOURCE, "Bot@Example.com")
    assert log(store) == [("honeypot", "bot@example.com", SOURCE)]
    assert verify_emails(store) == [] and cases(store) == 0


def test_invites_need_no_verification_and_are_not_counted(store):
    draft = Draft(language="en")
    journey.submit_story(
        draft,
        StoryForm(
            name="Alex Rivera",
            email="alex.rivera@example.com",
            story="The bill was higher than the quote.",
            bothered_most="The bill was higher than the quote",
        ),
    )
    journey.confirm(draft)
    journey.nothing_more(draft)
    receipt = submit_case(store.engine, draft, CHOICE, invite_token=store.logins.invite_token, source=SOURCE)
    assert receipt.created
    assert verify_emails(store) == [] and log(store) == []


def test_a_trusted_caller_names_itself_and_skips_the_public_checks(store):
    receipt = submit_case(store.engine, ready_draft(email=EMAIL), CHOICE, trusted_caller="import script")
    assert receipt.created and log(store) == []


def test_the_verification_email_reads_like_the_other_customer_emails(store):
    start(store)
    body = emailed(store.engine, EMAIL)
    assert body.startswith("Hello Alex,")
    assert "Dana Cohen, Customer Care Lead" in body  # the contact block every customer email ends with


def test_a_long_name_is_cut_short_in_the_email(store):
    """The public link emails any address typed there, greeting whatever was typed as the name: up to 200
    characters of someone else's message in our email."""
    spam = "Win a prize! Call +1 555 0199 now and quote code 4411 to claim your gift card today " * 2
    draft = ready_draft(name=spam[:200])
    intake.start_verification(store.engine, EMAIL, draft.submission_key, SOURCE, "en", name=draft.form.name)
    body = emailed(store.engine, EMAIL)
    greeting = body.splitlines()[0]
    assert greeting == f"Hello {spam[: NAME_IN_EMAIL - 1].rstrip()}…," and "today" not in body
    with Session(store.engine) as session:
        html = session.exec(select(OutboxMessage.body_html).where(OutboxMessage.kind == KIND_VERIFY)).one()
    assert "today" not in html


def test_when_the_mail_server_is_down_the_code_waits_for_the_worker_and_the_customer_carries_on(store, monkeypatch):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    monkeypatch.setenv("PORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PORTAL_SMTP_PORT", str(closed_port))
    monkeypatch.setenv("PORTAL_SMTP_SECURITY", "none")
    get_settings.cache_clear()
    _draft, state = start(store)
    assert state.state is CodeState.PENDING
    [message] = verify_emails(store)
    assert message.status == "pending" and message.attempts == 1  # the worker sends it on a later pass
    assert "Cannot use the mail server" in message.last_error


def test_the_worker_deletes_email_confirmations_a_week_old_and_keeps_newer_ones(store):
    from portal.delivery import worker

    start(store, email="old@example.com", now=utcnow() - intake.CONFIRMATION_KEPT - timedelta(minutes=1))
    start(store, email="recent@example.com", now=utcnow() - timedelta(days=6))

    report = worker.run_once(store.engine, get_settings())

    assert report.confirmations_removed == 1 and "old email confirmations deleted: 1" in report.summary()
    with Session(store.engine) as session:
        assert [row.email for row in session.exec(select(EmailVerification))] == ["recent@example.com"]
    assert worker.run_once(store.engine, get_settings()).confirmations_removed == 0
