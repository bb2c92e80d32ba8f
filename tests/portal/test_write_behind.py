"""Writes a page hands over (portal.write_behind): in order, awaited on demand, failures kept and logged."""

from __future__ import annotations

import logging
import threading
import time

from portal import write_behind


def test_writes_land_in_the_order_they_were_handed_over_and_wait_sees_them_all():
    landed: list[int] = []

    def write(n: int) -> None:
        time.sleep(0.002 if n % 2 else 0)  # an uneven pace: order must not depend on it
        landed.append(n)

    for n in range(40):
        write_behind.submit(write, n)
    write_behind.wait()
    assert landed == list(range(40))


def test_the_page_does_not_wait_for_a_write():
    release = threading.Event()
    future = write_behind.submit(release.wait, 5)
    assert not future.done()  # handed over: the caller went on
    release.set()
    write_behind.wait()
    assert future.done()


def test_a_failed_write_is_kept_in_its_future_logged_and_the_next_ones_still_land(caplog):
    def busy() -> None:
        raise RuntimeError("database is locked")

    landed: list[str] = []
    with caplog.at_level(logging.WARNING, logger="portal.write_behind"):
        failed = write_behind.submit(busy)
        write_behind.submit(landed.append, "next")
        write_behind.wait()
    assert isinstance(failed.exception(), RuntimeError)
    assert landed == ["next"]
    assert "RuntimeError at tests/portal/test_write_behind.py" in caplog.text  # its kind and place, not its message
