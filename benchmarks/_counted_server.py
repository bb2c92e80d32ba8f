"""``portal run``, counting every SQL statement and transaction the server sends to its database (for
benchmarks/capacity.py's queries per journey): SQLAlchemy's events on every engine of the process, written to
the file named by ``AMENDS_COUNT_FILE`` as ``statements commits rollbacks`` twice a second.

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

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

_counts = {"statements": 0, "commits": 0, "rollbacks": 0}
_lock = threading.Lock()


def _count(name: str):
    def counted(*_args: object, **_kwargs: object) -> None:
        with _lock:
            _counts[name] += 1

    return counted


def _write_counts(path: Path) -> None:
    while True:
        with _lock:
            line = f"{_counts['statements']} {_counts['commits']} {_counts['rollbacks']}\n"
        path.write_text(line)
        time.sleep(0.5)


def main() -> None:
    event.listen(Engine, "before_cursor_execute", _count("statements"))
    event.listen(Engine, "commit", _count("commits"))
    event.listen(Engine, "rollback", _count("rollbacks"))
    threading.Thread(target=_write_counts, args=(Path(os.environ["AMENDS_COUNT_FILE"]),), daemon=True).start()
    from portal.cli import app

    app(["run", *sys.argv[1:]])


if __name__ == "__main__":
    main()
