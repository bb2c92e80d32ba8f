"""What one browser tab's customer page keeps between its reruns: one object in Streamlit's session.

Every read of Streamlit's session goes through its lock and its widget bookkeeping (4-9 µs each on this machine),
and each rerun and some widgets walk over all its keys. The conversation used to keep a dozen keys there and read
most of them on every click's rerun: a third of what its own code cost the details step (benchmarks/steps.py).
Read once per rerun (``customer_tab``), this object's fields are plain attributes, and their types say what each
one holds. What the customer types stays in the widgets' own keys.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field

import streamlit as st

from portal.entry.intake import IntakeRefused, LinkResult, Verification
from portal.entry.links import ResolvedLink
from portal.recovery.cases import CaseView
from portal.recovery.evidence import EvidenceItem, Rejection
from portal.recovery.journey import Draft, Problem
from portal.writes import Kept

TAB_KEY = "customer_tab"

# What the "confirm your email" step says once, after an action: a refusal, "resent", or ("wrong", guesses left).
VerifyNotice = IntakeRefused | str | tuple[str, int]


@dataclass
class CustomerTab:
    """The customer page's state in one tab, grouped by who reads it."""

    # The conversation (portal/ui/customer_page.py)
    draft: Draft | None = None
    invite_token: str | None = None  # the invite link the draft came with; None for the public link
    invite_id: int | None = None
    draft_gone: bool = False  # the conversation the link pointed at is no longer kept: the welcome says so, once
    problems: dict[str, list[Problem]] = field(default_factory=dict)  # what each form's last check found
    correcting: bool = False  # "did we understand you?" shows the correction box
    unsaved: bool = False  # moved on since it was last kept on the server
    saving: Future[object] | None = None  # its last save, handed over (portal.write_behind)
    opened_links: dict[str, ResolvedLink] = field(default_factory=dict)  # each link once opened, until it expires
    # The order and photos step's files (portal/ui/attachments.py)
    evidence_round: int = 0  # the uploader's generation: a new one, empty, after each upload
    evidence_refused: tuple[str, list[tuple[str, Rejection]]] | None = None  # (submission key, files refused)
    evidence_attached: tuple[str, list[EvidenceItem]] | None = None  # (submission key, what is attached)
    # The public link's intake (portal/ui/intake.py)
    intake_closed: bool = False  # the honeypot was filled: nothing more here
    polling: bool = False  # the page around the conversation polls for the emailed link
    full_run: bool = False  # set while a full run draws the poll
    verify_status: tuple[tuple[str, str], Verification] | None = None  # ((submission key, address), newest code)
    verify_checked: bool = False  # this rerun's callbacks have checked the typed code
    verify_wrong: tuple[str, int] | None = None  # the last code found wrong, and the guesses it left
    verify_notice: VerifyNotice | None = None
    confirmed_links: dict[str, LinkResult] = field(default_factory=dict)  # emailed links this tab used, by token
    new_code_asked: bool = False  # back from "confirm your email" for another code: the next one sent is new
    case_refusal: IntakeRefused | None = None  # why "Confirm my choice" was refused, shown once by the remedy step
    # The case page, once the case exists
    just_submitted: str | None = None  # the reference of the case this tab has just sent
    case_view: Kept[CaseView] | None = None
    case_notice: str | None = None

    def problems_of(self, form: str) -> list[Problem]:
        return self.problems.get(form, [])

    def set_problems(self, form: str, problems: list[Problem]) -> None:
        self.problems[form] = problems


def customer_tab() -> CustomerTab:
    """This tab's ``CustomerTab``, made on its first run."""
    tab: CustomerTab | None = st.session_state.get(TAB_KEY)
    if tab is None:
        tab = st.session_state[TAB_KEY] = CustomerTab()
    return tab
