"""Managers: response and resolution targets per category, and the business hours the SLA clocks count in.

Everything is checked and audited in ``portal.recovery.sla`` (managers only); agents see what is in place.
Widget keys carry the version they were drawn from: after a save the form shows the stored values,
after a refusal (a problem, or someone else saving first) it keeps what the manager typed.
"""

from __future__ import annotations

import streamlit as st

from portal.back_office.staff import StaffActor
from portal.conversation.vocabulary import Category
from portal.errors import NotAllowed, StaleCase
from portal.recovery.sla import (
    DEFAULT_TARGET,
    MAX_FIRST_RESPONSE_MINUTES,
    MAX_RESOLUTION_DAYS,
    BusinessHours,
    SlaSettings,
    Target,
    format_minutes,
    format_target,
    load_settings,
    save_business_hours,
    save_target,
    timezones,
    week_order,
)
from portal.ui import context
from portal.ui.staff_session import require_staff

SAVED_KEY = "sla_saved"
WEEKDAYS = {1: "Monday", 2: "Tuesday", 3: "Wednesday", 4: "Thursday", 5: "Friday", 6: "Saturday", 7: "Sunday"}


def _saved(message: str) -> None:
    """Show ``message`` above the page once it is drawn again from the stored values."""
    st.session_state[SAVED_KEY] = message
    st.rerun()


def _category(value: str) -> str:
    return value.replace("_", " ").capitalize()


def targets_table(settings: SlaSettings) -> None:
    rows = [
        {
            "Category": _category(t.category),
            "First response within": format_minutes(t.target.first_response_minutes),
            "Resolution (business days)": t.target.resolution_days,
            "Source": "Default" if t.is_default else "Changed by a manager",
        }
        for t in settings.targets
    ]
    st.dataframe(rows, hide_index=True, width="stretch")


def target_form(actor: StaffActor, settings: SlaSettings) -> None:
    category = st.selectbox(
        "Change the targets of", [str(c) for c in Category], format_func=_category, key="sla_category"
    )
    current = next(t for t in settings.targets if t.category == category)
    suffix = f"{category}_{current.version}"
    with st.form(f"sla_target_{suffix}"):
        left, right = st.columns(2)
        first = left.number_input(
            "First staff response within (business hours)",
            min_value=0.25,
            max_value=MAX_FIRST_RESPONSE_MINUTES / 60,
            step=0.25,
            format="%.2f",
            value=current.target.first_response_minutes / 60,
            key=f"sla_first_{suffix}",
        )
        days = right.number_input(
            "Resolution (remedy fulfilled) within (business days)",
            min_value=1,
            max_value=MAX_RESOLUTION_DAYS,
            step=1,
            value=current.target.resolution_days,
            key=f"sla_days_{suffix}",
            help=f"A business day is one workday ({settings.hours.describe()}).",
        )
        saved = st.form_submit_button("Save targets", type="primary", disabled=not actor.is_manager)
    if saved:
        target = Target(first_response_minutes=round(first * 60), resolution_days=int(days))
        try:
            save_target(context.engine(), actor, category, target, current.version)
        except (ValueError, NotAllowed, StaleCase) as error:
            st.error(str(error))
        else:
            _saved(
                f"Saved: {_category(category)}, {format_target(target)}. New and reopened cases get these deadlines."
            )


def hours_form(actor: StaffActor, settings: SlaSettings) -> None:
    hours = settings.hours
    suffix = settings.hours_version
    zones = timezones()
    with st.form(f"sla_hours_{suffix}"):
        zone = st.selectbox(
            "Time zone",
            zones,
            index=zones.index(hours.timezone) if hours.timezone in zones else 0,
            key=f"sla_zone_{suffix}",
        )
        left, right = st.columns(2)
        start = left.time_input("Workday starts", value=hours.start, step=900, key=f"sla_start_{suffix}")
        end = right.time_input("Workday ends", value=hours.end, step=900, key=f"sla_end_{suffix}")
        week = week_order(hours.workdays)
        days = st.multiselect(
            "Workdays",
            week,
            default=[d for d in week if d in hours.workdays],
            format_func=WEEKDAYS.__getitem__,
            key=f"sla_days_{suffix}",
        )
        saved = st.form_submit_button("Save business hours", type="primary", disabled=not actor.is_manager)
    if saved:
        new = BusinessHours(timezone=zone, start=start, end=end, workdays=frozenset(days))
        try:
            save_business_hours(context.engine(), actor, new, settings.hours_version)
        except (ValueError, NotAllowed, StaleCase) as error:
            st.error(str(error))
        else:
            _saved(f"Business hours saved: {new.describe()}. New deadlines count in them.")


def main() -> None:
    actor = require_staff()
    st.title("Response targets")
    if saved_message := st.session_state.pop(SAVED_KEY, None):
        st.success(saved_message)
    if not actor.is_manager:
        st.info("Only managers can change these targets; here is what is in place.")
    settings = load_settings(context.engine())
    st.caption(
        f"Every case gets two clocks when it opens: the first staff response and the resolution "
        f"(the remedy fulfilled). They count business time only: {settings.hours.describe()}. "
        f"The defaults are {format_target(DEFAULT_TARGET)}. The clocks do not pause while the customer "
        "decides on an offer; a reopened case starts a fresh resolution clock, and a case reopened twice "
        "is given to a manager automatically."
    )
    st.subheader("Targets per category")
    targets_table(settings)
    target_form(actor, settings)
    st.subheader("Business hours")
    hours_form(actor, settings)
