"""Staff pages and the session cookie (portal/ui/staff_session.py): signed out, a page asks to sign in (and why it
ended) with a link that comes back to it; signed in, who you are and the staff menu's sign-out; a session that ends
in any way ends on the page at once; and what the navigation shows.

AppTest carries no cookies: ``sign_in_as`` starts a real session as the sign-in route does and hands its id to the
page where the cookie would be (the HTTP half is tests/test_staff_sign_in_routes.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import streamlit
from sqlalchemy import update
from sqlmodel import Session, col, select
from streamlit.testing.v1 import AppTest

from db.engine import write_session
from db.models import StaffSession, utcnow
from portal.back_office.staff import add_staff, get_actor, set_staff_role
from portal.back_office.staff_addresses import sign_out_token
from portal.back_office.staff_sessions import end_session, sign_out_everywhere
from portal.config import get_settings
from portal.entry.tokens import hash_token
from portal.errors import NotAllowed
from portal.recovery.remedies import Role
from portal.ui import context
from portal.ui.staff_session import SESSION_ID_KEY
from tests.portal.test_followup import case_row
from tests.portal.test_privacy import EMAIL, STORY, opened
from tests.portal.test_staff import set_active
from tests.support import (
    ROOT,
    actor_now,
    button,
    click,
    manager,
    page_words,
    sign_in_as,
    staff_page,
    texts,
)


def in_app(
    actor=None, page: str = "screens/staff.py", url: str = "http://localhost:8501/staff", **params: str
) -> AppTest:
    """A page through app.py (its links need the app's navigation), signed in as ``actor`` (None: signed out),
    at the browser address ``url`` with ``params``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.context["url"] = url
    if actor is not None:
        sign_in_as(at, actor)
    at.run()
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(page).run()


def html_bodies(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def sign_in_link(at: AppTest) -> str:
    (link,) = [body for body in html_bodies(at) if ">Sign in</a>" in body]
    return link


def age(at: AppTest, *, signed_in_ago: timedelta, seen_ago: timedelta) -> None:
    """Move the page's session back in time (as if signed in and last used that long ago)."""
    now = utcnow()
    with write_session(context.engine()) as session:
        session.execute(
            update(StaffSession)
            .where(col(StaffSession.token_hash) == hash_token(at.session_state[SESSION_ID_KEY]))
            .values(created_at=now - signed_in_ago, last_seen_at=now - seen_ago)
        )


# --- signed out ------------------------------------------------------------------------------------------


def test_signed_out_a_staff_page_asks_to_sign_in_and_shows_nothing_else(store):
    at = in_app(None)
    assert at.title[0].value == "Staff sign-in"
    assert "Please sign in to see this page." in texts(at)
    assert 'href="/account/sign-in?next=%2Fstaff"' in sign_in_link(at)
    assert not at.text_input and not at.button  # no form of its own any more: the sign-in page has it
    assert "Signed in as" not in page_words(at)


def test_the_emailed_case_link_signs_in_back_to_that_case(store):
    at = in_app(None, "screens/case.py", url="http://localhost:8501/case", id="12")
    assert 'href="/account/sign-in?next=%2Fcase%3Fid%3D12"' in sign_in_link(at)


# --- signed in -------------------------------------------------------------------------------------------


def test_signed_in_the_page_says_who_you_are_and_the_menu_can_sign_out_here_or_everywhere(store):
    at = in_app(manager(store))
    assert f"Signed in as Dana Cohen ({store.logins.staff_email}), manager." in texts(at)
    assert [link.label for link in at.page_link] == ["Open the case queue"]
    token = sign_out_token(get_settings().secret_key or "", at.session_state[SESSION_ID_KEY])
    menu = "".join(html_bodies(at))
    assert menu.count('action="/account/sign-out"') == 2 and menu.count(f'value="{token}"') == 2
    assert ">Sign out</button>" in menu and ">Sign out everywhere</button>" in menu
    assert 'name="everywhere" value="1"' in menu


def test_signing_out_in_another_tab_signs_this_one_out_at_its_next_click(store):
    at = in_app(manager(store))
    end_session(store.engine, at.session_state[SESSION_ID_KEY])  # the other tab posted the sign-out
    at.run()
    assert at.title[0].value == "Staff sign-in" and [w.value for w in at.warning] == ["You signed out."]


def test_signing_out_everywhere_reaches_every_tab(store):
    first, second = in_app(manager(store)), in_app(manager(store))
    sign_out_everywhere(store.engine, manager(store))
    for tab in (first.run(), second.run()):
        assert tab.title[0].value == "Staff sign-in"
        assert [w.value for w in tab.warning] == ["You signed out everywhere. Please sign in again."]


def test_a_deactivated_account_loses_access_at_once(store, agent):
    sam = agent
    at = in_app(sam)
    assert any("Signed in as Sam Agent" in t for t in texts(at))
    set_active(store, sam.email, False)
    at.run()
    assert at.title[0].value == "Staff sign-in"
    assert [w.value for w in at.warning] == [
        "Your staff account changed (its role, or whether it is active). Please sign in again."
    ]


# --- a manager's team ------------------------------------------------------------------------------------


def test_a_manager_ends_an_agents_sessions_from_the_staff_page(store, agent):
    sam = agent
    sams_tab = in_app(sam)
    at = in_app(manager(store))
    assert any("Sam Agent (sam@northwind.example)\nagent, active, signed in on 1 device" in t for t in texts(at))
    click(at, "End sessions")
    assert [s.value for s in at.success] == ["Sam Agent is signed out everywhere."]
    assert any("signed in on 0 devices" in t for t in texts(at))
    sams_tab.run()
    assert [w.value for w in sams_tab.warning] == ["A manager ended your sign-in. Please sign in again."]


def test_a_manager_deactivates_and_changes_roles_from_the_staff_page(store, agent):
    sam = agent
    at = in_app(manager(store))
    click(at, "Make manager")
    assert [s.value for s in at.success] == ["Sam Agent is now a manager, and signs in again to use it."]
    click(at, "Deactivate")
    assert any("Sam Agent (sam@northwind.example)\nmanager, deactivated" in t for t in texts(at))
    assert button(at, "Reactivate")
    assert get_actor(store.engine, sam.id) is None  # deactivated


def test_agents_see_no_team(store, agent):
    at = in_app(agent)
    assert "Team" not in page_words(at) and not at.button


def test_a_demoted_managers_open_page_does_nothing(store, agent):
    """Demoted while the page was open: the click's callback finds the session over and acts not."""
    dana, sam = manager(store), agent
    other = add_staff(
        store.engine, email="lee@northwind.example", name="Lee", role="manager", password="lee-password-1"
    )
    sams_tab = in_app(sam)
    at = in_app(dana)
    set_staff_role(store.engine, actor_now(store.engine, other.id), dana.id, Role.AGENT)
    at.button(key=f"end_sessions_{sam.id}").click().run()
    assert at.title[0].value == "Staff sign-in"
    assert any("Signed in as Sam Agent" in t for t in texts(sams_tab.run()))


# --- app.py: navigation ---------------------------------------------------------------------------------


class NavigationSpy:
    """Records what app.py hands to st.navigation (AppTest does not expose the menu itself)."""

    def __init__(self, monkeypatch) -> None:
        import streamlit as st

        self.calls: list[tuple[list, str]] = []
        real = st.navigation

        def spy(pages, **kwargs):
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


def test_a_customer_sees_no_staff_pages_but_their_addresses_work(store, monkeypatch):
    nav = NavigationSpy(monkeypatch)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert nav.position == "hidden" and nav.listed() == set()
    registered = nav.registered()
    assert {"staff", "queue"} <= set(registered)
    assert all(visibility == "hidden" for path, visibility in registered.items() if path)
    assert "" in registered  # the customer page is the default
    at.switch_page("screens/staff.py").run()  # /staff asks to sign in
    assert at.title[0].value == "Staff sign-in"
    assert nav.listed() == set()


def test_signed_in_staff_see_their_pages_in_the_sidebar_until_they_sign_out(store, monkeypatch):
    nav = NavigationSpy(monkeypatch)
    at = in_app(manager(store))
    assert nav.position == "sidebar"
    assert {"staff", "queue", "invite", "outbox"} <= nav.listed()
    assert "case" not in nav.listed()  # a case is opened from the queue
    assert "catalog" in nav.listed()  # Dana is a manager
    end_session(store.engine, at.session_state[SESSION_ID_KEY])
    at.run()
    assert nav.position == "hidden" and nav.listed() == set()


def test_agents_do_not_see_the_managers_catalog(store, monkeypatch, agent):
    nav = NavigationSpy(monkeypatch)
    in_app(agent)
    assert nav.position == "sidebar" and "queue" in nav.listed()
    assert "catalog" not in nav.listed()
    assert "catalog" in nav.registered()  # still reachable by address; the page checks the role


STAFF_PAGES = [
    "queue.py",
    "case.py",
    "catalog.py",
    "insights.py",
    "invite.py",
    "outbox.py",
    "privacy.py",
    "sla.py",
    "webhooks.py",
    "wording.py",
    "api_keys.py",
]  # staff.py links to the queue: it runs only inside the app


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_pages_use_the_whole_window_once_signed_in(store, page, monkeypatch):
    layouts: list[str | None] = []
    real = streamlit.set_page_config

    def recording(**kw):
        layouts.append(kw.get("layout"))
        return real(**kw)

    monkeypatch.setattr(streamlit, "set_page_config", recording)
    at = staff_page(f"screens/{page}", manager(store))
    assert not at.exception, at.exception
    assert layouts and layouts[-1] == "wide"


def test_the_sign_in_notice_keeps_the_narrow_column(store, monkeypatch):
    layouts: list[str] = []
    monkeypatch.setattr(streamlit, "set_page_config", lambda **kw: layouts.append(kw.get("layout")))
    staff_page("screens/queue.py", None)
    assert "wide" not in layouts


# --- how long a sign-in lasts -----------------------------------------------------------------------


def test_a_tab_left_idle_for_30_minutes_asks_to_sign_in_again(store):
    at = in_app(manager(store))
    age(at, signed_in_ago=timedelta(minutes=45), seen_ago=timedelta(minutes=30, seconds=5))
    at.switch_page("screens/privacy.py").run()
    assert at.title[0].value == "Staff sign-in"
    assert [w.value for w in at.warning] == [
        "You were signed out after 30 minutes without activity. Please sign in again."
    ]
    assert "Customer data" not in page_words(at)


def test_a_tab_in_use_stays_signed_in_and_each_run_counts_as_activity(store):
    at = in_app(manager(store))
    age(at, signed_in_ago=timedelta(hours=2), seen_ago=timedelta(minutes=29))
    at.switch_page("screens/privacy.py").run()
    assert at.title[0].value == "Customer data"
    with Session(store.engine) as session:
        row = session.exec(
            select(StaffSession).where(StaffSession.token_hash == hash_token(at.session_state[SESSION_ID_KEY]))
        ).one()
    assert utcnow() - row.last_seen_at < timedelta(minutes=1)


def test_a_sign_in_ends_after_12_hours_however_busy(store):
    at = in_app(manager(store))
    age(at, signed_in_ago=timedelta(hours=12, seconds=5), seen_ago=timedelta(seconds=10))
    at.run()
    assert at.title[0].value == "Staff sign-in"
    assert [w.value for w in at.warning] == [
        "You were signed out: a sign-in lasts 12 hours at most. Please sign in again."
    ]


def test_the_idle_limit_is_a_setting(store, monkeypatch):
    monkeypatch.setenv("PORTAL_STAFF_IDLE_MINUTES", "5")
    get_settings.cache_clear()
    at = in_app(manager(store))
    age(at, signed_in_ago=timedelta(minutes=6), seen_ago=timedelta(minutes=6))
    at.run()
    assert "after 5 minutes without activity" in at.warning[0].value


def test_a_timed_out_tab_erases_nothing(store):
    """The button's callback runs before the page would ask to sign in again: it must not act either."""
    case_id = opened(store)
    at = in_app(manager(store), "screens/privacy.py", url="http://localhost:8501/privacy")
    at.text_input(key="privacy_query").input(EMAIL)
    click(at, "Find")
    customer_id = case_row(store, case_id).customer_id
    at.text_input(key=f"privacy{customer_id}_reason").input("The customer asked by email")
    at.checkbox(key=f"privacy{customer_id}_sure").check()
    age(at, signed_in_ago=timedelta(hours=1), seen_ago=timedelta(minutes=31))
    button(at, "Erase personal data").click().run()
    assert at.title[0].value == "Staff sign-in"
    assert case_row(store, case_id).story == STORY and case_row(store, case_id).erased_at is None


def _page_with_a_deferred_download() -> None:
    """What a staff page does: signed in, it hands a download its deferred ``data`` (portal/ui/staff_session)."""
    import streamlit as st

    from portal.ui.staff_session import while_signed_in

    st.session_state["download_data"] = while_signed_in(lambda: b"the cases")


def test_a_download_clicked_after_the_session_ended_gets_nothing(store):
    """A download's data is made on a thread of its own when clicked, outside any run of the page."""
    at = AppTest.from_function(_page_with_a_deferred_download, default_timeout=30)
    raw = sign_in_as(at, manager(store))
    download = at.run().session_state["download_data"]
    assert download() == b"the cases"  # clicked at once
    end_session(store.engine, raw)  # signed out in another tab
    with pytest.raises(NotAllowed):
        download()
