"""Small shared widgets. Anything a customer wrote goes through ``show_text``: never Markdown or HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Hashable, Sized
from functools import lru_cache
from typing import Any, Literal

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from portal.i18n import LANGUAGES, Translate, is_rtl
from portal.recovery.journey import Problem
from portal.text import clean
from portal.ui.wording import problem_text

# What Streamlit's Markdown gives a meaning to anywhere in a line: emphasis, code, links and images ("[" alone
# suffices), HTML, strikethrough, "$" (LaTeX), table cells, and ":" before an emoji or icon name or a colour
# ("x:smile:", ":red[", ":material/"); an entity ("&amp;"); and, at the start of a line, headings, lists and quotes.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>~$|])|(:)(?=[\w+-]+:|[\w/-]+\[|material/)|(&)(?=#?\w+;)")
_MARKDOWN_LINE_START = re.compile(r"^[ \t]*(?=[#\-+=])|^[ \t]*\d+(?=[.)])", re.MULTILINE)


@lru_cache(maxsize=2048)  # the same labels and headings on every rerun
def escape_markdown(text: str) -> str:
    """For text we wrote ourselves or staff configured that must sit inside Markdown (labels, headings).

    Only what would format is escaped: a widget's label is also its accessible name, and screen readers read every
    backslash ("tell us? \\(optional\\)")."""
    escaped = _MARKDOWN_INLINE.sub(lambda match: "\\" + match.group(match.lastindex or 0), text)
    return _MARKDOWN_LINE_START.sub(lambda match: match.group() + "\\", escaped)


def show_text(text: str) -> None:
    """Customer-written (or customer-derived) text, displayed literally, across the whole width (where
    ``set_direction(..., quotes=True)`` draws it as a quote, the quote spans the column)."""
    st.text(text, width="stretch")


def unbroken(text: str) -> str:
    """A short text of ours that must stay on one line (a case reference: "AM-" / "HW3GCK" on a phone), as
    Markdown with HTML: the block that holds it is drawn with ``unsafe_allow_html``, everything in it escaped."""
    return f'<span style="white-space: nowrap">{escape_markdown(text)}</span>'


def markdown_with_unbroken(markdown: str) -> None:
    """Our Markdown holding spans made by ``unbroken`` (the only HTML in it: the rest escaped by its caller)."""
    st.markdown(markdown, unsafe_allow_html=True)


# Staff pages use the whole window (st.set_page_config(layout="wide")); Streamlit's 5rem margins on either side of
# it then cut the queue's last columns off at 1280 pixels with the sidebar open (tests/e2e/test_staff_layout.py).
_STAFF_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
</style>"""


def staff_styles() -> None:
    """``READABLE_CSS`` and the staff pages' narrower margins: staff pages draw no ``set_direction``."""
    st.html(READABLE_CSS + _STAFF_CSS)


def same_tab_link(label: str, href: str) -> None:
    """A link of ours that opens in this tab (Streamlit's own links open a new one), as plain HTML, all escaped."""
    st.html(
        f'<a href="{html.escape(href, quote=True)}" style="font-size:1.1rem;font-weight:600">{html.escape(label)}</a>'
    )


def post_buttons(action: str, fields: dict[str, str], buttons: list[tuple[str, dict[str, str]]]) -> None:
    """Plain HTML forms that POST to a route of ours (``action``): one per button, each with ``fields`` and the
    button's own extra fields as hidden inputs. All escaped; the browser leaves the page for the route's answer."""

    def hidden(values: dict[str, str]) -> str:
        return "".join(
            f'<input type="hidden" name="{html.escape(name, quote=True)}" value="{html.escape(value, quote=True)}">'
            for name, value in values.items()
        )

    st.html(
        "".join(
            f'<form method="post" action="{html.escape(action, quote=True)}" style="margin:0 0 .5rem 0">'
            f"{hidden({**fields, **extra})}"
            '<button type="submit" style="padding:.35rem .8rem;border:1px solid #8c959f;border-radius:.4rem;'
            f'background:#fff;color:#1f2328;cursor:pointer">{html.escape(label)}</button></form>'
            for label, extra in buttons
        )
    )


def phone_link(phone: str) -> str:
    """A phone number as a Markdown ``tel:`` link, so a phone calls it with one tap ("" for no number)."""
    dialled = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    return f"[{escape_markdown(phone)}](tel:{dialled})" if dialled else escape_markdown(phone.strip())


def heading_markdown(text: str, level: int = 4) -> str:
    """A heading of ours (small by default), as Markdown (for a block that holds more than the heading)."""
    return f"{'#' * level} {escape_markdown(text)}"


def heading(text: str, note: str = "") -> None:
    """A small heading of ours, and under it a greyed note if any (one element)."""
    note_line = f"\n\n:gray[{escape_markdown(note)}]" if note else ""
    st.markdown(heading_markdown(text) + note_line)


def quote_box(text: str) -> None:
    with st.container(border=True):
        st.text(text)


# A counter shows once the text is this close to its limit: "128 of 5,000 characters" under every story
# would be noise (and one more element to draw on every rerun).
COUNT_FROM = 0.8


# ``on_change`` for a field that nothing on its step depends on before the step's button is clicked: its value
# travels with the next rerun (that click, an upload, a language switch), so changing it costs the server no rerun
# and the customer no redraw. Fields whose step shows something as they change (a counter near a limit, a consent
# box's reminder, the remedy chosen) rerun as usual.
NO_RERUN: Literal["ignore"] = "ignore"


def long_text(label: str, key: str, value: str, limit: int, _: Translate, height: int = 120) -> str:
    """A text area that never truncates what is pasted: near the limit it counts, and the step's check
    refuses over-long text with a message while keeping every character for the customer to trim."""
    text = st.text_area(label, value=value, key=key, height=height)
    length = len(clean(text))  # the same measure the step's check uses
    if length >= COUNT_FROM * limit:
        counter = _("{count} of {limit} characters").format(count=_.number(length), limit=_.number(limit))
        st.caption(f":red[{escape_markdown(counter)}]" if length > limit else escape_markdown(counter))
    return text


def show_problems(problems: list[Problem], field: str, _: Translate) -> None:
    for problem in problems:
        if problem.field == field:
            st.error(problem_text(problem, _))


def step_header(number: int, total: int, title: str, _: Translate, intro: str = "", note: str = "") -> None:
    """ "Step 2 of 5", the step's title and, if any, a sentence of ours under it and a greyed note: one element, as
    each element costs every rerun and every redraw."""
    where = _("Step {number} of {total}").format(number=_.number(number), total=_.number(total))
    lines = [f":gray[{escape_markdown(where)}]", heading_markdown(title, level=3)]
    lines += [escape_markdown(intro)] if intro else []
    lines += [f":gray[{escape_markdown(note)}]"] if note else []
    st.markdown("\n\n".join(lines))


# Right-to-left, verified by screenshot: the main column flips, text starts on the right, and each
# literal text block and field takes the direction of its own first letter, so an English order
# number or an amount inside Hebrew (or an English story in a Hebrew page) stays readable.
_RTL_CSS = """<style>
[data-testid="stMainBlockContainer"] { direction: rtl; }
[data-testid="stMainBlockContainer"] :is(p, h1, h2, h3, h4, h5, h6, li, label, [data-testid="stMarkdownContainer"]) {
  text-align: start;
}
</style>"""
LANGUAGE_KEY = "language"
# The key the order and photos step's file uploader starts with (portal/ui/attachments.py).
EVIDENCE_UPLOAD_KEY = "evidence_upload_"
# The public link's hidden "Website" field, which only bots fill in (portal/ui/intake.around_conversation).
HONEYPOT_KEY = "story_website"
# Besides direction, three layout rules that would otherwise each be an element of their own, drawn again on every
# rerun: the language switch sits at the end of its line (right, or left in Hebrew); the hint inside the
# evidence uploader (Streamlit's size ceiling and types, in English) is hidden, as our own note above it says the
# real limits in the customer's language; the honeypot is out of sight, layout and the accessibility tree; and
# captions are dark enough to read (``READABLE_CSS``).
# Captions (a remedy's description under its title, the notes under staff headings) in the text's own colour at 80%,
# light or dark theme alike: Streamlit's 60% grey reads 3.9:1 on white, under WCAG's 4.5:1 (axe-core,
# tests/e2e/test_accessibility.py).
READABLE_CSS = """<style>
[data-testid="stCaptionContainer"] { color: color-mix(in srgb, currentColor 80%, transparent) !important; opacity: 1 !important; }
[data-testid="stCaptionContainer"] p { color: inherit !important; opacity: 1 !important; }
</style>"""
_BIDI_CSS = (
    f"""<style>
[data-testid="stText"], textarea, input {{ unicode-bidi: plaintext; text-align: start; }}
.st-key-{LANGUAGE_KEY} {{ margin-inline-start: auto; }}
[class*="st-key-{EVIDENCE_UPLOAD_KEY}"] [data-testid="stFileUploaderDropzoneInstructions"] {{ display: none; }}
.st-key-{HONEYPOT_KEY} {{ display: none !important; }}
</style>"""
    + READABLE_CSS
)
# A fixed script of ours (never customer text): the document says its language and direction,
# for screen readers, for the browser's own bidi handling, and for tests.
# And it asks the browser to check before the tab is reloaded or closed while text typed into a box would be
# lost (what was sent is kept: portal.recovery.drafts). The browser words that question itself, in its own language.
_DIRECTION_SCRIPT = """<script>
document.documentElement.setAttribute("lang", "{lang}");
document.documentElement.setAttribute("dir", "{direction}");
window.onbeforeunload = (event) => {{
  if ([...document.querySelectorAll("textarea")].some((box) => box.value.trim())) {{
    event.preventDefault();
    event.returnValue = "";
  }}
}};
</script>"""


# The conversation's literal texts that stand on their own (a paraphrase, the apology, a remedy line) drawn as
# quotes, the way a bordered st.container draws them. A container is a block of its own: on the click from the
# story to "did we understand you?", two of them (the quote and a row of buttons) made the browser take 1.4-1.5x
# the time of the same screen without them (benchmarks/browser.py's floor). The welcome's card is such a text too;
# texts inside containers and columns (attached files) are left as they are.
_QUOTES_CSS = """<style>
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]
  > [data-testid="stText"] {
  box-sizing: border-box; border: 1px solid rgba(128, 128, 128, 0.3); border-radius: 0.5rem; padding: calc(1em - 1px);
}
</style>"""


def set_direction(language: str, *, quotes: bool = False) -> None:
    """The page's language and direction, with ``quotes`` texts on their own drawn as quotes (``_QUOTES_CSS``), and
    a check before leaving when text typed in a box would be lost (``_DIRECTION_SCRIPT``): one element (each one
    costs every rerun and every redraw)."""
    direction = "rtl" if is_rtl(language) else "ltr"
    script = _DIRECTION_SCRIPT.format(lang=language, direction=direction)
    st.html(
        _BIDI_CSS + (_RTL_CSS if direction == "rtl" else "") + (_QUOTES_CSS if quotes else "") + script,
        unsafe_allow_javascript=True,
    )


CHOICE_KEYS: set[str] = set()
"""Keys of the choices whose options read in the customer's language (``keep_across_languages``)."""


def keep_across_languages(key: str) -> str:
    """``key``, for a radio or select box whose options read in the page's language. A browser sends such a choice
    back as the label it showed: after a switch of language that label is in no list, and the choice was lost (or the
    page failed on it). The switch pins each such choice to the option itself (``_pin_choices``)."""
    CHOICE_KEYS.add(key)
    return key


def _pin_choices() -> None:
    """The language switch's callback, before the page is drawn in the new language: each choice is set again to
    the option it holds, which the browser's stale label cannot override."""
    for key in CHOICE_KEYS:
        if st.session_state.get(key) is not None:
            st.session_state[key] = st.session_state[key]


def language_switch(current: str) -> str:
    """A small language picker at the top of customer pages, at the end of the line (``set_direction``'s CSS
    moves it there); returns the chosen language. Choices made in the old language stay (``keep_across_languages``)."""
    choice = st.selectbox(
        "Language",
        list(LANGUAGES),
        index=list(LANGUAGES).index(current),
        format_func=LANGUAGES.__getitem__,
        key=LANGUAGE_KEY,
        label_visibility="collapsed",
        width=150,
        on_change=_pin_choices,
    )
    return str(choice)


# A box whose content reads in one language's direction, inside a page that reads in another (the
# managers' preview of Hebrew wording on an English staff page). Fixed CSS of ours; the content stays
# plain text (st.text), and each line still takes the direction of its own first letter (_BIDI_CSS).
_RTL_BOX_CSS = """<style>
[class*="st-key-rtlbox_"] { direction: rtl; }
[class*="st-key-rtlbox_"] :is([data-testid="stText"], p, label, [data-testid="stMarkdownContainer"]) {
  text-align: start;
}
[class*="st-key-rtlfields_"] textarea, [class*="st-key-rtlfields_"] input {
  direction: rtl; unicode-bidi: plaintext; text-align: start;
}
</style>"""


def directed_box(language: str, key: str, *, fields_only: bool = False) -> DeltaGenerator:
    """A bordered container for text in ``language``, right to left where that language is written so.
    ``fields_only``: a plain container where only the text fields take the direction (their labels,
    in the page's language, stay as they are)."""
    kind = "fields" if fields_only else "box"
    if is_rtl(language):
        st.html(_RTL_BOX_CSS)
        return st.container(border=not fields_only, key=f"rtl{kind}_{key}")
    return st.container(border=not fields_only, key=f"ltr{kind}_{key}")


def show_flash(key: str) -> None:
    """Shows, once, what a staff page's callback left under ``key`` for the run it triggers: ``(kind, text)``, kind an
    ``st`` call such as "success" or "error" (a callback runs before the page, so it cannot draw the message itself)."""
    flash = st.session_state.pop(key, None)
    if flash:
        getattr(st, flash[0])(flash[1])


def confirmed(key: str, item: Hashable) -> bool:
    """In the callback of a button that acts only on its second click (delete, revoke): True on the second click for
    ``item``. The first click remembers ``item`` under ``key`` (``confirm_button`` then asks "Yes, ...") and is False."""
    if st.session_state.get(key) != item:
        st.session_state[key] = item
        return False
    st.session_state.pop(key, None)
    return True


def confirm_button(
    button: Callable[..., bool],
    labels: tuple[str, str],
    key: str,
    item: Hashable,
    on_click: Callable[..., None],
    args: tuple[Any, ...],
    *,
    confirm_key: str,
) -> None:
    """The button whose callback asks ``confirmed(confirm_key, item)``: ``labels[0]`` at first, then, once clicked,
    ``labels[1]`` as the primary button. ``button`` is where it goes (``st.button``, or a container's)."""
    asking = st.session_state.get(confirm_key) == item
    button(
        labels[1] if asking else labels[0],
        key=key,
        on_click=on_click,
        args=args,
        type="primary" if asking else "secondary",
    )


def list_heading(title: str, items: Sized, empty: str) -> bool:
    """A staff page's list starts under ``title``; with no ``items``, it says ``empty`` instead and is False."""
    st.subheader(title)
    if not items:
        st.info(empty)
        return False
    return True


def secret_box(done: str, secret: str, warning: str, *, name: str | None = None) -> None:
    """A secret (an API key, a signing secret) right after it was made, the only time it is shown: what was done
    (Markdown), the name it was given (as text), the warning to copy it now, and the secret in a box to copy."""
    with st.container(border=True):
        st.success(done)
        if name is not None:
            st.text(name)
        st.warning(warning)
        st.code(secret, language=None)
