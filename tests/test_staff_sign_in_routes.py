"""Staff sign-in and sign-out over HTTP (portal/web/staff_sign_in.py), against the served application
(portal.asgi.application: Streamlit's st.App with our routes and middleware), as a browser meets them: the form,
the cookie, where it leads, refusals that keep the email, the slowdown after five guesses, forged posts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from db.models import LoginAttempt, StaffSession
from portal import csrf
from portal.back_office.staff import FREE_FAILURES
from portal.back_office.staff_addresses import (
    FORM_COOKIE,
    SESSION_COOKIE,
    SIGN_IN_PURPOSE,
    safe_next,
)
from portal.back_office.staff_clock import SessionLimits
from portal.back_office.staff_sessions import (
    EndReason,
    check_session,
    end_sessions_of,
    start_session,
)
from portal.config import Settings, get_settings
from portal.entry.tokens import hash_token
from tests.support import manager, present

SITE = "http://testserver"  # TestClient's address: the Host every request names


@pytest.fixture
def browser(app, store) -> Iterator[TestClient]:
    """A browser of its own (its own cookies), on the served app, with the store the test uses."""
    yield new_browser(app)


def new_browser(app) -> TestClient:
    return TestClient(app, base_url=SITE, follow_redirects=False)


def form_token(page: str) -> str:
    return present(re.search(r'name="csrf" value="([^"]+)"', page), "the form's token").group(1)


def errors(page: str) -> list[str]:
    return [unescape(m) for m in re.findall(r'role="alert">([^<]*)<', page)]


def typed_email(page: str) -> str:
    return unescape(present(re.search(r'id="email"[^>]*value="([^"]*)"', page), "the email field").group(1))


def post_sign_in(
    browser: TestClient,
    email: str,
    password: str,
    *,
    next_path: str = "/staff",
    token: str | None = None,
    origin: str | None = SITE,
    **headers: str,
):
    """Show the form (as a browser first does) and post it back, from ``origin`` (None: no Origin header)."""
    page = browser.get("/account/sign-in", params={"next": next_path})
    if token is None:  # the form's own, or (already signed in: sent straight on) the one it would carry
        token = (
            form_token(page.text)
            if page.status_code == 200
            else csrf.form_token(get_settings().secret_key or "", SIGN_IN_PURPOSE, browser.cookies[FORM_COOKIE])
        )
    fields = {"email": email, "password": password, "next": next_path, "csrf": token}
    sent = {**({"Origin": origin} if origin else {}), **headers}
    return browser.post("/account/sign-in", data=fields, headers=sent)


def sessions(store) -> list[StaffSession]:
    with Session(store.engine) as session:
        return list(session.exec(select(StaffSession).order_by(col(StaffSession.id))))


def attempts(store) -> list[LoginAttempt]:
    with Session(store.engine) as session:
        return list(session.exec(select(LoginAttempt).order_by(col(LoginAttempt.id))))


def cookie_header(response, name: str) -> str:
    (found,) = [h for h in response.headers.get_list("set-cookie") if h.startswith(f"{name}=")]
    return found


def limits() -> SessionLimits:
    return SessionLimits.of(get_settings())


# --- the form --------------------------------------------------------------------------------------------


def test_the_form_is_an_accessible_page_with_its_own_cookie(browser):
    page = browser.get("/account/sign-in", params={"next": "/case?id=12"})
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert '<html lang="en">' in page.text and "<title>Staff sign-in" in page.text
    assert '<label for="email">Email</label>' in page.text and 'autocomplete="username"' in page.text
    assert '<label for="password">Password</label>' in page.text and 'autocomplete="current-password"' in page.text
    assert 'name="next" value="/case?id=12"' in page.text
    form_cookie = cookie_header(page, FORM_COOKIE).lower()
    assert "httponly" in form_cookie and "samesite=lax" in form_cookie and "path=/" in form_cookie
    assert page.headers["x-frame-options"] == "DENY"  # our middleware covers our routes too


# --- signing in ------------------------------------------------------------------------------------------


def test_signing_in_sets_the_session_cookie_and_lands_on_the_case_from_the_email(browser, store):
    answer = post_sign_in(browser, store.logins.staff_email, store.logins.staff_password, next_path="/case?id=12")
    assert answer.status_code == 303 and answer.headers["location"] == "/case?id=12"
    cookie = cookie_header(answer, SESSION_COOKIE)
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "path", "max-age"} <= set(attributes) and "secure" not in attributes
    assert attributes["samesite"].lower() == "samesite=lax" and attributes["path"] == "Path=/"
    assert attributes["max-age"] == "Max-Age=43200"  # the 12-hour absolute limit
    raw = browser.cookies[SESSION_COOKIE]
    (row,) = sessions(store)
    assert row.token_hash == hash_token(raw) and row.ended_at is None and row.via == "password"
    assert check_session(store.engine, raw, limits()).actor == manager(store)
    assert attempts(store)[-1].succeeded


def test_the_cookie_is_secure_when_set_so_and_always_in_production(app, store, monkeypatch):
    monkeypatch.setenv("PORTAL_STAFF_COOKIE_SECURE", "true")
    get_settings.cache_clear()
    https = TestClient(app, base_url="https://testserver", follow_redirects=False)  # Secure cookies need HTTPS
    answer = post_sign_in(https, store.logins.staff_email, store.logins.staff_password, origin="https://testserver")
    assert answer.status_code == 303
    assert "secure" in cookie_header(answer, SESSION_COOKIE).lower()
    production = Settings(
        mode="production",
        secret_key="k" * 40,
        database_url=store.url,
        base_url="https://care.example.com",
        owner_email="o@example.com",
    )
    assert production.staff_cookie_is_secure
    assert not Settings(
        mode="demo", staff_cookie_secure=None
    ).staff_cookie_is_secure  # `portal demo` on http://localhost still signs in


def test_signing_in_again_rotates_the_id_and_ends_the_old_session(browser, store):
    post_sign_in(browser, store.logins.staff_email, store.logins.staff_password)
    first = browser.cookies[SESSION_COOKIE]
    post_sign_in(browser, store.logins.staff_email, store.logins.staff_password)
    second = browser.cookies[SESSION_COOKIE]
    assert second != first
    assert check_session(store.engine, first, limits()).ended is EndReason.REPLACED


def test_an_already_signed_in_browser_goes_straight_on(browser, store):
    post_sign_in(browser, store.logins.staff_email, store.logins.staff_password)
    again = browser.get("/account/sign-in", params={"next": "/queue"})
    assert again.status_code == 303 and again.headers["location"] == "/queue"


@pytest.mark.parametrize(
    "wanted",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "http:/x",
        "javascript:alert(1)",
        "/account/sign-out",
        "/ok\r\nSet-Cookie: x=1",
        "",
    ],
)
def test_sign_in_never_leads_off_the_site(wanted):
    assert safe_next(wanted) == "/staff"


def test_sign_in_keeps_a_path_of_this_site_with_its_query():
    assert safe_next("/case?id=12") == "/case?id=12" and safe_next("/queue") == "/queue"


def test_a_wrong_password_says_so_keeps_the_email_and_never_the_password(browser, store):
    answer = post_sign_in(browser, "Dana.Cohen@northwind.example ", "not-my-password")
    assert answer.status_code == 401
    assert errors(answer.text) == ["That email and password don't match."]
    assert typed_email(answer.text) == "Dana.Cohen@northwind.example "
    assert "not-my-password" not in answer.text and SESSION_COOKIE not in answer.headers.get("set-cookie", "")


def test_an_unknown_email_gets_the_same_message(browser, store):
    answer = post_sign_in(browser, "nobody@northwind.example", store.logins.staff_password)
    assert errors(answer.text) == ["That email and password don't match."]


def test_an_empty_form_asks_for_both_and_is_not_an_attempt(browser, store):
    answer = post_sign_in(browser, store.logins.staff_email, "")
    assert answer.status_code == 400 and errors(answer.text) == ["Please enter your email and password."]
    assert typed_email(answer.text) == store.logins.staff_email and attempts(store) == []


def test_typed_markup_comes_back_as_text(browser, store):
    answer = post_sign_in(browser, '"><script>alert(1)</script>', "x")
    assert "<script>alert(1)" not in answer.text and typed_email(answer.text) == '"><script>alert(1)</script>'


def test_five_wrong_guesses_then_even_the_right_password_waits_and_the_log_has_it(browser, store):
    for _ in range(FREE_FAILURES):
        assert post_sign_in(browser, store.logins.staff_email, "wrong-password").status_code == 401
    answer = post_sign_in(browser, store.logins.staff_email, store.logins.staff_password)
    assert answer.status_code == 429 and answer.headers["retry-after"] == "60"
    assert errors(answer.text) == ["Too many attempts. Please wait 1 minute and try again."]
    assert SESSION_COOKIE not in browser.cookies and sessions(store) == []
    log = attempts(store)
    assert [(a.succeeded, a.throttled) for a in log] == [(False, False)] * FREE_FAILURES + [(False, True)]
    assert {a.email for a in log} == {store.logins.staff_email}


# --- forged posts ----------------------------------------------------------------------------------------


def test_a_cross_site_post_is_refused_even_with_a_token(browser, store):
    answer = post_sign_in(browser, store.logins.staff_email, store.logins.staff_password, origin="https://evil.example")
    assert answer.status_code == 403 and errors(answer.text) == [
        "This sign-in form has expired or did not come from this site. Please try again."
    ]
    assert typed_email(answer.text) == store.logins.staff_email
    assert sessions(store) == [] and attempts(store) == []  # not even a guess


def test_a_cross_site_referer_is_refused_when_there_is_no_origin(browser, store):
    answer = post_sign_in(
        browser, store.logins.staff_email, store.logins.staff_password, origin=None, Referer="https://evil.example/page"
    )
    assert answer.status_code == 403 and sessions(store) == []


def test_an_opaque_origin_is_refused(browser, store):
    answer = post_sign_in(browser, store.logins.staff_email, store.logins.staff_password, origin="null")
    assert answer.status_code == 403


def test_without_an_origin_the_token_decides(browser, store):
    forged = post_sign_in(browser, store.logins.staff_email, store.logins.staff_password, origin=None, token="")
    assert forged.status_code == 403 and sessions(store) == []
    guessed = post_sign_in(browser, store.logins.staff_email, store.logins.staff_password, origin=None, token="0" * 64)
    assert guessed.status_code == 403 and sessions(store) == []
    genuine = post_sign_in(browser, store.logins.staff_email, store.logins.staff_password, origin=None)
    assert genuine.status_code == 303 and len(sessions(store)) == 1


def test_a_token_from_another_browser_is_refused(app, browser, store):
    attacker = new_browser(app)
    their_token = form_token(attacker.get("/account/sign-in").text)
    answer = post_sign_in(browser, store.logins.staff_email, store.logins.staff_password, token=their_token)
    assert answer.status_code == 403 and sessions(store) == []


def test_a_post_that_is_not_a_small_form_is_refused(browser, store):
    browser.get("/account/sign-in")
    as_json = browser.post("/account/sign-in", json={"email": "a", "password": "b"}, headers={"Origin": SITE})
    huge = browser.post("/account/sign-in", data={"email": "a", "password": "b" * 20_000}, headers={"Origin": SITE})
    assert as_json.status_code == 400 and huge.status_code == 400 and attempts(store) == []


# --- signing out -----------------------------------------------------------------------------------------


def signed_in(app, store) -> TestClient:
    browser = new_browser(app)
    assert post_sign_in(browser, store.logins.staff_email, store.logins.staff_password).status_code == 303
    return browser


def sign_out_fields(browser: TestClient, *, everywhere: bool = False) -> dict[str, str]:
    from portal.back_office.staff_addresses import sign_out_token

    token = sign_out_token(get_settings().secret_key or "", browser.cookies[SESSION_COOKIE])
    return {"csrf": token, **({"everywhere": "1"} if everywhere else {})}


def test_signing_out_ends_the_session_clears_the_cookie_and_says_so(app, store):
    browser = signed_in(app, store)
    raw = browser.cookies[SESSION_COOKIE]
    answer = browser.post("/account/sign-out", data=sign_out_fields(browser), headers={"Origin": SITE})
    assert answer.status_code == 303 and answer.headers["location"] == "/account/sign-in?next=%2Fstaff&ended=signed_out"
    assert (
        'amends_staff=""' in cookie_header(answer, SESSION_COOKIE)
        and "max-age=0" in cookie_header(answer, SESSION_COOKIE).lower()
    )
    assert check_session(store.engine, raw, limits()).ended is EndReason.SIGNED_OUT
    assert '<p class="note" role="status">You signed out.</p>' in browser.get(answer.headers["location"]).text


def test_a_forged_sign_out_changes_nothing(app, store):
    browser = signed_in(app, store)
    raw = browser.cookies[SESSION_COOKIE]
    cross_site = browser.post(
        "/account/sign-out", data=sign_out_fields(browser), headers={"Origin": "https://evil.example"}
    )
    no_token = browser.post("/account/sign-out", data={}, headers={"Origin": SITE})
    assert cross_site.status_code == 403 and no_token.status_code == 403
    assert check_session(store.engine, raw, limits()).actor is not None


def test_signing_out_everywhere_signs_out_every_browser(app, store):
    office, phone = signed_in(app, store), signed_in(app, store)
    phone_id = phone.cookies[SESSION_COOKIE]
    answer = office.post("/account/sign-out", data=sign_out_fields(office, everywhere=True), headers={"Origin": SITE})
    assert answer.headers["location"].endswith("ended=signed_out_everywhere")
    assert check_session(store.engine, phone_id, limits()).ended is EndReason.SIGNED_OUT_EVERYWHERE
    # The phone's next visit to the sign-in page says why, from its own session row.
    assert "You signed out everywhere. Please sign in again." in phone.get("/account/sign-in").text


def test_the_sign_in_page_says_a_manager_ended_the_session(app, store, agent):
    browser = signed_in(app, store)
    other = start_session(store.engine, manager(store))  # someone else's browser: unaffected by the link below
    sam = agent
    sams = start_session(store.engine, sam)
    end_sessions_of(store.engine, manager(store), sam.id)
    browser.cookies.delete(SESSION_COOKIE)
    browser.cookies.set(SESSION_COOKIE, sams)
    assert "A manager ended your sign-in. Please sign in again." in browser.get("/account/sign-in").text
    assert check_session(store.engine, other, limits()).actor is not None


def test_a_made_up_reason_in_the_link_is_not_shown(browser, store):
    page = browser.get("/account/sign-in", params={"ended": "<b>hacked</b>"})
    assert page.status_code == 200 and "hacked" not in page.text


# --- single sign-on's routes (the flow itself: tests/e2e/test_single_sign_on_in_browser.py) -------------------


def test_starting_single_sign_on_keeps_where_to_go_and_sends_the_browser_to_the_app(browser):
    answer = browser.get("/account/sso", params={"next": "/case?id=7"})
    assert answer.status_code == 303 and answer.headers["location"] == "/?sso=start"
    assert browser.cookies["amends_sso_next"].strip('"') == "/case?id=7"
    assert len(browser.cookies[FORM_COOKIE]) >= 20  # the pass will be bound to it
    assert "httponly" in cookie_header(answer, "amends_sso_next").lower()


def test_finishing_single_sign_on_sets_the_session_cookie_and_deletes_the_providers(browser, store):
    from portal.back_office.staff_sso import begin_handoff

    browser.get("/account/sso", params={"next": "/queue"})
    browser.cookies.set("_streamlit_user", "the-provider-identity")
    token = begin_handoff(
        store.engine, store.logins.staff_email, True, browser.cookies[FORM_COOKIE], next_path="/queue"
    )
    answer = browser.get("/account/sso/finish", params={"h": token})
    assert answer.status_code == 303 and answer.headers["location"] == "/queue"
    assert check_session(store.engine, browser.cookies[SESSION_COOKIE], limits()).actor == manager(store)
    assert "max-age=0" in cookie_header(answer, "_streamlit_user").lower()  # Streamlit's identity cookie: deleted
    again = new_browser_with(browser).get("/account/sso/finish", params={"h": token})
    assert again.status_code == 403 and "did not finish in time" in again.text  # once only


def new_browser_with(browser: TestClient) -> TestClient:
    """Another tab of the same browser (the same cookies, without the session)."""
    tab = TestClient(browser.app, base_url=SITE, follow_redirects=False)
    tab.cookies.set(FORM_COOKIE, browser.cookies[FORM_COOKIE])
    return tab


def test_a_pass_in_another_browser_signs_nobody_in(app, browser, store):
    from portal.back_office.staff_sso import begin_handoff

    browser.get("/account/sso")
    token = begin_handoff(store.engine, store.logins.staff_email, True, browser.cookies[FORM_COOKIE])
    victim = new_browser(app)
    victim.get("/account/sign-in")
    answer = victim.get("/account/sso/finish", params={"h": token})
    assert answer.status_code == 403 and SESSION_COOKIE not in victim.cookies


def test_a_refusal_is_shown_on_the_sign_in_page(browser):
    answer = browser.get("/account/sso/finish", params={"refused": "no_account"})
    assert answer.status_code == 403
    assert errors(answer.text) == [
        "Your identity provider signed you in, but no active staff account has that "
        "email address. Please ask a manager."
    ]
    made_up = browser.get("/account/sso/finish", params={"refused": "<script>"})
    assert "<script>" not in made_up.text and "did not finish in time" in made_up.text


def test_without_single_sign_on_set_up_the_form_offers_none(browser):
    assert "single sign-on" not in browser.get("/account/sign-in").text
