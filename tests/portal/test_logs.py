"""Logs never hold what a customer typed: an error is logged by its kind and place, never by its message (a
database's message can quote a value, and SQLAlchemy's listed every parameter of the failed statement)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from db.engine import write_session
from portal import logs, write_behind

STORY = "my story about the SECRET boiler"


@pytest.fixture
def hidden() -> Iterator[None]:
    """Error messages hidden, as the served app and the worker hide them; this process's logging put back after."""
    before = logging.getLogRecordFactory()
    logs.hide_error_messages()
    yield
    logging.setLogRecordFactory(before)


def fail_in_a_chain() -> None:
    try:
        raise KeyError(STORY)
    except KeyError as error:
        raise ValueError(f"could not keep {STORY!r}") from error


def test_a_logged_error_names_its_kind_and_place_but_never_its_message(hidden, caplog):
    try:
        fail_in_a_chain()
    except ValueError:
        logging.getLogger("amends.test").exception("Uncaught app execution")
    assert "Uncaught app execution" in caplog.text
    assert "KeyError" in caplog.text and "ValueError" in caplog.text and "direct cause" in caplog.text
    assert "test_logs.py" in caplog.text and "fail_in_a_chain" in caplog.text
    assert "SECRET" not in caplog.text


def test_a_failed_statement_does_not_quote_its_parameters(store):
    with pytest.raises(DBAPIError) as failure, write_session(store.engine) as session:
        session.execute(text("INSERT INTO no_such_table (story) VALUES (:story)"), {"story": STORY})
    assert "SECRET" not in str(failure.value)


def test_a_write_handed_over_by_a_page_that_fails_is_logged_without_what_it_wrote(caplog):
    def save() -> None:
        raise ValueError(f"could not save {STORY!r}")

    caplog.set_level(logging.WARNING, logger="portal.write_behind")
    write_behind.submit(save)
    write_behind.wait()
    assert "A write handed over by a page failed: ValueError at tests/portal/test_logs.py" in caplog.text
    assert "SECRET" not in caplog.text


def test_an_error_raised_in_a_library_is_placed_at_the_last_line_of_ours_it_passed():
    import json

    try:
        json.loads(STORY)
    except ValueError as error:
        described = logs.describe(error)
    assert described.startswith("json.decoder.JSONDecodeError at tests/portal/test_logs.py:")
    assert "SECRET" not in described
