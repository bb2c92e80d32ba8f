"""The bare baseline of benchmarks/capacity.py: the invite journey's steps with the same elements, labels and
fragments as the portal draws them (a language box and a style outside, each step in one fragment, the case page
after a whole-page run), and no logic behind them: no database, no conversation engine, no draft saved.

Served as the portal is (``python -m portal.asgi benchmarks/_bare_journey.py``), so the same client walks both.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

STORY_TEXT = "What bothered you most is that our mechanic was 90 minutes late to fix your furnace. Is that correct?"
REMEDIES = [
    "A free return visit to redo the work properly (\\$89.00)",
    "A full refund of the call-out fee (\\$89.00)",
    "A \\$50 credit on your next service (\\$50.00)",
    "20% off your next service",
    "Something else: I'll propose what would work for me",
]
GIFTS = [
    "A handwritten card and a box of local chocolates (\\$15.00)",
    "A free filter change at your next visit (\\$20.00)",
]
STEPS = ["welcome", "story", "validate", "apologize", "details", "evidence", "remedy", "case"]


def _next() -> None:
    st.session_state.step = STEPS[STEPS.index(st.session_state.step) + 1]


def _header(number: int, title: str) -> None:
    st.markdown(f":gray[Step {number} of 6]\n\n### {title}")


@st.fragment
def conversation() -> None:
    step = st.session_state.step
    if step == "case":
        st.rerun()  # the portal draws the case page in a whole-page run once the case is written
    if step == "welcome":
        st.title("Northwind Home Services")
        st.text("Hello Alex Rivera,\n\nI'm Dana Cohen, Customer Care Lead at Northwind Home Services.")
        st.button("Tell us what happened", type="primary", on_click=_next)
    elif step == "story":
        _header(1, "Your story")
        st.text_area("What happened?", key="story_story", height=180)
        st.text_area("What bothered you most?", key="story_bothered", height=100)
        st.button("Continue", type="primary", on_click=_next)
    elif step == "validate":
        _header(2, "Did we understand you?")
        st.text(STORY_TEXT)
        st.button("Yes, that's right", type="primary", on_click=_next)
        st.button("Not quite")
    elif step == "apologize":
        _header(3, "We're sorry")
        st.text("We are sorry that our mechanic was 90 minutes late to fix your furnace.")
        st.text_area("Is there anything else that went wrong?", key="more_text")
        st.button("Add this")
        st.button("No, that's everything", type="primary", on_click=_next)
    elif step == "details":
        _header(4, "A few details")
        st.date_input("When did it happen? (optional)", value=None, max_value=date.today(), on_change="ignore")
        st.number_input(
            "Amount involved (optional)", value=None, min_value=0.0, step=1.0, format="%.2f", on_change="ignore"
        )
        st.button("Continue", type="primary", on_click=_next)
    elif step == "evidence":
        _header(5, "Anything to show us?")
        st.file_uploader("Photos or documents (optional)", accept_multiple_files=True)
        st.button("Continue", type="primary", on_click=_next)
    elif step == "remedy":
        _header(6, "Let us put it right")
        st.radio("What would put this right for you?", REMEDIES, index=None, key="remedy_choice")
        st.radio(
            "**Something extra from us**  \n:gray[A small thank-you for telling us, whatever you choose above.]",
            GIFTS,
            on_change="ignore",
        )
        st.button("Confirm my choice", type="primary", on_click=_next)


@st.fragment
def case_page() -> None:
    st.success("Thank you. We have everything we need, and your case is in good hands.")
    st.markdown("# Your case AM-BARE00\n\nAgreed: we are arranging it.")
    st.text(STORY_TEXT)
    st.markdown("#### What we agreed")
    st.text(st.session_state.get("remedy_choice") or "")
    st.markdown("#### Something extra from us")
    st.text(GIFTS[0])
    st.markdown("#### What happens next\n\nDana Cohen will arrange this within two business days.")


st.session_state.setdefault("step", "welcome")
st.selectbox("Language", ["English", "Español", "עברית"], key="language")
st.html("<style>[data-testid='stText'] { unicode-bidi: plaintext; text-align: start; }</style>")
if st.session_state.step == "case":
    case_page()
else:
    conversation()
