"""Text of ours inside Markdown (labels, headings) reads as written: nothing it holds formats, and nothing that
cannot format is escaped, since a widget's label is also its name for screen readers, backslashes included."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from portal.ui.widgets import escape_markdown

_RENDER = MarkdownIt("commonmark").enable("strikethrough").enable("table")


@pytest.mark.parametrize(
    "label",
    [
        "Anything you'd like to tell us? (optional)",
        "Your email (we reply here).",
        "Amount paid, e.g. 49.90 - optional!",
        "Order #123 & invoice 4-5",
        "¿Algo más que quiera contarnos? (opcional)",
        "משהו נוסף שתרצו לספר לנו? (לא חובה)",
    ],
)
def test_plain_labels_are_left_as_they_are(label):
    assert escape_markdown(label) == label


@pytest.mark.parametrize(
    "text",
    [
        "**bold** and _italic_ and `code`",
        "[a link](https://example.com) and ![img](x.png)",
        "<b>tag</b> &amp; &#169;",
        "# heading",
        "1. a list",
        "- a list",
        "+ a list",
        "> a quote",
        "~~gone~~",
        "$x^2$",
        ":smile: and :red[colour] and :material/home:",
        "a | b\n--|--\nc | d",
        "back\\slash",
    ],
)
def test_anything_that_would_format_is_escaped(text):
    escaped = escape_markdown(text)
    rendered = _RENDER.render(escaped)
    assert "<strong>" not in rendered and "<em>" not in rendered and "<code>" not in rendered
    assert "<a " not in rendered and "<img" not in rendered and "<b>" not in rendered and "<h1>" not in rendered
    assert "<ol>" not in rendered and "<ul>" not in rendered and "<blockquote>" not in rendered
    assert "<s>" not in rendered and "<table>" not in rendered and "©" not in rendered
    assert "\\1" not in escaped  # a backslash before a digit is shown, not an escape
    assert not re.search(
        r"(?<!\\)\$|(?<!\\):(?:smile:|red\[|material/)", escaped
    )  # Streamlit's own: LaTeX, emoji, colours
