"""The staff case queue: counts per status, filters, search, sort, pages, and a way into each case.

The applied filter lives in ``st.session_state["queue_filter"]`` (a QueueFilter), apart from the
widgets, so it survives a visit to a case page and back; the widgets are seeded from it.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from db.models import utcnow
from portal.back_office.queue import DEFAULT_FILTER, STATUS_ORDER, UNASSIGNED, QueueFilter, QueuePage, Sort, load_queue
from portal.back_office.staff import StaffActor, list_staff
from portal.conversation.vocabulary import Category
from portal.recovery.money import format_money
from portal.recovery.sla import BusinessHours, Clock, ClockState, business_hours, running_clock
from portal.ui import context
from portal.ui.labels import STATUS_LABELS, label
from portal.ui.navigation import CASE_SCREEN
from portal.ui.staff_session import require_staff

FILTER_KEY = "queue_filter"
SHOWN_KEY = "queue_shown_ids"
TABLE_KEY = "queue_table"
PAGER_KEY = "queue_pager"
ANYONE = "anyone"

SORT_LABELS = {
    Sort.NEWEST: "Newest first",
    Sort.OLDEST: "Oldest first",
    Sort.AMOUNT: "Amount at stake, largest first",
    Sort.STATUS: "Status (needs us first)",
    Sort.DUE: "Due soonest (SLA)",
}


def _label(value: str) -> str:
    return label(value, STATUS_LABELS)


def applied() -> QueueFilter:
    return st.session_state.setdefault(FILTER_KEY, DEFAULT_FILTER)


def _seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _apply_form() -> None:
    owner = st.session_state["queue_owner"]
    search = st.session_state["queue_search"].strip()
    st.session_state[FILTER_KEY] = replace(
        applied(),
        statuses=tuple(st.session_state["queue_statuses"]),
        categories=tuple(st.session_state["queue_categories"]),
        owner_id=None if owner == ANYONE else owner,
        min_age_days=st.session_state["queue_min_age"],
        max_age_days=st.session_state["queue_max_age"],
        search=search,
        overdue_only=st.session_state["queue_overdue"],
        page=1,
    )


def _clear_filters() -> None:
    st.session_state[FILTER_KEY] = replace(DEFAULT_FILTER, sort=applied().sort)
    for key in (
        "queue_statuses",
        "queue_categories",
        "queue_owner",
        "queue_min_age",
        "queue_max_age",
        "queue_search",
        "queue_overdue",
    ):
        st.session_state.pop(key, None)


def _sort_changed() -> None:
    st.session_state[FILTER_KEY] = replace(applied(), sort=Sort(st.session_state["queue_sort"]), page=1)


def _page_picked(key: str) -> None:
    st.session_state[FILTER_KEY] = replace(applied(), page=st.session_state[key])


def filters(actor: StaffActor) -> None:
    filt = applied()
    staff = {member.id: member for member in list_staff(context.engine())}
    owners: list[object] = [ANYONE, UNASSIGNED, *staff]
    if filt.owner_id is not None and filt.owner_id not in owners:  # their account was closed meanwhile
        filt = st.session_state[FILTER_KEY] = replace(filt, owner_id=None)
        st.session_state.pop("queue_owner", None)
    _seed("queue_statuses", list(filt.statuses))
    _seed("queue_categories", list(filt.categories))
    _seed("queue_owner", filt.owner_id or ANYONE)
    _seed("queue_min_age", filt.min_age_days)
    _seed("queue_max_age", filt.max_age_days)
    _seed("queue_search", filt.search)
    _seed("queue_overdue", filt.overdue_only)

    def owner_label(value: object) -> str:
        if value == ANYONE:
            return "Anyone"
        if value == UNASSIGNED:
            return "Unassigned"
        member = staff[value]  # type: ignore[index]  # value is a staff id once ANYONE and UNASSIGNED are ruled out
        return f"{member.name} (you)" if member.id == actor.id else member.name

    with st.sidebar.form("queue_filters"):
        st.subheader("Filters")
        st.text_input(
            "Search", key="queue_search", max_chars=320, placeholder="Reference, order reference or customer email"
        )
        st.multiselect(
            "Status", [str(s) for s in STATUS_ORDER], format_func=_label, key="queue_statuses", placeholder="Any status"
        )
        st.multiselect(
            "Category",
            [str(c) for c in Category],
            format_func=_label,
            key="queue_categories",
            placeholder="Any category",
        )
        st.selectbox("Owner", owners, format_func=owner_label, key="queue_owner")
        st.number_input("At least this many days old", min_value=0, step=1, value=None, key="queue_min_age")
        st.number_input("At most this many days old", min_value=0, step=1, value=None, key="queue_max_age")
        st.checkbox("Overdue only", key="queue_overdue", help="Cases past their response or resolution target")
        st.form_submit_button("Apply filters", type="primary", on_click=_apply_form)
    st.sidebar.button("Clear filters", on_click=_clear_filters)


def counts(page: QueuePage) -> None:
    row = st.container(horizontal=True)
    for status in STATUS_ORDER:
        row.metric(_label(str(status)), f"{page.status_counts.get(str(status), 0):,}")


# Each clock's word in a pill of its colour, drawn by the table itself: no emoji font needed (coloured emoji marks
# showed as empty boxes on machines without one), and the word says it to those who cannot see colour. (Tinting
# the cells with a pandas Styler cost about 40% of the page's rerun: benchmarks/staff_queue.py.)
SLA_COLOURS = {ClockState.OVERDUE: "red", ClockState.DUE_SOON: "orange", ClockState.RUNNING: "green"}
SLA_COLUMN = st.column_config.MultiselectColumn(
    "SLA",
    options=[Clock.BADGES[state] for state in SLA_COLOURS],
    color=list(SLA_COLOURS.values()),
    help="Where the case stands against its response or resolution target",
)


def table(page: QueuePage, hours: BusinessHours) -> None:
    st.session_state[SHOWN_KEY] = [row.id for row in page.rows]
    now = utcnow()
    clocks = [running_clock(row.sla_due_at, row.awaiting_first_response, now, hours) for row in page.rows]
    # Every column reads whole at 1280 pixels with the sidebar open (tests/e2e/test_staff_layout.py): the opening
    # time is the age and the case page's, and a row opens its case here (a new tab would ask to sign in again).
    rows = pd.DataFrame(
        [
            {
                "Reference": row.reference,
                "SLA": [clock.badge()] if clock else [],
                "Time left": clock.describe() if clock else "",
                "Status": _label(row.status),
                "Category": _label(row.category),
                "Age (days)": row.age_days,
                "Owner": row.owner_name or "Unassigned",
                "Customer": row.customer_email,
                "Amount at stake": format_money(row.amount_cents, row.currency),
            }
            for row, clock in zip(page.rows, clocks, strict=True)
        ]
    )
    st.dataframe(
        rows,
        key=TABLE_KEY,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        column_config={
            "SLA": SLA_COLUMN,
            # A long address is cut short here (the case page, or the cell selected, shows it whole), so the
            # columns after it stay on the screen.
            "Customer": st.column_config.TextColumn("Customer email", width=140),
            # Short headings: a column is as wide as its heading when its values are short.
            "Age (days)": st.column_config.NumberColumn("Days", help="Days since the case was opened"),
            "Amount at stake": st.column_config.TextColumn("At stake", help="The amount at stake"),
            "Time left": st.column_config.TextColumn(
                "Time left", help=f"Business time to the target ({hours.describe()}); 'overdue by' past it"
            ),
        },
    )
    st.caption("Select a row to open its case here.")


def pager(page: QueuePage) -> None:
    """Previous, next and the page numbers (st.pagination), and where we are.

    The widget's key names the page it shows, so it is a new widget whenever the page changes
    (a filter, a sort, a visit elsewhere) and always starts from the page actually shown.
    """
    if page.pages > 1:
        key = f"{PAGER_KEY}_{page.page}_{page.pages}"
        st.pagination(page.pages, default=page.page, key=key, on_change=_page_picked, args=(key,))
    st.caption(f"Page {page.page:,} of {page.pages:,} · {page.total:,} case{'s' if page.total != 1 else ''}")


def open_selected() -> None:
    """A row selected on the previous run opens that case (the ids are the ones that run showed)."""
    selection = st.session_state.get(TABLE_KEY)
    rows = selection["selection"]["rows"] if selection else []
    shown = st.session_state.get(SHOWN_KEY, [])
    if rows and rows[0] < len(shown):
        try:
            st.switch_page(CASE_SCREEN, query_params={"id": str(shown[rows[0]])})
        except StreamlitAPIException:
            st.warning("The case page is not available.")


def main() -> None:
    actor = require_staff()
    open_selected()
    st.title("Case queue")
    filters(actor)
    filt = applied()
    queue = load_queue(context.engine(), filt)
    if queue.page != filt.page:
        st.session_state[FILTER_KEY] = replace(filt, page=queue.page)
    counts(queue)
    st.selectbox(
        "Sort",
        list(Sort),
        format_func=SORT_LABELS.__getitem__,
        index=list(Sort).index(filt.sort),
        key="queue_sort",
        on_change=_sort_changed,
    )
    if queue.rows:
        table(queue, business_hours(context.engine()))
        pager(queue)
    elif any(queue.status_counts.values()):
        st.info("No cases match these filters.")
    else:
        st.info("No cases yet. They appear here as soon as a customer tells us what happened.")
