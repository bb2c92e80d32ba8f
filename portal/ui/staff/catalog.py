"""Managers: the remedy catalog (gifts included), the approval policy and the owner's profile."""

from __future__ import annotations

from typing import overload

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from db.models import Business, RemedyOption
from portal.back_office.privacy import RETENTION_MAX_MONTHS
from portal.back_office.staff import StaffActor
from portal.business import get_business
from portal.conversation.vocabulary import Category
from portal.errors import NotAllowed, StaleCase
from portal.recovery.catalog import (
    AUTO_AGREE_WINDOW_MAX_DAYS,
    LANGUAGE_NAMES,
    BusinessSettings,
    RemedyDraft,
    all_remedies,
    save_remedy,
    update_business,
)
from portal.recovery.catalog_text import missing_translations
from portal.recovery.money import format_money, to_cents
from portal.recovery.remedies import RemedyKind
from portal.ui import context
from portal.ui.staff_session import require_staff
from portal.ui.widgets import directed_box, escape_markdown

NEW = 0
BLANK_MEANS_ENGLISH = "Left blank, customers who read {language} see the English."
SAVED_FLASH = "catalog_saved"


def _cents(value: float | None) -> int | None:
    return to_cents(value) if value is not None else None


def policy_form(actor: StaffActor) -> None:
    business = get_business(context.engine())
    st.subheader("Policy and owner")
    with st.form("policy"):
        left, right = st.columns(2)
        name = left.text_input("Business name", value=business.name)
        owner_name = right.text_input("Owner (the accountable person)", value=business.owner_name)
        owner_role = left.text_input("Owner's role", value=business.owner_role)
        owner_email = right.text_input("Owner's email", value=business.owner_email)
        owner_phone = left.text_input("Owner's phone", value=business.owner_phone)
        delay = right.number_input(
            "Check-in delay after fulfilment (days)", min_value=1, max_value=14, value=business.followup_delay_days
        )
        auto = _money_input(
            left, f"Auto-approve customer proposals up to ({business.currency})", business.auto_approve_limit_cents, 5
        )
        agent = _money_input(
            right, f"Agents may approve up to ({business.currency})", business.agent_approval_limit_cents, 10
        )
        retention = left.number_input(
            "Erase customers' personal data this many months after their case is settled (empty: keep it)",
            min_value=1,
            max_value=RETENTION_MAX_MONTHS,
            step=1,
            value=business.retention_months,
            help="The worker erases names, emails and story texts of closed or fulfilled "
            "cases with no activity for this long; the anonymised case is kept.",
        )
        refund = st.checkbox(
            "Always offer customers a refund among their choices",
            value=business.refund_always_offered,
            help="When no refund in the catalog fits the problem, the first active refund is "
            "offered too; with none in the catalog, a refund of what the customer paid.",
        )
        claims_count, claims_total, claims_days = auto_agree_fields(business)
        saved = st.form_submit_button("Save policy", type="primary", disabled=not actor.is_manager)
    if saved:
        try:
            new = BusinessSettings(
                name=name,
                owner_name=owner_name,
                owner_role=owner_role,
                owner_email=owner_email,
                owner_phone=owner_phone,
                auto_approve_limit_cents=_cents(auto) or 0,
                agent_approval_limit_cents=_cents(agent) or 0,
                followup_delay_days=int(delay),
                refund_always_offered=refund,
                retention_months=int(retention) if retention is not None else None,
                auto_agree_max_count=int(claims_count),
                auto_agree_max_cents=_cents(claims_total) or 0,
                auto_agree_window_days=int(claims_days),
            )
            update_business(context.engine(), actor, new, business.version)
        except (ValueError, NotAllowed, StaleCase) as error:
            st.error(str(error))
        else:
            st.success("Policy saved.")


@overload
def _money_input(where: DeltaGenerator, label: str, cents: int, step: float) -> float: ...
@overload
def _money_input(where: DeltaGenerator, label: str, cents: int | None, step: float) -> float | None: ...
def _money_input(where: DeltaGenerator, label: str, cents: int | None, step: float) -> float | None:
    """An amount of money in the business's currency, entered in units and cents; it starts at ``cents`` (None:
    empty)."""
    return where.number_input(
        label, min_value=0.0, step=float(step), format="%.2f", value=None if cents is None else cents / 100
    )


def auto_agree_fields(business: Business) -> tuple[int, float, int]:
    """How much one customer, and one order, is agreed without a person: beyond it, their choice goes to staff."""
    st.markdown("**Agreed automatically, per customer and per order**")
    st.caption(
        "Counted by the customer's email (case and +tags aside) and, separately, by order reference. Beyond "
        "these, the customer's choice waits for staff, and the case's brief shows their claim history."
    )
    count, total, days = st.columns(3)
    return (
        count.number_input("Remedies at most", min_value=0, step=1, value=business.auto_agree_max_count),
        _money_input(total, f"Total value at most ({business.currency})", business.auto_agree_max_cents, 10),
        days.number_input(
            "Within this many days",
            min_value=1,
            max_value=AUTO_AGREE_WINDOW_MAX_DAYS,
            step=1,
            value=business.auto_agree_window_days,
        ),
    )


def _languages(codes: list[str], joiner: str) -> str:
    return joiner.join(LANGUAGE_NAMES[code] for code in codes)


def catalog_table() -> None:
    options = all_remedies(context.engine())
    rows = [
        {
            "id": o.id,
            "kind": o.kind,
            "title": o.title,
            "not translated into": _languages(missing_translations(o), ", "),
            "value": format_money(o.value_cents)
            if o.value_cents is not None
            else (f"{o.percent}%" if o.percent else ""),
            "maximum": format_money(o.max_value_cents) if o.max_value_cents is not None else "none: staff decide",
            "pre-approved": o.pre_approved,
            "fits": o.categories or "every category",
            "active": o.is_active,
            "order": o.sort_order,
        }
        for o in options
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    untranslated = [
        f"- {escape_markdown(o.title)}: no {_languages(missing, ' or ')}"
        for o in options
        if o.is_active and (missing := missing_translations(o))
    ]
    if untranslated:
        st.warning(
            "Customers who read Spanish or Hebrew see these in English until they are translated below:\n\n"
            + "\n".join(untranslated)
        )


def remedy_limits(
    current: RemedyOption | None, left: DeltaGenerator, right: DeltaGenerator
) -> tuple[float | None, bool]:
    """A remedy's maximum value, and whether customers get it at once whatever the auto-approve limit."""
    maximum = _money_input(
        left,
        "Maximum value: the most it can cost (required for refunds and credits)",
        current.max_value_cents if current else None,
        1,
    )
    pre_approved = right.checkbox(
        "Pre-approved: customers get it at once, even above the auto-approve limit",
        value=current.pre_approved if current else False,
        help="Otherwise it is agreed at once only when its maximum is within the "
        "auto-approve limit; above it, staff decide, as on a proposal. The limit on "
        "what one customer is agreed automatically applies either way.",
    )
    return maximum, pre_approved


def _translated(language: str, title: str, description: str) -> tuple[str, str]:
    """A remedy's title and description in ``language`` (its English name), as the manager writes them; blank
    means the customer reads the English."""
    hint = BLANK_MEANS_ENGLISH.format(language=language)
    return (
        st.text_input(f"Title in {language}", value=title, help=hint),
        st.text_area(f"Description in {language}", value=description, help=hint),
    )


def remedy_form(actor: StaffActor) -> None:
    options = {o.id: o for o in all_remedies(context.engine())}
    picked = st.selectbox(
        "Add or change",
        options=[NEW, *options],
        format_func=lambda i: "Add a new remedy or gift" if i == NEW else f"{options[i].title}",
    )
    current = options.get(picked)
    saved_flash = st.session_state.pop(SAVED_FLASH, None)
    if saved_flash:
        st.success(saved_flash)
    with st.form(f"remedy_{picked}"):
        kinds = [k.value for k in RemedyKind]
        kind = st.selectbox(
            "Kind (gift = the small 'something extra')", kinds, index=kinds.index(current.kind) if current else 0
        )
        english, spanish, hebrew = st.columns(3)
        title = english.text_input("Title, as the customer reads it", value=current.title if current else "")
        description = english.text_area(
            "Description (optional)",
            value=current.description if current else "",
            help="Shown under the title on the customer's remedy step.",
        )
        with spanish:
            title_es, description_es = _translated(
                "Spanish", current.title_es if current else "", current.description_es if current else ""
            )
        with hebrew, directed_box("he", "remedy_hebrew", fields_only=True):
            title_he, description_he = _translated(
                "Hebrew", current.title_he if current else "", current.description_he if current else ""
            )
        left, right = st.columns(2)
        value = _money_input(left, "Value (optional)", current.value_cents if current else None, 1)
        percent = right.number_input(
            "Percent, for discounts (optional)", min_value=1, max_value=100, value=current.percent if current else None
        )
        fits = st.multiselect(
            "Fits these categories (none = every category)",
            [c.value for c in Category],
            default=[c for c in (current.categories.split(",") if current else []) if c],
        )
        maximum, pre_approved = remedy_limits(current, left, right)
        active = left.checkbox("Offered to customers", value=current.is_active if current else True)
        order = right.number_input("Order", value=current.sort_order if current else len(options), step=1)
        saved = st.form_submit_button("Save", type="primary", disabled=not actor.is_manager)
    if saved:
        try:
            draft = RemedyDraft(
                kind=kind,
                title=title,
                description=description,
                value_cents=_cents(value),
                percent=int(percent) if percent else None,
                categories=tuple(fits),
                is_active=active,
                sort_order=int(order),
                max_value_cents=_cents(maximum),
                pre_approved=pre_approved,
                title_es=title_es,
                description_es=description_es,
                title_he=title_he,
                description_he=description_he,
            )
            save_remedy(context.engine(), actor, draft, option_id=current.id if current else None)
        except (ValueError, NotAllowed, LookupError) as error:
            st.error(str(error))
        else:
            # Drawn again, so the catalog and its list of missing translations above show what was just saved.
            st.session_state[SAVED_FLASH] = f"Saved: {title}"
            st.rerun()


def main() -> None:
    actor = require_staff()
    st.title("Remedies and policy")
    if not actor.is_manager:
        st.info("Only managers can change these settings; here is what is in place.")
    policy_form(actor)
    st.subheader("Remedy catalog")
    catalog_table()
    remedy_form(actor)
