"""Managers: a customer's personal data on request: find them, download everything as JSON, or erase it."""

from __future__ import annotations

import streamlit as st

from portal.back_office import privacy
from portal.back_office.privacy import CustomerRecord
from portal.back_office.staff import StaffActor
from portal.errors import NotAllowed
from portal.ui import context
from portal.ui.staff_session import require_staff, staff_action
from portal.ui.widgets import show_text

QUERY_KEY = "privacy_query"
FLASH_KEY = "privacy_flash"


def _key(customer_id: int, name: str) -> str:
    return f"privacy{customer_id}_{name}"


@staff_action
def _prepare_export(actor: StaffActor, customer_id: int) -> None:
    """Button callback: the export is made (and audited) once, when asked for; the download serves that copy."""
    try:
        export = privacy.export_customer(context.engine(), actor, customer_id)
    except (NotAllowed, LookupError) as error:
        st.session_state[FLASH_KEY] = ("error", str(error))
    else:
        st.session_state[_key(customer_id, "export")] = privacy.export_json(export)


@staff_action
def _erase(actor: StaffActor, customer_id: int) -> None:
    """Button callback: refused (with what was typed kept) until the box is ticked and a reason given."""
    if not st.session_state.get(_key(customer_id, "sure")):
        st.session_state[_key(customer_id, "problem")] = "Tick the box to confirm: erasure cannot be undone."
        return
    try:
        erasure = privacy.erase_customer(
            context.engine(), actor, customer_id, st.session_state.get(_key(customer_id, "reason")) or ""
        )
    except ValueError as problem:
        st.session_state[_key(customer_id, "problem")] = str(problem)
    except (NotAllowed, LookupError) as error:
        st.session_state[FLASH_KEY] = ("error", str(error))
    else:
        st.session_state.pop(_key(customer_id, "export"), None)  # a copy of what no longer exists
        st.session_state[_key(customer_id, "sure")] = False
        cases = ", ".join(erasure.references) or "no cases"
        st.session_state[FLASH_KEY] = (
            "success",
            f"Personal data erased ({cases}). The anonymised cases stay for "
            "statistics; they can still be found by reference.",
        )
        if "@" in (st.session_state.get(QUERY_KEY) or "") and erasure.references:
            st.session_state[QUERY_KEY] = erasure.references[0]  # the address is gone: keep showing them


def search_form() -> str:
    with st.form("privacy_search"):
        st.text_input(
            "Customer's email address or case reference",
            key=QUERY_KEY,
            max_chars=320,
            placeholder="alex@example.com or AM-7KQ2PX",
        )
        st.form_submit_button("Find", type="primary")
    return (st.session_state.get(QUERY_KEY) or "").strip()


def flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message is not None:
        kind, text = message
        (st.success if kind == "success" else st.error)(text)


def cases_table(record: CustomerRecord) -> None:
    st.dataframe(
        [
            {
                "Case": c.reference,
                "Opened": f"{c.created_at:%Y-%m-%d}",
                "Status": c.status.replace("_", " "),
                "Personal data": f"erased {c.erased_at:%Y-%m-%d}" if c.erased_at else "held",
            }
            for c in record.cases
        ],
        hide_index=True,
        key=_key(record.customer_id, "cases"),
    )


def export_part(actor: StaffActor, record: CustomerRecord) -> None:
    st.subheader("Export")
    st.write(
        "Everything we hold about this customer, as one JSON file: their cases and words, remedies, "
        "check-ins, invites, the emails we sent them and the timeline. Preparing it is logged."
    )
    document = st.session_state.get(_key(record.customer_id, "export"))
    if document is None:
        st.button(
            "Prepare the export",
            key=_key(record.customer_id, "prepare"),
            on_click=_prepare_export,
            args=(actor, record.customer_id),
        )
    else:
        st.download_button(
            "Download JSON",
            data=document,
            file_name=f"customer-{record.customer_id}.json",
            mime="application/json",
            key=_key(record.customer_id, "download"),
            on_click="ignore",
            type="primary",
        )


def erase_part(actor: StaffActor, record: CustomerRecord) -> None:
    customer_id = record.customer_id
    st.subheader("Erase personal data")
    st.write(
        "Blanks their name, email, story, the conversation, free-text remedies, check-in comments, internal "
        "notes, invites and the emails about them, and stops their links working. Category, status, dates, "
        "amounts, check-in scores and lessons stay, so the statistics stay right."
    )
    if record.unsettled:
        st.warning(
            f"Not settled yet: {', '.join(record.unsettled)}. Erasing withdraws "
            f"{'it' if len(record.unsettled) == 1 else 'them'}: with no customer left to email or put it "
            "right with, nothing more happens to it, and it leaves the queue."
        )
    with st.form(_key(customer_id, "erase_form")):
        st.text_input(
            "Why (kept in the audit log: do not write their name or email here)",
            key=_key(customer_id, "reason"),
            max_chars=privacy.REASON_LIMIT,
            placeholder="The customer asked by email on 3 May",
        )
        st.checkbox("I understand this cannot be undone", key=_key(customer_id, "sure"))
        st.form_submit_button("Erase personal data", on_click=_erase, args=(actor, customer_id))
    problem = st.session_state.pop(_key(customer_id, "problem"), None)
    if problem:
        st.error(problem)


def customer_part(actor: StaffActor, record: CustomerRecord) -> None:
    with st.container(border=True):
        if record.erased:
            st.info(f"Personal data erased on {record.erased_at:%Y-%m-%d}.")
        else:
            show_text(f"{record.name or '(no name given)'} <{record.email}>")
        if len(record.customer_ids) > 1:
            st.caption(
                f"{len(record.customer_ids)} customer records share this address (one per case): every "
                "action here covers all of them."
            )
        cases_table(record)
        export_part(actor, record)
        erase_part(actor, record)


def main() -> None:
    actor = require_staff()
    st.title("Customer data")
    if not actor.is_manager:
        st.info("Managers only: ask a manager to export or erase a customer's personal data.")
        return
    st.write("Find a customer to give them a copy of their data or to erase it when they ask.")
    query = search_form()
    flash()
    if not query:
        return
    try:
        found = privacy.find_customers(context.engine(), actor, query)
    except NotAllowed as error:
        st.error(str(error))
        return
    if not found:
        st.write(
            "Nobody found. Search by the whole email address, or by a case reference such as AM-7KQ2PX. "
            "Customers whose data was erased are found by case reference only."
        )
    for record in found:
        customer_part(actor, record)
