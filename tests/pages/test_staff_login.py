"""Staff sign-in in the app: the form, its messages, who you are once in, and what the navigation shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
import streamlit
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from db.models import LoginAttempt, utcnow
from portal.config import get_settings
from portal.errors import NotAllowed
from portal.staff import FREE_FAILURES, StaffActor, add_staff, get_actor
from portal.staff_clock import SignInClock
from portal.ui.staff_session import CLOCK_KEY
from tests.portal.test_followup import case_row
from tests.portal.test_privacy import EMAIL, STORY, opened
from tests.portal.test_staff import set_active
from tests.support import ROOT, button, click, manager, page_words, staff_page, texts


def open_login() -> AppTest:
    """/staff, through app.py (its link to the queue needs the app's navigation)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    return at.switch_page("pages/staff.py").run()


def fill_sign_in(at: AppTest, email: str, password: str) -> AppTest:
    at.text_input(key="staff_login_email").input(email)
    at.text_input(key="staff_login_password").input(password)
    return click(at, "Sign in")


def test_the_form_asks_for_email_and_password(store):
    at = open_login()
    assert at.title[0].value == "Staff sign-in"
    assert [t.label for t in at.text_input] == ["Email", "Password"]
    assert at.text_input(key="staff_login_password").proto.type == at.text_input(key="staff_login_password").proto.PASSWORD
    assert "staff" not in at.session_state


def test_wrong_password_says_so_and_keeps_the_email(store):
    at = fill_sign_in(open_login(), store.logins.staff_email, "not-my-password")
    assert [e.value for e in at.error] == ["That email and password don't match."]
    assert at.text_input(key="staff_login_email").value == store.logins.staff_email
    assert at.text_input(key="staff_login_password").value == ""  # never kept
    assert "staff" not in at.session_state


def test_an_empty_form_asks_for_both_and_is_not_an_attempt(store):
    at = fill_sign_in(open_login(), store.logins.staff_email, "")
    assert [e.value for e in at.error] == ["Please enter your email and password."]
    with Session(store.engine) as session:
        assert session.exec(select(LoginAttempt)).all() == []


def test_unknown_email_gets_the_same_message(store):
    at = fill_sign_in(open_login(), "nobody@northwind.example", store.logins.staff_password)
    assert [e.value for e in at.error] == ["That email and password don't match."]


def test_too_many_attempts_asks_to_wait_even_with_the_right_password(store):
    at = open_login()
    for _ in range(FREE_FAILURES):
        fill_sign_in(at, store.logins.staff_email, "not-my-password")
    fill_sign_in(at, store.logins.staff_email, store.logins.staff_password)
    assert [e.value for e in at.error] == ["Too many attempts. Please wait 1 minute and try again."]
    assert "staff" not in at.session_state


def test_signing_in_shows_who_you_are_and_signing_out_ends_it(store):
    at = fill_sign_in(open_login(), f" {store.logins.staff_email.upper()}", store.logins.staff_password)
    assert not at.error
    actor = at.session_state["staff"]
    assert isinstance(actor, StaffActor) and actor.email == store.logins.staff_email
    assert f"Signed in as Dana Cohen ({store.logins.staff_email}), manager." in texts(at)
    assert at.text_input.len == 0  # the form is gone
    click(at, "Sign out")
    assert "staff" not in at.session_state
    assert at.title[0].value == "Staff sign-in" and "Signed in as" not in page_words(at)


def test_a_deactivated_account_loses_access_at_once(store):
    at = fill_sign_in(open_login(), store.logins.staff_email, store.logins.staff_password)
    assert any("Signed in as" in t for t in texts(at))
    member = add_staff(store.engine, email="sam@northwind.example", name="Sam Lee", role="agent",
                       password="sam-password-1")
    at.session_state["staff"] = get_actor(store.engine, member.id)
    at.run()
    assert any("Signed in as Sam Lee" in t for t in texts(at))
    set_active(store, "sam@northwind.example", False)
    at.run()
    assert at.title[0].value == "Staff sign-in" and "staff" not in at.session_state


# --- app.py: navigation -----------------------------------------------------------------------------


class NavigationSpy:
    """Records what app.py hands to st.navigation (AppTest does not expose the menu itself)."""

    def __init__(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        import streamlit as st

        self.calls: list[tuple[list, str]] = []
        real = st.navigation

        def spy(pages, **kwargs):  # type: ignore[no-untyped-def]
            self.calls.append((list(pages), kwargs.get("position", "sidebar")))
            return real(pages, **kwargs)

        monkeypatch.setattr(st, "navigation", spy)

    @property
    def position(self) -> str:
        return self.calls[-1][1]

    def registered(self) -> dict[str, str]:
        """url path -> visibility, for the last run."""
        return {page.url_path: page.visibility for page in self.calls[-1][0]}

    def listed(self) -> set[str]:
        if self.position == "hidden":
            return set()
        return {path for path, visibility in self.registered().items() if visibility == "visible"}


def open_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()


def test_a_customer_sees_no_staff_pages_but_their_addresses_work(store, monkeypatch):
    nav = NavigationSpy(monkeypatch)
    at = open_app()
    assert nav.position == "hidden" and nav.listed() == set()
    registered = nav.registered()
    assert {"staff", "queue"} <= set(registered)
    assert all(visibility == "hidden" for path, visibility in registered.items() if path)
    assert "" in registered  # the customer page is the default
    # /staff opens the sign-in form.
    at.switch_page("pages/staff.py").run()
    assert at.title[0].value == "Staff sign-in"
    assert nav.listed() == set()


def test_signed_in_staff_see_their_pages_in_the_sidebar(store, monkeypatch):
    nav = NavigationSpy(monkeypatch)
    at = open_app()
    at.switch_page("pages/staff.py").run()
    fill_sign_in(at, store.logins.staff_email, store.logins.staff_password)
    # Signed in, the login page leads to the queue.
    assert [link.label for link in at.page_link] == ["Open the case queue"]

    def app_with(session_staff):  # type: ignore[no-untyped-def]
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        if session_staff is not None:
            app.session_state["staff"] = session_staff
        return app.run()

    app_with(at.session_state["staff"])  # what the signed-in browser session renders next
    assert nav.position == "sidebar"
    assert {"staff", "queue", "invite", "outbox"} <= nav.listed()
    assert "case" not in nav.listed()  # a case is opened from the queue
    assert "catalog" in nav.listed()  # Dana is a manager
    click(at, "Sign out")
    assert "staff" not in at.session_state
    app_with(None)
    assert nav.position == "hidden" and nav.listed() == set()


def test_agents_do_not_see_the_managers_catalog(store, monkeypatch):
    nav = NavigationSpy(monkeypatch)
    sam = add_staff(store.engine, email="sam@northwind.example", name="Sam Lee", role="agent",
                    password="sam-password-1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["staff"] = get_actor(store.engine, sam.id)
    at.run()
    assert nav.position == "sidebar" and "queue" in nav.listed()
    assert "catalog" not in nav.listed()
    assert "catalog" in nav.registered()  # still reachable by address; the page checks the role


STAFF_PAGES = ["queue.py", "case.py", "catalog.py", "insights.py", "invite.py", "outbox.py", "privacy.py", "sla.py",
               "webhooks.py", "wording.py", "api_keys.py"]  # staff.py links to the queue: it runs only inside the app


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_pages_use_the_whole_window_once_signed_in(store, page, monkeypatch):
    layouts: list[str] = []
    real = streamlit.set_page_config
    monkeypatch.setattr(streamlit, "set_page_config", lambda **kw: (layouts.append(kw.get("layout")), real(**kw))[1])
    at = staff_page(f"pages/{page}", manager(store))
    assert not at.exception, at.exception
    assert layouts and layouts[-1] == "wide"


def test_the_sign_in_form_keeps_the_narrow_column(store, monkeypatch):
    layouts: list[str] = []
    monkeypatch.setattr(streamlit, "set_page_config", lambda **kw: layouts.append(kw.get("layout")))
    staff_page("pages/queue.py", None)
    assert "wide" not in layouts


# --- how long a sign-in lasts -----------------------------------------------------------------------


def signed_in_app(store) -> AppTest:  # type: ignore[no-untyped-def]
    return fill_sign_in(open_login(), store.logins.staff_email, store.logins.staff_password)


def set_clock(at: AppTest, *, signed_in_ago: timedelta, seen_ago: timedelta) -> None:
    now = utcnow()
    at.session_state[CLOCK_KEY] = SignInClock(now - signed_in_ago, now - seen_ago)


def test_a_tab_left_idle_for_30_minutes_asks_to_sign_in_again(store):
    at = signed_in_app(store)
    set_clock(at, signed_in_ago=timedelta(minutes=45), seen_ago=timedelta(minutes=30, seconds=5))
    at.switch_page("pages/privacy.py").run()
    assert at.title[0].value == "Staff sign-in" and "staff" not in at.session_state
    assert [w.value for w in at.warning] == [
        "You were signed out after 30 minutes without activity. Please sign in again."]
    assert "Customer data" not in page_words(at)
    fill_sign_in(at, store.logins.staff_email, store.logins.staff_password)  # and signing in again works
    assert at.title[0].value == "Customer data" and not at.warning


def test_a_tab_in_use_stays_signed_in_and_each_run_counts_as_activity(store):
    at = signed_in_app(store)
    set_clock(at, signed_in_ago=timedelta(hours=2), seen_ago=timedelta(minutes=29))
    at.switch_page("pages/privacy.py").run()
    assert at.title[0].value == "Customer data"
    assert utcnow() - at.session_state[CLOCK_KEY].last_seen_at < timedelta(minutes=1)


def test_a_sign_in_ends_after_12_hours_however_busy(store):
    at = signed_in_app(store)
    set_clock(at, signed_in_ago=timedelta(hours=12, seconds=5), seen_ago=timedelta(seconds=10))
    at.run()
    assert at.title[0].value == "Staff sign-in"
    assert [w.value for w in at.warning] == [
        "You were signed out: a sign-in lasts 12 hours at most. Please sign in again."]


def test_the_idle_limit_is_a_setting(store, monkeypatch):
    monkeypatch.setenv("PORTAL_STAFF_IDLE_MINUTES", "5")
    get_settings.cache_clear()
    at = signed_in_app(store)
    set_clock(at, signed_in_ago=timedelta(minutes=6), seen_ago=timedelta(minutes=6))
    at.run()
    assert "after 5 minutes without activity" in at.warning[0].value


def test_a_timed_out_tab_erases_nothing(store):
    """The button's callback runs before the page would ask to sign in again: it must not act either."""
    case_id = opened(store)
    at = signed_in_app(store)
    at.switch_page("pages/privacy.py").run()
    at.text_input(key="privacy_query").input(EMAIL)
    click(at, "Find")
    customer_id = case_row(store, case_id).customer_id
    at.text_input(key=f"privacy{customer_id}_reason").input("The customer asked by email")
    at.checkbox(key=f"privacy{customer_id}_sure").check()
    set_clock(at, signed_in_ago=timedelta(hours=1), seen_ago=timedelta(minutes=31))
    button(at, "Erase personal data").click().run()
    assert at.title[0].value == "Staff sign-in"
    assert case_row(store, case_id).story == STORY and case_row(store, case_id).erased_at is None


def _page_with_a_deferred_download() -> None:
    """What a staff page does: signed in, it hands a download its deferred ``data`` (portal/ui/staff_session)."""
    from datetime import timedelta as span

    from db.models import utcnow as now
    from portal.staff_clock import SignInClock as Clock
    from portal.ui.staff_session import CLOCK_KEY as KEY
    from portal.ui.staff_session import while_signed_in

    import streamlit as st

    st.session_state[KEY] = Clock(now() - span(hours=1), now())
    st.session_state["download_data"] = while_signed_in(lambda: b"the cases")


def test_a_download_clicked_after_the_sign_in_ended_gets_nothing(monkeypatch):
    """A download's data is made on a thread of its own when clicked, outside any run of the page."""
    download = AppTest.from_function(_page_with_a_deferred_download, default_timeout=30).run() \
        .session_state["download_data"]
    assert download() == b"the cases"  # clicked at once
    later = utcnow() + timedelta(minutes=30)
    monkeypatch.setattr("portal.ui.staff_session.utcnow", lambda: later)
    with pytest.raises(NotAllowed):
        download()  # clicked after 30 minutes idle: the sign-in has ended
