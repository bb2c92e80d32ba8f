"""A Streamlit session driven at the protocol level, as the browser's frontend drives it: one WebSocket to
``/_stcore/stream``, ``BackMsg.rerun_script`` out and ``ForwardMsg`` deltas back (the protobuf classes of the
installed streamlit package), so that many customers cost the load generator a few milliseconds of CPU per click
instead of a browser each (benchmarks/capacity.py says how the two were measured).

What the frontend does and this does too:

- it keeps the elements the last runs drew, by their delta path, and forgets those a finished run (or, for a
  fragment's run, that fragment's part) did not draw again;
- a widget inside a fragment reruns that fragment only (``fragment_id``), and a field whose widget says
  ``ignore_rerun`` (the portal's ``NO_RERUN``) reruns nothing: its value travels with the next rerun;
- every rerun carries the values of the fields set so far, the clicked button's trigger, the page's query string
  (which the app may change: ``page_info_changed``) and the current page's script hash.

What it does not do: draw anything, load static files, or keep Streamlit's message cache. "Drawn" is the moment the
run's ``script_finished`` arrives, with every delta before it: the browser paints a few milliseconds later.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.exceptions import WebSocketException
from websockets.typing import Subprotocol

FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
}
RUN_TIMEOUT = 60.0


class AppError(Exception):
    """The app drew an exception, or a run did not finish in time, or the expected element never came."""


@dataclass
class Element:
    kind: str  # the Element proto's oneof: "button", "text_area", "heading", ...
    proto: Any
    fragment_id: str
    run: int  # which of this client's runs drew it last

    @property
    def label(self) -> str:
        return str(getattr(self.proto, "label", ""))

    @property
    def text(self) -> str:
        """What a person reads in it: a heading's or text's body, a widget's label."""
        return str(getattr(self.proto, "body", "") or self.label)


@dataclass
class Client:
    """One browser tab's session. ``connect`` loads the page; ``press``, ``fill`` and ``choose`` act like a person
    and return once the run they start is drawn; ``latencies`` holds each such interaction's seconds."""

    ws_url: str
    query_string: str = ""
    elements: dict[tuple[int, ...], Element] = field(default_factory=dict)
    values: dict[str, WidgetState] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # what each latency was: the label pressed, filled or chosen
    page_hash: str = ""
    session_id: str = ""
    cookies: dict[str, str] = field(default_factory=dict)  # a balancer's sticky cookie, kept as a browser keeps it
    _socket: Any = None
    _run: int = 0

    async def connect(self, *, session_id: str = "") -> float:
        """Open the WebSocket (``session_id``: a reconnect asks for its old session, as the frontend does) and
        run the page; return the seconds until it is drawn."""
        # The frontend's second entry is its XSRF token, a placeholder when it has none (as here: no sign-in cookie).
        protocols = [
            Subprotocol(p) for p in ("streamlit", "PLACEHOLDER_AUTH_TOKEN", session_id)[: 3 if session_id else 1]
        ]
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        self._socket = await websockets.connect(
            self.ws_url,
            subprotocols=protocols,
            max_size=None,
            additional_headers=headers,
            open_timeout=RUN_TIMEOUT,
            ping_interval=None,
        )
        for header in self._socket.response.headers.get_all("Set-Cookie"):
            name, _, value = header.split(";")[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        self.elements.clear()
        return await self._rerun(None, timed=False)

    async def close(self) -> None:
        if self._socket is not None:
            socket, self._socket = self._socket, None
            try:
                await socket.close()
            except (OSError, WebSocketException):
                pass  # already gone with its server

    # --- what a person does -----------------------------------------------------------------------------

    async def press(self, label: str) -> float:
        button = self.find("button", label)
        trigger = WidgetState(id=button.proto.id, trigger_value=True)
        return await self._rerun(button.fragment_id, trigger, action=label)

    async def fill(self, label: str, text: str) -> float | None:
        """Type ``text`` into a text field and leave it; None when the field reruns nothing."""
        box = self.find(("text_area", "text_input"), label)
        self.values[box.proto.id] = WidgetState(id=box.proto.id, string_value=text)
        if getattr(box.proto, "ignore_rerun", False):
            return None
        return await self._rerun(box.fragment_id, action=label)

    async def choose(self, label: str, option_starts: str) -> float | None:
        """Pick the first option of a radio whose text starts with ``option_starts``."""
        radio = self.find("radio", label)
        option = next((o for o in radio.proto.options if o.startswith(option_starts)), None)
        if option is None:
            raise AppError(f"no option starting {option_starts!r} in {list(radio.proto.options)}")
        self.values[radio.proto.id] = WidgetState(id=radio.proto.id, string_value=option)
        if getattr(radio.proto, "ignore_rerun", False):
            return None
        return await self._rerun(radio.fragment_id, action=label)

    # --- what a person reads ----------------------------------------------------------------------------

    def find(self, kinds: str | tuple[str, ...], label: str) -> Element:
        kinds = (kinds,) if isinstance(kinds, str) else kinds
        for element in self.ordered():
            if element.kind in kinds and element.label == label:
                return element
        raise AppError(f"no {'/'.join(kinds)} {label!r} on the page; it reads: {self.page_text()[:600]!r}")

    def ordered(self) -> list[Element]:
        return [self.elements[path] for path in sorted(self.elements)]

    def page_text(self) -> str:
        return "\n".join(element.text for element in self.ordered() if element.text)

    def headings(self) -> list[str]:
        return [element.text for element in self.ordered() if element.kind == "heading"]

    # --- the protocol ---------------------------------------------------------------------------------

    async def _rerun(
        self, fragment_id: str | None, trigger: WidgetState | None = None, *, action: str = "", timed: bool = True
    ) -> float:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash
        if fragment_id:
            state.fragment_id = fragment_id
        state.widget_states.widgets.extend([*self.values.values(), *([trigger] if trigger else [])])
        self._run += 1
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        await asyncio.wait_for(self._until_finished(fragment_id), RUN_TIMEOUT)
        seconds = time.perf_counter() - started
        if timed:
            self.latencies.append(seconds)
            self.actions.append(action)
        return seconds

    async def _until_finished(self, fragment_id: str | None) -> None:
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self._socket.recv())
            kind = message.WhichOneof("type")
            if kind == "delta":
                self._apply(message)
            elif kind == "new_session":
                self.session_id = message.new_session.initialize.session_id or self.session_id
            elif kind == "navigation":
                self.page_hash = message.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "script_finished" and message.script_finished in FINISHED:
                self._forget_stale(fragment_id)
                problems = [e.proto.message for e in self.elements.values() if e.kind == "exception"]
                if problems:
                    raise AppError(f"the app raised: {problems[0][:300]}")
                return

    def _apply(self, message: ForwardMsg) -> None:
        delta, path = message.delta, tuple(message.metadata.delta_path)
        kind = delta.WhichOneof("type")
        if kind == "new_element":
            element_kind = delta.new_element.WhichOneof("type") or ""
            proto = getattr(delta.new_element, element_kind) if element_kind else None
            self.elements[path] = Element(element_kind, proto, delta.fragment_id, self._run)
        elif kind == "add_block":
            self.elements[path] = Element("block", delta.add_block, delta.fragment_id, self._run)

    def _forget_stale(self, fragment_id: str | None) -> None:
        """What the finished run did not draw again is gone (for a fragment's run, within that fragment)."""
        stale = [
            path
            for path, element in self.elements.items()
            if element.run != self._run and (not fragment_id or element.fragment_id == fragment_id)
        ]
        for path in stale:
            del self.elements[path]
