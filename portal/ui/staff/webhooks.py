"""Managers: webhook endpoints (add, pause, rotate the secret, test, delete) and the delivery log.

Deliveries are sent by the worker (`portal worker`), like the emails; this page only queues and shows.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import streamlit as st

from portal.back_office.staff import StaffActor
from portal.delivery import webhooks
from portal.delivery.webhook_events import EVENTS
from portal.delivery.webhooks import DeliveryEntry, DeliveryStatus, EndpointView
from portal.errors import NotAllowed
from portal.ui import context
from portal.ui.labels import ALL, log_filter_labels
from portal.ui.staff_session import require_manager, staff_action
from portal.ui.widgets import (
    confirm_button,
    confirmed,
    escape_markdown,
    list_heading,
    secret_box,
    show_flash,
)

URL_KEY, EVENTS_KEY, DESCRIPTION_KEY = "webhook_url", "webhook_events", "webhook_description"
FLASH_KEY = "webhook_flash"
ADD_ERROR_KEY = "webhook_add_error"
SECRET_KEY = "webhook_secret_once"
CONFIRM_DELETE_KEY = "webhook_confirm_delete"
STATUS_LABELS = log_filter_labels(DeliveryStatus)
PROBLEMS = (ValueError, LookupError, NotAllowed)  # UrlRefused is a ValueError

VERIFY_SNIPPET = '''import hashlib, hmac, time

def verify(secret: str, headers, body: bytes) -> bool:
    """True if the request came from Amends (body = the raw request body, as received)."""
    timestamp = headers["X-Amends-Timestamp"]
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body,
                                    hashlib.sha256).hexdigest()
    fresh = abs(time.time() - int(timestamp)) <= 300  # refuse replays of old requests
    return fresh and hmac.compare_digest(expected, headers["X-Amends-Signature"])'''


def _flash(kind: str, text: str) -> None:
    st.session_state[FLASH_KEY] = (kind, text)


@staff_action
def _act(action: Callable[[], object], success: str) -> None:
    """Run a service call from a button callback; its error (or ``success``) shows at the top of the page."""
    try:
        action()
    except PROBLEMS as error:
        _flash("error", str(error))
        return
    if success:
        _flash("success", success)


@staff_action
def _add(actor: StaffActor) -> None:
    """The form's submit callback: on success the form is emptied and the secret shown once; on a problem the
    form keeps what the manager typed and says what to change."""
    url, events = st.session_state.get(URL_KEY, ""), st.session_state.get(EVENTS_KEY, [])
    description = st.session_state.get(DESCRIPTION_KEY, "")
    try:
        created = webhooks.add_endpoint(context.engine(), actor, url, events, description, settings=context.settings())
    except PROBLEMS as error:
        st.session_state[ADD_ERROR_KEY] = ("error", f"The endpoint was not added: {error}")
        return
    st.session_state[SECRET_KEY] = (url.strip(), created.secret, "added")
    st.session_state[URL_KEY], st.session_state[DESCRIPTION_KEY], st.session_state[EVENTS_KEY] = "", "", []


@staff_action
def _rotate(actor: StaffActor, endpoint: EndpointView) -> None:
    try:
        rotated = webhooks.rotate_secret(context.engine(), actor, endpoint.id)
    except PROBLEMS as error:
        _flash("error", str(error))
    else:
        st.session_state[SECRET_KEY] = (endpoint.url, rotated.secret, "rotated")


@staff_action
def _delete(actor: StaffActor, endpoint: EndpointView) -> None:
    if not confirmed(CONFIRM_DELETE_KEY, endpoint.id):  # the first click asks; the second deletes
        return
    _act(
        lambda: webhooks.delete_endpoint(context.engine(), actor, endpoint.id),
        f"Deleted the endpoint {endpoint.url} and its delivery log.",
    )


def secret_once() -> None:
    """The secret, right after it was made; gone on the next click (it is never shown again)."""
    shown = st.session_state.pop(SECRET_KEY, None)
    if not shown:
        return
    url, secret, how = shown
    secret_box(
        f"Endpoint {how}: {escape_markdown(url)}"
        if how == "added"
        else f"New secret for {escape_markdown(url)}: the old one no longer signs anything.",
        secret,
        "Copy this signing secret now and give it to the receiving system: it is shown only this once.",
    )


def explain() -> None:
    st.write(
        "Send case events to your own systems (CRM, chat, ticketing). Each event is POSTed as JSON to the "
        "endpoints that subscribe to it, by the worker, and retried with growing pauses when the receiver "
        "fails. Payloads carry the case reference, status, category and remedy, and **no personal data of "
        "the customer** (no name, email, story or words they typed): look the case up by its reference if "
        "you need more."
    )
    with st.expander("Events, headers and how to verify the signature"):
        st.dataframe([{"Event": name, "When": text} for name, text in EVENTS.items()], hide_index=True)
        st.markdown(
            "Every request has the headers `X-Amends-Event`, `X-Amends-Delivery` (the same on every retry: "
            "use it to drop duplicates), `X-Amends-Timestamp` (Unix seconds) and `X-Amends-Signature`: "
            "`sha256=` followed by the hex HMAC-SHA256 of `<timestamp>.<raw body>`, keyed with the "
            "endpoint's secret. Any 2xx answer counts as delivered; 410 stops at once; anything else, "
            "timeouts included, is tried again later (redirects are not followed). Only https:// "
            "addresses on public networks are accepted. Check a request like this:"
        )
        st.code(VERIFY_SNIPPET, language="python")
        st.caption("Amends keeps each secret as is, because it needs it to sign; rotate it if it may have leaked.")


def add_form(actor: StaffActor) -> None:
    st.subheader("Add an endpoint")
    with st.form("webhook_add"):
        st.text_input("URL", key=URL_KEY, placeholder="https://hooks.example.com/amends", max_chars=webhooks.URL_MAX)
        st.multiselect(
            "Events",
            list(EVENTS),
            key=EVENTS_KEY,
            format_func=lambda e: f"{e}: {EVENTS[e]}",
            placeholder="Choose the events to send",
        )
        st.text_input(
            "Description (optional)",
            key=DESCRIPTION_KEY,
            max_chars=webhooks.DESCRIPTION_MAX,
            placeholder="What receives it, e.g. Our CRM",
        )
        st.form_submit_button("Add endpoint", type="primary", on_click=_add, args=(actor,))
    show_flash(ADD_ERROR_KEY)


def endpoint_list(actor: StaffActor, endpoints: list[EndpointView]) -> None:
    if not list_heading("Endpoints", endpoints, "No endpoints yet: add one above."):
        return
    engine = context.engine()
    for endpoint in endpoints:
        with st.container(border=True):
            state = "Active" if endpoint.is_active else "Paused"
            st.text(f"{endpoint.url}  ({state})")
            if endpoint.description:
                st.text(endpoint.description)
            st.caption(
                f"Events: {', '.join(endpoint.events)} · waiting: {endpoint.pending} · failed: {endpoint.failed}"
            )
            row = st.container(horizontal=True)
            row.button(
                "Pause" if endpoint.is_active else "Resume",
                key=f"webhook_toggle_{endpoint.id}",
                on_click=_act,
                args=(lambda e=endpoint: webhooks.set_active(engine, actor, e.id, not e.is_active), ""),
            )
            row.button(
                "Send test event",
                key=f"webhook_test_{endpoint.id}",
                on_click=_act,
                args=(
                    lambda e=endpoint: webhooks.send_test(engine, actor, e.id),
                    "A test event (ping) is queued; the worker sends it on its next pass.",
                ),
            )
            row.button("Rotate secret", key=f"webhook_rotate_{endpoint.id}", on_click=_rotate, args=(actor, endpoint))
            confirm_button(
                row.button,
                ("Delete", "Yes, delete it and its log"),
                f"webhook_delete_{endpoint.id}",
                endpoint.id,
                _delete,
                (actor, endpoint),
                confirm_key=CONFIRM_DELETE_KEY,
            )
            if not endpoint.is_active:
                st.caption(
                    "Paused: new events are not queued for it, and what was queued fails when its turn comes "
                    "(retry those from the log after resuming)."
                )


def delivery_log(actor: StaffActor, endpoints: list[EndpointView]) -> None:
    st.subheader("Delivery log")
    urls = {e.id: e.url for e in endpoints}
    left, right = st.columns(2)
    choices: list[int | str] = [ALL, *urls]
    chosen = left.selectbox(
        "Endpoint", choices, key="webhook_log_endpoint", format_func=lambda i: "All endpoints" if i == ALL else urls[i]
    )
    status = right.selectbox(
        "Status", list(STATUS_LABELS), key="webhook_log_status", format_func=lambda s: STATUS_LABELS[s]
    )
    entries = webhooks.list_deliveries(
        context.engine(),
        endpoint_id=None if chosen == ALL else int(chosen),
        status=None if status == ALL else str(status),
    )
    if not entries:
        st.info("No deliveries here yet.")
        return
    st.dataframe(
        [
            {
                "Created": e.created_at,
                "Event": e.event,
                "Endpoint": e.endpoint_url,
                "Case": e.case_reference or "",
                "Status": STATUS_LABELS.get(e.status, e.status),
                "Attempts": e.attempts,
                "Last code": e.last_status_code,
                "Last error": e.last_error,
                "Next try": e.next_attempt_at if e.status == DeliveryStatus.PENDING else None,
                "Delivered": e.delivered_at,
            }
            for e in entries
        ],
        hide_index=True,
        column_config={
            name: st.column_config.DatetimeColumn(f"{name} (UTC)", format="YYYY-MM-DD HH:mm:ss")
            for name in ("Created", "Next try", "Delivered")
        },
    )
    st.caption(f"{len(entries):,} deliver{'ies' if len(entries) != 1 else 'y'}, newest first (at most 200).")
    failed_section(actor, entries)
    payload(entries)


def failed_section(actor: StaffActor, entries: list[DeliveryEntry]) -> None:
    failed = [e for e in entries if e.status == DeliveryStatus.FAILED]
    if not failed:
        return
    st.markdown("**Failed** (fix the receiver, then retry)")
    for entry in failed:
        with st.container(border=True):
            st.text(
                f"#{entry.id} {entry.event} to {entry.endpoint_url} after {entry.attempts} attempt"
                f"{'s' if entry.attempts != 1 else ''}: {entry.last_error}"
            )
            st.button(
                "Retry now",
                key=f"webhook_retry_{entry.id}",
                on_click=_act,
                args=(
                    lambda i=entry.id: webhooks.retry_now(context.engine(), actor, i),
                    f"Delivery {entry.id} is queued again; the worker sends it on its next pass.",
                ),
            )


def payload(entries: list[DeliveryEntry]) -> None:
    by_id = {e.id: e for e in entries}
    chosen = st.selectbox(
        "Read a payload",
        list(by_id),
        key="webhook_payload",
        format_func=lambda i: f"#{i} {by_id[i].event} ({by_id[i].case_reference or 'no case'})",
    )
    st.code(json.dumps(json.loads(by_id[chosen].payload), indent=2, ensure_ascii=False), language="json")


def main() -> None:
    actor = require_manager("Webhooks", "Only managers can manage webhooks.")
    show_flash(FLASH_KEY)
    secret_once()
    explain()
    add_form(actor)
    registered = webhooks.list_endpoints(context.engine())
    endpoint_list(actor, registered)
    delivery_log(actor, registered)
    st.caption("Run `portal worker` (or `portal worker --once`) to send what is queued, emails and webhooks alike.")
