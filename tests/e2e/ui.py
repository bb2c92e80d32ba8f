"""Small helpers that drive Streamlit the way a person does: type into a labelled field, press a button,
wait for what they expect to read. Streamlit reruns are asynchronous, so every step waits for text,
never for a fixed time."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the test modules must import without Playwright: the fixtures then skip (or fail in CI)
    from playwright.sync_api import Locator, Page


def settle(page: Page, ms: int = 150) -> None:
    """Wait until Streamlit is not running the script, then a tiny settle for the last paint."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=10_000)
    page.wait_for_timeout(ms)


def field(page: Page, label: str) -> Locator:
    """A text input, text area or number input by its label (labels with a help tooltip included)."""
    return page.locator(f'input[aria-label="{label}"], textarea[aria-label="{label}"]')


def expect_value(page: Page, label: str, value: str) -> None:
    """The field shows ``value`` (retrying: a field can be drawn a moment before its value arrives)."""
    from playwright.sync_api import expect

    expect(field(page, label)).to_have_value(value)


def type_into(page: Page, label: str, text: str) -> None:
    box = field(page, label)
    box.fill(text)
    box.blur()  # Streamlit commits a field when it loses focus


def press(page: Page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def see(page: Page, text: str | re.Pattern[str], timeout: float = 10_000) -> Locator:
    """Wait until ``text`` is visible on the page and return where it is."""
    found = page.get_by_text(text).first
    found.wait_for(state="visible", timeout=timeout)
    return found


def sign_in(page: Page, email: str, password: str) -> None:
    """On a staff page that asks to sign in: follow its "Sign in" link, fill the sign-in page's form and send it;
    the sign-in page then leads back to the page (whose script has started running again when this returns)."""
    page.get_by_role("link", name="Sign in", exact=True).click()
    send_sign_in(page, email, password)


def send_sign_in(page: Page, email: str, password: str) -> None:
    """On the sign-in page: fill its form and send it; returns once the Streamlit page it leads to is loading."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.locator('[data-testid="stApp"]').wait_for(timeout=30_000)


def document_reads(page: Page, language: str, direction: str) -> None:
    """The document says its language and direction. The page's own script sets both once it has run, which can be
    after its text is drawn: wait for them (Playwright's assertions retry), as ``see`` waits for text."""
    from playwright.sync_api import expect

    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", direction)


def title(page: Page) -> str:
    return page.locator("h1").first.inner_text()


def visible_text(page: Page) -> str:
    """What a person can read once the current run has finished (the main area and the sidebar).

    Until a run ends, Streamlit still shows elements of the previous one that it has not replaced yet."""
    settle(page, 50)
    return page.locator('[data-testid="stApp"]').inner_text()


def select_table_row(page: Page, table: Locator, row: int) -> None:
    """Tick a row of a ``st.dataframe`` with row selection: it is drawn on a canvas, so click its row marker."""
    table.scroll_into_view_if_needed()
    table.locator("canvas").first.wait_for(state="visible")
    box = table.bounding_box()
    assert box is not None
    header = row_height = 35  # Streamlit's default row height, header included
    page.mouse.click(box["x"] + 18, box["y"] + header + row_height * row + row_height / 2)


def give_contact(page: Page, email: str, _=str) -> None:
    """The public link's "How can we reach you?" step, after the story: type the address, ask for the code, and wait
    for the step that asks for it (by its heading: the step before says "confirm your email" too)."""
    see_heading(page, _("How can we reach you?"))
    type_into(page, _("Your email"), email)
    press(page, _("Send me a code"))
    see_heading(page, _("Confirm your email"))


def see_heading(page: Page, text: str, timeout: float = 10_000) -> Locator:
    """Wait until a heading that reads ``text`` is visible (``see`` would take the same words in a sentence)."""
    found = page.get_by_role("heading", name=text).first
    found.wait_for(state="visible", timeout=timeout)
    return found


def confirm_email(page: Page, engine, email: str, _=str) -> None:
    """The public link's "confirm your email" step: read the code from the outbox, as the customer reads
    their inbox, type it and press Enter, which confirms it as the button does (``_`` translates the labels for a
    page in another language)."""
    from tests.support import emailed_code

    see_heading(page, _("Confirm your email"))
    box = field(page, _("Code from the email"))
    box.fill(emailed_code(engine, email))
    box.press("Enter")


def walk_to_remedies(page: Page, engine, _=str, *, story: str = "The technician was two hours late") -> None:
    """The public link from the welcome to "let us put it right", in the page's language (``_``)."""
    see(page, _("Tell us what happened"), timeout=30_000)  # a new session's first page is the slowest
    press(page, _("Tell us what happened"))
    type_into(page, _("What happened?"), story)
    type_into(page, _("What bothered you most?"), story)
    press(page, _("Continue"))
    give_contact(page, "noa@example.com", _)
    confirm_email(page, engine, "noa@example.com", _)
    press(page, _("Yes, that's right"))
    press(page, _("No, that's everything"))
    see_heading(page, _("A few details"))
    press(page, _("Continue"))
    see_heading(page, _("Anything to show us?"))
    press(page, _("Continue"))
    see_heading(page, _("Let us put it right"))


# Each character of an element with where it is drawn, read back left to right, line by line: the text as the eye
# sees it on the screen, whatever order it has in the page (right-to-left text reorders mixed runs).
_VISUAL_ORDER = """(element) => {
  const drawn = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (box.width > 0) drawn.push([Math.round(box.top / 4), box.left, node.data[i]]);
    }
  }
  drawn.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return drawn.map((d) => d[2]).join("");
}"""


def read_on_screen(locator: Locator) -> str:
    """What a person reads in ``locator`` from left to right, spaces left out (the screenshot's text in order)."""
    return "".join(str(locator.evaluate(_VISUAL_ORDER)).split())


AXE = Path(__file__).resolve().parents[2] / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core, which scripts/test installs from npm."""

_SERIOUS_VIOLATIONS = """async () => {
  const found = await axe.run(document, {resultTypes: ["violations"]});
  return found.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}"""


def accessibility_problems(page: Page) -> list[str]:
    """The serious and critical violations axe-core finds on the Streamlit page once its script is done."""
    settle(page)
    return axe_problems(page)


def axe_problems(page: Page) -> list[str]:
    """The serious and critical violations axe-core finds on the page as it is drawn now (any page)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return list(page.evaluate(_SERIOUS_VIOLATIONS))
