"""What the AppTest-based benchmarks share."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from streamlit.runtime.scriptrunner.script_cache import ScriptCache


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

    ScriptCache.get_bytecode = get_bytecode  # type: ignore[method-assign]
    try:
        yield
    finally:
        ScriptCache.get_bytecode = original  # type: ignore[method-assign]
