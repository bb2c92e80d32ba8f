"""Staff prepare a personal link for a customer, to send however suits them."""

from __future__ import annotations

import streamlit as st

from portal.entry.invites import create_invite
from portal.i18n import LANGUAGES
from portal.recovery.money import MAX_AMOUNT_CENTS, to_cents
from portal.ui import context
from portal.ui.staff_session import require_staff


def main() -> None:
    actor = require_staff()
    st.title("Invite a customer")
    st.write("Prepare a personal link: the customer's details are filled in for them, in their language.")
    with st.form("invite"):
        name = st.text_input("Customer's name (optional)", key="invite_name")
        email = st.text_input("Customer's email (optional)", key="invite_email")
        order_ref = st.text_input("Order or job reference (optional)", key="invite_order")
        amount = st.number_input(
            "Amount the customer paid (optional)",
            value=None,
            min_value=0.0,
            max_value=MAX_AMOUNT_CENTS / 100,
            step=1.0,
            format="%.2f",
            key="invite_amount",
            help="Their details start with it; a refund gives back no more than they confirm.",
        )
        language = st.selectbox("Language", list(LANGUAGES), format_func=LANGUAGES.__getitem__, key="invite_language")
        send = st.checkbox("Email the link to the customer", key="invite_send")
        made = st.form_submit_button("Create link", type="primary")
    if made:
        try:
            link = create_invite(
                context.engine(),
                actor,
                customer_name=name,
                email=email,
                order_ref=order_ref,
                amount_cents=to_cents(amount),
                language=language,
                send_email=send,
            )
        except ValueError as error:
            st.error(str(error))
        else:
            sent = " It is on its way to the customer by email." if send else ""
            st.success(
                f"Link ready. It works until {link.expires_at:%d %b %Y}; copy it now, it is not shown again.{sent}"
            )
            st.code(link.url, language=None)
