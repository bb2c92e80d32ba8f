"""One case, for staff: prepare yourself first (the customer's words), then decide, then the audit log.

Opened as ``case?id=<case id>``. Every decision is a button callback: it runs before the page
is drawn again, with the case version the page showed when it was clicked (kept in
``st.session_state``), so a case that changed meanwhile is refused as stale instead of being
overwritten. Whatever was typed stays in its field when anything is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st
from sqlalchemy import Engine
from streamlit.errors import StreamlitAPIException

from db.models import Case, RemedyOption
from portal.back_office.casefile import CaseFile, RemedyEntry, load_case_file
from portal.back_office.staff import StaffActor, list_staff
from portal.errors import NotAllowed, StaleCase
from portal.i18n import LANGUAGES
from portal.recovery import decisions, evidence, sla
from portal.recovery.catalog import all_remedies
from portal.recovery.money import format_money, to_cents
from portal.recovery.remedies import RemedySource, RemedyStatus, Role, catalog_cap
from portal.recovery.states import Event, Status, allowed_events
from portal.ui import context
from portal.ui.labels import EVENT_LABELS, REMEDY_STATUS_LABELS, SOURCE_LABELS, label, status_explained
from portal.ui.navigation import QUEUE_SCREEN
from portal.ui.staff_session import require_staff, staff_action
from portal.ui.widgets import escape_markdown, quote_box, show_text

ROOT = Path(__file__).resolve().parents[3]  # where app.py is: page paths are relative to it
STALE_MESSAGE = "This case changed while you were looking at it."

ROOT_CAUSE_LABELS = {
    "process": "Process",
    "scheduling": "Scheduling",
    "communication": "Communication",
    "training": "Training",
    "tools": "Tools or equipment",
    "supplier": "Supplier",
    "pricing": "Pricing",
    "other": "Other",
}


def _key(case_id: int, name: str) -> str:
    return f"case{case_id}_{name}"


# --- reading the address ------------------------------------------------------------------------------------


def requested_case_id() -> int | None:
    raw = st.query_params.get("id", "")
    raw = raw.strip() if isinstance(raw, str) else ""
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def back_to_queue() -> None:
    if not (ROOT / QUEUE_SCREEN).exists():
        return
    try:
        st.page_link(QUEUE_SCREEN, label="Back to the case queue", icon=":material/inbox:")
    except StreamlitAPIException:  # this page was opened on its own, without the app's navigation
        pass


def not_found(message: str) -> None:
    st.title("Case not found")
    st.write(message)
    back_to_queue()


# --- actions: callbacks that run before the page is drawn again ---------------------------------------------


def _amount(value: float | None) -> int | None:
    return to_cents(value) if value is not None else None


def _flash(case_id: int, kind: str, message: str, typed: list[str] | None = None) -> None:
    st.session_state[_key(case_id, "flash")] = (kind, message, typed or [])


def _typed(case_id: int, fields: Iterable[str]) -> list[str]:
    return [str(st.session_state.get(_key(case_id, f)) or "") for f in fields if st.session_state.get(_key(case_id, f))]


@staff_action
def _act(action: str, actor: StaffActor, case_id: int) -> None:
    """Run one decision with the version the page showed; remember the outcome for the next drawing."""
    shown = st.session_state.get(_key(case_id, "version"))
    spec = ACTIONS[action]
    values = {f: st.session_state.get(_key(case_id, f)) for f in spec.fields}
    try:
        if spec.versioned and shown is None:
            raise StaleCase()
        spec.call(Asked(context.engine(), actor, case_id, shown, values))
    except StaleCase:
        if st.session_state.get(_key(case_id, "done")) == (action, shown):
            return  # our own double click: the first one already did it
        _flash(case_id, "stale", STALE_MESSAGE, _typed(case_id, spec.text_fields))
    except NotAllowed as refusal:
        _flash(case_id, "error", str(refusal))
    except LookupError:
        _flash(case_id, "error", "This case no longer exists.")
    except ValueError as problem:  # includes IllegalTransition
        _flash(case_id, "error", str(problem))
    else:
        st.session_state[_key(case_id, "done")] = (action, shown)
        for field in spec.clear_fields:
            st.session_state[_key(case_id, field)] = None if field.endswith(("amount", "option")) else ""
        _flash(case_id, "success", spec.done)


@dataclass(frozen=True)
class Asked:
    """One decision as the page asks for it: who, on which case, at the version the page showed, with the fields."""

    engine: Engine
    actor: StaffActor
    case_id: int
    version: int | None  # None only for the actions that are not versioned (notes, lessons)
    fields: dict[str, Any]

    @property
    def on_version(self) -> tuple[Engine, StaffActor, int, int]:
        """What every versioned decision starts with (``_act`` refuses a versioned one the page showed no version
        for)."""
        assert self.version is not None
        return self.engine, self.actor, self.case_id, self.version

    @property
    def on_case(self) -> tuple[Engine, StaffActor, int]:
        return self.engine, self.actor, self.case_id

    def text(self, field: str) -> str:
        return self.fields[field] or ""

    def amount(self, field: str) -> int | None:
        return _amount(self.fields[field])


@dataclass(frozen=True)
class Action:
    call: Callable[[Asked], object]
    done: str
    fields: tuple[str, ...] = ()
    text_fields: tuple[str, ...] = ()
    clear: bool = True
    versioned: bool = True

    @property
    def clear_fields(self) -> tuple[str, ...]:
        """What a done action empties: what was typed, and the amounts and choices (not a checkbox)."""
        chosen = tuple(f for f in self.fields if f.endswith(("amount", "option")))
        return self.text_fields + chosen if self.clear else ()


def _approve(asked: Asked) -> object:
    return decisions.approve_proposal(*asked.on_version, asked.amount("approve_amount"))


def _terms(asked: Asked, form: str) -> dict[str, Any]:
    """What an offer form adds to its text and amount: whether it is money back, and the catalog remedy chosen."""
    return {"refund": bool(asked.fields[f"{form}_refund"]), "option_id": asked.fields[f"{form}_option"]}


def _counter(asked: Asked) -> object:
    text, amount = asked.text("counter_text"), asked.amount("counter_amount")
    return decisions.counter_offer(*asked.on_version, text, amount, **_terms(asked, "counter"))


def _decline(asked: Asked) -> object:
    reason, text, amount = asked.text("decline_reason"), asked.text("decline_text"), asked.amount("decline_amount")
    return decisions.decline_with_alternative(*asked.on_version, reason, text, amount, **_terms(asked, "decline"))


def _fulfil(asked: Asked) -> object:
    return decisions.mark_fulfilled(*asked.on_version)


def _offer(asked: Asked) -> object:
    text, amount = asked.text("offer_text"), asked.amount("offer_amount")
    return decisions.staff_offer(*asked.on_version, text, amount, **_terms(asked, "offer"))


def _agree(asked: Asked) -> object:
    return decisions.staff_agree(*asked.on_version, asked.text("agree_text"), asked.amount("agree_amount"))


def _assign(asked: Asked) -> object:
    return decisions.assign_owner(*asked.on_version, _chosen_owner(asked.fields["owner"]))


def _note(asked: Asked) -> object:
    return decisions.add_note(*asked.on_case, asked.text("note_text"))


def _lesson(asked: Asked) -> object:
    return decisions.record_lesson(*asked.on_case, asked.text("lesson_cause"), asked.text("lesson_text"))


ACTIONS: dict[str, Action] = {
    "approve": Action(_approve, "Approved. The customer's proposal is agreed.", ("approve_amount",)),
    "counter": Action(
        _counter,
        "Counter-offer sent. The customer decides next.",
        ("counter_text", "counter_amount", "counter_refund", "counter_option"),
        ("counter_text",),
    ),
    "decline": Action(
        _decline,
        "Declined, with the alternative offered. The customer decides next.",
        ("decline_reason", "decline_text", "decline_amount", "decline_refund", "decline_option"),
        ("decline_reason", "decline_text"),
    ),
    "fulfil": Action(_fulfil, "Marked fulfilled. The check-in is scheduled."),
    "offer": Action(
        _offer,
        "Offer sent. The customer decides next.",
        ("offer_text", "offer_amount", "offer_refund", "offer_option"),
        ("offer_text",),
    ),
    "agree": Action(
        _agree, "Agreed. Arrange it, then mark the case fulfilled.", ("agree_text", "agree_amount"), ("agree_text",)
    ),
    "assign": Action(_assign, "Owner assigned.", ("owner",), clear=False),
    "note": Action(_note, "Note added.", ("note_text",), ("note_text",), versioned=False),
    "lesson": Action(
        _lesson, "Lesson saved.", ("lesson_cause", "lesson_text"), ("lesson_text",), clear=False, versioned=False
    ),
}


# --- drawing ------------------------------------------------------------------------------------------------


def _age(created_at: datetime) -> str:
    moment = created_at if created_at.tzinfo else created_at.replace(tzinfo=UTC)
    days = (datetime.now(UTC) - moment).days
    return "opened today" if days < 1 else f"{days:,} day{'s' if days != 1 else ''} old"


def _money(file: CaseFile, cents: int | None) -> str:
    return format_money(cents, file.case.currency)


def _catalog_label(file: CaseFile, option: RemedyOption) -> str:
    cap = _money(file, catalog_cap(option, file.case.amount_cents))
    return f"{option.title} (up to {cap})" if cap else option.title


def _chosen_owner(owner_id: int | None) -> int:
    if owner_id is None:
        raise ValueError("Choose who should own this case first.")
    return owner_id


def header(file: CaseFile) -> None:
    case = file.case
    st.title(f"Case {case.reference}")
    language = LANGUAGES.get(case.language, case.language)
    st.markdown(
        escape_markdown(
            f"{status_explained(file.status)} · {label(case.category, {})} · {language} · {_age(case.created_at)}"
        )
    )
    if case.erased_at is not None:
        st.info(
            f"Personal data erased on {case.erased_at:%Y-%m-%d}: the customer's name, email and words are gone "
            "(shown as [erased]); the anonymised case is kept for statistics."
        )
    else:
        show_text(f"Customer: {file.customer_name or '(no name given)'} <{file.customer_email}>")
    show_text(f"Owner: {file.owner_name or 'nobody yet'}")
    sla_clock(case)


def reopened(file: CaseFile) -> None:
    """Why the case is back: the check-in that reopened it, its scores, comment and date, above everything else."""
    why = file.reopened_by
    if why is None:
        return
    scores = f"made it right {why.made_it_right}/5, would recommend {why.recommend}/10"
    st.warning(f"Reopened on {why.answered_at:%Y-%m-%d %H:%M} UTC by the customer's check-in: {scores}.")
    if why.comment:
        quote_box(why.comment)


def sla_clock(case: Case) -> None:
    """The SLA clock running on the case (none once it is fulfilled), coloured and worded."""
    clock = sla.case_clock(case, datetime.now(UTC), sla.business_hours(context.engine()))
    reopened = f" · reopened {case.reopen_count}×" if case.reopen_count else ""
    if clock is None:
        if reopened:
            st.caption(f"No SLA clock running{reopened}")
        return
    text = f"{clock.badge()} · {clock.describe()} (due {clock.due_at:%Y-%m-%d %H:%M} UTC; business time){reopened}"
    show = {sla.ClockState.OVERDUE: st.error, sla.ClockState.DUE_SOON: st.warning}.get(clock.state, st.info)
    show(text)


def flash(file: CaseFile) -> None:
    message = st.session_state.pop(_key(file.id, "flash"), None)
    if message is None:
        return
    kind, text, typed = message
    if kind == "success":
        st.success(text)
    elif kind == "error":
        st.error(text)
    else:
        st.error(text)
        st.write("Please look at the case as it is now before deciding. Nothing you typed has been lost.")
        for draft in typed:
            quote_box(draft)
        st.button("Reload", key=_key(file.id, "reload"), type="primary")


def brief(file: CaseFile) -> None:
    b = file.brief
    st.header("Prepare yourself")
    st.markdown("**What bothered them most, in their words**")
    quote_box(b.bothered_most)
    if b.first_words != b.bothered_most:
        st.caption("Before correcting us, they first put it as:")
        quote_box(b.first_words)
    st.markdown("**What we agreed with them**")
    quote_box(b.confirmed_paraphrase)
    rounds = f"It took {b.paraphrase_rounds} round{'s' if b.paraphrase_rounds != 1 else ''} to agree on this."
    st.caption(rounds)
    if b.more_items:
        st.markdown("**What else didn't work out**")
        for item in b.more_items:
            quote_box(item)
    st.markdown(
        escape_markdown(
            f"Tone: {b.tone} · Category: {label(b.category, {})} · "
            f"At stake: {_money(file, b.amount_cents) or 'no amount given'}"
        )
    )
    claim_history(file)
    for remedy in file.remedies:
        if remedy.named_cents is not None and remedy.status == RemedyStatus.PENDING:
            figures(file, remedy)
    if file.case.order_ref:
        show_text(f"Order or reference: {file.case.order_ref}")
    if file.case.incident_date:
        show_text(f"When it happened: {file.case.incident_date.isoformat()}")
    with st.expander("Their whole story"):
        show_text(b.story)


def claim_history(file: CaseFile) -> None:
    """The customer's (and the order's) earlier claims within the policy's window, on every case; highlighted once
    another remedy would be more than the portal agrees without a person."""
    lines = file.claims.lines(file.case.currency)
    text = "Claim history: " + " · ".join(lines)
    if file.claims.beyond(file.auto_policy):
        policy = file.auto_policy
        st.warning(
            escape_markdown(
                f"{text}. More than is agreed automatically ({policy.max_count} remedies, "
                f"{_money(file, policy.max_cents)} in {policy.window_days} days)."
            )
        )
    else:
        st.markdown(escape_markdown(text))


def figures(file: CaseFile, remedy: RemedyEntry) -> None:
    """A remedy whose words name a larger sum than its amount: both figures side by side, highlighted."""
    with st.container(border=True):
        st.warning(escape_markdown(f"The customer's words name more than the amount given. {_waiting(file)}"))
        given, named = st.columns(2)
        given.metric("Amount given", _money(file, remedy.amount_cents) or "none")
        named.metric("Named in their words", _money(file, remedy.named_cents))


def _waiting(file: CaseFile) -> str:
    return f"Not agreed at once: {file.waiting_because}." if file.waiting_because else ""


def _remedy_line(file: CaseFile, remedy: RemedyEntry) -> None:
    amount = _money(file, remedy.amount_cents)
    st.caption(escape_markdown(f"{label(remedy.source, SOURCE_LABELS)} · {label(remedy.status, REMEDY_STATUS_LABELS)}"))
    quote_box(f"{remedy.description} ({amount})" if amount else remedy.description)
    if remedy.customer_title:
        language = LANGUAGES.get(file.case.language, file.case.language)
        show_text(f"The customer reads it in {language}: {remedy.customer_title}")
    if remedy.consent_text and remedy.consented_at:
        show_text(f"Customer agreed: {remedy.consent_text} at {remedy.consented_at:%Y-%m-%d %H:%M} UTC")


def remedies(file: CaseFile) -> None:
    st.header("Remedies")
    if not file.remedies:
        st.write("No remedy on this case yet.")
    for remedy in file.remedies:
        _remedy_line(file, remedy)


def _amount_input(case_id: int, field: str, label: str) -> None:
    st.number_input(label, value=None, min_value=0.0, step=1.0, format="%.2f", key=_key(case_id, field))


def _offer_fields(case_id: int, prefix: str, catalog: dict[int, RemedyOption], file: CaseFile) -> None:
    """What an offer costs: an amount, or a remedy from the catalog (its title and value unless written over)."""
    st.selectbox(
        "Or a remedy from the catalog",
        list(catalog),
        index=None,
        key=_key(case_id, f"{prefix}_option"),
        placeholder="None: what you write above",
        format_func=lambda i: _catalog_label(file, catalog[i]),
    )
    _amount_input(case_id, f"{prefix}_amount", "Amount (needed, unless a catalog remedy that is not money)")


def _refund_box(case_id: int, field: str) -> None:
    st.checkbox(
        "This is money back (a refund). Anything else, the customer must agree to explicitly.", key=_key(case_id, field)
    )


def _text_area(case_id: int, field: str, label: str, limit: int) -> None:
    st.text_area(label, max_chars=limit, key=_key(case_id, field))


def _action_button(label: str, action: str, actor: StaffActor, case_id: int) -> None:
    """The primary button of a decision that needs no form (``action``: approve, fulfil)."""
    st.button(label, type="primary", key=_key(case_id, action), on_click=_act, args=(action, actor, case_id))


def _offer_form(
    file: CaseFile,
    actor: StaffActor,
    catalog: dict[int, RemedyOption],
    action: str,
    heading: str,
    texts: tuple[tuple[str, str, int], ...],
    submit: str,
) -> None:
    """The form of a decision that offers the customer a remedy (``action``: counter, decline or offer): its text
    boxes (field, label, limit), what the remedy costs or which catalog remedy it is, and whether it is money back."""
    with st.form(_key(file.id, f"{action}_form")):
        st.markdown(heading)
        for field, label, limit in texts:
            _text_area(file.id, field, label, limit)
        _offer_fields(file.id, action, catalog, file)
        _refund_box(file.id, f"{action}_refund")
        st.form_submit_button(submit, on_click=_act, args=(action, actor, file.id))


def actions(file: CaseFile, actor: StaffActor) -> None:
    case_id = file.id
    allowed = set(allowed_events(file.status))
    catalog = {o.id: o for o in all_remedies(context.engine()) if o.is_active and not o.is_gift and o.id is not None}
    st.header("Decide")
    if actor.role is not Role.MANAGER:
        st.caption(
            escape_markdown(
                f"As an agent you can approve or offer up to "
                f"{_money(file, file.agent_approval_limit_cents)}; above that, a manager decides."
            )
        )
    if Event.APPROVE in allowed:
        proposal = file.pending_proposal
        if proposal is not None:
            st.markdown(
                "**The customer proposes**" if proposal.source == RemedySource.PROPOSAL else "**The customer chose**"
            )
            _remedy_line(file, proposal)
            if proposal.named_cents is not None:
                figures(file, proposal)
            elif file.waiting_because:
                st.caption(escape_markdown(_waiting(file)))
            if proposal.amount_cents is None:
                _amount_input(
                    case_id,
                    "approve_amount",
                    "Amount you agree to (it names none: an agent enters it, and their limit applies)",
                )
        _action_button("Approve the proposal", "approve", actor, case_id)
    if Event.COUNTER in allowed:
        _offer_form(
            file,
            actor,
            catalog,
            "counter",
            "**Counter-offer**",
            (("counter_text", "What we offer instead", decisions.DESCRIPTION_LIMIT),),
            "Send the counter-offer",
        )
    if Event.DECLINE_WITH_ALTERNATIVE in allowed:
        _offer_form(
            file,
            actor,
            catalog,
            "decline",
            "**Decline, with an alternative**",
            (
                ("decline_reason", "Why we can't do what they proposed", decisions.REASON_LIMIT),
                ("decline_text", "The alternative we offer", decisions.DESCRIPTION_LIMIT),
            ),
            "Decline and offer the alternative",
        )
    if Event.MARK_FULFILLED in allowed:
        st.write(
            "Once the agreed remedy has been delivered, mark the case fulfilled: we check in with the "
            "customer a few days later."
        )
        _action_button("Mark as fulfilled", "fulfil", actor, case_id)
    if Event.STAFF_AGREE in allowed:
        with st.form(_key(case_id, "agree_form")):
            st.markdown("**Agree to what the customer asks**")
            _text_area(case_id, "agree_text", "What we agreed", decisions.DESCRIPTION_LIMIT)
            _amount_input(case_id, "agree_amount", "Amount (an agent must enter it)")
            st.form_submit_button("Agree", on_click=_act, args=("agree", actor, case_id))
    if Event.STAFF_OFFER in allowed:
        _offer_form(
            file,
            actor,
            catalog,
            "offer",
            "**Offer something new**",
            (("offer_text", "What we offer", decisions.DESCRIPTION_LIMIT),),
            "Send the offer",
        )
    if Event.CUSTOMER_ACCEPT in allowed:
        st.info("Waiting for the customer: they accept the offer or propose something else.")
        if file.open_offer is not None:
            _remedy_line(file, file.open_offer)
    if file.status is Status.CLOSED:
        st.info("Closed: the customer told us we made it right.")
    if file.status is Status.WITHDRAWN:
        st.info(
            "Withdrawn: the customer's personal data was erased before the case was settled, so nobody is left "
            "to put it right with. Notes and a lesson can still be added; its figures stay in the insights."
        )
    owner(file, actor)


def owner(file: CaseFile, actor: StaffActor) -> None:
    case_id = file.id
    staff = {member.id: member for member in list_staff(context.engine())}
    key = _key(case_id, "owner")
    if st.session_state.get(key) not in staff:
        st.session_state[key] = file.case.owner_id if file.case.owner_id in staff else None
    with st.form(_key(case_id, "assign_form")):
        st.selectbox(
            "Owner",
            list(staff),
            key=key,
            placeholder="Nobody yet: choose who owns this case",
            format_func=lambda i: f"{staff[i].name} (you)" if i == actor.id else staff[i].name,
        )
        st.form_submit_button("Assign", on_click=_act, args=("assign", actor, case_id))


def notes(file: CaseFile, actor: StaffActor) -> None:
    case_id = file.id
    st.header("Notes")
    st.caption("Internal: the customer never sees these.")
    with st.form(_key(case_id, "note_form")):
        _text_area(case_id, "note_text", "Add a note", decisions.NOTE_LIMIT)
        st.form_submit_button("Add note", on_click=_act, args=("note", actor, case_id))
    for note in file.notes:
        st.caption(escape_markdown(f"{note.author_name} · {note.created_at:%Y-%m-%d %H:%M} UTC"))
        show_text(note.body)


def lesson(file: CaseFile, actor: StaffActor) -> None:
    case_id = file.id
    st.header("Lesson")
    st.caption("What does this case teach us? Name a cause in how we work, never a person.")
    if file.lesson is not None:
        st.caption(
            escape_markdown(
                f"{label(file.lesson.root_cause, ROOT_CAUSE_LABELS)} · recorded by "
                f"{file.lesson.recorded_by_name} · {file.lesson.updated_at:%Y-%m-%d}"
            )
        )
        show_text(file.lesson.what_we_change)
    cause_key, text_key = _key(case_id, "lesson_cause"), _key(case_id, "lesson_text")
    if cause_key not in st.session_state:
        st.session_state[cause_key] = file.lesson.root_cause if file.lesson else decisions.ROOT_CAUSES[0]
    if text_key not in st.session_state:
        st.session_state[text_key] = file.lesson.what_we_change if file.lesson else ""
    with st.form(_key(case_id, "lesson_form")):
        st.selectbox(
            "Root cause", list(decisions.ROOT_CAUSES), key=cause_key, format_func=lambda c: ROOT_CAUSE_LABELS.get(c, c)
        )
        _text_area(case_id, "lesson_text", "What we change", decisions.LESSON_LIMIT)
        st.form_submit_button("Save lesson", on_click=_act, args=("lesson", actor, case_id))


def _detail_text(detail: dict[str, Any], file: CaseFile) -> str:
    parts = []
    for name, value in detail.items():
        if value is None or name.endswith("_id"):
            continue
        if name == "amount_cents":
            value = _money(file, value)
        parts.append(f"{name.replace('_', ' ')}: {value}")
    return "; ".join(parts)


def audit_log(file: CaseFile) -> None:
    st.header("Timeline")
    st.dataframe(
        [
            {
                "When (UTC)": entry.at.strftime("%Y-%m-%d %H:%M:%S"),
                "Who": entry.actor_name,
                "What": label(entry.kind, EVENT_LABELS),
                "Status": (
                    f"{status_explained(entry.from_status) if entry.from_status else 'New'} → "
                    f"{status_explained(entry.to_status)}"
                )
                if entry.to_status
                else "",
                "Details": _detail_text(entry.detail, file),
            }
            for entry in file.timeline
        ],
        hide_index=True,
        key=_key(file.id, "timeline"),
    )


def attachments(file: CaseFile) -> None:
    """The photos and PDFs the customer attached: thumbnails, their file names as text, the originals to download."""
    items = evidence.for_case(context.engine(), file.id)
    if not items:
        return
    st.header("Evidence")
    st.caption(
        "Attached by the customer. Photos were re-saved without location or camera details; "
        "PDFs are as the customer sent them."
    )
    for row in range(0, len(items), 3):
        for column, item in zip(st.columns(3), items[row : row + 3], strict=False):
            with column.container(border=True):
                if item.thumbnail:
                    st.image(item.thumbnail)
                elif not item.is_image:
                    st.markdown(":material/picture_as_pdf: PDF document")
                show_text(item.original_name)
                size = f"{evidence.megabytes(item.size_bytes):,.1f} MB"
                st.caption(escape_markdown(f"{size} · {item.width} × {item.height} px" if item.width else size))
                if not item.available:
                    st.warning("The file is missing from the evidence folder.")
                    continue
                st.download_button(
                    "Download",
                    data=partial(evidence.original, item),
                    file_name=item.download_name,
                    mime=item.content_type,
                    on_click="ignore",
                    key=_key(file.id, f"evidence_{item.id}"),
                )


def main() -> None:
    actor = require_staff()
    case_id = requested_case_id()
    if case_id is None:
        not_found("Open a case from the case queue: this address does not name one.")
        return
    try:
        file = load_case_file(context.engine(), case_id)
    except LookupError:
        not_found("There is no case with this number. It may have been mistyped.")
        return
    # The version this drawing shows: every decision made from it is checked against it.
    st.session_state[_key(case_id, "version")] = file.version
    header(file)
    reopened(file)
    flash(file)
    brief(file)
    attachments(file)
    remedies(file)
    actions(file, actor)
    notes(file, actor)
    lesson(file, actor)
    audit_log(file)
    back_to_queue()
