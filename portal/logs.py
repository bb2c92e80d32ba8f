"""Logs that never hold what a customer typed.

An error's message may quote it: PostgreSQL's own messages do ("Key (email)=(...) already exists", "invalid input
syntax ...: \"...\""), and so did SQLAlchemy's, which listed every parameter of the failed statement (a whole story
once went to the log that way). So a log names an error's kind and where it was raised, with its traceback's
frames, never its message. The served app (portal/asgi.py) and the worker install this for every logger in the
process, Streamlit's report of an uncaught script error included (its rich console printer, which would bypass
logging, is off in .streamlit/config.toml).
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any

HIDDEN = "message hidden: it may quote what a customer typed"
_PROJECT = Path(__file__).resolve().parent.parent


def describe(error: BaseException) -> str:
    """An error's kind and the last place in our code it passed (``DataError at portal/recovery/drafts.py:88``), not its
    message."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if _ours(frame)]
    return f"{_kind(error)} at {_where((ours or frames)[-1])}" if frames else _kind(error)


def redacted_traceback(error: BaseException) -> str:
    """The traceback Python would print for ``error`` (its causes first), each message replaced by ``HIDDEN``."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = error
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = (
                current.__cause__,
                "\nThe above exception was the direct cause of the following exception:\n\n",
            )
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = (
                current.__context__,
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            )
        else:
            current = None
    parts = []
    for failure, then in reversed(chain):
        frames = "".join(traceback.format_list(traceback.extract_tb(failure.__traceback__)))
        parts.append(f"Traceback (most recent call last):\n{frames}{_kind(failure)} ({HIDDEN})\n{then}")
    return "".join(parts).rstrip("\n")


def hide_error_messages() -> None:
    """From now on, every log record of this process that carries an exception carries ``redacted_traceback``
    instead (installed once, however often it is called)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "hides_error_messages", False):
        return

    def record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        made = previous(*args, **kwargs)
        if made.exc_info and made.exc_info[1] is not None:
            made.exc_text = redacted_traceback(made.exc_info[1])
            made.exc_info = None
        return made

    record.hides_error_messages = True  # type: ignore[attr-defined]  # our own marker on the record, read by the handler
    logging.setLogRecordFactory(record)


def _kind(error: BaseException) -> str:
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _ours(frame: traceback.FrameSummary) -> bool:
    path = Path(frame.filename)
    return path.is_relative_to(_PROJECT) and not path.relative_to(_PROJECT).parts[0].startswith(".")  # not .venv


def _where(frame: traceback.FrameSummary) -> str:
    path = Path(frame.filename)
    shown = path.relative_to(_PROJECT) if path.is_relative_to(_PROJECT) else path
    return f"{shown}:{frame.lineno}"
