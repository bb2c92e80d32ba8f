"""A step's elements with no logic behind them: the Streamlit calls one rerun of the step made, recorded as they
were made (``recording``), then made again by a script of their own (``replay_script``), in a fragment as the
conversation is, with the page's styles and language switch outside it (benchmarks/_shapes._HEAD). What the
step's rerun costs beyond that script's is what the portal's own code costs it: reading the session, the
store, the wording, deciding what to draw.

Only elements are recorded. A step that opens a block of its own (columns, an expander, a spinner) is refused
rather than flattened. A fragment inside the step ("confirm your email" polls for the emailed link in one)
draws nothing when the step draws it, so nothing of it is replayed: its bookkeeping counts as the step's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import streamlit as st

from benchmarks._shapes import HEAD

ELEMENTS = ("markdown", "text", "write", "title", "image", "caption", "html", "error", "info", "success", "warning",
            "text_input", "text_area", "number_input", "date_input", "file_uploader", "button", "radio", "checkbox",
            "selectbox")
BLOCKS = ("columns", "expander", "spinner", "popover", "form", "tabs", "empty")


@dataclass(frozen=True)
class Call:
    element: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


# Each step's calls by name, recorded in this process and read by the replaying scripts (run in this process too).
RECORDED: dict[str, list[Call]] = {}


@contextmanager
def recording(name: str) -> Iterator[None]:
    """Record, as ``RECORDED[name]``, every element the code run inside draws through ``st``."""
    calls = RECORDED[name] = []
    originals = {element: getattr(st, element) for element in (*ELEMENTS, *BLOCKS)}

    def recorder(element: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> Any:
            calls.append(Call(element, args, kwargs))
            return originals[element](*args, **kwargs)
        return record

    def refuse(element: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError(f"step {name!r} opens st.{element}: a replay of its elements would flatten it")
        return refused

    for element in ELEMENTS:
        setattr(st, element, recorder(element))
    for element in BLOCKS:
        setattr(st, element, refuse(element))
    try:
        yield
    finally:
        for element, original in originals.items():
            setattr(st, element, original)


def replay(name: str) -> None:
    """Draw the elements recorded as ``name``, with the arguments they were drawn with."""
    for call in RECORDED[name]:
        getattr(st, call.element)(*call.args, **call.kwargs)


def replay_script(name: str) -> str:
    """A page whose one fragment draws the elements recorded as ``name``."""
    return HEAD + f'''
from benchmarks._replay import replay


@st.fragment
def step():
    replay({name!r})


step()
'''
