"""A customer walking the invite journey to a submitted case over Streamlit's protocol (benchmarks/_streamlit_client),
the same way on the portal and on the bare journey (benchmarks/_bare_journey.py), which share their labels.

The walk reads which step is on the page and does what that step asks, rather than following a fixed list: a
customer whose replica died reconnects, the portal opens their saved conversation at the step it kept, and they go
on from there. ``Walk`` records what that cost: reconnects, and steps the customer had seen drawn that the page
no longer had (a save that never landed: lost work).
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from websockets.exceptions import WebSocketException

from benchmarks._fleet import STICKY_COOKIE
from benchmarks._streamlit_client import AppError, Client

STORY = "I booked a furnace repair for 9:00. Your mechanic arrived at 10:30 and did not call ahead. (customer {n})"
BOTHERED = "Your mechanic was 90 minutes late to fix my furnace"
REMEDY = ("What would put this right for you?", "A full refund")
# The steps in the order a customer meets them, each known by an element only it draws (kind, label or text start).
STEPS: list[tuple[str, str, str]] = [
    ("welcome", "button", "Tell us what happened"),
    ("story", "text_area", "What happened?"),
    ("validate", "button", "Yes, that's right"),
    ("apologize", "button", "No, that's everything"),
    ("details", "number_input", "Amount involved (optional)"),
    ("evidence", "file_uploader", "Photos or documents (optional)"),
    ("remedy", "radio", REMEDY[0]),
    ("case", "markdown", "# Your case "),
]
REFERENCE = re.compile(r"\bAM-[A-Z0-9]+\b")
# The conversation is kept on the server from the story sent on (portal.recovery.drafts); before that, a customer whose
# replica died starts again (what they typed and had not sent is still in their browser's boxes).
KEPT_FROM = [name for name, _, _ in STEPS].index("validate")
RECONNECT_FOR = 60.0  # seconds a customer keeps trying to reconnect before giving up


def step_of(client: Client) -> int:
    """The index in STEPS of the step the page shows; -1 when none is recognised."""
    for index in range(len(STEPS) - 1, -1, -1):
        _, kind, marker = STEPS[index]
        for element in client.elements.values():
            if element.kind == kind and (element.label == marker or element.text.startswith(marker)):
                return index
    return -1


@dataclass
class Walk:
    """One journey: what it cost and how it ended."""

    number: int
    latencies: list[float] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    reconnects: int = 0
    steps_lost: int = 0  # steps drawn after the story was sent, before a failure, that the reconnected page had lost
    restarted: int = 0  # steps redone because the failure came before the story was sent (nothing is kept till then)
    reference: str = ""
    error: str = ""
    served_by: str = ""  # the balancer's sticky cookie at the first page: which replica served the customer


Think = Callable[[], Awaitable[None]]


def thinking(low: float, high: float, rng: random.Random) -> Think:
    async def think() -> None:
        if high > 0:
            await asyncio.sleep(rng.uniform(low, high))

    return think


async def act(client: Client, step: str, number: int, think: Think) -> None:
    """What a customer does on ``step`` (thinking before each thing they do)."""
    await think()
    if step == "welcome":
        await client.press("Tell us what happened")
    elif step == "story":
        await client.fill("What happened?", STORY.format(n=number))
        await think()
        await client.fill("What bothered you most?", BOTHERED)
        await think()
        await client.press("Continue")
    elif step == "validate":
        await client.press("Yes, that's right")
    elif step == "apologize":
        await client.press("No, that's everything")
    elif step in ("details", "evidence"):
        await client.press("Continue")
    elif step == "remedy":
        await client.choose(*REMEDY)
        await think()
        await client.press("Confirm my choice")


async def walk(
    ws_url: str, query_string: str, number: int, think: Think, *, cookies: dict[str, str] | None = None
) -> Walk:
    """A customer follows their link to a submitted case; a failed connection (a replica gone) is reconnected
    with the same cookies and session, as the frontend does, until the page answers again."""
    result = Walk(number)
    client = Client(ws_url, query_string, cookies=dict(cookies or {}))
    reached = -1
    try:
        await _connect(client, result, first=True)
        result.served_by = client.cookies.get(STICKY_COOKIE, "")
        while True:
            step = step_of(client)
            if step < 0:
                raise AppError(f"no known step on the page: {client.page_text()[:300]!r}")
            if step < reached and reached >= KEPT_FROM:
                result.steps_lost += reached - step
            elif step < reached:
                result.restarted += reached - step
            reached = step
            if STEPS[step][0] == "case":
                heading = next(e.text for e in client.elements.values() if e.text.startswith("# Your case "))
                found = REFERENCE.search(heading)
                result.reference = found.group(0) if found else heading
                return result
            try:
                await act(client, STEPS[step][0], number, think)
            except (TimeoutError, WebSocketException, OSError):
                await _connect(client, result, first=False)
    except (TimeoutError, AppError, WebSocketException, OSError) as error:
        result.error = f"{type(error).__name__}: {str(error)[:300]}"
        return result
    finally:
        result.latencies, result.actions = list(client.latencies), list(client.actions)
        await client.close()


async def _connect(client: Client, result: Walk, *, first: bool) -> None:
    if not first:
        result.reconnects += 1
    deadline = time.monotonic() + RECONNECT_FOR
    while True:
        try:
            await client.close()
            await client.connect(session_id="" if first else client.session_id)
            return
        except (TimeoutError, WebSocketException, OSError):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)
