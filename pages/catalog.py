"""Managers: the remedy catalog (gifts included), the approval policy and the owner's profile."""

from __future__ import annotations

import streamlit as st

from portal.business import get_business
from portal.catalog import BusinessSettings, RemedyDraft, all_remedies, save_remedy, update_business
from portal.classify import Category
from portal.errors import NotAllowed, StaleCase
from portal.money import format_money, to_cents
from portal.privacy import RETENTION_MAX_MONTHS
from portal.remedies import RemedyKind
from portal.ui import context
from portal.ui.staff_session import require_staff

NEW = 0


def _cents(value: float | None) -> int | None:
    return to_cents(value) if value is not None else None


def policy_form(actor) -> None:  # type: ignore[no-untyped-def]
    business = get_business(context.engine())
    st.subheader("Policy and owner")
    with st.form("policy"):
        left, right = st.columns(2)
        name = left.text_input("Business name", value=business.name)
        owner_name = right.text_input("Owner (the accountable person)", value=business.owner_name)
        owner_role = left.text_input("Owner's role", value=business.owner_role)
        owner_email = right.text_input("Owner's email", value=business.owner_email)
        owner_phone = left.text_input("Owner's phone", value=business.owner_phone)
        delay = right.number_input("Check-in delay after fulfilment (days)", min_value=1, max_value=14,
                                   value=business.followup_delay_days)
        auto = left.number_input(f"Auto-approve customer proposals up to ({business.currency})", min_value=0.0,
                                 value=business.auto_approve_limit_cents / 100, step=5.0, format="%.2f")
        agent = right.number_input(f"Agents may approve up to ({business.currency})", min_value=0.0,
                                   value=business.agent_approval_limit_cents / 100, step=10.0, format="%.2f")
        retention = left.number_input("Erase customers' personal data this many months after their case is settled "
                                      "(empty: keep it)", min_value=1, max_value=RETENTION_MAX_MONTHS, step=1,
                                      value=business.retention_months,
                                      help="The worker erases names, emails and story texts of closed or fulfilled "
                                           "cases with no activity for this long; the anonymised case is kept.")
        refund = st.checkbox("Always offer customers a refund among their choices", value=business.refund_always_offered,
                             help="When no refund in the catalog fits the problem, the first active refund is "
                                  "offered too; with none in the catalog, a refund of what the customer paid.")
        saved = st.form_submit_button("Save policy", type="primary", disabled=not actor.is_manager)
    if saved:
        try:
            new = BusinessSettings(name=name, owner_name=owner_name, owner_role=owner_role, owner_email=owner_email,
                                   owner_phone=owner_phone, auto_approve_limit_cents=_cents(auto) or 0,
                                   agent_approval_limit_cents=_cents(agent) or 0, followup_delay_days=int(delay),
                                   refund_always_offered=refund,
                                   retention_months=int(retention) if retention is not None else None)
            update_business(context.engine(), actor, new, business.version)
        except (ValueError, NotAllowed, StaleCase) as error:
            st.error(str(error))
        else:
            st.success("Policy saved.")


def catalog_table() -> None:
    rows = [{"id": o.id, "kind": o.kind, "title": o.title,
             "value": format_money(o.value_cents) if o.value_cents is not None else (f"{o.percent}%" if o.percent else ""),
             "fits": o.categories or "every category", "active": o.is_active, "order": o.sort_order}
            for o in all_remedies(context.engine())]
    st.dataframe(rows, hide_index=True, width="stretch")


def remedy_form(actor) -> None:  # type: ignore[no-untyped-def]
    options = {o.id: o for o in all_remedies(context.engine())}
    picked = st.selectbox("Add or change", options=[NEW, *options],
                          format_func=lambda i: "Add a new remedy or gift" if i == NEW else f"{options[i].title}")
    current = options.get(picked)
    with st.form(f"remedy_{picked}"):
        kinds = [k.value for k in RemedyKind]
        kind = st.selectbox("Kind (gift = the small 'something extra')", kinds,
                            index=kinds.index(current.kind) if current else 0)
        title = st.text_input("Title, as the customer reads it", value=current.title if current else "")
        description = st.text_area("Description (optional)", value=current.description if current else "")
        left, right = st.columns(2)
        value = left.number_input("Value (optional)", min_value=0.0, step=1.0, format="%.2f",
                                  value=current.value_cents / 100 if current and current.value_cents is not None else None)
        percent = right.number_input("Percent, for discounts (optional)", min_value=1, max_value=100,
                                     value=current.percent if current else None)
        fits = st.multiselect("Fits these categories (none = every category)", [c.value for c in Category],
                              default=[c for c in (current.categories.split(",") if current else []) if c])
        active = left.checkbox("Offered to customers", value=current.is_active if current else True)
        order = right.number_input("Order", value=current.sort_order if current else len(options), step=1)
        saved = st.form_submit_button("Save", type="primary", disabled=not actor.is_manager)
    if saved:
        try:
            draft = RemedyDraft(kind=kind, title=title, description=description, value_cents=_cents(value),
                                percent=int(percent) if percent else None, categories=tuple(fits), is_active=active,
                                sort_order=int(order))
            save_remedy(context.engine(), actor, draft, option_id=current.id if current else None)
        except (ValueError, NotAllowed, LookupError) as error:
            st.error(str(error))
        else:
            st.success(f"Saved: {title}")


actor = require_staff()
st.title("Remedies and policy")
if not actor.is_manager:
    st.info("Only managers can change these settings; here is what is in place.")
policy_form(actor)
st.subheader("Remedy catalog")
catalog_table()
remedy_form(actor)
