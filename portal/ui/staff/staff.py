"""Staff (the /staff address): who you are, on to the queue; for managers, the team: end someone's sessions,
deactivate or reactivate an account, change a role (each ends that member's sessions at once; all audited)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from portal.back_office.staff import StaffActor, TeamMember, set_staff_active, set_staff_role, team
from portal.back_office.staff_clock import SessionLimits
from portal.back_office.staff_sessions import end_sessions_of, open_sessions
from portal.errors import NotAllowed
from portal.recovery.remedies import Role
from portal.ui import context
from portal.ui.navigation import QUEUE_SCREEN
from portal.ui.staff_session import require_staff, staff_action

_NOTICE_KEY = "staff_team_notice"


def _done(what: str, change: Callable[[], object]) -> None:
    try:
        change()
    except (NotAllowed, LookupError) as refusal:
        st.session_state[_NOTICE_KEY] = ("error", str(refusal))
    else:
        st.session_state[_NOTICE_KEY] = ("success", what)


@staff_action
def _end_sessions(actor: StaffActor, member: TeamMember) -> None:
    _done(
        f"{member.actor.name} is signed out everywhere.",
        lambda: end_sessions_of(context.engine(), actor, member.actor.id),
    )


@staff_action
def _set_active(actor: StaffActor, member: TeamMember, active: bool) -> None:
    verb = "reactivated" if active else "deactivated and signed out everywhere"
    _done(f"{member.actor.name} is {verb}.", lambda: set_staff_active(context.engine(), actor, member.actor.id, active))


@staff_action
def _set_role(actor: StaffActor, member: TeamMember, role: Role) -> None:
    _done(
        f"{member.actor.name} is now a {role.value}, and signs in again to use it.",
        lambda: set_staff_role(context.engine(), actor, member.actor.id, role),
    )


def _team(actor: StaffActor) -> None:
    st.subheader("Team")
    notice = st.session_state.pop(_NOTICE_KEY, None)
    if notice:
        (st.success if notice[0] == "success" else st.error)(notice[1])
    sessions = open_sessions(context.engine(), actor, SessionLimits.of(context.settings()))
    for member in team(context.engine()):
        person, them = member.actor, member.actor.id
        left, right = st.columns([3, 4])
        count = sessions.get(them, 0)
        state = "active" if member.is_active else "deactivated"
        left.text(
            f"{person.name} ({person.email})\n{person.role.value}, {state}, "
            f"signed in on {count} device{'s' if count != 1 else ''}"
        )
        if them == actor.id:
            right.caption("You (use Sign out everywhere in the menu)")
            continue
        buttons = right.columns(3)
        buttons[0].button(
            "End sessions",
            key=f"end_sessions_{them}",
            disabled=count == 0,
            on_click=_end_sessions,
            args=(actor, member),
        )
        buttons[1].button(
            "Reactivate" if not member.is_active else "Deactivate",
            key=f"active_{them}",
            on_click=_set_active,
            args=(actor, member, not member.is_active),
        )
        other = Role.AGENT if person.role is Role.MANAGER else Role.MANAGER
        buttons[2].button(
            f"Make {other.value}",
            key=f"role_{them}",
            disabled=not member.is_active,
            on_click=_set_role,
            args=(actor, member, other),
        )


def main() -> None:
    actor = require_staff()
    st.title("Staff")
    st.text(f"Signed in as {actor.name} ({actor.email}), {actor.role.value}.")
    st.page_link(QUEUE_SCREEN, label="Open the case queue", icon=":material/inbox:")
    if actor.is_manager:
        _team(actor)
