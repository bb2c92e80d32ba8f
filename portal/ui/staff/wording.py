"""Managers: the check-in's wording per language, edited beside a preview of what the customer sees.

Every part starts as the translated default; a manager's text replaces it for that language only.
The preview follows what is typed (each field applies when you leave it), with made-up customer
details, and shows everything as plain text, right to left for Hebrew.
"""

from __future__ import annotations

import streamlit as st

from portal.back_office.staff import StaffActor
from portal.business import get_business
from portal.delivery import emails
from portal.errors import NotAllowed
from portal.i18n import LANGUAGES
from portal.recovery import checkin_wording
from portal.recovery.checkin_wording import PARTS, PLACEHOLDERS, Wording, WordingProblems
from portal.ui import context
from portal.ui.staff_session import require_staff, staff_action
from portal.ui.widgets import directed_box, escape_markdown

SECTIONS = (("email", "The check-in email"), ("page", "The check-in page"))


def _field(language: str, part: str) -> str:
    return f"wording_{language}_{part}"


# Unsaved edits per (language, part), kept apart from the text fields: Streamlit forgets a field's value
# when a run doesn't draw it, which is every field of the other languages after a switch.
_DRAFTS_KEY = "wording_drafts"


def _drafts() -> dict[tuple[str, str], str]:
    return st.session_state.setdefault(_DRAFTS_KEY, {})


def _fill_fields(wording: Wording, *, overwrite: bool) -> None:
    """Put the wording into the text fields: after a save or reset the stored one (``overwrite``), else
    on showing a language again what was typed and not saved yet, or the stored one."""
    drafts = _drafts()
    for part in PARTS:
        key = (wording.language, part)
        if overwrite:
            drafts.pop(key, None)
            st.session_state[_field(*key)] = wording.texts[part]
        elif _field(*key) not in st.session_state:
            st.session_state[_field(*key)] = drafts.get(key, wording.texts[part])


def _typed(language: str) -> dict[str, str]:
    return {part: str(st.session_state.get(_field(language, part)) or "") for part in PARTS}


@staff_action
def _save(actor: StaffActor, language: str) -> None:
    try:
        saved = checkin_wording.save_wording(context.engine(), actor, language, _typed(language))
    except WordingProblems:
        st.session_state.wording_flash = (
            "error",
            "Nothing was saved: please fix the parts marked below. Everything you typed is still here.",
        )
    except (NotAllowed, ValueError) as refusal:
        st.session_state.wording_flash = ("error", str(refusal))
    else:
        _fill_fields(saved, overwrite=True)
        st.session_state.wording_flash = ("success", f"Saved the {LANGUAGES[language]} check-in wording.")


@staff_action
def _reset(actor: StaffActor, language: str) -> None:
    try:
        wording = checkin_wording.reset_wording(context.engine(), actor, language)
    except NotAllowed as refusal:
        st.session_state.wording_flash = ("error", str(refusal))
    else:
        _fill_fields(wording, overwrite=True)
        st.session_state.wording_flash = (
            "success",
            f"The {LANGUAGES[language]} check-in wording is back to the default.",
        )


def editor(actor: StaffActor, wording: Wording) -> dict[str, str]:
    """One text field per part; returns the previewable text of each (the saved one where typed text has a
    problem)."""
    language, drafts = wording.language, _drafts()
    shown: dict[str, str] = {}
    for where, title in SECTIONS:
        st.subheader(title)
        for part, info in PARTS.items():
            if info.where != where:
                continue
            origin = "your wording" if part in wording.custom else "default"
            text = st.text_area(
                f"{info.label} ({origin})",
                key=_field(language, part),
                disabled=not actor.is_manager,
                height=90 if len(wording.texts[part]) > 60 else 68,
            )
            if text != wording.texts[part]:
                drafts[(language, part)] = text
            else:
                drafts.pop((language, part), None)
            found = checkin_wording.problem(text, part)
            if found:
                st.error(found)
            shown[part] = wording.texts[part] if found else text
    return shown


def preview(language: str, shown: dict[str, str]) -> None:
    engine = context.engine()
    business = get_business(engine)
    values = checkin_wording.sample_values(business.name, business.owner_name)
    wording = Wording(language, shown, frozenset())
    st.subheader("Preview")
    st.caption(
        escape_markdown(
            f"As a customer reads it in {LANGUAGES[language]}, with made-up details: "
            f"{values['name']}, case {values['reference']}."
        )
    )
    email = emails.preview_checkin_email(engine, wording, values)
    st.markdown("**The email**")
    with directed_box(language, f"email_{language}"):
        st.text(email.subject)
        st.text(email.text)
    st.markdown("**The check-in page**")
    with directed_box(language, f"page_{language}"):
        for part in (checkin_wording.PAGE_TITLE, checkin_wording.PAGE_INTRO):
            st.text(wording.render(part, values))
        st.text(wording.render(checkin_wording.QUESTION_MADE_IT_RIGHT, values) + "\n1  2  3  4  5")
        st.text(wording.render(checkin_wording.QUESTION_RECOMMEND, values) + "\n0  1  2  3  4  5  6  7  8  9  10")
        st.text(wording.render(checkin_wording.QUESTION_COMMENT, values))
    st.markdown("**After the answer**")
    with directed_box(language, f"thanks_{language}"):
        st.text(wording.render(checkin_wording.THANKS_GOOD, values))
        st.text(wording.render(checkin_wording.THANKS_LOW, values))


def main() -> None:
    actor = require_staff()
    st.title("Check-in wording")
    st.caption(
        "What customers read in the check-in email and on the check-in page. Parts you leave alone follow "
        "the translations that come with the portal."
    )
    if not actor.is_manager:
        st.info("Only managers can change the wording; here is what is in place.")
    language = st.selectbox("Language", list(LANGUAGES), format_func=LANGUAGES.__getitem__, key="wording_language")
    wording = checkin_wording.effective_wording(context.engine(), language)
    _fill_fields(wording, overwrite=False)
    unsaved = sorted({LANGUAGES[other] for other, _part in _drafts() if other != language})
    if unsaved:
        st.info(
            f"Not saved yet: your changes to the {' and '.join(unsaved)} wording (they are kept while you "
            "look at this one)."
        )
    flash = st.session_state.pop("wording_flash", None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])
    st.caption(
        escape_markdown(
            "You can use these placeholders: "
            + "; ".join(f"{{{name}}}: {meaning}" for name, meaning in PLACEHOLDERS.items())
        )
    )
    left, right = st.columns(2)
    with left, directed_box(language, f"editor_{language}", fields_only=True):
        shown = editor(actor, wording)
        st.button("Save", type="primary", disabled=not actor.is_manager, on_click=_save, args=(actor, language))
        st.button(
            "Reset to the default wording",
            disabled=not actor.is_manager or not wording.custom,
            on_click=_reset,
            args=(actor, language),
        )
    with right:
        preview(language, shown)
