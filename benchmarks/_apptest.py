"""What the AppTest-based benchmarks share."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit.testing.v1.local_script_runner as local_script_runner
from streamlit.runtime.scriptrunner import ScriptRunnerEvent
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from tests.support import run_fragment


def quiet_missing_context() -> None:
    """Silence Streamlit's "missing ScriptRunContext" warning, which AppTest's constructor and session state set
    outside a script run set off: harmless, and it buried the figures. A filter, as Streamlit resets its loggers'
    levels when it loads its config."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )


# How often a rerun's wait for its end looks at the runner's own record of events (see finish_awaited).
_LOOK_AGAIN = 0.05


@contextmanager
def as_served() -> Iterator[None]:
    """AppTest's reruns, timed as a served app's would be: each script compiled once (``bytecode_kept``),
    and ``at.run()`` returning as soon as the script has finished (``finish_awaited``)."""
    with bytecode_kept(), finish_awaited():
        yield


@contextmanager
def bytecode_kept() -> Iterator[None]:
    """Keep each script's compiled code across AppTest runs, as a served app's one ScriptCache does."""
    compiled: dict[str, object] = {}
    original = ScriptCache.get_bytecode

    def get_bytecode(self: ScriptCache, script_path: str) -> object:
        path = os.path.abspath(script_path)
        if path not in compiled:
            compiled[path] = original(self, script_path)
        return compiled[path]

    ScriptCache.get_bytecode = get_bytecode  # type: ignore[method-assign]  # patched for the length of a run, then restored
    try:
        yield
    finally:
        ScriptCache.get_bytecode = original  # type: ignore[method-assign]  # patched for the length of a run, then restored


@contextmanager
def finish_awaited() -> Iterator[None]:
    """``at.run()`` returns when the script run has ended, not at the next tick of AppTest's poll.

    AppTest's ``require_widgets_deltas`` checks whether the run has ended every ``time.sleep(0.001)``, about
    1.1 ms here: each rerun's time came out rounded up to a tick, adding 0 to 1.1 ms at random to reruns that
    take 3 to 9 ms (and pulling every ratio towards 1). Here the run's own end event wakes it.
    """
    original = local_script_runner.require_widgets_deltas

    def awaited(runner: local_script_runner.LocalScriptRunner, timeout: float = 3) -> None:
        ended = threading.Event()

        def on_event(_sender: Any, event: ScriptRunnerEvent, **_kwargs: Any) -> None:
            if event == ScriptRunnerEvent.SHUTDOWN:
                ended.set()

        runner.on_event.connect(on_event, weak=False)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                # An end event sent just before this receiver was connected went only to those connected before
                # it (each send walks a snapshot), the runner's own record among them: look at that too.
                if runner.script_stopped() or ended.wait(_LOOK_AGAIN):
                    return
        finally:
            runner.on_event.disconnect(on_event)
        original(runner, 0)  # stops the runner and raises AppTest's own timeout error

    local_script_runner.require_widgets_deltas = awaited
    try:
        yield
    finally:
        local_script_runner.require_widgets_deltas = original


def rerun_fragment(at: AppTest, fragment_id: str) -> None:
    """Rerun one fragment of ``at``'s page, as a click or a field change inside it does in a browser
    (``tests.support.run_fragment``).

    Such a run sends only the fragment's elements, so ``at`` keeps the whole page's element tree it had, and the
    widget states it sends next are the whole page's, as the browser's are."""
    page = at._tree
    try:
        run_fragment(at, fragment_id)
        ran = at._tree
    finally:
        at._tree = page
    if ran.exception:
        raise RuntimeError(ran.exception[0].message)
