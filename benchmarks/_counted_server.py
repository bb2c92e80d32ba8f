"""``portal run``, counting every SQL statement and transaction the server sends to its database (for
benchmarks/capacity.py's queries per journey): SQLAlchemy's events on every engine of the process, written to
the file named by ``AMENDS_COUNT_FILE`` as ``statements commits rollbacks`` twice a second; its second line is the
wall time in ms of every ``submit_case`` so far (the server's side of "Confirm my choice": what contention for the
cores disturbs less than the click-to-drawn time a customer sees).

    python benchmarks/_counted_server.py --port N --address 127.0.0.1
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event
from sqlalchemy.engine import Engine

_counts = {"statements": 0, "commits": 0, "rollbacks": 0}
_submits: list[float] = []  # ms each
_lock = threading.Lock()


def _count(name: str):
    def counted(*_args: object, **_kwargs: object) -> None:
        with _lock:
            _counts[name] += 1

    return counted


def _write_counts(path: Path) -> None:
    while True:
        with _lock:
            lines = (
                f"{_counts['statements']} {_counts['commits']} {_counts['rollbacks']}\n"
                + " ".join(f"{ms:.1f}" for ms in _submits)
                + "\n"
            )
        written = path.with_suffix(".tmp")
        written.write_text(lines)
        written.replace(path)  # whole: the reader never sees half a file
        time.sleep(0.5)


def _timed_submits() -> None:
    """``portal.recovery.cases.submit_case``, timed (before the customer page imports it by name)."""
    from portal.recovery import cases

    submit = cases.submit_case

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return submit(*args, **kwargs)
        finally:
            with _lock:
                _submits.append((time.perf_counter() - started) * 1000)

    cases.submit_case = timed


def main() -> None:
    _timed_submits()
    event.listen(Engine, "before_cursor_execute", _count("statements"))
    event.listen(Engine, "commit", _count("commits"))
    event.listen(Engine, "rollback", _count("rollbacks"))
    threading.Thread(target=_write_counts, args=(Path(os.environ["AMENDS_COUNT_FILE"]),), daemon=True).start()
    from portal.cli import app

    app(["run", *sys.argv[1:]])


if __name__ == "__main__":
    main()
