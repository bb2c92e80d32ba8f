"""The email outbox, for staff: what was sent, what waits, what failed, and a retry for the failed ones.

Everyone sees who each email went to, its kind and how its delivery went; managers also read what it says, with
the customer's private links hidden (portal.delivery.outbox.list_messages decides what a reader sees).

Without an SMTP server (the demo) the worker writes each email as an .eml file; the page says where.
Delivery itself is the worker's job (`portal worker`, or `portal worker --once` from cron).
"""

from __future__ import annotations

import streamlit as st

from portal.back_office.staff import StaffActor
from portal.delivery import outbox
from portal.delivery.mailer import describe_transport
from portal.delivery.outbox import MessageStatus, OutboxEntry
from portal.errors import NotAllowed
from portal.ui import context
from portal.ui.labels import ALL, label, log_filter_labels
from portal.ui.staff_session import require_staff, staff_action
from portal.ui.widgets import show_flash

FILTER_KEY = "outbox_status"
FLASH_KEY = "outbox_flash"
PREVIEW_KEY = "outbox_preview"
STATUS_LABELS = log_filter_labels(MessageStatus)
KIND_LABELS = {
    "invite": "Invite link",
    "case_received": "Case received",
    "decision": "Decision or offer",
    "fulfilled": "Remedy fulfilled",
    "checkin": "Check-in",
    "reopened": "Reopened (to owner)",
    "verify_email": "Email confirmation",
}


@staff_action
def _retry(actor: StaffActor, message_id: int) -> None:
    """Button callback: runs before the page is drawn again, so the table already shows the result."""
    try:
        outbox.retry_now(context.engine(), actor, message_id)
    except (ValueError, LookupError, NotAllowed) as error:
        st.session_state[FLASH_KEY] = ("error", str(error))
    else:
        st.session_state[FLASH_KEY] = (
            "success",
            f"Message {message_id} is queued again; the worker sends it on its next pass.",
        )


def delivery_note() -> None:
    settings = context.settings()
    if settings.smtp_host:
        st.caption(f"Delivering through {describe_transport(settings)} from {settings.sender}.")
        return
    st.info(
        "No SMTP server is configured, so emails are not sent: the worker writes each one as an .eml file "
        "into this folder (open them with any mail program)."
    )
    st.code(str(settings.outbox_dir), language=None)


def counts() -> None:
    found = outbox.status_counts(context.engine())
    row = st.container(horizontal=True)
    for status in MessageStatus:
        row.metric(label(status, STATUS_LABELS), f"{found.get(str(status), 0):,}")


def table(entries: list[OutboxEntry]) -> None:
    st.dataframe(
        [
            {
                "Status": label(e.status, STATUS_LABELS),
                "Kind": label(e.kind, KIND_LABELS),
                "To": e.to_address,
                **({} if e.subject is None else {"Subject": e.subject}),
                "Case": e.case_reference or "",
                "Attempts": e.attempts,
                "Last error": e.last_error,
                "Created": e.created_at,
                "Sent": e.sent_at,
                "Next try": e.next_attempt_at if e.status == MessageStatus.PENDING else None,
            }
            for e in entries
        ],
        hide_index=True,
        column_config={
            "Created": st.column_config.DatetimeColumn("Created (UTC)", format="YYYY-MM-DD HH:mm"),
            "Sent": st.column_config.DatetimeColumn("Sent (UTC)", format="YYYY-MM-DD HH:mm"),
            "Next try": st.column_config.DatetimeColumn("Next try (UTC)", format="YYYY-MM-DD HH:mm"),
        },
    )


def failed_section(actor: StaffActor, entries: list[OutboxEntry]) -> None:
    failed = [e for e in entries if e.status == MessageStatus.FAILED]
    if not failed:
        return
    st.subheader("Failed")
    st.write("These were not delivered. Check the address or the mail server, then retry.")
    for entry in failed:
        with st.container(border=True):
            subject = "" if entry.subject is None else f": {entry.subject}"
            st.text(f"{label(entry.kind, KIND_LABELS)} to {entry.to_address}{subject}")
            st.text(f"After {entry.attempts} attempt{'s' if entry.attempts != 1 else ''}: {entry.last_error}")
            st.button("Retry now", key=f"outbox_retry_{entry.id}", on_click=_retry, args=(actor, entry.id))


def preview(entries: list[OutboxEntry]) -> None:
    entries = [e for e in entries if e.body_text is not None]
    if not entries:
        return
    st.subheader("Read a message")
    by_id = {e.id: e for e in entries}
    chosen = st.selectbox(
        "Message",
        list(by_id),
        key=PREVIEW_KEY,
        format_func=lambda i: f"#{i} {label(by_id[i].kind, KIND_LABELS)}: {by_id[i].subject}",
    )
    entry = by_id[chosen]
    with st.container(border=True):
        st.text(f"To: {entry.to_address}\nSubject: {entry.subject}\nMessage-ID: {entry.message_id}")
        st.text(entry.body_text)  # the plain-text part, literally


def main() -> None:
    actor = require_staff()
    st.title("Outbox")
    show_flash(FLASH_KEY)
    delivery_note()
    counts()
    choice = st.selectbox("Show", list(STATUS_LABELS), format_func=lambda s: label(s, STATUS_LABELS), key=FILTER_KEY)
    shown = outbox.list_messages(context.engine(), actor, None if choice == ALL else str(choice))
    if shown:
        table(shown)
        st.caption(f"{len(shown):,} message{'s' if len(shown) != 1 else ''}, newest first (at most 200).")
    else:
        st.info("No messages here yet." if choice == ALL else f"No {STATUS_LABELS[choice].lower()} messages.")
    failed_section(actor, shown)
    preview(shown)
    st.caption(
        "Run `portal worker` (or `portal worker --once`) to deliver pending messages and the check-ins that are due."
    )
