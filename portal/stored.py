"""The id of a row that is in the store.

SQLModel types every primary key ``int | None``, as a new row has no id until it is flushed. Code holding a row it
read from the store, or flushed itself, knows the id is set: ``stored_id`` says so to the type checker, and fails
loudly instead of passing ``None`` on when that is not true."""

from __future__ import annotations

from typing import Protocol


class _Row(Protocol):
    @property
    def id(self) -> int | None: ...


def stored_id(row: _Row) -> int:
    """``row.id``, or ``ValueError`` if the row was never flushed to the store (so it has no id yet)."""
    if row.id is None:
        raise ValueError(f"this {type(row).__name__} has no id: it was never flushed to the store")
    return row.id
