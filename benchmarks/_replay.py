"""A step's elements with no logic behind them: the Streamlit calls one rerun of the step made, recorded as they
were made (``recording``), then made again by a script of their own (``replay_script``), in a fragment as the
conversation is, with the page's styles and language switch outside it (benchmarks/_shapes.HEAD). What the
step's rerun costs beyond that script's is what the portal's own code costs it: reading the session, the
store, the wording, deciding what to draw.

Elements are recorded, and the blocks that hold them as a ``with`` does (a form, an expander, a spinner), each
with what was drawn inside it; columns and tabs, drawn into through the objects they return, are refused rather
than flattened. A fragment inside the step would not be replayed: its container and bookkeeping would count as
the step's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import streamlit as st

from benchmarks._shapes import HEAD

ELEMENTS = (
    "markdown",
    "text",
    "write",
    "title",
    "image",
    "caption",
    "html",
    "error",
    "info",
    "success",
    "warning",
    "text_input",
    "text_area",
    "number_input",
    "date_input",
    "file_uploader",
    "button",
    "form_submit_button",
    "radio",
    "checkbox",
    "selectbox",
)
BLOCKS = ("form", "expander", "spinner", "popover")  # entered with ``with``
REFUSED = ("columns", "tabs", "empty")


@dataclass(frozen=True)
class Call:
    element: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    inside: list[Call] | None = None  # a block's: what was drawn in it


class _Entered:
    """A recorded block as its ``with`` uses it: what is drawn inside is recorded as the block's."""

    def __init__(self, block: Any, inside: list[Call], open_blocks: list[list[Call]]) -> None:
        self._block, self._inside, self._open_blocks = block, inside, open_blocks

    def __enter__(self) -> Any:
        self._open_blocks.append(self._inside)
        return self._block.__enter__()

    def __exit__(self, *raised: Any) -> Any:
        self._open_blocks.pop()
        return self._block.__exit__(*raised)


# Each step's calls by name, recorded in this process and read by the replaying scripts (run in this process too).
RECORDED: dict[str, list[Call]] = {}


@contextmanager
def recording(name: str) -> Iterator[None]:
    """Record, as ``RECORDED[name]``, every element the code run inside draws through ``st``."""
    open_blocks: list[list[Call]] = [[]]
    RECORDED[name] = open_blocks[0]
    originals = {element: getattr(st, element) for element in (*ELEMENTS, *BLOCKS, *REFUSED)}

    def recorder(element: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> Any:
            open_blocks[-1].append(Call(element, args, kwargs))
            return originals[element](*args, **kwargs)

        return record

    def block_recorder(element: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> Any:
            inside: list[Call] = []
            open_blocks[-1].append(Call(element, args, kwargs, inside))
            return _Entered(originals[element](*args, **kwargs), inside, open_blocks)

        return record

    def refuse(element: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError(f"step {name!r} opens st.{element}: a replay of its elements would flatten it")

        return refused

    for element in ELEMENTS:
        setattr(st, element, recorder(element))
    for element in BLOCKS:
        setattr(st, element, block_recorder(element))
    for element in REFUSED:
        setattr(st, element, refuse(element))
    try:
        yield
    finally:
        for element, original in originals.items():
            setattr(st, element, original)


def replay(name: str) -> None:
    """Draw the elements recorded as ``name``, with the arguments they were drawn with."""
    _draw(RECORDED[name])


def drawn(calls: list[Call]) -> int:
    """How many elements and blocks the calls draw, what is inside blocks included."""
    return sum(1 + drawn(call.inside or []) for call in calls)


def _draw(calls: list[Call]) -> None:
    for call in calls:
        made = getattr(st, call.element)(*call.args, **call.kwargs)
        if call.inside is not None:
            with made:
                _draw(call.inside)


def replay_script(name: str) -> str:
    """A page whose one fragment draws the elements recorded as ``name``."""
    return (
        HEAD
        + f"""
from benchmarks._replay import replay


@st.fragment
def conversation():  # named as the page's is (tests.support.page_fragment finds it by name)
    replay({name!r})


conversation()
"""
    )
