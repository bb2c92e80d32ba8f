"""Small shared widgets. Anything a customer wrote goes through ``show_text``: never Markdown or HTML."""

from __future__ import annotations

import re

import streamlit as st

from portal.i18n import Translate
from portal.journey import Problem, clean
from portal.ui.wording import problem_text

# Everything Streamlit's Markdown gives a meaning to, including "$" (LaTeX) and ":" (emoji and colour codes).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def escape_markdown(text: str) -> str:
    """For text we wrote ourselves or staff configured that must sit inside Markdown (labels, headings)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def show_text(text: str) -> None:
    """Customer-written (or customer-derived) text, displayed literally."""
    st.text(text)


def quote_box(text: str) -> None:
    with st.container(border=True):
        st.text(text)


def long_text(label: str, key: str, value: str, limit: int, _: Translate, height: int = 120) -> str:
    """A text area that never truncates what is pasted: it counts, and the step's check refuses over-long text
    with a message while keeping every character for the customer to trim."""
    text = st.text_area(label, value=value, key=key, height=height)
    length = len(clean(text))  # the same measure the step's check uses
    counter = _("{count:,} of {limit:,} characters").format(count=length, limit=limit)
    st.caption(f":red[{escape_markdown(counter)}]" if length > limit else escape_markdown(counter))
    return text


def show_problems(problems: list[Problem], field: str, _: Translate) -> None:
    for problem in problems:
        if problem.field == field:
            st.error(problem_text(problem, _))


def step_header(number: int, total: int, title: str, caption: str) -> None:
    st.progress(number / total, text=caption)
    st.subheader(title)
